"""Benchmark of the browser extension in real headless Chromium, on a long article (~500 KB of HTML, a few
hundred highlights), against the real Caveat server on loopback.

Measures, per run: time from document_idle (the content script's start) to highlights painted; the content
script's own main-thread time (collection, handing the texts to the worker and filing its answer, anchoring,
wrapping; per batch, and the longest single slice of work);
and the page's cumulative layout shift. Prints a Markdown table of medians (docs/extension.md quotes it) and writes
benchmarks/out/extension.json.

    .venv/bin/python benchmarks/bench_extension.py [--runs 21] [--baseline OLD_EXTENSION_DIR]

With --baseline (e.g. `git archive REV extension | tar -x -C /tmp/old`, then /tmp/old/extension), an older
extension runs in a second browser, its runs interleaved with the current one's, and the ratios of the medians
are printed: on a busy machine only figures from the same run compare.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "e2e")]

from fixture_site import serve_folder  # noqa: E402
from extension_browser import ExtensionBrowser  # noqa: E402
from live_server import start_server  # noqa: E402

MENTIONS = [
    "stem cell therapy", "ivermectin", "colloidal silver", "chlorine dioxide", "sunscreen", "kratom", "ozone therapy",
    "homeopathy", "acupuncture", "statins", "coffee enemas", "hyperbaric oxygen", "IV vitamin drips", "cupping therapy",
]
FILLER = ("The council met on Tuesday to discuss the new cycle lanes, the library's opening hours and a proposal to "
          "plant two hundred trees along the river path, which residents have asked for since the floods. ")
LAYOUT_SHIFT_PROBE = """
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""


def page_shell(sections) -> str:
    return ("<!doctype html><html lang=en><head><meta charset=utf-8><title>Long read</title>"
            "<style>body{font:16px/1.5 Georgia,serif;max-width:760px;margin:0 auto}aside{color:#666}"
            ".icon svg{width:16px;height:16px}</style></head><body><nav>"
            + " ".join(f"<a href='#s{i}'>Section {i}</a>" for i in range(40)) + "</nav><article>"
            + "".join(sections) + "</article></body></html>")


def dense_section(i: int) -> str:
    """Mostly prose: ~400 KB of visible text in 500 KB of HTML (a worst case: a whole book chapter)."""
    mention = MENTIONS[i % len(MENTIONS)]
    body = (f"<span class=lead>Paragraph {i}.</span> {FILLER}"
            + (f"A reader told us she tried <em>{mention}</em> after reading about it online. " if i % 3 == 0 else "")
            + f"<a href='#p{i}'>Read more</a> {FILLER}")
    return f"<section id=p{i}><h2>Part {i}</h2><p>{body}</p><aside><div><span>Ad slot {i}</span></div></aside></section>\n"


ICON = ("<svg viewBox='0 0 24 24' aria-hidden=true><path d='" + "M12 2 L15 8 L22 9 L17 14 L18 21 L12 18 L6 21 L7 14 "
        "L2 9 L9 8 Z " * 6 + "'/></svg>")


def typical_section(i: int) -> str:
    """Markup-heavy, like a real news site: icons, tracking attributes, embedded JSON; ~90 KB of visible text."""
    mention = MENTIONS[i % len(MENTIONS)]
    tracking = '{"block":%d,"variant":"b","list":"most-read","position":%d,"experiment":"layout-2026-q4"}' % (i, i)
    text = (f"Readers keep asking about <em>{mention}</em>. " if i % 2 == 0 else "") + FILLER[:120]
    return (f"<section id=p{i} class='story-block js-track' data-analytics='{tracking}'>"
            f"<div class='icon'>{ICON}</div><h3 class='story-block__title'>Part {i}</h3>"
            f"<p class='story-block__text'>{text}</p>"
            f"<script type='application/json'>{tracking}</script></section>\n")


PAGES = {"dense": dense_section, "typical": typical_section}


def long_article(kind: str = "dense", target_bytes: int = 500_000) -> str:
    """A ~500 KB page of `kind` sections (see PAGES)."""
    sections, size = [], 0
    while size < target_bytes:
        sections.append(PAGES[kind](len(sections)))
        size += len(sections[-1])
    return page_shell(sections)


def one_run(browser: ExtensionBrowser, url: str) -> dict:
    page = browser.context.new_page()
    page.add_init_script(LAYOUT_SHIFT_PROBE)
    page.goto(url)
    status = browser.wait_status(page, lambda s: s and s["state"] == "ok" and s["perf"]["paintedAt"], timeout=60_000)
    perf = status["perf"]
    batches = perf["batches"]
    result = {
        "highlights": sum(b["highlights"] for b in batches),
        "unanchored": perf["unanchored"],
        "hidden": perf.get("hidden", 0),  # not counted before this figure existed
        "idle_to_painted_ms": perf["paintedAt"] - perf["startedAt"],
        "content_script_ms": sum(b["mainThreadMs"] for b in batches),
        "collect_ms": sum(b["collectMs"] for b in batches),
        "message_ms": sum(b.get("messageMs", 0) for b in batches),  # not measured before this figure existed
        "anchor_ms": sum(b["anchorMs"] for b in batches),
        "wrap_ms": sum(b["wrapMs"] for b in batches),
        "dom_ms": sum(b["collectMs"] + b["anchorMs"] + b["wrapMs"] for b in batches),
        "longest_batch_ms": max(b["mainThreadMs"] for b in batches),
        "longest_slice_ms": max(b["longestSliceMs"] for b in batches),
        "layout_shift": page.evaluate("window.__cls"),
    }
    page.close()
    return result


def bench_page(browsers: list[ExtensionBrowser], site: str, kind: str, runs: int, html_bytes: int) -> list[dict]:
    """One result per browser; their runs are interleaved, first one browser first then the other, so a busy spell
    hits them alike."""
    url = f"{site}/{kind}.html"
    for browser in browsers:
        one_run(browser, url)  # warm-up: the server's first request builds its caches
    results = [[] for _ in browsers]
    for n in range(runs):
        pairs = list(zip(browsers, results))
        for browser, out in pairs[::-1] if n % 2 else pairs:
            out.append({**one_run(browser, url), "html_bytes": html_bytes})
    return [{"runs": rs, "median": {key: statistics.median(r[key] for r in rs) for key in rs[0]},
             "spread": {key: spread([r[key] for r in rs]) for key in SPREAD}} for rs in results]


SPREAD = ("content_script_ms", "idle_to_painted_ms")  # figures whose spread over the runs is printed too


def spread(values: list[float]) -> tuple[float, float]:
    """The 10th and 90th percentiles: how far apart runs of the same code land on this machine."""
    cuts = statistics.quantiles(values, n=10, method="inclusive") if len(values) > 1 else values * 9
    return cuts[0], cuts[-1]


ROWS = [("idle_to_painted_ms", "document_idle -> highlights painted (incl. server)"),
        ("content_script_ms", "content-script main-thread time, all batches"),
        ("collect_ms", "... collecting visible text"), ("message_ms", "... handing texts to the worker, filing answers"),
        ("anchor_ms", "... anchoring"), ("wrap_ms", "... wrapping"),
        ("dom_ms", "collecting + anchoring + wrapping (the total as measured before)"),
        ("longest_batch_ms", "longest batch (main-thread time)"),
        ("longest_slice_ms", "longest uninterrupted slice (task)"), ("layout_shift", "cumulative layout shift")]


def table(results: dict, baseline: dict | None = None) -> str:
    """Medians per page; with `baseline`, also the baseline's and the ratio current / baseline."""
    kinds = list(results)
    heads = [f"{k} page" for k in kinds] + ([f"{k}: baseline | {k}: ratio" for k in kinds] if baseline else [])
    lines = ["| measure | " + " | ".join(heads) + " |", "|---" * (len(" | ".join(heads).split(" | ")) + 1) + "|"]

    def cells(key, fmt):
        row = [fmt.format(results[k]["median"].get(key, 0)) for k in kinds]
        for k in kinds if baseline else []:
            old, new = baseline[k]["median"].get(key), results[k]["median"].get(key, 0)
            row += [fmt.format(old) if old is not None else "-",
                    f"{new / old:.2f}" if old and key not in ("html_bytes", "layout_shift") else "-"]
        return row

    def spread_cells(key):
        def cell(result):
            low, high = result["spread"][key]
            return f"{low:.1f} to {high:.1f} ms"
        return [cell(results[k]) for k in kinds] + [c for k in kinds if baseline for c in (cell(baseline[k]), "-")]

    for field in ("html_bytes", "highlights", "unanchored", "hidden"):
        lines.append(f"| {field.replace('_', ' ')} | " + " | ".join(cells(field, "{:.0f}")) + " |")
    for key, label in ROWS:
        lines.append(f"| {label} | " + " | ".join(cells(key, "{:.3f}" if key == "layout_shift" else "{:.1f} ms")) + " |")
        if key in SPREAD:
            lines.append(f"| ... 10th to 90th percentile of the runs | " + " | ".join(spread_cells(key)) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--baseline", type=Path, help="an older extension/ folder to compare with, in the same run")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="caveat-bench-"))
    (work / "site").mkdir()
    sizes = {}
    for kind in PAGES:
        html = long_article(kind).encode()
        (work / "site" / f"{kind}.html").write_bytes(html)
        sizes[kind] = len(html)
    httpd = serve_folder(work / "site")
    site = f"http://127.0.0.1:{httpd.server_address[1]}"
    from playwright.sync_api import sync_playwright

    with start_server(log_dir=work) as server, sync_playwright() as pw, contextlib.ExitStack() as stack:
        browsers = []
        for name, folder in [("current", REPO / "extension")] + ([("baseline", args.baseline)] if args.baseline else []):
            (work / name).mkdir()
            browsers.append(stack.enter_context(ExtensionBrowser(work / name, server.url, extension=folder, playwright=pw)))
        per_kind = {kind: bench_page(browsers, site, kind, args.runs, sizes[kind]) for kind in PAGES}
    httpd.shutdown()
    results = {kind: both[0] for kind, both in per_kind.items()}
    baseline = {kind: both[1] for kind, both in per_kind.items()} if args.baseline else None
    out = REPO / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "extension.json").write_text(json.dumps({"current": results, "baseline": baseline}, indent=2))
    print(f"Medians of {args.runs} runs after one warm-up each (bundled KB, one gunicorn worker)"
          + (f"; baseline {args.baseline}, runs interleaved" if args.baseline else "") + "\n")
    print(table(results, baseline))


if __name__ == "__main__":
    main()
