"""How well incidents are matched across articles: pairs of figures against hand-labelled links.

A links file (seeds/corpus/links.json) lists each real incident and, for each article, the
figures that report it, each named by an *anchor*: a phrase occurring once in the article
that holds the figure.  A predicted figure counts as the anchor whose phrase holds its span.
The pairs compared are pairs of figures from different articles in one incident; precision
is the share of predicted pairs that are labelled, recall the share of labelled pairs found.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..ingest import load_article
from .store import load_dataset

Unit = tuple[str, str]


@dataclass(frozen=True)
class Anchor:
    """A hand-labelled figure: the incident it reports, its file, its phrase and where that lies."""

    incident: str
    file: str
    phrase: str
    start: int
    end: int


@dataclass(frozen=True)
class LinkScore:
    """Pair counts, precision and recall, and the pairs that were wrong or missed."""

    predicted: int
    labelled: int
    correct: int
    wrong: tuple[tuple[Unit, Unit], ...]
    missed: tuple[tuple[Unit, Unit], ...]

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.labelled if self.labelled else 1.0


def load_links(path: Path | str, texts: dict[str, str]) -> list[Anchor]:
    """Read a links file and place every anchor in its article's text (`texts`: file name -> text)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        incidents = data["incidents"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(path, f"is not a links file ({exc})", "See seeds/corpus/links.json for the format") from None
    anchors = []
    for incident in incidents:
        for figure in incident["figures"]:
            text = texts.get(figure["file"])
            where = f"incident {incident['id']!r}, {figure['file']}: anchor {figure['anchor']!r}"
            if text is None:
                raise InputError(path, f"{where} names an article the dataset does not hold",
                                 "Build the dataset from the folder the links describe")
            start = text.find(figure["anchor"])
            if start < 0 or text.find(figure["anchor"], start + 1) >= 0:
                raise InputError(path, f"{where} occurs {'no' if start < 0 else 'more than one'} time in the article",
                                 "Give a phrase that occurs exactly once")
            anchors.append(Anchor(incident["id"], figure["file"], figure["anchor"], start, start + len(figure["anchor"])))
    return anchors


def _unit(file: str, start: int, end: int, anchors: list[Anchor], fallback: str) -> Unit:
    """The anchor holding a figure's span, else the figure itself (a figure no label names)."""
    for anchor in anchors:
        if anchor.file == file and anchor.start <= start and end <= anchor.end:
            return (file, anchor.phrase)
    return (file, fallback)


def _pairs(groups: dict[str, set[Unit]]) -> set[tuple[Unit, Unit]]:
    """Pairs of units from different files within each group."""
    found = set()
    for units in groups.values():
        found.update((a, b) for a, b in combinations(sorted(units), 2) if a[0] != b[0])
    return found


def score_links(tables: dict[str, pd.DataFrame], anchors: list[Anchor]) -> LinkScore:
    """Compare the dataset's incidents with the labelled ones, pair by pair."""
    spans = tables["casualties"].set_index(["article_id", "casualty_id"])[["start", "end"]]
    predicted: dict[str, set[Unit]] = defaultdict(set)
    for row in tables["incident_reports"].itertuples(index=False):
        if row.record != "figure":
            continue
        start, end = spans.loc[(row.article_id, row.casualty_id)]
        predicted[row.incident_id].add(_unit(row.file, int(start), int(end), anchors, f"#{row.casualty_id}"))
    labelled: dict[str, set[Unit]] = defaultdict(set)
    for anchor in anchors:
        labelled[anchor.incident].add((anchor.file, anchor.phrase))
    found, wanted = _pairs(predicted), _pairs(labelled)
    return LinkScore(predicted=len(found), labelled=len(wanted), correct=len(found & wanted),
                     wrong=tuple(sorted(found - wanted)), missed=tuple(sorted(wanted - found)))


def evaluate_links(dataset: Path | str, links: Path | str) -> LinkScore:
    """Score a dataset's incident matching against a links file."""
    tables = load_dataset(dataset, ["articles", "casualties", "incident_reports"])
    ok = tables["articles"][tables["articles"]["status"] == "ok"]
    texts = {str(f): load_article(p).text for f, p in zip(ok["file"], ok["path"])}
    return score_links(tables, load_links(links, texts))
