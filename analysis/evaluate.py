"""Compare a predicted annotation with gold, layer by layer: precision, recall, F1 and every disagreement.

Actor ids differ between annotations (gold `us_nsc`, auto `national_security_council`), so
actors are first aligned one-to-one:

1. every pair (gold actor, predicted actor) scores the number of gold mentions of the
   first that overlap a predicted mention of the second (shared mentions are the best
   evidence that two records name the same real-world actor);
2. a pair whose canonical names or aliases agree after normalisation (case, punctuation,
   a leading "the") gains half a point, so actors that are only speakers or
   affiliations still align;
3. pairs are taken greedily, best score first (ties broken by ids, so the result is
   deterministic); an actor maps to at most one actor on the other side.

Records are then aligned per layer, again greedily and one-to-one, on overlapping spans
of the same kind; each row of the table counts the aligned pairs that also meet that
row's criterion:

- mentions: exact span and the aligned actor; "mentions (overlap)": overlapping span and the aligned actor;
- casualties: same kind, count_low, count_high and qualifier; "casualty spans": same kind only;
- dates: same value and precision;
- quotes: overlapping content of the same kind; "quote speakers": and the aligned speaker;
- events: same type; "event dates": and the same resolved date value (both empty counts as agreeing).

Over the aligned casualty figures and quotes, `fields` holds the accuracy of each field a
reader relies on (kind, counts, qualifier, date, scope, victims, perpetrator, reporter,
speaker); see `analysis.fieldscores`.

`evaluate()` returns the scores and the disagreements (missed, spurious, or aligned but
different), which `disagreements_frame()` turns into a dataframe for notebooks.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .alignment import align, overlapping
from .annotations import Annotation, load_annotation
from .errors import InputError
from .fieldscores import FieldScore, annotation_field_scores, field_table, norm_name

ROWS = ("mentions", "mentions (overlap)", "casualties", "casualty spans", "dates", "quotes", "quote speakers",
        "events", "event dates")


@dataclass
class Score:
    """Counts and rates for one row of the comparison."""

    layer: str
    gold: int
    pred: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else (1.0 if not self.pred else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Disagreement:
    """One place where prediction and gold differ."""

    layer: str
    kind: str
    start: int
    end: int
    gold: str | None
    pred: str | None
    detail: str


@dataclass
class Evaluation:
    """Scores per row, disagreements, and the actor alignment used (gold id -> predicted id)."""

    scores: dict[str, Score]
    disagreements: list[Disagreement] = field(default_factory=list)
    actor_map: dict[str, str] = field(default_factory=dict)
    fields: dict[str, FieldScore] = field(default_factory=dict)

    def table(self) -> str:
        """The scores as a fixed-width text table: layer first, F1 last."""
        lines = [f"{'layer':<20}{'gold':>6}{'pred':>6}{'match':>7}{'precision':>11}{'recall':>8}{'F1':>7}"]
        for s in self.scores.values():
            lines.append(f"{s.layer:<20}{s.gold:>6}{s.pred:>6}{s.matched:>7}{s.precision:>11.3f}{s.recall:>8.3f}"
                         f"{s.f1:>7.3f}")
        return "\n".join(lines)




def align_actors(gold: Annotation, pred: Annotation) -> dict[str, str]:
    """Gold actor id -> predicted actor id, by shared mentions first and names second (see module docstring)."""
    weight: dict[tuple[str, str], float] = {}
    for gi, pi, _ in overlapping(gold.mentions, pred.mentions):
        pair = (gold.mentions[gi].actor, pred.mentions[pi].actor)
        weight[pair] = weight.get(pair, 0) + 1
    names: dict[str, set[str]] = {}
    for a in pred.actors:
        for n in {a.name, *a.aliases}:
            names.setdefault(norm_name(n), set()).add(a.id)
    for a in gold.actors:
        for n in {a.name, *a.aliases}:
            for pid in names.get(norm_name(n), ()):
                weight[(a.id, pid)] = weight.get((a.id, pid), 0) + 0.5
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for gid, pid in sorted(weight, key=lambda pair: (-weight[pair], pair)):
        if gid not in mapping and pid not in used:
            mapping[gid] = pid
            used.add(pid)
    return mapping


class _Rows:
    """Builds scores and disagreements for one layer from its aligned pairs."""

    def __init__(self, ev: Evaluation) -> None:
        self.ev = ev

    def layer(self, rows: list[tuple[str, Callable[[Any, Any], bool]]], gold: list[Any], pred: list[Any],
              pairs: list[tuple[Any, Any]], describe: Callable[[Any], str]) -> None:
        for name, ok in rows:
            self.ev.scores[name] = Score(name, len(gold), len(pred), sum(1 for g, p in pairs if ok(g, p)))
        layer = rows[0][0]
        strict = rows[0][1]
        paired_g = {id(g) for g, _ in pairs}
        paired_p = {id(p) for _, p in pairs}
        for g in gold:
            if id(g) not in paired_g:
                self.ev.disagreements.append(Disagreement(layer, "missed", g.start, g.end, g.text, None, describe(g)))
        for p in pred:
            if id(p) not in paired_p:
                self.ev.disagreements.append(Disagreement(layer, "spurious", p.start, p.end, None, p.text, describe(p)))
        for g, p in pairs:
            if not strict(g, p):
                self.ev.disagreements.append(Disagreement(layer, "different", g.start, g.end, g.text, p.text,
                                                          f"gold {describe(g)} | pred {describe(p)}"))


def evaluate(gold: Annotation, pred: Annotation) -> Evaluation:
    """Per-row scores and the disagreements between a prediction and gold for the same article."""
    amap = align_actors(gold, pred)
    ev = Evaluation({}, [], amap)
    rows = _Rows(ev)

    def same_actor(g: str | None, p: str | None) -> bool:
        return (g is None and p is None) or (g is not None and amap.get(g) == p and p is not None)

    exact = lambda g, p: g.start == p.start and g.end == p.end  # noqa: E731
    pairs = align(gold.mentions, pred.mentions, lambda g, p: True)
    rows.layer([("mentions", lambda g, p: exact(g, p) and same_actor(g.actor, p.actor)),
                ("mentions (overlap)", lambda g, p: same_actor(g.actor, p.actor))],
               gold.mentions, pred.mentions, pairs, lambda m: f"{m.text!r} -> {m.actor}")

    pairs = align(gold.casualties, pred.casualties, lambda g, p: g.kind == p.kind)
    counts = lambda g, p: (g.count_low, g.count_high, g.qualifier) == (p.count_low, p.count_high, p.qualifier)  # noqa: E731
    rows.layer([("casualties", counts), ("casualty spans", lambda g, p: True)], gold.casualties, pred.casualties,
               pairs, lambda c: f"{c.kind} {c.qualifier} {c.count_low}-{c.count_high} ({c.scope})")

    pairs = align(gold.dates, pred.dates, lambda g, p: True)
    rows.layer([("dates", lambda g, p: (g.value, g.precision) == (p.value, p.precision))], gold.dates, pred.dates,
               pairs, lambda d: f"{d.value} {d.precision} {d.resolution}")

    pairs = align(gold.quotes, pred.quotes, lambda g, p: g.kind == p.kind)
    rows.layer([("quotes", lambda g, p: True), ("quote speakers", lambda g, p: same_actor(g.speaker, p.speaker))],
               gold.quotes, pred.quotes, pairs, lambda q: f"{q.kind} by {q.speaker}")

    gold_dates = {d.id: d.value for d in gold.dates}
    pred_dates = {d.id: d.value for d in pred.dates}
    pairs = align(gold.events, pred.events, lambda g, p: g.type == p.type)
    rows.layer([("events", lambda g, p: True),
                ("event dates", lambda g, p: gold_dates.get(g.date or "") == pred_dates.get(p.date or ""))],
               gold.events, pred.events, pairs,
               lambda e: f"{e.type} {e.modality} date={(gold_dates | pred_dates).get(e.date or '')}")
    _speaker_disagreements(ev, gold, pred, amap)
    ev.scores = {name: ev.scores[name] for name in ROWS}
    ev.fields = annotation_field_scores(gold, pred)
    ev.disagreements.sort(key=lambda d: (d.start, d.layer, d.kind, d.end))
    return ev


def _speaker_disagreements(ev: Evaluation, gold: Annotation, pred: Annotation, amap: dict[str, str]) -> None:
    """Quotes found by both sides but attributed to different speakers."""
    for g, p in align(gold.quotes, pred.quotes, lambda g, p: g.kind == p.kind):
        if not ((g.speaker is None and p.speaker is None) or (g.speaker and amap.get(g.speaker) == p.speaker)):
            ev.disagreements.append(Disagreement("quote speakers", "different", g.start, g.end, g.text, p.text,
                                                 f"gold speaker {g.speaker} | pred speaker {p.speaker}"))


def disagreements_frame(ev: Evaluation) -> Any:
    """The disagreements as a pandas DataFrame (layer, kind, start, end, gold, pred, detail)."""
    import pandas as pd

    cols = ["layer", "kind", "start", "end", "gold", "pred", "detail"]
    return pd.DataFrame([[getattr(d, c) for c in cols] for d in ev.disagreements], columns=cols)


def scores_frame(ev: Evaluation) -> Any:
    """The scores as a pandas DataFrame, one row per layer."""
    import pandas as pd

    return pd.DataFrame([{"layer": s.layer, "gold": s.gold, "pred": s.pred, "matched": s.matched,
                          "precision": s.precision, "recall": s.recall, "f1": s.f1} for s in ev.scores.values()])


def _article_for(gold_path: Path) -> Path:
    name = gold_path.name
    for suffix in (".gold.json", ".auto.json", ".json"):
        if name.endswith(suffix):
            return gold_path.with_name(name[: -len(suffix)] + ".txt")
    return gold_path.with_suffix(".txt")


def evaluate_files(gold_path: Path | str, pred_path: Path | str, article_path: Path | str | None = None) -> Evaluation:
    """Load the article and both annotations (each verified against the text) and compare them."""
    from .ingest import load_article

    gold_path = Path(gold_path)
    art = Path(article_path) if article_path else _article_for(gold_path)
    if not art.exists():
        raise InputError(art, "is not there to check the annotations against",
                         "Pass the article with --article ARTICLE.txt")
    article = load_article(art)
    return evaluate(load_annotation(gold_path, article.text), load_annotation(pred_path, article.text))


def command_evaluate(args: Any) -> int:
    """CLI: print one row per layer (layer name first, F1 last), then the per-field accuracy."""
    ev = evaluate_files(args.gold, args.pred, args.article)
    print(ev.table())
    print()
    print(field_table(ev.fields))
    return 0
