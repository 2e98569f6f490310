"""Long and edge articles: no length limit, time that grows with the text, tokens that do not depend on where the
text is cut, and articles that end on an actor's name."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analysis.autoannotate.context as context
from analysis.annotations import annotation_from_dict
from analysis.autoannotate import annotate_article
from analysis.autoannotate.context import build_context
from analysis.autoannotate.gazetteer import KINDS, load_gazetteer, phrase_matcher
from analysis.autoannotate.pieces import pieces
from analysis.ingest import Article, article_from_bytes, load_article
from analysis.paths import SEEDS_DIR

SEEDS = sorted(SEEDS_DIR.glob("*.txt"))


def _body() -> str:
    return "\n\n".join(p.read_text(encoding="utf-8") for p in SEEDS)


def _long_article(chars: int, name: str = "long.txt") -> Article:
    """The seed articles repeated to about `chars` characters, cut at a line end."""
    body = _body()
    text = ("Long article\n\n" + (body + "\n\n") * (chars // len(body) + 1))[:chars]
    return article_from_bytes(text[:text.rfind("\n") + 1].encode("utf-8"), name)


def _annotate_and_verify(article: Article) -> dict:
    """Annotate; every span must match the article's text at its offsets."""
    ann = annotate_article(article, "2024-08-12")
    data = ann.to_dict()
    annotation_from_dict(data, article.text, f"{article.name}.auto.json")
    return data


def _sentences(article: Article) -> tuple[list[tuple[int, int]], list[int]]:
    return [(s.start, s.end) for s in article.sentences], [s.paragraph for s in article.sentences]


@pytest.mark.parametrize("size", [37, 300, 5000])
def test_pieces_cover_the_text_and_cut_only_where_a_word_follows_white_space(size: int) -> None:
    article = _long_article(20_000)
    spans = pieces(article.text, *_sentences(article), size=size)
    assert spans[0][0] == 0 and spans[-1][1] == len(article.text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    for _, cut in spans[:-1]:
        assert article.text[cut - 1].isspace() and not article.text[cut].isspace()
    assert all(b - a <= size for a, b in spans[:-1])


def test_pieces_prefer_paragraph_starts() -> None:
    article = _long_article(20_000)
    starts = {p.start for p in article.paragraphs}
    cuts = [b for _, b in pieces(article.text, *_sentences(article), size=5000)[:-1]]
    assert cuts and all(c in starts for c in cuts)


def test_a_word_longer_than_a_piece_stays_whole() -> None:
    text = "Headline\n" + "x" * 500 + " Israel said.\n"
    article = article_from_bytes(text.encode(), "word.txt")
    spans = pieces(article.text, *_sentences(article), size=100)
    assert "x" * 500 in [article.text[a:b].strip() for a, b in spans][1]


@pytest.mark.parametrize("path", SEEDS + ["one-line"], ids=lambda p: getattr(p, "stem", p))
def test_annotation_does_not_depend_on_where_the_text_is_cut(path: Path | str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tokenizing in pieces of 37 characters (cuts inside sentences) gives the annotation of one piece."""
    if path == "one-line":
        article = article_from_bytes(("Headline\n" + _body().replace("\n", " ")).encode(), "one-line.txt")
    else:
        article = load_article(path)
    whole = json.dumps(annotate_article(article, "2024-08-12").to_dict())
    monkeypatch.setattr(context, "PIECE_CHARS", 37)
    assert json.dumps(annotate_article(article, "2024-08-12").to_dict()) == whole


def test_tokens_in_pieces_are_the_tokens_of_the_whole_text() -> None:
    article = _long_article(30_000)
    whole = build_context(article.text, *_sentences(article), piece_chars=10**9)
    cut = build_context(article.text, *_sentences(article), piece_chars=200)
    assert [(t.text, t.start, t.sent) for t in cut.tokens] == [(t.text, t.start, t.sent) for t in whole.tokens]
    assert cut.spaced & set(range(len(cut.tokens))) == whole.spaced & set(range(len(whole.tokens)))


def test_an_article_longer_than_the_tokenizer_limit_is_annotated_with_true_offsets() -> None:
    """spaCy refuses texts over 1,000,000 characters (E088); the annotator cuts them into pieces."""
    article = _long_article(1_050_000)
    assert len(article.text) > 1_000_000
    data = _annotate_and_verify(article)
    last = max(m["end"] for m in data["mentions"])
    assert last > 1_000_000


def test_time_grows_linearly_with_the_text() -> None:
    """Four times the text takes about four times as long (it took 36 times as long before the indexes)."""
    small, large = _long_article(50_000), _long_article(200_000)
    annotate_article(small, "2024-08-12")
    t0 = time.process_time()
    annotate_article(small, "2024-08-12")
    t1 = time.process_time()
    annotate_article(large, "2024-08-12")
    t2 = time.process_time()
    assert (t2 - t1) < 10 * (t1 - t0), f"50 kB: {t1 - t0:.2f} s, 200 kB: {t2 - t1:.2f} s"


def _first_kind(surface: str) -> str:
    """The kind that decides how a surface is read when it has several (see gazetteer.KINDS)."""
    return min((kind for kind, _ in load_gazetteer().surfaces[surface]), key=KINDS.index)


def _surfaces() -> list[str]:
    """A few gazetteer surfaces of every kind (names, seats, capitals, demonyms), one- and many-token."""
    gaz = load_gazetteer()
    by_kind: dict[str, list[str]] = {}
    for surface in sorted(gaz.surfaces):
        for kind, _ in gaz.surfaces[surface]:
            by_kind.setdefault(kind, []).append(surface)
    picked = {"Israel", "U.S.", "Kyiv", "Rapid Support Forces", "Hamas"} & set(gaz.surfaces)
    for names in by_kind.values():
        picked.update(names[:: max(1, len(names) // 6)][:6])
    return sorted(picked)


SURFACES = _surfaces()


@pytest.mark.parametrize("ending", ["", "\n"], ids=["no-final-newline", "final-newline"])
@pytest.mark.parametrize("surface", SURFACES)
def test_an_article_ending_on_a_gazetteer_name_is_annotated(surface: str, ending: str, tmp_path: Path) -> None:
    for text in (surface, f"Headline\n\nRockets were fired at {surface}", f"{surface} said {surface}"):
        path = tmp_path / "a.txt"
        path.write_text(text + ending, encoding="utf-8")
        data = _annotate_and_verify(load_article(path))
        if _first_kind(surface) == "name" and text != surface:
            assert data["mentions"][-1]["text"] == surface


def test_the_reported_crash_cases_name_the_actor() -> None:
    """'…fired at Israel' without a final newline, and an article that is only 'Israel', used to raise E040."""
    for text in ("Headline\n\nRockets were fired at Israel", "Israel"):
        article = article_from_bytes(text.encode(), "a.txt")
        data = _annotate_and_verify(article)
        assert [(m["text"], m["actor"]) for m in data["mentions"]][-1] == ("Israel", "israel")


def test_a_shorter_surface_does_not_match_the_cut_off_tail() -> None:
    matcher = phrase_matcher()
    assert matcher(["Israel"], set()) == [("Israel", 0, 1)]
    assert matcher(["Rapid", "Support"], set()) == []


WORDS = st.sampled_from(["the", "said", "killed", "in", "strike", "on", "Monday", ",", ".", "\u201c", "'s", "at least",
                         "two", "\n", "forces", "of"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=8), st.sampled_from(SURFACES), st.sampled_from(["", "\n", " ", "."]))
def test_any_short_text_ending_in_a_gazetteer_name_is_annotated(words: list[str], surface: str, tail: str) -> None:
    text = " ".join([*words, surface]) + tail
    if not text.strip():
        return
    _annotate_and_verify(article_from_bytes(text.encode("utf-8"), "short.txt"))
