"""Named schema migrations, applied in order and recorded in the database.

Each migration is a function registered under a stable name; the ``_migrations`` table
records which names a database has had, so opening an older file upgrades it in place.
Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

STORY_INDEX_TERMS = 20  # a story is findable by its 20 strongest centroid terms
MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = []


def migration(name: str):
    def register(func: Callable[[sqlite3.Connection], None]):
        MIGRATIONS.append((name, func))
        return func

    return register


def apply_migrations(conn: sqlite3.Connection) -> list[str]:
    """Apply every migration the database lacks; return the names applied now."""
    conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {row[0] for row in conn.execute("SELECT name FROM _migrations")}
    applied = []
    for name, func in MIGRATIONS:
        if name in done:
            continue
        with conn:  # one transaction per migration: a failed one leaves no half-schema
            func(conn)
            conn.execute("INSERT INTO _migrations VALUES (?, datetime('now'))", (name,))
        applied.append(name)
    return applied


@migration("0001_articles_entities_quotes_stories")
def _initial(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            url TEXT,
            source TEXT,
            outlet TEXT,
            title TEXT,
            subtitle TEXT,
            authors TEXT NOT NULL DEFAULT '[]',          -- JSON list of names
            published TEXT,                              -- ISO date or NULL, never invented
            published_estimate TEXT,
            truncated_by_paywall INTEGER NOT NULL DEFAULT 0,
            language TEXT,
            word_count INTEGER NOT NULL,
            image_captions TEXT NOT NULL DEFAULT '[]',   -- JSON list of {text, credit}
            text TEXT NOT NULL,
            sentences TEXT NOT NULL DEFAULT '[]',        -- JSON list of [start, end]
            extractor TEXT,
            story_id INTEGER REFERENCES stories(id),
            ingested_at TEXT NOT NULL DEFAULT (datetime('now'))
        );
        CREATE INDEX articles_story ON articles(story_id);
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE entities (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            actor_id TEXT,
            code TEXT,
            role TEXT,
            PRIMARY KEY (article_id, idx)
        );
        CREATE INDEX entities_actor ON entities(actor_id);
        CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            entity_idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            label TEXT NOT NULL
        );
        CREATE INDEX mentions_article ON mentions(article_id, entity_idx);
        CREATE TABLE quotes (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            speaker TEXT,
            text TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            cue TEXT,
            kind TEXT NOT NULL,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            label TEXT NOT NULL,
            first_date TEXT,
            last_date TEXT,
            vector TEXT NOT NULL DEFAULT '{}',          -- JSON {term: weight}, the centroid
            size INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL);
        CREATE TABLE inputs (
            source TEXT NOT NULL,
            digest TEXT NOT NULL,                       -- sha256 of the raw bytes
            status TEXT NOT NULL,                       -- stored | rejected
            reason TEXT,
            detail TEXT,
            article_ids TEXT NOT NULL DEFAULT '[]',
            at TEXT NOT NULL DEFAULT (datetime('now')),
            PRIMARY KEY (source, digest)
        );
        CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='rowid');
        """
    )


@migration("0002_quote_venues_sources_times_claims")
def _reading_layer(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        ALTER TABLE entities ADD COLUMN country TEXT;
        ALTER TABLE quotes ADD COLUMN venue TEXT;
        ALTER TABLE quotes ADD COLUMN speaker_id TEXT;
        ALTER TABLE quotes ADD COLUMN speaker_start INTEGER;
        ALTER TABLE quotes ADD COLUMN speaker_end INTEGER;
        CREATE TABLE sources_cited (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            chain TEXT NOT NULL DEFAULT '[]',            -- JSON list, article outlet first
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            actor_id TEXT,
            cue TEXT,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE time_expressions (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            text TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            value TEXT,
            granularity TEXT NOT NULL,
            kind TEXT NOT NULL,
            anchor TEXT,
            estimated INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE claims (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            text TEXT NOT NULL,
            status TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            cue TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            sources TEXT NOT NULL DEFAULT '[]',          -- JSON list of source names
            PRIMARY KEY (article_id, idx)
        );
        CREATE INDEX claims_status ON claims(status);
        """
    )


@migration("0003_syndication_and_story_index")
def _syndication(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        ALTER TABLE articles ADD COLUMN origin_id TEXT;  -- first-stored copy of a syndicated text
        CREATE INDEX articles_origin ON articles(origin_id);
        CREATE TABLE fingerprints (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            signature BLOB NOT NULL,                     -- MinHash values, uint32
            size INTEGER NOT NULL                        -- number of distinct shingles
        );
        CREATE TABLE lsh_bands (
            band TEXT NOT NULL,                          -- "<band number>:<hex of its rows>"
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
        );
        CREATE INDEX lsh_bands_band ON lsh_bands(band);
        CREATE TABLE story_terms (                       -- inverted index: a story's top terms
            term TEXT NOT NULL,
            story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
            last_date TEXT,
            weight REAL NOT NULL
        );
        CREATE INDEX story_terms_term ON story_terms(term, last_date);
        CREATE INDEX story_terms_story ON story_terms(story_id);
        """
    )
    # Stories stored before this migration get their index rows from their centroids.
    for story_id, vector, last_date in conn.execute("SELECT id, vector, last_date FROM stories").fetchall():
        top = sorted(json.loads(vector).items(), key=lambda item: -item[1])[:STORY_INDEX_TERMS]
        conn.executemany(
            "INSERT INTO story_terms VALUES (?, ?, ?, ?)", [(term, story_id, last_date, w) for term, w in top]
        )


@migration("0004_events")
def _events(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE events (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            category TEXT NOT NULL,                      -- PLOVER category
            quad_class TEXT NOT NULL,
            mode TEXT,
            source TEXT NOT NULL DEFAULT '[]',           -- JSON lists: actor names and codes
            source_codes TEXT NOT NULL DEFAULT '[]',
            target TEXT NOT NULL DEFAULT '[]',
            target_codes TEXT NOT NULL DEFAULT '[]',
            what TEXT,
            place TEXT,
            place_code TEXT,
            date TEXT,
            date_precision TEXT,
            date_text TEXT,
            status TEXT NOT NULL,
            cue TEXT,
            trigger TEXT NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            PRIMARY KEY (article_id, idx)
        );
        CREATE INDEX events_category ON events(category);
        CREATE INDEX events_date ON events(date);
        """
    )


@migration("0005_lsh_bands_without_rowid")
def _compact_lsh_bands(conn: sqlite3.Connection) -> None:
    """``lsh_bands`` becomes a WITHOUT ROWID table keyed by (band, article_id): one B-tree
    instead of a table plus an index on ``band``, about 40 % fewer pages for the same rows.
    Every article looks up and inserts 32 bands at random places in it, and it is the
    largest structure the per-article write touches, so its size is what the cost of those
    writes follows once the store outgrows memory. Same columns, same rows."""
    if not conn.in_transaction:
        conn.execute("BEGIN")  # DDL included: the rebuild happens entirely or not at all
    conn.execute(
        """CREATE TABLE lsh_bands_new (
               band TEXT NOT NULL,                  -- "<band number>:<hex of its rows>"
               article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
               PRIMARY KEY (band, article_id)
           ) WITHOUT ROWID"""
    )
    conn.execute(
        "INSERT OR IGNORE INTO lsh_bands_new (band, article_id)"
        " SELECT band, article_id FROM lsh_bands ORDER BY band, article_id"
    )
    conn.execute("DROP TABLE lsh_bands")
    conn.execute("ALTER TABLE lsh_bands_new RENAME TO lsh_bands")


@migration("0006_syndication_index_by_month")
def _syndication_index_by_month(conn: sqlite3.Connection) -> None:
    """``lsh_bands`` keyed by (month bucket, band hash, article key), all integers, and
    ``fingerprints`` keyed by that article key.

    Filed by month, an article's 32 inserts and lookups land in the part of the B-tree that
    holds the last months, so their cost stops growing with the history kept (see
    ``crosswire.group.syndication``); integer keys make each row about a third of the old
    text one. The article key is the fingerprint's own ``id``: numbered in order of arrival,
    so new fingerprints are appended, and an explicit INTEGER PRIMARY KEY, so VACUUM keeps it
    (it may renumber the articles' implicit rowids). Both tables are rebuilt from the stored
    fingerprints."""
    from crosswire.group.syndication import Fingerprint, month_bucket  # the band keys' one definition

    if not conn.in_transaction:
        conn.execute("BEGIN")  # DDL included: the rebuild happens entirely or not at all
    stored = conn.execute(
        "SELECT a.id, a.published, f.signature, f.size FROM fingerprints f JOIN articles a ON a.id = f.article_id"
        " ORDER BY a.rowid"
    ).fetchall()
    conn.execute("DROP TABLE lsh_bands")
    conn.execute("DROP TABLE fingerprints")
    conn.execute(
        """CREATE TABLE fingerprints (
               id INTEGER PRIMARY KEY,              -- the article key in lsh_bands
               article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
               signature BLOB NOT NULL,             -- MinHash values, uint32
               size INTEGER NOT NULL                -- number of distinct shingles
           )"""
    )
    conn.execute(
        """CREATE TABLE lsh_bands (
               bucket INTEGER NOT NULL,             -- 30-day period of the article's date; 0 undated
               band INTEGER NOT NULL,               -- 63-bit hash of one band of its MinHash signature
               article INTEGER NOT NULL,            -- fingerprints.id
               PRIMARY KEY (bucket, band, article)
           ) WITHOUT ROWID"""
    )
    for article_id, published, signature, size in stored:
        bucket = month_bucket(published)
        key = conn.execute(
            "INSERT INTO fingerprints (article_id, signature, size) VALUES (?, ?, ?)", (article_id, signature, size)
        ).lastrowid
        conn.executemany(
            "INSERT OR IGNORE INTO lsh_bands VALUES (?, ?, ?)",
            [(bucket, band, key) for band in Fingerprint.from_bytes(signature, size).bands],
        )
