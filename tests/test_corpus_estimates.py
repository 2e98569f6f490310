"""Low / best / high estimates and conflicting figures (analysis.corpus.estimates)."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.corpus.estimates import Estimate, estimates, figure_estimate, summarise

DAY1, DAY2 = dt.date(2026, 3, 8), dt.date(2026, 3, 9)


def fig(qualifier: str, low: int | None, high: int | None, published: dt.date | None = DAY1, role: str = "total",
        article: str = "a", sentence: int = 1) -> dict[str, object]:
    return {"qualifier": qualifier, "count_low": low, "count_high": high, "published": published, "figure_role": role,
            "article_id": article, "sentence": sentence}


@pytest.mark.parametrize("qualifier, low, high, expected", [
    ("exact", 12, 12, Estimate(12, 12, 12, 12, None)),
    ("at_least", 15, None, Estimate(15, None, 15, 15, None)),
    ("more_than", 41, None, Estimate(41, None, 41, 41, None)),
    ("about", 30, 30, Estimate(27, 33, 30, 30, None)),
    ("about", 5, 5, Estimate(4, 6, 5, 5, None)),
    ("nearly", None, 40, Estimate(36, 40, 40, 40, None)),
    ("up_to", None, 30, Estimate(0, 30, 30, 30, None)),
    ("vague", 24, 99, Estimate(24, 99, 24, 99, None)),
    ("vague", 5, None, Estimate(5, None, 5, 5, None)),
])
def test_each_wording_gives_its_range_point_and_top(qualifier, low, high, expected):
    assert figure_estimate(qualifier, low, high) == expected


def test_a_figure_without_any_number_gives_no_estimate():
    assert figure_estimate("vague", None, None) is None


def test_the_early_local_figure_and_the_next_days_wire_figure_conflict():
    """'12 dead' on day one, 'at least 15 dead' the next: no single number fits both."""
    found = summarise(estimates([fig("exact", 12, 12, DAY1), fig("at_least", 15, None, DAY2, article="b")]))
    assert found == {"low": 12, "best": 15, "high": 15, "conflict": True}


def test_compatible_figures_do_not_conflict_and_best_is_the_lower_of_the_latest_day():
    found = summarise(estimates([fig("at_least", 47, None, DAY2), fig("exact", 52, 52, DAY2, article="b"),
                                 fig("exact", 30, 30, DAY1, article="c")]))
    assert found["best"] == 47 and found["low"] == 30 and found["high"] == 52
    assert found["conflict"] is True  # 30 exactly cannot be at least 47
    assert summarise(estimates([fig("at_least", 47, None), fig("exact", 52, 52)]))["conflict"] is False


def test_a_vague_word_reaches_the_top_of_its_range_for_high():
    found = summarise(estimates([fig("vague", 24, 99), fig("exact", 34, 34, article="b")]))
    assert found == {"low": 24, "best": 24, "high": 99, "conflict": False}


def test_figures_for_different_victim_groups_in_one_sentence_are_summed():
    """'nine soldiers and four civilians' is one estimate of 13."""
    rows = [fig("exact", 9, 9, role="part"), fig("exact", 4, 4, role="part"), fig("at_least", 13, None, article="b")]
    found = estimates(rows)
    assert sorted(e.point for e in found) == [13, 13]
    assert summarise(found)["conflict"] is False


def test_a_breakdown_inside_another_figure_is_left_out():
    rows = [fig("at_least", 26, None), fig("exact", 17, 17, role="breakdown")]
    assert summarise(estimates(rows)) == {"low": 26, "best": 26, "high": 26, "conflict": False}


def test_undated_reports_count_as_the_oldest():
    found = summarise(estimates([fig("exact", 40, 40, None), fig("exact", 20, 20, DAY1, article="b")]))
    assert found["best"] == 20


def test_no_figures_give_no_estimates():
    assert summarise(estimates([])) == {"low": None, "best": None, "high": None, "conflict": None}
