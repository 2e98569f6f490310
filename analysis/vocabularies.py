"""The closed vocabularies every layer shares: annotation schema, tables, charts and the annotator.

Each tuple lists the words a field may hold, in the order docs and charts show them.
The annotation loader checks records against them, `analysis.fields` declares them as
categorical levels, and docs/annotations.md describes what each word means.
"""
from __future__ import annotations

ACTOR_TYPES = ("state", "armed_group", "political_organisation", "government_institution",
               "international_organisation", "person", "media", "population", "anonymous_source")
CASUALTY_KINDS = ("killed", "injured", "missing", "hostage")
QUALIFIERS = ("exact", "at_least", "more_than", "about", "nearly", "up_to", "vague")
SCOPES = ("incident", "cumulative")
PRECISIONS = ("day", "week", "month", "year", "duration")
DATE_KINDS = ("point", "interval", "duration")
RESOLUTIONS = ("explicit", "explicit_year_inferred", "weekday_past", "weekday_future", "relative_day",
               "relative_week", "relative_month", "relative_year", "publication_date", "duration")
EVENT_TYPES = ("air_strike", "shelling", "rocket_fire", "armed_clash", "assassination", "attack",
               "killing", "abduction", "negotiation", "agreement", "statement", "threat", "deployment",
               "arms_transfer", "protest", "arrest", "condemnation", "appointment", "other")
MODALITIES = ("happened", "planned", "expected", "threatened", "denied", "possible")
ROLES = ("attacker", "target", "victim", "mediator", "negotiator", "speaker", "addressee",
         "sender", "recipient", "participant")
QUOTE_KINDS = ("direct", "indirect")
SOURCES = ("gold", "auto")
