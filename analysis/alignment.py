"""One-to-one alignment of gold and predicted records whose spans overlap."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any


def overlap(a: Any, b: Any) -> int:
    """How many characters two records with `start`/`end` share."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def align(gold: list[Any], pred: list[Any], same: Callable[[Any, Any], bool]) -> list[tuple[Any, Any]]:
    """One-to-one pairs of overlapping records that `same` accepts, exact spans and larger overlaps first.

    Both lists are swept in text order, so the cost grows with the overlapping pairs, not with
    len(gold) * len(pred).
    """
    order = sorted(range(len(pred)), key=lambda i: (pred[i].start, pred[i].end))
    candidates = []
    for gi, g in enumerate(gold):
        for pi in order:
            p = pred[pi]
            if p.start >= g.end:
                break
            ov = overlap(g, p)
            if ov > 0 and same(g, p):
                exact = g.start == p.start and g.end == p.end
                candidates.append((not exact, -ov, gi, pi))
    candidates.sort()
    pairs, used_g, used_p = [], set(), set()
    for _, _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], pred[pi]))
    return pairs
