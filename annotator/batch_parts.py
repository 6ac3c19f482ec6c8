"""A local batch run's rows go through part files, so that the main process, which shares the cores with the
workers, never encodes or parses a row: the worker that runs a task writes the task's highlights and page rows to two
part files in a run folder beside the output (<out>.parts/), already in the output's format (JSON Lines, CSV rows
without the header, or Arrow IPC for Parquet), and returns only the task's page keys and counts. When every page is
done the main process joins the parts into the two tables: bytes copied for JSON Lines and CSV, Arrow batches put
into Parquet row groups by pyarrow.

A part file is written under a temporary name and renamed, so a part with its final name is whole; it counts only
once the checkpoint records its task (batch_checkpoint.py), which removes any part it does not record."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .batch_tables import HIGHLIGHT_COLUMNS, PAGE_COLUMNS, Columns, Row, arrow_schema, pages_path
from .batch_tasks import Job, Task, run_task

TABLES = (("highlights", HIGHLIGHT_COLUMNS), ("pages", PAGE_COLUMNS))
SUFFIXES = {"parquet": ".arrow", "jsonl": ".jsonl", "csv": ".csv"}
ROW_GROUP = 20_000   # rows a Parquet row group of the joined table holds


@dataclass(frozen=True)
class TaskDone:
    """What a worker returns for a task: all the checkpoint and the closing summary need."""
    part: str                            # the name both part files of the task start with
    pages: tuple[tuple[str, int], ...]   # (input, record) of each page
    errors: int                          # error rows
    highlights: int


def parts_folder(out: Path) -> Path:
    return out.with_name(f"{out.name}.parts")


def part_of(file: Path) -> str:
    """The part a file in the run folder belongs to ('' for a temporary file)."""
    return file.name.split(".")[0]


def part_files(folder: Path, part: str, fmt: str) -> list[Path]:
    """The part's highlights file and pages file."""
    return [folder / f"{part}.{table}{SUFFIXES[fmt]}" for table, _ in TABLES]


def write_parts(task: Task, job: Job, folder: str, fmt: str, run: str) -> TaskDone:
    """Run in a worker: annotate the task's pages and write their rows to the task's two part files."""
    outcomes = run_task(task, job)
    part = f"{run}-{task.id:06d}"
    rows = ([h for o in outcomes for h in o.highlights], [o.page for o in outcomes])
    for path, table_rows, (_, columns) in zip(part_files(Path(folder), part, fmt), rows, TABLES):
        temp = path.with_name(f".{path.name}.writing")
        _WRITE[fmt](temp, table_rows, columns)
        os.replace(temp, path)
    return TaskDone(part, tuple((o.page["input"], o.page["record"]) for o in outcomes),
                    sum(o.page["status"] == "error" for o in outcomes), len(rows[0]))


def join_parts(folder: Path, parts: list[str], out: Path, fmt: str) -> None:
    """Both tables from the parts, in the order given, under temporary names moved into place once both are
    written, so that a file with the output's name is always a finished one."""
    finals = (out, pages_path(out))
    temps = [final.with_name(f".{final.name}.writing") for final in finals]
    files = [part_files(folder, part, fmt) for part in parts]
    for table, (temp, (_, columns)) in enumerate(zip(temps, TABLES)):
        _JOIN[fmt]([both[table] for both in files], temp, columns)
    for temp, final in zip(temps, finals):
        os.replace(temp, final)


def _write_jsonl(path: Path, rows: list[Row], columns: Columns) -> None:
    names = [name for name, _ in columns]
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(json.dumps({n: row[n] for n in names}, ensure_ascii=False) + "\n" for row in rows)


def _write_csv(path: Path, rows: list[Row], columns: Columns) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, [name for name, _ in columns], extrasaction="ignore").writerows(rows)


def _write_arrow(path: Path, rows: list[Row], columns: Columns) -> None:
    import pyarrow as pa

    schema = arrow_schema(columns)
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, schema) as writer:
        writer.write_table(pa.Table.from_pylist(rows, schema))


def _join_jsonl(files: list[Path], dest: Path, columns: Columns) -> None:
    _concatenate(files, dest, b"")


def _join_csv(files: list[Path], dest: Path, columns: Columns) -> None:
    header = io.StringIO(newline="")
    csv.writer(header).writerow([name for name, _ in columns])
    _concatenate(files, dest, header.getvalue().encode("utf-8"))


def _concatenate(files: list[Path], dest: Path, head: bytes) -> None:
    with open(dest, "wb") as f:
        f.write(head)
        for file in files:
            with open(file, "rb") as part:
                shutil.copyfileobj(part, f)


def _join_parquet(files: list[Path], dest: Path, columns: Columns) -> None:
    """One Parquet file in row groups of ROW_GROUP rows (the last one shorter), a part's batches at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(columns)
    pending = schema.empty_table()
    with pq.ParquetWriter(dest, schema) as writer:
        for file in files:
            with pa.OSFile(str(file)) as source:
                pending = pa.concat_tables([pending, pa.ipc.open_file(source).read_all()])
            whole = len(pending) // ROW_GROUP * ROW_GROUP
            if whole:
                writer.write_table(pending.slice(0, whole), row_group_size=ROW_GROUP)
                pending = pending.slice(whole)
        writer.write_table(pending)


_WRITE: dict[str, Callable[[Path, list[Row], Columns], None]] = {
    "parquet": _write_arrow, "jsonl": _write_jsonl, "csv": _write_csv}
_JOIN: dict[str, Callable[[list[Path], Path, Columns], None]] = {
    "parquet": _join_parquet, "jsonl": _join_jsonl, "csv": _join_csv}
