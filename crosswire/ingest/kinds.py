"""What kind of input some bytes are, and the ``RawInput`` that carries them to a cleaner.

A file's kind comes from its suffix; an HTTP response's (fetched live or archived in a
WARC) from its ``Content-Type``, then its URL's suffix, then its first bytes. Kept apart
from the walker so that the WARC reader and the fetcher can use it without import cycles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

KINDS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
}
MIME_KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "text/plain": "text",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/jsonlines": "jsonl",
    "application/x-jsonlines": "jsonl",
}
# A server that does not say (or says "octet-stream") still sends recognisable markup.
SNIFFS = ((re.compile(rb"^\s*(<\?xml[^>]*>\s*)?<(rss|feed|rdf:RDF)\b", re.I), "feed"),
          (re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S), "html"))
CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


@dataclass(frozen=True)
class RawInput:
    """One input's bytes and what kind of reader it needs.

    ``charset`` is what the transport declared (an HTTP header), handed to decoding;
    ``url`` the page's address when known (WARC target, fetched URL after redirects);
    ``fetched`` says the bytes came from the network, which allows following feed links.
    """

    source: str  # the path, path!member, path#recordN (WARC) or URL it came from
    kind: str  # html, text, feed or jsonl
    data: bytes
    charset: str | None = None
    url: str | None = None
    fetched: bool = False


def kind_of(path: Path) -> str | None:
    """The kind a file's suffix names (``.gz`` looked through), or None."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return KINDS.get(suffixes[-1]) if suffixes else None


def mime_of(content_type: str | None) -> str:
    """``text/html; charset=utf-8`` → ``text/html`` ("" when absent)."""
    return (content_type or "").split(";")[0].strip().lower()


def charset_of(content_type: str | None) -> str | None:
    match = CHARSET.search(content_type or "")
    return match.group(1) if match else None


def kind_of_response(content_type: str | None, url: str | None, head: bytes = b"") -> str | None:
    """The kind of an HTTP response body: its declared type, else its URL, else its markup."""
    mime = mime_of(content_type)
    if mime in MIME_KINDS:
        return MIME_KINDS[mime]
    if mime not in {"", "application/octet-stream", "binary/octet-stream"}:
        return None  # a declared type we do not read (PDF, image, JSON, ...)
    by_url = KINDS.get(PurePosixPath(urlsplit(url or "").path).suffix.lower())
    if by_url and by_url != "warc":
        return by_url
    for pattern, kind in SNIFFS:
        if pattern.match(head[:1024]):
            return kind
    return None
