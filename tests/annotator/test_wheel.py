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
    kb_files = {f"annotator/kb/{p.name}" for p in (ROOT / "annotator" / "kb").glob("*.yaml")}
    assert kb_files and kb_files <= names
    assert {"annotator/schemas/annotations.schema.json", "annotator/schemas/kb-entry.schema.json",
            "annotator/data/common_words.txt", "server/openapi.json"} <= names
    assert any(n.startswith("server/templates/") for n in names)
