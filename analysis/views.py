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


def voice_counts(quotes: pd.DataFrame, top_n: int | None = None) -> pd.DataFrame:
    """Quotes per speaker split into direct and indirect, grouped by side (speaker_root).

    Sides are ordered by their total, speakers within a side by theirs; `top_n` keeps the
    most-quoted speakers.  Columns: side, speaker, direct, indirect, total.
    """
    table = pd.DataFrame({
        "speaker": _speakers(quotes),
        "side": quotes["speaker_root"].astype("object"),
        "quote_kind": quotes["quote_kind"].astype("object"),
    })
    table["side"] = table["side"].where(table["side"].notna(),
                                        table["speaker"].where(table["speaker"] != UNATTRIBUTED, UNKNOWN_SIDE))
    counts = (pd.crosstab([table["side"], table["speaker"]], table["quote_kind"])
              .reindex(columns=["direct", "indirect"], fill_value=0).reset_index())
    counts.columns.name = None
    counts[["direct", "indirect"]] = counts[["direct", "indirect"]].astype("int64")
    counts["total"] = counts["direct"] + counts["indirect"]
    if top_n is not None:
        counts = counts.sort_values(["total", "speaker"], ascending=[False, True], kind="stable").head(top_n)
    side_total = counts.groupby("side")["total"].transform("sum")
    counts = (counts.assign(_side_total=side_total)
              .sort_values(["_side_total", "side", "total", "speaker"], ascending=[False, True, False, True],
                           kind="stable")
              .drop(columns="_side_total"))
    return counts[["side", "speaker", "direct", "indirect", "total"]].reset_index(drop=True)


def voice_table(quotes: pd.DataFrame) -> pd.DataFrame:
    """Quotes per speaker and side (direct, indirect) with the sentences holding them (`in_sentences`)."""
    counts = voice_counts(quotes)
    where = _sentences_by(_speakers(quotes), quotes["sentence"])
    counts["in_sentences"] = [_listed(where.get(s, [])) for s in counts["speaker"]]
    return counts


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
        rows.append(("Dated events span", f"{f['timeline']['start_date'].min().date().isoformat()} to "
                                          f"{f['timeline']['end_date'].max().date().isoformat()}", None))
    kinds = f["quotes"]["quote_kind"].astype("object")
    rows.append(("Quotes", f"{len(f['quotes']):,} ({int((kinds == 'direct').sum()):,} direct, "
                           f"{int((kinds == 'indirect').sum()):,} indirect)", None))
    speakers = f["quotes"]["speaker"].dropna().astype("object")
    if len(speakers):
        counts = speakers.value_counts()
        best = sorted(counts[counts == counts.max()].index)[0]
        rows.append(("Most quoted speaker", f"{best} ({int(counts[best])} quotes)",
                     f["quotes"][f["quotes"]["speaker"] == best]["sentence"].min()))
    rows.append(("Broken characters repaired", f"{len(f['repairs']):,}", None))
    return with_sentence_text(pd.DataFrame({
        "figure": [r[0] for r in rows],
        "value": [r[1] for r in rows],
        "sentence": pd.array([None if pd.isna(r[2]) else int(r[2]) for r in rows], dtype="Int64"),
    }), f["sentences"])
