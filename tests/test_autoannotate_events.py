"""Event triggers, modality and dates."""
from analysis.autoannotate import annotate_text


def events(ann):
    dates = {d.id: d.value for d in ann.dates}
    return [(e.text, e.type, e.modality, dates.get(e.date or "")) for e in ann.events]


def test_types_and_modality():
    _, ann = annotate_text("Hezbollah fired a barrage of rockets on Sunday. Negotiations are set to resume on Thursday. "
                           "Officials brace for a potential attack.")
    got = events(ann)
    assert ("fired", "rocket_fire", "happened", "2024-08-11") in got
    assert ("Negotiations", "negotiation", "planned", "2024-08-15") in got
    assert ("attack", "attack", "expected", None) in got


def test_airstrike_and_threat_modality():
    _, ann = annotate_text("An airstrike hit Sanaa. The group vowed to avenge the killing of its commander.")
    got = events(ann)
    assert ("airstrike", "air_strike", "happened", None) in got
    assert ("avenge", "attack", "threatened", None) in got


def test_strike_a_deal_is_not_an_event():
    _, ann = annotate_text("Mediators urged both sides to strike a deal.")
    assert not any(e.type in ("air_strike", "attack") for e in ann.events)


def test_assassination_of_named_person():
    _, ann = annotate_text("Iran blamed Israel for the killing of Ismail Haniyeh.")
    assert any(e.text == "killing" and e.type == "assassination" for e in ann.events)


def test_annotation_verifies_and_is_deterministic():
    from analysis.annotations import annotation_from_dict
    article, ann = annotate_text("Sudan's army said on Saturday that RSF shelling killed 20 people in El Fasher.")
    annotation_from_dict(ann.to_dict(), article.text)
    _, again = annotate_text("Sudan's army said on Saturday that RSF shelling killed 20 people in El Fasher.")
    assert ann.to_json() == again.to_json()


def test_triggers_in_direct_speech_are_not_events_but_quoted_fragments_are():
    _, ann = annotate_text("“We will answer every attack,” the commander said. The militia warned that "
                           "“a fierce retaliation” was coming.")
    assert [e.text for e in ann.events] == ["retaliation"]


def test_casualty_verb_is_an_event_only_without_an_incident_trigger():
    _, ann = annotate_text("Jets bombed a market in Sanaa, killing 12 people. Five people were killed in Goma. "
                           "Nine soldiers were killed in the ambush. A missile kills three as troops shell the port.")
    assert [e.text for e in ann.events] == ["bombed", "killed", "ambush", "kills"]


def test_strike_typed_by_its_air_means_in_sentence_paragraph_or_headline():
    _, ann = annotate_text("Drones struck a fuel depot near Belgorod.\n\nMilitants struck a checkpoint in Kunar.")
    assert [(e.text, e.type) for e in ann.events] == [("struck", "air_strike"), ("struck", "attack")]
    _, ann = annotate_text("Officials said the strikes destroyed two bridges.", title="Jets pound rebel bases")
    assert [(e.text, e.type) for e in ann.events] == [("strikes", "air_strike")]


def test_counted_and_generic_plural_triggers_are_not_events():
    _, ann = annotate_text("The army carried out more than 40 air strikes in May. Air strikes on markets have become "
                           "common. Dozens of raids followed.")
    assert ann.events == []


def test_support_verb_of_an_agreement_noun_is_not_a_second_event():
    _, ann = annotate_text("They honoured the ceasefire agreement the two sides signed in Doha.")
    assert [e.text for e in ann.events] == ["agreement"]


def test_captures_invasions_meetings_and_swaps():
    _, ann = annotate_text("The rebels seized the airport. Sanctions followed the 2014 invasion. Negotiators will meet "
                           "in Geneva on Friday. The Security Council will meet on Monday. Both sides want a new swap.")
    got = [(e.text, e.type, e.modality) for e in ann.events]
    assert got == [("seized", "other", "happened"), ("invasion", "attack", "happened"),
                   ("meet", "negotiation", "planned"), ("meet", "other", "planned"), ("swap", "other", "possible")]


def test_exchange_of_fire_and_ongoing_fighting():
    _, ann = annotate_text("Officials agreed to exchange messages. The rebels have been fighting for six years.")
    assert ann.events == []


def test_a_date_dates_one_trigger_and_not_the_reported_events():
    _, ann = annotate_text("Rebels seized the town on Sunday after three days of fighting. The ministry said on "
                           "Tuesday that talks would continue.")
    values = {d.id: d.value for d in ann.dates}
    got = [(e.text, values.get(e.date or "")) for e in ann.events]
    assert got == [("seized", "2024-08-11"), ("fighting", None), ("talks", None)]
