"""The words and patterns of time expressions, for ``crosswire.read.timenorm``.

Tables (month, weekday, season and part-of-day names, holidays, units, number words, the
TimeML reference words) and the regular expressions the normalisation rules match on the
canonical text (lower case, number words as digits, hyphens between words as spaces: see
``timenorm.canonical``). The named groups of the patterns (``unit``, ``pl``, ``n``, ``dir``,
``month``, ``weekday``, ``wpl``, ``part`` ...) are what the rules in ``timenorm`` read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from dateutil.easter import easter
from dateutil.relativedelta import MO, TH, TU, relativedelta

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9), "autumn": ("FA", 9), "winter": ("WI", 12)}
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI", "overnight": "NI"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
HOLIDAYS: dict[str, Callable[[int], date]] = {
    r"new year'?s? eve": lambda y: date(y, 12, 31),
    r"new year'?s?(?: day)?": lambda y: date(y, 1, 1),
    r"christmas eve": lambda y: date(y, 12, 24),
    r"christmas(?: day)?": lambda y: date(y, 12, 25),
    r"easter(?: sunday)?": easter,
    r"thanksgiving(?: day)?": lambda y: date(y, 11, 1) + relativedelta(weekday=TH(4)),
    r"(?:independence day|(?:the )?fourth of july)": lambda y: date(y, 7, 4),
    r"labou?r day": lambda y: date(y, 9, 1) + relativedelta(weekday=MO(1)),
    r"memorial day": lambda y: date(y, 5, 31) + relativedelta(weekday=MO(-1)),
    r"election day": lambda y: date(y, 11, 2) + relativedelta(weekday=TU(1)),  # the Tuesday after the first Monday
    r"halloween": lambda y: date(y, 10, 31),
    r"valentine day": lambda y: date(y, 2, 14),
}
# unit -> (ISO designator, multiplier, granularity of a date offset by it, is a time-of-day unit)
UNITS = {
    "second": ("S", 1, "time", True), "minute": ("M", 1, "time", True), "hour": ("H", 1, "time", True),
    "day": ("D", 1, "day", False), "night": ("D", 1, "day", False), "week": ("W", 1, "week", False),
    "weekend": ("WE", 1, "week", False), "fortnight": ("W", 2, "week", False), "month": ("M", 1, "month", False),
    "quarter": ("M", 3, "quarter", False), "year": ("Y", 1, "year", False), "decade": ("Y", 10, "decade", False),
    "century": ("Y", 100, "century", False),
}
# number words, for reading "twenty-five years" as "25 years"
ONES = dict(zip("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                "fifteen sixteen seventeen eighteen nineteen".split(), range(20)))
TENS = dict(zip("twenty thirty forty fifty sixty seventy eighty ninety".split(), range(20, 100, 10)))

# Regular-expression fragments the patterns share.
_UNIT = (r"(?P<unit>second|minute|hour|day|night|weekend|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"
         r"(?P<pl>s)?")
_NUM = r"(?P<n>\d+(?:\.\d+)?(?: (?:to|or) \d+)?|an?|several|a few|few|many|some|a couple of|couple of|a number of)"
_APPROX = (r"(?:about|around|nearly|almost|roughly|approximately|some|more than|less than|at least|at most|"
           r"no more than|no less than|over|under|only|just|up to|fewer than|as many as|the better part of|all"
           r"|an estimated)")
_EXTRA = r"(?:more|additional|other|further|trading|business|straight|consecutive) "
MONTH_PATTERN = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
WEEKDAY_PATTERN = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?P<wpl>s)?"

# TimeML reference values: phrases that name the present, the past or the future vaguely.
REFERENCES = {
    "PRESENT_REF": {"now", "right now", "currently", "current", "at present", "presently", "at the moment",
                    "these days", "nowadays", "the present", "at this point", "this time", "the moment"},
    "PAST_REF": {"recently", "recent", "the past", "previously", "formerly", "earlier", "lately", "in the past",
                 "long ago", "a while ago", "some time ago", "the old days"},
    "FUTURE_REF": {"the future", "future", "soon", "shortly", "later", "eventually", "the near term", "the long term",
                   "the near future", "the distant future", "the foreseeable future", "a later date",
                   "as soon as possible", "someday", "the short term", "the long run", "the medium term"},
}
# The patterns of the rules, in the order ``timenorm.normalise`` tries them: references,
# sets, offsets, story-relative phrases, durations, then calendar slots (clock, relative unit).
REF_PLURAL = re.compile(r"^(?:in )?(?:the )?(?P<dir>recent|coming|upcoming) " + _UNIT + "$")
REF_AHEAD = re.compile(r"^(?:the )?" + _UNIT + " (?:ahead|to come)$")
SET_WORDS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
             "annual": "P1Y", "hourly": "PT1H", "quarterly": "P3M", "biweekly": "P2W", "biannually": "P6M"}
SET_EVERY = re.compile(r"\b(?:every|each|per|a|an) (?P<other>other )?(?:(?P<n>\d+) )?" + _UNIT + r"\b")
SET_EVERY_DAY = re.compile(
    r"\b(?:every|each) (?:(?:" + WEEKDAY_PATTERN + r")|(?P<part>morning|afternoon|evening|night))\b"
)
SET_PLURAL_DAY = re.compile(r"\b" + WEEKDAY_PATTERN + r"(?: (?P<part>morning|afternoon|evening|night)s)?\b")
SET_TIMES = re.compile(r"\b(?:once|twice|thrice|\d+ times)\b")
OFFSET = re.compile(r"\b(?:(?:" + _APPROX + r") )*(?:" + _NUM + r" )?" + _UNIT
                    + r" (?P<dir>ago|earlier|later|before|after|from now|hence|back|on|previously)\b")
DURATION = re.compile(r"^(?:(?:for|over|in|within|during|through|throughout|of) )?(?P<the>the )?(?:" + _APPROX + r" )*"
                      r"(?:(?P<dir>past|last|next|coming|first|previous|following|final|remaining|latest|entire"
                      r"|whole) )?"
                      r"(?:" + _APPROX + r" )*(?:" + _NUM + r" )?(?:" + _APPROX + " )?(?:" + _EXTRA + ")?" + _UNIT
                      + r"(?P<half> and a half)?(?: (?:long|running|straight|in a row|or so|or more|period))?$")
NARRATIVE = re.compile(r"\b(?:(?:that|the same|the previous|the preceding|the following|the prior) "
                       r"(?:day|morning|afternoon|evening|night|week|weekend|month|year|quarter|summer|winter|spring"
                       r"|fall)|the next (?:day|morning|afternoon|evening|night)|^(?:the|in the|during the) "
                       r"(?:fiscal |full )?(?:day|morning|afternoon|evening|night|week|month|quarter|year)$)\b")
CLOCK = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))? ?(?:([ap])\.?m\b\.?|o'clock"
                   r"|in the (morning|afternoon|evening|night))")
RELATIVE_UNIT = re.compile(
    r"(?P<lead>\b(?:end|beginning|start|middle|rest|earlier in|later in) of |\b(?:earlier|later) in )?"
    r"\b(?P<rel>this|last|next|past|coming|upcoming|previous|current|latest|most recent|the) (?:fiscal )?"
    r"(?P<unit>weekend|week|month|quarter|year|decade|century)\b")
