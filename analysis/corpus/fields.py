"""Every corpus table's columns, declared once, in the style of analysis.fields (which it reuses).

A corpus dataset holds each single-article table with the article's keys in front of its
columns, an `articles` table, and the cross-article tables (`incidents`, `incident_reports`,
`tolls`).  The Parquet schemas, the typed dataframes and the table section of docs/corpus.md
are all made from these declarations.
"""
from __future__ import annotations

from .. import annotations as A
from ..fields import TABLE_DESCRIPTIONS, TABLES, Column, _c, _k

STATUSES = ("ok", "failed", "duplicate")
ANNOTATION_SOURCES = ("gold", "auto")
RECORDS = ("figure", "event")
# How a figure enters its incident's estimates (see docs/corpus.md).
ROLES = ("total", "part", "breakdown")

ARTICLE_KEYS = (
    _k("article_id", "string", "Content hash of the article file: the first 16 hex digits of its SHA-256."),
    _k("file", "string", "The article's file name."),
    _c("title", "string", "The article's title (its first line)."),
    _c("outlet", "string", "The news organisation, from the annotation or else from the byline or dateline."),
    _c("published", "datetime64[ns]", "Publication date, from the annotation (a dateline, or given)."),
)
# The articles table also lists files that could not be read, which have no content hash.
_ARTICLE_ROW_KEYS = (_c("article_id", "string", ARTICLE_KEYS[0].description + " Empty when unreadable."),
                     *ARTICLE_KEYS[1:])

ARTICLES = (
    *_ARTICLE_ROW_KEYS,
    _k("path", "string", "The article's path as found from the command's arguments."),
    _k("status", "category", "ok, failed (see error) or duplicate (same bytes as an earlier file).", STATUSES),
    _c("error", "string", "Why the article failed, or which file it duplicates."),
    _c("annotation", "category", "gold (the .gold.json beside the article) or auto (the automatic annotator).",
       ANNOTATION_SOURCES),
    _c("repairs", "Int64", "How many mojibake sequences the loader repaired."),
    _c("encoding", "string", "How the file's bytes were decoded."),
    _c("characters", "Int64", "Length of the repaired text, in characters."),
    _c("sentences", "Int64", "Number of sentences, the title included."),
    _k("version", "string", "Version of this suite (analysis.__version__) that processed the article."),
    _c("input_key", "string", "Hash of the version, file name, article bytes and gold bytes: what reruns "
                              "compare. Empty when unreadable."),
)

_FIGURE = (
    _c("kind", "category", "killed, injured, missing or hostage (figures only).", A.CASUALTY_KINDS),
    _c("qualifier", "category", "How the number is worded.", A.QUALIFIERS),
    _c("count_low", "Int64", "Lowest count the wording allows; empty when open below."),
    _c("count_high", "Int64", "Highest count the wording allows; empty when open above."),
    _c("vague_word", "string", "The vague quantity word, when there is one."),
    _c("victims", "string", "Who the victims are, as written."),
    _c("reported_by", "string", "Who gave the figure, as written."),
)

# What the per-article step finds (computed by the workers); linking adds the incident and conflict.
REPORT_COLUMNS = (
    *ARTICLE_KEYS,
    _k("record", "category", "figure (a casualty figure) or event (an event with no figure of its own).", RECORDS),
    _c("casualty_id", "string", "The figure's casualty_id in the article's casualties table."),
    _c("event_id", "string", "The event's event_id in the article's events table."),
    _c("event_type", "category", "Type of the event the record belongs to, when known.", A.EVENT_TYPES),
    _k("text", "string", "The figure or event trigger as worded."),
    *_FIGURE,
    _c("role", "category", "How a figure enters the estimates: total, part (of a sum by victim group) "
                           "or breakdown (inside another figure: 'including four children').", ROLES),
    _c("place", "string", "Where it happened, as written."),
    _c("attackers", "string", "Names of the attackers or perpetrators, separated by '; '."),
    _c("date", "datetime64[ns]", "First day the record can refer to."),
    _c("date_end", "datetime64[ns]", "Last day it can refer to."),
    _k("date_inferred", "boolean", "True when the days are the three before publication (the text gives no date)."),
    _c("sentence", "Int64", "Sentence that states it."),
    _c("sentence_text", "string", "That sentence, so the figure can be checked."),
)
# Matching keys the linker compares; kept in the per-batch parts only.
LINK_KEYS = (
    _c("place_names", "string", "Normalised place names, separated by '|'."),
    _c("attacker_keys", "string", "Normalised names, ids and roots of the attackers, separated by '|'."),
    _c("group_keys", "string", "Ids of the armed groups its sentence names (their top-level actors), separated by '|'."),
)
TOLL_FIGURE_COLUMNS = (
    *ARTICLE_KEYS,
    _k("casualty_id", "string", "The figure's casualty_id in the article's casualties table."),
    _k("source", "string", "Who gave the toll, normalised (an actor's top-level name, or the words as written)."),
    *_FIGURE[:6],
    _k("text", "string", "The toll as worded."),
    _c("since", "datetime64[ns]", "First day of the date its sentence gives ('since January'), if any."),
    _c("as_of", "datetime64[ns]", "Day the toll stands at: the article's publication date."),
    _c("sentence_text", "string", "The sentence that states it."),
)
_ESTIMATE = {
    "low": "Lowest figure any source gives (see docs/corpus.md).",
    "best": "Best estimate: the lowest figure of the latest day's reports (see docs/corpus.md).",
    "high": "Highest figure any source's wording allows (see docs/corpus.md).",
}


def _estimates(kind: str) -> tuple[Column, ...]:
    """low / best / high and the conflict flag of one casualty kind."""
    return (*(_c(f"{kind}_{name}", "Int64", f"{kind.capitalize()}: {text}") for name, text in _ESTIMATE.items()),
            _c(f"{kind}_conflict", "boolean", f"{kind.capitalize()}: True when no single number fits every "
                                                "source's figure."))


CORPUS_ONLY: dict[str, tuple[Column, ...]] = {
    "articles": ARTICLES,
    "incidents": (
        _k("incident_id", "string", "Stable identifier: a hash of the incident's first report."),
        _c("conflict", "string", "The conflict its articles belong to (see docs/corpus.md)."),
        _c("event_type", "category", "The most specific type its reports give.", A.EVENT_TYPES),
        _c("acled_event_type", "string", "ACLED event type of that type, where one fits."),
        _c("date_start", "datetime64[ns]", "First day of the incident: where the reports' dates overlap."),
        _c("date_end", "datetime64[ns]", "Last day of the incident."),
        _k("date_inferred", "boolean", "True when no report states a date (the days come from publication)."),
        _c("place", "string", "Where it happened, as the most specific report words it."),
        _c("attackers", "string", "Names of the attackers the reports give, separated by '; '."),
        _k("articles", "Int64", "Number of articles reporting it."),
        _c("outlets", "string", "Their outlets, separated by '; '."),
        _k("figures", "Int64", "Number of casualty figures reported for it."),
        _c("first_published", "datetime64[ns]", "Publication date of its earliest report."),
        _c("last_published", "datetime64[ns]", "Publication date of its latest report."),
        *_estimates("killed"),
        *_estimates("injured"),
        _c("summary", "string", "Every source's killed figure as worded, with outlet and date."),
    ),
    "incident_reports": (
        _k("incident_id", "string", "The incident."),
        _c("conflict", "string", "The conflict its articles belong to."),
        *REPORT_COLUMNS,
    ),
    "tolls": (
        _k("series", "string", "The series: conflict, source and kind."),
        _c("conflict", "string", "The conflict the article belongs to."),
        *TOLL_FIGURE_COLUMNS,
        _c("value", "Int64", "The figure as one number: its lowest allowed count, else its highest."),
        _c("change", "Int64", "Change from the previous point of the series."),
        _k("decreased", "boolean", "True when the toll is lower than the series' previous point."),
    ),
}

CORPUS_TABLES: dict[str, tuple[Column, ...]] = {
    **{name: (*ARTICLE_KEYS, *columns) for name, columns in TABLES.items()},
    **CORPUS_ONLY,
}
# Tables the workers write into each batch's part, besides the single-article tables.
PART_TABLES: dict[str, tuple[Column, ...]] = {
    "articles": ARTICLES,
    **{name: (*ARTICLE_KEYS, *columns) for name, columns in TABLES.items()},
    "reports": (*REPORT_COLUMNS, *LINK_KEYS),
    "toll_figures": TOLL_FIGURE_COLUMNS,
}

CORPUS_DESCRIPTIONS: dict[str, str] = {
    **{name: f"{text} One block per article, articles in file-name order."
       for name, text in TABLE_DESCRIPTIONS.items()},
    "articles": "One row per article file found, with what became of it.",
    "incidents": "One row per incident: the reports of several articles matched as one, with UCDP-style estimates.",
    "incident_reports": "One row per casualty figure or event assigned to an incident, every source kept.",
    "tolls": "One row per cumulative toll, in series order (conflict, source, kind, date).",
}


def corpus_columns(table: str) -> list[str]:
    """Column names of a corpus table, in declared order."""
    return [c.name for c in CORPUS_TABLES[table]]
