"""Actor mentions: gazetteer names, demonyms, metonymy, discovery, surnames, anonymous sources."""
from analysis.autoannotate.gazetteer import load_gazetteer, parse_gazetteer
from analysis.errors import AnnotationError

import pytest

from analysis.autoannotate import annotate_text


def mentions(ann):
    return [(m.text, m.actor, m.metonymy) for m in ann.mentions]


def test_country_and_demonym_are_state_mentions():
    _, ann = annotate_text("A Russian drone hit Kharkiv, and Ukraine said it shot down 20 others.")
    got = mentions(ann)
    assert ("Russian", "russia", False) in got
    assert ("Ukraine", "ukraine", False) in got


def test_capital_is_metonymic_only_when_it_acts():
    _, ann = annotate_text("Moscow said the talks failed. Protesters gathered in Moscow on Friday.")
    moscow = [m for m in ann.mentions if m.text == "Moscow"]
    assert len(moscow) == 1 and moscow[0].metonymy and moscow[0].actor == "russia"


def test_seat_of_government_is_metonymic():
    _, ann = annotate_text("The Kremlin denied the report.")
    assert ("Kremlin", "kremlin", True) in mentions(ann)


def test_unknown_person_found_by_role_with_affiliation_and_surname():
    _, ann = annotate_text("Sudanese army spokesman Nabil Abdallah said the city was calm. "
                           "Abdallah added that fighting had stopped.")
    person = ann.actor("nabil_abdallah")
    assert person is not None and person.type == "person" and person.affiliation == "sudan"
    assert [m.text for m in ann.mentions if m.actor == "nabil_abdallah"] == ["Nabil Abdallah", "Abdallah"]


def test_apposition_gives_institution_affiliation():
    _, ann = annotate_text("National Security Council spokesman John Kirby said talks continue.")
    assert ann.actor("john_kirby").affiliation == "us_nsc"
    assert [m.text for m in ann.mentions] == ["National Security Council", "John Kirby"]


def test_unknown_organisation_merges_state_prefix():
    _, ann = annotate_text("The Malian Transport Ministry closed the road.")
    org = [m for m in ann.mentions if m.text == "Malian Transport Ministry"]
    assert org and ann.actor(org[0].actor).affiliation == "mali"


def test_parenthesised_acronym_becomes_alias():
    _, ann = annotate_text("The Kachin Liberation Front (KLF) seized a base. The KLF said it lost no fighters.")
    actor_ids = {m.actor for m in ann.mentions if m.text in ("Kachin Liberation Front", "KLF")}
    assert len(actor_ids) == 1
    assert sum(m.text == "KLF" for m in ann.mentions) == 2


def test_anonymous_source_and_demonym_inside():
    _, ann = annotate_text("A senior Israeli source told reporters the offer stands. The source said more.")
    src = [m for m in ann.mentions if ann.actor(m.actor).type == "anonymous_source"]
    assert [m.text for m in src] == ["senior Israeli source"]
    assert ann.actor(src[0].actor).affiliation == "israel"
    assert any(m.text == "Israeli" and m.actor == "israel" for m in ann.mentions)


def test_plural_demonym_is_population():
    _, ann = annotate_text("Thousands of Palestinians fled south.")
    assert ann.actor("palestinians").type == "population"


def test_state_name_inside_another_name_is_not_a_mention():
    _, ann = annotate_text("The USS Georgia sailed east.")
    assert not any(m.actor == "georgia" for m in ann.mentions)


def test_gazetteer_problems_are_listed():
    with pytest.raises(AnnotationError) as exc:
        parse_gazetteer({"states": [], "actors": [{"id": "x", "name": "X", "type": "alien"}]}, "g.json")
    assert "type 'alien'" in str(exc.value)


def test_gazetteer_is_broad():
    gaz = load_gazetteer()
    for actor in ("rsf", "houthis", "jnim", "arakan_army", "m23", "hamas", "volodymyr_zelensky"):
        assert actor in gaz.entries
