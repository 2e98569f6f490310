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
