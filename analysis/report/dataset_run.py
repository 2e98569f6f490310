"""`report --dataset DATASET --out DIR`: the corpus notebooks executed on a dataset, inside the dataset's site.

The run is the single-article run's: the notebooks execute in the pool of warm kernels, the
dataset is given to them relative to the working folder (`for_notebook`), and everything is
written into the output folder's staging folder and moved in only when every notebook succeeded
(`output_folder`: a user's file is never overwritten without --force).  While the notebooks
run, this process writes the index, one page per article and the CSV tables the pages link to.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from .. import params as P
from .. import paths
from ..atomic import write_text
from ..corpus.notebook import dataset_param
from ..corpus.store import MANIFEST, load_dataset, load_table, read_manifest_file
from ..corpus.views import ARTICLES_FOLDER, without_paths
from ..display import TABLES_FOLDER
from ..errors import InputError
from ..tables import frame_csv
from . import dataset_site as pages
from . import execution, kernels
from .execution import Task, notebook_title, notebooks
from .output import file_sha256, output_folder
from .run import execute_all, for_notebook
from .site import INDEX

NOTEBOOK_DIR = paths.NOTEBOOKS_DIR / "corpus"
# The tables the corpus pages are made from, written as CSV beside them (the pages link to them).
CSV_TABLES = ("articles", "incidents", "incident_reports", "tolls", "actors", "timeline")


def check_dataset(dataset: Path) -> str:
    """The SHA-256 of a finished dataset's dataset.json; otherwise an error naming the folder and the fix."""
    fix = f"Build it with `python -m analysis corpus ARTICLES... --out {dataset}` and let the run finish"
    if not dataset.is_dir():
        raise InputError(dataset, "is not a folder" if dataset.exists() else "does not exist", fix)
    try:
        read_manifest_file(dataset)
    except InputError as exc:
        raise InputError(exc.path, exc.problem, fix) from None
    return file_sha256(dataset / MANIFEST)


def notebook_parameters(dataset: Path, given: dict[str, Any]) -> dict[str, Any]:
    """The corpus notebooks' parameters: the dataset relative to the working folder, and a checked top_n."""
    return {"dataset": for_notebook(dataset, dataset_param), "top_n": P.top_n_param(
        given.get("top_n", P.PARAMETERS["top_n"].default))}


def planned_files(entries: list[pages.ArticleEntry], books: list[Path]) -> list[str]:
    """Every file the run writes, relative to the output folder (checked against the user's files first)."""
    return [INDEX, *(f"{b.stem}{suffix}" for b in books for suffix in (".ipynb", ".html")),
            *(e.href for e in entries),
            *(f"{TABLES_FOLDER}/{name}.csv" for name in CSV_TABLES)]


def write_tables(tables: dict[str, Any], folder: Path) -> list[tuple[str, str, int]]:
    """The tables the pages are made from, as CSV in `folder/tables`: (link, name, rows) for the index.

    The articles' paths on the machine that built the dataset are left out (`without_paths`).
    """
    written = []
    for name in CSV_TABLES:
        frame = without_paths(tables[name]) if name == "articles" else tables[name]
        write_text(folder / TABLES_FOLDER / f"{name}.csv", frame_csv(frame))
        written.append((f"{TABLES_FOLDER}/{name}.csv", f"{name}.csv", len(frame)))
    return written


def write_site(dataset: Path, site: pages.DatasetSite, articles: pd.DataFrame, entries: list[pages.ArticleEntry],
               folder: Path, parameters: dict[str, Any]) -> None:
    """The index, every article's page and the CSV tables, written into `folder` (`articles` is already loaded)."""
    tables = {"articles": articles, **load_dataset(dataset, sorted({"sentences", *CSV_TABLES} - {"articles"}))}
    for name, html in pages.article_pages(site, entries, tables["sentences"], parameters):
        write_text(folder / ARTICLES_FOLDER / name, html)
    listed = write_tables(tables, folder)
    write_text(folder / INDEX, pages.dataset_index(
        site, pages.key_figures(articles, tables), entries, len(articles) - len(entries), listed,
        pages.page_chrome(site, INDEX, parameters)))


def run_dataset_report(dataset: Path, out: Path, given: dict[str, Any], jobs: int | None = None,
                       notebook_dir: Path = NOTEBOOK_DIR, force: bool = False) -> Path:
    """Execute the corpus notebooks on `dataset` and move its site into `out`; raises NotebookFailed."""
    books = notebooks(notebook_dir)
    dataset = Path(dataset)
    sha256 = check_dataset(dataset)
    name = dataset.resolve().name
    parameters = notebook_parameters(dataset, given)
    show_code = P.show_code_param(given.get("show_code", False))
    articles = load_table(dataset, "articles")
    entries = pages.article_entries(articles, dataset / "articles.parquet")
    jobs = execution.pool_size(jobs, len(books))
    with output_folder(out, "report", force=force, replace_previous=True) as staging:
        staging.check(planned_files(entries, books))
        jupyter_path = kernels.write_kernelspec(staging.scratch / "jupyter")
        with execution.worker_pool(jobs, jupyter_path) as pool:
            site = pages.dataset_site(name, sha256, articles, [(b.stem, notebook_title(b)) for b in books])
            tasks = [Task(str(dataset.resolve()), str(book), str(staging.path), parameters, show_code, ("", ""),
                          pages.page_chrome(site, f"{book.stem}.html", parameters)) for book in books]
            print(f"Running {len(tasks)} corpus notebook(s) on {name} ({len(entries):,} articles), "
                  f"{jobs} at a time -> {out}", flush=True)
            execute_all(pool, tasks, lambda: write_site(dataset, site, articles, entries, staging.path, parameters))
    return out
