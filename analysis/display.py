"""Safe rendering for notebooks: article text is untrusted, so everything shown is escaped.

`display(HTML(text))` or `display(Markdown(text))` with article text would put
`<script>` or `<img onerror=...>` into the report and let `$...$` turn into maths;
every helper here escapes HTML and the Markdown/LaTeX specials first.  Figures are
displayed explicitly as PNG with alt text (never `plt.show()`, which shows nothing
under a non-interactive backend).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from IPython.display import HTML, Image, display

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


def full_table_note(frame: pd.DataFrame, shown: int) -> str:
    """What a cut table left out, and where the whole table is (its CSV beside the report)."""
    table = frame.attrs.get("table")
    where = (f'<a href="{TABLES_FOLDER}/{escape(table)}.csv">{TABLES_FOLDER}/{escape(table)}.csv</a>'
             if isinstance(table, str) else 'the CSV tables listed on the <a href="index.html#tables">index page</a>')
    return (f"<p><em>Showing the first {shown:,} of {len(frame):,} rows: {len(frame) - shown:,} more row(s) "
            f"not shown, to keep this page small. Every row is in {where}.</em></p>")


def html_table(frame: pd.DataFrame, columns: Sequence[str] | None = None,
               headers: Mapping[str, str] | None = None, caption: str | None = None,
               max_rows: int | None = None) -> str:
    """A dataframe as an HTML table with every header and cell escaped (no index), cut at `max_rows`."""
    columns = list(columns) if columns is not None else list(frame.columns)
    headers = dict(headers or {})
    max_rows = MAX_TABLE_ROWS if max_rows is None else max_rows
    shown = frame.head(max_rows)
    parts = ['<table class="cn-table" style="border-collapse:collapse;font-size:0.9em">']
    if caption:
        parts.append(f'<caption style="text-align:left;font-weight:bold">{escape(caption)}</caption>')
    parts.append("<thead><tr>" + "".join(
        f'<th style="text-align:left;border-bottom:1px solid #999;padding:2px 6px">'
        f"{escape(headers.get(c, c))}</th>" for c in columns) + "</tr></thead><tbody>")
    for row in shown[columns].itertuples(index=False, name=None):
        parts.append("<tr>" + "".join(
            f'<td style="text-align:left;vertical-align:top;padding:2px 6px">{escape(_cell(v, c))}</td>'
            for c, v in zip(columns, row)) + "</tr>")
    parts.append("</tbody></table>")
    if len(frame) > max_rows:
        parts.append(full_table_note(frame, max_rows))
    if frame.empty:
        parts.append("<p><em>No rows.</em></p>")
    return "".join(parts)


def show_table(frame: pd.DataFrame, columns: Sequence[str] | None = None,
               headers: Mapping[str, str] | None = None, caption: str | None = None,
               max_rows: int | None = None, collapsed: bool = False) -> None:
    """Display a dataframe as an escaped HTML table; `collapsed` folds it under its caption."""
    if collapsed:
        summary = escape(f"{caption or 'Table'} ({len(frame):,} rows): click to show")
        display(HTML(f"<details><summary>{summary}</summary>"
                     f"{html_table(frame, columns, headers, None, max_rows)}</details>"))
    else:
        display(HTML(html_table(frame, columns, headers, caption, max_rows)))


def with_sentence_text(frame: pd.DataFrame, sentences: pd.DataFrame, on: str = "sentence") -> pd.DataFrame:
    """Add `sentence_text`: the text of the sentence each row comes from, so every number can be checked."""
    texts = dict(zip(sentences["sentence"].astype("Int64"), sentences["text"].astype("object")))
    out = frame.copy()
    out["sentence_text"] = [texts.get(s) if pd.notna(s) else None for s in frame[on]]
    return out


def sentence_at_offset(frame: pd.DataFrame, sentences: pd.DataFrame, offset: str = "start") -> pd.DataFrame:
    """Add `sentence` (the sentence holding each row's character offset) and `sentence_text`."""
    ordered = sentences.sort_values("start")
    starts = ordered["start"].astype("int64").to_numpy()
    ends = ordered["end"].astype("int64").to_numpy()
    numbers = ordered["sentence"].to_numpy()
    found = []
    for value in frame[offset]:
        i = int(np.searchsorted(starts, int(value), side="right")) - 1 if pd.notna(value) else -1
        found.append(numbers[i] if i >= 0 and int(value) < ends[i] else pd.NA)
    out = frame.copy()
    out["sentence"] = pd.array(found, dtype="Int64")
    return with_sentence_text(out, sentences)


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
        return f"casualties: {row['kind']}, {row['qualifier']}" + (f", {row['victims']}" if pd.notna(row["victims"]) else "")
    if layer == "date":
        return f"date: {row['value']} ({row['precision']})"
    if layer == "event":
        return f"event: {row['type']} ({row['modality']})"
    speaker = row["speaker"] if pd.notna(row["speaker"]) else "unattributed"
    return f"{row['kind']} quote: {speaker}"


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


def highlighted_text(text: str, highlights: Iterable[Highlight]) -> str:
    """The article as HTML paragraphs, escaped, with each highlight wrapped in a styled span.

    Overlapping highlights nest (quotes outermost, actor mentions innermost), so each shows.
    """
    order = list(LAYER_STYLES)
    spans = sorted((h for h in highlights if h.layer in LAYER_STYLES and 0 <= h.start < h.end <= len(text)),
                   key=lambda h: (h.start, -h.end, order.index(h.layer)))
    out = ['<div class="cn-article" style="line-height:1.7;max-width:48em">']
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if not line.strip():
            continue
        inside = [h for h in spans if h.start < end and h.end > start]
        cuts = sorted({start, end, *(max(h.start, start) for h in inside), *(min(h.end, end) for h in inside)})
        pieces = []
        for a, b in zip(cuts, cuts[1:]):
            piece = escape(text[a:b])
            active = sorted((h for h in inside if h.start <= a and h.end >= b),
                            key=lambda h: order.index(h.layer), reverse=True)
            for h in active:
                piece = f'<span style="{LAYER_STYLES[h.layer][1]}" title="{escape(h.label)}">{piece}</span>'
            pieces.append(piece)
        tag = "h3" if start == 0 else "p"
        out.append(f"<{tag}>{''.join(pieces)}</{tag}>")
    out.append("</div>")
    return "".join(out)


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
    page = highlight_legend() + highlighted_text(text[:cut], shown)
    if cut < len(text):
        rest = text[cut:]
        page += (f"<p><em>The article goes on for {len(rest):,} more characters "
                 f"({sum(1 for line in rest.split(chr(10)) if line.strip()):,} more paragraphs), not shown, to keep "
                 f"this page small. Its sentences are in <a href=\"{TABLES_FOLDER}/sentences.csv\">"
                 f"{TABLES_FOLDER}/sentences.csv</a>, and every annotation in the other tables listed on the "
                 f"<a href=\"index.html#tables\">index page</a>.</em></p>")
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


def actor_sentences(mentions: pd.DataFrame) -> dict[str, list[int]]:
    """The sentences naming each actor, in order: the evidence behind every mention count."""
    found: dict[str, set[int]] = {}
    for actor, sentence in zip(mentions["actor_id"], mentions["sentence"]):
        if pd.notna(sentence):
            found.setdefault(str(actor), set()).add(int(sentence))
    return {actor: sorted(numbers) for actor, numbers in sorted(found.items())}


def actor_table(actors: pd.DataFrame, mentions: pd.DataFrame, top_n: int | None = None) -> pd.DataFrame:
    """Actors by mentions with their side and the sentences that name them."""
    where = actor_sentences(mentions)
    table = actors.sort_values(["mentions", "name", "actor_id"], ascending=[False, True, True], kind="stable")
    table = table[table["mentions"].fillna(0) > 0]
    if top_n is not None:
        table = table.head(top_n)
    out = table[["name", "type", "root_name", "mentions"]].copy()
    out["sentences"] = [", ".join(map(str, where.get(a, []))) for a in table["actor_id"]]
    return out.reset_index(drop=True)


def pair_table(cooccurrence: pd.DataFrame, actors: pd.DataFrame, mentions: pd.DataFrame,
               top_n: int | None = None) -> pd.DataFrame:
    """Actor pairs named in the same sentence, most frequent first, with those sentences' numbers."""
    where = {a: set(s) for a, s in actor_sentences(mentions).items()}
    names = dict(zip(actors["actor_id"].astype("object"), actors["name"].astype("object")))
    pairs = cooccurrence.sort_values(["sentences", "actor_a", "actor_b"], ascending=[False, True, True],
                                     kind="stable")
    if top_n is not None:
        pairs = pairs.head(top_n)
    return pd.DataFrame({
        "actor_a": [names.get(a, a) for a in pairs["actor_a"]],
        "actor_b": [names.get(b, b) for b in pairs["actor_b"]],
        "sentences": pairs["sentences"].to_numpy(),
        "which": [", ".join(map(str, sorted(where.get(a, set()) & where.get(b, set()))))
                  for a, b in zip(pairs["actor_a"], pairs["actor_b"])],
    })


ANNOTATION_KINDS = {"gold": "hand-made (gold)", "auto": "automatic"}


def annotation_kind(source: str) -> str:
    """How an annotation's source is named to readers."""
    return ANNOTATION_KINDS.get(source, source)


def start(article: object, annotations: object, published: object, top_n: object, show_code: object):
    """Validate a notebook's parameters, load its article, and show what is being read.

    Returns (params, bundle).  A bad parameter raises ParameterError naming what was expected.
    """
    from .bundle import shared_bundle
    from .params import validate

    params = validate(article, annotations, published, top_n, show_code)
    bundle = shared_bundle(params.article, params.annotations, params.published)
    for name, frame in bundle.frames.items():
        frame.attrs["table"] = name  # a cut table links its full CSV by this name
    kind = annotation_kind(bundle.annotation.source)
    say("<strong>Article:</strong> {title}<br><strong>File:</strong> {file}<br>"
        "<strong>Published:</strong> {published}<br><strong>Annotation:</strong> {kind}",
        title=bundle.article.title, file=Path(bundle.article.path).name,
        published=bundle.published.isoformat() if bundle.published else "unknown", kind=kind)
    notes = params.notes
    if not notes and bundle.annotation.source == "auto":
        notes = ("This annotation was made by the automatic annotator: expect some mistakes, and check "
                 "each figure against the sentence given beside it.",)
    show_notes(notes)
    return params, bundle


def repair_summary(repairs: pd.DataFrame) -> pd.DataFrame:
    """Repairs grouped by what was replaced with what: how often, and the first sentence holding one."""
    columns = ["raw_text", "replacement", "rule", "times", "first_sentence", "sentence_text"]
    if repairs.empty:
        return pd.DataFrame(columns=columns)
    table = repairs.astype({"raw_text": "object", "replacement": "object", "rule": "object"})
    grouped = (table.sort_values("start", kind="stable")
               .groupby(["raw_text", "replacement", "rule"], sort=False)
               .agg(times=("start", "size"), first_sentence=("sentence", "first"),
                    sentence_text=("sentence_text", "first"))
               .reset_index())
    return grouped.sort_values(["times", "raw_text", "rule"], ascending=[False, True, True],
                               kind="stable")[columns].reset_index(drop=True)


def _largest(casualties: pd.DataFrame, cumulative: bool) -> pd.Series | None:
    """The killed figure with the highest count bound among incident or cumulative claims."""
    killed = casualties[(casualties["kind"].astype("object") == "killed")
                        & (casualties["cumulative"].fillna(False).astype(bool) == cumulative)]
    if killed.empty:
        return None
    size = killed["count_high"].fillna(killed["count_low"]).fillna(0).astype("int64")
    return killed.loc[size.sort_values(ascending=False, kind="stable").index[0]]


def key_figures(bundle) -> pd.DataFrame:
    """The article's headline numbers, each with the sentence it comes from when it has one."""
    f = bundle.frames
    rows: list[tuple[str, str, Any]] = []
    named = f["actors"][f["actors"]["mentions"].fillna(0) > 0]
    rows.append(("Actors named", f"{len(named):,} ({len(f['mentions']):,} mentions)", None))
    if len(named):
        top = named.sort_values(["mentions", "name"], ascending=[False, True], kind="stable").iloc[0]
        first = f["mentions"][f["mentions"]["actor_id"] == top["actor_id"]]["sentence"].min()
        rows.append(("Most named actor", f"{top['name']} ({int(top['mentions'])} mentions)", first))
    rows.append(("Casualty figures", f"{len(f['casualties']):,}", None))
    for cumulative, label in ((False, "Largest death figure, one incident"),
                              (True, "Largest death toll, cumulative")):
        claim = _largest(f["casualties"], cumulative)
        if claim is not None:
            victims = f" ({claim['victims']})" if pd.notna(claim["victims"]) else ""
            rows.append((label, f"{claim['text']}{victims}", claim["sentence"]))
    modality = f["events"]["modality"].astype("object")
    happened = int((modality == "happened").sum())
    rows.append(("Events", f"{len(f['events']):,} ({happened:,} happened, {len(f['events']) - happened:,} planned, "
                           f"expected, threatened, possible or denied)", None))
    if len(f["timeline"]):
        rows.append(("Dated events span", f"{f['timeline']['start_date'].min().date().isoformat()} to "
                                          f"{f['timeline']['end_date'].max().date().isoformat()}", None))
    kinds = f["quotes"]["kind"].astype("object")
    rows.append(("Quotes", f"{len(f['quotes']):,} ({int((kinds == 'direct').sum()):,} direct, "
                           f"{int((kinds == 'indirect').sum()):,} indirect)", None))
    speakers = f["quotes"]["speaker"].dropna().astype("object")
    if len(speakers):
        counts = speakers.value_counts()
        best = sorted(counts[counts == counts.max()].index)[0]
        rows.append(("Most quoted speaker", f"{best} ({int(counts[best])} quotes)",
                     f["quotes"][f["quotes"]["speaker"] == best]["sentence"].min()))
    rows.append(("Broken characters repaired", f"{len(f['repairs']):,}", None))
    return with_sentence_text(pd.DataFrame({
        "figure": [r[0] for r in rows],
        "value": [r[1] for r in rows],
        "sentence": pd.array([None if pd.isna(r[2]) else int(r[2]) for r in rows], dtype="Int64"),
    }), f["sentences"])


COUNTED_LAYERS = ("sentences", "repairs", "actors", "mentions", "casualties", "dates", "events", "quotes")


def layer_counts(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """How many rows each main table holds."""
    return pd.DataFrame({"table": list(COUNTED_LAYERS),
                         "records": [len(frames[t]) if t in frames else 0 for t in COUNTED_LAYERS]})


def voice_table(quotes: pd.DataFrame) -> pd.DataFrame:
    """Quotes per speaker and side (direct, indirect) with the sentences holding them."""
    from .charts.voices import UNATTRIBUTED, voice_counts

    counts = voice_counts(quotes)
    speakers = quotes["speaker"].astype("object").where(quotes["speaker"].notna(), UNATTRIBUTED)
    where: dict[str, set[int]] = {}
    for speaker, sentence in zip(speakers, quotes["sentence"]):
        if pd.notna(sentence):
            where.setdefault(speaker, set()).add(int(sentence))
    counts["sentences"] = [", ".join(map(str, sorted(where.get(s, set())))) for s in counts["speaker"]]
    return counts


ZOOM_BEFORE = dt.timedelta(days=28)
ZOOM_AFTER = dt.timedelta(days=14)


def show_zoomed_timeline(timeline: pd.DataFrame, source: str, published: dt.date | None) -> None:
    """The timeline zoomed to the weeks around publication, or a note when the date is unknown."""
    from .charts.timeline import timeline_chart

    if published is None:
        say("No publication date is known, so there is no zoomed view: pass <code>published</code> "
            "(YYYY-MM-DD) to get one.")
        return
    show_figure(timeline_chart(timeline, source, published, window=(published - ZOOM_BEFORE,
                                                                     published + ZOOM_AFTER)))
