"""Group the incident reports of many articles into incidents (the rules are in docs/corpus.md).

Articles are read in publication order and each report joins the incident it fits best.  It
may not join an incident whose dates are more than a day from its own, or one that any report
contradicts: another conflict, another specific kind of violence, another place, other
attackers.  Then the evidence that ties it is scored, and it joins the incident with the most
(at least LINK_SCORE): the same event 3; the same place, the same attackers, an armed group
named in both sentences, or the same figure 2 each; a similar figure, the same specific kind
of violence, or the same stated day 1 each.  A figure with no place, event or attacker that fits no
incident belongs to its article's first incident, if its dates allow.  Events
without a figure only join incidents; they never found one.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

import pandas as pd

from .. import acled
from . import places
from .estimates import figure_estimate

# A report whose dates span more than this is checked against every incident, not by day.
MAX_BUCKET_DAYS = 62
GENERIC_TYPES = frozenset({"attack", "killing", "assassination"})
# Reports of one incident may give dates a day apart (time zones, overnight, "Monday and Tuesday").
TOLERANCE = dt.timedelta(days=1)
LINK_SCORE = 3
SAME_EVENT, STRONG, WEAK = 3, 2, 1
# Two figures are similar when the larger is at most this many times the smaller.
SIMILAR_RATIO = 2


@dataclass(frozen=True, slots=True)
class Report:
    """What the linker compares of one report row."""

    row: int
    article_id: str
    record: str
    record_id: str
    event_id: str | None
    kind: str | None
    figure: tuple[object, object, object] | None
    point: int | None
    conflict: str | None
    type_group: str | None
    places: frozenset[str]
    attackers: frozenset[str]
    groups: frozenset[str]
    start: dt.date | None
    end: dt.date | None
    stated: bool

    @property
    def placed(self) -> bool:
        """True when the text ties it to a place, an event or an attacker (a date alone does not)."""
        return bool(self.places) or bool(self.attackers) or self.event_id is not None

    @property
    def vagueness(self) -> int:
        """0 for a report with a stated date and a place, up to 2 for one with neither: read the precise first."""
        return (not self.stated) + (not self.places)


@dataclass(slots=True)
class Incident:
    """Reports matched as one incident, and what new reports are compared with."""

    founder: Report
    members: list[Report] = field(default_factory=list)
    start: dt.date | None = None
    end: dt.date | None = None
    signatures: set[tuple[str | None, frozenset[str], frozenset[str]]] = field(default_factory=set)
    figures: set[tuple[object, ...]] = field(default_factory=set)
    points: set[tuple[str | None, int]] = field(default_factory=set)
    conflicts: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    stated: set[tuple[dt.date, dt.date]] = field(default_factory=set)
    events: set[tuple[str, str]] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)

    def add(self, report: Report) -> None:
        """Take a report in, narrowing the incident's dates to where every report's dates overlap."""
        if not self.members:
            self.start, self.end = report.start, report.end
        elif report.start is not None and self.start is not None:
            first, last = max(self.start, report.start), min(self.end, report.end)
            self.start, self.end = min(first, last), max(first, last)
        self.members.append(report)
        self.signatures.add((report.type_group, report.places, report.attackers))
        if report.figure is not None:
            self.figures.add((report.kind, *report.figure))
        if report.point is not None:
            self.points.add((report.kind, report.point))
        if report.conflict:
            self.conflicts.add(report.conflict)
        self.groups.update(report.groups)
        if report.stated and report.start is not None:
            self.stated.add((report.start, report.end))
        if report.event_id is not None:
            self.events.add((report.article_id, report.event_id))
        self.articles.add(report.article_id)

    @property
    def incident_id(self) -> str:
        """Stable id: a hash of the report that founded it."""
        key = f"{self.founder.article_id}:{self.founder.record_id}"
        return "I" + hashlib.sha256(key.encode()).hexdigest()[:12]


def type_group(event_type: object) -> str | None:
    """The ACLED event type of a specific kind of violence; None for unknown or generic ('attack', 'killing')."""
    if not isinstance(event_type, str) or event_type in GENERIC_TYPES:
        return None
    return acled.acled_event_type(event_type)[0] or event_type


def _none(value: object) -> object:
    """A cell, with pandas' missing values (None, NA, NaT, NaN) as None."""
    missing = value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value)
    return None if missing else value


def _date(value: object) -> dt.date | None:
    value = _none(value)
    if value is None:
        return None
    return value.date() if isinstance(value, dt.datetime) else pd.Timestamp(value).date()


_COLUMNS = ("article_id", "record", "casualty_id", "event_id", "casualty_kind", "qualifier", "count_low", "count_high",
            "figure_role", "event_type", "place_names", "attacker_keys", "group_keys", "start_date", "end_date",
            "date_inferred")


def to_reports(frame: pd.DataFrame, conflicts: Mapping[str, str | None]) -> list[Report]:
    """The reports table's rows as Report records (row = position in the frame)."""
    found = []
    rows = (dict(zip(_COLUMNS, values)) for values in zip(*(frame[name].tolist() for name in _COLUMNS)))
    for i, row in enumerate(rows):
        figure = row["record"] == "figure"
        worded = figure_estimate(str(row["qualifier"]), _none(row["count_low"]), _none(row["count_high"])) \
            if figure else None
        found.append(Report(
            row=i, article_id=row["article_id"], record=row["record"],
            record_id=str(row["casualty_id"] if figure else row["event_id"]), event_id=_none(row["event_id"]),
            kind=_none(row["casualty_kind"]),
            figure=(_none(row["qualifier"]), _none(row["count_low"]), _none(row["count_high"])) if figure else None,
            point=worded.point if worded is not None and row["figure_role"] != "breakdown" else None,
            conflict=conflicts.get(row["article_id"]),
            type_group=type_group(_none(row["event_type"])), places=places.decode(_none(row["place_names"])),
            attackers=places.decode(_none(row["attacker_keys"])), groups=places.decode(_none(row["group_keys"])),
            start=_date(row["start_date"]),
            end=_date(row["end_date"]), stated=not bool(row["date_inferred"])))
    return found


def _overlap(report: Report, incident: Incident) -> bool:
    """Dates within a day of each other; a report with no dates at all only fits its own article's incidents."""
    if report.start is None or incident.start is None:
        return report.start is None and incident.start is None and report.article_id in incident.articles
    return max(report.start, incident.start) <= min(report.end, incident.end) + TOLERANCE


def _similar(report: Report, incident: Incident) -> bool:
    """A figure of the same kind whose number is within a factor of SIMILAR_RATIO of the report's."""
    p = report.point
    return p is not None and any(kind == report.kind and max(p, q) <= SIMILAR_RATIO * min(p, q)
                                 for kind, q in incident.points)


def _same_day(report: Report, incident: Incident) -> bool:
    """Both state their dates, and some stated days are the same."""
    return report.stated and report.start is not None and any(
        max(report.start, s) <= min(report.end, e) for s, e in incident.stated)


def score(report: Report, incident: Incident, related: frozenset[frozenset[str]]) -> int | None:
    """The weight of the evidence tying the report to the incident; None when anything rules it out."""
    if not _overlap(report, incident) or (report.conflict and incident.conflicts - {report.conflict}):
        return None
    place_hit = attacker_hit = same_type = False
    for group, where, who in incident.signatures:
        if report.type_group and group and report.type_group != group:
            return None
        same_type |= bool(report.type_group) and report.type_group == group
        match = places.compare(report.places, where, related)
        if match < 0:
            return None
        place_hit |= match > 0
        if report.attackers and who:
            if not report.attackers & who:
                return None
            attacker_hit = True
    same_figure = report.figure is not None and (report.kind, *report.figure) in incident.figures
    same_event = report.event_id is not None and (report.article_id, report.event_id) in incident.events
    same_group = bool(report.groups & incident.groups)
    return (SAME_EVENT * same_event + STRONG * (place_hit + attacker_hit + same_group + same_figure)
            + WEAK * (_similar(report, incident) + same_type + _same_day(report, incident)))


class _Index:
    """Incidents by the days they cover and the conflict that founded them, so a report is compared only with
    incidents near its dates that its conflict allows (an incident holds reports of one conflict at most)."""

    def __init__(self) -> None:
        self.by_day: dict[tuple[dt.date, str | None], list[int]] = defaultdict(list)
        self.wide: dict[str | None, list[int]] = defaultdict(list)
        self.by_conflict: dict[str | None, list[int]] = defaultdict(list)
        self.by_article: dict[str, list[int]] = defaultdict(list)
        self.days: dict[int, set[dt.date]] = defaultdict(set)

    def add(self, n: int, report: Report) -> None:
        """File a new incident under its founding report's dates, conflict and article."""
        conflict = report.conflict or None
        self.by_conflict[conflict].append(n)
        self.by_article[report.article_id].append(n)
        if report.start is None:
            return
        days = (report.end - report.start).days
        if days > MAX_BUCKET_DAYS:
            self.wide[conflict].append(n)
        else:
            self._file(n, report.start, report.end, conflict)

    def _file(self, n: int, start: dt.date, end: dt.date, conflict: str | None) -> None:
        """File incident n under each day from start to end it is not filed under yet."""
        filed = self.days[n]
        for k in range((end - start).days + 1):
            day = start + dt.timedelta(days=k)
            if day not in filed:
                filed.add(day)
                self.by_day[(day, conflict)].append(n)

    def cover(self, n: int, incident: Incident) -> None:
        """File an incident under the days its dates came to cover as reports joined: two reports a day apart
        leave it spanning both days, beyond its founder's."""
        if incident.start is not None and (incident.end - incident.start).days <= MAX_BUCKET_DAYS:
            self._file(n, incident.start, incident.end, incident.founder.conflict or None)

    def _conflicts(self, report: Report) -> tuple[str | None, ...]:
        """The founding conflicts of the incidents a report may join: its own and none, or any when it has none."""
        return (report.conflict, None) if report.conflict else tuple(self.by_conflict)

    def candidates(self, report: Report) -> list[int]:
        """Incident numbers worth comparing, in the order the incidents were founded."""
        if report.start is None:
            return list(self.by_article[report.article_id])
        conflicts = self._conflicts(report)
        first = report.start - TOLERANCE
        days = (report.end + TOLERANCE - first).days
        if days > MAX_BUCKET_DAYS:
            return sorted(n for c in conflicts for n in self.by_conflict.get(c, ()))
        found = {n for c in conflicts for n in self.wide.get(c, ())}
        for k in range(days + 1):
            day = first + dt.timedelta(days=k)
            for c in conflicts:
                found.update(self.by_day.get((day, c), ()))
        return sorted(found)


def _best(report: Report, incidents: list[Incident], index: _Index,
          related: frozenset[frozenset[str]]) -> int | None:
    """The incident the report fits best (most evidence, then the earliest founded), if any."""
    best, best_score = None, LINK_SCORE - 1
    for n in index.candidates(report):
        found = score(report, incidents[n], related)
        if found is not None and found > best_score:
            best, best_score = n, found
    return best


def _reading_order(frame: pd.DataFrame, reports: list[Report]) -> list[int]:
    """Report rows by publication date (undated first), file and article; within an article the ones with
    a stated date and a place first (a headline figure then joins the incident its body places), then in
    text order."""
    order = pd.DataFrame({"published": frame["published"], "file": frame["file"].astype(str),
                          "article": frame["article_id"].astype(str), "vagueness": [r.vagueness for r in reports],
                          "row": range(len(frame))})
    return order.sort_values(["published", "file", "article", "vagueness", "row"], kind="stable",
                             na_position="first")["row"].tolist()


def link(frame: pd.DataFrame, conflicts: Mapping[str, str | None]) -> list[Incident]:
    """Group the reports table's rows into incidents (each holds at least one figure)."""
    reports = to_reports(frame, conflicts)
    related = places.related_pairs(r.places for r in reports)
    incidents: list[Incident] = []
    index = _Index()
    lead: dict[str, int] = {}
    ordered = [reports[i] for i in _reading_order(frame, reports)]
    for report in (r for r in ordered if r.record == "figure"):
        n = _best(report, incidents, index, related)
        if n is None and not report.placed and report.article_id in lead:
            n = lead[report.article_id] if score(report, incidents[lead[report.article_id]], related) is not None \
                else None
        if n is None:
            n = len(incidents)
            incidents.append(Incident(founder=report))
            index.add(n, report)
        incidents[n].add(report)
        index.cover(n, incidents[n])
        lead.setdefault(report.article_id, n)
    for report in (r for r in ordered if r.record == "event"):
        n = _best(report, incidents, index, related)
        if n is not None:
            incidents[n].add(report)
            index.cover(n, incidents[n])
    return incidents


def members(incidents: Iterable[Incident]) -> Iterator[tuple[Incident, Report]]:
    """Every (incident, report) pair, incidents in the order given."""
    for incident in incidents:
        for report in incident.members:
            yield incident, report
