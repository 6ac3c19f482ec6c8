"""The two tables a batch run writes and their columns (the one definition every format follows).

`--out results.parquet` writes the highlights to results.parquet and the per-page summary beside it, to
results.pages.parquet; the same for .jsonl (one JSON object a line) and .csv (a header row). A page is known by
(input, record); the highlights of a page sort by `start`, the offset in the page's extracted text.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import AnnotatorError
from .levels import ALL_LEVELS

if TYPE_CHECKING:
    import pyarrow as pa

# (column, type): "str", "int" or "float"; every str may be null (a page with no url, a highlight with no use named)
Columns = tuple[tuple[str, str], ...]
HIGHLIGHT_COLUMNS: Columns = (
    ("input", "str"), ("record", "int"), ("url", "str"), ("start", "int"), ("end", "int"), ("treatment", "str"),
    ("exact", "str"), ("sentence", "str"), ("indication", "str"), ("level", "str"), ("evidence", "str"),
    ("risk", "str"), ("match", "str"), ("kb_version", "str"),
)
PAGE_COLUMNS: Columns = (
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


def arrow_schema(columns: Columns) -> pa.Schema:
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
    return pa.schema([(name, types[kind]) for name, kind in columns])


def write_parquet(path: Path, rows: list[Row], columns: Columns) -> None:
    """One Parquet file written whole, under a temporary name first (a Dask partition)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(columns)
    temp = path.with_name(f".{path.name}.writing")
    pq.write_table(pa.Table.from_pylist(rows, schema), temp)
    os.replace(temp, path)
