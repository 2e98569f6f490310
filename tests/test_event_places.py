"""Where an event happened: the place phrases news uses, on sentences written for these tests."""
from __future__ import annotations

import pytest

from analysis.autoannotate.annotator import annotate_article
from analysis.autoannotate.event_places import opening_place, place_after
from analysis.ingest import article_from_bytes


def never_actor(start: int, end: int) -> bool:
    return False


@pytest.mark.parametrize(("after", "place"), [
    (" in Lakeport on Monday, police said.", "Lakeport"),
    (" on a busy market in the hill town of Vrana killed nine people.", "hill town of Vrana"),
    (" came a day after shells hit the Kalmar displacement camp outside Ossa.", None),
    (" hit the Kalmar displacement camp outside Ossa on Friday.", "Ossa"),
    (" killed four people at the Kalmar displacement camp outside Ossa.", "Kalmar displacement camp outside Ossa"),
    (" in Nordland’s western Vessel region overnight.", "Nordland’s western Vessel region"),
    (" near the southern port city of Tessa, officials said.", "southern port city of Tessa"),
    (" in northeast Ardenia as talks stalled.", "northeast Ardenia"),
    (" around the village of Pell, in Mora territory, on Tuesday.", "village of Pell, in Mora territory"),
    (" in March, the report said.", None),
    (" in Amhara in August.", "Amhara"),
    (" was condemned. “In Tessa we saw it,” she said.", None),
])
def test_the_place_after_a_trigger_is_read_in_the_ways_news_names_places(after, place):
    assert place_after(after, never_actor) == place


def test_a_named_target_after_on_is_not_a_place_when_it_is_an_actor():
    assert place_after(" on Northern Front positions.", lambda start, end: True) is None
    assert place_after(" on Vrana, officials said.", never_actor) == "Vrana"


@pytest.mark.parametrize(("sentence", "place"), [
    ("In Manbor, which the army took in May, fighters abducted six men.", "Manbor"),
    ("Outside the town of Ossa, shells fell all night.", "town of Ossa"),
    ("In March, fighters abducted six men.", None),
    ("Fighters abducted six men in Manbor.", None),
])
def test_a_sentence_that_opens_with_a_place_places_its_events(sentence, place):
    assert opening_place(sentence) == place


def test_the_annotator_gives_events_the_place_their_sentence_names():
    text = ("Shelling hits camp\n"
            "Shelling killed five people at the Kalmar displacement camp outside Ossa on Saturday, residents said.\n"
            "In Vrana, a drone strike on the market killed two traders.\n")
    events = annotate_article(article_from_bytes(text.encode(), "places.txt")).events
    located = {e.text: e.location for e in events if e.location}
    assert located.get("Shelling") == "Kalmar displacement camp outside Ossa"
    assert located.get("drone strike") == "Vrana"
