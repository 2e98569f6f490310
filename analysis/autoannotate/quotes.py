"""Direct and indirect quotes, and who said them (named before, after, in the previous sentence, or "it added").

Module map: speech_cues (cue verbs), direct_quotes and indirect_quotes (what was said), speakers (who said it),
quote_records (the records and the index of quotes by sentence).
"""
from __future__ import annotations

from .context import Context
from .direct_quotes import direct_quote
from .indirect_quotes import indirect_quote
from .mentions import ActorLayer
from .quote_records import QuoteIndex, QuoteRec
from .speakers import Speakers
from .speech_cues import coordinated, cue_tokens


def find_quotes(ctx: Context, layer: ActorLayer, date_spans: list[tuple[int, int]] | None = None) -> list[QuoteRec]:
    """Direct quotes (between quotation marks) and indirect speech after a cue verb, in text order."""
    speakers = Speakers(ctx, layer)
    speakers.date_starts = {ctx.token_at(a): ctx.token_at(b - 1) for a, b in (date_spans or [])}
    out: list[QuoteRec] = []
    indirect_by_sent: dict[int, list[QuoteRec]] = {}
    quotes_by_sent: dict[int, list[tuple[int, int]]] = {}
    for qs, qe in ctx.quote_spans:
        quotes_by_sent.setdefault(ctx.sentence_index(qs), []).append((qs, qe))
    for s in range(len(ctx.sentences)):
        a, b = ctx.sent_tokens[s]
        cues = cue_tokens(ctx, a, b)
        for qs, qe in quotes_by_sent.get(s, []):
            rec = direct_quote(ctx, speakers, s, qs, qe, cues)
            if rec is not None:
                out.append(rec)
        for n, cue in enumerate(cues):
            rec = indirect_quote(ctx, speakers, s, cue, cues[n + 1] if n + 1 < len(cues) else None)
            if rec is not None:
                if (ctx.tokens[cue].lower.endswith("ing") or coordinated(ctx, cue)) and n > 0:
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
    for q in out:
        if q.speaker_mention is not None:
            q.co_speakers = speakers.co_speakers(q.speaker_mention)
    out.sort(key=lambda q: (q.start, q.kind))
    return out


__all__ = ["QuoteIndex", "QuoteRec", "find_quotes"]
