"""The automatic annotator: rules and a gazetteer over a blank spaCy tokenizer (imported lazily)."""
from __future__ import annotations

from typing import Any

__all__ = ["annotate_article", "annotate_file", "annotate_text"]


def annotate_article(article: Any, published: Any = None, gazetteer_path: str | None = None) -> Any:
    """Annotate a loaded article (see analysis.autoannotate.annotator.annotate_article)."""
    from .annotator import annotate_article as run

    return run(article, published, gazetteer_path)


def annotate_file(path: Any, published: Any = None) -> Any:
    """Load an article file and annotate it."""
    from ..ingest import load_article

    return annotate_article(load_article(path), published)


def annotate_text(body: str, published: Any = "2024-08-12", title: str = "Test article") -> tuple[Any, Any]:
    """Annotate a piece of text (a title line is added); returns (article, annotation). For tests and notebooks."""
    from ..ingest import article_from_bytes

    article = article_from_bytes((title + "\n" + body + "\n").encode("utf-8"), "text.txt")
    return article, annotate_article(article, published)
