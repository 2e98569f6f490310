"""Direct and indirect quotes, and who said them (named before, after, in the previous sentence, or "it added")."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from . import lexicon as L
from .actors import ActorLayer, MentionRec
from .context import APOSTROPHES, QUOTE_CLOSE, QUOTE_OPEN, Context, Token
from .dates import NUMBER_WORDS

NEGATIONS = frozenset({"not", "n't", "n\u2019t", "never", "declined", "refused"})
CLAUSE_END_WORDS = frozenset({"but", "while", "although", "though", "whereas", "adding", "saying", "according",
                              "which", "even"})
COORDINATORS = frozenset({",", "and", "or", "the", "&"})
ACCUSATION_VERBS = frozenset({"accused", "accuses", "accusing"})
APPEAL_VERBS = frozenset({"urged", "urges", "urging", "urge"})
APPEAL_ON_VERBS = frozenset({"called", "calls", "calling", "call"})
CHARACTERISING_VERBS = frozenset({"dismissed", "dismisses", "dismissing", "described", "describes", "describing",
                                  "branded", "brands", "branding", "labelled", "labeled", "labels"})
# Addressees of "told" that stand between the verb and the reported clause ("told reporters the city was calm").
PRESS_WORDS = frozenset({"reporters", "journalists", "parliament", "lawmakers", "supporters", "residents"})
PASSIVE_MARKERS = frozenset({"be", "been", "being", "was", "were", "is", "are"})
TIMESTAMP = re.compile(r"\s*\d{1,2}[:.]\d{2}(?:\s*(?:GMT|BST|UTC|CET|EET|EST|ET|local time))?\s*[\u2014\u2013-]\s*")
PARENTHETICAL_OPENERS = frozenset({"who", "whose", "which", "a", "an", "the", "its", "his", "her", "their"})
# Qualifier words that open a quantity, not a prepositional phrase ("says at least 40 people", "said over 300").
QUANTITY_OPENERS = frozenset({("at", "least"), ("more", "than"), ("up", "to"), ("as", "many"), ("fewer", "than"),
                              ("less", "than"), ("close", "to")})
NON_ACTOR_NOUN_STOP = frozenset({"and", "but", "or", "then", "also", "who", "which", "that", "later", "as"})


@dataclass
class QuoteRec:
    """A quote with its speaker's actor id and the mention that names the speaker."""

    kind: str
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_mention: MentionRec | None
    cue: tuple[int, int] | None


class _Speakers:
    """Resolves the subject of a speech verb to an actor through the mentions around it."""

    def __init__(self, ctx: Context, layer: ActorLayer) -> None:
        self.ctx = ctx
        self.layer = layer
        self.by_end: dict[int, list[MentionRec]] = {}
        self.by_start: dict[int, list[MentionRec]] = {}
        self.unquoted = [not ctx.in_quote(m.start, m.end) for m in layer.mentions]
        for m, free in zip(layer.mentions, self.unquoted):
            if free:
                self.by_end.setdefault(m.tok_end, []).append(m)
                self.by_start.setdefault(m.tok_start, []).append(m)
        self.start_tokens = sorted(self.by_start)
        self.anonymous = [n for n, m in enumerate(layer.mentions) if self.unquoted[n] and m.kind == "anonymous"]
        self.last: MentionRec | None = None
        self.date_starts: dict[int | None, int | None] = {}
        self.last_sentence = -10

    def _before(self, cue: int, first: int, last: int | None = None) -> list[MentionRec]:
        """Mentions outside quotations that end before token `cue` and start in sentences `first` to `last`."""
        ms = self.layer.mentions
        hi = cue if last is None else min(cue, self.ctx.sent_tokens[last][1])
        return [ms[n] for n in self.layer.index.tok_range(self.ctx.sent_tokens[max(0, first)][0], hi)
                if self.unquoted[n] and ms[n].tok_end <= cue]

    def _last_anonymous(self, cue: int) -> MentionRec | None:
        """The latest anonymous source outside quotations that ends before token `cue`."""
        ms = self.layer.mentions
        hi = bisect_left(self.anonymous, self.layer.index.tok_range(0, cue).stop)
        return next((ms[n] for n in reversed(self.anonymous[:hi]) if ms[n].tok_end <= cue), None)

    def _longest(self, ms: list[MentionRec]) -> MentionRec:
        return max(ms, key=lambda m: (m.end - m.start, m.kind == "anonymous"))

    def _first_conjunct(self, m: MentionRec) -> MentionRec:
        """"France, Germany and the United Kingdom": the first of coordinated mentions."""
        toks = self.ctx.tokens
        while True:
            j = m.tok_start - 1
            joined = False
            while j >= 0 and toks[j].sent == toks[m.tok_start].sent and toks[j].lower in COORDINATORS:
                joined = joined or toks[j].lower in (",", "and", "or")
                j -= 1
            prev = self.by_end.get(j + 1)
            if not joined or not prev:
                return m
            m = self._longest(prev)

    def subject(self, cue: int) -> MentionRec | None:
        """The mention naming the subject of the speech verb at token `cue`."""
        toks = self.ctx.tokens
        sent = toks[cue].sent
        first = self.ctx.sent_tokens[sent][0]
        j = cue - 1
        while j >= first and (toks[j].lower in L.AUXILIARIES or toks[j].lower.endswith("ly")):
            j -= 1
        if j < first:
            return self._fallback(cue)
        word = toks[j].lower
        if word in L.PRONOUNS or (word in L.DEFINITE_NOUNS and j - 1 >= first and toks[j - 1].lower == "the"):
            return self._pronoun(word, cue) or (self._described_person(word, cue) if word in L.ROLE_WORDS else None)
        if word in L.ROLE_WORDS and toks[j].text.islower() and j - 1 >= first and toks[j - 1].lower == "the":
            return self._described_person(word, cue)
        if j + 1 in self.by_end:
            m = self._longest(self.by_end[j + 1])
            k = m.tok_start - 1
            while k >= first and toks[k].lower == "the":
                k -= 1
            if k < first or toks[k].lower not in L.PREPOSITIONS:
                return self._first_conjunct(m)
            j = k - 1
            if j < first:
                return self._fallback(cue)
        if toks[j].text == ",":
            opening = self._parenthetical_open(j)
            if opening is not None and opening in self.by_end:
                return self._first_conjunct(self._longest(self.by_end[opening]))
        start = self.ctx.clause_start(j)
        for k in range(start, j + 1):
            if toks[k].lower in L.DEFINITE_NOUNS and k > start and toks[k - 1].lower == "the" \
                    and not any(k2 in self.by_start for k2 in range(start, k)):
                return self._owned_body(self._pronoun(toks[k].lower, cue), k + 1, cue)
        if toks[j].text in (",", "\u2014") or start > j:
            return self._fallback(cue)
        for k in range(start, j + 1):
            if k in self.by_start and (k == start or toks[k - 1].lower not in L.PREPOSITIONS):
                return self._first_conjunct(self._possessed(self._longest(self.by_start[k]), cue))
        if toks[j].text.isalpha() and toks[j].text.islower() and toks[j].lower not in NON_ACTOR_NOUN_STOP \
                and cue == j + 1:
            return None
        return self._fallback(cue)

    def _parenthetical_open(self, close: int) -> int | None:
        """The comma opening a relative clause or apposition that ends at the comma `close` ("an official, who
        spoke on condition of anonymity, warned"), or None."""
        toks = self.ctx.tokens
        first = self.ctx.sent_tokens[toks[close].sent][0]
        for k in range(close - 1, max(first, close - 25) - 1, -1):
            if toks[k].text in (";", ":", "\u201c", "\u201d", '"') or toks[k].lower in L.SPEECH_VERBS:
                return None
            if toks[k].text == ",":
                return k if toks[k + 1].lower in PARENTHETICAL_OPENERS else None
        return None

    def _pronoun(self, word: str, cue: int) -> MentionRec | None:
        """He/she/it/they → the last speaker; "the source", "the country" → the last fitting subject before."""
        sent = self.ctx.tokens[cue].sent
        want_person = word in ("he", "she")
        recent = self.last is not None and sent - self.last_sentence <= 3
        newer = self._clause_subject_before(cue, want_person) if word in L.PRONOUNS else None
        if newer is not None:
            return newer
        if word in L.PRONOUNS and recent and self.last is not None:
            if want_person == self._personal(self.last) or word in ("they", "we"):
                return self.last
        if word not in L.PRONOUNS:
            named = self._named_by(word, self._before(cue, sent - 3), sent)
            if named is not None:
                return named
        if word in ("source", "sources"):
            return self._last_anonymous(cue)
        wanted = {"country": ("state",), "government": ("state",), "administration": ("state",),
                  "group": ("armed_group", "political_organisation"), "movement": ("armed_group", "political_organisation"),
                  "militia": ("armed_group",)}.get(word)
        toks = self.ctx.tokens
        for s in range(sent - 1 if word not in L.PRONOUNS else sent, max(-1, sent - 3), -1):
            a, _ = self.ctx.sent_tokens[s]
            for m in self._before(cue, s, s):
                if toks[m.tok_start].sent != s or (m.tok_start > a and toks[m.tok_start - 1].lower in L.PREPOSITIONS):
                    continue
                t = self.layer.actor_type(m.actor)
                if want_person and self._personal(m) or (not want_person and t != "person" and t != "population"
                                                     and (wanted is None or t in wanted)):
                    return m
        return None

    def _described_person(self, noun: str, cue: int) -> MentionRec | None:
        """"the priest said": the person the text has described by that noun (in an apposition or title near one of
        his mentions) within the last three sentences, else the latest person named there."""
        toks = self.ctx.tokens
        sent = toks[cue].sent
        people = [m for m in self._before(cue, sent - 3) if self.layer.actor_type(m.actor) == "person"]
        if not people:
            return None
        for m in reversed(people):
            near = toks[max(0, m.tok_start - 3):m.tok_end + 10]
            if any(t.lower == noun and t.sent == toks[m.tok_start].sent for t in near):
                return m
        return people[-1]

    def _clause_subject_before(self, cue: int, want_person: bool) -> MentionRec | None:
        """"Israel said …, but Hamas hasn't …, even if it has signaled": a pronoun stands for the subject of the
        latest clause of its sentence when that subject is newer than the last speaker."""
        toks = self.ctx.tokens
        sent = toks[cue].sent
        first = self.ctx.sent_tokens[sent][0]
        floor = self.last.tok_end if self.last is not None and self.last_sentence == sent else first
        for k in range(cue - 2, max(floor, first) - 1, -1):
            ms = [m for m in self.by_start.get(k, []) if m.tok_end < cue]
            if not ms:
                continue
            m = self._longest(ms)
            opens = k == first or toks[k - 1].text in (",", ";", "\u2014") or toks[k - 1].lower in ("but", "and",
                                                                                                  "while", "whereas")
            verb = m.tok_end < cue and (toks[m.tok_end].lower in L.AUXILIARIES or toks[m.tok_end].lower in L.SPEECH_VERBS)
            if opens and verb and self._personal(m) == want_person and self.layer.actor_type(m.actor) != "population":
                return m
        return None

    def _owned_body(self, owner: MentionRec | None, k: int, cue: int) -> MentionRec | None:
        """"the country's mission to the United Nations said": the body of the state "the country" stands for."""
        toks = self.ctx.tokens
        if owner is None or k >= cue or toks[k].text not in ("\u2019s", "'s"):
            return owner
        state = owner.actor if self.layer.actor_type(owner.actor) == "state" else None
        end = cue
        while end > k + 1 and (end - 1 in self.date_starts or toks[end - 1].lower in L.AUXILIARIES
                               or toks[end - 1].lower in ("on", "in", "late", "early")):
            end -= 1
        form = " ".join(t.text for t in toks[k + 1:end])
        body = self.layer.institution(state, form) if state else None
        if body is None:
            return owner
        return MentionRec(body, toks[k + 1].start, toks[end - 1].end, self.ctx.text[toks[k + 1].start:toks[end - 1].end],
                          k + 1, end, kind="anaphor")

    def _personal(self, m: MentionRec) -> bool:
        """A person, or one unnamed person ("a Western diplomat"): what "he" or "she" can stand for."""
        t = self.layer.actor_type(m.actor)
        return t == "person" or (t == "anonymous_source" and not m.text.endswith("s"))

    def _named_by(self, noun: str, before: list[MentionRec], sent: int) -> MentionRec | None:
        """"the ministry", "the official": the latest actor (within three sentences) whose name holds that noun."""
        toks = self.ctx.tokens
        for m in reversed(before):
            if sent - toks[m.tok_start].sent > 3:
                break
            actor = self.layer.actors.get(m.actor)
            names = [actor.name, *actor.aliases] if actor is not None else []
            if any(noun in n.lower().split() for n in names):
                return m
        return None

    def _fallback(self, cue: int) -> MentionRec | None:
        """No subject next to the verb (", saying"): the nearest person before, else the sentence's first actor."""
        toks = self.ctx.tokens
        first = self.ctx.sent_tokens[toks[cue].sent][0]
        candidates = [m for k in self.start_tokens[bisect_left(self.start_tokens, first):
                                                   bisect_left(self.start_tokens, cue)] for m in self.by_start[k]]
        people = [m for m in candidates if self.layer.actor_type(m.actor) == "person"]
        if people:
            return people[-1]
        for m in candidates:
            if m.tok_start == first or toks[m.tok_start - 1].lower not in L.PREPOSITIONS:
                return self._first_conjunct(self._possessed(m, cue))
        return None

    def _possessed(self, m: MentionRec, cue: int | None = None) -> MentionRec:
        """"Sudan's Ministry of Health", "Iran's UN mission": the body owned, not the owner, is the subject."""
        k = m.tok_end
        if cue is not None and self.layer.actor_type(m.actor) == "state":
            body = self._owned_body(m, k, cue)
            if body is not m:
                return body  # type: ignore[return-value]
        if k < len(self.ctx.tokens) and self.ctx.tokens[k].text in ("\u2019s", "'s") and k + 1 in self.by_start:
            return self._longest(self.by_start[k + 1])
        return m

    def inverted(self, cue: int) -> MentionRec | None:
        """"..., said John Kirby": a mention right after the verb; "said a farmer from X who gave his name, Y": the
        person named in the description that follows the verb."""
        k = _past_titles(self.ctx, cue + 1)
        toks = self.ctx.tokens
        for k in sorted({cue + 1, cue + 2, k}):
            if k in self.by_start and toks[k].sent == toks[cue].sent:
                return self._longest(self.by_start[k])
        if cue + 2 < len(toks) and toks[cue + 1].lower in ("a", "an", "the") and toks[cue + 2].sent == toks[cue].sent:
            _, b = self.ctx.sent_tokens[toks[cue].sent]
            for k in range(cue + 2, min(b, cue + 20)):
                if toks[k].text in (";", ":") or toks[k].text in QUOTE_OPEN:
                    break
                people = [m for m in self.by_start.get(k, []) if self.layer.actor_type(m.actor) == "person"]
                if people:
                    return self._longest(people)
        return None

    def remember(self, m: MentionRec | None, sent: int) -> None:
        if m is not None:
            self.last = m
            self.last_sentence = sent


def _past_titles(ctx: Context, k: int) -> int:
    """The first token at or after k that is not a title ("said Lt. Col. Eitan Barak" -> "Eitan")."""
    toks = ctx.tokens
    while k < len(toks) and (toks[k].text in L.TITLE_WORDS or toks[k].lower in L.ROLE_WORDS and toks[k].text.islower()
                             or toks[k].text + "." in L.TITLE_WORDS and k + 1 < len(toks) and toks[k + 1].text == "."
                             or toks[k].text == "." and k > 0 and (toks[k - 1].text in L.TITLE_WORDS
                                                                   or toks[k - 1].text + "." in L.TITLE_WORDS)):
        k += 1
    return k


def _opens_quantity(ctx: Context, k: int) -> bool:
    """Tokens from k read as a qualified number ("at least 4,300"), so k's preposition opens no place phrase."""
    toks = ctx.tokens
    pair = tuple(t.lower for t in toks[k:k + 2])
    nxt = toks[k + 1].lower if k + 1 < len(toks) else ""
    return pair in QUANTITY_OPENERS or (toks[k].lower in ("about", "over", "around", "nearly", "almost")
                                        and (nxt[:1].isdigit() or nxt in NUMBER_WORDS))


def _adds_things(ctx: Context, k: int, b: int) -> bool:
    """"added four more", "adds a new layer": "add" with a counted or determined object adds things, says nothing."""
    toks = ctx.tokens
    if toks[k].lower not in ("added", "adds", "adding", "add") or k + 1 >= b:
        return False
    nxt = toks[k + 1].lower
    return nxt[:1].isdigit() or nxt in NUMBER_WORDS or nxt in ("more", "another", "new", "some", "several")


def _cue_tokens(ctx: Context, a: int, b: int) -> list[int]:
    """Speech-verb tokens in [a, b) outside quotations, not negated."""
    out = []
    for k in range(a, b):
        t = ctx.tokens[k]
        made_clear = t.lower == "clear" and k > a and ctx.tokens[k - 1].lower in ("made", "make", "makes", "making")
        if t.text.islower() and (t.lower in L.SPEECH_VERBS or made_clear) and not ctx.in_quote(t.start, t.end):
            if k > a and ctx.tokens[k - 1].lower in PASSIVE_MARKERS and t.lower.endswith(("ed", "told")):
                continue
            window = {ctx.tokens[x].lower for x in range(max(a, k - 3), k)}
            if not window & NEGATIONS and not _adds_things(ctx, k, b):
                out.append(k)
    return out


def find_quotes(ctx: Context, layer: ActorLayer, date_spans: list[tuple[int, int]] | None = None) -> list[QuoteRec]:
    """Direct quotes (between quotation marks) and indirect speech after a cue verb, in text order."""
    speakers = _Speakers(ctx, layer)
    speakers.date_starts = {ctx.token_at(a): ctx.token_at(b - 1) for a, b in (date_spans or [])}
    out: list[QuoteRec] = []
    indirect_by_sent: dict[int, list[QuoteRec]] = {}
    quotes_by_sent: dict[int, list[tuple[int, int]]] = {}
    for qs, qe in ctx.quote_spans:
        quotes_by_sent.setdefault(ctx.sentence_index(qs), []).append((qs, qe))
    for s, (s_start, s_end) in enumerate(ctx.sentences):
        a, b = ctx.sent_tokens[s]
        cues = _cue_tokens(ctx, a, b)
        for qs, qe in quotes_by_sent.get(s, []):
            rec = _direct(ctx, speakers, s, qs, qe, cues)
            if rec is not None:
                out.append(rec)
        for n, cue in enumerate(cues):
            rec = _indirect(ctx, speakers, s, cue, cues[n + 1] if n + 1 < len(cues) else None)
            if rec is not None:
                if (ctx.tokens[cue].lower.endswith("ing") or _coordinated(ctx, cue)) and n > 0:
                    earlier = indirect_by_sent.get(s, [])
                    if earlier and earlier[-1].speaker:
                        rec.speaker, rec.speaker_mention = earlier[-1].speaker, earlier[-1].speaker_mention
                out.append(rec)
                indirect_by_sent.setdefault(ctx.sentence_index(rec.start), []).append(rec)
    holders = QuoteIndex([o for o in out if o.kind == "indirect" and o.speaker], ctx)
    for q in out:
        if q.kind == "direct" and q.speaker is None:
            holder = holders.covering(q.start, q.end)
            if holder is not None:
                q.speaker, q.speaker_mention = holder.speaker, holder.speaker_mention
    out = [q for q in out if q.speaker is not None or q.kind == "indirect"]
    out.sort(key=lambda q: (q.start, q.kind))
    return out


def _coordinated(ctx: Context, cue: int) -> bool:
    """A verb joined to an earlier one without its own subject ("said X and accused Y")."""
    first = ctx.sent_tokens[ctx.tokens[cue].sent][0]
    j = cue - 1
    while j > first and (ctx.tokens[j].lower in L.AUXILIARIES or ctx.tokens[j].lower.endswith("ly")):
        j -= 1
    return j > first and ctx.tokens[j].lower in ("and", "but")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _direct(ctx: Context, speakers: _Speakers, s: int, qs: int, qe: int, cues: list[int]) -> QuoteRec | None:
    """One quotation: attributed by a cue before it in the sentence, after it, or in the previous sentence."""
    text = ctx.text
    qs, qe = _strip(text, qs, qe)
    if qe <= qs:
        return None
    s_start = ctx.sentences[s][0]
    opens_sentence = not text[s_start:qs - 1].strip(" \u201c\"\u2018'")
    q_last = ctx.token_at(qe - 1)
    before = [c for c in cues if ctx.tokens[c].end <= qs]
    after = [c for c in cues if ctx.tokens[c].start >= qe]
    last_sent = ctx.sentence_index(qe - 1)
    if not after and last_sent != s:
        after = [c for c in _cue_tokens(ctx, *ctx.sent_tokens[last_sent]) if ctx.tokens[c].start >= qe]
    speaker, cue = None, None
    attributed_after = bool(after) and q_last is not None and after[0] - q_last <= 3 \
        and _after_closing_mark(ctx, after[0]) and speakers.inverted(after[0]) is not None
    if before and not opens_sentence and not attributed_after:
        cue = before[-1]
        speaker = (speakers.inverted(cue) if _after_closing_mark(ctx, cue) else None) or speakers.subject(cue)
    elif after and _named_after(ctx, speakers, q_last) is not None:
        cue = after[0]
        speaker = _named_after(ctx, speakers, q_last)
    elif after and (after[0] - (q_last or 0)) <= 12:
        cue = after[0]
        speaker = speakers.inverted(cue) if _ends_before(ctx, cue) else speakers.subject(cue)
        if speaker is None:
            speaker = speakers.subject(cue)
    elif opens_sentence:
        speaker = _previous_sentence_speaker(ctx, speakers, s)
    elif ctx.tokens[ctx.sent_tokens[s][0]].lower in ("he", "she", "it", "they") and speakers.last is not None \
            and s - speakers.last_sentence <= 2:
        speaker = speakers.last
    elif text[s_start:qs - 1].rstrip().endswith(":"):
        speaker = _introducing_subject(ctx, speakers, s, qs)
    cue_span = (ctx.tokens[cue].start, ctx.tokens[cue].end) if cue is not None else None
    if speaker is None:
        return QuoteRec("direct", qs, qe, text[qs:qe], None, None, cue_span)
    speakers.remember(speaker, s)
    return QuoteRec("direct", qs, qe, text[qs:qe], speaker.actor, speaker, cue_span)


def _named_after(ctx: Context, speakers: _Speakers, q_last: int | None) -> MentionRec | None:
    """“…,” Jane Doe, the agency's envoy, said: a person named right after the closing mark, set off by commas."""
    if q_last is None:
        return None
    toks = ctx.tokens
    k = q_last + 1
    while k < len(toks) and toks[k].text in (",", *QUOTE_CLOSE, '"') and k - q_last <= 3:
        k += 1
    if k not in speakers.by_start or toks[k].sent != toks[q_last].sent:
        return None
    m = speakers._longest(speakers.by_start[k])
    if speakers.layer.actor_type(m.actor) != "person" or m.tok_end >= len(toks) or toks[m.tok_end].text != ",":
        return None
    return m


def _ends_before(ctx: Context, cue: int) -> bool:
    """True when the verb directly follows the quote's comma (", said Kirby")."""
    prev = ctx.tokens[cue - 1].text if cue > 0 else ""
    return prev in (",", *QUOTE_CLOSE, '"')


def _after_closing_mark(ctx: Context, cue: int) -> bool:
    """True when the verb directly follows a closing quotation mark (“…,” said X, “…”): an inverted attribution."""
    prev = [t.text for t in ctx.tokens[max(0, cue - 2):cue]]
    return bool(prev) and (prev[-1] in (*QUOTE_CLOSE, '"') or prev[-1] == "," and len(prev) == 2
                           and prev[0] in (*QUOTE_CLOSE, '"'))


def _introducing_subject(ctx: Context, speakers: _Speakers, s: int, qs: int) -> MentionRec | None:
    """"Her conclusion is blunt: “…”": a quotation introduced by a colon with no speech verb belongs to the actor
    the introduction names, or (through a possessive or personal pronoun) to the latest speaker."""
    toks = ctx.tokens
    a, _ = ctx.sent_tokens[s]
    stop = ctx.token_at(qs - 1) or a
    for k in range(a, stop):
        if k in speakers.by_start and (k == a or toks[k - 1].lower not in L.PREPOSITIONS):
            return speakers._longest(speakers.by_start[k])
    if toks[a].lower in ("her", "his", "its", "their", "he", "she", "they", "it") and speakers.last is not None \
            and s - speakers.last_sentence <= 2:
        return speakers.last
    return None


def _previous_sentence_speaker(ctx: Context, speakers: _Speakers, s: int) -> MentionRec | None:
    """A whole-sentence quote: the speaker introduced by the previous sentence, or the last speaker."""
    if s > 0:
        a, b = ctx.sent_tokens[s - 1]
        cues = _cue_tokens(ctx, a, b)
        text = ctx.text[ctx.sentences[s - 1][0]:ctx.sentences[s - 1][1]].rstrip()
        if cues and text.endswith(":"):
            return speakers.subject(cues[-1])
    if speakers.last is not None and s - speakers.last_sentence <= 2:
        return speakers.last
    return None


def _indirect(ctx: Context, speakers: _Speakers, s: int, cue: int, next_cue: int | None) -> QuoteRec | None:
    """Reported speech: the clause after the cue (after "that" when present), or the clause before ", X said"."""
    toks = ctx.tokens
    text = ctx.text
    a, b = ctx.sent_tokens[s]
    appeal = _appeal(ctx, speakers, s, cue)
    if appeal is not None:
        return appeal
    if toks[cue].lower in L.SPEECH_VERBS_NO_CLAUSE and not (cue + 1 < b and toks[cue + 1].lower == "that"):
        return _characterisation(ctx, speakers, s, cue) if toks[cue].lower in CHARACTERISING_VERBS else None
    k = cue + 1
    that = None
    for j in range(cue + 1, min(b, cue + 20)):
        if toks[j].text in (":", ".", ";") or toks[j].text in QUOTE_OPEN or toks[j].text == '"':
            break
        if toks[j].text == ",":
            break
        if toks[j].lower == "that":
            that = j
            break
    if that is not None:
        k = that + 1
    else:
        while k < b:
            if k in speakers.date_starts and speakers.date_starts[k] is not None:
                k = speakers.date_starts[k] + 1  # type: ignore[operator]
            elif toks[k].lower in ("on", "in", "late", "early") and k + 1 in speakers.date_starts:
                k += 1
            else:
                break
        if toks[cue].lower in ("told", "tells", "tell", "telling"):
            k = _past_addressee(ctx, speakers, k, b)
        if toks[cue].lower in ACCUSATION_VERBS and k < b and toks[k].text not in (",", ".", ";", ":"):
            return _accusation(ctx, speakers, s, cue, k)
        if k >= b or toks[k].text in (":", ",", ".", ";", '"') or toks[k].text in QUOTE_OPEN:
            return _inverted_indirect(ctx, speakers, s, cue)
        named = _past_titles(ctx, k)
        if toks[k].lower in L.PREPOSITIONS and not _opens_quantity(ctx, k) \
                or toks[k].lower in ("reporters", "journalists", "a", "an") \
                or toks[k].lower.endswith("ly") and not _opens_quantity(ctx, k) or k in speakers.by_start and toks[cue].lower not in ("said", "says", "say"):
            return _inverted_indirect(ctx, speakers, s, cue)
        if named in speakers.by_start and (named + 1 >= b or _closes_name(toks, speakers.by_start[named][0].tok_end)):
            return _inverted_indirect(ctx, speakers, s, cue) if _ends_before(ctx, cue) else None
    limit = b
    if next_cue is not None and _coordinated(ctx, next_cue):
        limit = next_cue
        while limit > k and toks[limit - 1].lower not in ("and", "but"):
            limit -= 1
        limit = max(k + 1, limit - 1)
    elif next_cue is not None and not toks[next_cue].lower.endswith("ing"):
        subj = speakers.subject(next_cue)
        if subj is not None and k < subj.tok_start < next_cue:
            limit = subj.tok_start
            while limit > k and toks[limit - 1].lower in ("a", "an", "the", "one", "its", "his", "her", "their"):
                limit -= 1
    subordinate = toks[a].lower in ("although", "though", "while", "as", "if", "when", "after", "because", "since",
                                    "once", "whereas")
    end = k
    while end < limit:
        t = toks[end]
        if t.text in (";", "\u2014") or (t.text == "," and end + 1 < b and toks[end + 1].lower in CLAUSE_END_WORDS):
            break
        if subordinate and t.text == "," and not ctx.in_quote(t.start, t.end):
            break
        if t.text == "," and end + 1 < b and toks[end + 1].lower == "and" and end + 2 < b \
                and (end + 2 in speakers.by_start or toks[end + 2].lower in L.PRONOUNS or toks[end + 2].lower == "its"):
            break
        end += 1
    if end <= k:
        return None
    while end > k and toks[end - 1].lower in ("and", "but", ",", "or"):
        end -= 1
    if end <= k:
        return None
    qs, qe = toks[k].start, toks[end - 1].end
    while qe > qs and text[qe - 1] in ".,;:" and not text[qs:qe].endswith(("U.S.", "U.N.", "U.K.")):
        qe -= 1
    if qe <= qs or toks[k].text in QUOTE_OPEN and ctx.in_quote(qs + 1, qe - 1) and text[qe - 1] in QUOTE_CLOSE + APOSTROPHES \
            and not any(mark in text[qs + 1:qe - 1] for mark in "\u201c\u2018") and end == b:
        return None
    speaker = speakers.subject(cue)
    if speaker is None:
        speaker = speakers.inverted(cue)
    speakers.remember(speaker, s)
    return QuoteRec("indirect", qs, qe, text[qs:qe], speaker.actor if speaker else None, speaker,
                    (toks[cue].start, toks[cue].end))


def _closes_name(toks: list[Token], end: int) -> bool:
    """The name ending before token `end` is followed by the end of the text, a comma or full stop, "of", "from"
    or "at" (a speaker named after the verb, not the start of what was said)."""
    return end >= len(toks) or toks[end].text in (",", ".") or toks[end].lower in ("of", "from", "at")


def _past_addressee(ctx: Context, speakers: _Speakers, k: int, b: int) -> int:
    """"told reporters the city was calm", "told the BBC that …": the token opening the clause after the addressee
    of "told" (k itself when no clause follows the addressee)."""
    toks = ctx.tokens
    end = None
    if k < b and toks[k].lower in PRESS_WORDS:
        end = k + 1
    else:
        j = k + 1 if k < b and toks[k].lower == "the" else k
        if j in speakers.by_start:
            end = speakers._longest(speakers.by_start[j]).tok_end
    if end is None or end >= b or not toks[end].text.isalpha() or end in speakers.date_starts \
            or toks[end].lower in L.PREPOSITIONS:
        return k
    return end + 1 if toks[end].lower == "that" else end


def _inverted_indirect(ctx: Context, speakers: _Speakers, s: int, cue: int) -> QuoteRec | None:
    """"Twelve people were killed, the ministry said.": the clause before the comma that precedes the speaker."""
    toks = ctx.tokens
    a, b = ctx.sent_tokens[s]
    rest = [t.text for t in toks[cue + 1:b]]
    if any(t in (":",) or t in QUOTE_OPEN for t in rest):
        return None
    comma = None
    for j in range(cue - 1, a, -1):
        if toks[j].text == ",":
            comma = j
            break
        if toks[j].text in QUOTE_CLOSE and toks[j - 1].text == ",":
            comma = j
            break
        if toks[j].text in QUOTE_CLOSE or toks[j].text in ('"', ";", ":"):
            return None
    if comma is not None:
        a = next((j + 1 for j in range(comma - 1, a, -1) if toks[j].text in (";", ":")), a)
    if comma is None or comma - a < 3 or toks[a].text in QUOTE_OPEN or toks[a].text == '"':
        return None
    if ctx.in_quote(toks[comma].start, toks[comma].end) or ctx.in_quote(toks[a].start, toks[a].end):
        return None
    qs, qe = toks[a].start, toks[comma - 1].end if toks[comma].text == "," else toks[comma].end
    stamp = TIMESTAMP.match(ctx.text, qs)
    if stamp and stamp.end() < qe:
        qs = stamp.end()
    speaker = (speakers.inverted(cue) if _ends_before(ctx, cue) else None) or speakers.subject(cue)
    speakers.remember(speaker, s)
    return QuoteRec("indirect", qs, qe, ctx.text[qs:qe], speaker.actor if speaker else None, speaker,
                    (toks[cue].start, toks[cue].end))


def _clause_end(toks: list, end: int, b: int) -> int:
    """The token index where the clause running from `end` stops: a semicolon, a dash, or ", but/while/...". """
    while end < b and toks[end].text not in (";", "\u2014") and not (
            toks[end].text == "," and end + 1 < b and toks[end + 1].lower in CLAUSE_END_WORDS):
        end += 1
    return end


def _clause_quote(ctx: Context, speakers: _Speakers, s: int, cue: int, k: int, end: int) -> QuoteRec:
    """An indirect quote over tokens k..end (trailing punctuation dropped), said by the subject of the cue."""
    toks = ctx.tokens
    qs, qe = toks[k].start, toks[end - 1].end
    while qe > qs and ctx.text[qe - 1] in ".,;:":
        qe -= 1
    speaker = speakers.subject(cue)
    speakers.remember(speaker, s)
    return QuoteRec("indirect", qs, qe, ctx.text[qs:qe], speaker.actor if speaker else None, speaker,
                    (toks[cue].start, toks[cue].end))


def _appeal(ctx: Context, speakers: _Speakers, s: int, cue: int) -> QuoteRec | None:
    """"urged X to Y", "called on X to Y": the addressee and what they are asked to do, to the end of the clause."""
    toks = ctx.tokens
    _, b = ctx.sent_tokens[s]
    k = cue + 1
    if toks[cue].lower in APPEAL_ON_VERBS and k < b and toks[k].lower in ("on", "upon"):
        k += 1
    elif toks[cue].lower not in APPEAL_VERBS:
        return None
    to = next((j for j in range(k + 1, min(b, k + 9)) if toks[j].lower == "to" or toks[j].text in ",;:.\u201c\""), None)
    if to is None or toks[to].lower != "to" or to + 1 >= b or not toks[to + 1].text.isalpha() \
            or not toks[to + 1].text.islower() or toks[to + 1].lower in ("the", "a", "an"):
        return None
    end = _clause_end(toks, to + 1, b)
    return _clause_quote(ctx, speakers, s, cue, k, end)


def _characterisation(ctx: Context, speakers: _Speakers, s: int, cue: int) -> QuoteRec | None:
    """"dismissed the figure as propaganda": what is characterised and how, to the end of the clause."""
    toks = ctx.tokens
    _, b = ctx.sent_tokens[s]
    k = cue + 1
    as_word = next((j for j in range(k + 1, min(b, k + 10)) if toks[j].lower == "as" or toks[j].text in ",;:.\u201c\""),
                   None)
    if as_word is None or toks[as_word].lower != "as" or as_word + 1 >= b or toks[as_word + 1].text in QUOTE_OPEN \
            or toks[as_word + 1].text == '"':
        return None
    end = _clause_end(toks, as_word + 1, b)
    return _clause_quote(ctx, speakers, s, cue, k, end)


def _accusation(ctx: Context, speakers: _Speakers, s: int, cue: int, k: int) -> QuoteRec | None:
    """"accused Kyiv of delaying the lists": the accused and the charge, to the end of the clause."""
    toks = ctx.tokens
    _, b = ctx.sent_tokens[s]
    end = _clause_end(toks, k, b)
    if not any(t.lower == "of" for t in toks[k:end]):
        return None
    return _clause_quote(ctx, speakers, s, cue, k, end)


class QuoteIndex:
    """Finds the quotes holding a span among those of its sentence, instead of among all the article's quotes."""

    def __init__(self, quotes: list[QuoteRec], ctx: Context) -> None:
        self.ctx = ctx
        self.by_sentence: dict[int, list[QuoteRec]] = {}
        for q in quotes:
            for s in range(ctx.sentence_index(q.start), ctx.sentence_index(q.end) + 1):
                self.by_sentence.setdefault(s, []).append(q)

    def covering(self, start: int, end: int) -> QuoteRec | None:
        """The innermost quote whose span holds [start, end) (start <= end); the first of equally long ones."""
        holding = [q for q in self.by_sentence.get(self.ctx.sentence_index(start), ())
                   if q.start <= start and end <= q.end]
        return min(holding, key=lambda q: q.end - q.start) if holding else None


__all__ = ["QuoteRec", "QuoteIndex", "find_quotes", "APOSTROPHES"]
