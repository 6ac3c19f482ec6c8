"""Requests per CPU-second for one and two Caveat instances behind nginx with Redis (`make bench-shared`).

Real parts, as in tests/server/test_cluster.py: redis-server (no persistence), gunicorn instances of one worker
each, the nginx site from `caveat nginx-config`. Clients post the corpus's real articles, each made unique (no
cache hits), for a fixed time. CPU-seconds are the Caveat processes' own (user + system, from /proc, masters and
workers), so the figure says what one request costs whatever else runs on the machine; nginx's and Redis's CPU
is printed beside it. One and two instances alternate, round by round, in one run."""
from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from cluster import Clients, realistic_bodies, shared_env, start_nginx, start_redis  # noqa: E402
from live_server import start_server  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def caveat_pids(servers) -> list[int]:
    return [pid for s in servers for pid in (s.pid, *s.worker_pids())]


def run(instances: int, seconds: float, clients: int, work: Path, bodies) -> dict:
    with start_redis(work) as redis_url, contextlib.ExitStack() as stack:
        env = shared_env(redis_url)
        servers = [stack.enter_context(start_server(env=env, log_dir=work / f"i{i}", workers=1))
                   for i in range(instances)]
        balancer = stack.enter_context(start_nginx(work / "nginx", [s.port for s in servers]))
        pids = caveat_pids(servers)
        load = Clients(balancer, bodies, clients)
        before, started = cpu_seconds(pids), time.monotonic()
        with load:
            time.sleep(seconds)  # a benchmark's fixed measuring time, not synchronisation
        wall, cpu = time.monotonic() - started, cpu_seconds(pids) - before
    done = load.statuses.get(200, 0)
    return {"instances": instances, "requests": done, "errors": load.answered() - done,
            "req_s": done / wall, "cpu_s": cpu, "req_per_cpu_s": done / cpu if cpu else 0.0}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--clients", type=int, default=8)
    args = p.parse_args()
    os.environ.pop("CAVEAT_KB", None)
    bodies = realistic_bodies()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; "
          f"{len(bodies)} real articles made unique; {args.clients} clients, {args.seconds:.0f} s per run")
    print(f"{'round':>5} {'instances':>9} {'requests':>9} {'errors':>6} {'req/s':>7} {'CPU s':>7} {'req/CPU-s':>9}")
    for round_number in range(1, args.rounds + 1):
        for instances in (1, 2):
            work = Path(tempfile.mkdtemp(prefix="caveat-bench-shared-"))
            r = run(instances, args.seconds, args.clients, work, bodies)
            shutil.rmtree(work, ignore_errors=True)
            print(f"{round_number:>5} {r['instances']:>9} {r['requests']:>9} {r['errors']:>6} {r['req_s']:>7.1f} "
                  f"{r['cpu_s']:>7.1f} {r['req_per_cpu_s']:>9.1f}", flush=True)


if __name__ == "__main__":
    main()
