"""`caveat serve` refuses bad options and a broken KB with a clear message, before any worker starts."""
from __future__ import annotations

import pytest

from live_server import start_server
from tiny_kb import copy_kb
from caveat.server import cli


def test_missing_kb_folder_is_refused(tmp_path, capsys):
    assert cli.main(["--kb", str(tmp_path / "nowhere")]) == 2
    assert "not a folder" in capsys.readouterr().err


@pytest.mark.parametrize("option", [["--workers", "0"], ["--port", "70000"], ["--threads", "0"]])
def test_bad_numbers_are_refused(option, capsys):
    assert cli.main(option) == 2
    assert "--workers" in capsys.readouterr().err


def test_broken_kb_stops_the_server_before_any_worker_with_every_problem(tmp_path, capsys):
    kb = copy_kb(tmp_path / "kb")
    (kb / "broken.yaml").write_text("id: broken\nname: [unclosed\n")
    assert cli.main(["--kb", str(kb)]) == 1
    err = capsys.readouterr().err
    assert "does not load" in err and "broken.yaml:3: yaml:" in err


def test_malformed_port_variable_gets_a_one_line_error(monkeypatch, capsys):
    monkeypatch.setenv("CAVEAT_PORT", "eighty")
    with pytest.raises(SystemExit):
        cli.main([])
    assert "invalid int value: 'eighty'" in capsys.readouterr().err


def test_malformed_environment_variable_is_named(monkeypatch):
    monkeypatch.setenv("CAVEAT_MAX_BODY", "lots")
    with pytest.raises(SystemExit, match="CAVEAT_MAX_BODY"):
        cli.main([])


def test_defaults_are_loopback_and_8737():
    args = cli.parser().parse_args([])
    assert (args.host, args.port) == ("127.0.0.1", 8737)


def test_dev_mode_serves_with_one_greeting(tmp_path):
    """--dev runs Flask's reloader, which starts main() again in the child that serves: the KB check and the banner
    happen once, in the watching parent."""
    with start_server(log_dir=tmp_path, options=["--dev"]) as server:
        assert server.get_json("/healthz")["status"] == "ok"
        log = server.log()
    assert log.count("Caveat server: http://127.0.0.1:") == 1


def test_the_host_warning_says_the_host_check_is_not_access_control(capsys):
    cli._banner(cli.parser().parse_args(["--host", "0.0.0.0"]),
                {"version": "0123456789ab", "entries": 1, "path": "kb"})
    warning = capsys.readouterr().err
    assert "anyone who can reach this address" in warning and "not access control" in warning
    assert "Host: 127.0.0.1" in warning
