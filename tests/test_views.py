"""Derived tables: counts and joins made from the frames, each traced to the sentences behind it."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import views
from analysis.frames import build_frames
from analysis.paths import SEED_ARTICLE


@pytest.fixture(scope="module")
def frames(mini_article, mini_annotation) -> dict[str, pd.DataFrame]:
    return build_frames(mini_article, mini_annotation)


def test_sentence_at_offset_finds_each_rows_sentence():
    sentences = pd.DataFrame({"sentence": pd.array([0, 1, 2], dtype="Int64"),
                              "start": pd.array([0, 10, 30], dtype="Int64"),
                              "end": pd.array([9, 29, 40], dtype="Int64"),
                              "text": pd.array(["zero", "one", "two"], dtype="string")})
    rows = pd.DataFrame({"start": pd.array([0, 12, 35, 9, 50], dtype="Int64")})
    out = views.sentence_at_offset(rows, sentences)
    assert list(out["sentence"].astype("object").where(out["sentence"].notna(), None)) == [0, 1, 2, None, None]
    assert list(out["sentence_text"])[:3] == ["zero", "one", "two"]


def test_actor_table_lists_the_sentences_naming_each_actor(frames):
    table = views.actor_table(frames["actors"], frames["mentions"]).set_index("actor_name")
    mentions = frames["mentions"]
    for name, row in table.iterrows():
        own = mentions[mentions["actor_name"] == name]
        assert row["mentions"] == len(own)
        assert row["in_sentences"] == ", ".join(map(str, sorted(set(own["sentence"]))))
    assert "Nobody" not in table.index
    assert list(table["mentions"]) == sorted(table["mentions"], reverse=True)


def test_pair_table_names_both_actors_and_their_shared_sentences(frames):
    pairs = views.pair_table(frames["cooccurrence"], frames["actors"], frames["mentions"])
    assert len(pairs) == len(frames["cooccurrence"])
    row = pairs[(pairs["actor_a_name"] == "Israel Defense Forces") & (pairs["actor_b_name"] == "Israel")].iloc[0]
    assert row["sentences"] == 1 and row["in_sentences"] == "1"


def test_voice_table_counts_quotes_per_speaker_with_their_sentences(frames):
    table = views.voice_table(frames["quotes"])
    (row,) = table.itertuples()
    assert (row.side, row.speaker, row.direct, row.indirect, row.total) == ("Hamas", "Abu Obaida", 1, 0, 1)
    assert row.in_sentences == str(frames["quotes"]["sentence"].iloc[0])


def test_layer_counts_equal_the_frames(frames):
    counts = views.layer_counts(frames).set_index("table")["records"]
    for table, count in counts.items():
        assert count == len(frames[table])


def test_key_figures_trace_each_number_to_its_sentence(seed_gold_path):
    from analysis.bundle import load_bundle

    bundle = load_bundle(SEED_ARTICLE)
    figures = views.key_figures(bundle.frames)
    sentences = dict(zip(bundle.frames["sentences"]["sentence"], bundle.frames["sentences"]["text"]))
    traced = figures[figures["sentence"].notna()]
    assert len(traced) >= 3
    for row in traced.itertuples():
        assert row.sentence_text == sentences[row.sentence]
    for row in traced[traced["figure"].str.contains("death")].itertuples():
        assert row.value.split(" (")[0] in row.sentence_text
    assert len(bundle.frames["quotes"]) and str(len(bundle.frames["quotes"])) in \
        figures.set_index("figure").loc["Quotes", "value"]
