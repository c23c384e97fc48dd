"""Entities linked to the actor registry, and direct quotes with their speakers.

These run the real spaCy pipeline on sentences written for the tests.
"""

from __future__ import annotations

import pytest

from crosswire.document import Article, Cleaned
from crosswire.options import Options
from crosswire.pipeline import Reader
from crosswire.read.actors import Actor, Registry, load_registry, normalise


def read(reader: Reader, text: str) -> Article:
    return reader(Article.from_cleaned(Cleaned(text=text)))


def entity(article: Article, name: str):
    matches = [e for e in article.entities if e.name == name]
    assert matches, f"no entity {name!r} in {[e.name for e in article.entities]}"
    return matches[0]


def test_registry_links_names_demonyms_and_capitals():
    registry = load_registry()
    assert registry.lookup("Moscow").name == "Russia"
    assert registry.lookup("the Kremlin").code == "RUS"
    assert registry.lookup("U.S.").code == "USA"
    assert registry.demonym("North Korean").code == "PRK"
    assert registry.demonym("Iranians").code == "IRN"
    assert registry.lookup("Bhutan").code == "BTN"  # every ISO country, not only the listed ones
    assert registry.lookup("Atlantis") is None


def test_user_registry_entries_win(tmp_path):
    extra = tmp_path / "actors.yaml"
    extra.write_text("countries:\n  - {code: VLD, name: Valdoria, aliases: [Korsk], demonyms: [Valdorian]}\n")
    registry = load_registry((str(extra),))
    assert registry.lookup("Korsk").code == "VLD"
    assert registry.demonym("Valdorian").name == "Valdoria"


def test_normalise_folds_case_article_and_possessive():
    assert normalise("The Wall Street Journal's") == "wall street journal"
    assert normalise("U.S.") == "us"


def test_capital_as_metonym_and_demonym_link_to_the_country(reader):
    article = read(reader, "Moscow wants more shells. Russian officials met North Korean envoys in Pyongyang on Monday.")
    russia = entity(article, "Russia")
    assert russia.code == "RUS"
    assert {m.text for m in russia.mentions} >= {"Moscow", "Russian"}
    assert {m.text for m in entity(article, "North Korea").mentions} >= {"North Korean", "Pyongyang"}


def test_mentions_are_character_offsets_into_the_text(reader):
    article = read(reader, "Officials in Tehran said Iran would respond. Tehran later denied it.")
    for ent in article.entities:
        for mention in ent.mentions:
            assert article.text[mention.start : mention.end] == mention.text


def test_surname_resolves_to_the_full_name_seen_earlier(reader):
    article = read(
        reader,
        "Prime Minister Anneliese Marrow arrived in the capital on Monday. "
        "Marrow told reporters the talks had gone well.",
    )
    marrow = entity(article, "Anneliese Marrow")
    assert [m.text for m in marrow.mentions] == ["Anneliese Marrow", "Marrow"]


def test_ambiguous_surname_stays_unresolved(reader):
    article = read(
        reader,
        "Anna Berg met Lukas Berg in the city on Tuesday. Berg later said the meeting was cordial.",
    )
    full_names = [e for e in article.entities if e.name in {"Anna Berg", "Lukas Berg"}]
    assert len(full_names) == 2
    for person in full_names:
        assert [m.text for m in person.mentions] == [person.name]


def test_direct_quote_with_speaker_after_the_quote(reader):
    article = read(reader, '"We will not accept these terms," Foreign Minister Teodor Vasko said on Tuesday.')
    (quote,) = article.quotes
    assert quote.text == "We will not accept these terms,"
    assert quote.speaker == "Teodor Vasko"
    assert article.text[quote.start : quote.end] == quote.text
    assert quote.cue.startswith("said")


def test_quote_attributed_to_an_outlet(reader):
    article = read(reader, 'The port "was closed for three days after the fire," according to Harbor Post.')
    (quote,) = article.quotes
    assert quote.speaker == "Harbor Post"


def test_curly_quotes_and_cue_before_the_quote(reader):
    article = read(reader, "Amara Quist told reporters: “The rescue was the fastest in our history.”")
    (quote,) = article.quotes
    assert quote.speaker == "Amara Quist"
    assert quote.text.startswith("The rescue")


def test_quote_without_cue_continues_the_previous_speaker(reader):
    text = (
        '"The ship was in our waters," said Jonas Feld, Estmark\'s foreign secretary. '
        '"We have the radar logs to prove it."'
    )
    article = read(reader, text)
    assert [q.speaker for q in article.quotes] == ["Jonas Feld", "Jonas Feld"]


def test_single_scare_quoted_word_is_not_a_quote(reader):
    article = read(reader, 'Officials called the plan "historic" and moved on to other business.')
    assert article.quotes == []


def test_quote_opening_with_a_space_is_read(reader):
    # A quotation mark followed by a space once crashed the quote component (real pages do this).
    article = read(reader, '" We will rebuild the pier, " Amara Quist said on Friday.')
    assert [q.speaker for q in article.quotes] == ["Amara Quist"]
