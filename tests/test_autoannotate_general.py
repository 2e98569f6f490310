"""General patterns of news English found while scoring the gold articles (each with invented sentences)."""
from analysis.autoannotate import annotate_text


def _actor(ann, actor_id):
    return next(a for a in ann.actors if a.id == actor_id)


def test_casualty_verb_after_a_post_modified_subject():
    _, ann = annotate_text("Seven employees of the regional water utility, among them three engineers, were kidnapped "
                           "near Kidal on Tuesday.")
    assert [(c.text, c.kind, c.count_low) for c in ann.casualties] == [("Seven", "hostage", 7), ("three", "hostage", 3)]


def test_post_modifier_stops_at_a_new_clause():
    _, ann = annotate_text("Twelve residents of the district where the militia was attacked fled on Friday.")
    assert ann.casualties == []


def test_subset_given_after_its_number():
    _, ann = annotate_text("A drone strike on a market in Idlib killed 22 people, six of them women, rescuers said.")
    assert [(c.text, c.kind, c.count_low, c.victims) for c in ann.casualties] == [
        ("22", "killed", 22, "people"), ("six", "killed", 6, "women")]


def test_age_apposition_marks_a_person():
    _, ann = annotate_text("Amina Yusuf, 29, fled the camp with her sons. “We left everything,” she said.")
    assert ("Amina Yusuf", "amina_yusuf") in [(m.text, m.actor) for m in ann.mentions]
    assert _actor(ann, "amina_yusuf").type == "person"
    assert [q.speaker for q in ann.quotes] == ["amina_yusuf"]


def test_capital_as_passive_agent_or_addressee_is_metonymy():
    _, ann = annotate_text("Farmers in the north felt abandoned by Khartoum. The envoy called on Kabul to free the "
                           "detained journalists, speaking in Kabul.")
    got = [(m.text, m.actor, m.metonymy) for m in ann.mentions if m.text in ("Khartoum", "Kabul")]
    assert got == [("Khartoum", "sudan", True), ("Kabul", "afghanistan", True)]


def test_monitoring_group_name_and_the_group_anaphor():
    _, ann = annotate_text("Clashes spread to three provinces, according to the Kivu Security Tracker. "
                           "Attacks on clinics have doubled, the group said.")
    assert ("Kivu Security Tracker", "kivu_security_tracker") in [(m.text, m.actor) for m in ann.mentions]
    (q,) = ann.quotes
    assert q.speaker == "kivu_security_tracker"


def test_urged_and_called_on_x_to_y_are_indirect_quotes():
    _, ann = annotate_text("Kenya urged both factions to lay down their arms. Ethiopia called on Eritrea to withdraw "
                           "its troops from the border.")
    got = [(q.kind, q.text, q.cue.text, q.speaker) for q in ann.quotes]
    assert got == [("indirect", "both factions to lay down their arms", "urged", "kenya"),
                   ("indirect", "Eritrea to withdraw its troops from the border", "called", "ethiopia")]


def test_urged_without_an_infinitive_is_not_a_quote():
    _, ann = annotate_text("Kenya urged restraint on Monday.")
    assert ann.quotes == []


def test_clause_before_an_inverted_named_speaker():
    _, ann = annotate_text("Four soldiers were wounded in the ambush near Gao, said Oumar Traore, a local official.")
    (q,) = ann.quotes
    assert (q.kind, q.text, q.speaker) == ("indirect", "Four soldiers were wounded in the ambush near Gao",
                                           "oumar_traore")


def test_pronoun_takes_the_latest_clause_subject():
    _, ann = annotate_text("Ukraine said it would attend the talks, but Russia has not replied, although it has "
                           "signaled that it wants a pause.")
    assert [(q.text, q.speaker) for q in ann.quotes] == [("it would attend the talks", "ukraine"),
                                                        ("it wants a pause", "russia")]


def test_the_diplomat_resolves_to_the_anonymous_diplomat():
    _, ann = annotate_text("A European diplomat in Addis Ababa, who asked not to be named, described the truce as "
                           "fragile. Aid convoys stopped. “Neither army trusts the other,” the diplomat said.")
    (q,) = [q for q in ann.quotes if q.kind == "direct"]
    assert _actor(ann, q.speaker).type == "anonymous_source"


def test_a_states_un_mission_speaks_for_itself():
    _, ann = annotate_text("Venezuela’s UN mission said it rejected the report. Cuba stayed silent for a week. But the "
                           "country’s mission to the United Nations said on Friday that it would respond.")
    speakers = [q.speaker for q in ann.quotes]
    assert speakers == ["venezuela_un_mission", "cuba_un_mission"]
    assert _actor(ann, "cuba_un_mission").name == "Permanent Mission of Cuba to the United Nations"
    assert ("UN", "un") in [(m.text, m.actor) for m in ann.mentions]


def test_surface_tokens_equal_the_tokenizer_on_every_gazetteer_form():
    from analysis.autoannotate.context import blank_pipeline
    from analysis.autoannotate.gazetteer import _tokenize_surfaces, load_gazetteer

    nlp = blank_pipeline()
    names = sorted(load_gazetteer(None).surfaces)
    assert _tokenize_surfaces(nlp, names) == [tuple(t.text for t in doc) for doc in nlp.tokenizer.pipe(names)]
