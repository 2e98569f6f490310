"""Validate notebook parameters where a notebook first uses them.

papermill guesses types from the command line (`-p top_n 007` arrives as 7,
`-p show_code true` as the string 'true'; YAML turns `off` into False), so every
parameter is checked and normalised here, and a bad one raises ParameterError
saying what was expected.
"""
from __future__ import annotations

import datetime as dt
import numbers
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .errors import ParameterError

NAMES = ("article", "annotations", "published", "top_n", "show_code")
DEFAULTS: dict[str, object] = {
    "article": str(paths.SEED_ARTICLE.relative_to(paths.PROJECT_DIR)),
    "annotations": "gold",
    "published": None,
    "top_n": 15,
    "show_code": False,
}
ANNOTATION_CHOICES = ("gold", "auto")
TRUE_WORDS = ("true", "yes", "on", "1")
FALSE_WORDS = ("false", "no", "off", "0")
NONE_WORDS = ("", "none", "null")
MAX_TOP_N = 1000


@dataclass(frozen=True)
class NotebookParams:
    """Validated notebook parameters; `annotations` is "auto" or the path of an annotation file."""

    article: Path
    annotations: str | Path
    published: dt.date | None
    top_n: int
    show_code: bool
    notes: tuple[str, ...] = field(default_factory=tuple)


def _project_path(value: str | os.PathLike) -> Path:
    """A path as given when absolute, else under the project folder (never the working directory)."""
    path = Path(value).expanduser()
    return path if path.is_absolute() else paths.PROJECT_DIR / path


def article_param(value: object) -> Path:
    """The article file: absolute, or relative to the project; the seed article when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return paths.SEED_ARTICLE
    if not isinstance(value, (str, os.PathLike)):
        raise ParameterError("article", value, "the path of an article text file (quote it: "
                                               "papermill reads -p article 007 as the number 7)")
    path = _project_path(str(value).strip() if isinstance(value, str) else value)
    if not path.is_file():
        raise ParameterError("article", value, f"an existing article file; {path} "
                             + ("is a folder" if path.is_dir() else "does not exist")
                             + " (relative paths are read from the project folder "
                             f"{paths.PROJECT_DIR})")
    return path


def annotations_param(value: object, article: Path) -> tuple[str | Path, tuple[str, ...]]:
    """'gold' (the gold file beside the article), 'auto', or a path; returns (choice, notes).

    'gold' becomes the gold file's path, or 'auto' with a note when the article has no gold file.
    """
    if value is None:
        value = "gold"
    if not isinstance(value, (str, os.PathLike)) or isinstance(value, bool):
        raise ParameterError("annotations", value, "'gold', 'auto' or the path of an annotation JSON file")
    text = str(value).strip()
    if text.lower() == "gold" or not text:
        gold = paths.gold_path_for(article)
        if gold.is_file():
            return gold, ()
        return "auto", (f"No gold annotation ({gold.name}) exists beside the article, so the automatic "
                        "annotator's annotation is shown instead: expect some mistakes.",)
    if text.lower() == "auto":
        return "auto", ("The automatic annotator's annotation is shown: expect some mistakes.",)
    path = _project_path(text)
    if not path.is_file():
        raise ParameterError("annotations", value, f"'gold', 'auto' or an existing annotation file; "
                             f"{path} does not exist")
    return path, ()


def published_param(value: object) -> dt.date | None:
    """A publication date (YYYY-MM-DD), or None to take it from the annotation."""
    if value is None or (isinstance(value, str) and value.strip().lower() in NONE_WORDS):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ParameterError("published", value, "a date written YYYY-MM-DD (such as 2024-08-12), or None to "
                                             "use the annotation's publication date")


def top_n_param(value: object) -> int:
    """How many items the charts and tables show: a whole number from 1 to 1000."""
    expected = f"a whole number from 1 to {MAX_TOP_N}, such as 15"
    if isinstance(value, bool):
        raise ParameterError("top_n", value, expected)
    number = int(value.strip()) if isinstance(value, str) and value.strip().isdecimal() else value
    if not isinstance(number, numbers.Integral) or not 1 <= number <= MAX_TOP_N:
        raise ParameterError("top_n", value, expected)
    return int(number)


def show_code_param(value: object) -> bool:
    """Whether reports keep the code cells: True/False, or the words true/false, yes/no, on/off, 1/0."""
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    raise ParameterError("show_code", value, "True or False (or the words true/false, yes/no, on/off, 1/0)")


def validate(article: object = None, annotations: object = "gold", published: object = None,
             top_n: object = DEFAULTS["top_n"], show_code: object = False) -> NotebookParams:
    """Check and normalise every notebook parameter; the first bad one raises ParameterError."""
    path = article_param(article)
    choice, notes = annotations_param(annotations, path)
    return NotebookParams(article=path, annotations=choice, published=published_param(published),
                          top_n=top_n_param(top_n), show_code=show_code_param(show_code), notes=notes)


def check_names(names: list[str] | tuple[str, ...]) -> None:
    """Unknown parameter names are errors, not silently ignored (papermill would just warn)."""
    for name in names:
        if name not in NAMES:
            raise ParameterError(name, "…", f"a parameter name among {', '.join(NAMES)}")
