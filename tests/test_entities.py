"""Entities and actors: the registry's coverage, user files (YAML, CSV), roles read from the
text, surnames and role references, gazetteer corrections, and the seed articles' entities
(against ../shared/golden/seeds.yaml; those tests skip when ../shared is absent).
"""

from __future__ import annotations

import re
from importlib import resources

import pycountry
import pytest
import yaml

from crosswire.document import Article, Cleaned
from crosswire.ingest.job import ingest
from crosswire.options import Options
from crosswire.read import gazetteer
from crosswire.read.actors import load_registry, normalise
from crosswire.read.roles import matches, role_key
from crosswire.store import open_store

from .conftest import shared_path


def read(reader, text: str, published: str | None = None) -> Article:
    return reader(Article.from_cleaned(Cleaned(text=text, published=published)))


def entity(article: Article, name: str):
    matches_ = [e for e in article.entities if e.name == name]
    assert matches_, f"no entity {name!r} in {[e.name for e in article.entities]}"
    return matches_[0]


def surfaces(ent) -> list[str]:
    return [m.text for m in ent.mentions]


# -- the registry -------------------------------------------------------------------------------

def _countries_yaml() -> list[dict]:
    text = resources.files("crosswire.data").joinpath("countries.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)["countries"]


# Territories nobody lives in (or no one calls by a demonym), and the two Congos, whose
# demonym "Congolese" is shared and so left out on purpose.
NO_DEMONYM = {"ATA", "ATF", "BVT", "HMD", "IOT", "SGS", "SJM", "UMI", "COD", "COG", "DMA", "ANT", "SCG"}
NO_CAPITAL = {"ATA", "BES", "BVT", "HMD", "TKL", "UMI"}


def test_every_iso_country_has_names_demonyms_and_a_capital():
    rows = {row["code"]: row for row in _countries_yaml()}
    iso = {c.alpha_3 for c in pycountry.countries}
    assert iso <= set(rows)
    assert {code for code in iso if not rows[code].get("demonyms")} <= NO_DEMONYM
    assert {code for code in iso if not rows[code].get("capital")} == NO_CAPITAL
    registry = load_registry()
    for code in iso:
        assert registry.lookup(rows[code]["name"]).id == code, code
        for demonym in rows[code].get("demonyms") or []:
            assert registry.demonym(demonym).id == code, (code, demonym)


def test_capitals_are_metonyms_for_their_states_beyond_the_majors():
    registry = load_registry()
    for capital, code in [("Pyongyang", "PRK"), ("Moscow", "RUS"), ("Ouagadougou", "BFA"), ("Tbilisi", "GEO"),
                          ("Naypyidaw", "MMR"), ("Astana", "KAZ"), ("Nur-Sultan", "KAZ"), ("Thimphu", "BTN"),
                          ("Kyiv", "UKR"), ("Kiev", "UKR"), ("Canberra", "AUS"), ("Brasília", "BRA")]:
        assert registry.lookup(capital).code == code, capital
    assert registry.demonym("Burkinabe").code == "BFA"
    assert registry.demonym("Kyrgyz").code == "KGZ"
    assert registry.demonym("Filipinos").code == "PHL"
    # A capital that is also a person's name is not read as its state.
    assert registry.lookup("Hamilton") is None and registry.lookup("Victoria") is None
    assert registry.lookup("Moscow", metonyms=False) is None
    # Names shared by two actors resolve to neither.
    assert registry.lookup("Congo") is None and registry.demonym("Congolese") is None
    assert registry.demonym("Korean") is None


def test_organisations_outlets_and_office_holders_are_registered():
    registry = load_registry()
    for name in ["UN", "NATO", "EU", "IAEA", "WHO", "IMF", "World Bank", "ASEAN", "African Union", "OPEC",
                 "G7", "G20", "BRICS", "SCO", "ICC"]:
        assert registry.lookup(name).kind == "organization", name
    for name in ["Reuters", "AP", "AFP", "Bloomberg", "NYT", "WSJ", "WaPo", "BBC", "CNN", "NPR", "Fox News",
                 "Al Jazeera", "The Guardian", "FT", "The Economist", "Yonhap", "KCNA", "TASS", "RIA Novosti",
                 "Xinhua", "Kyodo", "NHK", "DW", "France 24"]:
        assert registry.lookup(name).kind == "news_outlet", name
    people = [a for a in registry.actors.values() if a.kind == "person"]
    countries = {a.code for a in people}
    assert {"USA", "GBR", "FRA", "RUS", "CHN", "PRK", "KOR", "UKR", "IRN", "ISR", "DEU", "JPN", "IND", "BRA",
            "CAN", "AUS", "ARG", "IDN", "ITA", "MEX", "SAU", "ZAF", "TUR"} <= countries
    assert all(role.start is None or re.fullmatch(r"\d{4}(-\d\d){0,2}", role.start) for a in people for role in a.roles)


def test_roles_have_dates_and_the_role_held_on_a_day_is_chosen():
    shoigu = load_registry().actors["sergei-shoigu"]
    assert shoigu.role_on("2023-09-07").title == "Defense Minister of Russia"
    assert shoigu.role_on("2024-06-01").title == "Secretary of the Security Council of Russia"
    assert shoigu.role_on("2010-01-01") is None
    trump = load_registry().actors["donald-trump"]
    assert trump.role_on("2019-01-01").title == "President of the United States"
    assert trump.role_on("2022-01-01") is None


def test_user_csv_registry(tmp_path):
    extra = tmp_path / "actors.csv"
    extra.write_text(
        "id,name,kind,code,aliases,role,country,start,end\n"
        "VLD,Valdoria,country,VLD,Republic of Valdoria|Korsk,,,,\n"
        "dusan-korvath,Dusan Korvath,person,,Korvath the Elder,President of Valdoria,VLD,2019-03-01,\n"
        "dusan-korvath,Dusan Korvath,person,,,Foreign Minister of Valdoria,VLD,2015,2019-03-01\n"
        "korsk-courier,Korsk Courier,news_outlet,,Courier,,VLD,,\n",
        encoding="utf-8",
    )
    registry = load_registry((str(extra),))
    assert registry.lookup("Korsk").code == "VLD"
    korvath = registry.lookup("Korvath the Elder")
    assert korvath.id == "dusan-korvath" and korvath.code == "VLD"
    assert korvath.role_on("2017-06-01").title == "Foreign Minister of Valdoria"
    assert korvath.role_on("2024-01-01").title == "President of Valdoria"
    assert registry.lookup("Courier").kind == "news_outlet"


def test_role_keys_unify_titles():
    registry = load_registry()
    assert role_key("Defense Minister of Russia", registry) == role_key("Russian defence minister", registry)
    assert role_key("US Secretary of State", registry) == "foreign minister"
    assert role_key("Minister of the Armed Forces of France", registry) == "defence minister"
    assert matches("minister", "defence minister") and matches("spokesperson", "government spokesperson")
    assert not matches("minister", "prime minister") and not matches("president", "vice president")


def test_gazetteer_finds_places_with_their_country():
    assert gazetteer.lookup("Vladivostok").country == "RUS"
    assert gazetteer.lookup("London").country == "GBR"  # London, Ontario is far smaller
    assert gazetteer.lookup("Cambridge").country is None  # two of similar size: no guess
    assert gazetteer.lookup("the Korean Peninsula").kind == "region"
    assert gazetteer.lookup("Texas").country == "USA"
    assert gazetteer.lookup("Mordor") is None


def test_gazetteer_file_keys_match_normalise():
    text = resources.files("crosswire.data").joinpath("places.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    stale = [row[1] for row in rows if normalise(row[1]) != row[0]]
    assert not stale, f"regenerate places.tsv (python -m crosswire.read.gazetteer): {stale[:5]}"


# -- reading ------------------------------------------------------------------------------------

def test_title_before_a_registry_person_and_its_country(reader):
    article = read(reader, "In July, Russian Defense Minister Sergei Shoigu visited North Korea to meet with Kim.",
                   published="2023-09-07")
    shoigu = entity(article, "Sergei Shoigu")
    assert (shoigu.role, shoigu.code, shoigu.actor_id) == ("Defense Minister of Russia", "RUS", "sergei-shoigu")
    assert "Russian" in surfaces(entity(article, "Russia"))
    assert not [e for e in article.entities if e.name == "Defense"]  # a title word tagged ORG is no entity


def test_unknown_people_become_actors_with_the_role_and_country_read(reader):
    article = read(reader, "Ukrainian Foreign Minister Andriy Zorin called the deal shameful.")
    zorin = entity(article, "Andriy Zorin")
    assert (zorin.actor_id, zorin.role, zorin.code) == ("person:andriy-zorin", "Foreign Minister", "UKR")


def test_apposition_gives_role_and_country(reader):
    article = read(reader, "Tom Avery, the White House national security spokesman, told NPR the talks failed.")
    avery = entity(article, "Tom Avery")
    assert (avery.role, avery.code) == ("White House national security spokesman", "USA")


def test_role_reference_resolves_to_the_one_holder(reader):
    article = read(reader, "Defense Minister Sergei Shoigu arrived on Monday. The defense minister said the talks went well.",
                   published="2023-09-07")
    assert surfaces(entity(article, "Sergei Shoigu")) == ["Sergei Shoigu", "defense minister"]
    article = read(reader, "John Kirby said Russia was desperate. The Russian president disagreed, Vladimir Putin's aides said.")
    assert "Russian president" in surfaces(entity(article, "Vladimir Putin"))


def test_ambiguous_role_reference_stays_unresolved(reader):
    article = read(reader, "Ukrainian Foreign Minister Andriy Zorin met Polish Foreign Minister Jan Nowak. "
                           "The foreign minister said the meeting went well.")
    for name in ("Andriy Zorin", "Jan Nowak"):
        assert "foreign minister" not in surfaces(entity(article, name))


def test_surnames_resolve_within_the_article_and_known_leaders_anywhere(reader):
    article = read(reader, "Kim Jong Un met Vladimir Putin. Kim and Putin spoke for two hours.")
    assert surfaces(entity(article, "Kim Jong Un")) == ["Kim Jong Un", "Kim"]
    assert surfaces(entity(article, "Vladimir Putin")) == ["Vladimir Putin", "Putin"]
    article = read(reader, "Putin said the talks would go on.")
    assert entity(article, "Vladimir Putin").actor_id == "vladimir-putin"  # known by his surname alone


def test_common_surname_needs_the_full_name_or_the_title(reader):
    article = read(reader, "Johnson said nothing on Monday.")
    assert all(e.actor_id != "boris-johnson" for e in article.entities)
    article = read(reader, "Johnson said nothing. Prime Minister Johnson left on Tuesday.")
    johnson = entity(article, "Boris Johnson")
    assert surfaces(johnson) == ["Johnson", "Johnson"]


def test_surname_before_the_full_name_joins_that_person(reader):
    article = read(reader, "Korvath says the talks will resume. Foreign Minister Dusan Korvath told reporters on "
                           "Monday that both sides were ready. Korvath left for Tolun on Tuesday.")
    korvath = entity(article, "Dusan Korvath")
    assert surfaces(korvath) == ["Korvath", "Dusan Korvath", "Korvath"]  # every mention, in text order
    assert korvath.role == "Foreign Minister"
    assert not [e for e in article.entities if e.name == "Korvath"]
    # The model tags "Korvath" alone after a date ("On March 14 Dusan Korvath"): the untagged
    # given name is taken in, and the bare surname before it joins the full name.
    article = read(reader, "Korvath was more expansive. On March 14 Dusan Korvath and Oren Halvik signed an accord.")
    assert surfaces(entity(article, "Dusan Korvath")) == ["Korvath", "Dusan Korvath"]
    assert sorted(e.name for e in article.entities if e.kind == "person") == ["Dusan Korvath", "Oren Halvik"]


def test_partial_names_of_several_tokens_join_the_full_name(reader):
    article = read(reader, "Holtz-Eakin said the plan would add to the deficit. Douglas Holtz-Eakin, a former budget "
                           "director, called it costly.")
    assert surfaces(entity(article, "Douglas Holtz-Eakin")) == ["Holtz-Eakin", "Douglas Holtz-Eakin"]
    article = read(reader, "Suu Kyi arrived in Washington on Wednesday. Aung San Suu Kyi met business leaders.")
    assert surfaces(entity(article, "Aung San Suu Kyi")) == ["Suu Kyi", "Aung San Suu Kyi"]
    article = read(reader, '"We will win," bin Laden said. Osama bin Laden was killed in 2011.')
    assert surfaces(entity(article, "Osama bin Laden")) == ["bin Laden", "Osama bin Laden"]


def test_surname_shared_by_two_people_stays_unresolved(reader):
    article = read(reader, "Berg said the vote was close. Anna Berg and Lukas Berg both voted against it.")
    assert surfaces(entity(article, "Anna Berg")) == ["Anna Berg"]
    assert surfaces(entity(article, "Lukas Berg")) == ["Lukas Berg"]
    assert surfaces(entity(article, "Berg")) == ["Berg"]


def test_surname_that_names_a_place_is_not_merged_into_the_person(reader):
    article = read(reader, "The concert in Houston was sold out. Whitney Houston sang for two hours.")
    assert entity(article, "Houston").kind == "place"
    assert surfaces(entity(article, "Whitney Houston")) == ["Whitney Houston"]
    article = read(reader, "Washington imposed new sanctions on Monday. George Washington was the first president.")
    assert surfaces(entity(article, "United States")) == ["Washington"]
    assert surfaces(entity(article, "George Washington")) == ["George Washington"]
    article = read(reader, "Israel said the strikes would continue. Steve Israel, a former congressman, disagreed.")
    assert surfaces(entity(article, "Israel")) == ["Israel"]


def test_quotes_sources_and_events_name_the_full_person(reader):
    article = read(reader, '"We will not give in," Zorin said. Ukrainian Foreign Minister Andriy Zorin later left for Kyiv.')
    zorin = entity(article, "Andriy Zorin")
    assert [(q.speaker, q.speaker_id) for q in article.quotes] == [("Andriy Zorin", zorin.actor_id)]
    article = read(reader, '"Severin was the promise and Tolun is the proof," Korvath said. On March 14 Dusan Korvath '
                           "and Oren Halvik signed an accord.")
    assert [q.speaker for q in article.quotes] == ["Dusan Korvath"]
    assert "Dusan Korvath" in [s.name for s in article.sources_cited]
    assert "Korvath" not in [s.name for s in article.sources_cited]
    assert any("Dusan Korvath" in event.source for event in article.events)
    article = read(reader, "Holtz-Eakin said the plan would add to the deficit. Douglas Holtz-Eakin, a former budget "
                           "director, called it costly.")
    assert [q.speaker for q in article.quotes] == ["Douglas Holtz-Eakin"]


def test_place_tagged_as_a_person_is_corrected_by_the_gazetteer(reader):
    article = read(reader, "Kim Jong Un is planning to visit Vladivostok, the Pacific coast city.")
    vladivostok = entity(article, "Vladivostok")
    assert (vladivostok.kind, vladivostok.code) == ("place", "RUS")


def test_demonym_tagged_as_a_place_links_to_its_country(reader):
    article = read(reader, "Ukrainian officials said the bridge was hit.")
    ukraine = entity(article, "Ukraine")
    assert [m.label for m in ukraine.mentions] == ["NORP"]


def test_event_words_and_glued_scores(reader):
    article = read(reader, "Jansher Khan won the Hong Kong Open on Sunday.\nLotte 6 Hyundai 2")
    assert entity(article, "Hong Kong Open").kind == "event"
    assert all(not re.search(r"\d", m.text) for e in article.entities if e.kind == "person" for m in e.mentions)


def test_every_mention_is_an_offset_into_the_text(reader):
    article = read(reader, "Russian Defense Minister Sergei Shoigu met Kim in Pyongyang. The defense minister left.")
    for ent in article.entities:
        for mention in ent.mentions:
            assert article.text[mention.start : mention.end] == mention.text


# -- the seed articles --------------------------------------------------------------------------

# Must-mentions that are not in the body text: The Week's "Kim" is only in an image caption
# ("Kim is likely excited ..."), which is not read.
NOT_IN_BODY = {("000_b6024781f1f58b77.txt", "Kim Jong Un", "Kim")}
KINDS = {"event_or_organization": {"event", "organization"}}


@pytest.fixture(scope="module")
def seed_records(tmp_path_factory) -> dict[str, dict]:
    folder = shared_path("seeds")
    db = tmp_path_factory.mktemp("seed-entities") / "seeds.db"
    with open_store(db) as store:
        ingest([str(folder)], store, Options())
        return {record["source"].rsplit("/", 1)[-1]: record for record in store.iter_articles()}


@pytest.fixture(scope="module")
def golden() -> dict:
    return yaml.safe_load(shared_path("golden", "seeds.yaml").read_text())


def _in_body(text: str, mention: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(mention)}(?!\w)(?! Jong)", text) is not None


def test_seed_entities_are_found_with_kind_role_code_and_mentions(golden, seed_records):
    absent = set()
    for spec in golden["articles"]:
        record = seed_records[spec["file"]]
        entities = {e["name"]: e for e in record["entities"]}
        for want in spec["entities"]:
            assert want["name"] in entities, (spec["file"], want["name"])
            got = entities[want["name"]]
            assert got["kind"] in KINDS.get(want["kind"], {want["kind"]}), (want["name"], got["kind"])
            if "role" in want:
                assert got["role"] == want["role"], (want["name"], got["role"])
            for field in ("code", "country"):
                if field in want:
                    assert got["code"] == want[field], (want["name"], got["code"])
            found = {m["text"] for m in got["mentions"]}
            for mention in want["mentions"]:
                if not _in_body(record["text"], mention):
                    absent.add((spec["file"], want["name"], mention))
                    continue
                assert mention in found, (spec["file"], want["name"], mention, found)
    assert absent == NOT_IN_BODY
