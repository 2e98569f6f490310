"""Speaker resolution: the subject of a speech verb, named before it, after it ("said John Kirby"), or through
a pronoun or description ("he", "the ministry", "the priest") that stands for an earlier actor."""
from __future__ import annotations

from bisect import bisect_left

from . import lexicon as L
from .context import QUOTE_OPEN, Context
from .mentions import ActorLayer, MentionRec
from .speech_cues import past_titles

COORDINATORS = frozenset({",", "and", "or", "the", "&"})
PARENTHETICAL_OPENERS = frozenset({"who", "whose", "which", "a", "an", "the", "its", "his", "her", "their"})
NON_ACTOR_NOUN_STOP = frozenset({"and", "but", "or", "then", "also", "who", "which", "that", "later", "as"})
# Documents that speak for whoever issued them ("said the statement", "the report added").
STATEMENT_NOUNS = frozenset({"statement", "communique", "communiqué", "report", "release", "letter", "post"})
DOCUMENT_OPENERS = frozenset({"a", "an", "the", "its", "his", "her", "their", "joint", "written", "new", "latest"})


class Speakers:
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
        self.date_starts = {}
        self.last_sentence = -10

    @property
    def date_starts(self) -> dict[int | None, int | None]:
        """First token -> last token of each date expression (set once per document by the quote finder)."""
        return self._date_starts

    @date_starts.setter
    def date_starts(self, starts: dict[int | None, int | None]) -> None:
        self._date_starts = starts
        self._date_ends = {end: start for start, end in starts.items() if start is not None and end is not None}

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

    def longest(self, ms: list[MentionRec]) -> MentionRec:
        return max(ms, key=lambda m: (m.end - m.start, m.kind == "anonymous"))

    def _first_conjunct(self, m: MentionRec) -> MentionRec | None:
        """"France, Germany and the United Kingdom": the first of coordinated mentions that is an actor; after a
        party that is none ("Witnesses and Reuters said"), a named actor, but no unnamed source ("Medics and a
        health official say": None)."""
        toks = self.ctx.tokens
        while True:
            j = m.tok_start - 1
            joined = False
            while j >= 0 and toks[j].sent == toks[m.tok_start].sent and (toks[j].lower in COORDINATORS or j > 0
                                                                         and toks[j].lower in ("a", "an")
                                                                         and toks[j - 1].lower in ("and", "or")):
                joined = joined or toks[j].lower in (",", "and", "or")
                j -= 1
            prev = self.by_end.get(j + 1)
            if joined and not prev and j >= 0 and toks[j].sent == toks[m.tok_start].sent \
                    and "and" in (toks[x].lower for x in range(j + 1, m.tok_start)) and _party_noun(toks[j].text):
                return None if self.layer.actor_type(m.actor) == "anonymous_source" else m
            if not joined or not prev:
                return m
            m = self.longest(prev)

    def co_speakers(self, m: MentionRec) -> list[str]:
        """"the United States, Qatar and Togo said": the actors coordinated after the first-named speaker `m`, when
        they make a list closed by "and" or "or" (an apposition set off by commas is no list)."""
        toks = self.ctx.tokens
        sent = toks[m.tok_start].sent
        found: list[str] = []
        k = m.tok_end
        while True:
            j, joint = k, set()
            while j < len(toks) and toks[j].sent == sent and toks[j].lower in COORDINATORS:
                joint.add(toks[j].lower)
                j += 1
            following = self.by_start.get(j)
            if not joint & {",", "and", "or"} or not following:
                return []
            n = self.longest(following)
            if self.layer.actor_type(n.actor) == "population":
                return []
            if n.actor != m.actor and n.actor not in found:
                found.append(n.actor)
            if joint & {"and", "or"}:
                return found
            k = n.tok_end

    def subject(self, cue: int) -> MentionRec | None:
        """The mention naming the subject of the speech verb at token `cue`."""
        toks = self.ctx.tokens
        sent = toks[cue].sent
        first = self.ctx.sent_tokens[sent][0]
        issuer = self._document_after(cue)
        if issuer is not None:
            return issuer
        j = self._past_adverbials(cue - 1, first)
        if j < first:
            return self._fallback(cue)
        word = toks[j].lower
        if word in STATEMENT_NOUNS and j - 1 >= first and toks[j - 1].lower == "the":
            return self._document_speaker(cue)
        if word in L.ROLE_WORDS and word in L.DEFINITE_NOUNS and j - 1 >= first and toks[j - 1].lower == "the":
            return self._role_holder(word, cue)
        if word in L.PRONOUNS or (word in L.DEFINITE_NOUNS and j - 1 >= first and toks[j - 1].lower == "the"):
            return self._pronoun(word, cue)
        if word in L.ROLE_WORDS and toks[j].text.islower() and j - 1 >= first and toks[j - 1].lower == "the":
            return self._described_person(word, cue)
        if j + 1 in self.by_end:
            m = self.longest(self.by_end[j + 1])
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
                return self._first_conjunct(self.longest(self.by_end[opening]))
        start = self.ctx.clause_start(j)
        for k in range(start, j + 1):
            if toks[k].lower in L.DEFINITE_NOUNS and k > start and toks[k - 1].lower == "the" \
                    and not any(k2 in self.by_start for k2 in range(start, k)):
                return self._owned_body(self._pronoun(toks[k].lower, cue), k + 1, cue)
        if toks[j].text in (",", "\u2014") or start > j:
            return self._fallback(cue)
        for k in range(start, j + 1):
            if k in self.by_start and (k == start or toks[k - 1].lower not in L.PREPOSITIONS):
                return self._first_conjunct(self._possessed(self.longest(self.by_start[k]), cue))
        if toks[j].text.isalpha() and toks[j].text.islower() and toks[j].lower not in NON_ACTOR_NOUN_STOP \
                and cue == j + 1:
            return None
        return self._fallback(cue)

    def _past_adverbials(self, j: int, first: int) -> int:
        """The token before j's run of auxiliaries, -ly adverbs and time phrases ("Koca on Thursday said")."""
        toks = self.ctx.tokens
        ends = self._date_ends
        while j >= first:
            if toks[j].lower in L.AUXILIARIES or toks[j].lower.endswith("ly"):
                j -= 1
            elif j in ends and ends[j] <= j:
                j = ends[j] - 1
                if j >= first and toks[j].lower in ("on", "in", "late", "early", "last", "this"):
                    j -= 1
            else:
                return j
        return j

    def _document_after(self, cue: int) -> MentionRec | None:
        """"described in an UNSMIL statement as", "said in a joint UN statement": the issuer named inside the
        document phrase right after the verb."""
        toks = self.ctx.tokens
        if cue + 2 >= len(toks) or toks[cue + 1].lower != "in":
            return None
        for k in range(cue + 2, min(len(toks), cue + 6)):
            if toks[k].lower in STATEMENT_NOUNS:
                named = [m for n in range(cue + 2, k) for m in self.by_start.get(n, []) if m.tok_end <= k]
                return self.longest(named) if named else None
            if toks[k].lower not in DOCUMENT_OPENERS and not toks[k].text[:1].isupper():
                return None
        return None

    def document_owner(self, cue: int, sent: int | None = None) -> MentionRec | None:
        """"said the statement": whoever issued the statement the text last mentioned (within three sentences): the
        actor after "by", else the subject of that sentence; None when no statement is mentioned."""
        toks = self.ctx.tokens
        here = toks[cue].sent if sent is None else sent
        for s in range(here, max(-1, here - 4), -1):
            a, b = self.ctx.sent_tokens[s]
            b = min(b, cue) if s == toks[cue].sent else b
            doc = next((k for k in range(b - 1, a, -1) if toks[k].lower in STATEMENT_NOUNS
                        and toks[k - 1].lower in DOCUMENT_OPENERS), None)
            if doc is None:
                continue
            by = next((k for k in range(doc + 1, min(b, doc + 6)) if toks[k].lower == "by"), None)
            if by is not None and by + 1 in self.by_start:
                return self.longest(self.by_start[by + 1])
            return self._sentence_subject(a, b)
        return None

    def _document_speaker(self, cue: int) -> MentionRec | None:
        """"the statement added": its issuer, else the latest speaker of the last three sentences."""
        owner = self.document_owner(cue)
        if owner is None and self.last is not None and self.ctx.tokens[cue].sent - self.last_sentence <= 3:
            return self.last
        return owner

    def _sentence_subject(self, a: int, b: int) -> MentionRec | None:
        """The first mention of tokens [a, b) that no preposition governs (a person before any other)."""
        toks = self.ctx.tokens
        free = [self.longest(self.by_start[k]) for k in range(a, b) if k in self.by_start
                and (k == a or toks[k - 1].lower not in L.PREPOSITIONS and toks[k - 1].lower != "the"
                     or toks[k - 1].lower == "the" and (k - 1 == a or toks[k - 2].lower not in L.PREPOSITIONS))]
        people = [m for m in free if self.layer.actor_type(m.actor) == "person"]
        return people[0] if people else (free[0] if free else None)

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
        if word == "country":
            here = [m for m in self._before(cue, sent, sent) if self.layer.actor_type(m.actor) == "state"]
            if here:
                return here[-1]
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

    def _role_holder(self, noun: str, cue: int) -> MentionRec | None:
        """"the minister said", "the official added": an actor whose name holds the noun, the person described by it,
        the latest person or single unnamed source, in that order; never an organisation."""
        sent = self.ctx.tokens[cue].sent
        before = self._before(cue, sent - 3)
        named = self._named_by(noun, before, sent)
        if named is not None:
            return named
        described = self._described_person(noun, cue, fallback=False)
        if described is not None:
            return described
        personal = [m for m in before if self._personal(m)]
        return personal[-1] if personal else self._speaker_going_on(sent)

    def _described_person(self, noun: str, cue: int, fallback: bool = True) -> MentionRec | None:
        """"the priest said": the person the text has described by that noun (in an apposition or title near one of
        his mentions) within the last three sentences, else the latest person named there."""
        toks = self.ctx.tokens
        sent = toks[cue].sent
        people = [m for m in self._before(cue, sent - 3) if self.layer.actor_type(m.actor) == "person"]
        if not people:
            return self._speaker_going_on(sent) if fallback else None
        for m in reversed(people):
            near = toks[max(0, m.tok_start - 3):m.tok_end + 10]
            if any(t.lower == noun and t.sent == toks[m.tok_start].sent for t in near):
                return m
        return people[-1] if fallback else None

    def _speaker_going_on(self, sent: int) -> MentionRec | None:
        """"the secretary continued" after a run of his quotations: the last person quoted, when no one else has been
        named since (within six sentences)."""
        if self.last is None or sent - self.last_sentence > 6 or not self._personal(self.last):
            return None
        return self.last

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
            m = self.longest(ms)
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
            return self.longest(self.by_start[k + 1])
        return m

    def inverted(self, cue: int) -> MentionRec | None:
        """"..., said John Kirby": a mention right after the verb; "said a farmer from X who gave his name, Y": the
        person named in the description that follows the verb."""
        titled = past_titles(self.ctx, cue + 1)
        toks = self.ctx.tokens
        if cue + 2 < len(toks) and toks[cue + 1].lower == "the" and toks[cue + 2].lower in STATEMENT_NOUNS:
            return self._document_speaker(cue)
        for k in sorted({cue + 1, cue + 2, titled}):
            if k in self.by_start and toks[k].sent == toks[cue].sent:
                return self._holder_after(self.longest(self.by_start[k]))
        if cue + 2 < len(toks) and toks[cue + 1].lower in ("a", "an", "the") and toks[cue + 2].sent == toks[cue].sent:
            _, b = self.ctx.sent_tokens[toks[cue].sent]
            for k in range(cue + 2, min(b, cue + 20)):
                if toks[k].text in (";", ":") or toks[k].text in QUOTE_OPEN:
                    break
                people = [m for m in self.by_start.get(k, []) if self.layer.actor_type(m.actor) == "person"]
                if people:
                    return self.longest(people)
        return None

    def _holder_after(self, m: MentionRec) -> MentionRec:
        """"UN chief Ban Ki-moon": a body followed by a role and a person names that person, not the body."""
        toks = self.ctx.tokens
        k = m.tok_end
        if self.layer.actor_type(m.actor) == "person" or k >= len(toks) or not toks[k].text.islower() \
                or toks[k].lower not in L.ROLE_WORDS:
            return m
        n = past_titles(self.ctx, k)
        people = [p for p in self.by_start.get(n, []) if self.layer.actor_type(p.actor) == "person"]
        return self.longest(people) if people and toks[n].sent == toks[m.tok_start].sent else m

    def remember(self, m: MentionRec | None, sent: int) -> None:
        if m is not None:
            self.last = m
            self.last_sentence = sent


def _party_noun(word: str) -> bool:
    """A plural common noun that can name a speaking party ("medics", "witnesses"), not a name or a function word."""
    return word.isalpha() and word[1:].islower() and len(word) > 3 and word.endswith("s") and word.lower() not in L.PRONOUNS \
        and word.lower() not in NON_ACTOR_NOUN_STOP
