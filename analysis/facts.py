"""Facts records of real articles (benchmarks/real/): load them, find their keys in a text, score against them.

A facts record describes a real published article in our own words (the text itself is never
committed): each casualty figure, date expression, quote and actor, located by a key of a few
words and its occurrence. At measurement time the retrieved text is annotated and scored here.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .alignment import align
from .annotations import Annotation
from .errors import InputError
from .evaluate import Score
from .fieldscores import (
    FieldScore,
    Figure,
    Names,
    Voice,
    align_figures,
    figures_from_annotation,
    norm_name,
    same_names,
    score_figure_fields,
    score_speakers,
    voices_from_annotation,
)

REQUIRED = ("id", "set", "url", "outlet", "query", "published", "actors", "casualties", "dates", "quotes")


@dataclass(frozen=True)
class Located:
    """A gold item found in the text: its span and the record it came from."""

    start: int
    end: int
    record: dict[str, Any]


@dataclass
class FactsRecord:
    """One real article's facts, as committed."""

    path: Path
    data: dict[str, Any]

    @property
    def id(self) -> str:
        return self.data["id"]

    def names_of(self, name: str | None) -> Names:
        """Normalised names of an actor named in the record (its aliases too), or of a free-text source."""
        if not name:
            return frozenset()
        names = {norm_name(name)}
        for actor in self.data["actors"]:
            if norm_name(actor["name"]) == norm_name(name):
                names |= {norm_name(a) for a in actor.get("aliases", [])}
        return frozenset(n for n in names if n)


def load_facts(path: Path | str) -> FactsRecord:
    """Read one facts record, refusing a file that lacks a required key."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(path, f"cannot be read as a JSON facts record ({exc})",
                         "Fix the file; benchmarks/real/README.md gives the format") from None
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        raise InputError(path, f"lacks {', '.join(missing)}", "Add them; benchmarks/real/README.md gives the format")
    return FactsRecord(path, data)


def load_facts_folder(folder: Path | str) -> list[FactsRecord]:
    """Every facts record below a folder, ordered by set then id."""
    records = [load_facts(p) for p in sorted(Path(folder).rglob("*.json"))]
    return sorted(records, key=lambda r: (r.data["set"], r.id))


def locate(text: str, key: str, occurrence: int = 1) -> tuple[int, int] | None:
    """The span of the n-th occurrence (1-based) of `key`, white space matched loosely; None if absent."""
    pattern = r"\s+".join(map(re.escape, key.split()))
    for n, match in enumerate(re.finditer(pattern, text), start=1):
        if n == occurrence:
            return match.start(), match.end()
    return None


@dataclass
class Gold:
    """A facts record located in one text: what could be found, and the keys that could not."""

    figures: list[Figure] = field(default_factory=list)
    voices: list[Voice] = field(default_factory=list)
    dates: list[Located] = field(default_factory=list)
    mentions: list[Located] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)


def _located(text: str, items: list[dict[str, Any]], layer: str, lost: list[str]) -> list[Located]:
    found = []
    for item in items:
        span = locate(text, item["key"], item.get("occurrence", 1))
        if span is None:
            lost.append(f"{layer} key {item['key']!r} #{item.get('occurrence', 1)}")
        else:
            found.append(Located(span[0], span[1], item))
    return found


def _name_mentions(text: str, record: FactsRecord) -> list[Located]:
    """Every occurrence of an actor's name or alias, longest first, not overlapping one another."""
    forms = sorted({(form, actor["name"]) for actor in record.data["actors"]
                    for form in (actor["name"], *actor.get("aliases", [])) if form.strip()},
                   key=lambda f: (-len(f[0]), f))
    taken: list[tuple[int, int]] = []
    found = []
    for form, name in forms:
        for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text):
            if all(m.end() <= s or m.start() >= e for s, e in taken):
                taken.append((m.start(), m.end()))
                found.append(Located(m.start(), m.end(), {"actor": name}))
    return sorted(found, key=lambda x: x.start)


def gold_from_facts(record: FactsRecord, text: str) -> Gold:
    """The record's facts placed in `text` (the repaired text the annotator reads)."""
    gold = Gold()
    for item in _located(text, record.data["casualties"], "casualty", gold.lost):
        c = item.record
        date = (c["date_start"], c["date_end"]) if c.get("date_start") and c.get("date_end") else None
        gold.figures.append(Figure(item.start, item.end, c["kind"], c.get("count_low"), c.get("count_high"),
                                   c["qualifier"], c["scope"], date, c.get("victims"),
                                   record.names_of(c.get("perpetrator")), record.names_of(c.get("reported_by"))))
    for item in _located(text, record.data["quotes"], "quote", gold.lost):
        gold.voices.append(Voice(item.start, item.end, record.names_of(item.record.get("speaker"))))
    gold.dates = _located(text, record.data["dates"], "date", gold.lost)
    gold.mentions = _name_mentions(text, record)
    return gold


@dataclass
class ArticleScore:
    """Span scores (rows) and field accuracies of one article against its facts."""

    rows: dict[str, Score]
    fields: dict[str, FieldScore]
    lost: list[str]


def score_against_facts(record: FactsRecord, text: str, pred: Annotation) -> ArticleScore:
    """Score a prediction for `text` against the record: figures, dates, quotes, speakers, mentions, fields."""
    gold = gold_from_facts(record, text)
    figures = figures_from_annotation(pred)
    same_counts = align(gold.figures, figures, lambda g, p: (g.kind, g.count_low, g.count_high)
                        == (p.kind, p.count_low, p.count_high))
    pairs = align_figures(gold.figures, figures)
    dates = align(gold.dates, pred.dates, lambda g, p: (g.record["value"], g.record["precision"])
                  == (p.value, p.precision))
    voices = voices_from_annotation(pred)
    quoted, speaker = score_speakers(gold.voices, voices)
    names = {a.id: frozenset(norm_name(n) for n in (a.name, *a.aliases)) for a in pred.actors}
    mentions = align(gold.mentions, pred.mentions,
                     lambda g, p: same_names(record.names_of(g.record["actor"]), names.get(p.actor, frozenset())))
    rows = {
        "casualty figures": Score("casualty figures", len(gold.figures), len(figures), len(same_counts)),
        "casualty spans": Score("casualty spans", len(gold.figures), len(figures), len(pairs)),
        "dates": Score("dates", len(gold.dates), len(pred.dates), len(dates)),
        "quotes": Score("quotes", len(gold.voices), len(voices), quoted),
        "quote speakers": Score("quote speakers", len(gold.voices), len(voices), speaker.correct),
        "mentions": Score("mentions", len(gold.mentions), len(pred.mentions), len(mentions)),
    }
    fields = score_figure_fields(pairs)
    fields["speaker"] = speaker
    return ArticleScore(rows, fields, gold.lost)
