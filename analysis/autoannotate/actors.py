"""Actors and their mentions: the rules run in order over one builder (see docs/annotation-guidelines.md).

Module map: gazetteer_matches (gazetteer names, seats, capitals, demonyms, populations, possessive institutions),
name_runs (capitalised runs and the context that tells people, places and bodies apart), organisations
(organisation and outlet names), name_discovery (names the gazetteer lacks), aliases (acronyms, surnames),
anonymous_sources ("a senior official"), actor_builder and mentions (the records and their indexes).
"""
from __future__ import annotations

from .actor_builder import ActorBuilder
from .aliases import parenthesised_acronyms, surnames
from .anonymous_sources import anonymous_sources
from .context import Context
from .gazetteer import load_gazetteer, phrase_matcher
from .gazetteer_matches import gazetteer_mentions, population_nouns, possessive_institutions
from .mentions import ActorLayer, MentionRec
from .name_discovery import discover_names
from .organisations import lowercase_ministries, named_by_noun_after, outlet_names

__all__ = ["ActorLayer", "MentionRec", "find_actors"]


def find_actors(ctx: Context, gazetteer_path: str | None = None) -> ActorLayer:
    """Every actor mention of the article, by the rules of docs/annotation-guidelines.md."""
    gaz = load_gazetteer(gazetteer_path)
    b = ActorBuilder(ctx, gaz)
    gazetteer_mentions(b, phrase_matcher(gazetteer_path))
    possessive_institutions(b)
    population_nouns(b)
    outlet_names(b)
    discover_names(b)
    lowercase_ministries(b)
    named_by_noun_after(b)
    parenthesised_acronyms(b)
    surnames(b)
    anonymous_sources(b)
    return ActorLayer(b.actors, sorted(b.mentions, key=lambda m: (m.start, -m.end, m.actor)), gaz)
