"""The embedded store: one SQLite file, WAL mode, full-text search, named migrations.

Everything one article brings (its row, entities, mentions, quotes, its story's update and
the input record) is written in one transaction, so a killed ingest leaves either all of
it or none of it, and re-running resumes where it stopped.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

from crosswire.document import Article, Claim, Quote, SourceCited, TimeExpression
from crosswire.errors import NotFound, Rejection, StoreError
from crosswire.store.base import InputDone, StoryRow
from crosswire.store.migrations import apply_migrations


class SQLiteStore:
    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(self.path)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
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
                "INSERT OR REPLACE INTO inputs (source, digest, status, reason, detail) VALUES (?, ?, 'rejected', ?, ?)",
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
        values = (story.label, story.first_date, story.last_date, json.dumps(story.vector), story.size)
        if story.id is None:
            cursor = self.conn.execute(
                "INSERT INTO stories (label, first_date, last_date, vector, size) VALUES (?, ?, ?, ?, ?)", values
            )
            story.id = cursor.lastrowid
        else:
            self.conn.execute(
                "UPDATE stories SET label = ?, first_date = ?, last_date = ?, vector = ?, size = ? WHERE id = ?",
                (*values, story.id),
            )

    def _write_article(self, article: Article) -> None:
        record = article.to_record()
        cursor = self.conn.execute(
            """INSERT INTO articles (id, url, source, outlet, title, subtitle, authors, published,
                   published_estimate, truncated_by_paywall, language, word_count, image_captions,
                   text, sentences, extractor, story_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                article.id, record["url"], record["source"], record["outlet"], record["title"],
                record["subtitle"], json.dumps(record["authors"]), record["published"],
                record["published_estimate"], int(record["truncated_by_paywall"]), record["language"],
                record["word_count"], json.dumps(record["image_captions"]), article.text,
                json.dumps([[s.start, s.end] for s in article.sentences]), article.meta.extractor,
                article.story_id,
            ),
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

    # -- reading ------------------------------------------------------------------------

    def article_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def term_df(self, terms: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for chunk_start in range(0, len(terms), 500):  # SQLite limits bound parameters
            chunk = terms[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self.conn.execute(f"SELECT term, df FROM term_df WHERE term IN ({marks})", chunk).fetchall())
        return found

    def candidate_stories(self, date: str | None, window_days: int) -> list[StoryRow]:
        """Stories whose date range lies within ``window_days`` of ``date`` (all when undated)."""
        query = "SELECT * FROM stories"
        params: tuple = ()
        if date:
            query += (
                " WHERE first_date IS NULL OR (date(?) BETWEEN date(first_date, ?) AND date(last_date, ?))"
            )
            params = (date, f"-{window_days} days", f"+{window_days} days")
        return [_story_row(row) for row in self.conn.execute(query, params)]

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
        row = self.conn.execute("SELECT id, label, first_date, last_date FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise NotFound(f"no story {story_id}")
        articles = [
            self.article(r["id"])
            for r in self.conn.execute(
                "SELECT id FROM articles WHERE story_id = ? ORDER BY published, outlet", (story_id,)
            )
        ]
        return {**dict(row), "articles": articles}

    def article(self, article_id: str) -> dict[str, Any]:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise NotFound(f"no article {article_id}")
        return self._record(row)

    def iter_articles(self) -> Iterator[dict[str, Any]]:
        """Every article as its export record, streamed in ingest order."""
        cursor = self.conn.execute("SELECT * FROM articles ORDER BY rowid")
        while rows := cursor.fetchmany(100):
            for row in rows:
                yield self._record(row)

    def rejections(self) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT source, reason, detail FROM inputs WHERE status = 'rejected' ORDER BY at")
        return [dict(r) for r in rows]

    def _record(self, row: sqlite3.Row) -> dict[str, Any]:
        article_id = row["id"]
        mentions: dict[int, list[dict[str, Any]]] = {}
        for m in self.conn.execute(
            "SELECT entity_idx, text, start, end FROM mentions WHERE article_id = ? ORDER BY start", (article_id,)
        ):
            mentions.setdefault(m["entity_idx"], []).append({"text": m["text"], "start": m["start"], "end": m["end"]})
        entities = [
            {
                "name": e["name"],
                "kind": e["kind"],
                "actor_id": e["actor_id"],
                "code": e["code"],
                "role": e["role"],
                "country": e["country"],
                "mentions": mentions.get(e["idx"], []),
            }
            for e in self.conn.execute("SELECT * FROM entities WHERE article_id = ? ORDER BY idx", (article_id,))
        ]
        return {
            "id": article_id,
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
            "entities": entities,
            "quotes": self._layer("quotes", article_id, QUOTE_FIELDS),
            "sources_cited": self._layer("sources_cited", article_id, SOURCE_FIELDS, json_fields=("chain",)),
            "times": self._layer("time_expressions", article_id, TIME_FIELDS, bool_fields=("estimated",)),
            "claims": self._layer("claims", article_id, CLAIM_FIELDS, json_fields=("sources",)),
        }

    def _layer(
        self,
        table: str,
        article_id: str,
        fields: tuple[str, ...],
        *,
        json_fields: tuple[str, ...] = (),
        bool_fields: tuple[str, ...] = (),
    ) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            f"SELECT {', '.join(fields)} FROM {table} WHERE article_id = ? ORDER BY idx", (article_id,)
        )
        records = []
        for row in rows:
            record = dict(row)
            for name in json_fields:
                record[name] = json.loads(record[name])
            for name in bool_fields:
                record[name] = bool(record[name])
            records.append(record)
        return records


def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


# Column order of each annotation table = the dataclass's field order, so records read back
# exactly as ``Article.to_record`` wrote them.
QUOTE_FIELDS = _field_names(Quote)
SOURCE_FIELDS = _field_names(SourceCited)
TIME_FIELDS = _field_names(TimeExpression)
CLAIM_FIELDS = _field_names(Claim)


def _story_row(row: sqlite3.Row) -> StoryRow:
    return StoryRow(
        id=row["id"],
        label=row["label"],
        first_date=row["first_date"],
        last_date=row["last_date"],
        vector=json.loads(row["vector"]),
        size=row["size"],
    )
