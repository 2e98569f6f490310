"""What identifies an article in a corpus: its content hash, its rerun key, and its outlet."""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

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


def input_key(version: str, file: str, data: bytes, gold: bytes | None) -> str:
    """What a rerun compares: the suite's version, the file name, the article bytes and the gold bytes."""
    digest = hashlib.sha256()
    for part in (version.encode(), file.encode("utf-8", "surrogateescape"), data, gold if gold is not None else b""):
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
