"""Merging per-article events into real-world events, on hand-built reports (no NLP)."""

from __future__ import annotations

import itertools

import pytest

from crosswire.document import Event
from crosswire.events import dates
from crosswire.events.merge import merge_reports
from crosswire.events.model import Report
from crosswire.events.parties import ActorIndex
from crosswire.read.actors import load_registry
from crosswire.upstream import Cited, country_in

CODES = {"Kim Jong Un": "PRK", "North Korea": "PRK", "Vladimir Putin": "RUS", "Russia": "RUS",
         "Sergei Shoigu": "RUS", "Vladivostok": "RUS", "Moscow": "RUS"}
KINDS = [
    {"name": "Kim Jong Un", "kind": "person", "code": "PRK"},
    {"name": "Vladimir Putin", "kind": "person", "code": "RUS"},
    {"name": "Sergei Shoigu", "kind": "person", "code": "RUS"},
    {"name": "North Korea", "kind": "country", "code": "PRK"},
    {"name": "Russia", "kind": "country", "code": "RUS"},
    {"name": "Vladivostok", "kind": "place", "code": "RUS"},
]
_ids = itertools.count()


def report(category="CONSULT", source=("Kim Jong Un", "Vladimir Putin"), target=(), *, mode="meet", date=None,
           status="happened", outlet="The Week", article=None, origin=None, published=None, cited=(),
           place=None, story=None, quad="verbal cooperation", what=None) -> Report:
    article = article or f"article{next(_ids)}"
    event = Event(
        category=category, quad_class=quad, mode=mode,
        source=list(source), source_codes=[CODES.get(n) for n in source],
        target=list(target), target_codes=[CODES.get(n) for n in target],
        what=what, place=place, place_code=CODES.get(place) if place else None,
        date=date, date_precision=dates.parse(date).unit if date else None, date_text=date,
        status=status, cue=None, trigger="met", trigger_start=0, trigger_end=3, start=0, end=40,
    )
    return Report(event=event, article_id=article, idx=0, outlet=outlet, published=published,
                  origin_id=origin or article, story_id=story, sentence="They met.",
                  cited=tuple(Cited(name, "outlet", ("x", name)) for name in cited))


def merge(*reports):
    return merge_reports(list(reports), ActorIndex(KINDS))


# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize("a, b, ok", [
    ("2023-09", "2023-09-10", True),
    ("2023-W37", "2023-09-13", True),
    ("2019", "2019-04", True),
    ("2023-09-10", "2023-09-11", False),
    ("2023-09", "2023-10-01", False),
    ("2023-W35", "2023-09", True),  # a week across two months overlaps both
    ("2025-03-14T10:00", "2025-03-14", True),
    ("2023-Q3", "2023-08-02", True),
    (None, "2023-09-10", True),
])
def test_date_compatibility(a, b, ok):
    assert dates.compatible(dates.parse(a), dates.parse(b)) is ok


def test_unparseable_dates_count_as_missing():
    assert dates.parse("P3W") is None and dates.parse("XXXX-XX-XX") is None and dates.parse("2023-13") is None


# --- merging ----------------------------------------------------------------------------


def test_dates_at_different_precision_merge_to_the_most_precise():
    [event] = merge(report(date="2019", outlet="Global Dispatches"), report(date="2019-04", outlet="The Week"))
    assert event.date == "2019-04" and event.date_precision == "month"
    assert event.outlets == ["Global Dispatches", "The Week"] and len(event.reports) == 2


def test_a_week_contains_its_days():
    [event] = merge(report(date="2023-W37"), report(date="2023-09-13", outlet="NPR"))
    assert event.date == "2023-09-13"


def test_two_different_days_do_not_merge():
    events = merge(report(date="2023-09-10"), report(date="2023-09-11", outlet="NPR"))
    assert [e.date for e in events] == ["2023-09-10", "2023-09-11"]


def test_a_meeting_is_symmetric():
    events = merge(
        report(source=("Kim Jong Un", "Vladimir Putin"), date="2023-09-13"),
        report(source=("Vladimir Putin", "Kim Jong Un"), date="2023-09-13", outlet="NPR"),
        report(source=("Vladimir Putin",), target=("Kim Jong Un",), date="2023-09-13", outlet="AP"),
    )
    assert len(events) == 1 and len(events[0].reports) == 3 and events[0].symmetric


def test_directed_events_keep_their_direction():
    deal = dict(category="COOPERATE", mode="military", quad="material cooperation")
    events = merge(report(source=("North Korea",), target=("Russia",), **deal),
                   report(source=("Russia",), target=("North Korea",), outlet="NPR", **deal))
    assert len(events) == 2


def test_a_country_matches_its_leader_but_two_officials_do_not_match():
    deal = dict(category="COOPERATE", mode="military", quad="material cooperation", status="proposed")
    [event] = merge(report(source=("Kim Jong Un",), target=("Russia",), **deal),
                    report(source=("North Korea",), target=("Russia",), outlet="Global Dispatches", **deal))
    assert [p.name for p in event.sources] == ["Kim Jong Un"]  # the most specific name is shown
    meetings = merge(report(source=("Kim Jong Un", "Vladimir Putin"), date="2023-07"),
                     report(source=("Kim Jong Un", "Sergei Shoigu"), date="2023-07", outlet="NPR"))
    assert len(meetings) == 2


def test_places_must_be_compatible():
    assert len(merge(report(place="Vladivostok"), report(place="Russia", outlet="NPR"))) == 1
    assert len(merge(report(place="Vladivostok"), report(place="Moscow", outlet="NPR"))) == 2


def test_status_is_the_strongest_evidence_and_denials_stay_visible():
    [event] = merge(report(date="2025-03-14", status="planned", published="2025-03-10"),
                    report(date="2025-03-14", status="happened", outlet="NPR", published="2025-03-15"),
                    report(date="2025-03-14", status="denied", outlet="AP", published="2025-03-11"))
    assert event.status == "happened" and event.conflict and len(event.denied) == 1
    [proposed] = merge(report(status="proposed"), report(status="planned", outlet="NPR"))
    assert proposed.status == "planned"


def test_an_undated_plan_joins_the_planned_event_not_the_past_one():
    events = merge(
        report(date="2019-04", status="happened", story=1),
        report(date="2023-09-10", status="planned", outlet="NPR", story=1),
        report(status="planned", outlet="The Week", story=1),  # no date, undated article
    )
    by_date = {e.date: e for e in events}
    assert len(by_date["2023-09-10"].reports) == 2 and len(by_date["2019-04"].reports) == 1


def test_an_article_cannot_report_as_happened_what_is_dated_after_it():
    events = merge(report(date="2025-03-14", status="planned", published="2025-03-04"),
                   report(status="happened", outlet="NPR", published="2025-03-05"))
    assert len(events) == 2


def test_an_undated_report_does_not_join_an_event_far_from_its_article():
    events = merge(report(date="2025-03-14", published="2025-03-15"),
                   report(outlet="NPR", published="2025-09-20"))
    assert len(events) == 2


# --- independent origins ----------------------------------------------------------------


def test_syndicated_copies_count_once():
    [event] = merge(report(date="2023-09-13", outlet="Wire", article="w1"),
                    report(date="2023-09-13", outlet="Paper A", article="a1", origin="w1"),
                    report(date="2023-09-13", outlet="Paper B", article="b1", origin="w1"))
    assert len(event.article_ids) == 3 and event.independent_origins == 1 and event.single_source
    assert event.origins == ["Wire"]


def test_reports_resting_on_the_same_upstream_count_once():
    [event] = merge(report(date="2023-09-13", outlet="The Week", cited=("The Wall Street Journal",)),
                    report(date="2023-09-13", outlet="Global Dispatches", cited=("The Wall Street Journal",)),
                    report(date="2023-09-13", outlet="The Wall Street Journal"))
    assert event.origins == ["The Wall Street Journal"]


def test_independent_outlets_count_separately_and_one_outlet_once():
    [event] = merge(report(date="2023-09-13", outlet="The Week"), report(date="2023-09-13", outlet="The Week"),
                    report(date="2023-09-13", outlet="NPR"))
    assert event.independent_origins == 2 and not event.single_source


def test_merged_event_ids_are_their_first_stored_report():
    first, second = report(date="2023-09-13"), report(date="2023-09-13", outlet="NPR")
    [event] = merge(first, second)
    assert event.id == first.id


def test_a_countrys_officials_and_documents_are_one_upstream_but_bare_officials_tie_nothing():
    def cites(name, kind):
        r = report(date="2023-09-13", outlet=f"Outlet {next(_ids)}")
        r.cited = (Cited(name, kind, ("x", name)),)
        return r

    [event] = merge(cites("U.S. officials", "anonymous_official"),
                    cites("US government intelligence reports", "document"))
    assert event.origins == ["United States government"]
    [bare] = merge(cites("officials", "anonymous_official"), cites("officials", "anonymous_official"))
    assert bare.independent_origins == 2


def test_both_layers_read_a_sources_country_alike_but_for_capitals():
    """crosswire.upstream.country_in serves the story view and events; only the story view
    reads a capital as its country (in the event layer a capital is a place)."""
    registry = load_registry()
    for metonyms in (True, False):
        assert country_in("U.S. officials", registry, metonyms=metonyms) == "United States"
        assert country_in("Russia's defence ministry", registry, metonyms=metonyms) == "Russia"
        assert country_in("officials who told us", registry, metonyms=metonyms) is None
    assert country_in("Kremlin officials", registry, metonyms=True) == "Russia"
    assert country_in("Kremlin officials", registry, metonyms=False) is None
