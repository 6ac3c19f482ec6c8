"""Hostile KB files (issue 14): the loader refuses them before building anything big, and every answer about them is
small and names the file and line. Real files, the real loader, `caveat kb check` in a process with capped memory."""
from __future__ import annotations

import re
import resource
import subprocess
import sys
import tracemalloc

import pytest

import yaml_bombs
from caveat.annotator import KnowledgeBase, KnowledgeBaseError
from caveat.annotator import kb as kb_module
from caveat.annotator.kb import MAX_PROBLEMS_PER_FILE, read_kb
from caveat.annotator.kb_yaml import MAX_DEPTH, MAX_NODES

from test_kb_check import GOOD, TODAY

MEMORY_CAP = 1024 ** 3  # address space for `caveat kb check`: a bomb that expands would hit it


def problems_and_peak(folder):
    """The problems of a KB folder, as text, and the most memory Python held while reading it."""
    tracemalloc.start()
    try:
        problems = read_kb(folder, TODAY).problems
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return [str(p).replace(str(folder) + "/", "") for p in problems], peak


@pytest.mark.parametrize("bomb, expected", [
    (yaml_bombs.alias_key_bomb, "bomb.yaml:6: l0: YAML anchors and aliases (&name, *name) are not supported"),
    (yaml_bombs.complex_key, "bomb.yaml:6: entry: a key must be plain text, not a list or mapping"),
    (yaml_bombs.many_values, f"bomb.yaml:6: risks[{MAX_NODES - 13}]: more than {MAX_NODES:,} keys and values"),
    (yaml_bombs.deep, f"bomb.yaml:6: risks{'[0]' * (MAX_DEPTH - 1)}: nested more than {MAX_DEPTH} levels deep"),
    (yaml_bombs.huge_field, "bomb.yaml: file: {size:,} bytes, over the limit of 256 KB for one KB file"),
])
def test_a_bomb_is_one_small_problem_at_its_line(tmp_path, bomb, expected):
    size = bomb(tmp_path).stat().st_size
    problems, peak = problems_and_peak(tmp_path)
    assert len(problems) == 1 and problems[0].startswith(expected.format(size=size)), problems
    assert peak < 16 * 1024 ** 2, f"reading the bomb held {peak / 1024 ** 2:.1f} MB"


def test_kb_check_on_bombs_is_small_with_capped_memory(tmp_path):
    """The 4.7 GB `kb check` of the issue, with every bomb in one folder beside a good entry."""
    for bomb in (yaml_bombs.alias_key_bomb, yaml_bombs.complex_key, yaml_bombs.huge_field, yaml_bombs.many_values,
                 yaml_bombs.deep, yaml_bombs.duplicate_keys):
        bomb(tmp_path, stem=bomb.__name__.replace("_", "-"))
    (tmp_path / "sample-cure.yaml").write_text(GOOD.replace("2026-11-01", "2026-01-01"))

    def cap_memory():
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    done = subprocess.run([sys.executable, "-m", "caveat.annotator", "kb", "check", str(tmp_path)],
                          capture_output=True, text=True, preexec_fn=cap_memory, timeout=300)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stdout + done.stderr
    assert len(done.stdout) < 20_000
    for stem in ("alias-key-bomb.yaml:6:", "complex-key.yaml:6:", "huge-field.yaml:", "many-values.yaml:6:",
                 "deep.yaml:6:", "duplicate-keys.yaml:6:"):
        assert str(tmp_path / stem) in done.stdout, done.stdout[:2000]
    assert "sample-cure.yaml" not in done.stdout


def test_a_long_value_is_clipped_in_its_message(tmp_path):
    """Under the size cap, a 200 KB summary still gets an error (too long) that quotes only its ends."""
    (tmp_path / "sample-cure.yaml").write_text(GOOD.replace("summary: A made-up", "summary: " + "y" * 200_000))
    problems, _ = problems_and_peak(tmp_path)
    (summary,) = [p for p in problems if p.startswith("sample-cure.yaml:6: summary: ")]
    assert "characters cut]" in summary and summary.endswith("' is too long") and len(summary) < 600


def test_a_long_key_is_clipped_in_field_and_message(tmp_path):
    (tmp_path / "sample-cure.yaml").write_text(GOOD + "? " + "k" * 100_000 + "\n: 1\n")  # an explicit key: no length limit
    problems, _ = problems_and_peak(tmp_path)
    (unknown,) = [p for p in problems if "unknown key" in p]
    assert unknown.startswith("sample-cure.yaml:38: kkk") and len(unknown) < 800
    assert "allowed here: " in unknown


def test_one_file_reports_at_most_a_page_of_problems(tmp_path):
    yaml_bombs.duplicate_keys(tmp_path)
    problems, _ = problems_and_peak(tmp_path)
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    assert re.fullmatch(r"bomb.yaml: file: 4,9\d\d more problems not shown", problems[0]), problems[0]
    assert "bomb.yaml:6: name: duplicate key 'name' (first at line 2): keep one, or the other is lost" in problems


def test_any_failure_while_checking_names_the_file(tmp_path, monkeypatch):
    """Whatever a file makes the checker do (here: running out of memory), the problem says which file it was."""
    (tmp_path / "sample-cure.yaml").write_text(GOOD)

    def out_of_memory(parsed, stem, today):
        raise MemoryError()

    monkeypatch.setattr(kb_module, "check_entry", out_of_memory)
    problems, _ = problems_and_peak(tmp_path)
    assert problems == ["sample-cure.yaml: file: could not be read or checked: MemoryError: "]
    with pytest.raises(KnowledgeBaseError, match="sample-cure.yaml: file: could not be read"):
        KnowledgeBase.load(tmp_path, today=TODAY)
