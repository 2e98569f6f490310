"""One annotated article's tables: first as plain rows, then as typed dataframes.

`table_rows` gives every table declared in analysis.fields as a list of rows (dicts keyed by
declared column, plain Python values, dates as ISO strings), in a fixed order (text order, or a
stated sort with ids as the tie-break).  `build_frames` makes each into a frame cast to its
declared dtypes and validated by its schema; an empty layer gives an empty frame with the right
columns and dtypes.  Corpus workers keep the rows and tabulate a whole batch at once.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache
from itertools import combinations
from typing import Any

import pandas as pd

from . import acled
from .affiliations import affiliation_roots, rolled_up
from .annotations import Actor, Annotation, DateExpr
from .fields import TABLES, columns
from .ingest import Article
from .quantities import acled_fatalities
from .schemas import conform, validate

Row = dict[str, Any]
TableRows = dict[str, list[Row]]


class RowKeysError(ValueError):
    """A table builder made a row whose keys are not exactly the table's declared columns."""


@cache
def _declared(table: str) -> frozenset[str]:
    """A table's declared column names as a set, made once per table: rows are checked against it often."""
    return frozenset(columns(table))


def check_row_keys(table: str, rows: list[Row]) -> None:
    """Every row must hold exactly the declared columns: a mistyped key would otherwise become an empty column."""
    declared = _declared(table)
    for number, row in enumerate(rows):
        if row.keys() == declared:
            continue
        unexpected, missing = sorted(row.keys() - declared), sorted(declared - row.keys())
        problems = [f"unexpected key(s) {', '.join(unexpected)}"] if unexpected else []
        problems += [f"missing key(s) {', '.join(missing)}"] if missing else []
        raise RowKeysError(f"table {table!r}, row {number}: {'; '.join(problems)}. Each row must have exactly "
                           f"the columns analysis/fields.py declares for {table!r}: rename the key in its "
                           "builder, or declare the column")


def table_frame(table: str, rows: Iterable[Row]) -> pd.DataFrame:
    """Rows (dicts keyed by declared column) as a conformed, validated frame."""
    rows = list(rows)
    check_row_keys(table, rows)
    df = pd.DataFrame(rows, columns=columns(table), dtype=object)
    return validate(conform(df, table), table)


class _Index:
    """Look-ups shared by the table builders: actors, roots, dates, sentences."""

    def __init__(self, article: Article, ann: Annotation) -> None:
        self.article = article
        self.actors: dict[str, Actor] = {a.id: a for a in ann.actors}
        self.roots: dict[str, str] = affiliation_roots(self.actors)
        self.dates: dict[str, DateExpr] = {d.id: d for d in ann.dates}
        self.mention_counts = Counter(m.actor for m in ann.mentions)

    def name(self, actor_id: str | None) -> str | None:
        actor = self.actors.get(actor_id) if actor_id else None
        return actor.name if actor else None

    def root(self, actor_id: str | None) -> str | None:
        return self.roots.get(actor_id) if actor_id else None

    def sentence(self, offset: int) -> int | None:
        """The index of the sentence holding `offset`."""
        sent = self.article.sentence_at(offset)
        return sent.index if sent is not None else None

    def span(self, rec: Any) -> Row:
        return {"start": rec.start, "end": rec.end, "text": rec.text, "sentence": self.sentence(rec.start)}

    def date(self, date_id: str | None) -> DateExpr | None:
        return self.dates.get(date_id) if date_id else None


def _span_key(rec: Any) -> tuple[int, int, str]:
    return (rec.start, rec.end, rec.id)


def sentences_rows(article: Article, ann: Annotation, ix: _Index) -> list[Row]:
    """Every sentence with its paragraph and offsets."""
    return [
        {"sentence": s.index, "paragraph": s.paragraph, "start": s.start, "end": s.end,
         "text": article.text[s.start:s.end]}
        for s in article.sentences]


def repairs_rows(article: Article, ann: Annotation, ix: _Index) -> list[Row]:
    """The loader's repair log."""
    return [
        {"raw_start": r.raw_start, "raw_end": r.raw_end, "raw_text": r.raw_text, "start": r.start,
         "replacement": r.replacement, "rule": r.rule}
        for r in sorted(article.repairs, key=lambda r: (r.raw_start, r.raw_end))]


def actors_rows(article: Article, ann: Annotation, ix: _Index) -> list[Row]:
    """Actors with their root actor, ACLED code and mention count, by id."""
    rows = []
    for a in sorted(ann.actors, key=lambda a: a.id):
        root = ix.roots[a.id]
        rows.append({
            "actor_id": a.id, "actor_name": a.name, "actor_type": a.type, "affiliation": a.affiliation,
            "root_actor": root, "root_name": ix.name(root),
            "acled_inter": acled.acled_inter(a.type, ix.actors[root].type),
            "aliases": "; ".join(a.aliases) if a.aliases else None,
            "mentions": ix.mention_counts.get(a.id, 0),
        })
    return rows


def mentions_rows(article: Article, ann: Annotation, ix: _Index) -> list[Row]:
    """Every mention with its actor, in text order."""
    return [
        {"mention_id": m.id, "actor_id": m.actor, "actor_name": ix.name(m.actor),
         "actor_type": ix.actors[m.actor].type, "root_actor": ix.root(m.actor),
         "metonymy": bool(m.metonymy), **ix.span(m)}
        for m in sorted(ann.mentions, key=_span_key)]


def casualties_rows(article: Article, ann: Annotation, ix: _Index) -> list[Row]:
    """Casualty claims with their wording, scope, date and source, in text order."""
    rows = []
    for c in sorted(ann.casualties, key=_span_key):
        date = ix.date(c.date)
        rows.append({
            "casualty_id": c.id, "casualty_kind": c.kind, "count_low": c.count_low, "count_high": c.count_high,
            "qualifier": c.qualifier, "vague_word": c.vague_word,
            "acled_fatalities": (acled_fatalities(c.count_low, c.count_high, c.vague_word)
                                 if c.kind == "killed" and c.scope == "incident" else None),
            "victims": c.victims, "victim_actor": c.victim_actor, "perpetrator": c.perpetrator,
            "cumulative": c.scope == "cumulative",
            "start_date": date.start_date if date else None, "end_date": date.end_date if date else None,
            "date_text": date.text if date else None,
            "event_id": c.event, "reported_by": c.reported_by, "reported_by_actor": c.reported_by_actor,
            **ix.span(c),
        })
    return rows


def _iso(value: str | None) -> dt.date | None:
    """An ISO date string as a date, for the precision crosswalk."""
    return dt.date.fromisoformat(value) if value else None


def dates_rows(article: Article, ann: Annotation, ix: _Index) -> list[Row]:
    """Temporal expressions with their values and ACLED/UCDP precision codes, in text order."""
    return [
        {"date_id": d.id, "start": d.start, "end": d.end, "text": d.text, "value": d.value,
         "date_kind": d.kind, "precision": d.precision, "resolution": d.resolution,
         "start_date": d.start_date, "end_date": d.end_date,
         "acled_time_precision": acled.acled_time_precision(d.precision),
         "ucdp_date_prec": acled.ucdp_date_prec(d.precision, _iso(d.start_date), _iso(d.end_date)),
         "sentence": ix.sentence(d.start)}
        for d in sorted(ann.dates, key=_span_key)]


def events_rows(article: Article, ann: Annotation, ix: _Index) -> list[Row]:
    """Events with ACLED types, modality, date and participants, in text order."""
    rows = []
    for e in sorted(ann.events, key=_span_key):
        date = ix.date(e.date)
        acled_type, acled_sub = acled.acled_event_type(e.type)
        rows.append({
            "event_id": e.id, "event_type": e.type, "acled_event_type": acled_type,
            "acled_sub_event_type": acled_sub, "modality": e.modality,
            "start_date": date.start_date if date else None, "end_date": date.end_date if date else None,
            "precision": date.precision if date else None, "date_text": date.text if date else None,
            "location": e.location,
            "participants": "; ".join(f"{p.actor}:{p.role}" for p in e.participants) or None,
            **ix.span(e),
        })
    return rows


def participants_rows(article: Article, ann: Annotation, ix: _Index) -> list[Row]:
    """One row per event participant, events in text order, participants as annotated."""
    return [
        {"event_id": e.id, "actor_id": p.actor, "actor_name": ix.name(p.actor), "role": p.role}
        for e in sorted(ann.events, key=_span_key) for p in e.participants]


def quotes_rows(article: Article, ann: Annotation, ix: _Index) -> list[Row]:
    """Quotes with speaker and side, in text order."""
    return [
        {"quote_id": q.id, "speaker": ix.name(q.speaker), "speaker_id": q.speaker,
         "speaker_root": ix.name(ix.root(q.speaker)), "co_speakers": "; ".join(q.co_speakers) or None,
         "quote_kind": q.kind,
         "cue": q.cue.text if q.cue else None, **ix.span(q)}
        for q in sorted(ann.quotes, key=_span_key)]


def mentions_per_actor_rows(article: Article, ann: Annotation, ix: _Index) -> list[Row]:
    """Own and rolled-up mention counts per actor, most mentioned first (ties by id)."""
    rolled = rolled_up(ix.mention_counts, ix.actors)
    rows = [{"actor_id": a.id, "actor_name": a.name, "actor_type": a.type,
             "mentions": ix.mention_counts.get(a.id, 0), "rolled_up_mentions": rolled.get(a.id, 0)}
            for a in ann.actors]
    rows.sort(key=lambda r: (-r["rolled_up_mentions"], -r["mentions"], r["actor_id"]))
    return rows


def cooccurrence_rows(article: Article, ann: Annotation, ix: _Index) -> list[Row]:
    """Pairs of actors named in the same sentence, with how many sentences; most frequent first."""
    by_sentence: dict[int, set[str]] = {}
    for m in ann.mentions:
        sent = ix.sentence(m.start)
        if sent is not None:
            by_sentence.setdefault(sent, set()).add(m.actor)
    pairs: Counter[tuple[str, str]] = Counter()
    for actors in by_sentence.values():
        pairs.update(combinations(sorted(actors), 2))
    rows = [{"actor_a": a, "actor_b": b, "sentences": n}
            for (a, b), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))]
    return rows


def _label(trigger: str, participants: list[Any], ix: _Index) -> str:
    """Trigger word with its participants: 'strike (Israel: attacker; Palestinians: victim)'."""
    if not participants:
        return trigger
    who = "; ".join(f"{ix.name(p.actor) or p.actor}: {p.role}" for p in participants)
    return f"{trigger} ({who})"


def timeline_rows(article: Article, ann: Annotation, ix: _Index) -> list[Row]:
    """Events joined with their dates (those covering known days), in date then text order."""
    keyed = []
    for e in ann.events:
        date = ix.date(e.date)
        if date is None or date.start_date is None:
            continue
        end = date.end_date or date.start_date
        keyed.append(((date.start_date, end, e.start, e.id), {
            "event_id": e.id, "event_type": e.type, "modality": e.modality,
            "start_date": date.start_date, "end_date": end,
            "precision": date.precision, "date_text": date.text,
            "label": _label(e.text, e.participants, ix), "sentence": ix.sentence(e.start),
        }))
    return [row for _, row in sorted(keyed, key=lambda kr: kr[0])]


Builder = Callable[[Article, Annotation, "_Index"], list[Row]]

BUILDERS: dict[str, Builder] = {
    "sentences": sentences_rows,
    "repairs": repairs_rows,
    "actors": actors_rows,
    "mentions": mentions_rows,
    "casualties": casualties_rows,
    "dates": dates_rows,
    "events": events_rows,
    "participants": participants_rows,
    "quotes": quotes_rows,
    "mentions_per_actor": mentions_per_actor_rows,
    "cooccurrence": cooccurrence_rows,
    "timeline": timeline_rows,
}


def table_rows(article: Article, annotation: Annotation) -> TableRows:
    """Every declared table of an annotated article as rows, keyed by table name in declared order."""
    missing = set(TABLES) - set(BUILDERS)
    if missing:
        raise NotImplementedError(f"no builder for table(s) {', '.join(sorted(missing))}")
    ix = _Index(article, annotation)
    found = {table: BUILDERS[table](article, annotation, ix) for table in TABLES}
    for table, rows in found.items():
        check_row_keys(table, rows)
    return found


def frames_from_rows(rows: TableRows) -> dict[str, pd.DataFrame]:
    """Each table's rows as its typed, validated frame."""
    return {table: table_frame(table, found) for table, found in rows.items()}


def build_frames(article: Article, annotation: Annotation) -> dict[str, pd.DataFrame]:
    """Every declared table of an annotated article as a typed frame, keyed by table name in declared order."""
    return frames_from_rows(table_rows(article, annotation))
