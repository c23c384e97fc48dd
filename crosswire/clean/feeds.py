"""RSS/Atom feeds and JSONL news-API exports: inputs that hold many articles each.

A feed item with full content (``content:encoded`` or Atom ``content``) becomes an article
directly; an item with only a summary is reported, since fetching linked pages is the
fetcher's job, not the parser's. A JSONL record follows the mapping in docs/schema.md:
``url``, ``title``, ``html`` or ``text``, ``published``, ``outlet``, ``authors``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import feedparser
import lxml.html

from crosswire.clean.html import clean_html
from crosswire.clean.names import clean_author_list
from crosswire.document import Cleaned
from crosswire.errors import InputRejected, Reason, Rejection

BLOCK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre")
MIN_ITEM_WORDS = 40


def read_feed(text: str, *, source: str) -> Iterator[Cleaned | Rejection]:
    parsed = feedparser.parse(text)
    if parsed.bozo and not parsed.entries:
        yield Rejection(source, Reason.MALFORMED, f"feed: {parsed.get('bozo_exception')}")
        return
    outlet = parsed.feed.get("title")
    for index, entry in enumerate(parsed.entries):
        item_source = f"{source}#item{index}"
        body = fragment_text(_entry_html(entry))
        if len(body.split()) < MIN_ITEM_WORDS:
            yield Rejection(item_source, Reason.NOT_AN_ARTICLE, "feed item without full content")
            continue
        yield Cleaned(
            text=body,
            title=entry.get("title"),
            authors=clean_author_list([entry.get("author", "")]),
            outlet=outlet,
            published=_struct_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            url=entry.get("link"),
            language=(parsed.feed.get("language") or "").split("-")[0] or None,
            source=item_source,
            extractor="feed",
        )


def read_jsonl(text: str, *, source: str) -> Iterator[Cleaned | Rejection]:
    for number, line in enumerate(text.splitlines()):
        if not line.strip():
            continue
        record_source = f"{source}#record{number}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
            yield _from_record(record, source=record_source)
        except ValueError as error:
            yield Rejection(record_source, Reason.MALFORMED, f"jsonl: {error}")
        except InputRejected as rejected:
            yield Rejection(record_source, rejected.reason, rejected.detail)


def _from_record(record: dict[str, Any], *, source: str) -> Cleaned:
    if record.get("html"):
        cleaned = clean_html(str(record["html"]), source=source, url=record.get("url"))
    elif record.get("text"):
        cleaned = Cleaned(text=_normalise_paragraphs(str(record["text"])), source=source, extractor="jsonl")
    else:
        raise InputRejected(Reason.NOT_AN_ARTICLE, "record has neither html nor text")
    # The API's own fields are trusted over what the extractor guessed from the page.
    cleaned.url = record.get("url") or cleaned.url
    cleaned.title = record.get("title") or cleaned.title
    cleaned.outlet = record.get("outlet") or cleaned.outlet
    cleaned.published = str(record["published"])[:10] if record.get("published") else cleaned.published
    authors = record.get("authors") or record.get("author")
    if authors:
        cleaned.authors = clean_author_list(authors if isinstance(authors, list) else [str(authors)])
    return cleaned


def fragment_text(html: str) -> str:
    """The text of an HTML fragment, one paragraph per block element."""
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    blocks = [" ".join(el.text_content().split()) for el in root.iter(*BLOCK_TAGS)]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else " ".join(root.text_content().split())


def _entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    if contents:
        return max((c.get("value", "") for c in contents), key=len)
    return entry.get("summary", "")


def _normalise_paragraphs(text: str) -> str:
    paragraphs = [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _struct_date(value: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%d", value) if value else None
