"""gunicorn's master process, which here also owns the knowledge base.

The master loads the KB before it forks any worker, so each worker starts with a KB that passed every check and
never reads the folder itself. Every CAVEAT_KB_POLL seconds the master compares the folder's fingerprint with the
one it last read; a change is handled like SIGHUP: load the KB, and only if it loaded, let gunicorn fork new
workers from this process and stop the old ones gracefully (they finish their requests first). An edit that does
not load never reaches a worker; the workers keep serving the last good KB and report the problems."""
from __future__ import annotations

import gc
import signal
import time

from gunicorn.arbiter import Arbiter

from .kb_store import KBStore


class KBArbiter(Arbiter):
    def __init__(self, app, store: KBStore, poll_seconds: float):
        self.store = store
        self.poll_seconds = poll_seconds
        self._next_poll = time.monotonic() + poll_seconds
        super().__init__(app)

    def wait_for_signals(self, timeout: float = 1.0) -> list[int]:
        watching = self.poll_seconds > 0
        wait = min(timeout, max(self._next_poll - time.monotonic(), 0.0)) if watching else timeout
        signals = super().wait_for_signals(timeout=wait)
        if watching and time.monotonic() >= self._next_poll:
            self._next_poll = time.monotonic() + self.poll_seconds
            if signal.SIGHUP not in signals and self.store.changed():
                self.log.info("the knowledge base folder changed")
                signals.append(signal.SIGHUP)
        return signals

    def spawn_worker(self) -> int:
        """Objects alive in the master now (the KB above all) are left out of the worker's garbage collections:
        walking a big KB made every collection slow, and touching its objects unshared their memory pages."""
        gc.freeze()
        return super().spawn_worker()

    def handle_hup(self) -> None:
        """SIGHUP (or an edit): reload the KB, and restart the workers only on a KB that loaded."""
        if self.store.load():
            super().handle_hup()
