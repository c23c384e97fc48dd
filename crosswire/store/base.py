"""What every store backend provides, so that PostgreSQL can follow SQLite.

``Store`` is the interface the library codes against; ``SQLiteStore`` is the embedded
implementation. ``open_store`` picks the backend from a path or URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from crosswire.document import Article
from crosswire.errors import Rejection


@dataclass
class StoryRow:
    """A story's stored state: its label, date range and term centroid."""

    id: int | None
    label: str
    first_date: str | None
    last_date: str | None
    vector: dict[str, float] = field(default_factory=dict)
    size: int = 0


@dataclass(frozen=True)
class InputDone:
    """An input all of whose articles are stored: recorded so re-runs skip it."""

    source: str
    digest: str
    article_ids: tuple[str, ...]


class Store(Protocol):
    def input_seen(self, source: str, digest: str) -> bool: ...
    def record_rejection(self, rejection: Rejection, digest: str) -> None: ...
    def record_input(self, source: str, digest: str, article_ids: list[str]) -> None: ...
    def has_article(self, article_id: str) -> bool: ...
    def save_article(
        self, article: Article, story: StoryRow, terms: dict[str, int], *, input_done: InputDone | None = None
    ) -> None: ...
    def article_count(self) -> int: ...
    def term_df(self, terms: list[str]) -> dict[str, int]: ...
    def candidate_stories(self, date: str | None, window_days: int) -> list[StoryRow]: ...
    def stories(self) -> list[dict[str, Any]]: ...
    def story(self, story_id: int) -> dict[str, Any]: ...
    def article(self, article_id: str) -> dict[str, Any]: ...
    def iter_articles(self) -> Iterator[dict[str, Any]]: ...
    def rejections(self) -> list[dict[str, Any]]: ...
    def close(self) -> None: ...
    def __enter__(self) -> "Store": ...
    def __exit__(self, *exc: object) -> None: ...
