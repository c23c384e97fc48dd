"""Bytes to text: the declared charset when there is one, else the page's own, else sniffed.

Order of trust: a byte-order mark, the NUL-byte pattern of UTF-16 text saved without one,
bytes that are valid non-ASCII UTF-8, the charset the caller knows (an HTTP header), the
page's ``<meta charset>``, then charset-normalizer's guess. Binary input is refused rather
than decoded into mojibake.
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
UTF16_SAMPLE = 4096  # bytes looked at to tell UTF-16 text from binary
UTF16_MIN_NULS = 0.1  # share of code units with a NUL high byte: markup is near 1.0, Cyrillic prose ~0.2
UTF16_MAX_STRAY = 0.02  # NULs allowed in the other byte position (U+0100, U+0200, ... are rare)
WHITESPACE_CONTROLS = frozenset("\t\n\r\f\v")


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
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
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


def _utf16_without_bom(data: bytes) -> str | None:
    """The text, if ``data`` is UTF-16 saved without a byte-order mark; else None (not UTF-16).

    Such text is recognisable by its NULs: in markup and Latin-script prose most code units
    are below U+0100, so one byte of each pair (the odd ones in LE, the even ones in BE) is
    NUL and the other almost never is. Binary data has NULs everywhere; it fails this test,
    or else decodes into control characters, and is refused as binary by the caller.
    """
    sample = data[: UTF16_SAMPLE - UTF16_SAMPLE % 2] if len(data) >= 2 else b""
    units = len(sample) // 2
    if units == 0 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= UTF16_MIN_NULS * units and even <= UTF16_MAX_STRAY * units:
        encoding = "utf-16-le"
    elif even >= UTF16_MIN_NULS * units and odd <= UTF16_MAX_STRAY * units:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:  # an odd length or a lone surrogate: not UTF-16 after all
        return None
    head = text[:UTF16_SAMPLE]
    controls = sum(1 for c in head if c < " " and c not in WHITESPACE_CONTROLS)
    return text if controls <= len(head) // 100 else None


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
