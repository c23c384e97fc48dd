"""Cleaners: raw input in, ``Cleaned`` articles (or rejections with reasons) out.

One module per kind of input: ``html`` (trafilatura plus news metadata), ``scrape``
(crosswire's line-level clutter detector for plain-text page copies), ``feeds`` (RSS/Atom
and JSONL exports, which hold many articles per file).
"""

from __future__ import annotations

from collections.abc import Iterator

from crosswire.clean.feeds import read_feed, read_jsonl
from crosswire.clean.html import clean_html
from crosswire.clean.scrape import clean_scrape
from crosswire.document import Cleaned
from crosswire.errors import InputRejected, Reason, Rejection
from crosswire.ingest.decode import decode_bytes
from crosswire.ingest.inputs import RawInput


def clean_input(raw: RawInput) -> Iterator[Cleaned | Rejection]:
    """Every article in one raw input, or the reason there is none. Never raises for bad input."""
    try:
        text = decode_bytes(raw.data)
        if raw.kind == "feed":
            yield from read_feed(text, source=raw.source)
        elif raw.kind == "jsonl":
            yield from read_jsonl(text, source=raw.source)
        elif raw.kind == "html":
            yield clean_html(text, source=raw.source)
        else:
            yield clean_scrape(text, source=raw.source)
    except InputRejected as rejected:
        yield Rejection(raw.source, rejected.reason, rejected.detail)
    except Exception as error:  # noqa: BLE001 - a cleaner bug on one input must not stop the batch
        yield Rejection(raw.source, Reason.FAILED, f"clean {raw.kind}: {type(error).__name__}: {error}")
