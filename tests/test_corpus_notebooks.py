"""The corpus notebooks: thin, parameterised, and executable by papermill on a dataset built from seeds/corpus."""
from __future__ import annotations

import ast
import json
import sys

import nbformat
import pandas as pd
import papermill
import pytest

from analysis import paths
from analysis.corpus import notebook, run
from analysis.errors import ParameterError
from analysis.report.kernels import KERNEL_NAME

NOTEBOOKS = sorted((paths.NOTEBOOKS_DIR / "corpus").glob("[0-9][0-9]_*.ipynb"))
CHECK = "# NBVAL_CHECK_OUTPUT"


def test_the_corpus_notebooks_exist():
    assert [p.stem for p in NOTEBOOKS] == ["01_overview", "02_incidents", "03_tolls", "04_actors", "05_timeline"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_without_outputs_for_the_projects_kernel(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == KERNEL_NAME
    assert all(c.outputs == [] and c.execution_count is None for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_takes_a_dataset_parameter_and_imports_only_the_package(path):
    nb = nbformat.read(path, as_version=4)
    assert [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])] == [1]
    found = papermill.inspect_notebook(str(path))
    assert list(found) == ["dataset", "top_n"] and eval(found["dataset"]["default"]) == notebook.DEFAULT_DATASET
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for forbidden in ("sys.path", "pyplot", "plt.show", "HTML(", "Markdown(", "display(", "import pandas"):
        assert forbidden not in code, forbidden
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            assert all(a.name.split(".")[0] == "analysis" for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert (node.module or "").split(".")[0] == "analysis"
    assert all(len(c.source.splitlines()) <= 10 for c in nb.cells if c.cell_type == "code")
    assert sum(CHECK in c.source for c in nb.cells) == 1


def test_the_dataset_parameter_is_checked(tmp_path):
    with pytest.raises(ParameterError, match="build one with"):
        notebook.dataset_param(str(tmp_path))
    with pytest.raises(ParameterError, match="corpus dataset folder"):
        notebook.dataset_param(7)
    with pytest.raises(ParameterError):
        notebook.dataset_param(True)


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The notebooks executed by papermill on a dataset built from seeds/corpus, with the project's kernel."""
    base = tmp_path_factory.mktemp("corpus-notebooks")
    run.build_corpus([str(paths.SEEDS_DIR / "corpus")], base / "dataset", scheduler="none")
    spec = base / "jupyter" / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (conflict-notebooks)", "language": "python",
        "env": {"PYTHONPATH": str(paths.PROJECT_DIR)}}), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", str(base / "jupyter"))
        patch.setenv("MPLBACKEND", "Agg")
        for path in NOTEBOOKS:
            papermill.execute_notebook(str(path), str(base / path.name), parameters={"dataset": str(base / "dataset")},
                                       progress_bar=False, cwd=str(base))
    return {p.stem: nbformat.read(base / p.name, as_version=4) for p in NOTEBOOKS}


def outputs(nb, kind: str) -> list:
    return [o["data"][kind] for c in nb.cells for o in c.get("outputs", []) if kind in o.get("data", {})]


@pytest.mark.slow
def test_every_notebook_runs_and_shows_its_chart_and_checked_table(executed):
    for name, nb in executed.items():
        assert outputs(nb, "image/png"), f"{name} shows no chart"
        checked = next(c for c in nb.cells if CHECK in c.source)
        assert "<table" in checked.outputs[0]["data"]["text/html"], name
        assert "Dataset:" in "".join(outputs(nb, "text/html")), name


@pytest.mark.slow
def test_the_incidents_notebook_puts_the_disagreeing_figures_side_by_side(executed):
    html = "".join(outputs(executed["02_incidents"], "text/html"))
    for worded in ("at least 21", "twelve", "At least 20", "at least 14"):
        assert worded in html
    assert "hand-made (gold)" in html


def test_the_conflicting_figures_chart_keeps_the_incidents_told_by_most_sources_and_says_what_it_left_out():
    from analysis.corpus.views import charted_conflicts

    flagged = pd.DataFrame({"label": ["A", "B", "C"], "killed_conflict": [True, True, False]})
    rows = [("A", "Wire", "exact", 5, 5), ("A", "Wire", "exact", 5, 5), ("A", "Local", "at_least", 9, None),
            ("B", "Wire", "exact", 3, 3), ("B", "Local", "exact", 4, 4), ("B", "Radio", "exact", 6, 6),
            ("B", "Paper", "exact", 7, 7), ("C", "Wire", "exact", 1, 1)]
    side = pd.DataFrame(rows, columns=["incident", "source", "qualifier", "count_low", "count_high"]).assign(
        casualty_kind="killed", figure_role="total")
    figures, shown, note = charted_conflicts(side, flagged, "killed", top_n=1, per_incident=3)
    assert shown["label"].tolist() == ["B"]
    assert figures["source"].tolist() == ["Wire", "Local", "Radio"]
    assert note == ("The chart leaves out 1 more incident and 1 figure (a source's repeated wording, or beyond an "
                    "incident's first 3); the table below lists every figure.")
    figures, shown, note = charted_conflicts(side, flagged, "killed", top_n=5, per_incident=8)
    assert shown["label"].tolist() == ["B", "A"] and len(figures) == 6
    assert note == ("The chart leaves out 1 figure (a source's repeated wording, or beyond an incident's first 8); "
                    "the table below lists every figure.")
