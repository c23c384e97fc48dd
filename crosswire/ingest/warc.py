"""WARC archives (``.warc``, ``.warc.gz``, e.g. Common Crawl news): one input per HTML capture.

The archive is streamed record by record with warcio and never loaded whole; each record's
payload is read up to ``max_bytes``. A ``response`` (or ``resource``) record that is an
HTTP 200 HTML page becomes a ``RawInput`` whose source is ``path#recordN`` (N counts every
record from 0), whose ``url`` is the record's target URI and whose ``charset`` is the one its
HTTP header declares. Other captures (404s, PDFs, images) are listed with their reason;
requests, metadata, warcinfo and revisits are the archive's bookkeeping, not captures, and
pass silently.

warcio reads a cut archive without complaint (the last record just comes out short), so
truncation is checked here: a record whose bytes end before its ``Content-Length``, or a
gzip member cut before its end, stops the walk with one ``truncated`` rejection after the
records that were whole.
"""

from __future__ import annotations

import io
import itertools
import zlib
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator

from crosswire.errors import InputRejected, Reason, Rejection
from crosswire.ingest.kinds import RawInput, charset_of, kind_of_response, mime_of

CAPTURES = {"response", "resource"}
CHUNK = 1 << 16
GZIP_MAGIC = b"\x1f\x8b"


def iter_warc(path: Path, *, max_bytes: int) -> Iterator[RawInput | Rejection]:
    """Every HTML capture in the WARC at ``path``, or the reason each capture is not one."""
    try:
        handle = path.open("rb")
    except OSError as error:
        yield Rejection(str(path), Reason.NOT_FOUND if isinstance(error, FileNotFoundError) else Reason.FAILED, f"cannot read: {error}")
        return
    with handle:
        try:
            gunzip = _Gunzip(handle) if handle.peek(2)[:2] == GZIP_MAGIC else None
            stream: IO[bytes] = io.BufferedReader(gunzip, CHUNK) if gunzip else handle
            head = stream.peek(5)[:5]
        except (OSError, zlib.error) as error:  # unreadable, or gzip that is not
            yield Rejection(str(path), Reason.MALFORMED if isinstance(error, zlib.error) else Reason.FAILED, f"cannot read: {error}")
            return
        if head and not b"WARC/".startswith(head):
            yield Rejection(str(path), Reason.MALFORMED, "not a WARC file (no WARC/ header)")
            return
        cut = yield from _records(ArchiveIterator(stream), stream, path, max_bytes)
        if not cut and gunzip is not None and gunzip.truncated:  # whole records, but the gzip trailer is missing
            yield Rejection(str(path), Reason.TRUNCATED, "gzip stream ends inside its last member")


def _records(archive: ArchiveIterator, stream: IO[bytes], path: Path, max_bytes: int) -> Generator[RawInput | Rejection, None, bool]:
    """Yield the captures; return True once the archive has been reported cut or broken."""
    records, captures = iter(archive), 0
    for number in itertools.count():
        try:
            record = next(records, None)
            if record is None:
                break
            result = _capture(record, f"{path}#record{number}", max_bytes) if record.rec_type in CAPTURES else None
            archive.read_to_end(record)  # to see whether the record's bytes were all there
        except Exception as error:  # noqa: BLE001 - warcio and zlib raise many kinds on a cut or corrupt archive
            reason = Reason.TRUNCATED if _exhausted(stream) else Reason.MALFORMED
            yield Rejection(str(path), reason, f"record {number}: {type(error).__name__}: {error}")
            return True
        if getattr(record.raw_stream, "limit", 0) > 0:
            yield Rejection(str(path), Reason.TRUNCATED, f"ends inside record {number} ({_target(record) or record.rec_type})")
            return True
        if result is not None:
            captures += 1
            yield result
    if captures == 0:
        yield Rejection(str(path), Reason.NOT_AN_ARTICLE if number else Reason.EMPTY, f"no response records among {number} records")
    return False


def _exhausted(stream: IO[bytes]) -> bool:
    """Whether the archive's bytes have run out: an error there is a cut, elsewhere corruption."""
    try:
        return not stream.read(1)
    except Exception:  # noqa: BLE001 - a stream that cannot even be read further is at its end for us
        return True


def _capture(record: Any, source: str, max_bytes: int) -> RawInput | Rejection:
    """One response or resource record as an HTML input, or the reason it is not one."""
    target = _target(record)
    where = target or source
    if record.rec_type == "response":
        if record.http_headers is None:
            return Rejection(source, Reason.UNSUPPORTED, f"not an HTTP response: {where}")
        status, content_type = record.http_headers.get_statuscode(), record.http_headers.get_header("Content-Type")
    else:  # a resource record is the file itself, typed in the WARC header
        status, content_type = "200", record.rec_headers.get_header("Content-Type")
    if status != "200":
        return Rejection(source, Reason.NOT_AN_ARTICLE, f"HTTP {status} response for {where}")
    try:
        data = _payload(record, max_bytes)
    except InputRejected as rejected:
        return Rejection(source, rejected.reason, f"{rejected.detail}: {where}")
    if kind_of_response(content_type, target, data[:1024]) != "html":
        return Rejection(source, Reason.UNSUPPORTED, f"{mime_of(content_type) or 'untyped'} response, not HTML: {where}")
    return RawInput(source, "html", data, charset=charset_of(content_type), url=target)


def _payload(record: Any, max_bytes: int) -> bytes:
    """The HTTP body (chunked and gzip undone by warcio), read no further than the cap."""
    body = bytearray()
    try:
        stream = record.content_stream()
        while chunk := stream.read(CHUNK):
            body += chunk
            if len(body) > max_bytes:
                raise InputRejected(Reason.TOO_LARGE, f"more than {max_bytes} bytes (the cap)")
    except InputRejected:
        raise
    except Exception as error:  # noqa: BLE001 - a broken chunked or compressed body is one record's fault
        raise InputRejected(Reason.MALFORMED, f"payload: {type(error).__name__}: {error}") from error
    return bytes(body)


def _target(record: Any) -> str | None:
    return record.rec_headers.get_header("WARC-Target-URI") or None


class _Gunzip(io.RawIOBase):
    """Multi-member gzip, decompressed in bounded chunks, noting whether the data stops mid-member.

    warcio would gunzip by itself, but treats a cut member as a clean end; Python's gzip
    module raises instead, losing the records before the cut. This does neither.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.truncated = False
        self._inflate = zlib.decompressobj(31)
        self._input = b""
        self._output = b""
        self._in_member = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self._output:
            self._output = self._inflate_some()
        size = min(len(buffer), len(self._output))
        buffer[:size] = self._output[:size]
        self._output = self._output[size:]
        return size

    def _inflate_some(self) -> bytes:
        while True:
            if not self._input:
                self._input = self.raw.read(CHUNK)
                if not self._input:
                    self.truncated = self._in_member
                    return b""
            if self._inflate.eof:  # one member done; the bytes left start the next
                self._inflate = zlib.decompressobj(31)
            self._in_member = True
            # max_length bounds what one call may produce: a bomb inflates a chunk at a time.
            out = self._inflate.decompress(self._input, CHUNK)
            done = self._inflate.eof
            self._input = self._inflate.unused_data if done else self._inflate.unconsumed_tail
            self._in_member = not done
            if out:
                return out
