"""Low / best / high casualty estimates of an incident in the UCDP manner, and conflicting figures.

Each source figure is read as the range its wording allows and one number (its *point*).
Figures a sentence gives for different victim groups ("nine soldiers and four civilians")
are summed into one estimate; a figure inside another ("including four children") is left
out.  Then: low = the lowest point; high = the highest number any wording allows (the top
of a vague word's range); best = the lowest point among the reports of the latest
publication day (later reports know more; among equals UCDP takes the lower figure).
Figures conflict when no single number fits every range.  docs/corpus.md has the details.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

# How far "about N" may stray, each way, before another figure contradicts it.
ABOUT_MARGIN = 0.1
# "nearly N" is read as at least this share of N.
NEARLY_SHARE = 0.9


@dataclass(frozen=True)
class Estimate:
    """One source's figure (or one sentence's sum of figures): its range, point and top."""

    low: int
    high: int | None
    point: int
    top: int
    published: dt.date | None


def _int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def figure_estimate(qualifier: str, count_low: object, count_high: object,
                    published: dt.date | None = None) -> Estimate | None:
    """The range, point and top a worded figure allows; None when it holds no number."""
    low, high = _int(count_low), _int(count_high)
    if low is None and high is None:
        return None
    if qualifier == "about" and low is not None:
        margin = max(1, math.ceil(low * ABOUT_MARGIN))
        return Estimate(max(0, low - margin), (high or low) + margin, low, high or low, published)
    if low is None:
        floor = math.floor(high * NEARLY_SHARE) if qualifier == "nearly" else 0
        return Estimate(floor, high, high, high, published)
    return Estimate(low, high, low, high if high is not None else low, published)


def _summed(parts: list[Estimate]) -> Estimate:
    """Figures for different victim groups of one sentence, as one estimate."""
    highs = [p.high for p in parts]
    return Estimate(sum(p.low for p in parts), None if None in highs else sum(h for h in highs if h is not None),
                    sum(p.point for p in parts), sum(p.top for p in parts), parts[0].published)


def estimates(figures: Iterable[Mapping[str, object]]) -> list[Estimate]:
    """The estimates of one incident and casualty kind, from its figure rows (role, qualifier, counts...)."""
    found: list[Estimate] = []
    parts: dict[tuple[object, object], list[Estimate]] = defaultdict(list)
    for fig in figures:
        if fig["figure_role"] == "breakdown":
            continue
        published = None if pd.isna(fig["published"]) else pd.Timestamp(fig["published"]).date()
        one = figure_estimate(str(fig["qualifier"]), fig["count_low"], fig["count_high"], published)
        if one is None:
            continue
        if fig["figure_role"] == "part":
            parts[(fig["article_id"], fig["sentence"])].append(one)
        else:
            found.append(one)
    return found + [_summed(group) for _, group in sorted(parts.items(), key=lambda kv: str(kv[0]))]


def summarise(found: list[Estimate]) -> dict[str, object]:
    """low, best, high and conflict of a list of estimates (all None when there are none)."""
    if not found:
        return {"low": None, "best": None, "high": None, "conflict": None}
    latest = max((e.published for e in found if e.published is not None), default=None)
    newest = [e for e in found if e.published == latest]
    floor = max(e.low for e in found)
    ceiling = min((e.high for e in found if e.high is not None), default=None)
    return {"low": min(e.point for e in found), "best": min(e.point for e in newest),
            "high": max(e.top for e in found), "conflict": ceiling is not None and floor > ceiling}
