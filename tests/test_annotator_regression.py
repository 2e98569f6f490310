"""The automatic annotator must not fall below the F1 it has reached on each gold article, layer by layer.

FLOORS holds, per gold article in seeds/ and per row of analysis.evaluate.ROWS, the F1 reached
rounded down to two decimals, minus 0.01.  When a change raises a score, raise its floor here
(same rule); a change that lowers one below its floor fails this test.  Only the articles named
here are scored.
"""
from __future__ import annotations

import pytest

from analysis.annotations import load_annotation
from analysis.autoannotate import annotate_article
from analysis.evaluate import ROWS, evaluate
from analysis.ingest import load_article
from analysis.paths import SEEDS_DIR

COLUMNS = ("mentions", "mentions (overlap)", "casualties", "casualty spans", "dates", "quotes", "quote speakers",
           "events", "event dates")
FLOORS: dict[str, tuple[float, ...]] = {
    #                        mentions overlap casualt. c.spans dates quotes speakers events ev.dates
    # 000 events floor lowered (0.84 -> 0.78): its gold marks triggers inside direct quotes and "war", which
    # seeds/README.md rules out for every later article; the annotator now follows that documented rule.
    "000_d9e28a5d5fb01913": (0.99, 0.99, 0.99, 0.99, 0.99, 0.97, 0.94, 0.78, 0.75),
    "001_wire_sudan": (0.99, 0.99, 0.99, 0.99, 0.99, 0.95, 0.95, 0.99, 0.93),
    "002_liveblog_ukraine": (0.96, 0.96, 0.99, 0.99, 0.99, 0.99, 0.89, 0.96, 0.87),
    "003_analysis_sahel": (0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.71, 0.71),
    "004_mojibake_yemen": (0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.87, 0.79),
    # Blind set: written after the annotator by someone who never saw its code (first floors as found;
    # raised after general fixes, see the module docstring).
    "005_wire_myanmar": (0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99),
    "006_report_drc": (0.96, 0.96, 0.99, 0.99, 0.99, 0.99, 0.99, 0.95, 0.89),
    # Second blind pair, written after round 2 of the annotator; scored once, as found, then raised after
    # round 3 (general fixes to casualty kinds, attribution, institution names, hour durations, clause tense).
    "007_wire_haiti": (0.97, 0.97, 0.99, 0.99, 0.99, 0.99, 0.99, 0.62, 0.52),
    "008_update_lebanon": (0.96, 0.96, 0.99, 0.99, 0.99, 0.99, 0.99, 0.82, 0.82),
    # Third blind pair (harder styles: single quotes, British spelling), scored once after round 3, then raised
    # after round 4, which broadened mechanisms (quotation marks of any style, casualty kinds found in the clause,
    # speaker resolution, name discovery), so 009/010 are development articles now, NO LONGER BLIND.
    "009_wire_somalia": (0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.60, 0.60),
    "010_feature_colombia": (0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.57, 0.49),
    # Fourth blind pair, scored once after round 4 (011 casualties were 0.80 blind; then "N bodies" was
    # taught as a general pattern, giving 1.00).
    "011_wire_ethiopia": (0.99, 0.99, 0.99, 0.99, 0.99, 0.96, 0.96, 0.51, 0.34),
    "012_report_syria": (0.95, 0.95, 0.99, 0.99, 0.99, 0.91, 0.86, 0.61, 0.61),
    # Final blind pair, scored once after round 4; nothing was changed after seeing these scores.
    "013_wire_ukraine": (0.91, 0.95, 0.99, 0.99, 0.99, 0.99, 0.92, 0.75, 0.75),
    "014_report_gaza": (0.98, 0.98, 0.99, 0.99, 0.99, 0.97, 0.93, 0.93, 0.81),
    # Regression articles written from what real pages taught (furniture, damage, real constructions;
    # issue 10), floors as first measured, before any annotator change made for them; raised after the
    # casualty mechanisms (branch cas) and the furniture, speaker and actor mechanisms (branch voice);
    # 015/017 casualties raised after round4 (casualty noun after a count, toll verbs, paired kinds).
    "015_webpage_cameroon": (0.94, 0.94, 0.99, 0.99, 0.99, 0.99, 0.99, 0.77, 0.77),
    "016_unnews_drc": (0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.90, 0.63, 0.47),
    "017_liveupdate_ukraine": (0.99, 0.99, 0.92, 0.92, 0.99, 0.99, 0.99, 0.87, 0.80),
    "018_scraped_mali": (0.91, 0.91, 0.85, 0.85, 0.99, 0.99, 0.90, 0.66, 0.66),
}


def test_floor_table_matches_the_evaluation_rows():
    assert COLUMNS == ROWS
    assert all(len(row) == len(ROWS) for row in FLOORS.values())


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, float]]:
    """F1 per row for every article of the table (each article annotated once)."""
    out = {}
    for stem in FLOORS:
        article = load_article(SEEDS_DIR / f"{stem}.txt")
        gold = load_annotation(SEEDS_DIR / f"{stem}.gold.json", article.text)
        ev = evaluate(gold, annotate_article(article, gold.article.published))
        out[stem] = {row: ev.scores[row].f1 for row in ROWS}
    return out


@pytest.mark.parametrize("stem", sorted(FLOORS))
def test_no_layer_falls_below_its_floor(scores: dict[str, dict[str, float]], stem: str) -> None:
    fallen = {row: (round(scores[stem][row], 3), floor) for row, floor in zip(COLUMNS, FLOORS[stem])
              if scores[stem][row] < floor}
    assert not fallen, f"{stem}: F1 below floor (reached, floor): {fallen}"
