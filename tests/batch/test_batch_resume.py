"""An interrupted `caveat batch` resumes where it stopped: no page twice, none lost, and never under another KB."""
from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from batch_corpus import ARTICLE, PLAIN_HTML
from batch_run import batch, read_rows, tables
from caveat.annotator.batch_checkpoint import Checkpoint, progress_path

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
    spool = progress_path(out)
    _wait_for(lambda: spool.exists() and spool.read_bytes().count(b"\n") > 20, "pages were checkpointed", run)
    run.send_signal(signal.SIGINT)
    assert run.wait(120) == 130
    assert "run the same command again to resume" in run.stderr.read()
    done_before = spool.read_bytes().count(b"\n") - 1
    assert not out.exists() and 20 <= done_before < PAGES
    with spool.open("ab") as f:
        f.write(b'{"page": {"input": "cut sho')  # as if the process died mid-line
    resumed = batch(folder, "--out", out, "--workers", 2)
    assert resumed.returncode == 0, resumed.stderr
    whole = batch(folder, "--out", tmp_path / "whole.parquet")
    highlights, pages = tables(out)
    assert len(pages) == PAGES == len({(p["input"], p["record"]) for p in pages})
    assert (highlights, pages) == tables(tmp_path / "whole.parquet"), whole.stderr
    assert not spool.exists()


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
