"""The summary: counts that agree from page to page, checks traced to their sentences, headline figures."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import summary, views
from analysis.bundle import load_bundle
from analysis.paths import SEED_ARTICLE, SEEDS_DIR


@pytest.fixture(scope="module")
def seed(seed_gold_path) -> dict[str, pd.DataFrame]:
    return load_bundle(SEED_ARTICLE).frames


def numbers(listed: str) -> list[int]:
    return [int(n) for n in listed.split(", ")] if listed else []


def test_the_rows_per_table_agree_with_the_key_figures_and_say_what_they_count(seed):
    table = summary.layer_table(seed).set_index("table")
    for name, row in table.iterrows():
        assert row["records"] == len(seed[name]) and row["counted"].startswith("One row per"), name
    named = int((seed["actors"]["mentions"].fillna(0) > 0).sum())
    assert named < len(seed["actors"])  # the seed lists an actor the text never names: the case of the issue
    figures = views.key_figures(seed).set_index("figure")["value"]
    assert figures["Actors named"].startswith(f"{named} ")
    assert f"{named} of the {len(seed['actors'])} are named in the text" in table.loc["actors", "counted"]
    assert f"({table.loc['mentions', 'records']} mentions)" in figures["Actors named"]


def test_when_every_actor_is_named_the_count_says_so(mini_article, mini_annotation):
    from analysis.frames import build_frames

    frames = build_frames(mini_article, mini_annotation)
    frames["actors"] = frames["actors"][frames["actors"]["mentions"].fillna(0) > 0]
    assert f"All {len(frames['actors'])} are named" in summary.layer_table(frames).set_index("table").loc[
        "actors", "counted"]


def test_each_check_counts_its_rows_and_lists_their_sentences(seed):
    checks = summary.reader_checks(seed).set_index("check")
    casualties = seed["casualties"]
    unsourced = casualties[casualties["reported_by"].isna()]
    row = checks.loc["Casualty figures that do not say who gave them"]
    assert row["found"] == len(unsourced) and numbers(row["in_sentences"]) == sorted(set(unsourced["sentence"]))
    bounds = next(r for c, r in checks.iterrows() if c.startswith("Casualty figures worded as"))
    assert bounds["found"] == int((casualties["qualifier"].astype("object") != "exact").sum())
    undated = next(r for c, r in checks.iterrows() if c.startswith("Events with no known date"))
    assert undated["found"] == len(seed["events"]) - seed["events"]["event_id"].isin(seed["timeline"]["event_id"]).sum()
    guessed = next(r for c, r in checks.iterrows() if c.startswith("Characters restored"))
    assert 0 < guessed["found"] < len(seed["repairs"])
    for _, r in checks.iterrows():
        assert (r["found"] == 0) == (r["in_sentences"] == "")


def test_an_automatic_annotation_is_the_first_thing_to_check(seed):
    checks = summary.reader_checks(seed, automatic=True)
    assert checks["check"].iloc[0].startswith("Made by the automatic annotator")
    assert len(checks) == len(summary.reader_checks(seed)) + 1


@pytest.mark.parametrize("name", ["000_d9e28a5d5fb01913", "013_wire_ukraine"])
def test_the_headline_reads_as_the_key_figures_and_points_at_their_sentences(name):
    frames = load_bundle(SEEDS_DIR / f"{name}.txt").frames
    h = summary.headline(frames)
    figures = views.key_figures(frames).set_index("figure")
    texts = dict(zip(frames["sentences"]["sentence"], frames["sentences"]["text"]))
    assert h.incident == figures.loc[summary.INCIDENT, "value"]
    assert h.incident.split(" (")[0] in texts[h.incident_sentence]
    assert h.most_named == figures.loc[summary.MOST_NAMED, "value"] and h.quotes == len(frames["quotes"])
    if summary.CUMULATIVE in figures.index:
        assert h.cumulative.split(" (")[0] in texts[h.cumulative_sentence]
    else:
        assert h.cumulative is None and h.cumulative_sentence is None
