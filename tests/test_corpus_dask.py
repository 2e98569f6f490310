"""The corpus command on a two-worker local Dask cluster gives the very bytes of the in-process run."""
from __future__ import annotations

import shutil
import time

import pytest

from analysis.corpus import run, store
from analysis.paths import SEEDS_DIR

CORPUS = SEEDS_DIR / "corpus"


def test_a_two_worker_cluster_writes_the_same_dataset_as_one_process(tmp_path):
    """The articles without their gold files, so that each worker runs the automatic annotator."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for path in CORPUS.glob("*.txt"):
        shutil.copy(path, articles / path.name)
    alone = run.build_corpus([str(articles)], tmp_path / "alone", scheduler="none")
    began = time.perf_counter()
    shared = run.build_corpus([str(articles)], tmp_path / "dask", scheduler="local", workers=2, size=1)
    assert time.perf_counter() - began < 60
    assert shared.processed == alone.processed == len(list(CORPUS.glob("*.txt")))
    assert shared.failed == 0 and shared.incidents == alone.incidents > 0
    assert set(store.load_table(tmp_path / "dask", "articles")["annotation"]) == {"auto"}
    written = sorted(p.name for p in (tmp_path / "alone").glob("*.parquet"))
    assert written == sorted(p.name for p in (tmp_path / "dask").glob("*.parquet")) and len(written) == 16
    for name in [*written, "dataset.json"]:
        assert (tmp_path / "alone" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes(), name
    parts = [p for p in (tmp_path / "dask" / "_parts").iterdir()]
    assert len(parts) == shared.processed, "one part per batch of one article"


def test_an_existing_cluster_named_by_its_address_does_the_same_work(tmp_path):
    from distributed import LocalCluster

    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("04_local_kivu.txt", "06_release_un_congo.txt"):
        (folder / name).write_bytes((CORPUS / name).read_bytes())
    alone = run.build_corpus([str(folder)], tmp_path / "alone", scheduler="none")
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        remote = run.build_corpus([str(folder)], tmp_path / "remote", scheduler=cluster.scheduler_address)
    assert remote.processed == alone.processed == 2
    for path in sorted((tmp_path / "alone").glob("*.parquet")):
        assert path.read_bytes() == (tmp_path / "remote" / path.name).read_bytes(), path.name


def test_an_unreachable_scheduler_is_a_clear_error(monkeypatch):
    from analysis.corpus import cluster
    from analysis.errors import InputError

    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 1)
    with pytest.raises(InputError, match="cannot be used as a Dask scheduler.*--scheduler local"):
        with cluster.dask_client("tcp://127.0.0.1:9", 1):
            pass
