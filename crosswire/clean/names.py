"""Author names: people only, without "By", job titles, outlets or e-mail addresses.

Generic extractors return bylines as the page prints them ("By Jane Doe, Senior Correspondent",
"Staff | Harbor Post"). crosswire keeps only what is shaped like a person's name.
"""

from __future__ import annotations

import re

BY_PREFIX = re.compile(r"^\s*(written\s+)?by\b\s*:?\s*", re.I)
# Credits after the authors' names: "Jane Doe Edited by John Roe", "Jane Doe, photos by ...".
OTHER_CREDITS = re.compile(r"\b(edited|editing|updated|photos?|photographs?|illustrations?|graphics?)\s+by\b.*$", re.I)
# What joins several people, or a person and a role/outlet, in one byline string.
SEPARATORS = re.compile(r"[;,|/&]|\band\b")
# Words that make a byline part a role or an organisation rather than a name.
NOT_A_NAME = re.compile(
    r"\b(correspondent|editor|reporter|writer|staff|desk|bureau|contributor|columnist|news|"
    r"agency|wire|press|media|team|newsroom|times|post|journal|review|radio|ledger|courier|"
    r"dispatch(es)?|associated|reuters|admin|updated|published|photo|follow|author|version|"
    r"org|com|net|www|https?)\b",
    re.I,
)
# A month left at the end of a byline whose date lost its digits ("Jane Doe July").
MONTH = re.compile(
    r"^(january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?$",
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
    words = _trim_tail(text.split())
    return " ".join(words) if _name_shaped(words) else None


def _trim_tail(words: list[str]) -> list[str]:
    """Without the one word a byline drags after the name: a lower-case word ("Jane Doe před",
    "ago") or a month once the date's digits are gone ("Jane Doe July"), when a full name remains
    (two words at least: "Theresa May" keeps her surname). One word only: a heading such as
    "What the council can and can't do" must not shrink into something name-shaped."""
    last = words[-1] if words else ""
    if len(words) > 2 and (MONTH.match(last) or (last[:1].islower() and last not in PARTICLES)):
        return words[:-1]
    return words


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
    seen: set[str] = set()
    for part in parts:
        for piece in SEPARATORS.split(OTHER_CREDITS.sub("", part or "")):
            name = clean_author(piece)
            # The same person twice, once in capitals ("Jane Doe", "JANE DOE"), is one author.
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
    return names
