"""What every corpus notebook starts with: check its parameters, load the dataset, say what is shown.

papermill passes `-p dataset build/corpus` as a string and `-p top_n 007` as the number 7;
each parameter is checked here, where the notebook first uses it, and a bad one stops the
run with a message saying what was expected.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .. import display
from ..errors import ConflictNotebooksError, ParameterError
from ..params import top_n_param, user_path
from .store import load_dataset, read_manifest_file

DEFAULT_DATASET = "build/corpus"
BUILD_HINT = "build one with `python -m analysis corpus seeds/corpus --out build/corpus`"


def dataset_param(value: object) -> Path:
    """The dataset folder: absolute, or relative to the working folder; it must hold a finished dataset."""
    if value is None or isinstance(value, bool) or not isinstance(value, (str, os.PathLike)) or not str(value).strip():
        raise ParameterError("dataset", value, f"the path of a corpus dataset folder; {BUILD_HINT}")
    path = user_path(str(value).strip())
    try:
        read_manifest_file(path)
    except ConflictNotebooksError as exc:
        raise ParameterError("dataset", value, f"a finished corpus dataset folder ({exc}); {BUILD_HINT}") from None
    return path


def start(dataset: object, top_n: object, tables: list[str]) -> tuple[Path, dict[str, pd.DataFrame], int, str]:
    """Check the parameters, load the named tables (and `articles`) and show what the dataset holds.

    Returns (dataset path, tables, top_n, chart source line).
    """
    from .views import facts, source_line

    path = dataset_param(dataset)
    count = top_n_param(top_n)
    loaded = load_dataset(path, ["articles", *[t for t in tables if t != "articles"]])
    articles = loaded["articles"]
    brief = facts(articles)
    display.say("<strong>Dataset:</strong> {path}<br><strong>Articles:</strong> {ok} read, {failed} failed, "
                "{duplicate} duplicate<br><strong>Outlets:</strong> {outlets}<br><strong>Published:</strong> {span}"
                "<br><strong>Annotations:</strong> {kinds}<br><strong>Suite version:</strong> {version}",
                path=path, ok=brief.read, failed=brief.failed, duplicate=brief.duplicate,
                outlets=", ".join(brief.outlets) or "none named", span=brief.span,
                kinds=", ".join(display.annotation_kind(k) for k in brief.kinds), version=", ".join(brief.versions))
    auto = dict(brief.kind_counts).get("auto", 0)
    if auto:
        display.show_notes([f"{auto} of {brief.read} articles were annotated by the automatic annotator: expect some "
                            "mistakes, and check each figure against its sentence."])
    return path, loaded, count, source_line(path, articles)
