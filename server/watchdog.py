"""Stops a piece of work that runs past its deadline or whose client has gone away.

The annotator has no way to be told to stop, and a thread cannot be killed; but CPython can raise an exception
in another thread (PyThreadState_SetAsyncExc), which it does at the next bytecode that thread runs. One watchdog
thread per worker process looks at the work under way every TICK seconds and raises `Stopped` in a thread whose
deadline has passed or whose client has closed the connection. A long call into C (one regular expression over a
huge text) ends before the exception lands, so the deadline holds to within that call."""
from __future__ import annotations

import ctypes
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, TypeVar

TICK = 0.05
T = TypeVar("T")


class Stopped(BaseException):
    """Raised inside the stopped thread; a BaseException, so no `except Exception` in the work swallows it."""


class Cancelled(Exception):
    """What the caller of `run` sees: why the work was stopped ('deadline' or 'client gone')."""


@dataclass(eq=False)
class _Job:
    thread_id: int
    deadline: float
    gone: Callable[[], bool]
    reason: str | None = field(default=None)


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    """None clears an exception raised this way that the thread has not met yet."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


class Watchdog:
    def __init__(self) -> None:
        self._jobs: set[_Job] = set()
        self._cond = threading.Condition()
        threading.Thread(target=self._watch, name="caveat-watchdog", daemon=True).start()

    def run(self, work: Callable[[], T], deadline: float, gone: Callable[[], bool]) -> T:
        """`work()` in this thread, stopped (Cancelled) at the monotonic time `deadline` or once `gone()`."""
        job = _Job(threading.get_ident(), deadline, gone)
        try:
            try:
                with self._cond:
                    self._jobs.add(job)
                    self._cond.notify()
                return work()
            finally:
                self._disarm(job)
        except Stopped:
            raise Cancelled(job.reason) from None

    def _disarm(self, job: _Job) -> None:
        """Once the work is over, no exception may land in whatever this thread does next."""
        while True:
            try:
                with self._cond:
                    self._jobs.discard(job)
                if job.reason is not None:
                    _raise_in(job.thread_id, None)
                return
            except Stopped:  # it landed just now: the job is off the list, so it cannot come again
                continue

    def _watch(self) -> None:
        while True:  # a daemon thread: it ends with the worker
            with self._cond:
                self._cond.wait_for(lambda: self._jobs)
                jobs = [job for job in self._jobs if job.reason is None]
            now = time.monotonic()
            due = {job: "deadline" if now > job.deadline else "client gone" for job in jobs
                   if now > job.deadline or job.gone()}  # asked outside the lock: a finished job never waits
            with self._cond:
                for job, reason in due.items():
                    if job in self._jobs:  # still at work: otherwise the exception would land elsewhere
                        job.reason = reason
                        _raise_in(job.thread_id, Stopped)
            time.sleep(TICK)


_watchdog: tuple[int, Watchdog] | None = None
_lock = threading.Lock()


def watchdog() -> Watchdog:
    """This process's watchdog, started on first use (so in a gunicorn worker, never in the master)."""
    global _watchdog
    with _lock:
        if _watchdog is None or _watchdog[0] != os.getpid():
            _watchdog = (os.getpid(), Watchdog())
        return _watchdog[1]
