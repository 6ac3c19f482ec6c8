"""The files that make `caveat serve` start at login: a systemd user unit (Linux), a launchd agent (macOS) and a
Task Scheduler task (Windows). Pure text, so every platform's file is tested on any machine; server/service.py
writes and registers the one for the machine it runs on."""
from __future__ import annotations

import plistlib
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

LABEL = "org.caveat.server"   # launchd label
UNIT = "caveat.service"       # systemd user unit
TASK = "Caveat server"        # Windows scheduled task
DESCRIPTION = "Caveat server: evidence-based warnings next to health treatments (http://127.0.0.1:{port})"


@dataclass(frozen=True)
class ServiceSpec:
    """What the service runs: `argv` is the whole command line (the Python that has Caveat installed, `-m
    caveat.annotator serve` and its options), so a pipx or uv install keeps working without PATH."""
    argv: tuple[str, ...]
    port: int
    log_path: str

    @property
    def description(self) -> str:
        return DESCRIPTION.format(port=self.port)


def _systemd_quote(arg: str) -> str:
    """systemd splits ExecStart= like a shell but knows only quotes and backslashes; '%' and '$' are its own."""
    arg = arg.replace("%", "%%").replace("$", "$$")
    if re.fullmatch(r"[A-Za-z0-9_@%+=:,./-]+", arg):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'


def systemd_unit(spec: ServiceSpec) -> str:
    """A user unit wanted by default.target: the user's manager starts it at login and restarts it if it fails.
    It logs to the journal, where `journalctl --user -u caveat` reads it."""
    return "\n".join([
        "[Unit]",
        f"Description={spec.description}",
        "",
        "[Service]",
        "Type=simple",
        "ExecStart=" + " ".join(_systemd_quote(a) for a in spec.argv),
        "Environment=PYTHONUNBUFFERED=1",
        "Restart=on-failure",
        "RestartSec=5",
        "",
        "[Install]",
        "WantedBy=default.target",
        "",
    ])


def launchd_plist(spec: ServiceSpec) -> bytes:
    """A LaunchAgent: launchd loads every agent in ~/Library/LaunchAgents at login (RunAtLoad) and restarts it
    when it exits with an error (KeepAlive on failure only, so `caveat` stopping cleanly stays stopped)."""
    return plistlib.dumps({
        "Label": LABEL,
        "ProgramArguments": list(spec.argv),
        "RunAtLoad": True,
        "KeepAlive": {"SuccessfulExit": False},
        "ThrottleInterval": 5,
        "StandardOutPath": spec.log_path,
        "StandardErrorPath": spec.log_path,
        "EnvironmentVariables": {"PYTHONUNBUFFERED": "1"},
    })


def _windows_quote(arg: str) -> str:
    """CommandLineToArgvW rules: quote when needed, double backslashes that precede a quote."""
    if arg and not re.search(r'[\s"]', arg):
        return arg
    quoted = re.sub(r'(\\*)"', r'\1\1\\"', arg)
    return '"' + re.sub(r"(\\+)$", r"\1\1", quoted) + '"'


def windows_task(spec: ServiceSpec) -> str:
    """A Task Scheduler task for `schtasks /Create /XML`: starts at the user's logon, with the user's rights only
    (LeastPrivilege), no time limit, restarted three times a minute apart if it fails. waitress serves on Windows,
    where gunicorn does not run (`caveat serve` picks it)."""
    program, *args = spec.argv
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>{escape(spec.description)}</Description>
  </RegistrationInfo>
  <Triggers>
    <LogonTrigger>
      <Enabled>true</Enabled>
    </LogonTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <LogonType>InteractiveToken</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
    <RestartOnFailure>
      <Interval>PT1M</Interval>
      <Count>3</Count>
    </RestartOnFailure>
    <Hidden>true</Hidden>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{escape(_windows_quote(program))}</Command>
      <Arguments>{escape(" ".join(_windows_quote(a) for a in args))}</Arguments>
    </Exec>
  </Actions>
</Task>
"""
