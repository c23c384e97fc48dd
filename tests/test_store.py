"""The SQLite store: named migrations, one transaction per article, round trips."""

from __future__ import annotations

import sqlite3

import pytest

from crosswire.document import Article, Cleaned, Entity, Mention, Quote
from crosswire.errors import NotFound, Reason, Rejection, StoreError
from crosswire.store import StoryRow, open_store
from crosswire.store.migrations import MIGRATIONS


def make_article(text: str = "Valdoria and Sarvania signed a grain accord in Severin on Friday.") -> Article:
    article = Article.from_cleaned(
        Cleaned(text=text, title="Accord signed", authors=["Ana Test"], outlet="Harbor Post", published="2025-03-14")
    )
    article.entities = [Entity(name="Valdoria", kind="country", code="VLD", mentions=[Mention(0, 8, "Valdoria", "GPE")])]
    article.quotes = [Quote(text="signed a grain accord", start=22, end=43, speaker="Dusan Korvath", cue="said")]
    return article


def test_migrations_are_named_and_recorded_once(fresh_db):
    with open_store(fresh_db):
        pass
    with open_store(fresh_db):  # reopening applies nothing twice
        pass
    conn = sqlite3.connect(fresh_db)
    names = [row[0] for row in conn.execute("SELECT name FROM _migrations ORDER BY name")]
    assert names == sorted(name for name, _ in MIGRATIONS)


def test_article_round_trip_keeps_annotations(fresh_db):
    article = make_article()
    with open_store(fresh_db) as store:
        store.save_article(article, StoryRow(None, "accord", "2025-03-14", "2025-03-14", {"grain": 1.0}, 1), {"grain": 1})
        record = store.article(article.id)
    assert record["story_id"] == article.story_id is not None
    assert record["entities"][0]["mentions"] == [{"text": "Valdoria", "start": 0, "end": 8}]
    assert record["quotes"][0]["speaker"] == "Dusan Korvath"
    assert record["authors"] == ["Ana Test"] and record["published"] == "2025-03-14"
    assert record["text"][22:43] == "signed a grain accord"


def test_a_failed_write_leaves_nothing_behind(fresh_db):
    article = make_article()
    # The second entity has no name (NOT NULL): the write fails after the story, the article
    # row and the first entity were already inserted in the same transaction.
    article.entities.append(Entity(name=None, kind="country"))
    with open_store(fresh_db) as store:
        with pytest.raises(sqlite3.IntegrityError):
            store.save_article(article, StoryRow(None, "accord", None, None, {}, 1), {"grain": 1})
        assert store.article_count() == 0
        assert store.stories() == []
        assert store.term_df(["grain"]) == {}


def test_unknown_ids_raise_not_found(fresh_db):
    with open_store(fresh_db) as store:
        with pytest.raises(NotFound):
            store.article("nope")
        with pytest.raises(NotFound):
            store.story(99)


def test_inputs_are_remembered_for_resume(fresh_db):
    with open_store(fresh_db) as store:
        store.record_rejection(Rejection("a.html", Reason.EMPTY, "no content"), "d1")
        store.record_input("b.html", "d2", ["x"])
        assert store.input_seen("a.html", "d1") and store.input_seen("b.html", "d2")
        assert not store.input_seen("b.html", "other-bytes")
        assert store.rejections() == [{"source": "a.html", "reason": "empty", "detail": "no content"}]


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path):
    bad = tmp_path / "not.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        open_store(bad)


def test_an_undated_lookup_reads_a_bounded_number_of_stories_per_term_but_finds_rare_ones(fresh_db):
    from crosswire.store.sqlite import UNDATED_POSTINGS

    with open_store(fresh_db) as store:
        with store.conn:
            # One old story with a rare term, then more recent stories than the bound, all
            # sharing one common term: the common term alone reaches only the recent ones.
            old = StoryRow(None, "old", "2020-01-01", "2020-01-02", {"korvath": 0.7, "common": 0.7}, 1)
            store._write_story(old)
            for day in range(UNDATED_POSTINGS + 10):
                date = f"2024-{1 + day // 28:02d}-{1 + day % 28:02d}"
                store._write_story(StoryRow(None, f"s{day}", date, date, {"common": 0.5, "other": 0.86}, 1))
        by_common = {s.id for s in store.candidate_stories(None, 21, ["common"])}
        by_both = {s.id for s in store.candidate_stories(None, 21, ["common", "korvath"])}
    assert old.id not in by_common and len(by_common) == 50  # MAX_CANDIDATES of the newest
    assert old.id in by_both  # its rare term finds it whatever its age
