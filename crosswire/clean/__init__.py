"""Cleaners: raw input in, ``Cleaned`` articles (or rejections with reasons) out.

One module per kind of input: ``html`` (trafilatura plus news metadata), ``scrape``
(crosswire's line-level clutter detector for plain-text page copies), ``feeds`` (RSS/Atom
and JSONL exports, which hold many articles per file). This module only dispatches, and
decides whether a feed's linked pages may be fetched (see ``Fetcher.may_follow_links``).
"""

from __future__ import annotations

from collections.abc import Iterator

from crosswire.clean.feeds import Follow, read_feed, read_jsonl
from crosswire.clean.html import clean_html
from crosswire.clean.scrape import clean_scrape
from crosswire.document import Cleaned
from crosswire.errors import InputRejected, Reason, Rejection
from crosswire.ingest.decode import decode_bytes
from crosswire.ingest.fetch import Fetcher
from crosswire.ingest.inputs import RawInput


def clean_input(raw: RawInput, *, fetcher: Fetcher | None = None) -> Iterator[Cleaned | Rejection]:
    """Every article in one raw input, or the reason there is none. Never raises for bad input.

    ``fetcher`` fetches the pages of feed items without full content, when the feed came from
    the network or the user asked for it; without one, a local file never touches the network.
    """
    try:
        text = decode_bytes(raw.data, raw.charset)
        if raw.kind == "feed":
            follow = _follower(fetcher) if fetcher is not None and fetcher.may_follow_links(raw) else None
            yield from read_feed(text, source=raw.source, follow=follow)
        elif raw.kind == "jsonl":
            yield from read_jsonl(text, source=raw.source)
        else:
            yield _clean_document(raw, text)
    except InputRejected as rejected:
        yield Rejection(raw.source, rejected.reason, rejected.detail)
    except Exception as error:  # noqa: BLE001 - a cleaner bug on one input must not stop the batch
        yield Rejection(raw.source, Reason.FAILED, f"clean {raw.kind}: {type(error).__name__}: {error}")


def _clean_document(raw: RawInput, text: str) -> Cleaned:
    """One page: HTML through the extractor, plain text through the scrape cleaner."""
    if raw.kind == "html":
        return clean_html(text, source=raw.source, url=raw.url)
    cleaned = clean_scrape(text, source=raw.source)
    cleaned.url = cleaned.url or raw.url
    return cleaned


def _follower(fetcher: Fetcher) -> Follow:
    """Fetch and clean the page a feed item links to; one item's failure stays that item's."""

    def follow(link: str, source: str) -> Cleaned | Rejection:
        raw = fetcher.fetch_input(link, source=source)
        if isinstance(raw, Rejection):
            return raw
        if raw.kind not in {"html", "text"}:
            return Rejection(source, Reason.UNSUPPORTED, f"linked page is a {raw.kind}, not an article page: {raw.url}")
        try:
            return _clean_document(raw, decode_bytes(raw.data, raw.charset))
        except InputRejected as rejected:
            return Rejection(source, rejected.reason, f"{rejected.detail} (linked page {raw.url})")
        except Exception as error:  # noqa: BLE001 - as in clean_input, but for one item only
            return Rejection(source, Reason.FAILED, f"clean linked page {raw.url}: {type(error).__name__}: {error}")

    return follow
