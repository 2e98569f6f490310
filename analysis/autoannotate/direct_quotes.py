"""Direct quotes: the words between quotation marks, attributed by a cue before or after them, a name after the
closing mark, an introduction ending in a colon, or the speaker of the sentences before."""
from __future__ import annotations

from . import lexicon as L
from .context import QUOTE_CLOSE, Context
from .mentions import MentionRec
from .quote_records import QuoteRec
from .speakers import Speakers
from .speech_cues import after_closing_mark, cue_tokens, ends_before


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def direct_quote(ctx: Context, speakers: Speakers, s: int, qs: int, qe: int, cues: list[int]) -> QuoteRec | None:
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
        after = [c for c in cue_tokens(ctx, *ctx.sent_tokens[last_sent]) if ctx.tokens[c].start >= qe]
    speaker, cue = None, None
    attributed_after = bool(after) and q_last is not None and after[0] - q_last <= 3 \
        and after_closing_mark(ctx, after[0]) and speakers.inverted(after[0]) is not None
    if before and not opens_sentence and not attributed_after:
        cue = before[-1]
        speaker = (speakers.inverted(cue) if after_closing_mark(ctx, cue) else None) or speakers.subject(cue)
    elif after and _named_after(ctx, speakers, q_last) is not None:
        cue = after[0]
        speaker = _named_after(ctx, speakers, q_last)
    elif after and (after[0] - (q_last or 0)) <= 12:
        cue = after[0]
        speaker = speakers.inverted(cue) if ends_before(ctx, cue) else speakers.subject(cue)
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


def _named_after(ctx: Context, speakers: Speakers, q_last: int | None) -> MentionRec | None:
    """“…,” Jane Doe, the agency's envoy, said: a person named right after the closing mark, set off by commas."""
    if q_last is None:
        return None
    toks = ctx.tokens
    k = q_last + 1
    while k < len(toks) and toks[k].text in (",", *QUOTE_CLOSE, '"') and k - q_last <= 3:
        k += 1
    if k not in speakers.by_start or toks[k].sent != toks[q_last].sent:
        return None
    m = speakers.longest(speakers.by_start[k])
    if speakers.layer.actor_type(m.actor) != "person" or m.tok_end >= len(toks) or toks[m.tok_end].text != ",":
        return None
    return m


def _introducing_subject(ctx: Context, speakers: Speakers, s: int, qs: int) -> MentionRec | None:
    """"Her conclusion is blunt: “…”": a quotation introduced by a colon with no speech verb belongs to the actor
    the introduction names, or (through a possessive or personal pronoun) to the latest speaker."""
    toks = ctx.tokens
    a, _ = ctx.sent_tokens[s]
    stop = ctx.token_at(qs - 1) or a
    for k in range(a, stop):
        if k in speakers.by_start and (k == a or toks[k - 1].lower not in L.PREPOSITIONS):
            return speakers.longest(speakers.by_start[k])
    if toks[a].lower in ("her", "his", "its", "their", "he", "she", "they", "it") and speakers.last is not None \
            and s - speakers.last_sentence <= 2:
        return speakers.last
    return None


def _previous_sentence_speaker(ctx: Context, speakers: Speakers, s: int) -> MentionRec | None:
    """A whole-sentence quote: the speaker introduced by the previous sentence, or the last speaker."""
    if s > 0:
        a, b = ctx.sent_tokens[s - 1]
        cues = cue_tokens(ctx, a, b)
        text = ctx.text[ctx.sentences[s - 1][0]:ctx.sentences[s - 1][1]].rstrip()
        if cues and text.endswith(":"):
            return speakers.subject(cues[-1])
        if not cues and b > a:
            issuer = speakers.document_owner(b - 1, s - 1)
            if issuer is not None:
                return issuer
    if speakers.last is not None and s - speakers.last_sentence <= 2:
        return speakers.last
    return None
