"""Safe rendering: untrusted article text is shown as text, never run as HTML, Markdown or maths."""
from __future__ import annotations

import html
from html.parser import HTMLParser

import nbformat
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from IPython.core.formatters import DisplayFormatter
from IPython.display import HTML, Image

from analysis import display as show
from analysis.charts import style

EVIL = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '$x$', '*md*', '_em_', '`code`',
        '[link](javascript:alert(1))', '\\(x\\)', '"quoted" & \'single\'']


class TagCollector(HTMLParser):
    """Collect the tags and the text of an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(fragment: str) -> TagCollector:
    collector = TagCollector()
    collector.feed(fragment)
    return collector


@pytest.mark.parametrize("text", EVIL)
def test_escape_leaves_no_markup_markdown_or_maths(text):
    out = show.escape(text)
    for special in "<>$*_`[]\\\"'":
        assert special not in out
    assert html.unescape(out) == text


@given(st.text())
def test_escape_round_trips_any_text(text):
    assert html.unescape(show.escape(text)) == text
    assert parse(f"<p>{show.escape(text)}</p>").tags == [("p", {})]


def test_table_escapes_headers_and_cells_and_formats_values():
    frame = pd.DataFrame({
        "<b>head</b>": EVIL[:3],
        "count_low": pd.array([40000, None, 3], dtype="Int64"),
        "sentence": pd.array([1234, 2, None], dtype="Int64"),
        "date": pd.to_datetime(["2024-08-12", None, "2024-08-10"]),
        "flag": pd.array([True, False, None], dtype="boolean"),
    })
    out = show.html_table(frame, caption="<i>cap</i>")
    tags = {t for t, _ in parse(out).tags}
    assert tags <= {"table", "caption", "thead", "tr", "th", "tbody", "td"}
    text = parse(out).text
    for value in [*EVIL[:3], "<b>head</b>", "<i>cap</i>", "40,000", "1234", "2024-08-12", "yes", "no"]:
        assert value in text
    assert "NaT" not in out and "<NA>" not in out and "nan" not in out


def test_table_marks_rows_left_out():
    out = show.html_table(pd.DataFrame({"a": range(5)}), max_rows=2)
    assert "3 more row" in out


def test_highlighted_text_escapes_the_article_and_marks_each_layer():
    text = "Title with <script>alert(1)</script>\nIsrael said $x$ and *md* at <img src=x onerror=alert(1)>.\n"
    start = text.index("Israel")
    quote_start = text.index("$x$")
    spans = [show.Highlight(start, start + 6, "mention", "actor: <Israel>"),
             show.Highlight(quote_start, quote_start + 12, "quote", "quote"),
             show.Highlight(quote_start, quote_start + 3, "date", "date")]
    out = show.highlighted_text(text, spans)
    parsed = parse(out)
    assert {t for t, _ in parsed.tags} <= {"div", "h3", "p", "span"}
    assert "".join(parsed.text) == text.replace("\n", "")
    titles = [a.get("title") for t, a in parsed.tags if t == "span"]
    assert "actor: <Israel>" in titles
    styles = [a.get("style") for t, a in parsed.tags if t == "span"]
    assert show.LAYER_STYLES["quote"][1] in styles and show.LAYER_STYLES["date"][1] in styles
    assert out.index(show.LAYER_STYLES["quote"][1]) < out.index(show.LAYER_STYLES["date"][1])


def test_highlights_outside_the_text_are_ignored():
    out = show.highlighted_text("abc", [show.Highlight(2, 10, "mention", "x"), show.Highlight(-1, 1, "date", "y")])
    assert "<span" not in out


def test_say_escapes_values_but_not_the_template(monkeypatch):
    shown = []
    monkeypatch.setattr(show, "display", shown.append)
    show.say("<strong>Title:</strong> {title}", title="<script>x</script>")
    (obj,) = shown
    assert isinstance(obj, HTML)
    assert "<strong>" in obj.data and "<script>" not in obj.data


def test_show_figure_displays_a_png_with_alt_text(monkeypatch):
    from matplotlib.figure import Figure

    shown = []
    monkeypatch.setattr(show, "display", shown.append)
    fig = Figure()
    fig.add_subplot().plot([1, 2])
    style.finish(fig, "t", "source", "A line rising from 1 to 2.")
    show.show_figure(fig)
    (obj,) = shown
    assert isinstance(obj, Image) and obj.format == "png"
    data, metadata = DisplayFormatter().format(obj)
    assert data["image/png"] and metadata == {"image/png": {"alt": "A line rising from 1 to 2."}}
    with pytest.raises(ValueError, match="alt text"):
        show.show_figure(Figure())


def test_escaped_output_stays_inert_through_nbconvert():
    from analysis.report import render_html

    frame = pd.DataFrame({"text": EVIL})
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cell = nbformat.v4.new_code_cell("show.show_table(frame)")
    cell.outputs = [nbformat.v4.new_output("display_data", data={
        "text/html": show.html_table(frame) + show.highlighted_text(" ".join(EVIL), []),
        "text/plain": "<IPython.core.display.HTML object>"})]
    nb.cells = [cell]
    page = render_html(nb, show_code=False)
    assert "<script" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # nbconvert re-serialises &#36; as "$"; it stays text because the page loads no MathJax at all.
    assert "mathjax" not in page.lower()

