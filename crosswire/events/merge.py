"""Merge the per-article events of a store into real-world events, each with all its reports.

Two reports are of the same event when they have the same category, the same actors (one
unordered set for symmetric events — "Kim meets Putin" is "Putin meets Kim" — source and
target otherwise; compared by canonical name, or by code when one side is a whole
country), compatible modes, compatible dates (``crosswire.events.dates``: 2023-09 contains
2023-09-10; two different days never merge) and compatible places (one missing, or the
same place, or a country and a place in it).

Reports are clustered within blocks of the same category and actor codes
(``crosswire.events.clustering``), most precise date first, so a cluster's date is set by
its most precise report and vaguer ones ("in 2019", "later this month") join it. An
undated report only joins an event dated, or reported, within 30 days of its article (an
undated report from an undated article may join any). A vague report that fits several
events goes to the one of the same tense (a planned report to the event with plans, an
account of what happened to the one that happened), then the one from the same story,
then the best reported; a report cannot describe as happened an event dated after its
article, nor plan one dated before it.

Merging runs at query time from the stored events (no extra tables): benchmarks/timeline_corpus.py
measures its cost.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable

from crosswire.events import dates
from crosswire.events.clustering import Block, Cluster
from crosswire.events.model import STATUS_RANK, MergedEvent, Report
from crosswire.events.origins import origin_groups
from crosswire.events.parties import ActorIndex, Participant
from crosswire.read.actors import Registry
from crosswire.store.base import Store


def load_reports(
    store: Store, *, story_id: int | None = None, article_ids: Collection[str] | None = None
) -> list[Report]:
    """Every stored event as a report; only one story's with ``story_id``, only some
    articles' with ``article_ids``."""
    return [
        Report.from_row(row)
        for row in store.iter_events()
        if (story_id is None or row["story_id"] == story_id)
        and (article_ids is None or row["article_id"] in article_ids)
    ]


def actor_index(store: Store, registry: Registry | None = None) -> ActorIndex:
    return ActorIndex(store.actor_names(), registry)


def merged_events(
    store: Store,
    *,
    registry: Registry | None = None,
    story_id: int | None = None,
    article_ids: Collection[str] | None = None,
) -> list[MergedEvent]:
    """The store's events merged across articles, in date order (undated last)."""
    reports = load_reports(store, story_id=story_id, article_ids=article_ids)
    return merge_reports(reports, actor_index(store, registry))


def merge_reports(
    reports: Iterable[Report],
    index: ActorIndex | None = None,
    *,
    only: Callable[[set[Participant]], bool] | None = None,
) -> list[MergedEvent]:
    """Merge reports into events (see the module docstring for the rules).

    ``only`` skips every block whose participants (all its reports' together) it rejects:
    a merged event never names anyone outside its block, so a timeline between two actors
    only merges the blocks where both occur.
    """
    index = index or ActorIndex()
    blocks: dict[tuple, list[Report]] = defaultdict(list)
    position: dict[str, int] = {}  # input order = store order: the merged event's id is its first report's
    for report in reports:
        position.setdefault(report.id, len(position))
        blocks[_block_key(report)].append(report)
    merged = [
        _finish(cluster, index, position)
        for reports_of_block in blocks.values()
        if only is None or only({p for r in reports_of_block for side in r.sides() for p in side})
        for cluster in Block(index).cluster(reports_of_block)
    ]
    return sorted(merged, key=chronological)


def _block_key(report: Report) -> tuple:
    # Matching participants always share their code (or, uncoded, their name), so a block
    # never splits two reports that could merge.
    shape = tuple(frozenset(p.block for p in side) for side in report.sides())
    return (report.event.category, report.symmetric(), shape)


def chronological(event: MergedEvent) -> tuple:
    """Dated events by date, then undated ones by when they were first reported."""
    interval = event.interval
    if interval is None:
        return (1, (event.first_reported() or "9999"), event.id)
    return (0, interval.sort_key(), event.id)


# --- the merged event ---------------------------------------------------------------------


def _finish(cluster: Cluster, index: ActorIndex, position: dict[str, int]) -> MergedEvent:
    reports = sorted(cluster.reports, key=lambda r: (r.published or "9999", r.outlet or "", r.article_id, r.idx))
    # Ids stay stable while the first-stored report stays in the event.
    first_stored = min(cluster.reports, key=lambda r: position[r.id])
    supporting = [r for r in reports if r.event.status != "denied"]
    ranked = sorted(supporting or reports, key=lambda r: STATUS_RANK.get(r.event.status, 9))
    status = ranked[0].event.status
    modes = Counter(r.event.mode for r in reports if r.event.mode)
    place, place_code = _place(cluster, index)
    interval = cluster.interval
    return MergedEvent(
        id=first_stored.id,
        category=first_stored.event.category,
        quad_class=first_stored.event.quad_class,
        mode=modes.most_common(1)[0][0] if modes else None,
        sides=_display_sides(reports, index),
        symmetric=first_stored.symmetric(),
        what=next((r.event.what for r in ranked if r.event.what), None),
        place=place,
        place_code=place_code,
        date=interval.value if interval else None,
        date_precision=_precision(interval, reports),
        status=status,
        reports=reports,
        denied=[r.id for r in reports if r.event.status == "denied"] if supporting else [],
        origins=origin_groups(reports, index),
    )


def _display_sides(reports: list[Report], index: ActorIndex) -> list[list[Participant]]:
    """The actors as most reports name them, the most specific among equally common ones."""
    variants = Counter(tuple(tuple(side) for side in r.sides()) for r in reports)
    best = max(variants, key=lambda v: (index.specificity(p for side in v for p in side), variants[v]))
    return [list(side) for side in best]


def _place(cluster: Cluster, index: ActorIndex) -> tuple[str | None, str | None]:
    """The most specific place reported: a city over its country, the commonest among equals."""
    if not cluster.places:
        return None, None
    counts = Counter((r.event.place, r.event.place_code) for r in cluster.reports if r.event.place)
    return max(counts, key=lambda p: (index.kind(p[0]) != "country", counts[p], -len(p[0]), p[0]))


def _precision(interval: dates.Interval | None, reports: list[Report]) -> str | None:
    if interval is None:
        return None
    for report in reports:  # the reporter's own word for it ("month", "day", "time")
        if report.event.date == interval.value and report.event.date_precision:
            return report.event.date_precision
    return interval.unit
