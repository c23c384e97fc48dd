"""Bytes to text: the declared charset when there is one, else the page's own, else sniffed.

Order of trust: a byte-order mark, bytes that are valid non-ASCII UTF-8, the charset the
caller knows (an HTTP header), the page's ``<meta charset>``, then charset-normalizer's
guess. Binary input is refused rather than decoded into mojibake.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from crosswire.errors import InputRejected, Reason

BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF", b"\x1f\x8b")


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` to text or raise ``InputRejected`` (empty, binary, undecodable)."""
    if not data.strip():
        raise InputRejected(Reason.EMPTY, "no content")
    text = _decode_any(data, declared)
    # A BOM followed by whitespace passes the byte check above but is still empty.
    if not text.strip():
        raise InputRejected(Reason.EMPTY, "no content")
    return text


def _decode_any(data: bytes, declared: str | None) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode(data, encoding)
    if data.startswith(BINARY_SIGNATURES) or b"\x00" in data[:4096]:
        raise InputRejected(Reason.BINARY, "binary content")
    if not data.isascii():
        # Non-ASCII bytes that form valid UTF-8 are UTF-8 (legacy text almost never is),
        # and single-byte codecs such as cp1252 "decode" anything, so a UTF-8 page declared
        # as latin-1 or ascii would otherwise come out as mojibake ("â€™").
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    for encoding in (declared, _meta_charset(data)):
        if encoding:
            try:
                return data.decode(_normalise(encoding))
            except (LookupError, UnicodeDecodeError):
                continue  # a wrong declaration is common; fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise InputRejected(Reason.UNDECODABLE, "no encoding fits")
    return _decode(data, best.encoding)


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError) as error:
        raise InputRejected(Reason.UNDECODABLE, f"{encoding}: {error}") from error


def _meta_charset(data: bytes) -> str | None:
    match = META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


def _normalise(encoding: str) -> str:
    # Browsers decode "iso-8859-1" and "latin1" pages as windows-1252; so must we.
    lowered = encoding.lower()
    if lowered in {"iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"}:
        return "cp1252"
    # A declaration readable as ASCII cannot be UTF-16/32 (those have a BOM, checked
    # earlier, or NUL bytes, refused as binary); browsers read such pages as UTF-8 too.
    if lowered.replace("-", "").replace("_", "").startswith(("utf16", "utf32", "ucs2", "ucs4")):
        return "utf-8"
    return lowered
