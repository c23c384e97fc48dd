"""Author names: people only, without "By", job titles, outlets or e-mail addresses.

Generic extractors return bylines as the page prints them ("By Jane Doe, Senior Correspondent",
"Staff | Harbor Post"). crosswire keeps only what is shaped like a person's name.
"""

from __future__ import annotations

import re

BY_PREFIX = re.compile(r"^\s*(written\s+)?by\b\s*:?\s*", re.I)
# What joins several people, or a person and a role/outlet, in one byline string.
SEPARATORS = re.compile(r"[;,|/&]|\band\b")
# Words that make a byline part a role or an organisation rather than a name.
NOT_A_NAME = re.compile(
    r"\b(correspondent|editor|reporter|writer|staff|desk|bureau|contributor|columnist|news|"
    r"agency|wire|press|media|team|newsroom|times|post|journal|review|radio|ledger|courier|"
    r"dispatch(es)?|associated|reuters|admin|updated|published|photo)\b",
    re.I,
)
PARTICLES = {"de", "van", "von", "da", "del", "bin", "al", "la", "le"}
NAME_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")  # letters of any script, not only A-Z


def clean_author(raw: str) -> str | None:
    """One person's name from one byline part, or None when it is not a person."""
    text = BY_PREFIX.sub("", raw or "").strip(" \t,;|·•-–—")
    text = re.sub(r"\S+@\S+", "", text).strip()
    if not text or NOT_A_NAME.search(text) or any(ch.isdigit() for ch in text):
        return None
    text = " ".join(text.split())
    return text if _name_shaped(text.split()) else None


def _name_shaped(words: list[str]) -> bool:
    """2-5 capitalised words (lower-case particles allowed after the first): "Élodie Durand"
    as well as "Jane Doe", since the old A-Z-only pattern dropped every accented initial."""
    if not 2 <= len(words) <= 5 or not all(NAME_WORD.match(w) for w in words):
        return False
    return words[0][0].isupper() and all(w[0].isupper() or w in PARTICLES for w in words[1:])


def clean_author_list(parts: list[str]) -> list[str]:
    """Names from byline strings, in order, without duplicates. Each string is split here
    ("Jane Doe, Senior Correspondent", "Jane Doe and John Roe") so every caller gets it."""
    names: list[str] = []
    for part in parts:
        for piece in SEPARATORS.split(part or ""):
            name = clean_author(piece)
            if name and name not in names:
                names.append(name)
    return names
