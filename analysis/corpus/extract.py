"""The work one worker does: load, annotate and tabulate a batch of articles into Parquet part tables.

An article that fails (unreadable, not text, an invalid gold file, an annotator error) becomes
a `failed` row of the `articles` table with its error; the batch goes on.
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

import pandas as pd

from ..annotations import Annotation, load_annotation
from ..errors import ConflictNotebooksError
from ..frames import build_frames
from ..ingest import Article, article_from_bytes, load_article
from ..paths import gold_path_for
from . import reports
from .fields import PART_TABLES, TABLES
from .metadata import ArticleKeys, outlet_from_text
from .store import frame_to_arrow, parquet_bytes, to_arrow

WARM_UP_TEXT = ("Warm-up\nGAZA CITY, Aug. 12, 2024 (Wire) — An Israeli air strike killed at least 12 people "
                "on Saturday, local officials said. “We will respond,” Hamas said.\n")


@dataclass(frozen=True)
class Task:
    """One article to process: where it is, what the client hashed, and whether gold lies beside it."""

    path: str
    file: str
    article_id: str
    input_key: str
    gold: bool


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


def _published(annotation: Annotation) -> dt.date | None:
    value = annotation.article.published
    return dt.date.fromisoformat(value) if value else None


def _keys(task: Task, article: Article, annotation: Annotation) -> ArticleKeys:
    return ArticleKeys(article_id=task.article_id, file=task.file, title=article.title,
                       outlet=annotation.article.outlet or outlet_from_text(article.text),
                       published=_published(annotation))


def _annotation(task: Task, article: Article) -> Annotation:
    """The gold annotation beside the article, or the automatic one."""
    if task.gold:
        return load_annotation(gold_path_for(task.path), article.text)
    return annotator()(article)


def _error(exc: Exception) -> str:
    """An error as one message: the suite's own errors as they are, others with their type."""
    return str(exc) if isinstance(exc, ConflictNotebooksError) else f"{type(exc).__name__}: {exc}"


def article_row(task: Task, version: str, **values: Any) -> dict[str, Any]:
    """An `articles` row for a task; `values` fill or override the columns."""
    return {"article_id": task.article_id, "file": task.file, "title": None, "outlet": None, "published": None,
            "path": task.path, "status": "ok", "error": None, "annotation": "gold" if task.gold else "auto",
            "repairs": None, "encoding": None, "characters": None, "sentence_count": None, "version": version,
            "input_key": task.input_key, **values}


def process_article(task: Task, version: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(articles row, {table: rows or frame}) for one article; a failure gives a failed row and no tables."""
    try:
        article = load_article(task.path)
        if article.sha256[:len(task.article_id)] != task.article_id:
            raise RuntimeError(f"{task.path} changed while the corpus was being built; run the command again")
        annotation = _annotation(task, article)
        frames = build_frames(article, annotation)
        keys = _keys(task, article, annotation)
        tables: dict[str, Any] = {name: frames[name] for name in TABLES}
        tables["reports"] = reports.article_reports(keys, frames)
        tables["toll_figures"] = reports.toll_figures(keys, frames)
    except Exception as exc:  # every failure is recorded against its article, and the batch goes on
        return article_row(task, version, status="failed", error=_error(exc)), {}
    row = article_row(task, version, **dataclasses.asdict(keys), repairs=len(article.repairs),
                      encoding=article.encoding, characters=len(article.text), sentence_count=len(article.sentences))
    return row, {"keys": keys, **tables}


def _with_keys(keys: ArticleKeys, frame: pd.DataFrame) -> pd.DataFrame:
    """A single-article frame with the article's key columns in front."""
    front = pd.DataFrame({name: [value] * len(frame) for name, value in keys.row().items()}, dtype=object)
    return pd.concat([front, frame.reset_index(drop=True)], axis=1)


def _table_blob(name: str, done: list[dict[str, Any]]) -> bytes:
    """One part table of the batch as Parquet bytes (frames build_frames checked are not checked again)."""
    declared = PART_TABLES[name]
    if name in TABLES and done:
        return parquet_bytes(to_arrow(pd.concat([_with_keys(d["keys"], d[name]) for d in done], ignore_index=True),
                                      declared))
    frame = pd.DataFrame([row for d in done for row in d.get(name, ())], columns=[c.name for c in declared],
                         dtype=object)
    return parquet_bytes(frame_to_arrow(name, frame, declared))


def process_batch(tasks: list[Task], version: str) -> BatchResult:
    """Process a batch of articles in one worker; returns its part tables as Parquet bytes."""
    rows, done = [], []
    for task in tasks:
        row, tables = process_article(task, version)
        rows.append(row)
        if tables:
            done.append(tables)
    blobs = {name: _table_blob(name, done) for name in PART_TABLES if name != "articles"}
    articles = pd.DataFrame(rows, columns=[c.name for c in PART_TABLES["articles"]], dtype=object)
    blobs["articles"] = parquet_bytes(frame_to_arrow("articles", articles, PART_TABLES["articles"]))
    return BatchResult(batch_id=batch_id(tasks), blobs=blobs, articles=rows)


def gold_beside(path: Path) -> bytes | None:
    """The bytes of the gold annotation beside an article, or None when there is none."""
    gold = gold_path_for(path)
    try:
        return gold.read_bytes() if gold.is_file() else None
    except OSError:
        return None
