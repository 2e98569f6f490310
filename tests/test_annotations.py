"""Loading annotations: every kind of problem is reported, all problems at once, with record ids."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import MINI_TEXT

from analysis.annotations import annotation_from_dict, load_annotation, save_annotation
from analysis.errors import AnnotationError


def problems(data: Any, text: str = MINI_TEXT) -> list[str]:
    """The problems an annotation dict is rejected with."""
    with pytest.raises(AnnotationError) as info:
        annotation_from_dict(data, text, "mini.gold.json")
    assert "mini.gold.json" in str(info.value)
    return info.value.problems


def test_valid_annotation_loads(mini_dict) -> None:
    ann = annotation_from_dict(mini_dict, MINI_TEXT)
    assert [a.id for a in ann.actors][:2] == ["israel", "idf"]
    assert ann.events[1].participants[0].role == "attacker"
    assert ann.quotes[0].cue.text == "said"


def test_offsets_outside_the_text(mini_dict) -> None:
    mini_dict["mentions"][0].update(start=len(MINI_TEXT) - 2, end=len(MINI_TEXT) + 4)
    (problem,) = problems(mini_dict)
    assert "mentions 'm1'" in problem and "outside the text" in problem


def test_offsets_that_are_not_integers(mini_dict) -> None:
    mini_dict["dates"][0]["start"] = "55"
    (problem,) = problems(mini_dict)
    assert "dates 'd1'" in problem and "integers" in problem


def test_span_text_that_does_not_match(mini_dict) -> None:
    mini_dict["casualties"][0]["text"] = "At least 13"
    (problem,) = problems(mini_dict)
    assert "casualties 'c1'" in problem and "'At least 13'" in problem and "'At least 12'" in problem


def test_unknown_id(mini_dict) -> None:
    mini_dict["mentions"][1]["actor"] = "idf_typo"
    (problem,) = problems(mini_dict)
    assert "mentions 'm2'" in problem and "'idf_typo' is not a known id" in problem


def test_duplicate_id_across_layers(mini_dict) -> None:
    mini_dict["dates"][1]["id"] = "m1"
    mini_dict["events"][0]["date"] = "m1"
    found = problems(mini_dict)
    assert any("duplicate id" in p and "mentions" in p for p in found)


def test_bad_date(mini_dict) -> None:
    mini_dict["dates"][0]["start_date"] = "2024-02-30"
    (problem,) = problems(mini_dict)
    assert "dates 'd1'" in problem and "'2024-02-30' is not a date" in problem


def test_value_that_does_not_fit_its_precision(mini_dict) -> None:
    mini_dict["dates"][0]["value"] = "2024-W32"
    (problem,) = problems(mini_dict)
    assert "does not fit precision 'day'" in problem


def test_bad_enum(mini_dict) -> None:
    mini_dict["events"][0]["modality"] = "rumoured"
    (problem,) = problems(mini_dict)
    assert "events 'e2'" in problem and "'rumoured' is not one of" in problem and "planned" in problem


def test_wrong_schema_version(mini_dict) -> None:
    mini_dict["schema_version"] = "0.9"
    (problem,) = problems(mini_dict)
    assert "'0.9'" in problem and "1.0" in problem


def test_malformed_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.gold.json"
    path.write_text('{"schema_version": "1.0",\n "actors": [}\n', encoding="utf-8")
    with pytest.raises(AnnotationError) as info:
        load_annotation(path, MINI_TEXT)
    assert str(path) in str(info.value)
    assert "line 2" in info.value.problems[0] and "malformed JSON" in info.value.problems[0]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(AnnotationError) as info:
        load_annotation(tmp_path / "absent.gold.json", MINI_TEXT)
    assert "does not exist" in str(info.value)


def test_unknown_and_missing_fields(mini_dict) -> None:
    mini_dict["actors"][0]["colour"] = "blue"
    del mini_dict["quotes"][0]["kind"]
    found = problems(mini_dict)
    assert any("actors 'israel'" in p and "unknown field(s) colour" in p for p in found)
    assert any("quotes 'q1'" in p and "missing field(s) kind" in p for p in found)


def test_affiliation_loop(mini_dict) -> None:
    mini_dict["actors"][0]["affiliation"] = "idf"
    found = problems(mini_dict)
    assert any("loops back" in p for p in found)


def test_counts_out_of_order(mini_dict) -> None:
    mini_dict["casualties"][0].update(count_low=20, count_high=12)
    (problem,) = problems(mini_dict)
    assert "count_low 20 exceeds count_high 12" in problem


def test_several_problems_are_all_listed_in_one_error(mini_dict) -> None:
    mini_dict["mentions"][0]["text"] = "Iran"
    mini_dict["mentions"][1]["actor"] = "nobody"
    mini_dict["dates"][0]["end_date"] = "10/08/2024"
    mini_dict["events"][1]["type"] = "skirmish"
    mini_dict["quotes"][0]["start"] = -5
    found = problems(mini_dict)
    assert len(found) == 5
    for rec in ("mentions 'm1'", "mentions 'm2'", "dates 'd1'", "events 'e1'", "quotes 'q1'"):
        assert any(p.startswith(rec) for p in found), rec


def test_save_then_load_round_trips(tmp_path: Path, mini_dict) -> None:
    ann = annotation_from_dict(mini_dict, MINI_TEXT)
    path = tmp_path / "mini.gold.json"
    save_annotation(ann, path)
    again = load_annotation(path, MINI_TEXT)
    assert again == ann
    assert path.read_text(encoding="utf-8") == ann.to_json()
    assert json.loads(ann.to_json())["schema_version"] == "1.0"
