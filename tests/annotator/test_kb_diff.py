"""`caveat kb diff`: a KB edit's added, removed and changed highlights, a base revision read by its own code in a
temporary git worktree, and exit 1 when the edit loses a labelled mention or hits a false friend."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEXT = ("Her doctor prescribed ivermectin for head lice. Later he bought Stromectol online to treat COVID-19.\n\n"
        "The Wonder Paste her aunt sells is sold as a cure for COVID-19.")


def caveat(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "caveat.annotator", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.email=t@example.org", "-c", "user.name=Test", *args],
                   check=True, capture_output=True)


def _edit(kb: Path, old: str, new: str) -> None:
    path = kb / "ivermectin.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A git checkout holding a copy of the annotator (code and KB) and a one-text labelled corpus, committed."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "annotator", repo / "annotator", ignore=shutil.ignore_patterns("__pycache__"))
    corpus = repo / "tests" / "corpus" / "health"
    corpus.mkdir(parents=True)
    (corpus / "lice.yaml").write_text(json.dumps({
        "url": "https://example.org", "lang": "en", "text": TEXT,
        "mentions": [{"exact": "ivermectin", "treatment": "ivermectin", "level": "established"},
                     {"exact": "Stromectol", "treatment": "ivermectin", "level": "warning"}],
        "false_friends": [{"exact": "Wonder Paste", "looks_like": "ivermectin"}]}))
    git(repo, "init", "--quiet")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "base")
    return repo


def test_a_lost_labelled_mention_makes_the_edit_worse(checkout):
    kb = checkout / "annotator" / "kb"
    _edit(kb, "  - Stromectol\n", "")
    done = caveat("kb", "diff", "--kb", kb)
    assert done.returncode == 1, done.stderr
    assert "lost labelled mention: health/lice.yaml: [Stromectol] ivermectin" in done.stdout
    assert "removed in health/lice.yaml: [Stromectol]" in done.stdout
    assert "Later he bought Stromectol online to treat COVID-19." in done.stdout


def test_the_base_revision_is_annotated_by_its_own_code(checkout, tmp_path):
    marker = tmp_path / "base-code-ran"
    init = checkout / "annotator" / "__init__.py"
    init.write_text(init.read_text() + f"\nopen({str(marker)!r}, 'w').write(__file__)\n")
    git(checkout, "commit", "--quiet", "-am", "mark the base code")
    init.write_text(init.read_text().rsplit("\nopen(", 1)[0] + "\n")
    kb = checkout / "annotator" / "kb"
    _edit(kb, "  - Mectizan\n", "  - Mectizan\n  - Wonder Paste\n")
    done = caveat("kb", "diff", "--kb", kb, "--format", "markdown")
    assert done.returncode == 1, done.stderr  # the new alias hits the labelled false friend
    assert marker.read_text() != str(ROOT / "annotator" / "__init__.py") and "caveat-kb-diff-" in marker.read_text()
    assert "- false friend hit: `health/lice.yaml`: **Wonder Paste** (ivermectin)" in done.stdout
    assert "| `ivermectin` | 1 | 0 | 0 |" in done.stdout
    assert "> The Wonder Paste her aunt sells is sold as a cure for COVID-19." in done.stdout
    worktrees = subprocess.run(["git", "-C", str(checkout), "worktree", "list"], capture_output=True, text=True)
    assert len(worktrees.stdout.splitlines()) == 1  # the temporary worktree is gone


def test_a_base_folder_and_extra_pages_show_changed_verdicts(checkout, tmp_path):
    base = tmp_path / "base-kb"
    shutil.copytree(checkout / "annotator" / "kb", base)
    kb = checkout / "annotator" / "kb"
    _edit(kb, "condition: parasitic worm infections, head lice", "condition: worms, head lice")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.html").write_text("<p>The school nurse said ivermectin lotion treats head lice.</p>")
    done = caveat("kb", "diff", pages, "--kb", kb, "--base", base, "--format", "json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    changed = [c for c in result["changes"] if c["kind"] == "changed"]
    assert {c["file"] for c in changed} == {"health/lice.yaml", f"{pages / 'a.html'}#0"}
    assert all(c["got"] == "established (worms, head lice and rosacea)" for c in changed) and not result["worse"]


def test_a_base_that_is_not_a_revision_is_a_one_line_error(checkout):
    done = caveat("kb", "diff", "--kb", checkout / "annotator" / "kb", "--base", "no-such-revision")
    assert done.returncode == 2 and done.stderr.startswith("caveat: --base no-such-revision:")
