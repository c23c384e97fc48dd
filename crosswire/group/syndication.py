"""Syndication: wire copies reprinted by several outlets are recognised as one origin.

A reprint is rarely byte-identical: outlets change the headline, cut the last paragraphs,
add a dateline or a local sentence. So copies are found by the overlap of their word
shingles, estimated with MinHash (datasketch), and looked up through locality-sensitive
hashing: the signature is cut into bands, and two articles become candidates when any band
matches. The bands are kept in the store, so the lookup works across ingest runs and costs
one indexed query per band, however large the store grows.

A candidate counts as a copy when the estimated *containment* of the shorter text in the
longer one clears ``COPY_CONTAINMENT``: a reprint trimmed to its first half is still a copy,
which Jaccard similarity alone would miss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: a pair with Jaccard 0.5 shares a band with p = 0.88, 0.6 with p = 0.99
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 5
COPY_CONTAINMENT = 0.6
MIN_SHINGLES = 20  # shorter texts (a caption, a brief) are too small to call copies
WORD = re.compile(r"\w+")
# An empty sketch to copy: its permutation parameters (drawn from ``seed``) are the same for
# every text, and drawing them again costs more than hashing an article's shingles.
_BLANK = MinHash(num_perm=NUM_PERM, seed=1)


@dataclass(frozen=True)
class Fingerprint:
    """An article's MinHash signature, its LSH band keys and its shingle count."""

    signature: np.ndarray
    size: int

    @property
    def bands(self) -> list[str]:
        """One key per band: ``"<band>:<hex of its rows>"``."""
        return [f"{b}:{self.signature[b * ROWS:(b + 1) * ROWS].tobytes().hex()}" for b in range(BANDS)]

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


def containment(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated share of the smaller shingle set that lies in the larger one.

    From the Jaccard estimate J and the set sizes: |A ∩ B| = J (|A| + |B|) / (1 + J).
    """
    jaccard = float(np.count_nonzero(a.signature == b.signature)) / NUM_PERM
    overlap = jaccard * (a.size + b.size) / (1 + jaccard)
    return min(1.0, overlap / min(a.size, b.size))


def is_copy(a: Fingerprint, b: Fingerprint) -> bool:
    return containment(a, b) >= COPY_CONTAINMENT
