"""The ingest job: paths in, stored and grouped articles out, with a report of every input.

This is the library entry point the CLI calls (``crosswire ingest``). It streams: inputs are
read one at a time, cleaned, read in batches by the NLP pipeline, grouped into stories and
written one article per transaction. A bad input becomes a rejection and the batch goes on.
An input is marked done only once all its articles are stored, so an interrupted run
resumes: done inputs are skipped, and articles already stored are not stored twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from crosswire.clean import clean_input
from crosswire.document import Article
from crosswire.errors import FAILURES, Reason, Rejection
from crosswire.group.split import revise_stories
from crosswire.group.stories import assign_story, estimate_undated
from crosswire.ingest.fetch import Fetcher
from crosswire.ingest.inputs import RawInput, iter_inputs
from crosswire.options import Options
from crosswire.pipeline import Reader
from crosswire.store.base import InputDone, Store


@dataclass
class IngestReport:
    stored: list[str] = field(default_factory=list)  # article ids
    skipped: int = 0  # inputs already ingested with the same bytes (resume, re-run)
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def failed(self) -> list[Rejection]:
        return [r for r in self.rejected if r.reason in FAILURES]

    def as_dict(self) -> dict:
        return {
            "stored": len(self.stored),
            "skipped": self.skipped,
            "rejected": [{"source": r.source, "reason": r.reason.value, "detail": r.detail} for r in self.rejected],
        }


@dataclass(frozen=True)
class _InputMark:
    """Rides along with an article through the NLP batch: its input, and whether it is the last."""

    digest: str
    done: InputDone | None  # set on the input's last article only


# Called after every stored article, skipped input and rejection, with the report so far.
Progress = Callable[[IngestReport, str], None]


def ingest(
    paths: Iterable[str],
    store: Store,
    options: Options | None = None,
    *,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest every input under ``paths`` into ``store``; return what happened to each."""
    options = options or Options()
    report = IngestReport()
    reader = Reader(options)
    corpus_size = store.article_count()
    run = _Run(store, report, lambda source: progress(report, source) if progress else None)
    touched: set[int] = set()  # stories that gained articles in this run
    with Fetcher(options) as fetcher:  # opens connections only if a URL (or a feed link) is fetched
        for article, mark in reader.pipe(_new_articles(paths, options, fetcher, run)):
            if isinstance(article, Rejection):
                run.reject(article, mark.digest)
                continue
            story, terms = assign_story(article, store, options, corpus_size=corpus_size)
            store.save_article(article, story, terms, input_done=mark.done)
            corpus_size += 1
            report.stored.append(article.id)
            touched.add(story.id)
            run.notify(article.meta.source or "")
    # Articles arriving out of date order can found two stories that later coverage bridges,
    # and a bridging article or an early merge can glue two stories that it tells apart.
    estimate_undated(store, revise_stories(store, options, touched))
    return report


@dataclass
class _Run:
    """What one ingest run shares between its stages: the store, the report, the progress hook."""

    store: Store
    report: IngestReport
    notify: Callable[[str], None]
    seen: set[str] = field(default_factory=set)  # article ids met in this run

    def reject(self, rejection: Rejection, digest: str | None = None) -> None:
        self.report.rejected.append(rejection)
        if digest is not None:
            self.store.record_rejection(rejection, digest)
        self.notify(rejection.source)


def _new_articles(paths: Iterable[str], options: Options, fetcher: Fetcher, run: _Run) -> Iterator[tuple[Article, _InputMark]]:
    for raw in iter_inputs(paths, max_bytes=options.max_bytes, fetcher=fetcher):
        if isinstance(raw, Rejection):
            run.reject(raw)
            continue
        digest = hashlib.sha256(raw.data).hexdigest()
        if run.store.input_seen(raw.source, digest):
            run.report.skipped += 1
            run.notify(raw.source)
            continue
        yield from _input_articles(raw, digest, fetcher, run)


def _input_articles(raw: RawInput, digest: str, fetcher: Fetcher, run: _Run) -> Iterator[tuple[Article, _InputMark]]:
    """One input's new articles. Each is passed on once the next is known, so a feed of
    10,000 items (or of linked pages) holds one article here, not all; the last one carries
    the input's done mark, written in the same transaction as that article."""
    ids: list[str] = []
    held: Article | None = None
    input_rejected = False
    for result in clean_input(raw, fetcher=fetcher):
        if isinstance(result, Rejection):
            run.reject(result, digest)
            input_rejected |= result.source == raw.source
            continue
        article = Article.from_cleaned(result)
        if article.id in run.seen or run.store.has_article(article.id):
            run.reject(Rejection(result.source or raw.source, Reason.DUPLICATE, f"same as article {article.id}"))
            continue
        run.seen.add(article.id)
        if held is not None:
            yield held, _InputMark(digest, None)
        held = article
        ids.append(article.id)
    if held is not None:
        yield held, _InputMark(digest, InputDone(raw.source, digest, tuple(ids)))
    elif not input_rejected:
        run.store.record_input(raw.source, digest, [])  # nothing new in it: done
