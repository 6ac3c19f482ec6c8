"""Today's annotator with two knowledge-base folders, interleaved in one process: what a change to the KB's data
costs (new cue lists in _cues.yaml, more aliases), which `compare_annotator.py` cannot show, since there both
versions read the old tree's KB.

Run by hand (figures go to the README):

    cp -r annotator/kb /tmp/kb-before && git show 72a7d54:annotator/kb/_cues.yaml > /tmp/kb-before/_cues.yaml
    .venv/bin/python benchmarks/compare_kb.py --before /tmp/kb-before --rounds 7

The pages are bench_annotator.py's, with every non-exact name both KBs share as a mention (a name only the newer KB
knows would add highlights, and so work, not cost), extracted to text once; a tenth of their sentences also carry words the newer cue lists look for (harms, raising verbs, animals,
people), and half the rounds run under a title that names an animal patient, so those code paths are timed too.
Each round times `annotate_text` with both KBs on each page, alternating which goes first, best of 3 calls with the
matcher's caches emptied; the ratio of each round's pair is reported, with the median over rounds.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_annotator import synthetic_page  # noqa: E402

from caveat.annotator import KnowledgeBase, Page, annotate_text  # noqa: E402
from caveat.annotator.extract import extract_text  # noqa: E402

SIZES = (("20KB", 20_000), ("200KB", 200_000), ("2MB", 2_000_000))
EXTRA = (" despite the risks of infection and side effects such as nausea", " which may boost testosterone",
         " for dogs and cats", " in humans and animals", " to raise NAD+ levels")
TITLES = (Page(title="Bench"), Page(title="Heartworm medicine for dogs"))


def _names(kb: KnowledgeBase) -> set[str]:
    return {a.name for i in kb.ids() for a in kb.entry(i).aliases if not a.exact}


def with_cue_words(text: str) -> str:
    """Every tenth sentence of the page gets one of the phrases the newer cue lists look for."""
    sentences = text.split(". ")
    return ". ".join(s + EXTRA[i // 10 % len(EXTRA)] if i % 10 == 0 else s for i, s in enumerate(sentences))


def best_ms(text: str, kb: KnowledgeBase, page: Page, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        kb.matcher.clear_cache()
        start = time.process_time()
        annotate_text(text, kb, page)
        best = min(best, time.process_time() - start)
    return best * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", required=True, help="the KB folder to compare today's against")
    ap.add_argument("--after", default=None, help="the KB folder measured against it (default: the bundled one)")
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    after, before = KnowledgeBase.load(args.after), KnowledgeBase.load(args.before)
    names = sorted(_names(after) & _names(before))   # the same mentions for both: new names would add work, not cost
    print(f"before {args.before}; after {args.after or 'bundled'}; {args.rounds} rounds, best of 3 calls")
    print(f"{'page':8}{'before ms':>10}{'after ms':>10}  after/before per round (median; min to max)")
    for label, size in SIZES:
        text = with_cue_words(extract_text(synthetic_page(size, names)))
        annotate_text(text, after), annotate_text(text, before)   # warm
        times: dict[str, list[float]] = {"before": [], "after": []}
        for r in range(args.rounds):
            order = (("before", before), ("after", after)) if r % 2 else (("after", after), ("before", before))
            for who, kb in order:
                times[who].append(best_ms(text, kb, TITLES[r % 2]))
        ratios = [a / b for a, b in zip(times["after"], times["before"])]
        print(f"{label:8}{statistics.median(times['before']):10.1f}{statistics.median(times['after']):10.1f}  "
              f"{statistics.median(ratios):.2f} ({min(ratios):.2f} to {max(ratios):.2f})")


if __name__ == "__main__":
    main()
