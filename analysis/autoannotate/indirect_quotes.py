"""Indirect quotes: reported speech after a cue verb ("said that …", "told reporters …"), before it ("…, the
ministry said"), appeals ("urged X to Y"), characterisations ("dismissed X as Y") and accusations."""
from __future__ import annotations

import re

from . import lexicon as L
from .context import APOSTROPHES, QUOTE_CLOSE, QUOTE_OPEN, Context, Token
from .quote_records import QuoteRec
from .speakers import STATEMENT_NOUNS, Speakers
from .speech_cues import after_closing_mark, coordinated, ends_before, opens_quantity, past_titles

CLAUSE_END_WORDS = frozenset({"but", "while", "although", "though", "whereas", "adding", "saying", "according",
                              "which", "even"})
# A modal verb after the cue starts the reported clause itself: a later "that" opens a relative clause in it.
MODALS = frozenset({"can", "cannot", "could", "will", "would", "should", "may", "might", "must", "ca", "wo"})
ACCUSATION_VERBS = frozenset({"accused", "accuses", "accusing"})
# "blamed the coalition for the strike": the blamed and the charge, like an accusation with "for".
BLAME_VERBS = frozenset({"blamed", "blames", "blaming"})
APPEAL_VERBS = frozenset({"urged", "urges", "urging", "urge"})
APPEAL_ON_VERBS = frozenset({"called", "calls", "calling", "call"})
CHARACTERISING_VERBS = frozenset({"dismissed", "dismisses", "dismissing", "described", "describes", "describing",
                                  "branded", "brands", "branding", "labelled", "labeled", "labels"})
# Addressees of "told" that stand between the verb and the reported clause ("told reporters the city was calm").
PRESS_WORDS = frozenset({"reporters", "journalists", "parliament", "lawmakers", "supporters", "residents"})
TIMESTAMP = re.compile(r"\s*\d{1,2}[:.]\d{2}(?:\s*(?:GMT|BST|UTC|CET|EET|EST|ET|local time))?\s*[\u2014\u2013-]\s*")


def indirect_quote(ctx: Context, speakers: Speakers, s: int, cue: int, next_cue: int | None) -> QuoteRec | None:
    """Reported speech: the clause after the cue (after "that" when present), or the clause before ", X said"."""
    toks = ctx.tokens
    text = ctx.text
    a, b = ctx.sent_tokens[s]
    if after_closing_mark(ctx, cue) and not (cue + 1 < b and toks[cue + 1].lower == "that"):
        return None  # "“…,” said UN chief Ban Ki-moon": the words after the verb name the speaker of the quotation
    appeal = _appeal(ctx, speakers, s, cue)
    if appeal is not None:
        return appeal
    if toks[cue].lower in L.SPEECH_VERBS_NO_CLAUSE and not (cue + 1 < b and toks[cue + 1].lower == "that"):
        return _characterisation(ctx, speakers, s, cue) if toks[cue].lower in CHARACTERISING_VERBS else None
    k = cue + 1
    that = None
    for j in range(cue + 1, min(b, cue + 20)):
        if toks[j].text in (":", ".", ";") or toks[j].text in QUOTE_OPEN or toks[j].text == '"':
            break
        if toks[j].text == "," or toks[j].lower in MODALS:
            break
        if toks[j].lower == "that":
            that = j
            break
    if that is not None:
        k = that + 1
    else:
        while k < b:
            if k in speakers.date_starts and speakers.date_starts[k] is not None:
                k = speakers.date_starts[k] + 1  # type: ignore[operator]
            elif toks[k].lower in ("on", "in", "late", "early") and k + 1 in speakers.date_starts:
                k += 1
            else:
                break
        if toks[cue].lower in ("told", "tells", "tell", "telling"):
            k = _past_addressee(ctx, speakers, k, b)
        if toks[cue].lower in ACCUSATION_VERBS | BLAME_VERBS and k < b and toks[k].text not in (",", ".", ";", ":"):
            return _accusation(ctx, speakers, s, cue, k, "for" if toks[cue].lower in BLAME_VERBS else "of")
        if k >= b or toks[k].text in (":", ",", ".", ";", '"') or toks[k].text in QUOTE_OPEN:
            return _inverted_indirect(ctx, speakers, s, cue)
        named = past_titles(ctx, k)
        if _described_speaker(toks, k, b):
            return _inverted_indirect(ctx, speakers, s, cue)
        if toks[k].lower in L.PREPOSITIONS and not opens_quantity(ctx, k) \
                or toks[k].lower in ("reporters", "journalists", "a", "an") \
                or toks[k].lower.endswith("ly") and not opens_quantity(ctx, k) or k in speakers.by_start and toks[cue].lower not in ("said", "says", "say"):
            return _inverted_indirect(ctx, speakers, s, cue)
        if named in speakers.by_start and (named + 1 >= b or _closes_name(toks, speakers.by_start[named][0].tok_end)):
            return _inverted_indirect(ctx, speakers, s, cue) if ends_before(ctx, cue) else None
    limit = b
    if next_cue is not None and coordinated(ctx, next_cue):
        limit = next_cue
        while limit > k and toks[limit - 1].lower not in ("and", "but"):
            limit -= 1
        limit = max(k + 1, limit - 1)
    elif next_cue is not None and not toks[next_cue].lower.endswith("ing"):
        subj = speakers.subject(next_cue)
        if subj is not None and k < subj.tok_start < next_cue:
            limit = subj.tok_start
            while limit > k and toks[limit - 1].lower in ("a", "an", "the", "one", "its", "his", "her", "their"):
                limit -= 1
    subordinate = toks[a].lower in ("although", "though", "while", "as", "if", "when", "after", "because", "since",
                                    "once", "whereas")
    end = k
    while end < limit:
        t = toks[end]
        if t.text in (";", "\u2014") or (t.text == "," and end + 1 < b and toks[end + 1].lower in CLAUSE_END_WORDS):
            break
        if subordinate and t.text == "," and not ctx.in_quote(t.start, t.end):
            break
        if t.text == "," and end + 1 < b and toks[end + 1].lower == "and" and end + 2 < b \
                and (end + 2 in speakers.by_start or toks[end + 2].lower in L.PRONOUNS or toks[end + 2].lower == "its"):
            break
        end += 1
    if end <= k:
        return None
    while end > k and toks[end - 1].lower in ("and", "but", ",", "or"):
        end -= 1
    if end <= k:
        return None
    qs, qe = toks[k].start, toks[end - 1].end
    while qe > qs and text[qe - 1] in ".,;:" and not text[qs:qe].endswith(("U.S.", "U.N.", "U.K.")):
        qe -= 1
    if qe <= qs or toks[k].text in QUOTE_OPEN and ctx.in_quote(qs + 1, qe - 1) and text[qe - 1] in QUOTE_CLOSE + APOSTROPHES \
            and not any(mark in text[qs + 1:qe - 1] for mark in "\u201c\u2018") and end == b:
        return None
    speaker = speakers.subject(cue)
    if speaker is None:
        speaker = speakers.inverted(cue)
    speakers.remember(speaker, s)
    return QuoteRec("indirect", qs, qe, text[qs:qe], speaker.actor if speaker else None, speaker,
                    (toks[cue].start, toks[cue].end))


def _described_speaker(toks: list[Token], k: int, b: int) -> bool:
    """", said the statement.", ", said the Mission, adding": a definite description right after the verb, closed by
    a comma or full stop, is the speaker, not what was said."""
    return (k + 2 <= b and toks[k].lower == "the" and toks[k + 1].lower in L.DEFINITE_NOUNS | STATEMENT_NOUNS
            and (k + 2 == b or toks[k + 2].text in (",", ".", ";")))


def _closes_name(toks: list[Token], end: int) -> bool:
    """The name ending before token `end` is followed by the end of the text, a comma or full stop, "of", "from"
    or "at" (a speaker named after the verb, not the start of what was said)."""
    return end >= len(toks) or toks[end].text in (",", ".") or toks[end].lower in ("of", "from", "at")


def _past_addressee(ctx: Context, speakers: Speakers, k: int, b: int) -> int:
    """"told reporters the city was calm", "told the BBC that …": the token opening the clause after the addressee
    of "told" (k itself when no clause follows the addressee)."""
    toks = ctx.tokens
    end = None
    if k < b and toks[k].lower in PRESS_WORDS:
        end = k + 1
    else:
        j = k + 1 if k < b and toks[k].lower == "the" else k
        if j in speakers.by_start:
            end = speakers.longest(speakers.by_start[j]).tok_end
    if end is None or end >= b or not toks[end].text.isalpha() or end in speakers.date_starts \
            or toks[end].lower in L.PREPOSITIONS:
        return k
    return end + 1 if toks[end].lower == "that" else end


def _inverted_indirect(ctx: Context, speakers: Speakers, s: int, cue: int) -> QuoteRec | None:
    """"Twelve people were killed, the ministry said.": the clause before the comma that precedes the speaker."""
    toks = ctx.tokens
    a, b = ctx.sent_tokens[s]
    rest = [t.text for t in toks[cue + 1:b]]
    if any(t in (":",) or t in QUOTE_OPEN for t in rest):
        return None
    comma = None
    for j in range(cue - 1, a, -1):
        if toks[j].text == ",":
            comma = j
            break
        if toks[j].text in QUOTE_CLOSE and toks[j - 1].text == ",":
            comma = j
            break
        if toks[j].text in QUOTE_CLOSE or toks[j].text in ('"', ";", ":"):
            return None
    if comma is not None:
        a = next((j + 1 for j in range(comma - 1, a, -1) if toks[j].text in (";", ":")), a)
    if comma is None or comma - a < 3 or toks[a].text in QUOTE_OPEN or toks[a].text == '"':
        return None
    if ctx.in_quote(toks[comma].start, toks[comma].end) or ctx.in_quote(toks[a].start, toks[a].end):
        return None
    qs, qe = toks[a].start, toks[comma - 1].end if toks[comma].text == "," else toks[comma].end
    stamp = TIMESTAMP.match(ctx.text, qs)
    if stamp and stamp.end() < qe:
        qs = stamp.end()
    speaker = (speakers.inverted(cue) if ends_before(ctx, cue) else None) or speakers.subject(cue)
    speakers.remember(speaker, s)
    return QuoteRec("indirect", qs, qe, ctx.text[qs:qe], speaker.actor if speaker else None, speaker,
                    (toks[cue].start, toks[cue].end))


def _clause_end(toks: list, end: int, b: int) -> int:
    """The token index where the clause running from `end` stops: a semicolon, a dash, or ", but/while/...". """
    while end < b and toks[end].text not in (";", "\u2014") and not (
            toks[end].text == "," and end + 1 < b and toks[end + 1].lower in CLAUSE_END_WORDS):
        end += 1
    return end


def _clause_quote(ctx: Context, speakers: Speakers, s: int, cue: int, k: int, end: int) -> QuoteRec:
    """An indirect quote over tokens k..end (trailing punctuation dropped), said by the subject of the cue."""
    toks = ctx.tokens
    qs, qe = toks[k].start, toks[end - 1].end
    while qe > qs and ctx.text[qe - 1] in ".,;:":
        qe -= 1
    speaker = speakers.subject(cue)
    speakers.remember(speaker, s)
    return QuoteRec("indirect", qs, qe, ctx.text[qs:qe], speaker.actor if speaker else None, speaker,
                    (toks[cue].start, toks[cue].end))


def _appeal(ctx: Context, speakers: Speakers, s: int, cue: int) -> QuoteRec | None:
    """"urged X to Y", "called on X to Y": the addressee and what they are asked to do, to the end of the clause."""
    toks = ctx.tokens
    _, b = ctx.sent_tokens[s]
    k = cue + 1
    if toks[cue].lower in APPEAL_ON_VERBS and k < b and toks[k].lower in ("on", "upon"):
        k += 1
    elif toks[cue].lower not in APPEAL_VERBS:
        return None
    to = next((j for j in range(k + 1, min(b, k + 9)) if toks[j].lower == "to" or toks[j].text in ",;:.\u201c\""), None)
    if to is None or toks[to].lower != "to" or to + 1 >= b or not toks[to + 1].text.isalpha() \
            or not toks[to + 1].text.islower() or toks[to + 1].lower in ("the", "a", "an"):
        return None
    end = _clause_end(toks, to + 1, b)
    return _clause_quote(ctx, speakers, s, cue, k, end)


def _characterisation(ctx: Context, speakers: Speakers, s: int, cue: int) -> QuoteRec | None:
    """"dismissed the figure as propaganda": what is characterised and how, to the end of the clause."""
    toks = ctx.tokens
    _, b = ctx.sent_tokens[s]
    k = cue + 1
    as_word = next((j for j in range(k + 1, min(b, k + 10)) if toks[j].lower == "as" or toks[j].text in ",;:.\u201c\""),
                   None)
    if as_word is None or toks[as_word].lower != "as" or as_word + 1 >= b or toks[as_word + 1].text in QUOTE_OPEN \
            or toks[as_word + 1].text == '"':
        return None
    end = _clause_end(toks, as_word + 1, b)
    return _clause_quote(ctx, speakers, s, cue, k, end)


def _accusation(ctx: Context, speakers: Speakers, s: int, cue: int, k: int, link: str = "of") -> QuoteRec | None:
    """"accused Kyiv of delaying the lists", "blamed the coalition for the strike": the accused and the charge, to the
    end of the clause."""
    toks = ctx.tokens
    _, b = ctx.sent_tokens[s]
    end = _clause_end(toks, k, b)
    if not any(t.lower == link for t in toks[k:end]):
        return None
    return _clause_quote(ctx, speakers, s, cue, k, end)
