"""RSS/Atom feeds and JSONL news-API exports: inputs that hold many articles each.

A feed item with full content (``content:encoded`` or Atom ``content``) becomes an article
directly; an item with only a summary is reported, since fetching linked pages is the
fetcher's job, not the parser's. A JSONL record follows the mapping in docs/schema.md:
``url``, ``title``, ``html`` or ``text``, ``published``, ``outlet``, ``authors``.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import time
from collections.abc import Iterator
from typing import Any

import feedparser
import lxml.html

from crosswire.clean.edges import trim_edges
from crosswire.clean.html import clean_html
from crosswire.clean.names import clean_author_list
from crosswire.document import Cleaned
from crosswire.errors import InputRejected, Reason, Rejection

BLOCK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre")
MIN_ITEM_WORDS = 40
UTF8_XML = {"content-type": "application/xml; charset=utf-8"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_feed(text: str, *, source: str) -> Iterator[Cleaned | Rejection]:
    # Never the bare string: feedparser fetches a str that looks like a URL and opens one that
    # names a file. The text is already decoded, so tell it the bytes are UTF-8.
    parsed = feedparser.parse(io.BytesIO(text.encode("utf-8")), response_headers=UTF8_XML)
    if not parsed.entries:
        # No items is still an answer for the report: "every article, or the reason there is none".
        reason = Reason.MALFORMED if parsed.bozo else Reason.NOT_AN_ARTICLE
        yield Rejection(source, reason, f"feed: {parsed.get('bozo_exception') or 'no items'}")
        return
    outlet = feed_outlet(parsed.feed.get("title"))
    for index, entry in enumerate(parsed.entries):
        item_source = f"{source}#item{index}"
        trimmed = trim_edges(fragment_text(_entry_html(entry)))
        body = trimmed.text
        if len(body.split()) < MIN_ITEM_WORDS:
            yield Rejection(item_source, Reason.NOT_AN_ARTICLE, "feed item without full content")
            continue
        yield Cleaned(
            text=body,
            title=entry.get("title"),
            authors=clean_author_list(_entry_authors(entry)),
            outlet=outlet,
            published=_struct_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            url=entry.get("link"),
            truncated_by_paywall=trimmed.paywalled,
            language=(parsed.feed.get("language") or "").split("-")[0] or None,
            source=item_source,
            extractor="feed",
        )


def read_jsonl(text: str, *, source: str) -> Iterator[Cleaned | Rejection]:
    # Split on "\n" only: str.splitlines() also breaks at U+2028/U+2029 and other separators,
    # which JSON allows raw inside strings, cutting one valid record into two broken ones.
    for number, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        record_source = f"{source}#record{number}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
            yield _from_record(record, source=record_source)
        except (ValueError, RecursionError) as error:  # RecursionError: absurdly deep nesting
            yield Rejection(record_source, Reason.MALFORMED, f"jsonl: {error}")
        except InputRejected as rejected:
            yield Rejection(record_source, rejected.reason, rejected.detail)


def _from_record(record: dict[str, Any], *, source: str) -> Cleaned:
    if record.get("html"):
        cleaned = clean_html(str(record["html"]), source=source, url=_string(record, "url"))
    elif record.get("text"):
        cleaned = Cleaned(text=_normalise_paragraphs(str(record["text"])), source=source, extractor="jsonl")
    else:
        raise InputRejected(Reason.NOT_AN_ARTICLE, "record has neither html nor text")
    # The API's own fields are trusted over what the extractor guessed from the page.
    cleaned.url = _string(record, "url") or cleaned.url
    cleaned.title = _string(record, "title") or cleaned.title
    cleaned.outlet = _string(record, "outlet") or cleaned.outlet
    cleaned.published = _iso_date(record.get("published")) or cleaned.published
    authors = record.get("authors") or record.get("author")
    if authors:
        listed = authors if isinstance(authors, list) else [authors]
        cleaned.authors = clean_author_list([_author_text(a) for a in listed])
    return cleaned


def _string(record: dict[str, Any], key: str) -> str | None:
    # Only a string is a url/title/outlet; a number or object there is a broken record field
    # (a non-string url crashed trafilatura), and the export promises strings or null.
    value = record.get(key)
    return value.strip() or None if isinstance(value, str) else None


def _iso_date(value: Any) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or date-time; anything else (epoch numbers, "Tue, 17
    Sep") is not a date the record states in the documented form, so it is not kept."""
    text = str(value or "")[:10]
    try:
        return datetime.date.fromisoformat(text).isoformat() if ISO_DATE.match(text) else None
    except ValueError:
        return None


def _author_text(author: Any) -> str:
    # Many news APIs give authors as objects ({"name": ...}); anything else as its text.
    return str(author.get("name") or "") if isinstance(author, dict) else str(author)


SECTION_WORDS = {"news", "latest", "latest news", "top stories", "home", "world", "politics", "headlines", "all"}


def feed_outlet(title: str | None) -> str | None:
    """'Atlas Radio - News' → 'Atlas Radio': a channel title names the outlet and a section."""
    if not title:
        return None
    parts = re.split(r"\s+[-–—|:]\s+", title.strip())
    while len(parts) > 1 and parts[-1].lower() in SECTION_WORDS:
        parts.pop()
    return " - ".join(parts)


def fragment_text(html: str) -> str:
    """The text of an HTML fragment, one paragraph per block element."""
    if not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, AssertionError):  # "<!DOCTYPE html>", "<html></html>": no content
        return ""
    # Outermost blocks only: a <p> inside a <blockquote> or <li> would otherwise appear twice.
    outermost = [el for el in root.iter(*BLOCK_TAGS) if not any(a.tag in BLOCK_TAGS for a in el.iterancestors())]
    blocks = [" ".join(el.text_content().split()) for el in outermost]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else " ".join(root.text_content().split())


def _entry_authors(entry: Any) -> list[str]:
    # feedparser's "author" holds only the last of several dc:creator elements; "authors" all.
    names = [a.get("name", "") for a in entry.get("authors") or [] if isinstance(a, dict)]
    return names or [entry.get("author", "")]


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
