"""A batch run on this machine: a pool of worker processes (one per core by default), each compiling the KB as it
starts, fed a bounded number of tasks at a time. Workers write their tasks' rows to part files themselves
(batch_parts.py); the main process, which shares the cores with them, only hands out tasks and appends a short line
per finished task to the checkpoint, then joins the parts into the output tables while the workers exit."""
from __future__ import annotations

import multiprocessing
import secrets
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from functools import partial
from pathlib import Path

from .batch_checkpoint import Checkpoint
from .batch_parts import TaskDone, join_parts, write_parts
from .batch_progress import Progress
from .batch_summary import Summary, summarise
from .batch_tables import format_of
from .batch_tasks import Job, Task, TaskSize, index_one, plan, worker_kb
from .errors import AnnotatorError

IN_FLIGHT_PER_WORKER = 4


def run_local(sources: list[tuple[str, str]], out: Path, job: Job, workers: int, task_pages: int,
              overwrite: bool = False, progress: bool | None = None) -> Summary:
    fmt = format_of(out)
    checkpoint = Checkpoint(out, job.kb_version)
    done = checkpoint.start(overwrite)
    annotate_task = partial(write_parts, job=job, folder=str(checkpoint.parts), fmt=fmt, run=secrets.token_hex(4))
    context = multiprocessing.get_context("spawn")  # fresh interpreters: no threads or locks inherited
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(job,)) as pool:
        try:
            indexes = list(pool.map(index_one, sources, chunksize=64))
            tasks = plan(indexes, TaskSize(task_pages), done)
            total = sum(len(index.pages) for index in indexes)
            with Progress(total, total - sum(len(t.pages) for t in tasks), progress) as bar:
                for finished in _results(pool, tasks, annotate_task, workers * IN_FLIGHT_PER_WORKER):
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


def _start_worker(job: Job) -> None:
    """Ctrl-C is the main process's to handle: workers finish the task they hold. The KB is compiled as the worker
    starts, before its first index task (a KB of another version is reported by the first page task instead)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        worker_kb(job.kb_path, job.kb_version)
    except AnnotatorError:
        pass


def _results(pool: ProcessPoolExecutor, tasks: list[Task], annotate_task: Callable[[Task], TaskDone],
             in_flight: int) -> Iterator[TaskDone]:
    queued = iter(tasks)
    running: set[Future[TaskDone]] = set()
    while True:
        for task in queued:
            running.add(pool.submit(annotate_task, task))
            if len(running) >= in_flight:
                break
        if not running:
            return
        finished, running = wait(running, return_when=FIRST_COMPLETED)
        for future in finished:
            yield future.result()
