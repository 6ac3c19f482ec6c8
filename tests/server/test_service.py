"""`caveat service`: the files that start the server at login, installed for real on this machine (a systemd user
unit, checked by systemd-analyze) and generated as text for macOS and Windows; waitress serves the same API."""
from __future__ import annotations

import json
import os
import plistlib
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from browser import require
from live_server import free_port, start_server
from caveat.server.service_files import ServiceSpec, launchd_plist, systemd_unit, windows_task

SYSTEMD_ANALYZE = shutil.which("systemd-analyze") or "/usr/bin/systemd-analyze"
SPEC = ServiceSpec((sys.executable, "-m", "caveat.annotator", "serve", "--port", "8799"), 8799, "/tmp/caveat.log")


@pytest.fixture(autouse=True)
def _bundled_kb(monkeypatch):
    """test_server_cli.py's cli.main() calls leave CAVEAT_KB set in this process; the servers here use the
    bundled KB."""
    monkeypatch.delenv("CAVEAT_KB", raising=False)


def caveat(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    return subprocess.run([sys.executable, "-m", "caveat.annotator", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def verify(unit: Path) -> None:
    require(SYSTEMD_ANALYZE, "systemd")
    done = subprocess.run([SYSTEMD_ANALYZE, "verify", str(unit)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "caveat" not in done.stderr, done.stderr


def test_install_status_uninstall_with_a_systemd_user_unit(tmp_path):
    port = free_port()
    installed = caveat("service", "install", "--port", str(port), home=tmp_path)
    assert installed.returncode == 0, installed.stderr
    unit = tmp_path / ".config/systemd/user/caveat.service"
    wanted = tmp_path / ".config/systemd/user/default.target.wants/caveat.service"
    assert f"Installed the Caveat systemd user unit: {unit}" in installed.stdout
    assert wanted.is_symlink() and wanted.resolve() == unit.resolve()
    assert f"ExecStart={sys.executable} -m caveat.annotator serve --port {port} --workers 1 --service systemd" in unit.read_text()
    verify(unit)

    status = caveat("service", "status", "--port", str(port), home=tmp_path)
    assert "installed at" in status.stdout and "enabled at login" in status.stdout
    assert "no Caveat server answering" in status.stdout and status.returncode == 1
    with start_server(port=port, options=["--service", "systemd"]) as server:  # as the unit starts it
        status = caveat("service", "status", "--port", str(port), home=tmp_path)
        version = server.get_json("/healthz")["kb_version"]
        assert server.get_json("/api/v1/server")["start_command"] == "systemctl --user start caveat"
    assert f"answering, knowledge base {version}" in status.stdout and status.returncode == 0

    removed = caveat("service", "uninstall", home=tmp_path)
    assert removed.returncode == 0 and "no longer starts at login" in removed.stdout
    assert not unit.exists() and not wanted.is_symlink()
    assert "not installed" in caveat("service", "status", "--port", str(port), home=tmp_path).stdout


def test_a_python_path_with_spaces_and_percent_signs_survives_systemd_quoting(tmp_path):
    odd = tmp_path / "my 100% python"
    odd.mkdir()
    (odd / "python3").symlink_to(sys.executable)
    unit = tmp_path / "caveat.service"
    unit.write_text(systemd_unit(ServiceSpec((str(odd / "python3"), "-m", "caveat.annotator", "serve"), 8737, "")))
    assert 'ExecStart="' + str(odd).replace("%", "%%") + '/python3" -m' in unit.read_text()
    verify(unit)


def test_bad_install_options_are_refused(tmp_path):
    done = caveat("service", "install", "--kb", str(tmp_path / "nowhere"), home=tmp_path)
    assert done.returncode == 2 and "--kb a folder" in done.stderr
    assert not (tmp_path / ".config").exists()


def test_the_launchd_agent_starts_at_login_and_restarts_only_after_a_failure():
    agent = plistlib.loads(launchd_plist(SPEC))
    assert agent["Label"] == "org.caveat.server" and agent["RunAtLoad"] is True
    assert agent["ProgramArguments"] == list(SPEC.argv)
    assert agent["KeepAlive"] == {"SuccessfulExit": False}
    assert agent["StandardErrorPath"] == "/tmp/caveat.log"


def test_the_windows_task_runs_at_logon_with_the_command_quoted_for_windows():
    spec = ServiceSpec((r"C:\Program Files\Python 3\pythonw.exe", "-m", "caveat.annotator", "serve", "--kb",
                        'C:\\My KB\\', "--port", "8737"), 8737, "")
    xml = windows_task(spec)
    assert xml.startswith('<?xml version="1.0" encoding="UTF-16"?>')
    ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
    task = ET.fromstring(xml.encode("utf-16"))
    assert task.find("t:Triggers/t:LogonTrigger/t:Enabled", ns).text == "true"
    assert task.find("t:Principals/t:Principal/t:RunLevel", ns).text == "LeastPrivilege"
    assert task.find("t:Actions/t:Exec/t:Command", ns).text == r'"C:\Program Files\Python 3\pythonw.exe"'
    assert task.find("t:Actions/t:Exec/t:Arguments", ns).text == \
        '-m caveat.annotator serve --kb "C:\\My KB\\\\" --port 8737'


def test_waitress_serves_the_same_api(tmp_path):
    with start_server(log_dir=tmp_path, options=["--wsgi", "waitress"]) as server:
        status, found = server.post_json("/api/v1/annotate", {"blocks": ["My aunt took ivermectin for covid."]})
        assert status == 200 and found["highlights"][0]["treatment"] == "ivermectin"
        status, error = server.post_json("/api/v1/annotate", {"page": "x"})
        assert status == 422 and error["error"]["code"] == "invalid_field"
        status, _, body = server.request("POST", "/api/v1/annotate", b"x" * (6 << 20),
                                         {"Content-Type": "application/json"})
        assert status == 413 and json.loads(body)["error"]["code"] == "body_too_large"
        _, headers, _ = server.request("GET", "/healthz")
        assert headers["Server"] == "caveat" and server.worker_pids() == []  # waitress's one process, not gunicorn


def test_pipx_installs_the_wheel_as_one_command_that_serves(tmp_path):
    require("/usr/bin/pipx", "pipx")
    repo = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist"), str(repo)],
                   check=True, capture_output=True, timeout=600)
    wheel = next((tmp_path / "dist").glob("caveat-*.whl"))
    env = {**os.environ, "PIPX_HOME": str(tmp_path / "pipx"), "PIPX_BIN_DIR": str(tmp_path / "bin")}
    subprocess.run(["pipx", "install", str(wheel)], env=env, check=True, capture_output=True, timeout=600)
    command = tmp_path / "bin" / "caveat"
    printed = subprocess.run([str(command), "service", "install", "--print"], capture_output=True, text=True,
                             check=True).stdout
    assert f"ExecStart={tmp_path / 'pipx' / 'venvs' / 'caveat' / 'bin' / 'python'} -m caveat.annotator serve" in printed
    with start_server(log_dir=tmp_path, command=[str(command)]) as server:
        status, found = server.post_json("/api/v1/annotate", {"text": "She tried ivermectin for COVID-19."})
        assert server.get_json("/api/v1/server")["start_command"] == "caveat serve"  # no clone around a wheel
    assert status == 200 and found["highlights"][0]["treatment"] == "ivermectin"
