"""The cross-source view of one story: everything crosswire.compare finds, in one object.

``story_view(store, story_id)`` reads the story's article records (any ``Store`` backend)
and builds a ``StoryView``; ``build_view(story)`` does the same from the plain dict
``Store.story`` returns, so notebooks and tests can pass records they made themselves.
Renderers (crosswire.compare.text, crosswire.compare.report) only read the view.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from crosswire.compare.align import StoryClaim, align
from crosswire.compare.contradictions import Contradiction, StatusChange, contradictions, status_changes
from crosswire.compare.corroboration import (
    Corroboration,
    Origin,
    OutletBasis,
    UpstreamNote,
    corroborate,
    origins_of,
    outlet_bases,
    upstream_note,
)
from crosswire.compare.tone import Tone, article_tone, outlet_tone
from crosswire.compare.units import ClaimUnit, article_units
from crosswire.store.base import Store
from crosswire.upstream import SourceResolver


@dataclass
class ArticleSide:
    """One article of the story, as the view shows it."""

    id: str
    outlet: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    estimated: bool  # ``published`` is the flagged estimate, not a printed date
    origin_id: str
    tone: Tone


@dataclass
class OutletSide:
    outlet: str
    articles: list[ArticleSide]
    tone: Tone
    basis: OutletBasis


@dataclass
class Cell:
    """What one outlet says about one story claim."""

    statuses: list[str]  # one per article: the status of its widest member
    units: list[ClaimUnit]


@dataclass
class ClaimRow:
    claim: StoryClaim
    cells: dict[str, Cell]  # outlet -> cell
    corroboration: Corroboration
    additions: dict[str, list[str]] = field(default_factory=dict)  # outlet -> details only it gives

    @property
    def id(self) -> int:
        return self.claim.id

    @property
    def text(self) -> str:
        return self.claim.representative.text


@dataclass
class StoryView:
    id: int
    label: str
    first_date: str | None
    last_date: str | None
    outlets: list[OutletSide]
    claims: list[ClaimRow]  # every story claim, those of most outlets first
    contradictions: list[Contradiction]
    status_changes: list[StatusChange]
    upstream: UpstreamNote
    origins: list[Origin]

    @property
    def corroborated(self) -> list[ClaimRow]:
        """Claims two or more outlets make."""
        return [row for row in self.claims if len(row.cells) > 1]

    @property
    def only_in(self) -> dict[str, list[ClaimRow]]:
        """Claims only one outlet makes, by outlet (every outlet of the story is a key)."""
        grouped: dict[str, list[ClaimRow]] = {side.outlet: [] for side in self.outlets}
        for row in self.claims:
            if len(row.cells) == 1:
                grouped[next(iter(row.cells))].append(row)
        return grouped

    def article(self, article_id: str) -> ArticleSide:
        return next(a for side in self.outlets for a in side.articles if a.id == article_id)

    def to_dict(self) -> dict[str, Any]:
        """The view as JSON-ready data (for ``--json`` and the HTTP API)."""
        return {
            "id": self.id,
            "label": self.label,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "outlets": [
                {
                    "outlet": side.outlet,
                    "articles": [
                        {"id": a.id, "title": a.title, "url": a.url, "published": a.published,
                         "estimated": a.estimated, "origin_id": a.origin_id, "tone": a.tone.label}
                        for a in side.articles
                    ],
                    "tone": {"label": side.tone.label, "cues": side.tone.cues},
                    "chains": [list(chain) for chain in side.basis.chains],
                }
                for side in self.outlets
            ],
            "claims": [_claim_dict(row) for row in self.claims],
            "contradictions": [
                {
                    "slot": c.slot,
                    "values": c.values,
                    "by_value": {
                        v: [_unit_dict(a.unit) | {"value_text": a.value_text} for a in c.by_value[v]] for v in c.values
                    },
                }
                for c in self.contradictions
            ],
            "status_changes": [
                {"claim": ch.claim_id, "kind": ch.kind, "before": _unit_dict(ch.before), "after": _unit_dict(ch.after)}
                for ch in self.status_changes
            ],
            "upstream": {
                "note": self.upstream.text,
                "shared": [u.label for u in self.upstream.shared],
                "upstreams": [u.label for u in self.upstream.upstreams],
            },
            "origins": [{"id": o.id, "credited": o.credited, "outlets": list(o.outlets), "articles": list(o.articles)}
                        for o in self.origins],
        }


def story_view(store: Store, story_id: int) -> StoryView:
    """The cross-source view of a stored story. Raises ``NotFound`` for an unknown id."""
    return build_view(store.story(story_id))


def build_view(story: dict[str, Any]) -> StoryView:
    """The view of a story given as ``Store.story`` returns it: ``{id, label, first_date,
    last_date, articles: [records]}``."""
    records = story["articles"]
    units = [unit for record in records for unit in article_units(record)]
    alignment = align(units)
    resolver = SourceResolver(records)
    origins = origins_of(records)
    by_origin = {o.id: o for o in origins}
    bases = {b.outlet: b for b in outlet_bases(records, resolver)}
    rows = [_row(claim, resolver, by_origin) for claim in alignment.claims]
    return StoryView(
        id=story["id"],
        label=story.get("label") or "",
        first_date=story.get("first_date"),
        last_date=story.get("last_date"),
        outlets=_outlets(records, bases),
        claims=rows,
        contradictions=contradictions(alignment.clashes, alignment.claims),
        status_changes=status_changes(alignment.claims),
        upstream=upstream_note(list(bases.values()), origins),
        origins=origins,
    )


def _outlets(records: list[dict[str, Any]], bases: dict[str, OutletBasis]) -> list[OutletSide]:
    by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_outlet[record.get("outlet") or "unknown outlet"].append(record)
    sides = []
    for outlet, group in by_outlet.items():
        articles = [
            ArticleSide(
                id=r["id"],
                outlet=outlet,
                title=r.get("title"),
                url=r.get("url"),
                source=r.get("source"),
                published=r.get("published") or r.get("published_estimate"),
                estimated=not r.get("published") and bool(r.get("published_estimate")),
                origin_id=r.get("origin_id") or r["id"],
                tone=article_tone(r),
            )
            for r in group
        ]
        sides.append(OutletSide(outlet, articles, outlet_tone(group), bases.get(outlet, OutletBasis(outlet))))
    return sorted(sides, key=lambda s: (min((a.published or "9999") for a in s.articles), s.outlet))


def _row(claim: StoryClaim, resolver: SourceResolver, origins: dict[str, Origin]) -> ClaimRow:
    cells = {}
    for outlet, units in sorted(claim.by_outlet().items()):
        cells[outlet] = Cell([u.status for u in widest_per_article(units)], units)
    row = ClaimRow(claim, cells, corroborate(claim.members, resolver, origins))
    if len(cells) > 1:
        row.additions = _additions(claim)
    return row


def _claim_dict(row: ClaimRow) -> dict[str, Any]:
    c = row.corroboration
    return {
        "id": row.id,
        "text": row.text,
        "outlets": {outlet: [_unit_dict(u) for u in cell.units] for outlet, cell in row.cells.items()},
        "corroboration": {
            "outlets": len(c.outlets),
            "reports": c.reports,
            "origins": len(c.origins),
            "independent": c.independent,
            "upstreams": [u.label for u in c.upstreams],
            "unresolved": [u.label for u in c.unresolved],
        },
        "additions": row.additions,
    }


def _unit_dict(unit: ClaimUnit) -> dict[str, Any]:
    return {
        "article_id": unit.article_id,
        "outlet": unit.outlet,
        "published": unit.published,
        "status": unit.status,
        "text": unit.text,
        "start": unit.start,
        "end": unit.end,
        "quoted": unit.in_quote,
        "chains": [list(chain) for chain in unit.chains],
    }


def widest_per_article(units: list[ClaimUnit]) -> list[ClaimUnit]:
    """Each article's widest unit: the sentence over the clauses inside it."""
    widest: dict[str, ClaimUnit] = {}
    for unit in units:
        current = widest.get(unit.article_id)
        if current is None or unit.end - unit.start > current.end - current.start:
            widest[unit.article_id] = unit
    return list(widest.values())


def _additions(claim: StoryClaim) -> dict[str, list[str]]:
    """Details of a shared claim that only one outlet gives: names, and dates or counts the
    others do not state as precisely ("April 2019" where another says "2019")."""
    grouped = claim.by_outlet()
    additions = {}
    for outlet, units in grouped.items():
        others = [u for o, us in grouped.items() if o != outlet for u in us]
        # A unit that backs the claim inside a longer sentence also carries that sentence's
        # other claims: its extra details are not details of this one.
        units = [u for u in units if u.id not in claim.contained]
        names = set().union(*(u.entities for u in units)) - set().union(*(u.entities for u in others))
        times = {
            t.text: None
            for u in units
            for t in u.times
            if not any(o.first >= t.first and o.last <= t.last for other in others for o in other.times)
        }
        numbers = {
            q.text: None
            for u in units
            for q in u.numbers
            if not any(q.value == o.value for other in others for o in other.numbers)
        }
        details = sorted(names) + list(times) + list(numbers)
        if details:
            additions[outlet] = details
    return additions
