"""Safe rendering: untrusted article text is shown as text, never run as HTML, Markdown or maths."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nbformat
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from IPython.core.formatters import DisplayFormatter
from IPython.display import HTML, Image

from analysis import display as show
from analysis import fields
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


TABLE_TAGS = {"div", "table", "caption", "thead", "tr", "th", "tbody", "td", "a", "p"}


def test_table_escapes_headers_and_cells_and_formats_values():
    frame = pd.DataFrame({
        "<b>head</b>": EVIL[:3],
        "count_low": pd.array([40000, None, 3], dtype="Int64"),
        "sentence": pd.array([1234, 2, None], dtype="Int64"),
        "date": pd.to_datetime(["2024-08-12", None, "2024-08-10"]),
        "flag": pd.array([True, False, None], dtype="boolean"),
    })
    out = show.html_table(frame, caption="<i>cap</i>")
    parsed = parse(out)
    assert {t for t, _ in parsed.tags} <= TABLE_TAGS
    assert {a["href"] for t, a in parsed.tags if t == "a"} == {
        "01_article.html#s1235", "01_article.html#s3", "index.html#tables"}
    for value in [*EVIL[:3], "<b>head</b>", "<i>cap</i>", "40,000", "1235", "2024-08-12", "yes", "no"]:
        assert value in parsed.text
    assert "NaT" not in out and "<NA>" not in out and "nan" not in out


def headers_of(fragment: str) -> list[str]:
    """The text of each <th> of an HTML table."""
    return re.findall(r"<th(?: [^>]*)?>(.*?)</th>", fragment)


def test_headers_and_vocabulary_values_are_in_readers_words():
    frame = pd.DataFrame({"reported_by": ["the IDF"], "qualifier": ["at_least"], "actor_type": ["armed_group"],
                          "sentence_text": ["A sentence."], "mystery_column": ["x_y"]})
    out = show.html_table(frame)
    assert headers_of(out) == ["Reported by", "Wording", "Kind of actor", "Sentence", "Mystery column"]
    cells = re.findall(r"<td(?: [^>]*)?>(.*?)</td>", out)
    assert cells == ["the IDF", "at least", "armed group", "A sentence.", "x&#95;y"]
    assert headers_of(show.html_table(frame, ["qualifier"], headers={"qualifier": "as worded"})) == ["As worded"]


def test_every_field_and_vocabulary_level_has_a_readable_label():
    for name, column in {**fields.FIELDS, **fields.SHOWN}.items():
        assert column.label and "_" not in column.label and column.label[0].isupper(), name
        for level in column.categories:
            assert "_" not in fields.level_label(level), (name, level)
    assert not set(fields.FIELDS) & set(fields.SHOWN)
    assert fields.label("at_least") == "At least" and fields.level_label("at_least") == "at least"


def test_sentence_numbers_are_shown_from_1_and_link_to_the_annotated_article():
    frame = pd.DataFrame({"sentence": pd.array([0, 11], dtype="Int64"), "in_sentences": ["0, 4", "not, numbers"],
                          "first_sentence": pd.array([None, 2], dtype="Int64")})
    parsed = parse(show.html_table(frame, download=False))
    links = [(a["href"], text) for (t, a), text in zip(
        [(t, a) for t, a in parsed.tags if t == "a"], [x for x in parsed.text if x.isdigit()])]
    assert links == [("01_article.html#s1", "1"), ("01_article.html#s1", "1"), ("01_article.html#s5", "5"),
                     ("01_article.html#s12", "12"), ("01_article.html#s3", "3")]
    assert "not, numbers" in parsed.text
    outside = parse(show.html_table(frame, ["sentence"], base="000_x/", download=False))
    assert [a["href"] for t, a in outside.tags if t == "a"] == ["000_x/01_article.html#s1", "000_x/01_article.html#s12"]


def test_each_table_links_its_csv_or_says_it_has_none():
    frame = pd.DataFrame({"casualty_id": ["c1"], "text": ["93"], "sentence_text": ["s"]})
    frame.attrs["table"] = "casualties"
    whole = show.html_table(frame)
    assert '<a class="cn-download" href="tables/casualties.csv" download>' in whole
    assert "this table, with every column" in whole and "count from 0" in whole
    derived = frame.assign(in_sentences="1")
    assert "the table this one is made from" in show.html_table(derived)
    assert 'href="tables/cooccurrence.csv"' in show.html_table(pd.DataFrame({"a": [1]}), csv="cooccurrence")
    none = show.html_table(pd.DataFrame({"a": [1]}), base="x/")
    assert "cn-download" not in none and "not saved as a CSV of its own" in none
    assert 'href="x/index.html#tables"' in none
    assert "cn-csv" not in show.html_table(frame, download=False)


def test_a_table_scrolls_sideways_inside_its_own_box():
    out = show.html_table(pd.DataFrame({"sentence_text": ["word " * 30], "n": [1]}))
    assert re.match(r'<div class="cn-table-box" style="overflow-x:auto[^"]*"><table', out)
    assert out.index("</table></div>") < out.index("cn-csv")
    assert "min-width:16em" in out and "white-space:nowrap" in out


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
    out = show.highlighted_text(text, spans, notes=False)
    parsed = parse(out)
    assert {t for t, _ in parsed.tags} <= {"div", "h3", "p", "span"}
    assert "".join(parsed.text) == text.replace("\n", "")
    titles = [a.get("title") for t, a in parsed.tags if t == "span"]
    assert "actor: <Israel>" in titles
    styles = [a.get("style") for t, a in parsed.tags if t == "span"]
    assert show.LAYER_STYLES["quote"][1] in styles and show.LAYER_STYLES["date"][1] in styles
    assert out.index(show.LAYER_STYLES["quote"][1]) < out.index(show.LAYER_STYLES["date"][1])


def test_the_article_numbers_its_sentences_and_lists_each_paragraphs_annotations_on_tap():
    text = "A <b>title</b>\nIsrael struck. Hamas said <x>.\n"
    second, third = text.index("Israel"), text.index("Hamas")
    spans = [show.Highlight(second, second + 6, "mention", "actor: Israel (state)"),
             show.Highlight(third, third + 5, "mention", "actor: <Hamas>")]
    out = show.highlighted_text(text, spans, [(1, 0), (2, second), (3, third)])
    parsed = parse(out)
    anchors = [a for t, a in parsed.tags if t == "a"]
    assert [(a["id"], a["href"]) for a in anchors] == [("s1", "#s1"), ("s2", "#s2"), ("s3", "#s3")]
    assert out.index('id="s3"') < out.index(">Hamas</span>")
    notes = re.findall(r"<details.*?</details>", out)
    assert len(notes) == 1 and "<summary" in notes[0] and "(2)" in notes[0]
    assert "actor: &lt;Hamas&gt;" in notes[0] and "<Hamas>" not in out and "<b>" not in out
    assert {t for t, _ in parsed.tags} <= {"div", "h3", "p", "span", "a", "details", "summary", "ul", "li"}


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

