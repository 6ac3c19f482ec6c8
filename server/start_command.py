"""The command that starts this server again the way it was installed, for the extension's "server not running"
message: the reader who ran `make run` in a clone has no `caveat` on PATH, and one whose server starts at login
should restart the service rather than open a terminal. Decided only by facts the server can see: the service
manager that started it (`caveat service install` passes `--service`, or CAVEAT_SERVICE), else whether this code
runs from a git clone with Caveat's Makefile, else an installed package, whose `caveat` command is on PATH."""
from __future__ import annotations

import os
from pathlib import Path

from .service_files import LABEL, TASK, UNIT

SERVICES = ("systemd", "launchd", "task")
CLONE = Path(__file__).resolve().parent.parent  # server/ sits at the top of a clone; in a wheel, in site-packages


def service_name(value: str) -> str:
    """CAVEAT_SERVICE as a setting: one of SERVICES (ValueError names nothing else, so a typo stops the server)."""
    if value not in SERVICES:
        raise ValueError(value)
    return value


def _service_command(service: str) -> str:
    if service == "systemd":
        return f"systemctl --user start {UNIT.removesuffix('.service')}"
    if service == "launchd":
        uid = os.getuid() if hasattr(os, "getuid") else "$(id -u)"
        return f"launchctl kickstart gui/{uid}/{LABEL}"
    return f'schtasks /Run /TN "{TASK}"'


def is_clone(root: Path) -> bool:
    """A git checkout of Caveat, where `make run` sets up the venv and starts the server."""
    return (root / ".git").exists() and (root / "Makefile").is_file()


def start_command(service: str) -> str:
    """The one short command that starts this server again (`service` is "" when no service manager started it)."""
    if service:
        return _service_command(service)
    return "make run" if is_clone(CLONE) else "caveat serve"
