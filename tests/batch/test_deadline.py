"""The per-page time limit interrupts the thread it guards, in any thread, and never fires after its block."""
import threading

import pytest

from caveat.annotator.deadline import Deadline, PageTimeout


def _spin_until_stopped(stop: threading.Event) -> None:
    while not stop.is_set():
        pass


def test_a_block_over_its_limit_raises_page_timeout():
    with pytest.raises(PageTimeout):
        with Deadline(0.01):
            _spin_until_stopped(threading.Event())


def test_it_works_in_a_thread_that_is_not_the_main_one():
    caught = []

    def work():
        try:
            with Deadline(0.01):
                _spin_until_stopped(threading.Event())
        except PageTimeout:
            caught.append(True)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert caught == [True]


def test_a_block_within_its_limit_is_never_interrupted_afterwards():
    for _ in range(200):
        try:
            with Deadline(0.0005):
                sum(range(2000))   # about as long as the limit: some blocks end just as the timer fires
        except PageTimeout:
            pass
        total = sum(range(20000))  # an exception left pending would land here
        assert total == 199990000

