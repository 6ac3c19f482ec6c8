"""KB reloads on the real gunicorn server, with real edits to a temp copy of the KB: a good edit is picked up by
every worker, a breaking edit never takes the server down, and a worker that (re)starts while the KB is broken
serves the last good snapshot."""
from __future__ import annotations

import os
import shutil
import re
import signal
import threading
from pathlib import Path

import pytest

from caveat.annotator import KnowledgeBase
from tiny_kb import copy_kb
from live_server import start_server, wait_until

PROBLEM = re.compile(r"^\S+\.yaml:\d+: ")
RELOAD_TIMEOUT = 120


@pytest.fixture
def kb_dir(tmp_path):
    return copy_kb(tmp_path / "kb")


BROKEN = re.compile(r"ivermectin\.yaml:\d+: evidence: ")


def break_entry(kb_dir):
    """An edit a curator could make: a verdict that is not one of the allowed values."""
    path = kb_dir / "ivermectin.yaml"
    broken, count = re.subn(r"^evidence: .*$", "evidence: maybe", path.read_text(), count=1, flags=re.M)
    assert count == 1, "ivermectin.yaml has no top-level evidence line to break"
    path.write_text(broken)


def add_entry(kb_dir, entry="chlorine-dioxide"):
    copy_kb(kb_dir, [entry])
    return KnowledgeBase.load(kb_dir).version


def loaded_by(server, version: str, source: str = "disk") -> set[int]:
    """The worker pids that logged loading this KB version."""
    pattern = re.compile(rf"\[(\d+)\] \[INFO\] knowledge base {version} loaded from {source}")
    return {int(pid) for pid in pattern.findall(server.log())}


def all_workers_loaded(server, version, source="disk"):
    workers = set(server.worker_pids())
    return len(workers) == 2 and workers <= loaded_by(server, version, source)


def test_every_worker_picks_up_an_edit_and_survives_a_broken_one(kb_dir):
    good = KnowledgeBase.load(kb_dir).version
    with start_server(kb_path=kb_dir, env={"CAVEAT_KB_POLL": "0.2"}, workers=2) as server:
        newer = add_entry(kb_dir)
        wait_until(lambda: all_workers_loaded(server, newer), RELOAD_TIMEOUT, "both workers to load the edit")
        assert server.get_json("/api/v1/kb")["entries"] == 4

        break_entry(kb_dir)
        wait_until(lambda: len(BROKEN.findall(server.log())) >= 2, RELOAD_TIMEOUT,
                   "both workers to log the broken entry")
        status = server.get_json("/api/v1/kb")
        assert status["version"] == newer != good and status["entries"] == 4
        assert status["errors"] and all(PROBLEM.match(e) for e in status["errors"])
        assert "did not reload; still serving " + newer in server.log()
        code, result = server.post_json("/api/v1/annotate", {"text": "He took ivermectin for covid."})
        assert code == 200 and result["kb"]["version"] == newer and result["highlights"]


def test_a_worker_restarted_while_the_kb_is_broken_serves_the_last_good_snapshot(kb_dir):
    good = KnowledgeBase.load(kb_dir).version
    with start_server(kb_path=kb_dir, env={"CAVEAT_KB_POLL": "-1"}, workers=1) as server:
        break_entry(kb_dir)
        (worker,) = server.worker_pids()
        os.kill(worker, signal.SIGKILL)
        wait_until(lambda: loaded_by(server, good, "snapshot"), RELOAD_TIMEOUT, "a new worker on the snapshot")
        status = server.get_json("/api/v1/kb")
        assert status["source"] == "snapshot" and status["version"] == good
        assert any(BROKEN.search(e) for e in status["errors"])
        code, result = server.post_json("/api/v1/annotate", {"text": "He took ivermectin for covid."})
        assert code == 200 and result["highlights"][0]["treatment"] == "ivermectin"

        fixed = add_entry(kb_dir, "ivermectin")  # the bundled, valid file again
        server.process.send_signal(signal.SIGHUP)  # operators: reload every worker
        wait_until(lambda: loaded_by(server, fixed, "disk") - {worker}, RELOAD_TIMEOUT, "SIGHUP to reload")
        wait_until(lambda: server.get_json("/api/v1/kb")["source"] == "disk", RELOAD_TIMEOUT, "old worker to exit")
        assert server.get_json("/api/v1/kb")["errors"] == []


def test_no_request_is_dropped_while_workers_reload(kb_dir):
    statuses, versions, stop = [], set(), threading.Event()
    with start_server(kb_path=kb_dir, env={"CAVEAT_KB_POLL": "0.1"}, workers=2) as server:
        def hammer():
            for _ in range(5000):  # bounded: stops by itself even if the test body fails
                if stop.is_set():
                    return
                code, result = server.post_json("/api/v1/annotate", {"text": f"ivermectin {len(statuses)}"})
                statuses.append(code)
                versions.add(result.get("kb", {}).get("version"))

        client = threading.Thread(target=hammer)
        client.start()
        try:
            newer = add_entry(kb_dir)
            wait_until(lambda: all_workers_loaded(server, newer), RELOAD_TIMEOUT, "the watcher's reload")
            server.process.send_signal(signal.SIGHUP)
            wait_until(lambda: len(loaded_by(server, newer)) >= 4, RELOAD_TIMEOUT, "SIGHUP's new workers")
            wait_until(lambda: newer in versions and len(statuses) > 20, RELOAD_TIMEOUT, "requests on the new KB")
        finally:
            stop.set()
            client.join()
    assert statuses and set(statuses) == {200}
    assert newer in versions


def test_reload_route_reports_problems_and_keeps_the_last_good_kb(client, tiny_kb):
    good = client.get("/api/v1/kb").json["version"]
    break_entry(tiny_kb)
    status = client.post("/api/v1/kb/reload").json
    assert status["version"] == good and len(status["errors"]) == 1 and PROBLEM.match(status["errors"][0])
    add_entry(tiny_kb, "ivermectin")  # the bundled, valid file again
    newer = add_entry(tiny_kb)
    status = client.post("/api/v1/kb/reload").json
    assert status["version"] == newer != good and status["errors"] == []


def test_a_vanished_kb_folder_keeps_the_last_good_kb(client, tiny_kb):
    good = client.get("/api/v1/kb").json["version"]
    tiny_kb.rename(tiny_kb.with_name("moved"))
    status = client.post("/api/v1/kb/reload").json
    assert status["version"] == good and status["errors"]
    assert client.post("/api/v1/annotate", json={"text": "ivermectin for covid"}).status_code == 200


def test_snapshot_is_not_saved_from_files_edited_after_the_load(tmp_path):
    """The snapshot must be the KB that loaded: if the folder changed between the load and the copy, nothing is
    saved and `current` keeps pointing at the previous good version."""
    from caveat.annotator.kb import bundled_kb_path, kb_version
    from caveat.server import snapshot

    folder = tmp_path / "kb"
    shutil.copytree(bundled_kb_path(), folder)
    good = kb_version(folder)
    assert snapshot.save(str(folder), good, str(tmp_path / "snap"))
    (folder / "ivermectin.yaml").write_text("broken: [")
    assert not snapshot.save(str(folder), "0123456789ab", str(tmp_path / "snap"))  # the version that "loaded"
    assert Path(snapshot.latest(str(tmp_path / "snap"))).name == good
