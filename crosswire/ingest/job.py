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
from crosswire.group.stories import assign_story
from crosswire.ingest.inputs import iter_inputs
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


def ingest(
    paths: Iterable[str],
    store: Store,
    options: Options | None = None,
    *,
    progress: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest every input under ``paths`` into ``store``; return what happened to each."""
    options = options or Options()
    report = IngestReport()
    reader = Reader(options)
    corpus_size = store.article_count()
    for article, mark in reader.pipe(_new_articles(paths, store, options, report)):
        if isinstance(article, Rejection):
            report.rejected.append(article)
            store.record_rejection(article, mark.digest)
            continue
        story, terms = assign_story(article, store, options, corpus_size=corpus_size)
        store.save_article(article, story, terms, input_done=mark.done)
        corpus_size += 1
        report.stored.append(article.id)
        if progress:
            progress(article.meta.source or "")
    return report


def _new_articles(
    paths: Iterable[str], store: Store, options: Options, report: IngestReport
) -> Iterator[tuple[Article, _InputMark]]:
    seen_in_run: set[str] = set()
    for raw in iter_inputs(paths, max_bytes=options.max_bytes):
        if isinstance(raw, Rejection):
            report.rejected.append(raw)
            continue
        digest = hashlib.sha256(raw.data).hexdigest()
        if store.input_seen(raw.source, digest):
            report.skipped += 1
            continue
        articles, input_rejected = [], False
        for result in clean_input(raw):  # one input's articles at a time: bounded by max_bytes
            if isinstance(result, Rejection):
                report.rejected.append(result)
                store.record_rejection(result, digest)
                input_rejected |= result.source == raw.source
                continue
            article = Article.from_cleaned(result)
            if article.id in seen_in_run or store.has_article(article.id):
                report.rejected.append(Rejection(result.source or raw.source, Reason.DUPLICATE, f"same as article {article.id}"))
                continue
            seen_in_run.add(article.id)
            articles.append(article)
        if not articles and not input_rejected:
            store.record_input(raw.source, digest, [])  # nothing new in it: done
        ids = tuple(a.id for a in articles)
        for position, article in enumerate(articles):
            last = position == len(articles) - 1
            yield article, _InputMark(digest, InputDone(raw.source, digest, ids) if last else None)
