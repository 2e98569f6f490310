"""The words that open an event trigger ("air strike", "shelled", "talks") and the rule that reads one at a token."""
from __future__ import annotations

import re

from .context import Context

TRIGGERS: dict[str, str] = {
    "airstrike": "air_strike", "airstrikes": "air_strike", "air strike": "air_strike", "air strikes": "air_strike",
    "air raid": "air_strike", "air raids": "air_strike", "drone strike": "air_strike", "drone strikes": "air_strike",
    "strike": "attack", "strikes": "attack", "bombing": "attack", "bombings": "attack", "targeted": "attack",
    "agreed": "agreement", "signed": "agreement",
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
    "struck": "attack", "raided": "attack", "seized": "other", "seize": "other", "seizes": "other",
    "captured": "other", "captures": "other", "killed": "killing", "kills": "killing",
    "invasion": "attack", "incursion": "attack", "targeting": "attack", "siege": "other", "besieged": "other",
    "blockaded": "other", "blockade": "other", "coup": "other", "election": "other", "elections": "other",
    "abduct": "abduction", "abducts": "abduction", "kidnap": "abduction", "arming": "arms_transfer",
    "pulled back": "deployment", "withdrew": "deployment", "retreated": "deployment",
    "swap": "other", "exchange": "other", "meet": "negotiation", "meeting": "negotiation",
}
# Nouns that are events only in "said in a statement / report / televised address".
STATEMENT_NOUNS = frozenset({"report", "address", "speech", "interview", "communique", "communiqu\u00e9"})
WEAPON_WORDS = re.compile(r"\b(?:weapons|arms|munitions|equipment|ammunition|missiles|interceptors?|air defen[cs]e|"
                          r"vehicles|drones|tanks|artillery)\b", re.I)
# Words that say a strike or attack came from the air (drone, missile, jet ...): the sentence, paragraph or headline.
AIR_MEANS = re.compile(r"\b(?:drones?|missiles?|jets?|warplanes?|aircraft|helicopters?|gunships?|bombers?|aerial|"
                       r"air ?forces?|(?:war)?planes?|bombs?)\b", re.I)

# What a verb of transfer ("released", "sent") must be followed by in its sentence to be an arms transfer.
TRANSFERRED_ARMS = re.compile(r"\b(?:weapons|arms|munitions|military equipment|military aid|ammunition)\b")

# The words that may open a trigger: the first word of each in TRIGGERS, and the words the context rules read.
TRANSFER_VERBS = frozenset({"released", "approved", "delivered", "supplied", "transferred", "sent"})
ORDER_VERBS = frozenset({"ordered", "sent"})
SHIPMENT_NOUNS = frozenset({"package", "deliveries", "delivery", "shipment", "shipments"})
SENDING_VERBS = frozenset({"sending", "send", "deploying"})
TRIGGER_OPENERS = frozenset({k.split(" ")[0] for k in TRIGGERS} | TRANSFER_VERBS | ORDER_VERBS | STATEMENT_NOUNS
                            | SHIPMENT_NOUNS | SENDING_VERBS | {"fired", "named", "hit", "launched"})


def trigger(ctx: Context, i: int) -> tuple[str, int] | None:
    """(event type, tokens used) of the trigger opening at token i, if one does."""
    toks = ctx.tokens
    t = toks[i]
    two = f"{t.lower} {toks[i + 1].lower}" if i + 1 < len(toks) else ""
    if two in TRIGGERS and t.text.islower():
        return TRIGGERS[two], 2
    if t.lower in TRIGGERS and (t.text.islower() or i == ctx.sent_tokens[t.sent][0]):
        return TRIGGERS[t.lower], 1
    if t.lower in TRANSFER_VERBS and TRANSFERRED_ARMS.search(ctx.text[t.end:ctx.sentences[t.sent][1]]):
        return "arms_transfer", 1
    if t.lower == "fired" and any(x.lower in ("rockets", "missiles", "rocket", "barrage", "missile")
                                   for x in toks[i + 1:i + 8] if x.sent == t.sent):
        return "rocket_fire", 1
    if t.lower in ORDER_VERBS and any(x.lower in ("submarine", "warship", "carrier", "troops", "warships", "destroyer",
                                                  "jets", "reinforcements", "battalion")
                                      for x in toks[i + 1:i + 7] if x.sent == t.sent):
        return "deployment", 1
    if t.lower == "named" and any(x.lower == "as" for x in toks[i + 1:i + 40] if x.sent == t.sent):
        return "appointment", 1
    if t.lower in STATEMENT_NOUNS and t.text.islower() and any(
            x.lower == "in" for x in toks[max(0, i - 4):i] if x.sent == t.sent):
        return "statement", 1
    if t.lower in SHIPMENT_NOUNS and WEAPON_WORDS.search(ctx.text[ctx.sentences[t.sent][0]:ctx.sentences[t.sent][1]]):
        return "arms_transfer", 1
    if t.lower in SENDING_VERBS and any(x.lower in ("reinforcements", "troops", "soldiers", "warships", "jets")
                                        for x in toks[i + 1:i + 4] if x.sent == t.sent):
        return "deployment", 1
    if t.lower == "hit" and AIR_MEANS.search(ctx.text[toks[ctx.clause_start(i)].start:t.start]):
        return "air_strike", 1
    if t.lower == "launched" and AIR_MEANS.search(" ".join(x.text for x in toks[i + 1:i + 7] if x.sent == t.sent)):
        return "air_strike", 1
    return None
