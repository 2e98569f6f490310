"""Casualty figures read as parts of incidents: each takes the date and perpetrator of the incident it reports.

A figure's own sentence may date it; otherwise the article does: a breakdown ("among them three
women") has its total's date, a figure restated elsewhere ("26 killed" in the headline, "at least 26
people" in the body) shares the date of its dated statement, and a figure of an incident the article
dated before (or, in a headline or lead, after) takes that incident's date. A sentence that dates a
different incident starts a new one, so a background attack "in March" does not date the main one.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .context import Context
from .dates import DateIndex, DateRec
from .events import ARMED, EventRec, dates_a_saying

if TYPE_CHECKING:
    from .casualties import CasualtyRec

# Words that open a clause of its own: a date after one of them and another figure dates that figure
# ("two guards were killed after one porter died Friday").
SUBORDINATORS = frozenset({"after", "before", "following", "while", "whereas", "but", "since", "until"})


def date_in_sentence(ctx: Context, dates: DateIndex, sentence: int, start: int, end: int) -> DateRec | None:
    """The date of a figure its own sentence gives: the nearest point or interval that is not the date of a
    saying ("said on Monday that …") nor inside a quotation the figure is not in."""
    s_start, s_end = ctx.sentences[sentence]
    quote = ctx.quote_holding(start, end)
    candidates = [d for d in dates.starting_in(s_start, s_end) if d.kind != "duration"
                  and (not ctx.in_quote(d.start, d.end) or quote is not None and quote == ctx.quote_holding(d.start, d.end))
                  and not dates_a_saying(ctx, d, start)]
    return min(candidates, key=lambda d: min(abs(d.start - end), abs(start - d.end)), default=None)


@dataclass
class _Incident:
    """Figures of one incident, the date the article gives it and who it says caused it."""

    date: DateRec | None = None
    members: list[int] = field(default_factory=list)
    perpetrator: str | None = None


def _precise(d: DateRec | None) -> bool:
    """A date an incident can pass on to its other figures: a day or a weekend, not a month or a year."""
    return d is not None and d.precision == "day"


def _same_day(a: DateRec, b: DateRec) -> bool:
    return (a.start_date, a.end_date) == (b.start_date, b.end_date)


def _other_clause_dates(ctx: Context, figures: list[CasualtyRec]) -> dict[int, DateRec]:
    """A date past another figure of the sentence, with a subordinating word between the two figures, dates that
    other figure, not this one ("two guards were killed after one porter died Friday"): taken away, by figure."""
    barred: dict[int, DateRec] = {}
    by_sentence: dict[int, list[CasualtyRec]] = defaultdict(list)
    for f in figures:
        by_sentence[f.sentence].append(f)
    for k, f in enumerate(figures):
        if f.date is None:
            continue
        d = f.date
        lo, hi = (f.end, d.start) if f.end <= d.start else (d.end, f.start)
        between = [g for g in by_sentence[f.sentence] if g is not f and g.date is d and lo <= g.start < hi]
        if not between:
            continue
        g = min(between, key=lambda g: abs(g.start - f.start))
        if _has_subordinator(ctx, min(f.end, g.end), max(f.start, g.start)):
            barred[k], f.date = d, None
    return barred


def _has_subordinator(ctx: Context, lo: int, hi: int) -> bool:
    t0, t1 = ctx.token_at(lo), ctx.token_at(hi)
    return t0 is not None and t1 is not None and any(t.lower in SUBORDINATORS for t in ctx.tokens[t0:t1])


def _dated_statements(figures: list[CasualtyRec]) -> dict[tuple[object, ...], list[CasualtyRec]]:
    """(kind, scope, number) -> the dated figures without a parent that state that number, in text order."""
    found: dict[tuple[object, ...], list[CasualtyRec]] = defaultdict(list)
    for g in figures:
        if g.date is not None and g.parent is None:
            for number in {g.count_low, g.count_high} - {None}:
                found[(g.kind, g.scope, number)].append(g)
    return found


def _restated(f: CasualtyRec, statements: dict[tuple[object, ...], list[CasualtyRec]]) -> DateRec | None:
    """The date of the nearest other dated statement of the same figure (same kind, scope and number)."""
    number = f.count_low if f.count_low is not None else f.count_high
    same = [g for g in statements.get((f.kind, f.scope, number), ()) if g is not f] if number is not None else []
    return min(same, key=lambda g: abs(g.start - f.start)).date if same else None


@dataclass(frozen=True)
class _Anchor:
    """A place that may date or attribute an incident: a figure (index), an armed event, or a claim of it."""

    pos: int
    date: DateRec | None
    figure: int = -1
    perpetrator: str | None = None


def _anchors(ctx: Context, figures: list[CasualtyRec], events: list[EventRec],
             claims: list[tuple[int, str]]) -> list[_Anchor]:
    """Every figure, every armed event that happened (outside quotations), and every claim of responsibility."""
    out = [_Anchor(f.start, f.date, k, f.perpetrator) for k, f in enumerate(figures)]
    out += [_Anchor(e.start, e.date, -1, next((a for a, r in e.participants if r == "attacker"), None))
            for e in events if e.type in ARMED and e.modality == "happened" and not ctx.in_quote(e.start, e.end)]
    out += [_Anchor(pos, None, -1, actor) for pos, actor in claims]
    return sorted(out, key=lambda a: (a.pos, a.figure))


def _incidents(ctx: Context, figures: list[CasualtyRec], events: list[EventRec],
               claims: list[tuple[int, str]]) -> list[_Incident]:
    """Figures grouped into incidents in text order: a date other than the current incident's starts a new one;
    the first actor an anchor of the incident names is the incident's perpetrator."""
    groups: list[_Incident] = [_Incident()]
    for anchor in _anchors(ctx, figures, events, claims):
        k = anchor.figure
        counts = k < 0 or (figures[k].scope == "incident" and figures[k].parent is None)
        own = anchor.date if counts else None
        current = groups[-1]
        if own is not None and current.date is not None and not _same_day(own, current.date):
            groups.append(_Incident(own))
        elif own is not None and current.date is None:
            current.date = own
        if counts and groups[-1].perpetrator is None:
            groups[-1].perpetrator = anchor.perpetrator
        if k >= 0:
            groups[-1].members.append(k)
    return groups


def date_figures(ctx: Context, figures: list[CasualtyRec], events: list[EventRec],
                 claims: list[tuple[int, str]]) -> None:
    """Give every figure the date and perpetrator of its incident where its own sentence gives none (see the
    module docstring); a claim of responsibility ("X claimed the attack") names the incident's perpetrator."""
    barred = _other_clause_dates(ctx, figures)
    incidents = _incidents(ctx, figures, events, claims)
    statements = _dated_statements(figures)
    restated = [_restated(f, statements) if f.date is None and f.parent is None else None for f in figures]
    for k, f in enumerate(figures):
        f.date = f.date or restated[k]
    for incident in incidents:
        for k in incident.members:
            f = figures[k]
            if f.date is None and f.parent is None and f.scope == "incident" and f.kind != "hostage" \
                    and _precise(incident.date) and barred.get(k) is not incident.date:
                f.date = incident.date
            if f.perpetrator is None and f.scope == "incident":
                f.perpetrator = incident.perpetrator
    for f in figures:
        if f.parent is not None:
            f.date = figures[f.parent].date
            f.perpetrator = f.perpetrator or figures[f.parent].perpetrator
