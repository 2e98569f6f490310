"""The site of a corpus dataset: the chrome of its pages, its index, and one light page per article.

The dataset's pages are its index and one page per corpus notebook, in order.  Every article read
gets a page of its own, `articles/<article_id>.html`, rendered from the `sentences` table by a
template (no kernel: a dataset may hold 10,000 articles), each sentence under the anchor the
single-article pages use (`display.sentence_anchor`), so the corpus tables link every figure to its
sentence.  Every page shows the dataset's name, its articles, outlets and dates; the contents with
the current page marked; previous and next; and a footer with the suite's version, the SHA-256 of
the dataset's `dataset.json`, the annotation kinds and the parameters.  Everything from an article
is escaped by the autoescaping templates; nothing depends on the time or the machine.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .. import __version__
from ..corpus.views import Facts, article_page, counted, facts
from ..display import annotation_kind, sentence_anchor, sentence_number
from ..errors import InputError
from .index import chrome_markup
from .site import INDEX, SUITE, Chrome, Page, neighbours, render, short_label, shown_parameters, style

ARTICLE_ID = re.compile(r"[0-9a-f]{16}")
LABEL_CHARS = 60
REBUILD = "Build the dataset again with `python -m analysis corpus ARTICLES... --out DATASET`"


@dataclass(frozen=True)
class DatasetSite:
    """What every page of a dataset's site shows around its content."""

    name: str
    meta: str
    kinds: str
    sha256: str
    pages: tuple[Page, ...]


@dataclass(frozen=True)
class ArticleEntry:
    """One article read into the dataset, as its page and the index show it."""

    article_id: str
    title: str
    outlet: str
    published: str
    file: str
    kind: str
    sentences: int

    @property
    def href(self) -> str:
        """Its page, relative to the corpus pages."""
        return article_page(self.article_id)

    @property
    def label(self) -> str:
        """Its title, cut for the navigation."""
        return self.title if len(self.title) <= LABEL_CHARS else self.title[:LABEL_CHARS - 1].rstrip() + "…"


def kinds_text(brief: Facts) -> str:
    """The annotation kinds of the articles read, in readers' words."""
    return " and ".join(annotation_kind(k) for k in brief.kinds) or "no"


def dataset_site(name: str, sha256: str, articles: pd.DataFrame, books: Sequence[tuple[str, str]]) -> DatasetSite:
    """The site of a dataset from its name, its dataset.json's SHA-256, its articles and its notebooks' (stem, title)."""
    brief = facts(articles)
    meta = (f"{counted(brief.read, 'article')} from {counted(len(brief.outlets), 'named outlet')} · "
            f"published {brief.span} · annotation: {kinds_text(brief)}"
            + (f" · {brief.failed:,} failed" if brief.failed else ""))
    pages = (Page(INDEX, "Key figures", "Key figures, reports, articles and tables"),
             *(Page(f"{stem}.html", short_label(stem), title) for stem, title in books))
    return DatasetSite(name=name, meta=meta, kinds=kinds_text(brief), sha256=sha256, pages=pages)


def _chrome(site: DatasetSite, current: str | None, around: tuple[Page | None, Page | None],
            parameters: Mapping[str, Any], article: ArticleEntry | None = None) -> Chrome:
    """A page's header, navigation and footer; an article's page lies one folder down."""
    values = dict(site=site, current=current, previous=around[0], following=around[1], article=article,
                  base="../" if article else "")
    return Chrome(style(), render("dataset_header.html.j2", **values),
                  render("dataset_footer.html.j2", **values, suite=SUITE, version=__version__,
                         parameters=shown_parameters(parameters)))


def page_chrome(site: DatasetSite, current: str, parameters: Mapping[str, Any]) -> Chrome:
    """The chrome of the index or of a notebook's page, with the current page marked."""
    return _chrome(site, current, neighbours(site.pages, current), parameters)


def article_entries(articles: pd.DataFrame, source: Path) -> list[ArticleEntry]:
    """The articles read (status ok), in the dataset's order; an id that is no content hash is refused."""
    entries: list[ArticleEntry] = []
    seen: set[str] = set()
    for row in articles[articles["status"] == "ok"].itertuples(index=False):
        article_id = str(row.article_id) if pd.notna(row.article_id) else ""
        if not ARTICLE_ID.fullmatch(article_id) or article_id in seen:
            raise InputError(source, f"gives {row.file!r} the article id {article_id!r}, which is not a content hash "
                             "or repeats another article's", REBUILD)
        seen.add(article_id)
        entries.append(ArticleEntry(
            article_id=article_id, title=str(row.title) if pd.notna(row.title) else "(untitled)",
            outlet=str(row.outlet) if pd.notna(row.outlet) else "outlet unknown",
            published=pd.Timestamp(row.published).date().isoformat() if pd.notna(row.published) else "date unknown",
            file=str(row.file), kind=annotation_kind(str(row.annotation)) if pd.notna(row.annotation) else "none",
            sentences=int(row.sentence_count) if pd.notna(row.sentence_count) else 0))
    return entries


Sentence = tuple[int, int, str]


def sentences_by_article(sentences: pd.DataFrame) -> dict[str, list[Sentence]]:
    """Each article's (sentence, paragraph, text) rows, in one pass over the sentences table."""
    groups: dict[str, list[Sentence]] = {}
    paragraphs = sentences["paragraph"].astype("Int64").fillna(-1)
    for article, number, paragraph, text in zip(sentences["article_id"].astype(str), sentences["sentence"],
                                                paragraphs, sentences["text"]):
        groups.setdefault(article, []).append((int(number), int(paragraph), str(text) if pd.notna(text) else ""))
    return groups


def paragraphs(rows: list[Sentence]) -> list[list[tuple[str, int, str]]]:
    """An article's sentences as paragraphs of (anchor, number from 1, text)."""
    out: list[list[tuple[str, int, str]]] = []
    last: int | None = None
    for number, paragraph, text in sorted(rows):
        if not out or paragraph != last:
            out.append([])
            last = paragraph
        out[-1].append((sentence_anchor(number), sentence_number(number), text))
    return out


def _neighbour(entry: ArticleEntry | None) -> Page | None:
    """Another article's page as previous or next, from beside it in the articles folder."""
    return None if entry is None else Page(f"{entry.article_id}.html", entry.label, entry.title)


def article_pages(site: DatasetSite, entries: list[ArticleEntry], sentences: pd.DataFrame,
                  parameters: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(file name, HTML) of each article's page: its facts and its numbered sentences, previous and next article."""
    groups = sentences_by_article(sentences)
    for i, entry in enumerate(entries):
        around = (_neighbour(entries[i - 1] if i else None), _neighbour(entries[i + 1] if i + 1 < len(entries) else None))
        chrome = _chrome(site, None, around, parameters, entry)
        yield f"{entry.article_id}.html", render(
            "dataset_article.html.j2", page_title=f"{entry.title} · corpus {site.name}", article=entry,
            paragraphs=paragraphs(groups.get(entry.article_id, [])), chrome=chrome_markup(chrome))


def key_figures(articles: pd.DataFrame, tables: Mapping[str, pd.DataFrame]) -> list[tuple[str, str]]:
    """The dataset in a few lines: articles, outlets, dates, annotations, incidents and tolls."""
    brief = facts(articles)
    incidents, reports, tolls = tables["incidents"], tables["incident_reports"], tables["tolls"]
    several = int((incidents["articles"] > 1).sum())
    disagree = int((incidents["killed_conflict"].fillna(False) | incidents["injured_conflict"].fillna(False)).sum())
    outlets = ", ".join(brief.outlets[:10]) + (f" and {len(brief.outlets) - 10:,} more" if len(brief.outlets) > 10 else "")
    return [
        ("Articles", f"{brief.read:,} read, {brief.failed:,} failed, {brief.duplicate:,} duplicate"),
        ("Outlets", f"{len(brief.outlets):,} named" + (f": {outlets}" if outlets else "")),
        ("Published", brief.span),
        ("Annotations", ", ".join(f"{n:,} {annotation_kind(k)}" for k, n in brief.kind_counts) or "none"),
        ("Incidents", f"{len(incidents):,}; {several:,} reported by two or more articles; {disagree:,} with figures "
                      "their sources disagree on"),
        ("Incident reports", f"{len(reports):,} figures and events assigned to incidents"),
        ("Cumulative tolls", f"{tolls['series'].nunique():,} series, {len(tolls):,} points"),
        ("Suite version", ", ".join(brief.versions) or "none"),
    ]


def dataset_index(site: DatasetSite, figures: list[tuple[str, str]], entries: list[ArticleEntry], not_shown: int,
                  tables: list[tuple[str, str, int]], chrome: Chrome) -> str:
    """index.html of a dataset's site: key figures, the reports, every article's page and the CSV tables."""
    return render("dataset_index.html.j2", page_title=f"Corpus overview: {site.name}", key_figures=figures,
                  pages=site.pages[1:], articles=entries, not_shown=not_shown, tables=tables,
                  chrome=chrome_markup(chrome))
