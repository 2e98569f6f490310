"""The site around the pages: the same header, navigation and footer on every page of a report folder.

An article's pages are its index and one page per notebook, in order.  Every page shows the
article's title, outlet and publication date; the contents of the article's pages with the
current one marked; previous and next; links up to the article's index and, for several
articles, to the overall index; and a footer with provenance: the suite's version, the
parameters used, the annotation kind and the input file's SHA-256.  The markup is made here by
autoescaping Jinja2 templates (`templates/site_*.html.j2`) and handed as it is to nbconvert's
template (notebook pages) or to `page.html.j2` (index pages): nothing is added in notebook code.
Nothing here depends on the time or the machine, so the same run gives the same bytes.
"""
from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__

SUITE = "conflict-notebooks"
INDEX = "index.html"
UP = "../index.html"


@functools.cache
def _environment():
    """The Jinja2 environment over this package's templates, autoescaping HTML."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(loader=PackageLoader(__package__, "templates"), autoescape=True, trim_blocks=True,
                       lstrip_blocks=True, keep_trailing_newline=True, undefined=StrictUndefined)


def render(template: str, **values: Any) -> str:
    """One of the package's templates, rendered with `values` (escaped unless marked safe)."""
    return _environment().get_template(template).render(**values)


@dataclass(frozen=True)
class Page:
    """One page of an article's site: its file (relative to the article's folder), short name and title."""

    href: str
    label: str
    title: str


@dataclass(frozen=True)
class ArticleSite:
    """What every page of one article shows around its content."""

    title: str
    outlet: str
    published: str
    kind: str
    file: str
    sha256: str
    pages: tuple[Page, ...]
    overall: bool


@dataclass(frozen=True)
class Chrome:
    """What a page carries around its content: CSS for its head, a header before it and a footer after it."""

    style: str
    header: str
    footer: str


def short_label(stem: str) -> str:
    """A notebook's name in the contents: '03_casualties' -> 'Casualties'."""
    words = stem.split("_", 1)[-1].replace("_", " ")
    return words[:1].upper() + words[1:]


def article_pages(books: Sequence[tuple[str, str]]) -> tuple[Page, ...]:
    """The article's pages in reading order: its index, then each notebook's page from (stem, title)."""
    return (Page(INDEX, "Overview", "Key figures, reports and tables"),
            *(Page(f"{stem}.html", short_label(stem), title) for stem, title in books))


def article_site(bundle: Any, books: Sequence[tuple[str, str]], overall: bool) -> ArticleSite:
    """The site of one article from its loaded bundle and its notebooks' (stem, title)."""
    from ..display import annotation_kind

    return ArticleSite(
        title=bundle.article.title, outlet=bundle.annotation.article.outlet or "outlet unknown",
        published=bundle.published.isoformat() if bundle.published else "date unknown",
        kind=annotation_kind(bundle.annotation.source), file=Path(bundle.article.path).name,
        sha256=bundle.article.sha256, pages=article_pages(books), overall=overall)


def neighbours(pages: tuple[Page, ...], current: str) -> tuple[Page | None, Page | None]:
    """The pages before and after the current one, in reading order."""
    hrefs = [p.href for p in pages]
    i = hrefs.index(current)
    return (pages[i - 1] if i > 0 else None), (pages[i + 1] if i + 1 < len(pages) else None)


def shown_parameters(parameters: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Parameters as `name = value` pairs, in the order given (None stays None: the annotation's value)."""
    return [(name, str(value)) for name, value in parameters.items()]


def style() -> str:
    """The site's CSS (one <style> element; the same on every page)."""
    return render("site_style.html.j2")


def chrome(site: ArticleSite, current: str, parameters: Mapping[str, Any]) -> Chrome:
    """The header, navigation and footer of one page of an article's site."""
    previous, following = neighbours(site.pages, current)
    values = dict(site=site, current=current, previous=previous, following=following, up=UP if site.overall else None)
    return Chrome(style(), render("site_header.html.j2", **values),
                  render("site_footer.html.j2", **values, suite=SUITE, version=__version__,
                         parameters=shown_parameters(parameters), articles=None))


def overall_chrome(articles: Sequence[tuple[str, str]], parameters: Mapping[str, Any]) -> Chrome:
    """The header and footer of the overall index of several articles, from (folder, title) pairs."""
    values = dict(site=None, current=INDEX, previous=None, following=None, up=None)
    return Chrome(style(), render("site_header.html.j2", **values, articles=articles),
                  render("site_footer.html.j2", **values, suite=SUITE, version=__version__,
                         parameters=shown_parameters(parameters), articles=articles))
