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


def test_the_complete_entry_in_the_kb_guide_is_the_shipped_file():
    guide = (ROOT / "docs" / "knowledge-base.md").read_text()
    block = guide.split("## A complete entry", 1)[1].split("```yaml\n", 1)[1].split("```\n", 1)[0]
    assert block == (ROOT / "annotator" / "kb" / "mebendazole.yaml").read_text()
