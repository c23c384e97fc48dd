"""Walk the paths a user gives and yield raw inputs, one per file (or archive member).

Nothing here parses articles: it finds files, reads them within size caps, undoes gzip
safely and says what kind of input each one is. Every path ends either as a ``RawInput``
or as a ``Rejection`` with its reason; the walk never stops on a bad file.
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from crosswire.errors import Reason, Rejection

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
}


@dataclass(frozen=True)
class RawInput:
    """One input's bytes and what kind of reader it needs."""

    source: str  # the path (or path!member) it came from
    kind: str  # html, text, feed or jsonl
    data: bytes


def kind_of(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return KINDS.get(suffixes[-1]) if suffixes else None


def iter_inputs(paths: Iterable[str | Path], *, max_bytes: int) -> Iterator[RawInput | Rejection]:
    """Yield every readable input under ``paths`` (folders recursively, in sorted order)."""
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if kind_of(child) is not None:
                    yield read_file(child, max_bytes=max_bytes)
        elif path.is_file():
            yield read_file(path, max_bytes=max_bytes)
        else:
            yield Rejection(str(path), Reason.NOT_FOUND, "no such file or folder")


def read_file(path: Path, *, max_bytes: int) -> RawInput | Rejection:
    kind = kind_of(path)
    if kind is None:
        return Rejection(str(path), Reason.UNSUPPORTED, f"unknown file type {''.join(path.suffixes) or '(none)'}")
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
    if path.stat().st_size > max_bytes:
        return None
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
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

