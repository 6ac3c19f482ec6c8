"""Today's annotator with two knowledge-base folders, interleaved in one process: what a change to the KB's data
costs (new cue lists in _cues.yaml, more aliases), which `compare_annotator.py` cannot show, since there both
versions read the old tree's KB.

Run by hand (figures go to the README):

    cp -r annotator/kb /tmp/kb-before && git show 72a7d54:annotator/kb/_cues.yaml > /tmp/kb-before/_cues.yaml
    .venv/bin/python benchmarks/compare_kb.py --before /tmp/kb-before --rounds 7

Each round times both KBs on each generated page (bench_annotator.py's, with names from today's KB), alternating
which goes first, best of 3 calls with the matcher's caches emptied; the ratio of each round's pair is reported,
with the median over rounds.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_annotator import synthetic_page  # noqa: E402

from caveat.annotator import KnowledgeBase, annotate  # noqa: E402

SIZES = (("20KB", 20_000), ("200KB", 200_000), ("2MB", 2_000_000))


def best_ms(page: str, kb: KnowledgeBase, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        kb.matcher.clear_cache()
        start = time.process_time()
        annotate(page, kb)
        best = min(best, time.process_time() - start)
    return best * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", required=True, help="the KB folder to compare today's against")
    ap.add_argument("--after", default=None, help="the KB folder measured against it (default: the bundled one)")
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    after, before = KnowledgeBase.load(args.after), KnowledgeBase.load(args.before)
    names = sorted({a.name for i in after.ids() for a in after.entry(i).aliases})[:400]
    print(f"before {args.before}; after {args.after or 'bundled'}; {args.rounds} rounds, best of 3 calls")
    print(f"{'page':8}{'before ms':>10}{'after ms':>10}  after/before per round (median; min to max)")
    for label, size in SIZES:
        page = synthetic_page(size, names)
        annotate(page, after), annotate(page, before)   # warm
        times: dict[str, list[float]] = {"before": [], "after": []}
        for r in range(args.rounds):
            order = (("before", before), ("after", after)) if r % 2 else (("after", after), ("before", before))
            for who, kb in order:
                times[who].append(best_ms(page, kb))
        ratios = [a / b for a, b in zip(times["after"], times["before"])]
        print(f"{label:8}{statistics.median(times['before']):10.1f}{statistics.median(times['after']):10.1f}  "
              f"{statistics.median(ratios):.2f} ({min(ratios):.2f} to {max(ratios):.2f})")


if __name__ == "__main__":
    main()
