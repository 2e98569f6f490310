"""The indexes that keep the annotator linear answer exactly what the scans they replaced answered."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.autoannotate.context import CLAUSE_BREAKS, CLAUSE_WORDS, build_context, quotation_spans
from analysis.autoannotate.mentions import MentionRec, MentionSet
from analysis.autoannotate.spans import SpanIndex
from analysis.errors import InputError
from analysis.ingest import article_from_bytes, load_article
from analysis.paths import SEEDS_DIR


@st.composite
def disjoint_spans(draw: st.DrawFn) -> list[tuple[int, int]]:
    """Sorted spans that do not overlap (touching allowed), as quotations and dates are."""
    gaps = draw(st.lists(st.tuples(st.integers(0, 5), st.integers(1, 6)), max_size=12))
    spans, pos = [], 0
    for gap, length in gaps:
        pos += gap
        spans.append((pos, pos + length))
        pos += length
    return spans


QUERY = st.tuples(st.integers(-2, 90), st.integers(-2, 90))


@settings(max_examples=300)
@given(disjoint_spans(), st.lists(QUERY, max_size=20))
def test_span_index_answers_like_a_scan(spans: list[tuple[int, int]], queries: list[tuple[int, int]]) -> None:
    index = SpanIndex(spans)
    for start, end in queries:
        holding = [k for k, (a, b) in enumerate(spans) if a <= start and end <= b]
        assert index.first_holding(start, end) == (holding[0] if holding else None)
        assert index.holds(start, end) == bool(holding)
        assert index.overlaps(start, end) == any(a < end and start < b for a, b in spans)
        assert index.touches(start, end) == any(a <= start < b or a < end <= b for a, b in spans)


def test_span_index_refuses_unsorted_spans() -> None:
    with pytest.raises(ValueError, match="sorted"):
        SpanIndex([(5, 9), (1, 3)])


OPS = st.lists(st.one_of(
    st.tuples(st.just("add"), st.integers(0, 12), st.integers(1, 4), st.sampled_from(["a", "b"])),
    st.tuples(st.just("remove"), st.integers(0, 40), st.just(0), st.just("")),
), max_size=40)


@settings(max_examples=300)
@given(OPS, st.integers(0, 16))
def test_mention_set_answers_like_a_list(ops: list[tuple[str, int, int, str]], tok: int) -> None:
    """Appends and removals (of equal mentions too) leave the lookups what list scans and list.remove give."""
    model: list[MentionRec] = []
    mset = MentionSet()
    for op, a, n, actor in ops:
        if op == "add":
            m = MentionRec(actor, a * 10, (a + n) * 10, "x", a, a + n)
            model.append(m)
            mset.append(m)
        elif model:
            target = MentionRec(**vars(model[a % len(model)]))  # an equal copy, as list.remove compares
            model.remove(target)
            mset.remove(target)
        assert [id(m) for m in mset] == [id(m) for m in model]
    assert [id(m) for m in mset.starting_at(tok, tok + 1)] == [id(m) for m in model if m.tok_start in (tok, tok + 1)]
    assert [id(m) for m in mset.ending_at(tok)] == [id(m) for m in model if m.tok_end == tok]
    assert [id(m) for m in mset.covering(tok)] == [id(m) for m in model if m.tok_start <= tok < m.tok_end]


@settings(max_examples=200)
@given(st.text(alphabet="ab .,\n\u201c\u201d\u2018\u2019'\"\u00ab\u00bb\u201e", max_size=120))
def test_quotation_spans_are_sorted_and_disjoint(body: str) -> None:
    """The quotation index needs them so; any text with any quotation marks gives them so."""
    text = "Title\n" + body + "\n"
    try:
        article = article_from_bytes(text.encode(), "q.txt")
    except InputError:
        return
    spans = quotation_spans(article.text, [(s.start, s.end) for s in article.sentences],
                            [s.paragraph for s in article.sentences])
    assert all(a < b for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))


@pytest.mark.parametrize("path", sorted(SEEDS_DIR.glob("*.txt"))[:5], ids=lambda p: p.stem)
def test_clause_bounds_are_those_of_a_walk_through_the_sentence(path) -> None:
    article = load_article(path)
    ctx = build_context(article.text, [(s.start, s.end) for s in article.sentences],
                        [s.paragraph for s in article.sentences])

    def breaks(t) -> bool:
        return t.text in CLAUSE_BREAKS or t.text == "," or t.lower in CLAUSE_WORDS

    for tok in ctx.tokens:
        first, last = ctx.sent_tokens[tok.sent]
        start = next((j + 1 for j in range(tok.i - 1, first - 1, -1) if breaks(ctx.tokens[j])), first)
        end = next((j for j in range(tok.i + 1, last) if breaks(ctx.tokens[j])), last)
        assert (ctx.clause_start(tok.i), ctx.clause_end(tok.i)) == (start, end)
