"""Every table's columns, declared once: name, dtype and a one-line meaning.

The dataframe schemas (pandera), the CSV headers and docs/tables.md are all made
from these declarations, so they cannot drift apart (as PUDL does with its field
metadata).  dtypes are pandas dtype names; "category" columns list their levels.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import annotations as A


@dataclass(frozen=True)
class Column:
    """One column: its name, pandas dtype, meaning and, for categoricals, its levels."""

    name: str
    dtype: str
    description: str
    categories: tuple[str, ...] = ()
    nullable: bool = True


def _c(name: str, dtype: str, description: str, categories: tuple[str, ...] = (),
       nullable: bool = True) -> Column:
    return Column(name, dtype, description, categories, nullable)


def _k(name: str, dtype: str, description: str, categories: tuple[str, ...] = ()) -> Column:
    """A column that is never empty (keys, offsets, required vocabularies)."""
    return Column(name, dtype, description, categories, nullable=False)


SPAN = (
    _k("start", "Int64", "Offset of the span's first character in the repaired text."),
    _k("end", "Int64", "Offset just past the span's last character."),
    _k("text", "string", "The text the span covers, verified on load."),
    _c("sentence", "Int64", "Index of the sentence holding the span (0 is the title)."),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "sentences": (
        _k("sentence", "Int64", "Sentence index through the article; 0 is the title."),
        _k("paragraph", "Int64", "Paragraph (line) index; 0 is the title."),
        _k("start", "Int64", "Offset of the sentence's first character."),
        _k("end", "Int64", "Offset just past its last character."),
        _k("text", "string", "The sentence as repaired."),
    ),
    "repairs": (
        _k("raw_start", "Int64", "Offset of the repaired sequence in the raw (decoded) text."),
        _k("raw_end", "Int64", "Offset just past it in the raw text."),
        _k("raw_text", "string", "The mojibake as it stood in the file."),
        _k("start", "Int64", "Where the replacement begins in the repaired text."),
        _k("replacement", "string", "What it was replaced with."),
        _k("rule", "category", "Which repair, and for a lost byte which context rule, decided it."),
    ),
    "actors": (
        _k("actor_id", "string", "Stable identifier of the actor."),
        _k("name", "string", "Canonical name."),
        _k("type", "category", "Kind of actor.", A.ACTOR_TYPES),
        _c("affiliation", "string", "Id of the actor it belongs to (Kirby -> NSC), if any."),
        _k("root_actor", "string", "Id of the state or group at the top of its affiliation chain."),
        _k("root_name", "string", "Name of that top-level actor."),
        _c("acled_inter", "Int64", "ACLED actor type code (1 state forces ... 8 external/other), where one fits."),
        _c("aliases", "string", "Other names it goes by, separated by '; '."),
        _k("mentions", "Int64", "How many times the article names it."),
    ),
    "mentions": (
        _k("mention_id", "string", "Identifier of the mention."),
        _k("actor_id", "string", "The actor named."),
        _k("actor_name", "string", "Its canonical name."),
        _k("actor_type", "category", "Its kind.", A.ACTOR_TYPES),
        _k("root_actor", "string", "The state or group it rolls up to."),
        _k("metonymy", "boolean", "True when a place or building stands for an actor ('Tehran', 'the Pentagon')."),
        *SPAN,
    ),
    "casualties": (
        _k("casualty_id", "string", "Identifier of the casualty claim."),
        _k("kind", "category", "killed, injured, missing or hostage.", A.CASUALTY_KINDS),
        _c("count_low", "Int64", "Lowest count the wording allows; empty when open below ('nearly 40,000')."),
        _c("count_high", "Int64", "Highest count the wording allows; empty when open above ('at least 93')."),
        _k("qualifier", "category", "How the number is worded.", A.QUALIFIERS),
        _c("vague_word", "string", "The vague quantity word, when there is one ('several', 'dozens')."),
        _c("acled_fatalities", "Int64", "What ACLED would code: the conservative figure (dozens = 12, hundreds = 100); killed in one incident only (ACLED codes no running tolls)."),
        _c("victims", "string", "Who the victims are, as written."),
        _c("victim_actor", "string", "Actor id of the victims, when they are an actor."),
        _c("perpetrator", "string", "Actor id of whoever caused the casualties, when stated."),
        _k("cumulative", "boolean", "True for a war-wide or running toll, False for one incident."),
        _c("date", "datetime64[ns]", "First day of the period the figure refers to."),
        _c("date_end", "datetime64[ns]", "Last day of that period."),
        _c("date_text", "string", "The date expression as written."),
        _c("event_id", "string", "The event that caused the casualties, when annotated."),
        _c("reported_by", "string", "Who gave the figure ('local officials', 'the IDF')."),
        _c("reported_by_actor", "string", "Actor id of that source, when it is an actor."),
        *SPAN,
    ),
    "dates": (
        _k("date_id", "string", "Identifier of the temporal expression."),
        *SPAN[:3],
        _k("value", "string", "Resolved value, TIMEX3-like: 2024-08-10, 2024-W32, 2024-07, 2024, P10M."),
        _k("kind", "category", "point (a day), interval (week, month, year) or duration.", A.DATE_KINDS),
        _k("precision", "category", "Granularity of the value.", A.PRECISIONS),
        _k("resolution", "category", "How the value was resolved.", A.RESOLUTIONS),
        _c("start_date", "datetime64[ns]", "First day the expression covers."),
        _c("end_date", "datetime64[ns]", "Last day it covers."),
        _c("acled_time_precision", "Int64", "ACLED time_precision: 1 day, 2 week, 3 month."),
        _c("ucdp_date_prec", "Int64", "UCDP date_prec: 1 day, 3 week, 4 month, 5 year."),
        SPAN[3],
    ),
    "events": (
        _k("event_id", "string", "Identifier of the event."),
        _k("type", "category", "What kind of event.", A.EVENT_TYPES),
        _c("acled_event_type", "string", "ACLED event type, where one fits."),
        _c("acled_sub_event_type", "string", "ACLED sub-event type, where one fits."),
        _k("modality", "category", "happened, planned, expected, threatened, denied or possible.", A.MODALITIES),
        _c("date", "datetime64[ns]", "First day of the event's date, when known."),
        _c("date_end", "datetime64[ns]", "Last day of that date."),
        _c("date_precision", "category", "Precision of the date.", A.PRECISIONS),
        _c("date_text", "string", "The date expression as written."),
        _c("location", "string", "Where it took place, as written."),
        _c("participants", "string", "actor_id:role pairs, separated by '; '."),
        *SPAN,
    ),
    "participants": (
        _k("event_id", "string", "The event."),
        _k("actor_id", "string", "An actor taking part."),
        _k("actor_name", "string", "Its canonical name."),
        _k("role", "category", "Its role in the event.", A.ROLES),
    ),
    "quotes": (
        _k("quote_id", "string", "Identifier of the quote."),
        _c("speaker", "string", "Canonical name of the speaker; empty when unattributed."),
        _c("speaker_id", "string", "Actor id of the speaker."),
        _c("speaker_root", "string", "Name of the state or group the speaker belongs to (its side)."),
        _k("kind", "category", "direct (in quotation marks) or indirect (reported speech).", A.QUOTE_KINDS),
        _c("cue", "string", "The speech verb ('said', 'warned')."),
        *SPAN,
    ),
    "mentions_per_actor": (
        _k("actor_id", "string", "The actor (or, rolled up, the top-level actor)."),
        _k("name", "string", "Its canonical name."),
        _k("type", "category", "Its kind.", A.ACTOR_TYPES),
        _k("mentions", "Int64", "Mentions of the actor itself."),
        _k("rolled_up_mentions", "Int64", "Mentions of the actor and everyone affiliated to it."),
    ),
    "cooccurrence": (
        _k("actor_a", "string", "One actor id (the alphabetically first)."),
        _k("actor_b", "string", "The other actor id."),
        _k("sentences", "Int64", "Number of sentences that name both."),
    ),
    "timeline": (
        _k("event_id", "string", "The event."),
        _k("type", "category", "Its type.", A.EVENT_TYPES),
        _k("modality", "category", "Whether it happened or is planned, expected...", A.MODALITIES),
        _k("start_date", "datetime64[ns]", "First day of its date."),
        _k("end_date", "datetime64[ns]", "Last day of its date."),
        _k("precision", "category", "day, week, month or year.", A.PRECISIONS),
        _k("date_text", "string", "The date expression as written."),
        _k("label", "string", "Short description: trigger and participants."),
        _c("sentence", "Int64", "Sentence that states it."),
    ),
}

# What one row of each table is; docs/tables.md opens each section with it.
TABLE_DESCRIPTIONS: dict[str, str] = {
    "sentences": "One row per sentence of the repaired article, in reading order.",
    "repairs": "One row per mojibake sequence the loader repaired, in raw-text order.",
    "actors": "One row per actor, with the top of its affiliation chain and its mention count.",
    "mentions": "One row per place an actor is named, in text order.",
    "casualties": "One row per casualty figure, with its wording, scope, date and source.",
    "dates": "One row per temporal expression and its resolved value, in text order.",
    "events": "One row per event trigger, with its modality, date, place and participants.",
    "participants": "One row per actor taking part in an event, and its role.",
    "quotes": "One row per direct or indirect quote, with its speaker and side.",
    "mentions_per_actor": "One row per actor: its own mentions and those rolled up from the actors affiliated to it.",
    "cooccurrence": "One row per pair of actors named in the same sentence at least once.",
    "timeline": "One row per event whose date covers known days, in date order.",
}


def columns(table: str) -> list[str]:
    """Column names of a table, in declared order."""
    return [c.name for c in TABLES[table]]
