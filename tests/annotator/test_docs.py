"""Generated docs stay in step with the knowledge base."""
from pathlib import Path

from caveat.annotator.report import stats_table

ROOT = Path(__file__).resolve().parents[2]


def test_coverage_table_is_current(kb):
    assert (ROOT / "docs" / "coverage.md").read_text() == stats_table(kb, markdown=True) + "\n", \
        "docs/coverage.md is out of date: run `make docs`"


def test_schema_links_in_docs_point_at_the_shipped_schemas():
    for name in ("annotations.schema.json", "kb-entry.schema.json"):
        assert (ROOT / "docs" / name).read_text() == (ROOT / "annotator" / "schemas" / name).read_text()
