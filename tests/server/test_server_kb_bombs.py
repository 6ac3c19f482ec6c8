"""YAML bombs dropped into the folder of a running server (issue 14): the watcher refuses them at small cost, the
log and `GET /api/v1/kb` stay small and name each file and line, and the last good KB keeps serving."""
from __future__ import annotations

import json
import re
from pathlib import Path

import yaml_bombs
from live_server import start_server, wait_until
from tiny_kb import copy_kb

RELOAD_TIMEOUT = 120
MEMORY_CEILING_MB = 400  # a worker serving the tiny KB peaks near 100 MB; the bomb took ~1.9 GB
BOMBS = {"alias-key": (yaml_bombs.alias_key_bomb, ":6: l0: YAML anchors and aliases"),
         "huge-field": (yaml_bombs.huge_field, ": file: 20,971,"),
         "complex-key": (yaml_bombs.complex_key, ":6: entry: a key must be plain text"),
         "duplicate-keys": (yaml_bombs.duplicate_keys, ":6: name: duplicate key 'name'")}


def peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmHWM:\s+(\d+) kB", status, re.M).group(1)) / 1024


def names_every_bomb(server, kb_dir) -> dict | None:
    status, _, body = server.request("GET", "/api/v1/kb")
    errors = json.loads(body)["errors"] if status == 200 else []
    wanted = [str(kb_dir / stem) + ".yaml" + where for stem, (_, where) in BOMBS.items()]
    return {"body": body, "errors": errors} if all(any(e.startswith(w) for e in errors) for w in wanted) else None


def test_bombs_in_a_served_kb_stay_small(tmp_path):
    kb_dir = copy_kb(tmp_path / "kb")
    with start_server(kb_path=kb_dir, env={"CAVEAT_KB_POLL": "0.2"}, workers=1, log_dir=tmp_path) as server:
        good = server.get_json("/api/v1/kb")["version"]
        log_before = len(server.log())
        for stem, (bomb, _) in BOMBS.items():
            bomb(kb_dir, stem=stem)
        seen = wait_until(lambda: names_every_bomb(server, kb_dir), RELOAD_TIMEOUT, "the watcher to refuse the bombs")
        assert len(seen["body"]) < 30_000 and len(seen["errors"]) < 60
        assert len(server.log()) - log_before < 30_000
        assert "Traceback" not in server.log() and "MemoryError" not in server.log()
        for pid in [server.pid, *server.worker_pids()]:
            assert peak_rss_mb(pid) < MEMORY_CEILING_MB, f"process {pid} peaked at {peak_rss_mb(pid):.0f} MB"
        assert server.get_json("/api/v1/kb")["version"] == good
        code, result = server.post_json("/api/v1/annotate", {"text": "He took ivermectin for covid."})
        assert code == 200 and result["highlights"]
