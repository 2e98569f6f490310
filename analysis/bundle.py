"""An article with its annotation and typed frames: what every command and notebook starts from."""
from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .annotations import Annotation, load_annotation
from .errors import AnnotationError, ParameterError
from .frames import build_frames
from .ingest import Article, load_article
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


def parse_published(value: dt.date | str | None) -> dt.date | None:
    """A publication date given as a date or an ISO string; ParameterError otherwise."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ParameterError("published", value, "a date as YYYY-MM-DD, e.g. 2024-08-12") from None


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
    when = parse_published(published)
    article = load_article(article_path)
    annotation = load_annotation_for(article, article_path, annotations, when)
    if when is not None:
        annotation = dataclasses.replace(
            annotation, article=dataclasses.replace(annotation.article, published=when.isoformat()))
    return Bundle(article=article, annotation=annotation, frames=build_frames(article, annotation))
