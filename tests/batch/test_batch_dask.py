"""`caveat batch --dask` on a real dask.distributed LocalCluster with several worker processes: the same rows as the
local pool (sorted by input, record and offset), Parquet partitions, and one KB compile per worker."""
from __future__ import annotations

from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from batch_corpus import write_corpus, write_failures
from batch_run import batch, tables
from caveat.annotator.batch_tasks import _load_kb

WORKERS = 3


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(n_workers=WORKERS, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def _compiles_per_worker() -> int:
    return _load_kb.cache_info().misses


def test_a_dask_run_gives_the_local_runs_rows_in_partitions(cluster, tmp_path):
    inputs = write_corpus(tmp_path / "in")
    write_failures(tmp_path / "in" / "site" / "bad")
    local = batch(*inputs, "--out", tmp_path / "local.parquet", "--max-bytes", 40_000)
    assert local.returncode == 0, local.stderr
    out = tmp_path / "dask.parquet"
    done = batch(*inputs, "--out", out, "--max-bytes", 40_000, "--dask", cluster.scheduler_address,
                 "--task-pages", 2)
    assert done.returncode == 0, done.stderr
    assert tables(out) == tables(tmp_path / "local.parquet")
    assert sum(p["status"] == "error" for p in tables(out)[1]) == 6
    parts = sorted(p.name for p in out.iterdir())
    assert parts[0] == "_caveat_batch.json" and len(parts) > WORKERS and parts[1] == "part-000000.parquet"
    assert sorted(p.name for p in (tmp_path / "dask.pages.parquet").iterdir()) == parts[1:]
    with Client(cluster.scheduler_address) as client:
        assert set(client.run(_compiles_per_worker).values()) <= {0, 1}


def test_a_dask_run_resumes_past_finished_partitions(cluster, tmp_path):
    inputs = write_corpus(tmp_path / "in")
    out = tmp_path / "r.parquet"
    assert batch(*inputs, "--out", out, "--dask", cluster.scheduler_address, "--task-pages", 1).returncode == 0
    whole = tables(out)
    manifest = out / "_caveat_batch.json"
    manifest.write_text(manifest.read_text().replace('"finished": true', '"finished": false'))
    lost = sorted((out.parent / "r.pages.parquet").glob("part-*.parquet"))[3:6]
    for part in lost:  # as if the run had stopped before these tasks ended
        part.unlink()
        (out / part.name).unlink()
    changed = batch(*inputs, "--out", out, "--dask", cluster.scheduler_address, "--task-pages", 2)
    assert changed.returncode == 2 and "--task-pages changed" in changed.stderr, changed.stderr
    again = batch(*inputs, "--out", out, "--dask", cluster.scheduler_address)  # the task size the run began with
    assert again.returncode == 0, again.stderr
    assert tables(out) == whole and all(part.exists() for part in lost)
    refused = batch(*inputs, "--out", out, "--dask", cluster.scheduler_address, "--task-pages", 2)
    assert refused.returncode == 2 and "exists (a finished run)" in refused.stderr


def test_dask_output_must_be_parquet(cluster, tmp_path):
    done = batch(tmp_path, "--out", tmp_path / "r.csv", "--dask", cluster.scheduler_address)
    assert done.returncode == 2 and "partitioned Parquet" in done.stderr, done.stderr
