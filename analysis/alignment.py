"""One-to-one alignment of gold and predicted records whose spans overlap."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from typing import Any


def overlap(a: Any, b: Any) -> int:
    """How many characters two records with `start`/`end` share."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def overlapping(gold: list[Any], pred: list[Any]) -> Iterator[tuple[int, int, int]]:
    """(gold index, pred index, characters shared) for every pair of overlapping records.

    Predictions are sorted by start; a gold span can only meet those starting less than the
    longest prediction before it, so each gold record looks at a window found by bisection and
    the cost grows with the pairs that overlap, not with len(gold) * len(pred).
    """
    order = sorted(range(len(pred)), key=lambda i: (pred[i].start, pred[i].end))
    starts = [pred[i].start for i in order]
    longest = max((p.end - p.start for p in pred), default=0)
    for gi, g in enumerate(gold):
        for k in range(bisect_right(starts, g.start - longest), bisect_left(starts, g.end)):
            pi = order[k]
            shared = overlap(g, pred[pi])
            if shared > 0:
                yield gi, pi, shared


def align(gold: list[Any], pred: list[Any], same: Callable[[Any, Any], bool]) -> list[tuple[Any, Any]]:
    """One-to-one pairs of overlapping records that `same` accepts, exact spans and larger overlaps first."""
    candidates = []
    for gi, pi, shared in overlapping(gold, pred):
        g, p = gold[gi], pred[pi]
        if same(g, p):
            exact = g.start == p.start and g.end == p.end
            candidates.append((not exact, -shared, gi, pi))
    candidates.sort()
    pairs, used_g, used_p = [], set(), set()
    for _, _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], pred[pi]))
    return pairs
