"""An interrupted `caveat batch` resumes where it stopped: no page twice, none lost, and never under another KB."""
from __future__ import annotations

import json
import multiprocessing
import os
import pty
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from batch_corpus import ARTICLE, PLAIN_HTML
from batch_run import batch, read_rows, tables
from caveat.annotator.batch_checkpoint import Checkpoint, progress_path
from caveat.annotator.batch_local import FIRST_COMPLETED, CtrlC, _wait
from caveat.annotator.batch_parts import TaskDone, part_files, parts_folder

PAGES = 300


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("many")
    for i in range(PAGES):
        (root / f"page-{i:03d}.html").write_bytes(ARTICLE if i % 2 else PLAIN_HTML.encode())
    return root


def _wait_for(condition, what: str, process: subprocess.Popen, limit: float = 120.0) -> None:
    """Poll a real condition (a file's contents), failing with the process's stderr if it exits first."""
    deadline = time.monotonic() + limit
    while not condition():
        if process.poll() is not None:
            raise AssertionError(f"caveat batch exited before {what}: {process.stderr.read()}")
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_an_interrupted_run_resumes_without_duplicates(folder, tmp_path):
    out = tmp_path / "r.parquet"
    run = subprocess.Popen([sys.executable, "-m", "caveat.annotator", "batch", str(folder), "--out", str(out),
                            "--workers", "1", "--task-pages", "4"], stderr=subprocess.PIPE, text=True)
    spool, parts = progress_path(out), parts_folder(out)
    _wait_for(lambda: spool.exists() and spool.read_bytes().count(b"\n") > 5, "tasks were checkpointed", run)
    run.send_signal(signal.SIGINT)
    assert run.wait(120) == 130
    assert "run the same command again to resume" in run.stderr.read()
    recorded = [json.loads(line) for line in spool.read_bytes().splitlines()[1:]]
    assert not out.exists() and 20 <= sum(len(task["pages"]) for task in recorded) < PAGES
    # as if the process died after a worker wrote a part, before its task was recorded, and mid-line
    for file in parts.glob(f"{recorded[0]['part']}.*"):
        shutil.copy(file, parts / file.name.replace(recorded[0]["part"], "unrecorded-000000"))
    (parts / ".unrecorded-000001.pages.arrow.writing").write_bytes(b"half a part")
    with spool.open("ab") as f:
        f.write(b'{"part": "cut sho')
    resumed = batch(folder, "--out", out, "--workers", 2)
    assert resumed.returncode == 0, resumed.stderr
    whole = batch(folder, "--out", tmp_path / "whole.parquet")
    highlights, pages = tables(out)
    assert len(pages) == PAGES == len({(p["input"], p["record"]) for p in pages})
    assert (highlights, pages) == tables(tmp_path / "whole.parquet"), whole.stderr
    assert not spool.exists() and not parts.exists()


def test_a_run_begun_under_another_kb_is_not_resumed(folder, tmp_path):
    out = tmp_path / "r.jsonl"
    Checkpoint(out, "0123456789ab").start(overwrite=False)
    done = batch(folder, "--out", out)
    assert done.returncode == 2 and "began under KB 0123456789ab" in done.stderr, done.stderr
    assert not out.exists()


def test_the_progress_bar_shows_rate_and_eta_on_a_terminal(folder, tmp_path):
    main, child = pty.openpty()
    run = subprocess.Popen([sys.executable, "-m", "caveat.annotator", "batch", str(folder), "--out",
                            str(tmp_path / "r.csv")], stderr=child, stdout=subprocess.DEVNULL)
    os.close(child)
    drawn = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed: the run is over
            break
        if not chunk:
            break
        drawn += chunk
    assert run.wait(120) == 0
    screen = drawn.decode("utf-8", "replace")
    assert f"{PAGES}/{PAGES}" in screen and "pages/s" in screen and "ETA" in screen, screen
    assert len(read_rows(tmp_path / "r.pages.csv")) == PAGES


def test_resuming_keeps_only_the_parts_of_recorded_tasks(tmp_path):
    out = tmp_path / "r.jsonl"
    Checkpoint(out, "0123456789ab").start(overwrite=False)
    Checkpoint(out, "0123456789ab").add(TaskDone("run1-000000", (("/in/a.html", 0), ("/in/b.html", 0)), 1, 3))
    parts = parts_folder(out)
    for name in ("run1-000000", "run1-000001", "run2-000000"):
        for file in part_files(parts, name, "jsonl"):
            file.write_text("{}\n")
    (parts / ".run2-000001.highlights.jsonl.writing").write_text("{")
    with progress_path(out).open("ab") as f:
        f.write(b'{"part": "run1-000001", "pages": [["/in/c.ht')  # its part was written, its line cut short
    resumed = Checkpoint(out, "0123456789ab")
    assert resumed.start(overwrite=False) == {("/in/a.html", 0), ("/in/b.html", 0)}
    assert sorted(parts.iterdir()) == part_files(parts, "run1-000000", "jsonl")
    assert [task.part for task in resumed.tasks()] == ["run1-000000"]


def test_ctrl_c_only_raises_a_flag_that_the_run_checks_between_its_own_steps():
    """A KeyboardInterrupt raised inside the pool's code can leave its lock held and hang the shutdown after it."""
    before = signal.getsignal(signal.SIGINT)
    with CtrlC() as ctrl_c:
        signal.raise_signal(signal.SIGINT)
        assert ctrl_c.pressed
        with pytest.raises(KeyboardInterrupt):
            ctrl_c.check()
    assert signal.getsignal(signal.SIGINT) is before


def test_ctrl_c_ends_the_wait_while_every_worker_is_busy():
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, ProcessPoolExecutor(1, mp_context=context) as pool:
        release = manager.Event()
        busy = pool.submit(release.wait)
        try:
            with CtrlC() as ctrl_c, pytest.raises(KeyboardInterrupt):
                signal.raise_signal(signal.SIGINT)
                _wait({busy}, ctrl_c, FIRST_COMPLETED)
            assert not busy.done()
        finally:
            release.set()
        assert busy.result() is True
