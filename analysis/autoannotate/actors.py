"""Actors and their mentions: gazetteer matches, demonyms, metonymy, anonymous sources, and discovered names."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .context import APOSTROPHES, Context
from .gazetteer import KINDS, Entry, Gazetteer, load_gazetteer, phrase_matcher
from . import lexicon as L

POPULATION_NOUNS = {"civilians": "civilians", "hostages": "hostages", "refugees": "refugees"}
SOURCE_STOP = frozenset("""
a an the one two three some several many this that these those his her its their our another and or but
said told according to by from with cited quoted citing quoting which who as other of in on at for
""".split())
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
NOT_ADJECTIVE_AFTER = frozenset({"are", "were", "have", "had", "has", "who", "and", "or", "in", "on", "at",
                                 "is", "was", "will", "would", "say", "said", "to", "of", "from", "living"})


@dataclass
class ActorRec:
    """An actor the annotator found or knows."""

    id: str
    name: str
    type: str
    affiliation: str | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass
class MentionRec:
    """One place an actor is named, with its token range."""

    actor: str
    start: int
    end: int
    text: str
    tok_start: int
    tok_end: int
    metonymy: bool = False
    kind: str = "name"


@dataclass
class ActorLayer:
    """The actors found in one article and every mention of them, in text order."""

    actors: dict[str, ActorRec]
    mentions: list[MentionRec]

    def mention_at(self, tok: int) -> list[MentionRec]:
        """Mentions that cover token `tok`."""
        return [m for m in self.mentions if m.tok_start <= tok < m.tok_end]

    def actor_type(self, actor_id: str) -> str:
        return self.actors[actor_id].type if actor_id in self.actors else ""


def slug(text: str) -> str:
    """A lowercase snake_case id made from a name."""
    text = text.replace("\u2019", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "actor"


def _is_name_token(tok_text: str) -> bool:
    """A capitalised word (allowing inner apostrophes, hyphens and periods) that is not a calendar word."""
    return tok_text not in L.CALENDAR_WORDS and bool(re.match(r"^[A-Z][\w\u2019'.\-]*$", tok_text))


def _particle(tok_text: str) -> bool:
    """A lowercase name particle ("al-Burhan", "bin", "von")."""
    head = tok_text.split("-")[0]
    return head in L.NAME_PARTICLES and (tok_text == head or tok_text[len(head) + 1:][:1].isupper())


class _Builder:
    """Collects actors and mentions while the rules run."""

    def __init__(self, ctx: Context, gaz: Gazetteer) -> None:
        self.ctx = ctx
        self.gaz = gaz
        self.actors: dict[str, ActorRec] = {}
        self.mentions: list[MentionRec] = []
        self.covered: set[int] = set()

    def ensure(self, actor_id: str, name: str | None = None, type_: str | None = None,
               affiliation: str | None = None) -> str:
        """Register an actor (with its gazetteer affiliation chain) and return its id."""
        if actor_id in self.actors:
            return actor_id
        entry = self.gaz.entries.get(actor_id)
        if entry is not None:
            self.actors[actor_id] = ActorRec(entry.id, entry.name, entry.type, entry.affiliation, list(entry.aliases))
            if entry.affiliation:
                self.ensure(entry.affiliation)
        else:
            self.actors[actor_id] = ActorRec(actor_id, name or actor_id, type_ or "person", affiliation)
        return actor_id

    def add(self, actor_id: str, t0: int, t1: int, metonymy: bool = False, kind: str = "name",
            cover: bool = True) -> MentionRec:
        """Add a mention over tokens [t0, t1)."""
        toks = self.ctx.tokens
        start, end = toks[t0].start, toks[t1 - 1].end
        m = MentionRec(actor_id, start, end, self.ctx.text[start:end], t0, t1, metonymy, kind)
        self.mentions.append(m)
        if cover:
            self.covered.update(range(t0, t1))
        return m


def find_actors(ctx: Context, gazetteer_path: str | None = None) -> ActorLayer:
    """Every actor mention of the article, by the rules of docs/annotation-guidelines.md."""
    gaz = load_gazetteer(gazetteer_path)
    b = _Builder(ctx, gaz)
    _gazetteer_mentions(b, phrase_matcher(gazetteer_path))
    _population_nouns(b)
    _discover_names(b)
    _parenthesised_acronyms(b)
    _surnames(b)
    _anonymous_sources(b)
    b.mentions.sort(key=lambda m: (m.start, -m.end, m.actor))
    return ActorLayer(b.actors, b.mentions)


def _gazetteer_mentions(b: _Builder, matcher: object) -> None:
    """Longest non-overlapping gazetteer matches, each kept or dropped by the rule for its kind."""
    ctx, gaz = b.ctx, b.gaz
    vocab_strings = ctx.doc.vocab.strings
    spans = []
    for match_id, s, e in matcher(ctx.doc):  # type: ignore[operator]
        t0 = ctx.token_at(ctx.doc[s].idx)
        t1 = ctx.token_at(ctx.doc[e - 1].idx)
        if t0 is None or t1 is None:
            continue
        spans.append((t0, t1 + 1, vocab_strings[match_id]))
    spans.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: set[int] = set()
    accepted = []
    for t0, t1, surface in spans:
        if any(i in taken for i in range(t0, t1)):
            continue
        taken.update(range(t0, t1))
        accepted.append((t0, t1, surface))
    accepted.sort()
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


def _apply_kind_rule(b: _Builder, t0: int, t1: int, kind: str, kinds: set[str], actor_id: str,
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
        if prev is not None and (prev.lower in L.PLACE_PREPOSITIONS or prev.is_cap and prev.text not in L.COMMON_CAPITALISED
                                 and not _is_demonym(b, prev.text)):
            return None
        if nxt is not None and nxt.text in ("\u2019s", "'s", "\u2019", "'"):
            if nxt2 is not None and nxt2.lower in L.PLACE_NOUNS:
                return None
            return b.add(b.ensure(actor_id), t0, t1, metonymy=True)
        if nxt is not None and nxt.lower in L.METONYMY_VERBS:
            return b.add(b.ensure(actor_id), t0, t1, metonymy=True)
        return None
    if kind == "demonym":
        if "plural_demonym" in kinds and not _adjective_use(nxt):
            return _population(b, t0, t1, surface)
        return b.add(b.ensure(actor_id), t0, t1, kind="demonym")
    if kind == "plural_demonym":
        return _population(b, t0, t1, surface)
    return None


def _is_demonym(b: _Builder, text: str) -> bool:
    return any(k == "demonym" for k, _ in b.gaz.surfaces.get(text, []))


def _adjective_use(nxt: object) -> bool:
    """A demonym that is also a plural noun ("Lebanese") is an adjective when a noun follows it."""
    if nxt is None:
        return False
    text = nxt.text  # type: ignore[attr-defined]
    if not text[:1].isalpha():
        return False
    return text.lower() not in NOT_ADJECTIVE_AFTER


def _population(b: _Builder, t0: int, t1: int, surface: str) -> MentionRec:
    name = surface if surface.endswith("s") else surface
    actor_id = b.ensure(slug(name) if slug(name) not in b.gaz.entries else slug(name) + "_people", name, "population")
    return b.add(actor_id, t0, t1, kind="population")


def _population_nouns(b: _Builder) -> None:
    """Lowercase group nouns that name a population ("civilians")."""
    for tok in b.ctx.tokens:
        if tok.text in POPULATION_NOUNS and tok.i not in b.covered:
            actor_id = b.ensure(POPULATION_NOUNS[tok.text], tok.text, "population")
            b.add(actor_id, tok.i, tok.i + 1, kind="population")


def _runs(b: _Builder, s: int) -> list[tuple[int, int]]:
    """Maximal runs of uncovered capitalised tokens (with name particles and 'of') in sentence `s`."""
    toks = b.ctx.tokens
    a, z = b.ctx.sent_tokens[s]
    runs = []
    i = a
    while i < z:
        if i in b.covered or not _is_name_token(toks[i].text):
            i += 1
            continue
        j = i + 1
        while j < z and j not in b.covered:
            t = toks[j].text
            if _is_name_token(t) or (_particle(t) and j + 1 < z and _is_name_token(toks[j + 1].text)):
                j += 1
            elif t in ("of", "for") and j + 1 < z and _is_name_token(toks[j + 1].text) and j + 1 not in b.covered:
                j += 1
            else:
                break
        while j - 1 > i and toks[j - 1].text in ("of", "for"):
            j -= 1
        runs.append((i, j))
        i = j
    return runs


def _discover_names(b: _Builder) -> None:
    """Capitalised runs the gazetteer lacks: people (by role, speech verb or apposition) and organisations."""
    toks = b.ctx.tokens
    for s in range(len(b.ctx.sentences)):
        first = b.ctx.sent_tokens[s][0]
        for i, j in _runs(b, s):
            while i < j and (toks[i].text in L.COMMON_CAPITALISED and (i == first or toks[i - 1].text in "\u201c\"(")):
                i += 1
            if i >= j:
                continue
            words = [t.text for t in toks[i:j]]
            head = words[-1].lower()
            if len(words) >= 2 and head in L.ORG_HEADS and words[-1][0].isupper() or (
                    words[0] in ("Ministry", "Department", "Office") and "of" in words):
                _add_org(b, i, j, L.ORG_HEADS.get(head, "government_institution"))
                continue
            k = max((n for n, w in enumerate(words) if w in L.TITLE_WORDS), default=-1)
            person_start = i + k + 1
            name = [t for t in toks[person_start:j]]
            if not 2 <= len(name) <= 4 or any(t.text in L.PLACE_HEADS for t in name):
                continue
            if not all(t.text[:1].isupper() or _particle(t.text) for t in name):
                continue
            if _person_cue(b, person_start, j, titled=k >= 0):
                _add_person(b, person_start, j)


def _person_cue(b: _Builder, i: int, j: int, titled: bool) -> bool:
    """Context that marks a capitalised run as a person's name."""
    toks = b.ctx.tokens
    sent = toks[i].sent
    prev = toks[i - 1] if i > 0 and toks[i - 1].sent == sent else None
    nxt = toks[j] if j < len(toks) and toks[j].sent == sent else None
    if titled or (prev is not None and prev.lower in L.ROLE_WORDS):
        return True
    if nxt is not None and nxt.lower in L.SPEECH_VERBS:
        return True
    if prev is not None and prev.lower in ("said", "says", "told", "added") and (nxt is None or nxt.text in ",."):
        return True
    if nxt is not None and nxt.text == "," and j + 2 < len(toks):
        after = toks[j + 1].lower
        role = toks[j + 2].lower
        if after in ("a", "an", "the") and (role in L.ROLE_WORDS or (j + 3 < len(toks) and toks[j + 3].lower in L.ROLE_WORDS)):
            return True
        if after == "who":
            return True
    return False


def _affiliation_before(b: _Builder, i: int) -> str | None:
    """The actor named just before a person's role words ("State Department deputy spokesperson X")."""
    toks = b.ctx.tokens
    j = i - 1
    steps = 0
    while j >= 0 and steps < 6 and toks[j].sent == toks[i].sent:
        t = toks[j]
        owners = [m for m in b.mentions if m.tok_end == j + 1]
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


def _affiliation_after(b: _Builder, j: int) -> str | None:
    """The actor named in an apposition after a name (", a spokesman for the ministry")."""
    toks = b.ctx.tokens
    if j >= len(toks) or toks[j].text != ",":
        return None
    k = j + 1
    while k < min(len(toks), j + 9) and toks[k].sent == toks[j].sent and toks[k].text not in ",.;":
        if toks[k - 1].lower in ("for", "of", "at", "with", "from", "in"):
            owners = [m for m in b.mentions if m.tok_start == k or (toks[k].lower == "the" and m.tok_start == k + 1)]
            if owners:
                return owners[0].actor
        k += 1
    return None


def _add_person(b: _Builder, i: int, j: int) -> None:
    toks = b.ctx.tokens
    name = b.ctx.text[toks[i].start:toks[j - 1].end]
    actor_id = slug(name)
    if actor_id in b.actors or actor_id in b.gaz.entries:
        b.ensure(actor_id)
    else:
        b.ensure(actor_id, name, "person", _affiliation_before(b, i) or _affiliation_after(b, j))
    b.add(actor_id, i, j)


def _add_org(b: _Builder, i: int, j: int, type_: str) -> None:
    """An organisation name, merged with a state named just before it ("Sudanese Health Ministry")."""
    toks = b.ctx.tokens
    affiliation = None
    before = [m for m in b.mentions if m.tok_end == i and b.actors[m.actor].type == "state"]
    if before:
        state = before[0]
        b.mentions.remove(state)
        affiliation = state.actor
        i = state.tok_start
        if type_ == "armed_group":
            type_ = "government_institution"
    name = b.ctx.text[toks[i].start:toks[j - 1].end]
    actor_id = slug(name)
    b.ensure(actor_id, name, type_, affiliation)
    b.add(actor_id, i, j)
    if affiliation:
        short = b.ctx.text[toks[before[0].tok_end].start:toks[j - 1].end]
        if short not in b.actors[actor_id].aliases:
            b.actors[actor_id].aliases.append(short)


def _parenthesised_acronyms(b: _Builder) -> None:
    """"Name (ACRONYM)" makes the acronym an alias and a mention of the same actor."""
    toks = b.ctx.tokens
    for m in list(b.mentions):
        k = m.tok_end
        if k + 2 < len(toks) and toks[k].text == "(" and toks[k + 2].text == ")" and k + 1 not in b.covered:
            acr = toks[k + 1].text
            if acr.isupper() and 2 <= len(acr) <= 8:
                b.actors[m.actor].aliases.append(acr)
                b.add(m.actor, k + 1, k + 2)
    _aliases_everywhere(b, {a.id: [x for x in a.aliases if x.isupper()] for a in b.actors.values()})


def _surnames(b: _Builder) -> None:
    """A person's surname or single-word alias names him wherever it stands alone."""
    aliases: dict[str, list[str]] = {}
    for a in b.actors.values():
        if a.type != "person":
            continue
        words = a.name.split()
        extra = [words[-1]] if len(words) >= 2 and len(words[-1]) > 2 else []
        aliases[a.id] = [x for x in a.aliases + extra if " " not in x]
    _aliases_everywhere(b, aliases)


def _aliases_everywhere(b: _Builder, aliases: dict[str, list[str]]) -> None:
    """Mark every uncovered token equal to a one-word alias as a mention of its actor."""
    table: dict[str, str] = {}
    for actor_id in sorted(aliases):
        for alias in aliases[actor_id]:
            for v in {alias, alias.replace("'", "\u2019")}:
                table.setdefault(v, actor_id)
    for tok in b.ctx.tokens:
        if tok.i not in b.covered and tok.text in table:
            b.add(table[tok.text], tok.i, tok.i + 1)


def _anonymous_sources(b: _Builder) -> None:
    """"a regional source", "one Israeli source": the head noun with its modifiers, without determiner."""
    toks = b.ctx.tokens
    for tok in toks:
        if tok.lower not in ("source", "sources") or tok.i in b.covered:
            continue
        if tok.i + 1 < len(toks) and toks[tok.i + 1].lower in ("of", "for", "code"):
            continue
        j = tok.i - 1
        inside: list[MentionRec] = []
        while j >= 0 and tok.i - j <= 4 and toks[j].sent == tok.sent:
            t = toks[j]
            covering = [m for m in b.mentions if m.tok_start <= j < m.tok_end]
            if covering:
                m = covering[0]
                inside.append(m)
                j = m.tok_start - 1
                continue
            if t.text.isalpha() and t.text.islower() and t.lower not in SOURCE_STOP and t.lower not in L.PREPOSITIONS:
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
        if determiner in DEFINITE or (first == tok.i and determiner not in ("a", "an", "one", "two", "three")):
            continue
        text = b.ctx.text[toks[first].start:tok.end]
        owner = next((m.actor for m in inside if b.actors[m.actor].type != "population"), None)
        base = "source_" + slug(text)
        actor_id, n = base, 1
        while actor_id in b.actors:
            n += 1
            actor_id = f"{base}_{n}"
        actor_id = b.ensure(actor_id, text, "anonymous_source", owner)
        b.add(actor_id, first, tok.i + 1, kind="anonymous", cover=False)
        b.covered.add(tok.i)
