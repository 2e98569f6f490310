"""The report command: HTML per notebook, index pages, atomic replacement, deterministic bytes."""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest
from conftest import MINI_TEXT, mini_annotation_dict

from analysis import cli, paths, views
from analysis import params as P
from analysis.cli import report as cli_report
from analysis.errors import ParameterError
from analysis.report import execution, html, index, run
from analysis.report.output import LOCK_NAME, MANIFEST_NAME, STAGING_PREFIX, output_folder

EVIL_PARAGRAPH = "Reader comment: <script>alert(1)</script> <img src=x onerror=alert(1)> costs $5 or $x$ *md*\n"
# Charts each notebook shows for an article with a publication date.
EXPECTED_IMAGES = {"01_article": 0, "02_actors": 3, "03_casualties": 1, "04_timeline": 1, "05_voices": 1,
                   "06_summary": 0, "07_agreement": 0, "08_places": 1}
PLACEHOLDER = "No description has been provided"


def write_mini_article(folder: Path, name: str = "mini_evil") -> Path:
    """The small test article plus a paragraph of hostile text, with its gold annotation beside it."""
    article = folder / f"{name}.txt"
    article.write_text(MINI_TEXT + EVIL_PARAGRAPH, encoding="utf-8")
    paths.gold_path_for(article).write_text(json.dumps(mini_annotation_dict()), encoding="utf-8")
    return article


def external_loads(page: str) -> list[str]:
    """Every resource the page would fetch from elsewhere (scripts, styles, images, fonts)."""
    return re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//[^"'\s>]+|@import[^;]*|url\(\s*["']?(?:https?:)?//""", page)


def image_alts(page: str) -> list[str | None]:
    """The alt attribute of every <img>, decoded."""
    from html.parser import HTMLParser

    found = []

    class Images(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "img":
                found.append(dict(attrs).get("alt"))

    Images().feed(page)
    return found


def code_notebook(cells: list[str]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    return nb


# ---------------------------------------------------------------- fast unit tests

def test_clean_notebook_strips_times_and_temporary_paths():
    nb = code_notebook(["x = 1", "x"])
    nb.metadata["papermill"] = {"start_time": "2024", "end_time": "2024", "duration": 1.5,
                                "input_path": "/tmp/a/notebooks/x.ipynb", "output_path": "/tmp/.reports.tmp-abc/x.ipynb",
                                "environment_variables": {"HOME": "/root"}}
    nb.cells[0].metadata.update({"tags": ["injected-parameters"], "execution": {"iopub.status.busy": "2024"},
                                 "papermill": {"start_time": "t", "end_time": "t", "duration": 0.1,
                                               "status": "completed"}})
    html.clean_notebook(nb, "x.ipynb")
    text = nbformat.writes(nb)
    assert "2024" not in text and "tmp" not in text and "duration" not in text and "HOME" not in text
    assert nb.cells[0].id == "injected-parameters"
    assert nb.cells[0].metadata["papermill"] == {"status": "completed"}


def png_output(alt: str) -> nbformat.NotebookNode:
    import base64

    from matplotlib.figure import Figure

    from analysis.charts import style
    data = base64.b64encode(style.to_png(Figure(figsize=(1, 1)))).decode()
    return nbformat.v4.new_output("display_data", data={"image/png": data, "text/plain": "<Image>"},
                                  metadata={"image/png": {"alt": alt}})


def test_html_hides_code_and_parameter_cells_and_keeps_alt_text():
    nb = code_notebook(["top_n = 15", "top_n = 99", "secret_code_line()"])
    nb.cells[0].metadata["tags"] = ["parameters"]
    nb.cells[1].metadata["tags"] = ["injected-parameters"]
    nb.cells[2].outputs = [png_output('A chart of "counts" <by> actor')]
    page = html.render_html(nb, show_code=False)
    assert "top_n" not in page and "secret_code_line" not in page
    assert image_alts(page) == ['A chart of "counts" <by> actor']
    assert PLACEHOLDER not in page
    assert "<script" not in page and not external_loads(page) and "require.js" not in page
    shown = html.render_html(nb, show_code=True)
    assert "secret_code_line" in shown and "top_n" in shown


def test_parameters_are_checked_by_name():
    assert cli_report.parse_parameters([["top_n", "5"]], show_code=True) == {"top_n": "5", "show_code": True}
    with pytest.raises(ParameterError, match="unknown parameter 'topn' .did you mean 'top_n'.*the notebooks take"):
        cli_report.parse_parameters([["topn", "5"]], show_code=False)
    with pytest.raises(ParameterError, match="positional"):
        cli_report.parse_parameters([["article", "x.txt"]], show_code=False)


def test_relative_annotation_paths_are_read_from_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    given = cli_report.parse_parameters([["annotations", "mine.json"]], show_code=False)
    assert given["annotations"] == str(tmp_path / "mine.json")


def previous_report(out: Path, text: str = "previous report") -> dict[str, bytes]:
    """An earlier run's report folder (written through the output folder, so it is the suite's)."""
    with output_folder(out, "report") as staging:
        (staging.path / "index.html").write_text(text)
    return files_in(out)


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file under a folder but the lock file (its content is the running run's token)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != LOCK_NAME}


def test_index_page_escapes_the_title_and_links_each_report():
    bundle = SimpleNamespace(
        article=SimpleNamespace(title="<script>alert(1)</script> & $x$", path="/x/a b.txt"),
        annotation=SimpleNamespace(source="gold"), published=None,
        frames=None)
    original = views.key_figures
    try:
        views.key_figures = lambda f: __import__("pandas").DataFrame({"figure": ["<b>"], "value": ["1"],
                                                                      "sentence": [None]})
        page = index.article_index(bundle, [("01 x.html", "One <i>")])
    finally:
        views.key_figures = original
    assert "<script" not in page and "<b>" not in page and "<i>" not in page
    assert '<a href="01%20x.html">One &lt;i&gt;</a>' in page
    assert "&lt;script&gt;" in page


def test_command_reports_a_failed_notebook_with_exit_status_1(monkeypatch, capsys, tmp_path):
    def fail(*args, **kwargs):
        raise execution.NotebookFailed("a.txt: notebook 03_x.ipynb, cell 4 of 9 ('boom()'): ValueError: boom")
    monkeypatch.setattr(run, "run_reports", fail)
    assert cli.main(["report", "--out", str(tmp_path / "r")]) == 1
    err = capsys.readouterr().err
    assert "03_x.ipynb" in err and "cell 4" in err and "left as they were" in err


def test_bad_parameter_stops_before_any_notebook_runs(tmp_path, capsys):
    out = tmp_path / "r"
    assert cli.main(["report", "--out", str(out), "-p", "top_n", "0"]) == 2
    assert "top_n" in capsys.readouterr().err
    assert not out.exists() and list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- end to end (executes notebooks)

@pytest.fixture(scope="module")
def built(tmp_path_factory, seed_gold_path):
    """Reports for the seed and a hostile mini article, made by the command line."""
    root = tmp_path_factory.mktemp("report")
    evil = write_mini_article(root)
    out = root / "out"
    import contextlib
    import io
    buffer = io.StringIO()
    # A non-interactive backend makes plt.show() draw nothing; the images must appear all the same.
    saved = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = "Agg"
    try:
        with contextlib.redirect_stdout(buffer):
            status = cli.main(["report", str(paths.SEED_ARTICLE), str(evil), "--out", str(out), "--jobs", "2"])
    finally:
        if saved is None:
            os.environ.pop("MPLBACKEND", None)
        else:
            os.environ["MPLBACKEND"] = saved
    assert status == 0, buffer.getvalue()
    return SimpleNamespace(out=out, stdout=buffer.getvalue(), evil=evil)


def sections(notebook: Path) -> list[str]:
    """The Markdown headings of a committed notebook."""
    nb = nbformat.read(notebook, as_version=4)
    return [line.lstrip("#").strip() for c in nb.cells if c.cell_type == "markdown"
            for line in c.source.splitlines() if line.startswith("#")]


@pytest.mark.slow
def test_every_report_has_its_sections_images_and_alt_text(built):
    for folder in ("000_d9e28a5d5fb01913", "mini_evil"):
        base = built.out / folder
        for name, images in EXPECTED_IMAGES.items():
            page = (base / f"{name}.html").read_text(encoding="utf-8")
            executed = nbformat.read(base / f"{name}.ipynb", as_version=4)
            for heading in sections(paths.NOTEBOOKS_DIR / f"{name}.ipynb"):
                assert heading.split(":")[0] in page, (name, heading)
            alts = image_alts(page)
            pngs = [o for c in executed.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
            assert len(re.findall(r"<img ", page)) == len(alts) == len(pngs) == images, name
            assert all(a and len(a) > 40 and PLACEHOLDER not in a for a in alts)
            assert "Traceback" not in page and not any(o.output_type == "error" for c in executed.cells
                                                       for o in c.get("outputs", []))
            assert "<script" not in page and not external_loads(page) and "mathjax" not in page.lower()
            content, footer = page.split('<footer class="cn-footer">')
            assert "top_n" not in content and "show.show_figure" not in content  # code cells are hidden
            assert ("<code>top_n = 15</code>" in footer) == ("top_n" in P.NOTEBOOK_PARAMETERS[name])  # provenance
            committed = nbformat.read(paths.NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
            assert executed.metadata["kernelspec"] == committed.metadata["kernelspec"]


@pytest.mark.slow
def test_index_pages_link_every_report_and_article(built):
    top = (built.out / "index.html").read_text(encoding="utf-8")
    assert 'href="000_d9e28a5d5fb01913/index.html"' in top and 'href="mini_evil/index.html"' in top
    page = (built.out / "000_d9e28a5d5fb01913" / "index.html").read_text(encoding="utf-8")
    for name in EXPECTED_IMAGES:
        assert f'href="{name}.html"' in page
    assert "2024-08-12" in page and "Key figures" in page
    for table in ("casualties", "sentences"):
        assert f'href="tables/{table}.csv"' in page and (built.out / "000_d9e28a5d5fb01913" / "tables" /
                                                          f"{table}.csv").is_file()
    manifest = json.loads((built.out / MANIFEST_NAME).read_text())
    assert set(manifest["files"]) == set(files_in(built.out)) - {MANIFEST_NAME}
    assert sorted(p.name for p in built.out.parent.iterdir()) == ["mini_evil.gold.json", "mini_evil.txt", "out"]
    assert not [p for p in built.out.iterdir() if p.name.startswith(STAGING_PREFIX)]


@pytest.mark.slow
def test_no_executed_notebook_or_page_holds_an_absolute_path_of_this_machine(built):
    """Paths given to the notebooks are relative to the working folder, where the kernels run."""
    for path in built.out.rglob("*"):
        if path.is_file() and path.suffix in (".ipynb", ".html", ".json", ".csv"):
            text = path.read_text(encoding="utf-8")
            assert str(paths.PROJECT_DIR) not in text and str(built.out) not in text, path


@pytest.mark.slow
def test_hostile_article_text_is_shown_as_text(built):
    for page in (built.out / "mini_evil").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text and "<img src=x" not in text, page.name
    article = (built.out / "mini_evil" / "01_article.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article


@pytest.mark.slow
def test_progress_lines_name_each_notebook(built):
    for name in EXPECTED_IMAGES:
        assert re.search(rf"\[\d+/16\] 000_d9e28a5d5fb01913 / {name}: ok", built.stdout)


def broken_notebook_dir(folder: Path) -> Path:
    """A notebook folder holding one good notebook and one whose third cell raises."""
    folder.mkdir()
    shutil.copy(paths.NOTEBOOKS_DIR / "06_summary.ipynb", folder)
    good = nbformat.read(paths.NOTEBOOKS_DIR / "06_summary.ipynb", as_version=4)
    broken = nbformat.v4.new_notebook(metadata=good.metadata)
    broken.cells = [good.cells[1], nbformat.v4.new_code_cell("x = 1"),
                    nbformat.v4.new_code_cell("# fails on purpose\nraise ValueError('boom in the notebook')")]
    nbformat.write(broken, folder / "07_broken.ipynb")
    return folder


@pytest.mark.slow
def test_failing_notebook_leaves_the_previous_reports_intact(tmp_path, seed_gold_path):
    out = tmp_path / "reports"
    before = previous_report(out)
    with pytest.raises(execution.NotebookFailed) as info:
        run.run_reports([paths.SEED_ARTICLE], out, {}, jobs=2,
                        notebook_dir=broken_notebook_dir(tmp_path / "notebooks"))
    message = str(info.value)
    assert "07_broken.ipynb" in message and "cell 3 of 3 ('# fails on purpose')" in message
    assert "boom in the notebook" in message and "raise ValueError" in message
    assert files_in(out) == before
    assert sorted(p.name for p in out.iterdir()) == sorted([LOCK_NAME, MANIFEST_NAME, "index.html"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notebooks", "reports"]


@pytest.mark.slow
def test_same_inputs_give_the_same_bytes(tmp_path):
    article = write_mini_article(tmp_path)
    books = tmp_path / "notebooks"
    books.mkdir()
    for name in ("03_casualties.ipynb", "04_timeline.ipynb"):
        shutil.copy(paths.NOTEBOOKS_DIR / name, books)
    first = files_in(run.run_reports([article], tmp_path / "a", {}, jobs=2, notebook_dir=books))
    second = files_in(run.run_reports([article], tmp_path / "b", {}, jobs=2, notebook_dir=books))
    assert "03_casualties.html" in first and MANIFEST_NAME in first and "tables/events.csv" in first
    assert first == second


def tables_and_figures(page: str) -> tuple[list[str], list[str]]:
    """Every HTML table and every embedded image of a report page."""
    return (re.findall(r"<table.*?</table>", page, flags=re.S),
            re.findall(r'<img [^>]*src="data:image/png;base64,([^"]+)"', page))


@pytest.mark.slow
def test_committed_reports_of_the_seed_are_current(built):
    """reports/ is what the suite makes now: regenerating gives the same tables and figures."""
    fresh = built.out / "000_d9e28a5d5fb01913"
    for name in EXPECTED_IMAGES:
        committed = (paths.REPORTS_DIR / f"{name}.html").read_text(encoding="utf-8")
        regenerated = (fresh / f"{name}.html").read_text(encoding="utf-8")
        old_tables, old_images = tables_and_figures(committed)
        new_tables, new_images = tables_and_figures(regenerated)
        assert old_tables == new_tables, f"reports/{name}.html is stale: run `make reports`"
        assert old_images == new_images, f"reports/{name}.html has stale charts: run `make reports`"
        assert len(new_images) == EXPECTED_IMAGES[name]


def test_clean_notebook_points_parameters_from_the_temporary_folder_to_the_final_one():
    staged = "out/.conflict-notebooks-staging-0123456789abcdef/files"
    nb = code_notebook([f"annotations = '{staged}/annotation.auto.json'", "x"])
    nb.metadata["papermill"] = {"parameters": {"annotations": f"{staged}/annotation.auto.json", "top_n": 5}}
    nb.cells[0].metadata["tags"] = ["injected-parameters"]
    html.clean_notebook(nb, "x.ipynb", (staged, "out"))
    assert nb.metadata["papermill"]["parameters"] == {"annotations": "out/annotation.auto.json", "top_n": 5}
    assert nb.cells[0].source == "annotations = 'out/annotation.auto.json'"


@pytest.mark.slow
def test_an_article_without_gold_is_reported_from_the_automatic_annotation(tmp_path):
    """Issue 4's promise: `report` on an article that has no gold file renders every report."""
    article = tmp_path / "no_gold.txt"
    article.write_bytes((paths.SEEDS_DIR / "013_wire_ukraine.txt").read_bytes())
    out = run.run_reports([article], tmp_path / "out", {}, jobs=2)
    assert (out / "annotation.auto.json").is_file()
    for name, images in EXPECTED_IMAGES.items():
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        assert "automatic" in page and "Traceback" not in page, name
        assert len(image_alts(page)) == images, name


# ---------------------------------------------------------------- naming the failing cell

def executed_like_papermill(committed: nbformat.NotebookNode, failing: int, raised: bool) -> nbformat.NotebookNode:
    """What papermill saves for `committed` when cell `failing` fails: an injected parameters cell after
    the parameters cell, an error banner on top and an anchor before the failing cell."""
    nb = nbformat.from_dict(json.loads(nbformat.writes(committed)))
    for i, cell in enumerate(nb.cells):
        state = "completed" if i < failing else "pending"
        if i == failing:
            state = "failed" if raised else "completed"
            if raised:
                cell.outputs = [nbformat.v4.new_output("error", ename="ValueError", evalue="boom", traceback=[])]
        cell.metadata["papermill"] = {"status": state}
    injected = nbformat.v4.new_code_cell("top_n = 5")
    injected.metadata.update(tags=["injected-parameters"], papermill={"status": "completed"})
    after = next((i + 1 for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])), 0)
    nb.cells.insert(after, injected)
    banner, anchor = (nbformat.v4.new_markdown_cell(t) for t in ("An Exception was encountered", "here"))
    for cell in (banner, anchor):
        cell.metadata["tags"] = [execution.ERROR_MARKER_TAG]
    nb.cells.insert(failing + (1 if after <= failing else 0), anchor)
    nb.cells.insert(0, banner)
    return nb


@pytest.mark.parametrize("name,needle", [("04_timeline", "timeline_chart("), ("07_agreement", "notebook.start(")])
@pytest.mark.parametrize("raised", [True, False], ids=["raised", "kernel-died"])
def test_a_failing_cell_is_numbered_and_quoted_as_in_the_committed_notebook(tmp_path, name, needle, raised):
    """Issue 11: '04_timeline cell 5' quoted cell 4's Markdown; '07_agreement cell 3' was the injected cell."""
    committed_path = paths.NOTEBOOKS_DIR / f"{name}.ipynb"
    committed = nbformat.read(committed_path, as_version=4)
    failing = next(i for i, c in enumerate(committed.cells) if needle in c.source)
    executed = tmp_path / f"{name}.ipynb"
    nbformat.write(executed_like_papermill(committed, failing, raised), executed)
    number, total, source = execution.failing_cell(executed, committed_path)
    assert (number, total, source) == (failing + 1, len(committed.cells), committed.cells[failing].source)
    outcome = execution.Outcome(execution.Task("a.txt", str(committed_path), "", {}, False), False, 0.0,
                                number, total, source, "ValueError: boom")
    first = next(line for line in source.splitlines() if line.strip())
    assert f"cell {failing + 1} of {len(committed.cells)} ({first.strip()[:100]!r})" in outcome.describe()


@pytest.mark.slow
def test_a_cell_failing_in_a_real_notebook_is_named_by_its_place_in_the_committed_notebook(tmp_path):
    books = tmp_path / "books"
    books.mkdir()
    nb = nbformat.read(paths.NOTEBOOKS_DIR / "04_timeline.ipynb", as_version=4)
    failing = next(i for i, c in enumerate(nb.cells) if "timeline_chart(" in c.source)
    nb.cells[failing].source += "\nraise ValueError('the chart failed')"
    nbformat.write(nb, books / "04_timeline.ipynb")
    with pytest.raises(execution.NotebookFailed) as info:
        run.run_reports([write_mini_article(tmp_path)], tmp_path / "out", {}, jobs=1, notebook_dir=books)
    first = nb.cells[failing].source.splitlines()[0]
    assert f"cell {failing + 1} of {len(nb.cells)} ({first[:100]!r}): ValueError: the chart failed" in str(info.value)


@pytest.mark.slow
def test_make_reports_gives_the_committed_bytes(tmp_path, monkeypatch):
    """`make reports` on a fresh clone leaves `git status` clean: the same files, byte for byte, no machine paths."""
    monkeypatch.chdir(paths.PROJECT_DIR)
    out = run.run_reports([paths.SEED_ARTICLE.relative_to(paths.PROJECT_DIR)], tmp_path / "reports", {}, jobs=2)
    fresh, committed = files_in(out), files_in(paths.REPORTS_DIR)
    fresh.pop(LOCK_NAME, None)
    committed.pop(LOCK_NAME, None)
    assert sorted(fresh) == sorted(committed)
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert stale == [], f"reports/ is stale ({', '.join(stale)}): run `make reports`"
    assert not any(str(paths.PROJECT_DIR).encode() in data for data in fresh.values())


@pytest.mark.slow
def test_a_timeline_with_nothing_dated_says_so_in_words(tmp_path):
    """The automatic annotation of the seed without a publication date dates no event: no empty panels."""
    books = tmp_path / "books"
    books.mkdir()
    shutil.copy(paths.NOTEBOOKS_DIR / "04_timeline.ipynb", books)
    out = run.run_reports([paths.SEED_ARTICLE], tmp_path / "out", {"annotations": "auto"}, jobs=1,
                          notebook_dir=books)
    page = (out / "04_timeline.html").read_text(encoding="utf-8")
    assert image_alts(page) == []
    assert "There is no timeline" in page and "No publication date is known" in page
