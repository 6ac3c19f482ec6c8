"""Today's annotator against an earlier commit's, on the same pages and the same knowledge base, interleaved.

Run by hand (figures go to the README):

    git worktree add /tmp/caveat-old 9b4b6cf
    .venv/bin/python benchmarks/compare_annotator.py --old /tmp/caveat-old --rounds 7

The old tree runs under `--old-python` (default: this interpreter). A tree that already installs as
caveat.annotator needs its own venv (python3 -m venv /tmp/old-venv; /tmp/old-venv/bin/pip install -e
/tmp/caveat-old) and `--old-import caveat.annotator`; an older tree imports as `annotator` from its checkout, and
needs a venv with its own dependencies only when today's venv lacks one of them (9b4b6cf needs fastjsonschema).

Each round times both versions on each page, in fresh processes, in alternating order, so that the drift of a busy
machine falls on both alike; the ratio of each round's pair is reported, with the median over rounds. Both load
the OLD tree's bundled KB (today's code reads it; the old code cannot read today's), so only the code differs.
Pages are generated like benchmarks/bench_annotator.py's, with real names from that KB as the mentions.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_annotator import synthetic_page  # noqa: E402

from caveat.annotator import KnowledgeBase  # noqa: E402

SIZES = (("20KB", 20_000), ("200KB", 200_000), ("2MB", 2_000_000))

WORKER = """
import json, sys, time
import importlib
old, kb_path, page_path, repeat = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
if old:
    name = sys.argv[6]
    if name == "annotator":  # an older tree, imported from its checkout
        sys.path.insert(0, old)
    module = importlib.import_module(name)
    annotate = module.annotate
    kb = module.KnowledgeBase.load(kb_path)
else:
    from pathlib import Path
    from caveat.annotator import annotate
    sys.path.insert(0, str(Path(sys.argv[5])))
    from compare_annotator import old_kb
    kb = old_kb(Path(kb_path))
page = open(page_path, "rb").read()
annotate(page, kb)  # warm: imports, caches of the first call
best = float("inf")
for _ in range(repeat):
    kb.matcher.clear_cache()
    start = time.process_time()
    result = annotate(page, kb)
    best = min(best, time.process_time() - start)
print(json.dumps({"ms": best * 1000, "highlights": len(result.highlights)}))
"""


def old_kb(path: Path) -> KnowledgeBase:
    """The old tree's KB, read by today's code. Today's source rules (kinds, authorities, examples) ask more of an
    entry than an old KB gives; they do not change what is matched, so every entry is compiled without them."""
    import caveat.annotator.kb as kb_module
    check = kb_module.check_entry
    rules = ("sources", "kind", "regulatory", "examples", "reviewed", "changes")
    kb_module.check_entry = lambda parsed, stem, today: [
        p for p in check(parsed, stem, today) if not any(k in p.field for k in rules)]
    try:
        return KnowledgeBase.load(path)
    finally:
        kb_module.check_entry = check


def _who(who: str, args: argparse.Namespace) -> tuple[str, str, str]:
    """(the worker's `old` argument, its python, the old code's import name) for the old or the new code."""
    if who == "new":
        return "", sys.executable, ""
    return args.old, args.old_python, args.old_import


def run(old: str, python: str, name: str, kb: Path, page: Path, repeat: int) -> dict:
    out = subprocess.run([python, "-c", WORKER, old, str(kb), str(page), str(repeat),
                          str(Path(__file__).resolve().parent), name],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", required=True, help="a checkout of the earlier commit (git worktree add ...)")
    ap.add_argument("--old-python", default=sys.executable, help="the python that runs the old tree (a venv with "
                                                                "its dependencies, or with the old tree installed)")
    ap.add_argument("--old-import", default="annotator", choices=("annotator", "caveat.annotator"),
                    help="the old code's import name: `annotator` from the checkout, or an installed caveat.annotator")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3, help="timed calls per process; the best counts")
    args = ap.parse_args()
    kb_path = Path(args.old) / "annotator" / "kb"
    kb = old_kb(kb_path)
    mentions = sorted({a.name for i in kb.ids() for a in kb.entry(i).aliases if not a.exact})
    ratios: dict[str, list[float]] = {label: [] for label, _ in SIZES}
    times: dict[str, dict[str, list[float]]] = {label: {"old": [], "new": []} for label, _ in SIZES}
    found: dict[str, tuple[int, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        pages = {}
        for label, size in SIZES:
            pages[label] = Path(tmp) / f"{label}.html"
            pages[label].write_text(synthetic_page(size, mentions), encoding="utf-8")
        for r in range(args.rounds):
            for label, _ in SIZES:
                order = ("old", "new") if r % 2 == 0 else ("new", "old")
                got = {who: run(*_who(who, args), kb_path, pages[label], args.repeat) for who in order}
                for who in ("old", "new"):
                    times[label][who].append(got[who]["ms"])
                ratios[label].append(got["new"]["ms"] / got["old"]["ms"])
                found[label] = (got["old"]["highlights"], got["new"]["highlights"])
    print(f"old tree {args.old}; KB {kb_path} ({len(kb)} entries); {args.rounds} rounds, best of {args.repeat} "
          "calls per process; CPU ms of annotate(page), word caches emptied before each call")
    print("page    old ms (median)  new ms (median)  new/old per round (median; min to max)      highlights old/new")
    for label, _ in SIZES:
        r = ratios[label]
        print(f"{label:<7} {statistics.median(times[label]['old']):>15.1f}  {statistics.median(times[label]['new']):>15.1f}"
              f"  {statistics.median(r):.2f} ({min(r):.2f} to {max(r):.2f}){'':<20}  {found[label][0]}/{found[label][1]}")


if __name__ == "__main__":
    main()
