"""Author names: people only, without "By", job titles, outlets or e-mail addresses.

Generic extractors return bylines as the page prints them ("By Jane Doe, Senior Correspondent",
"Staff | Harbor Post"). crosswire keeps only what is shaped like a person's name.
"""

from __future__ import annotations

import re

BY_PREFIX = re.compile(r"^\s*(written\s+)?by\s+", re.I)
# Words that make a byline part a role or an organisation rather than a name.
NOT_A_NAME = re.compile(
    r"\b(correspondent|editor|reporter|writer|staff|desk|bureau|contributor|columnist|news|"
    r"agency|wire|press|media|team|newsroom|times|post|journal|review|radio|ledger|courier|"
    r"dispatch(es)?|associated|reuters|admin|updated|published|photo)\b",
    re.I,
)
NAME_SHAPE = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|da|del|bin|al|la|le)){1,4}$")


def clean_author(raw: str) -> str | None:
    """One person's name from one byline part, or None when it is not a person."""
    text = BY_PREFIX.sub("", raw or "").strip(" \t,;|·•-–—")
    text = re.sub(r"\S+@\S+", "", text).strip()
    if not text or NOT_A_NAME.search(text) or any(ch.isdigit() for ch in text):
        return None
    text = " ".join(text.split())
    return text if NAME_SHAPE.match(text) else None


def clean_author_list(parts: list[str]) -> list[str]:
    """Names from byline parts, in order, without duplicates."""
    names: list[str] = []
    for part in parts:
        name = clean_author(part)
        if name and name not in names:
            names.append(name)
    return names
