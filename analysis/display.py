"""Safe rendering for notebooks: article text is untrusted, so everything shown is escaped.

`display(HTML(text))` or `display(Markdown(text))` with article text would put
`<script>` or `<img onerror=...>` into the report and let `$...$` turn into maths;
every helper here escapes HTML and the Markdown/LaTeX specials first.  Figures are
displayed explicitly as PNG with alt text (never `plt.show()`, which shows nothing
under a non-interactive backend).  The tables shown are made in analysis.views.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from IPython.display import HTML, Image, display

from .fields import TABLES, label, labelled_levels, level_label
from .fields import columns as table_columns

# Characters that HTML, Markdown or LaTeX (MathJax) would interpret, as numeric entities.
_ENTITIES = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
    "$": "&#36;", "*": "&#42;", "_": "&#95;", "`": "&#96;", "\\": "&#92;",
    "[": "&#91;", "]": "&#93;", "~": "&#126;", "#": "&#35;", "|": "&#124;",
}
_TABLE = str.maketrans(_ENTITIES)
PLAIN_INT_COLUMNS = frozenset({"sentence", "paragraph", "start", "end", "raw_start", "raw_end", "index"})
# Pages stay bounded whatever the article's size: longer tables and texts are cut, the cut is
# said, and the full tables are linked (`report` writes every table as CSV into TABLES_FOLDER).
MAX_TABLE_ROWS = 200
MAX_ARTICLE_CHARS = 60_000
TABLES_FOLDER = "tables"
# Sentence numbers are shown from 1 (the headline) and link to that sentence in the annotated article.
ARTICLE_PAGE = "01_article.html"
SENTENCE_COLUMNS = frozenset({"sentence", "first_sentence"})
SENTENCE_LIST_COLUMNS = frozenset({"in_sentences"})
# Columns whose longest shown value is at least this long get room to wrap; shorter ones never wrap.
LONG_TEXT = 40
SHORT_TEXT = 14

# Each layer is marked by colour AND by a line or type style, so it reads without colour too.
LAYER_STYLES: dict[str, tuple[str, str]] = {
    "quote": ("quote", "border-bottom:2px dashed #CC79A7;padding-bottom:1px"),
    "event": ("event trigger", "background:#cdeee0;font-style:italic;border-bottom:2px solid #009E73"),
    "date": ("date", "background:#fff3b0;border-bottom:2px dotted #000000"),
    "casualty": ("casualty figure", "background:#f9d9c0;font-weight:bold;border-bottom:3px double #D55E00"),
    "mention": ("actor", "background:#d6eaf8;border-bottom:2px solid #0072B2"),
}


def escape(text: object) -> str:
    """Text made inert for HTML and Markdown: tags, entities, $maths$, *emphasis* and `code` shown as typed."""
    return str(text).translate(_TABLE)


def say(template: str, **values: object) -> None:
    """Display a paragraph; `template` is trusted, every `{value}` is escaped."""
    display(HTML("<p>" + template.format(**{k: escape(_cell(v)) for k, v in values.items()}) + "</p>"))


def show_notes(notes: Iterable[str]) -> None:
    """Display warnings about the data (e.g. automatic annotations) as a highlighted box."""
    for note in notes:
        display(HTML('<p style="border-left:4px solid #E69F00;padding:4px 8px;background:#fff7e6">'
                     f"<strong>Note:</strong> {escape(note)}</p>"))


def _cell(value: object, column: str = "") -> str:
    """One value as table text: empty for missing, ISO dates, yes/no, thousands separators for counts."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        stamp = pd.Timestamp(value)
        return stamp.date().isoformat() if stamp == stamp.normalize() else stamp.isoformat()
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, np.integer)):
        return str(int(value)) if column in PLAIN_INT_COLUMNS else f"{int(value):,}"
    if isinstance(value, (float, np.floating)):
        return f"{float(value):,.2f}".rstrip("0").rstrip(".")
    return str(value)


def full_table_note(frame: pd.DataFrame, shown: int, base: str = "") -> str:
    """What a cut table left out, and where the whole table is (its CSV beside the report)."""
    table = frame.attrs.get("table")
    where = (f'<a href="{base}{TABLES_FOLDER}/{escape(table)}.csv">{TABLES_FOLDER}/{escape(table)}.csv</a>'
             if isinstance(table, str) else f'the CSV tables listed on the <a href="{base}index.html#tables">overview page</a>')
    return (f"<p><em>Showing the first {shown:,} of {len(frame):,} rows: {len(frame) - shown:,} more row(s) "
            f"not shown, to keep this page small. Every row is in {where}.</em></p>")


def sentence_number(sentence: object) -> int:
    """A sentence as readers number it: from 1, the headline (the tables count from 0)."""
    return int(sentence) + 1


def sentence_anchor(sentence: object) -> str:
    """The id of a sentence (counted from 0) on a page of the article's text: `s` and its number from 1."""
    return f"s{sentence_number(sentence)}"


def sentence_href(sentence: object, page: str = ARTICLE_PAGE, base: str = "") -> str:
    """The link to a sentence (counted from 0) on the page holding the article's text."""
    return f"{base}{page}#{sentence_anchor(sentence)}"


def sentence_link(sentence: object, base: str = "") -> str:
    """A sentence number shown from 1, linked to that sentence in the annotated article."""
    return f'<a href="{sentence_href(sentence, base=base)}">{sentence_number(sentence)}</a>'


@dataclass(frozen=True)
class Link:
    """A table cell shown as text that links to another page of the site (both escaped when shown)."""

    href: str
    text: str

    def __str__(self) -> str:
        return self.text


def _sentence_list(value: str, base: str) -> str:
    """'3, 5, 9' (sentences counted from 0) as linked numbers from 1; any other text escaped as it is."""
    parts = value.split(", ")
    if not all(part.isdigit() for part in parts):
        return escape(value)
    return ", ".join(sentence_link(part, base) for part in parts)


def _value_cell(value: object, column: str, base: str, levels: frozenset[str]) -> str:
    """One cell's HTML: sentence numbers linked, categorical levels in readers' words, everything escaped."""
    if isinstance(value, Link):
        return f'<a href="{escape(value.href)}">{escape(value.text)}</a>'
    if column in SENTENCE_COLUMNS and isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return sentence_link(value, base)
    text = _cell(value, column)
    if column in SENTENCE_LIST_COLUMNS and text:
        return _sentence_list(text, base)
    return escape(level_label(text) if text in levels else text)


def _column_style(texts: list[str]) -> str:
    """Room to wrap for a column of long text; no wrapping for a column of short values."""
    longest = max((len(t) for t in texts), default=0)
    if longest >= LONG_TEXT:
        return "min-width:16em;"
    return "white-space:nowrap;" if longest <= SHORT_TEXT else ""


def csv_note(frame: pd.DataFrame, columns: Sequence[str], csv: str | None = None, base: str = "") -> str:
    """The download link of a table's CSV, saying whether it holds this table or the data it is made from."""
    table = csv or frame.attrs.get("table")
    if not isinstance(table, str):
        return (f'<p class="cn-csv" style="font-size:0.85em;color:#555">Computed for this page, not saved as a '
                f'CSV of its own; the article\'s tables, as CSV, are listed on the '
                f'<a href="{base}index.html#tables">overview page</a>.</p>')
    stored = set(table_columns(table)) if table in TABLES else set()
    whole = set(columns) <= stored | {"sentence_text"}
    what = "this table, with every column" if whole else "the table this one is made from"
    numbered = " (sentences there count from 0, the headline)" if "sentence" in stored else ""
    href = f"{base}{TABLES_FOLDER}/{escape(table)}.csv"
    return (f'<p class="cn-csv" style="font-size:0.85em;color:#555">Download {what} as CSV: '
            f'<a class="cn-download" href="{href}" download>{TABLES_FOLDER}/{escape(table)}.csv</a>{numbered}.</p>')


def html_table(frame: pd.DataFrame, columns: Sequence[str] | None = None,
               headers: Mapping[str, str] | None = None, caption: str | None = None,
               max_rows: int | None = None, csv: str | None = None, base: str = "",
               download: bool = True) -> str:
    """A dataframe as an HTML table in readers' words, every header and cell escaped, cut at `max_rows`.

    Headers are the fields' labels unless `headers` says otherwise; sentence numbers link to the
    annotated article (`base` prefixes every link, for pages outside the article's folder); the
    table scrolls sideways inside its own box on a narrow screen; below it, a link to its CSV
    (`csv` names the stored table it comes from, else the frame's `attrs["table"]`).
    """
    columns = list(columns) if columns is not None else list(frame.columns)
    headers = dict(headers or {})
    max_rows = MAX_TABLE_ROWS if max_rows is None else max_rows
    shown = frame.head(max_rows)[columns]
    rows = list(shown.itertuples(index=False, name=None))
    styles = [_column_style([_cell(row[i], c) for row in rows]) for i, c in enumerate(columns)]
    levels = [labelled_levels(c) for c in columns]
    parts = ['<div class="cn-table-box" style="overflow-x:auto;max-width:100%">'
             '<table class="cn-table" style="border-collapse:collapse;font-size:0.9em;table-layout:auto;margin:0">']
    if caption:
        parts.append(f'<caption style="text-align:left;font-weight:bold">{escape(caption)}</caption>')
    parts.append("<thead><tr>" + "".join(
        f'<th style="text-align:left;vertical-align:bottom;border-bottom:1px solid #999;padding:2px 6px">'
        f"{escape(_header(headers.get(c) or label(c)))}</th>" for c in columns) + "</tr></thead><tbody>")
    for row in rows:
        parts.append("<tr>" + "".join(
            f'<td style="text-align:left;vertical-align:top;padding:2px 6px;{style}">'
            f"{_value_cell(v, c, base, lv)}</td>"
            for c, v, style, lv in zip(columns, row, styles, levels)) + "</tr>")
    parts.append("</tbody></table></div>")
    if len(frame) > max_rows:
        parts.append(full_table_note(frame, max_rows, base))
    if frame.empty:
        parts.append("<p><em>No rows.</em></p>")
    if download:
        parts.append(csv_note(frame, columns, csv, base))
    return "".join(parts)


def _header(text: str) -> str:
    """A column header in sentence case."""
    return text[:1].upper() + text[1:]


def show_table(frame: pd.DataFrame, columns: Sequence[str] | None = None,
               headers: Mapping[str, str] | None = None, caption: str | None = None,
               max_rows: int | None = None, collapsed: bool = False, csv: str | None = None) -> None:
    """Display a dataframe as an escaped HTML table; `collapsed` folds it under its caption."""
    if collapsed:
        summary = escape(f"{caption or 'Table'} ({len(frame):,} rows): tap to show")
        display(HTML(f"<details><summary>{summary}</summary>"
                     f"{html_table(frame, columns, headers, None, max_rows, csv)}</details>"))
    else:
        display(HTML(html_table(frame, columns, headers, caption, max_rows, csv)))


@dataclass(frozen=True)
class Highlight:
    """A stretch of article text to mark: its layer (a key of LAYER_STYLES) and a tooltip."""

    start: int
    end: int
    layer: str
    label: str


def _span_label(layer: str, row: pd.Series) -> str:
    if layer == "mention":
        return f"actor: {row['actor_name']} ({row['actor_type']})"
    if layer == "casualty":
        return f"casualties: {row['casualty_kind']}, {row['qualifier']}" + (f", {row['victims']}" if pd.notna(row["victims"]) else "")
    if layer == "date":
        return f"date: {row['value']} ({row['precision']})"
    if layer == "event":
        return f"event: {row['event_type']} ({row['modality']})"
    speaker = row["speaker"] if pd.notna(row["speaker"]) else "unattributed"
    return f"{row['quote_kind']} quote: {speaker}"


def frame_highlights(frames: Mapping[str, pd.DataFrame]) -> list[Highlight]:
    """The spans to highlight, from the mentions, casualties, dates, events and quotes tables."""
    layers = {"mentions": "mention", "casualties": "casualty", "dates": "date", "events": "event", "quotes": "quote"}
    found = []
    for table, layer in layers.items():
        frame = frames.get(table)
        if frame is None:
            continue
        for _, row in frame.iterrows():
            found.append(Highlight(int(row["start"]), int(row["end"]), layer, _span_label(layer, row)))
    return found


def highlight_legend() -> str:
    """A key to the highlight styles."""
    return "<p>" + " ".join(f'<span style="{css}">{escape(name)}</span>&nbsp;'
                            for name, css in LAYER_STYLES.values()) + "</p>"


def _sentence_anchor(number: int) -> str:
    """A sentence's number (from 1) before it, as the anchor tables link to and a link to share."""
    anchor = sentence_anchor(number - 1)
    return (f'<a class="cn-sn" id="{anchor}" href="#{anchor}" title="sentence {number}" '
            f'style="font-size:0.7em;color:#555;vertical-align:super;text-decoration:none;'
            f'margin-right:2px">{number}</a>')


NOTE_CHARS = 80


def _notes(text: str, inside: list[Highlight]) -> str:
    """What was recorded for each highlight of a paragraph, folded under a summary that opens on tap."""
    if not inside:
        return ""
    items = []
    for h in sorted(inside, key=lambda h: (h.start, h.end)):
        marked = text[h.start:h.end]
        marked = marked if len(marked) <= NOTE_CHARS else marked[:NOTE_CHARS - 1] + "…"
        items.append(f"<li>“{escape(marked)}” – {escape(h.label)}</li>")
    return (f'<details class="cn-notes" style="margin:-0.4em 0 0.8em;font-size:0.9em">'
            f'<summary style="color:#555;cursor:pointer;padding:0.3em 0">Annotations in this paragraph ({len(inside)})'
            f"</summary>"
            f'<ul style="margin:0.3em 0">{"".join(items)}</ul></details>')


def highlighted_text(text: str, highlights: Iterable[Highlight], sentences: Iterable[tuple[int, int]] = (),
                     notes: bool = True) -> str:
    """The article as HTML paragraphs, escaped, with each highlight wrapped in a styled span.

    Overlapping highlights nest (quotes outermost, actor mentions innermost), so each shows.
    `sentences` gives (number from 1, start offset) of each sentence: its number is shown before
    it as an anchor (`#s12`).  With `notes`, each paragraph is followed by the list of what was
    recorded for its highlights, which opens on tap (a hover title alone does not reach phones).
    """
    order = list(LAYER_STYLES)
    spans = sorted((h for h in highlights if h.layer in LAYER_STYLES and 0 <= h.start < h.end <= len(text)),
                   key=lambda h: (h.start, -h.end, order.index(h.layer)))
    anchors = {start: number for number, start in sentences if 0 <= start < len(text)}
    out = ['<div class="cn-article" style="line-height:1.7;max-width:48em">']
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        inside = [h for h in spans if h.start < end and h.end > start]
        starts = [a for a in anchors if start <= a < end]
        cuts = sorted({start, end, *starts, *(max(h.start, start) for h in inside),
                       *(min(h.end, end) for h in inside)})
        pieces = []
        for a, b in zip(cuts, cuts[1:]):
            piece = escape(text[a:b])
            active = sorted((h for h in inside if h.start <= a and h.end >= b),
                            key=lambda h: order.index(h.layer), reverse=True)
            for h in active:
                piece = f'<span style="{LAYER_STYLES[h.layer][1]}" title="{escape(h.label)}">{piece}</span>'
            pieces.append((_sentence_anchor(anchors[a]) if a in anchors else "") + piece)
        tag = "h3" if start == 0 else "p"
        out.append(f"<{tag}>{''.join(pieces)}</{tag}>" + (_notes(text, inside) if notes else ""))
    out.append("</div>")
    return "".join(out)


def sentence_starts(sentences: pd.DataFrame) -> list[tuple[int, int]]:
    """(number from 1, start offset) of every sentence of the sentences table."""
    return [(sentence_number(n), int(start)) for n, start in zip(sentences["sentence"], sentences["start"])]


def article_cut(text: str, limit: int = MAX_ARTICLE_CHARS) -> int:
    """Where to cut a long article for display: the end of the last whole line within `limit` characters."""
    if len(text) <= limit:
        return len(text)
    end = text.rfind("\n", 0, limit)
    return end if end > 0 else limit


def show_article(text: str, frames: Mapping[str, pd.DataFrame]) -> None:
    """Display the repaired article, escaped, with its annotations highlighted and a key (long ones cut, said so)."""
    cut = article_cut(text)
    shown = [h for h in frame_highlights(frames) if h.start < cut]
    page = highlight_legend() + highlighted_text(text[:cut], shown, sentence_starts(frames["sentences"]))
    if cut < len(text):
        rest = text[cut:]
        page += (f"<p><em>The article goes on for {len(rest):,} more characters "
                 f"({sum(1 for line in rest.split(chr(10)) if line.strip()):,} more paragraphs), not shown, to keep "
                 f"this page small. Its sentences are in <a href=\"{TABLES_FOLDER}/sentences.csv\">"
                 f"{TABLES_FOLDER}/sentences.csv</a>, and every annotation in the other tables listed on the "
                 f"<a href=\"index.html#tables\">overview page</a>.</em></p>")
    display(HTML(page))


def show_figure(fig, alt: str | None = None) -> None:
    """Display a chart as a PNG with alt text, explicitly (works under any matplotlib backend)."""
    from .charts import style  # matplotlib is loaded only where a chart is shown

    display(Image(data=style.to_png(fig), format="png", alt=alt or style.alt_text(fig)))


def source_for(bundle) -> str:
    """The source line for a bundle's charts: article title, file name and annotation kind."""
    from .charts import style

    return style.source_line(bundle.article.title, Path(bundle.article.path).name,
                             getattr(bundle.annotation, "source", None))


ANNOTATION_KINDS = {"gold": "hand-made (gold)", "auto": "automatic"}


def annotation_kind(source: str) -> str:
    """How an annotation's source is named to readers."""
    return ANNOTATION_KINDS.get(source, source)
