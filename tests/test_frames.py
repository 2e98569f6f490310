"""Typed frames: declared dtypes, roll-up, co-occurrence, timeline, empty layers, determinism."""
from __future__ import annotations

import dataclasses

import pandas as pd
import pandera.errors
import pytest

from analysis import frames as frames_module
from analysis.affiliations import affiliation_chain
from analysis.annotations import Annotation, annotation_from_dict
from analysis.bundle import load_bundle
from analysis.fields import TABLES, columns
from analysis.frames import RowKeysError, build_frames
from analysis.paths import GOLD_SUFFIX, SEED_ARTICLE, SEEDS_DIR
from analysis.schemas import conform, empty_frame, pandas_dtype, validate


@pytest.fixture(scope="module")
def frames(mini_article, mini_annotation) -> dict[str, pd.DataFrame]:
    return build_frames(mini_article, mini_annotation)


def assert_declared(df: pd.DataFrame, table: str) -> None:
    """Columns, order, dtypes and categorical levels exactly as fields.py declares them."""
    assert list(df.columns) == columns(table)
    for col in TABLES[table]:
        dtype = df[col.name].dtype
        if col.dtype == "category":
            assert isinstance(dtype, pd.CategoricalDtype), col.name
            if col.categories:
                assert list(dtype.categories) == list(col.categories), col.name
        else:
            assert dtype == pandas_dtype(col), (table, col.name, dtype)


def test_every_table_is_built_with_declared_dtypes(frames) -> None:
    assert list(frames) == list(TABLES)
    for table, df in frames.items():
        assert_declared(df, table)
        validate(df, table)


def test_empty_annotation_gives_empty_typed_frames(mini_article, mini_annotation) -> None:
    empty = Annotation(article=mini_annotation.article)
    frames = build_frames(mini_article, empty)
    for table, df in frames.items():
        assert_declared(df, table)
        if table != "sentences":
            assert df.empty, table
    assert len(frames["sentences"]) == len(mini_article.sentences)


def test_empty_frame_matches_schema() -> None:
    for table in TABLES:
        df = empty_frame(table)
        assert_declared(df, table)
        validate(df, table)


def test_schema_rejects_look_alike_dtypes(frames) -> None:
    df = frames["actors"].copy()
    df["actor_name"] = df["actor_name"].astype("str")
    with pytest.raises(pandera.errors.SchemaErrors):
        validate(df, "actors")
    df = frames["dates"].copy()
    df["start_date"] = df["start_date"].astype("datetime64[ns]")
    with pytest.raises(pandera.errors.SchemaErrors):
        validate(df, "dates")


def test_schema_rejects_missing_required_value(frames) -> None:
    df = frames["mentions"].copy()
    df.loc[0, "actor_id"] = pd.NA
    with pytest.raises(pandera.errors.SchemaErrors):
        validate(df, "mentions")


def test_conform_rejects_undeclared_level() -> None:
    df = empty_frame("events").astype(object)
    df.loc[0] = {c: None for c in df.columns} | {"event_id": "x", "event_type": "skirmish", "modality": "happened",
                                                  "start": 0, "end": 1, "text": "x"}
    with pytest.raises(ValueError, match="skirmish"):
        conform(df, "events")


def test_roll_up_follows_the_chain_to_its_top(frames, mini_annotation) -> None:
    by_id = {a.id: a for a in mini_annotation.actors}
    assert affiliation_chain("abu_obaida", by_id) == ["abu_obaida", "qassam", "hamas"]
    actors = frames["actors"].set_index("actor_id")
    assert actors.loc["abu_obaida", "root_actor"] == "hamas"
    assert actors.loc["abu_obaida", "root_name"] == "Hamas"
    assert actors.loc["idf", "root_actor"] == "israel"
    assert actors.loc["israel", "root_actor"] == "israel"
    assert actors.loc["israel", "mentions"] == 2
    assert actors.loc["idf", "aliases"] == "IDF"
    mentions = frames["mentions"].set_index("mention_id")
    assert mentions.loc["m4", "root_actor"] == "hamas"


def test_mentions_per_actor_own_and_rolled_up(frames, mini_annotation) -> None:
    table = frames["mentions_per_actor"].set_index("actor_id")
    own = {a.id: sum(m.actor == a.id for m in mini_annotation.mentions) for a in mini_annotation.actors}
    assert table["mentions"].to_dict() == own
    by_id = {a.id: a for a in mini_annotation.actors}
    for actor_id in own:
        below = [a for a in own if actor_id in affiliation_chain(a, by_id)]
        assert table.loc[actor_id, "rolled_up_mentions"] == sum(own[a] for a in below)
    assert table.loc["hamas", "rolled_up_mentions"] == 3
    assert table.loc["israel", "rolled_up_mentions"] == 3
    assert table.loc["unused", "rolled_up_mentions"] == 0
    rolled = frames["mentions_per_actor"]["rolled_up_mentions"].tolist()
    assert rolled == sorted(rolled, reverse=True)


def test_cooccurrence_counts_sentences_naming_both(frames, mini_article, mini_annotation) -> None:
    co = frames["cooccurrence"]
    assert (co["actor_a"] < co["actor_b"]).all()
    by_sentence: dict[int, set[str]] = {}
    for m in mini_annotation.mentions:
        by_sentence.setdefault(mini_article.sentence_at(m.start).index, set()).add(m.actor)
    for row in co.itertuples():
        expected = sum({row.actor_a, row.actor_b} <= names for names in by_sentence.values())
        assert row.sentences == expected
    pairs = set(zip(co["actor_a"], co["actor_b"]))
    assert ("idf", "israel") in pairs and ("abu_obaida", "israel") in pairs
    assert ("hamas", "israel") not in pairs


def test_timeline_joins_events_with_their_dates(frames, mini_annotation) -> None:
    tl = frames["timeline"]
    dated = [e.id for e in mini_annotation.events if e.date]
    assert sorted(tl["event_id"]) == sorted(dated)
    assert tl["start_date"].is_monotonic_increasing
    first = tl.iloc[0]
    assert first["event_id"] == "e1" and first["start_date"] == pd.Timestamp("2024-08-10")
    assert first["date_text"] == "Saturday" and first["precision"] == "day"
    assert "Israel Defense Forces" in first["label"] and "struck" in first["label"]
    assert tl.iloc[1]["modality"] == "planned"


def test_casualties_frame(frames) -> None:
    row = frames["casualties"].iloc[0]
    assert (row["count_low"], row["qualifier"], row["casualty_kind"]) == (12, "at_least", "killed")
    assert pd.isna(row["count_high"])
    assert not row["cumulative"]
    assert row["start_date"] == pd.Timestamp("2024-08-10") and row["date_text"] == "Saturday"
    assert row["acled_fatalities"] == 12
    assert row["sentence"] == 2


def test_events_and_crosswalks(frames) -> None:
    events = frames["events"].set_index("event_id")
    assert events.loc["e1", "acled_event_type"] == "Explosions/Remote violence"
    assert events.loc["e1", "participants"] == "idf:attacker"
    assert pd.isna(events.loc["e3", "start_date"])
    assert list(frames["events"]["start"]) == sorted(frames["events"]["start"])
    dates = frames["dates"].set_index("date_id")
    assert dates.loc["d1", "acled_time_precision"] == 1 and dates.loc["d1", "ucdp_date_prec"] == 1
    actors = frames["actors"].set_index("actor_id")
    assert actors.loc["abu_obaida", "acled_inter"] == actors.loc["hamas", "acled_inter"] == 2


def test_quotes_frame_names_speaker_and_side(frames) -> None:
    q = frames["quotes"].iloc[0]
    assert (q["speaker"], q["speaker_id"], q["speaker_root"], q["cue"]) == (
        "Abu Obaida", "abu_obaida", "Hamas", "said")


def test_row_order_ignores_record_order_in_the_file(mini_article, mini_annotation, frames) -> None:
    shuffled = dataclasses.replace(
        mini_annotation, actors=mini_annotation.actors[::-1], mentions=mini_annotation.mentions[::-1],
        events=mini_annotation.events[::-1], dates=mini_annotation.dates[::-1])
    again = build_frames(mini_article, shuffled)
    for table in TABLES:
        pd.testing.assert_frame_equal(again[table], frames[table], obj=table)


# --- seed articles with a gold annotation -------------------------------------------------------

SEED_GOLD = sorted(SEEDS_DIR.glob("*" + GOLD_SUFFIX))


@pytest.fixture(scope="module")
def seed_frames(seed_gold_path) -> dict[str, pd.DataFrame]:
    return load_bundle(SEED_ARTICLE).frames


@pytest.mark.parametrize("gold", SEED_GOLD, ids=[p.name for p in SEED_GOLD])
def test_every_seed_gold_gives_valid_frames(gold) -> None:
    article = gold.with_name(gold.name.removesuffix(GOLD_SUFFIX) + ".txt")
    frames = load_bundle(article).frames
    for table, df in frames.items():
        assert_declared(df, table)
        validate(df, table)


def test_seed_casualties_hold_the_93_and_the_cumulative_toll(seed_frames) -> None:
    cas = seed_frames["casualties"]
    incident = cas[cas["count_low"] == 93]
    assert len(incident) == 1
    row = incident.iloc[0]
    assert (row["casualty_kind"], row["qualifier"], row["cumulative"]) == ("killed", "at_least", False)
    assert pd.isna(row["count_high"])
    assert row["start_date"] == pd.Timestamp("2024-08-10")
    assert row["victims"] == "Palestinians"
    assert "local officials" in row["reported_by"]
    toll = cas[cas["cumulative"].astype(bool)]
    assert len(toll) == 1
    toll = toll.iloc[0]
    assert (toll["count_high"], toll["qualifier"]) == (40000, "nearly")
    assert pd.isna(toll["count_low"]) and pd.isna(toll["acled_fatalities"])


def test_seed_roll_up_puts_officials_under_their_state(seed_frames) -> None:
    actors = seed_frames["actors"].set_index("actor_id")
    kirby = actors[actors["actor_name"] == "John Kirby"].iloc[0]
    assert kirby["root_actor"] == "united_states"
    per = seed_frames["mentions_per_actor"].set_index("actor_id")
    assert per.loc["united_states", "rolled_up_mentions"] > per.loc["united_states", "mentions"]
    assert per["rolled_up_mentions"].sum() >= per["mentions"].sum()
    assert per["mentions"].sum() == len(seed_frames["mentions"])


def test_seed_cooccurrence_and_timeline(seed_frames) -> None:
    co = seed_frames["cooccurrence"]
    assert (co["actor_a"] < co["actor_b"]).all()
    pairs = set(zip(co["actor_a"], co["actor_b"]))
    assert ("iran", "israel") in pairs and ("hamas", "israel") in pairs
    tl = seed_frames["timeline"]
    assert tl["start_date"].is_monotonic_increasing
    assert (tl["end_date"] >= tl["start_date"]).all()
    assert pd.Timestamp("2023-10-07") in set(tl["start_date"])


def test_seed_repairs_frame_matches_the_loader(seed_frames, seed_article) -> None:
    assert len(seed_frames["repairs"]) == len(seed_article.repairs)
    assert len(seed_frames["sentences"]) == len(seed_article.sentences)


# --- rows must match their declared columns -----------------------------------------------------

def quote_row(**changes) -> dict:
    """A row of the quotes table with every declared key (values do not matter here)."""
    return {c: None for c in columns("quotes")} | changes


def test_a_mistyped_key_is_refused_naming_the_table_and_the_keys() -> None:
    row = quote_row(speakr="Abu Obaida")
    del row["speaker"]
    with pytest.raises(RowKeysError) as caught:
        frames_module.table_frame("quotes", [quote_row(), row])
    message = str(caught.value)
    assert "table 'quotes', row 1" in message
    assert "unexpected key(s) speakr" in message and "missing key(s) speaker" in message


def test_a_missing_key_alone_is_refused() -> None:
    row = quote_row()
    del row["cue"]
    with pytest.raises(RowKeysError, match=r"table 'quotes', row 0: missing key\(s\) cue\."):
        frames_module.table_frame("quotes", [row])


def test_build_frames_refuses_a_builder_with_a_typo(monkeypatch, mini_article, mini_annotation) -> None:
    def typo(article, ann, ix):
        return [{"actor_a": "a", "actor_b": "b", "sentence": 1}]

    monkeypatch.setitem(frames_module.BUILDERS, "cooccurrence", typo)
    with pytest.raises(RowKeysError, match="unexpected key\\(s\\) sentence; missing key\\(s\\) sentences"):
        build_frames(mini_article, mini_annotation)


# --- values at the edges of what a column can hold ----------------------------------------------

@pytest.mark.parametrize("day", ["0001-01-01", "1600-01-01", "9999-12-31"])
def test_dates_outside_the_nanosecond_range_are_kept(mini_article, mini_dict, day) -> None:
    mini_dict["dates"][0].update(value=day, start_date=day, end_date=day)
    ann = annotation_from_dict(mini_dict, mini_article.text, "mini.gold.json")
    frames = build_frames(mini_article, ann)
    expected = pd.Timestamp(day)
    assert frames["dates"].set_index("date_id").loc["d1", "start_date"] == expected
    assert frames["casualties"].iloc[0]["end_date"] == expected
    assert frames["timeline"].set_index("event_id").loc["e1", "start_date"] == expected
