"""Run every rule layer over an article and assemble one verified Annotation (schema of analysis.annotations)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from ..annotations import Actor, Annotation, ArticleMeta, Casualty, DateExpr, Event, Mention, Participant, Quote, Span
from ..ingest import Article
from .actors import ActorLayer, MentionRec, find_actors
from .casualties import find_casualties
from .context import build_context
from .dates import find_dates
from .events import ARMED, find_events
from .furniture import furniture_spans
from .publication import entry_dates, publication_from_text
from .quotes import find_quotes
from .spans import SpanIndex, between

ANNOTATOR = "analysis.autoannotate (rules + gazetteer, blank spaCy tokenizer)"


def _parse_published(published: str | dt.date | None) -> dt.date | None:
    if published is None or isinstance(published, dt.date):
        return published
    return dt.date.fromisoformat(published)


def annotate_article(article: Article, published: str | dt.date | None = None,
                     gazetteer_path: str | None = None) -> Annotation:
    """Annotate every layer of an article; without a publication date, relative dates are left out."""
    pub = _parse_published(published)
    evidence = "given by the caller (--published)" if pub else None
    if pub is None:
        found = publication_from_text(article.text)
        if found:
            pub, evidence = found.date, found.evidence
    ctx = build_context(article.text, [(s.start, s.end) for s in article.sentences],
                        [s.paragraph for s in article.sentences])
    layer = find_actors(ctx, gazetteer_path)
    dates = find_dates(ctx, pub, entry_dates(article.text))
    quotes = find_quotes(ctx, layer, [(d.start, d.end) for d in dates])
    events = find_events(ctx, layer, dates)
    casualties = find_casualties(ctx, layer, dates, quotes, events)
    furniture = SpanIndex(furniture_spans(article.text))
    story = lambda r: not furniture.overlaps(r.start, r.end)  # noqa: E731
    _drop_furniture_actors(layer, story)
    dates, quotes = [d for d in dates if story(d)], [q for q in quotes if story(q)]
    casualties, events = [c for c in casualties if story(c)], [e for e in events if story(e)]

    mention_ids = {id(m): f"m{n:03d}" for n, m in enumerate(layer.mentions, 1)}
    date_ids = {id(d): f"d{n:02d}" for n, d in enumerate(dates, 1)}
    event_ids = {id(e): f"e{n:02d}" for n, e in enumerate(events, 1)}
    ann = Annotation(
        article=ArticleMeta(file=Path(article.path).name, sha256=article.sha256, title=article.title, outlet=None,
                            published=pub.isoformat() if pub else None, published_evidence=evidence),
        source="auto", annotator=ANNOTATOR)
    ann.actors = [Actor(a.id, a.name, a.type, a.affiliation, sorted(set(a.aliases), key=a.aliases.index))
                  for a in sorted(layer.actors.values(), key=lambda a: a.id)]
    ann.mentions = [Mention(mention_ids[id(m)], m.actor, m.start, m.end, m.text, m.metonymy) for m in layer.mentions]
    ann.dates = [DateExpr(date_ids[id(d)], d.start, d.end, d.text, d.value, d.kind, d.precision, d.resolution,
                          d.start_date, d.end_date) for d in dates]
    ann.events = [Event(event_ids[id(e)], e.type, e.start, e.end, e.text, e.modality,
                        date_ids.get(id(e.date)), e.location,
                        [Participant(a, r) for a, r in e.participants if a in layer.actors]) for e in events]
    ann.quotes = [Quote(f"q{n:02d}", q.kind, q.start, q.end, q.text, q.speaker if q.speaker in layer.actors else None,
                        Span(q.cue[0], q.cue[1], article.text[q.cue[0]:q.cue[1]]) if q.cue else None,
                        mention_ids.get(id(q.speaker_mention)) if q.speaker_mention is not None else None,
                        [a for a in q.co_speakers if a in layer.actors])
                  for n, q in enumerate(quotes, 1)]
    event_starts = [e.start for e in events]
    for n, c in enumerate(casualties, 1):
        armed = [events[k] for k in between(event_starts, *ctx.sentences[c.sentence]) if events[k].type in ARMED]
        event = min(armed, key=lambda e: abs(e.start - c.start), default=None)
        ann.casualties.append(Casualty(
            f"c{n:02d}", c.kind, c.start, c.end, c.text, c.count_low, c.count_high, c.qualifier, c.scope,
            c.vague_word, c.victims, _kept(layer, c.victim_actor), _kept(layer, c.perpetrator),
            event_ids[id(event)] if event is not None else None,
            date_ids.get(id(c.date)), c.reported_by, _kept(layer, c.reported_by_actor)))
    return ann


def _kept(layer: ActorLayer, actor_id: str | None) -> str | None:
    """The actor id when the actor is still part of the annotation, else None."""
    return actor_id if actor_id in layer.actors else None


def _drop_furniture_actors(layer: ActorLayer, story: Callable[[MentionRec], bool]) -> None:
    """Drop the mentions in page furniture, and the actors named only there (unless an actor that stays is
    affiliated to them)."""
    dropped = {m.actor for m in layer.mentions if not story(m)}
    layer.mentions = [m for m in layer.mentions if story(m)]
    needed = {m.actor for m in layer.mentions} | {a.affiliation for a in layer.actors.values() if a.affiliation}
    layer.actors = {aid: a for aid, a in layer.actors.items() if aid not in dropped or aid in needed}
