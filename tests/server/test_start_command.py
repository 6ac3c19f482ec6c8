"""GET /api/v1/server says how to start this server again the way it was installed: the service manager's command
when `caveat service install` started it (`--service`, or CAVEAT_SERVICE), `make run` in a git clone with the
Makefile, else `caveat serve`; nothing on a shared server, whose readers cannot start it."""
from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import pytest

from caveat.server import config, start_command


def clone(tmp_path, *, git=True, makefile=True):
    (tmp_path / "server").mkdir()
    if git:
        (tmp_path / ".git").write_text("gitdir: /elsewhere/.git/worktrees/x\n")  # a worktree's .git is a file
    if makefile:
        (tmp_path / "Makefile").write_text("run:\n")
    return tmp_path


def told(make_app, **settings) -> str:
    return make_app(**settings).test_client().get("/api/v1/server").json["start_command"]


@pytest.mark.parametrize(("git", "makefile", "command"), [
    (True, True, "make run"), (False, True, "caveat serve"), (True, False, "caveat serve"), (False, False, "caveat serve")])
def test_a_clone_with_its_makefile_says_make_run_and_an_installed_package_caveat_serve(
        make_app, monkeypatch, tmp_path, git, makefile, command):
    monkeypatch.delenv("CAVEAT_SERVICE", raising=False)
    monkeypatch.setattr(start_command, "CLONE", clone(tmp_path, git=git, makefile=makefile))
    assert told(make_app) == command


def test_an_editable_install_looks_for_the_clone_at_the_top_of_this_checkout():
    assert start_command.CLONE == Path(__file__).resolve().parents[2]


def test_a_server_the_service_manager_started_says_that_managers_start_command(make_app, monkeypatch, tmp_path):
    monkeypatch.setattr(start_command, "CLONE", clone(tmp_path))  # the service wins even in a clone
    monkeypatch.setenv("CAVEAT_SERVICE", "systemd")
    assert told(make_app) == "systemctl --user start caveat"
    uid = os.getuid() if hasattr(os, "getuid") else "$(id -u)"
    assert told(make_app, SERVICE="launchd") == f"launchctl kickstart gui/{uid}/org.caveat.server"
    assert told(make_app, SERVICE="task") == 'schtasks /Run /TN "Caveat server"'


def test_an_unknown_service_stops_the_server_with_the_variable_named(monkeypatch):
    monkeypatch.setenv("CAVEAT_SERVICE", "upstart")
    with pytest.raises(SystemExit, match="CAVEAT_SERVICE='upstart' is not valid"):
        config.load()


def test_a_shared_server_gives_no_start_command(make_app, monkeypatch):
    monkeypatch.setenv("CAVEAT_SERVICE", "systemd")
    client = make_app(ALLOWED_HOSTS=["caveat.example.org"],
                      TRUSTED_PROXIES=[ipaddress.ip_network("10.0.0.2")]).test_client()
    info = client.get("/api/v1/server", headers={"Host": "caveat.example.org"}).json
    assert info["shared"] is True and info["start_command"] == ""
