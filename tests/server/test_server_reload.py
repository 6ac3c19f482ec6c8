"""KB reloads on the real gunicorn server, with real edits to a temp copy of the KB. Only the master loads the KB:
a good edit is loaded once and every worker is replaced by one forked from the new KB; a breaking edit never reaches
a worker (the workers keep serving the last good KB and report the problems), and a worker that dies meanwhile is
replaced by one with that same last good KB, never an older one."""
from __future__ import annotations

import os
import re
import signal
import threading

import pytest

from caveat.annotator import KnowledgeBase
from tiny_kb import copy_kb
from live_server import start_server, wait_until

PROBLEM = re.compile(r"^\S+\.yaml:\d+: ")
BROKEN = re.compile(r"ivermectin\.yaml:\d+: evidence: ")
RELOAD_TIMEOUT = 120


@pytest.fixture
def kb_dir(tmp_path):
    return copy_kb(tmp_path / "kb")


def break_entry(kb_dir):
    """An edit a curator could make: a verdict that is not one of the allowed values."""
    path = kb_dir / "ivermectin.yaml"
    broken, count = re.subn(r"^evidence: .*$", "evidence: maybe", path.read_text(), count=1, flags=re.M)
    assert count == 1, "ivermectin.yaml has no top-level evidence line to break"
    path.write_text(broken)


def add_entry(kb_dir, entry="chlorine-dioxide"):
    copy_kb(kb_dir, [entry])
    return KnowledgeBase.load(kb_dir).version


def booted_on(server, version: str) -> set[int]:
    """The workers forked after the master loaded this KB version (the master is the only process that loads)."""
    log = server.log()
    loaded = log.rfind(f"knowledge base {version} loaded")
    return {int(pid) for pid in re.findall(r"Booting worker with pid: (\d+)", log[loaded:])} if loaded >= 0 else set()


def all_workers_on(server, version: str, workers: int = 2) -> bool:
    current = set(server.worker_pids())
    return len(current) == workers and current <= booted_on(server, version)


def versions_served(server, requests: int = 8) -> set[str]:
    return {server.post_json("/api/v1/annotate", {"text": "ivermectin"})[1]["kb"]["version"] for _ in range(requests)}


def test_an_edit_is_loaded_by_the_master_and_a_broken_one_never_reaches_a_worker(kb_dir):
    good = KnowledgeBase.load(kb_dir).version
    with start_server(kb_path=kb_dir, env={"CAVEAT_KB_POLL": "0.2"}, workers=2) as server:
        assert server.get_json("/healthz") == {"status": "ok", "kb_version": good}
        newer = add_entry(kb_dir)
        wait_until(lambda: all_workers_on(server, newer), RELOAD_TIMEOUT, "both workers replaced on the edit")
        assert versions_served(server) == {newer} and server.get_json("/api/v1/kb")["entries"] == 4
        assert len(re.findall(r"knowledge base \w+ loaded", server.log())) == 2  # twice in all, by the master

        workers = set(server.worker_pids())
        break_entry(kb_dir)
        wait_until(lambda: BROKEN.search(server.log()), RELOAD_TIMEOUT, "the master to log the broken entry")
        assert "did not reload; still serving " + newer in server.log()
        assert set(server.worker_pids()) == workers  # nobody restarted for an edit that does not load
        status = server.get_json("/api/v1/kb")
        assert status["version"] == newer and status["entries"] == 4
        assert len(status["errors"]) == 1 and PROBLEM.match(status["errors"][0])
        health = server.get_json("/healthz")
        assert health["status"] == "degraded" and "did not load" in health["reason"] and newer in health["reason"]

        os.kill(workers.pop(), signal.SIGKILL)  # a worker that dies now comes back on the last good KB
        wait_until(lambda: len(set(server.worker_pids()) - workers) == 1 and len(server.worker_pids()) == 2,
                   RELOAD_TIMEOUT, "a replacement worker")
        assert versions_served(server) == {newer}
        code, result = server.post_json("/api/v1/annotate", {"text": "He took ivermectin for covid."})
        assert code == 200 and result["highlights"][0]["treatment"] == "ivermectin"


def test_sighup_reloads_and_health_says_when_the_disk_is_ahead(kb_dir):
    with start_server(kb_path=kb_dir, env={"CAVEAT_KB_POLL": "-1"}, workers=2) as server:
        good = server.get_json("/healthz")["kb_version"]
        newer = add_entry(kb_dir)
        health = server.get_json("/healthz")
        assert health["status"] == "degraded" and health["kb_version"] == good
        assert "has not loaded the change yet" in health["reason"]
        server.process.send_signal(signal.SIGHUP)
        wait_until(lambda: all_workers_on(server, newer), RELOAD_TIMEOUT, "SIGHUP's new workers")
        assert server.get_json("/healthz") == {"status": "ok", "kb_version": newer}


def test_a_vanished_kb_folder_keeps_the_last_good_kb_and_says_so(kb_dir):
    with start_server(kb_path=kb_dir, env={"CAVEAT_KB_POLL": "0.2"}, workers=1) as server:
        good = server.get_json("/healthz")["kb_version"]
        kb_dir.rename(kb_dir.with_name("moved"))
        wait_until(lambda: server.get_json("/api/v1/kb")["errors"], RELOAD_TIMEOUT, "the master to report it")
        health = server.get_json("/healthz")
        assert health["status"] == "degraded" and health["kb_version"] == good
        assert server.post_json("/api/v1/annotate", {"text": "ivermectin for covid"})[0] == 200


def test_no_request_is_dropped_while_workers_are_replaced(kb_dir):
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
            wait_until(lambda: all_workers_on(server, newer), RELOAD_TIMEOUT, "the watcher's reload")
            before = set(server.worker_pids())
            server.process.send_signal(signal.SIGHUP)
            wait_until(lambda: not before & set(server.worker_pids()) and len(server.worker_pids()) == 2,
                       RELOAD_TIMEOUT, "SIGHUP's new workers")
            wait_until(lambda: newer in versions and len(statuses) > 20, RELOAD_TIMEOUT, "requests on the new KB")
        finally:
            stop.set()
            client.join()
    assert statuses and set(statuses) == {200}
    assert newer in versions
