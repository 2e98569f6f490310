"""Casualty figures: the quantity as written, its qualifier, kind, victims, scope, source and perpetrator."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..annotations import Casualty
from . import lexicon as L
from .casualty_agents import ACTIVE_VERBS, RELEASE_VERBS, attack_owner, by_agent, claimed_responsibility, verb_subject
from .casualty_incidents import date_figures, date_in_sentence
from .casualty_quantities import may_open_quantity, read_quantity
from .casualty_sources import actor_in, carry_sources, reporter
from .casualty_words import (
    ADJECTIVE_HEADS,
    CAPTIVE_NOUNS,
    CAPTURE_FOLLOWERS,
    CAPTURE_PARTICIPLES,
    CUMULATIVE,
    DEAD_NOUNS,
    DISEASE_WORDS,
    EXCLUDED_UNITS,
    FINITE_LINKING,
    GROUP_MEMBERS,
    HEAD_KINDS,
    INJURY_NOUNS,
    KILL_WORDS,
    LINKING,
    LIST_HEADS,
    LIST_VERBS,
    NOMINAL_KINDS,
    OPENING_KINDS,
    OPENING_MARKS,
    ORDINALS,
    PARTICIPLE_KINDS,
    PERSON_UNITS,
    POSTMODIFIER_STOP,
    QUALIFIER_WORDS,
    SUBSET_AFTER,
    SUBSET_CUES,
    TOLL_VERBS,
    VERB_BEFORE,
)
from .context import Context, Token
from .dates import DateIndex, DateRec
from .events import EventRec
from .mentions import ActorLayer, MentionRec
from .quote_records import QuoteIndex, QuoteRec


@dataclass
class CasualtyRec(Casualty):
    """A casualty figure before ids are given out: the schema's record with an empty id, whose `date`
    holds the date record itself, plus the sentence it stands in and the figure it breaks down."""

    sentence: int = -1
    parent: int | None = None


def find_casualties(ctx: Context, layer: ActorLayer, dates: list[DateRec], quotes: list[QuoteRec],
                    events: list[EventRec] | None = None) -> list[CasualtyRec]:
    """Every casualty figure, sentence by sentence, then dated as part of its incident."""
    out: list[CasualtyRec] = []
    by_date = DateIndex(dates)
    by_quote = QuoteIndex(quotes, ctx)
    for s in range(len(ctx.sentences)):
        a, b = ctx.sent_tokens[s]
        toks = ctx.tokens[a:b]
        words = [t.text for t in toks]
        lower = [t.lower for t in toks]
        sentence = _Sentence(s, a, toks, lower)
        first_here = len(out)
        i = 0
        while i < len(words):
            q = read_quantity(words, lower, i) if may_open_quantity(lower[i]) else None
            if q is None:
                i += 1
                continue
            qs, qe, qualifier, low, high, vague = q
            start, end = toks[qs].start, toks[qe - 1].end
            if by_date.spans.touches(start, end) or (qs > 0 and words[qs - 1] in ("$", "\u20ac", "\u00a3")) \
                    or _second_day_of_date(by_date, toks, lower, qs):
                i = qe
                continue
            found = _classify(lower, qs, qe)
            head = None
            earlier = out[first_here:]
            parent = None
            if found is None and earlier and _subset_of(lower, qs):
                k = qe
                found = (earlier[-1].kind, (qe, k + 1) if k < len(lower) and lower[k].isalpha() else None)
                parent = len(out) - 1
            elif found is None and earlier and (subset := _subset_after(lower, qs, qe)) is not None:
                found = (earlier[-1].kind, subset if subset[1] > subset[0] else None)
                parent = len(out) - 1
            last = out[-1].kind if out and out[-1].sentence >= s - 1 else None
            listed = _kind_from_list_opening(lower, qs, earlier[-1].kind if earlier else None)
            coordinated = _coordinated_kind(lower, qs, earlier, sentence)
            if found is None:
                head = _appositive_head(lower, qs)
                kind = listed or coordinated or _kind_from_opening(lower, qs, qe, last) \
                    or (HEAD_KINDS[lower[head]] if head is not None else None) or _nearest_lexeme_after(lower, qs, qe)
                found = (kind, _noun_after(lower, qe)) if kind else None
            single = vague is None and lower[qs] in ("a", "an") and low == high == 1
            if found is None or single and not (listed or coordinated or _single_counted(lower, qs, qe)) \
                    or found[0] == "killed" and _disease_toll(lower, qe):
                i = qe
                continue
            kind, victim_range = found
            if single and lower[qs + 1] not in ORDINALS:
                victim_range = (qs + 1, qe)
            governed = head if head is not None and kind == HEAD_KINDS[lower[head]] else qs
            rec = _record(ctx, layer, by_date, by_quote, sentence, (qs, qe, governed), kind, qualifier, low, high,
                          vague, victim_range)
            rec.parent = parent
            if earlier and (parent is not None or _continues(lower, qs)):
                rec.scope = earlier[-1].scope
            out.append(rec)
            other = _paired_kind(lower, qs, qe, kind)
            if other is not None:
                rec.count_low, rec.count_high = None, rec.count_high if rec.count_high is not None else rec.count_low
                out.append(replace(rec, kind=other, parent=None))
            elif kind == "missing" and _found_dead(lower, qe):
                out.append(replace(rec, kind="killed", parent=None))
            i = qe
    claims = [(ctx.sentences[n][0], actor) for n in range(len(ctx.sentences))
              if (actor := claimed_responsibility(ctx, layer, n)) is not None]
    date_figures(ctx, out, events or [], claims)
    carry_sources(ctx, out, quotes)
    return out


CLAUSE_JOINS = frozenset({"and", ",", "among", "\u201c", '"', ";"})


def _continues(lower: list[str], qs: int) -> bool:
    """A figure that goes on from the one before in its sentence ("…, with another 50 injured", "among them 12
    children") and so counts over the same stretch of time."""
    k = qs - 1
    if k >= 0 and lower[k] in ("another", "more", "them"):
        k -= 1
    return k >= 0 and lower[k] in ("with", "among", "including")


def _kind_from_list_opening(lower: list[str], qs: int, last_kind: str | None) -> str | None:
    """A count in a list that a clause opens with its victims: "victims included a captain and 11 soldiers",
    "Among those killed was at least one citizen", "Among the victims were a nurse who … and two pupils"."""
    for v in range(qs - 1, max(0, qs - 20) - 1, -1):
        w = lower[v]
        if w in (".", ";", ":") or w in L.SPEECH_VERBS or w in KILL_WORDS and w not in LIST_HEADS:
            return None
        if w in LIST_VERBS and v > 0 and lower[v - 1] in LIST_HEADS:
            head = lower[v - 1]
            opened = v >= 2 and lower[v - 2] in ("the", "those")
            if head in ("victims", "casualties"):
                return last_kind or "killed" if v < 2 or opened or lower[v - 2] in CLAUSE_JOINS else None
            return OPENING_KINDS.get(head) or PARTICIPLE_KINDS.get(head) if opened else None
    return None


def _coordinated_kind(lower: list[str], qs: int, earlier: list[CasualtyRec], sentence: _Sentence) -> str | None:
    """"killing eleven soldiers and a captain": a count joined by "and" to the object of a casualty verb just before
    it is of the same kind."""
    if not earlier or qs < 2 or lower[qs - 1] != "and":
        return None
    prev = earlier[-1]
    q_end = next((k for k, t in enumerate(sentence.toks) if t.end == prev.end), None)
    if q_end is None or qs - q_end > 5:
        return None
    governing = prev if prev.parent is None or len(earlier) < 2 else earlier[-2]
    p = next((k for k, t in enumerate(sentence.toks) if t.start == governing.start), None)
    if p is None or _verb_before(lower, p) is None:
        return None
    between = lower[q_end + 1:qs - 1]
    return prev.kind if all((w.isalpha() or w == ",") and w not in KILL_WORDS and w not in LINKING
                            for w in between) else None


def _single_counted(lower: list[str], qs: int, qe: int) -> bool:
    """One person counted as a figure where the words say a casualty befell that person: an ordinal ("a fifth
    peacekeeper died"), "the killing of a nurse", "among them a boy", or a subject with its own casualty predicate
    ("a priest was shot dead"), not "was among the dead"."""
    if lower[qs + 1] in ORDINALS:
        return True
    p = qs - 1
    if p >= 1 and lower[p] == "of" and (lower[p - 1] in NOMINAL_KINDS or p >= 2 and lower[p - 2] in NOMINAL_KINDS):
        return True
    if p >= 1 and lower[p] in ("them", "whom") and lower[p - 1] == "among":
        return True
    if _verb_before(lower, qs) is not None:
        return any(lower[m] == "and" and lower[m + 1] in KILL_WORDS for m in range(qe, min(len(lower) - 1, qe + 6)))
    if p >= 0 and lower[p] not in (",", "and", "that", "but", "\u201c", '"', "\u2014"):
        return False
    after = lower[qe:qe + 8]
    return "among" not in after and "whose" not in after and _predicate_kind(lower, qe) is not None


def _nominal_kind(lower: list[str], qs: int) -> str | None:
    """"claimed the lives of 52", "the killing today of a peacekeeper", "the bodies of two soldiers"."""
    p = _word_before(lower, qs)
    if p < 1 or lower[p] != "of":
        return None
    return NOMINAL_KINDS.get(lower[p - 1]) or (NOMINAL_KINDS.get(lower[p - 2]) if p >= 2 else None)


def _toll_kind(lower: list[str], qs: int) -> str | None:
    """"the toll climbed to 40", "taking the toll to 11", "placed the death toll at 28": a toll's new figure."""
    p = _word_before(lower, qs)
    if p < 1 or lower[p] not in TOLL_VERBS:
        return None
    window = lower[max(0, p - 12):p]
    if not any(w in ("toll", "tally") for w in window) or any(w in (",", ";", ":") for w in window[-4:]):
        return None
    return "injured" if any(w in ("injured", "wounded", "injury") for w in window) else "killed"


def _second_day_of_date(dates: DateIndex, toks: list[Token], lower: list[str], qs: int) -> bool:
    """"on Nov. 1 and 2": a day number joined to a date just before it is part of the date, not a count."""
    return qs >= 2 and lower[qs - 1] in ("and", "or", "to", "-", "through") and re.fullmatch(r"\d{1,2}", lower[qs]) \
        is not None and dates.spans.touches(toks[qs - 2].start, toks[qs - 2].end)


def _word_before(lower: list[str], qs: int) -> int:
    """Index of the word before a quantity, past its qualifier words and an opening quotation mark
    ("killed “at least three fighters”" -> "killed"); -1 when there is none."""
    p = qs - 1
    while p >= 0 and (lower[p] in QUALIFIER_WORDS or lower[p] in OPENING_MARKS):
        p -= 1
    return p


def _verb_before(lower: list[str], qs: int) -> str | None:
    """A casualty verb just before a quantity and its qualifier words ("killing at least 3")."""
    p = _word_before(lower, qs)
    return lower[p] if p >= 0 and lower[p] in VERB_BEFORE and lower[p] in KILL_WORDS else None


def _kind_from_opening(lower: list[str], qs: int, qe: int, last_kind: str | None) -> str | None:
    """The casualty kind a sentence's opening gives every count in it: "Among the dead were two medics",
    "The wounded included five children", or, after a figure in the sentence before, "The others were a
    farmer and his two sons" (the rest of that figure). None when the count names a unit, not people."""
    if qe >= len(lower) or lower[qe] in EXCLUDED_UNITS or not lower[qe].isalpha() or lower[qe] in LINKING:
        return None
    k = 1 if lower[0] in ("among", "of") else 0
    if lower[k:k + 1] != ["the"] or k + 2 > qs:
        return None
    head, verb = lower[k + 1], lower[k + 2] if k + 2 < len(lower) else ""
    if k == 0 and verb not in ("were", "are", "included", "include", "includes", "was", "is"):
        return None
    if head in OPENING_KINDS:
        return OPENING_KINDS[head]
    return last_kind if k == 0 and head in ("others", "rest", "remainder", "remaining") else None


def _noun_after(lower: list[str], qe: int) -> tuple[int, int] | None:
    """The noun phrase right after a count, up to four words ("two elderly Israeli women")."""
    k = qe
    while k < len(lower) and k - qe < 4 and _noun_word(lower[k]):
        k += 1
    return (qe, k) if k > qe else None


def _noun_word(word: str) -> bool:
    """A word that can stand in a victim noun phrase: not a verb of the casualty, a linking word or a preposition."""
    return re.match(r"^(?:[a-z\u2019'-]+|(?:[a-z]\.){2,})$", word) is not None and word not in LINKING \
        and word not in L.PREPOSITIONS and word not in KILL_WORDS and word not in L.SPEECH_VERBS \
        and word not in ("and", "or", "but", "who", "that", "lost", "went", "came", "remain", "remained") \
        and word not in CAPTURE_PARTICIPLES


def _group_of(lower: list[str], k: int) -> int:
    """"members of the Afghan security forces": a group noun's members are named by the phrase after "of"; the end
    of that phrase (k unchanged when there is none)."""
    if k < 2 or lower[k - 1] not in GROUP_MEMBERS or k >= len(lower) or lower[k] != "of":
        return k
    m = k + 1
    if m < len(lower) and lower[m] in ("the", "a", "an", "his", "her", "their", "its"):
        m += 1
    end = m
    while end < len(lower) and end - m < 4 and _noun_word(lower[end]):
        end += 1
    return end if end > m else k


def _degree_adverb(word: str) -> bool:
    """An adverb between a linking verb and its participle ("were lightly wounded", "was fatally shot")."""
    return len(word) > 4 and word.endswith("ly") and word.isalpha()


def _in_age_list(lower: list[str], qs: int) -> bool:
    """A number in a list of ages ("two men aged 58 and 71")."""
    p = qs - 1
    while p >= 1 and lower[p] in ("and", ",", "or") and re.fullmatch(r"\d+", lower[p - 1]):
        p -= 2
        if p >= 0 and lower[p] in ("aged", "ages"):
            return True
    return False


def _subset_of(lower: list[str], qs: int) -> bool:
    """The quantity opens a subset of a figure just given ("among them several children")."""
    return any(tuple(lower[max(0, qs - len(cue)):qs]) == cue for cue in SUBSET_CUES)


def _subset_after(lower: list[str], qs: int, qe: int) -> tuple[int, int] | None:
    """The quantity, set off by a comma, counts part of a figure just given: "…, nine of them children" or
    "…, two nurses among them". Returns the victim noun's token range (empty when there is none)."""
    if qs == 0 or lower[qs - 1] != ",":
        return None
    for n in range(0, 4):
        if n and not lower[qe + n - 1].isalpha():
            return None
        if tuple(lower[qe + n:qe + n + 2]) in SUBSET_AFTER:
            if n:
                return qe, qe + n
            k = qe + 2
            return (k, k + 1) if k < len(lower) and lower[k].isalpha() else (k, k)
    return None


def _verb_after_postmodifier(lower: list[str], k: int) -> str | None:
    """The casualty verb of a subject whose head noun is followed by a modifier: "Eleven staff of the town's
    hospital, including two doctors, were abducted" -> "abducted" (None when a new clause starts first)."""
    if k >= len(lower) or lower[k] not in ("of", "from", "at", "in", ","):
        return None
    for x in range(k + 1, min(len(lower) - 1, k + 16)):
        if _lost_lives(lower, x) or lower[x] == "died":
            return "died"
        if lower[x] in POSTMODIFIER_STOP or lower[x] in L.SPEECH_VERBS or lower[x] in KILL_WORDS:
            return None
        if lower[x] in FINITE_LINKING:
            y = x + 1
            while y < len(lower) and y - x < 4 and lower[y] in LINKING and lower[y] not in ("and", "or", "to", "who"):
                y += 1
            word = lower[y] if y < len(lower) else ""
            return word if word in KILL_WORDS and word not in ("kill", "killing", "kills", "hostage", "hostages",
                                                              "captive", "captives") else None
    return None


def _classify(lower: list[str], qs: int, qe: int) -> tuple[str, tuple[int, int] | None] | None:
    """The casualty kind of a quantity and the token range of its victim noun, or None when it counts something else."""
    k = qe
    partitive = _partitive_kind(lower, qe)
    if partitive is not None:
        return partitive
    if k < len(lower) and lower[k] == "of":
        k += 1
    if k < len(lower) and lower[k] in PERSON_UNITS:
        kind = _predicate_kind(lower, k + 1)
        return (kind, (k, k + 1)) if kind else None
    if k < len(lower) and (lower[k] in EXCLUDED_UNITS or lower[k] in ("%", "per", "percent")):
        return None
    if qs > 0 and lower[qs - 1] in ("aged", "age", "ages", "number", "no.", "resolution", "chapter", "article"):
        return None
    if _in_age_list(lower, qs):
        return None
    for noun in CAPTIVE_NOUNS:
        if tuple(lower[k:k + len(noun)]) == noun:
            return "hostage", (k, k + len(noun))
    head = _head_kind(lower, k)
    if head is not None:
        return head
    noun_start = k
    while k < len(lower) and k - noun_start < 4 and _noun_word(lower[k]):
        k += 1
    # keep capitalised group nouns ("Palestinians") too
    if k == noun_start and k < len(lower) and lower[k].isalpha() and lower[k] not in KILL_WORDS and lower[k] not in LINKING \
            and lower[k] not in L.PREPOSITIONS and lower[k] not in ("and", "or", "but", "the", "a", "an"):
        k += 1
    victims = (noun_start, k) if k > noun_start else None
    if victims and _group_of(lower, k) > k:
        victims = (noun_start, _group_of(lower, k))
    if victims and lower[k - 1] in EXCLUDED_UNITS:
        return None
    if victims and lower[k - 1] in DEAD_NOUNS:
        return "killed", victims
    if not victims and k < len(lower) and KILL_WORDS.get(lower[k]) == "hostage" \
            and (later := _predicate_kind(lower, k + 1)) in ("killed", "injured"):
        return later, (k, k + 1)
    if k + 2 < len(lower) and lower[k] == "who" and lower[k + 1] in ("suffered", "sustained") \
            and any(w in INJURY_NOUNS for w in lower[k + 2:k + 5]):
        return "injured", victims
    if k < len(lower) and lower[k] in KILL_WORDS and lower[k] not in ("kill", "killing", "kills"):
        return KILL_WORDS[lower[k]], victims
    if victims and lower[k - 1] in KILL_WORDS:
        return KILL_WORDS[lower[k - 1]], (victims[0], k - 1) if k - 1 > victims[0] else None
    nominal = _nominal_kind(lower, qs) or _toll_kind(lower, qs)
    if nominal is not None:
        return nominal, victims if victims and lower[k - 1] not in L.CALENDAR_WORDS else None
    before = _verb_before(lower, qs)
    m = k
    while m < len(lower) and m - k < 5 and (lower[m] in LINKING or _degree_adverb(lower[m])):
        m += 1
    if before is not None and any(w in ("and", "or") for w in lower[k:m]):
        return KILL_WORDS[before], victims
    if m > k and m < len(lower) and lower[m] in KILL_WORDS:
        if lower[m] in ("hostage", "captive") and lower[m - 1] not in ("taken", "held"):
            return None
        return KILL_WORDS[lower[m]], victims
    predicate = _predicate_kind(lower, k) if before is None else None
    if predicate is not None:
        return predicate, victims
    if victims and _with_injuries(lower, k):
        return "injured", victims
    p = _word_before(lower, qs)
    if p >= 0 and lower[p] in VERB_BEFORE and lower[p] not in ("claimed", "left"):
        return KILL_WORDS[lower[p]], victims
    if p >= 0 and lower[p] in ("claimed", "left") and victims and lower[victims[1] - 1] in ("lives", "dead"):
        return "killed", None
    if victims and k + 1 < len(lower) and lower[k] in CAPTURE_PARTICIPLES and lower[k + 1] in CAPTURE_FOLLOWERS \
            and (lower[k] != "held" or lower[k + 1] in ("by", "hostage", "captive")):
        return "hostage", victims
    late = _verb_after_postmodifier(lower, k) if victims else None
    if late is not None:
        return KILL_WORDS[late], victims
    window = " ".join(lower[max(0, qs - 16):qs])
    if not victims and re.search(r"\b(?:death toll|toll|number of (?:\S+ )?(?:killed|dead|deaths|injured|wounded))\b",
                                 window):
        return ("injured" if re.search(r"number of (?:\S+ )?(?:injured|wounded)", window) else "killed"), None
    return None


def _head_kind(lower: list[str], k: int) -> tuple[str, tuple[int, int] | None] | None:
    """A casualty noun right after a count says its kind and is its victim noun as written: "at least one death",
    "240 hostages", "more than 40 dead", "many more injured" (not "two wounded soldiers": an adjective there)."""
    if k < len(lower) and lower[k] == "more":
        k += 1
    if k >= len(lower) or lower[k] not in HEAD_KINDS:
        return None
    nxt = lower[k + 1] if k + 1 < len(lower) else ""
    if lower[k] in ADJECTIVE_HEADS and nxt.isalpha() and nxt not in LINKING and nxt not in L.PREPOSITIONS \
            and nxt not in ("and", "or", "but", "when", "after", "while", "as"):
        return None
    return HEAD_KINDS[lower[k]], (k, k + 1)


def _paired_kind(lower: list[str], qs: int, qe: int, kind: str) -> str | None:
    """"thousands of people killed or wounded", "wounded or killed 40": one count under two casualty words of
    different kinds is a figure of each, and each at most the count (the split is not told); the other kind, or
    None."""
    p = _word_before(lower, qs)
    spots = [p - 2] if p >= 2 else []
    for m in range(qe, min(len(lower) - 2, qe + 10)):
        if lower[m] in (".", ";", ",", ":") or lower[m] in L.SPEECH_VERBS:
            break
        spots.append(m)
    for m in spots:
        if lower[m + 1] in ("or", "and") and lower[m] in KILL_WORDS and lower[m + 2] in KILL_WORDS:
            pair = {KILL_WORDS[lower[m]], KILL_WORDS[lower[m + 2]]}
            if len(pair) == 2 and kind in pair and pair <= {"killed", "injured"}:
                return (pair - {kind}).pop()
    return None


def _disease_toll(lower: list[str], qe: int) -> bool:
    """Deaths from disease or hunger ("died from a suspected cholera outbreak", "of starvation") are not casualties
    of the fighting."""
    for m in range(qe, min(len(lower), qe + 12)):
        if lower[m] in (".", ";") or lower[m] in L.SPEECH_VERBS:
            return False
        if lower[m] in ("of", "from") and any(w in DISEASE_WORDS for w in lower[m + 1:m + 5]):
            return True
    return False


def _appositive_head(lower: list[str], qs: int) -> int | None:
    """The casualty noun a count set off by a dash or colon stands in apposition to ("released more hostages
    Monday — two elderly women" -> "hostages"): its index, which gives the count's kind and governing verb."""
    p = qs - 1
    if p < 1 or lower[p] not in ("\u2014", "\u2013", "--", ":"):
        return None
    p -= 1
    while p > 0 and (lower[p].capitalize() in L.CALENDAR_WORDS or lower[p] in ("on", "today", "yesterday", "overnight")):
        p -= 1
    return p if lower[p] in HEAD_KINDS else None


def _partitive_kind(lower: list[str], qe: int) -> tuple[str, tuple[int, int] | None] | None:
    """"a further six of the injured died": in a partitive the verb, not the group noun, says what befell them."""
    if tuple(lower[qe:qe + 2]) not in (("of", "the"), ("of", "those"), ("of", "them"), ("of", "these")):
        return None
    k = qe + 2
    while k < len(lower) and k - qe < 6 and lower[k].isalpha() and lower[k] not in LINKING \
            and lower[k] not in L.PREPOSITIONS and not (lower[k] in KILL_WORDS and k > qe + 2):
        k += 1
    kind = _predicate_kind(lower, k)
    group = lower[k - 1] if k - 1 > qe + 1 else ""
    if kind is None or group not in KILL_WORDS and group not in ("people", "victims", "patients"):
        return None
    return kind, None


def _predicate_kind(lower: list[str], k: int) -> str | None:
    """The casualty word of the predicate that follows a counted subject, past coordinated nouns, linking words and
    "among those" ("Two soldiers and a child were among those killed", "… of the injured died overnight")."""
    m = k
    while m < len(lower) and m - k < 12:
        w = lower[m]
        if w in KILL_WORDS and w not in ("kill", "killing", "kills", "hostage", "hostages", "captive", "captives"):
            return KILL_WORDS[w]
        if _lost_lives(lower, m):
            return "killed"
        if w in ("and", "or", "a", "an", "the", "their", "his", "her", "among", "those", "them", "whom") \
                or w in LINKING or _degree_adverb(w) or w in ("shot", "burned", "stabbed", "beaten", "hacked"):
            m += 1
            continue
        if w.isalpha() and m > k and lower[m - 1] in ("a", "an", "the", "their", "his", "her", "and"):
            m += 1
            continue
        return None
    return None


def _found_dead(lower: list[str], k: int) -> bool:
    """"went missing and was later found dead": the clause goes on to tell the missing person's death, a second
    figure of the same people."""
    for m in range(k, min(len(lower) - 1, k + 10)):
        if lower[m] in (".", ";", "but", "while", "when"):
            return False
        if lower[m] == "found" and any(w in ("dead", "killed", "murdered", "slain") for w in lower[m + 1:m + 3]):
            return True
    return False


def _lost_lives(lower: list[str], m: int) -> bool:
    """"lost their lives", "lost his life": died."""
    return lower[m] == "lost" and m + 2 < len(lower) and lower[m + 2] in ("lives", "life")


def _with_injuries(lower: list[str], k: int) -> bool:
    """"dozens of people with burns and shrapnel wounds": people counted by the injuries they carry."""
    if k >= len(lower) or lower[k] != "with":
        return False
    return any(w in INJURY_NOUNS for w in lower[k + 1:k + 6])


def _nearest_lexeme_after(lower: list[str], qs: int, qe: int) -> str | None:
    """The casualty participle nearest after a count in its sentence ("four more: a farmer, his wife and their two
    sons, shot dead"), not past a semicolon, a quotation mark, a speech verb or a new finite clause; never for a
    count of things, an age (", 34,") or a compound ("14-year-old")."""
    nxt = lower[qe] if qe < len(lower) else ""
    if nxt in EXCLUDED_UNITS or nxt in ("-", "%", "per", "percent", "of") or qs > 0 and lower[qs - 1] in (",", "aged") \
            and nxt == "," or _in_age_list(lower, qs) or qs > 0 and lower[qs - 1] in ("aged", "age", "number"):
        return None
    for m in range(qe, min(len(lower), qe + 20)):
        w = lower[m]
        if w in (";", "\u201c", "\u201d", '"') or w in L.SPEECH_VERBS or w in ("when", "after", "because", "while",
                                                                               "but", "although", "since", "as"):
            return None
        if w == "with" and lower[m - 1] == ",":
            return None
        if w in PARTICIPLE_KINDS:
            return PARTICIPLE_KINDS[w]
        if w.endswith("ed") and w not in LINKING and m > qe:
            return None  # the count has a predicate of its own ("14 people had been arrested")
    return None


@dataclass
class _Sentence:
    """One sentence as the casualty rules read it: its index, first token, tokens and their lowercase forms."""

    index: int
    first: int
    toks: list[Token]
    lower: list[str]


def _released(lower: list[str], at: int) -> bool:
    """Hostages a verb of release governs ("Hamas released two hostages"): the day is not that of their capture."""
    return any(w in RELEASE_VERBS for w in lower[max(0, at - 4):at])


def _record(ctx: Context, layer: ActorLayer, dates: DateIndex, quotes: QuoteIndex, sent: _Sentence,
            at: tuple[int, int, int], kind: str, qualifier: str, low: int | None, high: int | None, vague: str | None,
            victim_range: tuple[int, int] | None) -> CasualtyRec:
    """Fill in the context of a casualty figure at tokens `at` (start, end, word its verb governs): victims, scope,
    date, source, perpetrator."""
    qs, qe, governed = at
    text = ctx.text
    s, toks = sent.index, sent.toks
    start, end = toks[qs].start, toks[qe - 1].end
    s_start, s_end = ctx.sentences[s]
    sentence = text[s_start:s_end]
    victims = victim_actor = None
    if victim_range is None and kind == "killed":
        m = re.search(r"number of (\w+) (?:killed|dead)", sentence)
        if m:
            vs = s_start + m.start(1)
            victim_range_chars = (vs, vs + len(m.group(1)))
            victims = m.group(1)
            victim_actor = actor_in(layer, *victim_range_chars)
    if victim_range is not None:
        vs, ve = toks[victim_range[0]].start, toks[victim_range[1] - 1].end
        victims = text[vs:ve]
        victim_actor = actor_in(layer, vs, ve)
    scope = _scope(ctx, dates, sent, qs)
    released = kind == "hostage" and _released(sent.lower, governed)
    date = None if released else date_in_sentence(ctx, dates, s, start, end)
    reported_by, reported_actor = reporter(ctx, layer, quotes, s, start, end)
    perpetrator = _perpetrator(ctx, layer, quotes, sent, governed, qe, start, end)
    return CasualtyRec(id="", kind=kind, start=start, end=end, text=text[start:end], count_low=low, count_high=high,
                       qualifier=qualifier, scope=scope, vague_word=vague, victims=victims, victim_actor=victim_actor,
                       perpetrator=perpetrator, date=date, reported_by=reported_by, reported_by_actor=reported_actor,
                       sentence=s)


def _scope(ctx: Context, dates: DateIndex, sent: _Sentence, qs: int) -> str:
    """Cumulative when a cue ("since", "so far", "the war has killed", a duration of weeks or more) lies in the
    figure's clause, in a short opening phrase of its sentence ("So far this year, …"), in the clause a participle
    figure hangs on ("the conflict has raged for years, killing …"), or opens the clause right after it (", mostly
    in", "since the war began"); a cue in any other clause speaks of something else."""
    toks = ctx.tokens
    first, last = ctx.sent_tokens[sent.index]
    fig = sent.first + qs
    begin = ctx.clause_start(fig)
    if begin > first and toks[begin].lower.endswith("ing") and toks[begin - 1].text == ",":
        begin = ctx.clause_start(begin - 2) if begin - 2 >= first else first
    end_tok = ctx.clause_end(fig)
    nxt = end_tok + 1 if end_tok < last and toks[end_tok].text == "," else end_tok
    if nxt < last and CUMULATIVE.match(ctx.text, toks[nxt].start):
        end_tok = ctx.clause_end(nxt)
    spans = [(toks[begin].start, toks[end_tok - 1].end)]
    opening = next((k for k in range(first, min(begin, first + OPENING_PHRASE)) if toks[k].text == ","), None)
    if opening is not None:
        spans.append((toks[first].start, toks[opening].start))
    for lo, hi in spans:
        if CUMULATIVE.search(ctx.text, lo, hi) or any(d.kind == "duration" and not d.value.endswith(("D", "H"))
                                                      for d in dates.starting_in(lo, hi)):
            return "cumulative"
    return "incident"


OPENING_PHRASE = 7


def _perpetrator(ctx: Context, layer: ActorLayer, quotes: QuoteIndex, sent: _Sentence, qs: int, qe: int,
                 start: int, end: int) -> str | None:
    """The actor the sentence says caused the casualties: "by X", the subject of an active casualty verb, or the
    actor before an attack noun ("in an X strike")."""
    a, lower = sent.first, sent.lower
    last = ctx.sent_tokens[sent.index][1]
    agent = by_agent(ctx, layer, a + qe, last)
    if agent is not None:
        return agent
    p = qs - 1
    while p >= 0 and qs - p <= 4 and lower[p] not in ACTIVE_VERBS:
        p -= 1
    if p >= 0 and qs - p <= 4:
        first = ctx.clause_start(a + p) - a
        while first < p and (lower[first] in L.SPEECH_VERBS or lower[first] in ("that", "and", "but")):
            first += 1
        if lower[first] in ("it", "they", "we"):
            q = quotes.covering(start, end)
            if q is not None and q.speaker is not None:
                return q.speaker
        subject = verb_subject(ctx, layer, a + p)
        if subject is not None:
            return subject
    return attack_owner(ctx, layer, a, last, a + qs)


__all__ = ["CasualtyRec", "find_casualties", "MentionRec"]
