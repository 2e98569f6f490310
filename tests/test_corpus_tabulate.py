"""A worker's tables: plain rows per article, each part table built and checked once per batch."""
from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis.corpus import extract
from analysis.corpus.extract import Task, part_tables, process_article, process_batch
from analysis.corpus.fields import PART_TABLES, TABLES
from analysis.corpus.metadata import ArticleKeys, article_id
from analysis.corpus.store import RowsError, frame_to_arrow, record_columns, rows_to_arrow
from analysis.fields import Column
from analysis.frames import _Index, build_frames, table_rows
from analysis.ingest import load_article
from analysis.paths import SEEDS_DIR

GOLD = ("001_wire_sudan", "004_mojibake_yemen", "014_report_gaza")


def gold_task(name: str, folder: Path | None = None) -> Task:
    path = (folder or SEEDS_DIR) / f"{name}.txt"
    return Task(str(path), path.name, article_id(path.read_bytes()), f"key-{name}", True)


def with_keys(keys: ArticleKeys, frame: pd.DataFrame) -> pd.DataFrame:
    """A single-article frame with the article's key columns in front (as the corpus stores it)."""
    front = pd.DataFrame({name: [value] * len(frame) for name, value in keys.row().items()}, dtype=object)
    return pd.concat([front, frame.astype(object)], axis=1)


@pytest.fixture(scope="module")
def processed() -> list[extract.Tabulated]:
    found = []
    for name in GOLD:
        row, tabulated = process_article(gold_task(name), "test")
        assert row["status"] == "ok" and tabulated is not None
        found.append(tabulated)
    return found


def test_each_part_table_equals_the_one_built_from_validated_frames(processed):
    """The batch path gives the table the frames path gives: conform, pandera validation, then Arrow."""
    fast = part_tables(processed)
    frames = [build_frames(load_article(SEEDS_DIR / item.keys.file), extract._annotation(
        gold_task(item.keys.file[:-4]), load_article(SEEDS_DIR / item.keys.file))) for item in processed]
    for name in PART_TABLES:
        if name == "articles":
            continue
        declared = PART_TABLES[name]
        if name in TABLES:
            frame = pd.concat([with_keys(item.keys, f[name]) for item, f in zip(processed, frames)],
                              ignore_index=True)
        else:
            frame = pd.DataFrame([r for item in processed for r in item.tables[name]],
                                 columns=[c.name for c in declared], dtype=object)
        assert fast[name].equals(frame_to_arrow(name, frame, declared)), name
    assert fast["repairs"].num_rows > 0 and fast["casualties"].num_rows > 0 and fast["toll_figures"].num_rows > 0


DECLARED = (Column("n", "Int64", "", nullable=False), Column("kind", "category", "", ("killed", "injured")),
            Column("day", "datetime64[us]", ""), Column("label", "string", ""))


@pytest.mark.parametrize("row, problem", [
    ({"n": None, "kind": "killed", "day": None, "label": None}, "column 'n': row 1 is empty"),
    ({"n": "3", "kind": "killed", "day": None, "label": None}, "column 'n': a value is not a Int64"),
    ({"n": 3, "kind": "exploded", "day": None, "label": None}, "column 'kind': exploded not among its declared levels"),
    ({"n": 3, "kind": "killed", "day": "March", "label": None}, "column 'day': a value is not a datetime64"),
    ({"n": 3, "kind": "killed", "day": None, "label": 7}, "column 'label': a value is not a string"),
])
def test_values_that_do_not_fit_their_column_are_refused_naming_table_and_column(row, problem):
    good = {"n": 1, "kind": "injured", "day": "2024-08-10", "label": "x"}
    with pytest.raises(RowsError, match=f"table 't', {problem}"):
        rows_to_arrow("t", record_columns([good, row], [c.name for c in DECLARED]), DECLARED)


def test_dates_are_stored_alike_from_iso_strings_dates_and_datetimes():
    days = ["0001-01-01", dt.date(2024, 8, 10), dt.datetime(9999, 12, 31), None]
    table = rows_to_arrow("t", {"n": [1] * 4, "kind": [None] * 4, "day": days, "label": [None] * 4}, DECLARED)
    assert table.column("day").to_pylist() == [dt.datetime(1, 1, 1), dt.datetime(2024, 8, 10),
                                               dt.datetime(9999, 12, 31), None]


def test_an_article_whose_rows_do_not_fit_fails_alone_and_the_rest_of_its_batch_is_written(tmp_path, monkeypatch):
    for name in GOLD:
        for suffix in (".txt", ".gold.json"):
            shutil.copy(SEEDS_DIR / f"{name}{suffix}", tmp_path / f"{name}{suffix}")
    real = extract.table_rows

    def spoiled(article, annotation):
        rows = real(article, annotation)
        if article.title.startswith("Houthi"):
            rows["casualties"][0]["casualty_kind"] = "exploded"
        return rows

    monkeypatch.setattr(extract, "table_rows", spoiled)
    tasks = [gold_task(name, tmp_path) for name in GOLD]
    result = process_batch(tasks, "test")
    statuses = {row["file"]: (row["status"], row["error"]) for row in result.articles}
    status, error = statuses["004_mojibake_yemen.txt"]
    assert status == "failed"
    assert "its rows do not fit the declared columns: table 'casualties', column 'casualty_kind'" in error
    assert "exploded" in error
    assert [s for s, _ in statuses.values()].count("ok") == 2
    bad_id = tasks[1].article_id
    for name, blob in result.blobs.items():
        ids = set(pq.read_table(io.BytesIO(blob)).column("article_id").to_pylist())
        if name == "articles":
            assert bad_id in ids
        elif name in ("sentences", "casualties"):
            assert ids == {tasks[0].article_id, tasks[2].article_id}, name
        else:
            assert bad_id not in ids, name


def test_the_sentence_lookup_agrees_with_the_article_at_every_offset():
    article = load_article(SEEDS_DIR / "004_mojibake_yemen.txt")
    index = _Index(article, extract._annotation(gold_task("004_mojibake_yemen"), article))
    for offset in range(-1, len(article.text) + 2):
        found = article.sentence_at(offset)
        assert index.sentence(offset) == (found.index if found else None), offset


def test_table_rows_are_plain_values_in_the_frames_order(mini_article, mini_annotation):
    rows = table_rows(mini_article, mini_annotation)
    frames = build_frames(mini_article, mini_annotation)
    assert list(rows) == list(frames)
    for name, frame in frames.items():
        assert [r.get(frame.columns[0]) for r in rows[name]] == frame.iloc[:, 0].astype(object).where(
            frame.iloc[:, 0].notna(), None).tolist(), name


def test_a_row_that_lacks_a_column_is_a_rows_error_so_only_its_article_fails():
    from analysis.corpus.store import RowsError, record_columns

    assert record_columns([{"a": 1, "b": 2}], ["a", "b"]) == {"a": [1], "b": [2]}
    with pytest.raises(RowsError, match="lacks the column 'b'"):
        record_columns([{"a": 1, "b": 2}, {"a": 3}], ["a", "b"])
