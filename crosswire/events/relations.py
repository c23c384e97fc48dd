"""Cooperation and conflict between pairs of actors over time, by PLOVER quad class.

Each merged event between two actors counts once in the period of its date (its month,
or its year when only the year is known; undated events in an ``undated`` period), under
the quad class of its PLOVER category (planned cooperation counts as verbal cooperation,
planned violence as a verbal threat). An event only ever denied does not count. The
balance of a period is ``(cooperation - conflict) / total``: +1 all cooperation, -1 all
conflict.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from crosswire.events import dates
from crosswire.events import plover as pl
from crosswire.events.merge import actor_index, load_reports, merge_reports
from crosswire.events.model import MergedEvent
from crosswire.events.parties import Participant
from crosswire.events.timeline import involves
from crosswire.read.actors import Registry
from crosswire.store.base import Store

UNDATED = "undated"


@dataclass
class Period:
    period: str  # "2025-03", "2019" or "undated"
    counts: Counter = field(default_factory=Counter)  # quad class -> events

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cooperation(self) -> int:
        return self.counts["verbal cooperation"] + self.counts["material cooperation"]

    @property
    def conflict(self) -> int:
        return self.counts["verbal conflict"] + self.counts["material conflict"]

    @property
    def score(self) -> float | None:
        return (self.cooperation - self.conflict) / self.total if self.total else None

    def as_dict(self) -> dict[str, Any]:
        return {"period": self.period, **{q: self.counts[q] for q in pl.QUAD_CLASSES},
                "total": self.total, "score": self.score}


@dataclass
class Relation:
    """The balance between two actors (names, or ISO codes when counted by country)."""

    actor_a: str
    actor_b: str
    periods: list[Period] = field(default_factory=list)
    events: list[str] = field(default_factory=list)  # merged event ids

    @property
    def overall(self) -> Period:
        total = Period("all")
        for period in self.periods:
            total.counts.update(period.counts)
        return total

    def as_dict(self) -> dict[str, Any]:
        return {"actor_a": self.actor_a, "actor_b": self.actor_b, "overall": self.overall.as_dict(),
                "periods": [p.as_dict() for p in self.periods], "events": list(self.events)}


def relations(
    store: Store,
    actor_a: str | None = None,
    actor_b: str | None = None,
    *,
    by: str = "country",
    registry: Registry | None = None,
    events: list[MergedEvent] | None = None,
) -> list[Relation]:
    """The relation between ``actor_a`` and ``actor_b``, or, without them, between every
    pair of actors that share an event, most events first. ``by="country"`` counts people
    and bodies under their country's code (Kim–Putin is PRK–RUS); ``by="actor"`` keeps names."""
    index = actor_index(store, registry)
    if events is None:
        events = merge_reports(load_reports(store), index)
    counted = [e for e in events if e.status != "denied"]
    if actor_a and actor_b:
        a, b = index.resolve(actor_a), index.resolve(actor_b)
        return [_relation(a.name, b.name, [e for e in counted if involves(e, a, b)])]
    pairs: dict[tuple[str, str], list[MergedEvent]] = defaultdict(list)
    for event in counted:
        for pair in event_pairs(event, by=by):
            pairs[pair].append(event)
    label = index.country_name if by == "country" else (lambda name: name)
    result = [_relation(label(a), label(b), evs) for (a, b), evs in pairs.items()]
    return sorted(result, key=lambda r: (-r.overall.total, r.actor_a, r.actor_b))


def event_pairs(event: MergedEvent, *, by: str = "actor") -> set[tuple[str, str]]:
    """The (sorted) actor pairs an event links: source with target, or every two parties of
    a symmetric event. Pairs of one actor with itself (two Russian officials by country) drop."""
    key = _country_key if by == "country" else (lambda p: p.name)
    if event.symmetric:
        links = combinations(event.sources, 2)
    else:
        links = ((s, t) for s in event.sources for t in event.targets)
    return {tuple(sorted((key(x), key(y)))) for x, y in links if key(x) != key(y)}


def _country_key(participant: Participant) -> str:
    return participant.code or participant.name


def _relation(a: str, b: str, events: list[MergedEvent]) -> Relation:
    periods: dict[str, Period] = {}
    for event in events:
        name = dates.month_of(event.interval) or UNDATED
        periods.setdefault(name, Period(name)).counts[pl.quad_class(event)] += 1
    ordered = sorted(periods.values(), key=lambda p: (p.period == UNDATED, p.period))
    return Relation(a, b, ordered, [e.id for e in events])


def render_relations(items: list[Relation], *, limit: int = 20) -> str:
    lines = []
    for relation in items[:limit]:
        overall = relation.overall
        balance = _score(overall.score)
        lines.append(f"{relation.actor_a} – {relation.actor_b}: {overall.total} events, balance {balance}")
        for period in relation.periods:
            counts = " ".join(f"{q.split()[0][0]}{q.split()[1][:4]}={period.counts[q]}" for q in pl.QUAD_CLASSES)
            lines.append(f"    {period.period:<8} {counts}  balance {_score(period.score)}")
    return "\n".join(lines) if lines else "no relations found"


def _score(score: float | None) -> str:
    return "n/a" if score is None else f"{score:+.2f}"
