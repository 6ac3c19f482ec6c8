"""The server under abuse, before and after (run by hand; figures go to docs/server.md).

Two scenarios, each run on the old server (a checkout of an older commit, given with --old) and on this one, one
after the other in the same run:

- worst case: eight requests at once, each a text of --worst-mib MiB with a treatment every 17 characters, while
  a prober asks /healthz every 0.2 s. Reports each request's status and time, the /healthz latencies, and the
  workers' peak memory.
- slow clients: --slow connections that send a request's head or body a byte every 0.5 s, while a normal client
  sends 22 requests, one a second. Reports how many were answered within a second, and the slowest.

    git worktree add /tmp/caveat-old 5cb5789
    .venv/bin/python benchmarks/bench_abuse.py --old /tmp/caveat-old

Only 127.0.0.1 is ever sent anything. The old checkout runs from a folder of links (caveat/annotator,
caveat/server) put first on PYTHONPATH, with whatever extra package its pyproject needs installed there.
"""
from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from live_server import start_server  # noqa: E402
from slow_clients import SlowClients  # noqa: E402

EXTRA_PACKAGES = ("fastjsonschema",)  # dependencies older commits had that this one dropped


def old_environment(checkout: Path) -> dict:
    shim = Path(tempfile.mkdtemp(prefix="caveat-old-"))
    (shim / "caveat").mkdir()
    for part in ("annotator", "server"):
        (shim / "caveat" / part).symlink_to(checkout.resolve() / part)
    needed = [p for p in EXTRA_PACKAGES if p in (checkout / "pyproject.toml").read_text()]
    if needed:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--target", str(shim), *needed], check=True)
    return {"PYTHONPATH": str(shim)}


def timed_request(port: int, method: str, path: str, body: bytes = b"", timeout: float = 600) -> tuple[int, float, int]:
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers={"Content-Type": "application/json"} if body else {})
        response = connection.getresponse()
        size = len(response.read())
        return response.status, time.perf_counter() - start, size
    except (OSError, http.client.HTTPException):
        return 0, time.perf_counter() - start, 0  # 0: no answer (timed out, or the connection broke)
    finally:
        connection.close()


def worker_rss_mb(server) -> float:
    total = 0.0
    for pid in server.worker_pids():
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total = max(total, int(next(l.split()[1] for l in status.splitlines() if l.startswith("VmRSS"))) / 1024)
    return total


def worst_case(server, mib: float) -> dict:
    body = json.dumps({"text": ("ivermectin covid " * int(mib * 2**20 / 17 + 1))[: int(mib * 2**20)]}).encode()
    results, health, peak, done = [], [], [0.0], threading.Event()

    def one():
        results.append(timed_request(server.port, "POST", "/api/v1/annotate", body))

    def probe():
        while not done.is_set():
            health.append(timed_request(server.port, "GET", "/healthz", timeout=60))
            peak[0] = max(peak[0], worker_rss_mb(server))
            done.wait(0.2)

    clients = [threading.Thread(target=one) for _ in range(8)]
    prober = threading.Thread(target=probe)
    prober.start()
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    done.set()
    prober.join()
    latencies = [seconds for status, seconds, _ in health]
    return {"statuses": sorted(status for status, _, _ in results),
            "seconds": [round(s, 1) for s in sorted(seconds for _, seconds, _ in results)],
            "largest answer MB": round(max(size for *_, size in results) / 1e6, 1),
            "healthz p50 ms": round(statistics.median(latencies) * 1000),
            "healthz max ms": round(max(latencies) * 1000),
            "healthz over 1 s": f"{sum(s > 1 for s in latencies)}/{len(latencies)}",
            "worker peak MB": round(peak[0])}


def slow_clients(server, count: int) -> dict:
    slow = SlowClients(server.port, count=count)
    try:
        times = []
        for i in range(22):
            started = time.perf_counter()
            if i % 2:
                status, seconds, _ = timed_request(server.port, "GET", "/healthz", timeout=10)
            else:
                payload = json.dumps({"text": f"My aunt took ivermectin for covid ({i})."}).encode()
                status, seconds, _ = timed_request(server.port, "POST", "/api/v1/annotate", payload, timeout=10)
            times.append((status, seconds))
            time.sleep(max(0.0, 1.0 - (time.perf_counter() - started)))
        still_open = slow.still_open()
    finally:
        slow.close()
    return {"answered within 1 s": f"{sum(st == 200 and s <= 1 for st, s in times)}/22",
            "not answered (10 s)": sum(st == 0 for st, _ in times),
            "slowest s": round(max(s for _, s in times), 2),
            "median ms": round(statistics.median(s for _, s in times) * 1000),
            "slow connections still open": f"{still_open}/{count}"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", type=Path, help="checkout of the older commit to compare with")
    parser.add_argument("--worst-mib", type=float, default=1.0)
    parser.add_argument("--slow", type=int, default=200)
    args = parser.parse_args()
    servers = ([("old", old_environment(args.old))] if args.old else []) + [("new", {})]
    for scenario, run in (("worst case", lambda s: worst_case(s, args.worst_mib)),
                          ("slow clients", lambda s: slow_clients(s, args.slow))):
        for name, env in servers:
            with start_server(workers=2, env={"CAVEAT_CACHE_ENTRIES": "0", **env}) as server:
                print(f"{scenario:12s} {name}: {json.dumps(run(server))}", flush=True)


if __name__ == "__main__":
    main()
