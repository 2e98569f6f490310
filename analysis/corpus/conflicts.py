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


def _labels(mentions: pd.DataFrame) -> dict[str, str]:
    """component -> its most mentioned state, else its most mentioned armed group (ties: the first name)."""
    found: dict[str, str] = {}
    for kind in ("state", "armed_group"):
        totals = mentions[mentions["actor_type"] == kind].groupby(["component", "actor_name"], as_index=False)[
            "mentions"].sum()
        top = totals.sort_values(["component", "mentions", "actor_name"], ascending=[True, False, True],
                                 kind="stable").drop_duplicates("component")
        for component, name in zip(top["component"], top["actor_name"]):
            found.setdefault(component, name)
    return found


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
        first, *others = sorted(members)
        for other in others:
            sets.join(first, other)
    component = {article: sets.find(article) for article in ids}
    labels = _labels(mentions.assign(component=mentions["article_id"].map(component)))
    return {article: labels.get(component[article]) for article in ids}
