"""Request counts of the extension on hostile pages (issue 14), in real headless Chromium against the real server,
counted as they arrive by a proxy in front of it (tests/e2e/counting_proxy.py):

- storm: a page that rewrites N paragraphs (19,000 by default, as in the issue) once, a chunk per task; the tab
  stays open OPEN_AFTER_S after the page's last rewrite, is closed, and the requests still arriving after that are
  counted; also how long the page's own rewrites took and the longest its main thread was held (it is shared with
  the content script), and how many paragraphs the requests carried;
- drip: a page that rewrites one paragraph every 300 ms for about 20 s.

    .venv/bin/python benchmarks/bench_storm.py [--paragraphs 19000] [--baseline OLD_EXTENSION_DIR]

With --baseline the older extension runs first on each page, in the same run: the extension before the traffic
limits is the parent of commit 6404527 (`git archive 01380cf extension | tar -x -C /tmp/old`, then
/tmp/old/extension). Waits are real time: this is a measurement run by hand, not a test.
"""
from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "e2e")]

from counting_proxy import counting_proxy  # noqa: E402
from extension_browser import ExtensionBrowser  # noqa: E402
from fixture_site import serve_folder  # noqa: E402
from live_server import start_server  # noqa: E402

FIXTURES = REPO / "tests" / "e2e" / "fixtures"
OPEN_AFTER_S = 30.0  # the tab stays open this long after the page's last rewrite
QUIET_S = 10.0  # no arrival for this long: the extension is done
AFTER_CLOSE_S = 120.0


def quiet(counts) -> None:
    """Waits until no request has arrived for QUIET_S seconds (or AFTER_CLOSE_S have gone by)."""
    start = time.monotonic()
    while time.monotonic() - max(counts.last, start) < QUIET_S and time.monotonic() - start < AFTER_CLOSE_S:
        time.sleep(0.1)


def storm(browser, counts, site: str, paragraphs: int) -> str:
    page = browser.context.new_page()
    page.goto(f"{site}/storm.html?n={paragraphs}&passes=1")
    page.wait_for_function("document.documentElement.dataset.storm === 'done'", timeout=600_000, polling=1000)
    took = int(page.evaluate("document.documentElement.dataset.stormMs")) / 1000
    page.wait_for_timeout(OPEN_AFTER_S * 1000)
    held = int(page.evaluate("document.documentElement.dataset.longestWaitMs")) / 1000
    open_count, open_texts = counts["storm paragraph"], counts.texts["storm paragraph"]
    page.close()
    closed = time.monotonic()
    quiet(counts)
    after = counts["storm paragraph"] - open_count
    late = max(0.0, counts.last - closed) if after else 0.0
    return (f"rewrites took the page {took:.1f} s, its main thread held up to {held:.1f} s; {open_count} requests ({open_texts} paragraphs) with the tab open "
            f"{OPEN_AFTER_S:.0f} s more, {after} ({counts.texts['storm paragraph'] - open_texts} paragraphs) after "
            f"closing it (the last {late:.1f} s after)")


def drip(browser, counts, site: str) -> str:
    page = browser.context.new_page()
    page.goto(f"{site}/drip.html?times=66")
    page.wait_for_function("document.documentElement.dataset.drip", timeout=120_000)
    took = int(page.evaluate("document.documentElement.dataset.drip")) / 1000
    quiet(counts)
    page.close()
    return f"{counts['drip']} requests for 66 rewrites in {took:.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=19000)
    parser.add_argument("--baseline", type=Path, help="an older extension/ folder to measure first, in the same run")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="caveat-storm-"))
    httpd = serve_folder(FIXTURES)
    site = f"http://127.0.0.1:{httpd.server_address[1]}"
    extensions = ([("baseline", args.baseline)] if args.baseline else []) + [("current", REPO / "extension")]
    with start_server(log_dir=work) as server:
        for page in ("storm", "drip"):
            for name, folder in extensions:
                with contextlib.ExitStack() as stack:
                    url, counts = stack.enter_context(counting_proxy(server.url, ("storm paragraph", "drip")))
                    browser = stack.enter_context(ExtensionBrowser(work / f"{page}-{name}", url, extension=folder))
                    figures = storm(browser, counts, site, args.paragraphs) if page == "storm" else drip(browser, counts, site)
                    print(f"{page:5} {name:8} {figures}", flush=True)
    httpd.shutdown()


if __name__ == "__main__":
    main()
