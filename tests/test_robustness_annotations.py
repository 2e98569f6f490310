"""Broken annotation files: one AnnotationError naming the file and listing every problem with its record id."""
from __future__ import annotations

import codecs
import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import MINI_TEXT, mini_annotation_dict

from analysis.annotations import annotation_from_dict, load_annotation
from analysis.errors import AnnotationError

NAME = "mini.gold.json"


def problems(data: Any) -> list[str]:
    """The problems an annotation dict is rejected with (never another exception)."""
    with pytest.raises(AnnotationError) as info:
        annotation_from_dict(data, MINI_TEXT, NAME)
    assert str(info.value).startswith(f"{NAME}: {len(info.value.problems)} problem(s)")
    return info.value.problems


def file_problems(path: Path) -> list[str]:
    """The problems loading the annotation file at `path` gives; the message names the file."""
    with pytest.raises(AnnotationError) as info:
        load_annotation(path, MINI_TEXT)
    assert str(path) in str(info.value)
    return info.value.problems


def only(found: list[str], *needles: str) -> str:
    """The single problem; it must hold every needle."""
    assert len(found) == 1, found
    for needle in needles:
        assert needle in found[0], (needle, found[0])
    return found[0]


def dump(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / NAME
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


# --- the file itself -----------------------------------------------------------------------------

def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    good = json.dumps(mini_annotation_dict(), indent=1).splitlines()
    line = next(i for i, text in enumerate(good) if '"name": "Hamas"' in text)
    good[line] = good[line].rstrip(",") + ",,"
    only(file_problems(dump(tmp_path, "\n".join(good))), f"line {line + 1} column", "malformed JSON")


@pytest.mark.parametrize(("content", "needle"), [
    ("", "file is empty"),
    ("   \n", "file is empty"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"a": ' + "1" * 5000 + "}", "malformed JSON"),
    ("{'schema_version': '1.0'}", "line 1 column 2"),
], ids=["empty", "blank", "deep-nesting", "huge-number", "single-quotes"])
def test_unparseable_files(tmp_path: Path, content: str, needle: str) -> None:
    only(file_problems(dump(tmp_path, content)), needle)


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = dump(tmp_path, codecs.BOM_UTF8 + json.dumps(mini_annotation_dict()).encode("utf-8"))
    assert load_annotation(path, MINI_TEXT).actors[0].id == "israel"


def test_not_utf8(tmp_path: Path) -> None:
    data = json.dumps(mini_annotation_dict(), ensure_ascii=False).replace("Israel Defense", "Isra\u00ebl Defense")
    only(file_problems(dump(tmp_path, data.encode("cp1252"))), "line 1", "\\xeb", "save the annotation as UTF-8")


def test_directory_and_fifo_are_refused_without_hanging(tmp_path: Path) -> None:
    folder = tmp_path / "folder.gold.json"
    folder.mkdir()
    only(file_problems(folder), "is a directory")
    fifo = tmp_path / "pipe.gold.json"
    os.mkfifo(fifo)
    only(file_problems(fifo), "named pipe")


def test_duplicate_keys_in_one_record_are_reported_not_silently_dropped(tmp_path: Path) -> None:
    text = json.dumps(mini_annotation_dict(), indent=1)
    text = text.replace('"id": "m2",', '"id": "m2", "start": 0,', 1)
    text = text.replace('"id": "israel",', '"id": "israel", "type": "person",', 1)
    found = file_problems(dump(tmp_path, text))
    assert any("record 'm2'" in p and "'start' appears twice" in p for p in found)
    assert any("record 'israel'" in p and "'type' appears twice" in p for p in found)


# --- schema and records --------------------------------------------------------------------------

@pytest.mark.parametrize("version", ["0.9", None, 1.0, "1"])
def test_wrong_or_missing_schema_version_stops_with_the_fix(version: Any) -> None:
    data = mini_annotation_dict()
    if version is None:
        del data["schema_version"]
    else:
        data["schema_version"] = version
    only(problems(data), f"schema_version {version!r} is not '1.0'", "python -m analysis annotate")


def test_top_level_not_an_object() -> None:
    only(problems([mini_annotation_dict()]), "top level: expected an object, found list")


@pytest.mark.parametrize(("start", "end", "needle"), [
    (-1, 5, "outside the text"),
    (5, len(MINI_TEXT) + 1, "outside the text"),
    (10, 10, "outside the text"),
    (12, 8, "outside the text"),
    (True, 5, "must be integers"),
    (1.0, 5, "must be integers"),
    (None, 5, "must be integers"),
])
def test_offsets_outside_or_not_offsets(start: Any, end: Any, needle: str) -> None:
    data = mini_annotation_dict()
    data["events"][0].update(start=start, end=end)
    only(problems(data), "events 'e2'", needle)


def test_span_text_that_no_longer_matches() -> None:
    data = mini_annotation_dict()
    data["quotes"][0]["cue"]["text"] = "says"
    only(problems(data), "quotes 'q1' cue", "expected text 'says'", "the article has 'said'")


@pytest.mark.parametrize(("layer", "index", "field", "label"), [
    ("mentions", 0, "actor", "actor"),
    ("casualties", 0, "perpetrator", "perpetrator"),
    ("quotes", 0, "speaker", "speaker"),
    ("quotes", 0, "speaker_mention", "speaker_mention"),
    ("actors", 1, "affiliation", "affiliation"),
    ("events", 0, "date", "date"),
])
def test_unknown_ids(layer: str, index: int, field: str, label: str) -> None:
    data = mini_annotation_dict()
    data[layer][index][field] = "ghost"
    rid = data[layer][index]["id"]
    only(problems(data), f"{layer} {rid!r}", f"{label} 'ghost' is not a known id")


def test_unknown_participant_actor() -> None:
    data = mini_annotation_dict()
    data["events"][1]["participants"][0]["actor"] = "ghost"
    only(problems(data), "events 'e1'", "participant actor 'ghost'")


def test_duplicate_ids_within_and_across_layers() -> None:
    data = mini_annotation_dict()
    data["mentions"][5]["id"] = "m1"
    data["quotes"][0]["id"] = "e1"
    found = problems(data)
    assert len(found) == 2
    assert any(p.startswith("mentions 'm1'") and "duplicate id (also used in mentions)" in p for p in found)
    assert any(p.startswith("quotes 'e1'") and "duplicate id (also used in events)" in p for p in found)


@pytest.mark.parametrize(("field", "value"), [
    ("start_date", "yesterday"), ("end_date", "2024-02-30"), ("start_date", "12/08/2024"),
])
def test_a_date_that_is_not_a_date(field: str, value: str) -> None:
    data = mini_annotation_dict()
    data["dates"][0][field] = value
    only(problems(data), "dates 'd1'", f"{field} {value!r} is not a date (YYYY-MM-DD)")


def test_day_value_that_is_not_a_day() -> None:
    data = mini_annotation_dict()
    data["dates"][1]["value"] = "2024-13-45"
    only(problems(data), "dates 'd2'", "value '2024-13-45' is not a date")


def test_published_that_is_not_a_date() -> None:
    data = mini_annotation_dict()
    data["article"]["published"] = "Monday 12 August"
    only(problems(data), "article", "published 'Monday 12 August' is not a date")


@pytest.mark.parametrize(("layer", "index", "field", "value", "needle"), [
    ("casualties", 0, "count_low", "12", "count_low '12' must be a whole number"),
    ("casualties", 0, "count_high", 12.5, "count_high 12.5 must be a whole number"),
    ("casualties", 0, "count_low", -3, "count_low -3 must be a whole number of at least 0"),
    ("casualties", 0, "count_low", True, "count_low True must be a whole number"),
    ("actors", 0, "name", 5, "name must be a string, found a number 5"),
    ("actors", 1, "aliases", "IDF", "aliases must be a list of strings, found a string 'IDF'"),
    ("actors", 1, "aliases", ["IDF", 7], "aliases must be a list of strings"),
    ("mentions", 0, "metonymy", "yes", "metonymy must be true or false, found a string 'yes'"),
    ("mentions", 0, "actor", ["israel"], "actor must be a string, found a list"),
    ("mentions", 0, "text", 5, "text must be a string, found a number 5"),
    ("casualties", 0, "kind", None, "kind must be a string, found null"),
    ("casualties", 0, "date", ["d1"], "date must be a string or null, found a list"),
    ("dates", 0, "value", 20240810, "value must be a string, found a number"),
    ("dates", 0, "start_date", 20240810, "start_date must be a string or null, found a number"),
    ("quotes", 0, "speaker_mention", {"id": "m4"}, "speaker_mention must be a string or null, found an object"),
    ("quotes", 0, "cue", "said", "cue must be an object with start, end and text, or null; found a string"),
    ("events", 1, "participants", {"actor": "idf"}, "participants must be a list of objects"),
    ("events", 1, "participants", "idf", "participants must be a list of objects"),
    ("actors", 0, "id", ["israel"], "id must be a non-empty string"),
])
def test_wrong_types(layer: str, index: int, field: str, value: Any, needle: str) -> None:
    data = mini_annotation_dict()
    data[layer][index][field] = value
    found = problems(data)
    assert any(needle in p for p in found), found
    if field != "id":
        only(found, needle)


def test_wrong_types_at_the_top_and_in_article() -> None:
    data = mini_annotation_dict()
    data["annotator"] = ["a", "b"]
    data["source"] = 1
    data["article"]["title"] = 42
    found = problems(data)
    assert len(found) == 3
    assert any("annotator must be a string, found a list" in p for p in found)
    assert any("source must be one of gold, auto, found a number" in p for p in found)
    assert any(p.startswith("article:") and "title must be a string, found a number 42" in p for p in found)


@pytest.mark.parametrize("value", [{"m1": {}}, "m1", 3, None])
def test_a_layer_that_is_not_a_list(value: Any) -> None:
    data = mini_annotation_dict()
    data["actors"] = value
    only(problems(data), "actors: expected a list of records")


def test_a_record_that_is_not_an_object() -> None:
    data = mini_annotation_dict()
    data["mentions"].append(["m9", "israel"])
    only(problems(data), "mentions '#6'", "expected an object, found list")


def test_a_record_that_could_not_be_built_does_not_cascade() -> None:
    data = mini_annotation_dict()
    del data["actors"][0]["type"]
    only(problems(data), "actors 'israel'", "missing field(s) type")


# --- one file, many problems -----------------------------------------------------------------------

def test_one_file_with_many_problems_lists_them_all(tmp_path: Path) -> None:
    data = mini_annotation_dict()
    data["actors"][2]["type"] = "militia"
    data["actors"][3]["aliases"] = "Qassam"
    data["mentions"][0].update(start=-4)
    data["mentions"][1]["actor"] = "idf_typo"
    data["mentions"][3]["text"] = "Abu Obeida"
    data["mentions"][4]["id"] = "m1"
    data["casualties"][0].update(count_low="twelve", qualifier="around")
    data["dates"][0]["start_date"] = "last week"
    data["events"][0]["participants"] = "all"
    data["events"][1]["location"] = 7
    data["quotes"][0]["cue"] = "said"
    data["quotes"][0]["colour"] = "red"
    data["weather"] = "sunny"
    found = file_problems(dump(tmp_path, json.dumps(data, indent=1)))
    expected = [
        ("actors 'hamas'", "type 'militia'"),
        ("actors 'qassam'", "aliases must be a list of strings"),
        ("mentions 'm1'", "outside the text"),
        ("mentions 'm2'", "'idf_typo' is not a known id"),
        ("mentions 'm4'", "expected text 'Abu Obeida'"),
        ("mentions 'm1'", "duplicate id"),
        ("casualties 'c1'", "count_low 'twelve'"),
        ("casualties 'c1'", "qualifier 'around'"),
        ("dates 'd1'", "'last week' is not a date"),
        ("events 'e2'", "participants must be a list"),
        ("events 'e1'", "location must be a string or null"),
        ("quotes 'q1'", "cue must be an object"),
        ("quotes 'q1'", "unknown field(s) colour"),
        ("top level", "unknown key(s) weather"),
    ]
    for record, needle in expected:
        assert any(p.startswith(record) and needle in p for p in found), (record, needle, found)
    assert len(found) == len(expected), found
