"""Reading article files: every kind of bad input gets a clear InputError; encodings and line endings."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from analysis.errors import InputError
from analysis.ingest import article_from_bytes, load_article

BODY = "A title\nFirst sentence here. Second \u2014 with a dash.\n"


def write(tmp_path: Path, data: bytes, name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def load_error(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        load_article(path)
    assert str(path) in str(info.value), "the message must name the file"
    return info.value


def test_empty_file(tmp_path: Path) -> None:
    assert "is empty" in str(load_error(write(tmp_path, b"")))


def test_whitespace_only_file(tmp_path: Path) -> None:
    assert "white space" in str(load_error(write(tmp_path, b"  \n\t \r\n")))


def test_pdf_file(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "article.pdf"))
    assert "PDF" in err.problem and "UTF-8" in err.fix


def test_nul_bytes(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, b"Some text\x00\x01\x02 and more binary"))
    assert "NUL" in err.problem and "byte 9" in err.problem


def test_invalid_utf8_names_byte_and_line(tmp_path: Path) -> None:
    data = "Title\nGood line.\nCaf\u00e9 in cp1252.\n".encode("cp1252")
    err = load_error(write(tmp_path, data))
    offset = data.index(b"\xe9")
    assert f"byte {offset}" in err.problem and "line 3" in err.problem and "\\xe9" in err.problem
    assert "iconv" in err.fix


def test_directory(tmp_path: Path) -> None:
    assert "directory" in load_error(tmp_path).problem


def test_missing_path(tmp_path: Path) -> None:
    err = load_error(tmp_path / "nope.txt")
    assert "does not exist" in err.problem


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(tmp_path: Path, codec: str) -> None:
    data = BODY.encode(codec)
    assert data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) == (codec == "utf-16")
    article = load_article(write(tmp_path, data))
    assert article.text == BODY
    assert article.encoding.startswith("utf-16")


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, codecs.BOM_UTF8 + BODY.encode("utf-8")))
    assert article.text == BODY


def test_crlf_line_endings_become_newlines(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, BODY.replace("\n", "\r\n").encode("utf-8")))
    assert "\r" not in article.text and article.text == BODY
    assert any("carriage return" in note for note in article.notes)
    assert [article.text[s.start:s.end] for s in article.sentences] == [
        "A title", "First sentence here.", "Second \u2014 with a dash."]


def test_title_and_metadata(tmp_path: Path) -> None:
    path = write(tmp_path, BODY.encode("utf-8"))
    article = load_article(path)
    assert article.title == "A title"
    assert article.name == "article"
    assert len(article.sha256) == 64
    assert article.repairs == []


def test_sentence_at_finds_the_holding_sentence() -> None:
    article = article_from_bytes(BODY.encode("utf-8"))
    offset = article.text.index("dash")
    assert article.sentence_at(offset).index == 2
    assert article.sentence_at(article.text.index("\n")) is None
