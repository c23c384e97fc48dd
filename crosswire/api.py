"""The Python API: what the CLI calls, and what notebooks use.

Each function opens the store it is given (a path or URL), does one thing and closes it.
For many calls in a row, use ``crosswire.store.open_store`` and the store's methods.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from crosswire.clean import clean_input
from crosswire.compare import StoryView, render_report
from crosswire.compare import story_view as _story_view
from crosswire.document import Article, Cleaned
from crosswire.errors import Rejection
from crosswire.ingest.fetch import Fetcher
from crosswire.ingest.inputs import RawInput, iter_inputs
from crosswire.ingest.job import IngestReport, Progress
from crosswire.ingest.job import ingest as _ingest
from crosswire.options import Options
from crosswire.pipeline import Reader
from crosswire.store import open_store


def ingest(
    paths: Iterable[str], *, db: str, options: Options | None = None, progress: Progress | None = None
) -> IngestReport:
    """Ingest files, folders and URLs into the store at ``db``; ``progress(report, source)``
    is called after every stored article, skipped input and rejection."""
    with open_store(db) as store:
        return _ingest(paths, store, options, progress=progress)


def stories(*, db: str) -> list[dict[str, Any]]:
    with open_store(db) as store:
        return store.stories()


def story(story_id: int, *, db: str) -> dict[str, Any]:
    with open_store(db) as store:
        return store.story(story_id)


def story_view(story_id: int, *, db: str) -> StoryView:
    """The cross-source view of one story: claims x outlets, corroboration, contradictions, tone."""
    with open_store(db) as store:
        return _story_view(store, story_id)


def report(story_id: int, *, db: str, fmt: str = "md") -> str:
    """A briefing on one story with footnoted sources, as Markdown (``md``) or a self-contained HTML page."""
    return render_report(story_view(story_id, db=db), fmt)


def article(article_id: str, *, db: str) -> dict[str, Any]:
    with open_store(db) as store:
        return store.article(article_id)


def export_records(*, db: str) -> Iterator[dict[str, Any]]:
    with open_store(db) as store:
        yield from store.iter_articles()


def extract(paths: Iterable[str], options: Options | None = None) -> Iterator[dict[str, Any]]:
    """Clean and read inputs (files, folders, URLs) without storing them: export records
    (``source`` always set), or ``{"source", "error", "detail"}`` for what yields no article.
    Streams: one result at a time, however many items a feed or WARC holds."""
    options = options or Options()
    reader = Reader(options)
    with Fetcher(options) as fetcher:
        for raw in iter_inputs(paths, max_bytes=options.max_bytes, fetcher=fetcher):
            results = [raw] if isinstance(raw, Rejection) else clean_input(raw, fetcher=fetcher)
            for result in results:
                if isinstance(result, Rejection):
                    yield {"source": result.source, "error": result.reason.value, "detail": result.detail}
                else:
                    yield _extracted(reader, result, raw)


def _extracted(reader: Reader, cleaned: Cleaned, raw: RawInput | Rejection) -> dict[str, Any]:
    # Every cleaner sets its source, but the contract says "always set": make it so.
    cleaned.source = cleaned.source or raw.source
    return reader(Article.from_cleaned(cleaned)).to_record()
