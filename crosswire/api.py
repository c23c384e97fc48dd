"""The Python API: what the CLI calls, and what notebooks use.

Each function opens the store it is given (a path or URL), does one thing and closes it.
For many calls in a row, use ``crosswire.store.open_store`` and the store's methods.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from crosswire.clean import clean_input
from crosswire.document import Article
from crosswire.errors import Rejection
from crosswire.ingest.inputs import iter_inputs
from crosswire.ingest.job import IngestReport
from crosswire.ingest.job import ingest as _ingest
from crosswire.options import Options
from crosswire.pipeline import Reader
from crosswire.store import open_store


def ingest(
    paths: Iterable[str], *, db: str, options: Options | None = None, progress: Callable[[str], None] | None = None
) -> IngestReport:
    with open_store(db) as store:
        return _ingest(paths, store, options, progress=progress)


def stories(*, db: str) -> list[dict[str, Any]]:
    with open_store(db) as store:
        return store.stories()


def story(story_id: int, *, db: str) -> dict[str, Any]:
    with open_store(db) as store:
        return store.story(story_id)


def article(article_id: str, *, db: str) -> dict[str, Any]:
    with open_store(db) as store:
        return store.article(article_id)


def export_records(*, db: str) -> Iterator[dict[str, Any]]:
    with open_store(db) as store:
        yield from store.iter_articles()


def extract(paths: Iterable[str], options: Options | None = None) -> Iterator[dict[str, Any]]:
    """Clean and read inputs without storing them: export records plus ``source``,
    or ``{"source", "error", "detail"}`` for an input that yields no article."""
    options = options or Options()
    reader = Reader(options)
    for raw in iter_inputs(paths, max_bytes=options.max_bytes):
        results = [raw] if isinstance(raw, Rejection) else list(clean_input(raw))
        for result in results:
            if isinstance(result, Rejection):
                yield {"source": result.source, "error": result.reason.value, "detail": result.detail}
            else:
                yield reader(Article.from_cleaned(result)).to_record()
