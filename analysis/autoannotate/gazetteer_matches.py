"""Gazetteer matches kept or dropped by the rule for their kind (name, seat, capital, demonym), population
nouns, and a state's institutions named after its possessive ("Ukraine's General Staff")."""
from __future__ import annotations

from . import lexicon as L
from .actor_builder import ActorBuilder, slug
from .gazetteer import KINDS, Entry, SurfaceMatcher, proper_form
from .mentions import MentionRec

POPULATION_NOUNS = {"civilians": "civilians", "hostages": "hostages", "refugees": "refugees"}
NOT_ADJECTIVE_AFTER = frozenset({"are", "were", "have", "had", "has", "who", "and", "or", "in", "on", "at",
                                 "is", "was", "will", "would", "say", "said", "to", "of", "from", "living"})


def gazetteer_mentions(b: ActorBuilder, matcher: SurfaceMatcher) -> None:
    """Longest non-overlapping gazetteer matches, each kept or dropped by the rule for its kind."""
    ctx, gaz = b.ctx, b.gaz
    written = [ctx.text[t.start:t.end] for t in ctx.tokens]
    spans = [(t0, t1, surface) for surface, t0, t1 in matcher(written, ctx.spaced)]
    spans.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: set[int] = set()
    accepted = []
    for t0, t1, surface in spans:
        if any(i in taken for i in range(t0, t1)):
            continue
        taken.update(range(t0, t1))
        accepted.append((t0, t1, surface))
    accepted = sorted(_designations_before_names(b, matcher, written, accepted))
    previous: MentionRec | None = None
    for t0, t1, surface in accepted:
        pairs = sorted(gaz.surfaces[surface], key=lambda p: KINDS.index(p[0]))
        kind, actor_id = pairs[0]
        kinds = {k for k, _ in pairs}
        made = _apply_kind_rule(b, t0, t1, kind, kinds, actor_id, surface)
        if made is None:
            continue
        if (previous is not None and previous.tok_end == made.tok_start and made.kind == "name"
                and b.actors[previous.actor].type == "state"
                and b.actors[made.actor].type not in ("state", "person")
                and previous.actor in gaz.chain(made.actor)):
            b.mentions.remove(previous)
            b.mentions.remove(made)
            made = b.add(made.actor, previous.tok_start, made.tok_end)
        previous = made


def _designations_before_names(b: ActorBuilder, matcher: SurfaceMatcher, written: list[str],
                               accepted: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """"the U.N. refugee agency UNHCR said": a descriptive designation (a surface with lowercase words) right before
    the name of the same actor only describes it; its owner ("U.N.") stays a mention of its own. Set off by a comma
    ("The UN refugee agency, UNHCR,") it names the actor."""
    starts = {t0: surface for t0, _, surface in accepted}
    out = []
    for t0, t1, surface in accepted:
        actor = b.gaz.surfaces[surface][0][1]
        follows = starts.get(t1)
        if (any(w[:1].islower() for w in surface.split()) and follows is not None
                and any(a == actor for _, a in b.gaz.surfaces[follows])):
            prefix = next((n for n in range(t1 - t0 - 1, 0, -1) if tuple(written[t0:t0 + n]) in matcher.by_tokens), None)
            if prefix is not None:
                out.append((t0, t0 + prefix, matcher.by_tokens[tuple(written[t0:t0 + prefix])]))
            continue
        out.append((t0, t1, surface))
    return out


def _apply_kind_rule(b: ActorBuilder, t0: int, t1: int, kind: str, kinds: set[str], actor_id: str,
                     surface: str) -> MentionRec | None:
    """Keep a gazetteer match as a mention when its context fits its kind."""
    toks = b.ctx.tokens
    prev = toks[t0 - 1] if t0 > 0 and toks[t0 - 1].sent == toks[t0].sent else None
    prev2 = toks[t0 - 2] if t0 > 1 and toks[t0 - 2].sent == toks[t0].sent else None
    nxt = toks[t1] if t1 < len(toks) and toks[t1].sent == toks[t0].sent else None
    nxt2 = toks[t1 + 1] if t1 + 1 < len(toks) and toks[t1 + 1].sent == toks[t0].sent else None
    entry: Entry = b.gaz.entries[actor_id]
    if kind == "name":
        if (entry.type == "state" and prev is not None and prev.is_cap and prev.text not in L.CALENDAR_WORDS
                and prev.text not in L.TITLE_WORDS and prev.text not in L.COMMON_CAPITALISED
                and t0 - 1 != b.ctx.sent_tokens[toks[t0].sent][0] and prev.text.isalpha()):
            return None
        if (entry.type == "person" and t1 - t0 == 1 and surface != entry.name and prev is not None and prev.is_cap
                and prev.text.isalpha() and prev.text not in L.TITLE_WORDS and prev.text not in L.COMMON_CAPITALISED
                and prev.text not in L.CALENDAR_WORDS and prev.text not in b.gaz.surfaces):
            return None
        return b.add(b.ensure(actor_id), t0, t1)
    if kind == "seat":
        before = prev2 if prev is not None and prev.lower == "the" else prev
        if before is not None and before.lower in L.PLACE_PREPOSITIONS:
            return None
        return b.add(b.ensure(actor_id), t0, t1, metonymy=True)
    if kind == "capital":
        if prev is not None and (prev.lower in L.POLITICAL_VERBS or prev.lower in ("to", "with", "on")
                                 and prev2 is not None and prev2.lower in L.RELATION_WORDS
                                 or prev.lower == "by" and prev2 is not None and _participle(prev2.lower)):
            return b.add(b.ensure(actor_id), t0, t1, metonymy=True)
        if prev is not None and (prev.lower in L.PLACE_PREPOSITIONS or prev.is_cap and prev.text not in L.COMMON_CAPITALISED
                                 and not _is_demonym(b, prev.text)):
            return None
        if nxt is not None and nxt.text in ("\u2019s", "'s", "\u2019", "'"):
            if nxt2 is not None and nxt2.lower in L.PLACE_NOUNS:
                return None
            return b.add(b.ensure(actor_id), t0, t1, metonymy=True)
        if nxt is not None and (nxt.lower in L.METONYMY_VERBS or nxt.lower in L.SPEECH_VERBS):
            return b.add(b.ensure(actor_id), t0, t1, metonymy=True)
        return None
    if kind == "demonym":
        if "plural_demonym" in kinds and not _adjective_use(nxt):
            return _population(b, t0, t1, surface)
        return b.add(b.ensure(actor_id), t0, t1, kind="demonym")
    if kind == "plural_demonym":
        return _population(b, t0, t1, surface)
    return None


def _participle(word: str) -> bool:
    """A passive participle ("abandoned", "backed", "taken") before an agent "by"."""
    return word.isalpha() and (word.endswith("ed") or word.endswith("en") or word in L.IRREGULAR_PARTICIPLES)


def _is_demonym(b: ActorBuilder, text: str) -> bool:
    return any(k == "demonym" for k, _ in b.gaz.surfaces.get(text, []))


def _adjective_use(nxt: object) -> bool:
    """A demonym that is also a plural noun ("Lebanese") is an adjective when a noun follows it."""
    if nxt is None:
        return False
    text = nxt.text  # type: ignore[attr-defined]
    if not text[:1].isalpha():
        return False
    return text.lower() not in NOT_ADJECTIVE_AFTER


def _population(b: ActorBuilder, t0: int, t1: int, surface: str) -> MentionRec:
    name = surface if surface.endswith("s") else surface
    actor_id = b.ensure(slug(name) if slug(name) not in b.gaz.entries else slug(name) + "_people", name, "population")
    return b.add(actor_id, t0, t1, kind="population")


def population_nouns(b: ActorBuilder) -> None:
    """Lowercase group nouns that name a population ("civilians")."""
    toks = b.ctx.tokens
    for tok in toks:
        word = tok.text
        if word[:1].isupper() and (tok.i == b.ctx.sent_tokens[tok.sent][0] or toks[tok.i - 1].text in '\u201c"('):
            word = word.lower()
        if word in POPULATION_NOUNS and tok.i not in b.covered:
            actor_id = b.ensure(POPULATION_NOUNS[word], word, "population")
            b.add(actor_id, tok.i, tok.i + 1, kind="population")


def possessive_institutions(b: ActorBuilder) -> None:
    """"Ukraine's General Staff": the state is one mention, the bare form another, naming that state's body."""
    toks = b.ctx.tokens
    for m in b.mentions.snapshot():
        k = m.tok_end + 1
        if b.actors[m.actor].type != "state" or k >= len(toks) or toks[k - 1].text not in ("\u2019s", "'s"):
            continue
        for n in range(min(6, len(toks) - k), 0, -1):
            if toks[k + n - 1].sent != toks[k].sent:
                continue
            form = " ".join(t.text for t in toks[k:k + n])
            actor_id = b.gaz.institution(m.actor, form)
            if actor_id is None or not proper_form(form):
                continue
            end = _joined_portfolio(toks, k, k + n)
            for other in b.mentions.starting_at(*range(k, end)):
                b.mentions.remove(other)
            b.add(b.ensure(actor_id), k, end)
            b.bare_forms.setdefault(form.lower(), actor_id)
            break


def _joined_portfolio(toks: list, k: int, end: int) -> int:
    """"Ministry of Defense and Veterans Affairs": a "Ministry of" name goes on through "and" and the capitalised
    words of a second portfolio; the end of the name (exclusive token index)."""
    if toks[k].text not in ("Ministry", "Department") or end + 1 >= len(toks) or toks[end].text != "and":
        return end
    j = end + 1
    while j < len(toks) and toks[j].sent == toks[k].sent and toks[j].text[:1].isupper() and toks[j].text.isalpha():
        j += 1
    return j if j > end + 1 else end
