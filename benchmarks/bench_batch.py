"""Batch speed, run by hand (`make bench-batch`; figures go to the README and docs/batch.md).

Pages: generated ~100 KB news article pages with site chrome (benchmarks/news_pages.py) and the 2 MB page of
benchmarks/bench_annotator.py. Runners: the local pool with 1 and 2 worker processes, and a Dask LocalCluster of 2
worker processes (1 thread each) against the local pool of 2. Every run is the real `run_local` / `run_dask`:
reading files, annotating, checkpointing and writing Parquet.

This machine is shared (its load average is printed), so besides wall time every run's CPU time is counted: the
main process's, the pool's worker processes' (reaped children) and, for Dask, each worker's own. pages/s/core is
pages over CPU seconds (what one core does when it has the core to itself); the speed-up from 1 to 2 workers and
Dask against the pool are wall-time ratios, which a busy machine pulls down.

Each figure is of a whole run, its fixed costs included (compiling the KB once per process, writing Parquet; the
pool also starts its processes, while the Dask workers, like a cluster's, outlive runs): a conservative rate, closer
to the steady one the more pages a run has. Runners alternate within each round (each round starting one runner
further on), every ratio is given per round with the load average at each round's start, so that a busy spell on
this shared machine can be seen; the table shows the medians of the rounds.
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
from caveat.annotator.batch_local import run_local
from caveat.annotator.batch_page import Limits
from caveat.annotator.batch_tasks import Job, _load_kb

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

    from distributed import Client, LocalCluster  # here, not above: the pool's spawned workers import this module

    from caveat.annotator.batch_dask import run_dask

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

        def dask(s, o, j):  # the workers outlive runs, as a cluster's do, but compile the KB in each run as the pool's
            client.run(_load_kb.cache_clear)
            return run_dask(cluster.scheduler_address, s, o, j, overwrite=True, progress=False)

        # local: tasks of 16 news pages (the default), of one 2 MB page (16 of them would be one task for one
        # worker); Dask: its default, tasks sized to the input and the cluster
        runners = {("100KB news", "local", 1): (local(1, 16), news),
                   ("100KB news", "local", 2): (local(2, 16), news),
                   ("100KB news", "dask", 2): (dask, news),
                   ("2MB", "local", 1): (local(1, 1), big),
                   ("2MB", "local", 2): (local(2, 1), big),
                   ("2MB", "dask", 2): (dask, big)}
        measured: dict[tuple, list[tuple[float, float]]] = {key: [] for key in runners}
        loads = []
        for round_ in range(args.rounds):
            loads.append(os.getloadavg()[0])
            keys = list(runners)
            for key in keys[round_ % len(keys):] + keys[:round_ % len(keys)]:  # each round starts one further on
                runner, files = runners[key]
                out = work / "out" / "-".join(map(str, key)).replace(" ", "")
                out.mkdir(parents=True, exist_ok=True)
                measured[key].append(rates(runner, files, out / "r.parquet", job,
                                           client if key[1] == "dask" else None))
        loads.append(os.getloadavg()[0])
    report(args, news_kb, measured, loads)


def report(args: argparse.Namespace, news_kb: int, measured: dict[tuple, list[tuple[float, float]]],
           loads: list[float]) -> None:
    print(f"machine: {os.cpu_count()} cores; {args.pages} news pages (~{news_kb} KB each), {args.big} pages of 2 MB; "
          f"{args.rounds} rounds, runners interleaved; 1-minute load average at each round's start and the end: "
          + ", ".join(f"{load:.1f}" for load in loads) + "\n")
    print(f"{'pages':11} {'runner':6} {'workers':>7} {'pages/s (wall)':>15} {'pages/s/core (CPU)':>19}   "
          "per round: wall, CPU")
    for key, values in measured.items():
        wall, cpu = (statistics.median(v[i] for v in values) for i in (0, 1))
        print(f"{key[0]:11} {key[1]:6} {key[2]:>7} {wall:15.1f} {cpu:19.1f}   "
              + "  ".join(f"{w:.1f}, {c:.1f}" for w, c in values))
    print("\n(medians of the rounds; wall-time ratios per round, then their median)")
    for pages in ("100KB news", "2MB"):
        for label, (a, b) in (("2 / 1 local worker processes", (("local", 2), ("local", 1))),
                              ("Dask LocalCluster / local pool, 2 workers", (("dask", 2), ("local", 2)))):
            ratios = [x[0] / y[0] for x, y in zip(measured[(pages, *a)], measured[(pages, *b)])]
            print(f"{pages:11} {label:42} " + "  ".join(f"{r:.2f}" for r in ratios)
                  + f"   median {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
