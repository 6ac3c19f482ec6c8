"""A batch run's unit of work: a run of pages in input order (records of one input, or many small inputs: a folder
of HTML files is one page a file), run by whichever process or Dask worker takes it.

Tasks name pages by (input, record, offset), never carry their bytes: a worker reads its own pages, so the process
that hands tasks out does no page I/O, and a Dask worker on another machine reads from the shared path. Each process
compiles the KB once, on its first task, and refuses to work under a KB other than the run's."""
from __future__ import annotations

import math
import threading
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from .batch_inputs import Index, Ref, index_input
from .batch_page import Limits, Outcome, run_page
from .errors import AnnotatorError
from .kb import KnowledgeBase


@dataclass(frozen=True)
class Page:
    input: str
    kind: str
    ref: Ref


@dataclass(frozen=True)
class Task:
    id: int
    pages: tuple[Page, ...]


@dataclass(frozen=True)
class Job:
    """What every worker needs besides its task."""
    kb_path: str | None     # None: the bundled KB
    kb_version: str
    limits: Limits


@dataclass(frozen=True)
class TaskSize:
    """How much a task holds: at most `pages` pages and, when set, at most `bytes` bytes (a page bigger
    than that is a task on its own)."""
    pages: int
    bytes: int | None = None

    TASKS_PER_SLOT = 8   # enough that the last tasks barely idle a worker, few enough that each one is long
    MAX_PAGES = 500

    @classmethod
    def sized_to(cls, indexes: list[Index], slots: int) -> TaskSize:
        """About TASKS_PER_SLOT tasks for each worker thread: long tasks (few writes, little scheduling) that still
        share the work out evenly; the byte budget, twice an even share, gives big pages tasks of their own."""
        refs = [ref for index in indexes for ref in index.pages]
        tasks = cls.TASKS_PER_SLOT * max(slots, 1)
        pages = min(max(math.ceil(len(refs) / tasks), 1), cls.MAX_PAGES)
        return cls(pages, max(2 * math.ceil(sum(ref.size for ref in refs) / tasks), 1))


def plan(indexes: list[Index], size: TaskSize, done: Collection[tuple[str, int]] = ()) -> list[Task]:
    """The pages not yet done, in input order, cut into tasks within `size`, numbered in that order (the same inputs
    give the same tasks, so a Dask run can resume by task)."""
    pages = (Page(index.input, index.kind, ref) for index in indexes for ref in index.pages
             if (index.input, ref.record) not in done)
    return [Task(number, task) for number, task in enumerate(_cut(pages, size))]


def _cut(pages: Iterable[Page], size: TaskSize) -> Iterator[tuple[Page, ...]]:
    task: list[Page] = []
    held = 0
    for page in pages:
        if task and (len(task) == size.pages or (size.bytes is not None and held + page.ref.size > size.bytes)):
            yield tuple(task)
            task, held = [], 0
        task.append(page)
        held += page.ref.size
    if task:
        yield tuple(task)


def index_many(sources: list[tuple[str, str]]) -> list[Index]:
    """A batch of inputs indexed in one task: most inputs (an HTML file) take a stat, less than a task costs."""
    return [index_input(*source) for source in sources]


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
    return [run_page(page.input, page.kind, page.ref, kb, job.limits) for page in task.pages]
