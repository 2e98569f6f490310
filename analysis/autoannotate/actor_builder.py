"""The builder the actor rules share: actors registered with their gazetteer chain, mentions, covered tokens."""
from __future__ import annotations

import re
import unicodedata

from .context import Context
from .gazetteer import Gazetteer
from .mentions import ActorRec, MentionRec, MentionSet


def slug(text: str) -> str:
    """A lowercase snake_case id made from a name."""
    text = text.replace("\u2019", "").replace("'", "")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "actor"


class ActorBuilder:
    """Collects actors and mentions while the rules run."""

    def __init__(self, ctx: Context, gaz: Gazetteer) -> None:
        self.ctx = ctx
        self.gaz = gaz
        self.actors: dict[str, ActorRec] = {}
        self.mentions = MentionSet()
        self.covered: set[int] = set()
        # Bare names of bodies first named with their owner ("Lebanon's Health Ministry" -> "health ministry").
        self.bare_forms: dict[str, str] = {}

    def ensure(self, actor_id: str, name: str | None = None, type_: str | None = None,
               affiliation: str | None = None) -> str:
        """Register an actor (with its gazetteer affiliation chain) and return its id."""
        if actor_id in self.actors:
            return actor_id
        entry = self.gaz.entries.get(actor_id)
        if entry is not None:
            self.actors[actor_id] = ActorRec(entry.id, entry.name, entry.type, entry.affiliation, list(entry.aliases))
            if entry.affiliation:
                self.ensure(entry.affiliation)
        else:
            self.actors[actor_id] = ActorRec(actor_id, name or actor_id, type_ or "person", affiliation)
        return actor_id

    def add(self, actor_id: str, t0: int, t1: int, metonymy: bool = False, kind: str = "name",
            cover: bool = True) -> MentionRec:
        """Add a mention over tokens [t0, t1)."""
        toks = self.ctx.tokens
        start, end = toks[t0].start, toks[t1 - 1].end
        m = MentionRec(actor_id, start, end, self.ctx.text[start:end], t0, t1, metonymy, kind)
        self.mentions.append(m)
        if cover:
            self.covered.update(range(t0, t1))
        return m
