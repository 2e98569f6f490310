"""Every corpus table's columns, declared once, in the style of analysis.fields (which it extends).

A corpus dataset holds each single-article table with the article's keys in front of its
columns, an `articles` table, and the cross-article tables (`incidents`, `incident_reports`,
`tolls`).  `CORPUS_FIELDS` declares the names only the corpus uses; a name that
`analysis.fields.FIELDS` (or its `SHOWN`) already declares is reused with its dtype and
meaning, never redeclared.  The Parquet schemas, the typed dataframes and the table
section of docs/corpus.md are all made from these declarations.
"""
from __future__ import annotations

from ..fields import DATE, FIELDS, SHOWN, TABLE_DESCRIPTIONS, TABLES, Column, _f

STATUSES = ("ok", "failed", "duplicate")
ANNOTATION_SOURCES = ("gold", "auto")
RECORDS = ("figure", "event")
# How a figure enters its incident's estimates (see docs/corpus.md).
ROLES = ("total", "part", "breakdown")
_ESTIMATE = {
    "low": "Lowest figure any source gives (see docs/corpus.md).",
    "best": "Best estimate: the lowest figure of the latest day's reports (see docs/corpus.md).",
    "high": "Highest figure any source's wording allows (see docs/corpus.md).",
}


def _estimate_fields(kind: str) -> tuple[Column, ...]:
    """low / best / high and the conflict flag of one casualty kind."""
    return (*(_f(f"{kind}_{name}", "Int64", f"{kind.capitalize()}, {name}", f"{kind.capitalize()}: {text}")
              for name, text in _ESTIMATE.items()),
            _f(f"{kind}_conflict", "boolean", f"{kind.capitalize()}, sources disagree",
               f"{kind.capitalize()}: True when no single number fits every source's figure."))


CORPUS_FIELDS: dict[str, Column] = {f.name: f for f in (
    # article keys and the articles table
    _f("article_id", "string", "Article id", "Content hash of the article file: the first 16 hex digits of its "
                                             "SHA-256. Empty only for an unreadable file in the articles table."),
    _f("file", "string", "File", "The article's file name."),
    _f("title", "string", "Title", "The article's title: the metadata file's, else the article's first line."),
    _f("outlet", "string", "Outlet", "The news organisation: a gold annotation's, else the metadata file's, else "
                                     "the one the byline or dateline names."),
    _f("published", DATE, "Published", "Publication date: a gold annotation's, else the metadata file's, else the "
                                       "dateline's (see docs/corpus.md)."),
    _f("url", "string", "URL", "The article's address, from the metadata file."),
    _f("path", "string", "Path", "The article's path as found from the command's arguments."),
    _f("status", "category", "Status", "ok, failed (see error) or duplicate (same bytes as an earlier file).",
       STATUSES),
    _f("error", "string", "Error", "Why the article failed, or which file it duplicates."),
    _f("annotation", "category", "Annotation", "gold (the .gold.json beside the article) or auto (the automatic "
                                               "annotator).", ANNOTATION_SOURCES),
    _f("repairs", "Int64", "Repairs", "How many mojibake sequences the loader repaired."),
    _f("encoding", "string", "Encoding", "How the file's bytes were decoded."),
    _f("characters", "Int64", "Characters", "Length of the repaired text, in characters."),
    _f("sentence_count", "Int64", "Sentences", "Number of sentences of the article, the title included."),
    _f("version", "string", "Version", "Version of this suite (analysis.__version__) that processed the article."),
    _f("input_key", "string", "Input key", "Hash of the version, the tables' columns, the file name, the article "
                                           "and gold bytes and the article's metadata row: what reruns compare. "
                                           "Empty when unreadable."),
    # reports: what the per-article step finds
    _f("record", "category", "Record", "figure (a casualty figure) or event (an event with no figure of its own).",
       RECORDS),
    _f("figure_role", "category", "Counts as", "How a figure enters the estimates: total, part (of a sum by victim "
                                               "group) or breakdown (inside another figure: 'including four "
                                               "children').", ROLES),
    _f("attackers", "string", "Attackers", "Names of the attackers or perpetrators, separated by '; '."),
    _f("date_inferred", "boolean", "Date inferred", "True when the days are the three before publication (the "
                                                    "text gives no date)."),
    _f("place_names", "string", "Place keys", "Normalised place names, separated by '|'."),
    _f("attacker_keys", "string", "Attacker keys", "Normalised names, ids and roots of the attackers, separated by '|'."),
    _f("group_keys", "string", "Group keys", "Ids of the armed groups its sentence names (their top-level actors), "
                                             "separated by '|'."),
    # tolls
    _f("series", "string", "Series", "The series: conflict, source and kind."),
    _f("source", "string", "Source", "Who gave the toll, normalised (an actor's top-level name, or the words as "
                                     "written)."),
    _f("since", DATE, "Since", "First day of the date its sentence gives ('since January'), if any."),
    _f("as_of", DATE, "As of", "Day the toll stands at: the article's publication date."),
    _f("toll", "Int64", "Toll", "The figure as one number: its lowest allowed count, else its highest."),
    _f("change", "Int64", "Change", "Change from the previous point of the series."),
    _f("decreased", "boolean", "Decreased", "True when the toll is lower than the series' previous point."),
    # incidents
    _f("incident_id", "string", "Incident id", "Stable identifier of an incident: a hash of its first report."),
    _f("conflict", "string", "Conflict", "The conflict its articles belong to (see docs/corpus.md)."),
    _f("articles", "Int64", "Articles", "Number of articles reporting it."),
    _f("outlets", "string", "Outlets", "Their outlets, separated by '; '."),
    _f("figures", "Int64", "Figures", "Number of casualty figures reported for it."),
    _f("first_published", DATE, "First published", "Publication date of its earliest report."),
    _f("last_published", DATE, "Last published", "Publication date of its latest report."),
    *_estimate_fields("killed"),
    *_estimate_fields("injured"),
    _f("summary", "string", "Sources", "Every source's killed figure as worded, with outlet and date."),
)}


def _c(name: str, nullable: bool = True) -> Column:
    """A declared field (the suite's, else the corpus's) as a corpus table holds it."""
    field = FIELDS.get(name) or SHOWN.get(name) or CORPUS_FIELDS[name]
    return Column(field.name, field.dtype, field.description, field.categories, nullable, field.label)


def _k(name: str) -> Column:
    """A declared field that is never empty in this corpus table."""
    return _c(name, nullable=False)


ARTICLE_KEYS = (_k("article_id"), _k("file"), _c("title"), _c("outlet"), _c("published"))

ARTICLES = (
    _c("article_id"), *ARTICLE_KEYS[1:], _c("url"), _k("path"), _k("status"), _c("error"), _c("annotation"), _c("repairs"),
    _c("encoding"), _c("characters"), _c("sentence_count"), _k("version"), _c("input_key"),
)

_FIGURE = (_c("casualty_kind"), _c("qualifier"), _c("count_low"), _c("count_high"), _c("vague_word"),
           _c("victims"), _c("reported_by"))

# What the per-article step finds (computed by the workers); linking adds the incident and conflict.
REPORT_COLUMNS = (
    *ARTICLE_KEYS, _k("record"), _c("casualty_id"), _c("event_id"), _c("event_type"), _k("text"), *_FIGURE,
    _c("figure_role"), _c("location"), _c("attackers"), _c("start_date"), _c("end_date"), _k("date_inferred"),
    _c("sentence"), _c("sentence_text"),
)
# Matching keys the linker compares; kept in the per-batch parts only.
LINK_KEYS = (_c("place_names"), _c("attacker_keys"), _c("group_keys"))
TOLL_FIGURE_COLUMNS = (
    *ARTICLE_KEYS, _k("casualty_id"), _k("source"), *_FIGURE[:6], _k("text"), _c("since"), _c("as_of"),
    _c("sentence"), _c("sentence_text"),
)


def _estimates(kind: str) -> tuple[Column, ...]:
    """low / best / high and the conflict flag of one casualty kind, as the incidents table holds them."""
    return tuple(_c(f"{kind}_{name}") for name in (*_ESTIMATE, "conflict"))


CORPUS_ONLY: dict[str, tuple[Column, ...]] = {
    "articles": ARTICLES,
    "incidents": (
        _k("incident_id"), _c("conflict"), _c("event_type"), _c("acled_event_type"), _c("start_date"),
        _c("end_date"), _k("date_inferred"), _c("location"), _c("attackers"), _k("articles"), _c("outlets"),
        _k("figures"), _c("first_published"), _c("last_published"), *_estimates("killed"),
        *_estimates("injured"), _c("summary"),
    ),
    "incident_reports": (_k("incident_id"), _c("conflict"), *REPORT_COLUMNS),
    "tolls": (
        _k("series"), _c("conflict"), *TOLL_FIGURE_COLUMNS, _c("toll"), _c("change"), _k("decreased"),
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
