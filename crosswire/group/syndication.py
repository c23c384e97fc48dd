"""Syndication: wire copies reprinted by several outlets are recognised as one origin.

A reprint is rarely byte-identical: outlets change the headline, cut the last paragraphs,
add a dateline or a local sentence. So copies are found by the overlap of their word
shingles, estimated with MinHash (datasketch), and looked up through locality-sensitive
hashing: the signature is cut into bands, and two articles become candidates when any band
matches. The bands are kept in the store, so the lookup works across ingest runs.

Copies run within days of each other, so the store files each article's bands under its
month (``month_bucket``) and looks for copies in the article's month and the two next to it
(at least 30 days either side). Both the lookup and the insert then touch a part of the index
the size of a few months of coverage, whatever the size of the store: that is what keeps
the per-article cost flat as history accumulates (benchmarks/stories_scale.py). Undated
articles are filed apart and compared with every month.

A candidate counts as a copy when the estimated *containment* of the shorter text in the
longer one clears ``COPY_CONTAINMENT``: a reprint trimmed to its first half is still a copy,
which Jaccard similarity alone would miss.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: a pair with Jaccard 0.5 shares a band with p = 0.88, 0.6 with p = 0.99
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 5
COPY_CONTAINMENT = 0.6
MIN_SHINGLES = 20  # shorter texts (a caption, a brief) are too small to call copies
BUCKET_DAYS = 30  # a month of coverage per index bucket
UNDATED_BUCKET = 0
WORD = re.compile(r"\w+")
# An empty sketch to copy: its permutation parameters (drawn from ``seed``) are the same for
# every text, and drawing them again costs more than hashing an article's shingles.
_BLANK = MinHash(num_perm=NUM_PERM, seed=1)
# Odd 64-bit constants (from splitmix64) to fold a band's rows and its number into one key.
_ROW_MULTIPLIERS = np.array(
    [0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0xD6E8FEB86659FD93][:ROWS], dtype=np.uint64
)
_BAND_OFFSETS = np.arange(BANDS, dtype=np.uint64) * np.uint64(0xA0761D6478BD642F)


def _splitmix64(x: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser: spreads every input bit over the whole key."""
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


@dataclass(frozen=True)
class Fingerprint:
    """An article's MinHash signature, its LSH band keys and its shingle count."""

    signature: np.ndarray
    size: int

    @cached_property
    def bands(self) -> list[int]:
        """One key per band: a 63-bit hash of the band's number and rows. Two texts share a
        key when they share the band (a false match is as likely as a hash collision, and
        the containment check drops it anyway); an integer keeps the index rows small."""
        rows = self.signature.astype(np.uint64).reshape(BANDS, ROWS)
        with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is the point
            mixed = (rows * _ROW_MULTIPLIERS).sum(axis=1, dtype=np.uint64) + _BAND_OFFSETS
            keys = _splitmix64(mixed) >> np.uint64(1)  # SQLite integers are signed 64-bit
        return [int(k) for k in keys]

    def to_bytes(self) -> bytes:
        return self.signature.astype(np.uint32).tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, size: int) -> "Fingerprint":
        return cls(np.frombuffer(data, dtype=np.uint32), size)


def fingerprint(text: str) -> Fingerprint | None:
    """The text's fingerprint, or ``None`` when it is too short to tell a copy from a quote."""
    words = WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    if len(shingles) < MIN_SHINGLES:
        return None
    minhash = _BLANK.copy()  # the same as MinHash(num_perm=NUM_PERM, seed=1), without redrawing
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return Fingerprint(minhash.hashvalues.astype(np.uint32), len(shingles))


def month_bucket(published: str | None) -> int:
    """The index bucket of an article's bands: its 30-day period, or ``UNDATED_BUCKET``."""
    if not published:
        return UNDATED_BUCKET
    return dt.date.fromisoformat(published[:10]).toordinal() // BUCKET_DAYS


def buckets_to_search(published: str | None, dated: tuple[int, int] | None) -> list[int]:
    """Where copies of an article published on ``published`` are looked for: its bucket, the
    two next to it and the undated one. An undated article is compared with every bucket in
    ``dated``, the (first, last) buckets of the stored articles."""
    if published:
        bucket = month_bucket(published)
        return [UNDATED_BUCKET, bucket - 1, bucket, bucket + 1]
    first, last = dated or (1, 0)
    return [UNDATED_BUCKET, *range(first, last + 1)]


def containment(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated share of the smaller shingle set that lies in the larger one.

    From the Jaccard estimate J and the set sizes: |A ∩ B| = J (|A| + |B|) / (1 + J).
    """
    jaccard = float(np.count_nonzero(a.signature == b.signature)) / NUM_PERM
    overlap = jaccard * (a.size + b.size) / (1 + jaccard)
    return min(1.0, overlap / min(a.size, b.size))


def is_copy(a: Fingerprint, b: Fingerprint) -> bool:
    return containment(a, b) >= COPY_CONTAINMENT
