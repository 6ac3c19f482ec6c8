"""Load benchmark of POST /api/v1/annotate on the real server (run by hand; figures go to docs/server.md).

    .venv/bin/python benchmarks/bench_server.py [--duration 60] [--connections 50]

Needs `wrk` (apt-get install wrk), which loads the server from a second process over loopback. The server runs
under gunicorn with 2 workers on the bundled KB. Articles: generated health-news HTML of about 50 KB and 500 KB
that name treatments from the KB. Scenarios: cold (the response cache off, so every request is annotated) and
cached (the same page again). The baseline is `annotate()` called in-process on the same page.

The server's own time per request (everything outside `annotate()`: routing, checks, JSON parsing, hashing,
serialising) is read from the server log's timing lines, which the app measures itself, so the load tool sharing
the machine's cores does not blur it.

With --old (a checkout of an older commit, as for bench_abuse.py) it compares instead: --rounds rounds, each
running every scenario on the old server and on this one, one after the other (the order flips every round, so a
drift in the machine's load falls on both), with the old checkout's KB served by both (an older loader may refuse
today's KB). It prints each round's figures and the medians.

    git archive 5cb5789 | tar -x -C /tmp/caveat-old
    .venv/bin/python benchmarks/bench_server.py --old /tmp/caveat-old --duration 10 --rounds 3
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]  # the repo first: tests/annotator must not shadow the package

from bench_abuse import old_environment  # noqa: E402
from caveat.annotator import KnowledgeBase, annotate  # noqa: E402
from live_server import start_server  # noqa: E402

FILLER = ("The clinic said the results were remarkable, but doctors urged caution. Patients paid for a course of "
          "sessions and several said they felt better within weeks. Researchers noted that small studies without a "
          "control group cannot show whether a treatment works. ").split(". ")
FIGURE = re.compile(r"(\w+)=([\d.]+)ms")


def article(kb: KnowledgeBase, size: int, seed: int = 7) -> str:
    """Article-like HTML of about `size` bytes: nav, script and style noise, paragraphs naming treatments."""
    rng = random.Random(seed)
    names = [s["name"] for s in kb.summaries()]
    parts = ["<!doctype html><html><head><title>Wellness</title><style>p{margin:1em}</style>"
             "<script>var track=function(){};</script></head><body><nav><a href='/'>Home</a> | <a>Health</a></nav>"
             "<article><h1>What the clinics are selling</h1>"]
    while sum(map(len, parts)) < size:
        sentences = [rng.choice(FILLER) for _ in range(4)]
        sentences.insert(rng.randrange(4), f"Some readers asked about {rng.choice(names)} for back pain")
        parts.append(f"<p>{'. '.join(sentences)}.</p>")
    parts.append("</article><footer>© Example News</footer></body></html>")
    return "".join(parts)


def in_process(html: str, kb: KnowledgeBase, seconds: float = 10.0) -> dict:
    times = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(times) < 5:
        start = time.perf_counter()
        annotate(html, kb)
        times.append((time.perf_counter() - start) * 1000)
    return {"calls": len(times), "p50_ms": statistics.median(times), "p99_ms": percentile(times, 99),
            "per_second_one_core": 1000 / statistics.mean(times)}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


WRK_SCRIPT = """wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("{body}", "rb"); wrk.body = f:read("*all"); f:close()
"""


def run_wrk(url: str, body_path: Path, duration: int, connections: int) -> dict:
    script = body_path.with_suffix(".lua")
    script.write_text(WRK_SCRIPT.format(body=body_path))
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "120s", "--latency",
                          "-s", str(script), url + "/api/v1/annotate"], capture_output=True, text=True, check=True)
    text = out.stdout

    def latency(label):
        value, unit = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]

    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {"requests": int(re.search(r"(\d+) requests in", text).group(1)),
            "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
            "p50_ms": latency("50"), "p99_ms": latency("99"),
            "errors": (sum(map(int, errors.groups())) if errors else 0) + (int(non_2xx.group(1)) if non_2xx else 0)}


def server_overhead(log: str) -> dict:
    """Mean time per annotated request inside annotate() and outside it (the rest of the app's handling), as the
    request thread's CPU time (`_cpu`: no GIL waits behind the worker's other threads) and as wall-clock time."""
    lines = [dict(FIGURE.findall(line)) for line in log.splitlines() if "POST /api/v1/annotate 200" in line]
    lines = [{k: float(v) for k, v in f.items()} for f in lines if "annotate" in f]
    result = {"annotated": len(lines)}
    for suffix in ("_cpu", ""):
        inside = statistics.mean(f[f"annotate{suffix}"] for f in lines)
        outside = statistics.mean(f[f"total{suffix}"] - f[f"annotate{suffix}"] for f in lines)
        result.update({f"annotate{suffix}_ms": inside, f"outside{suffix}_ms": outside,
                       f"outside{suffix}_share": outside / inside})
    return result


def workers_cpu(pids: list[int]) -> float:
    """CPU seconds the worker processes have used (user and system, all threads): per request, a figure that other
    jobs on the machine blur far less than the request rate."""
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(sum(map(int, Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[11:13])) for pid in pids) / ticks


def scenario(html: str, cold: bool, args, workdir: Path, server_env: dict | None = None, kb_path=None) -> dict:
    """One wrk run on a fresh server; `server_env` and `kb_path` pick another checkout and KB (--old)."""
    body = workdir / f"body-{len(html)}.json"
    body.write_text(json.dumps({"html": html}))
    env = {"CAVEAT_CACHE_ENTRIES": "0" if cold else "256", "CAVEAT_KB_POLL": "-1", **(server_env or {})}
    with start_server(kb_path=kb_path, workers=2, env=env, log_dir=tempfile.mkdtemp(dir=workdir)) as server:
        server.request("POST", "/api/v1/annotate", body.read_bytes(), {"Content-Type": "application/json"})  # warm
        workers = server.worker_pids()
        cpu = workers_cpu(workers)
        result = run_wrk(server.url, body, args.duration, args.connections)
        result["cpu_ms_per_request"] = (workers_cpu(workers) - cpu) * 1000 / max(result["requests"], 1)
        if cold:
            result["server"] = server_overhead(server.log())
        result["still_up"] = server.get_json("/healthz")["status"] == "ok"
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds per wrk run (default 60)")
    parser.add_argument("--connections", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--old", type=Path, help="checkout of an older commit: compare it with this one, interleaved")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of old and new with --old (default 3)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("bench_server: wrk is not installed (apt-get install wrk)", file=sys.stderr)
        return 2
    if args.old:
        return compare(args)
    kb = KnowledgeBase.load()
    results = {"kb": {"version": kb.version, "entries": len(kb)}, "connections": args.connections,
               "duration_s": args.duration, "articles": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for label, size in (("50 KB", 50_000), ("500 KB", 500_000)):
            html = article(kb, size)
            results["articles"][label] = {
                "bytes": len(html.encode()), "highlights": len(annotate(html, kb).highlights),
                "in_process": in_process(html, kb),
                "cold": scenario(html, True, args, Path(tmp)),
                "cached": scenario(html, False, args, Path(tmp)),
            }
            print(json.dumps({label: results["articles"][label]}, indent=1), flush=True)
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    (out / "server.json").write_text(json.dumps(results, indent=1))
    print(table(results))
    return 0


def compare(args) -> int:
    """Old and new servers, every scenario, in --rounds interleaved rounds; per-round figures, then medians."""
    kb_path = args.old / "annotator" / "kb"
    kb = KnowledgeBase.load(kb_path)
    servers = {"old": old_environment(args.old), "new": {}}
    runs: dict[tuple[str, str, str], list[dict]] = {}
    print(f"KB {kb_path} ({len(kb)} entries, {kb.version}); wrk {args.connections} connections, {args.duration} s runs")
    with tempfile.TemporaryDirectory() as tmp:
        pages = {label: article(kb, size) for label, size in (("50 KB", 50_000), ("500 KB", 500_000))}
        for round_ in range(1, args.rounds + 1):
            order = ["old", "new"] if round_ % 2 else ["new", "old"]
            for label, html in pages.items():
                for name in ("cold", "cached"):
                    for server in order:
                        r = scenario(html, name == "cold", args, Path(tmp), servers[server], kb_path)
                        runs.setdefault((label, name, server), []).append(r)
                        print(f"round {round_} {label:6} {name:6} {server}: {r['rps']:8.1f} req/s  p50 {r['p50_ms']:7.1f} ms"
                              f"  p99 {r['p99_ms']:7.1f} ms  CPU {r['cpu_ms_per_request']:6.2f} ms/request"
                              f"  errors {r['errors']}  up {r['still_up']}", flush=True)
    print("\n| article | scenario | server | req/s per round | median req/s | median p50 ms | median p99 ms "
          "| median CPU ms/request | errors |")
    print("| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for (label, name, server), rs in runs.items():
        rates = ", ".join(f"{r['rps']:.1f}" for r in rs)
        print(f"| {label} | {name} | {server} | {rates} | "
              f"{statistics.median(r['rps'] for r in rs):.1f} | {statistics.median(r['p50_ms'] for r in rs):.1f} | "
              f"{statistics.median(r['p99_ms'] for r in rs):.1f} | "
              f"{statistics.median(r['cpu_ms_per_request'] for r in rs):.2f} | {sum(r['errors'] for r in rs)} |")
    return 0


def table(results: dict) -> str:
    rows = ["| article | scenario | req/s | p50 ms | p99 ms | errors | annotate() CPU ms | outside annotate(), CPU "
            "| outside annotate(), wall |", "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for label, a in results["articles"].items():
        p = a["in_process"]
        rows.append(f"| {label} | in-process `annotate()`, 1 core | {p['per_second_one_core']:.1f} | "
                    f"{p['p50_ms']:.1f} | {p['p99_ms']:.1f} | - | - | - | - |")
        for name in ("cold", "cached"):
            r = a[name]
            server = r.get("server")
            inside = f"{server['annotate_cpu_ms']:.1f}" if server else "0 (cache hit)"
            outside = [f"{server[f'outside{s}_ms']:.2f} ms ({server[f'outside{s}_share']:.1%})" if server else "-"
                       for s in ("_cpu", "")]
            rows.append(f"| {label} | server, {name} | {r['rps']:.1f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | "
                        f"{r['errors']} | {inside} | {outside[0]} | {outside[1]} |")
    return "\n".join(rows)


if __name__ == "__main__":
    raise SystemExit(main())
