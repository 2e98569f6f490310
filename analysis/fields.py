"""Every table's columns, declared once: each field name has one dtype and one meaning everywhere.

`FIELDS` declares every column name once (dtype, meaning, categorical levels); `TABLES`
lists, per table, which fields it holds in which order and which of them may be empty.
A name is never used for two meanings (hence `casualty_kind`, `date_kind`, `quote_kind`,
`actor_type`, `event_type`), and one meaning never goes by two names (every period is
`start_date`/`end_date`).  The dataframe schemas (pandera), the CSV headers and
docs/tables.md are all made from these declarations, so they cannot drift apart (as PUDL
does with its field metadata).  dtypes are pandas dtype names; "category" columns list
their levels.  Each field also has the label readers see as its column header in the
reports, and each categorical level a readable form (`LEVEL_LABELS`, else spaces for `_`);
`SHOWN` declares the columns the report tables add to the stored ones (`sentence_text`, ...).
"""
from __future__ import annotations

from dataclasses import dataclass

from . import vocabularies as V


@dataclass(frozen=True)
class Column:
    """One column: its name, pandas dtype, meaning, for categoricals its levels, whether it may be empty, and its label."""

    name: str
    dtype: str
    description: str
    categories: tuple[str, ...] = ()
    nullable: bool = True
    label: str = ""


# Dates are held in microseconds, pandas' default unit, which spans years 1 to 9999 (nanoseconds stop at 1677-2262).
DATE = "datetime64[us]"


def _f(name: str, dtype: str, label: str, description: str, categories: tuple[str, ...] = ()) -> Column:
    return Column(name, dtype, description, categories, label=label)


FIELDS: dict[str, Column] = {f.name: f for f in (
    # offsets and text
    _f("start", "Int64", "Start offset", "Offset of the first character in the repaired text (of the span, sentence or replacement)."),
    _f("end", "Int64", "End offset", "Offset just past the last character in the repaired text."),
    _f("text", "string", "Text", "The repaired text it covers; an annotation's span is verified against the article on load."),
    _f("sentence", "Int64", "Sentence", "Sentence index through the article (0 is the title): the sentence itself, "
                            "or the one holding the row's text."),
    _f("paragraph", "Int64", "Paragraph", "Paragraph (line) index; 0 is the title."),
    _f("raw_start", "Int64", "Raw start offset", "Offset of the repaired sequence in the raw (decoded) text."),
    _f("raw_end", "Int64", "Raw end offset", "Offset just past it in the raw text."),
    _f("raw_text", "string", "As it stood", "The mojibake as it stood in the file."),
    _f("replacement", "string", "Replaced with", "What it was replaced with."),
    _f("rule", "category", "Repair rule", "Which repair, and for a lost byte which context rule, decided it."),
    # actors
    _f("actor_id", "string", "Actor id", "Stable identifier of an actor."),
    _f("actor_name", "string", "Actor", "Canonical name of that actor."),
    _f("actor_type", "category", "Kind of actor", "Kind of actor.", V.ACTOR_TYPES),
    _f("affiliation", "string", "Belongs to", "Id of the actor it belongs to, one step up (Kirby -> NSC), if any."),
    _f("root_actor", "string", "State or group id", "Id of the state or group at the top of its affiliation chain."),
    _f("root_name", "string", "State or group", "Name of that top-level actor."),
    _f("acled_inter", "Int64", "ACLED actor code", "ACLED actor type code (1 state forces ... 8 external/other), where one fits."),
    _f("aliases", "string", "Also called", "Other names it goes by, separated by '; '."),
    _f("mentions", "Int64", "Mentions", "How many times the article names the actor itself."),
    _f("rolled_up_mentions", "Int64", "Mentions, rolled up", "Mentions of the actor and of everyone affiliated to it, at any depth."),
    _f("mention_id", "string", "Mention id", "Identifier of the mention."),
    _f("metonymy", "boolean", "Place standing for actor", "True when a place or building stands for an actor ('Tehran', 'the Pentagon')."),
    _f("actor_a", "string", "Actor", "One actor id of a pair (the alphabetically first)."),
    _f("actor_b", "string", "Named with", "The other actor id of the pair."),
    _f("sentences", "Int64", "Sentences", "Number of sentences that name both actors of the pair."),
    # casualties
    _f("casualty_id", "string", "Figure id", "Identifier of the casualty claim."),
    _f("casualty_kind", "category", "Kind", "killed, injured, missing or hostage.", V.CASUALTY_KINDS),
    _f("count_low", "Int64", "Lowest count", "Lowest count the wording allows; empty when open below ('nearly 40,000')."),
    _f("count_high", "Int64", "Highest count", "Highest count the wording allows; empty when open above ('at least 93')."),
    _f("qualifier", "category", "Wording", "How the number is worded.", V.QUALIFIERS),
    _f("vague_word", "string", "Vague word", "The vague quantity word, when there is one ('several', 'dozens')."),
    _f("acled_fatalities", "Int64", "ACLED fatalities", "What ACLED would code: the conservative figure (dozens = 12, hundreds = 100); "
                                    "killed in one incident only (ACLED codes no running tolls)."),
    _f("victims", "string", "Victims", "Who the victims are, as written."),
    _f("victim_actor", "string", "Victims (actor id)", "Actor id of the victims, when they are an actor."),
    _f("perpetrator", "string", "Caused by", "Actor id of whoever caused the casualties, when stated."),
    _f("cumulative", "boolean", "Running toll", "True for a war-wide or running toll, False for one incident."),
    _f("reported_by", "string", "Reported by", "Who gave the figure ('local officials', 'the IDF')."),
    _f("reported_by_actor", "string", "Reported by (actor id)", "Actor id of that source, when it is an actor."),
    # dates
    _f("date_id", "string", "Date id", "Identifier of the temporal expression."),
    _f("value", "string", "Resolved value", "Resolved value, TIMEX3-like: 2024-08-10, 2024-W32, 2024-07, 2024, P10M."),
    _f("date_kind", "category", "Kind of date", "point (a day), interval (week, month, year) or duration.", V.DATE_KINDS),
    _f("precision", "category", "Precision", "Granularity of the date.", V.PRECISIONS),
    _f("resolution", "category", "Resolved from", "How the value was resolved.", V.RESOLUTIONS),
    _f("start_date", DATE, "From", "First day of the period the row's date covers."),
    _f("end_date", DATE, "To", "Last day of that period."),
    _f("date_text", "string", "Date as written", "The date expression as written."),
    _f("acled_time_precision", "Int64", "ACLED time precision", "ACLED time_precision: 1 day, 2 week, 3 month."),
    _f("ucdp_date_prec", "Int64", "UCDP date precision", "UCDP date_prec: 1 day, 3 week, 4 month, 5 year."),
    # events
    _f("event_id", "string", "Event id", "Identifier of an event (for a casualty figure: the event that caused it)."),
    _f("event_type", "category", "Kind of event", "What kind of event.", V.EVENT_TYPES),
    _f("acled_event_type", "string", "ACLED event type", "ACLED event type, where one fits."),
    _f("acled_sub_event_type", "string", "ACLED sub-event type", "ACLED sub-event type, where one fits."),
    _f("modality", "category", "Status", "happened, planned, expected, threatened, denied or possible.", V.MODALITIES),
    _f("location", "string", "Place", "Where it took place, as written."),
    _f("participants", "string", "Participants", "actor_id:role pairs, separated by '; '."),
    _f("role", "category", "Role", "The actor's role in the event.", V.ROLES),
    _f("label", "string", "Event", "Short description of the event: trigger and participants."),
    # quotes
    _f("quote_id", "string", "Quote id", "Identifier of the quote."),
    _f("speaker", "string", "Speaker", "Canonical name of the speaker; empty when unattributed."),
    _f("speaker_id", "string", "Speaker id", "Actor id of the speaker."),
    _f("speaker_root", "string", "Side", "Name of the state or group the speaker belongs to (its side)."),
    _f("co_speakers", "string", "Speaking with", "Actor ids of the other parties of a joint statement, separated by '; '; empty "
                                "when the speaker spoke alone."),
    _f("quote_kind", "category", "Kind of quote", "direct (in quotation marks) or indirect (reported speech).", V.QUOTE_KINDS),
    _f("cue", "string", "Speech verb", "The speech verb ('said', 'warned')."),
)}


def _k(name: str) -> Column:
    """A declared field that is never empty in this table (keys, offsets, required vocabularies)."""
    return _c(name, nullable=False)


def _c(name: str, nullable: bool = True) -> Column:
    """A declared field as a table holds it."""
    field = FIELDS[name]
    return Column(field.name, field.dtype, field.description, field.categories, nullable, field.label)


SPAN = (_k("start"), _k("end"), _k("text"), _c("sentence"))

TABLES: dict[str, tuple[Column, ...]] = {
    "sentences": (_k("sentence"), _k("paragraph"), _k("start"), _k("end"), _k("text")),
    "repairs": (_k("raw_start"), _k("raw_end"), _k("raw_text"), _k("start"), _k("replacement"), _k("rule")),
    "actors": (
        _k("actor_id"), _k("actor_name"), _k("actor_type"), _c("affiliation"), _k("root_actor"), _k("root_name"),
        _c("acled_inter"), _c("aliases"), _k("mentions"),
    ),
    "mentions": (
        _k("mention_id"), _k("actor_id"), _k("actor_name"), _k("actor_type"), _k("root_actor"), _k("metonymy"),
        *SPAN,
    ),
    "casualties": (
        _k("casualty_id"), _k("casualty_kind"), _c("count_low"), _c("count_high"), _k("qualifier"),
        _c("vague_word"), _c("acled_fatalities"), _c("victims"), _c("victim_actor"), _c("perpetrator"),
        _k("cumulative"), _c("start_date"), _c("end_date"), _c("date_text"), _c("event_id"), _c("reported_by"),
        _c("reported_by_actor"), *SPAN,
    ),
    "dates": (
        _k("date_id"), *SPAN[:3], _k("value"), _k("date_kind"), _k("precision"), _k("resolution"),
        _c("start_date"), _c("end_date"), _c("acled_time_precision"), _c("ucdp_date_prec"), SPAN[3],
    ),
    "events": (
        _k("event_id"), _k("event_type"), _c("acled_event_type"), _c("acled_sub_event_type"), _k("modality"),
        _c("start_date"), _c("end_date"), _c("precision"), _c("date_text"), _c("location"), _c("participants"),
        *SPAN,
    ),
    "participants": (_k("event_id"), _k("actor_id"), _k("actor_name"), _k("role")),
    "quotes": (
        _k("quote_id"), _c("speaker"), _c("speaker_id"), _c("speaker_root"), _c("co_speakers"), _k("quote_kind"),
        _c("cue"), *SPAN,
    ),
    "mentions_per_actor": (
        _k("actor_id"), _k("actor_name"), _k("actor_type"), _k("mentions"), _k("rolled_up_mentions"),
    ),
    "cooccurrence": (_k("actor_a"), _k("actor_b"), _k("sentences")),
    "timeline": (
        _k("event_id"), _k("event_type"), _k("modality"), _k("start_date"), _k("end_date"), _k("precision"),
        _k("date_text"), _k("label"), _c("sentence"),
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


# Columns that the tables shown in reports add to the stored ones (analysis.views, agreement, summary).
SHOWN: dict[str, Column] = {f.name: f for f in (
    _f("sentence_text", "string", "Sentence", "The text of the sentence the row comes from, to check it against."),
    _f("in_sentences", "string", "In sentences", "The sentences the row's count comes from, by number."),
    _f("first_sentence", "Int64", "First in sentence", "The first sentence that holds one."),
    _f("actor_a_name", "string", "Actor", "One actor of a pair, by name."),
    _f("actor_b_name", "string", "Named with", "The other actor of the pair."),
    _f("side", "string", "Side", "The state or group a speaker belongs to."),
    _f("direct", "Int64", "Direct", "Direct quotes (in quotation marks)."),
    _f("indirect", "Int64", "Indirect", "Indirect quotes (reported speech)."),
    _f("total", "Int64", "Total", "Direct and indirect quotes together."),
    _f("times", "Int64", "Times", "How many times the same repair was made."),
    _f("figure", "string", "Figure", "What a key figure measures."),
    _f("table", "string", "Table", "A table of the annotation, as written to CSV."),
    _f("records", "Int64", "Rows", "How many rows that table holds."),
    _f("counted", "string", "What a row is", "What one row of that table counts."),
    _f("check", "string", "Check", "Something a reader should check before quoting the figures."),
    _f("found", "Int64", "Found", "How many rows of the article it applies to."),
    _f("layer", "string", "Layer", "The annotation layer compared."),
    _f("kind", "string", "Disagreement", "missed (in gold only), spurious (automatic only) or different."),
    _f("gold", "string", "Gold", "The hand-made annotation's count or value."),
    _f("pred", "string", "Automatic", "The automatic annotation's count or value."),
    _f("matched", "Int64", "Matched", "How many annotations both made."),
    _f("recall", "Float64", "Recall", "The share of gold annotations the annotator found."),
    _f("f1", "Float64", "F1", "Precision and recall combined (1 is perfect)."),
    _f("detail", "string", "Detail", "What the annotation recorded."),
)}

# Categorical levels whose readable form is more than the level with spaces for underscores.
LEVEL_LABELS: dict[str, str] = {
    "explicit_year_inferred": "explicit, year inferred",
    "weekday_past": "weekday, past",
    "weekday_future": "weekday, future",
    "relative_day": "relative to a day",
    "relative_week": "relative to a week",
    "relative_month": "relative to a month",
    "relative_year": "relative to a year",
    "publication_date": "the publication date",
}


def label(name: str) -> str:
    """The header readers see for a column: its declared label, else the name with spaces, capitalised."""
    column = FIELDS.get(name) or SHOWN.get(name)
    if column is not None:
        return column.label
    text = name.replace("_", " ")
    return text[:1].upper() + text[1:]


def level_label(level: str) -> str:
    """A categorical level as readers see it: 'at_least' -> 'at least'."""
    return LEVEL_LABELS.get(level, level.replace("_", " "))


def labelled_levels(name: str) -> frozenset[str]:
    """The levels of a column that are shown through `level_label` (the declared categories of the field)."""
    column = FIELDS.get(name)
    return frozenset(column.categories) if column else frozenset()
