"""Quotes: direct with speaker after, before, previous sentence, "it added"; indirect after a cue verb."""
from analysis.autoannotate import annotate_text


def quotes(ann):
    return [(q.kind, q.text, q.speaker) for q in ann.quotes]


def test_speaker_after_quote():
    _, ann = annotate_text("\u201cWe will not retreat,\u201d Volodymyr Zelensky said.")
    assert quotes(ann) == [("direct", "We will not retreat,", "volodymyr_zelensky")]


def test_speaker_before_quote_with_colon():
    _, ann = annotate_text("RSF commander Abdelrahim Dagalo said on Monday: \u201cThe city is ours.\u201d")
    assert ("direct", "The city is ours.", "abdelrahim_dagalo") in quotes(ann)


def test_it_added_goes_to_last_speaker():
    _, ann = annotate_text("The Houthis said they would continue. \u201cOur operations will expand,\u201d it added.")
    direct = [q for q in ann.quotes if q.kind == "direct"]
    assert direct[0].speaker == "houthis"


def test_whole_sentence_quote_after_introduction():
    _, ann = annotate_text("Antonio Guterres told the council:\n\u201cThe suffering must end now.\u201d")
    direct = [q for q in ann.quotes if q.kind == "direct"]
    assert direct and direct[0].speaker == "antonio_guterres"


def test_indirect_speech_after_that():
    _, ann = annotate_text("The Myanmar junta said that the rebels had retreated from the town.")
    assert ("indirect", "the rebels had retreated from the town", "tatmadaw") in quotes(ann) or \
        ("indirect", "the rebels had retreated from the town", "myanmar") in quotes(ann)


def test_inverted_indirect_speech():
    _, ann = annotate_text("Twelve people died in the attack, the Malian army said.")
    (q,) = [q for q in ann.quotes if q.kind == "indirect"]
    assert q.text == "Twelve people died in the attack" and q.speaker == "mali"


def test_scare_quotes_without_speaker_are_not_quotes():
    _, ann = annotate_text("The so-called \u201cbuffer zone\u201d remains empty.")
    assert ann.quotes == []


def test_negated_cue_is_not_speech():
    _, ann = annotate_text("The ministry would not say where the prisoners were held.")
    assert ann.quotes == []
