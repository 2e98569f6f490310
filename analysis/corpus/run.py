"""Build a corpus dataset: find the articles, process the new or changed ones, then compact and link.

1. find every article the arguments name, read the metadata file(s), and hash each article's bytes (with its
   gold file's and its metadata row);
2. reuse each article whose input key a part already holds; batch the others;
3. run the batches (here or on Dask), writing each batch's part as soon as it arrives;
4. compact the parts into one Parquet file per table, match incidents, build the toll series;
5. write dataset.json last.  A run killed before that loses only the batches still running.
"""
from __future__ import annotations

import glob
import hashlib
import json
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from .. import __version__
from ..errors import ConflictNotebooksError, InputError
from ..ingest import read_bytes
from ..paths import GOLD_SUFFIX
from . import cluster, store
from .conflicts import conflict_labels
from .extract import BatchResult, Task, article_row, gold_beside
from .fields import CORPUS_TABLES, PART_TABLES, TABLES
from .incidents import incident_tables
from .linking import link
from .metadata import METADATA_NAME, Listed, MetadataFile, MetadataRead, article_id, input_key, read_metadata
from .tolls import toll_rows

ARTICLE_SUFFIX = ".txt"
_GLOB_CHARS = frozenset("*?[")


@dataclass
class Input:
    """One article file found, what the client read of it, and what became of it."""

    path: Path
    article_id: str | None = None
    input_key: str | None = None
    gold: bool = False
    listed: Listed = Listed()
    row: dict[str, object] | None = None
    part: Path | None = None

    @property
    def file(self) -> str:
        return self.path.name

    def task(self) -> Task:
        return Task(str(self.path), self.file, str(self.article_id), str(self.input_key), self.gold, self.listed)


@dataclass
class Summary:
    """What a run did, for the command's closing lines."""

    dataset: Path
    articles: int = 0
    failed: int = 0
    duplicates: int = 0
    processed: int = 0
    reused: int = 0
    incidents: int = 0
    tolls: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)
    metadata: list[MetadataRead] = field(default_factory=list)


def _expand(argument: str) -> list[Path]:
    """The files one argument names: a folder's .txt files, a glob's matches (no gold files), or the file."""
    path = Path(argument).expanduser()
    if path.is_dir():
        found, problem = sorted(p for p in path.glob(f"*{ARTICLE_SUFFIX}") if p.is_file()), \
            f"holds no {ARTICLE_SUFFIX} files"
    elif _GLOB_CHARS & set(argument):
        found, problem = sorted(Path(p) for p in glob.glob(str(path), recursive=True)
                                if Path(p).is_file() and not p.endswith(GOLD_SUFFIX)), "matches no files"
    else:
        return [path]
    if not found:
        raise InputError(argument, problem, "Pass folders of .txt articles, globs such as 'articles/*.txt', or files")
    return found


def find_articles(arguments: Sequence[str]) -> list[Path]:
    """The article files a list of folders, globs and files names, each once, by file name then path."""
    found = {path.absolute(): None for argument in arguments for path in _expand(argument)}
    return sorted(found, key=lambda p: (p.name, str(p)))


def metadata_files(arguments: Sequence[str], given: Path | str | None) -> list[MetadataFile]:
    """The metadata file `--metadata` names, else the metadata.csv of each folder argument that has one."""
    if given is not None:
        return [MetadataFile(Path(given).expanduser())]
    folders = [Path(a).expanduser() for a in arguments if Path(a).expanduser().is_dir()]
    found = {(f / METADATA_NAME).absolute(): None for f in folders if (f / METADATA_NAME).is_file()}
    return [MetadataFile(path, found_in_folder=True) for path in found]


def survey(paths: Sequence[Path], version: str, listings: Mapping[Path, Listed] | None = None) -> list[Input]:
    """Read and hash every article (with the gold file beside it and its metadata row); unreadable files become
    failed rows."""
    found = []
    for path in paths:
        item = Input(path, listed=(listings or {}).get(path, Listed()))
        try:
            data = read_bytes(path)
        except ConflictNotebooksError as exc:
            item.row = _failed_row(item, version, str(exc))
            found.append(item)
            continue
        gold = gold_beside(path)
        item.article_id, item.gold = article_id(data), gold is not None
        item.input_key = input_key(version, item.file, data, gold, item.listed)
        found.append(item)
    return found


def _failed_row(item: Input, version: str, error: str) -> dict[str, object]:
    row = article_row(Task(str(item.path), item.file, "", item.input_key or "", item.gold, item.listed), version,
                      status="failed", error=error)
    return {**row, "article_id": item.article_id, "input_key": item.input_key}


def plan(inputs: list[Input], dataset: Path, version: str) -> list[Input]:
    """Mark duplicates and articles a part already holds; returns the ones still to process, in order."""
    manifest = store.read_manifest(dataset)
    first: dict[str, Input] = {}
    todo = []
    for item in inputs:
        if item.row is not None:
            continue
        if item.article_id in first:
            item.row = article_row(item.task(), version, status="duplicate",
                                   error=f"same bytes as {first[str(item.article_id)].path}")
        elif item.input_key in manifest:
            first[str(item.article_id)] = item
            part, row = manifest[str(item.input_key)]
            item.part, item.row = part, {**row, "path": str(item.path)}
        else:
            first[str(item.article_id)] = item
            todo.append(item)
    return todo


def _progress(total: int, show: bool | None):
    """A progress bar on stderr: when asked, or by default when stderr is a terminal; redrawn at every batch."""
    from tqdm import tqdm

    wanted = sys.stderr.isatty() if show is None else show
    return tqdm(total=total, unit="article", file=sys.stderr, disable=not wanted or total == 0, leave=False,
                mininterval=0)


def execute(todo: list[Input], dataset: Path, version: str, scheduler: str, workers: int,
            size: int | None, show: bool | None) -> None:
    """Process the articles still to do, writing each batch's part the moment it arrives."""
    by_key = {str(item.input_key): item for item in todo}
    work = cluster.batches([item.task() for item in todo], cluster.batch_size(len(todo), workers, size))
    with _progress(len(todo), show) as bar:
        for tasks, outcome in cluster.run_batches(work, version, scheduler, workers):
            if isinstance(outcome, BatchResult):
                part = store.write_part(dataset, outcome.batch_id, outcome.blobs)
                for row in outcome.articles:
                    item = by_key[str(row["input_key"])]
                    item.row, item.part = {**row, "path": str(item.path)}, part
            else:
                for task in tasks:
                    item = by_key[task.input_key]
                    item.row = _failed_row(item, version, f"the batch holding it failed: "
                                                          f"{type(outcome).__name__}: {outcome}")
            bar.update(len(tasks))


def _copy_duplicates(inputs: list[Input]) -> None:
    """A duplicate shows the title, outlet and date of the file it repeats."""
    rows = {item.article_id: item.row for item in inputs if item.row and item.row["status"] == "ok"}
    for item in inputs:
        if item.row and item.row["status"] == "duplicate" and item.article_id in rows:
            item.row.update({k: rows[item.article_id][k] for k in ("title", "outlet", "published")})


def _frame(table: str, data) -> pd.DataFrame:
    """A gathered part table as a typed frame of its declared columns."""
    return store.from_arrow(data, table, PART_TABLES[table])


def fingerprint(inputs: list[Input]) -> str:
    """What the dataset is built from: every article's path and input key (or why it could not be read, and
    its metadata row)."""
    listed = [(str(item.path), item.input_key,
               None if item.input_key else [item.row and item.row["error"], item.listed.key().decode()])
              for item in inputs]
    return hashlib.sha256(json.dumps(listed).encode()).hexdigest()


def _summarise(inputs: list[Input], counts: Mapping[str, object], summary: Summary) -> None:
    """The closing figures of a run: incidents, tolls, failures and duplicates."""
    summary.incidents, summary.tolls = int(counts["incidents"]), int(counts["tolls"])
    statuses = [item.row["status"] if item.row else None for item in inputs]
    summary.failed, summary.duplicates = statuses.count("failed"), statuses.count("duplicate")
    summary.failures = [(str(item.path), str(item.row["error"])) for item in inputs
                        if item.row and item.row["status"] == "failed"]


def finish(inputs: list[Input], dataset: Path, version: str, summary: Summary) -> None:
    """Compact the parts, write the articles, incident and toll tables, then dataset.json."""
    _copy_duplicates(inputs)
    ok = [item for item in inputs if item.row and item.row["status"] == "ok" and item.part is not None]
    placed = [store.Placed(str(item.article_id), item.part) for item in ok]
    counts = store.compact_tables(dataset, placed, list(TABLES), cluster.default_workers())
    articles = pd.DataFrame([item.row for item in inputs], columns=[c.name for c in CORPUS_TABLES["articles"]],
                            dtype=object)
    counts["articles"] = store.write_whole(dataset, "articles", store.frame_to_arrow(
        "articles", articles, CORPUS_TABLES["articles"]))
    reports = _frame("reports", store.gather(placed, "reports", store.arrow_schema(PART_TABLES["reports"])))
    figures = _frame("toll_figures", store.gather(placed, "toll_figures",
                                                  store.arrow_schema(PART_TABLES["toll_figures"])))
    actors = pq.read_table(dataset / "actors.parquet",
                           columns=["article_id", "actor_id", "actor_type", "root_actor", "root_name", "mentions"])
    conflicts = conflict_labels([p.article_id for p in placed], actors.to_pandas().astype(object))
    incidents = link(reports, conflicts)
    incident_rows, report_rows = incident_tables(reports, incidents, conflicts)
    for table, rows in (("incidents", incident_rows), ("incident_reports", report_rows),
                        ("tolls", toll_rows(figures, conflicts))):
        frame = pd.DataFrame(rows, columns=[c.name for c in CORPUS_TABLES[table]], dtype=object)
        counts[table] = store.write_whole(dataset, table, store.frame_to_arrow(table, frame, CORPUS_TABLES[table]))
    store.remove_unused_parts(dataset, {item.part for item in inputs if item.part is not None})
    statuses = articles["status"].value_counts().to_dict()
    store.write_manifest(dataset, version, counts, {"total": len(inputs), **{s: int(statuses.get(s, 0))
                                                                            for s in ("ok", "failed", "duplicate")}},
                         fingerprint(inputs))
    _summarise(inputs, counts, summary)


def build_corpus(arguments: Sequence[str], out: Path | str, scheduler: str | None = None,
                 workers: int | None = None, size: int | None = None, progress: bool | None = None,
                 version: str = __version__, metadata: Path | str | None = None) -> Summary:
    """Build (or bring up to date) the dataset at `out` from the articles the arguments name, with what the
    metadata file (`metadata`, else each folder's metadata.csv) says of them.

    Bad metadata is refused before anything is written.  When the dataset was finished from exactly these
    inputs by this version, nothing is rewritten."""
    began = time.perf_counter()
    chosen = cluster.scheduler_param(scheduler)
    count = workers or cluster.default_workers()
    dataset = Path(out)
    paths = find_articles(arguments)
    listings, read = read_metadata(metadata_files(arguments, metadata), paths)
    with store.locked(dataset):
        store.remove_temporary(dataset)
        inputs = survey(paths, version, listings)
        todo = plan(inputs, dataset, version)
        summary = Summary(dataset, articles=len(inputs), processed=len(todo),
                          reused=sum(1 for i in inputs if i.part is not None), metadata=read)
        manifest = None if todo else store.finished_from(dataset, version, fingerprint(inputs))
        if manifest is not None:
            _summarise(inputs, manifest["tables"], summary)
        else:
            store.start_writing(dataset)
            execute(todo, dataset, version, chosen, count, size, progress)
            finish(inputs, dataset, version, summary)
    summary.seconds = time.perf_counter() - began
    return summary
