"""The index pages of a report folder, from Jinja2 templates shipped in `templates/`.

Autoescaping is on: every title, name and path from an article is escaped by the template
engine; only the tables (escaped cell by cell by `analysis.display`) and the site's header and
footer (escaped where `site` makes them) are inserted as markup.  The pages are script-free and
load nothing from elsewhere.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .site import Chrome, overall_chrome, render

KEY_FIGURE_HEADERS = {"value": "Value"}


def _published(bundle: Any, unknown: str) -> str:
    return bundle.published.isoformat() if bundle.published else unknown


def _markup(text: str) -> Any:
    from markupsafe import Markup

    return Markup(text)


def article_index(bundle: Any, reports: list[tuple[str, str]],
                  tables: list[tuple[str, str, int]] | None = None, chrome: Chrome | None = None) -> str:
    """index.html of one article: key figures, a link to each report and to each CSV table."""
    from .. import views
    from ..display import html_table

    figures = html_table(views.key_figures(bundle.frames), ["figure", "value", "sentence"], KEY_FIGURE_HEADERS,
                         download=False)
    title = bundle.article.title
    return render("article_index.html.j2", page_title=f"Overview: {title}", title=title,
                  key_figures=_markup(figures), reports=reports, tables=tables or [], chrome=chrome_markup(chrome))


def chrome_markup(chrome: Chrome | None) -> dict[str, Any]:
    """A page's header, navigation and footer as markup for the template (empty without a site)."""
    if chrome is None:
        return {"style": "", "header": "", "footer": ""}
    return {"style": _markup(chrome.style), "header": _markup(chrome.header), "footer": _markup(chrome.footer)}


@dataclass(frozen=True)
class Compared:
    """One article's row in the comparison of several: its figures and where each is in its pages."""

    folder: str
    title: str
    outlet: str
    published: str
    incident: str
    incident_href: str | None
    cumulative: str
    cumulative_href: str | None
    most_named: str
    quotes: int


def _sentence_href(folder: str, sentence: int | None) -> str | None:
    """The link to a sentence (counted from 0) in an article's annotated text, from the overall index."""
    from ..display import sentence_href

    return None if sentence is None else sentence_href(sentence, base=f"{folder}/")


def compared(folder: str, bundle: Any) -> Compared:
    """One article's row of the comparison table."""
    from ..summary import headline

    h = headline(bundle.frames)
    return Compared(folder, bundle.article.title, bundle.annotation.article.outlet or "unknown",
                    _published(bundle, "unknown"), h.incident or "none", _sentence_href(folder, h.incident_sentence),
                    h.cumulative or "none", _sentence_href(folder, h.cumulative_sentence), h.most_named or "none",
                    h.quotes)


def overall_index(entries: list[tuple[str, Any]], parameters: Mapping[str, Any] | None = None) -> str:
    """index.html over several articles: their key figures side by side, each linking to the article's pages."""
    chrome = overall_chrome([(folder, b.article.title) for folder, b in entries], parameters or {})
    return render("overall_index.html.j2", page_title="Conflict-notebooks reports",
                  rows=[compared(folder, b) for folder, b in entries], chrome=chrome_markup(chrome))
