"""The knowledge base the server serves, and what the last look at the folder on disk found.

Under gunicorn only the master loads the KB (server/master.py): it loads before forking the workers, so every
worker starts from a KB that loaded cleanly, and after each edit it loads again and, if the edit is good, restarts
the workers gracefully from the new KB. A worker never loads the KB and so can never serve one older than the
master's, nor one that failed its checks. The dev server and the tests load it in their one process, on first use.

The outcome of each load (the version served, the problems of an edit that did not load, the folder's fingerprint
when it was read) goes on a SharedStatus board, which the workers read for GET /api/v1/kb and /healthz.
"""
from __future__ import annotations

import hashlib
import logging
import os
import threading
from dataclasses import dataclass
from datetime import datetime, timezone

from caveat.annotator import KnowledgeBase, KnowledgeBaseError

from .shared_status import SharedStatus

log = logging.getLogger("caveat.server")

MAX_PROBLEMS = 100         # problems kept for GET /api/v1/kb (the loader caps them per file too)
MAX_PROBLEM_CHARS = 1000   # a problem quoting a 20 MB value must not be 20 MB of status


def fingerprint(kb_dir: str) -> str:
    """A digest of the folder's names, sizes and modification times: cheap enough for every health check."""
    try:
        entries = sorted(os.scandir(kb_dir), key=lambda e: e.name)
        listing = repr([(e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in entries
                        if not e.name.startswith(".")])
    except OSError as exc:
        listing = f"<unreadable: {type(exc).__name__}>"
    return hashlib.blake2b(listing.encode(), digest_size=12).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Health:
    status: str        # "ok" or "degraded"
    reason: str | None


class KBStore:
    def __init__(self, kb_dir: str):
        """Configures only: nothing is read until load() or the first use of `kb`."""
        self.kb_dir = kb_dir
        self._kb: KnowledgeBase | None = None
        self._loaded_at: str | None = None
        self._board = SharedStatus()
        self._lock = threading.Lock()

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None and not self.load():
            raise RuntimeError("the knowledge base does not load: " + "; ".join(self.problems()))
        assert self._kb is not None
        return self._kb

    def load(self) -> bool:
        """Load the folder; True when it loaded and is now served. On failure the KB served stays as it was and
        the problems are logged and posted on the board."""
        with self._lock:
            seen = fingerprint(self.kb_dir)
            try:
                kb = KnowledgeBase.load(self.kb_dir)
            except KnowledgeBaseError as exc:
                return self._failed(seen, [str(p) for p in exc.problems])
            except Exception as exc:  # noqa: BLE001 - whatever a bad edit does, the last good KB stays in service
                return self._failed(seen, [f"{self.kb_dir}: {type(exc).__name__}: {exc}"])
            self._kb, self._loaded_at = kb, _now()
            self._post(seen, [])
            log.info("knowledge base %s loaded: %d entries", kb.version, len(kb))
            return True

    def changed(self) -> bool:
        """Whether the folder differs from when it was last read (loaded or not)."""
        return fingerprint(self.kb_dir) != self._board.read().get("fingerprint")

    def problems(self) -> list[str]:
        """The problems of the last load that failed (kept short: the log has each in full); empty once one loads."""
        return self._board.read().get("errors", [])

    def status(self) -> dict:
        kb = self.kb
        return {"version": kb.version, "entries": len(kb), "loaded_at": self._loaded_at, "path": self.kb_dir,
                "errors": self.problems(), "warnings": [str(w) for w in kb.warnings]}

    def health(self) -> Health:
        """Degraded, with the reason, whenever the KB this process serves is not the one on disk."""
        served, board = self.kb.version, self._board.read()
        if fingerprint(self.kb_dir) != board.get("fingerprint"):
            return Health("degraded", f"the knowledge base folder changed after version {served} was loaded, "
                                      "and the server has not loaded the change yet")
        if board.get("errors"):
            return Health("degraded", f"the knowledge base on disk has {board['problems']} problem(s) and did not "
                                      f"load; still serving version {served} (GET /api/v1/kb lists them)")
        if board.get("version") != served:
            return Health("degraded", f"version {board.get('version')} loaded; this worker still serves {served} "
                                      "and is being replaced")
        return Health("ok", None)

    def _failed(self, seen: str, problems: list[str]) -> bool:
        for problem in problems:
            log.error("%s", problem[:MAX_PROBLEM_CHARS])
        if self._kb is not None:
            log.error("knowledge base did not reload; still serving %s", self._kb.version)
        self._post(seen, problems)
        return False

    def _post(self, seen: str, problems: list[str]) -> None:
        kept = [p if len(p) <= MAX_PROBLEM_CHARS else p[:MAX_PROBLEM_CHARS] + "…" for p in problems[:MAX_PROBLEMS]]
        self._board.write({"fingerprint": seen, "version": self._kb.version if self._kb else None,
                           "errors": kept, "problems": len(problems), "checked_at": _now()})
