"""Derived tables: counts and joins made from the frames, each traced to the sentences behind it."""
from __future__ import annotations

import pandas as pd
import pytest
from conftest import make_frame

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


def test_voice_table_counts_statements_per_speaker_with_their_sentences(frames):
    table = views.voice_table(frames["quotes"], frames["actors"])
    (row,) = table.itertuples()
    assert (row.side, row.speaker, row.direct, row.indirect, row.total) == ("Hamas", "Abu Obaida", 1, 0, 1)
    assert (row.joint, row.relayed) == (0, 0)
    assert row.in_sentences == str(frames["quotes"]["sentence"].iloc[0])


# ---------------------------------------------------------------- statements

def q(qid, speaker, start, end, kind="direct", root=None, co=None, sentence=1):
    return dict(quote_id=qid, speaker=speaker, speaker_id=speaker and speaker.lower(), speaker_root=root or speaker,
                co_speakers=co, quote_kind=kind, text=f"words of {qid}", start=start, end=end, sentence=sentence)


@pytest.fixture
def nested_quotes():
    """A minister's reported statement holding two quoted phrases and an agency's report holding a
    president's words; a joint statement; a quote that only overlaps another."""
    return make_frame("quotes", [
        q("q1", "Minister", 0, 100, "indirect", "State A", sentence=1),
        q("q2", "Minister", 10, 20, root="State A", sentence=1),
        q("q3", "Minister", 30, 40, root="State A", sentence=1),
        q("q4", "Agency", 200, 300, "indirect", "State B", sentence=2),
        q("q5", "President", 220, 299, "indirect", "State B", sentence=2),
        q("q6", "President", 240, 250, root="State B", sentence=2),
        q("q7", "France", 400, 430, co="germany; united_kingdom", sentence=3),
        q("q8", "Minister", 420, 460, root="State A", sentence=3),
        q("q9", None, 500, 510, sentence=4),
    ])


@pytest.fixture
def statement_actors():
    def a(aid, name, root_name):
        return dict(actor_id=aid, actor_name=name, actor_type="state", root_actor=aid, root_name=root_name, mentions=1)
    return make_frame("actors", [a("france", "France", "France"), a("germany", "Germany", "Germany"),
                                 a("united_kingdom", "United Kingdom", "United Kingdom")])


def test_a_quote_inside_another_belongs_to_its_statement(nested_quotes):
    outer = dict(zip(nested_quotes["quote_id"], views.statement_of(nested_quotes)))
    assert outer == {"q1": "q1", "q2": "q1", "q3": "q1", "q4": "q4", "q5": "q4", "q6": "q4", "q7": "q7",
                     "q8": "q8", "q9": "q9"}
    parts = views.quotes_by_statement(nested_quotes, make_frame("actors", []))
    assert list(parts["part_of"].fillna("")) == ["", "q1", "q1", "", "q4", "q4", "", "", ""]


def test_statements_credit_a_joint_statement_to_each_party(nested_quotes, statement_actors):
    said = views.statements(nested_quotes, statement_actors)
    joint = said[said["statement"] == "q7"]
    assert list(joint["speaker"]) == ["France", "Germany", "United Kingdom"]
    assert list(joint["side"]) == ["France", "Germany", "United Kingdom"] and joint["joint"].all()
    assert dict(zip(said["statement"], said["quotes"]))["q1"] == 3


def test_voice_counts_count_statements_not_quotes(nested_quotes, statement_actors):
    counts = views.voice_counts(nested_quotes, statement_actors).set_index("speaker")
    assert counts.loc["Minister", ["direct", "indirect", "total"]].tolist() == [1, 1, 2]
    assert counts.loc["Agency", "total"] == 1 and "President" not in counts.index
    for party in ("France", "Germany", "United Kingdom"):
        assert counts.loc[party, ["total", "joint"]].tolist() == [1, 1]
    assert counts.loc[views.UNATTRIBUTED, "side"] == views.UNKNOWN_SIDE
    assert counts["total"].sum() == len(views.statements(nested_quotes, statement_actors))


def test_words_inside_anothers_statement_are_listed_as_relayed(nested_quotes, statement_actors):
    table = views.voice_table(nested_quotes, statement_actors).set_index("speaker")
    assert table.loc["President", ["total", "relayed"]].tolist() == [0, 1]
    assert views.relayed_text(nested_quotes) == ("Quoted only inside another speaker's statement, and so not counted "
                                                 "as speaking: President (inside the statement of Agency).")


def test_the_top_n_cut_says_what_it_left_out(nested_quotes, statement_actors):
    assert views.speakers_left_out(nested_quotes, statement_actors, 2) == \
        "and 4 more speakers with one statement each"
    assert views.speakers_left_out(nested_quotes, statement_actors, 5) == "and 1 more speaker with one statement"
    assert views.speakers_left_out(nested_quotes, statement_actors, 50) == ""


def test_the_seed_counts_gallants_nine_quotes_as_five_statements(seed_gold_path):
    from analysis.bundle import load_bundle

    frames = load_bundle(SEED_ARTICLE).frames
    quotes = frames["quotes"]
    nested = (views.statement_of(quotes) != quotes["quote_id"].astype("object")).sum()
    assert (len(quotes), nested) == (50, 18)
    counts = views.voice_counts(quotes, frames["actors"]).set_index("speaker")
    assert (quotes["speaker"] == "Yoav Gallant").sum() == 9 and counts.loc["Yoav Gallant", "total"] == 5
    assert counts.loc[["France", "Germany", "United Kingdom"], "joint"].tolist() == [1, 1, 1]
    figures = views.key_figures(frames).set_index("figure")["value"]
    assert figures["Most quoted speaker"] == "Yoav Gallant (5 statements)"
    assert figures["Quotes"].startswith("50 quotes in 32 statements")


# ---------------------------------------------------------------- dates and the timeline

@pytest.mark.parametrize("start,end,precision,text", [
    ("2023-10-07", "2023-10-07", "day", "7 October 2023"),
    ("2023-10-01", "2023-10-31", "month", "October 2023"),
    ("2024-08-12", "2024-08-18", "week", "the week of 12 August 2024"),
    ("2024-08-10", "2024-08-11", "week", "10\u201311 August 2024"),
    ("2023-01-01", "2023-12-31", "year", "2023"),
    ("2024-07-30", "2024-08-02", "day", "30 July \u2013 2 August 2024"),
    ("2023-12-30", "2024-01-02", "duration", "30 December 2023 \u2013 2 January 2024"),
])
def test_a_period_is_said_as_precisely_as_it_is_known(start, end, precision, text):
    assert views.period_text(pd.Timestamp(start), pd.Timestamp(end), precision) == text


def tl(eid, modality, start, end, precision):
    return dict(event_id=eid, event_type="attack", modality=modality, start_date=start, end_date=end,
                precision=precision, date_text=f"text {eid}", label=f"event {eid}", sentence=1)


@pytest.fixture
def timeline_frame():
    return make_frame("timeline", [
        tl("past", "possible", "2023-10-01", "2023-10-31", "month"),
        tl("done", "happened", "2023-10-07", "2023-10-07", "day"),
        tl("week", "expected", "2024-08-12", "2024-08-18", "week"),
        tl("soon", "planned", "2024-08-15", "2024-08-15", "day"),
        tl("denied", "denied", "2024-08-10", "2024-08-10", "day"),
    ])


def test_what_is_still_to_come_is_told_apart_from_earlier_plans_that_did_not_happen(timeline_frame):
    sections = dict(zip(timeline_frame["event_id"], views.timeline_sections(timeline_frame, "2024-08-12")))
    assert sections == {"past": "earlier", "done": "happened", "week": "to_come", "soon": "to_come",
                        "denied": "earlier"}
    unknown = set(views.timeline_sections(timeline_frame, None))
    assert unknown == {"happened", "unknown"}
    sentences = make_frame("sentences", [dict(sentence=1, paragraph=1, start=0, end=5, text="Words")])
    table = views.timeline_table(timeline_frame, sentences, "2024-08-12").set_index("event_id")
    assert table.loc["soon", "status"] == "still to come" and table.loc["past", "when"] == "October 2023"
    assert table.loc["past", "status"].startswith("earlier")


def test_the_span_of_dated_events_keeps_their_precision(timeline_frame):
    assert views.timeline_span(timeline_frame) == "October 2023 to the week of 12 August 2024"
    assert views.timeline_span(timeline_frame.iloc[[1]]) == "7 October 2023"


def test_an_empty_timeline_says_why_in_words():
    events = make_frame("events", [dict(event_id="e1", event_type="attack", modality="happened", start=0, end=3,
                                        text="hit")])
    without = views.no_timeline_reason(events, None)
    assert "none of the article's 1 event has a date" in without and "publication date" in without
    assert "published" in without
    assert "publication" not in views.no_timeline_reason(events, "2024-08-12")
    assert "no events" in views.no_timeline_reason(events.iloc[:0], None)


# ---------------------------------------------------------------- places

def test_event_places_give_each_named_place_its_spot_or_the_reason(frames):
    table = views.event_places(frames["events"], frames["actors"]).set_index("event_id")
    assert table.loc["e1", ["place", "placed_as", "acled", "when"]].tolist() == [
        "Gaza City", "Gaza, Palestinian Territory (city)", "Explosions/Remote violence / Air/drone strike",
        "10 August 2024"]
    assert table.loc["e2", "place"] == "Cairo" and table.loc["e2", "modality"] == "planned"
    assert "e3" not in table.index
    points = views.map_points(table.reset_index())
    assert len(points) == 2 and list(points["latitude"]) == sorted(points["latitude"], reverse=True)


def test_unplaced_places_are_listed_with_the_reason():
    events = make_frame("events", [
        dict(event_id="e1", event_type="attack", modality="happened", start=0, end=3, text="hit",
             location="the Middle East"),
        dict(event_id="e2", event_type="attack", modality="happened", start=5, end=8, text="hit",
             location="Cairo or the Middle East")])
    table = views.event_places(events, make_frame("actors", []))
    assert len(table) == 3 and table["latitude"].notna().sum() == 1
    missing = views.unplaced_places(table)
    assert list(missing["place"]) == ["the Middle East"] and list(missing["events"]) == [2]
    assert "could be placed" in views.no_map_reason(events, table.iloc[[0]])
    assert "names a place" in views.no_map_reason(events, table.iloc[:0])


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
    assert figures.set_index("figure").loc["Dated events span", "value"] == "October 2023 to the week of 12 August 2024"
