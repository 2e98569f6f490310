"""The site around the report pages: the same header, navigation and footer everywhere, escaped, stable."""
from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import nbformat
import pytest

import analysis
from analysis.bundle import load_bundle
from analysis.paths import SEED_ARTICLE, SEEDS_DIR
from analysis.report import html, index, site

BOOKS = [("01_article", "The article"), ("02_actors", "Actors: who"), ("07_agreement", "Annotator check")]
HOSTILE = "<script>alert(1)</script> & $x$"
SHA = "ab" * 32


def fake_bundle(title: str = HOSTILE, outlet: str | None = "<b>Outlet</b>") -> SimpleNamespace:
    return SimpleNamespace(
        article=SimpleNamespace(title=title, path="/somewhere/a.txt", sha256=SHA),
        annotation=SimpleNamespace(source="gold", article=SimpleNamespace(outlet=outlet)),
        published=dt.date(2024, 8, 12))


def links(fragment: str, cls: str = "") -> list[str]:
    pattern = rf'<a class="{cls}" href="([^"]+)"' if cls else r'<a [^>]*?href="([^"]+)"'
    return re.findall(pattern, fragment)


def test_the_pages_of_an_article_are_its_overview_then_its_notebooks_in_order():
    pages = site.article_pages(BOOKS)
    assert [(p.href, p.label) for p in pages] == [("index.html", "Overview"), ("01_article.html", "Article"),
                                                  ("02_actors.html", "Actors"), ("07_agreement.html", "Agreement")]


@pytest.mark.parametrize("overall", [False, True], ids=["one article", "several"])
def test_every_page_has_the_contents_previous_next_and_up(overall):
    s = site.article_site(fake_bundle(), BOOKS, overall=overall)
    hrefs = [p.href for p in s.pages]
    for i, page in enumerate(hrefs):
        chrome = site.chrome(s, page, {"article": "a.txt", "top_n": 15})
        contents = re.search(r'<ol class="cn-contents">(.*?)</ol>', chrome.header, re.S).group(1)
        assert links(contents) == hrefs
        assert re.findall(r'href="([^"]+)"[^>]*aria-current="page"', contents) == [page]
        for part in (chrome.header, chrome.footer):
            assert re.findall(r'rel="prev" href="([^"]+)"', part) == (hrefs[i - 1:i] if i else [])
            assert re.findall(r'rel="next" href="([^"]+)"', part) == hrefs[i + 1:i + 2]
        up = links(chrome.header, "cn-up")
        assert ("../index.html" in up) == overall
        assert ("index.html" in up) == (overall or page != "index.html")


def test_the_header_names_the_article_and_the_footer_its_provenance_all_escaped():
    s = site.article_site(fake_bundle(), BOOKS, overall=False)
    chrome = site.chrome(s, "02_actors.html", {"article": "seeds/<a>.txt", "annotations": "gold", "published": None})
    assert "<script" not in chrome.header and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; $x$" in chrome.header
    assert "&lt;b&gt;Outlet&lt;/b&gt; · published 2024-08-12 · annotation: hand-made (gold)" in chrome.header
    assert f"{site.SUITE} {analysis.__version__}" in chrome.footer and SHA in chrome.footer
    assert "<code>article = seeds/&lt;a&gt;.txt</code>" in chrome.footer
    assert "<code>published = None</code>" in chrome.footer and "hand-made (gold)" in chrome.footer
    again = site.chrome(site.article_site(fake_bundle(), BOOKS, overall=False), "02_actors.html",
                        {"article": "seeds/<a>.txt", "annotations": "gold", "published": None})
    assert again == chrome


def test_an_unknown_outlet_and_date_are_said_to_be_unknown():
    bundle = fake_bundle(outlet=None)
    bundle.published = None
    header = site.chrome(site.article_site(bundle, BOOKS, overall=False), "index.html", {}).header
    assert "outlet unknown · published date unknown" in header


def test_the_notebook_page_carries_the_chrome_inside_its_body():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Title\n\ntext")]
    chrome = site.chrome(site.article_site(fake_bundle(), BOOKS, overall=True), "01_article.html", {"top_n": 3})
    page = html.render_html(nb, show_code=False, chrome=chrome)
    assert page.count('<header class="cn-header">') == 1 and page.count('<footer class="cn-footer">') == 1
    header, footer = page.index('<header class="cn-header">'), page.index('<footer class="cn-footer">')
    assert page.index("<body") < header < page.index("<main>") < page.index(">Title<")
    assert page.index(">Title<") < page.index("</main>") < footer < page.index("</body>")
    assert page.index(".cn-contents") < page.index("</head>")
    assert "<script" not in page
    plain = html.render_html(nb, show_code=False)
    assert "cn-header" not in plain and "cn-footer" not in plain and ".cn-contents" not in plain


def test_the_overview_of_several_articles_compares_their_key_figures(seed_gold_path):
    entries = [("000_seed", load_bundle(SEED_ARTICLE)), ("013_x", load_bundle(SEEDS_DIR / "013_wire_ukraine.txt"))]
    page = index.overall_index(entries, {"annotations": "gold", "top_n": 15})
    table = re.search(r'<table class="cn-table cn-compare".*?</table>', page, re.S).group(0)
    assert table.count("<tr>") == 3
    for header in ("Outlet", "Published", "Deadliest incident figure", "Cumulative toll", "Most named actor", "Quotes"):
        assert f">{header}</th>" in table
    assert '<a href="000_seed/index.html">Israel and US brace' in table and 'href="013_x/index.html"' in table
    assert "CNN" in table and "2024-08-12" in table and "Israel (32 mentions)" in table
    assert re.search(r'<a href="000_seed/01_article.html#s\d+">at least 93', table)
    assert ">50</td>" in table
    assert '<a href="000_seed/index.html">' in page.split("</header>")[0]
    assert "<code>top_n = 15</code>" in page


def test_a_hostile_title_stays_text_in_the_comparison(seed_gold_path):
    bundle = load_bundle(SEED_ARTICLE)
    bundle.article.title = HOSTILE
    page = index.overall_index([("a", bundle), ("b", bundle)])
    assert "<script" not in page and page.count("&lt;script&gt;") >= 4
