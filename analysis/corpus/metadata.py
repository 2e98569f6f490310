"""What identifies an article in a corpus: its content hash, its rerun key, its outlet, and the metadata file
a user may give (`--metadata FILE.csv`, or a `metadata.csv` in a folder of articles)."""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..params import iso_date
from .fields import PART_TABLES

ID_LENGTH = 16

# Where outlets name themselves in the opening lines: "(Savanna Wire) —", "By X, Outlet —",
# "Outlet | Published ...", "ANALYSIS | Outlet |", "Outlet live blog —".
_OUTLET_PATTERNS = (
    re.compile(r"\(([A-Z][\w.&' ]{2,40})\)\s*[\u2014\u2013-]"),
    re.compile(r"(?m)^By [^,\n]+, ([A-Z][\w.&' ]{2,40}?)\s*[\u2014\u2013]"),
    re.compile(r"(?m)^([A-Z][\w.&' ]{2,40}?)\s*\|\s*(?:Published|Updated|Posted)\b"),
    re.compile(r"(?m)^[A-Z]+\s*\|\s*([A-Z][\w.&' ]{2,40}?)\s*\|"),
    re.compile(r"(?m)^([A-Z][\w.&' ]{2,40}?) live(?: blog)?\s*[\u2014\u2013]"),
)
HEAD_LINES = 3


def article_id(data: bytes) -> str:
    """The article's content hash: the first 16 hex digits of the SHA-256 of its bytes."""
    return hashlib.sha256(data).hexdigest()[:ID_LENGTH]


def _layout() -> bytes:
    """The declared columns of every part table: parts written under other declarations are not reused."""
    return json.dumps({name: [[c.name, c.dtype] for c in columns] for name, columns in PART_TABLES.items()},
                      sort_keys=True).encode()


_LAYOUT = _layout()


def input_key(version: str, file: str, data: bytes, gold: bytes | None, listed: Listed) -> str:
    """What a rerun compares: the suite's version, the tables' columns, the file name, the article bytes,
    the gold bytes and the article's row of the metadata file."""
    digest = hashlib.sha256()
    for part in (version.encode(), _LAYOUT, file.encode("utf-8", "surrogateescape"), data,
                 gold if gold is not None else b"", listed.key()):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    digest.update(b"gold" if gold is not None else b"auto")
    return digest.hexdigest()


def outlet_from_text(text: str) -> str | None:
    """The outlet a byline or dateline in the opening lines names, if any."""
    head = "\n".join(text.splitlines()[:HEAD_LINES])
    for pattern in _OUTLET_PATTERNS:
        found = pattern.search(head)
        if found:
            return found.group(1).strip()
    return None


@dataclass(frozen=True)
class ArticleKeys:
    """The columns every row of an article's tables carries."""

    article_id: str
    file: str
    title: str | None
    outlet: str | None
    published: dt.date | None

    def row(self) -> dict[str, object]:
        """The keys as a row fragment, in declared order."""
        return {"article_id": self.article_id, "file": self.file, "title": self.title, "outlet": self.outlet,
                "published": self.published}


# ---------------------------------------------------------------- the metadata file

METADATA_NAME = "metadata.csv"
METADATA_COLUMNS = ("file", "published", "outlet", "url", "title")


@dataclass(frozen=True)
class Listed:
    """What the metadata file says of one article (each value None when its cell is empty)."""

    published: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None

    def key(self) -> bytes:
        """The row as canonical bytes, for the rerun key: a changed value means the article is processed again."""
        values = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in dataclasses.asdict(self).items()}
        return json.dumps(values, sort_keys=True).encode()


@dataclass(frozen=True)
class MetadataFile:
    """A metadata file to read: the one `--metadata` names (its bare file names match articles anywhere among
    the arguments), or a `metadata.csv` found in a folder argument (its names are that folder's files)."""

    path: Path
    found_in_folder: bool = False


@dataclass(frozen=True)
class MetadataRow:
    """One row of a metadata file, matched to the article it describes."""

    where: str
    article: Path
    listed: Listed


def _where(path: Path, line: int) -> str:
    return f"{path}, line {line}"


def _text(path: Path) -> str:
    """The file's text (UTF-8, with or without the byte-order mark spreadsheets write)."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, "does not exist", "Give the path of the CSV file that lists the articles") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror})", "Check the file's permissions") from None
    except UnicodeDecodeError:
        raise InputError(path, "is not UTF-8 text", "Save the spreadsheet as CSV UTF-8") from None


def _records(path: Path) -> Iterable[tuple[int, list[str]]]:
    """(line where the record starts, its cells) for every record that is not blank."""
    reader = csv.reader(io.StringIO(_text(path), newline=""))
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield start, cells
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(_where(path, start), f"is not valid CSV ({exc})",
                         "Close the quotes of that cell, or save the sheet as CSV again") from None


def _header(path: Path, records: Iterable[tuple[int, list[str]]]) -> list[str]:
    """The column names of the first record (lower case), which must hold `file`."""
    first = next(iter(records), None)
    if first is None:
        raise InputError(path, "is empty", f"Write a header row naming the columns ({', '.join(METADATA_COLUMNS)})"
                                           f", then one row per article")
    names = [cell.strip().lower() for cell in first[1]]
    if "file" not in names:
        raise InputError(_where(path, first[0]), f"has no 'file' column (its columns: {', '.join(names)})",
                         f"The first row must name the columns, one of them 'file' (the others may be "
                         f"{', '.join(METADATA_COLUMNS[1:])})")
    return names


def _published(value: str | None, where: str) -> dt.date | None:
    """A cell of the `published` column as a date: YYYY-MM-DD, or empty."""
    if value is None:
        return None
    try:
        return iso_date(value)
    except ValueError:
        pass
    raise InputError(where, f"published {value!r} is not a date written YYYY-MM-DD",
                     "Write it like 2024-08-12, or leave the cell empty")


def _listed(cells: dict[str, str | None], where: str) -> Listed:
    return Listed(published=_published(cells.get("published"), where), outlet=cells.get("outlet"),
                  url=cells.get("url"), title=cells.get("title"))


class _Articles:
    """The article files found, looked up by normalised path and by file name."""

    def __init__(self, articles: Sequence[Path]) -> None:
        self.by_path = {os.path.normpath(p.absolute()): p for p in articles}
        self.by_name: dict[str, list[Path]] = {}
        for path in articles:
            self.by_name.setdefault(path.name, []).append(path)

    def match(self, source: MetadataFile, name: str, where: str) -> Path:
        """The article a `file` cell names: its path relative to the CSV's folder, else (for `--metadata`) the
        one article of that file name among the arguments."""
        wanted = os.path.normpath(source.path.absolute().parent / name)
        if wanted in self.by_path:
            return self.by_path[wanted]
        named = self.by_name.get(name, []) if not source.found_in_folder and "/" not in name else []
        if len(named) == 1:
            return named[0]
        if len(named) > 1:
            raise InputError(where, f"file {name!r} names {len(named)} articles ({', '.join(map(str, named))})",
                             "Write the article's path relative to the CSV file's folder instead")
        raise InputError(where, f"file {name!r} names no article found (looked for {wanted})",
                         "Correct the name (a file name, or a path relative to the CSV file's folder), add the "
                         "article's folder to the arguments, or delete the row")


@dataclass(frozen=True)
class MetadataRead:
    """What was read from one metadata file, for the command's summary."""

    source: MetadataFile
    rows: int
    ignored: tuple[str, ...]


def _rows(source: MetadataFile, articles: _Articles) -> tuple[list[MetadataRow], tuple[str, ...]]:
    """Every row of one metadata file, matched to its article, and the columns it holds that are not read."""
    records = iter(_records(source.path))
    names = _header(source.path, records)
    found = []
    for line, cells in records:
        where = _where(source.path, line)
        if len(cells) > len(names):
            raise InputError(where, f"has {len(cells)} cells where the header names {len(names)} columns",
                             "Quote cells that hold commas, or add the missing column names to the header")
        values = {name: cell.strip() or None for name, cell in zip(names, cells) if name in METADATA_COLUMNS}
        if not values.get("file"):
            raise InputError(where, "has no file name", "Fill in its 'file' cell, or delete the row")
        found.append(MetadataRow(where, articles.match(source, str(values["file"]), where), _listed(values, where)))
    return found, tuple(name for name in names if name not in METADATA_COLUMNS)


def read_metadata(sources: Sequence[MetadataFile], articles: Sequence[Path]) \
        -> tuple[dict[Path, Listed], list[MetadataRead]]:
    """Article path -> what the metadata files say of it, and what each file gave.  An error names the file
    and line of a row that names no article found, names one a second time, or holds a bad date."""
    index = _Articles(articles)
    listed: dict[Path, Listed] = {}
    first: dict[Path, str] = {}
    read = []
    for source in sources:
        rows, ignored = _rows(source, index)
        for row in rows:
            if row.article in first:
                raise InputError(row.where, f"describes {row.article} again (first on {first[row.article]})",
                                 "Keep one row per article")
            first[row.article], listed[row.article] = row.where, row.listed
        read.append(MetadataRead(source, len(rows), ignored))
    return listed, read
