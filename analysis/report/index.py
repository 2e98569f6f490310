"""The index pages of a report folder, from Jinja2 templates shipped in `templates/`.

Autoescaping is on: every title, name and path from an article is escaped by the template
engine; only the key-figures table (escaped cell by cell by `analysis.display`) is inserted as
markup.  The pages are script-free and load nothing from elsewhere.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any


@functools.cache
def _environment():
    """The Jinja2 environment over this package's templates, autoescaping HTML."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(loader=PackageLoader(__package__, "templates"), autoescape=True, trim_blocks=True,
                       lstrip_blocks=True, keep_trailing_newline=True, undefined=StrictUndefined)


def render(template: str, **values: Any) -> str:
    """One of the package's templates, rendered with `values` (escaped unless marked safe)."""
    return _environment().get_template(template).render(**values)


def _published(bundle: Any, unknown: str) -> str:
    return bundle.published.isoformat() if bundle.published else unknown


def article_index(bundle: Any, reports: list[tuple[str, str]],
                  tables: list[tuple[str, str, int]] | None = None) -> str:
    """index.html of one article: title, date, key figures, a link to each report and to each CSV table."""
    from markupsafe import Markup

    from .. import views
    from ..display import annotation_kind, html_table

    figures = html_table(views.key_figures(bundle.frames), headers={"sentence": "from sentence", "sentence_text": "which reads"})
    title = bundle.article.title
    return render("article_index.html.j2", page_title=f"Reports: {title}", title=title,
                  published=_published(bundle, "unknown"), file=Path(bundle.article.path).name,
                  kind=annotation_kind(bundle.annotation.source), key_figures=Markup(figures), reports=reports,
                  tables=tables or [])


def overall_index(entries: list[tuple[str, Any]]) -> str:
    """index.html over several articles: one line per article, linking to its folder."""
    articles = [(folder, b.article.title, _published(b, "date unknown")) for folder, b in entries]
    return render("overall_index.html.j2", page_title="Conflict-notebooks reports", articles=articles)
