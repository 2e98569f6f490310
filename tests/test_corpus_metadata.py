"""The corpus command's metadata file: dates, outlets, URLs and titles the user already has for each article."""
from __future__ import annotations

import datetime as dt
import pickle
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.corpus import run, store
from analysis.corpus.extract import Task
from analysis.corpus.metadata import Listed, MetadataFile, read_metadata
from analysis.errors import InputError
from analysis.paths import SEEDS_DIR

CORPUS = SEEDS_DIR / "corpus"
# The only date this article gives is "on Saturday": without a publication date its figure stays undated.
SATURDAY = ("Shelling hits market town\n"
            "An artillery barrage killed at least 9 civilians in the market of Kadugli on Saturday, local officials "
            "said. Residents said the shells came from the hills east of the town.\n")
WIRE = "05_wire_congo.txt"  # "GOMA, March 5, 2026 (Great Rift Wire) —"


def write_csv(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def saturday_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kadugli.txt").write_text(SATURDAY, encoding="utf-8")
    shutil.copy(CORPUS / WIRE, folder / WIRE)
    return folder


def build(arguments: list[Path], out: Path, **options) -> run.Summary:
    return run.build_corpus([str(a) for a in arguments], out, scheduler="none", **options)


def articles_by_file(dataset: Path):
    return store.load_table(dataset, "articles").set_index("file")


def day(value) -> str | None:
    return None if value is None or str(value) in ("NaT", "<NA>") else str(value.date())


def test_the_metadata_date_reaches_the_annotator_and_dates_a_figure_only_saturday_dates(tmp_path):
    folder = saturday_folder(tmp_path / "articles")
    undated = build([folder], tmp_path / "without")
    write_csv(folder / "metadata.csv", "file,published,outlet,url",
              "kadugli.txt,2026-03-10,Nuba Reports,https://example.org/kadugli")
    dated = build([folder], tmp_path / "with")

    before = store.load_table(tmp_path / "without", "casualties").set_index("file").loc["kadugli.txt"]
    after = store.load_table(tmp_path / "with", "casualties").set_index("file").loc["kadugli.txt"]
    assert day(before["start_date"]) is None
    assert day(after["start_date"]) == "2026-03-07", "the Saturday before the given publication date"
    reports = store.load_table(tmp_path / "with", "incident_reports").set_index("file").loc[["kadugli.txt"]]
    assert {day(d) for d in reports["start_date"]} == {"2026-03-07"} and not reports["date_inferred"].any()
    row = articles_by_file(tmp_path / "with").loc["kadugli.txt"]
    assert (day(row["published"]), row["outlet"], row["url"]) == ("2026-03-10", "Nuba Reports",
                                                                  "https://example.org/kadugli")
    assert undated.metadata == [] and [(m.source.path.name, m.source.found_in_folder, m.rows)
                                       for m in dated.metadata] == [("metadata.csv", True, 1)]


def test_metadata_wins_over_the_text_and_a_gold_annotation_wins_over_metadata(tmp_path, mini_files):
    folder = saturday_folder(mini_files.parent)
    write_csv(tmp_path / "sheet.csv", "file,published,outlet,title,url",
              f"{WIRE},2026-04-01,Lakes Herald,Fighting near Ngeri,https://example.org/ngeri",
              "mini.txt,2025-01-01,Gaza Daily,,https://example.org/mini")
    build([folder], tmp_path / "dataset", metadata=tmp_path / "sheet.csv")
    rows = articles_by_file(tmp_path / "dataset")
    wire, gold, plain = rows.loc[WIRE], rows.loc["mini.txt"], rows.loc["kadugli.txt"]
    assert (day(wire["published"]), wire["outlet"], wire["title"]) == ("2026-04-01", "Lakes Herald",
                                                                       "Fighting near Ngeri")
    assert gold["annotation"] == "gold" and day(gold["published"]) == "2024-08-12", "the gold file's own date"
    assert gold["outlet"] == "Gaza Daily", "the gold file names no outlet, so the metadata's is used"
    assert gold["title"] == "Strike on Gaza school kills at least 12" and gold["url"] == "https://example.org/mini"
    assert day(plain["published"]) is None and pd.isna(plain["url"]), "an article the file does not list"
    sentences = store.load_table(tmp_path / "dataset", "sentences").set_index("file")
    assert set(sentences.loc[[WIRE], "outlet"]) == {"Lakes Herald"}, "the keys of every row follow the metadata"


def test_the_option_replaces_the_folders_metadata_csv_and_paths_are_relative_to_the_csv(tmp_path):
    folder = saturday_folder(tmp_path / "news" / "march")
    write_csv(folder / "metadata.csv", "file,outlet", "kadugli.txt,Folder Outlet")
    sheet = write_csv(tmp_path / "news" / "sheet.csv", "File,Outlet,Section", "march/kadugli.txt,Sheet Outlet,world")
    summary = build([folder], tmp_path / "dataset", metadata=sheet)
    assert articles_by_file(tmp_path / "dataset").loc["kadugli.txt", "outlet"] == "Sheet Outlet"
    assert [(m.source.path, m.rows, m.ignored) for m in summary.metadata] == [(sheet, 1, ("section",))]


def test_a_bare_file_name_in_the_given_file_matches_the_article_of_that_name_anywhere(tmp_path):
    folder = saturday_folder(tmp_path / "articles")
    (tmp_path / "elsewhere").mkdir()
    sheet = write_csv(tmp_path / "elsewhere" / "sheet.csv", "file,published", "kadugli.txt,2026-03-10")
    listed, _ = read_metadata([MetadataFile(sheet)], run.find_articles([str(folder)]))
    assert {p.name: v for p, v in listed.items()} == {"kadugli.txt": Listed(published=dt.date(2026, 3, 10))}
    with pytest.raises(InputError, match="names no article found"):
        read_metadata([MetadataFile(sheet, found_in_folder=True)], run.find_articles([str(folder)]))


def test_a_changed_row_reprocesses_exactly_its_article_and_equals_a_fresh_build(tmp_path):
    folder = saturday_folder(tmp_path / "articles")
    csv = folder / "metadata.csv"
    write_csv(csv, "file,published,url", "kadugli.txt,2026-03-10,", f"{WIRE},,https://example.org/a")
    first = build([folder], tmp_path / "dataset")
    assert (first.processed, first.reused) == (2, 0)
    again = build([folder], tmp_path / "dataset")
    assert (again.processed, again.reused) == (0, 2)
    keys = dict(articles_by_file(tmp_path / "dataset")["input_key"])

    write_csv(csv, "file,published,url", "kadugli.txt,2026-03-17,", f"{WIRE},,https://example.org/a")
    changed = build([folder], tmp_path / "dataset")
    assert (changed.processed, changed.reused) == (1, 1)
    after = articles_by_file(tmp_path / "dataset")
    assert after.loc[WIRE, "input_key"] == keys[WIRE] and after.loc["kadugli.txt", "input_key"] != keys["kadugli.txt"]
    casualties = store.load_table(tmp_path / "dataset", "casualties").set_index("file")
    assert day(casualties.loc["kadugli.txt", "start_date"]) == "2026-03-14"
    fresh = build([folder], tmp_path / "fresh")
    assert fresh.processed == 2
    for name in sorted(p.name for p in (tmp_path / "fresh").glob("*.parquet")):
        assert (tmp_path / "fresh" / name).read_bytes() == (tmp_path / "dataset" / name).read_bytes(), name

    write_csv(csv, "file,published,url", "kadugli.txt,2026-03-17,", f"{WIRE},,https://example.org/b")
    assert build([folder], tmp_path / "dataset").processed == 1, "a changed URL is a changed row too"


def test_an_article_without_a_row_keeps_its_rerun_key(tmp_path):
    folder = saturday_folder(tmp_path / "articles")
    build([folder], tmp_path / "dataset")
    write_csv(folder / "metadata.csv", "file,published", "kadugli.txt,2026-03-10")
    assert build([folder], tmp_path / "dataset").processed == 1, "only the article the new file lists"


@pytest.mark.parametrize(("lines", "where", "problem"), [
    (("file,published", "kadugli.txt,2026-03-10", "missing.txt,2026-03-11"), "line 3",
     "file 'missing.txt' names no article found"),
    (("file,published", "kadugli.txt,2026-03-10", "", "./kadugli.txt,2026-03-11"), "line 4",
     "describes .*kadugli.txt again \\(first on .*metadata.csv, line 2\\)"),
    (("file,published", f"{WIRE},2026-03-05", "kadugli.txt,10/03/2026"), "line 3",
     "published '10/03/2026' is not a date written YYYY-MM-DD"),
    (("file,published", "kadugli.txt,2026-02-30"), "line 2", "published '2026-02-30' is not a date"),
    (("name,published", "kadugli.txt,2026-03-10"), "line 1", "has no 'file' column"),
    (("file,published", "kadugli.txt,2026-03-10,extra"), "line 2", "has 3 cells where the header names 2"),
    (("file,published", ",2026-03-10"), "line 2", "has no file name"),
])
def test_a_bad_row_is_refused_naming_the_file_and_line_and_nothing_is_written(tmp_path, capsys, lines, where,
                                                                              problem):
    folder = saturday_folder(tmp_path / "articles")
    write_csv(folder / "metadata.csv", *lines)
    out = tmp_path / "dataset"
    assert main(["corpus", str(folder), "--out", str(out), "--scheduler", "none"]) == 2
    error = capsys.readouterr().err
    assert f"{folder / 'metadata.csv'}, {where}: " in error
    assert re.search(problem, error), error
    assert not out.exists(), "nothing is written"


def test_a_missing_or_non_utf8_metadata_file_is_refused(tmp_path, capsys):
    folder = saturday_folder(tmp_path / "articles")
    assert main(["corpus", str(folder), "--out", str(tmp_path / "d"), "--metadata", str(tmp_path / "no.csv")]) == 2
    assert f"{tmp_path / 'no.csv'}: does not exist" in capsys.readouterr().err
    (tmp_path / "latin.csv").write_bytes("file,outlet\nkadugli.txt,Caf\xe9\n".encode("latin-1"))
    assert main(["corpus", str(folder), "--out", str(tmp_path / "d"), "--metadata", str(tmp_path / "latin.csv")]) == 2
    assert "is not UTF-8 text. Save the spreadsheet as CSV UTF-8" in capsys.readouterr().err
    assert not (tmp_path / "d").exists()


def test_the_summary_line_says_which_metadata_file_was_used(tmp_path, capsys):
    folder = saturday_folder(tmp_path / "articles")
    write_csv(folder / "metadata.csv", "\ufefffile,published,author", "kadugli.txt,2026-03-10,A. Writer")
    assert main(["corpus", str(folder), "--out", str(tmp_path / "d"), "--scheduler", "none"]) == 0
    line = capsys.readouterr().out
    assert (f"metadata of 1 article(s) from {(folder / 'metadata.csv').absolute()} (found in the folder), "
            f"columns not read: author") in line


def test_tasks_with_metadata_travel_to_workers_unchanged():
    task = Task("a/b.txt", "b.txt", "0" * 16, "k", False, Listed(dt.date(2026, 3, 10), "O", "u"))
    assert pickle.loads(pickle.dumps(task)) == task


def test_an_unreadable_article_shows_its_metadata_and_a_changed_row_rewrites_its_articles_row(tmp_path):
    missing = tmp_path / "gone.txt"
    sheet = write_csv(tmp_path / "sheet.csv", "file,outlet", "gone.txt,First Outlet")
    first = build([missing], tmp_path / "dataset", metadata=sheet)
    assert first.failed == 1 and articles_by_file(tmp_path / "dataset").loc["gone.txt", "outlet"] == "First Outlet"
    write_csv(sheet, "file,outlet", "gone.txt,Second Outlet")
    build([missing], tmp_path / "dataset", metadata=sheet)
    assert articles_by_file(tmp_path / "dataset").loc["gone.txt", "outlet"] == "Second Outlet"
