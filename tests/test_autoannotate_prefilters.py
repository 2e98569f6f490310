"""The cheap tests that let the annotator skip work never skip a match: each passes everything its rule accepts."""
from __future__ import annotations

import re

import pytest

from analysis.autoannotate.casualty_quantities import may_open_quantity, read_quantity
from analysis.autoannotate.context import Context, build_context
from analysis.autoannotate.date_patterns import DATE_IN_NAME, NEEDED_WORDS, PATTERNS
from analysis.autoannotate.event_triggers import TRIGGER_OPENERS, trigger
from analysis.autoannotate.name_runs import _is_name_token, _ordinal_opening, run_openers
from analysis.autoannotate.speech_cues import CUE_WORDS, _is_cue
from analysis.ingest import article_from_bytes, load_article
from analysis.paths import SEEDS_DIR

# Invented sentences that hold an expression of every date pattern, in several spellings.
DATE_PHRASES = """\
Talks resumed on 2024-03-05 and on Monday, March 4, 2024, then on Tuesday 5 March 2024.
The rebels said in March of next year, two and a half years, A Year And A Half, three days ago, Four Weeks Ago.
It happened last Monday morning, yesterday, Tonight, this evening and Last night; next week, This Month.
The offensive began last summer, in the spring of 2021, in Winter 2019, fiscal 2023, Fiscal Year 2022 and FY2024.
By the end of the year, in 2012-13 and 1998/1999, over the past week, this weekend and The Weekend.
In June, last March, Sept. 9, 9 Sept., from Aug 3 and 5 on, 3-4 May 2023 and May 1 to 3; 48 hours, TWO DAYS.
After a week and for a year, within a month, over a day; 12 years-old, in 1994, 1,200 people, the March 23 Movement.
"""


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("*.txt"))] + [DATE_PHRASES]


@pytest.fixture(scope="module")
def contexts() -> list[Context]:
    articles = [load_article(p) for p in sorted(SEEDS_DIR.glob("*.txt"))]
    articles.append(article_from_bytes(f"Dates\n\n{DATE_PHRASES}".encode(), "dates.txt"))
    return [build_context(a.text, [(s.start, s.end) for s in a.sentences], [s.paragraph for s in a.sentences])
            for a in articles]


def _without_lookahead(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern without the look-ahead at its first characters that date_patterns puts before it."""
    source = pattern.pattern
    assert source.startswith("(?=[")
    return re.compile(source[source.index("])") + 2:], pattern.flags)


@pytest.mark.parametrize("kind,pattern", [*PATTERNS, ("date_in_name", DATE_IN_NAME)])
def test_a_date_pattern_finds_what_it_finds_without_its_lookahead(kind: str, pattern: re.Pattern[str],
                                                                   texts: list[str]) -> None:
    plain = _without_lookahead(pattern)
    for text in texts:
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)], kind


def test_the_phrases_exercise_every_date_pattern() -> None:
    for kind, pattern in PATTERNS:
        assert pattern.search(DATE_PHRASES), kind


@pytest.mark.parametrize("kind", sorted(NEEDED_WORDS))
def test_every_match_holds_a_needed_word(kind: str, texts: list[str]) -> None:
    pattern = dict(PATTERNS)[kind]
    found = 0
    for text in texts:
        for m in pattern.finditer(text):
            found += 1
            assert any(w in m.group().lower() for w in NEEDED_WORDS[kind]), (kind, m.group())
    assert found, kind


def test_quantities_open_only_at_words_the_test_passes(contexts: list[Context]) -> None:
    for ctx in contexts:
        for a, b in ctx.sent_tokens:
            words = [t.text for t in ctx.tokens[a:b]]
            lower = [t.lower for t in ctx.tokens[a:b]]
            for i in range(len(words)):
                if read_quantity(words, lower, i) is not None:
                    assert may_open_quantity(lower[i]), words[i]


def test_event_triggers_open_only_at_opening_words(contexts: list[Context]) -> None:
    found = 0
    for ctx in contexts:
        for i, t in enumerate(ctx.tokens):
            if trigger(ctx, i) is not None:
                found += 1
                assert t.lower in TRIGGER_OPENERS, t.text
    assert found


def test_speech_cues_are_cue_words(contexts: list[Context]) -> None:
    for ctx in contexts:
        for a, b in ctx.sent_tokens:
            for k in range(a, b):
                if _is_cue(ctx, a, b, k):
                    assert ctx.tokens[k].lower in CUE_WORDS, ctx.tokens[k].text


def test_run_openers_are_the_name_tokens_and_ordinals(contexts: list[Context]) -> None:
    for ctx in contexts:
        toks = ctx.tokens
        expected = [i for i, t in enumerate(toks) if _is_name_token(t.text)
                    or _ordinal_opening(toks, i, ctx.sent_tokens[t.sent][1])]
        assert run_openers(ctx) == expected
