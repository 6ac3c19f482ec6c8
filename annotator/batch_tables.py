"""The two tables a batch run writes, their columns (the one definition every format follows), and the writers.

`--out results.parquet` writes the highlights to results.parquet and the per-page summary beside it, to
results.pages.parquet; the same for .jsonl (one JSON object a line) and .csv (a header row). A page is known by
(input, record); the highlights of a page sort by `start`, the offset in the page's extracted text.
"""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Protocol

from .errors import AnnotatorError
from .levels import ALL_LEVELS

if TYPE_CHECKING:
    import pyarrow as pa

# (column, type): "str", "int" or "float"; every str may be null (a page with no url, a highlight with no use named)
HIGHLIGHT_COLUMNS = (
    ("input", "str"), ("record", "int"), ("url", "str"), ("start", "int"), ("end", "int"), ("treatment", "str"),
    ("exact", "str"), ("sentence", "str"), ("indication", "str"), ("level", "str"), ("evidence", "str"),
    ("risk", "str"), ("match", "str"), ("kb_version", "str"),
)
PAGE_COLUMNS = (
    ("input", "str"), ("record", "int"), ("url", "str"), ("status", "str"), ("error", "str"), ("bytes", "int"),
    ("highlights", "int"), ("treatments", "int"), *((level, "int") for level in ALL_LEVELS),
    ("kb_version", "str"), ("seconds", "float"),
)
FORMATS = {".parquet": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}

Row = dict[str, Any]


def format_of(out: Path) -> str:
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise AnnotatorError(f"{out}: the output's name must end in {', '.join(FORMATS)} (it picks the format)")
    return fmt


def pages_path(out: Path) -> Path:
    """Where the per-page table goes: results.parquet -> results.pages.parquet."""
    return out.with_name(f"{out.stem}.pages{out.suffix}")


def arrow_schema(columns: tuple[tuple[str, str], ...]) -> pa.Schema:
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
    return pa.schema([(name, types[kind]) for name, kind in columns])


class TableWriter(Protocol):
    def write(self, rows: list[Row]) -> None: ...
    def close(self) -> None: ...


class _Parquet:
    BATCH = 20_000   # rows a row group holds at most

    def __init__(self, path: Path, columns: tuple[tuple[str, str], ...]):
        import pyarrow.parquet as pq

        self.schema = arrow_schema(columns)
        self.writer = pq.ParquetWriter(path, self.schema)
        self.rows: list[Row] = []

    def write(self, rows: list[Row]) -> None:
        self.rows += rows
        if len(self.rows) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        self.writer.write_table(pa.Table.from_pylist(self.rows, self.schema))
        self.rows = []

    def close(self) -> None:
        self._flush()
        self.writer.close()


class _JsonLines:
    def __init__(self, path: Path, columns: tuple[tuple[str, str], ...]):
        self.names = [name for name, _ in columns]
        self.file = open(path, "w", encoding="utf-8")

    def write(self, rows: list[Row]) -> None:
        self.file.writelines(json.dumps({n: row[n] for n in self.names}, ensure_ascii=False) + "\n" for row in rows)

    def close(self) -> None:
        self.file.close()


class _Csv:
    def __init__(self, path: Path, columns: tuple[tuple[str, str], ...]):
        self.file = open(path, "w", encoding="utf-8", newline="")
        self.writer = csv.DictWriter(self.file, [name for name, _ in columns], extrasaction="ignore")
        self.writer.writeheader()

    def write(self, rows: list[Row]) -> None:
        self.writer.writerows(rows)

    def close(self) -> None:
        self.file.close()


_WRITERS: dict[str, Callable[[Path, tuple[tuple[str, str], ...]], TableWriter]] = {
    "parquet": _Parquet, "jsonl": _JsonLines, "csv": _Csv}


class Tables:
    """Both tables of one output, written under temporary names and moved into place by `commit()`, so that a file
    with the output's name is always a finished one."""

    def __init__(self, out: Path):
        fmt = format_of(out)
        self.final = (out, pages_path(out))
        self.temp = tuple(p.with_name(f".{p.name}.writing") for p in self.final)
        self.highlights = _WRITERS[fmt](self.temp[0], HIGHLIGHT_COLUMNS)
        self.pages = _WRITERS[fmt](self.temp[1], PAGE_COLUMNS)

    def write(self, page: Row, highlights: list[Row]) -> None:
        self.highlights.write(highlights)
        self.pages.write([page])

    def commit(self) -> None:
        self.highlights.close()
        self.pages.close()
        for temp, final in zip(self.temp, self.final):
            os.replace(temp, final)


def write_parquet(path: Path, rows: list[Row], columns: tuple[tuple[str, str], ...]) -> None:
    """One Parquet file written whole, under a temporary name first (a Dask partition)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(columns)
    temp = path.with_name(f".{path.name}.writing")
    pq.write_table(pa.Table.from_pylist(rows, schema), temp)
    os.replace(temp, path)
