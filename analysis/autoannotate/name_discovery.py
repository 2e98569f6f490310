"""Names the gazetteer lacks: capitalised runs that are organisations (by their head noun) or people (by a
title, role, speech verb or apposition), with the affiliation the text gives a person."""
from __future__ import annotations

from . import lexicon as L
from .actor_builder import ActorBuilder, slug
from .anonymous_sources import SOURCE_STOP
from .context import APOSTROPHES
from .name_runs import (
    apposition_head,
    capitalised_runs,
    comma_after,
    introduced_by_name,
    inverted_speaker_described,
    name_words,
    particle,
    past_common_opening,
    person_cue,
    place_context,
    title_end,
    word_token,
)
from .organisations import add_org, extend_body_before

# Titles that only ever stand before a person's name: "President Uribe" names a person by the surname alone.
PERSONAL_TITLES = frozenset({"President", "Minister", "Chancellor", "Premier", "King", "Queen", "Prince", "Pope",
                             "Gen.", "Col.", "Lt.", "Maj.", "Capt.", "Sgt.", "Adm.", "Prof.", "Sen.", "Rep.",
                             "Secretary-General", "Sheikh", "Ayatollah", "Imam"})


def discover_names(b: ActorBuilder) -> None:
    """Capitalised runs the gazetteer lacks: people (by role, speech verb or apposition) and organisations."""
    toks = b.ctx.tokens
    for s in range(len(b.ctx.sentences)):
        for i, j in capitalised_runs(b, s):
            i = past_common_opening(b, i, j)
            if i >= j:
                continue
            words = name_words(toks, i, j)
            inner = next((n for n, w in enumerate(words) if w in ("of", "for") and n > 0), len(words))
            head = words[inner - 1].lower() if inner >= 1 else words[-1].lower()
            if len(words) >= 2 and head in L.ORG_HEADS and words[-1][0].isupper() or (
                    words[0] in ("Ministry", "Department", "Office") and "of" in words):
                add_org(b, i, j, L.ORG_HEADS.get(head, "government_institution"))
                continue
            if len(words) == 1 and head in L.ORG_HEADS and extend_body_before(b, i, j):
                continue
            if len(words) >= 2 and apposition_head(b, j + 1) in L.ORG_HEADS and comma_after(toks, j):
                add_org(b, i, j, L.ORG_HEADS[apposition_head(b, j + 1)])
                continue
            k = title_end(words)
            person_start = word_token(toks, i, j, k + 1)
            name = name_words(toks, person_start, j)
            if any(w in L.PLACE_HEADS for w in name) or not name or not name[0][:1].isupper():
                continue
            if not all(w[:1].isupper() or particle(w) for w in name):
                continue
            if len(name) == 1 and (introduced_by_name(toks, person_start) or inverted_speaker_described(b, person_start, j)) \
                    and not place_context(b, person_start, j):
                _add_person(b, person_start, j)
            elif 2 <= len(name) <= 4 and person_cue(b, person_start, j, titled=k >= 0):
                _add_person(b, person_start, j)
            elif len(name) == 1 and k == len(words) - 2 and words[k] in PERSONAL_TITLES and name[0] not in L.ORG_HEADS \
                    and not (i > 0 and toks[i - 1].lower == "the") and not place_context(b, person_start, j) \
                    and not any(a.type == "person" and name[0] in a.name.split() for a in b.actors.values()):
                _add_person(b, person_start, j)


def _affiliation_before(b: ActorBuilder, i: int) -> str | None:
    """The actor named just before a person's role words ("State Department deputy spokesperson X")."""
    toks = b.ctx.tokens
    j = i - 1
    steps = 0
    while j >= 0 and steps < 6 and toks[j].sent == toks[i].sent:
        t = toks[j]
        owners = b.mentions.ending_at(j + 1)
        if owners:
            owner = max(owners, key=lambda m: m.end - m.start)
            return owner.actor if b.actors[owner.actor].type != "population" else None
        if t.text in APOSTROPHES or t.text in ("\u2019s", "'s") or t.lower in L.ROLE_WORDS or t.text in L.TITLE_WORDS \
                or (t.text.isalpha() and t.text.islower() and t.lower not in SOURCE_STOP):
            j -= 1
            steps += 1
            continue
        break
    return None


def _affiliation_after(b: ActorBuilder, j: int) -> str | None:
    """The actor named in an apposition after a name (", a spokesman for the ministry")."""
    toks = b.ctx.tokens
    if j >= len(toks) or toks[j].text != ",":
        return None
    k = j + 1
    while k < min(len(toks), j + 9) and toks[k].sent == toks[j].sent and toks[k].text not in ",.;":
        if toks[k - 1].lower in ("for", "of", "at", "with", "from", "in"):
            owners = b.mentions.starting_at(k, k + 1) if toks[k].lower == "the" else b.mentions.starting_at(k)
            if owners:
                return owners[0].actor
        k += 1
    return None


def _add_person(b: ActorBuilder, i: int, j: int) -> None:
    toks = b.ctx.tokens
    name = b.ctx.text[toks[i].start:toks[j - 1].end]
    actor_id = slug(name)
    if actor_id in b.actors or actor_id in b.gaz.entries:
        b.ensure(actor_id)
    else:
        b.ensure(actor_id, name, "person", _affiliation_before(b, i) or _affiliation_after(b, j))
    b.add(actor_id, i, j)
