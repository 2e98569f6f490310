"""Place lookup: towns and countries from GeoNames (offline), what cannot be placed said so, and the map."""
from __future__ import annotations

import pytest

from analysis import places

# The states of the seed article, as its actors name them.
SEED_STATES = ["Egypt", "France", "Germany", "Iran", "Israel", "Lebanon", "Qatar", "United Kingdom", "United States"]


@pytest.fixture(scope="module")
def seed_context() -> frozenset[str]:
    return places.context_countries(SEED_STATES)


def test_a_known_city_is_placed_at_its_own_coordinates(seed_context):
    (cairo,) = places.locate("Cairo", seed_context)
    assert (cairo.kind, cairo.country, cairo.how) == (places.CITY, "EG", places.EXACT)
    assert cairo.latitude == pytest.approx(30.06, abs=0.05) and cairo.longitude == pytest.approx(31.25, abs=0.05)
    assert cairo.describe() == "Cairo, Egypt (city)"


def test_a_country_is_placed_at_the_centre_of_its_towns(seed_context):
    (lebanon,) = places.locate("Lebanon", seed_context)
    assert (lebanon.kind, lebanon.country, lebanon.name) == (places.COUNTRY, "LB", "Lebanon")
    assert 33.0 < lebanon.latitude < 34.7 and 35.0 < lebanon.longitude < 36.7


def test_a_gazetteer_alias_names_its_country():
    (us,) = places.locate("U.S.")
    assert (us.kind, us.country) == (places.COUNTRY, "US")


@pytest.mark.parametrize("written", ["Middle East", "the region", "Samara region", "North", "south of the Litani River"])
def test_what_is_not_a_town_or_country_is_unplaced_with_the_reason(written, seed_context):
    (place,) = places.locate(written, seed_context)
    assert not place.placed and place.latitude is None and place.describe() == ""
    assert "not a town or country" in place.reason and place.written == written


def test_compass_and_nearness_words_say_how_the_place_relates():
    (north,) = places.locate("northern Israel")
    assert (north.name, north.kind, north.how) == ("Israel", places.COUNTRY, places.PART)
    (suburb,) = places.locate("Beirut suburb")
    assert (suburb.name, suburb.kind, suburb.how) == ("Beirut", places.CITY, places.NEAR)
    (west,) = places.locate("west of El Fasher")
    assert (west.name, west.country, west.how) == ("El Fasher", "SD", places.NEAR)
    assert suburb.describe() == "Beirut, Lebanon (near the city)"


def test_a_list_of_places_gives_each_and_a_plural_region_noun_applies_to_all(seed_context):
    assert [p.name for p in places.locate("Cairo or Doha", seed_context)] == ["Cairo", "Doha"]
    assert places.split_places("Kharkiv, Zaporizhzhia and Odesa regions") == [
        "Kharkiv region", "Zaporizhzhia region", "Odesa region"]
    assert not any(p.placed for p in places.locate("Kharkiv and Odesa regions", {"UA"}))


def test_a_town_outside_the_articles_countries_is_refused_unless_well_known():
    (tyre,) = places.locate("Tyre", places.context_countries(["Democratic Republic of Congo"]))
    assert not tyre.placed and "Lebanon" in tyre.reason
    (tyre,) = places.locate("Tyre", places.context_countries(["Lebanon"]))
    assert (tyre.name, tyre.country) == ("Tyre", "LB")
    (tehran,) = places.locate("Tehran", places.context_countries(["Democratic Republic of Congo"]))
    assert tehran.placed and tehran.country == "IR"  # a capital is named without its country


def test_a_countrys_possessive_says_where_to_look():
    (samara,) = places.locate("Russia\u2019s Samara", {"UA"})
    assert (samara.name, samara.country) == ("Samara", "RU")


def test_context_adds_the_neighbours_of_the_named_states():
    context = places.context_countries(["Israel", "Atlantis"])
    assert {"IL", "PS", "LB", "EG"} <= context and "US" not in context


def test_names_fold_accents_case_and_punctuation():
    assert places.normal("Khān Yūnis") == places.normal("KHAN-YUNIS") == "khan yunis"
    assert places.normal("Тегеран") == ""
