"""Comparing the automatic annotator with gold, as notebook 07 shows it."""
from __future__ import annotations

from analysis import agreement
from analysis.bundle import Bundle, load_bundle
from analysis.frames import build_frames
from analysis.paths import SEED_ARTICLE


def test_gold_bundle_is_scored_and_each_disagreement_has_its_sentence(seed_gold_path):
    bundle = load_bundle(SEED_ARTICLE)
    ev = agreement.compare_with_annotator(bundle)
    assert ev is not None
    scores = agreement.score_table(ev)
    assert "mentions" in set(scores["layer"]) and scores["f1"].between(0, 1).all()
    table = agreement.disagreement_table(ev, bundle.frames["sentences"])
    assert list(table.columns)[-2:] == ["sentence", "sentence_text"]
    text = bundle.article.text
    for row in table.itertuples():
        sentence = bundle.frames["sentences"].iloc[int(row.sentence)]
        assert sentence["start"] <= row.start < sentence["end"]
        assert row.sentence_text == text[sentence["start"]:sentence["end"]]


def test_disagreements_match_the_evaluation(mini_article, mini_annotation):
    bundle = Bundle(mini_article, mini_annotation, build_frames(mini_article, mini_annotation))
    ev = agreement.compare_with_annotator(bundle)
    assert ev is not None
    table = agreement.disagreement_table(ev, bundle.frames["sentences"])
    assert len(table) == len(ev.disagreements)
    assert table["start"].is_monotonic_increasing


def test_an_automatic_annotation_is_not_compared_with_itself(mini_article, mini_annotation):
    auto = type(mini_annotation)(**{**mini_annotation.__dict__, "source": "auto"})
    bundle = Bundle(mini_article, auto, build_frames(mini_article, auto))
    assert agreement.compare_with_annotator(bundle) is None
