"""Binary-search lookups over sorted, non-overlapping character spans (quotations, dates), so that asking
whether a span lies inside or touches one of them costs log time instead of a scan of the whole article."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable


class SpanIndex:
    """Spans sorted by start whose ends never decrease (true of spans that do not overlap)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = list(spans)
        self.starts = [s for s, _ in self.spans]
        self.ends = [e for _, e in self.spans]
        if any(a > b for a, b in zip(self.starts, self.starts[1:])) or any(
                a > b for a, b in zip(self.ends, self.ends[1:])):
            raise ValueError("SpanIndex needs spans sorted by start with non-decreasing ends")

    def first_holding(self, start: int, end: int) -> int | None:
        """Index of the first span s with s.start <= start and end <= s.end, or None."""
        p = bisect_right(self.starts, start)
        k = bisect_left(self.ends, end, 0, p)
        return k if k < p else None

    def holds(self, start: int, end: int) -> bool:
        """True when some span has start <= `start` and `end` <= its end."""
        p = bisect_right(self.starts, start)
        return p > 0 and self.ends[p - 1] >= end

    def overlaps(self, start: int, end: int) -> bool:
        """True when some span (a, b) has a < end and start < b."""
        p = bisect_left(self.starts, end)
        return p > 0 and self.ends[p - 1] > start

    def touches(self, start: int, end: int) -> bool:
        """True when `start` lies in [a, b) or `end` lies in (a, b] of some span (a, b)."""
        p = bisect_right(self.starts, start)
        if p > 0 and start < self.ends[p - 1]:
            return True
        p = bisect_left(self.starts, end)
        return p > 0 and end <= self.ends[p - 1]


def between(starts: list[int], lo: int, hi: int) -> range:
    """Indices i of the sorted list `starts` with lo <= starts[i] < hi."""
    return range(bisect_left(starts, lo), bisect_left(starts, hi))
