"""The app factory only configures (no file read, no thread started), the KB store keeps the last good KB when an
edit does not load, and `caveat serve` passes its options without touching os.environ."""
from __future__ import annotations

import os
import threading

from caveat.server import cli, create_app
from caveat.server.state import state

from test_server_reload import break_entry, add_entry


def test_the_factory_reads_nothing_and_starts_no_thread(tmp_path):
    threads = threading.active_count()
    app = create_app({"KB_PATH": str(tmp_path / "no such folder")})  # would fail if it read the KB
    assert threading.active_count() == threads
    assert state(app).store.kb_dir.endswith("no such folder")


def test_a_failed_load_keeps_the_last_good_kb_and_lists_the_problems(app, tiny_kb):
    store = state(app).store
    assert store.load()
    good = store.kb.version
    break_entry(tiny_kb)
    assert not store.load() and store.kb.version == good
    assert len(store.problems()) == 1 and "ivermectin.yaml" in store.problems()[0]
    with app.test_request_context():
        assert store.health().status == "degraded"
    newer = add_entry(tiny_kb, "ivermectin")  # the bundled, valid file again
    assert store.load() and store.kb.version == newer and store.problems() == []
    assert store.health().status == "ok"


def test_serve_does_not_write_the_environment(tmp_path):
    before = dict(os.environ)
    assert cli.main(["--kb", str(tmp_path)]) == 1  # an empty folder: no entries to serve
    assert dict(os.environ) == before
