"""Fuzzing with hypothesis: ingest and the automatic annotator never crash and keep every offset honest.

Settings are bounded (max_examples, deadline) so the whole file runs in well under a minute.
"""
from __future__ import annotations

import codecs
import datetime as dt
import importlib.util

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis.annotations import annotation_from_dict
from analysis.errors import InputError
from analysis.ingest import _BINARY_MAGIC, Article, article_from_bytes

# Deadlines are generous: the machine is shared, and a deadline only guards against a hang.
FAST = settings(max_examples=200, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
SLOWER = settings(max_examples=80, deadline=10000, suppress_health_check=[HealthCheck.too_slow])

# The only reasons ingest may refuse bytes; any other exception or message is a bug.
REFUSALS = ("is empty", "only white space", "not text", "NUL bytes", "is not valid", "cut off", "no visible text")


def refused(data: bytes) -> InputError | None:
    """None when the bytes load; the InputError otherwise (any other exception propagates)."""
    try:
        article_from_bytes(data, "fuzz.txt")
    except InputError as exc:
        assert exc.path == "fuzz.txt" and exc.fix
        assert any(reason in exc.problem for reason in REFUSALS), exc.problem
        return exc
    return None


def assert_article_consistent(article: Article) -> None:
    """Every paragraph, sentence and repair offset lies inside its text and matches it."""
    text, raw = article.text, article.raw_text
    previous_end = 0
    for i, para in enumerate(article.paragraphs):
        assert para.index == i
        assert previous_end <= para.start < para.end <= len(text)
        body = text[para.start:para.end]
        assert body == body.strip() and "\n" not in body
        previous_end = para.end
    previous_end = 0
    for i, sent in enumerate(article.sentences):
        para = article.paragraphs[sent.paragraph]
        assert sent.index == i
        assert para.start <= sent.start < sent.end <= para.end
        assert sent.start >= previous_end and text[sent.start:sent.end].strip()
        previous_end = sent.end
    rebuilt, pos = [], 0
    for rep in sorted(article.repairs, key=lambda r: r.raw_start):
        assert raw[rep.raw_start:rep.raw_end] == rep.raw_text
        assert text[rep.start:rep.start + len(rep.replacement)] == rep.replacement
        rebuilt += [raw[pos:rep.raw_start], rep.replacement]
        pos = rep.raw_end
    assert "".join(rebuilt) + raw[pos:] == text


# --- bytes ---------------------------------------------------------------------------------------

PREFIXES = [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, *_BINARY_MAGIC]


@FAST
@given(st.binary(max_size=2000))
@example(b"\xff\xfe\x00")
@example(b"\xfe\xff\xd8\x00")  # UTF-16 BE, lone surrogate
@example(b"\x00a\x00b\x00c\x00")
def test_random_bytes_load_or_raise_input_error(data: bytes) -> None:
    if refused(data) is None:
        assert_article_consistent(article_from_bytes(data))


@FAST
@given(st.sampled_from(PREFIXES), st.binary(max_size=500))
def test_random_bytes_after_a_bom_or_magic_number(prefix: bytes, data: bytes) -> None:
    if refused(prefix + data) is None:
        assert_article_consistent(article_from_bytes(prefix + data))


# --- text ----------------------------------------------------------------------------------------

NEWS_CHARS = st.sampled_from(list(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"()[]-/%\n\r\t"
    "\u201c\u201d\u2018\u2019\u2014\u2013\u2026\u00e9\u00e8\u00fc\u00df\u00a0\u200b\u2028\u0085"
    "\u4e2d\u56fd\u9225\u6e1a\ufffd\u00e2\u20ac\u2122\u00c3"))
news_like_text = st.text(alphabet=NEWS_CHARS, max_size=300)


@FAST
@given(st.one_of(st.text(max_size=300), news_like_text))
@example("A.\u2028B. C")
@example("x\r\ny.\rZ")
def test_random_text_offsets_lie_inside_the_text(text: str) -> None:
    data = text.encode("utf-8", errors="surrogatepass")
    if refused(data) is not None:
        return
    article = article_from_bytes(data)
    assert_article_consistent(article)
    if article.encoding == "utf-8":
        assert article.raw_text == text.replace("\r\n", "\n").replace("\r", "\n")


def garble(text: str, how: str) -> str:
    """UTF-8 text as it looks after being decoded with the wrong codec and saved again."""
    data = text.encode("utf-8")
    return data.decode("gbk", errors="replace") if how == "gbk" else data.decode("sloppy-windows-1252")


@FAST
@given(st.lists(st.tuples(news_like_text, st.sampled_from(["none", "gbk", "cp1252"])), min_size=1, max_size=5))
def test_garbled_text_repair_log_matches_raw_and_repaired_text(parts: list[tuple[str, str]]) -> None:
    raw = "\n".join(text if how == "none" else garble(text, how) for text, how in parts)
    if refused(raw.encode("utf-8")) is None:
        assert_article_consistent(article_from_bytes(raw.encode("utf-8")))


def test_double_mojibake_log_rebuilds_the_text() -> None:
    """cp1252 mojibake later read as GBK: the two passes overlap and are logged as one repair."""
    assert_article_consistent(article_from_bytes(garble("\u00c3\u2013A", "gbk").encode("utf-8")))


# --- the automatic annotator --------------------------------------------------------------------

HAS_ANNOTATOR = importlib.util.find_spec("analysis.autoannotate") is not None
needs_annotator = pytest.mark.skipif(not HAS_ANNOTATOR, reason="analysis.autoannotate is not written yet")

WORDS = [
    "Israel", "Hamas", "the IDF", "Hezbollah", "Russian", "Ukrainian", "forces", "the army", "RSF", "Sudan's",
    "militants", "rebels", "police", "the UN", "Houthi", "Iran", "Gaza", "Kharkiv", "El Fasher", "Cairo",
    "killed", "wounded", "injured", "missing", "dead", "died", "struck", "shelled", "attacked", "abducted",
    "hostages", "civilians", "people", "children", "soldiers", "at least", "more than", "about", "nearly",
    "up to", "dozens", "hundreds", "scores", "several", "a", "the", "of", "in", "on", "and", "said", "told",
    "according to", "officials", "a spokesman", "Monday", "Saturday", "last week", "yesterday", "on Thursday",
    "in August", "August 10", "10 August 2024", "2023", "since October", "10 months", "ceasefire", "talks",
    "air strike", "drone", "missile", "\u201c", "\u201d", '"', ",", ".", "\u2014", "(", ")", ":", "'s",
]
TOKEN = st.one_of(st.sampled_from(WORDS), st.integers(0, 100_000).map(str),
                  st.sampled_from(["1,200", "3.5", "12-15", "40s", "one", "two", "twelve", "first"]))
news_sentence = st.lists(TOKEN, min_size=1, max_size=25).map(" ".join)
news_article = st.lists(news_sentence, min_size=1, max_size=8).map(
    lambda sents: "Headline: " + sents[0] + "\n" + " ".join(s + "." for s in sents[1:]) + "\n")
published = st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31)))


@pytest.fixture(scope="module")
def warm_annotator() -> None:
    """Load the annotator's lexicons once, so the first example does not pay for it against the deadline."""
    annotate_and_verify("Warm up\nHamas said 3 people were killed on Monday.\n", dt.date(2024, 8, 12))


def annotate_and_verify(text: str, when: dt.date | None) -> None:
    """Annotate the text; every span the annotator makes must verify against it."""
    from analysis.autoannotate import annotate_article

    try:
        article = article_from_bytes(text.encode("utf-8", errors="surrogatepass"), "fuzz.txt")
    except InputError:
        return
    annotation = annotate_article(article, when)
    annotation_from_dict(annotation.to_dict(), article.text, "fuzz.auto.json")


@needs_annotator
@SLOWER
@given(news_article, published)
@example("Headline\n\u201cWe killed 12,\u201d he said on Monday.\n", dt.date(2024, 8, 12))
@example("Headline: at least\n", None)  # found by this test: a qualifier ending a sentence (IndexError)
def test_annotator_on_news_like_sentences(warm_annotator: None, text: str, when: dt.date | None) -> None:
    annotate_and_verify(text, when)


@needs_annotator
@SLOWER
@given(st.one_of(st.text(max_size=200), news_like_text), published)
@example("declared", None)  # found by this test: a one-word article with a speech verb (IndexError)
def test_annotator_on_random_text(warm_annotator: None, text: str, when: dt.date | None) -> None:
    annotate_and_verify(text, when)
