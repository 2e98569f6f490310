"""Reports stay bounded whatever the article's size (issue item 14): what is left out is said, the full
tables are linked as CSV, and a 10,000-paragraph article reports in well under a minute."""
from __future__ import annotations

import re
import time

import pandas as pd
import pytest
from big_article import write_big_article

from analysis import display, paths, views
from analysis.charts import casualties_chart, style, timeline_chart
from analysis.charts.casualties import MAX_CLAIMS
from analysis.charts.timeline import MAX_EVENTS
from analysis.report import run

PAGE_LIMIT = 5_000_000


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """The gold seeds repeated into an article of over 10,000 paragraphs, with its gold annotation."""
    from analysis.bundle import load_bundle

    article = write_big_article(tmp_path_factory.mktemp("big"))
    return article, load_bundle(article)


def test_the_big_article_is_the_size_of_the_issue(big):
    article, bundle = big
    paragraphs = sum(1 for line in article.read_text(encoding="utf-8").split("\n") if line.strip())
    assert paragraphs > 10_000 and 600_000 < article.stat().st_size < 1_000_000
    assert len(bundle.frames["casualties"]) > 1_000 and len(bundle.frames["timeline"]) > 1_000


def test_a_long_table_is_cut_and_links_its_full_csv(big):
    _, bundle = big
    frame = views.with_sentence_text(bundle.frames["mentions"], bundle.frames["sentences"])
    frame.attrs["table"] = "mentions"
    page = display.html_table(frame)
    assert page.count("<tr>") == display.MAX_TABLE_ROWS + 1
    assert f"Showing the first {display.MAX_TABLE_ROWS} of {len(frame):,} rows" in page
    assert '<a href="tables/mentions.csv">tables/mentions.csv</a>' in page
    unnamed = display.html_table(pd.DataFrame(frame.to_dict("list")))  # a derived table: no CSV of its own
    assert 'href="index.html#tables"' in unnamed


def test_a_long_article_is_cut_at_a_line_and_says_what_is_left_out(big, monkeypatch):
    _, bundle = big
    shown = []
    monkeypatch.setattr(display, "display", shown.append)
    display.show_article(bundle.article.text, bundle.frames)
    page = shown[0].data
    cut = display.article_cut(bundle.article.text)
    assert cut <= display.MAX_ARTICLE_CHARS and bundle.article.text[cut] == "\n"
    assert len(page) < 1_000_000
    left = len(bundle.article.text) - cut
    assert f"goes on for {left:,} more characters" in page and 'href="tables/sentences.csv"' in page


def test_the_casualty_chart_draws_the_largest_claims_and_says_how_many_are_left_out(big):
    _, bundle = big
    claims = bundle.frames["casualties"]
    fig = casualties_chart(claims, "Source: test")
    png = style.to_png(fig)
    assert fig.get_size_inches()[1] < 2 * 0.62 * MAX_CLAIMS + 10 and len(png) < 2_000_000
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert any(f"the {MAX_CLAIMS} largest, of" in t for t in titles)
    assert "Not drawn:" in style.alt_text(fig) and len(style.alt_text(fig)) < 20_000


def test_the_timeline_draws_the_events_nearest_publication_and_says_how_many_are_left_out(big):
    _, bundle = big
    fig = timeline_chart(bundle.frames["timeline"], "Source: test", bundle.published)
    png = style.to_png(fig)
    assert fig.get_size_inches()[1] < 0.8 * MAX_EVENTS + 10 and len(png) < 2_000_000
    drawn = sum(1 for ax in fig.axes if ax.get_gid() == "event-labels" for t in ax.texts if t.get_gid() != "empty-note")
    assert drawn == MAX_EVENTS
    assert any("nearest the publication date, of" in ax.get_title(loc="left") for ax in fig.axes)
    assert "Not drawn:" in style.alt_text(fig) and len(style.alt_text(fig)) < 20_000


@pytest.mark.slow
def test_the_big_article_reports_fast_with_small_pages(big, tmp_path):
    """Every notebook but 07_agreement, which runs the automatic annotator (timed on its own elsewhere)."""
    article, bundle = big
    books = tmp_path / "books"
    books.mkdir()
    for notebook in sorted(p for p in paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb") if p.stem != "07_agreement"):
        (books / notebook.name).write_bytes(notebook.read_bytes())
    started = time.monotonic()
    out = run.run_reports([article], tmp_path / "out", {}, jobs=2, notebook_dir=books)
    seconds = time.monotonic() - started
    pages = {p.name: p.stat().st_size for p in out.glob("*.html")}
    print(f"\nbig article: {seconds:.1f} s; pages {pages}")
    assert len(pages) == 8 and max(pages.values()) < PAGE_LIMIT, pages
    assert seconds < 120
    casualties = (out / "03_casualties.html").read_text(encoding="utf-8")
    assert re.search(r'Every row is in <a href="tables/casualties.csv">', casualties)
    assert len(pd.read_csv(out / "tables" / "casualties.csv")) == len(bundle.frames["casualties"])
