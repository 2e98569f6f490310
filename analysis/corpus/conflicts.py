"""Which conflict each article belongs to, named after the state its articles mention most.

Articles are joined when both name the same armed group at least twice (a group fights in one
theatre; a state such as the United States is named in many).  Each joined set is named after
the state with the most mentions across it, else the armed group with the most.  A heuristic,
stated in docs/corpus.md; `None` when nothing fits.  Incidents never join two conflicts.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pandas as pd

MIN_GROUP_MENTIONS = 2


class _Sets:
    """Union-find over article ids."""

    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, item: str) -> str:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def root_mentions(actors: pd.DataFrame) -> pd.DataFrame:
    """Mentions per article and top-level actor, with the top-level actor's name and type."""
    types = {(a, i): t for a, i, t in zip(actors["article_id"], actors["actor_id"], actors["actor_type"].astype(str))}
    frame = pd.DataFrame({
        "article_id": actors["article_id"].astype(str), "root": actors["root_actor"].astype(str),
        "actor_name": actors["root_name"].astype(str), "mentions": actors["mentions"].fillna(0).astype(int),
        "actor_type": [types.get((a, r)) for a, r in zip(actors["article_id"], actors["root_actor"])]})
    return frame.groupby(["article_id", "root", "actor_name", "actor_type"], as_index=False, dropna=False)["mentions"].sum()


def _label(rows: pd.DataFrame) -> str | None:
    """The most mentioned state of a set of articles, else its most mentioned armed group."""
    for kind in ("state", "armed_group"):
        found = rows[rows["actor_type"] == kind].groupby("actor_name")["mentions"].sum()
        if not found.empty:
            top = found.max()
            return sorted(found[found == top].index)[0]
    return None


def conflict_labels(article_ids: Iterable[str], actors: pd.DataFrame) -> dict[str, str | None]:
    """article_id -> conflict name."""
    ids = sorted(set(article_ids))
    sets = _Sets(ids)
    mentions = root_mentions(actors[actors["article_id"].isin(ids)]) if not actors.empty else pd.DataFrame(
        columns=["article_id", "root", "actor_name", "actor_type", "mentions"])
    groups = mentions[(mentions["actor_type"] == "armed_group") & (mentions["mentions"] >= MIN_GROUP_MENTIONS)]
    by_group: dict[str, list[str]] = defaultdict(list)
    for article, root in zip(groups["article_id"], groups["root"]):
        by_group[root].append(article)
    for members in by_group.values():
        for other in sorted(members)[1:]:
            sets.join(sorted(members)[0], other)
    components: dict[str, list[str]] = defaultdict(list)
    for article in ids:
        components[sets.find(article)].append(article)
    labels: dict[str, str | None] = {}
    for members in components.values():
        label = _label(mentions[mentions["article_id"].isin(members)])
        labels.update({m: label for m in members})
    return labels

