"""A time limit on one page's work, in whatever thread runs it (a pool process's main thread, a Dask worker's task
thread), so that one pathological page becomes an error row instead of stalling a run.

A timer thread raises PageTimeout in the working thread (CPython's PyThreadState_SetAsyncExc). The exception lands
at the next Python step: a long call into C (one regular expression, lxml's parse) finishes first, which --max-bytes
keeps short. Firing and leaving the block take one lock, so the exception can never land after the block is left.
"""
from __future__ import annotations

import ctypes
import threading
from types import TracebackType


class PageTimeout(Exception):
    """The page took longer than its time limit."""


class Deadline:
    """`with Deadline(seconds):` raises PageTimeout inside the block once `seconds` have passed (None: no limit)."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self._lock = threading.Lock()
        self._armed = False
        self._fired = False
        self._thread = 0
        self._timer: threading.Timer | None = None

    def __enter__(self) -> Deadline:
        if self.seconds is not None:
            self._thread = threading.get_ident()
            self._armed = True
            self._timer = threading.Timer(self.seconds, self._fire)
            self._timer.daemon = True
            self._timer.start()
        return self

    def _fire(self) -> None:
        with self._lock:
            if self._armed:
                self._armed = False
                self._fired = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread), ctypes.py_object(PageTimeout))

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._timer is None:
            return
        self._timer.cancel()
        with self._lock:
            self._armed = False
            fired = self._fired
        if fired:  # clear an exception not yet delivered, and raise it here instead
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread), None)
            if kind is None:
                raise PageTimeout
