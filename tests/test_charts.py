"""Charts: what is plotted equals the dataframe; every figure has title, labels, source, alt text."""
from __future__ import annotations

import matplotlib.colors as mcolors
import matplotlib.dates as mdates
import pandas as pd
import pytest
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from analysis import fields, views
from analysis.charts import actors, casualties, style, timeline, voices

SOURCE = style.source_line("Test headline", "test.txt", "gold")


def make_frame(table: str, rows: list[dict]) -> pd.DataFrame:
    """A frame with exactly the declared columns and dtypes of `table` (missing values empty)."""
    unknown = set().union(*rows) - set(fields.columns(table))
    assert not unknown, f"{table} declares no column(s) {sorted(unknown)}"
    out = {}
    for c in fields.TABLES[table]:
        values = pd.Series([r.get(c.name) for r in rows], dtype="object")
        if c.dtype == "category":
            out[c.name] = values.astype(pd.CategoricalDtype(list(c.categories)) if c.categories else "category")
        elif c.dtype.startswith("datetime"):
            out[c.name] = pd.to_datetime(values, format="ISO8601").astype(c.dtype)
        else:
            out[c.name] = values.astype(c.dtype)
    return pd.DataFrame(out)


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


def quote(qid, speaker, root, kind):
    return dict(quote_id=qid, speaker=speaker, speaker_id=speaker, speaker_root=root, quote_kind=kind, cue="said",
                text="words", start=1, end=2, sentence=3)


@pytest.fixture
def quote_frame():
    return make_frame("quotes", [
        quote("q1", "John Kirby", "United States", "direct"), quote("q2", "John Kirby", "United States", "indirect"),
        quote("q3", "John Kirby", "United States", "indirect"), quote("q4", "White House", "United States", "indirect"),
        quote("q5", "Hamas", "Hamas", "direct"), quote("q6", None, None, "direct"),
    ])


def by_gid(fig, gid, kind=object):
    found = [a for ax in fig.axes for a in ax.findobj(lambda o: o.get_gid() == gid) if isinstance(a, kind)]
    assert found, f"no artist with gid {gid!r}"
    return found


def assert_complete(fig):
    """Title, axis labels, source line naming the article, and alt text."""
    assert style.title_text(fig).strip()
    assert "test.txt" in style.source_text(fig) and "Test headline" in style.source_text(fig)
    assert len(style.alt_text(fig)) > 40
    data_axes = [ax for ax in fig.axes if ax.get_gid() != "legend-row"]
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

def test_days_are_points_and_weeks_months_are_spans(timeline_frame):
    fig = timeline.timeline_chart(timeline_frame, SOURCE, "2024-08-12")
    happened_ax, other_ax = fig.axes[0], fig.axes[1]
    for row in timeline_frame.itertuples():
        (artist,) = by_gid(fig, row.event_id)
        start = mdates.date2num(row.start_date)
        if row.precision == "day":
            assert isinstance(artist, Line2D) and list(artist.get_xdata()) == [start]
        else:
            days = (row.end_date - row.start_date).days + 1
            assert isinstance(artist, Rectangle)
            assert artist.get_x() == pytest.approx(start) and artist.get_width() == pytest.approx(days)
        assert artist.axes is (happened_ax if row.modality == "happened" else other_ax)
    lines = by_gid(fig, "published", Line2D)
    assert {line.axes for line in lines} == {happened_ax, other_ax}
    assert {line.get_xdata()[0] for line in lines} == {mdates.date2num(pd.Timestamp("2024-08-12"))}
    assert "2024-08-12" in style.alt_text(fig)
    assert_complete(fig)


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
    assert style.to_png(fig).startswith(b"\x89PNG") and day in style.alt_text(fig)


def test_timeline_names_the_year_in_its_axis_label_not_in_an_offset_text(timeline_frame):
    fig = timeline.timeline_chart(timeline_frame, SOURCE, "2024-08-12", window=("2024-07-15", "2024-08-26"))
    bottom = [ax for ax in fig.axes if ax.get_xlabel()][-1]
    assert bottom.get_xlabel().startswith("Date, 2024 (")
    fig.canvas.draw()
    assert bottom.xaxis.get_offset_text().get_text() == ""


# ---------------------------------------------------------------- voices

def test_voice_bars_equal_direct_and_indirect_counts(quote_frame):
    fig = voices.voices_chart(quote_frame, SOURCE)
    speakers = quote_frame["speaker"].astype("object").fillna(views.UNATTRIBUTED)
    sides = quote_frame["speaker_root"].astype("object").fillna(views.UNKNOWN_SIDE)
    expected = pd.crosstab([sides, speakers], quote_frame["quote_kind"].astype("object"))
    for (side, speaker), row in expected.iterrows():
        for kind in ("direct", "indirect"):
            (bar,) = by_gid(fig, f"{side}|{speaker}|{kind}", Rectangle)
            assert bar.get_width() == row.get(kind, 0)
    assert_complete(fig)


def test_voices_are_grouped_by_side_largest_side_first(quote_frame):
    counts = views.voice_counts(quote_frame)
    assert list(counts["side"])[:2] == ["United States", "United States"]
    assert list(counts["speaker"])[:2] == ["John Kirby", "White House"]
    fig = voices.voices_chart(quote_frame, SOURCE)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0] == "UNITED STATES"


# ---------------------------------------------------------------- every chart

ALL_CHARTS = {
    "mentions": lambda f: actors.mentions_chart(f["actors"], SOURCE),
    "rolled": lambda f: actors.mentions_chart(f["actors"], SOURCE, rollup=True),
    "network": lambda f: actors.cooccurrence_chart(f["cooccurrence"], f["actors"], SOURCE),
    "casualties": lambda f: casualties.casualties_chart(f["casualties"], SOURCE),
    "timeline": lambda f: timeline.timeline_chart(f["timeline"], SOURCE, "2024-08-12"),
    "voices": lambda f: voices.voices_chart(f["quotes"], SOURCE),
}


@pytest.fixture
def all_frames(actor_frame, cooccurrence_frame, casualty_frame, timeline_frame, quote_frame):
    return {"actors": actor_frame, "cooccurrence": cooccurrence_frame, "casualties": casualty_frame,
            "timeline": timeline_frame, "quotes": quote_frame}


@pytest.mark.parametrize("name", ALL_CHARTS)
def test_every_chart_is_complete_colour_safe_and_byte_stable(name, all_frames):
    fig = ALL_CHARTS[name](all_frames)
    assert_complete(fig)
    palette = {c.lower() for c in style.PALETTE}
    assert face_colours(fig) <= palette | {"#ffffff"}
    png = style.to_png(fig)
    assert png.startswith(b"\x89PNG") and b"Matplotlib" not in png
    assert style.to_png(ALL_CHARTS[name](all_frames)) == png


@pytest.mark.parametrize("name", ALL_CHARTS)
def test_every_chart_draws_empty_tables_with_a_message(name):
    empty = {t: make_frame(t, []) for t in ("actors", "cooccurrence", "casualties", "timeline", "quotes")}
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
