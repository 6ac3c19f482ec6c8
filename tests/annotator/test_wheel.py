"""The knowledge base ships inside the package: a wheel built from the tree carries every entry and schema."""
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_contains_kb_and_schemas(tmp_path):
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("caveat-*.whl")
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
