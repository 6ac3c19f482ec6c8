"""Joining a local run's part files into the output tables: in the order given, Parquet in row groups of 20,000 rows
whatever the parts' sizes, and the CSV header written once."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from batch_run import read_rows
from caveat.annotator.batch_parts import ROW_GROUP, TABLES, join_parts, part_files
from caveat.annotator.batch_tables import arrow_schema, pages_path


def _rows(columns, part: int, count: int) -> list[dict]:
    values = {"str": lambda i: f"{part}-{i}", "int": lambda i: i, "float": lambda i: i / 2}
    return [{name: values[kind](i) for name, kind in columns} for i in range(count)]


def _write_arrow_parts(folder, sizes):
    for part, size in enumerate(sizes):
        for file, (_, columns) in zip(part_files(folder, f"p{part}", "parquet"), TABLES):
            schema = arrow_schema(columns)
            with pa.ipc.new_file(str(file), schema) as writer:
                writer.write_table(pa.Table.from_pylist(_rows(columns, part, size), schema))


def test_parquet_parts_join_in_order_into_row_groups_of_20000(tmp_path):
    _write_arrow_parts(tmp_path, [15_000, 0, 15_000, 15_000])
    out = tmp_path / "r.parquet"
    join_parts(tmp_path, ["p2", "p0", "p1", "p3"], out, "parquet")
    meta = pq.ParquetFile(out).metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [ROW_GROUP, ROW_GROUP, 5_000]
    inputs = pq.read_table(out, columns=["input"]).column("input").to_pylist()
    assert inputs[0] == "2-0" and inputs[15_000] == "0-0" and inputs[-1] == "3-14999"
    assert pq.read_table(pages_path(out)).num_rows == 45_000


def test_csv_parts_are_copied_under_one_header(tmp_path):
    for part in ("a", "b"):
        for file, (_, columns) in zip(part_files(tmp_path, part, "csv"), TABLES):
            names = [name for name, _ in columns]
            file.write_text("".join(",".join(f"{part}{i}" if n == "url" else "1" for n in names) + "\r\n"
                                    for i in range(2)))
    out = tmp_path / "r.csv"
    join_parts(tmp_path, ["b", "a"], out, "csv")
    assert [row["url"] for row in read_rows(out)] == ["b0", "b1", "a0", "a1"]
    assert out.read_text().count("input,record,url") == 1
