"""Place names in an event's location, and whether two locations can be the same place.

There is no place gazetteer: a location is reduced to its proper names ("Al-Nour camp near
Bara" -> "al-nour", "bara").  A name is *broad* when it may hold another place: a country
(from the actor gazetteer), a name starting with a compass word ("North Kordofan") or followed
by a word such as "territory" or "province", or a name the location only stands near ("near
Bara", "west of El Fasher").  A broad name never rules a match out.
"""
from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable

from ..paths import DATA_DIR

REGION_MARK = "~"
SEPARATOR = "|"
COMPASS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                     "upper", "lower", "northeast", "northwest", "southeast", "southwest", "greater"})
REGION_NOUNS = frozenset({"region", "province", "state", "district", "governorate", "oblast", "county", "territory",
                          "prefecture", "department", "division", "zone", "area", "valley"})
_PARTICLES = r"(?:al|el|de|du|des|la|le|of|the|bin|ibn|wa|van|von|do|da)"
_NAME = re.compile(rf"[A-Z][\w'’-]*(?:\s+(?:{_PARTICLES}\s+)?[A-Z][\w'’-]*)*")
_POSSESSIVE = re.compile(r"['’]s\b")
_NOT_PLACES = frozenset({"the", "a", "an", "on", "in", "at"})
_NEAR = re.compile(r"\b(?:near|outside|close to|(?:north|south|east|west|northeast|northwest|southeast|southwest)"
                   r"(?:ern)? of|from)\s+(?:the\s+)?$", re.I)


@functools.cache
def country_names() -> frozenset[str]:
    """Lower-case names and aliases of every state in the actor gazetteer."""
    data = json.loads((DATA_DIR / "gazetteer.json").read_text(encoding="utf-8"))
    names = set()
    for state in data["states"]:
        names.add(state["name"].lower())
        names.update(alias.lower() for alias in state.get("aliases", []))
    return frozenset(names)


def place_names(location: str | None) -> list[str]:
    """The proper names of a location, lower case, broad ones marked with a leading '~'."""
    if not location:
        return []
    text = _POSSESSIVE.sub(" ,", location)
    names = []
    for found in _NAME.finditer(text):
        name = found.group(0).lower()
        if name in _NOT_PLACES:
            continue
        after = text[found.end():].split(None, 1)
        region = (name in country_names() or name.split()[0] in COMPASS or bool(_NEAR.search(text[:found.start()]))
                  or bool(after and after[0].strip(",.;").lower() in REGION_NOUNS))
        names.append(REGION_MARK + name if region else name)
    return sorted(set(names))


def encode(names: Iterable[str]) -> str | None:
    """Names as one string for a table cell ('' becomes None)."""
    return SEPARATOR.join(names) or None


def decode(cell: object) -> frozenset[str]:
    """The names a cell holds."""
    return frozenset(str(cell).split(SEPARATOR)) if isinstance(cell, str) and cell else frozenset()


def bare(name: str) -> str:
    """A name without its region mark."""
    return name.removeprefix(REGION_MARK)


def related_pairs(locations: Iterable[frozenset[str]]) -> frozenset[frozenset[str]]:
    """Pairs of names written together in one location ('Dega Mariam, Amhara'): one may hold the other."""
    pairs = set()
    for names in locations:
        plain = sorted({bare(n) for n in names})
        pairs.update(frozenset((a, b)) for i, a in enumerate(plain) for b in plain[i + 1:])
    return frozenset(pairs)


def compare(a: frozenset[str], b: frozenset[str], related: frozenset[frozenset[str]]) -> int:
    """+1 the same (or a written-together) place, 0 unknown or broad enough to hold the other, -1 different."""
    if not a or not b:
        return 0
    plain_a, plain_b = {bare(n) for n in a}, {bare(n) for n in b}
    if plain_a & plain_b or any(frozenset((x, y)) in related for x in plain_a for y in plain_b):
        return 1
    if all(n.startswith(REGION_MARK) for n in a) or all(n.startswith(REGION_MARK) for n in b):
        return 0
    return -1
