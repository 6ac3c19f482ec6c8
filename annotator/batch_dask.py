"""A batch run on a Dask cluster (`caveat batch --dask tcp://SCHEDULER:8786`): the same tasks as a local run, each
run by a worker that compiles the KB once and writes its own output partition, so nothing but page counts travels
back to the client.

Output (docs/batch.md): results.parquet/ and results.pages.parquet/ are folders of part-NNNNNN.parquet files, one
pair per task, plus results.parquet/_caveat_batch.json (the KB version and the plan). A task's pages part is
written last, under a temporary name then renamed: a run that finds it resumes past that task. Workers must see the
inputs and the output folder at the same paths as the client (a shared file system)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from distributed import Client, as_completed

from .batch_inputs import Index
from .batch_progress import Progress
from .batch_summary import Summary
from .batch_tables import HIGHLIGHT_COLUMNS, PAGE_COLUMNS, format_of, pages_path, write_parquet
from .batch_tasks import Job, Task, index_one, plan, run_task
from .errors import AnnotatorError

MANIFEST = "_caveat_batch.json"


def part_name(task_id: int) -> str:
    return f"part-{task_id:06d}.parquet"


def write_part(task: Task, job: Job, folders: tuple[str, str]) -> int:
    """Run on a worker: annotate the task's pages and write its two partitions; returns the pages done."""
    outcomes = run_task(task, job)
    write_parquet(Path(folders[0], part_name(task.id)), [h for o in outcomes for h in o.highlights], HIGHLIGHT_COLUMNS)
    write_parquet(Path(folders[1], part_name(task.id)), [o.page for o in outcomes], PAGE_COLUMNS)
    return len(outcomes)


def run_dask(address: str, sources: list[tuple[str, str]], out: Path, job: Job, task_pages: int,
             overwrite: bool = False, progress: bool | None = None) -> Summary:
    if format_of(out) != "parquet":
        raise AnnotatorError(f"{out}: a Dask run writes partitioned Parquet; name the output <name>.parquet")
    folders = (out, pages_path(out))
    with Client(address) as client:
        indexes: list[Index] = client.gather(client.map(index_one, sources, pure=False))
        tasks = plan(indexes, task_pages)
        pages = sum(len(i.pages) for i in indexes)
        plan_record = {"caveat_batch": 1, "kb_version": job.kb_version, "tasks": len(tasks), "task_pages": task_pages,
                       "pages": pages}
        _prepare(folders, plan_record, overwrite)
        todo = [t for t in tasks if not (folders[1] / part_name(t.id)).exists()]
        with Progress(pages, pages - sum(len(t.refs) for t in todo), progress) as bar:
            futures = client.map(write_part, todo, job=job, folders=tuple(map(str, folders)), pure=False)
            for future in as_completed(futures):
                bar.advance(future.result())
    _write_manifest(out, {**plan_record, "finished": True})
    return _summary(folders, sum(i.skipped for i in indexes))


def _prepare(folders: tuple[Path, Path], plan_record: dict[str, Any], overwrite: bool) -> None:
    """Start the folders, or resume into them when they hold an unfinished run of the same plan and KB."""
    manifest = folders[0] / MANIFEST
    if folders[0].exists():
        if not manifest.is_file():
            raise AnnotatorError(f"{folders[0]} exists and is not a caveat batch output: remove it or pick another name")
        before = json.loads(manifest.read_text())
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


def _write_manifest(folder: Path, record: dict[str, Any]) -> None:
    temp = folder / f".{MANIFEST}.writing"
    temp.write_text(json.dumps(record, indent=2) + "\n")
    temp.replace(folder / MANIFEST)


def _summary(folders: tuple[Path, Path], skipped: int) -> Summary:
    import pyarrow.parquet as pq

    pages = pq.read_table(folders[1], columns=["status", "highlights"]).to_pydict()
    return Summary(len(pages["status"]), pages["status"].count("error"), skipped, sum(pages["highlights"]))
