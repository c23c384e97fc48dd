"""Clustering the reports of one block (same category, same actor codes) into events.

Reports are taken most precise date first, so a cluster's date is fixed by its first
report and vaguer ones ("in 2019", "later this month", no date) join it. A report joins
the best cluster it fits (``fits``): matching actors, modes, dates, places, and a tense
its article allows. Clusters are indexed by date and by their reports' publication
dates, so a report is only compared with clusters near it in time: the cost grows with
the events of a block near that time, not with the whole history of a pair of actors.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from crosswire.events import dates
from crosswire.events.model import FUTURE, Report
from crosswire.events.parties import ActorIndex, Participant, sides_match
from crosswire.read.actors import normalise

# An undated report is about something near its article's date: it may join a cluster
# dated, or reported, within this many days of its publication.
UNDATED_WINDOW_DAYS = 30
# Candidate clusters for an undated report are looked up by their first day from this far
# back: a year-long date still reaches the window. (A decade-long one is not searched.)
LONGEST_DATE_DAYS = 366
CROSSING_MARGIN_DAYS = 92  # a week or season may start before the month it overlaps


@dataclass(eq=False)
class Cluster:
    sides: list[list[Participant]]
    number: int = 0  # its place in its block
    specificity: int = -1
    interval: dates.Interval | None = None
    intervals: set = field(default_factory=set)
    places: set[tuple[str, str | None]] = field(default_factory=set)
    modes: set[str] = field(default_factory=set)
    tenses: set[str] = field(default_factory=set)
    stories: set[int] = field(default_factory=set)
    published: set[dt.date] = field(default_factory=set)
    published_indexed: set[dt.date] = field(default_factory=set)
    reports: list[Report] = field(default_factory=list)

    def add(self, report: Report, index: ActorIndex) -> None:
        e = report.event
        sides = report.sides()
        specificity = index.specificity(p for side in sides for p in side)
        if specificity > self.specificity:  # match later reports against the most specific actors
            self.sides, self.specificity = sides, specificity
        if report.interval is not None:
            self.interval = dates.more_precise(self.interval, report.interval)
            self.intervals.add(report.interval)
        if e.place:
            self.places.add((e.place, e.place_code))
        self.modes.update(modes_of(e.mode))
        self.tenses.add(tense(e.status))
        if report.story_id is not None:
            self.stories.add(report.story_id)
        if (day := report.published_day) is not None:
            self.published.add(day)
        self.reports.append(report)


class Block:
    """The clusters of one block with two time indexes: by first day of their date, and by
    the publication day of each of their reports."""

    def __init__(self, index: ActorIndex) -> None:
        self.index = index
        self.clusters: list[Cluster] = []
        self._by_first: list[tuple[int, int]] = []  # (ordinal of the first day, cluster number)
        self._by_published: list[tuple[int, int]] = []
        self._timeless: set[int] = set()  # clusters with neither a date nor a dated report
        self._by_story: dict[int, set[int]] = {}

    def cluster(self, reports: list[Report]) -> list[Cluster]:
        order = sorted(reports, key=lambda r: (r.interval is None, r.interval.days if r.interval else 0))
        for report in order:
            fitting = [c for c in self._near(report) if fits(c, report, self.index)]
            if fitting:
                best = max(fitting, key=lambda c: preference(c, report))
            else:
                best = Cluster(sides=report.sides(), number=len(self.clusters))
                self.clusters.append(best)
            self._add(best, report)
        return self.clusters

    def _add(self, cluster: Cluster, report: Report) -> None:
        had_interval = cluster.interval is not None
        cluster.add(report, self.index)
        # Dates come most precise first, so a cluster's date is set once, by its first dated report.
        if cluster.interval is not None and not had_interval:
            bisect.insort(self._by_first, (cluster.interval.first.toordinal(), cluster.number))
        day = report.published_day
        if day is not None and day not in cluster.published_indexed:  # one entry per day and cluster
            cluster.published_indexed.add(day)
            bisect.insort(self._by_published, (day.toordinal(), cluster.number))
        if report.story_id is not None:
            self._by_story.setdefault(report.story_id, set()).add(cluster.number)
        if cluster.interval is None and not cluster.published:
            self._timeless.add(cluster.number)
        else:
            self._timeless.discard(cluster.number)

    def _near(self, report: Report) -> list[Cluster]:
        interval, published = report.interval, report.published_day
        numbers: set[int] = set()
        if interval is not None:  # clusters dated inside (or overlapping) the report's date
            numbers |= self._range(self._by_first, interval.first.toordinal() - CROSSING_MARGIN_DAYS,
                                   interval.last.toordinal())
        elif published is not None:
            day = published.toordinal()
            window = UNDATED_WINDOW_DAYS
            dated = self._range(self._by_first, day - window - LONGEST_DATE_DAYS, day + window)
            numbers |= {n for n in dated if self._reaches(self.clusters[n], day, window)}
            numbers |= self._range(self._by_published, day - window, day + window)
            numbers |= set(self._timeless)
        elif report.story_id is not None:  # an undated article: its story places it in time
            numbers = self._by_story.get(report.story_id, set()) | self._timeless
        else:  # nothing to narrow by
            numbers = set(range(len(self.clusters)))
        return [self.clusters[n] for n in sorted(numbers)]

    @staticmethod
    def _range(index: list[tuple[int, int]], low: int, high: int) -> set[int]:
        start = bisect.bisect_left(index, (low, -1))
        end = bisect.bisect_right(index, (high, 1 << 62))
        return {number for _, number in index[start:end]}

    @staticmethod
    def _reaches(cluster: Cluster, day: int, window: int) -> bool:
        interval = cluster.interval
        return interval.first.toordinal() <= day + window and interval.last.toordinal() >= day - window


def fits(cluster: Cluster, report: Report, index: ActorIndex) -> bool:
    """May ``report`` be one more account of ``cluster``'s event?"""
    e = report.event
    report_modes = modes_of(e.mode)
    if report_modes and cluster.modes and not report_modes & cluster.modes:
        return False
    if report.interval is not None and not all(dates.compatible(report.interval, i) for i in cluster.intervals):
        return False
    if not tense_allows(cluster.interval, e.status, report.published_day):
        return False
    if e.place and not all(places_compatible((e.place, e.place_code), p, index) for p in cluster.places):
        return False
    return sides_match(cluster.sides, report.sides(), index)  # the dearest check last


def tense_allows(interval: dates.Interval | None, status: str, published: dt.date | None) -> bool:
    """An article cannot report as happened what is dated after it, nor plan what is dated before it."""
    if interval is None or published is None:
        return True
    if status == "happened":
        return interval.first <= published
    if status in FUTURE:
        return interval.last >= published
    return True


def preference(cluster: Cluster, report: Report) -> tuple:
    """Among clusters a vague report fits: the same tense (a plan joins the plans), the same
    story, the most reported, the nearest in time."""
    same_tense = tense(report.event.status) in cluster.tenses
    same_story = report.story_id is not None and report.story_id in cluster.stories
    published = report.published_day
    distance = abs((cluster.interval.first - published).days) if cluster.interval and published else 0
    return (same_tense, same_story, len(cluster.reports), -distance)


def places_compatible(a: tuple[str, str | None], b: tuple[str, str | None], index: ActorIndex) -> bool:
    name_a, name_b = normalise(a[0]), normalise(b[0])
    if name_a == name_b or f" {name_a} " in f" {name_b} " or f" {name_b} " in f" {name_a} ":
        return True  # "Severin" and "the Valdorian port city of Severin"
    if a[1] and a[1] == b[1]:  # a country and a place in it: "Russia" and "Vladivostok" (RUS)
        return index.kind(a[0]) == "country" or index.kind(b[0]) == "country"
    return False


def modes_of(mode: str | None) -> set[str]:
    return set(mode.split("+")) if mode else set()


def tense(status: str) -> str:
    return "future" if status in FUTURE else status
