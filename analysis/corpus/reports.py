"""The per-article half of incident matching: each article's incident reports and cumulative tolls.

Runs where the article was annotated (a worker), on its typed frames, so the cross-article
step reads one small table instead of every article's text.  A *report* is an incident
casualty figure (with its event's type, place, attackers and dates) or an armed event
that happened and has a place or a date but no figure of its own.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping

import pandas as pd

from . import places
from .metadata import ArticleKeys

ARMED_TYPES = frozenset({"air_strike", "shelling", "rocket_fire", "armed_clash", "assassination", "attack",
                         "killing", "abduction"})
# Actor types that can be an attacker (a population or a news outlet is not, whatever a parser says).
ATTACKER_TYPES = frozenset({"state", "armed_group", "government_institution", "political_organisation", "person"})
# Victim nouns that count everyone hit, not one group of them.
GENERIC_VICTIMS = frozenset({"people", "persons", "others", "bodies", "dead", "victims", "individuals", "casualties"})
# A figure right after these words lies inside another ("at least 26 people, including 17 civilians").
_BREAKDOWN = re.compile(r"\b(?:including|among them|among whom|of whom|of them|among the "
                        r"(?:dead|killed|wounded|injured|victims))[\s,:]*$", re.I)
UNDATED_DAYS = 3
KEY_SEPARATOR = places.SEPARATOR
# A dateline ends at the first dash of the paragraph after the title, within its first characters.
_DATELINE_END = re.compile(r"[\u2014\u2013]| - ")
DATELINE_CHARS = 160


def _get(row: Mapping[str, object], name: str) -> object:
    """A cell, with pandas' missing values as None."""
    value = row.get(name)
    return None if value is None or value is pd.NA or value is pd.NaT or (
        isinstance(value, float) and value != value) else value


def _day(value: object) -> dt.date | None:
    return pd.Timestamp(value).date() if value is not None and not pd.isna(value) else None


def victim_head(victims: object) -> str | None:
    """The head noun of the victims ('more people' -> 'people'), lower case."""
    words = re.findall(r"[\w’'-]+", str(victims)) if victims else []
    return words[-1].lower() if words else None


def is_generic(victims: object) -> bool:
    """True when the victims are everyone hit ('people', or not stated), not one group."""
    head = victim_head(victims)
    return head is None or head in GENERIC_VICTIMS


def figure_roles(figures: pd.DataFrame, sentences: Mapping[int, tuple[int, str]]) -> dict[str, str]:
    """casualty_id -> total, part or breakdown (see docs/corpus.md)."""
    roles: dict[str, str] = {}
    groups: dict[tuple[object, object], list[Mapping[str, object]]] = defaultdict(list)
    for row in figures.to_dict("records"):
        start, text = sentences.get(_get(row, "sentence"), (0, ""))
        before = text[:max(0, int(row["start"]) - start)]
        if _BREAKDOWN.search(before):
            roles[row["casualty_id"]] = "breakdown"
        else:
            groups[(_get(row, "sentence"), row["casualty_kind"])].append(row)
    for rows in groups.values():
        named = {victim_head(r.get("victims")) for r in rows if not is_generic(_get(r, "victims"))}
        for row in rows:
            summed = len(named) > 1 and not is_generic(_get(row, "victims"))
            roles[row["casualty_id"]] = "part" if summed else "total"
    return roles


def _actor_keys(actors: pd.DataFrame) -> dict[str, tuple[str, set[str]]]:
    """actor_id -> (name, matching keys: its id, name, aliases and top-level actor), for possible attackers."""
    found = {}
    for row in actors.to_dict("records"):
        if row["actor_type"] not in ATTACKER_TYPES:
            continue
        keys = {str(row["actor_id"]).lower(), str(row["actor_name"]).lower(), str(row["root_actor"]).lower(),
                str(row["root_name"]).lower()}
        keys.update(a.strip().lower() for a in str(_get(row, "aliases") or "").split(";") if a.strip())
        found[row["actor_id"]] = (str(row["actor_name"]), keys)
    return found


def _attackers(actor_ids: list[str], keys: Mapping[str, tuple[str, set[str]]]) -> tuple[str | None, str | None]:
    """('; '-joined names, '|'-joined keys) of the attackers that are possible attackers."""
    known = [a for a in dict.fromkeys(actor_ids) if a in keys]
    names = "; ".join(keys[a][0] for a in known) or None
    return names, KEY_SEPARATOR.join(sorted(set().union(*(keys[a][1] for a in known)))) or None


def sentence_groups(frames: Mapping[str, pd.DataFrame]) -> dict[int, set[str]]:
    """sentence -> ids of the armed groups (top-level actors) the sentence names."""
    actors = frames["actors"]
    groups = set(actors.loc[actors["actor_type"] == "armed_group", "actor_id"].astype(str))
    found: dict[int, set[str]] = defaultdict(set)
    mentions = frames["mentions"]
    for sentence, root in zip(mentions["sentence"], mentions["root_actor"].astype(str)):
        if root in groups and not pd.isna(sentence):
            found[int(sentence)].add(root)
    return found


def _interval(first: object, last: object, published: dt.date | None) -> tuple[object, object, bool]:
    """(start_date, end_date, inferred): the stated days, else the days up to publication."""
    if first is not None:
        return _day(first), _day(last if last is not None else first), False
    if published is not None:
        return published - dt.timedelta(days=UNDATED_DAYS), published, True
    return None, None, True


def dateline_dates(frames: Mapping[str, pd.DataFrame]) -> set[tuple[str, dt.date]]:
    """(text, day) of the dates in the dateline ("EL OBEID, March 9, 2026 (Wire) —"): when the story was filed."""
    sents = frames["sentences"]
    lead = sents[sents["paragraph"] == 1]
    found = _DATELINE_END.search(str(lead["text"].iloc[0])[:DATELINE_CHARS]) if not lead.empty else None
    if found is None:
        return set()
    start = int(lead["start"].iloc[0])
    dates = frames["dates"]
    inside = dates[(dates["start"] >= start) & (dates["end"] <= start + found.start())]
    return {(str(t), d) for t, d in zip(inside["text"], inside["start_date"].map(_day)) if d is not None}


def _dated(records: list[Mapping[str, object]], filed: set[tuple[str, dt.date]]) -> Mapping[str, object]:
    """The first record whose date is stated in the text rather than only in the dateline ({} if none)."""
    for rec in records:
        when = _get(rec, "start_date")
        if when is not None and (str(_get(rec, "date_text")), _day(when)) not in filed:
            return rec
    return {}


def _sentence_index(frames: Mapping[str, pd.DataFrame]) -> dict[int, tuple[int, str]]:
    sents = frames["sentences"]
    return {int(s): (int(st), str(t)) for s, st, t in zip(sents["sentence"], sents["start"], sents["text"])}


def article_reports(keys: ArticleKeys, frames: Mapping[str, pd.DataFrame]) -> list[dict[str, object]]:
    """The article's incident reports, in text order, as rows of the `reports` part table."""
    sentences = _sentence_index(frames)
    actor_keys = _actor_keys(frames["actors"])
    events = {e["event_id"]: e for e in frames["events"].to_dict("records")}
    attackers: dict[str, list[str]] = defaultdict(list)
    for p in frames["participants"].to_dict("records"):
        if p["role"] == "attacker":
            attackers[p["event_id"]].append(p["actor_id"])
    casualties = frames["casualties"]
    figures = casualties[~casualties["cumulative"].astype(bool)]
    roles = figure_roles(figures, sentences)
    filed = dateline_dates(frames)
    groups = sentence_groups(frames)
    rows = []
    for fig in figures.to_dict("records"):
        event = events.get(_get(fig, "event_id")) or {}
        who = attackers.get(_get(fig, "event_id"), []) + ([fig["perpetrator"]] if _get(fig, "perpetrator") else [])
        dated = _dated([fig, event], filed)
        rows.append(_report(keys, "figure", fig, event, who, dated, roles[fig["casualty_id"]], sentences, actor_keys,
                            groups))
    with_figures = {_get(f, "event_id") for f in figures.to_dict("records")}
    for event in frames["events"].to_dict("records"):
        if (event["event_type"] in ARMED_TYPES and event["modality"] == "happened" and event["event_id"] not in with_figures
                and (_get(event, "location") or _get(event, "start_date") is not None)):
            rows.append(_report(keys, "event", {}, event, attackers.get(event["event_id"], []),
                                _dated([event], filed), None, sentences, actor_keys, groups))
    return rows


def _report(keys: ArticleKeys, record: str, fig: Mapping[str, object], event: Mapping[str, object],
            who: list[str], dated: Mapping[str, object], role: str | None,
            sentences: Mapping[int, tuple[int, str]], actor_keys: Mapping[str, tuple[str, set[str]]],
            groups: Mapping[int, set[str]]) -> dict[str, object]:
    """One report row: the figure (if any) with its event's type, place, attackers and dates."""
    names, attacker_keys = _attackers(who, actor_keys)
    start_date, end_date, inferred = _interval(_get(dated, "start_date"), _get(dated, "end_date"), keys.published)
    source = fig if record == "figure" else event
    sentence = _get(source, "sentence")
    location = _get(event, "location")
    return {
        **keys.row(), "record": record, "casualty_id": _get(fig, "casualty_id"), "event_id": _get(event, "event_id"),
        "event_type": _get(event, "event_type"), "text": source["text"],
        **{name: _get(fig, name) for name in ("casualty_kind", "qualifier", "count_low", "count_high", "vague_word",
                                              "victims", "reported_by")},
        "figure_role": role, "place": location, "attackers": names, "start_date": start_date, "end_date": end_date,
        "date_inferred": inferred, "sentence": sentence,
        "sentence_text": sentences.get(sentence, (0, None))[1] if sentence is not None else None,
        "place_names": places.encode(places.place_names(location)), "attacker_keys": attacker_keys,
        "group_keys": places.encode(sorted(groups.get(sentence, ()))) if sentence is not None else None,
    }


def toll_source(fig: Mapping[str, object], actors: pd.DataFrame, outlet: str | None) -> str:
    """Who gave a toll: the reporting actor's top-level name, else the words as written, else the outlet."""
    actor = _get(fig, "reported_by_actor")
    if actor is not None:
        match = actors[actors["actor_id"] == actor]
        if not match.empty:
            return str(match["root_name"].iloc[0])
    written = _get(fig, "reported_by")
    if written:
        return re.sub(r"^(?:according to\s+)?(?:the\s+)?", "", str(written).strip(), flags=re.I)
    return outlet or "(not stated)"


def toll_figures(keys: ArticleKeys, frames: Mapping[str, pd.DataFrame]) -> list[dict[str, object]]:
    """The article's cumulative tolls, in text order, as rows of the `toll_figures` part table."""
    sentences = _sentence_index(frames)
    casualties = frames["casualties"]
    rows = []
    for fig in casualties[casualties["cumulative"].astype(bool)].to_dict("records"):
        sentence = _get(fig, "sentence")
        rows.append({
            **keys.row(), "casualty_id": fig["casualty_id"],
            "source": toll_source(fig, frames["actors"], keys.outlet),
            **{name: _get(fig, name) for name in ("casualty_kind", "qualifier", "count_low", "count_high", "vague_word",
                                                  "victims")},
            "text": fig["text"], "since": _day(_get(fig, "start_date")), "as_of": keys.published,
            "sentence_text": sentences.get(sentence, (0, None))[1] if sentence is not None else None,
        })
    return rows
