"""Slot values of a claim: the dates and numbers that two reports of one claim may disagree on.

Dates come from the article's ``times`` records (``value`` at its ``granularity``), read as
the calendar interval they cover, so values of different granularity compare by overlap:
``2023-W37`` contains ``2023-09-13``, ``2019`` contains ``2019-04``. Bounds written around
the expression widen the interval: "as early as September 10" is September 10 or later,
"before late April" is up to the end of April. Two dates conflict only when their intervals
are disjoint.

Numbers are read from the claim's own text (digits and number words), each with the noun
it counts ("seven crew members" -> 7 crew), because "7" and "11" only disagree when they
count the same thing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from crosswire.compare.words import is_stop, word_key, words
from crosswire.events import dates

FAR_PAST = dt.date(1, 1, 1)
FAR_FUTURE = dt.date(9999, 12, 31)
# Granularities precise enough to call a disagreement a contradiction: "2019" against
# "2023-W37" is more often two different events (a past meeting, a planned one) than two
# accounts of one, while "Tuesday, March 11" against "Wednesday, March 12" is a real clash.
CONFLICT_GRANULARITIES = {"day", "time"}
LOWER_BOUND = re.compile(
    r"\b(?:as early as|no earlier than|not before|after|since|from|starting|beginning)\s+(?:on\s+|in\s+)?$", re.I
)
UPPER_BOUND = re.compile(r"\b(?:as late as|no later than|before|by|until|till|up to)\s+(?:on\s+|in\s+)?$", re.I)
# When something was said is not when it happened: "said on Thursday", "Feld on Thursday
# accused" date the statement, and two outlets quoting it on different days do not disagree.
# Not crosswire.read.vocabulary's REPORTING_VERBS (lemmas, for the parser) nor its SAYS (the
# verbs closing a quotation): past-tense forms found in the text next to a date, including
# verbs that date a report's or a document's appearance rather than speech ("circulated",
# "emerged", "surfaced") and a refusal ("refused").
SPEECH_VERBS = (
    r"(?:said|says|told|announced|added|stated|accused|denied|confirmed|reported|warned|claimed|insisted|argued|"
    r"wrote|declared|dismissed|rejected|refused|described|called|urged|welcomed|circulated|emerged|surfaced)"
)
SPEECH_BEFORE = re.compile(rf"\b{SPEECH_VERBS}\s+(?:on\s+|late\s+|early\s+|last\s+)?$", re.I)
SPEECH_AFTER = re.compile(rf"^,?\s*{SPEECH_VERBS}\b", re.I)
# A dateline ("LINDHAVEN, March 16 (Meridian Wire) —") dates the article, not the event.
DATELINE = re.compile(r"^[^\n.]{0,60}?(?:—|–|--)")
# A month name or a numeric date; a clock time ("6:40 a.m.") names no day.
CALENDAR_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?=\W|$)"
    r"|\d{4}-\d{2}-\d{2}|\b\d{1,2}/\d{1,2}\b",
    re.I,
)
CONTEXT_CHARS = 60  # about ten words either side
SAME_SLOT_WORDS = 2  # context words two values must share to be values of one slot

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
NUMBER = re.compile(r"\b(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + r")\b", re.I)
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# Words between a number and the noun it counts that do not change what is counted.
COUNT_FILLERS = {"more", "than", "about", "around", "some", "nearly", "almost", "over", "at", "least", "of", "the"}


@dataclass(frozen=True)
class TimeValue:
    """A dated time expression inside a claim, as the interval of days it covers."""

    text: str
    value: str
    granularity: str
    start: int
    first: dt.date
    last: dt.date
    estimated: bool  # resolved against an estimated publication date
    context: frozenset[str] = frozenset()  # word keys around it: what the date is the date of

    def overlaps(self, other: "TimeValue") -> bool:
        return self.first <= other.last and other.first <= self.last

    @property
    def precise(self) -> bool:
        """A single calendar day the text itself writes out ("Tuesday, March 11", "12 March").

        Deictic days ("on Friday", "Monday", "shortly before midnight") take their date from
        the publication date; two outlets' "on Friday" are often two events' Fridays, too weak
        a basis to say that outlets contradict each other."""
        return (
            self.granularity in CONFLICT_GRANULARITIES
            and bool(CALENDAR_DATE.search(self.text))
            and not self.estimated
            and self.first == self.last
        )


@dataclass(frozen=True)
class Quantity:
    """A number in a claim with the noun it counts (``None`` when it counts nothing nameable)."""

    text: str
    value: float
    unit: str | None
    start: int
    context: frozenset[str] = frozenset()  # word keys around it: what is being counted

    def same_slot(self, other: "Quantity") -> bool:
        return self.unit is not None and self.unit == other.unit


def time_values(record: dict[str, Any], start: int, end: int) -> list[TimeValue]:
    """The dated time expressions of ``record`` inside ``[start, end)`` that date what the
    claim is about (not the dateline, not when it was said)."""
    text = record["text"]
    dateline = DATELINE.match(text)
    values = []
    for t in record.get("times", []):
        if not (start <= t["start"] and t["end"] <= end) or not t.get("value"):
            continue
        if t.get("estimated"):  # anchored on a guessed publication date: too weak to align or clash on
            continue
        if (dateline and t["end"] <= dateline.end()) or _dates_speech(text, t["start"], t["end"]):
            continue
        period = interval(t["value"])
        if period is None:
            continue
        first, last = _bounded(period, text[max(0, t["start"] - 30) : t["start"]])
        context = _context(text, t["start"], t["end"], start, end)
        estimated = bool(t.get("estimated"))
        values.append(TimeValue(t["text"], t["value"], t["granularity"], t["start"], first, last, estimated, context))
    return values


def _dates_speech(text: str, start: int, end: int) -> bool:
    return bool(SPEECH_BEFORE.search(text[max(0, start - 25) : start]) or SPEECH_AFTER.match(text[end : end + 20]))


def interval(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day an ISO-style time value covers, or ``None`` (durations, refs).

    Read by ``crosswire.events.dates``, the one reader of these values outside the reading
    layer, with one difference kept: a weekend ("2023-W37-WE") is its whole week here, as the
    story view has always read it, where events read Saturday and Sunday. Claims align on
    overlapping dates (``matched_slots``), so the narrower weekend would change which claims
    align; a week is never precise enough to clash either way (``TimeValue.precise``)."""
    period = dates.parse(value.removesuffix("-WE"))
    return (period.first, period.last) if period else None


def _bounded(period: tuple[dt.date, dt.date], before: str) -> tuple[dt.date, dt.date]:
    """Open the interval on the side a bound word leaves open ("as early as X": X or later)."""
    first, last = period
    if LOWER_BOUND.search(before):
        return first, FAR_FUTURE
    if UPPER_BOUND.search(before):
        return FAR_PAST, last
    return first, last


def quantities(record: dict[str, Any], start: int, end: int, skip: list[tuple[int, int]]) -> list[Quantity]:
    """Numbers in ``[start, end)`` outside ``skip`` spans (dates, names), with what they count."""
    text = record["text"]
    found = []
    for m in NUMBER.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in skip):
            continue
        raw = m.group(0).lower()
        value = float(NUMBER_WORDS[raw]) if raw in NUMBER_WORDS else float(raw.replace(",", ""))
        if raw == "one" or _is_partitive(text, m.end(), end):
            continue  # "one" is mostly a pronoun; "five of the injured" counts a part, not the whole
        context = _context(text, m.start(), m.end(), start, end)
        found.append(Quantity(m.group(0), value, _counted_noun(text, m.end(), end), m.start(), context))
    return found


def _context(text: str, start: int, end: int, lo: int, hi: int) -> frozenset[str]:
    """Word keys within ``CONTEXT_CHARS`` of a value, inside the claim: "collided in the Strait
    of Ves on [Tuesday, March 11], injuring seven crew" dates a collision."""
    before = text[max(lo, start - CONTEXT_CHARS) : start]
    after = text[end : min(hi, end + CONTEXT_CHARS)]
    return frozenset(words(before) + words(after))


def _is_partitive(text: str, after: int, end: int) -> bool:
    return bool(re.match(r"\s+of\s+(?:the|them|those|these|its|their)\b", text[after:end]))


def _counted_noun(text: str, after: int, end: int) -> str | None:
    """The noun right after a number ("seven crew members" -> "crew"), skipping fillers.

    Only adjacent words count: "two were crew members" says something else than "two crew".
    """
    for word in WORD.findall(text[after : min(end, after + 40)])[:3]:
        lowered = word.lower()
        if lowered in COUNT_FILLERS:
            continue
        if lowered in NUMBER_WORDS or is_stop(lowered) or not word[0].islower():
            return None
        return word_key(lowered)
    return None


Slots = tuple[tuple[TimeValue, ...], tuple[Quantity, ...]]  # a claim's dates and counts


@dataclass(frozen=True)
class SlotConflict:
    """Two values of one slot that cannot both be true: a date or a count."""

    slot: str  # "date", or "number of <noun>"
    left: str
    right: str
    left_text: str  # the words that carry each value ("Tuesday, March 11")
    right_text: str


def matched_slots(a: Slots, b: Slots) -> float:
    """How many slot values two claims share (overlapping dates, equal counts), averaged over
    both directions so that one value cannot be matched many times."""
    (a_times, a_numbers), (b_times, b_numbers) = a, b
    times = sum(any(t.overlaps(o) for o in b_times) for t in a_times) + sum(
        any(t.overlaps(o) for o in a_times) for t in b_times
    )
    numbers = sum(any(_same_count(q, o) for o in b_numbers) for q in a_numbers) + sum(
        any(_same_count(q, o) for o in a_numbers) for q in b_numbers
    )
    return (times + numbers) / 2


def _same_count(a: Quantity, b: Quantity) -> bool:
    return a.value == b.value and (a.unit == b.unit or a.unit is None or b.unit is None)


def conflicts(a: Slots, b: Slots) -> list[SlotConflict]:
    """Slots two claims fill with incompatible values.

    A precise date of one claim that overlaps no date of the other clashes with such a date
    of the other when the words around the two share ``SAME_SLOT_WORDS`` keys (both date a
    collision, say); of several such pairs the closest dates are reported. A count clashes
    with a count of the same noun, in a shared context, when neither value appears on the
    other side. Coarse or estimated dates never clash (see ``TimeValue.precise``).
    """
    (a_times, a_numbers), (b_times, b_numbers) = a, b
    found = []
    lone_a = [t for t in a_times if t.precise and not any(t.overlaps(o) for o in b_times)]
    lone_b = [t for t in b_times if t.precise and not any(t.overlaps(o) for o in a_times)]
    pairs = [(x, y) for x in lone_a for y in lone_b if _same_slot(x.context, y.context)]
    if pairs:
        x, y = min(pairs, key=lambda p: abs((p[0].first - p[1].first).days))
        found.append(SlotConflict("date", x.first.isoformat(), y.first.isoformat(), x.text, y.text))
    for unit in {q.unit for q in a_numbers if q.unit} & {q.unit for q in b_numbers if q.unit}:
        left = [q for q in a_numbers if q.unit == unit]
        right = [q for q in b_numbers if q.unit == unit]
        lone_left = [q for q in left if all(q.value != o.value for o in right)]
        lone_right = [q for q in right if all(q.value != o.value for o in left)]
        pairs = [(x, y) for x in lone_left for y in lone_right if _same_slot(x.context, y.context)]
        if pairs:
            x, y = pairs[0]
            found.append(SlotConflict(f"number of {unit}", number_text(x.value), number_text(y.value), x.text, y.text))
    return found


def _same_slot(a: frozenset[str], b: frozenset[str]) -> bool:
    return len(a & b) >= SAME_SLOT_WORDS


def number_text(value: float) -> str:
    """7.0 -> "7", 2.5 -> "2.5"."""
    return str(int(value)) if value == int(value) else str(value)
