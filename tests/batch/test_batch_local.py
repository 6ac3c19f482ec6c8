"""`caveat batch` on this machine: every input kind, every output format, error rows, and the pool of processes."""
from __future__ import annotations

from pathlib import Path

import pytest

from batch_corpus import ARTICLE, PLAIN_HTML, TEXT, write_corpus, write_failures, write_warc
from batch_run import batch, read_rows, tables
from caveat.annotator import annotate, annotate_text


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("corpus")
    return root, write_corpus(root)


@pytest.fixture(scope="module")
def jsonl_run(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out") / "results.jsonl"
    done = batch(*corpus[1], "--out", out, "--workers", 2)
    assert done.returncode == 0, done.stderr
    return out


def test_every_input_kind_is_read_and_each_page_has_the_annotators_highlights(corpus, jsonl_run, kb):
    highlights, pages = tables(jsonl_run)
    by_page: dict = {}
    for h in highlights:
        by_page.setdefault((Path(h["input"]).name, h["record"]), []).append((h["start"], h["treatment"], h["level"]))
    html = [(h.start, h.treatment, h.level) for h in annotate(ARTICLE, kb).highlights]
    text = [(h.start, h.treatment, h.level) for h in annotate_text(TEXT, kb).highlights]
    assert by_page[("celebrity.html", 0)] == html
    assert by_page[("crawl.warc.gz", 1)] == html     # record 0 is the warcinfo record
    assert by_page[("plain.warc", 1)] == html
    assert by_page[("pages.jsonl", 0)] == html       # JSON line {url, html}
    assert by_page[("pages.jsonl", 1)] == text       # JSON line {url, text}
    plain = [(h.start, h.treatment, h.level) for h in annotate(PLAIN_HTML, kb).highlights]
    assert by_page[("plain.html", 0)] == plain
    assert by_page[("crawl.warc.gz", 4)] == plain    # declared ISO-8859-1 in the HTTP header
    assert {(Path(p["input"]).name, p["record"]) for p in pages} == {
        ("celebrity.html", 0), ("retreat.htm", 0), ("plain.html", 0), ("pages.jsonl", 0), ("pages.jsonl", 1),
        ("pages.jsonl", 3), *((name, r) for name in ("crawl.warc.gz", "plain.warc") for r in (1, 4, 6))}


def test_rows_carry_url_sentence_verdict_and_kb_version(jsonl_run, kb):
    highlights, pages = tables(jsonl_run)
    row = next(h for h in highlights if h["url"] == "https://news.example/1" and h["treatment"] == "muse-cells")
    assert row["exact"] == "Muse stem cell treatment" and row["exact"] in row["sentence"]
    assert row["sentence"].startswith("Moreno flew out") and row["sentence"].endswith("car”.")
    assert (row["level"], row["evidence"], row["kb_version"]) == ("danger", "unproven", kb.version)
    page = next(p for p in pages if p["url"] == "https://news.example/1")
    assert page["status"] == "ok" and page["highlights"] == sum(page[lv] for lv in
                                                                 ("established", "depends", "caution", "warning", "danger"))


def test_summary_counts_skipped_warc_records_and_is_all_stderr_says_when_piped(corpus, tmp_path):
    done = batch(*corpus[1], "--out", tmp_path / "r.csv", "--workers", 1)
    assert done.returncode == 0 and done.stdout == ""
    # per WARC: warcinfo, request, image and PDF responses are not HTML responses
    assert done.stderr.count("\n") == 1 and "8 WARC record(s) skipped" in done.stderr, done.stderr
    assert "12 page(s), 1 error row(s)" in done.stderr


def test_the_three_formats_hold_the_same_rows(corpus, jsonl_run, tmp_path):
    for name in ("r.parquet", "r.csv"):
        assert batch(*corpus[1], "--out", tmp_path / name).returncode == 0
        assert tables(tmp_path / name) == tables(jsonl_run), name


def test_failing_pages_become_error_rows_and_the_run_goes_on(tmp_path):
    expected = write_failures(tmp_path / "bad")
    write_warc(tmp_path / "bad" / "cut.warc.gz", truncate=200)
    (tmp_path / "bad" / "good.html").write_bytes(ARTICLE)
    done = batch(tmp_path / "bad", tmp_path / "bad" / "huge.html", "--out", tmp_path / "r.jsonl",
                 "--max-bytes", 40_000)
    assert done.returncode == 0, done.stderr
    pages = {(Path(p["input"]).name, p["record"]): p for p in read_rows(tmp_path / "r.pages.jsonl")}
    for name, words in expected.items():
        assert pages[(name, 0)]["status"] == "error" and words in pages[(name, 0)]["error"], pages[(name, 0)]
    assert "truncated WARC record" in pages[("cut.warc.gz", 6)]["error"]
    assert pages[("cut.warc.gz", 1)]["status"] == "ok" and pages[("good.html", 0)]["highlights"] == 9


def test_a_page_over_its_time_limit_is_an_error_row(tmp_path):
    # a limit a tiny page meets even on a loaded machine, and a page that takes many times longer
    (tmp_path / "long.html").write_bytes(b"<p>" + b"She took ivermectin for COVID-19 and stem cells. " * 150000)
    (tmp_path / "short.html").write_bytes(b"<p>ivermectin</p>")
    done = batch(tmp_path, "--out", tmp_path / "r.jsonl", "--page-timeout", 1)
    pages = {Path(p["input"]).name: p for p in read_rows(tmp_path / "r.pages.jsonl")}
    assert pages["long.html"]["error"] == "over --page-timeout (1.0 s)", done.stderr
    assert {Path(h["input"]).name for h in read_rows(tmp_path / "r.jsonl")} == {"short.html"}


def test_bad_command_lines_get_one_line_errors(tmp_path):
    for args, words in ((["missing-folder", "--out", tmp_path / "r.jsonl"], "missing-folder: no such file"),
                        ([tmp_path, "--out", tmp_path / "r.xlsx"], "must end in .parquet"),
                        ([tmp_path, "--out", tmp_path / "no" / "r.csv"], "no such folder for the output"),
                        ([tmp_path, "--out", tmp_path / "r.csv", "--workers", 0], "must be more than 0")):
        done = batch(*args)
        assert done.returncode == 2 and words in done.stderr and done.stderr.count("\n") == 1, done.stderr


def test_a_finished_output_is_replaced_only_when_asked(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.html").write_bytes(ARTICLE)
    assert batch(tmp_path / "in", "--out", tmp_path / "r.csv").returncode == 0
    again = batch(tmp_path / "in", "--out", tmp_path / "r.csv")
    assert again.returncode == 2 and "exists (a finished run)" in again.stderr
    assert batch(tmp_path / "in", "--out", tmp_path / "r.csv", "--overwrite").returncode == 0
