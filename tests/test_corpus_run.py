"""The corpus command in one process: tables, reruns, failures, duplicates, gold, killed runs, the lock."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from analysis.cli import main
from analysis.corpus import cluster, run, store
from analysis.corpus.fields import ARTICLE_KEYS, CORPUS_TABLES, TABLES
from analysis.errors import InputError, ParameterError
from analysis.paths import PROJECT_DIR, SEEDS_DIR

CORPUS = SEEDS_DIR / "corpus"
SMALL = ("04_local_kivu.txt", "05_wire_congo.txt", "06_release_un_congo.txt")
KEYS = [c.name for c in ARTICLE_KEYS]


def copy_articles(folder: Path, names=SMALL) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def build(folder: Path, out: Path, **options) -> run.Summary:
    return run.build_corpus([str(folder)], out, scheduler="none", **options)


def table_bytes(dataset: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(dataset.glob("*.parquet"))} | {
        "dataset.json": (dataset / "dataset.json").read_bytes()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, run.Summary]:
    """Three articles and the dataset built from them."""
    base = tmp_path_factory.mktemp("corpus")
    folder = copy_articles(base / "articles")
    return folder, base / "dataset", build(folder, base / "dataset")


def test_every_table_is_written_with_the_article_keys_on_every_row(built):
    folder, dataset, summary = built
    tables = store.load_dataset(dataset)
    assert set(tables) == set(CORPUS_TABLES)
    articles = tables["articles"]
    assert list(articles["file"]) == sorted(SMALL) and set(articles["status"]) == {"ok"}
    assert set(articles["annotation"]) == {"auto"} and summary.failed == 0
    by_id = articles.set_index("article_id")
    for name, frame in tables.items():
        if name == "articles":
            continue
        if name in TABLES:
            assert list(frame.columns[:len(KEYS)]) == KEYS, name
        elif name != "incidents":
            assert set(KEYS) <= set(frame.columns), name
        if {"article_id", "file"} <= set(frame.columns):
            assert set(frame["article_id"]) <= set(by_id.index), name
            assert all(by_id.loc[a, "file"] == f for a, f in zip(frame["article_id"], frame["file"])), name
    sentences = tables["sentences"]
    assert sentences["file"].is_monotonic_increasing and len(sentences) == articles["sentence_count"].sum()


def test_the_articles_table_records_what_was_read(built):
    _, dataset, _ = built
    articles = store.load_table(dataset, "articles")
    row = articles.set_index("file").loc["05_wire_congo.txt"]
    data = (CORPUS / "05_wire_congo.txt").read_bytes()
    assert row["article_id"] == __import__("hashlib").sha256(data).hexdigest()[:16]
    assert row["outlet"] == "Great Rift Wire" and str(row["published"].date()) == "2026-03-05"
    assert row["repairs"] == 0 and row["encoding"] == "utf-8" and row["version"] == __import__("analysis").__version__


def test_a_rerun_reuses_every_article_and_writes_the_same_bytes(built, tmp_path):
    folder, dataset, _ = built
    before = table_bytes(dataset)
    again = build(folder, dataset)
    assert (again.processed, again.reused) == (0, len(SMALL))
    assert table_bytes(dataset) == before


def test_a_run_over_the_inputs_a_dataset_was_finished_from_rewrites_nothing(built):
    folder, dataset, first = built
    written = {p.name: p.stat().st_mtime_ns for p in dataset.iterdir() if p.is_file() and p.name != store.LOCK}
    again = build(folder, dataset)
    assert {p.name: p.stat().st_mtime_ns for p in dataset.iterdir() if p.is_file() and p.name != store.LOCK} == written
    assert (again.incidents, again.tolls, again.failed, again.processed) == (first.incidents, first.tolls, 0, 0)


def test_a_damaged_or_moved_dataset_is_rewritten_though_its_inputs_are_unchanged(tmp_path):
    folder = copy_articles(tmp_path / "articles", SMALL[:2])
    dataset = tmp_path / "dataset"
    build(folder, dataset)
    before = table_bytes(dataset)
    (dataset / "incidents.parquet").unlink()
    assert build(folder, dataset).processed == 0
    assert table_bytes(dataset) == before
    moved = folder.rename(tmp_path / "moved")
    build(moved, dataset)
    assert set(store.load_table(dataset, "articles")["path"]) == {str(moved / name) for name in SMALL[:2]}


def test_only_a_changed_or_new_article_is_processed_and_the_result_equals_a_fresh_build(tmp_path):
    folder = copy_articles(tmp_path / "articles", SMALL[:2])
    dataset = tmp_path / "dataset"
    build(folder, dataset)
    with open(folder / SMALL[0], "a", encoding="utf-8") as handle:
        handle.write("A line added later.\n")
    shutil.copy(CORPUS / SMALL[2], folder / SMALL[2])
    summary = build(folder, dataset)
    assert (summary.processed, summary.reused) == (2, 1)
    kept = set(store.read_manifest(dataset))
    assert kept == set(store.load_table(dataset, "articles")["input_key"]), "the old version's part was removed"
    fresh = tmp_path / "fresh"
    build(folder, fresh)
    assert table_bytes(dataset) == table_bytes(fresh)


def test_failed_articles_are_recorded_and_the_exit_code_says_so(tmp_path, capsys):
    folder = copy_articles(tmp_path / "articles", SMALL[:1])
    (folder / "empty.txt").write_bytes(b"")
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    shutil.copy(CORPUS / SMALL[1], folder / "bad_gold.txt")
    (folder / "bad_gold.gold.json").write_text("{not json", encoding="utf-8")
    code = main(["corpus", str(folder), "--out", str(tmp_path / "dataset"), "--scheduler", "none"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"3 of 4 articles failed; see {tmp_path / 'dataset' / 'articles.parquet'}" in err
    articles = store.load_table(tmp_path / "dataset", "articles").set_index("file")
    assert articles.loc[SMALL[0], "status"] == "ok"
    assert "is empty" in articles.loc["empty.txt", "error"]
    assert "PNG image" in articles.loc["picture.txt", "error"]
    assert "malformed JSON" in articles.loc["bad_gold.txt", "error"]
    assert articles.loc["bad_gold.txt", "annotation"] == "gold"
    assert set(store.load_table(tmp_path / "dataset", "sentences")["file"]) == {SMALL[0]}


def test_a_copy_of_an_article_is_a_duplicate_and_its_rows_are_not_repeated(tmp_path):
    folder = copy_articles(tmp_path / "articles", SMALL[:1])
    shutil.copy(CORPUS / SMALL[0], folder / "zz_copy.txt")
    summary = build(folder, tmp_path / "dataset")
    assert (summary.duplicates, summary.processed) == (1, 1)
    articles = store.load_table(tmp_path / "dataset", "articles").set_index("file")
    assert articles.loc["zz_copy.txt", "status"] == "duplicate"
    assert SMALL[0] in articles.loc["zz_copy.txt", "error"]
    assert articles.loc["zz_copy.txt", "title"] == articles.loc[SMALL[0], "title"]
    assert set(store.load_table(tmp_path / "dataset", "sentences")["file"]) == {SMALL[0]}


def test_the_gold_annotation_beside_an_article_is_used(mini_files, tmp_path):
    summary = build(mini_files.parent, tmp_path / "dataset")
    articles = store.load_table(tmp_path / "dataset", "articles")
    assert summary.failed == 0 and list(articles["annotation"]) == ["gold"]
    assert str(articles["published"].iloc[0].date()) == "2024-08-12"
    casualties = store.load_table(tmp_path / "dataset", "casualties")
    assert list(casualties["casualty_id"]) == ["c1"]


def test_a_broken_batch_fails_its_articles_without_caching_them(tmp_path, monkeypatch):
    folder = copy_articles(tmp_path / "articles", SMALL[:2])

    def broken(tasks, version):
        raise MemoryError("worker ran out of memory")

    monkeypatch.setattr(cluster, "process_batch", broken)
    summary = build(folder, tmp_path / "dataset", size=1)
    assert summary.failed == 2
    errors = store.load_table(tmp_path / "dataset", "articles")["error"]
    assert all("the batch holding it failed: MemoryError: worker ran out of memory" in e for e in errors)
    monkeypatch.undo()
    assert build(folder, tmp_path / "dataset").processed == 2


def test_a_killed_run_loses_nothing_already_written(tmp_path):
    folder = copy_articles(tmp_path / "articles", SMALL)
    dataset = tmp_path / "dataset"
    env = dict(os.environ, PYTHONPATH=str(PROJECT_DIR))
    process = subprocess.Popen([sys.executable, "-m", "analysis", "corpus", str(folder), "--out", str(dataset),
                                "--scheduler", "none", "--batch-size", "1"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    parts = dataset / store.PARTS
    while time.monotonic() < deadline and not (parts.is_dir() and any(not p.name.startswith(".")
                                                                      for p in parts.iterdir())):
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    written = [p for p in parts.iterdir() if not p.name.startswith(".")]
    assert 1 <= len(written) <= len(SMALL)
    if len(written) < len(SMALL):
        with pytest.raises(InputError, match="no dataset.json"):
            store.load_dataset(dataset)
    summary = build(folder, dataset)
    assert summary.reused == len(written) and summary.processed == len(SMALL) - len(written)
    fresh = tmp_path / "fresh"
    build(folder, fresh)
    assert table_bytes(dataset) == table_bytes(fresh)


def test_two_runs_never_write_one_dataset_at_once(tmp_path):
    folder = copy_articles(tmp_path / "articles", SMALL[:1])
    with store.locked(tmp_path / "dataset"):
        with pytest.raises(InputError, match="being written by another corpus run"):
            build(folder, tmp_path / "dataset")


def test_arguments_that_name_no_articles_are_refused(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["corpus", str(tmp_path / "empty"), "--out", str(tmp_path / "d")]) == 2
    assert "holds no .txt files" in capsys.readouterr().err
    assert main(["corpus", str(tmp_path / "nothing" / "*.txt"), "--out", str(tmp_path / "d")]) == 2
    assert "matches no files" in capsys.readouterr().err
    assert main(["corpus", str(tmp_path), "--out", str(tmp_path / "d"), "--workers", "0"]) == 2
    with pytest.raises(ParameterError, match="scheduler"):
        cluster.scheduler_param("sometimes")


def test_globs_and_files_name_articles_once_each(tmp_path):
    folder = copy_articles(tmp_path / "articles", SMALL)
    found = run.find_articles([str(folder / "0[45]*.txt"), str(folder / SMALL[0]), str(folder)])
    assert [p.name for p in found] == sorted(SMALL)


def test_an_unfinished_dataset_cannot_be_loaded(tmp_path):
    (tmp_path / "half").mkdir()
    with pytest.raises(InputError, match="no dataset.json"):
        store.load_dataset(tmp_path / "half")


def test_stored_files_get_the_usual_permissions(built):
    _, dataset, _ = built
    mask = os.umask(0)
    os.umask(mask)
    assert (dataset / "articles.parquet").stat().st_mode & 0o777 == 0o666 & ~mask
    assert pq.read_table(dataset / "articles.parquet").schema.metadata is None


def test_a_progress_bar_is_shown_when_asked(tmp_path, capsys):
    folder = copy_articles(tmp_path / "articles", SMALL[:1])
    assert main(["corpus", str(folder), "--out", str(tmp_path / "d"), "--scheduler", "none", "--progress"]) == 0
    captured = capsys.readouterr()
    assert "article" in captured.err and "1/1" in captured.err
    assert "wrote" in captured.out and "1 ok, 0 failed" in captured.out
    assert main(["corpus", str(folder), "--out", str(tmp_path / "e"), "--scheduler", "none"]) == 0
    assert "1/1" not in capsys.readouterr().err
