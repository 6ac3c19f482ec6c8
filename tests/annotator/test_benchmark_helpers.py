"""The annotator benchmark is run by hand, so nothing else notices when a change to the library breaks it (one did:
it cleared a cache that had moved). This runs its helpers on small inputs: they must still work and measure what
they say. No timing is asserted."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from caveat.annotator import annotate_text
from caveat.annotator.extract import extract_text

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_annotator.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_annotator", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_helpers_run_and_find_the_mentions(bench):
    entries = bench.synthetic_entries(100)
    kb = bench.compile_cold(entries)
    assert len(kb) == 10
    mentions = [a.name for e in entries[:10] for a in e.aliases[:5]]
    page = bench.synthetic_page(20_000, mentions)
    text = extract_text(page)
    assert text and len(bench.baseline(page)) > len(text) / 2 and len(bench.baseline_lxml(page)) > len(text) / 2
    found = bench.cold(annotate_text, kb)(text, kb).highlights
    assert found and {h.exact for h in found} <= set(mentions)
    assert bench.cpu_time(bench.compile_cold, entries, min_seconds=0) > 0
    assert bench.peak_mb(annotate_text, text, kb) > 0
