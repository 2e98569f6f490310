"""Cumulative tolls as series, one per conflict, source and casualty kind, in date order.

A toll is never merged into an incident: it counts a whole war or a period.  Each point
keeps its wording; `change` is the step from the series' previous point and `decreased`
flags a toll that went down (a revision, or two counts that do not measure the same thing).
"""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

UNKNOWN_CONFLICT = "(conflict unknown)"


def _value(row: Mapping[str, object]) -> int | None:
    """The toll as one number: the lowest count its wording allows, else the highest."""
    for name in ("count_low", "count_high"):
        if not pd.isna(row[name]):
            return int(row[name])
    return None


def series_name(conflict: str | None, source: str, kind: object) -> str:
    """The series a toll belongs to: 'Sudan · Sudan Doctors Network · killed'."""
    return f"{conflict or UNKNOWN_CONFLICT} · {source} · {kind}"


def toll_rows(figures: pd.DataFrame, conflicts: Mapping[str, str | None]) -> list[dict[str, object]]:
    """The tolls table's rows: every cumulative figure placed in its series, with the change from the last point."""
    rows = []
    for fig in figures.to_dict("records"):
        conflict = conflicts.get(fig["article_id"])
        rows.append({**fig, "conflict": conflict, "series": series_name(conflict, str(fig["source"]), fig["casualty_kind"]),
                     "toll": _value(fig)})
    undated = pd.Timestamp.max
    rows.sort(key=lambda r: (r["series"], undated if pd.isna(r["as_of"]) else pd.Timestamp(r["as_of"]),
                             r["file"], r["article_id"], r["casualty_id"]))
    previous: dict[str, int | None] = {}
    for row in rows:
        before = previous.get(row["series"])
        change = row["toll"] - before if row["toll"] is not None and before is not None else None
        row.update(change=change, decreased=change is not None and change < 0)
        if row["toll"] is not None:
            previous[row["series"]] = row["toll"]
    return rows
