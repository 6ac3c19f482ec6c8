"""The knowledge base a worker serves, swapped whole when the files on disk change.

A watcher thread polls the folder (CAVEAT_KB_POLL seconds); POST /api/v1/kb/reload and SIGHUP reload on demand.
Requests read `store.kb` once and keep that object, so a reload never disturbs a request in flight. A KB edit that
does not load leaves the last good KB in place; its problems are logged and kept for GET /api/v1/kb.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from datetime import datetime, timezone

from caveat.annotator import KnowledgeBase, KnowledgeBaseError

from . import snapshot

log = logging.getLogger("caveat.server")


def fingerprint(kb_dir: str) -> tuple:
    """Names, sizes and modification times: cheap enough to check every couple of seconds."""
    try:
        entries = sorted(os.scandir(kb_dir), key=lambda e: e.name)
        return tuple((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in entries if not e.name.startswith("."))
    except OSError as exc:
        return (("<unreadable>", str(exc)),)


class KBStore:
    def __init__(self, kb_dir: str, snapshot_dir: str, poll_seconds: float):
        self.kb_dir = kb_dir
        self.snapshot_dir = snapshot_dir
        self.poll_seconds = poll_seconds
        self.kb: KnowledgeBase = None  # type: ignore[assignment]  # set below, or __init__ raises
        self.source = "disk"
        self.loaded_at: str | None = None
        self.errors: list[str] = []
        self._seen: tuple[tuple[object, ...], ...] | None = None
        self._lock = threading.Lock()
        self.reload()
        if self.kb is None:
            self._start_from_snapshot()

    def reload(self) -> bool:
        """Load the KB from disk; True when it loaded. On failure the KB being served stays as it was."""
        with self._lock:
            self._seen = fingerprint(self.kb_dir)
            try:
                kb = KnowledgeBase.load(self.kb_dir)
            except KnowledgeBaseError as exc:
                self._failed([str(p) for p in exc.problems])
                return False
            except Exception as exc:  # noqa: BLE001 - whatever a bad edit does, the last good KB stays in service
                self._failed([f"{self.kb_dir}: {type(exc).__name__}: {exc}"])
                return False
            self._serve(kb, "disk")
            self.errors = []
            try:
                if not snapshot.save(self.kb_dir, kb.version, self.snapshot_dir):
                    log.warning("KB files changed while loading: snapshot kept at the previous good version")
            except OSError as exc:
                log.warning("could not save the KB snapshot in %s: %s", self.snapshot_dir, exc)
            return True

    def watch(self) -> None:
        """Poll the KB folder from a daemon thread of this worker; requests never wait for a reload."""
        if self.poll_seconds > 0:
            threading.Thread(target=self._poll, name="kb-watcher", daemon=True).start()

    def _poll(self) -> None:
        while True:  # a daemon thread: it ends with the worker
            time.sleep(self.poll_seconds)
            if fingerprint(self.kb_dir) != self._seen:
                self.reload()

    def status(self) -> dict:
        kb = self.kb
        return {"version": kb.version, "entries": len(kb), "loaded_at": self.loaded_at, "source": self.source,
                "path": self.kb_dir, "errors": list(self.errors), "warnings": [str(w) for w in kb.warnings]}

    def _serve(self, kb: KnowledgeBase, source: str) -> None:
        self.kb, self.source = kb, source
        self.loaded_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        log.info("knowledge base %s loaded from %s: %d entries", kb.version, source, len(kb))

    def _failed(self, problems: list[str]) -> None:
        self.errors = problems
        for problem in problems:
            log.error("%s", problem)
        if self.kb is not None:
            log.error("knowledge base did not reload; still serving %s", self.kb.version)

    def _start_from_snapshot(self) -> None:
        saved = snapshot.latest(self.snapshot_dir)
        if saved is None:
            raise RuntimeError("the knowledge base has errors and there is no last good snapshot to start from: "
                               + "; ".join(self.errors))
        self._serve(KnowledgeBase.load(saved), "snapshot")
