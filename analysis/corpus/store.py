"""A corpus dataset on disk: per-batch part files written atomically, compacted into one Parquet file per table.

Layout of DATASET/:
  <table>.parquet      every table, rows in article order (file name, then content hash)
  dataset.json         what was written (version, counts); written last, so its presence means complete
  _parts/<batch>/      one folder per batch of articles: each table's rows for those articles;
                       renamed into place only when whole, and kept as the cache reruns reuse
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import io
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ..atomic import write_text
from ..errors import InputError
from ..fields import DATE, Column
from ..schemas import conform, validate
from .fields import CORPUS_TABLES

PARTS = "_parts"
MANIFEST = "dataset.json"
LOCK = ".corpus.lock"
FORMAT = "conflict-notebooks corpus dataset"
ROW_GROUP_ROWS = 65536
# The tables are compressed with zstd (small); the parts, a cache read once by compaction, with snappy (half
# the cost to write a batch's small tables).
COMPRESSION, PART_COMPRESSION = "zstd", "snappy"
ARROW_TYPES = {"Int64": pa.int64(), "string": pa.string(), "category": pa.string(), "boolean": pa.bool_(),
               DATE: pa.timestamp("us")}
_PANDAS_FOR_ARROW = {"category": "string"}


def arrow_schema(declared: tuple[Column, ...]) -> pa.Schema:
    """The Parquet schema of a table: categories are stored as plain strings, and no pandas metadata."""
    return pa.schema([pa.field(c.name, ARROW_TYPES[c.dtype], nullable=c.nullable) for c in declared])


def to_arrow(df: pd.DataFrame, declared: tuple[Column, ...]) -> pa.Table:
    """A conformed frame as an Arrow table of the declared schema."""
    arrays = [pa.array(df[c.name].astype(_PANDAS_FOR_ARROW.get(c.dtype, c.dtype)), type=ARROW_TYPES[c.dtype],
                       from_pandas=True) for c in declared]
    return pa.Table.from_arrays(arrays, schema=arrow_schema(declared))


class RowsError(ValueError):
    """Values that do not fit their table's declared columns."""


def _timestamp(value: object) -> dt.datetime | None:
    """A date column's value (an ISO string, a date or a datetime) as the datetime Arrow stores."""
    if value is None or isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value)
    raise TypeError(f"{value!r} is not a date")


def _first(values: Sequence[object], wanted: Callable[[object], bool]) -> int:
    """The position of the first value for which `wanted` holds."""
    return next(i for i, v in enumerate(values) if wanted(v))


def column_array(table: str, column: Column, values: Sequence[object]) -> pa.Array:
    """One column's values (plain Python) as an Arrow array of its declared type, checked as its schema checks:
    the exact type, no missing values where the column may not be empty, only its declared categorical levels."""
    where = f"table {table!r}, column {column.name!r}"
    try:
        if column.dtype == DATE:
            days = {v: _timestamp(v) for v in set(values)}
            values = [days[v] for v in values]
        array = pa.array(values, type=ARROW_TYPES[column.dtype])
    except (pa.ArrowException, TypeError, ValueError) as exc:
        raise RowsError(f"{where}: a value is not a {column.dtype} ({exc})") from None
    if array.null_count and not column.nullable:
        raise RowsError(f"{where}: row {_first(values, lambda v: v is None)} is empty, and the column may not be")
    if column.categories:
        unknown = set(values) - set(column.categories) - {None}
        if unknown:
            raise RowsError(f"{where}: {', '.join(sorted(map(str, unknown)))} not among its declared levels")
    return array


def rows_to_arrow(table: str, columns: Mapping[str, Sequence[object]], declared: tuple[Column, ...]) -> pa.Table:
    """A table given as column lists of plain values, as an Arrow table of the declared schema.

    Gives the same table as building the frame, `conform`, `validate` and `to_arrow`, at a fraction
    of the cost: every value is checked against the same declarations (type, emptiness, levels).
    """
    return pa.Table.from_arrays([column_array(table, c, columns[c.name]) for c in declared],
                                schema=arrow_schema(declared))


def record_columns(rows: Sequence[Mapping[str, object]], names: Sequence[str]) -> dict[str, list[object]]:
    """Rows (dicts keyed by column name) as one list of values per named column."""
    if not rows:
        return {name: [] for name in names}
    pick = itemgetter(*names)
    try:
        values = zip(*map(pick, rows)) if len(names) > 1 else ([pick(row) for row in rows],)
        return {name: list(column) for name, column in zip(names, values)}
    except KeyError as exc:
        raise RowsError(f"a row lacks the column {exc}") from None


def frame_to_arrow(name: str, frame: pd.DataFrame, declared: tuple[Column, ...]) -> pa.Table:
    """A frame as an Arrow table, cast to and checked against the declared dtypes first."""
    return to_arrow(validate(conform(frame, name, declared), name, declared), declared)


def parquet_bytes(table: pa.Table) -> bytes:
    """An Arrow table as the Parquet bytes of a part (the same table always gives the same bytes)."""
    sink = io.BytesIO()
    pq.write_table(table, sink, compression=PART_COMPRESSION)
    return sink.getvalue()


def from_arrow(table: pa.Table, name: str, declared: tuple[Column, ...] | None = None) -> pd.DataFrame:
    """A stored table as a typed, validated dataframe of its declared columns."""
    declared = declared or CORPUS_TABLES[name]
    frame = table.to_pandas(types_mapper={pa.string(): pd.StringDtype()}.get, timestamp_as_object=False)
    return validate(conform(frame, name, declared), name, declared)


# ---------------------------------------------------------------- parts

def read_part(path: Path) -> pa.Table:
    """One small part file (read directly, in this thread: several times faster than `pq.read_table`)."""
    return pq.ParquetFile(path).read(use_threads=False)


def parts_dir(dataset: Path) -> Path:
    return dataset / PARTS


def write_part(dataset: Path, batch_id: str, blobs: Mapping[str, bytes]) -> Path:
    """Write one batch's tables into a temporary folder and rename it into place whole."""
    final = parts_dir(dataset) / batch_id
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.parent / f".tmp-{batch_id}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        for table, data in blobs.items():
            (tmp / f"{table}.parquet").write_bytes(data)
        if final.exists():
            shutil.rmtree(final)
        os.replace(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


def remove_temporary(dataset: Path) -> None:
    """Delete the half-written part folders a killed run left behind."""
    for tmp in parts_dir(dataset).glob(".tmp-*"):
        shutil.rmtree(tmp, ignore_errors=True)


def read_manifest(dataset: Path) -> dict[str, tuple[Path, dict[str, object]]]:
    """input_key -> (part folder, its `articles` row) for every article the parts hold."""
    found: dict[str, tuple[Path, dict[str, object]]] = {}
    for part in sorted(p for p in parts_dir(dataset).glob("*") if not p.name.startswith(".")):
        try:
            rows = read_part(part / "articles.parquet").to_pylist()
        except (OSError, pa.ArrowException):
            shutil.rmtree(part, ignore_errors=True)  # unreadable: its articles are processed again
            continue
        for row in rows:
            found.setdefault(str(row["input_key"]), (part, row))
    return found


def remove_unused_parts(dataset: Path, used: set[Path]) -> None:
    """Delete the part folders no article of this run comes from (articles removed, changed or renamed)."""
    for part in parts_dir(dataset).glob("*"):
        if not part.name.startswith(".") and part not in used:
            shutil.rmtree(part, ignore_errors=True)


# ---------------------------------------------------------------- compaction

@dataclass(frozen=True)
class Placed:
    """One article of the dataset, in dataset order, and the part folder holding its rows."""

    article_id: str
    part: Path


def _segments(placed: list[Placed]) -> Iterator[tuple[Path, list[str]]]:
    """Runs of consecutive articles stored in the same part."""
    run: list[str] = []
    for i, item in enumerate(placed):
        run.append(item.article_id)
        if i + 1 == len(placed) or placed[i + 1].part != item.part:
            yield item.part, run
            run = []


def _chunks(placed: list[Placed], table: str) -> Iterator[pa.Table]:
    """A table's rows for the placed articles, in their order, one part's run at a time."""
    cached: tuple[Path, pa.Table] | None = None
    for part, ids in _segments(placed):
        if cached is None or cached[0] != part:
            cached = (part, read_part(part / f"{table}.parquet"))
        rows = cached[1]
        yield rows.filter(pc.is_in(rows["article_id"], value_set=pa.array(ids, pa.string())))


def gather(placed: list[Placed], table: str, schema: pa.Schema) -> pa.Table:
    """A part table's rows for the placed articles, in memory (for the small linking tables)."""
    chunks = [c.cast(schema) for c in _chunks(placed, table)]
    return pa.concat_tables(chunks) if chunks else schema.empty_table()


def write_table(path: Path, chunks: Iterable[pa.Table], schema: pa.Schema) -> int:
    """Stream chunks into one Parquet file (temporary, then renamed over `path`); returns the row count."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    rows = 0
    try:
        with pq.ParquetWriter(tmp, schema, compression=COMPRESSION) as writer:
            buffered: list[pa.Table] = []
            count = 0
            for chunk in chunks:
                buffered.append(chunk.cast(schema))
                count += chunk.num_rows
                if count >= ROW_GROUP_ROWS:
                    writer.write_table(pa.concat_tables(buffered), row_group_size=count)
                    rows, buffered, count = rows + count, [], 0
            if buffered or not rows:
                writer.write_table(pa.concat_tables(buffered) if buffered else schema.empty_table(),
                                   row_group_size=max(count, 1))
            rows += count
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return rows


def compact(dataset: Path, placed: list[Placed], table: str) -> int:
    """Write `<table>.parquet` from the parts; returns its row count."""
    schema = arrow_schema(CORPUS_TABLES[table])
    return write_table(dataset / f"{table}.parquet", _chunks(placed, table), schema)


def compact_tables(dataset: Path, placed: list[Placed], tables: Sequence[str], threads: int) -> dict[str, int]:
    """Write each table from the parts, several at once (Parquet reading and writing release the GIL);
    returns each table's row count."""
    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        return dict(zip(tables, pool.map(lambda table: compact(dataset, placed, table), tables)))


def write_whole(dataset: Path, table: str, data: pa.Table) -> int:
    """Write a table made in memory (articles, incidents, tolls) as `<table>.parquet`."""
    return write_table(dataset / f"{table}.parquet", [data], arrow_schema(CORPUS_TABLES[table]))


def write_manifest(dataset: Path, version: str, rows: Mapping[str, int], articles: Mapping[str, int],
                   inputs: str) -> None:
    """Write dataset.json last: the run finished and every table is whole.  `inputs` is the fingerprint of
    the articles it was built from, so that a run over the same inputs has nothing to do."""
    write_text(dataset / MANIFEST, json.dumps({"format": FORMAT, "version": version, "articles": dict(articles),
                                               "tables": dict(rows), "inputs": inputs}, indent=1,
                                              sort_keys=True) + "\n")


def finished_from(dataset: Path, version: str, inputs: str) -> dict[str, object] | None:
    """The manifest of a finished dataset built by this version from exactly these inputs, with every table
    present and whole; None when the dataset must be (re)written."""
    try:
        manifest = read_manifest_file(dataset)
    except InputError:
        return None
    if manifest.get("version") != version or manifest.get("inputs") != inputs:
        return None
    tables = manifest.get("tables")
    if not isinstance(tables, dict) or set(tables) != set(CORPUS_TABLES):
        return None
    for table, count in tables.items():
        try:
            if pq.read_metadata(dataset / f"{table}.parquet").num_rows != count:
                return None
        except (OSError, pa.ArrowException):
            return None
    return manifest


def start_writing(dataset: Path) -> None:
    """Mark the dataset incomplete while a run rewrites it."""
    (dataset / MANIFEST).unlink(missing_ok=True)


@contextlib.contextmanager
def locked(dataset: Path) -> Iterator[None]:
    """Hold the dataset's lock for a run, so two runs never write one dataset at once."""
    dataset.mkdir(parents=True, exist_ok=True)
    with open(dataset / LOCK, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise InputError(dataset, "is being written by another corpus run",
                             "Wait for that run to finish, or choose another --out folder") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# ---------------------------------------------------------------- reading

def read_manifest_file(dataset: Path) -> dict[str, object]:
    """dataset.json, or an error saying the folder is not a finished corpus dataset."""
    path = Path(dataset) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(dataset, "is not a finished corpus dataset (it has no dataset.json)",
                         "Build it with `python -m analysis corpus ARTICLES... --out DATASET`, "
                         "and let the run finish") from None
    except (OSError, ValueError) as exc:
        raise InputError(path, f"cannot be read ({exc})", "Build the dataset again") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(path, "is not the manifest of a corpus dataset", "Build the dataset again")
    return data


def load_table(dataset: Path | str, table: str) -> pd.DataFrame:
    """One table of a finished dataset as a typed dataframe."""
    dataset = Path(dataset)
    manifest = read_manifest_file(dataset)
    if table not in CORPUS_TABLES:
        raise InputError(dataset, f"has no table {table!r}", f"Choose one of {', '.join(CORPUS_TABLES)}")
    stored = pq.read_table(dataset / f"{table}.parquet")
    expected = manifest["tables"].get(table)
    if expected != stored.num_rows:
        raise InputError(dataset / f"{table}.parquet", f"holds {stored.num_rows} rows where dataset.json says "
                         f"{expected}", "Build the dataset again (a run was interrupted while writing it)")
    return from_arrow(stored, table)


def load_dataset(dataset: Path | str, tables: Iterable[str] | None = None) -> dict[str, pd.DataFrame]:
    """Every table (or the named ones) of a finished dataset, as typed dataframes."""
    return {name: load_table(dataset, name) for name in (tables or CORPUS_TABLES)}
