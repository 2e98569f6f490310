"""Who gives a casualty figure: "according to", the quote that holds it, a cited document, the report it continues."""
from analysis.autoannotate import annotate_text


def _sources(body: str) -> list[tuple[str, str | None]]:
    _, ann = annotate_text(body)
    names = {a.id: a.name for a in ann.actors}
    return [(c.text, names.get(c.reported_by_actor or "")) for c in ann.casualties]


def test_according_to_opening_a_sentence_names_the_person_in_the_apposition():
    got = _sources("According to the interior minister of Norland, Petra Valsko, bandits killed nine herders "
                   "near Ostrava on Sunday.")
    assert got == [("nine", "Petra Valsko")]


def test_speaker_outranks_the_agency_that_passes_the_claim_on():
    got = _sources("Militiamen took about 40 villagers hostage on Monday, district governor Anton Meret said, "
                   "according to Reuters.")
    assert got == [("about 40", "Anton Meret")]


def test_according_to_inside_the_quote_still_names_the_source():
    _, ann = annotate_text("Governor Anton Meret said that, according to the Red Cross, 14 people were killed "
                           "in the flooding of the camp by rebels on Monday.")
    (c,) = ann.casualties
    assert "Red Cross" in (c.reported_by or "")


def test_a_source_carries_to_the_next_sentence_of_the_same_report():
    got = _sources("A police spokesman, Tomas Irwin, told reporters that the bomber aimed at a convoy of "
                   "officials on Monday. Instead, the blast hit a bus, killing 12 passengers.")
    assert got == [("12", "Tomas Irwin")]


def test_a_source_carries_past_one_sentence_without_figures():
    got = _sources("The army chief, Rolf Danner, said rebels ambushed a patrol on Monday, killing seven soldiers. "
                   "The ambush took place 200 miles from the capital. Three other soldiers were wounded.")
    assert got == [("seven", "Rolf Danner"), ("Three", "Rolf Danner")]


def test_a_background_incident_dated_apart_takes_no_source():
    got = _sources("Police chief Rolf Danner said that gunmen killed five guards at the mine on Sunday. "
                   "In 2019, rebels killed 30 miners in the same valley.")
    assert got == [("five", "Rolf Danner"), ("30", None)]


def test_a_cited_document_gives_the_figures_of_its_sentence():
    got = _sources("Among the dead were four nurses, points out the statement issued by the World Health "
                   "Organization on Monday.")
    assert got == [("four", "World Health Organization")]
    got = _sources("The strike on Tuesday, called unlawful in a Human Rights Watch report, killed 11 civilians.")
    assert got == [("11", "Human Rights Watch")]


def test_the_minister_said_stands_for_a_person_not_an_armed_group():
    _, ann = annotate_text("According to the defence minister, Ivo Marek, the Red Hand militia attacked a "
                           "convoy on Monday. The minister said that the militia fled north.")
    names = {a.id: a.name for a in ann.actors}
    spoken = [names.get(q.speaker or "") for q in ann.quotes if q.text.startswith("the militia")]
    assert spoken == ["Ivo Marek"]
