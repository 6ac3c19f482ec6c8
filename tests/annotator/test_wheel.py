"""The knowledge base ships inside the package: a wheel built from the tree carries every entry and schema, and
building it prints no deprecation warning. (tests/server/test_server_playground.py installs it and serves it.)"""
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_contains_kb_and_schemas(built_wheel):
    wheel, _ = built_wheel
    names = set(zipfile.ZipFile(wheel).namelist())
    kb_files = {f"caveat/annotator/kb/{p.name}" for p in (ROOT / "annotator" / "kb").glob("*.yaml")}
    assert kb_files and kb_files <= names
    assert {"caveat/annotator/schemas/annotations.schema.json", "caveat/annotator/schemas/kb-entry.schema.json",
            "caveat/annotator/data/common_words.txt", "caveat/annotator/py.typed", "caveat/server/openapi.json",
            "caveat/server/static/extension/card.js", "caveat/server/static/extension/styles.js",
            "caveat/server/static/extension/verdicts.js"} <= names
    assert any(n.startswith("caveat/server/templates/") for n in names)
    assert not any(n.startswith(("annotator/", "server/", "caveat/__init__")) for n in names), \
        "only caveat.* import names are installed (caveat is a namespace package)"


def test_building_prints_no_deprecation_warning(built_wheel):
    """`make run` installs with the same setuptools configuration; a license written as a TOML table once printed
    "`project.license` as a TOML table is deprecated" three times."""
    _, output = built_wheel
    assert "deprecat" not in output.lower(), [line for line in output.splitlines() if "eprecat" in line]
