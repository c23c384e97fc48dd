"""The article: one object that owns its clean text, with every annotation a span into it.

Modelled on spaCy's ``Doc``: stages never copy or rewrite ``Article.text``; they add
annotations whose ``start``/``end`` are character offsets into it, so every fact can be
traced back to the exact characters (and so the sentence) it came from.

Two kinds of object live here:

* ``Cleaned`` — what a cleaner (HTML, plain-text scrape, feed item) produces from raw input:
  the body text plus page metadata.
* ``Article`` — a ``Cleaned`` body that the reading stages annotate (sentences, entities,
  quotes) and that the store persists.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """A character range ``[start, end)`` into ``Article.text``."""

    start: int
    end: int


@dataclass
class Caption:
    """An image caption kept out of the body, with its credit when the page gives one."""

    text: str
    credit: str | None = None


@dataclass
class Cleaned:
    """The result of cleaning one input: body text and page metadata, nothing inferred yet.

    ``published`` is an ISO date (``YYYY-MM-DD``) read from the page, or ``None``; it is never
    invented. ``published_estimate`` may carry a guess, always flagged as such by its name.
    """

    text: str
    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    published: str | None = None
    published_estimate: str | None = None
    url: str | None = None
    language: str | None = None
    truncated_by_paywall: bool = False
    image_captions: list[Caption] = field(default_factory=list)
    source: str | None = None  # the path or URL the input came from
    extractor: str = ""  # which cleaner produced this (for the ingest report and debugging)

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass
class Mention:
    """One occurrence of an entity in the text."""

    start: int
    end: int
    text: str
    label: str  # the NER label (PERSON, GPE, ORG, ...) or the rule that found it


@dataclass
class Entity:
    """An actor or thing mentioned in the article, with all its mentions.

    ``name`` is the canonical name when the mention was linked to the actor registry,
    otherwise the longest surface form. ``actor_id`` is the registry id or ``None``.
    """

    name: str
    kind: str  # person, country, organization, news_outlet, place, event, other
    mentions: list[Mention] = field(default_factory=list)
    actor_id: str | None = None
    code: str | None = None  # ISO alpha-3 for countries
    role: str | None = None


@dataclass
class Quote:
    """A quotation with its speaker. ``start``/``end`` cover the quoted words only."""

    text: str
    start: int
    end: int
    speaker: str | None
    cue: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    kind: str = "direct"


@dataclass
class Article:
    """A cleaned article and its annotations. The text is owned here and never rewritten."""

    text: str
    meta: Cleaned
    id: str = ""
    sentences: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    story_id: int | None = None
    # Stage bookkeeping: names of the components that have run (see crosswire.pipeline).
    done: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text, self.meta.outlet)

    @classmethod
    def from_cleaned(cls, cleaned: Cleaned) -> "Article":
        return cls(text=cleaned.text, meta=cleaned)

    def to_record(self) -> dict[str, Any]:
        """The export shape documented in docs/schema.md. Add fields; never rename them."""
        meta = self.meta
        return {
            "id": self.id,
            "url": meta.url,
            "source": meta.source,
            "outlet": meta.outlet,
            "title": meta.title,
            "subtitle": meta.subtitle,
            "authors": list(meta.authors),
            "published": meta.published,
            "published_estimate": meta.published_estimate,
            "truncated_by_paywall": meta.truncated_by_paywall,
            "language": meta.language,
            "word_count": meta.word_count,
            "image_captions": [asdict(c) for c in meta.image_captions],
            "text": self.text,
            "story_id": self.story_id,
            "entities": [
                {
                    "name": e.name,
                    "kind": e.kind,
                    "actor_id": e.actor_id,
                    "code": e.code,
                    "role": e.role,
                    "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in e.mentions],
                }
                for e in self.entities
            ],
            "quotes": [
                {"speaker": q.speaker, "text": q.text, "start": q.start, "end": q.end, "cue": q.cue, "kind": q.kind}
                for q in self.quotes
            ],
        }


def content_id(text: str, outlet: str | None = None) -> str:
    """A stable id from the clean text and the outlet.

    The same article saved twice (another path, another copy of the page) gets the same id
    and is stored once. The outlet is part of the id because a wire story reprinted by three
    outlets is three articles with one origin: the grouping stage links them, not the id.
    """
    normalised = " ".join(text.split()).lower()
    key = f"{(outlet or '').strip().lower()}\x00{normalised}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
