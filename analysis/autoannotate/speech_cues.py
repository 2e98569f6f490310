"""Speech verbs that cue a quote (outside quotations, not negated, not "added four more") and the token tests
around them: titles before a name, a qualified number, a verb coordinated with an earlier one, a closing mark."""
from __future__ import annotations

from . import lexicon as L
from .context import QUOTE_CLOSE, Context
from .dates import NUMBER_WORDS

NEGATIONS = frozenset({"not", "n't", "n\u2019t", "never", "declined", "refused"})
PASSIVE_MARKERS = frozenset({"be", "been", "being", "was", "were", "is", "are"})
# Qualifier words that open a quantity, not a prepositional phrase ("says at least 40 people", "said over 300").
QUANTITY_OPENERS = frozenset({("at", "least"), ("more", "than"), ("up", "to"), ("as", "many"), ("fewer", "than"),
                              ("less", "than"), ("close", "to")})


def past_titles(ctx: Context, k: int) -> int:
    """The first token at or after k that is not a title ("said Lt. Col. Eitan Barak" -> "Eitan")."""
    toks = ctx.tokens
    while k < len(toks) and (toks[k].text in L.TITLE_WORDS or toks[k].lower in L.ROLE_WORDS and toks[k].text.islower()
                             or toks[k].text + "." in L.TITLE_WORDS and k + 1 < len(toks) and toks[k + 1].text == "."
                             or toks[k].text == "." and k > 0 and (toks[k - 1].text in L.TITLE_WORDS
                                                                   or toks[k - 1].text + "." in L.TITLE_WORDS)
                             or toks[k].text == "-" and k > 0 and toks[k - 1].text in L.TITLE_WORDS
                             and k + 1 < len(toks) and toks[k + 1].text.capitalize() in L.TITLE_WORDS):
        k += 1
    return k


def opens_quantity(ctx: Context, k: int) -> bool:
    """Tokens from k read as a qualified number ("at least 4,300"), so k's preposition opens no place phrase."""
    toks = ctx.tokens
    pair = tuple(t.lower for t in toks[k:k + 2])
    nxt = toks[k + 1].lower if k + 1 < len(toks) else ""
    return pair in QUANTITY_OPENERS or (toks[k].lower in ("about", "over", "around", "nearly", "almost")
                                        and (nxt[:1].isdigit() or nxt in NUMBER_WORDS))


def _adds_things(ctx: Context, k: int, b: int) -> bool:
    """"added four more", "adds a new layer": "add" with a counted or determined object adds things, says nothing."""
    toks = ctx.tokens
    if toks[k].lower not in ("added", "adds", "adding", "add") or k + 1 >= b:
        return False
    nxt = toks[k + 1].lower
    return nxt[:1].isdigit() or nxt in NUMBER_WORDS or nxt in ("more", "another", "new", "some", "several")


# Verbs that report speech only with a that-clause ("reports that"), or as blame ("blamed X for Y").
THAT_ONLY_VERBS = frozenset({"reports", "claimed", "claims", "claiming"})
BLAME_VERBS = frozenset({"blamed", "blames", "blaming"})
# Verbs that attribute a quotation only right after it ("“…,” the minister continued.").
CHARGE_VERBS = frozenset({"charge", "charges", "charged"})
AFTER_QUOTE_VERBS = frozenset({"continued", "continues", "concluded", "concludes", "recalled", "recalls"})


def _passive(ctx: Context, a: int, k: int) -> bool:
    """"was described", "is also called": a participle after a form of "be" (adverbs between) reports nothing."""
    j = k - 1
    while j > a and (ctx.tokens[j].lower.endswith("ly") or ctx.tokens[j].lower in ("also", "often", "now", "widely")):
        j -= 1
    return j >= a and ctx.tokens[j].lower in PASSIVE_MARKERS and ctx.tokens[k].lower.endswith(("ed", "told"))


def _so_called(ctx: Context, k: int) -> bool:
    """"the so-called Islamic State": "called" in a compound adjective."""
    toks = ctx.tokens
    return toks[k].lower == "called" and k >= 2 and toks[k - 1].text == "-" and toks[k - 2].lower == "so"


def _charges(ctx: Context, a: int, b: int, k: int) -> bool:
    """"Critics charge (that) the force cannot protect civilians": "charge" reports a claim after a plural party,
    not "charged with murder" nor "the charges"."""
    toks = ctx.tokens
    nxt = toks[k + 1].lower if k + 1 < b else "."
    if nxt == "that":
        return True
    prev = toks[k - 1].text if k > a else ""
    return prev.isalpha() and prev[1:].islower() and len(prev) > 3 and prev.endswith("s") \
        and prev.lower() not in ("the", "its", "his", "her", "their", "new", "criminal") \
        and (nxt in ("the", "a", "an", "this", "these", "those") or nxt in L.PRONOUNS)


# Every word _is_cue may accept: the others are passed over before its rules are read.
CUE_WORDS = THAT_ONLY_VERBS | AFTER_QUOTE_VERBS | CHARGE_VERBS | BLAME_VERBS | L.SPEECH_VERBS | {"clear"}


def _is_cue(ctx: Context, a: int, b: int, k: int) -> bool:
    """Token k is a speech verb that reports speech here."""
    toks = ctx.tokens
    t = toks[k]
    nxt = toks[k + 1].text if k + 1 < b else "."
    if t.lower in THAT_ONLY_VERBS:
        return nxt.lower() == "that" or nxt in (".", ",", ";") and t.lower != "reports"
    if t.lower in AFTER_QUOTE_VERBS:
        before = [x.text for x in toks[max(a, k - 5):k]]
        return nxt in (".", ",") and any(x in (*QUOTE_CLOSE, '"') for x in before)
    if t.lower in CHARGE_VERBS:
        return _charges(ctx, a, b, k)
    if t.lower in BLAME_VERBS:
        return any(x.lower == "for" for x in toks[k + 1:min(b, k + 10)])
    return t.lower in L.SPEECH_VERBS or t.lower == "clear" and k > a and toks[k - 1].lower in (
        "made", "make", "makes", "making")


def cue_tokens(ctx: Context, a: int, b: int) -> list[int]:
    """Speech-verb tokens in [a, b) outside quotations, not negated, not passive, not in "so-called"."""
    out = []
    for k in range(a, b):
        t = ctx.tokens[k]
        if t.lower in CUE_WORDS and t.text.islower() and _is_cue(ctx, a, b, k) and not ctx.in_quote(t.start, t.end):
            if _passive(ctx, a, k) or _so_called(ctx, k):
                continue
            window = {ctx.tokens[x].lower for x in range(max(a, k - 3), k)}
            if not window & NEGATIONS and not _adds_things(ctx, k, b):
                out.append(k)
    return out


def coordinated(ctx: Context, cue: int) -> bool:
    """A verb joined to an earlier one without its own subject ("said X and accused Y")."""
    first = ctx.sent_tokens[ctx.tokens[cue].sent][0]
    j = cue - 1
    while j > first and (ctx.tokens[j].lower in L.AUXILIARIES or ctx.tokens[j].lower.endswith("ly")):
        j -= 1
    return j > first and ctx.tokens[j].lower in ("and", "but")


def ends_before(ctx: Context, cue: int) -> bool:
    """True when the verb directly follows the quote's comma (", said Kirby")."""
    prev = ctx.tokens[cue - 1].text if cue > 0 else ""
    return prev in (",", *QUOTE_CLOSE, '"')


def after_closing_mark(ctx: Context, cue: int) -> bool:
    """True when the verb directly follows a closing quotation mark (“…,” said X, “…”): an inverted attribution."""
    prev = [t.text for t in ctx.tokens[max(0, cue - 2):cue]]
    return bool(prev) and (prev[-1] in (*QUOTE_CLOSE, '"') or prev[-1] == "," and len(prev) == 2
                           and prev[0] in (*QUOTE_CLOSE, '"'))
