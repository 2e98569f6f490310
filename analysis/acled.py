"""Crosswalks from our vocabularies to the codes ACLED and UCDP analysts already use.

Where a category of ours has no single counterpart (an assassination may be an air
strike or a shooting; a statement is not an ACLED event) the crosswalk gives None
rather than a guess.  Sources: the ACLED codebook (event types, `inter` codes,
`time_precision`) and the UCDP GED codebook (`date_prec`); see the domain notes shared beside the project (`../shared/domain-notes.md`).
"""
from __future__ import annotations

import datetime as dt

# ACLED `inter` codes: 1 state forces, 2 rebel groups, 3 political militias, 4 identity
# militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
ACTOR_INTER: dict[str, int | None] = {
    "state": 1,
    "government_institution": 1,
    "armed_group": 2,
    "political_organisation": None,
    "international_organisation": 8,
    "population": 7,
    "media": 7,
    "person": None,
    "anonymous_source": None,
}
# A person or an anonymous source is coded as the actor it belongs to.
_INHERITS_INTER = frozenset({"person", "anonymous_source"})

EVENT_TYPES: dict[str, tuple[str, str] | None] = {
    "air_strike": ("Explosions/Remote violence", "Air/drone strike"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "rocket_fire": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "armed_clash": ("Battles", "Armed clash"),
    "abduction": ("Violence against civilians", "Abduction/forced disappearance"),
    "agreement": ("Strategic developments", "Agreement"),
    "arrest": ("Strategic developments", "Arrests"),
    "deployment": ("Strategic developments", "Change to group/activity"),
    "arms_transfer": ("Strategic developments", "Change to group/activity"),
    "appointment": ("Strategic developments", "Change to group/activity"),
    "protest": ("Protests", "Peaceful protest"),
    "assassination": None,
    "attack": None,
    "killing": None,
    "negotiation": None,
    "statement": None,
    "threat": None,
    "condemnation": None,
    "other": None,
}

# ACLED time_precision: 1 the exact day, 2 within a week or weekend, 3 within a month.
ACLED_TIME_PRECISION: dict[str, int | None] = {
    "day": 1, "week": 2, "month": 3, "year": None, "duration": None,
}
# UCDP date_prec: 1 exact day, 2 a span of up to 6 days, 3 a week, 4 a month, 5 a year.
UCDP_DATE_PREC: dict[str, int | None] = {
    "day": 1, "week": 3, "month": 4, "year": 5, "duration": None,
}


def acled_inter(actor_type: str, root_type: str | None = None) -> int | None:
    """ACLED `inter` code of an actor; persons and anonymous sources take their root actor's code."""
    code = ACTOR_INTER.get(actor_type)
    if code is None and actor_type in _INHERITS_INTER and root_type and root_type not in _INHERITS_INTER:
        return ACTOR_INTER.get(root_type)
    return code


def acled_event_type(event_type: str) -> tuple[str | None, str | None]:
    """ACLED (event type, sub-event type) of one of our event types, or (None, None)."""
    pair = EVENT_TYPES.get(event_type)
    return pair if pair is not None else (None, None)


def acled_time_precision(precision: str) -> int | None:
    """ACLED `time_precision` of a date of the given precision."""
    return ACLED_TIME_PRECISION.get(precision)


def ucdp_date_prec(precision: str, start: dt.date | None = None, end: dt.date | None = None) -> int | None:
    """UCDP `date_prec`; a week-precision span shorter than 7 days (a weekend) is code 2."""
    if precision == "week" and start is not None and end is not None and (end - start).days < 6:
        return 2
    return UCDP_DATE_PREC.get(precision)
