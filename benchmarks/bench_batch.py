"""Batch speed, run by hand (`make bench-batch`; figures go to the README and docs/batch.md).

Pages: generated ~100 KB news article pages with site chrome (benchmarks/news_pages.py) and the 2 MB page of
benchmarks/bench_annotator.py. Runners: the local pool with 1 and 2 worker processes, and a Dask LocalCluster of 2
worker processes (1 thread each) against the local pool of 2. Every run is the real `run_local` / `run_dask`:
reading files, annotating, checkpointing and writing Parquet.

This machine is shared (its load average is printed), so besides wall time every run's CPU time is counted: the
main process's, the pool's worker processes' (reaped children) and, for Dask, each worker's own. pages/s/core is
pages over CPU seconds (what one core does when it has the core to itself); `main CPU s` is the main process's share
(the pool's: handing out tasks, the checkpoint, joining the tables; Dask's: the client and the LocalCluster's
scheduler). The speed-up from 1 to 2 workers and Dask against the pool are wall-time ratios, which a busy machine
pulls down.

Each figure is of a whole run, its fixed costs included (compiling the KB once per process, writing Parquet; the
pool also starts its processes, while the Dask workers are started and warmed up before each run, as a cluster's
outlive runs): a conservative rate, closer to the steady one the more pages a run has. A LocalCluster is up only
during the Dask runs: an idle one (scheduler and worker heartbeats) takes about a tenth of a core, which the pool's
runs would lose. Runners alternate within each round (each round starting one runner
further on), every ratio is given per round with the load average at each round's start, so that a busy spell on
this shared machine can be seen; the table shows the medians of the rounds.
"""
from __future__ import annotations

import argparse
import importlib
import os
import resource
import random
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from caveat.annotator import KnowledgeBase
from caveat.annotator.batch_local import run_local
from caveat.annotator.batch_page import Limits
from caveat.annotator.batch_tasks import Job, _load_kb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_annotator import synthetic_page  # noqa: E402
from news_pages import treatment_names, write_pages  # noqa: E402


def cpu_seconds(client=None) -> tuple[float, float]:
    """(CPU time so far of this process, of everything: this process, its reaped children (the pool's workers) and
    the Dask workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    main = own.ru_utime + own.ru_stime
    return main, main + kids.ru_utime + kids.ru_stime + (sum(client.run(time.process_time).values()) if client else 0.0)


def measure(runner, files: list[str], out: Path, job: Job, client) -> tuple[float, float, float]:
    """(pages per wall second, pages per CPU second, the main process's CPU seconds) of one whole run, its fixed
    costs included."""
    sources = [(f, "html") for f in files]
    wall, (main, cpu) = time.perf_counter(), cpu_seconds(client)
    runner(sources, out, job)
    wall, (main_end, cpu_end) = time.perf_counter() - wall, cpu_seconds(client)
    return len(files) / wall, len(files) / (cpu_end - cpu), main_end - main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=1200, help="news pages per run")
    ap.add_argument("--big", type=int, default=24, help="2 MB pages per run")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    kb = KnowledgeBase.load()
    job = Job(None, kb.version, Limits())
    with tempfile.TemporaryDirectory() as tmp:
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

        # local: tasks of 16 news pages (the default), of one 2 MB page (16 of them would be one task for one
        # worker); Dask: its default, tasks sized to the input and the cluster
        runners = {("100KB news", "local", 1): (news, 16), ("100KB news", "local", 2): (news, 16),
                   ("100KB news", "dask", 2): (news, None),
                   ("2MB", "local", 1): (big, 1), ("2MB", "local", 2): (big, 1), ("2MB", "dask", 2): (big, None)}
        measured: dict[tuple, list[tuple[float, float, float]]] = {key: [] for key in runners}
        loads = []
        for round_ in range(args.rounds):
            loads.append(os.getloadavg()[0])
            keys = list(runners)
            for key in keys[round_ % len(keys):] + keys[:round_ % len(keys)]:  # each round starts one further on
                out = work / "out" / "-".join(map(str, key)).replace(" ", "")
                out.mkdir(parents=True, exist_ok=True)
                run = run_on_dask if key[1] == "dask" else run_locally
                files, task_pages = runners[key]
                measured[key].append(run(key[2], task_pages, files, out / "r.parquet", job))
        loads.append(os.getloadavg()[0])
    report(args, news_kb, measured, loads)


def run_locally(workers: int, task_pages: int, files: list[str], out: Path, job: Job) -> tuple[float, float, float]:
    return measure(partial(run_local, workers=workers, task_pages=task_pages, overwrite=True, progress=False),
                   files, out, job, None)


def run_on_dask(workers: int, task_pages: None, files: list[str], out: Path, job: Job) -> tuple[float, float, float]:
    """A LocalCluster started for this run, its workers warmed up (imports) before the run is timed: they are
    already running, as a cluster's are, but compile the KB in the run, as the pool's do. No cluster is up during
    the pool's runs: an idle one takes about a tenth of a core (heartbeats), which a 2-worker pool on 2 cores
    would lose."""
    from distributed import Client, LocalCluster  # here, not above: the pool's spawned workers import this module

    from caveat.annotator.batch_dask import run_dask

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster.scheduler_address) as client:
        client.run(importlib.import_module, "caveat.annotator.batch_dask")
        client.run(_load_kb.cache_clear)
        return measure(partial(run_dask, cluster.scheduler_address, overwrite=True, progress=False),
                       files, out, job, client)


def report(args: argparse.Namespace, news_kb: int, measured: dict[tuple, list[tuple[float, float, float]]],
           loads: list[float]) -> None:
    print(f"machine: {os.cpu_count()} cores; {args.pages} news pages (~{news_kb} KB each), {args.big} pages of 2 MB; "
          f"{args.rounds} rounds, runners interleaved; 1-minute load average at each round's start and the end: "
          + ", ".join(f"{load:.1f}" for load in loads) + "\n")
    print(f"{'pages':11} {'runner':6} {'workers':>7} {'pages/s (wall)':>15} {'pages/s/core (CPU)':>19} "
          f"{'main CPU s':>10}   per round: wall, CPU, main CPU s")
    for key, values in measured.items():
        wall, cpu, main = (statistics.median(v[i] for v in values) for i in (0, 1, 2))
        print(f"{key[0]:11} {key[1]:6} {key[2]:>7} {wall:15.1f} {cpu:19.1f} {main:10.2f}   "
              + "  ".join(f"{w:.1f}, {c:.1f}, {m:.2f}" for w, c, m in values))
    print("\n(medians of the rounds; wall-time ratios per round, then their median)")
    for pages in ("100KB news", "2MB"):
        for label, (a, b) in (("2 / 1 local worker processes", (("local", 2), ("local", 1))),
                              ("Dask LocalCluster / local pool, 2 workers", (("dask", 2), ("local", 2)))):
            ratios = [x[0] / y[0] for x, y in zip(measured[(pages, *a)], measured[(pages, *b)])]
            print(f"{pages:11} {label:42} " + "  ".join(f"{r:.2f}" for r in ratios)
                  + f"   median {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
