"""`python -m analysis tables`: every CSV with its declared header, errors as exit code 2."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import sys
import types
from pathlib import Path

import pandas as pd
import pytest
from conftest import MINI_TEXT, mini_annotation_dict

from analysis.annotations import annotation_from_dict, save_annotation
from analysis.bundle import load_bundle, shared_bundle
from analysis.cli import main
from analysis.fields import TABLES, columns
from analysis.paths import SEED_ARTICLE, gold_path_for

REQUIRED = {
    "casualties": ["casualty_kind", "count_low", "count_high", "qualifier", "victims", "cumulative", "start_date"],
    "dates": ["text", "start", "end", "value", "precision"],
    "actors": ["actor_id", "actor_name", "actor_type", "affiliation", "mentions"],
    "events": ["event_id", "event_type", "modality", "start_date", "location"],
    "quotes": ["speaker", "start", "end", "text"],
    "repairs": ["raw_start", "raw_text", "replacement", "rule"],
}


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_writes_every_table_with_declared_header(mini_files: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "tables"
    assert main(["tables", str(mini_files), "--out", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert len(printed) == len(TABLES)
    for table in TABLES:
        path = out / f"{table}.csv"
        raw = path.read_bytes()
        assert b"\r" not in raw
        header = raw.decode("utf-8").split("\n", 1)[0].split(",")
        assert header == columns(table)
        assert any(str(path) in line for line in printed)
    for table, required in REQUIRED.items():
        assert set(required) <= set(columns(table)), table


def test_csv_values(mini_files: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    main(["tables", str(mini_files), "--out", str(out)])
    (casualty,) = read_csv(out / "casualties.csv")
    assert casualty["count_low"] == "12" and casualty["count_high"] == ""
    assert casualty["start_date"] == "2024-08-10" and casualty["cumulative"] == "False"
    events = {row["event_id"]: row for row in read_csv(out / "events.csv")}
    assert events["e1"]["start_date"] == "2024-08-10" and events["e3"]["start_date"] == ""
    quotes = read_csv(out / "quotes.csv")
    assert quotes[0]["speaker"] == "Abu Obaida" and quotes[0]["text"] == "we will respond"
    assert (out / "repairs.csv").read_text(encoding="utf-8") == ",".join(columns("repairs")) + "\n"


def test_same_inputs_same_bytes(mini_files: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    main(["tables", str(mini_files), "--out", str(first)])
    main(["tables", str(mini_files), "--out", str(second)])
    for table in TABLES:
        assert (first / f"{table}.csv").read_bytes() == (second / f"{table}.csv").read_bytes()


def test_annotation_given_as_path(mini_files: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    shutil.move(gold_path_for(mini_files), elsewhere)
    out = tmp_path / "tables"
    assert main(["tables", str(mini_files), "--annotations", str(elsewhere), "--out", str(out)]) == 0
    assert len(read_csv(out / "actors.csv")) == len(mini_annotation_dict()["actors"])


def test_missing_gold_is_exit_2_with_clear_message(tmp_path: Path, capsys) -> None:
    article = tmp_path / "lonely.txt"
    article.write_text(MINI_TEXT, encoding="utf-8")
    assert main(["tables", str(article), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "lonely.gold.json" in err and "--annotations auto" in err
    assert not (tmp_path / "out").exists()


def test_bad_published_is_exit_2(mini_files: Path, tmp_path: Path, capsys) -> None:
    assert main(["tables", str(mini_files), "--published", "12/08/2024", "--out", str(tmp_path / "o")]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_missing_article_is_exit_2(tmp_path: Path, capsys) -> None:
    assert main(["tables", str(tmp_path / "none.txt"), "--out", str(tmp_path / "o")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_seed_tables(seed_gold_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed"
    assert main(["tables", str(SEED_ARTICLE), "--out", str(out)]) == 0
    for table in TABLES:
        assert (out / f"{table}.csv").is_file()
    assert len(read_csv(out / "repairs.csv")) > 0
    assert read_csv(out / "casualties.csv")


def test_published_overrides_the_displayed_date_only(mini_files: Path) -> None:
    plain = load_bundle(mini_files)
    moved = load_bundle(mini_files, published="2024-08-13")
    assert plain.published == dt.date(2024, 8, 12)
    assert moved.published == dt.date(2024, 8, 13)
    for table in TABLES:
        pd.testing.assert_frame_equal(plain.frames[table], moved.frames[table])


def test_auto_calls_the_annotator_with_the_article_and_date(mini_files: Path, monkeypatch) -> None:
    calls = []

    def annotate_article(article, published):
        calls.append((article.text, published))
        return annotation_from_dict(mini_annotation_dict(), article.text)

    fake = types.ModuleType("analysis.autoannotate")
    fake.annotate_article = annotate_article
    monkeypatch.setitem(sys.modules, "analysis.autoannotate", fake)
    bundle = load_bundle(mini_files, annotations="auto", published=dt.date(2024, 8, 12))
    assert calls == [(MINI_TEXT, dt.date(2024, 8, 12))]
    assert len(bundle.frames["events"]) == len(mini_annotation_dict()["events"])


def test_a_shared_bundle_is_loaded_once_copied_to_each_caller_and_reloaded_when_a_file_changes(
        mini_files: Path, monkeypatch) -> None:
    import analysis.bundle as bundle_module

    loads = []
    real = bundle_module.load_bundle
    monkeypatch.setattr(bundle_module, "load_bundle", lambda *a, **k: loads.append(a) or real(*a, **k))
    bundle_module._remembered.cache_clear()
    first = shared_bundle(mini_files)
    first.frames["actors"].loc[0, "actor_name"] = "changed by a notebook"
    second = shared_bundle(mini_files)
    assert len(loads) == 1
    for table in TABLES:
        pd.testing.assert_frame_equal(second.frames[table], load_bundle(mini_files).frames[table])
    gold = gold_path_for(mini_files)
    data = mini_annotation_dict()
    data["article"]["published"] = "2024-08-13"
    save_annotation(annotation_from_dict(data, MINI_TEXT), gold)
    assert shared_bundle(mini_files).published == dt.date(2024, 8, 13) and len(loads) == 2


def write_gold(article: Path, data: dict) -> None:
    """Write an annotation dict as the article's gold file, unchecked (as a hand-edited file would be)."""
    gold_path_for(article).write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("count", [2**63, 10**30])
def test_a_count_too_large_for_a_table_is_exit_2_naming_the_record(mini_files: Path, tmp_path: Path, capsys,
                                                                   count: int) -> None:
    data = mini_annotation_dict()
    data["casualties"][0]["count_high"] = count
    write_gold(mini_files, data)
    assert main(["tables", str(mini_files), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"casualties 'c1': count_high {count} is larger than the tables can hold" in err
    assert "Traceback" not in err and not (tmp_path / "out").exists()


def test_the_largest_count_a_table_holds_is_written(mini_files: Path, tmp_path: Path) -> None:
    data = mini_annotation_dict()
    data["casualties"][0].update(count_low=12, count_high=2**63 - 1)
    write_gold(mini_files, data)
    assert main(["tables", str(mini_files), "--out", str(tmp_path / "out")]) == 0
    (casualty,) = read_csv(tmp_path / "out" / "casualties.csv")
    assert casualty["count_high"] == str(2**63 - 1)


@pytest.mark.parametrize("day", ["1600-01-01", "9999-12-31"])
def test_dates_outside_pandas_nanosecond_range_are_written_as_they_are(mini_files: Path, tmp_path: Path,
                                                                       day: str) -> None:
    data = mini_annotation_dict()
    data["dates"][0].update(value=day, start_date=day, end_date=day)
    write_gold(mini_files, data)
    assert main(["tables", str(mini_files), "--out", str(tmp_path / "out")]) == 0
    dates = {row["date_id"]: row for row in read_csv(tmp_path / "out" / "dates.csv")}
    assert (dates["d1"]["start_date"], dates["d1"]["end_date"]) == (day, day)
    (casualty,) = read_csv(tmp_path / "out" / "casualties.csv")
    assert casualty["start_date"] == day
    timeline = {row["event_id"]: row for row in read_csv(tmp_path / "out" / "timeline.csv")}
    assert timeline["e1"]["start_date"] == day
