"""Storage: the ``Store`` interface and its backends (SQLite now; PostgreSQL by URL later)."""

from __future__ import annotations

from pathlib import Path

from crosswire.errors import StoreError
from crosswire.store.base import Store, StoryRow
from crosswire.store.sqlite import SQLiteStore

__all__ = ["Store", "StoryRow", "SQLiteStore", "open_store"]


def open_store(location: str | Path) -> Store:
    """Open (creating and migrating if needed) the store at a file path or ``sqlite:///`` URL."""
    text = str(location)
    if text.startswith(("postgres://", "postgresql://")):
        raise StoreError("the PostgreSQL backend is not built yet; use a SQLite file path")
    return SQLiteStore(text.removeprefix("sqlite:///"))
