"""Sources cited: outlets, officials (named and anonymous), documents, and their chains."""

from __future__ import annotations

import pytest

from crosswire.document import Article, Cleaned, SourceCited
from crosswire.read.sources import distinct_sources

from .test_seeds import golden, seeds  # noqa: F401 - fixtures: the golden file, the ingested seeds


def read(reader, text: str, outlet: str | None = "Test Outlet") -> Article:
    return reader(Article.from_cleaned(Cleaned(text=text, outlet=outlet, published="2025-03-04")))


def by_name(article: Article) -> dict[str, SourceCited]:
    return {s.name: s for s in article.sources_cited}


@pytest.mark.parametrize(
    "text, name, kind, chain, cue",
    [
        (
            "The summit will be held in Vladivostok, per The Wall Street Journal.",
            "The Wall Street Journal",
            "outlet",
            [],
            "per",
        ),
        ("Reuters reported that the talks had stalled.", "Reuters", "outlet", [], "reported"),
        ("The talks had stalled, according to Yonhap.", "Yonhap", "outlet", [], "according to"),
        (
            "The New York Times revealed on Monday that the two leaders would meet.",
            "The New York Times",
            "outlet",
            [],
            "revealed",
        ),
        (
            "By U.S. officials' estimation, the deal is a sign of desperation.",
            "U.S. officials",
            "anonymous_official",
            [],
            "estimation",
        ),
        ("The deal is close, a senior diplomat said on Tuesday.", "senior diplomat", "anonymous_official", [], "said"),
        (
            "Officials familiar with the matter said the deal was close.",
            "officials familiar with the matter",
            "anonymous_official",
            [],
            "said",
        ),
        (
            "A White House spokesperson said the president was briefed.",
            "White House spokesperson",
            "anonymous_official",
            [],
            "said",
        ),
        ("Satellite images show new construction at the port.", "satellite images", "document", [], "show"),
        ("The ship changed course, according to a leaked memo.", "leaked memo", "document", [], "according to"),
        ("National Security Adviser Jake Sullivan said the talks had failed.", "Jake Sullivan", "official", [], "said"),
    ],
)
def test_source_kinds_names_and_cues(reader, text, name, kind, chain, cue):
    article = read(reader, text)
    found = by_name(article)
    assert name in found, article.sources_cited
    source = found[name]
    assert (source.kind, source.cue) == (kind, cue)
    assert source.chain == ["Test Outlet", *chain, name]
    assert (source.start, source.end) == (0, len(text))  # the sentence that leans on it


@pytest.mark.parametrize(
    "text, chain",
    [
        (
            "Citing US government intelligence reports, the New York Times revealed this week that Kim will travel.",
            ["The New York Times", "US government intelligence reports"],
        ),
        ("Reuters, citing two senior diplomats, said the talks had stalled.", ["Reuters", "senior diplomats"]),
        ("Reuters reported the talks had stalled, citing a leaked memo.", ["Reuters", "leaked memo"]),
        (
            "The talks have stalled, according to Yonhap, which cited a government report.",
            ["Yonhap", "government report"],
        ),
        (
            "US officials, as reported by The New York Times, believe the deal is close.",
            ["The New York Times", "US officials"],
        ),
        ("Reuters, quoting a senior diplomat, said the talks had stalled.", ["Reuters", "senior diplomat"]),
        (
            "The ships could sail soon, according to port officials quoted by the Korsk Courier.",
            ["Korsk Courier", "port officials"],
        ),
        ('The war "is taking a toll," spokesperson John Kirby told NPR last week.', ["NPR", "John Kirby"]),
    ],
)
def test_chains_run_from_the_article_outlet_to_the_deepest_source(reader, text, chain):
    article = read(reader, text, outlet="Global Dispatches")
    chains = [s.chain for s in article.sources_cited]
    assert ["Global Dispatches", *chain] in chains, chains
    assert ["Global Dispatches", chain[0]] in chains, chains  # the relay is a source too


def test_the_article_outlet_is_not_its_own_source(reader):
    article = read(
        reader,
        "Two people familiar with the inquiry told Harbor Post that the fire began in the engine room.",
        outlet="Harbor Post",
    )
    assert [s.chain for s in article.sources_cited] == [["Harbor Post", "people familiar with the inquiry"]]


def test_unknown_outlet_chains_start_at_the_article(reader):
    article = read(reader, "The summit is set for Friday, per The Wall Street Journal.", outlet=None)
    assert article.sources_cited[0].chain == ["the article", "The Wall Street Journal"]


def test_phrases_that_name_no_source_are_not_sources(reader):
    article = read(
        reader, "The accord confirms reports that first appeared in March. Halvik might insist on satellite technology."
    )
    assert article.sources_cited == []


def test_quote_speakers_are_sources_in_every_sentence_of_the_quote(reader):
    text = '"We are watching this very closely. Any transfer of weapons would be a grave step," Jonas Feld said.'
    article = read(reader, text)
    feld = [s for s in article.sources_cited if s.name.endswith("Feld")]
    assert len(feld) == 2 and {s.kind for s in feld} <= {"person", "official"}
    assert [(s.start, s.end) for s in feld] == [(a.start, a.end) for a in article.sentences]


def test_one_record_per_sentence_and_distinct_sources_dedupes(reader):
    text = "The deal is close, per The Wall Street Journal. The summit is next week, per The Wall Street Journal."
    article = read(reader, text)
    assert [s.name for s in article.sources_cited] == ["The Wall Street Journal"] * 2
    assert len(distinct_sources(article.sources_cited)) == 1


def test_seed_sources_and_chain(golden, seeds):  # noqa: F811 - pytest fixtures
    for spec in golden["articles"]:
        record = seeds[spec["file"]]
        names = {s["name"] for s in record["sources_cited"]}
        assert set(spec["sources_cited"]["must"]) <= names, (spec["file"], names)
        if spec["sources_cited"].get("chain"):
            assert spec["sources_cited"]["chain"] in [s["chain"] for s in record["sources_cited"]]


def test_a_listener_is_not_a_relay(reader):
    article = read(reader, "Kim told Putin that the shells would arrive within weeks.")
    assert all(len(s.chain) == 2 for s in article.sources_cited), article.sources_cited
