"""The embedded store: one SQLite file, WAL mode, full-text search, named migrations.

Everything one article brings (its row, entities, mentions, quotes, its story's update and
the input record) is written in one transaction, so a killed ingest leaves either all of
it or none of it, and re-running resumes where it stopped.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

from crosswire.document import Article, Claim, Event, Quote, SourceCited, TimeExpression
from crosswire.errors import NotFound, Rejection, StoreError
from crosswire.store.base import InputDone, StoryRow
from crosswire.group.syndication import Fingerprint, buckets_to_search, month_bucket
from crosswire.store.migrations import STORY_INDEX_TERMS, apply_migrations

MAX_CANDIDATES = 50  # stories scored per article: the best by shared index weight
UNDATED_POSTINGS = 200  # an undated article reads each term's 200 most recent stories
VECTOR_CACHE = 512  # parsed story centroids kept in memory, most recently used (~40 KB each)
WAL_CHECKPOINT_PAGES = 40_000  # checkpoint the WAL when it holds this many pages (SQLite: 1000)


class SQLiteStore:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        # story id -> (its stored vector JSON, that JSON parsed): every article scores the
        # stories of the date window, and parsing their centroids again each time would
        # cost more than the rest of the lookup. Checked against the stored text on every read.
        self._vectors: OrderedDict[int, tuple[str, dict[str, float]]] = OrderedDict()
        try:
            self.conn = sqlite3.connect(self.path)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            # Checkpoint every ~160 MB of WAL instead of SQLite's 4 MB: an article writes ~85
            # pages, and each checkpoint writes every distinct page it carries back into the
            # database file and fsyncs it. Fewer checkpoints carry the pages rewritten by
            # many articles (term_df, the story index, the stories of the window, the FTS
            # segments, the month's lsh_bands) once instead of each time; in a large file
            # those scattered writes are what the per-article cost grows with. The WAL is
            # removed when the store is closed.
            self.conn.execute(f"PRAGMA wal_autocheckpoint={WAL_CHECKPOINT_PAGES}")
            apply_migrations(self.conn)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"cannot open the store at {self.path}: {error}") from error

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest bookkeeping -------------------------------------------------------------

    def input_seen(self, source: str, digest: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM inputs WHERE source = ? AND digest = ?", (source, digest)).fetchone()
        return row is not None

    def record_rejection(self, rejection: Rejection, digest: str) -> None:
        with self.conn:
            self.conn.execute(
                "INSERT OR REPLACE INTO inputs (source, digest, status, reason, detail)"
                " VALUES (?, ?, 'rejected', ?, ?)",
                (rejection.source, digest, rejection.reason.value, rejection.detail),
            )

    def record_input(self, source: str, digest: str, article_ids: list[str]) -> None:
        with self.conn:
            self._write_input(source, digest, article_ids)

    def _write_input(self, source: str, digest: str, article_ids: list[str]) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO inputs (source, digest, status, article_ids) VALUES (?, ?, 'stored', ?)",
            (source, digest, json.dumps(article_ids)),
        )

    def has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    # -- writing ------------------------------------------------------------------------

    def save_article(
        self, article: Article, story: StoryRow, terms: dict[str, int], *, input_done: InputDone | None = None
    ) -> None:
        """Store the article, its annotations and its story's new state in one transaction;
        with ``input_done``, also mark the input it came from as finished, in the same one."""
        with self.conn:
            if input_done is not None:
                self._write_input(input_done.source, input_done.digest, list(input_done.article_ids))
            self._write_story(story)
            article.story_id = story.id
            self._write_article(article)
            self.conn.executemany(
                "INSERT INTO term_df (term, df) VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET df = df + 1",
                [(term,) for term in terms],
            )

    def _write_story(self, story: StoryRow) -> None:
        text = json.dumps(story.vector)
        values = (story.label, story.first_date, story.last_date, text, story.size)
        top = sorted(story.vector.items(), key=lambda item: -item[1])[:STORY_INDEX_TERMS]
        if story.id is None:
            cursor = self.conn.execute(
                "INSERT INTO stories (label, first_date, last_date, vector, size) VALUES (?, ?, ?, ?, ?)", values
            )
            story.id = cursor.lastrowid
            self.conn.executemany(
                "INSERT INTO story_terms VALUES (?, ?, ?, ?)",
                [(term, story.id, _index_date(story.last_date), weight) for term, weight in top],
            )
        else:
            self.conn.execute(
                "UPDATE stories SET label = ?, first_date = ?, last_date = ?, vector = ?, size = ? WHERE id = ?",
                (*values, story.id),
            )
            self._update_story_terms(story.id, _index_date(story.last_date), top)
        self._remember_vector(story.id, text, story.vector)

    def _update_story_terms(self, story_id: int, last_date: str | None, top: list[tuple[str, float]]) -> None:
        """Make the story's index rows ``top`` (at ``last_date``), changing only what changed.

        Deleting and re-inserting all of them would rewrite every row's index entry on every
        article; a story mostly keeps its strongest terms and its last date from one article to
        the next, so most rows only get a new weight (no index entry moves). The rows that
        result are the same as a delete and re-insert would leave."""
        wanted = dict(top)
        stale = []
        for rowid, term, date, weight in self.conn.execute(
            "SELECT rowid, term, last_date, weight FROM story_terms WHERE story_id = ?", (story_id,)
        ).fetchall():
            if term not in wanted:
                stale.append(rowid)
                continue
            new_weight = wanted.pop(term)
            if date != last_date:
                self.conn.execute(
                    "UPDATE story_terms SET last_date = ?, weight = ? WHERE rowid = ?", (last_date, new_weight, rowid)
                )
            elif weight != new_weight:
                self.conn.execute("UPDATE story_terms SET weight = ? WHERE rowid = ?", (new_weight, rowid))
        entering = list(wanted.items())
        for rowid, (term, weight) in zip(stale, entering):
            self.conn.execute(
                "UPDATE story_terms SET term = ?, last_date = ?, weight = ? WHERE rowid = ?",
                (term, last_date, weight, rowid),
            )
        if len(stale) > len(entering):
            self.conn.executemany("DELETE FROM story_terms WHERE rowid = ?", [(r,) for r in stale[len(entering) :]])
        else:
            self.conn.executemany(
                "INSERT INTO story_terms VALUES (?, ?, ?, ?)",
                [(term, story_id, last_date, weight) for term, weight in entering[len(stale) :]],
            )

    def _write_article(self, article: Article) -> None:
        record = article.to_record()
        cursor = self.conn.execute(
            """INSERT INTO articles (id, url, source, outlet, title, subtitle, authors, published,
                   published_estimate, truncated_by_paywall, language, word_count, image_captions,
                   text, sentences, extractor, story_id, origin_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                article.id, record["url"], record["source"], record["outlet"], record["title"],
                record["subtitle"], json.dumps(record["authors"]), record["published"],
                record["published_estimate"], int(record["truncated_by_paywall"]), record["language"],
                record["word_count"], json.dumps(record["image_captions"]), article.text,
                json.dumps([[s.start, s.end] for s in article.sentences]), article.meta.extractor,
                article.story_id, article.origin_id or article.id,
            ),
        )
        if article.fingerprint is not None:
            key = self.conn.execute(  # appended: its id is the article's key in lsh_bands
                "INSERT INTO fingerprints (article_id, signature, size) VALUES (?, ?, ?)",
                (article.id, article.fingerprint.to_bytes(), article.fingerprint.size),
            ).lastrowid
            bucket = month_bucket(article.meta.published)
            self.conn.executemany(
                "INSERT OR IGNORE INTO lsh_bands VALUES (?, ?, ?)",
                [(bucket, band, key) for band in article.fingerprint.bands],
            )
        self.conn.execute(
            "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
            (cursor.lastrowid, record["title"] or "", article.text),
        )
        for idx, entity in enumerate(article.entities):
            self.conn.execute(
                "INSERT INTO entities (article_id, idx, name, kind, actor_id, code, role, country)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (article.id, idx, entity.name, entity.kind, entity.actor_id, entity.code, entity.role, entity.country),
            )
            self.conn.executemany(
                "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?)",
                [(article.id, idx, m.start, m.end, m.text, m.label) for m in entity.mentions],
            )
        for table, rows in (
            ("quotes", record["quotes"]),
            ("sources_cited", record["sources_cited"]),
            ("time_expressions", record["times"]),
            ("claims", record["claims"]),
            ("events", record["events"]),
        ):
            self._insert_layer(table, article.id, rows)

    def _insert_layer(self, table: str, article_id: str, rows: list[dict[str, Any]]) -> None:
        """Insert one annotation layer's records; list values (chains, sources) go in as JSON."""
        if not rows:
            return
        columns = list(rows[0])
        marks = ", ".join("?" * (len(columns) + 2))
        self.conn.executemany(
            f"INSERT INTO {table} (article_id, idx, {', '.join(columns)}) VALUES ({marks})",
            [
                (article_id, idx, *(json.dumps(v) if isinstance(v, list) else v for v in row.values()))
                for idx, row in enumerate(rows)
            ],
        )

    def merge_stories(self, merged: StoryRow, drop_id: int) -> None:
        """Move story ``drop_id``'s articles into ``merged`` (which keeps its id) and delete it."""
        with self.conn:
            self.conn.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (merged.id, drop_id))
            self.conn.execute("DELETE FROM story_terms WHERE story_id = ?", (drop_id,))
            self.conn.execute("DELETE FROM stories WHERE id = ?", (drop_id,))
            self._write_story(merged)

    def split_story(self, kept: StoryRow, parts: list[tuple[StoryRow, list[str]]]) -> None:
        """Rewrite story ``kept`` (its new centroid, label, dates and size) and move each
        part's articles, by id, into a new story made from the part's row (whose ``id`` is
        set here), all in one transaction: a reader never sees an article in a story whose
        state does not count it."""
        with self.conn:
            self._write_story(kept)
            for row, article_ids in parts:
                row.id = None
                self._write_story(row)
                moves = [(row.id, article_id) for article_id in article_ids]
                self.conn.executemany("UPDATE articles SET story_id = ? WHERE id = ?", moves)

    def story_articles(self, story_id: int) -> list[dict[str, Any]]:
        """The records of the story's articles, in the order they were stored."""
        rows = self.conn.execute("SELECT * FROM articles WHERE story_id = ? ORDER BY rowid", (story_id,))
        return self._records(rows.fetchall())

    def update_estimate(self, article: Article) -> None:
        """Store an article's new ``published_estimate`` with its re-anchored times and events."""
        record = article.to_record()
        with self.conn:
            self.conn.execute(
                "UPDATE articles SET published_estimate = ? WHERE id = ?", (record["published_estimate"], article.id)
            )
            for table, rows in (("time_expressions", record["times"]), ("events", record["events"])):
                self.conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
                self._insert_layer(table, article.id, rows)

    def undated_articles(self, story_id: int) -> list[dict[str, Any]]:
        """Records of the story's articles with neither a date nor an estimate."""
        rows = self.conn.execute(
            "SELECT * FROM articles WHERE story_id = ? AND published IS NULL AND published_estimate IS NULL",
            (story_id,),
        )
        return self._records(rows.fetchall())

    # -- reading ------------------------------------------------------------------------

    def article_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def term_df(self, terms: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for chunk in _chunks(terms):
            marks = ",".join("?" * len(chunk))
            found.update(self.conn.execute(f"SELECT term, df FROM term_df WHERE term IN ({marks})", chunk).fetchall())
        return found

    def candidate_stories(self, date: str | None, window_days: int, terms: list[str]) -> list[StoryRow]:
        """Stories indexed under any of ``terms`` whose date range lies within ``window_days``
        of ``date`` (any date when undated), strongest shared weight first, at most
        ``MAX_CANDIDATES``. The index is on (term, last_date): the cost follows the stories
        in the window (or, undated, a bounded number per term), not the size of the store."""
        if not terms:
            return []
        marks = ",".join("?" * len(terms))
        params: list = list(terms)
        if date:
            # Two range scans of the (term, last_date) index: ``last_date IS NULL OR
            # last_date >= ?`` in one WHERE makes SQLite scan each term's whole posting list,
            # which spans all history. A story's rows are all dated or all undated, so each
            # story's weights are summed in the same order as by the single scan.
            query = (
                "SELECT story_id, sum(weight) AS shared FROM ("
                f"SELECT story_id, weight FROM story_terms WHERE term IN ({marks}) AND last_date >= date(?, ?)"
                f" UNION ALL SELECT story_id, weight FROM story_terms WHERE term IN ({marks}) AND last_date IS NULL)"
            )
            params += [date, f"-{window_days} days", *terms]
        else:
            # Undated: any date, but at most the UNDATED_POSTINGS most recent stories of each
            # term (and as many undated ones), so the lookup stays bounded as history grows.
            # A term shared by more stories than that says little about which one it is; the
            # rare terms that do tell have short lists and are read whole.
            per_term = (
                "SELECT * FROM (SELECT story_id, weight FROM story_terms WHERE term = ? AND last_date IS NOT NULL"
                " ORDER BY last_date DESC LIMIT ?) UNION ALL SELECT * FROM (SELECT story_id, weight"
                " FROM story_terms WHERE term = ? AND last_date IS NULL LIMIT ?)"
            )
            union = " UNION ALL ".join([per_term] * len(terms))
            query = f"SELECT story_id, sum(weight) AS shared FROM ({union})"
            params = [p for term in terms for p in (term, UNDATED_POSTINGS, term, UNDATED_POSTINGS)]
        query += " GROUP BY story_id ORDER BY shared DESC LIMIT ?"
        params.append(MAX_CANDIDATES)
        ids = [row["story_id"] for row in self.conn.execute(query, params)]
        if not ids:
            return []
        rows = self.conn.execute(f"SELECT * FROM stories WHERE id IN ({','.join('?' * len(ids))})", ids)
        stories = [self._story_row(row) for row in rows]
        if date:
            stories = [s for s in stories if _within(date, s.first_date, s.last_date, window_days)]
        return stories

    def story_row(self, story_id: int) -> StoryRow:
        row = self.conn.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise NotFound(f"no story {story_id}")
        return self._story_row(row)

    def near_copies(self, fingerprint: Fingerprint, published: str | None) -> list[tuple[str, str, int, Fingerprint]]:
        """Stored articles sharing an LSH band with ``fingerprint`` of an article published on
        ``published``, among those dated within the months around it and the undated ones
        (all when ``published`` is None): (id, origin id, story id, their fingerprint). The
        caller decides which are copies."""
        buckets = buckets_to_search(published, None if published else self._dated_buckets())
        bands = fingerprint.bands
        rows = self.conn.execute(
            f"""SELECT a.id, a.origin_id, a.story_id, f.signature, f.size
                FROM (SELECT DISTINCT article FROM lsh_bands
                       WHERE bucket IN ({','.join('?' * len(buckets))}) AND band IN ({','.join('?' * len(bands))})) b
                JOIN fingerprints f ON f.id = b.article JOIN articles a ON a.id = f.article_id""",
            [*buckets, *bands],
        )
        return [
            (r["id"], r["origin_id"] or r["id"], r["story_id"], Fingerprint.from_bytes(r["signature"], r["size"]))
            for r in rows
        ]

    def _dated_buckets(self) -> tuple[int, int] | None:
        """The buckets of the earliest and latest stored publication dates (two index reads)."""
        first = self.conn.execute("SELECT min(published) FROM articles").fetchone()[0]
        last = self.conn.execute("SELECT max(published) FROM articles").fetchone()[0]
        return (month_bucket(first), month_bucket(last)) if first and last else None

    def _story_row(self, row: sqlite3.Row) -> StoryRow:
        return StoryRow(
            id=row["id"],
            label=row["label"],
            first_date=row["first_date"],
            last_date=row["last_date"],
            vector=self._vector(row["id"], row["vector"]),
            size=row["size"],
        )

    def _vector(self, story_id: int, text: str) -> dict[str, float]:
        """The parsed vector, from the cache when the stored text is the one cached (a copy:
        callers own what they get)."""
        cached = self._vectors.get(story_id)
        if cached is not None and cached[0] == text:
            self._vectors.move_to_end(story_id)
            return dict(cached[1])
        vector = json.loads(text)
        self._remember_vector(story_id, text, vector)
        return dict(vector)

    def _remember_vector(self, story_id: int, text: str, vector: dict[str, float]) -> None:
        # ``text`` is ``json.dumps`` of ``vector`` or parses to it: keys in the same order and
        # floats that round-trip exactly, so a cached vector is what parsing would give. A
        # write that is rolled back leaves a stale entry, which the text check then skips.
        self._vectors[story_id] = (text, dict(vector))
        self._vectors.move_to_end(story_id)
        if len(self._vectors) > VECTOR_CACHE:
            self._vectors.popitem(last=False)

    def stories(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            """SELECT s.id, s.label, s.first_date, s.last_date, count(a.id) AS articles,
                      group_concat(DISTINCT a.outlet) AS outlets
               FROM stories s JOIN articles a ON a.story_id = s.id
               GROUP BY s.id ORDER BY count(a.id) DESC, s.first_date"""
        ).fetchall()
        return [
            {**dict(row), "outlets": sorted((row["outlets"] or "").split(",")) if row["outlets"] else []}
            for row in rows
        ]

    def story(self, story_id: int) -> dict[str, Any]:
        row = self.conn.execute(
            "SELECT id, label, first_date, last_date FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no story {story_id}")
        articles = self.conn.execute(
            "SELECT * FROM articles WHERE story_id = ? ORDER BY published, outlet", (story_id,)
        ).fetchall()
        return {**dict(row), "articles": self._records(articles)}

    def article(self, article_id: str) -> dict[str, Any]:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"no article {article_id}")
        return self._record(row)

    def iter_articles(self) -> Iterator[dict[str, Any]]:
        """Every article as its export record, streamed in ingest order."""
        cursor = self.conn.execute("SELECT * FROM articles ORDER BY rowid")
        while rows := cursor.fetchmany(100):
            yield from self._records(rows)

    def rejections(self) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT source, reason, detail FROM inputs WHERE status = 'rejected' ORDER BY at")
        return [dict(r) for r in rows]

    # -- events across articles and table exports (crosswire.events, crosswire.export) ---

    def iter_events(self) -> Iterator[dict[str, Any]]:
        """Every stored event with what merging needs from its article, in one query.

        Each row is the event's export record (lists decoded) plus ``article_id``, ``idx``,
        the article's ``outlet``, ``url``, ``title``, ``published``, ``published_estimate``,
        ``origin_id`` and ``story_id``, the event's ``sentence`` text, and ``cited``: the
        sources cited in that sentence (``{name, kind, chain, actor_id}``), which decide
        whether two reports rest on the same upstream source."""
        cursor = self.conn.execute(
            f"""SELECT e.article_id, e.idx, {', '.join('e.' + f for f in EVENT_FIELDS)},
                       a.outlet, a.url, a.title, a.published, a.published_estimate,
                       coalesce(a.origin_id, a.id) AS origin_id, a.story_id,
                       substr(a.text, e.start + 1, e.end - e.start) AS sentence,
                       (SELECT json_group_array(json_object('name', s.name, 'kind', s.kind,
                                   'chain', json(s.chain), 'actor_id', s.actor_id))
                          FROM sources_cited s
                         WHERE s.article_id = e.article_id AND s.start < e.end AND s.end > e.start) AS cited
                FROM events e JOIN articles a ON a.id = e.article_id
                ORDER BY a.rowid, e.idx"""
        )
        while rows := cursor.fetchmany(500):
            for row in rows:
                record = dict(row)
                for name in (*EVENT_LISTS, "cited"):
                    value = record[name]
                    record[name] = [] if value == "[]" else json.loads(value)  # most lists are empty
                yield record

    def actor_names(self) -> list[dict[str, Any]]:
        """Every distinct entity name with its kind, code and registry id, and in how many
        articles it occurs: what actor arguments and graph nodes are resolved against."""
        rows = self.conn.execute(
            """SELECT name, kind, code, actor_id, count(DISTINCT article_id) AS articles
               FROM entities GROUP BY name, kind, code, actor_id ORDER BY articles DESC, name"""
        )
        return [dict(r) for r in rows]

    def table_columns(self) -> dict[str, list[tuple[str, str]]]:
        """The store's ordinary tables, each with its (column, declared type) list, in
        creation order. SQLite's own tables and full-text indexes (virtual tables and their
        shadow tables) are storage mechanics and are left out."""
        rows = self.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY rowid").fetchall()
        virtual = [r["name"] for r in rows if (r["sql"] or "").upper().startswith("CREATE VIRTUAL TABLE")]
        tables: dict[str, list[tuple[str, str]]] = {}
        for row in rows:
            name = row["name"]
            if name.startswith("sqlite_") or name in virtual or any(name.startswith(v + "_") for v in virtual):
                continue
            info = self.conn.execute(f'PRAGMA table_info("{name}")').fetchall()
            tables[name] = [(c["name"], (c["type"] or "").upper()) for c in info]
        return tables

    def iter_table(self, table: str) -> Iterator[dict[str, Any]]:
        """The rows of one table from ``table_columns``, as stored (lists stay JSON text)."""
        columns = self.table_columns().get(table)
        if columns is None:
            raise NotFound(f"no table {table!r} in the store")
        names = ", ".join(f'"{name}"' for name, _ in columns)
        cursor = self.conn.execute(f'SELECT {names} FROM "{table}"')
        while rows := cursor.fetchmany(500):
            for row in rows:
                yield dict(row)

    def _record(self, row: sqlite3.Row) -> dict[str, Any]:
        return self._records([row])[0]

    def _records(self, rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
        """Export records of article ``rows``, with every annotation layer: one query per
        layer for all of them (a story of 200 articles is 7 queries, not 1,400)."""
        ids = [row["id"] for row in rows]
        mentions = self._grouped("mentions", ids, ("entity_idx", "text", "start", "end"), order="start")
        entities = self._grouped("entities", ids, ("idx", "name", "kind", "actor_id", "code", "role", "country"))
        layers = {
            "quotes": self._grouped("quotes", ids, QUOTE_FIELDS),
            "sources_cited": self._grouped("sources_cited", ids, SOURCE_FIELDS, json_fields=("chain",)),
            "times": self._grouped("time_expressions", ids, TIME_FIELDS, bool_fields=("estimated",)),
            "claims": self._grouped("claims", ids, CLAIM_FIELDS, json_fields=("sources",)),
            "events": self._grouped("events", ids, EVENT_FIELDS, json_fields=EVENT_LISTS),
        }
        records = []
        for row in rows:
            article_id = row["id"]
            by_entity: dict[int, list[dict[str, Any]]] = {}
            for m in mentions.get(article_id, []):
                by_entity.setdefault(m.pop("entity_idx"), []).append(m)
            records.append(
                {
                    **self._article_fields(row),
                    "entities": [
                        {**{k: v for k, v in e.items() if k != "idx"}, "mentions": by_entity.get(e["idx"], [])}
                        for e in entities.get(article_id, [])
                    ],
                    **{name: layer.get(article_id, []) for name, layer in layers.items()},
                }
            )
        return records

    @staticmethod
    def _article_fields(row: sqlite3.Row) -> dict[str, Any]:
        return {
            "id": row["id"],
            "url": row["url"],
            "source": row["source"],
            "outlet": row["outlet"],
            "title": row["title"],
            "subtitle": row["subtitle"],
            "authors": json.loads(row["authors"]),
            "published": row["published"],
            "published_estimate": row["published_estimate"],
            "truncated_by_paywall": bool(row["truncated_by_paywall"]),
            "language": row["language"],
            "word_count": row["word_count"],
            "image_captions": json.loads(row["image_captions"]),
            "text": row["text"],
            "story_id": row["story_id"],
            "origin_id": row["origin_id"],
        }

    def _grouped(
        self,
        table: str,
        article_ids: list[str],
        fields: tuple[str, ...],
        *,
        order: str = "idx",
        json_fields: tuple[str, ...] = (),
        bool_fields: tuple[str, ...] = (),
    ) -> dict[str, list[dict[str, Any]]]:
        """``table``'s rows for ``article_ids`` as records of ``fields``, by article id, each
        article's in ``order``; JSON columns decoded, 0/1 columns made booleans."""
        grouped: dict[str, list[dict[str, Any]]] = {}
        for chunk in _chunks(article_ids):
            rows = self.conn.execute(
                f"SELECT article_id, {', '.join(fields)} FROM {table}"
                f" WHERE article_id IN ({','.join('?' * len(chunk))}) ORDER BY article_id, {order}",
                chunk,
            )
            for row in rows:
                record = dict(row)
                for name in json_fields:
                    record[name] = json.loads(record[name])
                for name in bool_fields:
                    record[name] = bool(record[name])
                grouped.setdefault(record.pop("article_id"), []).append(record)
        return grouped


def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


# Column order of each annotation table = the dataclass's field order, so records read back
# exactly as ``Article.to_record`` wrote them.
QUOTE_FIELDS = _field_names(Quote)
SOURCE_FIELDS = _field_names(SourceCited)
TIME_FIELDS = _field_names(TimeExpression)
CLAIM_FIELDS = _field_names(Claim)
EVENT_FIELDS = _field_names(Event)
EVENT_LISTS = ("source", "source_codes", "target", "target_codes")


def _chunks(values: list[str], size: int = 500) -> Iterator[list[str]]:
    """``values`` in runs of ``size``: SQLite limits the parameters one statement binds."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _within(date: str, first_date: str | None, last_date: str | None, window_days: int) -> bool:
    """The story's date range reaches within ``window_days`` of ``date`` on both sides (the
    index only knows the last date rounded up to its week)."""
    if first_date is None:
        return True
    day = dt.date.fromisoformat(date)
    after = (dt.date.fromisoformat(first_date) - day).days
    before = (day - dt.date.fromisoformat(last_date or first_date)).days
    return after <= window_days and before <= window_days


def _index_date(last_date: str | None) -> str | None:
    """A story's last date as its ``story_terms`` rows carry it: rounded up to the Sunday that
    ends its week. Exact dates would move the story's 20 index rows to a new place in 20
    posting lists with nearly every article it gains (20 scattered pages written); a week's
    date moves them once a week. Rounding up keeps the window lookup conservative, and
    ``candidate_stories`` checks the exact dates afterwards."""
    if last_date is None:
        return None
    day = dt.date.fromisoformat(last_date[:10])
    return (day + dt.timedelta(days=6 - day.weekday())).isoformat()
