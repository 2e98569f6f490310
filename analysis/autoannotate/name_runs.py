"""Runs of capitalised tokens that may be names, and the context around a run that makes it a person's name,
a place, or the head of an apposition."""
from __future__ import annotations

import re
from bisect import bisect_left

from . import lexicon as L
from .actor_builder import ActorBuilder
from .context import APOSTROPHES, Context

# Words joining the parts of one organisation's name ("Support and Stabilisation Mission", "Bloques y Frente").
NAME_CONNECTORS = frozenset({"and", "y", "et", "&", "e"})
NAME_WORD = re.compile(r"^[^\W\d_][\w\u2019'.\-]*$")
ORDINAL_NUMERAL = re.compile(r"\d+(?:st|nd|rd|th)")


def _is_name_token(tok_text: str) -> bool:
    """A capitalised word (allowing inner apostrophes, hyphens and periods) that is not a calendar word."""
    return tok_text not in L.CALENDAR_WORDS and tok_text[:1].isupper() \
        and bool(NAME_WORD.match(tok_text))


def particle(tok_text: str) -> bool:
    """A lowercase name particle ("al-Burhan", "bin", "von")."""
    head = tok_text.split("-")[0]
    return head in L.NAME_PARTICLES and (tok_text == head or tok_text[len(head) + 1:][:1].isupper())


def capitalised_runs(b: ActorBuilder, s: int) -> list[tuple[int, int]]:
    """Maximal runs of uncovered capitalised tokens (with name particles and 'of') in sentence `s`."""
    toks = b.ctx.tokens
    a, z = b.ctx.sent_tokens[s]
    openers = run_openers(b.ctx)
    runs: list[tuple[int, int]] = []
    i = a
    for start in openers[bisect_left(openers, a):bisect_left(openers, z)]:
        if start < i or start in b.covered:
            continue
        i = start
        j = i + 1
        while j < z and j not in b.covered:
            t = toks[j].text
            if _is_name_token(t) or (particle(t) and ("-" in t or j + 1 < z and (
                    _is_name_token(toks[j + 1].text) or _glued_hyphen(toks, j + 1, z)))):
                j += 1
            elif (t in NAME_CONNECTORS or t in ("\u2019s", "'s")) and j + 1 < z and j + 1 not in b.covered \
                    and _is_name_token(toks[j + 1].text):
                j += 1
            elif _glued_hyphen(toks, j, z) or _glued_name_tail(toks, j, z):
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


def run_openers(ctx: Context) -> list[int]:
    """The tokens a capitalised run can open at, in order (found once per document, as the rules read each sentence's
    runs more than once)."""
    if "run_openers" not in ctx.memo:
        toks = ctx.tokens
        ctx.memo["run_openers"] = [i for i, t in enumerate(toks) if _opens_run(toks, i, ctx.sent_tokens[t.sent][1])]
    return ctx.memo["run_openers"]


def _opens_run(toks: list, i: int, z: int) -> bool:
    """A name token or an ordinal opening a unit's name (of a sentence ending before token z): its first character,
    a capital or a digit, tells most tokens apart before any pattern is tried."""
    first = toks[i].text[:1]
    if first.isupper():
        return _is_name_token(toks[i].text)
    return first.isdecimal() and _ordinal_opening(toks, i, z)


def _ordinal_opening(toks: list, i: int, z: int) -> bool:
    """An ordinal numeral opening a unit's name ("33rd Front", "1st Battalion")."""
    return bool(ORDINAL_NUMERAL.fullmatch(toks[i].text)) and i + 1 < z and _is_name_token(toks[i + 1].text)


def _cut_at_joints(toks: list, i: int, j: int) -> int:
    """A run joined by "and", "y", "&" or an inner possessive is one name only when it ends in an organisation head
    ("Peace and Conflict Foundation", "Ombudsman's Office"); otherwise it ends before the first joint."""
    joints = [k for k in range(i + 1, j) if toks[k].text in NAME_CONNECTORS or toks[k].text in ("\u2019s", "'s")]
    if not joints or toks[j - 1].lower in L.ORG_HEADS or _portfolio_name(toks, i, joints):
        return j
    return joints[0]


def word_token(toks: list, i: int, j: int, n: int) -> int:
    """The token that opens word n of tokens [i, j) as name_words counts them (j when there are fewer words)."""
    count = 0
    for k in range(i, j):
        joined = k > i and toks[k - 1].end == toks[k].start and (toks[k].text == "-" or toks[k - 1].text == "-")
        if not joined:
            if count == n:
                return k
            count += 1
    return j


def _portfolio_name(toks: list, i: int, joints: list[int]) -> bool:
    """"Ministry of Defense and Veterans Affairs": a body named "Ministry/Department/Office of" with its portfolios
    joined by "and" is one name."""
    return (toks[i].text in ("Ministry", "Department", "Office") and i + 1 < len(toks) and toks[i + 1].text == "of"
            and all(toks[k].text == "and" for k in joints))


def name_words(toks: list, i: int, j: int) -> list[str]:
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


# Lowercase words that follow a hyphen in compounds, not in names ("Hamas-run", "Kurdish-led", "US-made").
COMPOUND_TAILS = frozenset({"run", "led", "held", "born", "made", "like", "wide", "era", "type", "based", "backed",
                            "owned", "style", "free", "only", "year", "day", "old", "long", "way", "side", "wing"})


def _glued_name_tail(toks: list, j: int, z: int) -> bool:
    """A hyphen gluing a short lowercase part to a capitalised one inside a personal name ("Ki-moon", "Jong-un")."""
    return (toks[j].text == "-" and j + 1 < z and toks[j - 1].end == toks[j].start == toks[j + 1].start - 1
            and toks[j - 1].text[:1].isupper() and len(toks[j - 1].text) <= 4 and toks[j + 1].text.isalpha()
            and toks[j + 1].text.islower() and len(toks[j + 1].text) <= 4 and toks[j + 1].text not in COMPOUND_TAILS)


def past_common_opening(b: ActorBuilder, i: int, j: int) -> int:
    """Skip capitalised function words that open a sentence or a quotation ("The", "Every")."""
    toks = b.ctx.tokens
    first = b.ctx.sent_tokens[toks[i].sent][0]
    stripped = i
    while i < j and (toks[i].text in L.COMMON_CAPITALISED and (i == first or toks[i - 1].text in "\u201c\"(:")):
        i += 1
    while stripped < i < j and toks[i].lower in ("of", "for", "the"):
        i += 1
    return i


def title_end(words: list[str]) -> int:
    """Index of the last title word before a person's name: the latest that leaves a name of two to four words
    ("Dr Faadumo Sheikh Abdi": "Sheikh" inside the name is no title), else the latest; -1 when there is none."""
    titles = [n for n, w in enumerate(words) if w in L.TITLE_WORDS]
    for k in reversed(titles):
        if 2 <= len(words) - k - 1 <= 4 and words[k + 1] not in L.TITLE_WORDS:
            return k
    return titles[-1] if titles else -1


def comma_after(toks: list, j: int) -> bool:
    return j < len(toks) and toks[j].text == ","


def introduced_by_name(toks: list, i: int) -> bool:
    """A one-word name given as such: "his first name, Eliécer", "named Ahmed", "identified only as Musa"."""
    prev = [t.lower for t in toks[max(0, i - 3):i] if t.sent == toks[i].sent]
    return prev[-2:] == ["name", ","] or prev[-1:] == ["named"] or prev[-2:] in (["only", "as"], ["identified", "as"],
                                                                                  ["known", "as"])


def inverted_speaker_described(b: ActorBuilder, i: int, j: int) -> bool:
    """"said Fatima, a mother of five": a one-word name after a speech verb, described by a role noun."""
    toks = b.ctx.tokens
    return i > 0 and toks[i - 1].lower in ("said", "says", "added") and toks[i - 1].sent == toks[i].sent \
        and comma_after(toks, j) and apposition_head(b, j + 1) in L.ROLE_WORDS


def person_cue(b: ActorBuilder, i: int, j: int, titled: bool) -> bool:
    """Context that marks a capitalised run as a person's name (never a run that stands as a place)."""
    toks = b.ctx.tokens
    sent = toks[i].sent
    prev = toks[i - 1] if i > 0 and toks[i - 1].sent == sent else None
    nxt = toks[j] if j < len(toks) and toks[j].sent == sent else None
    if titled or (prev is not None and prev.lower in L.ROLE_WORDS):
        return True
    if place_context(b, i, j):
        return False
    if nxt is not None and nxt.lower in L.SPEECH_VERBS:
        return True
    if prev is not None and prev.lower in ("said", "says", "told", "added") and (nxt is None or nxt.text in ",."):
        return True
    if prev is not None and prev.text == "," and _role_before_comma(toks, i - 1) and nxt is not None and nxt.text in ",.":
        return True
    if nxt is not None and nxt.text == "," and j + 1 < len(toks):
        if toks[j + 1].lower == "who" or _age_apposition(toks, j + 1):
            return True
        if toks[j + 1].lower in L.SPEECH_VERBS:
            return prev is None or prev.lower not in L.PREPOSITIONS
        return apposition_head(b, j + 1) in L.ROLE_WORDS or _apposition_then_speech(toks, j)
    return False


def _role_before_comma(toks: list, comma: int) -> bool:
    """"the defence minister of Peru, Flores Araoz,": a role word ends the phrase before the comma, alone or with
    "of" and a name after it."""
    for k in range(comma - 1, max(-1, comma - 5), -1):
        if toks[k].sent != toks[comma].sent:
            return False
        if toks[k].lower in L.ROLE_WORDS:
            return True
        if not (toks[k].text[:1].isupper() or toks[k].lower in ("of", "for", "the")):
            return False
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


def apposition_head(b: ActorBuilder, k: int) -> str:
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


def place_context(b: ActorBuilder, i: int, j: int) -> bool:
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
    return nxt is not None and nxt.text == "," and apposition_head(b, j + 1) in L.PLACE_WORDS
