"""The per-article half of incident matching: each article's incident reports and cumulative tolls.

Runs where the article was annotated (a worker), on its table rows (`analysis.frames.table_rows`:
plain values, dates as ISO strings), so the cross-article step reads one small table instead of
every article's text, and a worker makes no dataframe per article.  A *report* is an incident
casualty figure (with its event's type, place, attackers and dates) or an armed event
that happened and has a place or a date but no figure of its own.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..frames import Row
from . import places
from .metadata import ArticleKeys

Rows = Mapping[str, Sequence[Row]]

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


def _day(value: object) -> dt.date | None:
    """A date cell (an ISO string or a date) as a day."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.datetime.fromisoformat(str(value)).date()


def victim_head(victims: object) -> str | None:
    """The head noun of the victims ('more people' -> 'people'), lower case."""
    words = re.findall(r"[\w’'-]+", str(victims)) if victims else []
    return words[-1].lower() if words else None


def is_generic(victims: object) -> bool:
    """True when the victims are everyone hit ('people', or not stated), not one group."""
    head = victim_head(victims)
    return head is None or head in GENERIC_VICTIMS


def figure_roles(figures: Sequence[Row], sentences: Mapping[int, tuple[int, str]]) -> dict[str, str]:
    """casualty_id -> total, part or breakdown (see docs/corpus.md)."""
    roles: dict[str, str] = {}
    groups: dict[tuple[object, object], list[Row]] = defaultdict(list)
    for row in figures:
        start, text = sentences.get(row.get("sentence"), (0, ""))
        before = text[:max(0, int(row["start"]) - start)]
        if _BREAKDOWN.search(before):
            roles[row["casualty_id"]] = "breakdown"
        else:
            groups[(row.get("sentence"), row["casualty_kind"])].append(row)
    for rows in groups.values():
        named = {victim_head(r.get("victims")) for r in rows if not is_generic(r.get("victims"))}
        for row in rows:
            summed = len(named) > 1 and not is_generic(row.get("victims"))
            roles[row["casualty_id"]] = "part" if summed else "total"
    return roles


def _actor_keys(actors: Sequence[Row]) -> dict[str, tuple[str, set[str]]]:
    """actor_id -> (name, matching keys: its id, name, aliases and top-level actor), for possible attackers."""
    found = {}
    for row in actors:
        if row["actor_type"] not in ATTACKER_TYPES:
            continue
        keys = {str(row["actor_id"]).lower(), str(row["actor_name"]).lower(), str(row["root_actor"]).lower(),
                str(row["root_name"]).lower()}
        keys.update(a.strip().lower() for a in str(row.get("aliases") or "").split(";") if a.strip())
        found[row["actor_id"]] = (str(row["actor_name"]), keys)
    return found


def _attackers(actor_ids: list[str], keys: Mapping[str, tuple[str, set[str]]]) -> tuple[str | None, str | None]:
    """('; '-joined names, '|'-joined keys) of the attackers that are possible attackers."""
    known = [a for a in dict.fromkeys(actor_ids) if a in keys]
    names = "; ".join(keys[a][0] for a in known) or None
    return names, KEY_SEPARATOR.join(sorted(set().union(*(keys[a][1] for a in known)))) or None


def sentence_groups(tables: Rows) -> dict[int, set[str]]:
    """sentence -> ids of the armed groups (top-level actors) the sentence names."""
    groups = {str(a["actor_id"]) for a in tables["actors"] if a["actor_type"] == "armed_group"}
    found: dict[int, set[str]] = defaultdict(set)
    for mention in tables["mentions"]:
        root, sentence = str(mention["root_actor"]), mention.get("sentence")
        if root in groups and sentence is not None:
            found[int(sentence)].add(root)
    return found


def _interval(first: object, last: object, published: dt.date | None) -> tuple[object, object, bool]:
    """(start_date, end_date, inferred): the stated days, else the days up to publication."""
    if first is not None:
        return _day(first), _day(last if last is not None else first), False
    if published is not None:
        return published - dt.timedelta(days=UNDATED_DAYS), published, True
    return None, None, True


def dateline_dates(tables: Rows) -> set[tuple[str, dt.date]]:
    """(text, day) of the dates in the dateline ("EL OBEID, March 9, 2026 (Wire) —"): when the story was filed."""
    lead = next((s for s in tables["sentences"] if s["paragraph"] == 1), None)
    found = _DATELINE_END.search(str(lead["text"])[:DATELINE_CHARS]) if lead is not None else None
    if lead is None or found is None:
        return set()
    start = int(lead["start"])
    inside = (d for d in tables["dates"] if d["start"] >= start and d["end"] <= start + found.start())
    return {(str(d["text"]), day) for d in inside if (day := _day(d.get("start_date"))) is not None}


def _dated(records: list[Row], filed: set[tuple[str, dt.date]]) -> Row:
    """The first record whose date is stated in the text rather than only in the dateline ({} if none)."""
    for rec in records:
        when = rec.get("start_date")
        if when is not None and (str(rec.get("date_text")), _day(when)) not in filed:
            return rec
    return {}


def _sentence_index(tables: Rows) -> dict[int, tuple[int, str]]:
    return {int(s["sentence"]): (int(s["start"]), str(s["text"])) for s in tables["sentences"]}


def article_reports(keys: ArticleKeys, tables: Rows) -> list[Row]:
    """The article's incident reports, in text order, as rows of the `reports` part table."""
    sentences = _sentence_index(tables)
    actor_keys = _actor_keys(tables["actors"])
    events = {e["event_id"]: e for e in tables["events"]}
    attackers: dict[str, list[str]] = defaultdict(list)
    for p in tables["participants"]:
        if p["role"] == "attacker":
            attackers[p["event_id"]].append(p["actor_id"])
    figures = [c for c in tables["casualties"] if not c["cumulative"]]
    roles = figure_roles(figures, sentences)
    filed = dateline_dates(tables)
    groups = sentence_groups(tables)
    rows = []
    for fig in figures:
        event = events.get(fig.get("event_id")) or {}
        who = attackers.get(fig.get("event_id"), []) + ([fig["perpetrator"]] if fig.get("perpetrator") else [])
        dated = _dated([fig, event], filed)
        rows.append(_report(keys, "figure", fig, event, who, dated, roles[fig["casualty_id"]], sentences, actor_keys,
                            groups))
    with_figures = {f.get("event_id") for f in figures}
    for event in tables["events"]:
        if (event["event_type"] in ARMED_TYPES and event["modality"] == "happened" and event["event_id"] not in with_figures
                and (event.get("location") or event.get("start_date") is not None)):
            rows.append(_report(keys, "event", {}, event, attackers.get(event["event_id"], []),
                                _dated([event], filed), None, sentences, actor_keys, groups))
    return rows


def _report(keys: ArticleKeys, record: str, fig: Row, event: Row, who: list[str], dated: Row, role: str | None,
            sentences: Mapping[int, tuple[int, str]], actor_keys: Mapping[str, tuple[str, set[str]]],
            groups: Mapping[int, set[str]]) -> Row:
    """One report row: the figure (if any) with its event's type, place, attackers and dates."""
    names, attacker_keys = _attackers(who, actor_keys)
    start_date, end_date, inferred = _interval(dated.get("start_date"), dated.get("end_date"), keys.published)
    source = fig if record == "figure" else event
    sentence = source.get("sentence")
    location = event.get("location")
    return {
        **keys.row(), "record": record, "casualty_id": fig.get("casualty_id"), "event_id": event.get("event_id"),
        "event_type": event.get("event_type"), "text": source["text"],
        **{name: fig.get(name) for name in ("casualty_kind", "qualifier", "count_low", "count_high", "vague_word",
                                            "victims", "reported_by")},
        "figure_role": role, "location": location, "attackers": names, "start_date": start_date, "end_date": end_date,
        "date_inferred": inferred, "sentence": sentence,
        "sentence_text": sentences.get(sentence, (0, None))[1] if sentence is not None else None,
        "place_names": places.encode(places.place_names(location)), "attacker_keys": attacker_keys,
        "group_keys": places.encode(sorted(groups.get(sentence, ()))) if sentence is not None else None,
    }


def toll_source(fig: Row, root_names: Mapping[str, str], outlet: str | None) -> str:
    """Who gave a toll: the reporting actor's top-level name, else the words as written, else the outlet."""
    actor = fig.get("reported_by_actor")
    if actor is not None and actor in root_names:
        return str(root_names[actor])
    written = fig.get("reported_by")
    if written:
        return re.sub(r"^(?:according to\s+)?(?:the\s+)?", "", str(written).strip(), flags=re.I)
    return outlet or "(not stated)"


def toll_figures(keys: ArticleKeys, tables: Rows) -> list[Row]:
    """The article's cumulative tolls, in text order, as rows of the `toll_figures` part table."""
    sentences = _sentence_index(tables)
    root_names: dict[str, str] = {}
    for actor in tables["actors"]:
        root_names.setdefault(actor["actor_id"], actor["root_name"])
    rows = []
    for fig in (c for c in tables["casualties"] if c["cumulative"]):
        sentence = fig.get("sentence")
        rows.append({
            **keys.row(), "casualty_id": fig["casualty_id"], "source": toll_source(fig, root_names, keys.outlet),
            **{name: fig.get(name) for name in ("casualty_kind", "qualifier", "count_low", "count_high", "vague_word",
                                                "victims")},
            "text": fig["text"], "since": _day(fig.get("start_date")), "as_of": keys.published, "sentence": sentence,
            "sentence_text": sentences.get(sentence, (0, None))[1] if sentence is not None else None,
        })
    return rows
