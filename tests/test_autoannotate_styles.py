"""General mechanisms across writing styles: quotation marks of any kind, casualty kinds found anywhere in the
clause, speaker resolution schemes and name discovery (American and British spelling; sentences written for
these tests, not taken from the seed articles)."""
import pytest

from analysis.autoannotate import annotate_text
from analysis.autoannotate.context import quotation_spans


def spans(text: str) -> list[str]:
    return [text[s:e] for s, e in quotation_spans(text, [(0, len(text))], [0])]


def direct(ann) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in ann.quotes if q.kind == "direct"]


def kinds(ann) -> list[tuple[str, str]]:
    return [(c.text, c.kind) for c in ann.casualties]


def mentions(ann) -> list[str]:
    return [m.text for m in ann.mentions]


# --- (a) quotation marks: double, single curly, single straight; apostrophes told apart -------------------------

@pytest.mark.parametrize("text, expected", [
    ("\u2018I couldn\u2019t sleep,\u2019 she said.", ["I couldn\u2019t sleep,"]),
    ("the town\u2019s mayor said \u2018enough\u2019.", ["enough"]),
    ("He spoke of \u2018apostate soldiers\u2019 guarding the road.", ["apostate soldiers"]),
    ("'The soldiers' trucks took everything,' he said.", ["The soldiers' trucks took everything,"]),
    ("He called it 'a betrayal' and said the villagers' wells were dry.", ["a betrayal"]),
    ("\u201cShe told me \u2018run\u2019 and I ran,\u201d he said.", ["She told me \u2018run\u2019 and I ran,"]),
    ("The militia\u2019s fighters and the rebels\u2019 leaders met.", []),
    ("\u2018They call it \u201cliberation\u201d,\u2019 he said.", ["They call it \u201cliberation\u201d,"]),
    ("\u2018They call it \u00abliberation\u00bb,\u2019 he said.", ["They call it \u00abliberation\u00bb,"]),
    ("Since the \u201990s the clan has held the port.", []),
])
def test_quotation_spans_in_every_style(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize("open_, close", [("\u201c", "\u201d"), ("\u2018", "\u2019"), ("'", "'"), ('"', '"')])
def test_speaker_after_quote_whatever_the_marks(open_, close):
    _, ann = annotate_text(f"{open_}We will not leave,{close} said Amina Yusuf, a teacher in Kismayo.")
    assert direct(ann) == [("We will not leave,", "amina_yusuf")]


def test_marks_read_as_one_style_keep_their_offsets():
    article, ann = annotate_text("\u2018We stay,\u2019 said Amina Yusuf.")
    (q,) = ann.quotes
    assert article.text[q.start - 1] == "\u2018" and article.text[q.end] == "\u2019"


def test_attribution_right_after_the_closing_mark_wins_over_an_earlier_verb():
    _, ann = annotate_text("Residents said they had fled; \u2018we are not going back,\u2019 said Khadra Osman Jama.")
    assert direct(ann) == [("we are not going back,", "khadra_osman_jama")]


def test_single_quote_spanning_sentences_keeps_apostrophes_inside():
    _, ann = annotate_text("\u2018The road is gone,\u2019 said Hawa Ali Warsame. "
                           "\u2018Then the rain came. We couldn\u2019t leave.\u2019")
    assert ("Then the rain came. We couldn\u2019t leave.", "hawa_ali_warsame") in direct(ann)


def test_partial_single_quote_at_the_edge_of_an_indirect_clause():
    _, ann = annotate_text("President Ana Lima vowed that the army would not stop \u2018until the valley is free\u2019.")
    indirect = [q.text for q in ann.quotes if q.kind == "indirect"]
    assert indirect == ["the army would not stop \u2018until the valley is free\u2019"]


# --- (b) casualty kinds found anywhere in the clause -------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Three soldiers and two civilians were among those killed, the army said.",
     [("Three", "killed"), ("two", "killed")]),
    ("The death toll rose to 35 after eight of the wounded died in hospital.", [("35", "killed"), ("eight", "killed")]),
    ("Medics said they had treated 40 people with gunshot wounds.", [("40", "injured")]),
    ("More than 30 troops had died, the group claimed.", [("More than 30", "killed")]),
    ("On Friday she counted four more: a teacher, his wife and their two daughters, shot dead at home.",
     [("four", "killed"), ("two", "killed")]),
    ("The blast left 17 dead and dozens injured.", [("17", "killed"), ("dozens", "injured")]),
])
def test_casualty_kind_from_anywhere_in_the_clause(sentence, expected):
    _, ann = annotate_text(sentence)
    assert kinds(ann) == expected


@pytest.mark.parametrize("sentence", [
    "Police said 14 people had been arrested after the clashes in which officers were injured.",
    "Hnin Aye, 34, whose husband died in the raid, fled.",
    "A 14-year-old boy was among the dead.",
    "More than 750 troops were deployed after the attack killed a guard.",
])
def test_counts_of_other_things_are_not_casualties(sentence):
    _, ann = annotate_text(sentence)
    assert ann.casualties == []


# --- (c) speakers ------------------------------------------------------------------------------------------------

def test_definite_role_noun_resolves_to_the_person_described():
    _, ann = annotate_text("Father Luis Ramos has buried six neighbours this year. "
                           "\u201cWe are tired,\u201d the priest said.")
    assert direct(ann) == [("We are tired,", "luis_ramos")]


def test_role_noun_given_in_an_apposition():
    _, ann = annotate_text("Abdullahi Farah, an elder in the village, said the fighters came at night. "
                           "\u2018They took our goats,\u2019 the elder said.")
    assert direct(ann) == [("They took our goats,", "abdullahi_farah")]


def test_colon_introduction_without_verb_goes_to_the_latest_speaker():
    _, ann = annotate_text("Maria Gonzalez said the truce was fragile. Her verdict is blunt: "
                           "\u201cNobody trusts the other side.\u201d")
    assert direct(ann) == [("Nobody trusts the other side.", "maria_gonzalez")]


def test_inverted_speaker_inside_a_description():
    _, ann = annotate_text("\u201cYou keep your head down,\u201d said a farmer from the valley who gave only his "
                           "first name, Tomas.")
    assert direct(ann) == [("You keep your head down,", "tomas")]


def test_relative_clause_after_the_subject_is_skipped():
    _, ann = annotate_text("The Rev. Thomas Okello, who runs the mission school, said the gunmen spared no one.")
    assert [(q.text, q.speaker) for q in ann.quotes] == [("the gunmen spared no one", "thomas_okello")]


@pytest.mark.parametrize("sentence, clause", [
    ("Anna Kowalski, the mayor\u2019s chief of staff, told reporters the city was calm.", "the city was calm"),
    ("Lt. Gen. Sarah Bright told the BBC that the front was stable.", "the front was stable"),
])
def test_addressee_of_told_is_not_the_reported_clause(sentence, clause):
    _, ann = annotate_text(sentence)
    assert [q.text for q in ann.quotes if q.kind == "indirect"] == [clause]


def test_adding_things_is_not_speech():
    _, ann = annotate_text("On Friday Father Luis Ramos added four more names to the list.")
    assert ann.quotes == []


def test_dismissed_as_is_an_indirect_quote_unless_the_label_is_quoted():
    _, ann = annotate_text("Colonel Ali Warsame dismissed the figure as propaganda.")
    assert [q.text for q in ann.quotes] == ["the figure as propaganda"]
    _, ann = annotate_text("Colonel Ali Warsame dismissed the figure as \u201cpropaganda\u201d.")
    assert [q.kind for q in ann.quotes] == ["direct"]


# --- (d) names ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, name", [
    ("Community leader Grace Mwangi said the militia had left.", "Grace Mwangi"),
    ("The information came from Dr Faisal Sheikh Omar, the hospital director.", "Faisal Sheikh Omar"),
    ("The government\u2019s peace envoy, Camila Rojas, told reporters the talks would resume.", "Camila Rojas"),
    ("Marta Quinn, the ombudsman\u2019s delegate for the region, said the roads were closed.", "Marta Quinn"),
])
def test_people_introduced_by_roles_and_appositions(sentence, name):
    _, ann = annotate_text(sentence)
    assert name in mentions(ann)


@pytest.mark.parametrize("sentence, name", [
    ("Troops of the Northern Support and Stabilisation Mission arrived.", "Northern Support and Stabilisation Mission"),
    ("A researcher at the Peace and Conflict Foundation said the truce was fragile.", "Peace and Conflict Foundation"),
    ("Peru\u2019s Ombudsman\u2019s Office has counted the dead.", "Ombudsman\u2019s Office"),
    ("The 5th Mechanised Brigade said its tanks were hit.", "5th Mechanised Brigade"),
    ("General Rui Costa, who commands its Second Division, said the roads were open.", "Second Division"),
    ("The Eastern Defence Command said it had repelled the attack.", "Eastern Defence Command"),
])
def test_organisation_names_with_joints_ordinals_and_british_spelling(sentence, name):
    _, ann = annotate_text(sentence)
    assert name in mentions(ann)


def test_a_body_name_extended_by_its_head_noun():
    _, ann = annotate_text("A spokesman for the Somali Police Force said the road was closed.")
    assert "Somali Police Force" in mentions(ann)


def test_an_unnamed_person_who_never_speaks_is_no_source():
    _, ann = annotate_text("A traffic officer who had tried to stop the car was among the dead.")
    assert not [a for a in ann.actors if a.type == "anonymous_source"]
    _, ann = annotate_text("A senior army officer, who asked not to be named, was gloomy. He said the roads were lost.")
    assert [a.type for a in ann.actors if a.type == "anonymous_source"] == ["anonymous_source"]


def test_capitalised_quantifier_opening_a_quote_is_no_name():
    _, ann = annotate_text("Her conclusion is blunt: \u201cEvery armed group here is negotiating with its rifle.\u201d")
    assert "Every" not in mentions(ann)


def test_outlet_in_a_pipe_separated_publication_line_is_metadata():
    _, ann = annotate_text("ANALYSIS | Valley Courier | Sunday, October 12, 2025\nThe envoy told the Valley Courier "
                           "that the talks would resume.")
    assert mentions(ann).count("Valley Courier") == 1


# --- dates -------------------------------------------------------------------------------------------------------

def test_duration_with_an_article():
    _, ann = annotate_text("The offensive came after a week of setbacks; the siege lasted for a month.")
    assert [(d.text, d.value) for d in ann.dates] == [("a week", "P1W"), ("a month", "P1M")]


def test_untensed_clause_takes_the_modal_of_its_governing_clause():
    _, ann = annotate_text("The mission warned that a shortfall could force it to cut troops before its mandate "
                           "expires in December.", published="2026-03-17")
    assert [d.value for d in ann.dates] == ["2026-12"]
    _, ann = annotate_text("The ceasefire will be reviewed before it expires in November.", published="2025-06-18")
    assert [d.value for d in ann.dates] == ["2025-11"]
