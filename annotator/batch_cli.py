"""`caveat batch INPUT... --out FILE`: annotate a corpus (docs/batch.md). Its modules import pyarrow, warcio, rich and
Dask only when a run starts, so the rest of the `caveat` command works without the `batch` extra."""
from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path
from typing import Callable, TypeVar

from .batch_inputs import expand
from .batch_local import run_local
from .batch_page import Limits
from .batch_tables import format_of
from .batch_tasks import Job
from .errors import AnnotatorError
from .kb import KnowledgeBase

EXTRA = "pip install 'caveat[batch]'"
Number = TypeVar("Number", int, float)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="HTML files, folders (recursive), WARC / WARC.gz files, JSON Lines of {url, html|text}")
    p.add_argument("--out", required=True, type=Path,
                   help="results.parquet, .jsonl or .csv: highlights there, the per-page table in results.pages.*")
    p.add_argument("--kb", help="knowledge-base folder (default: the bundled one)")
    p.add_argument("--workers", type=_positive(int), default=len(os.sched_getaffinity(0)),
                   help="worker processes (default: every core of this machine)")
    p.add_argument("--max-bytes", type=_positive(int), default=20_000_000,
                   help="a bigger page becomes an error row (default: 20000000)")
    p.add_argument("--page-timeout", type=_positive(float), default=60.0,
                   help="seconds one page may take before it becomes an error row (default: 60)")
    p.add_argument("--task-pages", type=_positive(int),
                   help="pages per task (default: 16; with --dask: per output partition, default sized to the input)")
    p.add_argument("--dask", metavar="tcp://SCHEDULER:8786", help="run on this Dask cluster (output: Parquet folders)")
    p.add_argument("--overwrite", action="store_true", help="replace the output of a finished run")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction,
                   help="draw the progress bar (default: when stderr is a terminal)")


def _positive(kind: type[Number]) -> Callable[[str], Number]:
    def parse(text: str) -> Number:
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be more than 0, got {text}")
        return value
    parse.__name__ = kind.__name__
    return parse


def _require(modules: list[str]) -> None:
    missing = [name for name in modules if importlib.util.find_spec(name) is None]
    if missing:
        raise AnnotatorError(f"caveat batch needs the batch extra ({', '.join(missing)} missing): {EXTRA}")


def run(args: argparse.Namespace) -> int:
    _require(["pyarrow", "warcio", "rich"] + (["distributed"] if args.dask else []))

    format_of(args.out)
    if not args.out.parent.is_dir():
        raise AnnotatorError(f"{args.out.parent}: no such folder for the output")
    sources = expand(args.inputs)
    kb = KnowledgeBase.load(args.kb)
    job = Job(str(Path(args.kb).resolve()) if args.kb else None, kb.version, Limits(args.max_bytes, args.page_timeout))
    began = time.perf_counter()
    try:
        if args.dask:
            from .batch_dask import run_dask

            summary = run_dask(args.dask, sources, args.out, job, args.task_pages, args.overwrite, args.progress)
        else:
            summary = run_local(sources, args.out, job, args.workers, args.task_pages or 16, args.overwrite,
                                args.progress)
    except KeyboardInterrupt:
        print("caveat batch: interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    seconds = time.perf_counter() - began
    print(f"caveat batch: {summary} in {seconds:.1f} s, KB {kb.version} -> {args.out}", file=sys.stderr)
    return 0
