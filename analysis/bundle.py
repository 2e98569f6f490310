"""An article with its annotation and typed frames: what every command and notebook starts from."""
from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import functools
import importlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .annotations import Annotation, load_annotation
from .errors import AnnotationError
from .frames import build_frames
from .ingest import Article, load_article
from .params import published_param
from .paths import gold_path_for


@dataclass
class Bundle:
    """One article, the annotation read or made for it, and every table as a dataframe."""

    article: Article
    annotation: Annotation
    frames: dict[str, pd.DataFrame]

    @property
    def published(self) -> dt.date | None:
        """The publication date shown in reports (the override, else the annotation's)."""
        value = self.annotation.article.published
        return dt.date.fromisoformat(value) if value else None


def _gold(article: Article, article_path: Path) -> Annotation:
    """The gold annotation beside the article, or a clear error saying what to do instead."""
    path = gold_path_for(article_path)
    if not path.is_file():
        raise AnnotationError(path, [
            f"no gold annotation for {article_path}: write one by hand following "
            "docs/annotation-guidelines.md, or run with `--annotations auto` to annotate automatically"])
    return load_annotation(path, article.text)


def _auto(article: Article, published: dt.date | None) -> Annotation:
    """Annotate the article automatically (the annotator is imported only when asked for)."""
    autoannotate = importlib.import_module("analysis.autoannotate")
    return autoannotate.annotate_article(article, published)


def load_annotation_for(article: Article, article_path: Path, annotations: str | Path,
                        published: dt.date | None) -> Annotation:
    """The annotation named by `annotations`: 'gold', 'auto' or a path to a JSON file."""
    if str(annotations) == "gold":
        return _gold(article, article_path)
    if str(annotations) == "auto":
        return _auto(article, published)
    return load_annotation(Path(annotations), article.text)


def load_bundle(article_path: Path | str, annotations: str | Path = "gold",
                published: dt.date | str | None = None) -> Bundle:
    """Load, annotate and tabulate one article; `published` overrides the displayed publication date."""
    article_path = Path(article_path)
    when = published_param(published)
    article = load_article(article_path)
    annotation = load_annotation_for(article, article_path, annotations, when)
    if when is not None:
        annotation = dataclasses.replace(
            annotation, article=dataclasses.replace(annotation.article, published=when.isoformat()))
    return Bundle(article=article, annotation=annotation, frames=build_frames(article, annotation))


def _stamp(path: Path) -> tuple[str, int, int] | None:
    """A file's identity for the cache below: its path, modification time and size (None if missing)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return str(path), info.st_mtime_ns, info.st_size


@functools.lru_cache(maxsize=4)
def _remembered(article_path: Path, annotations: str, published: dt.date | None,
                stamps: tuple[tuple[str, int, int] | None, ...]) -> Bundle:
    """load_bundle, once per set of unchanged files (`stamps` is only part of the key)."""
    return load_bundle(article_path, annotations, published)


def shared_bundle(article_path: Path | str, annotations: str | Path = "gold",
                  published: dt.date | str | None = None) -> Bundle:
    """load_bundle, remembered by the process while the article and annotation files are unchanged.

    A kernel kept for several notebooks loads and validates each article once; every caller gets
    its own deep copy, so a notebook that changes its frames cannot change the next one's.
    """
    article_path = Path(article_path)
    choice = str(annotations)
    files = [article_path] + ([] if choice == "auto" else
                              [gold_path_for(article_path) if choice == "gold" else Path(choice)])
    stamps = tuple(_stamp(f) for f in files)
    return copy.deepcopy(_remembered(article_path, choice, published_param(published), stamps))
