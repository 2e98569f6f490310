"""Event triggers (strikes, rocket fire, talks, statements, deployments ...), their modality, date and participants."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon as L
from .actors import ActorLayer
from .context import Context
from .dates import DateRec

TRIGGERS: dict[str, str] = {
    "airstrike": "air_strike", "airstrikes": "air_strike", "air strike": "air_strike", "air strikes": "air_strike",
    "air raid": "air_strike", "air raids": "air_strike", "drone strike": "air_strike", "drone strikes": "air_strike",
    "strike": "attack", "strikes": "attack", "bombing": "attack", "bombings": "attack", "targeted": "attack",
    "war": "armed_clash", "agreed": "agreement", "signed": "agreement",
    "bombed": "air_strike", "shelling": "shelling", "shelled": "shelling", "artillery fire": "shelling",
    "bombardment": "shelling", "mortar fire": "shelling", "rocket fire": "rocket_fire", "rocket attack": "rocket_fire",
    "rocket attacks": "rocket_fire", "missile attack": "rocket_fire", "clashes": "armed_clash", "clash": "armed_clash",
    "clashed": "armed_clash", "fighting": "armed_clash", "battle": "armed_clash", "battles": "armed_clash",
    "firefight": "armed_clash", "gunfight": "armed_clash", "assassination": "assassination",
    "assassinations": "assassination", "assassinated": "assassination", "attack": "attack", "attacks": "attack",
    "attacked": "attack", "assault": "attack", "offensive": "attack", "raid": "attack", "raids": "attack",
    "ambush": "attack", "ambushed": "attack", "retaliation": "attack", "reprisal": "attack", "avenge": "attack",
    "killing": "killing", "killings": "killing", "massacre": "killing", "execution": "killing", "executed": "killing",
    "abduction": "abduction", "abducted": "abduction", "kidnapped": "abduction", "kidnapping": "abduction",
    "talks": "negotiation", "negotiations": "negotiation", "negotiation": "negotiation",
    "deal": "agreement", "agreement": "agreement", "ceasefire": "agreement", "truce": "agreement",
    "accord": "agreement", "statement": "statement", "press briefing": "statement", "briefing": "statement",
    "press conference": "statement", "threats": "threat", "threat": "threat", "threatened": "threat",
    "deployed": "deployment", "deployment": "deployment", "deploy": "deployment", "dispatched": "deployment",
    "arms sale": "arms_transfer", "arms sales": "arms_transfer", "weapons shipment": "arms_transfer",
    "military aid": "arms_transfer", "protest": "protest", "protests": "protest", "demonstration": "protest",
    "demonstrations": "protest", "rally": "protest", "arrested": "arrest", "arrest": "arrest", "arrests": "arrest",
    "detained": "arrest", "condemned": "condemnation", "condemnation": "condemnation", "condemns": "condemnation",
    "denounced": "condemnation", "appointed": "appointment", "appointment": "appointment",
}
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
    i = 0
    while i < len(toks):
        t = toks[i]
        two = f"{t.lower} {toks[i + 1].lower}" if i + 1 < len(toks) else ""
        if two in TRIGGERS and t.text.islower():
            etype, n = TRIGGERS[two], 2
        elif t.lower in TRIGGERS and (t.text.islower() or i == ctx.sent_tokens[t.sent][0]):
            etype, n = TRIGGERS[t.lower], 1
        elif t.lower in ("released", "approved", "delivered", "supplied", "transferred", "sent") and re.search(
                r"\b(?:weapons|arms|munitions|military equipment|military aid|ammunition)\b",
                ctx.text[t.end:ctx.sentences[t.sent][1]]):
            etype, n = "arms_transfer", 1
        elif t.lower == "fired" and any(x.lower in ("rockets", "missiles", "rocket", "barrage", "missile")
                                         for x in toks[i + 1:i + 8] if x.sent == t.sent):
            etype, n = "rocket_fire", 1
        elif t.lower in ("ordered", "sent") and any(x.lower in ("submarine", "warship", "carrier", "troops", "warships",
                                                                 "destroyer", "jets", "reinforcements", "battalion")
                                                     for x in toks[i + 1:i + 7] if x.sent == t.sent):
            etype, n = "deployment", 1
        elif t.lower == "named" and any(x.lower == "as" for x in toks[i + 1:i + 40] if x.sent == t.sent):
            etype, n = "appointment", 1
        else:
            i += 1
            continue
        start, end = t.start, toks[i + n - 1].end
        if not _is_event_use(ctx, i, n, etype):
            i += n
            continue
        out.append(_record(ctx, layer, dates, i, n, etype, start, end))
        i += n
    return out


def _is_event_use(ctx: Context, i: int, n: int, etype: str) -> bool:
    """Drop uses that are not occurrences: "strike a deal", "carrier strike group", "ceasefire talks"."""
    toks = ctx.tokens
    word = toks[i].lower
    nxt = toks[i + n].lower if i + n < len(toks) and toks[i + n].sent == toks[i].sent else ""
    prev = toks[i - 1].lower if i > 0 else ""
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


def _record(ctx: Context, layer: ActorLayer, dates: list[DateRec], i: int, n: int, etype: str, start: int,
            end: int) -> EventRec:
    toks = ctx.tokens
    s = toks[i].sent
    s_start, s_end = ctx.sentences[s]
    c0, c1 = ctx.clause_start(i), ctx.clause_end(i + n - 1)
    c_start = toks[c0].start
    c_end = toks[c1 - 1].end if c1 > 0 else s_end
    near = [d for d in dates if d.kind != "duration" and c_start <= d.start and d.end <= max(c_end, end)
            and not ctx.in_quote(d.start, d.end)]
    if not near:
        near = [d for d in dates if d.kind != "duration" and s_start <= d.start < s_end and d.end <= s_end
                and not ctx.in_quote(d.start, d.end) and abs(d.start - end) < 60]
    date = min(near, key=lambda d: min(abs(d.start - end), abs(start - d.end)), default=None)
    participants: list[tuple[str, str]] = []
    prev = [m for m in layer.mentions if m.tok_end == i or (m.tok_end == i - 1 and toks[i - 1].text in ("\u2019s", "'s"))]
    if prev and etype in ARMED:
        participants.append((prev[0].actor, "attacker"))
    after = ctx.text[end:min(s_end, end + 60)]
    m = re.match(r"\s+(?:on|against|toward|towards|targeting|of)\s+(?:the\s+)?", after)
    if m:
        target = [x for x in layer.mentions if x.start == end + m.end()]
        if target:
            participants.append((target[0].actor, "victim" if etype in ("assassination", "killing") else "target"))
    if etype == "negotiation":
        mb = re.match(r"\s+between\s+", after)
        if mb:
            for x in layer.mentions:
                if end + mb.end() <= x.start < end + 60 and layer.actor_type(x.actor) != "population":
                    participants.append((x.actor, "negotiator"))
    seen: set[tuple[str, str]] = set()
    participants = [p for p in participants if not (p in seen or seen.add(p))]
    loc = re.match(r"\s+(?:\w+\s+){0,6}?(?:in|at|near)\s+((?:[A-Z][\w\u2019'-]*\s?){1,3})", after)
    location = loc.group(1).strip() if loc else None
    if location and (location in L.CALENDAR_WORDS or location.split()[0] in L.CALENDAR_WORDS):
        location = None
    if etype == "killing" and re.match(r"\s+of\s+", after):
        victim = [x for x in layer.mentions if end < x.start <= end + 8 and layer.actor_type(x.actor) == "person"]
        if victim:
            etype = "assassination"
    return EventRec(etype, start, end, ctx.text[start:end], _modality(ctx, i, date), date, location, participants)
