"""Event dates as day intervals, so dates at different precision can be compared.

An event's ``date`` is ISO-8601-style at its own precision (``crosswire.read.timenorm``):
``2019`` is the whole year, ``2023-09`` the month, ``2023-W37`` the ISO week, ``2023-Q3``
the quarter, ``2025-03-14T10:00`` a time on a day. Each becomes the closed range of days
it covers. Two dates are *compatible* (may be the same event) when one range contains
the other — 2023-09 contains 2023-09-10 — or, for weeks and seasons that cut across months,
when the ranges overlap. Two different days are never compatible.

``parse`` is the one reader of these values outside the reading layer: the story view's
claim dates (``crosswire.compare.slots.interval``) use it too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

SEASON_MONTHS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3)}
# Calendar units that do not nest inside months: compatible on overlap, not only containment.
CROSSING = {"week", "season"}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-(WE|\d))?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-([QH])([1-4])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")


@dataclass(frozen=True)
class Interval:
    """The days ``first``..``last`` (inclusive) an ISO value covers, and its unit."""

    value: str
    first: dt.date
    last: dt.date
    unit: str  # time | day | week | month | quarter | season | year | decade

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def contains(self, other: "Interval") -> bool:
        return self.first <= other.first and other.last <= self.last

    def overlaps(self, other: "Interval") -> bool:
        return self.first <= other.last and other.first <= self.last

    def sort_key(self) -> tuple:
        # Earlier start first; at the same start the wider range first ("2019" before "2019-01-05"),
        # and a time after its bare day.
        return (self.first, -self.days, self.unit == "time")


def parse(value: str | None) -> Interval | None:
    """The interval of an event date, or ``None`` when it is missing or not a calendar date
    (durations, unanchored "XXXX" values, PAST_REF)."""
    if not value:
        return None
    try:
        return _parse(value.strip())
    except ValueError:  # a malformed value ("2023-13") is as good as none
        return None


def _parse(value: str) -> Interval | None:
    if m := _DAY.match(value):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return Interval(value, day, day, "time" if m[4] else "day")
    if m := _WEEK.match(value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3] == "WE":
            return Interval(value, monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "week")
        if m[3]:
            day = monday + dt.timedelta(days=int(m[3]) - 1)
            return Interval(value, day, day, "day")
        return Interval(value, monday, monday + dt.timedelta(days=6), "week")
    if m := _MONTH.match(value):
        return _months(value, int(m[1]), int(m[2]), 1, "month")
    if m := _QUARTER.match(value):
        size = 3 if m[2] == "Q" else 6
        return _months(value, int(m[1]), (int(m[3]) - 1) * size + 1, size, "quarter")
    if m := _SEASON.match(value):
        first, size = SEASON_MONTHS[m[2]]
        return _months(value, int(m[1]), first, size, "season")
    if m := _YEAR.match(value):
        year = int(m[1])
        return Interval(value, dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    if m := _DECADE.match(value):
        start = int(m[1]) * 10
        return Interval(value, dt.date(start, 1, 1), dt.date(start + 9, 12, 31), "decade")
    return None


def _months(value: str, year: int, first_month: int, count: int, unit: str) -> Interval:
    first = dt.date(year, first_month, 1)
    month_index = year * 12 + first_month - 1 + count  # the month after the range
    after = dt.date(month_index // 12, month_index % 12 + 1, 1)
    return Interval(value, first, after - dt.timedelta(days=1), unit)


def compatible(a: Interval | None, b: Interval | None) -> bool:
    """May ``a`` and ``b`` date the same event? A missing date is compatible with anything."""
    if a is None or b is None:
        return True
    if a.contains(b) or b.contains(a):
        return True
    return (a.unit in CROSSING or b.unit in CROSSING) and a.overlaps(b)


def more_precise(a: Interval | None, b: Interval | None) -> Interval | None:
    """The narrower of two dates (a time beats its day); either when one is missing."""
    if a is None or b is None:
        return a or b
    return min((a, b), key=lambda i: (i.days, i.unit != "time"))


def month_of(interval: Interval | None) -> str | None:
    """The period an event is counted in for relations over time: its month when the date
    falls within one month, else its first year ("2019" for a year-precise date)."""
    if interval is None:
        return None
    if interval.first.year == interval.last.year and interval.first.month == interval.last.month:
        return f"{interval.first.year}-{interval.first.month:02d}"
    return str(interval.first.year)


def day_of(value: str | None) -> dt.date | None:
    """An article's publication date (``YYYY-MM-DD``) as a date, or ``None``."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
