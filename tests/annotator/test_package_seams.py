"""The library stands alone: it is installed as caveat.annotator, and nothing in it imports the server."""
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom):
            yield ("." * node.level) + (node.module or "")
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_no_library_module_imports_the_server():
    offenders = [(p.name, name) for p in (ROOT / "annotator").glob("*.py") for name in _imports(p)
                 if "server" in name.split(".") or name.startswith("..")]
    assert offenders == []


def test_library_commands_load_neither_the_server_nor_flask():
    code = ("import sys; from caveat.annotator.cli import main; main(['kb', 'stats']); "
            "print(sorted(m for m in sys.modules if m.startswith(('caveat.server', 'flask'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/")
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr


def test_generic_top_level_names_are_not_installed():
    code = "import importlib.util as u; print(u.find_spec('annotator'), u.find_spec('server'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/")
    assert out.stdout.strip() == "None None", out.stderr
