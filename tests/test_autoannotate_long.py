"""Long articles: no length limit, time that grows with the text, tokens that do not depend on where the text is
cut."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import analysis.autoannotate.context as context
from analysis.annotations import annotation_from_dict
from analysis.autoannotate import annotate_article
from analysis.autoannotate.context import build_context
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
