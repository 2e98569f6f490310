"""Charts: what is plotted equals the dataframe; every figure has title, labels, source, alt text."""
from __future__ import annotations

import matplotlib.colors as mcolors
import matplotlib.dates as mdates
import pandas as pd
import pytest
from conftest import make_frame
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from analysis import views
from analysis.charts import actors, casualties, places, style, timeline, voices

SOURCE = style.source_line("Test headline", "test.txt", "gold")


def actor(aid, name, type_, root, root_name, mentions, affiliation=None):
    return dict(actor_id=aid, actor_name=name, actor_type=type_, affiliation=affiliation, root_actor=root,
                root_name=root_name, mentions=mentions)


@pytest.fixture
def actor_frame():
    return make_frame("actors", [
        actor("isr", "Israel", "state", "isr", "Israel", 12),
        actor("usa", "United States", "state", "usa", "United States", 6),
        actor("kirby", "John Kirby", "person", "usa", "United States", 3, "nsc"),
        actor("nsc", "National Security Council", "government_institution", "usa", "United States", 2, "usa"),
        actor("hamas", "Hamas", "armed_group", "hamas", "Hamas", 9),
        actor("iran", "Iran", "state", "iran", "Iran", 8),
        actor("idf", "Israel Defense Forces", "government_institution", "isr", "Israel", 4, "isr"),
        actor("nobody", "Nobody", "population", "nobody", "Nobody", 0),
    ])


@pytest.fixture
def cooccurrence_frame():
    return make_frame("cooccurrence", [
        dict(actor_a="isr", actor_b="usa", sentences=3), dict(actor_a="hamas", actor_b="isr", sentences=5),
        dict(actor_a="iran", actor_b="isr", sentences=2), dict(actor_a="kirby", actor_b="usa", sentences=1)])


def claim(cid, kind, low, high, qualifier, cumulative, start, **extra):
    return dict(casualty_id=cid, casualty_kind=kind, count_low=low, count_high=high, qualifier=qualifier,
                cumulative=cumulative, text=extra.pop("text", f"claim {cid}"), start=start, end=start + 5,
                sentence=start // 10, **extra)


@pytest.fixture
def casualty_frame():
    return make_frame("casualties", [
        claim("c1", "killed", 93, None, "at_least", False, 10, victims="Palestinians", start_date="2024-08-10",
              date_text="Saturday", reported_by="local officials"),
        claim("c2", "killed", None, 40000, "nearly", True, 30, victims="Palestinians"),
        claim("c3", "injured", 92000, 92000, "exact", True, 50),
        claim("c4", "killed", 24, 99, "vague", False, 60, vague_word="dozens"),
        claim("c5", "hostage", 115, 115, "about", True, 70),
        claim("c6", "killed", 5, None, "more_than", False, 80),
        claim("c7", "injured", None, 30, "up_to", False, 90),
    ])


def event(eid, modality, start, end, precision, label, modality_type="attack"):
    return dict(event_id=eid, event_type=modality_type, modality=modality, start_date=start, end_date=end,
                precision=precision, date_text=f"text {eid}", label=label, sentence=1)


@pytest.fixture
def timeline_frame():
    return make_frame("timeline", [
        event("e1", "happened", "2024-08-10", "2024-08-10", "day", "strike on school"),
        event("e2", "planned", "2024-08-15", "2024-08-15", "day", "talks resume", "negotiation"),
        event("e3", "threatened", "2024-08-12", "2024-08-18", "week", "attack on Israel"),
        event("e4", "happened", "2024-07-01", "2024-07-31", "month", "deployment", "deployment"),
        event("e5", "expected", "2023-10-01", "2023-10-31", "month", "old event"),
    ])


def quote(qid, speaker, root, kind, co=None):
    start = 10 * int(qid[1:])
    return dict(quote_id=qid, speaker=speaker, speaker_id=speaker, speaker_root=root, quote_kind=kind, cue="said",
                text="words", start=start, end=start + 5, sentence=3, co_speakers=co)


@pytest.fixture
def quote_frame():
    return make_frame("quotes", [
        quote("q1", "John Kirby", "United States", "direct"), quote("q2", "John Kirby", "United States", "indirect"),
        quote("q3", "John Kirby", "United States", "indirect"), quote("q4", "White House", "United States", "indirect"),
        quote("q5", "Hamas", "Hamas", "direct"), quote("q6", None, None, "direct"),
    ])


@pytest.fixture
def voice_actors():
    return make_frame("actors", [actor("qatar", "Qatar", "state", "qatar", "Qatar", 1),
                                 actor("egypt", "Egypt", "state", "egypt", "Egypt", 1)])


def by_gid(fig, gid, kind=object):
    found = [a for ax in fig.axes for a in ax.findobj(lambda o: o.get_gid() == gid) if isinstance(a, kind)]
    assert found, f"no artist with gid {gid!r}"
    return found


def assert_complete(fig):
    """Title, axis labels, source line naming the article, and alt text."""
    assert style.title_text(fig).strip()
    assert "test.txt" in style.source_text(fig) and "Test headline" in style.source_text(fig)
    assert len(style.alt_text(fig)) > 40
    data_axes = [ax for ax in fig.axes if ax.get_gid() != "legend-row" and ax.axison]
    assert data_axes
    for ax in data_axes:
        assert ax.get_xlabel().strip() or ax.get_shared_x_axes().get_siblings(ax) != [ax]
    assert any(ax.get_xlabel() for ax in data_axes)


def face_colours(fig):
    return {mcolors.to_hex(p.get_facecolor()[:3]) for ax in fig.axes for p in ax.patches if p.get_gid()}


# ---------------------------------------------------------------- actors

def test_mention_bars_equal_the_actor_counts(actor_frame):
    fig = actors.mentions_chart(actor_frame, SOURCE, top_n=5)
    expected = actor_frame[actor_frame["mentions"] > 0].sort_values("mentions", ascending=False).head(5)
    for row in expected.itertuples():
        (bar,) = by_gid(fig, row.actor_id, Rectangle)
        assert bar.get_width() == row.mentions
        assert mcolors.to_hex(bar.get_facecolor()[:3]) == style.ACTOR_TYPE_COLOURS[row.actor_type].lower()
    assert len([p for p in fig.axes[0].patches if p.get_gid()]) == 5
    assert "Nobody" not in style.alt_text(fig)
    assert_complete(fig)


def test_rollup_adds_people_and_institutions_to_their_state(actor_frame):
    fig = actors.mentions_chart(actor_frame, SOURCE, rollup=True)
    sums = actor_frame.groupby("root_actor")["mentions"].sum()
    bars = {p.get_gid(): p.get_width() for p in fig.axes[0].patches if p.get_gid()}
    assert bars == {k: v for k, v in sums.items() if v > 0}
    assert bars["usa"] == 6 + 3 + 2
    assert "rolled up" in fig.axes[0].get_ylabel()
    assert_complete(fig)


def test_rolled_up_bar_takes_the_type_of_the_top_actor(actor_frame):
    table = views.mention_counts(actor_frame, rollup=True).set_index("actor_id")
    assert table.loc["usa", "actor_type"] == "state"
    assert table.loc["usa", "actor_name"] == "United States"


def test_network_draws_one_line_per_pair_among_the_top_actors(actor_frame, cooccurrence_frame):
    fig = actors.cooccurrence_chart(cooccurrence_frame, actor_frame, SOURCE, top_n=4)
    top = set(actor_frame.sort_values("mentions", ascending=False).head(4)["actor_id"])
    expected = cooccurrence_frame[cooccurrence_frame["actor_a"].isin(top) & cooccurrence_frame["actor_b"].isin(top)]
    (lines,) = by_gid(fig, "cooccurrence-edges", LineCollection)
    assert len(lines.get_segments()) == len(expected) == 3
    widths = dict(zip(views.network_edges(cooccurrence_frame, actor_frame, 4)["sentences"], lines.get_linewidths()))
    assert widths[5] > widths[3] > widths[2]
    for node in top:
        by_gid(fig, node)
    assert_complete(fig)


def test_network_layout_is_deterministic(actor_frame, cooccurrence_frame):
    first = style.to_png(actors.cooccurrence_chart(cooccurrence_frame, actor_frame, SOURCE))
    second = style.to_png(actors.cooccurrence_chart(cooccurrence_frame, actor_frame, SOURCE))
    assert first == second


# ---------------------------------------------------------------- casualties

def test_each_claim_is_one_mark_at_its_number_with_its_shape(casualty_frame):
    fig = casualties.casualties_chart(casualty_frame, SOURCE)
    incident_ax, cumulative_ax = fig.axes[0], fig.axes[1]
    for row in casualty_frame.itertuples():
        (mark,) = by_gid(fig, row.casualty_id, Line2D)
        low = None if pd.isna(row.count_low) else row.count_low
        high = None if pd.isna(row.count_high) else row.count_high
        expected = {"at_least": [low], "more_than": [low], "nearly": [high], "up_to": [high],
                    "exact": [low], "about": [low], "vague": [low, high]}[row.qualifier]
        assert list(mark.get_xdata()) == expected
        assert mark.get_marker() == casualties.MARKERS[row.qualifier][0]
        assert mark.axes is (cumulative_ax if row.cumulative else incident_ax)
        assert mcolors.to_hex(mark.get_color()) == style.CASUALTY_KIND_COLOURS[row.casualty_kind].lower()
    assert_complete(fig)


def test_open_ended_claims_have_an_arrow_and_vague_ones_a_range_bar(casualty_frame):
    fig = casualties.casualties_chart(casualty_frame, SOURCE)
    by_gid(fig, "c1:extent")
    by_gid(fig, "c6:extent")
    (bar,) = by_gid(fig, "c4:range", Line2D)
    assert list(bar.get_xdata()) == [24, 99]
    with pytest.raises(AssertionError):
        by_gid(fig, "c3:extent")


def test_claims_are_labelled_with_victims_date_and_reporter(casualty_frame):
    fig = casualties.casualties_chart(casualty_frame, SOURCE)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert any("Palestinians (killed)" in t and "Saturday" in t and "local officials" in t for t in labels)


def test_claim_without_a_number_is_named_not_drawn(casualty_frame):
    frame = pd.concat([casualty_frame, make_frame("casualties", [claim("c9", "killed", None, None, "vague", False, 95,
                                                                       text="an unknown number")])])
    fig = casualties.casualties_chart(frame, SOURCE)
    with pytest.raises(AssertionError):
        by_gid(fig, "c9")
    assert "an unknown number" in style.alt_text(fig)


def test_wide_ranges_switch_to_a_log_scale(casualty_frame):
    fig = casualties.casualties_chart(casualty_frame, SOURCE)
    assert fig.axes[1].get_xscale() == "log"
    assert "logarithmic" in fig.axes[1].get_xlabel()


# ---------------------------------------------------------------- timeline

def panel_of(fig, eid):
    (artist,) = by_gid(fig, eid)
    return artist


def label_texts(fig) -> list[str]:
    return [" ".join(t.get_text().split()) for ax in fig.axes if ax.get_gid() == "event-labels" for t in ax.texts]


def test_days_are_points_and_weeks_months_are_spans(timeline_frame):
    fig = timeline.timeline_chart(timeline_frame, SOURCE, "2024-08-12")
    for row in timeline_frame.itertuples():
        artist = panel_of(fig, row.event_id)
        start = mdates.date2num(row.start_date)
        if row.precision == "day":
            assert isinstance(artist, Line2D) and list(artist.get_xdata()) == [start]
        else:
            days = (row.end_date - row.start_date).days + 1
            assert isinstance(artist, Rectangle)
            assert artist.get_x() == pytest.approx(start) and artist.get_width() == pytest.approx(days)
    lines = by_gid(fig, "published", Line2D)
    assert {line.get_xdata()[0] for line in lines} == {mdates.date2num(pd.Timestamp("2024-08-12"))}
    assert "12 August 2024" in style.alt_text(fig)
    assert_complete(fig)


def test_still_to_come_and_earlier_plans_are_separate_sections(timeline_frame):
    fig = timeline.timeline_chart(timeline_frame, SOURCE, "2024-08-12")
    rows = {}
    for ax in fig.axes:
        for artist in ax.get_children():
            if artist.get_gid() in set(timeline_frame["event_id"]):
                rows[artist.get_gid()] = ax.get_subplotspec() if hasattr(ax, "get_subplotspec") else ax.bbox.y0
    titles = [ax.get_title(loc="left") for ax in fig.axes if ax.get_gid() == "event-labels"]
    assert titles == [views.TIMELINE_SECTIONS[k][1] for k in ("happened", "to_come", "earlier")]
    heights = {eid: panel_of(fig, eid).axes.get_position().y0 for eid in timeline_frame["event_id"]}
    assert heights["e1"] == heights["e4"] > heights["e2"] == heights["e3"] > heights["e5"]


def test_a_far_off_event_gets_its_own_panel_instead_of_stretching_the_calendar(timeline_frame):
    periods = timeline.axis_periods(timeline_frame, pd.Timestamp("2024-08-12"))
    assert [p.name for p in periods] == ["earlier", "earlier", "around"]
    assert (periods[0].first, periods[1].first) == (pd.Timestamp("2023-10-01"), pd.Timestamp("2024-07-01"))
    assert (periods[-1].first, periods[-1].last) == (pd.Timestamp("2024-08-10"), pd.Timestamp("2024-08-18"))
    fig = timeline.timeline_chart(timeline_frame, SOURCE, "2024-08-12")
    main = panel_of(fig, "e1").axes
    lo, hi = main.get_xlim()
    assert hi - lo < 12 and panel_of(fig, "e5").axes is not main
    assert any(a.get_gid() == "axis-break" for ax in fig.axes for a in ax.lines)


def test_dates_close_together_share_one_calendar():
    near = make_frame("timeline", [event("a", "happened", "2024-08-01", "2024-08-01", "day", "one"),
                                   event("b", "happened", "2024-08-06", "2024-08-06", "day", "two")])
    assert [p.name for p in timeline.axis_periods(near, pd.Timestamp("2024-08-12"))] == ["all"]
    long = make_frame("timeline", [event("w", "happened", "2023-10-07", "2024-08-12", "duration", "war"),
                                   event("s", "happened", "2024-08-10", "2024-08-10", "day", "strike")])
    assert [p.name for p in timeline.axis_periods(long, pd.Timestamp("2024-08-12"))] == ["earlier", "around"]


def test_labels_are_wrapped_never_cut_and_say_the_date_as_precisely_as_known(timeline_frame):
    long_label = "statement (France: speaker; Germany: speaker; United Kingdom: speaker; Italy: speaker)"
    frame = pd.concat([timeline_frame, make_frame("timeline", [
        event("e9", "happened", "2024-08-11", "2024-08-11", "day", long_label)])])
    fig = timeline.timeline_chart(frame, SOURCE, "2024-08-12")
    texts = label_texts(fig)
    assert any(long_label in t for t in texts) and not any("\u2026" in t for t in texts)
    assert any(t.endswith("\u201ctext e5\u201d: October 2023") for t in texts)
    assert any(t.endswith("\u201ctext e3\u201d: the week of 12 August 2024") for t in texts)


def test_the_publication_line_is_labelled(timeline_frame):
    fig = timeline.timeline_chart(timeline_frame, SOURCE, "2024-08-12")
    (label,) = by_gid(fig, "published-label")
    assert label.get_text() == "published 12 Aug 2024"


def test_timeline_window_keeps_only_overlapping_events(timeline_frame):
    fig = timeline.timeline_chart(timeline_frame, SOURCE, "2024-08-12", window=("2024-07-15", "2024-08-26"))
    for eid in ("e1", "e2", "e3", "e4"):
        by_gid(fig, eid)
    with pytest.raises(AssertionError):
        by_gid(fig, "e5")
    assert "1 event outside" in style.title_text(fig)


@pytest.mark.parametrize("day", ["0001-01-01", "1600-01-01", "9999-12-31"])
def test_timeline_draws_days_at_the_ends_of_the_calendar(timeline_frame, day):
    far = make_frame("timeline", [event("e9", "happened", day, day, "day", "far event"),
                                  event("e8", "happened", day[:4] + "-01-01", day[:4] + "-12-31", "year", "far year")])
    fig = timeline.timeline_chart(pd.concat([timeline_frame, far]), SOURCE, "2024-08-12")
    (point,) = by_gid(fig, "e9", Line2D)
    assert list(point.get_xdata()) == [mdates.date2num(pd.Timestamp(day))]
    (span,) = by_gid(fig, "e8", Rectangle)
    assert span.get_x() == pytest.approx(mdates.date2num(pd.Timestamp(day[:4] + "-01-01")))
    assert style.to_png(fig).startswith(b"\x89PNG") and str(int(day[:4])) in style.alt_text(fig)


def test_each_calendar_panel_names_its_period_without_an_offset_text(timeline_frame):
    fig = timeline.timeline_chart(timeline_frame, SOURCE, "2024-08-12")
    labels = [ax.get_xlabel() for ax in fig.axes if ax.get_xlabel()]
    assert labels == ["Oct 2023", "Jul 2024", "Around publication: August 2024"]
    zoomed = timeline.timeline_chart(timeline_frame, SOURCE, "2024-08-12", window=("2024-07-15", "2024-08-26"))
    (bottom,) = [ax for ax in zoomed.axes if ax.get_xlabel()]
    assert bottom.get_xlabel() == "Date, 2024"
    zoomed.canvas.draw()
    assert bottom.xaxis.get_offset_text().get_text() == ""


def test_a_timeline_without_a_publication_date_does_not_guess_the_future(timeline_frame):
    fig = timeline.timeline_chart(timeline_frame, SOURCE, None)
    titles = [ax.get_title(loc="left") for ax in fig.axes if ax.get_gid() == "event-labels"]
    assert titles == [views.TIMELINE_SECTIONS[k][1] for k in ("happened", "unknown")]
    assert not any(a.get_gid() == "published" for ax in fig.axes for a in ax.lines)


# ---------------------------------------------------------------- voices

def test_voice_bars_equal_direct_and_indirect_statements(quote_frame, voice_actors):
    fig = voices.voices_chart(quote_frame, voice_actors, SOURCE)
    speakers = quote_frame["speaker"].astype("object").fillna(views.UNATTRIBUTED)
    sides = quote_frame["speaker_root"].astype("object").fillna(views.UNKNOWN_SIDE)
    expected = pd.crosstab([sides, speakers], quote_frame["quote_kind"].astype("object"))
    for (side, speaker), row in expected.iterrows():
        for kind in ("direct", "indirect"):
            (bar,) = by_gid(fig, f"{side}|{speaker}|{kind}", Rectangle)
            assert bar.get_width() == row.get(kind, 0)
    assert_complete(fig)


def test_voices_are_grouped_by_side_largest_side_first(quote_frame, voice_actors):
    counts = views.voice_counts(quote_frame, voice_actors)
    assert list(counts["side"])[:2] == ["United States", "United States"]
    assert list(counts["speaker"])[:2] == ["John Kirby", "White House"]
    fig = voices.voices_chart(quote_frame, voice_actors, SOURCE)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0] == "UNITED STATES"


def test_a_joint_statement_gets_a_bar_for_each_party_and_the_cut_is_said(quote_frame, voice_actors):
    joint = pd.concat([quote_frame, make_frame("quotes", [quote("q7", "Egypt", "Egypt", "indirect", "qatar")])])
    fig = voices.voices_chart(joint, voice_actors, SOURCE)
    for party in ("Egypt", "Qatar"):
        (bar,) = by_gid(fig, f"{party}|{party}|indirect", Rectangle)
        assert bar.get_width() == 1
    assert any(t.get_text() == " 1 (joint)" for t in fig.axes[0].texts)
    cut = voices.voices_chart(joint, voice_actors, SOURCE, top_n=2)
    (left_out,) = [t for t in cut.axes[0].get_yticklabels() if t.get_gid() == "left-out"]
    assert " ".join(left_out.get_text().split()) == "and 4 more speakers with one statement each"
    assert "Not shown: and 4 more speakers" in style.alt_text(cut)


# ---------------------------------------------------------------- places

@pytest.fixture
def place_frame():
    from analysis import views as v
    events = make_frame("events", [
        dict(event_id="e1", event_type="air_strike", modality="happened", start=0, end=3, text="strike",
             location="Gaza City", acled_event_type="Explosions/Remote violence",
             acled_sub_event_type="Air/drone strike"),
        dict(event_id="e2", event_type="negotiation", modality="planned", start=5, end=8, text="talks",
             location="Cairo or Doha"),
        dict(event_id="e3", event_type="attack", modality="threatened", start=9, end=12, text="attack",
             location="Lebanon"),
        dict(event_id="e4", event_type="deployment", modality="happened", start=13, end=16, text="arrival",
             location="the region")])
    states = make_frame("actors", [actor("israel", "Israel", "state", "israel", "Israel", 3)])
    return v.event_places(events, states)


def test_the_map_draws_each_placed_spot_at_its_longitude_and_latitude(place_frame):
    fig = places.places_chart(place_frame, SOURCE)
    points = views.map_points(place_frame)
    assert len(points) == 4
    for index, row in points.iterrows():
        (marker,) = by_gid(fig, f"point:{index}", Line2D)
        assert (marker.get_xdata()[0], marker.get_ydata()[0]) == (row["longitude"], row["latitude"])
        (label,) = by_gid(fig, f"label:{index}")
        assert " ".join(label.get_text().split()) == row["places"]
    (note,) = by_gid(fig, "unplaced")
    assert "the region (1 event)" in " ".join(note.get_text().split())
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Longitude (degrees east)" and ax.get_ylabel() == "Latitude (degrees north)"
    assert "Not placed" in style.alt_text(fig) and "Gaza City" in style.alt_text(fig)
    assert_complete(fig)


def test_a_map_with_nothing_placed_says_so(place_frame):
    fig = places.places_chart(place_frame[place_frame["latitude"].isna()], SOURCE)
    assert any(t.get_gid() == "empty-note" for ax in fig.axes for t in ax.texts)
    assert_complete(fig)


# ---------------------------------------------------------------- every chart

ALL_CHARTS = {
    "mentions": lambda f: actors.mentions_chart(f["actors"], SOURCE),
    "rolled": lambda f: actors.mentions_chart(f["actors"], SOURCE, rollup=True),
    "network": lambda f: actors.cooccurrence_chart(f["cooccurrence"], f["actors"], SOURCE),
    "casualties": lambda f: casualties.casualties_chart(f["casualties"], SOURCE),
    "timeline": lambda f: timeline.timeline_chart(f["timeline"], SOURCE, "2024-08-12"),
    "voices": lambda f: voices.voices_chart(f["quotes"], f["actors"], SOURCE),
    "places": lambda f: places.places_chart(f["places"], SOURCE),
}
# The charts of issue 13 (timeline, voices, places): every text legible when the page scales them down.
LEGIBLE = ("timeline", "voices", "places")


@pytest.fixture
def all_frames(actor_frame, cooccurrence_frame, casualty_frame, timeline_frame, quote_frame, place_frame):
    return {"actors": actor_frame, "cooccurrence": cooccurrence_frame, "casualties": casualty_frame,
            "timeline": timeline_frame, "quotes": quote_frame, "places": place_frame}


@pytest.mark.parametrize("name", ALL_CHARTS)
def test_every_chart_is_complete_colour_safe_and_byte_stable(name, all_frames):
    fig = ALL_CHARTS[name](all_frames)
    assert_complete(fig)
    palette = {c.lower() for c in style.PALETTE}
    assert face_colours(fig) <= palette | {"#ffffff"}
    png = style.to_png(fig)
    assert png.startswith(b"\x89PNG") and b"Matplotlib" not in png
    assert style.to_png(ALL_CHARTS[name](all_frames)) == png


@pytest.mark.parametrize("name", LEGIBLE)
def test_text_stays_legible_at_420_pixels_wide(name, all_frames):
    """At most 9 inches wide and no text under 10 pt: shown 420 px wide, the page scales it by 0.47 at most."""
    from matplotlib.text import Text

    fig = ALL_CHARTS[name](all_frames)
    fig.canvas.draw()
    assert fig.get_size_inches()[0] <= 9.0
    small = [(t.get_text(), t.get_fontsize()) for t in fig.findobj(Text)
             if t.get_visible() and t.get_text().strip() and t.get_fontsize() < 10]
    assert small == []


@pytest.mark.parametrize("name", ALL_CHARTS)
def test_every_chart_draws_empty_tables_with_a_message(name):
    empty = {t: make_frame(t, []) for t in ("actors", "cooccurrence", "casualties", "timeline", "quotes")}
    empty["places"] = views.event_places(make_frame("events", []), empty["actors"])
    fig = ALL_CHARTS[name](empty)
    assert_complete(fig)
    assert any(t.get_gid() == "empty-note" for ax in fig.axes for t in ax.texts)


def test_source_line_is_required():
    from matplotlib.figure import Figure
    with pytest.raises(ValueError):
        style.finish(Figure(), "title", "", "alt text")
    with pytest.raises(ValueError):
        style.finish(Figure(), "title", "source", " ")


def test_seed_rollup_agrees_with_the_mentions_per_actor_table(seed_gold_path):
    from analysis.bundle import load_bundle
    from analysis.paths import SEED_ARTICLE

    frames = load_bundle(SEED_ARTICLE).frames
    rolled = views.mention_counts(frames["actors"], rollup=True).set_index("actor_id")["mentions"]
    table = frames["mentions_per_actor"].set_index("actor_id")["rolled_up_mentions"]
    for actor_id, value in rolled.items():
        assert value == table[actor_id], actor_id
    assert rolled.sum() == len(frames["mentions"])


def test_article_text_with_dollar_signs_is_drawn_as_typed_not_as_maths():
    """A malformed maths expression from an article ("$\\frac{") must not break a chart."""
    from analysis.charts import style

    with style.styled():
        fig, (ax,) = style.new_figure(2.0)
        ax.set_title("price $\\frac{x$ in the article")
        style.finish(fig, "A title with $x$", style.source_line("$\\frac{", "evil.txt"), "alt text for the test")
    assert style.to_png(fig).startswith(b"\x89PNG")
    assert ax.get_title() == "price $\\frac{x$ in the article"
