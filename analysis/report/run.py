"""One report run: articles checked and loaded, notebooks executed, indexes and tables written, files moved in.

Everything is written into the output folder's staging folder and moved into place only when
every notebook succeeded (see `output`), so a failure leaves the previous reports as they were.
Paths handed to the notebooks are relative to the working folder, where the kernels run, so no
executed notebook or page holds an absolute path of this machine (see `for_notebook`).
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import params as P
from .. import paths
from ..atomic import write_text
from ..display import TABLES_FOLDER
from ..errors import ConflictNotebooksError
from ..fields import TABLES
from . import execution, kernels, site
from .execution import NotebookFailed, Outcome, Task, notebook_title, notebooks
from .html import moved_value
from .index import article_index, overall_index
from .output import Staging, output_folder, unique_names

AUTO_ANNOTATION = "annotation.auto.json"


@dataclass
class Plan:
    """One article's validated parameters, its loaded bundle and its folder in the output ("" = the top)."""

    article: Path
    params: P.NotebookParams
    bundle: Any
    folder: str
    show_code: bool = False
    site: site.ArticleSite | None = None
    parameters: dict[str, Any] | None = None


def relative(path: Path | str) -> str:
    """A path relative to the working folder (where the kernels run), with `/` separators."""
    return Path(os.path.relpath(Path(path).absolute(), Path.cwd())).as_posix()


def for_notebook(path: Path, read_back: Callable[[str], object]) -> str:
    """How a notebook is given a file: relative to the working folder, where its kernel runs, when
    the notebook's parameter check (`read_back`) finds the same file from that; else absolute."""
    rel = relative(path)
    try:
        found = read_back(rel)
    except ConflictNotebooksError:
        found = None
    return rel if isinstance(found, Path) and found.resolve() == Path(path).resolve() else str(Path(path).absolute())


def check_article(article: Path, given: dict[str, Any]) -> P.NotebookParams:
    """One article's validated parameters (cheap: done for every article before any kernel starts)."""
    return P.validate(article=str(article), **{k: v for k, v in given.items() if k not in ("article", "show_code")})


def plan_article(params: P.NotebookParams, folder: str, show_code: bool = False) -> Plan:
    """Load an article (once, in the parent) for its index page, its tables and its notebooks' parameters."""
    from ..bundle import load_bundle

    bundle = load_bundle(params.article, params.annotations, params.published)
    return Plan(article=params.article, params=params, bundle=bundle, folder=folder, show_code=show_code)


def planned_files(checked: list[P.NotebookParams], folders: list[str], books: list[Path]) -> list[str]:
    """Every file a run will write, relative to the output folder (checked against the user's files first)."""
    names = ["index.html"] if len(checked) > 1 else []
    for params, folder in zip(checked, folders):
        prefix = f"{folder}/" if folder else ""
        names.append(f"{prefix}index.html")
        names.extend(f"{prefix}{b.stem}{suffix}" for b in books for suffix in (".ipynb", ".html"))
        names.extend(f"{prefix}{TABLES_FOLDER}/{table}.csv" for table in TABLES)
        if params.annotations == "auto":
            names.append(f"{prefix}{AUTO_ANNOTATION}")
    return names


def _write_tables(plan: Plan, folder: Path) -> list[tuple[str, str, int]]:
    """Every table of the article as CSV beside its reports: (link, name, rows) for the index page."""
    from ..tables import write_tables

    written = write_tables(plan.bundle, folder / TABLES_FOLDER)
    return [(f"{TABLES_FOLDER}/{p.name}", p.name, len(plan.bundle.frames[p.stem])) for p in written]


def _tasks(plan: Plan, staging: Staging, out: Path, books: list[Path]) -> list[Task]:
    """The article's notebooks, each writing into the article's folder in the staging folder.

    Each page's footer names the parameters its notebook was given, as they read once the files
    are moved in (`plan.parameters` keeps them all for the article's index page).
    """
    folder = staging.path / plan.folder if plan.folder else staging.path
    final = out / plan.folder if plan.folder else out
    folder.mkdir(parents=True, exist_ok=True)
    annotations: Path | str = plan.params.annotations
    if annotations == "auto":
        annotations = folder / AUTO_ANNOTATION
        write_text(annotations, plan.bundle.annotation.to_json())
    parameters = {
        "article": for_notebook(plan.article, P.article_param),
        "annotations": for_notebook(Path(annotations), lambda v: P.annotations_param(v, plan.article)[0]),
        "published": plan.params.published.isoformat() if plan.params.published else None,
        "top_n": plan.params.top_n,
    }
    moved = (relative(folder), relative(final))
    plan.parameters = {name: moved_value(value, moved) for name, value in parameters.items()}
    return [Task(str(plan.article), str(nb), str(folder), _taken_by(nb, parameters), plan.show_code, moved,
                 _chrome(plan, f"{nb.stem}.html", _taken_by(nb, plan.parameters)))
            for nb in books]


def _chrome(plan: Plan, page: str, parameters: dict[str, Any]) -> site.Chrome | None:
    """The header, navigation and footer of one page of the article's site."""
    return site.chrome(plan.site, page, parameters) if plan.site else None


def _taken_by(notebook: Path, parameters: dict[str, Any]) -> dict[str, Any]:
    """The parameters a notebook declares (all of them for a notebook the declaration does not list)."""
    names = P.NOTEBOOK_PARAMETERS.get(notebook.stem, tuple(parameters))
    return {name: value for name, value in parameters.items() if name in names}


def _traceback_tail(outcome: Outcome, lines: int = 6) -> str:
    """The last lines of the notebook's traceback, without terminal colour codes."""
    import re

    text = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(outcome.traceback)).strip()
    tail = text.splitlines()[-lines:]
    return ("\n" + "\n".join("    " + t for t in tail)) if tail else ""


def _run_notebooks(checked: list[P.NotebookParams], folders: list[str], staging: Staging, out: Path,
                   books: list[Path], jobs: int, show_code: bool = False) -> list[Plan]:
    """Execute every (article, notebook) pair in a worker pool; raise NotebookFailed at the first failure.

    The pool starts first, so the workers' kernels boot while this process loads the articles.
    """
    jupyter_path = kernels.write_kernelspec(staging.scratch / "jupyter")
    titles = [(b.stem, notebook_title(b)) for b in books]
    with execution.worker_pool(jobs, jupyter_path) as pool:
        plans = [plan_article(p, f, show_code) for p, f in zip(checked, folders)]
        for plan in plans:
            plan.site = site.article_site(plan.bundle, titles, overall=len(plans) > 1)
        tasks = [t for plan in plans for t in _tasks(plan, staging, out, books)]
        print(f"Running {len(tasks)} notebook(s) for {len(plans)} article(s), {jobs} at a time -> {out}",
              flush=True)
        execute_all(pool, tasks)
    return plans


def execute_all(pool: Any, tasks: list[Task], meanwhile: Callable[[], None] | None = None) -> None:
    """Run the tasks in the pool (and `meanwhile`, this process's work); raise NotebookFailed at the first failure.

    Call it inside the pool's block, so that the other notebooks are stopped at once.
    """
    failed = [o for o in execution.execute(pool, tasks, meanwhile) if not o.ok]
    if failed:
        raise NotebookFailed(failed[0].describe() + _traceback_tail(failed[0]))


def _write_indexes(plans: list[Plan], staging: Staging, books: list[Path]) -> None:
    """Each article's index page (key figures, reports, tables), and the overall one for several articles."""
    reports = [(b.with_suffix(".html").name, notebook_title(b)) for b in books]
    for plan in plans:
        folder = staging.path / plan.folder if plan.folder else staging.path
        tables = _write_tables(plan, folder)
        write_text(folder / site.INDEX, article_index(plan.bundle, reports, tables,
                                                      _chrome(plan, site.INDEX, plan.parameters or {})))
    if len(plans) > 1:
        write_text(staging.path / site.INDEX, overall_index([(p.folder, p.bundle) for p in plans], _shared(plans)))


def _shared(plans: list[Plan]) -> dict[str, Any]:
    """The parameters of a run over several articles: each one's value, or a pointer to the articles' pages."""
    given = [plan.parameters or {} for plan in plans]
    names = [name for name in given[0] if name != "article"]
    return {name: given[0][name] if all(g.get(name) == given[0][name] for g in given) else
            "(differs: see each article's pages)" for name in names}


def run_reports(articles: list[Path], out: Path, given: dict[str, Any], jobs: int | None = None,
                notebook_dir: Path = paths.NOTEBOOKS_DIR, force: bool = False) -> Path:
    """Execute every notebook for every article and move the reports into `out`; raises NotebookFailed."""
    books = notebooks(notebook_dir)
    checked = [check_article(Path(a).absolute(), given) for a in articles]
    folders = unique_names(p.article.stem for p in checked) if len(checked) > 1 else [""]
    jobs = execution.pool_size(jobs, len(checked) * len(books))
    with output_folder(out, "report", force=force, replace_previous=True) as staging:
        staging.check(planned_files(checked, folders, books))
        plans = _run_notebooks(checked, folders, staging, out, books, jobs,
                               P.show_code_param(given.get("show_code", False)))
        _write_indexes(plans, staging, books)
    return out
