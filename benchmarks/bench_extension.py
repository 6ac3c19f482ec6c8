"""Benchmark of the browser extension in real headless Chromium, on a long article (~500 KB of HTML, a few
hundred highlights), against the real Caveat server on loopback.

Measures, per run: time from document_idle (the content script's start) to highlights painted; the content
script's own main-thread time (collection, anchoring, wrapping; per batch, and the longest single slice of work);
and the page's cumulative layout shift. Prints a Markdown table of medians (docs/extension.md quotes it) and writes
benchmarks/out/extension.json.

    .venv/bin/python benchmarks/bench_extension.py [--runs 5]
"""
from __future__ import annotations

import argparse
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


def long_article(target_bytes: int = 500_000) -> str:
    """A news page with nav, sidebars and ~500 KB of article markup; every third paragraph names a treatment."""
    parts = ["<!doctype html><html lang=en><head><meta charset=utf-8><title>Long read</title>",
             "<style>body{font:16px/1.5 Georgia,serif;max-width:760px;margin:0 auto}aside{color:#666}</style></head>",
             "<body><nav>" + " ".join(f"<a href='#s{i}'>Section {i}</a>" for i in range(40)) + "</nav><article>"]
    size, i = 0, 0
    while size < target_bytes:
        mention = MENTIONS[i % len(MENTIONS)]
        body = (f"<span class=lead>Paragraph {i}.</span> {FILLER}"
                + (f"A reader told us she tried <em>{mention}</em> after reading about it online. " if i % 3 == 0 else "")
                + f"<a href='#p{i}'>Read more</a> {FILLER}")
        block = f"<section id=p{i}><h2>Part {i}</h2><p>{body}</p><aside><div><span>Ad slot {i}</span></div></aside></section>\n"
        parts.append(block)
        size += len(block)
        i += 1
    parts.append("</article></body></html>")
    return "".join(parts)


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
        "idle_to_painted_ms": perf["paintedAt"] - perf["startedAt"],
        "content_script_ms": sum(b["mainThreadMs"] for b in batches),
        "collect_ms": sum(b["collectMs"] for b in batches),
        "anchor_ms": sum(b["anchorMs"] for b in batches),
        "wrap_ms": sum(b["wrapMs"] for b in batches),
        "longest_batch_ms": max(b["mainThreadMs"] for b in batches),
        "longest_slice_ms": max(b["longestSliceMs"] for b in batches),
        "layout_shift": page.evaluate("window.__cls"),
        "html_bytes": len(page.content().encode()),
    }
    page.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="caveat-bench-"))
    (work / "site").mkdir()
    html = long_article()
    (work / "site" / "long.html").write_text(html, encoding="utf-8")
    httpd = serve_folder(work / "site")
    url = f"http://127.0.0.1:{httpd.server_address[1]}/long.html"
    with start_server(log_dir=work) as server, ExtensionBrowser(work, server.url) as browser:
        one_run(browser, url)  # warm-up: the server's first request builds its caches
        runs = [one_run(browser, url) for _ in range(args.runs)]
    httpd.shutdown()
    medians = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    out = REPO / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "extension.json").write_text(json.dumps({"runs": runs, "median": medians}, indent=2))
    print(f"Long page: {len(html.encode()) / 1000:.0f} KB of HTML, {medians['highlights']:.0f} highlights, "
          f"{medians['unanchored']:.0f} unanchored; median of {args.runs} runs after one warm-up\n")
    print("| measure | median |\n|---|---|")
    for key, label in [("idle_to_painted_ms", "document_idle -> highlights painted (incl. server)"),
                       ("content_script_ms", "content-script main-thread time, all batches"),
                       ("collect_ms", "  collecting visible text"), ("anchor_ms", "  anchoring"),
                       ("wrap_ms", "  wrapping"), ("longest_batch_ms", "longest batch (main thread)"),
                       ("longest_slice_ms", "longest uninterrupted slice"), ("layout_shift", "cumulative layout shift")]:
        value = medians[key]
        print(f"| {label} | {value:.3f} |" if key == "layout_shift" else f"| {label} | {value:.1f} ms |")


if __name__ == "__main__":
    main()
