"""One time expression to a TimeML value, against an anchor date. Pure: no spaCy, no I/O.

``normalise("next week", date(2023, 9, 7))`` -> ``("2023-W37", "week", "DATE")``.

Rules are tried in order — reference words ("now"), sets ("every week"), offsets ("3 days
ago"), story-relative phrases ("that year"), durations ("15 years"), then calendar slots
(clock, part of day, day, month, quarter, season, week, decade, year) — on a canonical form
of the text: lower case, number words as digits, hyphens between words as spaces.

Decisions worth knowing:
* Relative expressions need the anchor; without one their value is ``None``, while
  absolute ones ("April 2019", "the 1990s") still resolve.
* A yearless date, month, quarter, season or holiday is the nearest one to the anchor,
  unless the clause's ``tense`` points the other way and the candidate in that direction
  lies within ten months (``TENSE_REACH``): "said ... in November" written in February is
  last November, but "Dec. 7" in a past-tense clause written in late October is the coming
  Dec. 7 (a payment date, say), not one eleven months back. A bare weekday
  follows the tense within a week: "said ... on Tuesday" is the Tuesday before the anchor,
  "will ... on Tuesday" the one after; with no tense, the nearest.
* "weeks later", "two days earlier", "that year", "the next day", "the quarter" refer to a
  time in the story, not to the publication date: DATE with the unit's granularity and value
  ``None`` (event dating can resolve them against the event). "weeks ago" with no count is
  ``PAST_REF``, "the coming weeks" ``FUTURE_REF``, as TimeML does.
* Decades are TimeML's three digits ("the 1990s" -> ``199``); nights are ``TNI``.
* Modifiers ("early", "late", "about", "more than") do not change the value (TimeML keeps
  them in a separate ``mod`` attribute, which crosswire does not keep).

The words and patterns the rules read (month and weekday names, units, holidays, the
regular expressions of offsets, durations and sets) are in ``crosswire.read.timewords``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from crosswire.read.timewords import (
    CLOCK,
    DURATION,
    HOLIDAYS,
    MONTHS,
    MONTH_PATTERN,
    NARRATIVE,
    OFFSET,
    ONES,
    ORDINALS,
    PARTS,
    REFERENCES,
    REF_AHEAD,
    REF_PLURAL,
    RELATIVE_UNIT,
    SEASONS,
    SET_EVERY,
    SET_EVERY_DAY,
    SET_PLURAL_DAY,
    SET_TIMES,
    SET_WORDS,
    TENS,
    UNITS,
    WEEKDAYS,
    WEEKDAY_PATTERN,
)

Result = tuple[str | None, str, str]  # value, granularity, kind
Period = tuple[date, date]  # first and last day

TENSE_REACH = 300  # how far (days) the tense may pull a yearless date away from the nearest one


def normalise(text: str, anchor: date | None, tense: str | None = None) -> Result:
    """``(value, granularity, kind)`` of the time expression ``text`` said at ``anchor``.

    ``tense`` (``past``, ``present``, ``future`` or ``None``) is the tense of the clause the
    expression sits in; it places weekdays and yearless dates.
    """
    s = canonical(text)
    for rule in (_reference, _set, _offset, _narrative, _duration, _calendar):
        result = rule(s, anchor, tense)
        if result is not None:
            return result
    return None, "unknown", "DATE"


def canonical(text: str) -> str:
    """Lower case, hyphens between words as spaces, number words as digits ("5 1/2" as 5.5)."""
    s = text.lower().replace("’", "'").replace("–", "-").replace("—", " ")
    s = re.sub(r"'s\b", "", s)  # "Friday's" is Friday
    s = re.sub(r"(?<=[a-z])-(?=[a-z0-9'])|(?<=\d)-(?=[a-z])", " ", s)  # "five-year", "mid-1990s"
    s = re.sub(r"[,;!?\"()]|:(?!\d)|(?<![a-z]\.[a-z])\.(?=\s|$)(?<!\b[ap]\.m\.)", " ", s)
    s = re.sub(r"\b(\d+) 1/2\b", r"\1.5", s)
    s = re.sub(r"\b(twen|thir|for|fif|six|seven|eigh|nine)ties\b",
               lambda m: f"{['twen', 'thir', 'for', 'fif', 'six', 'seven', 'eigh', 'nine'].index(m.group(1)) + 2}0s", s)
    s = re.sub(r"\b(?:a )?couple(?: of)?\b", "2", s)
    s = re.sub(r"\s+", " ", s).strip()
    return _number_words(s)


def _number_words(s: str) -> str:
    words = "|".join([*ONES, *TENS, "hundred", "thousand"])

    def value(match: re.Match) -> str:
        parts = match.group(0).split()
        if len(parts) > 1 and 11 <= ONES.get(parts[0], 0) and (parts[1] in TENS or ONES.get(parts[1], 0) >= 10):
            rest = re.match(r".*", " ".join(parts[1:]))
            return str(ONES[parts[0]] * 100 + int(value(rest)))  # "nineteen ninety six" is 1996
        total = 0
        for word in parts:
            if word in ("hundred", "thousand"):
                total = max(total, 1) * (100 if word == "hundred" else 1000)
            else:
                total += ONES.get(word, TENS.get(word, 0))
        return str(total)

    return re.sub(rf"\b(?:{words})(?:\s(?:{words}))*\b", value, s)


def _count(n: str | None) -> float | None:
    """A number, 1 for "a"/"an"/none, or None for a vague count ("several", "a few")."""
    if n is None or n in ("a", "an"):
        return 1
    return float(n) if re.fullmatch(r"\d+(?:\.\d+)?", n) else None


def _unit(match: re.Match) -> str:
    return "century" if match.group("unit").startswith("centur") else match.group("unit")


# --- rules: each returns a Result, or None when it does not apply --------------------------------

def _reference(s: str, anchor: date | None, tense: str | None) -> Result | None:
    bare = re.sub(r"^(?:in|for|until|by|from|since|at|of|into) ", "", s)
    for value, phrases in REFERENCES.items():
        if s in phrases or bare in phrases:
            return value, "unknown", "DATE"
    match = REF_PLURAL.match(bare)
    if match and match.group("pl"):  # "recent years", "the coming weeks": a vague period
        return ("PAST_REF" if match.group("dir") == "recent" else "FUTURE_REF"), UNITS[_unit(match)][2], "DATE"
    match = REF_AHEAD.match(bare)
    return ("FUTURE_REF", UNITS[_unit(match)][2], "DATE") if match else None


def _set(s: str, anchor: date | None, tense: str | None) -> Result | None:
    if s in SET_WORDS:
        return SET_WORDS[s], "set", "SET"
    match = SET_EVERY_DAY.search(s) or SET_PLURAL_DAY.search(s)
    if match and (s.startswith(("every", "each")) or match.group("wpl") or match.group("part")):
        day = f"XXXX-WXX-{WEEKDAYS[match.group('weekday')] + 1}" if match.group("weekday") else "XXXX-XX-XX"
        part = PARTS[match.group("part")] if match.group("part") else None
        return day + (f"T{part}" if part else ""), "set", "SET"  # "every Tuesday", "Tuesday nights"
    match = SET_EVERY.search(s)
    if match and (match.group(0).split()[0] in ("every", "each", "per") or SET_TIMES.search(s)):
        count = int(match.group("n") or 1) * (2 if match.group("other") else 1)
        return _period(count, _unit(match)), "set", "SET"
    return None


def _offset(s: str, anchor: date | None, tense: str | None) -> Result | None:
    """ "3 days ago", "a year earlier", "weeks later": a date some distance from a reference."""
    match = OFFSET.search(s)
    if not match or re.search(r"\b(?:yesterday|tomorrow)\b", s):
        return None
    unit, direction = _unit(match), match.group("dir")
    granularity = UNITS[unit][2]
    count = None if match.group("n") is None and match.group("pl") else _count(match.group("n"))
    if direction not in ("ago", "from now", "hence", "back"):
        return None, granularity, "DATE"  # relative to an event in the story, not to the anchor
    if count is None:
        return ("PAST_REF" if direction in ("ago", "back") else "FUTURE_REF"), granularity, "DATE"
    if anchor is None:
        return None, granularity, "DATE"
    if UNITS[unit][3]:  # "two hours ago": the anchor is a day, so the day is all we know
        return anchor.isoformat(), "day", "TIME"
    sign = -1 if direction in ("ago", "back") else 1
    return _format(_shift(anchor, unit, sign * count), granularity), granularity, "DATE"


def _narrative(s: str, anchor: date | None, tense: str | None) -> Result | None:
    match = NARRATIVE.search(s)
    if not match:
        return None
    last = match.group(0).split()[-1]
    if last in PARTS:
        return None, "time", "TIME"
    return None, UNITS[last][2] if last in UNITS else "season", "DATE"


def _duration(s: str, anchor: date | None, tense: str | None) -> Result | None:
    match = DURATION.match(s)
    if not match:
        return None
    direction, the, n, plural = match.group("dir"), match.group("the"), match.group("n"), match.group("pl")
    if direction in ("last", "next", "coming", "previous", "latest") and not (the or n or plural):
        return None  # "last week", "next month": a calendar date
    if _unit(match) == "weekend" and not (n or plural):
        return None  # "the weekend": a calendar weekend
    if direction == "latest" or (direction in ("first", "final") and not (n or plural)):
        return None  # "the latest quarter", "the first quarter": calendar dates
    if n and re.fullmatch(r"1[89]\d\d|20\d\d", n) and not plural:
        return None  # "the 1988 quarter": a year, not 1988 quarters
    count = None if plural and n is None else _count(n)  # "years", "the past weeks": vague
    if count is not None and match.group("half"):
        count += 0.5
    return _period(count, _unit(match)), "duration", "DURATION"


def _period(count: float | None, unit: str) -> str:
    """ISO-8601 duration: ``P3W``, ``PT2H``, ``PXY`` (TimeML's X for a vague count)."""
    designator, multiplier, _, is_time = UNITS[unit]
    if count is None:
        amount, designator = "X", {"decade": "E", "century": "C"}.get(unit, designator)
    else:
        number = count * multiplier
        amount = str(int(number)) if number == int(number) else f"{number:g}"
    return ("PT" if is_time else "P") + amount + designator


# --- calendar expressions ---------------------------------------------------------------------

def _calendar(s: str, anchor: date | None, tense: str | None) -> Result | None:
    for resolve in (_week_of, _clock_or_part, _day, _month, _quarter_or_half, _season, _relative_unit, _decade, _year):
        result = resolve(s, anchor, tense)
        if result is not None:
            return result
    return None


def _clock_or_part(s: str, anchor: date | None, tense: str | None) -> Result | None:
    clock = _clock(s)
    match = re.search(r"\b(morning|afternoon|evening|night|tonight|overnight)\b", s)
    part = clock or (PARTS[match.group(1)] if match else None)
    if not part:
        return None
    day = _day(s, anchor, tense)
    if day is not None:
        value = day[0]
    elif re.search(r"\b(?:last|overnight)\b", s):  # "last night", "overnight": the night before the anchor
        value = (anchor - timedelta(days=1)).isoformat() if anchor else None
    else:  # "this morning", "10 a.m.": the anchor's day
        value = anchor.isoformat() if anchor else None
    return (f"{value}T{part}" if value else None), "time", "TIME"


def _clock(s: str) -> str | None:
    match = CLOCK.search(s)
    if match:
        hour, minute, part = int(match.group(1)) % 12, match.group(2) or "00", match.group(4)
        if match.group(3) == "p" or part in ("afternoon", "evening") or (part == "night" and hour > 5):
            hour += 12
        return f"{hour:02d}:{minute}"
    if re.search(r"\b(?:noon|midday)\b", s):
        return "12:00"
    if re.search(r"\bmidnight\b", s):
        return "24:00"
    match = re.search(r"\b([01]?\d|2[0-3]):([0-5]\d)\b", s)
    return f"{int(match.group(1)):02d}:{match.group(2)}" if match else None


def _day(s: str, anchor: date | None, tense: str | None) -> Result | None:
    weekday = re.search(r"\b" + WEEKDAY_PATTERN + r"\b", s)
    month_day = _month_day(s)
    holiday = next((f for name, f in HOLIDAYS.items() if re.search(rf"\b{name}\b", s)), None)
    if month_day or holiday:
        def period(year: int, check_weekday: bool = True) -> tuple[date, date] | None:
            day = _safe_date(year, *month_day) if month_day else holiday(year)
            if day is None or (check_weekday and weekday and day.weekday() != WEEKDAYS[weekday.group("weekday")]):
                return None  # "Monday, Oct. 26" names the year whose Oct. 26 is a Monday
            return day, day
        year = _in_year(s, anchor, tense, period)
        if year is None and weekday:  # no nearby year fits the weekday: trust the date
            year = _in_year(s, anchor, tense, lambda y: period(y, False))
        day = period(year, False) if year is not None else None
        return (day[0].isoformat() if day else None), "day", "DATE"
    shift = _relative_day(s)
    if shift is not None:
        return ((anchor + timedelta(days=shift)).isoformat() if anchor else None), "day", "DATE"
    if weekday:
        if anchor is None:
            return None, "day", "DATE"
        days = [anchor + timedelta(days=k) for k in range(-7, 8)]
        matching = [((d, d), d) for d in days if d.weekday() == WEEKDAYS[weekday.group("weekday")]]
        return _place(matching, anchor, tense, _direction(s), window=7).isoformat(), "day", "DATE"
    return None


def _month_day(s: str) -> tuple[int, int] | None:
    match = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", s) or re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b", s)
    if match:  # ISO or US month/day/year: _explicit_year reads the year
        iso = len(match.group(1)) == 4
        return (int(match.group(2)), int(match.group(3))) if iso else (int(match.group(1)), int(match.group(2)))
    match = re.search(r"\b" + MONTH_PATTERN + r"\.? (?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?!:|\.\d| ?[ap]\.?m\b)", s) \
        or re.search(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)? (?:of )?" + MONTH_PATTERN + r"(?![a-z])", s)
    if match and 1 <= int(match.group("day")) <= 31:
        return MONTHS[match.group("month")], int(match.group("day"))
    return None


def _relative_day(s: str) -> int | None:
    for word, shift in (("day before yesterday", -2), ("day after tomorrow", 2), ("yesterday", -1),
                        ("tomorrow", 1), ("today", 0), ("tonight", 0), ("last night", -1), ("overnight", -1)):
        if re.search(rf"\b{word}\b", s):
            return shift
    return None


def _week_of(s: str, anchor: date | None, tense: str | None) -> Result | None:
    """ "the week of March 6": the ISO week that holds the day."""
    if not s.startswith(("the week of", "week of")):
        return None
    day = _day(s[s.index("of") + 3:], anchor, tense)
    return (day and day[0] and _format(date.fromisoformat(day[0]), "week")), "week", "DATE"


def _month(s: str, anchor: date | None, tense: str | None) -> Result | None:
    match = re.search(r"\b" + MONTH_PATTERN + r"(?![a-z])", s)
    if not match:
        return None
    month = MONTHS[match.group("month")]
    year = _in_year(s, anchor, tense, lambda y: _months(y, month, 1))
    return (f"{year}-{month:02d}" if year else None), "month", "DATE"


def _quarter_or_half(s: str, anchor: date | None, tense: str | None) -> Result | None:
    match = re.search(r"\b(?P<ord>first|second|third|fourth|[1-4])(?:st|nd|rd|th)?(?: fiscal| calendar)? "
                      r"(?P<what>quarter|half)\b", s) or re.search(r"\b(?P<what>q|h)(?P<ord>[1-4])\b", s)
    if not match:
        return None
    what = "quarter" if match.group("what") in ("quarter", "q") else "half"
    number = ORDINALS.get(match.group("ord")) or int(match.group("ord"))
    months = 3 if what == "quarter" else 6
    first = (number - 1) * months + 1
    year = _in_year(s, anchor, tense, lambda y: _months(y, first, months))
    return (f"{year}-{what[0].upper()}{number}" if year else None), what, "DATE"


def _season(s: str, anchor: date | None, tense: str | None) -> Result | None:
    match = re.search(r"\b(spring|summer|fall|autumn|winter)\b", s)
    if not match:
        return None
    code, first = SEASONS[match.group(1)]
    year = _in_year(s, anchor, tense, lambda y: _months(y, first, 3))
    return (f"{year}-{code}" if year else None), "season", "DATE"


def _relative_unit(s: str, anchor: date | None, tense: str | None) -> Result | None:
    """ "last week", "earlier this month", "the end of the year", "year-end", "the weekend"."""
    if re.search(r"\byear end\b", s):
        s = "this year"
    match = RELATIVE_UNIT.search(s)
    if not match or (match.group("rel") == "the" and not match.group("lead") and match.group("unit") != "weekend"):
        return None  # "the year" is the story's year; "the end of the year", "the weekend" are the anchor's
    unit = match.group("unit")
    granularity = UNITS[unit][2]
    if anchor is None:
        return None, granularity, "DATE"
    if unit == "weekend" and match.group("rel") in ("this", "the"):  # the weekend just past or coming, by tense
        days = [anchor + timedelta(days=k) for k in range(-7, 8)]
        saturdays = [((d, d + timedelta(days=1)), d) for d in days if d.weekday() == 5]
        return _format(_place(saturdays, anchor, tense, None, window=7), "week") + "-WE", "week", "DATE"
    step = {"last": -1, "past": -1, "previous": -1, "latest": -1, "most recent": -1, "next": 1,
            "coming": 1, "upcoming": 1}.get(match.group("rel"), 0)
    value = _format(_shift(anchor, unit, step), granularity)
    return (value + "-WE" if unit == "weekend" else value), granularity, "DATE"


def _decade(s: str, anchor: date | None, tense: str | None) -> Result | None:
    match = re.search(r"\b(1\d|20)(\d)0s\b", s)
    if match:
        return match.group(1) + match.group(2), "decade", "DATE"
    match = re.search(r"(?<![\d'])'?(\d)0s\b", s)
    if match:
        return str(_two_digit_year(int(match.group(1)) * 10, anchor) // 10), "decade", "DATE"
    match = re.search(r"\b(\d{1,2})(?:st|nd|rd|th) century\b", s)
    return (f"{int(match.group(1)) - 1:02d}", "century", "DATE") if match else None


def _year(s: str, anchor: date | None, tense: str | None) -> Result | None:
    year = _explicit_year(s, anchor)
    return (str(year), "year", "DATE") if year is not None else None


# --- years and placement -------------------------------------------------------------------------

def _in_year(s: str, anchor: date | None, tense: str | None, period: Callable[[int], Period | None]) -> int | None:
    """The year of a yearly ``period`` ("July", "the third quarter", "Christmas"): named or placed."""
    year = _explicit_year(s, anchor) or _year_of_relative(s, anchor)
    if year is not None or anchor is None:
        return year
    if re.search(r"\bthis\b", s):
        return anchor.year
    candidates = [(span, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (span := period(y))]
    return _place(candidates, anchor, tense, _direction(s)) if candidates else None


def _explicit_year(s: str, anchor: date | None) -> int | None:
    match = re.search(r"\b\d{1,2}/\d{1,2}/(\d{4})\b", s) or re.search(r"(?<![\d/.-])(1\d{3}|20\d{2})(?![\d/]|s\b)", s)
    if match:
        return int(match.group(1))
    match = re.search(r"(?:'|\b\d{1,2}/\d{1,2}/)(\d{2})\b(?!s)", s)
    return _two_digit_year(int(match.group(1)), anchor) if match else None


def _two_digit_year(yy: int, anchor: date | None) -> int:
    now = anchor.year if anchor else 2000
    year = now // 100 * 100 + yy
    return year - 100 if year > now + 10 else year


def _year_of_relative(s: str, anchor: date | None) -> int | None:
    """The year named by "this year's third quarter", "July last year", "next year's"."""
    match = re.search(r"\b(this|last|next|the current|the previous|the coming) year\b", s)
    if not match or anchor is None:
        return None
    return anchor.year + {"last": -1, "the previous": -1, "next": 1, "the coming": 1}.get(match.group(1), 0)


def _direction(s: str) -> str | None:
    """An explicit direction word overrides the tense: "last Tuesday", "next April"."""
    if re.search(r"\b(?:last|past|previous)\b", s):
        return "before"
    if re.search(r"\b(?:next|coming|upcoming)\b", s):
        return "after"
    return None


def _place(candidates: list, anchor: date, tense: str | None, direction: str | None, window: int | None = None):
    """The payload of the candidate ``((start, end), payload)`` a speaker at ``anchor`` means."""
    def gap(c) -> int:
        start, end = c[0]
        return 0 if start <= anchor <= end else min(abs((start - anchor).days), abs((end - anchor).days))

    if direction == "before":
        return max((c for c in candidates if c[0][1] < anchor), key=lambda c: c[0], default=min(candidates, key=gap))[1]
    if direction == "after":
        return min((c for c in candidates if c[0][0] > anchor), key=lambda c: c[0], default=min(candidates, key=gap))[1]
    nearest = min(candidates, key=gap)
    window = TENSE_REACH if window is None else window
    if tense == "past":
        agree = max((c for c in candidates if c[0][0] <= anchor), key=lambda c: c[0], default=None)
    elif tense == "future":
        agree = min((c for c in candidates if c[0][1] >= anchor), key=lambda c: c[0], default=None)
    else:
        agree = None
    return (agree if agree is not None and gap(agree) <= window else nearest)[1]


def _shift(anchor: date, unit: str, count: float) -> date:
    designator, multiplier, _, _ = UNITS[unit]
    amount = count * multiplier
    if unit in ("day", "night"):
        return anchor + timedelta(days=round(amount))
    if unit in ("week", "weekend", "fortnight"):
        return anchor + timedelta(weeks=amount)
    if designator == "M":
        return anchor + relativedelta(months=round(amount))
    return anchor + relativedelta(years=round(amount))


def _format(day: date, granularity: str) -> str:
    if granularity in ("day", "time"):
        return day.isoformat()
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if granularity == "month":
        return f"{day.year}-{day.month:02d}"
    if granularity == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if granularity == "decade":
        return str(day.year // 10)
    if granularity == "century":
        return f"{day.year // 100:02d}"
    return str(day.year)


def _months(year: int, first: int, count: int) -> Period:
    start = date(year, first, 1)
    return start, start + relativedelta(months=count, days=-1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
