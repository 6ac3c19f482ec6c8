"""Batch speed, run by hand (`make bench-batch`; figures go to the README and docs/batch.md).

Pages: generated ~100 KB news article pages with site chrome (benchmarks/news_pages.py) and the 2 MB page of
benchmarks/bench_annotator.py. Runners: the local pool with 1 and 2 worker processes, and a Dask LocalCluster of 2
worker processes (1 thread each) against the local pool of 2. Every run is the real `run_local` / `run_dask`:
reading files, annotating, checkpointing and writing Parquet.

This machine is shared (its load average is printed), so besides wall time every run's CPU time is counted: the
main process's, the pool's worker processes' (reaped children) and, for Dask, each worker's own. pages/s/core is
pages over CPU seconds (what one core does when it has the core to itself); the speed-up from 1 to 2 workers and
Dask against the pool are wall-time ratios, which a busy machine pulls down.

Each figure is of a whole run, its fixed costs included (starting processes, compiling the KB once per process,
writing Parquet): a conservative rate, closer to the steady one the more pages a run has. Runners alternate within
each round, and the median of the rounds is shown, so that a busy spell on this shared machine hits them alike.
"""
from __future__ import annotations

import argparse
import os
import resource
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from caveat.annotator import KnowledgeBase
from caveat.annotator.batch_dask import run_dask
from caveat.annotator.batch_local import run_local
from caveat.annotator.batch_page import Limits
from caveat.annotator.batch_tasks import Job

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_annotator import synthetic_page  # noqa: E402
from news_pages import treatment_names, write_pages  # noqa: E402


def cpu_seconds(client=None) -> float:
    """CPU time so far of this process, its reaped children (the pool's workers) and the Dask workers."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
    return total + (sum(client.run(time.process_time).values()) if client is not None else 0.0)


def timed_run(runner, files: list[str], out: Path, job: Job, client) -> tuple[float, float]:
    sources = [(f, "html") for f in files]
    wall, cpu = time.perf_counter(), cpu_seconds(client)
    runner(sources, out, job)
    return time.perf_counter() - wall, cpu_seconds(client) - cpu


def rates(runner, files: list[str], out: Path, job: Job, client) -> tuple[float, float]:
    """(pages per wall second, pages per CPU second) of one whole run, its fixed costs included."""
    wall, cpu = timed_run(runner, files, out, job, client)
    return len(files) / wall, len(files) / cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=1200, help="news pages per run")
    ap.add_argument("--big", type=int, default=24, help="2 MB pages per run")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    from distributed import Client, LocalCluster

    kb = KnowledgeBase.load()
    job = Job(None, kb.version, Limits())
    with tempfile.TemporaryDirectory() as tmp, \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster.scheduler_address) as client:
        work = Path(tmp)
        news = [str(p) for p in write_pages(work / "news", args.pages)]
        news_kb = os.path.getsize(news[0]) // 1000
        random.seed(7)
        big_page = synthetic_page(2_000_000, treatment_names(kb)[:200])
        big = []
        for i in range(args.big):
            path = work / "big" / f"page-{i}.html"
            path.parent.mkdir(exist_ok=True)
            path.write_text(big_page, encoding="utf-8")
            big.append(str(path))

        def local(workers: int, task_pages: int):
            return lambda s, o, j: run_local(s, o, j, workers, task_pages, overwrite=True, progress=False)

        def dask(s, o, j):
            return run_dask(cluster.scheduler_address, s, o, j, 100, overwrite=True, progress=False)

        # tasks of 16 news pages (the default), of one 2 MB page (16 of them would be one task for one worker)
        runners = {("100KB news", "local", 1): (local(1, 16), news),
                   ("100KB news", "local", 2): (local(2, 16), news),
                   ("100KB news", "dask", 2): (dask, news),
                   ("2MB", "local", 1): (local(1, 1), big),
                   ("2MB", "local", 2): (local(2, 1), big)}
        measured: dict[tuple, list[tuple[float, float]]] = {key: [] for key in runners}
        for _ in range(args.rounds):
            for key, (runner, files) in runners.items():
                out = work / "out" / "-".join(map(str, key)).replace(" ", "")
                out.mkdir(parents=True, exist_ok=True)
                measured[key].append(rates(runner, files, out / "r.parquet", job,
                                           client if key[1] == "dask" else None))

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end; {args.pages} news "
          f"pages (~{news_kb} KB each), {args.big} pages of 2 MB; medians of {args.rounds} rounds\n")
    print(f"{'pages':11} {'runner':6} {'workers':>7} {'pages/s (wall)':>15} {'pages/s/core (CPU)':>19}   "
          "rounds: wall, CPU")
    wall = {key: statistics.median(w for w, _ in values) for key, values in measured.items()}
    for key, values in measured.items():
        cpu = statistics.median(c for _, c in values)
        print(f"{key[0]:11} {key[1]:6} {key[2]:>7} {wall[key]:15.1f} {cpu:19.1f}   "
              + "  ".join(f"{w:.1f}, {c:.1f}" for w, c in values))
    news1, news2, dask2 = (wall[("100KB news", r, w)] for r, w in (("local", 1), ("local", 2), ("dask", 2)))
    print(f"\nspeed-up from 1 to 2 worker processes (wall): 100KB {news2 / news1:.2f}x, "
          f"2MB {wall[('2MB', 'local', 2)] / wall[('2MB', 'local', 1)]:.2f}x")
    print(f"Dask LocalCluster / local pool, 2 workers, 100KB (wall): {dask2 / news2:.2f}")

if __name__ == "__main__":
    main()
