"""Aliases: an acronym given in brackets after a name, and a person's surname, name the actor wherever they
stand alone."""
from __future__ import annotations

from .actor_builder import ActorBuilder


def parenthesised_acronyms(b: ActorBuilder) -> None:
    """"Name (ACRONYM)" makes the acronym an alias and a mention of the same actor."""
    toks = b.ctx.tokens
    for m in b.mentions.snapshot():
        k = m.tok_end
        if k + 2 < len(toks) and toks[k].text == "(" and toks[k + 2].text == ")" and k + 1 not in b.covered:
            acr = toks[k + 1].text
            if acr.isupper() and 2 <= len(acr) <= 8:
                b.actors[m.actor].aliases.append(acr)
                b.add(m.actor, k + 1, k + 2)
    _aliases_everywhere(b, {a.id: [x for x in a.aliases if x.isupper()] for a in b.actors.values()})


HONORIFICS = frozenset({"Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Prof.", "Messrs."})


def _honoured_words(b: ActorBuilder) -> set[str]:
    """Words the text writes after an honorific ("Mr. Ban"): the name its people are called by, whatever part of
    their full name it is."""
    toks = b.ctx.tokens
    return {toks[k + 1].text for k in range(len(toks) - 1) if toks[k].text in HONORIFICS
            or toks[k].text in ("Mr", "Mrs", "Ms", "Dr") and toks[k + 1].text == "."}


def surnames(b: ActorBuilder) -> None:
    """A person's surname, single-word alias, or the part of the name used after an honorific names him wherever
    it stands alone."""
    aliases: dict[str, list[str]] = {}
    honoured = _honoured_words(b)
    for a in b.actors.values():
        if a.type != "person":
            continue
        words = a.name.split()
        extra = [words[-1]] if len(words[-1]) > 2 else []
        extra += [w for w in words[:-1] if w in honoured and len(w) > 2]
        aliases[a.id] = [x for x in a.aliases + extra if " " not in x]
    _aliases_everywhere(b, aliases)


def _aliases_everywhere(b: ActorBuilder, aliases: dict[str, list[str]]) -> None:
    """Mark every uncovered stretch of tokens spelling a one-word alias ("Kirby", "al-Sharafi") as a mention."""
    table: dict[str, str] = {}
    for actor_id in sorted(aliases):
        for alias in aliases[actor_id]:
            for v in {alias, alias.replace("'", "\u2019")}:
                table.setdefault(v, actor_id)
    sizes: dict[str, set[int]] = {}
    for alias in table:
        sizes.setdefault(alias[:1], set()).add(len(alias))
    lengths = {first: sorted(ns, reverse=True) for first, ns in sizes.items()}
    toks = b.ctx.tokens
    text = b.ctx.text
    for tok in toks:
        sizes = lengths.get(text[tok.start])
        if sizes is None or tok.i in b.covered or tok.i > 0 and toks[tok.i - 1].end == tok.start \
                and toks[tok.i - 1].text == "-":
            continue
        for n in sizes:
            alias = text[tok.start:tok.start + n]
            if alias not in table:
                continue
            end = tok.start + len(alias)
            last = b.ctx.token_at(end - 1)
            if last is None or toks[last].end != end or any(k in b.covered for k in range(tok.i, last + 1)):
                continue
            if last + 1 < len(toks) and toks[last + 1].start == end and toks[last + 1].text == "-":
                continue
            b.add(table[alias], tok.i, last + 1)
            break
