"""The watchdog raises only inside the work it watches, whatever the timing, and keeps watching afterwards."""
from __future__ import annotations

import threading
import time

import pytest

from caveat.server.watchdog import TICK, Cancelled, Watchdog


def busy(seconds: float) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return "done"


def test_work_that_ends_near_its_deadline_never_leaks_the_exception():
    watchdog, outcomes, leaked = Watchdog(), [], []

    def client(offset: float):
        for i in range(40):  # deadlines around the work's own end, so some land just as it finishes
            try:
                outcomes.append(watchdog.run(lambda: busy(TICK), time.monotonic() + TICK + offset * (i % 5),
                                             lambda: False))
            except Cancelled:
                outcomes.append("stopped")
            except BaseException as exc:  # noqa: BLE001 - anything else escaped the watchdog
                leaked.append(exc)
            try:
                busy(0.001)  # after the work: nothing may land here
            except BaseException as exc:  # noqa: BLE001
                leaked.append(exc)

    threads = [threading.Thread(target=client, args=(offset,)) for offset in (-0.02, -0.01, 0.0, 0.01)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not leaked and len(outcomes) == 160
    with pytest.raises(Cancelled, match="deadline"):  # and it still watches
        watchdog.run(lambda: busy(30), time.monotonic() + 0.1, lambda: False)


class SlowToFree:
    def __del__(self):
        busy(30)  # the deadline passes in here: the exception lands in a finalizer, which swallows it


def test_a_stop_swallowed_by_a_finalizer_is_raised_again():
    def work():
        SlowToFree()  # freed at once, in this thread, as the garbage collector frees things in whichever thread
        return busy(30)

    with pytest.raises(Cancelled, match="deadline"):  # not "done", 60 s later
        Watchdog().run(work, time.monotonic() + 0.1, lambda: False)


def test_work_stops_when_its_client_is_gone():
    gone = threading.Event()
    threading.Timer(0.2, gone.set).start()
    with pytest.raises(Cancelled, match="client gone"):
        Watchdog().run(lambda: busy(30), time.monotonic() + 60, gone.is_set)
