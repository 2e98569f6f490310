"""Who speaks in real reports: joint statements, statements that speak for their issuer, time phrases between
speaker and verb, appositions, honorifics, and the verbs that are no speech ("so-called", "claimed the lives")."""
from __future__ import annotations

import pytest

from analysis.annotations import annotation_from_dict
from analysis.autoannotate import annotate_text


def said(ann):
    return [(q.text, q.speaker) for q in ann.quotes]


def test_a_joint_statement_names_every_party():
    _, ann = annotate_text("Norway, Kenya and Brazil said in a joint statement that the convoy must be let through.")
    (q,) = ann.quotes
    assert (q.speaker, q.co_speakers) == ("norway", ["kenya", "brazil"])


def test_an_apposition_after_the_speaker_is_no_co_speaker():
    _, ann = annotate_text("Maria Lund, a Red Cross official, said the road was closed.")
    assert [q.co_speakers for q in ann.quotes] == [[]]


def test_co_speakers_survive_saving_and_loading_and_old_files_stay_valid():
    article, ann = annotate_text("Norway and Kenya said the convoy must be let through.")
    data = ann.to_dict()
    assert annotation_from_dict(data, article.text, "test").quotes[0].co_speakers == ["kenya"]
    for q in data["quotes"]:
        del q["co_speakers"]
    assert annotation_from_dict(data, article.text, "test").quotes[0].co_speakers == []


def test_a_co_speaker_must_be_an_actor():
    article, ann = annotate_text("Norway and Kenya said the convoy must be let through.")
    data = ann.to_dict()
    data["quotes"][0]["co_speakers"] = ["atlantis"]
    with pytest.raises(Exception, match="co_speakers"):
        annotation_from_dict(data, article.text, "test")


def test_a_time_phrase_between_speaker_and_verb_is_skipped():
    _, ann = annotate_text("Brazilian Foreign Minister Tiago Reis on Friday said the border would reopen.")
    assert said(ann) == [("the border would reopen", "tiago_reis")]


def test_the_statement_speaks_for_whoever_issued_it():
    _, ann = annotate_text("In a statement issued late on Monday, Governor Lars Eide condemned the raid. "
                           "\u201cThe attackers must be found,\u201d said the statement. "
                           "\u201cNo village should live in fear,\u201d the statement added.")
    assert [q.speaker for q in ann.quotes] == ["lars_eide", "lars_eide"]


def test_a_quotation_after_a_sentence_naming_a_statement_is_its_issuer_s():
    _, ann = annotate_text("Colonel Anna Berg also sent condolences in a statement.\n"
                           "\u201cWe share the grief of every family in the valley,\u201d it read.")
    assert [q.speaker for q in ann.quotes] == ["anna_berg"]


def test_the_issuer_named_inside_the_document_phrase():
    _, ann = annotate_text("The shelling, described in a UNICEF statement as \u201cappalling\u201d, hit a school.")
    assert said(ann) == [("appalling", "unicef")]


def test_a_description_after_the_verb_is_the_speaker_not_the_content():
    _, ann = annotate_text("Two schools were shelled, said the statement.")
    assert [q.text for q in ann.quotes] == ["Two schools were shelled"]


def test_a_quotation_attributed_by_continued():
    _, ann = annotate_text("\u201cWe will rebuild,\u201d Mayor Ola Strand said. \u201cEvery house,\u201d the mayor "
                           "continued.")
    assert [q.speaker for q in ann.quotes] == ["ola_strand", "ola_strand"]


def test_a_role_before_the_comma_introduces_a_person_and_the_role_later_names_him():
    _, ann = annotate_text("According to the interior minister of Chile, Pablo Vera, six police were hurt. "
                           "The minister said the attackers had fled.")
    assert said(ann) == [("the attackers had fled", "pablo_vera")]


def test_hyphenated_given_names_and_the_name_used_after_an_honorific():
    _, ann = annotate_text("Secretary-General Ahn Mi-rae condemned the attack. Ms. Ahn said it was a crime.")
    assert {(m.text, m.actor) for m in ann.mentions} == {("Ahn Mi-rae", "ahn_mi_rae"), ("Ahn", "ahn_mi_rae")}
    assert said(ann) == [("it was a crime", "ahn_mi_rae")]


@pytest.mark.parametrize("body", [
    "The so-called Islamic State lost the town.",
    "The raid claimed the lives of six people.",
    "The militia claimed responsibility for the blast.",
    "The district, which is also called Old Town, was shelled.",
])
def test_words_that_report_no_speech(body: str):
    _, ann = annotate_text(body)
    assert ann.quotes == []


def test_claimed_with_a_clause_and_blamed_for_are_speech():
    _, ann = annotate_text("The militia claimed that it had downed a drone. Chile blamed the rebels for the blast.")
    assert said(ann) == [("it had downed a drone", None), ("the rebels for the blast", "chile")]


def mentions(ann):
    return [(m.text, m.actor) for m in ann.mentions]


def test_one_agency_however_it_is_written():
    _, ann = annotate_text("The United Nations refugee agency, UNHCR, counted 900 arrivals. The UN refugee agency "
                           "said more were coming.")
    assert mentions(ann) == [("United Nations refugee agency", "unhcr"), ("UNHCR", "unhcr"),
                             ("UN refugee agency", "unhcr")]
    assert said(ann) == [("more were coming", "unhcr")]


def test_a_designation_right_before_the_agency_s_name_only_describes_it():
    _, ann = annotate_text("Aid reached the camp, the U.N. refugee agency UNHCR said.")
    assert mentions(ann) == [("U.N.", "un"), ("UNHCR", "unhcr")]


def test_a_ministry_with_two_portfolios_a_gang_and_a_lowercase_ministry():
    _, ann = annotate_text("Chad's Ministry of Security and Immigration said the Ngaba Boys gang had fled. "
                           "The Darfur health ministry said 12 people died.")
    got = mentions(ann)
    assert "Ministry of Security and Immigration" in [t for t, _ in got]
    assert ("Ngaba Boys", "ngaba_boys") in got
    assert ("Darfur health ministry", "darfur_health_ministry") in got
    assert said(ann)[-1] == ("12 people died", "darfur_health_ministry")


def test_un_missions_are_known_by_acronym_and_full_name():
    _, ann = annotate_text("The United Nations Support Mission in Libya said UNSMIL staff were safe.")
    assert {a for _, a in mentions(ann)} == {"unsmil"}
