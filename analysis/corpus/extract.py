"""The work one worker does: load, annotate and tabulate a batch of articles into Parquet part tables.

Each article gives plain rows (`analysis.frames.table_rows`, and its incident reports and tolls
made from them); each part table is then built once for the whole batch, its values checked
against the declared columns as it is built.  An article that fails (unreadable, not text, an
invalid gold file, an annotator error, rows that do not fit their columns) becomes a `failed`
row of the `articles` table with its error; the batch goes on.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..annotations import Annotation, load_annotation
from ..errors import ConflictNotebooksError
from ..frames import Row, table_rows
from ..ingest import Article, article_from_bytes, load_article
from ..paths import gold_path_for
from . import reports
from .fields import ARTICLE_KEYS, PART_TABLES, TABLES
from .metadata import ArticleKeys, Listed, outlet_from_text
from .store import RowsError, parquet_bytes, record_columns, rows_to_arrow

WARM_UP_TEXT = ("Warm-up\nGAZA CITY, Aug. 12, 2024 (Wire) — An Israeli air strike killed at least 12 people "
                "on Saturday, local officials said. “We will respond,” Hamas said.\n")


@dataclass(frozen=True)
class Task:
    """One article to process: where it is, what the client hashed, whether gold lies beside it, and what the
    metadata file says of it."""

    path: str
    file: str
    article_id: str
    input_key: str
    gold: bool
    listed: Listed = Listed()


@dataclass
class BatchResult:
    """A processed batch: each part table as Parquet bytes, and the batch's `articles` rows."""

    batch_id: str
    blobs: dict[str, bytes]
    articles: list[dict[str, Any]]


def batch_id(tasks: Iterable[Task]) -> str:
    """A batch's folder name: a hash of its articles' input keys."""
    return hashlib.sha256("\n".join(t.input_key for t in tasks).encode()).hexdigest()[:16]


@functools.cache
def annotator() -> Callable[..., Annotation]:
    """The automatic annotator, built and run once per process, so each worker pays its start-up once."""
    from ..autoannotate.annotator import annotate_article

    annotate_article(article_from_bytes(WARM_UP_TEXT.encode("utf-8"), "warm-up.txt"))
    return annotate_article


def _published(annotation: Annotation, listed: Listed) -> dt.date | None:
    """The annotation's publication date (a gold file's, or the one the annotator was given or found), else the
    metadata file's."""
    value = annotation.article.published
    return dt.date.fromisoformat(value) if value else listed.published


def _keys(task: Task, article: Article, annotation: Annotation) -> ArticleKeys:
    """The article's key columns: a gold annotation's outlet and date first, then the metadata file's, then
    what the text says."""
    listed = task.listed
    return ArticleKeys(article_id=task.article_id, file=task.file, title=listed.title or article.title,
                       outlet=annotation.article.outlet or listed.outlet or outlet_from_text(article.text),
                       published=_published(annotation, listed))


def _annotation(task: Task, article: Article) -> Annotation:
    """The gold annotation beside the article, or the automatic one, given the metadata file's publication date
    so that relative dates ("on Saturday") resolve against it."""
    if task.gold:
        return load_annotation(gold_path_for(task.path), article.text)
    return annotator()(article, task.listed.published)


def _error(exc: Exception) -> str:
    """An error as one message: the suite's own errors as they are, others with their type."""
    return str(exc) if isinstance(exc, ConflictNotebooksError) else f"{type(exc).__name__}: {exc}"


def article_row(task: Task, version: str, **values: Any) -> dict[str, Any]:
    """An `articles` row for a task; `values` fill or override the columns."""
    listed = task.listed
    return {"article_id": task.article_id, "file": task.file, "title": listed.title, "outlet": listed.outlet,
            "published": listed.published, "url": listed.url, "path": task.path, "status": "ok", "error": None,
            "annotation": "gold" if task.gold else "auto",
            "repairs": None, "encoding": None, "characters": None, "sentence_count": None, "version": version,
            "input_key": task.input_key, **values}


@dataclass(frozen=True)
class Tabulated:
    """One processed article: its key columns and the rows of every part table but `articles`.

    The single-article tables' rows lack the key columns (the batch adds them); the reports'
    and tolls' rows hold them.
    """

    keys: ArticleKeys
    tables: dict[str, list[Row]]


def process_article(task: Task, version: str) -> tuple[dict[str, Any], Tabulated | None]:
    """(articles row, its rows) for one article; a failure gives a failed row and no rows."""
    try:
        article = load_article(task.path)
        if article.sha256[:len(task.article_id)] != task.article_id:
            raise RuntimeError(f"{task.path} changed while the corpus was being built; run the command again")
        annotation = _annotation(task, article)
        tables = table_rows(article, annotation)
        keys = _keys(task, article, annotation)
        tabulated = Tabulated(keys, {**tables, "reports": reports.article_reports(keys, tables),
                                     "toll_figures": reports.toll_figures(keys, tables)})
    except Exception as exc:  # every failure is recorded against its article, and the batch goes on
        return article_row(task, version, status="failed", error=_error(exc)), None
    row = article_row(task, version, **dataclasses.asdict(keys), repairs=len(article.repairs),
                      encoding=article.encoding, characters=len(article.text), sentence_count=len(article.sentences))
    return row, tabulated


def _part_columns(name: str, done: Iterable[Tabulated]) -> dict[str, list[Any]]:
    """One part table's values for the articles, in article order, as one list per column."""
    names = [c.name for c in PART_TABLES[name]]
    if name not in TABLES:
        return record_columns([row for item in done for row in item.tables[name]], names)
    found: dict[str, list[Any]] = {column: [] for column in names}
    for item in done:
        rows = item.tables[name]
        for key, value in item.keys.row().items():
            found[key].extend([value] * len(rows))
        for column, values in record_columns(rows, names[len(ARTICLE_KEYS):]).items():
            found[column].extend(values)
    return found


def part_tables(done: Iterable[Tabulated]) -> dict[str, pa.Table]:
    """Every part table but `articles` for the processed articles, each built and checked once."""
    done = list(done)
    return {name: rows_to_arrow(name, _part_columns(name, done), PART_TABLES[name])
            for name in PART_TABLES if name != "articles"}


def _tabulate(done: dict[int, Tabulated], rows: list[dict[str, Any]], tasks: list[Task],
              version: str) -> dict[str, pa.Table]:
    """The batch's part tables.  When some rows do not fit their columns, each article is checked alone:
    the ones that fail become failed `articles` rows (`rows` is updated), the others are written."""
    try:
        return part_tables(done.values())
    except RowsError:
        pass
    kept = []
    for position, item in done.items():
        try:
            part_tables([item])
        except RowsError as exc:
            rows[position] = article_row(tasks[position], version, status="failed",
                                         error=f"its rows do not fit the declared columns: {exc}")
        else:
            kept.append(item)
    return part_tables(kept)


def process_batch(tasks: list[Task], version: str) -> BatchResult:
    """Process a batch of articles in one worker; returns its part tables as Parquet bytes."""
    rows, done = [], {}
    for position, task in enumerate(tasks):
        row, tabulated = process_article(task, version)
        rows.append(row)
        if tabulated is not None:
            done[position] = tabulated
    blobs = {name: parquet_bytes(table) for name, table in _tabulate(done, rows, tasks, version).items()}
    declared = PART_TABLES["articles"]
    blobs["articles"] = parquet_bytes(rows_to_arrow("articles", record_columns(rows, [c.name for c in declared]),
                                                    declared))
    return BatchResult(batch_id=batch_id(tasks), blobs=blobs, articles=rows)


def gold_beside(path: Path) -> bytes | None:
    """The bytes of the gold annotation beside an article, or None when there is none."""
    gold = gold_path_for(path)
    try:
        return gold.read_bytes() if gold.is_file() else None
    except OSError:
        return None
