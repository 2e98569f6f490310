"""Facts records of real articles: keys are found in the text, and predictions are scored field by field."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from conftest import MINI_TEXT

from analysis.errors import InputError
from analysis.facts import FactsRecord, gold_from_facts, load_facts, load_facts_folder, locate, score_against_facts
from analysis.fieldscores import annotation_field_scores

FACTS_DIR = Path(__file__).resolve().parents[1] / "benchmarks" / "real" / "facts"


def mini_facts() -> dict:
    """The facts a reader takes from MINI_TEXT, written as a real article's record would be."""
    return {
        "id": "mini", "set": "dev", "url": "https://example.org/mini", "outlet": "Example", "query": "mini",
        "published": "2024-08-12",
        "actors": [{"name": "Israel Defense Forces", "aliases": ["IDF"]}, {"name": "Abu Obaida", "aliases": []},
                   {"name": "Israel", "aliases": []}, {"name": "Hamas", "aliases": []}],
        "casualties": [{"key": "At least 12", "kind": "killed", "count_low": 12, "count_high": None,
                        "qualifier": "at_least", "victims": "people", "scope": "incident",
                        "date_start": "2024-08-10", "date_end": "2024-08-10",
                        "perpetrator": "Israel Defense Forces", "reported_by": "local officials"}],
        "dates": [{"key": "Saturday", "value": "2024-08-10", "precision": "day"},
                  {"key": "Thursday", "value": "2024-08-15", "precision": "day"}],
        "quotes": [{"key": "we will respond", "kind": "direct", "speaker": "Abu Obaida"}],
    }


def test_locate_finds_the_nth_occurrence_with_loose_white_space():
    text = "Israel said.  Israel\nDefense Forces"
    assert locate(text, "Israel", 2) == (14, 20)
    assert locate(text, "Israel Defense Forces") == (14, 35)
    assert locate(text, "Israel", 3) is None


def test_gold_annotation_scores_perfectly_against_its_own_facts(mini_annotation):
    score = score_against_facts(FactsRecord(Path("mini.json"), mini_facts()), MINI_TEXT, mini_annotation)
    assert score.lost == []
    for name in ("casualty figures", "casualty spans", "dates", "quotes", "quote speakers"):
        assert score.rows[name].f1 == 1.0, name
    assert {f: s.accuracy for f, s in score.fields.items()} == {
        "kind": 1.0, "counts": 1.0, "qualifier": 1.0, "date": 1.0, "scope": 1.0, "victims": 1.0,
        "perpetrator": 1.0, "reported_by": 1.0, "speaker": 1.0}
    assert score.rows["mentions"].recall == 1.0


def test_each_wrong_field_is_counted_against_its_field_only(mini_annotation):
    pred = copy.deepcopy(mini_annotation)
    c = pred.casualties[0]
    c.scope, c.perpetrator, c.date = "cumulative", "hamas", "d2"
    pred.quotes[0].speaker = "israel"
    score = score_against_facts(FactsRecord(Path("mini.json"), mini_facts()), MINI_TEXT, pred)
    acc = {f: s.accuracy for f, s in score.fields.items()}
    assert acc["scope"] == acc["perpetrator"] == acc["date"] == acc["speaker"] == 0.0
    assert acc["kind"] == acc["counts"] == acc["qualifier"] == acc["victims"] == acc["reported_by"] == 1.0
    assert score.rows["casualty figures"].f1 == 1.0 and score.rows["quote speakers"].f1 == 0.0


def test_a_figure_without_a_date_cue_must_get_no_date(mini_annotation):
    facts = mini_facts()
    facts["casualties"][0]["date_start"] = facts["casualties"][0]["date_end"] = None
    score = score_against_facts(FactsRecord(Path("mini.json"), facts), MINI_TEXT, mini_annotation)
    assert score.fields["date"].accuracy == 0.0


def test_keys_missing_from_the_text_are_listed_not_scored(mini_annotation):
    facts = mini_facts()
    facts["dates"].append({"key": "last winter", "value": "2023", "precision": "year"})
    gold = gold_from_facts(FactsRecord(Path("mini.json"), facts), MINI_TEXT)
    assert gold.lost == ["date key 'last winter' #1"] and len(gold.dates) == 2


def test_evaluate_reports_the_same_fields_for_two_annotations(mini_annotation):
    scores = annotation_field_scores(mini_annotation, mini_annotation)
    assert all(s.accuracy in (1.0, None) for s in scores.values())
    assert scores["speaker"].compared == 1 and scores["perpetrator"].compared == 1


def test_a_record_without_required_keys_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"id": "x"}), encoding="utf-8")
    with pytest.raises(InputError, match="bad.json: lacks set, url"):
        load_facts(path)


def test_committed_records_have_the_required_keys_and_short_keys():
    records = load_facts_folder(FACTS_DIR)
    for record in records:
        for layer in ("casualties", "dates", "quotes"):
            for item in record.data[layer]:
                assert len(item["key"].split()) <= 6, (record.id, item["key"])
    ids = [r.id for r in records]
    urls = [r.data["url"] for r in records]
    assert len(set(ids)) == len(ids) and len(set(urls)) == len(urls), "an article may be in one set only"
