"""Word lists the casualty rules share: casualty words, linking words, units that are not people, scope cues."""
from __future__ import annotations

import re

from .lexicon import ROLE_WORDS

KILL_WORDS = {
    "killed": "killed", "dead": "killed", "died": "killed", "deaths": "killed", "fatalities": "killed",
    "kill": "killed", "killing": "killed", "kills": "killed", "slain": "killed", "lives": "killed",
    "wounded": "injured", "injured": "injured", "hurt": "injured", "injuries": "injured", "wounding": "injured",
    "injuring": "injured", "missing": "missing", "unaccounted": "missing", "disappeared": "missing",
    "hostage": "hostage", "hostages": "hostage", "captives": "hostage", "captive": "hostage",
    "abducted": "hostage", "kidnapped": "hostage", "abducting": "hostage", "kidnapping": "hostage",
}
VERB_BEFORE = frozenset({"killed", "killing", "kills", "kill", "wounded", "wounding", "injured", "injuring",
                         "abducted", "abducting", "kidnapped", "kidnapping", "claimed", "left"})
LINKING = frozenset({"were", "was", "have", "has", "had", "been", "are", "is", "be", "reportedly", "also", "later",
                     "being", "all", "and", "or", "either", "taken", "held", "confirmed", "now", "still", "believed",
                     "feared", "thought", "to", "who", "remain", "remained", "remains", "officially",
                     "listed", "as", "registered", "presumed", "declared", "considered", "reported", "counted",
                     "went", "gone", "may", "might", "could", "must", "likely", "probably"})
# Nouns naming people held by the other side, counted like hostages ("185 prisoners of war").
CAPTIVE_NOUNS = (("prisoners", "of", "war"), ("pows",), ("prisoners-of-war",), ("war", "prisoners"))
# Words that open a subset of a figure just given ("47 people, among them several children").
SUBSET_CUES = (("among", "them"), ("among", "whom"), ("among", "those"), ("including",), ("of", "them"),
               ("of", "whom"))
# A subset given after its number ("killing 31 people, nine of them children").
SUBSET_AFTER = (("of", "them"), ("of", "whom"), ("among", "them"))
# Nouns for the victims of one kind that may open a sentence listing who they were ("Among the dead were …").
OPENING_KINDS = {"dead": "killed", "killed": "killed", "fatalities": "killed", "wounded": "injured",
                 "injured": "injured", "missing": "missing", "hostages": "hostage", "captives": "hostage",
                 "abducted": "hostage", "kidnapped": "hostage"}
QUALIFIER_WORDS = frozenset({"at", "least", "more", "than", "about", "nearly", "almost", "some", "an", "estimated",
                             "up", "to", "around", "over", "as", "many", "roughly"})
OPENING_MARKS = frozenset({"\u201c", "\u2018", '"', "'", "("})
# Participles that, right after a counted noun, say the people were carried off ("seven people taken from a bus").
CAPTURE_PARTICIPLES = frozenset({"taken", "seized", "snatched", "held", "grabbed", "carried"})
CAPTURE_FOLLOWERS = frozenset({"from", "by", "during", "in", "at", "on", "off", "away", "hostage", "captive",
                               "last", "earlier", "this"})
FINITE_LINKING = frozenset({"were", "was", "are", "is", "have", "has", "had"})
# Words that end the subject a post-modifier belongs to: a new clause or reported speech starts.
POSTMODIFIER_STOP = frozenset({"who", "which", "that", "where", "when", "while", "but", ";", ":", "said", "says",
                               "told", "according", "and"})
EXCLUDED_UNITS = frozenset("""
rockets rocket missiles missile drones drone shells shell mortars bombs bomb projectiles months month years year
days day weeks week hours hour minutes minute km kilometres kilometers miles mile metres meters feet percent
% dollars dollar euros pounds billion trucks truck tons tonnes times sorties aircraft jets planes tanks
vehicles homes houses buildings schools hospitals villages towns targets sites rounds troops soldiers-strong
acres hectares votes seats points degrees
""".split())
# Unit nouns that count people: casualties only with a casualty predicate ("more than 30 troops had died").
PERSON_UNITS = frozenset({"troops"})
INJURY_NOUNS = frozenset({"wounds", "injuries", "burns", "fractures", "shrapnel", "gunshot"})
# Counted nouns that by themselves mean dead people ("31 bodies had been brought in").
DEAD_NOUNS = frozenset({"bodies", "corpses", "body", "corpse"})
# Participles and adjectives that say what happened to counted people anywhere later in their clause.
PARTICIPLE_KINDS = {"killed": "killed", "dead": "killed", "died": "killed", "wounded": "injured",
                    "injured": "injured", "missing": "missing", "kidnapped": "hostage", "abducted": "hostage"}
CUMULATIVE = re.compile(r"\b(?:since|so far|in total|overall|cumulative|throughout|to date|tally|all told|"
                        r"war began|months of (?:war|fighting|conflict)|years of (?:war|fighting|conflict)|"
                        r"during the war|in the war|of the war|since the war|mostly in|most of them in|"
                        r"(?:a|the) series of|toll (?:in [^,.;]{1,30}?)?(?:has|had|have) (?:now )?(?:risen|climbed|reached|"
                        r"passed|surpassed|topped|exceeded|increased|hit)|"
                        r"(?:conflict|war|counteroffensive|counter-offensive|offensive|campaign|insurgency|fighting|"
                        r"violence|siege|bombardment)\b[^,.;]{0,40}?\b(?:has|have|is|are|had) (?:\w+ )?"
                        r"(?:killed|left|claimed|resulting|resulted|caused|raged|dragged|lasted|continued))\b", re.I)
# Nouns for one person that "a"/"an" counts as one victim ("a nurse was killed", "killing a captain").
PERSON_NOUNS = (ROLE_WORDS | frozenset("""
man woman boy girl child baby infant toddler teenager teen person civilian resident peacekeeper policeman
policewoman guard citizen national member pupil passenger worshipper employee contractor pilot sailor
photographer cameraman aid-worker pensioner refugee migrant prisoner detainee captive hostage gunman attacker
bomber militant insurgent guerrilla jihadist serviceman servicewoman marine trooper conscript recruit
""".split())) - frozenset({"speaker", "head", "chief", "general", "major", "fellow", "expert", "chair"})
ORDINALS = frozenset({"second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"})
# A clause that opens a list of victims: its head noun and verb ("victims included", "those killed were").
LIST_HEADS = frozenset({"victims", "casualties", "dead", "killed", "wounded", "injured", "missing", "hostages",
                        "abducted", "kidnapped"})
LIST_VERBS = frozenset({"included", "include", "includes", "were", "was", "are", "is"})
# Nouns of a casualty that take their victims after "of" ("the killing of a nurse", "the bodies of two soldiers").
NOMINAL_KINDS = {"killing": "killed", "killings": "killed", "death": "killed", "deaths": "killed", "murder": "killed",
                 "murders": "killed", "bodies": "killed", "remains": "killed", "lives": "killed", "body": "killed",
                 "abduction": "hostage", "kidnapping": "hostage", "abductions": "hostage", "kidnappings": "hostage"}
HEAD_KINDS = {"death": "killed", "deaths": "killed", "fatality": "killed", "fatalities": "killed", "dead": "killed",
              "injury": "injured", "injuries": "injured", "injured": "injured", "wounded": "injured",
              "hostages": "hostage", "captives": "hostage"}
ADJECTIVE_HEADS = frozenset({"dead", "injured", "wounded"})
DISEASE_WORDS = frozenset("""
cholera disease diseases starvation hunger malnutrition malaria measles outbreak famine epidemic covid covid-19
coronavirus ebola illness illnesses dehydration typhoid dysentery diarrhoea diarrhea pneumonia tuberculosis
""".split())
TOLL_VERBS = frozenset({"to", "at", "reached", "hit", "topped", "passed", "exceeded", "surpassed"})
GROUP_MEMBERS = frozenset({"members", "member", "staff", "personnel", "employees", "workers", "residents",
                           "officers", "soldiers", "troops", "fighters", "militants"})
