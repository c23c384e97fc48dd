"""Tests for crosswire.ingest.inputs: walking paths, size caps and safe gunzip.

Every file is written into pytest's tmp_path; the contents are invented.
"""

from __future__ import annotations

import gzip
import os
import tracemalloc
import zlib
from pathlib import Path

import pytest

from crosswire.errors import Reason, Rejection
from crosswire.ingest.inputs import RawInput, gunzip_capped, iter_inputs, kind_of, read_file
from crosswire.ingest.kinds import charset_of, kind_of_response

PAGE = b"<html><body><p>The harbour ferry ran late again on Tuesday.</p></body></html>"
MB = 1024 * 1024


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_folder_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    for name in ["b.html", "a.txt", "sub/z.xml", "sub/deeper/m.jsonl", "c.htm", "sub/a.html"]:
        _write(root / name, PAGE)
    results = list(iter_inputs([root], max_bytes=MB))
    assert all(isinstance(r, RawInput) for r in results)
    names = [Path(r.source).relative_to(root).as_posix() for r in results]
    assert names == ["a.txt", "b.html", "c.htm", "sub/a.html", "sub/deeper/m.jsonl", "sub/z.xml"]
    assert [r.kind for r in results] == ["text", "html", "html", "html", "jsonl", "feed"]
    assert all(r.data == PAGE for r in results)


def test_paths_are_yielded_in_the_order_given(tmp_path: Path) -> None:
    second = _write(tmp_path / "a.html", PAGE)
    first = _write(tmp_path / "b.html", PAGE)
    results = list(iter_inputs([first, str(second)], max_bytes=MB))
    assert [r.source for r in results] == [str(first), str(second)]


def test_unsupported_extension_named_directly_is_rejected(tmp_path: Path) -> None:
    path = _write(tmp_path / "photo.png", b"\x89PNG\r\n")
    [result] = list(iter_inputs([path], max_bytes=MB))
    assert isinstance(result, Rejection)
    assert result.reason is Reason.UNSUPPORTED
    assert result.source == str(path)


def test_unsupported_extension_inside_folder_is_skipped_silently(tmp_path: Path) -> None:
    _write(tmp_path / "photo.png", b"\x89PNG\r\n")
    _write(tmp_path / "notes.docx", b"PK\x03\x04")
    _write(tmp_path / "README", b"no extension")
    _write(tmp_path / "archive.gz", gzip.compress(PAGE))  # .gz with no inner type
    kept = _write(tmp_path / "story.html", PAGE)
    results = list(iter_inputs([tmp_path], max_bytes=MB))
    assert [(r.source, type(r)) for r in results] == [(str(kept), RawInput)]


def test_missing_path_is_not_found_and_walk_continues(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "gone.html"
    present = _write(tmp_path / "here.html", PAGE)
    results = list(iter_inputs([missing, present], max_bytes=MB))
    assert isinstance(results[0], Rejection)
    assert results[0].reason is Reason.NOT_FOUND
    assert results[0].source == str(missing)
    assert isinstance(results[1], RawInput) and results[1].source == str(present)


def test_file_over_max_bytes_is_too_large(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.html", b"x" * 2048)
    result = read_file(path, max_bytes=2047)
    assert isinstance(result, Rejection) and result.reason is Reason.TOO_LARGE


def test_file_exactly_max_bytes_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path / "edge.html", b"x" * 2048)
    result = read_file(path, max_bytes=2048)
    assert isinstance(result, RawInput) and len(result.data) == 2048


def test_gzip_bomb_is_too_large_without_decompressing_it_all(tmp_path: Path) -> None:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: gzip container
    chunk = bytes(MB)
    bomb = b"".join(compressor.compress(chunk) for _ in range(50)) + compressor.flush()
    assert len(bomb) < 100 * 1024  # 50 MB of zeros squeezes to ~50 KB
    path = _write(tmp_path / "bomb.html.gz", bomb)

    tracemalloc.start()
    try:
        result = read_file(path, max_bytes=MB)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(result, Rejection) and result.reason is Reason.TOO_LARGE
    # Inflating it all would hold 50 MB at once; stopping at the cap holds about 1 MB.
    assert peak < 8 * MB

    with pytest.raises(ValueError):
        gunzip_capped(bomb, max_bytes=MB)


def test_gunzip_capped_returns_content_within_cap() -> None:
    assert gunzip_capped(gzip.compress(PAGE), max_bytes=len(PAGE)) == PAGE
    with pytest.raises(ValueError):
        gunzip_capped(gzip.compress(PAGE), max_bytes=len(PAGE) - 1)


def test_truncated_gzip_is_truncated(tmp_path: Path) -> None:
    whole = gzip.compress(PAGE * 200)
    path = _write(tmp_path / "cut.html.gz", whole[: len(whole) // 2])
    result = read_file(path, max_bytes=MB)
    assert isinstance(result, Rejection) and result.reason is Reason.TRUNCATED


def test_not_really_gzip_is_rejected_not_raised(tmp_path: Path) -> None:
    path = _write(tmp_path / "plain.html.gz", PAGE)
    result = read_file(path, max_bytes=MB)
    assert isinstance(result, Rejection) and result.reason is Reason.TRUNCATED


def test_html_gz_is_decompressed_with_kind_html(tmp_path: Path) -> None:
    path = _write(tmp_path / "Story.HTML.GZ", gzip.compress(PAGE))
    result = read_file(path, max_bytes=MB)
    assert isinstance(result, RawInput)
    assert result.kind == "html"
    assert result.data == PAGE


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.html", "html"),
        ("a.xhtml", "html"),
        ("a.txt", "text"),
        ("a.rss", "feed"),
        ("a.atom.gz", "feed"),
        ("a.ndjson", "jsonl"),
        ("report.v2.html", "html"),
        ("a.pdf", None),
        ("a.gz", None),
        ("noext", None),
    ],
)
def test_kind_of(name: str, kind: str | None) -> None:
    assert kind_of(Path(name)) == kind


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_unreadable_file_is_rejected_and_walk_continues(tmp_path: Path) -> None:
    # /proc/self/mem is a "regular file" whose plain read fails with EIO, even as root.
    os.symlink("/proc/self/mem", tmp_path / "a.html")
    good = _write(tmp_path / "b.html", PAGE)
    results = list(iter_inputs([tmp_path], max_bytes=MB))
    assert isinstance(results[0], Rejection) and results[0].reason is Reason.FAILED
    assert isinstance(results[1], RawInput) and results[1].source == str(good)


# --- URLs, response kinds, reading small files ------------------------------------------------


def test_urls_are_fetched_not_opened_as_paths_and_never_reach_loopback(tmp_path: Path) -> None:
    # The default fetcher refuses loopback before connecting: no server is needed, none is hit.
    results = list(iter_inputs(["http://127.0.0.1:9/story.html", "ftp://example.org/a.html"], max_bytes=MB))
    assert [(r.source, r.reason) for r in results] == [
        ("http://127.0.0.1:9/story.html", Reason.BLOCKED_ADDRESS),
        ("ftp://example.org/a.html", Reason.UNSUPPORTED),
    ]


def test_a_path_named_like_a_url_is_still_a_path_when_given_as_path(tmp_path: Path) -> None:
    odd = tmp_path / "http:" / "x.html"
    _write(odd, PAGE)
    [result] = list(iter_inputs([odd], max_bytes=MB))
    assert isinstance(result, RawInput) and result.source == str(odd)


@pytest.mark.parametrize(
    ("content_type", "url", "head", "kind"),
    [
        ("text/html; charset=ISO-8859-1", None, b"", "html"),
        ("application/xhtml+xml", None, b"", "html"),
        ("application/rss+xml", None, b"", "feed"),
        ("application/atom+xml; charset=utf-8", None, b"", "feed"),
        ("text/xml", None, b"", "feed"),
        ("text/plain", None, b"", "text"),
        ("application/x-ndjson", None, b"", "jsonl"),
        ("application/pdf", "https://x.example/a.html", b"<html>", None),  # a declared type wins
        ("image/png", None, b"", None),
        (None, "https://x.example/feed.rss", b"", "feed"),
        ("application/octet-stream", "https://x.example/a.htm", b"", "html"),
        (None, "https://x.example/", b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        (None, "https://x.example/", b"<!-- hi -->\n<!DOCTYPE html><html>", "html"),
        (None, "https://x.example/", b"%PDF-1.7", None),
        (None, "https://x.example/crawl.warc", b"WARC/1.0", None),
    ],
)
def test_kind_of_response(content_type, url, head, kind) -> None:
    assert kind_of_response(content_type, url, head) == kind


def test_charset_of_content_type() -> None:
    assert charset_of('text/html; charset="windows-1252"') == "windows-1252"
    assert charset_of("text/html") is None and charset_of(None) is None


def test_reading_a_small_file_does_not_cost_the_cap(tmp_path: Path) -> None:
    path = _write(tmp_path / "small.html", PAGE)
    tracemalloc.start()
    try:
        result = read_file(path, max_bytes=64 * MB)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(result, RawInput) and result.data == PAGE
    assert peak < MB
