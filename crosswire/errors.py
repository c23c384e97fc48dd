"""Every error crosswire reports, in one catalogue with stable codes.

Library code raises ``CrosswireError`` subclasses; the CLI turns them into messages and
exit codes. An input that cannot become an article is not an exception for the batch: it
becomes a ``Rejection`` in the ingest report, with one of the ``Reason`` codes below.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Reason(str, enum.Enum):
    """Why an input was not stored. The value is the stable code shown to users."""

    EMPTY = "empty"  # zero bytes, or nothing but whitespace
    BINARY = "binary"  # not text (NUL bytes, a known binary signature)
    UNDECODABLE = "undecodable"  # no encoding decodes it sensibly
    TOO_LARGE = "too_large"  # over the size cap (raw or decompressed)
    NOT_AN_ARTICLE = "not_an_article"  # decoded, but no article body could be found
    DUPLICATE = "duplicate"  # the same article (outlet + clean text) is already stored
    UNSUPPORTED = "unsupported"  # a file type crosswire does not read
    TRUNCATED = "truncated"  # a compressed stream or archive that ends early
    MALFORMED = "malformed"  # a feed or record that cannot be parsed
    NOT_FOUND = "not_found"  # a path that does not exist
    FAILED = "failed"  # an unexpected error in a stage; the message says which
    FETCH_FAILED = "fetch_failed"  # a URL that could not be fetched (network, timeout, HTTP error)
    BLOCKED_ADDRESS = "blocked_address"  # a URL on a private, loopback or reserved address (not allowed)


# Reasons that mean "something went wrong", as opposed to "nothing to do". Only these make
# the ingest exit non-zero (without --strict). A blocked address counts: the user asked for
# a URL that was not fetched, and must pass --allow-private (or fix the feed) to get it.
FAILURES = {
    Reason.UNDECODABLE,
    Reason.TRUNCATED,
    Reason.MALFORMED,
    Reason.NOT_FOUND,
    Reason.FAILED,
    Reason.FETCH_FAILED,
    Reason.BLOCKED_ADDRESS,
}


@dataclass(frozen=True)
class Rejection:
    """One input that ended in the report instead of the store."""

    source: str
    reason: Reason
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.source}: {self.reason.value}" + (f" ({self.detail})" if self.detail else "")


class CrosswireError(Exception):
    """Base of every error crosswire raises on purpose."""

    code = "E000"
    exit_code = 1


class InputRejected(CrosswireError):
    """Raised inside a cleaner or reader; the batch catches it and records a Rejection."""

    code = "E001"

    def __init__(self, reason: Reason, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {detail}" if detail else reason.value)
        self.reason = reason
        self.detail = detail


class StoreError(CrosswireError):
    """The database could not be opened, migrated or written."""

    code = "E010"
    exit_code = 3


class NotFound(CrosswireError):
    """A story or article id that the store does not hold."""

    code = "E020"
    exit_code = 4


class ModelUnavailable(CrosswireError):
    """The spaCy pipeline is not installed (crosswire never downloads it at run time)."""

    code = "E030"
    exit_code = 5


class OptionsError(CrosswireError):
    """An option value out of range or of the wrong kind."""

    code = "E040"
    exit_code = 2
