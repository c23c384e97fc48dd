"""Check a timeline against a hand-written one (the ``timeline`` lists of examples/corpus/expected).

An expected entry is ``{date, event, category, status}``: ``event`` a description in
words, ``status`` one of happened, expected (= planned or proposed), planned, proposed,
reported, denied. Each is matched to at most one timeline event of its category (or an
accepted alternate, see ``ALTERNATES``) whose date is compatible with it, preferring one
dated within the expected date, then a broader dated one, then an undated one; then by the words its description
shares with the event's actors, trigger words, place and object, then by the category
named exactly, then by the nearest date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from crosswire.events import dates
from crosswire.events.model import MergedEvent
from crosswire.events.timeline import Timeline

STATUSES = {
    "happened": {"happened"},
    "expected": {"planned", "proposed"},
    "planned": {"planned"},
    "proposed": {"proposed"},
    "possible": {"proposed"},
    "reported": {"reported"},
    "denied": {"denied"},
}
# Categories an annotator may name differently from crosswire's lexicon: signing an accord
# is SUPPORT in crosswire (the codebook's "signing"), often AGREE in hand annotation;
# PLOVER has no REQUEST (CAMEO's appeals), its nearest category is DEMAND.
ALTERNATES = {"AGREE": {"SUPPORT"}, "SUPPORT": {"AGREE"}, "REQUEST": {"DEMAND"}}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")


@dataclass
class Match:
    expected: dict[str, Any]
    event: MergedEvent | None = None
    position: int | None = None  # index in the timeline
    category_exact: bool = False
    status_ok: bool = False
    date_ok: bool = False  # the event is dated, and compatible with the expected date
    order_ok: bool = True

    @property
    def found(self) -> bool:
        return self.event is not None

    def as_dict(self) -> dict[str, Any]:
        e = self.event
        return {
            "expected": {k: str(v) for k, v in self.expected.items()},
            "found": self.found,
            "event": None if e is None else {"id": e.id, "label": e.label(), "date": e.date, "status": e.status},
            "category_exact": self.category_exact, "status_ok": self.status_ok,
            "date_ok": self.date_ok, "order_ok": self.order_ok,
        }


def match_expected(result: Timeline, expected: list[dict[str, Any]]) -> list[Match]:
    events = [entry.event for entry in result.entries]
    used: set[int] = set()
    matches = []
    for spec in expected:
        match = Match(spec)
        want = dates.parse(str(spec.get("date") or "")) if spec.get("date") else None
        categories = {spec["category"], *ALTERNATES.get(spec["category"], ())}
        candidates = [
            i for i, e in enumerate(events)
            if i not in used and e.category in categories and dates.compatible(want, e.interval)
        ]
        if candidates:
            best = max(candidates, key=lambda i: _score(spec, want, events[i]))
            used.add(best)
            event = events[best]
            match.event, match.position = event, best
            match.category_exact = event.category == spec["category"]
            match.status_ok = event.status in STATUSES.get(str(spec.get("status")), {spec.get("status")})
            match.date_ok = event.interval is not None and dates.compatible(want, event.interval)
        matches.append(match)
    _check_order(matches)
    return matches


def summary(matches: list[Match]) -> dict[str, int]:
    found = [m for m in matches if m.found]
    return {
        "expected": len(matches),
        "matched": len(found),
        "category_exact": sum(m.category_exact for m in found),
        "status_ok": sum(m.status_ok for m in found),
        "dated": sum(m.date_ok for m in found),
        "order_ok": sum(m.order_ok for m in found),
    }


def _score(spec: dict[str, Any], want: dates.Interval | None, event: MergedEvent) -> tuple:
    bag = " ".join([*(p.name for p in event.named), event.what or "", event.place or "", event.mode or "",
                    *(r.event.trigger for r in event.reports)])
    shared = len(_stems(str(spec.get("event") or "")) & _stems(bag))
    when = event.interval.first if event.interval else dates.day_of(event.first_reported())
    distance = abs((when - want.first).days) if want and when else 0
    return (_date_fit(want, event.interval), shared, event.category == spec["category"], -distance)


def _stems(text: str) -> set[str]:
    """Five-letter prefixes: "Sarvanian" meets "Sarvania", "deliveries" meets "deliver"."""
    return {w.lower()[:5] for w in _WORD.findall(text)}


def _date_fit(want: dates.Interval | None, got: dates.Interval | None) -> int:
    """2: the event's date lies within the expected one; 1: it is broader; 0: undated."""
    if got is None:
        return 0
    return 2 if want is None or want.contains(got) else 1


def _check_order(matches: list[Match]) -> None:
    """A dated match is out of order when an entry expected strictly earlier (the dates do
    not overlap) comes after it in the timeline. Undated matches sit at the end by design."""
    dated = [(m, dates.parse(str(m.expected.get("date")))) for m in matches if m.found and m.date_ok]
    for m, want in dated:
        for other, other_want in dated:
            if other is m or want is None or other_want is None:
                continue
            if other_want.last < want.first and other.position > m.position:
                m.order_ok = False
