"""RSS/Atom feeds and JSONL news-API exports: inputs that hold many articles each.

A feed item with full content (``content:encoded`` or Atom ``content``) becomes an article
directly. An item with only a summary becomes the page it links to when the caller passes
``follow`` (a fetcher: crosswire/clean/__init__.py decides when fetching is allowed), and is
reported otherwise; the item's own title, authors and date win over the page's, as a
JSONL record's fields do. The XML is read item by item by crosswire/clean/feedxml.py; a
feed that declares XML entities is refused before parsing, so neither "billion laughs"
expansion nor external entities (XXE) can happen. A JSONL record
follows the mapping in docs/schema.md: ``url``, ``title``, ``html`` or ``text``,
``published``, ``outlet``, ``authors``.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import lxml.etree
import lxml.html

from crosswire.clean.edges import trim_edges
from crosswire.clean.feedxml import Channel, FeedError, FeedItem, FeedItems, declares_entities, html_entities_to_characters
from crosswire.clean.html import clean_html
from crosswire.clean.names import clean_author_list
from crosswire.document import Cleaned
from crosswire.errors import InputRejected, Reason, Rejection

BLOCK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre")
MIN_ITEM_WORDS = 40
NOT_TEXT = ("script", "style", "noscript", "template", "iframe", "object", "svg")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Fetches the page an item links to: (link, item source) -> the cleaned page or why not.
Follow = Callable[[str, str], Cleaned | Rejection]


def read_feed(text: str, *, source: str, follow: Follow | None = None) -> Iterator[Cleaned | Rejection]:
    """Every item of an RSS/Atom feed as an article, or the reason it is not one; streamed."""
    if declares_entities(text):
        yield Rejection(source, Reason.MALFORMED, "feed declares XML entities; refused (entity expansion, XXE)")
        return
    # The text is already decoded: it goes to the parser as UTF-8, whatever its XML
    # declaration says, and never as a string that a library might open as a path or URL.
    items = FeedItems(html_entities_to_characters(text).encode("utf-8"))
    try:
        for index, item in enumerate(items):
            yield _item(item, f"{source}#item{index}", items.channel, follow)
    except FeedError as error:
        after = f" after {items.count} items" if items.count else ""
        yield Rejection(source, Reason.MALFORMED, f"feed: not readable{after}: {error}")
        return
    if items.cut:
        yield Rejection(source, Reason.TRUNCATED, f"feed ends early; its last item after {items.count} whole ones is cut")
    elif items.count == 0:
        # No items is still an answer for the report: "every article, or the reason there is none".
        yield Rejection(source, Reason.NOT_AN_ARTICLE, "feed: no items")


def _item(item: FeedItem, source: str, channel: Channel, follow: Follow | None) -> Cleaned | Rejection:
    trimmed = trim_edges(fragment_text(item.html))
    if len(trimmed.text.split()) >= MIN_ITEM_WORDS:
        cleaned = Cleaned(text=trimmed.text, truncated_by_paywall=trimmed.paywalled, url=item.link, source=source, extractor="feed")
        return _with_item_fields(cleaned, item, channel)
    if not item.link:
        return Rejection(source, Reason.NOT_AN_ARTICLE, "feed item without full content or a link")
    if follow is None:
        return Rejection(source, Reason.NOT_AN_ARTICLE, f"feed item without full content; its link is fetched only with --fetch-links: {item.link}")
    page = follow(item.link, source)
    return page if isinstance(page, Rejection) else _with_item_fields(page, item, channel)


def _with_item_fields(cleaned: Cleaned, item: FeedItem, channel: Channel) -> Cleaned:
    # The feed's structured fields are trusted over what an extractor guessed from a page.
    cleaned.title = item.title or cleaned.title
    cleaned.authors = clean_author_list(item.authors) or cleaned.authors
    cleaned.outlet = feed_outlet(channel.title) or cleaned.outlet
    cleaned.published = item.published or cleaned.published
    language = (channel.language or "").split("-")[0].lower() or None
    cleaned.language = cleaned.language or language  # a page's own lang is more specific
    return cleaned


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
    lxml.etree.strip_elements(root, *NOT_TEXT, with_tail=False)  # their text is code, not prose
    # Outermost blocks only: a <p> inside a <blockquote> or <li> would otherwise appear twice.
    outermost = [el for el in root.iter(*BLOCK_TAGS) if not any(a.tag in BLOCK_TAGS for a in el.iterancestors())]
    blocks = [" ".join(el.text_content().split()) for el in outermost]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else " ".join(root.text_content().split())


def _normalise_paragraphs(text: str) -> str:
    paragraphs = [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


