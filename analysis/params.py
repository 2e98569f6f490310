"""Validate notebook parameters where a notebook first uses them.

The parameters are declared once here (PARAMETERS, and which notebook takes which);
each notebook's parameters cell is made from that declaration and a test keeps them equal.
papermill guesses types from the command line (`-p top_n 007` arrives as 7,
`-p show_code true` as the string 'true'; YAML turns `off` into False), so every
parameter is checked and normalised here, and a bad one raises ParameterError
saying what was expected.
"""
from __future__ import annotations

import datetime as dt
import json
import numbers
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .errors import ParameterError, UnknownParameterError


@dataclass(frozen=True)
class Parameter:
    """One notebook parameter: its name, its type as papermill shows it, its default and its meaning."""

    name: str
    type: str
    default: object
    help: str

    def line(self) -> str:
        """The parameters-cell line that papermill reads as `name: type = value  # help`."""
        annotation = self.type if self.type.isidentifier() else json.dumps(self.type)
        value = json.dumps(self.default) if isinstance(self.default, str) else repr(self.default)
        return f"{self.name}: {annotation} = {value}  # {self.help}"


PARAMETERS: dict[str, Parameter] = {p.name: p for p in (
    Parameter("article", "str", "seeds/000_d9e28a5d5fb01913.txt",
              "article text file; a relative path is read from the working folder"),
    Parameter("annotations", "str", "gold",
              "gold (hand-made, beside the article), auto (automatic), or an annotation JSON file"),
    Parameter("published", "Optional[str]", None,
              "publication date YYYY-MM-DD, or None for the date the annotation records"),
    Parameter("top_n", "int", 15, "how many actors or speakers the charts and tables show"),
)}
BASE = ("article", "annotations", "published")
NOTEBOOK_PARAMETERS: dict[str, tuple[str, ...]] = {
    "01_article": BASE,
    "02_actors": (*BASE, "top_n"),
    "03_casualties": BASE,
    "04_timeline": BASE,
    "05_voices": (*BASE, "top_n"),
    "06_summary": BASE,
    "07_agreement": BASE,
    "08_places": BASE,
}
NAMES = tuple(PARAMETERS)
DEFAULTS: dict[str, object] = {name: p.default for name, p in PARAMETERS.items()}
ANNOTATION_CHOICES = ("gold", "auto")
TRUE_WORDS = ("true", "yes", "on", "1")
FALSE_WORDS = ("false", "no", "off", "0")
NONE_WORDS = ("", "none", "null")
MAX_TOP_N = 1000
PARAMETERS_HEADER = "# Parameters: papermill -p NAME VALUE replaces these (papermill --help-notebook lists them)."


def parameters_cell(notebook: str) -> str:
    """The source of a notebook's parameters cell, made from the declaration above."""
    return "\n".join([PARAMETERS_HEADER, *(PARAMETERS[name].line() for name in NOTEBOOK_PARAMETERS[notebook])])


@dataclass(frozen=True)
class NotebookParams:
    """Validated notebook parameters; `annotations` is "auto" or the path of an annotation file."""

    article: Path
    annotations: str | Path
    published: dt.date | None
    top_n: int
    notes: tuple[str, ...] = field(default_factory=tuple)


def user_path(value: str | os.PathLike) -> Path:
    """A path as given: absolute, or relative to the working folder, as in every command-line tool."""
    return Path(value).expanduser()


def article_param(value: object) -> Path:
    """The article file: absolute, or relative to the working folder; required."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ParameterError("article", value, "the path of an article text file, such as "
                                               f"{DEFAULTS['article']}")
    if not isinstance(value, (str, os.PathLike)):
        raise ParameterError("article", value, "the path of an article text file (quote it: "
                                               "papermill reads -p article 007 as the number 7)")
    path = user_path(str(value).strip() if isinstance(value, str) else value)
    if not path.is_file():
        raise ParameterError("article", value, f"an existing article file; {path} "
                             + ("is a folder" if path.is_dir() else "does not exist")
                             + f" (a relative path is read from the working folder {os.getcwd()}; "
                             "papermill --cwd DIR changes it)")
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
    path = user_path(text)
    if not path.is_file():
        raise ParameterError("annotations", value, f"'gold', 'auto' or an existing annotation file; "
                             f"{path} does not exist")
    return path, ()


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def iso_date(text: str) -> dt.date:
    """A day written YYYY-MM-DD, strictly (Python 3.11 also reads '20240812' and '2024-W33-1'); else ValueError."""
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"not a date written YYYY-MM-DD: {text!r}")
    return dt.date.fromisoformat(text)


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
            return iso_date(value.strip())
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


def validate(article: object = DEFAULTS["article"], annotations: object = "gold", published: object = None,
             top_n: object = DEFAULTS["top_n"]) -> NotebookParams:
    """Check and normalise every notebook parameter; the first bad one raises ParameterError."""
    path = article_param(article)
    choice, notes = annotations_param(annotations, path)
    return NotebookParams(article=path, annotations=choice, published=published_param(published),
                          top_n=top_n_param(top_n), notes=notes)


def check_names(names: Iterable[str], notebook: str | None = None) -> None:
    """An unknown or misspelt parameter name is an error naming it and the known ones (papermill only warns)."""
    known = NOTEBOOK_PARAMETERS[notebook] if notebook else NAMES
    for name in names:
        if name not in known:
            raise UnknownParameterError(name, known, f"notebook {notebook} takes" if notebook else "the notebooks take")


def for_notebook(notebook: str, given: Mapping[str, object]) -> NotebookParams:
    """Validate the parameters given to one notebook, refusing names it does not take."""
    if notebook not in NOTEBOOK_PARAMETERS:
        raise ParameterError("notebook", notebook, f"one of {', '.join(NOTEBOOK_PARAMETERS)}")
    check_names(given, notebook)
    return validate(**{name: given.get(name, DEFAULTS[name]) for name in NOTEBOOK_PARAMETERS[notebook]})
