"""Actor mentions and the indexes that find them by token or character position in log or constant time."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..annotations import Actor
from .gazetteer import Gazetteer

# The annotator works on the schema's own actor record.
ActorRec = Actor


@dataclass
class MentionRec:
    """One place an actor is named, with its token range."""

    actor: str
    start: int
    end: int
    text: str
    tok_start: int
    tok_end: int
    metonymy: bool = False
    kind: str = "name"


class MentionIndex:
    """Lookups over a list of mentions sorted by start (as ActorLayer.mentions is); results keep list order."""

    def __init__(self, mentions: list[MentionRec]) -> None:
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.tok_starts = [m.tok_start for m in mentions]
        self.by_tok_end: dict[int, list[int]] = {}
        for n, m in enumerate(mentions):
            self.by_tok_end.setdefault(m.tok_end, []).append(n)

    def ending_at(self, *toks: int) -> list[MentionRec]:
        """Mentions whose last token is just before one of `toks`, in list order."""
        found = sorted(n for t in set(toks) for n in self.by_tok_end.get(t, ()))
        return [self.mentions[n] for n in found]

    def starting_from(self, lo: int, hi: int) -> list[MentionRec]:
        """Mentions whose first character lies in [lo, hi), in list order."""
        return self.mentions[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

    def starting_after(self, lo: int, hi: int) -> list[MentionRec]:
        """Mentions whose first character lies in (lo, hi], in list order."""
        return self.mentions[bisect_right(self.starts, lo):bisect_right(self.starts, hi)]

    def tok_range(self, lo: int, hi: int) -> range:
        """Positions in the list of the mentions whose first token lies in [lo, hi)."""
        return range(bisect_left(self.tok_starts, lo), bisect_left(self.tok_starts, hi))


@dataclass
class ActorLayer:
    """The actors found in one article and every mention of them, in text order."""

    actors: dict[str, ActorRec]
    mentions: list[MentionRec]
    gazetteer: Gazetteer | None = None
    _index: MentionIndex | None = field(default=None, repr=False, compare=False)

    @property
    def index(self) -> MentionIndex:
        """Lookups over the mentions (built on first use; the mention list must not change afterwards)."""
        if self._index is None or self._index.mentions is not self.mentions:
            self._index = MentionIndex(self.mentions)
        return self._index

    def institution(self, state_id: str, form: str) -> str | None:
        """The id of a state's institution named by its bare form ("mission to the United Nations"), registered."""
        gaz = self.gazetteer
        actor_id = gaz.institution(state_id, form) if gaz is not None else None
        if gaz is None or actor_id is None:
            return None
        for aid in gaz.chain(actor_id):
            if aid not in self.actors:
                e = gaz.entries[aid]
                self.actors[aid] = ActorRec(e.id, e.name, e.type, e.affiliation, list(e.aliases))
        return actor_id

    def actor_type(self, actor_id: str) -> str:
        return self.actors[actor_id].type if actor_id in self.actors else ""


class MentionSet:
    """The mentions made while the actor rules run: appended, removed, and found by the tokens they start, end
    or cover, always in the order they were added (what a plain list would give, without scanning it)."""

    def __init__(self) -> None:
        self._items: list[MentionRec] = []
        self._order: dict[int, int] = {}
        self._by_start: dict[int, list[MentionRec]] = {}
        self._by_end: dict[int, list[MentionRec]] = {}
        self._longest = 0

    def append(self, m: MentionRec) -> None:
        self._order[id(m)] = len(self._items)
        self._items.append(m)
        self._by_start.setdefault(m.tok_start, []).append(m)
        self._by_end.setdefault(m.tok_end, []).append(m)
        self._longest = max(self._longest, m.tok_end - m.tok_start)

    def remove(self, m: MentionRec) -> None:
        """Remove the first live mention equal to `m` (as list.remove does)."""
        x = next((x for x in self._by_start.get(m.tok_start, ()) if x == m), None)
        if x is None:
            raise ValueError("MentionSet.remove(m): m not in set")
        _drop(self._by_start[x.tok_start], x)
        _drop(self._by_end[x.tok_end], x)
        del self._order[id(x)]

    def __iter__(self) -> Iterator[MentionRec]:
        return (m for m in self._items if id(m) in self._order)

    def snapshot(self) -> list[MentionRec]:
        """The live mentions, in the order they were added."""
        return list(self)

    def starting_at(self, *toks: int) -> list[MentionRec]:
        """Live mentions whose first token is one of `toks`, in the order added."""
        return self._ordered(m for t in set(toks) for m in self._by_start.get(t, ()))

    def ending_at(self, *toks: int) -> list[MentionRec]:
        """Live mentions that end just before one of `toks`, in the order added."""
        return self._ordered(m for t in set(toks) for m in self._by_end.get(t, ()))

    def covering(self, tok: int) -> list[MentionRec]:
        """Live mentions whose tokens include `tok`, in the order added."""
        return self._ordered(m for t in range(max(0, tok - self._longest + 1), tok + 1)
                             for m in self._by_start.get(t, ()) if m.tok_end > tok)

    def _ordered(self, ms: Iterator[MentionRec] | list[MentionRec]) -> list[MentionRec]:
        return sorted(ms, key=lambda m: self._order[id(m)])


def _drop(bucket: list[MentionRec], x: MentionRec) -> None:
    """Delete the very object `x` (not merely an equal one) from a bucket."""
    del bucket[next(n for n, y in enumerate(bucket) if y is x)]
