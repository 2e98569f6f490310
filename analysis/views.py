"""Derived tables: counts, rankings and joins made from the typed frames, for charts, notebooks and reports.

Charts draw these tables and notebooks show them, so a chart and the table beside it
count the same way.  Every function takes dataframes (never text, never a bundle) and
returns a new dataframe in a fixed order; column names follow analysis/fields.py where
they hold a declared field.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

UNATTRIBUTED = "(unattributed)"
UNKNOWN_SIDE = "(side not known)"
COUNTED_LAYERS = ("sentences", "repairs", "actors", "mentions", "casualties", "dates", "events", "quotes")


def with_sentence_text(frame: pd.DataFrame, sentences: pd.DataFrame, on: str = "sentence") -> pd.DataFrame:
    """Add `sentence_text`: the text of the sentence each row comes from, so every number can be checked."""
    texts = dict(zip(sentences["sentence"].astype("Int64"), sentences["text"].astype("object")))
    out = frame.copy()
    out["sentence_text"] = [texts.get(s) if pd.notna(s) else None for s in frame[on]]
    return out


def sentence_at_offset(frame: pd.DataFrame, sentences: pd.DataFrame, offset: str = "start") -> pd.DataFrame:
    """Add `sentence` (the sentence holding each row's character offset) and `sentence_text`."""
    ordered = sentences.sort_values("start")
    starts = ordered["start"].astype("int64").to_numpy()
    ends = ordered["end"].astype("int64").to_numpy()
    numbers = ordered["sentence"].to_numpy()
    found = []
    for value in frame[offset]:
        i = int(np.searchsorted(starts, int(value), side="right")) - 1 if pd.notna(value) else -1
        found.append(numbers[i] if i >= 0 and int(value) < ends[i] else pd.NA)
    out = frame.copy()
    out["sentence"] = pd.array(found, dtype="Int64")
    return with_sentence_text(out, sentences)


def _sentences_by(keys: Iterable[Any], sentences: Iterable[Any]) -> dict[str, list[int]]:
    """The sentence numbers each key occurs in, ascending, keys sorted."""
    found: dict[str, set[int]] = {}
    for key, sentence in zip(keys, sentences):
        if pd.notna(sentence):
            found.setdefault(str(key), set()).add(int(sentence))
    return {key: sorted(numbers) for key, numbers in sorted(found.items())}


def _listed(numbers: Iterable[int]) -> str:
    """Sentence numbers as reading text: '3, 5, 9'."""
    return ", ".join(map(str, numbers))


def actor_sentences(mentions: pd.DataFrame) -> dict[str, list[int]]:
    """The sentences naming each actor, in order: the evidence behind every mention count."""
    return _sentences_by(mentions["actor_id"], mentions["sentence"])


def mention_counts(actors: pd.DataFrame, rollup: bool = False) -> pd.DataFrame:
    """Mentions per actor, or per top-level state/group when `rollup`; most mentioned first.

    Columns: actor_id, actor_name, actor_type, mentions.  Rolled up, each top-level actor gets
    its own mentions plus those of every actor whose affiliation chain ends at it.
    """
    table = actors[["actor_id", "actor_name", "actor_type", "root_actor", "root_name", "mentions"]].copy()
    table["mentions"] = table["mentions"].fillna(0).astype("int64")
    if rollup:
        types = dict(zip(table["actor_id"], table["actor_type"].astype("object")))
        grouped = (table.groupby("root_actor", sort=True, observed=True)
                   .agg(actor_name=("root_name", "first"), mentions=("mentions", "sum"),
                        member_type=("actor_type", "first"))
                   .reset_index().rename(columns={"root_actor": "actor_id"}))
        grouped["actor_type"] = [types.get(a, t) for a, t in zip(grouped["actor_id"], grouped["member_type"])]
        table = grouped
    table = table[["actor_id", "actor_name", "actor_type", "mentions"]]
    table = table.astype({"actor_id": "object", "actor_name": "object", "actor_type": "object"})
    table = table.sort_values(["mentions", "actor_name", "actor_id"], ascending=[False, True, True], kind="stable")
    return table.reset_index(drop=True)


def network_edges(cooccurrence: pd.DataFrame, actors: pd.DataFrame, top_n: int = 15) -> pd.DataFrame:
    """The co-occurrence pairs among the `top_n` most-named actors: actor_a, actor_b, sentences."""
    keep = set(mention_counts(actors).head(top_n)["actor_id"])
    edges = cooccurrence[cooccurrence["actor_a"].isin(keep) & cooccurrence["actor_b"].isin(keep)
                         & (cooccurrence["sentences"].fillna(0) > 0)]
    edges = edges[["actor_a", "actor_b", "sentences"]].astype({"actor_a": "object", "actor_b": "object"})
    edges["sentences"] = edges["sentences"].astype("int64")
    return edges.sort_values(["actor_a", "actor_b"], kind="stable").reset_index(drop=True)


def actor_table(actors: pd.DataFrame, mentions: pd.DataFrame, top_n: int | None = None) -> pd.DataFrame:
    """Actors by mentions with their side and the sentences that name them (`in_sentences`)."""
    where = actor_sentences(mentions)
    table = actors.sort_values(["mentions", "actor_name", "actor_id"], ascending=[False, True, True],
                               kind="stable")
    table = table[table["mentions"].fillna(0) > 0]
    if top_n is not None:
        table = table.head(top_n)
    out = table[["actor_name", "actor_type", "root_name", "mentions"]].copy()
    out["in_sentences"] = [_listed(where.get(a, [])) for a in table["actor_id"]]
    return out.reset_index(drop=True)


def pair_table(cooccurrence: pd.DataFrame, actors: pd.DataFrame, mentions: pd.DataFrame,
               top_n: int | None = None) -> pd.DataFrame:
    """Actor pairs named in the same sentence, most frequent first, by name, with those sentences' numbers."""
    where = {a: set(s) for a, s in actor_sentences(mentions).items()}
    names = dict(zip(actors["actor_id"].astype("object"), actors["actor_name"].astype("object")))
    pairs = cooccurrence.sort_values(["sentences", "actor_a", "actor_b"], ascending=[False, True, True],
                                     kind="stable")
    if top_n is not None:
        pairs = pairs.head(top_n)
    return pd.DataFrame({
        "actor_a_name": [names.get(a, a) for a in pairs["actor_a"]],
        "actor_b_name": [names.get(b, b) for b in pairs["actor_b"]],
        "sentences": pairs["sentences"].to_numpy(),
        "in_sentences": [_listed(sorted(where.get(a, set()) & where.get(b, set())))
                         for a, b in zip(pairs["actor_a"], pairs["actor_b"])],
    })


def _speakers(quotes: pd.DataFrame) -> pd.Series:
    """Each quote's speaker name, UNATTRIBUTED where there is none."""
    return quotes["speaker"].astype("object").where(quotes["speaker"].notna(), UNATTRIBUTED)


def statement_of(quotes: pd.DataFrame) -> pd.Series:
    """The statement each quote belongs to: the id of the outermost quote holding it (its own id if none).

    A quote inside another ("Gallant called the line “nonsense”" holds “nonsense”) is part of
    that statement, not another one.  Quotes that only overlap stay separate statements.
    """
    ordered = quotes.sort_values(["start", "end", "quote_id"], ascending=[True, False, True], kind="stable")
    found: dict[Any, str] = {}
    outer_id, outer_end = None, -1
    for index, qid, start, end in zip(ordered.index, ordered["quote_id"], ordered["start"], ordered["end"]):
        if outer_id is not None and int(start) < outer_end and int(end) <= outer_end:
            found[index] = outer_id
        else:
            outer_id, outer_end = str(qid), int(end)
            found[index] = outer_id
    return pd.Series([found[i] for i in quotes.index], index=quotes.index, dtype="object")


def quotes_by_statement(quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """The quotes with `part_of`: the statement a quote lies inside (empty for a statement of its own),
    and `joint_with`: the names of the other parties of a joint statement."""
    out = quotes.copy()
    outer = statement_of(quotes)
    out["part_of"] = outer.where(outer != quotes["quote_id"].astype("object"), None)
    names = dict(zip(actors["actor_id"].astype("object"), actors["actor_name"].astype("object")))
    out["joint_with"] = ["; ".join(names.get(c, c) for c in str(v).split("; ")) if pd.notna(v) else None
                         for v in quotes["co_speakers"]]
    return out


def _sides(speakers: pd.Series, roots: pd.Series) -> pd.Series:
    """The side of each speaker: its top-level actor, else itself, else UNKNOWN_SIDE."""
    named = speakers.where(speakers != UNATTRIBUTED, UNKNOWN_SIDE)
    return roots.astype("object").where(roots.notna(), named)


def statements(quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """One row per statement and party: a joint statement gives a row to each of its speakers.

    Columns: statement (id of its outermost quote), speaker, side, quote_kind, joint, quotes (how many
    quotes it holds), sentence, text.  Statements in text order, parties in the order named.
    """
    outer = statement_of(quotes)
    own = quotes[outer == quotes["quote_id"].astype("object")]
    sizes = outer.value_counts()
    names = dict(zip(actors["actor_id"].astype("object"), actors["actor_name"].astype("object")))
    roots = dict(zip(actors["actor_id"].astype("object"), actors["root_name"].astype("object")))
    rows = []
    for q, speaker, side in zip(own.itertuples(), _speakers(own), _sides(_speakers(own), own["speaker_root"])):
        others = [c for c in str(q.co_speakers).split("; ") if c] if pd.notna(q.co_speakers) else []
        parties = [(speaker, side)] + [(names.get(c, c), roots.get(c) if pd.notna(roots.get(c)) else names.get(c, c))
                                       for c in others]
        for name, party_side in parties:
            rows.append({"statement": q.quote_id, "speaker": name, "side": party_side, "quote_kind": q.quote_kind,
                         "joint": bool(others), "quotes": int(sizes[q.quote_id]), "sentence": q.sentence,
                         "text": q.text})
    columns = ["statement", "speaker", "side", "quote_kind", "joint", "quotes", "sentence", "text"]
    return pd.DataFrame(rows, columns=columns).astype({"quote_kind": "object", "sentence": "Int64"})


def voice_counts(quotes: pd.DataFrame, actors: pd.DataFrame, top_n: int | None = None) -> pd.DataFrame:
    """Statements per speaker split into direct and indirect, grouped by side (speaker_root).

    A quote inside another is part of that statement; a joint statement counts once for each party
    (`joint` says how many of a speaker's statements were joint).  Sides are ordered by their total,
    speakers within a side by theirs; `top_n` keeps the speakers with most statements.
    Columns: side, speaker, direct, indirect, total, joint.
    """
    said = statements(quotes, actors)
    columns = ["side", "speaker", "direct", "indirect", "total", "joint"]
    if said.empty:
        return pd.DataFrame({c: pd.Series(dtype="object" if c in ("side", "speaker") else "int64") for c in columns})
    counts = (pd.crosstab([said["side"], said["speaker"]], said["quote_kind"])
              .reindex(columns=["direct", "indirect"], fill_value=0).reset_index())
    counts.columns.name = None
    counts[["direct", "indirect"]] = counts[["direct", "indirect"]].astype("int64")
    counts["total"] = counts["direct"] + counts["indirect"]
    joint = said[said["joint"]].groupby(["side", "speaker"]).size()
    counts["joint"] = [int(joint.get((side, speaker), 0)) for side, speaker in zip(counts["side"], counts["speaker"])]
    if top_n is not None:
        counts = counts.sort_values(["total", "speaker"], ascending=[False, True], kind="stable").head(top_n)
    side_total = counts.groupby("side")["total"].transform("sum")
    counts = (counts.assign(_side_total=side_total)
              .sort_values(["_side_total", "side", "total", "speaker"], ascending=[False, True, False, True],
                           kind="stable")
              .drop(columns="_side_total"))
    return counts[columns].reset_index(drop=True)


def speakers_left_out(quotes: pd.DataFrame, actors: pd.DataFrame, top_n: int) -> str:
    """What a top-`top_n` cut of the speakers leaves out, in words ("and 6 more speakers with one statement
    each"); empty when nothing is left out."""
    every = voice_counts(quotes, actors)
    shown = voice_counts(quotes, actors, top_n)
    rest = every[~every.set_index(["side", "speaker"]).index.isin(shown.set_index(["side", "speaker"]).index)]
    if rest.empty:
        return ""
    low, high = int(rest["total"].min()), int(rest["total"].max())
    who = f"and {len(rest):,} more speaker{'s' if len(rest) > 1 else ''}"
    if high == 1:
        return f"{who} with one statement{' each' if len(rest) > 1 else ''}"
    many = f"{low} statements" if low == high else f"{low}\u2013{high} statements"
    return f"{who} with {many}{' each' if len(rest) > 1 else ''}"


def relayed(quotes: pd.DataFrame) -> pd.DataFrame:
    """Speakers whose words lie inside another speaker's statement (IRNA reporting what Pezeshkian said):
    one row per such speaker and statement, with who made the statement (`within`), in text order."""
    outer = statement_of(quotes)
    names, sides = _speakers(quotes), _sides(_speakers(quotes), quotes["speaker_root"])
    by_id = dict(zip(quotes["quote_id"].astype("object"), names))
    rows = {}
    for qid, name, side, stmt, sentence in zip(quotes["quote_id"], names, sides, outer, quotes["sentence"]):
        if stmt != qid and by_id.get(stmt) != name:
            rows.setdefault((name, stmt), {"speaker": name, "side": side, "statement": stmt,
                                           "within": by_id.get(stmt), "sentence": sentence})
    return pd.DataFrame(list(rows.values()), columns=["speaker", "side", "statement", "within", "sentence"])


def relayed_text(quotes: pd.DataFrame) -> str:
    """The speakers quoted only inside others' statements, in words; empty when there are none."""
    table = relayed(quotes)
    counted = set(_speakers(quotes[statement_of(quotes) == quotes["quote_id"].astype("object")]))
    only = table[~table["speaker"].isin(counted)]
    if only.empty:
        return ""
    listed = "; ".join(f"{speaker} (inside the statement of {', '.join(dict.fromkeys(group['within']))})"
                       for speaker, group in only.groupby("speaker", sort=False))
    return f"Quoted only inside another speaker's statement, and so not counted as speaking: {listed}."


def voice_table(quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Statements per speaker and side with the sentences holding them (`in_sentences`), and `relayed`:
    how many other speakers' statements hold this speaker's words (not counted as theirs)."""
    counts = voice_counts(quotes, actors)
    said = statements(quotes, actors)
    where = _sentences_by(said["speaker"], said["sentence"])
    inside = relayed(quotes)
    extra = (inside[["side", "speaker"]].drop_duplicates()
             .merge(counts[["side", "speaker"]], how="left", indicator=True))
    extra = extra[extra["_merge"] == "left_only"].drop(columns="_merge")
    if len(extra):
        counts = pd.concat([counts, extra.assign(direct=0, indirect=0, total=0, joint=0)], ignore_index=True)
    times = inside.groupby(["side", "speaker"]).size()
    counts["relayed"] = [int(times.get((side, name), 0)) for side, name in zip(counts["side"], counts["speaker"])]
    counts["in_sentences"] = [_listed(where.get(s, [])) for s in counts["speaker"]]
    return counts


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def day_text(day: pd.Timestamp) -> str:
    """A day as readers write it: '7 October 2023'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def span_text(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """A run of days, its shared month and year said once: '10\u201311 August 2024'."""
    if start == end:
        return day_text(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{end.day} {MONTHS[start.month - 1]} {start.year}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} \u2013 {day_text(end)}"
    return f"{day_text(start)} \u2013 {day_text(end)}"


def period_text(start: object, end: object, precision: object) -> str:
    """A date as precisely as it is known: '7 October 2023', 'the week of 12 August 2024', 'October 2023', '2023'.

    A month or a week is never turned into invented first and last days; a span that is not a
    whole week, month or year (a weekend) is given by its days.
    """
    if start is None or pd.isna(start):
        return "date not known"
    first = pd.Timestamp(start).normalize()
    last = first if end is None or pd.isna(end) else pd.Timestamp(end).normalize()
    kind = str(precision)
    if kind == "year" and (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return str(first.year)
    if kind == "month" and first.day == 1 and last == first + pd.offsets.MonthEnd(0):
        return f"{MONTHS[first.month - 1]} {first.year}"
    if kind == "week" and first.weekday() == 0 and (last - first).days == 6:
        return f"the week of {day_text(first)}"
    return span_text(first, last)


# Where an event goes on the timeline: what happened, what is still to come after publication, and
# what was planned, threatened or denied earlier and is not reported as having happened.
TIMELINE_SECTIONS: dict[str, tuple[str, str]] = {
    "happened": ("happened", "Happened"),
    "to_come": ("still to come", "Still to come after publication: planned, expected, threatened or possible"),
    "earlier": ("earlier plan, threat or denial; not reported as happened",
                "Planned, threatened, possible or denied before publication: not reported as having happened"),
    "unknown": ("not (yet) happened",
                "Not (or not yet) happened: planned, expected, threatened, possible or denied"),
}


def timeline_section(modality: object, end_date: object, published: object) -> str:
    """The TIMELINE_SECTIONS key of an event: an unrealised one is still to come when its period reaches
    the publication date, and earlier when it ended before; without a publication date, unknown."""
    if str(modality) == "happened":
        return "happened"
    if published is None or pd.isna(published):
        return "unknown"
    return "to_come" if pd.Timestamp(end_date) >= pd.Timestamp(published) else "earlier"


def timeline_sections(timeline: pd.DataFrame, published: object) -> pd.Series:
    """The TIMELINE_SECTIONS key of each event of the timeline table."""
    return pd.Series([timeline_section(m, e, published) for m, e in zip(timeline["modality"], timeline["end_date"])],
                     index=timeline.index, dtype="object")


def timeline_table(timeline: pd.DataFrame, sentences: pd.DataFrame, published: object) -> pd.DataFrame:
    """The dated events with `status` (happened, still to come, or an earlier plan or threat) and `when`
    (the date as precisely as the article gives it), and the sentence each comes from."""
    out = with_sentence_text(timeline, sentences)
    out["status"] = [TIMELINE_SECTIONS[k][0] for k in timeline_sections(timeline, published)]
    out["when"] = [period_text(s, e, p) for s, e, p in zip(timeline["start_date"], timeline["end_date"],
                                                           timeline["precision"])]
    return out


def timeline_span(timeline: pd.DataFrame) -> str:
    """From the earliest to the latest dated event, each as precisely as it is known."""
    if timeline.empty:
        return "no dated events"
    first = timeline.sort_values(["start_date", "end_date", "event_id"], kind="stable").iloc[0]
    last = timeline.sort_values(["end_date", "start_date", "event_id"], ascending=[False, True, True],
                                kind="stable").iloc[0]
    earliest = period_text(first["start_date"], first["end_date"], first["precision"])
    latest = period_text(last["start_date"], last["end_date"], last["precision"])
    return earliest if earliest == latest else f"{earliest} to {latest}"


def no_timeline_reason(events: pd.DataFrame, published: object) -> str:
    """Why the timeline is empty, in words, and what would fill it."""
    if events.empty:
        return "The annotation holds no events, so there is no timeline to draw."
    count = f"{len(events):,} event{'s' if len(events) != 1 else ''}"
    if published is None or pd.isna(published):
        return (f"There is no timeline: none of the article's {count} has a date that could be placed on a "
                "calendar. No publication date is known, so the dates the article gives relative to it "
                "(\u201cSaturday\u201d, \u201clast month\u201d) could not be resolved. Give the publication date "
                "(the parameter published, YYYY-MM-DD) to place them.")
    return (f"There is no timeline: none of the article's {count} has a date that could be placed on a "
            "calendar.")


PLACE_COLUMNS = ["event_id", "location", "place", "placed_as", "place_kind", "how", "country", "latitude",
                 "longitude", "not_placed", "event", "event_type", "acled", "modality", "when", "date_text", "sentence"]


def acled_text(event_type: object, sub_event_type: object) -> str | None:
    """An ACLED event type with its sub-event type, 'Battles / Armed clash'; None when ours has no counterpart."""
    parts = [str(v) for v in (event_type, sub_event_type) if v is not None and not pd.isna(v)]
    return " / ".join(parts) or None


def event_places(events: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Every event's place: one row per place it names ("Cairo or Doha" gives two), in text order.

    `placed_as`, `latitude` and `longitude` say where it is marked (GeoNames, offline; see
    analysis.places), `not_placed` why not.  The states the article names decide among towns of one name.
    """
    from . import places  # the GeoNames data are read only when a place is looked up

    located = events[events["location"].notna()]
    states = actors[actors["actor_type"].astype("object") == "state"]["actor_name"].astype("object")
    context = places.context_countries(states)
    found: dict[str, list[places.Place]] = {}
    rows = []
    for e in located.itertuples():
        for place in found.setdefault(str(e.location), places.locate(str(e.location), context)):
            rows.append({
                "event_id": e.event_id, "location": e.location, "place": place.written,
                "placed_as": place.describe() or None, "place_kind": place.kind, "how": place.how,
                "country": place.country_name, "latitude": place.latitude, "longitude": place.longitude,
                "not_placed": place.reason, "event": e.text, "event_type": e.event_type,
                "acled": acled_text(e.acled_event_type, e.acled_sub_event_type), "modality": e.modality,
                "when": period_text(e.start_date, e.end_date, e.precision) if pd.notna(e.start_date) else "not dated",
                "date_text": e.date_text, "sentence": e.sentence,
            })
    out = pd.DataFrame(rows, columns=PLACE_COLUMNS)
    out = out.astype({c: "object" for c in PLACE_COLUMNS if c not in ("latitude", "longitude", "sentence")})
    return out.astype({"latitude": "float64", "longitude": "float64", "sentence": "Int64"})


def map_points(places: pd.DataFrame) -> pd.DataFrame:
    """The placed rows of `event_places` grouped by where they are marked: one point per spot.

    Columns: latitude, longitude, places (as written, '; '-joined; a place from a list keeps the
    list: 'Cairo (“Cairo or Doha”)'), placed_as, place_kind, how, events (their words, '; '-joined),
    modalities, count (events there).  Sorted north to south, then west to east.
    """
    placed = places[places["latitude"].notna()]
    columns = ["latitude", "longitude", "places", "placed_as", "place_kind", "how", "events", "modalities", "count"]
    if placed.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for (lat, lon), group in placed.groupby(["latitude", "longitude"], sort=False):
        written = [p if p == loc else f"{p} (\u201c{loc}\u201d)" for p, loc in zip(group["place"], group["location"])]
        rows.append({
            "latitude": lat, "longitude": lon, "places": "; ".join(dict.fromkeys(written)),
            "placed_as": group["placed_as"].iloc[0], "place_kind": group["place_kind"].iloc[0],
            "how": group["how"].iloc[0] if group["how"].nunique() == 1 else "mixed",
            "events": "; ".join(dict.fromkeys(group["event"])),
            "modalities": "; ".join(dict.fromkeys(group["modality"].astype("object"))),
            "count": int(group["event_id"].nunique()),
        })
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["latitude", "longitude"], ascending=[False, True], kind="stable").reset_index(drop=True)


def unplaced_places(places: pd.DataFrame) -> pd.DataFrame:
    """The places `event_places` could not mark, each once, with why and how many events name it."""
    missing = places[places["latitude"].isna()]
    grouped = (missing.groupby(["place", "not_placed"], sort=False)
               .agg(events=("event_id", "nunique"), first_sentence=("sentence", "min")).reset_index())
    return grouped.astype({"events": "int64"})


def no_map_reason(events: pd.DataFrame, places: pd.DataFrame) -> str:
    """Why there is no map, in words."""
    if places.empty:
        return (f"There is no map: none of the article's {len(events):,} event{'s' if len(events) != 1 else ''} "
                "names a place.")
    return ("There is no map: none of the places the article names is a town or a country that could be "
            "placed; the table below lists each, with the reason.")


def repair_summary(repairs: pd.DataFrame) -> pd.DataFrame:
    """Repairs grouped by what was replaced with what: how often, and the first sentence holding one."""
    columns = ["raw_text", "replacement", "rule", "times", "first_sentence", "sentence_text"]
    if repairs.empty:
        return pd.DataFrame(columns=columns)
    table = repairs.astype({"raw_text": "object", "replacement": "object", "rule": "object"})
    grouped = (table.sort_values("start", kind="stable")
               .groupby(["raw_text", "replacement", "rule"], sort=False)
               .agg(times=("start", "size"), first_sentence=("sentence", "first"),
                    sentence_text=("sentence_text", "first"))
               .reset_index())
    return grouped.sort_values(["times", "raw_text", "rule"], ascending=[False, True, True],
                               kind="stable")[columns].reset_index(drop=True)


def layer_counts(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """How many rows each main table holds."""
    return pd.DataFrame({"table": list(COUNTED_LAYERS),
                         "records": [len(frames[t]) if t in frames else 0 for t in COUNTED_LAYERS]})


def _largest(casualties: pd.DataFrame, cumulative: bool) -> pd.Series | None:
    """The killed figure with the highest count bound among incident or cumulative claims."""
    killed = casualties[(casualties["casualty_kind"].astype("object") == "killed")
                        & (casualties["cumulative"].fillna(False).astype(bool) == cumulative)]
    if killed.empty:
        return None
    size = killed["count_high"].fillna(killed["count_low"]).fillna(0).astype("int64")
    return killed.loc[size.sort_values(ascending=False, kind="stable").index[0]]


def quote_summary(quotes: pd.DataFrame) -> str:
    """How many quotes, in how many statements, direct and reported: '50 quotes in 32 statements (...)'."""
    outer = statement_of(quotes)
    own = quotes[outer == quotes["quote_id"].astype("object")]["quote_kind"].astype("object")
    return (f"{len(quotes):,} quote{'s' if len(quotes) != 1 else ''} in {len(own):,} statement"
            f"{'s' if len(own) != 1 else ''} ({int((own == 'direct').sum()):,} in quotation marks, "
            f"{int((own == 'indirect').sum()):,} reported)")


def most_quoted(quotes: pd.DataFrame, actors: pd.DataFrame) -> dict[str, Any] | None:
    """The named speaker with most statements (ties: first by name), and the first sentence quoting them."""
    said = statements(quotes, actors)
    said = said[said["speaker"] != UNATTRIBUTED]
    if said.empty:
        return None
    totals = said.groupby("speaker").size()
    best = sorted(totals[totals == totals.max()].index)[0]
    return {"speaker": best, "total": int(totals[best]), "sentence": said[said["speaker"] == best]["sentence"].min()}


def key_figures(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The article's headline numbers, each with the sentence it comes from when it has one."""
    f = frames
    rows: list[tuple[str, str, Any]] = []
    named = f["actors"][f["actors"]["mentions"].fillna(0) > 0]
    rows.append(("Actors named", f"{len(named):,} ({len(f['mentions']):,} mentions)", None))
    if len(named):
        top = named.sort_values(["mentions", "actor_name"], ascending=[False, True], kind="stable").iloc[0]
        first = f["mentions"][f["mentions"]["actor_id"] == top["actor_id"]]["sentence"].min()
        rows.append(("Most named actor", f"{top['actor_name']} ({int(top['mentions'])} mentions)", first))
    rows.append(("Casualty figures", f"{len(f['casualties']):,}", None))
    for cumulative, label in ((False, "Largest death figure, one incident"),
                              (True, "Largest death toll, cumulative")):
        claim = _largest(f["casualties"], cumulative)
        if claim is not None:
            victims = f" ({claim['victims']})" if pd.notna(claim["victims"]) else ""
            rows.append((label, f"{claim['text']}{victims}", claim["sentence"]))
    modality = f["events"]["modality"].astype("object")
    happened = int((modality == "happened").sum())
    rows.append(("Events", f"{len(f['events']):,} ({happened:,} happened, {len(f['events']) - happened:,} planned, "
                           f"expected, threatened, possible or denied)", None))
    if len(f["timeline"]):
        rows.append(("Dated events span", timeline_span(f["timeline"]), None))
    rows.append(("Quotes", quote_summary(f["quotes"]), None))
    best = most_quoted(f["quotes"], f["actors"])
    if best is not None:
        rows.append(("Most quoted speaker", f"{best['speaker']} ({best['total']} statement"
                                            f"{'s' if best['total'] != 1 else ''})", best["sentence"]))
    rows.append(("Broken characters repaired", f"{len(f['repairs']):,}", None))
    return with_sentence_text(pd.DataFrame({
        "figure": [r[0] for r in rows],
        "value": [r[1] for r in rows],
        "sentence": pd.array([None if pd.isna(r[2]) else int(r[2]) for r in rows], dtype="Int64"),
    }), f["sentences"])
