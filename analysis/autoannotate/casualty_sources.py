"""Who gives a casualty figure: "according to X", the speaker of the quote that holds it, or the source a report
keeps citing ("X said … . Instead, the blast killed …": the second sentence still reports X)."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .context import Context
from .mentions import ActorLayer, MentionRec
from .quote_records import QuoteIndex, QuoteRec
from .speakers import DOCUMENT_OPENERS, STATEMENT_NOUNS

if TYPE_CHECKING:
    from .casualties import CasualtyRec

ACCORDING_TO = re.compile(r"\b[Aa]ccording to (?:the |a |an )?([^,.;\u2014()]+)")


def actor_in(layer: ActorLayer, start: int, end: int) -> str | None:
    """The first actor, not an anonymous source, named by a mention inside [start, end)."""
    for m in layer.index.starting_from(start, end):
        if m.end <= end and layer.actor_type(m.actor) != "anonymous_source":
            return m.actor
    return None


def reporter(ctx: Context, layer: ActorLayer, quotes: QuoteIndex, s: int, start: int, end: int
             ) -> tuple[str | None, str | None]:
    """Who gives the figure: "according to X" inside the quote that holds it (or with no quote), else the quote's
    speaker ("X said, according to the AP": X is the source, the agency only passes it on)."""
    s_start, s_end = ctx.sentences[s]
    q = quotes.covering(start, end)
    spoken = q if q is not None and q.speaker_mention is not None else None
    for m in ACCORDING_TO.finditer(ctx.text, s_start, s_end):
        if spoken is None or spoken.start <= m.start() < spoken.end:
            return _according_to_source(ctx, layer, m.start(1), m.end(1))
    if spoken is not None and spoken.speaker_mention is not None:
        return spoken.speaker_mention.text, spoken.speaker
    issuer = document_issuer(ctx, layer, s)
    if issuer is not None:
        return issuer.text, issuer.actor
    return None, None


def document_issuer(ctx: Context, layer: ActorLayer, s: int) -> MentionRec | None:
    """The issuer of a document the sentence cites ("described in an X statement", "points out the statement
    issued by X", "a report by X"): it gives the figures of the sentence."""
    a, b = ctx.sent_tokens[s]
    toks = ctx.tokens
    for k in range(a, b):
        if toks[k].lower not in STATEMENT_NOUNS or not toks[k].text.islower():
            continue
        before = [m for m in layer.index.starting_from(toks[max(a, k - 4)].start, toks[k].start)
                  if m.tok_end == k and layer.actor_type(m.actor) != "anonymous_source"]
        if before and toks[before[0].tok_start - 1].lower in DOCUMENT_OPENERS:
            return before[0]
        j = k + 1
        if j < b and toks[j].lower in ISSUED:
            j += 1
        if j + 1 < b and toks[j].lower == "by":
            after = [m for m in layer.index.starting_from(toks[j + 1].start, toks[min(b - 1, j + 2)].end)
                     if layer.actor_type(m.actor) != "anonymous_source"]
            if after:
                return after[0]
    return None


ISSUED = frozenset({"issued", "released", "published", "signed", "sent", "posted"})


def _according_to_source(ctx: Context, layer: ActorLayer, rs: int, re_: int) -> tuple[str, str | None]:
    """The source after "according to": a person named in the apposition that follows a description ("the defence
    minister of X, Jane Doe,") before any actor inside the description."""
    text = ctx.text
    after = re.match(r",\s*", text[re_:])
    if after is not None:
        named = [m for m in layer.index.starting_from(re_ + after.end(), re_ + after.end() + 1)
                 if layer.actor_type(m.actor) == "person" and re.match(r"\s*[,.;]", text[m.end:])]
        if named:
            return named[0].text, named[0].actor
    return text[rs:re_].strip(), actor_in(layer, rs, re_)


def carry_sources(ctx: Context, figures: list[CasualtyRec], quotes: list[QuoteRec]) -> None:
    """A figure no source is given for, in a sentence that quotes nobody, is still reported by the source of the
    sentence before (or of the one before that, past a sentence with no figure and no quote): the speaker of its
    last attributed quote, else the source of its figures."""
    attributed = [q for q in quotes if q.speaker is not None and q.speaker_mention is not None]
    spoken: dict[int, tuple[str, str]] = {}
    quoting: set[int] = set()
    for q in attributed:
        s = ctx.sentence_index(q.end - 1)
        spoken[s] = (q.speaker_mention.text, q.speaker)  # type: ignore[union-attr]
    for q in quotes:
        quoting.update(range(ctx.sentence_index(q.start), ctx.sentence_index(q.end - 1) + 1))
    counted = {f.sentence for f in figures}
    sourced: dict[int, tuple[str, str | None]] = {}
    for n, f in enumerate(figures):
        if f.reported_by is None and f.sentence not in quoting and not _other_incident(ctx, f, figures[:n]):
            back = f.sentence - 1
            if back not in counted and back not in quoting:
                back -= 1
            before = sourced.get(back) or spoken.get(back)
            if before is not None:
                f.reported_by, f.reported_by_actor = before
        if f.reported_by is not None:
            sourced[f.sentence] = (f.reported_by, f.reported_by_actor)


def _other_incident(ctx: Context, figure: CasualtyRec, earlier: list[CasualtyRec]) -> bool:
    """The figure's own sentence dates it apart from the figures of the sentences before ("In March, two others
    were killed", "in its attack a year ago"): a background incident, which the current report's source does not
    give. A day next to theirs ("the following day, 6 May") still belongs to the same report."""
    own = figure.date
    s_start, s_end = ctx.sentences[figure.sentence]
    last = next((f.date for f in reversed(earlier) if f.sentence < figure.sentence), None)
    if own is None or last is None or not s_start <= own.start < s_end:
        return False
    if not (own.start_date and own.end_date and last.start_date and last.end_date):
        return False
    if last.start_date <= own.end_date and own.start_date <= last.end_date:
        return False
    gap = abs((dt.date.fromisoformat(own.start_date) - dt.date.fromisoformat(last.start_date)).days)
    return own.precision != "day" or gap > WEEK


WEEK = 7
