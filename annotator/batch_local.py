"""A batch run on this machine: a pool of worker processes (one per core by default), each compiling the KB as it
starts, fed a bounded number of tasks at a time. Workers write their tasks' rows to part files themselves
(batch_parts.py); the main process, which shares the cores with them, only hands out tasks and appends a short line
per finished task to the checkpoint, then joins the parts into the output tables while the workers exit."""
from __future__ import annotations

import multiprocessing
import secrets
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from functools import partial
from pathlib import Path
from types import FrameType
from typing import TypeVar

from .batch_checkpoint import Checkpoint
from .batch_parts import TaskDone, join_parts, write_parts
from .batch_progress import Progress
from .batch_summary import Summary, summarise
from .batch_tables import format_of
from .batch_inputs import Index
from .batch_tasks import Job, Task, TaskSize, index_many, plan, worker_kb
from .errors import AnnotatorError

IN_FLIGHT_PER_WORKER = 4
INDEX_CHUNK = 64
CTRL_C_POLL = 0.2  # seconds: how soon a Ctrl-C is acted on while every worker is busy
T = TypeVar("T")


def run_local(sources: list[tuple[str, str]], out: Path, job: Job, workers: int, task_pages: int,
              overwrite: bool = False, progress: bool | None = None) -> Summary:
    fmt = format_of(out)
    checkpoint = Checkpoint(out, job.kb_version)
    done = checkpoint.start(overwrite)
    annotate_task = partial(write_parts, job=job, folder=str(checkpoint.parts), fmt=fmt, run=secrets.token_hex(4))
    context = multiprocessing.get_context("spawn")  # fresh interpreters: no threads or locks inherited
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(job,)) as pool, \
            CtrlC() as ctrl_c:
        try:
            indexes = _indexes(pool, sources, ctrl_c)
            tasks = plan(indexes, TaskSize(task_pages), done)
            total = sum(len(index.pages) for index in indexes)
            with Progress(total, total - sum(len(t.pages) for t in tasks), progress) as bar:
                for finished in _results(pool, tasks, annotate_task, workers * IN_FLIGHT_PER_WORKER, ctrl_c):
                    checkpoint.add(finished)
                    bar.advance(len(finished.pages))
            recorded = checkpoint.tasks()
            with ThreadPoolExecutor(1) as joiner:  # the parts are joined while the workers exit
                joined = joiner.submit(join_parts, checkpoint.parts, [task.part for task in recorded], out, fmt)
                pool.shutdown()
                joined.result()
        except BaseException:  # Ctrl-C: drop what is queued; what is done stays in the checkpoint
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    checkpoint.remove()
    return summarise(recorded, sum(index.skipped for index in indexes))


class CtrlC:
    """Ctrl-C only raises a flag, which the run checks between its own steps. A KeyboardInterrupt raised anywhere
    could land inside the pool's code (a submit holding the pool's lock, a wait holding its futures' locks) and leave
    a lock held, so that the shutdown after it waits forever. Outside the main thread signals are not ours to take."""

    def __init__(self) -> None:
        self.pressed = False
        self._previous: Callable[[int, FrameType | None], object] | int | None = None

    def __enter__(self) -> CtrlC:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._press)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)

    def _press(self, signum: int, frame: FrameType | None) -> None:
        self.pressed = True

    def check(self) -> None:
        if self.pressed:
            raise KeyboardInterrupt


def _wait(futures: set[Future[T]], ctrl_c: CtrlC, return_when: str) -> tuple[set[Future[T]], set[Future[T]]]:
    """`wait`, checking for Ctrl-C every CTRL_C_POLL seconds."""
    while True:
        finished, running = wait(futures, CTRL_C_POLL, return_when)
        ctrl_c.check()
        if not running or (finished and return_when == FIRST_COMPLETED):
            return finished, running


def _indexes(pool: ProcessPoolExecutor, sources: list[tuple[str, str]], ctrl_c: CtrlC) -> list[Index]:
    """The inputs' indexes, in input order, INDEX_CHUNK inputs to a task."""
    chunks = [pool.submit(index_many, sources[i:i + INDEX_CHUNK]) for i in range(0, len(sources), INDEX_CHUNK)]
    _wait(set(chunks), ctrl_c, ALL_COMPLETED)
    return [index for chunk in chunks for index in chunk.result()]


def _start_worker(job: Job) -> None:
    """Ctrl-C is the main process's to handle: workers finish the task they hold. The KB is compiled as the worker
    starts, before its first index task (a KB of another version is reported by the first page task instead)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        worker_kb(job.kb_path, job.kb_version)
    except AnnotatorError:
        pass


def _results(pool: ProcessPoolExecutor, tasks: list[Task], annotate_task: Callable[[Task], TaskDone],
             in_flight: int, ctrl_c: CtrlC) -> Iterator[TaskDone]:
    queued = iter(tasks)
    running: set[Future[TaskDone]] = set()
    while True:
        for task in queued:
            ctrl_c.check()
            running.add(pool.submit(annotate_task, task))
            if len(running) >= in_flight:
                break
        if not running:
            return
        finished, running = _wait(running, ctrl_c, FIRST_COMPLETED)
        for future in finished:
            yield future.result()
