"""Stops a piece of work that runs past its deadline or whose client has gone away.

The annotator has no way to be told to stop, and a thread cannot be killed; but CPython can raise an exception
in another thread (PyThreadState_SetAsyncExc), which it does at the next bytecode that thread runs. One watchdog
thread per worker process looks at the work under way every TICK seconds and raises `Stopped` in a thread whose
deadline has passed or whose client has closed the connection. A long call into C (one regular expression over a
huge text) ends before the exception lands, so the deadline holds to within that call.

The exception can also land in a finalizer: the garbage collector runs the `__del__` methods, weakref callbacks and
generator cleanups of whatever it frees in the thread that happens to allocate, so in the work too. There it is
swallowed (Python reports it to sys.unraisablehook and goes on), and the work would run on past its deadline to the
end (most likely why an in-process deadline test once ran to the end in the full test run, after the browser tests
had left Playwright's objects to collect). The watchdog takes that report as its cue to raise the exception again."""
from __future__ import annotations

import ctypes
import os
import sys
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
    active: bool = True
    reason: str | None = field(default=None)


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    """None clears an exception raised this way that the thread has not met yet."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


class Watchdog:
    """The exception is raised only while the watchdog holds `_lock` and the job is active, and a job ends by
    marking itself inactive under that lock: after that, nothing can be raised in its thread any more. The lock is
    taken with plain acquire/release (no `with`, whose Python-level __enter__ an exception landing at the wrong
    moment could leave holding it), and released again if one lands while it is held."""

    def __init__(self) -> None:
        self._jobs: set[_Job] = set()
        self._lock = threading.RLock()
        self._wake = threading.Event()
        self._next_hook = sys.unraisablehook
        sys.unraisablehook = self._unraisable
        threading.Thread(target=self._watch, name="caveat-watchdog", daemon=True).start()

    def run(self, work: Callable[[], T], deadline: float, gone: Callable[[], bool]) -> T:
        """`work()` in this thread, stopped (Cancelled) at the monotonic time `deadline` or once `gone()`."""
        job = _Job(threading.get_ident(), deadline, gone)
        try:
            try:
                # registered inside the try: a deadline already past is raised as soon as the lock is released,
                # before the work starts, and must end as Cancelled like any other
                self._lock.acquire()
                self._jobs.add(job)
                self._lock.release()
                self._wake.set()
                return work()
            finally:
                self._end(job)
        except Stopped:
            raise Cancelled(job.reason) from None

    def _end(self, job: _Job) -> None:
        """Once the work is over, no exception may land in whatever this thread does next."""
        while True:
            try:
                self._lock.acquire()
                job.active = False
                self._jobs.discard(job)
                self._lock.release()
                if job.reason is not None:
                    _raise_in(job.thread_id, None)  # one raised but not met yet
                return
            except Stopped:  # it landed just now, at most once: the job is over either way
                while self._lock._is_owned():  # type: ignore[attr-defined]  # RLock's own check
                    self._lock.release()

    def _unraisable(self, unraisable: sys.UnraisableHookArgs) -> None:
        """A Stopped swallowed by a finalizer in a job's thread: the job is due again (the watchdog raises it from
        its own thread, so it lands after this report, in the work). Anything else goes to the hook before."""
        if unraisable.exc_type is Stopped:
            me = threading.get_ident()
            self._lock.acquire()
            swallowed = [job for job in self._jobs if job.thread_id == me and job.active and job.reason is not None]
            for job in swallowed:
                job.reason = None
            self._lock.release()
            if swallowed:
                return
        self._next_hook(unraisable)

    def _watch(self) -> None:
        while True:  # a daemon thread: it ends with the worker
            self._wake.wait()
            self._lock.acquire()
            jobs = [job for job in self._jobs if job.reason is None]
            if not self._jobs:
                self._wake.clear()
            self._lock.release()
            now = time.monotonic()
            due = {job: "deadline" if now > job.deadline else "client gone" for job in jobs
                   if now > job.deadline or job.gone()}  # asked outside the lock: a finished job never waits
            self._lock.acquire()
            for job, reason in due.items():
                if job.active:  # still at work: otherwise the exception would land elsewhere
                    job.reason = reason
                    _raise_in(job.thread_id, Stopped)
            self._lock.release()
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
