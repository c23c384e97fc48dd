"""Merged events as a GDELT-style events table: one row per event, tab-separated with a header.

Columns are named after GDELT 2.0's event table where one exists. Differences, on
purpose: ``EventCode`` holds the PLOVER category (not a CAMEO code), ``Day`` is an ISO
date at the event's own precision (``DatePrecision`` says which; GDELT pads to a day),
``NumSources`` counts independent origins (syndicated copies, one outlet's articles and
reports resting on the same cited source count once) and ``NumMentions`` the reports.
Several actors on one side are joined with "; " in the same column.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO, Any

from crosswire.events import plover as pl
from crosswire.events.model import MergedEvent
from crosswire.events.parties import Participant

COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "DatePrecision",
    "Actor1Code", "Actor1Name", "Actor2Code", "Actor2Name",
    "EventCode", "CrosswireCategory", "Mode", "QuadClass", "QuadClassName", "Status", "Conflict",
    "ActionGeo_FullName", "ActionGeo_CountryCode",
    "NumMentions", "NumSources", "NumArticles", "SingleSource", "SOURCEURL", "Outlets",
)


def gdelt_row(event: MergedEvent) -> dict[str, Any]:
    actor1, actor2 = _actors(event)
    interval = event.interval
    quad = pl.quad_class(event)
    return {
        "GlobalEventID": event.id,
        "Day": event.date or "",
        "MonthYear": f"{interval.first.year}{interval.first.month:02d}" if interval else "",
        "Year": interval.first.year if interval else "",
        "DatePrecision": event.date_precision or "",
        "Actor1Code": _codes(actor1), "Actor1Name": _names(actor1),
        "Actor2Code": _codes(actor2), "Actor2Name": _names(actor2),
        "EventCode": pl.category(event),
        "CrosswireCategory": event.category,
        "Mode": pl.mode(event) or "",
        "QuadClass": pl.QUAD_NUMBER.get(quad, ""),
        "QuadClassName": quad,
        "Status": event.status,
        "Conflict": int(event.conflict),
        "ActionGeo_FullName": event.place or "",
        "ActionGeo_CountryCode": event.place_code or "",
        "NumMentions": len(event.reports),
        "NumSources": event.independent_origins,
        "NumArticles": len(event.article_ids),
        "SingleSource": int(event.single_source),
        "SOURCEURL": next((r.url for r in event.reports if r.url), ""),
        "Outlets": "; ".join(event.outlets),
    }


def write_gdelt(events: Iterable[MergedEvent], out: IO[str], *, delimiter: str = "\t") -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter=delimiter, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(gdelt_row(event))
        count += 1
    return count


def _actors(event: MergedEvent) -> tuple[list[Participant], list[Participant]]:
    """Actor1 and Actor2: source and target, or a symmetric event's first party and the rest."""
    if event.symmetric:
        return event.sources[:1], event.sources[1:]
    return event.sources, event.targets


def _codes(participants: list[Participant]) -> str:
    return "; ".join(p.code or "" for p in participants) if any(p.code for p in participants) else ""


def _names(participants: list[Participant]) -> str:
    return "; ".join(p.name for p in participants)
