"""Results of merging: one report per stored event, one merged event per real-world event."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from functools import cached_property, lru_cache
from typing import Any

from crosswire.document import Event
from crosswire.events import dates
from crosswire.events.parties import Participant
from crosswire.upstream import Cited

# Strength of evidence, strongest first. "denied" is not evidence *for* the event: it is
# kept beside the merged status as a conflict.
STATUS_RANK = {"happened": 0, "reported": 1, "planned": 2, "proposed": 3, "denied": 4}
FUTURE = {"planned", "proposed"}
# CONSULT meet is symmetric whoever the parser made the source: "Kim met Putin" is "Putin met Kim".
SYMMETRIC_MODES = {("CONSULT", "meet")}
_EVENT_FIELDS = tuple(f.name for f in fields(Event))


@dataclass
class Report:
    """One article's account of an event: the stored ``Event`` with where it was said."""

    event: Event
    article_id: str
    idx: int
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None  # the article's date, or its flagged estimate
    published_estimated: bool = False
    origin_id: str | None = None  # syndicated copies share it
    story_id: int | None = None
    sentence: str | None = None
    cited: tuple[Cited, ...] = ()  # the sources cited in ``sentence``, with their chains

    @property
    def id(self) -> str:
        return f"{self.article_id}:{self.idx}"

    @cached_property
    def interval(self) -> dates.Interval | None:
        return dates.parse(self.event.date)

    @cached_property
    def published_day(self) -> dt.date | None:
        return dates.day_of(self.published)

    def symmetric(self) -> bool:
        e = self.event
        return not e.target or (e.category, e.mode) in SYMMETRIC_MODES

    def sides(self) -> list[list[Participant]]:
        """One unordered side for symmetric events; source and target for directed ones."""
        return self._sides

    @cached_property
    def _sides(self) -> list[list[Participant]]:
        e = self.event
        sources = [_participant(n, c) for n, c in zip(e.source, _padded(e.source_codes, e.source))]
        targets = [_participant(n, c) for n, c in zip(e.target, _padded(e.target_codes, e.target))]
        return [_unique(sources + targets)] if self.symmetric() else [_unique(sources), _unique(targets)]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "Report":
        """A report from a ``Store.iter_events()`` row."""
        event = Event(**{name: row[name] for name in _EVENT_FIELDS})
        cited = tuple(Cited.from_record(c) for c in row.get("cited") or ())
        return cls(
            event=event,
            article_id=row["article_id"],
            idx=row["idx"],
            outlet=row.get("outlet"),
            url=row.get("url"),
            title=row.get("title"),
            published=row.get("published") or row.get("published_estimate"),
            published_estimated=not row.get("published") and bool(row.get("published_estimate")),
            origin_id=row.get("origin_id") or row["article_id"],
            story_id=row.get("story_id"),
            sentence=(row.get("sentence") or "").strip() or None,
            cited=cited,
        )

    def as_dict(self) -> dict[str, Any]:
        e = self.event
        return {
            "id": self.id,
            "article_id": self.article_id,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published,
            "published_estimated": self.published_estimated,
            "origin_id": self.origin_id,
            "story_id": self.story_id,
            "status": e.status,
            "cue": e.cue,
            "date": e.date,
            "date_precision": e.date_precision,
            "date_text": e.date_text,
            "trigger": e.trigger,
            "trigger_start": e.trigger_start,
            "trigger_end": e.trigger_end,
            "start": e.start,
            "end": e.end,
            "sentence": self.sentence,
            "sources_cited": [c.deepest for c in self.cited],
        }


@dataclass
class MergedEvent:
    """One real-world event with every report of it, across articles and outlets.

    ``status`` is the strongest evidence among the reports (happened > reported > planned >
    proposed); ``denied`` lists the reports that deny it, kept visible as a conflict.
    ``date`` is the most precise of the compatible dates reported. ``origins`` counts the
    independent origins: syndicated copies, one outlet's articles and reports resting on
    the same cited upstream source count once (``crosswire.events.origins``).
    """

    id: str
    category: str
    quad_class: str
    mode: str | None
    sides: list[list[Participant]]
    symmetric: bool
    what: str | None
    place: str | None
    place_code: str | None
    date: str | None
    date_precision: str | None
    status: str
    reports: list[Report] = field(default_factory=list)
    denied: list[str] = field(default_factory=list)  # ids of the denying reports
    origins: list[str] = field(default_factory=list)  # one label per independent origin

    @property
    def interval(self) -> dates.Interval | None:
        return dates.parse(self.date)

    @property
    def participants(self) -> list[Participant]:
        return [p for side in self.sides for p in side]

    @property
    def named(self) -> list[Participant]:
        """Every participant any report names ("Valdoria" and "Dusan Korvath" both)."""
        return list(dict.fromkeys(p for r in self.reports for side in r.sides() for p in side))

    @property
    def sources(self) -> list[Participant]:
        return self.sides[0]

    @property
    def targets(self) -> list[Participant]:
        return [] if self.symmetric else self.sides[1]

    @property
    def independent_origins(self) -> int:
        return len(self.origins)

    @property
    def single_source(self) -> bool:
        return len(self.origins) <= 1

    @property
    def conflict(self) -> bool:
        return bool(self.denied) and self.status != "denied"

    @property
    def article_ids(self) -> list[str]:
        return list(dict.fromkeys(r.article_id for r in self.reports))

    @property
    def outlets(self) -> list[str]:
        return sorted({r.outlet for r in self.reports if r.outlet})

    def first_reported(self) -> str | None:
        days = [r.published for r in self.reports if r.published]
        return min(days) if days else None

    def label(self) -> str:
        """A short human description: "Kim Jong Un, Vladimir Putin: CONSULT/meet"."""
        action = f"{self.category}/{self.mode}" if self.mode else self.category
        who = ", ".join(p.name for p in self.sources)
        whom = ", ".join(p.name for p in self.targets)
        return f"{who} → {whom}: {action}" if whom else f"{who}: {action}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "category": self.category,
            "quad_class": self.quad_class,
            "mode": self.mode,
            "symmetric": self.symmetric,
            "source": [asdict(p) for p in self.sources],
            "target": [asdict(p) for p in self.targets],
            "what": self.what,
            "place": self.place,
            "place_code": self.place_code,
            "date": self.date,
            "date_precision": self.date_precision,
            "status": self.status,
            "conflict": self.conflict,
            "denied_by": list(self.denied),
            "independent_origins": self.independent_origins,
            "origins": list(self.origins),
            "single_source": self.single_source,
            "articles": len(self.article_ids),
            "outlets": self.outlets,
            "reports": [r.as_dict() for r in self.reports],
        }


@lru_cache(maxsize=1 << 16)
def _participant(name: str, code: str | None) -> Participant:
    # One object per actor: events name the same few actors over and over.
    return Participant(name, code)


def _padded(codes: list[str | None], names: list[str]) -> list[str | None]:
    return list(codes) + [None] * (len(names) - len(codes))


def _unique(participants: list[Participant]) -> list[Participant]:
    return list(dict.fromkeys(participants))
