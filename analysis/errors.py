"""Errors the suite raises on bad input: each names the file, the place and the fix."""
from __future__ import annotations

import difflib
import os
from pathlib import Path


class ConflictNotebooksError(Exception):
    """Base class for every error the suite raises deliberately."""


class InputError(ConflictNotebooksError):
    """An article file cannot be read as text: says which file, what is wrong and what to do."""

    def __init__(self, path: Path | str, problem: str, fix: str) -> None:
        self.path = str(path)
        self.problem = problem
        self.fix = fix
        super().__init__(f"{self.path}: {problem}. {fix}")


class AnnotationError(ConflictNotebooksError):
    """An annotation file is invalid: lists every problem found, each with its record id."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        self.path = str(path)
        self.problems = list(problems)
        listed = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(
            f"{self.path}: {len(self.problems)} problem(s) in the annotation:\n{listed}"
        )


class ParameterError(ConflictNotebooksError):
    """A notebook or command-line parameter has the wrong type or value."""

    def __init__(self, name: str, value: object, expected: str) -> None:
        self.name = name
        self.value = value
        self.expected = expected
        shown = str(value) if isinstance(value, os.PathLike) else value
        super().__init__(f"parameter {name}={shown!r}: expected {expected}")


class UnknownParameterError(ParameterError):
    """A parameter name that the notebook does not take (papermill itself only warns)."""

    def __init__(self, name: str, known: tuple[str, ...], where: str) -> None:
        """`where` says who takes the known names, e.g. "notebook 03_casualties takes"."""
        close = difflib.get_close_matches(name, known, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        self.name, self.value, self.expected = name, None, f"one of {', '.join(known)}"
        ConflictNotebooksError.__init__(self, f"unknown parameter {name!r}{hint}: {where} "
                                              f"{', '.join(known)}")
