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


def _origin_of_copy(store, original_date, copy_date):
    """Store WIRE on ``original_date``; the origin id a trimmed copy on ``copy_date`` gets."""
    first = Article.from_cleaned(Cleaned(text=WIRE, outlet="Meridian Wire", published=original_date))
    story, terms = assign_story(first, store, Options(), corpus_size=store.article_count())
    store.save_article(first, story, terms)
    copy = Article.from_cleaned(Cleaned(text=WIRE[: len(WIRE) // 2], outlet="Harbor Post", published=copy_date))
    assign_story(copy, store, Options(), corpus_size=store.article_count())
    return first.id, copy.origin_id, copy.id


def test_copies_are_found_across_a_month_boundary_both_ways(tmp_path):
    for n, (original, copy) in enumerate((("2025-01-20", "2025-02-15"), ("2025-02-15", "2025-01-20"))):
        with open_store(tmp_path / f"{n}.db") as store:
            first_id, origin, _ = _origin_of_copy(store, original, copy)
        assert origin == first_id


def test_copies_months_apart_are_not_looked_for(fresh_db):
    # A reprint runs within days; the same text half a year later is looked up only in its
    # own months, so it is a new origin (and the lookup stays the size of a few months).
    with open_store(fresh_db) as store:
        _, origin, copy_id = _origin_of_copy(store, "2025-01-10", "2025-07-10")
    assert origin == copy_id


def test_an_undated_copy_finds_its_dated_original_in_any_month(fresh_db):
    with open_store(fresh_db) as store:
        filler = Article.from_cleaned(Cleaned(text=WIRE.replace("ferry", "barge"), outlet="X", published="2024-06-01"))
        story, terms = assign_story(filler, store, Options(), corpus_size=0)
        store.save_article(filler, story, terms)
        first_id, origin, _ = _origin_of_copy(store, "2025-03-24", None)
    assert origin == first_id


def test_migration_0006_refiles_the_syndication_index_by_month(fresh_db):
    import sqlite3

    from crosswire.group.syndication import month_bucket

    with open_store(fresh_db) as store:
        first = Article.from_cleaned(Cleaned(text=WIRE, outlet="Meridian Wire", published="2025-03-24"))
        story, terms = assign_story(first, store, Options(), corpus_size=0)
        store.save_article(first, story, terms)
    # Take the file back to the 0005 layout (text band keys, fingerprints by article id), then
    # reopen it: 0006 rebuilds both.
    conn = sqlite3.connect(fresh_db)
    with conn:
        conn.execute("ALTER TABLE fingerprints RENAME TO fingerprints_new")
        conn.execute("CREATE TABLE fingerprints (article_id TEXT PRIMARY KEY, signature BLOB NOT NULL, size INTEGER)")
        conn.execute("INSERT INTO fingerprints SELECT article_id, signature, size FROM fingerprints_new")
        conn.execute("DROP TABLE fingerprints_new")
        conn.execute("DROP TABLE lsh_bands")
        conn.execute(
            "CREATE TABLE lsh_bands (band TEXT, article_id TEXT, PRIMARY KEY (band, article_id)) WITHOUT ROWID"
        )
        conn.execute("INSERT INTO lsh_bands VALUES ('0:ab', ?)", (first.id,))
        conn.execute("DELETE FROM _migrations WHERE name = '0006_syndication_index_by_month'")
    conn.close()
    with open_store(fresh_db) as store:
        rows = store.conn.execute("SELECT DISTINCT bucket FROM lsh_bands").fetchall()
        assert [r[0] for r in rows] == [month_bucket("2025-03-24")]
        assert store.conn.execute("SELECT count(*) FROM lsh_bands").fetchone()[0] == len(first.fingerprint.bands)
        assert [r[0] for r in store.conn.execute("SELECT article_id FROM fingerprints")] == [first.id]
        copy = Article.from_cleaned(Cleaned(text=WIRE[:2000], outlet="Harbor Post", published="2025-03-25"))
        assign_story(copy, store, Options(), corpus_size=1)
    assert copy.origin_id == first.id
