"""Actors and their mentions: gazetteer matches, demonyms, metonymy, anonymous sources, and discovered names."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .context import APOSTROPHES, Context
from .gazetteer import KINDS, Entry, Gazetteer, SurfaceMatcher, load_gazetteer, phrase_matcher, proper_form
from .mentions import ActorLayer, ActorRec, MentionRec, MentionSet
from . import lexicon as L

POPULATION_NOUNS = {"civilians": "civilians", "hostages": "hostages", "refugees": "refugees"}
SOURCE_STOP = frozenset("""
a an the one two three some several many this that these those his her its their our another and or but
said told according to by from with cited quoted citing quoting which who as other of in on at for
""".split())
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# One unnamed person who speaks ("a senior U.S. official", "a Western diplomat") is an anonymous source.
UNNAMED_PEOPLE = frozenset({"official", "diplomat", "officer", "insider"})
ANONYMOUS_HEADS = frozenset({"source", "sources"}) | UNNAMED_PEOPLE
# Words joining the parts of one organisation's name ("Support and Stabilisation Mission", "Bloques y Frente").
NAME_CONNECTORS = frozenset({"and", "y", "et", "&", "e"})
NOT_ADJECTIVE_AFTER = frozenset({"are", "were", "have", "had", "has", "who", "and", "or", "in", "on", "at",
                                 "is", "was", "will", "would", "say", "said", "to", "of", "from", "living"})


def slug(text: str) -> str:
    """A lowercase snake_case id made from a name."""
    text = text.replace("\u2019", "").replace("'", "")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "actor"


def _is_name_token(tok_text: str) -> bool:
    """A capitalised word (allowing inner apostrophes, hyphens and periods) that is not a calendar word."""
    return tok_text not in L.CALENDAR_WORDS and tok_text[:1].isupper() \
        and bool(re.match(r"^[^\W\d_][\w\u2019'.\-]*$", tok_text))


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
        self.mentions = MentionSet()
        self.covered: set[int] = set()
        # Bare names of bodies first named with their owner ("Lebanon's Health Ministry" -> "health ministry").
        self.bare_forms: dict[str, str] = {}

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
    _possessive_institutions(b)
    _population_nouns(b)
    _outlet_names(b)
    _discover_names(b)
    _named_by_noun_after(b)
    _parenthesised_acronyms(b)
    _surnames(b)
    _anonymous_sources(b)
    return ActorLayer(b.actors, sorted(b.mentions, key=lambda m: (m.start, -m.end, m.actor)), gaz)


def _gazetteer_mentions(b: _Builder, matcher: SurfaceMatcher) -> None:
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


def _participle(word: str) -> bool:
    """A passive participle ("abandoned", "backed", "taken") before an agent "by"."""
    return word.isalpha() and (word.endswith("ed") or word.endswith("en") or word in L.IRREGULAR_PARTICIPLES)


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
    toks = b.ctx.tokens
    for tok in toks:
        word = tok.text
        if word[:1].isupper() and (tok.i == b.ctx.sent_tokens[tok.sent][0] or toks[tok.i - 1].text in '\u201c"('):
            word = word.lower()
        if word in POPULATION_NOUNS and tok.i not in b.covered:
            actor_id = b.ensure(POPULATION_NOUNS[word], word, "population")
            b.add(actor_id, tok.i, tok.i + 1, kind="population")


def _runs(b: _Builder, s: int) -> list[tuple[int, int]]:
    """Maximal runs of uncovered capitalised tokens (with name particles and 'of') in sentence `s`."""
    toks = b.ctx.tokens
    a, z = b.ctx.sent_tokens[s]
    runs = []
    i = a
    while i < z:
        if i in b.covered or not (_is_name_token(toks[i].text) or _ordinal_opening(toks, i, z)):
            i += 1
            continue
        j = i + 1
        while j < z and j not in b.covered:
            t = toks[j].text
            if _is_name_token(t) or (_particle(t) and ("-" in t or j + 1 < z and (
                    _is_name_token(toks[j + 1].text) or _glued_hyphen(toks, j + 1, z)))):
                j += 1
            elif (t in NAME_CONNECTORS or t in ("\u2019s", "'s")) and j + 1 < z and j + 1 not in b.covered \
                    and _is_name_token(toks[j + 1].text):
                j += 1
            elif _glued_hyphen(toks, j, z):
                j += 2
            elif t in ("of", "for") and j + 1 < z and _is_name_token(toks[j + 1].text) and j + 1 not in b.covered:
                j += 1
            elif t in ("of", "for") and j + 2 < z and toks[j + 1].text == "the" and _is_name_token(toks[j + 2].text) \
                    and j + 2 not in b.covered and j - i >= 1:
                j += 2
            else:
                break
        while j - 1 > i and toks[j - 1].text in ("of", "for", "the"):
            j -= 1
        j = _cut_at_joints(toks, i, j)
        runs.append((i, j))
        i = j
    return runs


def _ordinal_opening(toks: list, i: int, z: int) -> bool:
    """An ordinal numeral opening a unit's name ("33rd Front", "1st Battalion")."""
    return bool(re.fullmatch(r"\d+(?:st|nd|rd|th)", toks[i].text)) and i + 1 < z and _is_name_token(toks[i + 1].text)


def _cut_at_joints(toks: list, i: int, j: int) -> int:
    """A run joined by "and", "y", "&" or an inner possessive is one name only when it ends in an organisation head
    ("Peace and Conflict Foundation", "Ombudsman's Office"); otherwise it ends before the first joint."""
    joints = [k for k in range(i + 1, j) if toks[k].text in NAME_CONNECTORS or toks[k].text in ("\u2019s", "'s")]
    if not joints or toks[j - 1].lower in L.ORG_HEADS:
        return j
    return joints[0]


def _name_words(toks: list, i: int, j: int) -> list[str]:
    """The words of tokens [i, j), hyphenated parts joined ("Hamid", "al-Sharafi")."""
    words: list[str] = []
    for k in range(i, j):
        t = toks[k]
        if words and k > i and toks[k - 1].end == t.start and (t.text == "-" or toks[k - 1].text == "-"):
            words[-1] += t.text
        else:
            words.append(t.text)
    return words


def _glued_hyphen(toks: list, j: int, z: int) -> bool:
    """Token j is a hyphen joining two parts of one name ("Az-Zallaqa", "al-Sharafi")."""
    return (toks[j].text == "-" and j + 1 < z and toks[j - 1].end == toks[j].start == toks[j + 1].start - 1
            and _is_name_token(toks[j + 1].text))


def _discover_names(b: _Builder) -> None:
    """Capitalised runs the gazetteer lacks: people (by role, speech verb or apposition) and organisations."""
    toks = b.ctx.tokens
    for s in range(len(b.ctx.sentences)):
        for i, j in _runs(b, s):
            i = _past_common_opening(b, i, j)
            if i >= j:
                continue
            words = _name_words(toks, i, j)
            inner = next((n for n, w in enumerate(words) if w in ("of", "for") and n > 0), len(words))
            head = words[inner - 1].lower() if inner >= 1 else words[-1].lower()
            if len(words) >= 2 and head in L.ORG_HEADS and words[-1][0].isupper() or (
                    words[0] in ("Ministry", "Department", "Office") and "of" in words):
                _add_org(b, i, j, L.ORG_HEADS.get(head, "government_institution"))
                continue
            if len(words) == 1 and head in L.ORG_HEADS and _extend_body_before(b, i, j):
                continue
            if len(words) >= 2 and _apposition_head(b, j + 1) in L.ORG_HEADS and _comma_after(toks, j):
                _add_org(b, i, j, L.ORG_HEADS[_apposition_head(b, j + 1)])
                continue
            k = _title_end(words)
            person_start = i + k + 1
            name = _name_words(toks, person_start, j)
            if any(w in L.PLACE_HEADS for w in name) or not name or not name[0][:1].isupper():
                continue
            if not all(w[:1].isupper() or _particle(w) for w in name):
                continue
            if len(name) == 1 and (_introduced_by_name(toks, person_start) or _inverted_speaker_described(b, person_start, j)) \
                    and not _place_context(b, person_start, j):
                _add_person(b, person_start, j)
            elif 2 <= len(name) <= 4 and _person_cue(b, person_start, j, titled=k >= 0):
                _add_person(b, person_start, j)


def _past_common_opening(b: _Builder, i: int, j: int) -> int:
    """Skip capitalised function words that open a sentence or a quotation ("The", "Every")."""
    toks = b.ctx.tokens
    first = b.ctx.sent_tokens[toks[i].sent][0]
    stripped = i
    while i < j and (toks[i].text in L.COMMON_CAPITALISED and (i == first or toks[i - 1].text in "\u201c\"(:")):
        i += 1
    while stripped < i < j and toks[i].lower in ("of", "for", "the"):
        i += 1
    return i


def _title_end(words: list[str]) -> int:
    """Index of the last title word before a person's name: the latest that leaves a name of two to four words
    ("Dr Faadumo Sheikh Abdi": "Sheikh" inside the name is no title), else the latest; -1 when there is none."""
    titles = [n for n, w in enumerate(words) if w in L.TITLE_WORDS]
    for k in reversed(titles):
        if 2 <= len(words) - k - 1 <= 4 and words[k + 1] not in L.TITLE_WORDS:
            return k
    return titles[-1] if titles else -1


def _comma_after(toks: list, j: int) -> bool:
    return j < len(toks) and toks[j].text == ","


def _introduced_by_name(toks: list, i: int) -> bool:
    """A one-word name given as such: "his first name, Eliécer", "named Ahmed", "identified only as Musa"."""
    prev = [t.lower for t in toks[max(0, i - 3):i] if t.sent == toks[i].sent]
    return prev[-2:] == ["name", ","] or prev[-1:] == ["named"] or prev[-2:] in (["only", "as"], ["identified", "as"],
                                                                                  ["known", "as"])


def _inverted_speaker_described(b: _Builder, i: int, j: int) -> bool:
    """"said Fatima, a mother of five": a one-word name after a speech verb, described by a role noun."""
    toks = b.ctx.tokens
    return i > 0 and toks[i - 1].lower in ("said", "says", "added") and toks[i - 1].sent == toks[i].sent \
        and _comma_after(toks, j) and _apposition_head(b, j + 1) in L.ROLE_WORDS


def _extend_body_before(b: _Builder, i: int, j: int) -> bool:
    """A capitalised organisation head right after a body's name extends that name ("Somali Police" + "Force")."""
    before = [m for m in b.mentions.ending_at(i) if b.actors[m.actor].type in (
        "government_institution", "international_organisation", "armed_group", "political_organisation")]
    if not before:
        return False
    m = max(before, key=lambda x: x.end - x.start)
    b.mentions.remove(m)
    b.add(m.actor, m.tok_start, j)
    return True


def _possessive_institutions(b: _Builder) -> None:
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
            for other in b.mentions.starting_at(*range(k, k + n)):
                b.mentions.remove(other)
            b.add(b.ensure(actor_id), k, k + n)
            b.bare_forms.setdefault(form.lower(), actor_id)
            break


def _owner_before(b: _Builder, i: int) -> MentionRec | None:
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


def _outlet_names(b: _Builder) -> None:
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
            if i in b.covered or [t.text for t in toks[i:i + len(words)]] != words:
                continue
            actor_id = b.ensure(slug(name), name, "media")
            b.add(actor_id, i, i + len(words))


def _named_by_noun_after(b: _Builder) -> None:
    """A capitalised name followed by a lowercase organisation noun ("its Amaq news agency") names that body."""
    toks = b.ctx.tokens
    for s in range(len(b.ctx.sentences)):
        first = b.ctx.sent_tokens[s][0]
        for i, j in _runs(b, s):
            if i == first and toks[i].text in L.COMMON_CAPITALISED:
                i += 1
                while i < j and toks[i].lower in ("of", "for", "the"):
                    i += 1
            i = _past_common_opening(b, i, j) if i < j else i
            if i >= j or _place_context(b, i, j) and not _owner_before(b, i):
                continue
            for noun, type_ in sorted(L.ORG_NOUNS_AFTER.items(), key=lambda kv: -len(kv[0])):
                if tuple(t.text for t in toks[j:j + len(noun)]) == noun:
                    _add_org(b, i, j, type_)
                    break


def _person_cue(b: _Builder, i: int, j: int, titled: bool) -> bool:
    """Context that marks a capitalised run as a person's name (never a run that stands as a place)."""
    toks = b.ctx.tokens
    sent = toks[i].sent
    prev = toks[i - 1] if i > 0 and toks[i - 1].sent == sent else None
    nxt = toks[j] if j < len(toks) and toks[j].sent == sent else None
    if titled or (prev is not None and prev.lower in L.ROLE_WORDS):
        return True
    if _place_context(b, i, j):
        return False
    if nxt is not None and nxt.lower in L.SPEECH_VERBS:
        return True
    if prev is not None and prev.lower in ("said", "says", "told", "added") and (nxt is None or nxt.text in ",."):
        return True
    if prev is not None and prev.text == "," and i > 1 and toks[i - 2].lower in L.ROLE_WORDS and toks[i - 2].sent == sent:
        return True
    if nxt is not None and nxt.text == "," and j + 1 < len(toks):
        if toks[j + 1].lower == "who" or _age_apposition(toks, j + 1):
            return True
        if toks[j + 1].lower in L.SPEECH_VERBS:
            return prev is None or prev.lower not in L.PREPOSITIONS
        return _apposition_head(b, j + 1) in L.ROLE_WORDS or _apposition_then_speech(toks, j)
    return False


def _apposition_then_speech(toks: list, comma: int) -> bool:
    """"X, the ombudsman's delegate for Norte de Santander, said": an apposition closed by a comma before a
    speech verb describes a person who speaks."""
    for k in range(comma + 1, min(len(toks) - 1, comma + 16)):
        if toks[k].sent != toks[comma].sent or toks[k].text in (".", ";", ":") or toks[k].lower in L.SPEECH_VERBS:
            return False
        if toks[k].text == ",":
            return toks[k + 1].lower in L.SPEECH_VERBS and toks[k + 1].sent == toks[k].sent
    return False


def _age_apposition(toks: list, k: int) -> bool:
    """", 34," after a name: news writing gives a person's age in a comma-bounded apposition."""
    return (k + 1 < len(toks) and toks[k].sent == toks[k + 1].sent and re.fullmatch(r"\d{1,3}", toks[k].text) is not None
            and toks[k + 1].text in (",", ".") and 0 < int(toks[k].text) < 120)


def _apposition_head(b: _Builder, k: int) -> str:
    """The head noun of an apposition starting at token k (", the U.N. aid coordinator for Sudan," -> coordinator)."""
    toks = b.ctx.tokens
    if k >= len(toks) or toks[k].lower not in ("a", "an", "the", "one", "its", "his", "her", "their"):
        return ""
    head = ""
    for n, t in enumerate(toks[k + 1:k + 9], k + 1):
        if t.sent != toks[k].sent or t.text in (",", ".", ";", ":", "(", ")") or t.lower in ("of", "for", "in", "at",
                                                                                         "with", "who", "from", "to"):
            break
        if (t.lower.endswith("ed") or t.lower in L.IRREGULAR_PARTICIPLES) and n + 1 < len(toks) \
                and toks[n + 1].lower in ("by", "in", "on", "at", "from"):
            break  # "the last major city held by the army": the participle's phrase is no part of the head
        if t.text not in APOSTROPHES and t.text not in ("\u2019s", "'s"):
            head = t.lower
    return head


def _place_context(b: _Builder, i: int, j: int) -> bool:
    """A capitalised run used as a place: after "in", "near", "west of"; before "city"; in a place apposition."""
    toks = b.ctx.tokens
    sent = toks[i].sent
    prev = toks[i - 1] if i > 0 and toks[i - 1].sent == sent else None
    prev2 = toks[i - 2] if i > 1 and toks[i - 2].sent == sent else None
    nxt = toks[j] if j < len(toks) and toks[j].sent == sent else None
    if prev is not None and prev.lower in L.PLACE_CUES:
        return True
    if prev is not None and prev.lower == "of" and prev2 is not None and prev2.lower in L.COMPASS:
        return True
    if nxt is not None and nxt.lower in L.PLACE_WORDS:
        return True
    return nxt is not None and nxt.text == "," and _apposition_head(b, j + 1) in L.PLACE_WORDS


def _affiliation_before(b: _Builder, i: int) -> str | None:
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


def _affiliation_after(b: _Builder, j: int) -> str | None:
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
    """An organisation name, merged with a state or international body named just before it ("Sudanese Health
    Ministry", "U.N. Refugee Mission"), affiliated to a possessor ("Chad's Rural Police"), extended by "in <state>"."""
    toks = b.ctx.tokens
    if j + 1 < len(toks) and toks[j].lower in ("in", "to") and toks[j - 1].lower in L.SEATED_HEADS:
        there = [m for m in b.mentions.starting_at(j + 1) if b.actors[m.actor].type == "state"]
        if there:
            b.mentions.remove(there[0])
            j = there[0].tok_end
    affiliation = None
    owner = _owner_before(b, i)
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


def _parenthesised_acronyms(b: _Builder) -> None:
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
        if tok.i in b.covered or tok.i > 0 and toks[tok.i - 1].end == tok.start and toks[tok.i - 1].text == "-":
            continue
        for n in lengths.get(text[tok.start], ()):
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


def _anonymous_sources(b: _Builder) -> None:
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
