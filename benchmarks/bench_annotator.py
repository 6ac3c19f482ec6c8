"""Annotator speed and memory, as ratios measured in one run (run by hand: `make bench`; figures go to the README).

Pages: generated article-like HTML of about 20 KB, 200 KB and 2 MB, with nav, script and style noise, visible text
about 30% of the bytes. Knowledge bases: generated, with 100, 1,000 and 10,000 aliases. The baseline is lxml's
parse plus the text, after dropping script/style/noscript/template: the parser is the floor. BeautifulSoup's parse
and text (the former baseline) is printed beside it.
"""
from __future__ import annotations

import argparse
import gc
import random
import time
import tracemalloc

import lxml.html
from bs4 import BeautifulSoup
from lxml import etree

from caveat.annotator import KnowledgeBase, annotate, annotate_text
from caveat.annotator.entry import Entry
from caveat.annotator.extract import extract_text
from caveat.annotator.normalize import clear_norm_cache

RNG = random.Random(7)
SYLLABLES = ["ka", "lo", "mi", "ster", "vex", "ran", "tol", "zin", "pra", "del", "qui", "nor", "bel", "tra", "xio"]
MENTION_RATE = 0.1  # one sentence in ten names a treatment: a dense health article
WORDS = ("the a of and to in for with on that health clinic doctor patient study treatment said week "
         "people pain energy results experts therapy recovery celebrity fans season injury trial costs").split()


def pseudo_word(n: int = 3) -> str:
    return "".join(RNG.choice(SYLLABLES) for _ in range(n))


def synthetic_entries(n_aliases: int, per_entry: int = 10) -> list[Entry]:
    """Entries with made-up names; the first k of them form the smaller KBs, so every KB knows the mentions."""
    entries = []
    for e in range(n_aliases // per_entry):
        names = [" ".join(pseudo_word(RNG.randint(2, 4)) for _ in range(RNG.randint(1, 3))) for _ in range(per_entry)]
        entries.append(Entry.from_data({
            "id": f"t{e}", "name": names[0], "category": "supplement", "evidence": "unproven", "risk": "moderate",
            "summary": "synthetic", "aliases": names[1:], "not_when": [], "regulatory": {}, "risks": ["x"],
            "indications": [{"condition": "pain", "words": ["pain"], "evidence": "unproven", "risk": "high",
                             "note": "synthetic", "sources": ["s"]}],
            "sources": [], "reviewed": "2026-11-25"}))
    return entries


def synthetic_page(size: int, mentions: list[str]) -> str:
    noise = ("<script>var cfg = {" + ",".join(f"k{i}: {i}" for i in range(60)) + "};</script>"
             "<style>.a{color:red}.b{margin:0 auto}.c{display:flex}</style>"
             "<nav><ul>" + "".join(f'<li><a href="/section/{i}" class="nav-link">Section {i}</a></li>'
                                   for i in range(8)) + "</ul></nav>")
    parts, total = ["<!doctype html><html><head><title>Bench</title></head><body>"], 0
    while total < size:
        sentence = " ".join(RNG.choice(WORDS) for _ in range(RNG.randint(8, 16)))
        if RNG.random() < MENTION_RATE:
            sentence += " with " + RNG.choice(mentions)
        para = f'<div class="row"><div class="col"><p class="body-text">{sentence.capitalize()}.</p></div></div>'
        block = para + (noise if RNG.random() < 0.35 else "")
        parts.append(block)
        total += len(block)
    parts.append("</body></html>")
    return "".join(parts)


def baseline_lxml(page: str) -> str:
    """The floor: lxml's parse plus the text of the elements a reader sees."""
    root = lxml.html.document_fromstring(page.encode(), parser=lxml.html.HTMLParser(encoding="utf-8"))
    etree.strip_elements(root, "script", "style", "noscript", "template", with_tail=False)
    return root.text_content()


def baseline(page: str) -> str:
    """The second reference: BeautifulSoup's tree of the page, its text."""
    soup = BeautifulSoup(page, "lxml")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    return soup.get_text()


def cpu_time(fn, *args, min_seconds: float = 0.05) -> float:
    """CPU time of one call, averaged over as many calls as fill `min_seconds` (sub-millisecond calls need it).
    CPU time, not wall time, so other processes on the machine blur it less."""
    gc.collect()
    calls, start = 0, time.process_time()
    while True:
        fn(*args)
        calls += 1
        spent = time.process_time() - start
        if spent >= min_seconds:
            return spent / calls


def best_of(rounds: int, **measures) -> dict[str, float]:
    """Best time of each measure over `rounds` rounds, the measures interleaved within a round, so that a busy
    spell on the machine hits all of them alike and their ratios hold."""
    best = {name: float("inf") for name in measures}
    for _ in range(rounds):
        for name, (fn, *args) in measures.items():
            best[name] = min(best[name], cpu_time(fn, *args))
    return best


def compile_cold(entries: list[Entry]) -> KnowledgeBase:
    """Build a KB as a fresh process would: with the word-folding cache empty."""
    clear_norm_cache()
    return KnowledgeBase(entries, "x" * 12)


def cold(fn, kb):
    """`fn` with the matcher's word cache emptied first: every run times a page never seen before."""
    def run(*args):
        kb.matcher.clear_cache()
        return fn(*args)
    return run


def peak_mb(fn, *args) -> float:
    gc.collect()
    tracemalloc.start()
    fn(*args)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    load_s = min(cpu_time(KnowledgeBase.load, min_seconds=0) for _ in range(args.repeat))
    print(f"load bundled KB ({len(KnowledgeBase.load())} entries): {load_s * 1000:.0f} ms")

    entries = synthetic_entries(10_000)
    kbs = {n: KnowledgeBase(entries[:n // 10], f"{n:012d}") for n in (100, 1_000, 10_000)}
    for n in kbs:
        compile_s = min(cpu_time(compile_cold, entries[:n // 10], min_seconds=0) for _ in range(3))
        gc.collect()
        tracemalloc.start()
        kb = compile_cold(entries[:n // 10])
        mem = tracemalloc.get_traced_memory()[0] / 1e6
        tracemalloc.stop()
        del kb
        print(f"compile KB of {n:>6} aliases: {compile_s * 1000:6.0f} ms, {mem:5.1f} MB")

    mentions = [a.name for e in entries[:10] for a in e.aliases[:5]]
    print("\n(CPU times, best of rounds; lxml = lxml parse + text, the floor; bs4 = BeautifulSoup parse + text, the")
    print(" former baseline; ratio = annotate / lxml; match = annotate_text on the extracted text; cold = the matcher's")
    print(" word cache emptied before each call, warm = a page seen before)")
    print("page     KB aliases   lxml ms    bs4 ms  annotate ms  ratio  match ms  match MB/s  warm MB/s  highlights")
    match_ms: dict[tuple[str, int], float] = {}
    for label, size in (("20KB", 20_000), ("200KB", 200_000), ("2MB", 2_000_000)):
        page = synthetic_page(size, mentions)
        text = extract_text(page)
        mb = len(text.encode()) / 1e6
        # every KB size in the same rounds as the baseline: the ratios between them are what the targets are about
        measures = {"parse": (baseline_lxml, page), "bs4": (baseline, page)}
        for n, kb in kbs.items():
            measures |= {f"annotate {n}": (cold(annotate, kb), page, kb),
                         f"match {n}": (cold(annotate_text, kb), text, kb), f"warm {n}": (annotate_text, text, kb)}
        t = best_of(args.repeat, **measures)
        for n, kb in kbs.items():
            match_ms[(label, n)] = t[f"match {n}"]
            found = len(annotate(page, kb).highlights)
            print(f"{label:<8} {n:>10}  {t['parse'] * 1000:8.1f}  {t['bs4'] * 1000:8.1f}  "
                  f"{t[f'annotate {n}'] * 1000:11.1f}  "
                  f"{t[f'annotate {n}'] / t['parse']:5.2f}  {t[f'match {n}'] * 1000:8.1f}  "
                  f"{mb / t[f'match {n}']:10.1f}  {mb / t[f'warm {n}']:9.1f}  {found:>10}")
    print("\nmatching time, 10x more aliases (cold):")
    for label in ("20KB", "200KB", "2MB"):
        print(f"  {label:<6} 1k->10k: {match_ms[(label, 10_000)] / match_ms[(label, 1_000)]:.2f}x   "
              f"100->1k: {match_ms[(label, 1_000)] / match_ms[(label, 100)]:.2f}x")

    page = synthetic_page(2_000_000, mentions)
    parse_peak = peak_mb(baseline, page)
    ann_peak = peak_mb(annotate, page, kbs[10_000])
    print(f"\npeak memory on the 2MB page: bs4 parse {parse_peak:.0f} MB, annotate {ann_peak:.0f} MB "
          f"({ann_peak / parse_peak:.2f}x of the bs4 parse)")


if __name__ == "__main__":
    main()
