"""A batch run's unit of work: a few pages of one input, run by whichever process or Dask worker takes it.

Tasks name pages by (input, record, offset), never carry their bytes: a worker reads its own pages, so the process
that hands tasks out does no page I/O, and a Dask worker on another machine reads from the shared path. Each process
compiles the KB once, on its first task, and refuses to work under a KB other than the run's."""
from __future__ import annotations

import threading
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

from .batch_inputs import Index, Ref, index_input
from .batch_page import Limits, Outcome, run_page
from .errors import AnnotatorError
from .kb import KnowledgeBase


@dataclass(frozen=True)
class Task:
    id: int
    input: str
    kind: str
    refs: tuple[Ref, ...]


@dataclass(frozen=True)
class Job:
    """What every worker needs besides its task."""
    kb_path: str | None     # None: the bundled KB
    kb_version: str
    limits: Limits


def plan(indexes: list[Index], pages_per_task: int, done: Collection[tuple[str, int]] = ()) -> list[Task]:
    """The pages not yet done, cut into tasks of at most `pages_per_task` pages of one input, numbered in input
    order (the same inputs give the same tasks, so a Dask run can resume by task)."""
    tasks: list[Task] = []
    for index in indexes:
        refs = [ref for ref in index.pages if (index.input, ref.record) not in done]
        for i in range(0, len(refs), pages_per_task):
            tasks.append(Task(len(tasks), index.input, index.kind, tuple(refs[i:i + pages_per_task])))
    return tasks


def index_one(source: tuple[str, str]) -> Index:
    return index_input(*source)


_LOADING = threading.Lock()  # a Dask worker's threads wait for the first one's KB instead of compiling their own


def worker_kb(path: str | None, version: str) -> KnowledgeBase:
    with _LOADING:
        return _load_kb(path, version)


@lru_cache(maxsize=2)
def _load_kb(path: str | None, version: str) -> KnowledgeBase:
    kb = KnowledgeBase.load(path)
    if kb.version != version:
        raise AnnotatorError(f"this worker's KB ({path or 'the bundled one'}) is version {kb.version}, the run's is "
                             f"{version}: install the same Caveat and KB on every worker")
    return kb


def run_task(task: Task, job: Job) -> list[Outcome]:
    kb = worker_kb(job.kb_path, job.kb_version)
    return [run_page(task.input, task.kind, ref, kb, job.limits) for ref in task.refs]
