"""The report folder as a site, checked in headless Chromium: navigation on every page, every link and
download resolving, and no page wider than a 420 px phone screen.

Runs over the committed seed reports (`reports/`, kept current by test_report.py) and over a fresh run
on two articles.  Every page is also photographed at 1280 and 420 px; set CN_SCREENSHOTS=DIR to keep
the pictures (docs/screenshots/ holds one of each width for the README).
"""
from __future__ import annotations

import json
import os
import re
import struct
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd
import pytest
from browser import chromium_for_tests

from analysis import __version__, paths
from analysis.report import execution, run

PHONE, DESKTOP = 420, 1280
SCREENSHOT_HEIGHT = 2000
# Everything the checks need from a loaded page (links as the browser resolved them).
PROBE = """JSON.stringify({
  width: document.documentElement.scrollWidth,
  viewport: document.querySelector('meta[name=viewport]') ? document.querySelector('meta[name=viewport]').content : '',
  headers: document.querySelectorAll('header.cn-header').length,
  footers: document.querySelectorAll('footer.cn-footer').length,
  contents: [...document.querySelectorAll('header .cn-contents a')].map(a => a.href),
  current: [...document.querySelectorAll('header .cn-contents a[aria-current=page]')].map(a => a.href),
  previous: [...document.querySelectorAll('header a[rel=prev]')].map(a => a.href),
  next: [...document.querySelectorAll('header a[rel=next]')].map(a => a.href),
  up: [...document.querySelectorAll('header a.cn-up')].map(a => a.href),
  links: [...document.querySelectorAll('a[href]')].map(a => a.href),
  downloads: [...document.querySelectorAll('a[download]')].map(a => a.href),
  tables: document.querySelectorAll('table').length,
  boxed: document.querySelectorAll('.cn-table-box > table').length,
  csv_notes: document.querySelectorAll('.cn-csv').length,
  footer: document.querySelector('footer.cn-footer') ? document.querySelector('footer.cn-footer').innerText : ''
})"""


@pytest.fixture(scope="module")
def chromium():
    yield from chromium_for_tests()


@pytest.fixture(scope="module")
def two_articles(tmp_path_factory) -> Path:
    """Reports on the seed and on another gold article, in one run."""
    out = tmp_path_factory.mktemp("two") / "two-articles"
    return run.run_reports([paths.SEED_ARTICLE, paths.SEEDS_DIR / "013_wire_ukraine.txt"], out, {}, jobs=2)


def article_pages() -> list[str]:
    """An article's pages in reading order: its overview, then one page per notebook."""
    return ["index.html", *(f"{b.stem}.html" for b in execution.notebooks())]


def local(url: str) -> tuple[Path, str]:
    """A file:// link as the file it names and its fragment."""
    parts = urlsplit(url)
    assert parts.scheme == "file", url
    return Path(unquote(parts.path)), parts.fragment


@cache
def ids_in(page: Path) -> frozenset[str]:
    return frozenset(re.findall(r'\sid="([^"]+)"', page.read_text(encoding="utf-8")))


def check_links_resolve(page: Path, seen: dict) -> None:
    """Every link leads to a file that exists and, with a fragment, to an element of that file."""
    for url in seen["links"]:
        target, fragment = local(url)
        assert target.is_file(), (page.name, url)
        if fragment and target.suffix == ".html":
            assert fragment in ids_in(target), (page.name, url)


def check_downloads(page: Path, seen: dict) -> int:
    """Every download link is a CSV file that pandas reads; returns how many there are."""
    for url in seen["downloads"]:
        target, _ = local(url)
        assert target.suffix == ".csv", (page.name, url)
        frame = pd.read_csv(target)
        assert len(frame.columns) > 0, (page.name, url)
    return len(seen["downloads"])


def check_article_navigation(page: Path, seen: dict, several: bool) -> None:
    """The contents, the current page, previous/next and the way up, as the site's reading order says."""
    order = article_pages()
    folder = page.parent
    assert [local(u)[0] for u in seen["contents"]] == [folder / name for name in order], page
    assert [local(u)[0] for u in seen["current"]] == [page]
    i = order.index(page.name)
    assert [local(u)[0] for u in seen["previous"]] == [folder / n for n in (order[i - 1:i] if i else [])]
    assert [local(u)[0] for u in seen["next"]] == [folder / n for n in order[i + 1:i + 2]]
    up = [local(u)[0] for u in seen["up"]]
    assert ((folder.parent / "index.html") in up) == several, page
    if page.name != "index.html":
        assert folder / "index.html" in up, page


def png_width(path: Path) -> int:
    """The width of a PNG image, from its header."""
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", data[16:20])[0]


def screenshots(chromium, page: Path, root: Path, tmp: Path) -> None:
    """The page photographed at desktop and phone widths (kept in CN_SCREENSHOTS when set)."""
    folder = Path(os.environ["CN_SCREENSHOTS"]) if os.environ.get("CN_SCREENSHOTS") else tmp
    folder.mkdir(parents=True, exist_ok=True)
    name = page.relative_to(root).with_suffix("").as_posix().replace("/", "__")
    for width in (DESKTOP, PHONE):
        shot = chromium.screenshot(page, folder / f"{root.name}__{name}.{width}.png", width, SCREENSHOT_HEIGHT)
        assert png_width(shot) == width


def check_site(chromium, root: Path, tmp: Path) -> dict[str, int]:
    """Every page of a report folder checked at desktop and phone widths; returns counts for the caller."""
    pages = sorted(root.rglob("*.html"))
    several = (root / "index.html").is_file() and any(p.parent != root for p in pages)
    counted = {"pages": 0, "downloads": 0}
    for page in pages:
        wide = json.loads(chromium.visit(page, PROBE, settle=0.05, width=DESKTOP).probe)
        narrow = json.loads(chromium.visit(page, PROBE, settle=0.05, width=PHONE).probe)
        assert "width=device-width" in wide["viewport"], page
        assert wide["headers"] == wide["footers"] == 1, page
        assert narrow["width"] <= PHONE, (page, narrow["width"])
        assert wide["tables"] == wide["boxed"], page
        assert f"conflict-notebooks {__version__}" in wide["footer"] and "Parameters:" in wide["footer"], page
        check_links_resolve(page, wide)
        counted["downloads"] += check_downloads(page, wide)
        if several and page.parent == root:
            assert [local(u)[0] for u in wide["contents"]] == sorted(root.glob("*/index.html")), page
        else:
            check_article_navigation(page, wide, several)
            assert "SHA-256" in wide["footer"], page
        if page.name != "index.html":
            assert wide["csv_notes"] == wide["tables"], page
        screenshots(chromium, page, root, tmp)
        counted["pages"] += 1
    return counted


@pytest.mark.slow
def test_the_seed_reports_are_a_site_that_fits_a_phone(chromium, tmp_path):
    counted = check_site(chromium, paths.REPORTS_DIR, tmp_path)
    assert counted["pages"] == len(article_pages())
    assert counted["downloads"] >= 12  # the overview lists every table's CSV


@pytest.mark.slow
def test_a_run_over_two_articles_is_one_site_that_fits_a_phone(chromium, two_articles, tmp_path):
    counted = check_site(chromium, two_articles, tmp_path)
    assert counted["pages"] == 2 * len(article_pages()) + 1
    top = (two_articles / "index.html").read_text(encoding="utf-8")
    assert top.count('href="000_d9e28a5d5fb01913/01_article.html#s') >= 2
    assert 'href="013_wire_ukraine/index.html"' in top
