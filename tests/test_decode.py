"""Tests for crosswire.ingest.decode.decode_bytes: bytes to text, or a reasoned refusal.

All inputs are invented here; "The Lantern Courier" and its people are fictional.
"""

from __future__ import annotations

import codecs

import pytest

from crosswire.errors import InputRejected, Reason
from crosswire.ingest.decode import decode_bytes

CP1252_PAGE = (
    '<html><head><meta charset="windows-1252"><title>Caf\xe9 news</title></head>'
    "<body><p>\u201cWe re-opened the caf\xe9,\u201d said Ren\xe9e \u2014 it\u2019s back.</p></body></html>"
)


def test_utf8_round_trips() -> None:
    text = "<p>Zo\u00eb met the na\u00efve \u2603 in Z\u00fcrich \u2014 \u201cfine\u201d.</p>"
    assert decode_bytes(text.encode("utf-8")) == text


def test_utf8_with_bom_drops_the_bom() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + "caf\u00e9".encode("utf-8")) == "caf\u00e9"


def test_windows_1252_meta_declaration_decodes_curly_quotes_and_accents() -> None:
    data = CP1252_PAGE.encode("cp1252")
    # The bytes are not valid UTF-8, so only the declaration can decode them right.
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = decode_bytes(data)
    assert text == CP1252_PAGE
    assert "\u201cWe re-opened the caf\xe9,\u201d" in text
    assert "it\u2019s" in text


def test_iso_8859_1_declaration_is_decoded_as_cp1252() -> None:
    page = CP1252_PAGE.replace("windows-1252", "iso-8859-1")
    text = decode_bytes(page.encode("cp1252"))
    # Real latin-1 would turn 0x93/0x94 into C1 control characters, not curly quotes.
    assert "\u201c" in text and "\u201d" in text and "\u2019" in text
    assert "\x93" not in text and "\x94" not in text
    assert "caf\xe9" in text


def test_declared_argument_is_used_when_page_has_no_meta() -> None:
    data = "<p>\u201cHello\u201d from Ren\xe9e</p>".encode("cp1252")
    assert decode_bytes(data, declared="latin1") == "<p>\u201cHello\u201d from Ren\xe9e</p>"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    text = "<html><body><p>Caf\xe9 \u201cquoted\u201d \u2014 news</p></body></html>"
    data = bom + text.encode(codec)
    assert b"\x00" in data  # must not be mistaken for binary
    assert decode_bytes(data) == text


def test_wrong_declared_charset_falls_back_to_utf8() -> None:
    # Declared as shift_jis but actually UTF-8: the declaration fails, UTF-8 succeeds.
    text = '<meta charset="shift_jis"><p>\u00c9lodie\u2019s caf\u00e9 \u2014 \u201cyes\u201d</p>'
    assert decode_bytes(text.encode("utf-8")) == text


def test_unknown_declared_charset_falls_back() -> None:
    text = '<meta charset="no-such-charset"><p>Na\u00efve \u201ctext\u201d</p>'
    assert decode_bytes(text.encode("utf-8")) == text


def test_wrong_declared_argument_falls_back() -> None:
    text = "<p>\u00c9lodie \u2014 ok</p>"
    assert decode_bytes(text.encode("utf-8"), declared="ascii") == text


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
        b"<html>some text\x00\x00\x00more</html>",
    ],
    ids=["png", "pdf", "gzip", "nul-bytes"],
)
def test_binary_is_rejected(data: bytes) -> None:
    with pytest.raises(InputRejected) as info:
        decode_bytes(data)
    assert info.value.reason is Reason.BINARY


@pytest.mark.parametrize("data", [b"", b"   ", b"\n\t\r\n  \n"], ids=["zero-bytes", "spaces", "whitespace"])
def test_empty_is_rejected(data: bytes) -> None:
    with pytest.raises(InputRejected) as info:
        decode_bytes(data)
    assert info.value.reason is Reason.EMPTY


def test_bom_only_is_empty() -> None:
    with pytest.raises(InputRejected) as info:
        decode_bytes(codecs.BOM_UTF8 + b"  \n")
    assert info.value.reason is Reason.EMPTY


def test_undeclared_cp1252_is_sniffed_not_rejected() -> None:
    text = "The caf\xe9 in the old town re-opened on Monday, and the owner, Ren\xe9e, was delighted. " * 5
    decoded = decode_bytes(text.encode("cp1252"))
    assert "caf\xe9" in decoded and "Ren\xe9e" in decoded


@pytest.mark.parametrize("declared", ["iso-8859-1", "windows-1252", "us-ascii"])
def test_utf8_page_declared_as_single_byte_charset_is_not_mojibake(declared: str) -> None:
    # No U+201D: its UTF-8 bytes hold 0x9D, which cp1252 cannot decode, hiding the bug.
    text = f'<meta charset="{declared}"><p>It\u2019s the caf\u00e9 \u2014 \u2018fine\u2019.</p>'
    decoded = decode_bytes(text.encode("utf-8"))
    assert decoded == text
    assert "\u00e2\u20ac" not in decoded  # the "â€" of UTF-8 read as cp1252


@pytest.mark.parametrize("declared", ["utf-16", "UTF-16LE", "utf-32"])
def test_ascii_page_declaring_utf16_is_read_as_utf8(declared: str) -> None:
    text = f'<html><meta charset="{declared}"><p>Harbour news today!!</p></html>'
    for page in (text, text + " "):  # both byte-length parities
        assert decode_bytes(page.encode("ascii")) == page


# --- UTF-16 saved without a byte-order mark ------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [
        "<html><body><p>Caf\xe9 \u201cquoted\u201d \u2014 news from Z\xfcrich</p></body></html>",
        "\u041f\u043e\u0440\u0442 \u0410\u043c\u0441\u0435\u043b\u044c, \u043d\u043e\u0432\u043e\u0441\u0442\u0438 \u0434\u043d\u044f. " * 20,
    ],
    ids=["latin", "cyrillic"],
)
def test_utf16_without_bom_is_text_not_binary(codec: str, text: str) -> None:
    data = text.encode(codec)
    assert not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and b"\x00" in data
    assert decode_bytes(data) == text


@pytest.mark.parametrize(
    "data",
    [
        b"\x01\x00\x02\x00\x03\x00" * 200,  # NULs in one column, but control characters
        bytes(range(256)) * 16,  # NULs everywhere
        b"<p>x</p>\x00" * 100,  # NULs in both columns
        "<p>odd length</p>".encode("utf-16-le") + b"\x00",
    ],
    ids=["controls", "all-bytes", "both-columns", "odd-length"],
)
def test_nul_patterns_that_are_not_utf16_stay_binary(data: bytes) -> None:
    with pytest.raises(InputRejected) as info:
        decode_bytes(data)
    assert info.value.reason is Reason.BINARY


def test_declared_charset_from_a_header_decodes_a_page_without_meta() -> None:
    text = "<p>\u201cIt\u2019s the caf\xe9,\u201d said Ren\xe9e.</p>"
    assert decode_bytes(text.encode("cp1252"), declared="windows-1252") == text
