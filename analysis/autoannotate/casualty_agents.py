"""Who caused a casualty figure, as its own sentence says: the agent of "by X", the actor before an attack noun
("a Russian drone strike on Kharkiv" is Russia's, not Kharkiv's), or the subject of the casualty verb."""
from __future__ import annotations

from . import lexicon as L
from .context import Context
from .mentions import ActorLayer, MentionRec

# Nouns of an attack whose premodifier names the attacker ("Israeli air strikes", "a Houthi missile").
ATTACK_NOUNS = frozenset("""
strike strikes airstrike airstrikes attack attacks shelling bombardment raid raids ambush ambushes assault offensive
counteroffensive counter-offensive missile missiles drone drones bomb bombs rocket rockets fire barrage shells
bombing bombings onslaught incursion operation operations
""".split())
# Words that may stand between the attacker and the attack noun ("Russian guided aerial bomb", "U.S.-led strikes").
ATTACK_MODIFIERS = frozenset("""
air drone missile rocket artillery aerial guided ballistic cruise ground naval suicide mortar tank led -led - backed
anti-ship anti ship long-range range long heavy deadly
""".split())
# Head nouns of fighters who are not a state's forces: a state adjective before them is no perpetrator
# ("Peruvian rebels" are not Peru).
NON_STATE_FIGHTERS = frozenset("""
rebels rebel militants militant insurgents insurgent guerrillas guerrilla gunmen gunman jihadists jihadist
extremists extremist attackers attacker assailants bandits separatists fighters
""".split())
ACTIVE_VERBS = frozenset({"killed", "killing", "kills", "kill", "wounded", "wounding", "injured", "injuring",
                          "abducted", "abducting", "kidnapped", "kidnapping", "took", "taking", "captured", "seized",
                          "left", "leaving", "claimed", "released", "releases", "releasing"})
# Verbs whose subject held the hostages they act on, on a day that is not the day they were taken.
RELEASE_VERBS = frozenset({"released", "releases", "releasing", "release", "freed", "frees", "freeing"})
_AGENT_TYPES_EXCLUDED = ("population", "anonymous_source", "media")


def _agent(layer: ActorLayer, m: MentionRec) -> bool:
    return layer.actor_type(m.actor) not in _AGENT_TYPES_EXCLUDED


def _fighter_adjective(ctx: Context, layer: ActorLayer, m: MentionRec) -> bool:
    """A state's adjective before non-state fighters ("Peruvian rebels", "suspected Somali militants")."""
    nxt = ctx.tokens[m.tok_end].lower if m.tok_end < len(ctx.tokens) else ""
    return layer.actor_type(m.actor) == "state" and nxt in NON_STATE_FIGHTERS


def by_agent(ctx: Context, layer: ActorLayer, end_tok: int, stop: int) -> str | None:
    """"were killed by suspected Boko Haram fighters": the first actor within a few words after "by"."""
    toks = ctx.tokens
    for k in range(end_tok, min(stop, end_tok + 8)):
        if toks[k].lower == "by":
            for m in layer.index.starting_from(toks[k].end, toks[min(stop, k + 6) - 1].end):
                if _agent(layer, m) and not _fighter_adjective(ctx, layer, m):
                    return m.actor
            return None
        if toks[k].lower in (".", ";", "said", "says") or toks[k].text in ("\u2014",):
            return None
    return None


def attack_owner(ctx: Context, layer: ActorLayer, first: int, last: int, near: int) -> str | None:
    """The actor named right before an attack noun in tokens [first, last), the attack nearest token `near`."""
    toks = ctx.tokens
    best: tuple[int, str] | None = None
    for k in range(first, last):
        if toks[k].lower not in ATTACK_NOUNS or not toks[k].text.islower():
            continue
        j = k - 1
        while j >= first and (toks[j].lower in ATTACK_MODIFIERS or toks[j].lower in ("\u2019s", "'s")):
            j -= 1
        owners = [m for m in layer.index.ending_at(j + 1) if _agent(layer, m)]
        if owners and (best is None or abs(k - near) < best[0]):
            best = (abs(k - near), owners[0].actor)
    return best[1] if best else None


def verb_subject(ctx: Context, layer: ActorLayer, verb: int) -> str | None:
    """The first actor of the subject of an active casualty verb at token `verb`, not inside a prepositional phrase
    ("Israeli attacks overnight killed", "Fighters from the RSF killed", "…, killing 31": the main clause's subject;
    "a Russian strike on Ukraine's Kharkiv killed": Russia)."""
    toks = ctx.tokens
    s_first = ctx.sent_tokens[toks[verb].sent][0]
    first = ctx.clause_start(verb)
    if toks[verb].lower.endswith("ing") and first == verb:
        first = s_first
    while first < verb and toks[first].lower in ("and", "but", "that", "while", "as", "when"):
        first += 1
    said = [k for k in range(first, verb) if toks[k].lower in L.SPEECH_VERBS]
    if said:
        first = said[-1] + 1
        while first < verb and toks[first].lower in ("that", "on", "the"):
            first += 1
    for m in [layer.mentions[n] for n in layer.index.tok_range(first, verb)]:
        before = [t.lower for t in toks[max(first, m.tok_start - 3):m.tok_start]]
        if any(w in L.PREPOSITIONS and w != "from" for w in before):
            continue
        if _agent(layer, m) and not _fighter_adjective(ctx, layer, m):
            return m.actor
    return None


def claimed_responsibility(ctx: Context, layer: ActorLayer, sentence: int) -> str | None:
    """"X claimed responsibility for the explosion": the claimant, who answers for the incident."""
    a, b = ctx.sent_tokens[sentence]
    toks = ctx.tokens
    for k in range(a, b - 1):
        if toks[k].lower in ("claimed", "claims", "claim") and toks[k + 1].lower in ("responsibility", "the", "credit"):
            if toks[k + 1].lower == "the" and (k + 2 >= b or toks[k + 2].lower not in ATTACK_NOUNS):
                continue
            return verb_subject(ctx, layer, k)
    return None
