"""Matching reports of the same incident across articles: places, per-article reports, the linker."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis.autoannotate import annotate_text
from analysis.corpus import linking, places, reports
from analysis.corpus.fields import PART_TABLES
from analysis.corpus.linking import link
from analysis.corpus.metadata import ArticleKeys, outlet_from_text
from analysis.frames import table_rows
from analysis.schemas import conform

MARCH = dt.date(2026, 3, 8)


# ---------------------------------------------------------------- places

@pytest.mark.parametrize("location, names", [
    ("Wad Hilal", ["wad hilal"]),
    ("a village west of El Fasher", ["~el fasher"]),
    ("Al-Nour camp near Bara", ["al-nour", "~bara"]),
    ("Ethiopia's Amhara", ["amhara", "~ethiopia"]),
    ("Masisi territory", ["~masisi"]),
    ("North Kordofan", ["~north kordofan"]),
    ("the northern outskirts of El Obeid", ["el obeid"]),
    (None, []),
])
def test_place_names_keep_the_proper_names_and_mark_the_broad_ones(location, names):
    assert places.place_names(location) == names


def test_places_compare_same_broad_and_different():
    related = places.related_pairs([frozenset({"dega mariam", "amhara"})])
    same, broad = frozenset({"wad hilal"}), frozenset({"~north kordofan"})
    assert places.compare(same, frozenset({"wad hilal", "~sudan"}), related) == 1
    assert places.compare(same, broad, related) == 0
    assert places.compare(same, frozenset(), related) == 0
    assert places.compare(same, frozenset({"el obeid"}), related) == -1
    assert places.compare(frozenset({"dega mariam"}), frozenset({"amhara"}), related) == 1


# ---------------------------------------------------------------- per-article reports

def article_reports(body: str, published: str = "2026-03-10", title: str = "Report") -> list[dict[str, object]]:
    article, annotation = annotate_text(body, published, title)
    keys = ArticleKeys("a" * 16, "a.txt", article.title, None, dt.date.fromisoformat(published))
    return reports.article_reports(keys, table_rows(article, annotation))


def test_a_figure_inside_another_is_a_breakdown():
    rows = article_reports("Shells struck the camp on Saturday, killing nine people, including four children.")
    roles = {r["text"]: r["figure_role"] for r in rows if r["record"] == "figure"}
    assert roles == {"nine": "total", "four": "breakdown"}


def test_figures_for_two_victim_groups_in_one_sentence_are_parts_and_generic_ones_totals():
    sentence = "Fighting killed nine soldiers and four civilians, and at least 13 people in all."
    figures = [{"casualty_id": f"c{n}", "casualty_kind": "killed", "sentence": 1, "start": 100 + sentence.index(word),
                "victims": victims}
               for n, (word, victims) in enumerate((("nine", "soldiers"), ("four", "civilians"),
                                                    ("at least 13", "people")), start=1)]
    assert reports.figure_roles(figures, {1: (100, sentence)}) == {"c1": "part", "c2": "part", "c3": "total"}
    alone = figures[:1]
    assert reports.figure_roles(alone, {1: (100, sentence)}) == {"c1": "total"}


def test_an_undated_figure_covers_the_three_days_before_publication():
    rows = article_reports("A drone strike killed 12 people, residents said.")
    figure = next(r for r in rows if r["record"] == "figure")
    assert (figure["start_date"], figure["end_date"], figure["date_inferred"]) == (
        dt.date(2026, 3, 7), dt.date(2026, 3, 10), True)


def test_a_date_given_only_by_the_dateline_is_not_the_incidents():
    body = "EL OBEID, March 9, 2026 (Savanna Wire) — A drone strike killed 12 people, medics said."
    figure = next(r for r in article_reports(body, "2026-03-09") if r["record"] == "figure")
    assert figure["date_inferred"] is True


def test_outlets_are_read_from_bylines_and_datelines():
    assert outlet_from_text("Title\nEL OBEID, March 9, 2026 (Savanna Wire) — Text") == "Savanna Wire"
    assert outlet_from_text("Title\nKordofan Voice | Published Sunday, 8 March 2026\nText") == "Kordofan Voice"
    assert outlet_from_text("Title\nBy a correspondent, The Ledger — Dakar\nText") == "The Ledger"
    assert outlet_from_text("Title\nNo byline here.\n") is None


# ---------------------------------------------------------------- linking

def report(article: str, text: str, *, low: int | None = 12, high: int | None = 12, qualifier: str = "exact",
           day: dt.date | None = MARCH, end: dt.date | None = None, inferred: bool = False, event_type: str | None = "air_strike",
           place: str | None = None, attackers: str | None = None, groups: str | None = None,
           record: str = "figure", event: str | None = None, published: dt.date = MARCH,
           kind: str = "killed") -> dict[str, object]:
    figure = record == "figure"
    return {
        "article_id": article, "file": f"{article}.txt", "title": "t", "outlet": None, "published": published,
        "record": record, "casualty_id": f"c-{text}" if figure else None, "event_id": event,
        "event_type": event_type, "text": text, "casualty_kind": kind if figure else None,
        "qualifier": qualifier if figure else None, "count_low": low if figure else None,
        "count_high": high if figure else None, "vague_word": None, "victims": None, "reported_by": None,
        "figure_role": "total" if figure else None, "location": place, "attackers": None,
        "start_date": day, "end_date": end or day, "date_inferred": inferred, "sentence": 1, "sentence_text": text,
        "place_names": places.encode(places.place_names(place)), "attacker_keys": attackers, "group_keys": groups,
    }


def frame(*rows: dict[str, object]) -> pd.DataFrame:
    return conform(pd.DataFrame(list(rows), dtype=object), "reports", PART_TABLES["reports"])


def groups_of(incidents) -> list[list[str]]:
    return [[m.record_id for m in i.members] for i in incidents]


def test_the_same_place_and_day_link_two_articles_with_different_figures():
    incidents = link(frame(report("a", "12", place="Wad Hilal"),
                           report("b", "at least 15", low=15, high=None, qualifier="at_least", place="Wad Hilal",
                                  published=MARCH + dt.timedelta(days=1))), {})
    assert groups_of(incidents) == [["c-12", "c-at least 15"]]


def test_different_places_are_different_incidents_even_on_the_same_day():
    incidents = link(frame(report("a", "12", place="Wad Hilal"), report("b", "two", low=2, high=2, place="El Obeid")), {})
    assert len(incidents) == 2


def test_dates_more_than_a_day_apart_are_different_incidents():
    later = MARCH + dt.timedelta(days=3)
    incidents = link(frame(report("a", "12", place="Wad Hilal"), report("b", "12b", place="Wad Hilal", day=later)), {})
    assert len(incidents) == 2
    next_day = MARCH + dt.timedelta(days=1)
    assert len(link(frame(report("a", "12", place="Wad Hilal"),
                          report("b", "12b", place="Wad Hilal", day=next_day)), {})) == 1


def test_different_specific_kinds_of_violence_or_attackers_or_conflicts_never_link():
    base = report("a", "12", place="Wad Hilal", attackers="rsf")
    assert len(link(frame(base, report("b", "15", place="Wad Hilal", event_type="armed_clash")), {})) == 2
    assert len(link(frame(base, report("b", "15", place="Wad Hilal", attackers="saf")), {})) == 2
    assert len(link(frame(base, report("b", "15", place="Wad Hilal", event_type="attack")), {})) == 1
    assert len(link(frame(base, report("b", "15", place="Wad Hilal")), {"a": "Sudan", "b": "Chad"})) == 2


def test_weak_evidence_alone_does_not_link_but_several_pieces_do():
    """Same day and a similar figure (2 points) is not enough; the same armed group named adds 2."""
    alone = link(frame(report("a", "11", low=11, high=11, event_type="attack"),
                       report("b", "14", low=14, high=None, qualifier="at_least", event_type="attack")), {})
    assert len(alone) == 2
    grouped = link(frame(report("a", "11", low=11, high=11, event_type="attack", groups="adf"),
                         report("b", "14", low=14, high=None, qualifier="at_least", event_type="attack",
                                groups="adf")), {})
    assert len(grouped) == 1


def test_an_unplaced_figure_joins_its_articles_first_incident():
    incidents = link(frame(report("a", "12", place="Wad Hilal"),
                           report("a", "many", low=5, high=None, qualifier="vague", day=MARCH - dt.timedelta(days=3),
                                  end=MARCH, inferred=True, event_type=None, kind="injured")), {})
    assert groups_of(incidents) == [["c-12", "c-many"]]


def test_events_join_incidents_but_never_found_one():
    incidents = link(frame(report("a", "12", place="Wad Hilal"),
                           report("b", "struck", record="event", place="Wad Hilal", event="e1"),
                           report("b", "shelled", record="event", place="Bara", event="e2")), {})
    assert groups_of(incidents) == [["c-12", "e1"]]


def test_incident_ids_are_stable_and_do_not_depend_on_row_order():
    rows = [report("a", "12", place="Wad Hilal"), report("b", "15", low=15, high=15, place="Wad Hilal",
                                                          published=MARCH + dt.timedelta(days=1)),
            report("c", "two", low=2, high=2, place="El Obeid")]
    first = sorted(i.incident_id for i in link(frame(*rows), {}))
    second = sorted(i.incident_id for i in link(frame(*reversed(rows)), {}))
    assert first == second and len(first) == 2


def test_indexing_incidents_by_conflict_drops_no_incident_a_report_could_join(monkeypatch):
    """Filing incidents under their founding conflict as well as their days links as the days alone do."""
    places_ = ("Wad Hilal", "El Obeid", "Bara", None)
    conflicts = {"a": "Sudan", "b": "Sudan", "c": "Chad", "d": None, "e": "Chad"}
    rows = [report(article, f"{n}", low=n, high=n, place=places_[n % 4], day=MARCH + dt.timedelta(days=n % 3),
                   end=MARCH + dt.timedelta(days=n % 3 + (70 if n % 7 == 0 else 0)),
                   event_type=("air_strike", "attack", None)[n % 3], published=MARCH + dt.timedelta(days=n % 4))
            for n, article in enumerate(sorted(conflicts) * 8, start=1)]
    rows += [report("d", "seven", low=7, high=7, place="Kadugli", published=MARCH - dt.timedelta(days=1)),
             report("a", "seven dead", low=7, high=7, place="Kadugli")]
    indexed = link(frame(*rows), conflicts)
    assert ["c-seven", "c-seven dead"] in [g[:2] for g in groups_of(indexed)], "no conflict, then a Sudan report"
    monkeypatch.setattr(linking._Index, "_conflicts", lambda self, report: tuple(self.by_conflict))
    assert groups_of(link(frame(*rows), conflicts)) == groups_of(indexed)
    assert len(indexed) > 1


def test_an_incident_is_found_on_the_days_its_reports_came_to_cover_not_only_its_founders():
    day_after, two_days_after = MARCH + dt.timedelta(days=1), MARCH + dt.timedelta(days=2)
    incidents = link(frame(report("a", "12", place="Wad Hilal"),
                           report("b", "13", low=13, high=13, place="Wad Hilal", day=day_after,
                                  published=day_after),
                           report("c", "14", low=14, high=14, place="Wad Hilal", day=two_days_after,
                                  published=two_days_after)), {})
    assert groups_of(incidents) == [["c-12", "c-13", "c-14"]]
