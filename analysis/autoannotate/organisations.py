"""Organisation names: bodies owned by a state or international body, names followed by an organisation noun,
and the outlet named in the byline."""
from __future__ import annotations

import re

from . import lexicon as L
from .actor_builder import ActorBuilder, slug
from .mentions import MentionRec
from .name_runs import capitalised_runs, past_common_opening, place_context
from .phrase_table import PhraseTable


def extend_body_before(b: ActorBuilder, i: int, j: int) -> bool:
    """A capitalised organisation head right after a body's name extends that name ("Somali Police" + "Force")."""
    before = [m for m in b.mentions.ending_at(i) if b.actors[m.actor].type in (
        "government_institution", "international_organisation", "armed_group", "political_organisation")]
    if not before:
        return False
    m = max(before, key=lambda x: x.end - x.start)
    b.mentions.remove(m)
    b.add(m.actor, m.tok_start, j)
    return True


def owner_before(b: ActorBuilder, i: int) -> MentionRec | None:
    """The state or international body that owns a name: right before it, or before a possessive."""
    toks = b.ctx.tokens
    ends = (i, i - 1) if i > 0 and toks[i - 1].text in ("\u2019s", "'s") else (i,)
    return next((m for m in b.mentions.ending_at(*ends)
                 if b.actors[m.actor].type in ("state", "international_organisation")), None)


def _byline_outlets(text: str) -> list[tuple[int, int]]:
    """Character spans of the outlet named in the byline or dateline ("By X, Outlet \u2014", "(Outlet) \u2014")."""
    head = text[:600]
    spans = []
    for pattern in (r"\(([A-Z][\w.&' ]{2,40})\)\s*[\u2014\u2013-]",
                    r"(?m)^By [^,\n]+, ([A-Z][\w.&' ]{2,40}?)\s*[\u2014\u2013]",
                    r"(?m)^([A-Z][\w.&' ]{2,40}?) live(?: blog)?\s*[\u2014\u2013]",
                    r"(?m)^[A-Z]+\s*\|\s*([A-Z][\w.&' ]{2,40}?)\s*\|"):
        spans += [m.span(1) for m in re.finditer(pattern, head)]
    return spans


def outlet_names(b: ActorBuilder) -> None:
    """The outlet of the byline is metadata; where the body names it ("told Conflict Wire") it is a media actor."""
    toks = b.ctx.tokens
    spans = _byline_outlets(b.ctx.text)
    for start, end in spans:
        t0, t1 = b.ctx.token_at(start), b.ctx.token_at(end - 1)
        if t0 is not None and t1 is not None:
            b.covered.update(range(t0, t1 + 1))
    names = {b.ctx.text[s:e] for s, e in spans}
    for name in sorted(names):
        words = name.split()
        for tok in toks:
            i = tok.i
            if tok.text != words[0] or i in b.covered or [t.text for t in toks[i:i + len(words)]] != words:
                continue
            actor_id = b.ensure(slug(name), name, "media")
            b.add(actor_id, i, i + len(words))


# The organisation nouns and the actor type each names ("news agency" is tried before "agency").
ORG_NOUNS = PhraseTable(L.ORG_NOUNS_AFTER.items())


def named_by_noun_after(b: ActorBuilder) -> None:
    """A capitalised name followed by a lowercase organisation noun ("its Amaq news agency") names that body."""
    toks = b.ctx.tokens
    texts = [t.text for t in toks]
    for s in range(len(b.ctx.sentences)):
        first = b.ctx.sent_tokens[s][0]
        for i, j in capitalised_runs(b, s):
            if i == first and toks[i].text in L.COMMON_CAPITALISED:
                i += 1
                while i < j and toks[i].lower in ("of", "for", "the"):
                    i += 1
            i = past_common_opening(b, i, j) if i < j else i
            if i >= j or place_context(b, i, j) and not owner_before(b, i):
                continue
            noun = ORG_NOUNS.at(texts, j)
            if noun is not None:
                add_org(b, i, j, noun[1])


def add_org(b: ActorBuilder, i: int, j: int, type_: str) -> None:
    """An organisation name, merged with a state or international body named just before it ("Sudanese Health
    Ministry", "U.N. Refugee Mission"), affiliated to a possessor ("Chad's Rural Police"), extended by "in <state>"."""
    toks = b.ctx.tokens
    if j + 1 < len(toks) and toks[j].lower in ("in", "to") and toks[j - 1].lower in L.SEATED_HEADS:
        there = [m for m in b.mentions.starting_at(j + 1) if b.actors[m.actor].type == "state"]
        if there:
            b.mentions.remove(there[0])
            j = there[0].tok_end
    affiliation = None
    owner = owner_before(b, i)
    merged = owner is not None and owner.tok_end == i
    if owner is not None:
        affiliation = owner.actor
        if b.actors[owner.actor].type == "international_organisation":
            type_ = "international_organisation"
        elif type_ == "armed_group":
            type_ = "government_institution"
    if owner is None and b.ctx.text[toks[i].start:toks[j - 1].end].lower() in b.bare_forms:
        b.add(b.bare_forms[b.ctx.text[toks[i].start:toks[j - 1].end].lower()], i, j)
        return
    if merged and owner is not None:
        b.mentions.remove(owner)
        i = owner.tok_start
    name = b.ctx.text[toks[i].start:toks[j - 1].end]
    actor_id = slug(name)
    b.ensure(actor_id, name, type_, affiliation)
    b.add(actor_id, i, j)
    if merged and owner is not None:
        short = b.ctx.text[toks[owner.tok_end].start:toks[j - 1].end]
        if short not in b.actors[actor_id].aliases:
            b.actors[actor_id].aliases.append(short)
    if owner is not None:
        b.bare_forms.setdefault(b.ctx.text[toks[owner.tok_end + (not merged)].start:toks[j - 1].end].lower(),
                                actor_id)


# Portfolios written in lower case before "ministry" ("the Gaza health ministry").
PORTFOLIOS = frozenset({"health", "interior", "defense", "defence", "foreign", "information", "justice", "finance",
                        "education", "agriculture", "religious", "endowments", "electricity", "water"})


def lowercase_ministries(b: ActorBuilder) -> None:
    """"the Gaza health ministry": a capitalised place or name, a lowercase portfolio and "ministry" name a ministry
    (a government institution) when no actor owns the place word."""
    toks = b.ctx.tokens
    for k in range(1, len(toks) - 1):
        if toks[k].lower not in PORTFOLIOS or toks[k + 1].lower not in ("ministry", "ministries") \
                or not toks[k].text.islower() or toks[k - 1].sent != toks[k].sent:
            continue
        place = k - 1
        if not toks[place].text[:1].isupper() or not toks[place].text.isalpha() or place in b.covered \
                or toks[place].text in L.COMMON_CAPITALISED or any(i in b.covered for i in (k, k + 1)):
            continue
        name = b.ctx.text[toks[place].start:toks[k + 1].end]
        b.add(b.ensure(slug(name), name, "government_institution"), place, k + 2)
