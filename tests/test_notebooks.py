"""The committed notebooks: thin, parameterised, output-free, and re-runnable under nbval.

nbval runs in lax mode (`--nbval-lax`): every cell must run without error, and the cells
marked `# NBVAL_CHECK_OUTPUT` (the key tables) must reproduce their stored output.  The
committed notebooks have no outputs, so nbval runs over the notebooks the report command
executed: that checks that a re-run in nbval's working directory (the notebook's folder)
gives the same tables as papermill's run from the project folder.
"""
from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import papermill
import pytest

from analysis import params, paths
from analysis.ingest import load_article
from analysis.report import run as report

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
CHECK = "# NBVAL_CHECK_OUTPUT"


def test_the_report_notebooks_exist():
    assert [p.stem for p in NOTEBOOKS] == ["01_article", "02_actors", "03_casualties", "04_timeline",
                                           "05_voices", "06_summary", "07_agreement", "08_places"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_without_outputs_and_keeps_its_kernelspec(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "conflict-notebooks"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
    assert "papermill" not in nb.metadata


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_cell_is_made_from_the_declaration(path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and nb.cells.index(tagged[0]) == 1
    assert tagged[0].source == params.parameters_cell(path.stem)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_papermill_help_shows_each_parameter_with_type_default_and_meaning(path):
    found = papermill.inspect_notebook(str(path))
    assert tuple(found) == params.NOTEBOOK_PARAMETERS[path.stem]
    for name, shown in found.items():
        declared = params.PARAMETERS[name]
        assert shown["inferred_type_name"] == declared.type
        assert eval(shown["default"]) == declared.default  # noqa: S307 (our own literal defaults)
        assert shown["help"] == declared.help
    assert (paths.PROJECT_DIR / params.DEFAULTS["article"]).resolve() == paths.SEED_ARTICLE


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_thin_and_renders_only_through_the_safe_helpers(path):
    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for forbidden in ("plt.show", "pyplot", "HTML(", "Markdown(", "display(", "import pandas", "read_csv"):
        assert forbidden not in code, forbidden
    assert f'notebook.start("{path.stem}", globals())' in code
    assert "sys.path" not in code and "importlib" not in code
    assert sum(CHECK in c.source for c in nb.cells) >= 1
    assert all(len(c.source.splitlines()) <= 10 for c in nb.cells if c.cell_type == "code")
    assert any(c.cell_type == "markdown" and c.source.startswith("# ") for c in nb.cells)


@pytest.fixture(scope="module")
def executed(tmp_path_factory, seed_gold_path):
    """The notebooks as the report command executed them on the seed article, from a user's folder.

    The user's folder holds `seeds/` (a link), so the recorded parameters are the relative
    `seeds/...` paths; the executed notebooks are copied into that folder, because nbval runs each
    kernel in its notebook's folder and a relative path is read from the working folder.
    """
    work = tmp_path_factory.mktemp("nbval")
    (work / "seeds").symlink_to(paths.SEEDS_DIR)
    here = os.getcwd()
    os.chdir(work)
    try:
        report.run_reports([Path("seeds") / paths.SEED_ARTICLE.name], Path("reports"), {}, jobs=2)
    finally:
        os.chdir(here)
    for book in (work / "reports").glob("*.ipynb"):
        shutil.copy(book, work / book.name)
    return work


def run_nbval(files: list[Path], cwd: Path) -> subprocess.CompletedProcess:
    """pytest --nbval-lax over `files` in a fresh interpreter of this environment."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "--nbval-current-env", "-p", "no:cacheprovider", "-q",
         "-o", "addopts=", "--rootdir", str(cwd), *map(str, files)],
        cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.mark.slow
def test_nbval_reruns_every_notebook_and_reproduces_the_key_tables(executed):
    files = sorted(executed.glob("*.ipynb"))
    assert len(files) == len(NOTEBOOKS)
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert str(paths.PROJECT_DIR) not in text and str(executed) not in text, f"{f.name} holds a machine path"
    checked = sum(CHECK in c.source for f in files for c in nbformat.read(f, as_version=4).cells)
    assert checked >= len(NOTEBOOKS)
    result = run_nbval(files, executed)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    cells = sum(c.cell_type == "code" for f in files for c in nbformat.read(f, as_version=4).cells)
    assert f"{cells} passed" in result.stdout


@pytest.mark.slow
def test_nbval_does_compare_the_checked_cells(executed, tmp_path):
    target = tmp_path / "06_summary.ipynb"
    (tmp_path / "seeds").symlink_to(paths.SEEDS_DIR)
    nb = nbformat.read(executed / "06_summary.ipynb", as_version=4)
    cell = next(c for c in nb.cells if CHECK in c.source)
    cell.outputs[0]["data"]["text/html"] = cell.outputs[0]["data"]["text/html"].replace("Quotes", "Quips")
    nbformat.write(nb, target)
    result = run_nbval([target], tmp_path)
    assert result.returncode != 0
    assert "Cell outputs differ" in result.stdout and "mismatch 'text/html'" in result.stdout


@pytest.mark.slow
def test_papermill_runs_every_notebook_from_an_unrelated_folder_with_a_relative_article(tmp_path, monkeypatch):
    """The documented way to re-run a notebook: papermill from the user's own folder, the named kernel."""
    for suffix in (".txt", ".gold.json"):
        source = paths.SEEDS_DIR / f"001_wire_sudan{suffix}"
        (tmp_path / source.name).write_bytes(source.read_bytes())
    monkeypatch.chdir(tmp_path)
    title = load_article("001_wire_sudan.txt").title
    for path in NOTEBOOKS:
        out = tmp_path / f"{path.stem}.out.ipynb"
        papermill.execute_notebook(str(path), str(out), parameters={"article": "001_wire_sudan.txt"},
                                   progress_bar=False)
        nb = nbformat.read(out, as_version=4)
        text = "".join(str(o) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
        assert html.escape(title) in text and "Error" not in text, path.stem


@pytest.mark.slow
def test_a_misspelt_parameter_stops_the_run_naming_it(tmp_path, monkeypatch):
    monkeypatch.chdir(paths.PROJECT_DIR)
    with pytest.raises(papermill.PapermillExecutionError) as info:
        papermill.execute_notebook(str(NOTEBOOKS[2]), str(tmp_path / "out.ipynb"),
                                   parameters={"artcle": "x.txt"}, progress_bar=False)
    assert "unknown parameter 'artcle' (did you mean 'article'?)" in str(info.value)


@pytest.mark.slow
@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_the_timeline_runs_with_a_publication_date_at_either_end_of_the_calendar(tmp_path, monkeypatch, published):
    monkeypatch.chdir(paths.PROJECT_DIR)
    out = tmp_path / "timeline.ipynb"
    papermill.execute_notebook(str(paths.NOTEBOOKS_DIR / "04_timeline.ipynb"), str(out),
                               parameters={"published": published}, progress_bar=False)
    nb = nbformat.read(out, as_version=4)
    assert not [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
