"""A batch run on a Dask cluster (`caveat batch --dask tcp://SCHEDULER:8786`): the same tasks as a local run, each
run by a worker that compiles the KB once and writes its own output partition, so nothing but page counts travels
back to the client.

Output (docs/batch.md): results.parquet/ and results.pages.parquet/ are folders of part-NNNNNN.parquet files, one
pair per task, plus results.parquet/_caveat_batch.json (the KB version and the plan). A task's pages part is
written last, under a temporary name then renamed: a run that finds it resumes past that task. Workers must see the
inputs and the output folder at the same paths as the client (a shared file system)."""
from __future__ import annotations

import json
import math
import shutil
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from distributed import Client, as_completed

from .batch_inputs import Index
from .batch_progress import Progress
from .batch_summary import Summary
from .batch_tables import HIGHLIGHT_COLUMNS, PAGE_COLUMNS, format_of, pages_path, write_parquet
from .batch_tasks import Job, Task, TaskSize, index_many, plan, run_task
from .errors import AnnotatorError

MANIFEST = "_caveat_batch.json"
INDEX_TASKS_PER_SLOT = 4   # inputs are indexed in a few batches per worker thread, not one task per file
IN_FLIGHT_PER_SLOT = 2     # tasks handed to the scheduler ahead: a worker never waits, the scheduler stays small


def part_name(task_id: int) -> str:
    return f"part-{task_id:06d}.parquet"


def write_part(task: Task, job: Job, folders: tuple[str, str]) -> int:
    """Run on a worker: annotate the task's pages and write its two partitions; returns the pages done."""
    outcomes = run_task(task, job)
    write_parquet(Path(folders[0], part_name(task.id)), [h for o in outcomes for h in o.highlights], HIGHLIGHT_COLUMNS)
    write_parquet(Path(folders[1], part_name(task.id)), [o.page for o in outcomes], PAGE_COLUMNS)
    return len(outcomes)


def run_dask(address: str, sources: list[tuple[str, str]], out: Path, job: Job, task_pages: int | None = None,
             overwrite: bool = False, progress: bool | None = None) -> Summary:
    """`task_pages` None: tasks sized to the input and the cluster (TaskSize.sized_to), or as the run being resumed
    sized them."""
    if format_of(out) != "parquet":
        raise AnnotatorError(f"{out}: a Dask run writes partitioned Parquet; name the output <name>.parquet")
    folders = (out, pages_path(out))
    with Client(address) as client:
        slots = max(sum(client.nthreads().values()), 1)
        indexes = _index(client, sources, slots)
        size = _task_size(folders[0], indexes, slots, task_pages, overwrite)
        tasks = plan(indexes, size)
        pages = sum(len(i.pages) for i in indexes)
        plan_record = {"caveat_batch": 1, "kb_version": job.kb_version, "tasks": len(tasks), "task_pages": size.pages,
                       "task_bytes": size.bytes, "pages": pages}
        _prepare(folders, plan_record, overwrite)
        todo = [t for t in tasks if not (folders[1] / part_name(t.id)).exists()]
        with Progress(pages, pages - sum(len(t.pages) for t in todo), progress) as bar:
            for done in _run(client, todo, job, tuple(map(str, folders)), IN_FLIGHT_PER_SLOT * slots):
                bar.advance(done)
    _write_manifest(out, {**plan_record, "finished": True})
    return _summary(folders, sum(i.skipped for i in indexes))


def _index(client: Client, sources: list[tuple[str, str]], slots: int) -> list[Index]:
    per_task = max(math.ceil(len(sources) / (INDEX_TASKS_PER_SLOT * slots)), 1)
    batches = [sources[i:i + per_task] for i in range(0, len(sources), per_task)]
    return [index for done in client.gather(client.map(index_many, batches, pure=False)) for index in done]


def _task_size(folder: Path, indexes: list[Index], slots: int, task_pages: int | None, overwrite: bool) -> TaskSize:
    """--task-pages as given; else the size of the unfinished run being resumed (the same tasks, whatever the
    cluster's size now); else sized to the input and the cluster."""
    if task_pages is not None:
        return TaskSize(task_pages)
    before = _read_manifest(folder)
    if before and not (before.get("finished") and overwrite) and "task_pages" in before:
        return TaskSize(before["task_pages"], before.get("task_bytes"))
    return TaskSize.sized_to(indexes, slots)


def _run(client: Client, tasks: list[Task], job: Job, folders: tuple[str, ...], in_flight: int) -> Iterator[int]:
    """Pages done per finished task, with at most `in_flight` tasks submitted and not yet finished."""
    queued = iter(tasks)
    running = as_completed([client.submit(write_part, t, job, folders, pure=False) for t in islice(queued, in_flight)])
    for future in running:
        yield future.result()
        for task in islice(queued, 1):
            running.add(client.submit(write_part, task, job, folders, pure=False))


def _prepare(folders: tuple[Path, Path], plan_record: dict[str, Any], overwrite: bool) -> None:
    """Start the folders, or resume into them when they hold an unfinished run of the same plan and KB."""
    if folders[0].exists():
        before = _read_manifest(folders[0])
        if before is None:
            raise AnnotatorError(f"{folders[0]} exists and is not a caveat batch output: remove it or pick "
                                 "another name")
        if before.get("finished") and overwrite:
            for folder in folders:
                shutil.rmtree(folder, ignore_errors=True)
        elif before.get("finished"):
            raise AnnotatorError(f"{folders[0]} exists (a finished run): remove it or pass --overwrite")
        elif before["kb_version"] != plan_record["kb_version"]:
            raise AnnotatorError(f"{folders[0]}: this run began under KB {before['kb_version']}, the KB now is "
                                 f"{plan_record['kb_version']}; resume with that KB, or remove the folders")
        elif {k: before.get(k) for k in plan_record} != plan_record:
            raise AnnotatorError(f"{folders[0]}: the inputs or --task-pages changed since this run began; resume "
                                 "with the same ones, or remove the folders")
    for folder in folders:
        folder.mkdir(exist_ok=True)
    _write_manifest(folders[0], plan_record)


def _read_manifest(folder: Path) -> dict[str, Any] | None:
    manifest = folder / MANIFEST
    return json.loads(manifest.read_text()) if manifest.is_file() else None


def _write_manifest(folder: Path, record: dict[str, Any]) -> None:
    temp = folder / f".{MANIFEST}.writing"
    temp.write_text(json.dumps(record, indent=2) + "\n")
    temp.replace(folder / MANIFEST)


def _summary(folders: tuple[Path, Path], skipped: int) -> Summary:
    import pyarrow.parquet as pq

    pages = pq.read_table(folders[1], columns=["status", "highlights"]).to_pydict()
    return Summary(len(pages["status"]), pages["status"].count("error"), skipped, sum(pages["highlights"]))
