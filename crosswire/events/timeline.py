"""The dated history between two actors (or of one): merged events in date order.

``timeline(store, "Russia", "North Korea")`` lists every merged event with one
participant matching each actor — a country matches itself and everyone carrying its
code, so the Kim–Putin summit is on the Russia–North Korea timeline — dated events first
in date order, then the undated ones, flagged, in the order they were first reported.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from crosswire.events.merge import actor_index, load_reports, merge_reports
from crosswire.events.model import MergedEvent
from crosswire.events.parties import ActorQuery, Participant
from crosswire.read.actors import Registry
from crosswire.store.base import Store


@dataclass
class TimelineEntry:
    event: MergedEvent

    @property
    def undated(self) -> bool:
        return self.event.date is None

    def as_dict(self) -> dict[str, Any]:
        return {"undated": self.undated, **self.event.as_dict()}


@dataclass
class Timeline:
    actor_a: ActorQuery
    actor_b: ActorQuery | None
    entries: list[TimelineEntry] = field(default_factory=list)

    @property
    def dated(self) -> list[TimelineEntry]:
        return [e for e in self.entries if not e.undated]

    def as_dict(self) -> dict[str, Any]:
        return {
            "actor_a": self.actor_a.as_dict(),
            "actor_b": self.actor_b.as_dict() if self.actor_b else None,
            "events": [entry.as_dict() for entry in self.entries],
        }


def timeline(
    store: Store,
    actor_a: str,
    actor_b: str | None = None,
    *,
    registry: Registry | None = None,
    story_id: int | None = None,
    article_ids: Collection[str] | None = None,
    events: list[MergedEvent] | None = None,
) -> Timeline:
    """The merged events between ``actor_a`` and ``actor_b`` (or involving ``actor_a``).

    Actors are registry names or aliases, ISO codes ("RUS") or names found in the store;
    an unknown one raises ``NotFound``. ``story_id`` (or ``article_ids``) keeps only that
    story's (those articles') reports: the timeline as that coverage told it. ``events``
    reuses events merged already.
    """
    index = actor_index(store, registry)
    a = index.resolve(actor_a)
    b = index.resolve(actor_b) if actor_b else None
    if events is None:
        reports = load_reports(store, story_id=story_id, article_ids=article_ids)
        events = merge_reports(reports, index, only=lambda named: _pair_in(list(named), a, b))
    return Timeline(a, b, [TimelineEntry(e) for e in events if involves(e, a, b)])


def involves(event: MergedEvent, a: ActorQuery, b: ActorQuery | None = None) -> bool:
    """``event`` has a participant matching ``a`` and, with ``b``, another one matching ``b``
    (in any of its reports: "Korvath" finds the summit one outlet credits to "Valdoria")."""
    return _pair_in(event.named, a, b)


def _pair_in(participants: list[Participant], a: ActorQuery, b: ActorQuery | None) -> bool:
    if b is None:
        return any(a.matches(p) for p in participants)
    return any(
        a.matches(p) and b.matches(q) for i, p in enumerate(participants) for j, q in enumerate(participants) if i != j
    )


def render_timeline(result: Timeline, *, width: int = 100) -> str:
    """The timeline as text: one block per event, with its reports' outlets and origins."""
    who = _actor(result.actor_a) + (f" – {_actor(result.actor_b)}" if result.actor_b else "")
    undated = len(result.entries) - len(result.dated)
    lines = [f"Timeline: {who}: {len(result.entries)} events ({undated} undated)"]
    if not result.entries:
        lines.append("  no events found")
    for entry in result.entries:
        event = entry.event
        date = event.date or "undated"
        status = event.status + (" (denied by some)" if event.conflict else "")
        lines.append(f"{date:<17} {status:<10} {_shorten(event.label(), width - 29)}")
        details = []
        if event.what:
            details.append(f"what: {event.what}")
        if event.place:
            details.append(f"in {event.place}")
        origins = f"{event.independent_origins} independent origin{'s' if event.independent_origins != 1 else ''}"
        flag = " [single source]" if event.single_source else ""
        details.append(f"{len(event.article_ids)} article(s), {origins}{flag}")
        lines.append(" " * 18 + " · ".join(details))
        for report in event.reports[:4]:
            said = report.event.date_text or report.event.date or "no date"
            line = (f"{report.outlet or 'unknown'} ({report.published or 'undated'}), {report.event.status}, "
                    f"“{report.event.trigger}” [{said}]")
            lines.append(" " * 20 + _shorten(line, width - 20))
        if len(event.reports) > 4:
            lines.append(" " * 20 + f"… and {len(event.reports) - 4} more reports")
    return "\n".join(lines)


def _actor(query: ActorQuery) -> str:
    return f"{query.name} ({query.code})" if query.code and query.code != query.name else query.name


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
