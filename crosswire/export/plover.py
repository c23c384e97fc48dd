"""Merged events as PLOVER-style JSON, one object per event (JSON Lines).

Field names follow PLOVER's event records (``id``, ``date``, ``event``, ``mode``,
``source``/``target`` as ``[{actorText, code}]``, ``eventText``, ``text``, ``eventLoc``,
``language``, ``publication``). ``event``/``mode`` are PLOVER's reading of the event: a
planned cooperative act is AGREE, a planned attack THREATEN (``crosswire.read.events``);
crosswire's own category, status and evidence ride along under names PLOVER does not use:
``category``, ``status``, ``datePrecision``, ``numSources`` (independent origins),
``numArticles``, ``singleSource`` and ``sentences`` (every report, with its offsets).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from crosswire.events import plover as pl
from crosswire.events.model import MergedEvent, Report

CODER = "crosswire"


def plover_record(event: MergedEvent) -> dict[str, Any]:
    lead = _lead_report(event)
    record: dict[str, Any] = {
        "id": event.id,
        "date": event.date,
        "datePrecision": event.date_precision,
        "event": pl.category(event),
        "mode": pl.mode(event),
        "source": [{"actorText": p.name, "code": p.code} for p in event.sources],
        "target": [{"actorText": p.name, "code": p.code} for p in event.targets],
        "eventText": lead.event.trigger,
        "text": lead.sentence,
        "language": "en",
        "publication": ", ".join(event.outlets) or None,
        "coder": CODER,
        "category": event.category,
        "quadClass": pl.quad_class(event),
        "status": event.status,
        "conflict": event.conflict,
        "what": event.what,
        "numSources": event.independent_origins,
        "numArticles": len(event.article_ids),
        "singleSource": event.single_source,
        "sentences": [_sentence(r) for r in event.reports],
    }
    if event.place:
        record["eventLoc"] = {"name": event.place, "code": event.place_code}
    return record


def write_plover(events: Iterable[MergedEvent], out: IO[str]) -> int:
    count = 0
    for event in events:
        out.write(json.dumps(plover_record(event), ensure_ascii=False) + "\n")
        count += 1
    return count


def _lead_report(event: MergedEvent) -> Report:
    """The report that best shows the event: the strongest status, then the most precise date."""
    return min(event.reports, key=lambda r: (r.event.status != event.status, r.interval is None,
                                             r.interval.days if r.interval else 0))


def _sentence(report: Report) -> dict[str, Any]:
    e = report.event
    return {
        "reportId": report.id, "articleId": report.article_id, "outlet": report.outlet, "url": report.url,
        "published": report.published, "status": e.status, "cue": e.cue, "date": e.date, "dateText": e.date_text,
        "eventText": e.trigger, "start": e.start, "end": e.end, "triggerStart": e.trigger_start,
        "triggerEnd": e.trigger_end, "text": report.sentence, "sourcesCited": [c.deepest for c in report.cited],
    }
