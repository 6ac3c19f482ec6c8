"""The batch benchmark's page generator is run by hand; this keeps it working: pages of about 100 KB, mostly
chrome, whose treatments the annotator finds. No timing is asserted."""
import importlib.util
import random
import sys
from pathlib import Path

from caveat.annotator import annotate
from caveat.annotator.extract import extract_text

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


def test_news_pages_are_100_kb_of_chrome_around_an_article_that_names_treatments(kb):
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location("news_pages", BENCHMARKS / "news_pages.py")
        news = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(news)
    finally:
        sys.path.remove(str(BENCHMARKS))
    rng = random.Random(1)
    pages = [news.news_page(rng, news.treatment_names(kb)) for _ in range(5)]
    assert all(99_000 <= len(p) <= 106_000 for p in pages)
    assert all(0.05 < len(extract_text(p)) / len(p) < 0.2 for p in pages)
    assert sum(len(annotate(p, kb).highlights) for p in pages) >= 5
