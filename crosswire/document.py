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
    code: str | None = None  # ISO alpha-3: of the country itself, or of a person's, body's or place's country
    role: str | None = None
    country: str | None = None  # ISO alpha-3 of the country a person, place or body belongs to


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
    kind: str = "direct"  # direct | partial | indirect
    venue: str | None = None  # where it was said: "NPR", "a White House briefing"
    speaker_id: str | None = None  # the registry actor id of the speaker, when linked


@dataclass
class SourceCited:
    """An attribution the article leans on: an outlet, an official, a document.

    ``chain`` runs from the article's own outlet to the deepest source named, e.g.
    ``["Global Dispatches", "The New York Times", "US government intelligence reports"]``.
    ``start``/``end`` cover the sentence that makes the attribution.
    """

    name: str
    kind: str  # outlet | official | anonymous_official | document | person | organization
    chain: list[str]
    start: int
    end: int
    actor_id: str | None = None
    cue: str | None = None


@dataclass
class TimeExpression:
    """A time expression normalised against the publication date (or a flagged estimate).

    ``value`` is an ISO-8601-style string at the expression's own ``granularity``:
    ``2023-09-05`` (day), ``2023-W37`` (week), ``2023-09`` (month), ``2019`` (year),
    ``P3W`` (a duration). ``None`` when it cannot be anchored.
    """

    text: str
    start: int
    end: int
    value: str | None
    granularity: str  # time | day | week | month | quarter | season | year | decade | duration | set | unknown
    kind: str = "DATE"  # TimeML type: DATE | TIME | DURATION | SET
    anchor: str | None = None  # the date it was resolved against
    estimated: bool = False  # True when the anchor was an estimate, not the printed date


@dataclass
class Claim:
    """A sentence-level claim with the certainty status its cue decides.

    ``start``/``end`` cover the claim's sentence; ``cue_start``/``cue_end`` the cue
    ("reportedly", "might", "denied") that decided ``status``, or ``None`` for plain
    assertions. ``sources`` are the names of the sources the sentence attributes it to.
    """

    text: str
    status: str  # asserted | reported | expected | possible | inferred | denied | conditional | opinion
    start: int
    end: int
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    sources: list[str] = field(default_factory=list)


@dataclass
class Event:
    """One coded event, linked to the sentence (``start``/``end``) and trigger it came from.

    ``source``/``target`` are actor names with their codes at the same positions in
    ``source_codes``/``target_codes`` (ISO alpha-3, a person's country, or ``None``).
    ``mode`` may join several PLOVER modes with "+" ("military+humanitarian").
    ``status``: happened | planned | proposed | reported | denied, decided by ``cue``.
    """

    category: str
    quad_class: str
    mode: str | None
    source: list[str]
    source_codes: list[str | None]
    target: list[str]
    target_codes: list[str | None]
    what: str | None
    place: str | None
    place_code: str | None
    date: str | None
    date_precision: str | None
    date_text: str | None
    status: str
    cue: str | None
    trigger: str
    trigger_start: int
    trigger_end: int
    start: int
    end: int


@dataclass
class Article:
    """A cleaned article and its annotations. The text is owned here and never rewritten."""

    text: str
    meta: Cleaned
    id: str = ""
    sentences: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sources_cited: list[SourceCited] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    story_id: int | None = None
    # The first-stored article with the same (syndicated) text; the article's own id if none.
    origin_id: str | None = None
    # Set by grouping for the store: the MinHash fingerprint (crosswire.group.syndication).
    fingerprint: Any = field(default=None, repr=False, compare=False)
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
            "origin_id": self.origin_id,
            "entities": [
                {
                    "name": e.name,
                    "kind": e.kind,
                    "actor_id": e.actor_id,
                    "code": e.code,
                    "role": e.role,
                    "country": e.country,
                    "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in e.mentions],
                }
                for e in self.entities
            ],
            "quotes": [asdict(q) for q in self.quotes],
            "sources_cited": [asdict(s) for s in self.sources_cited],
            "times": [asdict(t) for t in self.times],
            "claims": [asdict(c) for c in self.claims],
            "events": [asdict(e) for e in self.events],
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> "Article":
        """The article back from its export record (``to_record``'s inverse; what a record
        does not keep, such as sentence spans and mention labels, stays empty)."""
        meta = Cleaned(
            text=record["text"],
            title=record["title"],
            subtitle=record["subtitle"],
            authors=list(record["authors"]),
            outlet=record["outlet"],
            published=record["published"],
            published_estimate=record["published_estimate"],
            url=record["url"],
            language=record["language"],
            truncated_by_paywall=record["truncated_by_paywall"],
            image_captions=[Caption(**c) for c in record["image_captions"]],
            source=record["source"],
        )
        entities = [
            Entity(
                **{k: v for k, v in e.items() if k != "mentions"},
                mentions=[Mention(m["start"], m["end"], m["text"], "") for m in e["mentions"]],
            )
            for e in record["entities"]
        ]
        return cls(
            text=record["text"],
            meta=meta,
            id=record["id"],
            entities=entities,
            quotes=[Quote(**q) for q in record["quotes"]],
            sources_cited=[SourceCited(**c) for c in record["sources_cited"]],
            times=[TimeExpression(**t) for t in record["times"]],
            claims=[Claim(**c) for c in record["claims"]],
            events=[Event(**e) for e in record["events"]],
            story_id=record["story_id"],
            origin_id=record["origin_id"],
        )


def content_id(text: str, outlet: str | None = None) -> str:
    """A stable id from the clean text and the outlet.

    The same article saved twice (another path, another copy of the page) gets the same id
    and is stored once. The outlet is part of the id because a wire story reprinted by three
    outlets is three articles with one origin: the grouping stage links them, not the id.
    """
    normalised = " ".join(text.split()).lower()
    key = f"{(outlet or '').strip().lower()}\x00{normalised}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
