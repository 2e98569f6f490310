"""The pair arithmetic of benchmarks/real_linking.py, on invented articles, records and predictions."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.facts import FactsRecord

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "real_linking.py"
_spec = importlib.util.spec_from_file_location("real_linking", SCRIPT)
real_linking = importlib.util.module_from_spec(_spec)
sys.modules["real_linking"] = real_linking
_spec.loader.exec_module(real_linking)

TEXTS = {
    "a.txt": "A drone hit the Tarin market on Monday, killing 12 people. Elsewhere 3 fighters died in a clash.",
    "b.txt": "The toll of Monday's market strike in Tarin rose to 15. Since 2020 the war has killed 400 people.",
    "c.txt": "Officials said nine people died at Tarin market and an unknown number were hurt, perhaps 20.",
}


def _record(rid: str, figures: list[tuple[str, int, str | None]], same: list[str] = ()) -> FactsRecord:
    casualties = [{"key": key, "occurrence": occurrence, "incident": incident} for key, occurrence, incident in figures]
    return FactsRecord(Path(f"{rid}.json"), {"id": rid, "casualties": casualties, "same_incident_as": list(same)})


RECORDS = [
    _record("a", [("12", 1, "tarin"), ("3", 1, "clash")], ["b", "c"]),
    _record("b", [("15", 1, "tarin"), ("400", 1, None)], ["a", "c"]),
    _record("c", [("nine", 1, "tarin"), ("20", 1, "?")], ["a", "b"]),
]


def _span(file: str, phrase: str) -> tuple[int, int]:
    start = TEXTS[file].index(phrase)
    return start, start + len(phrase)


def _tables(groups: dict[str, list[tuple[str, str]]], unlinked: list[tuple[str, str]] = ()) -> dict[str, pd.DataFrame]:
    """Dataset tables: predicted figures (file, wording), grouped into predicted incidents or left out."""
    casualties, reports = [], []
    for incident, figures in [*groups.items(), (None, list(unlinked))]:
        for file, phrase in figures:
            cid = f"c{len(casualties):02d}"
            start, end = _span(file, phrase)
            casualties.append({"article_id": file[0], "casualty_id": cid, "file": file, "start": start, "end": end,
                               "text": phrase})
            if incident is not None:
                reports.append({"incident_id": incident, "record": "figure", "article_id": file[0],
                                "casualty_id": cid, "file": file})
    reports.append({"incident_id": "i9", "record": "event", "article_id": "a", "casualty_id": None, "file": "a.txt"})
    return {"casualties": pd.DataFrame(casualties), "incident_reports": pd.DataFrame(reports)}


@pytest.fixture()
def labels():
    return real_linking.anchors_from_records(RECORDS, TEXTS)


def test_keys_become_anchors_with_null_and_unsure_figures_kept_apart(labels):
    by_unit = {(a.file, a.phrase): a for a in labels.anchors}
    assert by_unit[("a.txt", "12 #1")].incident == "tarin"
    assert by_unit[("a.txt", "12 #1")].start == TEXTS["a.txt"].index("12")
    assert by_unit[("b.txt", "400 #1")].incident.startswith(real_linking.UNLABELLED)
    assert labels.unsure == {("c.txt", "20 #1")}
    assert labels.lost == []


def test_a_wider_predicted_span_overlapping_the_key_counts_and_all_pairs_are_found(labels):
    tables = _tables({"i1": [("a.txt", "killing 12 people"), ("b.txt", "rose to 15"), ("c.txt", "nine people died")]})
    score = real_linking.score_records(tables, labels)
    assert (score.labelled, score.predicted, score.correct) == (3, 3, 3)
    assert score.precision == score.recall == 1.0


def test_linking_a_war_toll_is_wrong_and_splitting_an_incident_misses_pairs(labels):
    tables = _tables({"i1": [("a.txt", "killing 12 people"), ("b.txt", "killed 400 people")],
                      "i2": [("b.txt", "rose to 15"), ("c.txt", "nine people died")]})
    score = real_linking.score_records(tables, labels)
    assert (score.labelled, score.predicted, score.correct) == (3, 2, 1)
    assert score.wrong == ((("a.txt", "12 #1"), ("b.txt", "400 #1")),)
    assert set(score.missed) == {(("a.txt", "12 #1"), ("b.txt", "15 #1")), (("a.txt", "12 #1"), ("c.txt", "nine #1"))}


def test_pairs_with_an_unsure_figure_count_neither_way(labels):
    tables = _tables({"i1": [("a.txt", "killing 12 people"), ("b.txt", "rose to 15"), ("c.txt", "perhaps 20")]})
    score = real_linking.score_records(tables, labels)
    assert (score.predicted, score.correct, score.wrong) == (1, 1, ())


def test_a_linked_figure_no_record_names_is_a_wrong_pair(labels):
    tables = _tables({"i1": [("a.txt", "killing 12 people"), ("c.txt", "unknown number")]})
    score = real_linking.score_records(tables, labels)
    assert score.correct == 0 and score.predicted == 1
    assert score.wrong[0][0] == ("a.txt", "12 #1") and score.wrong[0][1][0] == "c.txt"


def test_report_says_where_each_labelled_figure_went(labels):
    tables = _tables({"i1": [("a.txt", "killing 12 people"), ("b.txt", "rose to 15")]},
                     unlinked=[("c.txt", "nine people died")])
    text = real_linking.report(tables, labels, RECORDS)
    assert "| figures | 3 | 1 | 1 | 1.00 | 0.33 |" in text
    assert "| articles | 3 | 1 | 1 | 1.00 | 0.33 |" in text
    assert "- c.txt: 'nine #1' -> in no incident" in text
    assert "- a.txt: '3 #1' -> not found by the annotator" in text
    assert "| tarin | 3 | 3 | 3 | 1 | 2 |" in text


def test_article_pairs_count_any_shared_incident_against_same_incident_as():
    records = [_record("a", [], ["b"]), _record("b", [], ["a"]), _record("c", [])]
    tables = _tables({"i1": [("a.txt", "killing 12 people"), ("c.txt", "nine people died")]})
    score = real_linking.article_pairs(tables, records)
    article = real_linking.ARTICLE
    assert (score.labelled, score.predicted, score.correct) == (1, 1, 0)
    assert score.wrong == ((("a.txt", article), ("c.txt", article)),)
    assert score.missed == ((("a.txt", article), ("b.txt", article)),)


def test_a_key_absent_from_its_text_is_reported_lost():
    labels = real_linking.anchors_from_records([_record("a", [("thirteen", 1, "tarin")])], TEXTS)
    assert labels.anchors == [] and labels.lost == ["a: key 'thirteen #1' not found in the text"]
