"""Anonymous sources: "a regional source", "one Israeli source", and one unnamed person who speaks ("a senior
U.S. official said")."""
from __future__ import annotations

from . import lexicon as L
from .actor_builder import ActorBuilder, slug
from .context import Context
from .mentions import MentionRec

SOURCE_STOP = frozenset("""
a an the one two three some several many this that these those his her its their our another and or but
said told according to by from with cited quoted citing quoting which who as other of in on at for
""".split())
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# One unnamed person who speaks ("a senior U.S. official", "a Western diplomat") is an anonymous source.
UNNAMED_PEOPLE = frozenset({"official", "diplomat", "officer", "insider"})
ANONYMOUS_HEADS = frozenset({"source", "sources"}) | UNNAMED_PEOPLE


def _stands_alone(toks: list, i: int) -> bool:
    """A noun that heads its phrase: what follows is a verb, a clause or punctuation ("an official said")."""
    if i + 1 >= len(toks) or toks[i + 1].sent != toks[i].sent:
        return True
    nxt = toks[i + 1].lower
    return (not nxt.isalpha() or nxt in L.SPEECH_VERBS or nxt in L.AUXILIARIES
            or nxt in ("who", "in", "at", "with", "from", "familiar", "speaking", "close", "briefed", "involved"))


def _opens_clause(toks: list, j: int) -> bool:
    """Token j starts its sentence or clause (so the phrase it opens can be a subject, not an object)."""
    if j == 0 or toks[j - 1].sent != toks[j].sent:
        return True
    prev = toks[j - 1]
    return prev.text in (",", ";", "\u2014", "\u201c", '"', "(") or prev.lower in ("but", "and", "while", "as")


def _speaks(ctx: Context, i: int) -> bool:
    """An unnamed person is a source only when the text gives his words: a speech verb in his sentence, or in one
    of the next two whose subject stands for him ("He said", "the diplomat said")."""
    toks = ctx.tokens
    a, z = ctx.sent_tokens[toks[i].sent]
    if any(toks[k].lower in L.SPEECH_VERBS and not ctx.in_quote(toks[k].start, toks[k].end) for k in range(a, z)):
        return True
    for s in range(toks[i].sent + 1, min(len(ctx.sent_tokens), toks[i].sent + 3)):
        a, z = ctx.sent_tokens[s]
        for k in range(a + 1, z):
            if toks[k].lower in L.SPEECH_VERBS and not ctx.in_quote(toks[k].start, toks[k].end) \
                    and (toks[k - 1].lower in ("he", "she", toks[i].lower)):
                return True
    return False


def anonymous_sources(b: ActorBuilder) -> None:
    """"a regional source", "one Israeli source": the head noun with its modifiers, without determiner."""
    toks = b.ctx.tokens
    described: dict[str, str] = {}
    for tok in toks:
        if tok.lower not in ANONYMOUS_HEADS or tok.i in b.covered:
            continue
        if tok.i + 1 < len(toks) and toks[tok.i + 1].lower in ("of", "for", "code"):
            continue
        if tok.lower in UNNAMED_PEOPLE and not _stands_alone(toks, tok.i):
            continue
        j = tok.i - 1
        inside: list[MentionRec] = []
        while j >= 0 and tok.i - j <= 4 and toks[j].sent == tok.sent:
            t = toks[j]
            covering = b.mentions.covering(j)
            if covering:
                m = covering[0]
                inside.append(m)
                j = m.tok_start - 1
                continue
            if t.text.isalpha() and t.text.islower() and t.lower not in SOURCE_STOP and t.lower not in L.PREPOSITIONS:
                j -= 1
                continue
            if t.text in L.REGIONAL_ADJECTIVES:
                j -= 1
                continue
            if t.text == "-" and j > 0:
                j -= 1
                continue
            break
        first = j + 1
        while first < tok.i and toks[first].text == "-":
            first += 1
        determiner = toks[j].lower if j >= 0 and toks[j].sent == tok.sent else ""
        text = b.ctx.text[toks[first].start:tok.end]
        if determiner == "the" and text in described:
            b.add(described[text], first, tok.i + 1, kind="anonymous", cover=False)
            b.covered.add(tok.i)
            continue
        if tok.lower in UNNAMED_PEOPLE and (determiner not in ("a", "an", "one") or not _opens_clause(toks, j)
                                            or not _speaks(b.ctx, tok.i)):
            continue
        if determiner in DEFINITE or (first == tok.i and determiner not in ("a", "an", "one", "two", "three")):
            continue
        owner = next((m.actor for m in inside if b.actors[m.actor].type != "population"), None)
        base = "source_" + slug(text)
        actor_id, n = base, 1
        while actor_id in b.actors:
            n += 1
            actor_id = f"{base}_{n}"
        actor_id = b.ensure(actor_id, text, "anonymous_source", owner)
        described.setdefault(text, actor_id)
        b.add(actor_id, first, tok.i + 1, kind="anonymous", cover=False)
        b.covered.add(tok.i)
