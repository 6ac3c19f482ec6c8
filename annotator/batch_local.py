"""A batch run on this machine: a pool of worker processes (one per core by default), each compiling the KB once,
fed a bounded number of tasks at a time; the main process only hands out tasks and appends finished pages to the
checkpoint, then writes the output tables from it."""
from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path

from .batch_checkpoint import Checkpoint
from .batch_page import Outcome
from .batch_progress import Progress
from .batch_summary import Summary, summarise
from .batch_tables import Tables
from .batch_tasks import Job, Task, TaskSize, index_one, plan, run_task

IN_FLIGHT_PER_WORKER = 4


def run_local(sources: list[tuple[str, str]], out: Path, job: Job, workers: int, task_pages: int,
              overwrite: bool = False, progress: bool | None = None) -> Summary:
    checkpoint = Checkpoint(out, job.kb_version)
    done = checkpoint.start(overwrite)
    context = multiprocessing.get_context("spawn")  # fresh interpreters: no threads or locks inherited
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_ignore_interrupts) as pool:
        try:
            indexes = list(pool.map(index_one, sources, chunksize=64))
            tasks = plan(indexes, TaskSize(task_pages), done)
            total = sum(len(index.pages) for index in indexes)
            with Progress(total, total - sum(len(t.pages) for t in tasks), progress) as bar:
                for outcomes in _results(pool, tasks, job, workers * IN_FLIGHT_PER_WORKER):
                    checkpoint.add(outcomes)
                    bar.advance(len(outcomes))
        except BaseException:  # Ctrl-C: drop what is queued; what is done stays in the checkpoint
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    tables = Tables(out)
    summary = summarise(checkpoint.outcomes(), tables, sum(index.skipped for index in indexes))
    tables.commit()
    checkpoint.remove()
    return summary


def _ignore_interrupts() -> None:
    """Ctrl-C is the main process's to handle: workers finish the task they hold."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _results(pool: ProcessPoolExecutor, tasks: list[Task], job: Job, in_flight: int) -> Iterator[list[Outcome]]:
    queued = iter(tasks)
    running: set[Future[list[Outcome]]] = set()
    while True:
        for task in queued:
            running.add(pool.submit(run_task, task, job))
            if len(running) >= in_flight:
                break
        if not running:
            return
        finished, running = wait(running, return_when=FIRST_COMPLETED)
        for future in finished:
            yield future.result()
