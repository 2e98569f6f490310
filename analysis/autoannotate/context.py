"""The article as the annotator's rules see it: tokens from one blank spaCy pipeline, sentences, clauses."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .pieces import PIECE_CHARS, pieces
from .spans import SpanIndex

QUOTE_OPEN = "\u201c\u201e\u00ab"
QUOTE_CLOSE = "\u201d\u00bb"
APOSTROPHES = "'\u2019"
CLAUSE_BREAKS = frozenset({";", ":", "\u2014", "\u2013", "(", ")"} | set(QUOTE_OPEN) | set(QUOTE_CLOSE) | {'"'})
CLAUSE_WORDS = frozenset({"but", "while", "although", "though", "whereas", "because", "after", "before",
                          "that", "which", "who", "whom", "where", "when", "if", "as", "since", "until"})


@lru_cache(maxsize=1)
def blank_pipeline() -> Any:
    """The blank English tokenizer, built once per process (spaCy is imported only here)."""
    import spacy
    from spacy.util import compile_infix_regex

    nlp = spacy.blank("en")
    # "U.S.-led", "U.N.-backed": split the hyphen after an abbreviation's period, as after a letter.
    infixes = [*nlp.Defaults.infixes, r"(?<=[A-Z]\.)-(?=[a-z])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


@dataclass(slots=True)
class Token:
    """A token with its character offsets, the sentence that holds it, and its text in lowercase (made once, as
    every rule reads it)."""

    i: int
    text: str
    start: int
    end: int
    sent: int
    lower: str

    @property
    def is_cap(self) -> bool:
        """Starts with a capital letter (a name-like token)."""
        return self.text[:1].isupper()


@dataclass
class Context:
    """Repaired text, tokens, sentence spans, and the quotation spans every layer must respect.

    `spaced` holds the tokens that white space of its own (a line break, a second space) comes before; `memo` holds
    what a rule derives from the whole document once, by the rule's key."""

    text: str
    tokens: list[Token]
    sentences: list[tuple[int, int]]
    sent_tokens: list[tuple[int, int]]
    paragraph_of_sentence: list[int]
    quote_spans: list[tuple[int, int]] = field(default_factory=list)
    spaced: set[int] = field(default_factory=set)
    quotes: SpanIndex = field(default_factory=lambda: SpanIndex([]))
    clause_breaks: list[int] = field(default_factory=list)
    memo: dict[str, Any] = field(default_factory=dict)

    def token_at(self, char: int) -> int | None:
        """Index of the token that covers or starts after `char`."""
        lo, hi = 0, len(self.tokens)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.tokens[mid].end <= char:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < len(self.tokens) else None

    def sentence_index(self, char: int) -> int:
        """Index of the sentence holding `char` (the last one before it when between sentences)."""
        lo, hi = 0, len(self.sentences) - 1
        best = 0
        while lo <= hi:
            mid = (lo + hi) // 2
            if self.sentences[mid][0] <= char:
                best = mid
                lo = mid + 1
            else:
                hi = mid - 1
        return best

    def in_quote(self, start: int, end: int) -> bool:
        """True when the span lies inside a quotation."""
        return self.quotes.holds(start, end)

    def quote_holding(self, start: int, end: int) -> tuple[int, int] | None:
        """The first quotation span that holds [start, end), or None."""
        k = self.quotes.first_holding(start, end)
        return self.quote_spans[k] if k is not None else None

    def sentence_token_range(self, sent: int) -> range:
        """Token indices of one sentence."""
        a, b = self.sent_tokens[sent]
        return range(a, b)

    def clause_start(self, tok: int) -> int:
        """First token of the clause holding token `tok` (after a comma, dash, quote mark or clause word)."""
        first = self.sent_tokens[self.tokens[tok].sent][0]
        k = bisect_left(self.clause_breaks, tok)
        return max(first, self.clause_breaks[k - 1] + 1) if k > 0 else first

    def clause_end(self, tok: int) -> int:
        """Token index just past the clause holding token `tok`."""
        last = self.sent_tokens[self.tokens[tok].sent][1]
        k = bisect_left(self.clause_breaks, tok + 1)
        return min(last, self.clause_breaks[k]) if k < len(self.clause_breaks) else last


def build_context(text: str, sentences: list[tuple[int, int]], paragraph_of_sentence: list[int],
                  piece_chars: int | None = None) -> Context:
    """Tokenise the text once (in pieces of about `piece_chars`, PIECE_CHARS by default, so length has no limit)
    and index the tokens by sentence."""
    tokens, spaced = _tokens(text, sentences, paragraph_of_sentence, piece_chars or PIECE_CHARS)
    sent_tokens: list[tuple[int, int]] = []
    j = 0
    for s_idx in range(len(sentences)):
        a = j
        while j < len(tokens) and tokens[j].sent == s_idx:
            j += 1
        sent_tokens.append((a, j))
    ctx = Context(text, tokens, sentences, sent_tokens, paragraph_of_sentence, spaced=spaced)
    ctx.quote_spans = quotation_spans(text, sentences, paragraph_of_sentence)
    ctx.quotes = SpanIndex(ctx.quote_spans)
    canonical_marks(tokens, ctx.quote_spans)
    ctx.clause_breaks = [t.i for t in tokens if _breaks_clause(t)]
    return ctx


def _tokens(text: str, sentences: list[tuple[int, int]], paragraph_of_sentence: list[int],
            piece_chars: int) -> tuple[list[Token], set[int]]:
    """The tokens of the text, each with its sentence, and the indices of the tokens white space of its own comes
    before (read from spaCy's arrays of offsets, lengths and space flags, without a token object each)."""
    from spacy.attrs import IDX, IS_SPACE, LENGTH

    tokenizer = blank_pipeline().tokenizer
    tokens: list[Token] = []
    spaced: set[int] = set()
    s, last = 0, len(sentences) - 1
    for a, b in pieces(text, sentences, paragraph_of_sentence, piece_chars):
        piece = text[a:b]
        for idx, length, space in tokenizer(piece).to_array([IDX, LENGTH, IS_SPACE]).tolist():
            if space:
                spaced.add(len(tokens))
                continue
            start = a + idx
            while s < last and start >= sentences[s + 1][0]:
                s += 1
            word = piece[idx:idx + length]
            tokens.append(Token(len(tokens), word, start, start + length, s, word.lower()))
    return tokens, spaced


def _breaks_clause(t: Token) -> bool:
    """A token that ends one clause and opens the next: a comma, dash, bracket, quote mark or clause word."""
    return t.text in CLAUSE_BREAKS or t.text == "," or t.lower in CLAUSE_WORDS


SINGLE_OPEN = "\u2018'"
NESTED_CLOSE = {"\u201c": "\u201d", "\u201e": "\u201c", "\u00ab": "\u00bb"}
SINGLE_CLOSE = "\u2019'"
LEADING_CONTEXT = " \t\n([\u2014\u2013-\u201c\""


def _single_opens(chunk: str, i: int) -> bool:
    """A single mark opening a quotation: ‘ or ' after a space or opening punctuation, before a word."""
    if chunk[i] not in SINGLE_OPEN or i + 1 >= len(chunk) or not chunk[i + 1].isalnum():
        return False
    return chunk[i] == "\u2018" or i == 0 or chunk[i - 1] in LEADING_CONTEXT


def _single_closes(chunk: str, j: int) -> bool:
    """A single mark closing a quotation, not an apostrophe: after a word or punctuation, before no letter
    ("couldn’t", "the city’s" hold apostrophes; "free’." and "soldiers’ guarding" close)."""
    if chunk[j] not in SINGLE_CLOSE or j == 0 or chunk[j - 1].isspace():
        return False
    return j + 1 >= len(chunk) or not chunk[j + 1].isalnum()


def _single_span(chunk: str, i: int) -> int | None:
    """Index of the mark closing the single quotation opened at i (None when none closes it in the chunk).
    Among the marks that could close it before the next quotation opens, the first that cannot be a plural
    possessive wins ("'The soldiers' trucks took everything.'"); when all could, the last does."""
    candidates = []
    j = i + 2
    while j < len(chunk):
        if chunk[j] in QUOTE_OPEN:
            inner = chunk.find(NESTED_CLOSE[chunk[j]], j + 1)
            if inner < 0:
                break
            j = inner + 1  # a double quotation nested inside the single one
            continue
        if chunk[j] == "\u2018" or chunk[j] == "'" and _single_opens(chunk, j):
            break
        if _single_closes(chunk, j):
            candidates.append(j)
        j += 1
    clean = [j for j in candidates if not _plural_possessive(chunk, j)]
    if clean:
        return clean[0]
    return candidates[-1] if candidates else None


def _plural_possessive(chunk: str, j: int) -> bool:
    """A mark after a plural -s and before a lowercase word may be an apostrophe ("the soldiers' trucks")."""
    return chunk[j - 1] == "s" and chunk[j + 1:j + 2] == " " and chunk[j + 2:j + 3].islower()


# The marks that may open a quotation, and those that end the search for a curly or straight double one's end.
_OPENING_MARK = re.compile(f"[{QUOTE_OPEN}\"{SINGLE_OPEN}]")
_CURLY_STOP = re.compile(f"[{QUOTE_CLOSE}{QUOTE_OPEN}]")
_STRAIGHT_STOP = re.compile('"')


def quotation_spans(text: str, sentences: list[tuple[int, int]], paragraph_of_sentence: list[int]) -> list[tuple[int, int]]:
    """Offsets of the text between paired quotation marks: double curly pairs, straight double marks paired in
    order, and single curly or straight pairs whose closing mark is told from an apostrophe by what follows it.
    A quotation nested inside another is part of the outer one."""
    spans: list[tuple[int, int]] = []
    para_bounds: dict[int, tuple[int, int]] = {}
    for (a, b), p in zip(sentences, paragraph_of_sentence):
        lo, hi = para_bounds.get(p, (a, b))
        para_bounds[p] = (min(lo, a), max(hi, b))
    for a, b in para_bounds.values():
        chunk = text[a:b]
        i = 0
        while (mark := _OPENING_MARK.search(chunk, i)) is not None:
            i = mark.start()
            ch = chunk[i]
            if ch in QUOTE_OPEN or (ch == '"' and (i == 0 or not chunk[i - 1].isalnum())):
                stop = (_CURLY_STOP if ch in QUOTE_OPEN else _STRAIGHT_STOP).search(chunk, i + 1)
                j = stop.start() if stop else len(chunk)
                if j < len(chunk) and chunk[j] in QUOTE_OPEN:
                    i = j
                    continue
                spans.append((a + i + 1, a + min(j, len(chunk))))
                i = j + 1
            elif _single_opens(chunk, i) and (close := _single_span(chunk, i)) is not None:
                spans.append((a + i + 1, a + close))
                i = close + 1
            else:
                i += 1
    return [(s, e) for s, e in spans if e > s]


def canonical_marks(tokens: list[Token], spans: list[tuple[int, int]]) -> None:
    """Give the tokens that open or close a single-mark quotation the text of the curly double marks, so every
    rule reads one style of quotation (offsets still point at the marks as written)."""
    opening = {s - 1 for s, _ in spans}
    closing = {e for _, e in spans}
    for t in tokens:
        if len(t.text) == 1 and t.text in SINGLE_OPEN + SINGLE_CLOSE:
            if t.start in opening:
                t.text = t.lower = "\u201c"
            elif t.start in closing:
                t.text = t.lower = "\u201d"
