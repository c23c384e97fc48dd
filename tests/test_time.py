"""Time expressions normalised against the publication date (issue 4).

The first tests run the real spaCy pipeline on sentences written for them, with an article
published on Thursday 2023-09-07; the normaliser tests call the pure function directly.
"""

from __future__ import annotations

from datetime import date

import pytest

from crosswire.document import Article, Cleaned, TimeExpression
from crosswire.pipeline import Reader
from crosswire.read.timenorm import normalise

PUBLISHED = "2023-09-07"  # a Thursday, in ISO week 36
ANCHOR = date(2023, 9, 7)


def times(reader: Reader, text: str, published: str | None = PUBLISHED, estimate: str | None = None):
    article = reader(Article.from_cleaned(Cleaned(text=text, published=published, published_estimate=estimate)))
    for t in article.times:
        assert article.text[t.start:t.end] == t.text  # every expression is a range into the text
    return article.times


def find(found: list[TimeExpression], text: str) -> TimeExpression:
    matches = [t for t in found if text in t.text]
    assert matches, f"no time expression with {text!r} in {[t.text for t in found]}"
    return matches[0]


def test_seed_sentences_resolve_against_the_publication_date(reader):
    found = times(reader, (
        "Earlier this week, the world woke up to the news. The meeting is expected to take place sometime next "
        "week in Vladivostok, the site of the two leaders' first meeting in April 2019. National Security Adviser "
        "Jake Sullivan said at a White House briefing on Tuesday that Russia was desperate."
    ))
    assert (find(found, "next week").value, find(found, "next week").granularity) == ("2023-W37", "week")
    assert find(found, "this week").value == "2023-W36"
    assert find(found, "April 2019").text == "April 2019"  # no preposition in the span
    assert (find(found, "April 2019").value, find(found, "April 2019").granularity) == ("2019-04", "month")
    tuesday = find(found, "Tuesday")
    assert (tuesday.value, tuesday.kind, tuesday.anchor, tuesday.estimated) == ("2023-09-05", "DATE", PUBLISHED, False)


def test_tense_places_a_weekday_before_or_after_the_anchor(reader):
    assert find(times(reader, "The minister said on Tuesday that talks had failed."), "Tuesday").value == "2023-09-05"
    assert find(times(reader, "The minister will travel to Paris on Tuesday."), "Tuesday").value == "2023-09-12"


def test_yearless_date_takes_the_nearest_sensible_year(reader):
    found = times(reader, "The summit could happen as early as September 10. In July, Shoigu visited Pyongyang.")
    assert (find(found, "September 10").value, find(found, "September 10").text) == ("2023-09-10", "September 10")
    assert find(found, "July").value == "2023-07"


def test_relative_durations_sets_and_times_of_day(reader):
    found = times(reader, (
        "Weeks later, a delegation went to Moscow. It would upend 15 years of diplomacy. "
        "The ministers meet every week. The talks took three days. He left on Monday morning at 10 a.m. "
        "Yesterday the markets fell, and today they rose. Prices rose last month, a trend seen since the 1990s."
    ))
    later = find(found, "Weeks later")
    assert (later.value, later.granularity, later.kind) == (None, "week", "DATE")  # relative to the story
    assert (find(found, "15 years").value, find(found, "15 years").kind) == ("P15Y", "DURATION")
    assert find(found, "three days").value == "P3D"
    assert (find(found, "every week").value, find(found, "every week").kind) == ("P1W", "SET")
    morning = find(found, "Monday morning")
    assert (morning.value, morning.kind) in {("2023-09-04TMO", "TIME"), ("2023-09-04T10:00", "TIME")}
    assert find(found, "Yesterday").value == "2023-09-06"
    assert find(found, "today").value == "2023-09-07"
    assert find(found, "last month").value == "2023-08"
    assert (find(found, "1990s").value, find(found, "1990s").granularity) == ("199", "decade")


def test_estimated_anchor_is_flagged(reader):
    tuesday = find(times(reader, "The minister said on Tuesday that talks had failed.", None, "2023-09-07"), "Tuesday")
    assert (tuesday.value, tuesday.anchor, tuesday.estimated) == ("2023-09-05", "2023-09-07", True)


def test_without_any_date_relative_values_stay_unknown(reader):
    found = times(reader, "The minister said on Tuesday that the 2019 summit in April 2019 went well.", None)
    assert find(found, "Tuesday").value is None
    assert find(found, "April 2019").value == "2019-04"
    assert all(t.anchor is None and not t.estimated for t in found)


def test_names_and_ages_are_not_times(reader):
    found = times(reader, "Kirby told The Week that the 6-year-old boy had left.")
    assert [t.text for t in found] == []


@pytest.mark.parametrize(
    "text, tense, expected",
    [
        ("next week", None, ("2023-W37", "week", "DATE")),
        ("Earlier this week", None, ("2023-W36", "week", "DATE")),
        ("Tuesday", "past", ("2023-09-05", "day", "DATE")),
        ("Tuesday", "future", ("2023-09-12", "day", "DATE")),
        ("last Tuesday", None, ("2023-09-05", "day", "DATE")),
        ("as early as September 10", "present", ("2023-09-10", "day", "DATE")),
        ("Sept. 20", "past", ("2023-09-20", "day", "DATE")),  # a past-tense clause does not make it 2022
        ("in April 2019", None, ("2019-04", "month", "DATE")),
        ("last month", None, ("2023-08", "month", "DATE")),
        ("the third quarter", "past", ("2023-Q3", "quarter", "DATE")),
        ("this summer", None, ("2023-SU", "season", "DATE")),
        ("2019", None, ("2019", "year", "DATE")),
        ("a year ago", None, ("2022", "year", "DATE")),
        ("three days ago", None, ("2023-09-04", "day", "DATE")),
        ("the 1990s", None, ("199", "decade", "DATE")),
        ("nineteen ninety-six", None, ("1996", "year", "DATE")),
        ("15 years", None, ("P15Y", "duration", "DURATION")),
        ("the past two months", None, ("P2M", "duration", "DURATION")),
        ("weeks", None, ("PXW", "duration", "DURATION")),
        ("weeks later", None, (None, "week", "DATE")),
        ("weeks ago", None, ("PAST_REF", "week", "DATE")),
        ("the coming months", None, ("FUTURE_REF", "month", "DATE")),
        ("now", None, ("PRESENT_REF", "unknown", "DATE")),
        ("every week", None, ("P1W", "set", "SET")),
        ("Tuesday nights", None, ("XXXX-WXX-2TNI", "set", "SET")),
        ("Monday morning", "past", ("2023-09-04TMO", "time", "TIME")),
        ("3:30 p.m. Tuesday", "past", ("2023-09-05T15:30", "time", "TIME")),
        ("last night", None, ("2023-09-06TNI", "time", "TIME")),
        ("Christmas", None, ("2023-12-25", "day", "DATE")),
        ("Monday, Oct. 26, 1998", None, ("1998-10-26", "day", "DATE")),
    ],
)
def test_normalise(text, tense, expected):
    assert normalise(text, ANCHOR, tense) == expected


def test_normalise_without_anchor_keeps_absolute_values():
    assert normalise("next week", None) == (None, "week", "DATE")
    assert normalise("April 2019", None) == ("2019-04", "month", "DATE")
    assert normalise("July", None) == (None, "month", "DATE")
    assert normalise("Sept. 5, 2023", None) == ("2023-09-05", "day", "DATE")
    assert normalise("the ministry", ANCHOR) == (None, "unknown", "DATE")
