"""`caveat service install|status|uninstall`: the server starts at every login, with no terminal left open.

Linux gets a systemd user unit, macOS a launchd agent, Windows a scheduled task (server/service_files.py writes
them). Registered as the `service` subcommand through the `caveat.commands` entry point, like `caveat serve`.
On Linux the unit is enabled by the same link `systemctl --user enable` makes, so installing works even where no
user manager is reachable yet (an SSH session, a container): it then starts at the next login."""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from .config import DEFAULT_PORT
from .service_files import LABEL, TASK, UNIT, ServiceSpec, launchd_plist, systemd_unit, windows_task


def _run(*command: str) -> str | None:
    """Runs a service manager's command; None when it worked, else its first line of complaint."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{command[0]}: {exc}"
    if done.returncode == 0:
        return None
    lines = (done.stderr or done.stdout).strip().splitlines()
    return f"{' '.join(command[:3])}: {lines[0] if lines else f'exit code {done.returncode}'}"


class Systemd:
    name = "systemd"  # `caveat serve --service`: how the extension says to start it again
    kind = "systemd user unit"

    def __init__(self, home: Path):
        config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
        self.path = config / "systemd" / "user" / UNIT
        self.wanted = config / "systemd" / "user" / "default.target.wants" / UNIT

    encoding = "utf-8"

    @staticmethod
    def render(spec: ServiceSpec) -> str:
        return systemd_unit(spec)

    def register(self) -> list[str]:
        self.wanted.parent.mkdir(parents=True, exist_ok=True)
        self.wanted.unlink(missing_ok=True)
        self.wanted.symlink_to(Path("..") / UNIT)  # what `systemctl --user enable` does for WantedBy=default.target
        problem = _run("systemctl", "--user", "daemon-reload") or _run("systemctl", "--user", "restart", UNIT)
        return [f"not started now ({problem}); it starts at your next login"] if problem else []

    def unregister(self) -> list[str]:
        problem = _run("systemctl", "--user", "stop", UNIT)
        self.wanted.unlink(missing_ok=True)
        return [f"could not stop it now ({problem})"] if problem else []

    def after_removal(self) -> None:
        _run("systemctl", "--user", "daemon-reload")

    def manager_state(self) -> str:
        if not self.wanted.is_symlink():
            return "not enabled at login"
        problem = _run("systemctl", "--user", "is-active", "--quiet", UNIT)
        return "enabled at login; systemd says " + ("active" if problem is None else f"not active ({problem})")


class Launchd:
    name = "launchd"
    kind = "launchd agent"

    def __init__(self, home: Path):
        self.path = home / "Library" / "LaunchAgents" / f"{LABEL}.plist"
        self.domain = f"gui/{os.getuid()}" if hasattr(os, "getuid") else "gui"

    encoding = "utf-8"

    @staticmethod
    def render(spec: ServiceSpec) -> str:
        return launchd_plist(spec).decode("utf-8")

    def register(self) -> list[str]:
        _run("launchctl", "bootout", f"{self.domain}/{LABEL}")  # an older copy, if loaded; absent is fine
        problem = _run("launchctl", "bootstrap", self.domain, str(self.path))
        return [f"not started now ({problem}); it starts at your next login"] if problem else []

    def unregister(self) -> list[str]:
        _run("launchctl", "bootout", f"{self.domain}/{LABEL}")
        return []

    def after_removal(self) -> None:
        pass

    def manager_state(self) -> str:
        problem = _run("launchctl", "print", f"{self.domain}/{LABEL}")
        return "loaded by launchd" if problem is None else f"not loaded ({problem})"


class TaskScheduler:
    name = "task"
    kind = "scheduled task"

    def __init__(self, home: Path):
        self.path = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / "Caveat" / "caveat-task.xml"

    encoding = "utf-16"  # what the XML declares; schtasks reads it

    @staticmethod
    def render(spec: ServiceSpec) -> str:
        return windows_task(spec)

    def register(self) -> list[str]:
        problem = _run("schtasks", "/Create", "/TN", TASK, "/XML", str(self.path), "/F")
        if problem:
            raise RuntimeError(problem)
        problem = _run("schtasks", "/Run", "/TN", TASK)
        return [f"not started now ({problem}); it starts at your next logon"] if problem else []

    def unregister(self) -> list[str]:
        _run("schtasks", "/End", "/TN", TASK)
        problem = _run("schtasks", "/Delete", "/TN", TASK, "/F")
        return [f"could not delete the task ({problem})"] if problem else []

    def after_removal(self) -> None:
        pass

    def manager_state(self) -> str:
        problem = _run("schtasks", "/Query", "/TN", TASK)
        return "registered with Task Scheduler" if problem is None else f"not registered ({problem})"


MANAGERS = {"linux": Systemd, "darwin": Launchd, "win32": TaskScheduler}


def manager():
    platform = "linux" if sys.platform.startswith("linux") else sys.platform
    if platform not in MANAGERS:
        raise SystemExit(f"caveat service: no service manager known for {sys.platform}; run 'caveat serve' instead")
    return MANAGERS[platform](Path.home())


def spec_for(port: int, kb: Path | None, service: str) -> ServiceSpec:
    python = Path(sys.executable)
    if sys.platform == "win32" and (python.parent / "pythonw.exe").exists():
        python = python.parent / "pythonw.exe"  # no console window at logon
    argv = [str(python), "-m", "caveat.annotator", "serve", "--port", str(port), "--workers", "1", "--service", service]
    if kb is not None:
        argv += ["--kb", str(kb.resolve())]
    log = Path.home() / "Library" / "Logs" / "caveat-server.log"
    return ServiceSpec(tuple(argv), port, str(log))


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="caveat service", description="Start the Caveat server at every login.")
    sub = p.add_subparsers(dest="action", required=True)
    install = sub.add_parser("install", help="start the server at login (and now)")
    install.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    install.add_argument("--kb", type=Path, default=None, help="knowledge base folder (default: the bundled KB)")
    install.add_argument("--print", action="store_true", help="print the service file instead of installing it")
    status = sub.add_parser("status", help="is it installed, and does the server answer?")
    status.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    sub.add_parser("uninstall", help="stop the server and no longer start it at login")
    return p


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    service = manager()
    return {"install": _install, "status": _status, "uninstall": _uninstall}[args.action](service, args)


def _install(service, args) -> int:
    if not 0 < args.port < 65536 or (args.kb is not None and not args.kb.is_dir()):
        print("caveat service: --port must be within 1-65535 and --kb a folder of <id>.yaml files", file=sys.stderr)
        return 2
    spec = spec_for(args.port, args.kb, service.name)
    if args.print:
        sys.stdout.write(service.render(spec))
        return 0
    service.path.parent.mkdir(parents=True, exist_ok=True)
    service.path.write_text(service.render(spec), encoding=service.encoding)
    try:
        notes = service.register()
    except RuntimeError as exc:
        print(f"caveat service: wrote {service.path} but could not register it: {exc}", file=sys.stderr)
        return 1
    print(f"Installed the Caveat {service.kind}: {service.path}")
    print(f"The server starts at every login on http://127.0.0.1:{args.port}.")
    for note in notes:
        print(f"Note: {note}. Until then: caveat serve --port {args.port}")
    return 0


def _status(service, args) -> int:
    installed = service.path.exists()
    print(f"Caveat {service.kind}: " + (f"installed at {service.path}; {service.manager_state()}"
                                         if installed else "not installed ('caveat service install')"))
    health = _health(args.port)
    print(f"http://127.0.0.1:{args.port}: " + (f"answering, knowledge base {health['kb_version']}"
                                                 if health else "no Caveat server answering"))
    return 0 if installed and health else 1


def _health(port: int) -> dict | None:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=3) as response:
            return json.loads(response.read())
    except (urllib.error.URLError, OSError, ValueError):
        return None


def _uninstall(service, args) -> int:
    if not service.path.exists():
        print(f"caveat service: nothing to uninstall ({service.path} does not exist)")
        return 0
    notes = service.unregister()
    service.path.unlink()
    service.after_removal()
    print(f"Removed the Caveat {service.kind} ({service.path}); the server no longer starts at login.")
    for note in notes:
        print(f"Note: {note}.")
    return 0
