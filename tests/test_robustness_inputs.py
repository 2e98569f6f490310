"""Bad and hostile article files: each gives a correct article or one clear InputError, never a hang.

Every error must name the file and say what to do; the CLI turns it into one line
`error: ...` with exit status 2 and leaves an earlier output folder untouched.
"""
from __future__ import annotations

import codecs
import errno
import os
import struct
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)
import pytest
from conftest import mini_annotation_dict, span

import analysis.cli.tables as cli_tables
import analysis.ingest as ingest
from analysis.annotations import annotation_from_dict
from analysis.cli import main
from analysis.errors import InputError
from analysis.frames import build_frames
from analysis.ingest import Article, article_from_bytes, load_article
from analysis.paths import gold_path_for

ROOT = Path(__file__).resolve().parents[1]
BODY = ("Shelling hits Kharkiv\n"
        "Russian forces shelled Kharkiv on Sunday. At least 3 people were killed, officials said.\n"
        "\u201cWe will rebuild,\u201d the mayor said \u2014 again.\n")


def tiny_png() -> bytes:
    """A real 1x1 grey PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b""))


TINY_PDF = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")


def write(tmp_path: Path, data: bytes, name: str = "article.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def load_error(path: Path | str) -> InputError:
    """The InputError loading `path` raises; it must name the file and give a fix."""
    with pytest.raises(InputError) as info:
        load_article(path)
    err = info.value
    assert str(path) in str(err), "the message must name the file"
    assert err.fix and err.problem, "the message must say what is wrong and what to do"
    return err


def sentence_texts(article: Article) -> list[str]:
    return [article.text[s.start:s.end] for s in article.sentences]


def assert_offsets_consistent(article: Article) -> None:
    """Paragraphs and sentences lie inside the text, in order, sentences inside their paragraph."""
    n = len(article.text)
    for para in article.paragraphs:
        assert 0 <= para.start < para.end <= n
        assert "\n" not in article.text[para.start:para.end]
    for sent in article.sentences:
        para = article.paragraphs[sent.paragraph]
        assert para.start <= sent.start < sent.end <= para.end
    starts = [s.start for s in article.sentences]
    assert starts == sorted(starts)


# --- bytes that are not an article -----------------------------------------------------------

@pytest.mark.parametrize(("data", "problem", "fix"), [
    (b"", "is empty", "saved completely"),
    (b" \n\t\r\n   \n", "white space", "saved completely"),
    (TINY_PDF, "is a PDF document, not text", "plain UTF-8 text"),
    (tiny_png(), "is a PNG image, not text", "plain UTF-8 text"),
    (b"GIF89a\x01\x00\x01\x00", "GIF image", "plain UTF-8 text"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive", "plain UTF-8 text"),
    (b"Header\x00\x00\x10\xff\x00binary", "NUL bytes", "plain UTF-8 text"),
], ids=["empty", "whitespace", "pdf", "png", "gif", "docx", "nul"])
def test_not_an_article(tmp_path: Path, data: bytes, problem: str, fix: str) -> None:
    err = load_error(write(tmp_path, data))
    assert problem in err.problem
    assert fix in err.fix


def test_mixed_utf8_and_cp1252_names_the_first_bad_byte(tmp_path: Path) -> None:
    good = "Title\nThe caf\u00e9 in Kyiv \u2014 hit twice.\n".encode("utf-8")
    data = good + "Na\u00efve reports said 3 died.\n".encode("cp1252")
    err = load_error(write(tmp_path, data))
    bad = data.index(b"\xef")
    assert f"byte {bad}" in err.problem and "line 3" in err.problem and "\\xef" in err.problem
    assert "iconv" in err.fix and "mix encodings" in err.fix


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_give_the_same_article_as_utf8(tmp_path: Path, codec: str) -> None:
    reference = article_from_bytes(BODY.encode("utf-8"))
    article = load_article(write(tmp_path, BODY.encode(codec)))
    assert article.text == reference.text
    assert article.sentences == reference.sentences and article.paragraphs == reference.paragraphs


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_bomless_utf16_with_a_windows_line_ending_and_odd_length(tmp_path: Path, codec: str) -> None:
    data = BODY.replace("\n", "\r\n").encode(codec)
    assert load_article(write(tmp_path, data)).text == BODY
    err = load_error(write(tmp_path, codecs.BOM_UTF16_LE + "Cut off".encode("utf-16-le")[:-1], "cut.txt"))
    assert "cut off in the middle of a character" in err.problem


@pytest.mark.parametrize("ending", ["\r\n", "\r"], ids=["windows", "old-mac"])
def test_other_line_endings_keep_offsets_right(tmp_path: Path, ending: str) -> None:
    reference = article_from_bytes(BODY.encode("utf-8"))
    article = load_article(write(tmp_path, BODY.replace("\n", ending).encode("utf-8")))
    assert article.text == reference.text and "\r" not in article.text
    assert article.sentences == reference.sentences
    assert sentence_texts(article) == sentence_texts(reference)
    assert article.text[article.sentences[1].start:article.sentences[1].end] == \
        "Russian forces shelled Kharkiv on Sunday."


# --- paths that are not a readable regular file ----------------------------------------------

def test_directory(tmp_path: Path) -> None:
    assert "is a directory" in load_error(tmp_path).problem


def test_missing_path(tmp_path: Path) -> None:
    err = load_error(tmp_path / "no-such-article.txt")
    assert "does not exist" in err.problem and "spelling" in err.fix


def test_file_inside_a_file(tmp_path: Path) -> None:
    err = load_error(write(tmp_path, b"x") / "article.txt")
    assert "cannot be opened" in err.problem


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run as root, which ignores file modes, so the refusal is simulated at os.open."""
    path = write(tmp_path, BODY.encode("utf-8"))
    real_open = os.open

    def refuse(target, *args, **kwargs):
        if Path(target) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        return real_open(target, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    err = load_error(path)
    assert "permission denied" in err.problem and "chmod u+r" in err.fix


def test_symlink_loop(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.symlink_to(second)
    second.symlink_to(first)
    err = load_error(first)
    assert "loops back on itself" in err.problem


def test_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "article.txt"
    link.symlink_to(tmp_path / "moved-away.txt")
    err = load_error(link)
    assert "symbolic link" in err.problem and "moved-away.txt" in err.problem and "does not exist" in err.problem


def test_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    outcome: list[BaseException | None] = []

    def attempt() -> None:
        try:
            load_article(fifo)
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread
            outcome.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=10)
    if worker.is_alive():
        with open(fifo, "wb"):  # unblock the reader so the thread can end
            pass
        pytest.fail("loading a FIFO blocked for 10 s")
    (exc,) = outcome
    assert isinstance(exc, InputError) and "named pipe" in exc.problem and str(fifo) in str(exc)


def test_character_device_is_refused() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    err = load_error("/dev/zero")
    assert "character device" in err.problem


def test_path_with_a_nul_character() -> None:
    with pytest.raises(InputError) as info:
        load_article("article\x00.txt")
    assert "NUL character" in info.value.problem


def test_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_BYTES", 100)
    err = load_error(write(tmp_path, b"Title\n" + b"Words here. " * 20))
    assert "100-byte limit" in err.problem and "Split" in err.fix


# --- big inputs: linear time --------------------------------------------------------------------

def gbk_mojibake(text: str) -> str:
    return text.encode("utf-8").decode("gbk", errors="replace")


def cp1252_mojibake(text: str) -> str:
    return text.encode("utf-8").decode("sloppy-windows-1252")


def test_one_megabyte_line(tmp_path: Path) -> None:
    line = "The army said 12 people died in Kharkiv. " * 25_000
    start = time.perf_counter()
    article = load_article(write(tmp_path, ("Title\n" + line + "\n").encode("utf-8")))
    assert time.perf_counter() - start < 30
    assert len(article.paragraphs) == 2 and len(article.sentences) == 25_001
    assert_offsets_consistent(article)


def test_long_lines_of_mixed_mojibake_are_repaired_in_bounded_time(tmp_path: Path) -> None:
    """Diffing a long garbled line and merging two repair passes were once quadratic (minutes)."""
    sentence = "Iran\u2019s envoy said \u201cnothing\u201d \u2014 again. "
    text = "Title\n" + cp1252_mojibake(sentence * 4000) + "\n" + gbk_mojibake(sentence * 4000) + "\n"
    start = time.perf_counter()
    article = load_article(write(tmp_path, text.encode("utf-8")))
    assert time.perf_counter() - start < 30
    assert article.text == "Title\n" + sentence * 4000 + "\n" + sentence * 4000 + "\n"
    for rep in article.repairs:
        assert article.raw_text[rep.raw_start:rep.raw_end] == rep.raw_text
        assert article.text[rep.start:rep.start + len(rep.replacement)] == rep.replacement


@pytest.mark.parametrize("line", [
    "A" + "!" * 200_000 + " end",
    "x " + "A. " * 100_000 + "Done.",
    "w" * 300_000 + "- b. C",
], ids=["punctuation-run", "initials", "long-word"])
def test_pathological_lines_split_in_bounded_time(line: str) -> None:
    start = time.perf_counter()
    article = article_from_bytes(("Title\n" + line + "\n").encode("utf-8"))
    assert time.perf_counter() - start < 10
    assert_offsets_consistent(article)


MEASURE = """
import resource, sys, time
from analysis.ingest import load_article
start = time.perf_counter()
article = load_article(sys.argv[1])
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
      len(article.sentences), len(article.repairs))
"""


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["clean", "mojibake"])
def test_fifty_megabyte_article(tmp_path: Path, kind: str) -> None:
    """A 50 MB article loads in well under two minutes; time and peak memory are printed (-s)."""
    seed = (ROOT / "seeds" / "000_d9e28a5d5fb01913.txt").read_bytes()
    unit = seed if kind == "mojibake" else load_article(ROOT / "seeds" / "000_d9e28a5d5fb01913.txt").text.encode()
    size = 50 * 2**20
    data = (unit * (size // len(unit) + 1))[:size]
    path = write(tmp_path, data[:data.rindex(b"\n") + 1])
    result = subprocess.run([sys.executable, "-c", MEASURE, str(path)], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    seconds, peak_mb, n_sentences, n_repairs = (float(x) for x in result.stdout.split())
    print(f"\n50 MB {kind}: {seconds:.1f} s, peak RSS {peak_mb:.0f} MB, "
          f"{n_sentences:.0f} sentences, {n_repairs:.0f} repairs")
    assert seconds < 120 and peak_mb < 2048
    assert n_sentences > 100_000 and (n_repairs > 0) == (kind == "mojibake")


# --- hostile text: kept verbatim -----------------------------------------------------------------

HOSTILE_LINES = [
    "<script>alert('x')</script> <b>bold</b> <img src=x onerror=alert(1)> &amp; &lt;tag&gt;",
    "# Heading **bold** _under_ [link](http://example.com) `code` | a | b |",
    "$\\frac{1}{2}$ \\begin{itemize}\\item x\\end{itemize} {{ jinja }} ${var} %s %(name)s",
    "W" + "o" * 9_998 + "d",
    "Zero\u200bwidth, RTL \u202eevil\u202c, combining e\u0301, emoji \U0001f4a3, NBSP\u00a0here.",
]


def hostile_article() -> tuple[str, Article]:
    text = "Hostile <title> & more\n" + "\n".join(HOSTILE_LINES) + "\n"
    return text, article_from_bytes(text.encode("utf-8"), "hostile.txt")


def test_hostile_text_is_kept_verbatim() -> None:
    text, article = hostile_article()
    assert article.text == text and article.repairs == []
    assert article.title == "Hostile <title> & more"
    paragraphs = [article.text[p.start:p.end] for p in article.paragraphs]
    assert paragraphs[1:] == [line.strip() for line in HOSTILE_LINES]
    assert_offsets_consistent(article)


def test_hostile_spans_verify_and_reach_the_frames_verbatim() -> None:
    text, article = hostile_article()
    data = mini_annotation_dict()
    data["article"].update(file="hostile.txt", title=article.title)
    for layer in ("mentions", "casualties", "dates", "events", "quotes"):
        data[layer] = []
    data["mentions"] = [
        {"id": f"m{i}", "actor": "hamas", **span(text, needle)}
        for i, needle in enumerate(["<script>alert('x')</script>", "**bold**", "$\\frac{1}{2}$",
                                    HOSTILE_LINES[3], "RTL \u202eevil\u202c"])
    ]
    data["quotes"] = [{"id": "q1", "kind": "direct", "speaker": "hamas", **span(text, "<b>bold</b>"),
                       "cue": span(text, "onerror=alert(1)")}]
    annotation = annotation_from_dict(data, article.text, "hostile.gold.json")
    frames = build_frames(article, annotation)
    assert list(frames["mentions"]["text"]) == [m["text"] for m in data["mentions"]]
    assert list(frames["quotes"]["text"]) == ["<b>bold</b>"]
    assert list(frames["quotes"]["cue"]) == ["onerror=alert(1)"]
    sentences = frames["sentences"]
    for _, row in sentences.iterrows():
        assert article.text[row["start"]:row["end"]] == row["text"]
    assert any(row == HOSTILE_LINES[3] for row in sentences["text"])


# --- the command line ----------------------------------------------------------------------------

def bad_article(tmp_path: Path, kind: str) -> Path:
    """A path of the given bad kind, in a new folder inside tmp_path."""
    path = tmp_path / f"bad-{kind}" / "article.txt"
    path.parent.mkdir()
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "png":
        path.write_bytes(tiny_png())
    elif kind == "mixed-encoding":
        path.write_bytes("Title\nCaf\u00e9\n".encode("utf-8") + "Caf\u00e9\n".encode("cp1252"))
    elif kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "dangling-link":
        path.symlink_to(tmp_path / "gone.txt")
    return path  # "missing": nothing is created


BAD_KINDS = ["empty", "png", "mixed-encoding", "directory", "missing", "fifo", "dangling-link"]


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_cli_bad_article_is_one_line_and_exit_2(tmp_path: Path, kind: str, capsys) -> None:
    path = bad_article(tmp_path, kind)
    assert main(["tables", str(path), "--out", str(tmp_path / "out")]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {path}: ")
    assert "Traceback" not in captured.err and captured.out == ""
    assert not (tmp_path / "out").exists()


def test_cli_in_a_real_process_prints_no_traceback(tmp_path: Path) -> None:
    path = bad_article(tmp_path, "png")
    result = subprocess.run([sys.executable, "-m", "analysis", "tables", str(path), "--out", str(tmp_path / "o")],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"error: {path}: is a PNG image, not text. "
                                          f"{ingest._TEXT_FIX}"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_failing_run_leaves_earlier_tables_intact(mini_files: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "tables"
    assert main(["tables", str(mini_files), "--out", str(out)]) == 0
    before = snapshot(out)
    for kind in ("empty", "fifo"):
        assert main(["tables", str(bad_article(tmp_path, kind)), "--out", str(out)]) == 2
    gold = gold_path_for(mini_files)
    gold.write_text(gold.read_text(encoding="utf-8").replace('"killed"', '"slain"'), encoding="utf-8")
    assert main(["tables", str(mini_files), "--out", str(out)]) == 2
    assert "'slain' is not one of" in capsys.readouterr().err
    assert snapshot(out) == before


def test_write_failing_midway_leaves_each_csv_whole(mini_files: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A disk that fills up after two tables: nothing is moved into place, so every earlier CSV stays whole."""
    import analysis.tables as tables

    out = tmp_path / "tables"
    assert main(["tables", str(mini_files), "--published", "2024-01-01", "--out", str(out)]) == 0
    before = snapshot(out)
    written: list[str] = []
    real_write = tables.write_text

    def fill_disk(path, text):
        if len(written) == 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real_write(path, text)
        written.append(Path(path).name)

    monkeypatch.setattr(tables, "write_text", fill_disk)
    args = type("Args", (), {"article": str(mini_files), "annotations": "gold", "published": None, "out": str(out)})
    with pytest.raises(OSError):
        cli_tables.command_tables(args())
    assert snapshot(out) == before, "no CSV changed and no temporary file was left behind"


def test_cli_out_that_is_a_file_is_a_clear_error(mini_files: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "not-a-folder"
    target.write_text("keep me", encoding="utf-8")
    assert main(["tables", str(mini_files), "--out", str(target)]) == 2
    assert target.read_text(encoding="utf-8") == "keep me"
    err = capsys.readouterr().err
    assert err.startswith("error: ") and str(target) in err and "Traceback" not in err
