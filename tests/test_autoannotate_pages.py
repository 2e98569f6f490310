"""Web pages as real pages come: site furniture, the publication date a page states, dated entries, and the date
expressions real reports use (seasons, year ranges, coordinated days, future months, parts of the year)."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.autoannotate import annotate_text
from analysis.autoannotate.furniture import furniture_spans
from analysis.autoannotate.publication import entry_dates, publication_from_text


def values(ann):
    return [(d.text, d.value, d.precision) for d in ann.dates]


def furniture_lines(text: str) -> list[str]:
    return [text[a:b] for a, b in furniture_spans(text)]


def test_navigation_metadata_breadcrumbs_credits_and_related_headlines_are_furniture():
    page = ("Skip to main content\nBreaking News\nShare\nWORLD | Middle East | 4 min read\n"
            "Home > Regions > 2019 > May\nRELATED: Governor Says 40 Hurt in Port Blast\nOrbis Photo/Lena Marsh\n"
            "Militants shelled the port on Sunday, officials said.\n")
    assert furniture_lines(page) == ["Skip to main content", "Breaking News", "Share", "WORLD | Middle East | 4 min read",
                                     "Home > Regions > 2019 > May", "RELATED: Governor Says 40 Hurt in Port Blast",
                                     "Orbis Photo/Lena Marsh"]


def test_a_byline_with_bars_and_a_story_line_mentioning_a_website_are_kept():
    page = ("Harbour Courier | Published 4 Jun, 2021 10:02am\n"
            "The army said on its website that the convoy had been hit.\n")
    assert furniture_lines(page) == []


def test_nothing_is_annotated_inside_furniture():
    body = ("LIVE | Asia | Kashmir tensions\nRead more: Pakistan says 5 killed as India shells Neelum valley\n"
            "Indian troops fired on a village on Saturday, Pakistan's army said.")
    _, ann = annotate_text(body)
    assert all(m.start > body.index("Indian troops") for m in ann.mentions)
    assert all(q.start > body.index("Indian troops") for q in ann.quotes)
    assert {a.id for a in ann.actors} >= {"india", "pakistan"}
    assert not any(c.count_low == 5 for c in ann.casualties)


@pytest.mark.parametrize("page, day, word", [
    ("Clashes near Goma\nPublished 3 Mar, 2023 09:41am\nGOMA, March 3 (Wire) – Shelling resumed.", "2023-03-03",
     "publication line"),
    ("Clashes near Goma\nmeta\ndate 2017-11-01\nShelling resumed overnight.", "2017-11-01", "publication line"),
    ("Clashes near Goma\nGOMA, Congo, Nov. 2, 2019 — Shelling resumed.", "2019-11-02", "dateline"),
    ("Clashes near Goma\nTuesday, April 7, 2015\nShelling resumed on Monday.", "2015-04-07", "date line"),
    ("Clashes near Goma\nA file photo taken May 9, 2014.\nGOMA, May 12 (Wire) – Shelling resumed.", "2014-05-12",
     "dateline"),
])
def test_publication_date_stated_by_the_page(page: str, day: str, word: str):
    found = publication_from_text(page)
    assert found is not None and found.date == dt.date.fromisoformat(day) and word in found.evidence


def test_a_dateline_without_any_year_gives_no_publication_date():
    assert publication_from_text("Clashes near Goma\nGOMA, March 3 (Wire) – Shelling resumed in 2012-13 style.") is None
    assert publication_from_text("Clashes near Goma\nShelling resumed on Monday.") is None


def test_the_annotation_records_where_its_publication_date_came_from():
    _, ann = annotate_text("Harbour Courier | Updated 8 Feb 2022\nShelling resumed on Monday.", published=None)
    assert ann.article.published == "2022-02-08"
    assert "Updated 8 Feb 2022" in ann.article.published_evidence
    assert ("Monday", "2022-02-07", "day") in values(ann)
    _, given = annotate_text("Harbour Courier | Updated 8 Feb 2022\nShelling resumed on Monday.", published="2022-02-09")
    assert given.article.published == "2022-02-09" and "--published" in given.article.published_evidence


def test_without_a_stated_date_relative_dates_stay_unresolved():
    _, ann = annotate_text("Shelling resumed on Monday after a lull in 2019.", published=None)
    assert ann.article.published is None and values(ann) == [("2019", "2019", "year")]


def test_relative_dates_of_a_dated_entry_count_from_its_date():
    body = ("Last updated Mar. 6, 2024\nMar. 6, 2024\nThe strike killed four, the mayor said.\n"
            "Mar. 4, 2024\nThe city will hold a day of mourning on Wednesday, the mayor said.\n")
    assert [d for _, d in entry_dates(body)] == [dt.date(2024, 3, 6), dt.date(2024, 3, 4)]
    _, ann = annotate_text(body, published="2024-03-06")
    assert ("Wednesday", "2024-03-06", "day") in values(ann)


def test_seasons_have_year_precision_and_their_days():
    _, ann = annotate_text("Raids have grown more frequent since last summer. Aid may run out by next winter.",
                           published="2025-01-20")
    last, nxt = ann.dates
    assert (last.text, last.value, last.precision, last.start_date, last.end_date) == (
        "last summer", "2024", "year", "2024-06-01", "2024-08-31")
    assert (nxt.text, nxt.value, nxt.start_date, nxt.end_date) == ("next winter", "2025", "2025-12-01", "2026-02-28")


def test_year_ranges_fiscal_years_and_the_end_of_the_year():
    _, ann = annotate_text("The 1998-99 drought and the 2012-13 crisis shaped the budget for fiscal year 2025, "
                           "which must be spent by the end of the year.")
    assert values(ann) == [("1998", "1998", "year"), ("99", "1999", "year"), ("2012", "2012", "year"),
                           ("13", "2013", "year"), ("fiscal year 2025", "2025", "year"), ("the year", "2024", "year")]


def test_the_second_of_two_coordinated_days_is_a_date_too():
    _, ann = annotate_text("Shelling on Aug. 3 and 4 killed two people. Strikes on 6 and 7 August followed.")
    assert values(ann) == [("Aug. 3", "2024-08-03", "day"), ("4", "2024-08-04", "day"), ("6", "2024-08-06", "day"),
                           ("7 August", "2024-08-07", "day")]


def test_a_bare_month_after_until_in_a_present_clause_is_the_coming_one():
    _, ann = annotate_text("The agency said its food programme lasts only until March, and that stocks ran out in "
                           "March.")
    assert values(ann) == [("March", "2025-03", "month"), ("March", "2024-03", "month")]


def test_modifiers_stay_outside_and_dates_inside_names_are_none():
    _, ann = annotate_text("Early December saw the April 6 Movement march again; late last July the army withdrew, "
                           "more than two years ago by some counts.")
    assert values(ann) == [("December", "2023-12", "month"), ("last July", "2024-07", "month"),
                           ("two years", "P2Y", "duration")]


def test_may_opening_a_sentence_as_a_month():
    _, ann = annotate_text("May has been the bloodiest month. May God protect them, he said.")
    assert values(ann) == [("May", "2024-05", "month")]
