"""Running `caveat batch` as a user does (a subprocess) and reading its tables back, whatever the format."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from caveat.annotator.batch_tables import HIGHLIGHT_COLUMNS, PAGE_COLUMNS, pages_path

TIMING = {"seconds"}  # the only column that differs between two runs of the same job


def batch(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "caveat.annotator", "batch", *map(str, args)],
                          capture_output=True, text=True, **kwargs)


def read_rows(path: Path) -> list[dict]:
    """The rows of one table (a file, or a folder of Parquet parts), typed as the column list says."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_table(path).to_pylist()
    with path.open(encoding="utf-8", newline="") as f:
        if path.suffix == ".jsonl":
            return [json.loads(line) for line in f]
        columns = dict(HIGHLIGHT_COLUMNS + PAGE_COLUMNS)
        return [{k: _typed(v, columns[k]) for k, v in row.items()} for row in csv.DictReader(f)]


def _typed(value: str, kind: str):
    if value == "":
        return None
    return {"int": int, "float": float, "str": str}[kind](value)


def tables(out: Path) -> tuple[list[dict], list[dict]]:
    """(highlights, pages), sorted by (input, record, start) and without timings, to compare two runs."""
    highlights = sorted(read_rows(out), key=lambda r: (r["input"], r["record"], r["start"]))
    pages = sorted(({k: v for k, v in r.items() if k not in TIMING} for r in read_rows(pages_path(out))),
                   key=lambda r: (r["input"], r["record"]))
    return highlights, pages
