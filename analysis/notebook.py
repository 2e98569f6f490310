"""The first step of every notebook: check its parameters, load its article, say what is read."""
from __future__ import annotations

import ast
from collections.abc import Mapping
from pathlib import Path

from .bundle import Bundle, shared_bundle
from .display import annotation_kind, say, show_notes
from .params import PARAMETERS_HEADER, NotebookParams, for_notebook

PAPERMILL_HEADER = "# Parameters"


def _assigned(source: str) -> list[str]:
    """Names assigned at the top level of a cell's source (empty when it does not parse)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    names = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        names.extend(t.id for t in targets if isinstance(t, ast.Name))
    return names


def given_parameters(namespace: Mapping[str, object]) -> dict[str, object]:
    """The values set by the parameters cell and papermill's injected cell, read from the kernel's history.

    Names the notebook assigns later (p, bundle, ...) are not parameters, so a re-run of the
    setup cell in Jupyter does not mistake them for misspelt ones.
    """
    history = namespace.get("In")
    if not isinstance(history, list):
        return {}
    names = [name for cell in history if isinstance(cell, str)
             and cell.lstrip().startswith((PARAMETERS_HEADER, PAPERMILL_HEADER))
             for name in _assigned(cell)]
    return {name: namespace[name] for name in dict.fromkeys(names) if name in namespace}


def start(notebook: str, namespace: Mapping[str, object]) -> tuple[NotebookParams, Bundle]:
    """Validate a notebook's parameters, load its article, and show what is being read.

    A bad or unknown parameter raises ParameterError naming it and what was expected.
    """
    params = for_notebook(notebook, given_parameters(namespace))
    bundle = shared_bundle(params.article, params.annotations, params.published)
    for name, frame in bundle.frames.items():
        frame.attrs["table"] = name  # a cut table links its full CSV by this name
    say("<strong>Article:</strong> {title}<br><strong>File:</strong> {file}<br>"
        "<strong>Published:</strong> {published}<br><strong>Annotation:</strong> {kind}",
        title=bundle.article.title, file=Path(bundle.article.path).name,
        published=bundle.published.isoformat() if bundle.published else "unknown",
        kind=annotation_kind(bundle.annotation.source))
    notes = params.notes
    if not notes and bundle.annotation.source == "auto":
        notes = ("This annotation was made by the automatic annotator: expect some mistakes, and check "
                 "each figure against the sentence given beside it.",)
    show_notes(notes)
    return params, bundle
