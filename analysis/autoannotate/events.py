"""Event triggers (strikes, rocket fire, talks, statements, deployments ...), their modality, date and participants."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon as L
from .context import Context
from .dates import NUMBER_WORDS, DateIndex, DateRec
from .event_places import opening_place, place_after
from .event_triggers import AIR_MEANS, STATEMENT_NOUNS, TRIGGER_OPENERS, trigger
from .mentions import ActorLayer

# How far after a trigger its place may be named.
PLACE_CHARS = 150

# Words that make a prisoner exchange or meeting prospective ("a new swap", "swap talks").
PROSPECTIVE_BEFORE = frozenset({"new", "next", "another", "future", "possible", "proposed", "planned"})
PROSPECTIVE_AFTER = frozenset({"talks", "deal", "negotiations", "plan", "proposal"})
# Bodies whose meetings are sessions, not negotiations ("the Security Council is set to meet").
SESSION_BODIES = frozenset({"council", "assembly", "parliament", "cabinet", "congress", "senate", "committee"})
# Words that join a separate occurrence ("kills two as jets strike"); "when", "after" introduce the same one.
SUBORDINATORS = frozenset({"as", "while", "but", ";", "whereas", "although", "though"})
CLAUSE_OPENERS = SUBORDINATORS | {"since", "when", "after", "before", "until", "that", "which", "who", "\u2014"}
AIR_TYPABLE = frozenset({"strike", "strikes", "struck", "hit", "attack", "attacks"})
HEADLINE_TYPABLE = frozenset({"strike", "strikes", "struck", "hit"})
# Casualty verbs: an event only when their sentence names no incident of its own.
CASUALTY_VERBS = frozenset({"killed", "kills", "killing"})
AGREEMENT_NOUNS = frozenset({"agreement", "deal", "accord", "ceasefire", "truce", "pact", "treaty"})
QUANTITY_WORDS = frozenset({"dozens", "hundreds", "thousands", "several", "many", "numerous", "some", "few",
                            "scores", "countless"})
_FOLLOWING_NOUNS = frozenset({"deal", "talks", "agreement", "proposal", "negotiations", "plan", "offer",
                              "group", "force", "package", "efforts", "effort", "calls"})
_STRIKE_DEAL = re.compile(r"^\s+(?:a|an|the)\s+(?:\w+\s+){0,2}(?:deal|agreement|balance|chord|bargain)", re.I)
_MODALITY: list[tuple[str, re.Pattern[str]]] = [
    ("denied", re.compile(r"\b(?:denied|deny|denies|hasn\u2019t|has not|did not|didn\u2019t|never)\b", re.I)),
    ("threatened", re.compile(r"\b(?:vow\w*|threat\w*|warn\w*|pledg\w*)\b", re.I)),
    ("expected", re.compile(r"\b(?:expect\w*|potential|brace\w*|anticipat\w*|prepar\w*|fear\w*|likely|imminent)\b", re.I)),
    ("planned", re.compile(r"\b(?:will|set to|scheduled|plans?|planned|planning|upcoming|to attend|to send|"
                           r"to resume|intends?|going to)\b|\u2019ll\b", re.I)),
    ("possible", re.compile(r"\b(?:could|may|might|would|risk\w*|possible|possibly|if|such)\b", re.I)),
]
ARMED = frozenset({"air_strike", "shelling", "rocket_fire", "armed_clash", "assassination", "attack", "killing",
                   "abduction"})


@dataclass
class EventRec:
    """An event trigger before ids are given out."""

    type: str
    start: int
    end: int
    text: str
    modality: str
    date: DateRec | None
    location: str | None
    participants: list[tuple[str, str]] = field(default_factory=list)


def find_events(ctx: Context, layer: ActorLayer, dates: list[DateRec]) -> list[EventRec]:
    """Every event trigger outside quotations, with modality from the words before it in its clause."""
    out: list[EventRec] = []
    toks = ctx.tokens
    by_date = DateIndex(dates)
    air = _AirMeans(ctx)
    i = 0
    while i < len(toks):
        found = trigger(ctx, i) if toks[i].lower in TRIGGER_OPENERS else None
        if found is None:
            i += 1
            continue
        t, (etype, n) = toks[i], found
        start, end = t.start, toks[i + n - 1].end
        if not _is_event_use(ctx, i, n, etype):
            i += n
            continue
        rec = _record(ctx, layer, by_date, i, n, _refined(ctx, air, i, etype), start, end)
        if rec.text.lower() in ("swap", "exchange", "swaps", "exchanges") and _prospective(ctx, i):
            rec.modality = "possible"
        out.append(rec)
        i += n
    out = _without_casualty_verbs(ctx, out)
    _one_event_per_date(ctx, out)
    return out


class _AirMeans:
    """Which sentences and paragraphs name air means (anywhere, or outside quotations), each looked at once."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.sentences_of: dict[int, list[int]] = {}
        for n, p in enumerate(ctx.paragraph_of_sentence):
            self.sentences_of.setdefault(p, []).append(n)
        self._sentence: dict[int, tuple[bool, bool]] = {}
        self._paragraph: dict[int, int] = {}

    def sentence(self, n: int) -> tuple[bool, bool]:
        """(names air means, names them outside a quotation) for sentence n."""
        if n not in self._sentence:
            a, b = self.ctx.sentences[n]
            anywhere = unquoted = False
            for m in AIR_MEANS.finditer(self.ctx.text, a, b):
                anywhere = True
                if not self.ctx.in_quote(m.start(), m.end()):
                    unquoted = True
                    break
            self._sentence[n] = (anywhere, unquoted)
        return self._sentence[n]

    def unquoted_in_paragraph(self, p: int) -> int:
        """How many sentences of paragraph p name air means outside a quotation."""
        if p not in self._paragraph:
            self._paragraph[p] = sum(self.sentence(n)[1] for n in self.sentences_of[p])
        return self._paragraph[p]


def _by_means(ctx: Context, air: _AirMeans, i: int, etype: str) -> str:
    """A strike or attack is an air strike when its sentence names air means; a strike or "the attack" also when its
    paragraph does (outside quotations), and a strike when the headline does (the headline sets what "the strikes"
    of the article are)."""
    word = ctx.tokens[i].lower
    if etype not in ("attack", "air_strike") or word not in AIR_TYPABLE:
        return etype
    s = ctx.tokens[i].sent
    para = ctx.paragraph_of_sentence[s]
    anaphoric = word in HEADLINE_TYPABLE or i > 0 and ctx.tokens[i - 1].lower in ("the", "this", "that")
    if air.sentence(s)[0]:
        return "air_strike"
    if anaphoric and air.unquoted_in_paragraph(para) - air.sentence(s)[1] > 0:
        return "air_strike"
    if word in HEADLINE_TYPABLE and ctx.paragraph_of_sentence[0] != para and air.sentence(0)[1]:
        return "air_strike"
    return etype


def dates_a_saying(ctx: Context, d: DateRec, trigger_start: int) -> bool:
    """"told CNN on Monday that … talks": a date right after a speech verb dates the saying, not the events of
    what was said (a trigger between the verb and the date, "said in a report on May 28", keeps it)."""
    toks = ctx.tokens
    k = ctx.token_at(d.start)
    if k is None:
        return False
    first = ctx.sent_tokens[toks[k].sent][0]
    for v in range(k - 1, max(first, k - 6) - 1, -1):
        t = toks[v]
        if t.lower in L.SPEECH_VERBS:
            return not (t.end <= trigger_start < d.start)
        if not (t.lower in ("on", "in", "late", "early", "last", "this", "a", "an", "the", "reporters")
                or t.is_cap or t.lower in STATEMENT_NOUNS or t.lower in ("statement", "briefing")):
            return False
    return False


def _may_date(ctx: Context, d: DateRec, trigger_start: int) -> bool:
    """A date that can date an event: a point or interval, outside quotations, not the date of a saying."""
    return d.kind != "duration" and not ctx.in_quote(d.start, d.end) and not dates_a_saying(ctx, d, trigger_start)


def _one_event_per_date(ctx: Context, events: list[EventRec]) -> None:
    """A date dates one trigger: the nearest before it in its clause ("seized the town on Sunday after two days of
    fighting": the seizure), else the nearest after it; a "since …" date also dates what lasts since then, and a
    date right before a trigger ("the February 2021 coup") dates it too."""
    holders: dict[int, list[EventRec]] = {}
    for e in events:
        if e.date is not None:
            holders.setdefault(id(e.date), []).append(e)
    for group in holders.values():
        d = group[0].date
        assert d is not None
        before = [e for e in group if e.end <= d.start and not _between(ctx, e.end, d.start, CLAUSE_OPENERS - {"since"})]
        keep = max(before, key=lambda e: e.end) if before else min(group, key=lambda e: abs(e.start - d.end))
        for e in group:
            premodified = e.start >= d.end and not ctx.text[d.end:e.start].strip()
            if e is not keep and not premodified and not (
                    e.end <= d.start and _between(ctx, e.end, d.start, frozenset({"since"}))):
                e.date = None


def _refined(ctx: Context, air: _AirMeans, i: int, etype: str) -> str:
    """The type a trigger's context settles: air means, or a meeting of a council (a session, not talks)."""
    if ctx.tokens[i].lower in ("meet", "meeting"):
        a = ctx.sent_tokens[ctx.tokens[i].sent][0]
        return "other" if any(t.lower in SESSION_BODIES for t in ctx.tokens[a:i]) else "negotiation"
    return _by_means(ctx, air, i, etype)


def _prospective(ctx: Context, i: int) -> bool:
    """"a new swap", "swap talks": an exchange spoken of as still to come."""
    toks = ctx.tokens
    prev = toks[i - 1].lower if i > 0 else ""
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    return prev in PROSPECTIVE_BEFORE or nxt in PROSPECTIVE_AFTER


def _without_casualty_verbs(ctx: Context, events: list[EventRec]) -> list[EventRec]:
    """"… bombed a village, killing 31", "were killed in the strikes": a casualty verb (or a "targeted" that
    restates an attack) is no event of its own beside an incident trigger of the same clause chain."""
    out = []
    by_sentence: dict[int, list[EventRec]] = {}
    for e in events:
        by_sentence.setdefault(ctx.sentence_index(e.start), []).append(e)
    for e in events:
        word = e.text.lower()
        if word in CASUALTY_VERBS and e.type == "killing" or word in ("targeted", "targeting"):
            others = [o for o in by_sentence[ctx.sentence_index(e.start)] if o is not e and o.type in ARMED
                      and o.text.lower() not in CASUALTY_VERBS and o.text.lower() not in ("targeted", "targeting")]
            if any(o.start < e.start and (word in CASUALTY_VERBS or not _clause_break(ctx, o.end, e.start))
                   for o in others):
                continue
            if word in CASUALTY_VERBS and any(not _subordinated(ctx, e.end, o.start) for o in others):
                continue
        out.append(e)
    return out


def _subordinated(ctx: Context, a: int, b: int) -> bool:
    """A subordinating word or semicolon lies between two character offsets ("kills two as jets strike")."""
    return _between(ctx, a, b, SUBORDINATORS)


def _clause_break(ctx: Context, a: int, b: int) -> bool:
    """A new clause opens between two offsets ("since" opens one before a subject, not before a date)."""
    t0, t1 = ctx.token_at(a), ctx.token_at(b)
    if t0 is None or t1 is None:
        return False
    for k in range(t0, t1):
        t = ctx.tokens[k]
        if t.lower in CLAUSE_OPENERS:
            nxt = ctx.tokens[k + 1].text if k + 1 < len(ctx.tokens) else ""
            if t.lower != "since" or not (nxt in L.CALENDAR_WORDS or nxt[:1].isdigit()):
                return True
    return False


def _between(ctx: Context, a: int, b: int, words: frozenset[str]) -> bool:
    """One of `words` lies between two character offsets."""
    t0, t1 = ctx.token_at(a), ctx.token_at(b)
    return t0 is not None and t1 is not None and any(t.lower in words for t in ctx.tokens[t0:t1])


def _direct_speech(ctx: Context, start: int, end: int) -> bool:
    """Inside quotation marks that hold whole speech (opening the sentence, after a colon or comma, or ending in a
    full stop), not a fragment quoted inside reported speech ("warned that “blood vengeance” …")."""
    span = ctx.quote_holding(start, end)
    if span is None:
        return False
    qs, qe = span
    s_start = ctx.sentences[ctx.sentence_index(qs)][0]
    before = ctx.text[s_start:qs - 1].rstrip()
    inner = ctx.text[qs:qe].rstrip()
    return not before or before.endswith((":", ",")) or inner.endswith((".", "?", "!", ",")) and len(inner.split()) > 4

def _is_event_use(ctx: Context, i: int, n: int, etype: str) -> bool:
    """Drop uses that are not occurrences: "strike a deal", "carrier strike group", "ceasefire talks"."""
    toks = ctx.tokens
    word = toks[i].lower
    nxt = toks[i + n].lower if i + n < len(toks) and toks[i + n].sent == toks[i].sent else ""
    prev = toks[i - 1].lower if i > 0 and toks[i - 1].sent == toks[i].sent else ""
    if _direct_speech(ctx, toks[i].start, toks[i + n - 1].end):
        return False
    if word in CASUALTY_VERBS and nxt == "of":
        return word == "killing"
    if word in ("exchange", "swap") and (prev == "to" or nxt in ("rate", "rates", "of")
                                         and toks[i + 2].lower in ("fire", "gunfire", "messages", "views")):
        return False
    if word == "fighting" and _ongoing(ctx, i):
        return False
    if word in ("struck", "strikes", "strike") and _STRIKE_DEAL.match(ctx.text[toks[i].end:toks[i].end + 40]):
        return False
    if toks[i + n - 1].lower.endswith("s") and etype != "negotiation" and _counted_or_generic(ctx, i):
        return False
    if word in ("signed", "agreed") and any(x.lower in AGREEMENT_NOUNS for x in toks[max(0, i - 6):i + 7]
                                            if x.sent == toks[i].sent):
        return False
    if word in ("strike", "strikes") and (_STRIKE_DEAL.match(ctx.text[toks[i].end:toks[i].end + 40]) or prev == "to"
                                          or nxt in _FOLLOWING_NOUNS or prev in ("carrier", "hunger", "general")):
        return False
    if etype == "agreement" and nxt in _FOLLOWING_NOUNS:
        return False
    if word in ("attack", "killing", "fighting", "statement") and nxt in ("group", "force"):
        return False
    if etype == "agreement" and word not in ("agreed", "signed"):
        around = " ".join(x.lower for x in toks[max(0, i - 3):i + n + 4])
        if not re.search(r"\b(?:signed|reached|brokered|struck|sealed)\b", around) or re.search(r"\bif\b|\bto\b", around):
            return False
    if word in ("agreed", "signed") and nxt in ("to",):
        return False
    if word == "war" and (nxt in ("crimes", "crime", "cabinet", "criminal", "criminals") or toks[i].text != "war"):
        return False
    return True


def _ongoing(ctx: Context, i: int) -> bool:
    """"has been fighting for four years": a state lasting a duration, not one occurrence."""
    toks = ctx.tokens
    nxt = [t.lower for t in toks[i + 1:i + 4] if t.sent == toks[i].sent]
    return bool(nxt) and nxt[0] == "for" and len(nxt) > 2 and (nxt[1] in NUMBER_WORDS or nxt[1].isdigit()
                                                                 or nxt[1] in ("years", "months", "weeks", "days"))


def _counted_or_generic(ctx: Context, i: int) -> bool:
    """A plural trigger that counts occurrences ("more than 80 air strikes") or speaks of them in general
    ("Air strikes on clinics have grown more frequent"): no specific occurrence."""
    toks = ctx.tokens
    first = ctx.sent_tokens[toks[i].sent][0]
    j = i - 1
    if j >= first and toks[j].text[:1].isupper() and toks[j].lower in ("drone", "air", "missile", "rocket", "artillery"):
        j -= 1
    if j < first:
        return True
    if toks[j].lower == "of" and j - 1 >= first:
        j -= 1
    prev = toks[j].lower
    return bool(re.fullmatch(r"\d[\d,]*", prev)) or prev in QUANTITY_WORDS or prev in NUMBER_WORDS


def _modality(ctx: Context, i: int, date: DateRec | None) -> str:
    """Modality from cue words earlier in the trigger's clause (nearest cue wins), else the date's tense."""
    toks = ctx.tokens
    first = max(ctx.clause_start(i), i - 8)
    before = ctx.text[toks[first].start:toks[i].start] if first < i else ""
    best, best_pos = "happened", -1
    for name, pattern in _MODALITY:
        for m in pattern.finditer(before):
            if m.start() > best_pos:
                best, best_pos = name, m.start()
    if best == "happened" and date is not None and date.resolution == "weekday_future":
        return "planned"
    return best


def _record(ctx: Context, layer: ActorLayer, dates: DateIndex, i: int, n: int, etype: str, start: int,
            end: int) -> EventRec:
    """The event of the trigger at tokens [i, i + n): its date, participants, location and modality."""
    toks = ctx.tokens
    s = toks[i].sent
    s_start, s_end = ctx.sentences[s]
    c0, c1 = ctx.clause_start(i), ctx.clause_end(i + n - 1)
    c_start = toks[c0].start
    c_end = toks[c1 - 1].end if c1 > 0 else s_end
    near = [d for d in dates.starting_in(c_start, max(c_end, end)) if d.end <= max(c_end, end)
            and _may_date(ctx, d, start)]
    if not near:
        near = [d for d in dates.starting_in(max(s_start, end - 59), min(s_end, end + 60)) if d.end <= s_end
                and _may_date(ctx, d, start)]
    date = min(near, key=lambda d: min(abs(d.start - end), abs(start - d.end)), default=None)
    participants: list[tuple[str, str]] = []
    prev = layer.index.ending_at(i, i - 1) if i > 0 and toks[i - 1].text in ("\u2019s", "'s") else layer.index.ending_at(i)
    if prev and etype in ARMED:
        participants.append((prev[0].actor, "attacker"))
    after = ctx.text[end:min(s_end, end + 60)]
    m = re.match(r"\s+(?:on|against|toward|towards|targeting|of)\s+(?:the\s+)?", after)
    if m:
        target = layer.index.starting_from(end + m.end(), end + m.end() + 1)
        if target:
            participants.append((target[0].actor, "victim" if etype in ("assassination", "killing") else "target"))
    if etype == "negotiation":
        mb = re.match(r"\s+between\s+", after)
        if mb:
            for x in layer.index.starting_from(end + mb.end(), end + 60):
                if layer.actor_type(x.actor) != "population":
                    participants.append((x.actor, "negotiator"))
    seen: set[tuple[str, str]] = set()
    participants = [p for p in participants if not (p in seen or seen.add(p))]
    location = (place_after(ctx.text[end:min(s_end, end + PLACE_CHARS)],
                            lambda a, b: bool(layer.index.starting_from(a, b)), end)
                or opening_place(ctx.text[s_start:s_end]))
    if etype == "killing" and re.match(r"\s+of\s+", after):
        victim = [x for x in layer.index.starting_after(end, end + 8) if layer.actor_type(x.actor) == "person"]
        if victim:
            etype = "assassination"
    return EventRec(etype, start, end, ctx.text[start:end], _modality(ctx, i, date), date, location, participants)
