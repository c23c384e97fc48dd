"""Syndication: edited and trimmed wire copies are one origin; different texts are not."""

from __future__ import annotations

import yaml

from crosswire.document import Article, Cleaned
from crosswire.group.stories import assign_story
from crosswire.group.syndication import containment, fingerprint, is_copy
from crosswire.options import Options
from crosswire.store import open_store

from .conftest import CORPUS
from .test_corpus import source_of, stored  # noqa: F401 - the module-scoped fixture

WIRE = " ".join(
    f"Paragraph {n}: the coast guard said the ferry fire near Port Amsel started in the engine room "
    f"at {n} o'clock, and {n * 3} passengers were taken to the harbour by fishing boats."
    for n in range(1, 9)
)


def test_a_trimmed_and_edited_copy_is_a_copy():
    trimmed = WIRE[: len(WIRE) // 2] + " Local reaction: the mayor thanked the fishing crews."
    original, copy = fingerprint(WIRE), fingerprint("PORT AMSEL (Harbor Post) - " + trimmed)
    assert containment(original, copy) >= 0.6
    assert is_copy(original, copy)


def test_a_different_text_on_the_same_subject_is_not_a_copy():
    other = " ".join(
        f"Item {n}: investigators from the maritime board will question the crew of the ferry about "
        f"the engine fire, {n} days after passengers were rescued by local boats near Port Amsel."
        for n in range(1, 9)
    )
    assert not is_copy(fingerprint(WIRE), fingerprint(other))


def test_short_texts_get_no_fingerprint():
    assert fingerprint("The ferry caught fire. Everyone was rescued.") is None


def test_a_copy_joins_its_originals_story_and_origin(fresh_db):
    with open_store(fresh_db) as store:
        first = Article.from_cleaned(Cleaned(text=WIRE, outlet="Meridian Wire", published="2025-03-24"))
        story, terms = assign_story(first, store, Options(), corpus_size=0)
        store.save_article(first, story, terms)
        copy = Article.from_cleaned(
            Cleaned(text=WIRE[: len(WIRE) * 2 // 3], outlet="Harbor Post", published="2025-04-02")
        )
        copy_story, _ = assign_story(copy, store, Options(), corpus_size=1)
    assert copy.origin_id == first.id != copy.id
    assert copy_story.id == story.id  # nine days later, but the same text: the same story


def test_the_example_wire_story_collapses_to_one_origin(stored):  # noqa: F811
    spec = yaml.safe_load((CORPUS / "expected" / "kelvaro-ferry.yaml").read_text())["syndication"]
    origins = {stored[source_of(copy)]["origin_id"] for copy in spec["copies"]}
    assert len(origins) == 1  # one origin id: the first-stored copy's, whichever outlet that is
    group = [r for r in stored.values() if r["origin_id"] in origins]
    assert len(group) == len(spec["copies"])  # and nothing else is counted as a copy
