"""What a reader takes from one article, and what to check before quoting it: the summary page and the indexes.

Built on `analysis.views.key_figures`, so the index pages, the summary page and the comparison
of several articles count the same way.  Sentence numbers here count from 0, as in every table;
the pages show them from 1.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from . import views
from .fields import TABLE_DESCRIPTIONS

# The rows of views.key_figures that the comparison of several articles shows.
INCIDENT = "Largest death figure, one incident"
CUMULATIVE = "Largest death toll, cumulative"
MOST_NAMED = "Most named actor"
NOT_HAPPENED = ("planned", "expected", "threatened", "possible", "denied")


def listed(sentences: Iterable[object]) -> str:
    """Sentence numbers as reading text, each once, ascending: '3, 5, 9'."""
    return ", ".join(str(n) for n in sorted({int(s) for s in sentences if pd.notna(s)}))


def layer_table(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """How many rows each main table holds and what one row is; for actors, how many the text names.

    The key figures count the actors the text names; the actors table also lists those known only
    as someone's side or as a speaker, so both numbers are given here.
    """
    table = views.layer_counts(frames)
    counted = [TABLE_DESCRIPTIONS[t] for t in table["table"]]
    if "actors" in frames:
        actors = frames["actors"]
        named = int((actors["mentions"].fillna(0) > 0).sum())
        i = list(table["table"]).index("actors")
        counted[i] += (f" All {named:,} are named in the text." if named == len(actors) else
                       f" {named:,} of the {len(actors):,} are named in the text (the key figures count "
                       f"those); the others appear only as someone's side or as a speaker.")
    table["counted"] = counted
    return table


@dataclass(frozen=True)
class Check:
    """One thing to check before quoting the figures: what it is, and the rows of the article it concerns."""

    check: str
    rows: pd.DataFrame


def _checks(frames: Mapping[str, pd.DataFrame]) -> list[Check]:
    """Every check, each with the rows it finds (rows hold a `sentence`)."""
    casualties, quotes, events = frames["casualties"], frames["quotes"], frames["events"]
    anonymous = set(frames["actors"]["actor_id"][frames["actors"]["actor_type"].astype("object")
                                                 == "anonymous_source"])
    repairs = views.sentence_at_offset(frames["repairs"], frames["sentences"])
    return [
        Check("Casualty figures that do not say who gave them", casualties[casualties["reported_by"].isna()]),
        Check("Casualty figures worded as at least, nearly, about, up to or vaguely: bounds, not counts, "
              "so do not add them up", casualties[casualties["qualifier"].astype("object") != "exact"]),
        Check("Running tolls (the whole war or a long period), not one incident: do not add them to "
              "incident figures", casualties[casualties["cumulative"].fillna(False).astype(bool)]),
        Check("Quotes with no named speaker", quotes[quotes["speaker"].isna()]),
        Check("Quotes from anonymous sources ('a source familiar with ...')",
              quotes[quotes["speaker_id"].isin(anonymous)]),
        Check("Events that had not happened when the article was written (planned, expected, threatened, "
              "possible or denied)", events[events["modality"].astype("object").isin(NOT_HAPPENED)]),
        Check("Events with no known date (they are not on the timeline)",
              events[~events["event_id"].isin(frames["timeline"]["event_id"])]),
        Check("Characters restored from their context, where the broken text lost a byte: compare these "
              "words with the original", repairs[repairs["rule"].astype("object").str.startswith("gbk_lost_byte")]),
    ]


def reader_checks(frames: Mapping[str, pd.DataFrame], automatic: bool = False) -> pd.DataFrame:
    """What a reader should check before quoting the figures: check, found (rows), in_sentences.

    With an automatic annotation, every figure is to be checked against its sentence, which comes first.
    """
    rows = [(c.check, len(c.rows), listed(c.rows["sentence"])) for c in _checks(frames)]
    if automatic:
        rows.insert(0, ("Made by the automatic annotator, which makes mistakes: check every figure against "
                        "its sentence", len(frames["casualties"]), listed(frames["casualties"]["sentence"])))
    return pd.DataFrame(rows, columns=["check", "found", "in_sentences"]).astype({"found": "int64"})


@dataclass(frozen=True)
class Headline:
    """The figures that compare articles: the deadliest incident, the cumulative toll, who is named, quotes."""

    incident: str | None
    incident_sentence: int | None
    cumulative: str | None
    cumulative_sentence: int | None
    most_named: str | None
    quotes: int


def headline(frames: Mapping[str, pd.DataFrame]) -> Headline:
    """One article's headline figures, from its key figures (so they read as on its own pages)."""
    figures = views.key_figures(frames).set_index("figure")

    def value(name: str) -> str | None:
        return str(figures.loc[name, "value"]) if name in figures.index else None

    def sentence(name: str) -> int | None:
        found = figures.loc[name, "sentence"] if name in figures.index else None
        return None if found is None or pd.isna(found) else int(found)

    return Headline(value(INCIDENT), sentence(INCIDENT), value(CUMULATIVE), sentence(CUMULATIVE),
                    value(MOST_NAMED), len(frames["quotes"]))
