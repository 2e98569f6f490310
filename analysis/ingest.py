"""Read an article file (bytes) into repaired text, paragraphs, sentences and a repair log."""
from __future__ import annotations

import codecs
import errno
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .repair import Repair, repair_text
from .segment import Paragraph, Sentence, paragraphs, sentences

MAX_BYTES = 64 * 1024 * 1024
_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (perhaps a .docx file)",
    b"\x7fELF": "an executable",
    b"\x1f\x8b": "a gzip archive",
}
_TEXT_FIX = "Save the article as plain UTF-8 text (one paragraph a line) and try again"


@dataclass
class Article:
    """An article as the rest of the suite sees it: repaired text with offsets."""

    path: str
    sha256: str
    encoding: str
    raw_text: str
    text: str
    title: str
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    repairs: list[Repair]
    notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The article's file name without its extension."""
        return Path(self.path).stem

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that holds character `offset`, if any."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            sent = self.sentences[mid]
            if offset < sent.start:
                hi = mid - 1
            elif offset >= sent.end:
                lo = mid + 1
            else:
                return sent
        return None


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, for messages."""
    for test, what in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return what
    return "not a regular file"


def _directory_error(path: Path) -> InputError:
    """The InputError for a directory given where an article file was expected."""
    return InputError(path, "is a directory, not an article file",
                      "Pass one .txt file (to process a folder, list its files)")


def _check_regular(path: Path, mode: int) -> None:
    """Refuse anything but a regular file: a FIFO or device could block or never end."""
    if stat.S_ISDIR(mode):
        raise _directory_error(path)
    if not stat.S_ISREG(mode):
        raise InputError(path, f"is {_kind(mode)}, not a regular file",
                         "Save the article to a regular .txt file and pass that")


def _open_error(path: Path, exc: OSError) -> InputError:
    """The InputError for a file that cannot be opened, saying why and what to do."""
    if isinstance(exc, FileNotFoundError):
        if path.is_symlink():
            return InputError(path, f"is a symbolic link to {os.readlink(path)}, which does not exist",
                              "Point the link at an existing article or pass the article's real path")
        return InputError(path, "does not exist", "Check the path and its spelling")
    if isinstance(exc, PermissionError):
        return InputError(path, "cannot be read (permission denied)",
                          "Give yourself read permission (chmod u+r) or copy the file")
    if isinstance(exc, IsADirectoryError):
        return _directory_error(path)
    if exc.errno == errno.ELOOP:
        return InputError(path, "is a symbolic link that loops back on itself",
                          "Replace the link with the article file or a link to it")
    return InputError(path, f"cannot be opened ({exc.strerror or exc})",
                      "Check that the path is a regular file and not a broken or looping link")


def read_bytes(path: Path | str) -> bytes:
    """Read a regular file's bytes, turning every file-system failure into an InputError.

    The file is opened without blocking and checked before reading, so a FIFO or a
    device is refused at once instead of hanging, and at most MAX_BYTES + 1 bytes are read.
    """
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _open_error(path, exc) from None
    except ValueError:
        raise InputError(path, "is not a usable path (it holds a NUL character)",
                         "Check how the path was typed or generated") from None
    try:
        info = os.fstat(fd)
        _check_regular(path, info.st_mode)
        if info.st_size > MAX_BYTES:
            raise InputError(path, f"is {info.st_size:,} bytes, more than the {MAX_BYTES:,}-byte limit",
                             "Split the file into one article per file")
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise InputError(path, f"could not be read ({exc.strerror or exc})",
                             "Copy the file to a local disk and try again") from None
    if len(data) > MAX_BYTES:
        raise InputError(path, f"is more than the {MAX_BYTES:,}-byte limit",
                         "Split the file into one article per file")
    return data


def decode(data: bytes, path: Path | str) -> tuple[str, str]:
    """Decode article bytes as UTF-8 (or UTF-16 with a BOM); returns (text, encoding)."""
    if not data.strip():
        raise InputError(path, "is empty" if not data else "holds only white space",
                         "Check that the article was saved completely")
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(path, f"is {what}, not text", _TEXT_FIX)
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
                       (codecs.BOM_UTF8, "utf-8-sig")):
        if data.startswith(bom):
            return _decode_as(data, codec, path), codec
    codec = _guess_bomless_utf16(data)
    if codec:
        return _decode_as(data, codec, path), codec
    if b"\x00" in data:
        first_nul = data.index(b"\x00")
        raise InputError(path, f"holds NUL bytes (first at byte {first_nul}): it looks binary",
                         _TEXT_FIX + " (a UTF-16 file needs its byte-order mark)")
    return _decode_as(data, "utf-8", path), "utf-8"


def _guess_bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: most ASCII characters then have a NUL byte beside them."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _decode_as(data: bytes, codec: str, path: Path | str) -> str:
    """Strict decode; an error names the byte offset and line of the first bad byte."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        if exc.reason == "truncated data":
            raise InputError(path, f"is {codec} cut off in the middle of a character at byte {exc.start}",
                             "Save the article again completely, as UTF-8") from None
        raise InputError(
            path,
            f"is not valid {codec}: byte {exc.start} (line {line}) is {data[exc.start:exc.start + 1]!r}",
            "Re-save it as UTF-8 (for a cp1252 file: iconv -f cp1252 -t utf-8 IN > OUT); "
            "one file must not mix encodings",
        ) from None


def normalise_newlines(text: str) -> tuple[str, list[str]]:
    """Turn Windows and old Mac line endings into '\\n', saying what was changed."""
    notes = []
    if "\r" in text:
        count = text.count("\r")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        notes.append(f"normalised {count} carriage return(s) to Unix line endings")
    return text, notes


def article_from_bytes(data: bytes, path: Path | str = "<bytes>") -> Article:
    """Build an Article from raw bytes; `path` is used in messages and metadata."""
    decoded, encoding = decode(data, path)
    raw, notes = normalise_newlines(decoded)
    text, repairs = repair_text(raw)
    paras = paragraphs(text)
    if not paras:
        raise InputError(path, "holds no visible text", "Check that the article was saved completely")
    title = text[paras[0].start:paras[0].end]
    if repairs:
        notes.append(f"repaired {len(repairs)} mojibake sequence(s)")
    return Article(
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        raw_text=raw,
        text=text,
        title=title,
        paragraphs=paras,
        sentences=sentences(text, paras),
        repairs=repairs,
        notes=notes,
    )


def load_article(path: Path | str) -> Article:
    """Read and repair an article file; raises InputError with the file, problem and fix."""
    path = Path(os.fspath(path))
    return article_from_bytes(read_bytes(path), path)
