"""The `incidents` and `incident_reports` tables, from the linked reports of every article."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

import pandas as pd

from .. import acled
from . import places
from .estimates import estimates, summarise
from .fields import CORPUS_TABLES
from .linking import Incident, type_group

ESTIMATED_KINDS = ("killed", "injured")


def most_common(values: Iterable[object]) -> object | None:
    """The most frequent non-missing value (ties: the first in sorted order)."""
    counts = Counter(v for v in values if v is not None and not pd.isna(v))
    if not counts:
        return None
    top = max(counts.values())
    return sorted((v for v, c in counts.items() if c == top), key=str)[0]


def _event_type(rows: list[Mapping[str, object]]) -> object | None:
    """The most frequent specific type of violence the reports give, else the most frequent type."""
    types = [r["event_type"] for r in rows if not pd.isna(r["event_type"])]
    return most_common(t for t in types if type_group(t)) or most_common(types)


def _place(rows: list[Mapping[str, object]]) -> object | None:
    """The most frequent wording of a place that names somewhere specific, else of any place."""
    specific = [r["location"] for r in rows
                if any(not n.startswith(places.REGION_MARK) for n in places.decode(r["place_names"]))]
    return most_common(specific) or most_common(r["location"] for r in rows)


def _day(value: object) -> str:
    return pd.Timestamp(value).strftime("%-d %b %Y") if not pd.isna(value) else "date unknown"


def summary(rows: list[Mapping[str, object]]) -> str | None:
    """Every source's killed figure as worded: '12 (Kordofan Voice, 8 Mar 2026); at least 15 (...)'."""
    seen, parts = set(), []
    for r in rows:
        if r["record"] != "figure" or r["casualty_kind"] != "killed" or r["figure_role"] == "breakdown":
            continue
        key = (r["article_id"], str(r["text"]).lower(), r["victims"] if not pd.isna(r["victims"]) else None)
        if key in seen:
            continue
        seen.add(key)
        victims = f" {r['victims']}" if r["figure_role"] == "part" and not pd.isna(r["victims"]) else ""
        who = r["outlet"] if not pd.isna(r["outlet"]) else r["file"]
        parts.append(f"{r['text']}{victims} ({who}, {_day(r['published'])})")
    return "; ".join(parts) or None


def incident_row(incident: Incident, rows: list[Mapping[str, object]], conflict: str | None) -> dict[str, object]:
    """One row of the incidents table."""
    kind = _event_type(rows)
    published = [r["published"] for r in rows if not pd.isna(r["published"])]
    attackers = sorted({a.strip() for r in rows if not pd.isna(r["attackers"]) for a in str(r["attackers"]).split(";")})
    row: dict[str, object] = {
        "incident_id": incident.incident_id, "conflict": conflict, "event_type": kind,
        "acled_event_type": acled.acled_event_type(kind)[0] if kind else None,
        "start_date": incident.start, "end_date": incident.end,
        "date_inferred": not any(r.stated for r in incident.members), "location": _place(rows),
        "attackers": "; ".join(attackers) or None, "articles": len(incident.articles),
        "outlets": "; ".join(sorted({str(r["outlet"]) for r in rows if not pd.isna(r["outlet"])})) or None,
        "figures": sum(r["record"] == "figure" for r in rows),
        "first_published": min(published, default=None), "last_published": max(published, default=None),
        "summary": summary(rows),
    }
    for casualty_kind in ESTIMATED_KINDS:
        figures = [r for r in rows if r["record"] == "figure" and r["casualty_kind"] == casualty_kind]
        row.update({f"{casualty_kind}_{k}": v for k, v in summarise(estimates(figures)).items()})
    return row


def _order(incident: Incident, frame_rows: list[Mapping[str, object]]) -> tuple[object, ...]:
    """Incidents by date (undated last), then first publication, then id."""
    first = min((r["published"] for r in frame_rows if not pd.isna(r["published"])), default=None)
    return (incident.start is None, incident.start or pd.Timestamp.max.date(),
            pd.Timestamp.max if first is None else first, incident.incident_id)


def incident_tables(reports: pd.DataFrame, incidents: list[Incident],
                    conflicts: Mapping[str, str | None]) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """(incidents rows, incident_reports rows), both in incident order; reports rows by reading order."""
    records = reports.to_dict("records")
    keep = [c.name for c in CORPUS_TABLES["incident_reports"]]
    grouped = [(inc, [records[m.row] for m in sorted(inc.members, key=_member_order(records))]) for inc in incidents]
    grouped.sort(key=lambda pair: _order(*pair))
    incident_rows, report_rows = [], []
    for incident, rows in grouped:
        conflict = conflicts.get(incident.founder.article_id)
        incident_rows.append(incident_row(incident, rows, conflict))
        report_rows += [{**{k: r.get(k) for k in keep}, "incident_id": incident.incident_id, "conflict": conflict}
                        for r in rows]
    return incident_rows, report_rows


def _member_order(records: list[Mapping[str, object]]):
    """Sort key of a member: publication date (undated first), file, article, then its place in the article."""
    def key(member) -> tuple[object, ...]:
        r = records[member.row]
        return (not pd.isna(r["published"]), r["published"] if not pd.isna(r["published"]) else pd.Timestamp.min,
                r["file"], r["article_id"], member.row)
    return key
