"""What readers rely on: each casualty figure's fields and each quote's speaker, scored over matched records.

Span F1 (`evaluate`) says whether a figure was found; this module says whether what a reader
takes from it is right. Gold and prediction are first turned into the same plain records
(`Figure`, `Voice`), whatever they come from (a gold annotation, or a facts record of a real
article), then aligned one-to-one on overlapping spans, and every field is compared on the
aligned pairs where gold states it:

- kind, counts (count_low and count_high), qualifier, scope: equal;
- date: the predicted interval lies inside the gold one; where gold gives no date, the
  prediction must give none either (a wrong date is worse than none);
- victims: the same head noun ("three women" ~ "women");
- perpetrator, reported_by: the same actor, by normalised name or alias (only where gold names one);
- speaker (quotes): the same actor, or both unattributed.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .alignment import align
from .annotations import Annotation

FIGURE_FIELDS = ("kind", "counts", "qualifier", "date", "scope", "victims", "perpetrator", "reported_by")
Names = frozenset[str]


def norm_name(name: str) -> str:
    """A name reduced for comparison: lower case, no leading 'the', letters and digits only."""
    name = name.lower().replace("\u2019", "'")
    name = re.sub(r"^the\s+", "", name.strip())
    return re.sub(r"[^a-z0-9]+", "", name)


@dataclass(frozen=True)
class Figure:
    """A casualty figure with the fields a reader relies on."""

    start: int
    end: int
    kind: str
    count_low: int | None
    count_high: int | None
    qualifier: str
    scope: str
    date: tuple[str, str] | None
    victims: str | None
    perpetrator: Names
    reported_by: Names


@dataclass(frozen=True)
class Voice:
    """A quote's span and the names of its speaker (empty when nobody is named)."""

    start: int
    end: int
    speaker: Names


@dataclass
class FieldScore:
    """How often one field is right over the aligned pairs where gold states it."""

    field: str
    compared: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.compared if self.compared else None


def actor_names(ann: Annotation, actor_id: str | None, extra: Iterable[str | None] = ()) -> Names:
    """Normalised name and aliases of an actor, plus any free-text names given with it."""
    names = {norm_name(t) for t in extra if t}
    for actor in ann.actors:
        if actor.id == actor_id:
            names |= {norm_name(n) for n in (actor.name, *actor.aliases)}
    return frozenset(n for n in names if n)


def figures_from_annotation(ann: Annotation) -> list[Figure]:
    """Every casualty record of an annotation as a Figure (dates resolved to their day interval)."""
    dates = {d.id: (d.start_date, d.end_date) for d in ann.dates if d.start_date and d.end_date}
    return [Figure(c.start, c.end, c.kind, c.count_low, c.count_high, c.qualifier, c.scope,
                   dates.get(c.date or ""), c.victims, actor_names(ann, c.perpetrator),
                   actor_names(ann, c.reported_by_actor, [c.reported_by]))
            for c in ann.casualties]


def voices_from_annotation(ann: Annotation) -> list[Voice]:
    """Every quote of an annotation with its speaker's names."""
    return [Voice(q.start, q.end, actor_names(ann, q.speaker)) for q in ann.quotes]


def same_names(gold: Names, pred: Names) -> bool:
    """Two name sets denote the same actor: a shared name, or one name containing another."""
    if gold & pred:
        return True
    return any(len(g) >= 4 and len(p) >= 4 and (g in p or p in g) for g in gold for p in pred)


def _head(phrase: str) -> str:
    words = re.findall(r"[a-z]+", phrase.lower())
    return re.sub(r"(?<=[a-z]{3})(es|s)$", "", words[-1]) if words else ""


def _date_ok(gold: tuple[str, str] | None, pred: tuple[str, str] | None) -> bool:
    if gold is None:
        return pred is None
    return pred is not None and gold[0] <= pred[0] and pred[1] <= gold[1]


def _checks(g: Figure, p: Figure) -> dict[str, bool | None]:
    """Each field's verdict for an aligned pair; None where gold does not state the field."""
    return {
        "kind": g.kind == p.kind,
        "counts": (g.count_low, g.count_high) == (p.count_low, p.count_high),
        "qualifier": g.qualifier == p.qualifier,
        "date": _date_ok(g.date, p.date),
        "scope": g.scope == p.scope,
        "victims": None if not g.victims else bool(p.victims) and _head(g.victims) == _head(p.victims or ""),
        "perpetrator": None if not g.perpetrator else same_names(g.perpetrator, p.perpetrator),
        "reported_by": None if not g.reported_by else same_names(g.reported_by, p.reported_by),
    }


def align_figures(gold: list[Figure], pred: list[Figure]) -> list[tuple[Figure, Figure]]:
    """Gold and predicted figures paired one-to-one on overlapping spans."""
    return align(gold, pred, lambda g, p: True)


def score_figure_fields(pairs: list[tuple[Figure, Figure]]) -> dict[str, FieldScore]:
    """Per-field accuracy over aligned figure pairs."""
    scores = {name: FieldScore(name, 0, 0) for name in FIGURE_FIELDS}
    for g, p in pairs:
        for name, verdict in _checks(g, p).items():
            if verdict is not None:
                scores[name].compared += 1
                scores[name].correct += bool(verdict)
    return scores


def score_speakers(gold: list[Voice], pred: list[Voice]) -> tuple[int, FieldScore]:
    """(aligned quotes, speaker accuracy over them): both unattributed, or the same actor."""
    pairs = align(gold, pred, lambda g, p: True)
    correct = sum((not g.speaker and not p.speaker) or same_names(g.speaker, p.speaker) for g, p in pairs)
    return len(pairs), FieldScore("speaker", len(pairs), correct)


def merge(scores: Iterable[dict[str, FieldScore]]) -> dict[str, FieldScore]:
    """Field scores summed over several articles."""
    total: dict[str, FieldScore] = {}
    for group in scores:
        for name, s in group.items():
            t = total.setdefault(name, FieldScore(name, 0, 0))
            t.compared += s.compared
            t.correct += s.correct
    return total


def field_table(scores: dict[str, FieldScore]) -> str:
    """Per-field accuracy as a fixed-width text table."""
    lines = [f"{'field':<14}{'compared':>9}{'correct':>9}{'accuracy':>10}"]
    for s in scores.values():
        acc = f"{s.accuracy:.3f}" if s.accuracy is not None else "-"
        lines.append(f"{s.field:<14}{s.compared:>9}{s.correct:>9}{acc:>10}")
    return "\n".join(lines)


def annotation_field_scores(gold: Annotation, pred: Annotation) -> dict[str, FieldScore]:
    """Casualty fields and quote speakers of a prediction against a gold annotation of the same text."""
    scores = score_figure_fields(align_figures(figures_from_annotation(gold), figures_from_annotation(pred)))
    scores["speaker"] = score_speakers(voices_from_annotation(gold), voices_from_annotation(pred))[1]
    return scores
