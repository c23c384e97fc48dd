"""Walk the paths a user gives and yield raw inputs, one per file, archive record or URL.

Nothing here parses articles: it finds files, reads them within size caps, undoes gzip
safely, opens WARC archives record by record (crosswire/ingest/warc.py), fetches URLs
(crosswire/ingest/fetch.py) and says what kind of input each one is. Every path ends either
as ``RawInput``s or as a ``Rejection`` with its reason; the walk never stops on a bad file.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from crosswire.errors import Reason, Rejection
from crosswire.ingest.fetch import Fetcher, is_url
from crosswire.ingest.kinds import KINDS, RawInput, kind_of
from crosswire.ingest.warc import iter_warc
from crosswire.options import Options

__all__ = ["KINDS", "RawInput", "gunzip_capped", "iter_inputs", "kind_of", "read_file"]


def iter_inputs(
    paths: Iterable[str | Path], *, max_bytes: int, fetcher: Fetcher | None = None
) -> Iterator[RawInput | Rejection]:
    """Yield every readable input under ``paths`` (folders recursively, in sorted order).

    A path written as a URL is fetched with ``fetcher``, or with a default one made when the
    first URL comes: the user named it, so that is asking for the network.
    """
    own: Fetcher | None = None
    try:
        for path in paths:
            if isinstance(path, str) and is_url(path):
                if fetcher is None:
                    fetcher = own = Fetcher(Options(max_bytes=max_bytes))
                yield fetcher.fetch_input(path)
            else:
                yield from _inputs_at(Path(path), max_bytes)
    finally:
        if own is not None:
            own.close()


def _inputs_at(path: Path, max_bytes: int) -> Iterator[RawInput | Rejection]:
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if kind_of(child) is not None:  # other files in a folder are not inputs: no report
                yield from _file_inputs(child, max_bytes)
    elif path.is_file():
        yield from _file_inputs(path, max_bytes)
    else:
        yield Rejection(str(path), Reason.NOT_FOUND, "no such file or folder")


def _file_inputs(path: Path, max_bytes: int) -> Iterator[RawInput | Rejection]:
    # A WARC holds many inputs and may be far over the cap as a whole; it is streamed.
    if kind_of(path) == "warc":
        yield from iter_warc(path, max_bytes=max_bytes)
    else:
        yield read_file(path, max_bytes=max_bytes)


def read_file(path: Path, *, max_bytes: int) -> RawInput | Rejection:
    """One single-document file (not a WARC: see iter_warc) as a ``RawInput``, or why not."""
    kind = kind_of(path)
    if kind is None:
        return Rejection(str(path), Reason.UNSUPPORTED, f"unknown file type {''.join(path.suffixes) or '(none)'}")
    if kind == "warc":
        return Rejection(str(path), Reason.UNSUPPORTED, "a WARC archive holds many inputs: read it with iter_inputs")
    try:
        data = _read_capped(path, max_bytes)
    except FileNotFoundError:  # gone between the walk and the read
        return Rejection(str(path), Reason.NOT_FOUND, "no such file or folder")
    except OSError as error:  # unreadable: one bad file must not stop the walk
        return Rejection(str(path), Reason.FAILED, f"cannot read: {error}")
    if data is None:
        return Rejection(str(path), Reason.TOO_LARGE, f"more than {max_bytes} bytes (the cap)")
    if path.suffix.lower() == ".gz":
        try:
            data = gunzip_capped(data, max_bytes=max_bytes)
        except ValueError as error:
            return Rejection(str(path), Reason.TOO_LARGE, str(error))
        except (OSError, EOFError, zlib.error) as error:
            return Rejection(str(path), Reason.TRUNCATED, f"gzip: {error}")
    return RawInput(source=str(path), kind=kind, data=data)


def _read_capped(path: Path, max_bytes: int) -> bytes | None:
    """The file's bytes, or None when over the cap. Reads at most one byte past the cap,
    since st_size can lie (a file still being written, /proc-like files reporting 0)."""
    size = path.stat().st_size
    if size > max_bytes:
        return None
    with path.open("rb") as handle:
        # read(n) allocates n bytes up front: ask for what the file says it holds (plus a
        # little, to notice growth), not the whole cap, or every small file costs the cap.
        data = handle.read(min(max_bytes, size + (1 << 16)) + 1)
        if len(data) > size + (1 << 16):  # it grew, or st_size lied: read on, to the cap
            data += handle.read(max_bytes + 1 - len(data))
    return data if len(data) <= max_bytes else None


def gunzip_capped(data: bytes, *, max_bytes: int) -> bytes:
    """Decompress gzip without ever holding more than ``max_bytes`` of output (no bombs)."""
    out = bytearray()
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
        while chunk := stream.read(1 << 16):
            out += chunk
            if len(out) > max_bytes:
                raise ValueError(f"decompresses to more than {max_bytes} bytes")
    return bytes(out)

