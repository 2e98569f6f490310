"""Where an event happened, read from the words after its trigger or from a place the sentence opens with.

News names a place in a few set ways: a preposition and a name ("in Kharkiv", "near Bara"), a
described place ("the central city of Dnipro", "the village of Ngeri"), a named site ("the
Al-Nour displacement camp", "the Sobornyi district"), a part of a country ("northeast Syria",
"Russia's Samara region"), each optionally placed further ("outside Bara", ", in Masisi
territory").  A sentence that opens with "In Manbij," places every event in it.  A name the
annotator knows as an actor (a group, a person) is not read as a place after "on" or "against",
where it is the target; after "in", "at" or "near" a country or city name is a place.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from . import lexicon as L

_WORD = r"[A-Z](?:[\w-]|[\u2019'](?!s\b))*"
_PARTICLE = r"(?:al|el|de|du|des|la|le|bin|ibn|wa|van|von|do|da)"
NAME = rf"{_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_WORD}){{0,3}}"
COMPASS = (r"(?:north|south|east|west|northern|southern|eastern|western|central|north-?east(?:ern)?|"
           r"north-?west(?:ern)?|south-?east(?:ern)?|south-?west(?:ern)?)")
KINDS = (r"(?:town|city|village|villages|camp|district|region|province|state|territory|county|neighbou?rhood|"
         r"area|suburb|port|port city|capital|outskirts|settlement|hamlet|municipality|governorate|oblast|"
         r"commune|locality|enclave|strip|valley|border town|market town)")
SITES = (r"(?:camp|market|district|region|province|territory|county|area|neighbou?rhood|hospital|school|"
         r"prison|base|airport|airbase|port|refinery|dam|bridge|square|mosque|church|compound|border crossing|"
         r"crossing|refugee camp|displacement camp|settlement|oblast|governorate|state)")
_DESCRIBED = rf"(?:the\s+)?(?:[\w\u2019'-]+\s+){{0,4}}?{KINDS}\s+of\s+{NAME}"
_SITE = rf"(?:the\s+)?{NAME}(?:\s+[a-z]+)?\s+{SITES}\b"
_PART = rf"(?:the\s+)?{COMPASS}\s+{NAME}"
_POSSESSED = rf"{NAME}[\u2019']s\s+(?:{COMPASS}\s+)?{NAME}(?:\s+{SITES}\b)?"
_PLACE = rf"(?:{_DESCRIBED}|{_SITE}|{_POSSESSED}|{_PART}|{NAME})"
_FURTHER = rf"(?:,?\s+(?:in|outside|near|close to|{COMPASS}\s+of)\s+{_PLACE})?"
_PHRASE = rf"(?P<place>{_PLACE}{_FURTHER})"
# A place after the trigger: a few words, a preposition, then the place.
_AFTER = re.compile(rf"\s+(?:[\w\u2019'-]+,?\s+){{0,7}}?(?P<prep>in|at|near|outside|around|across|inside|on|"
                    rf"against|targeting)\s+{_PHRASE}")
_OPENING = re.compile(rf"(?:In|At|Near|Outside|Around)\s+{_PHRASE}\s*,")
_TARGETING = frozenset({"on", "against", "targeting"})
# Words after "in" that begin a name but are not places ("in March", "in Parliament").
NOT_PLACES = L.CALENDAR_WORDS | frozenset({"Parliament", "Congress", "The", "A", "An", "His", "Her", "Their",
                                           "Its", "This", "That", "These", "Those", "English", "Arabic"})
_CALENDAR_TAIL = re.compile(rf",?\s+(?:in|near|outside)\s+(?:{'|'.join(sorted(L.CALENDAR_WORDS))})\b.*$")
# Where the trigger's clause ends: punctuation that closes it, or a word that opens another clause.
_STOP = re.compile(r"[.;:!?\u201c\u201d\"(]|\s(?:after|before|when|while|as|which|who|whom|that|because|since|"
                   r"but|although|until|where)\s")


def _clean(place: str) -> str | None:
    """The place as stated, without a leading 'the'; None for a calendar word or a non-place."""
    place = re.sub(r"^the\s+", "", _CALENDAR_TAIL.sub("", place.strip().rstrip(",")))
    first = place.split()[0] if place else ""
    return None if not place or first in NOT_PLACES else place


def place_after(text: str, is_actor: Callable[[int, int], bool], offset: int = 0) -> str | None:
    """The place stated in `text` (the words after a trigger, up to the end of its clause), or None.

    `is_actor(start, end)` tells whether a name at those offsets (text offset + `offset`) is an
    actor's mention; after 'on', 'against' and the like such a name is the target, not the place.
    """
    stop = _STOP.search(text)
    found = _AFTER.match(text[:stop.start()] if stop else text)
    if found is None:
        return None
    start, end = found.span("place")
    if found.group("prep") in _TARGETING and is_actor(offset + start, offset + end):
        return None
    return _clean(found.group("place"))


def opening_place(sentence: str) -> str | None:
    """The place a sentence opens with ('In Manbij, ...'), or None."""
    found = _OPENING.match(sentence.lstrip())
    return _clean(found.group("place")) if found else None
