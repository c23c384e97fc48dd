"""The two seed articles (../shared/seeds) merged into one Russia–North Korea timeline.

The Week dates the first Kim–Putin meeting "April 2019", Global Dispatches "2019": one
event, happened. Both report the September 2023 summit as planned (Global Dispatches
dates it September 10; The Week, undated, says "next week") and the munitions deal as
under discussion. Skips when ../shared is absent.
"""

from __future__ import annotations

import pytest

from crosswire.events.timeline import render_timeline, timeline
from crosswire.ingest.job import ingest
from crosswire.options import Options
from crosswire.store import open_store

from .conftest import shared_path

OUTLETS = ["Global Dispatches", "The Week"]


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    folder = shared_path("seeds")
    db = tmp_path_factory.mktemp("timeline-seeds") / "seeds.db"
    with open_store(db) as store:
        report = ingest([str(folder)], store, Options())
        assert len(report.stored) == 2, report.rejected
    return db


@pytest.fixture(scope="module")
def russia_north_korea(seeds_db):
    with open_store(seeds_db) as store:
        return timeline(store, "Russia", "North Korea")


def _meetings(result, prefix):
    return [e.event for e in result.entries
            if e.event.category == "CONSULT" and e.event.mode == "meet" and (e.event.date or "").startswith(prefix)
            and {"Kim Jong Un", "Vladimir Putin"} <= {p.name for p in e.event.named}]


def test_the_2019_meeting_is_merged_across_both_outlets_as_happened(russia_north_korea):
    [meeting] = _meetings(russia_north_korea, "2019")
    assert meeting.date == "2019-04" and meeting.status == "happened"
    assert meeting.outlets == OUTLETS
    assert {r.event.date for r in meeting.reports} == {"2019", "2019-04"}
    assert meeting.place == "Vladivostok"


def test_the_2023_summit_is_planned_and_merged_across_both_outlets(russia_north_korea):
    [summit] = _meetings(russia_north_korea, "2023-09")
    assert summit.status in {"planned", "reported"}
    assert summit.outlets == OUTLETS
    assert summit.date == "2023-09-10"


def test_the_munitions_deal_is_proposed_in_both_outlets(russia_north_korea):
    deals = [e.event for e in russia_north_korea.entries
             if e.event.category in {"COOPERATE", "AID"} and "munition" in (e.event.what or "")]
    [deal] = deals
    assert deal.status == "proposed" and deal.outlets == OUTLETS
    assert [p.code for p in deal.sources] == ["PRK"] and [p.code for p in deal.targets] == ["RUS"]


def test_the_timeline_lists_them_in_order(russia_north_korea):
    events = [e.event for e in russia_north_korea.entries]
    meeting_2019 = events.index(_meetings(russia_north_korea, "2019")[0])
    summit = events.index(_meetings(russia_north_korea, "2023-09")[0])
    deal = next(i for i, e in enumerate(events) if e.category == "COOPERATE" and "munition" in (e.what or ""))
    assert meeting_2019 < summit < deal  # the deal is undated: listed after the dated events, flagged
    assert russia_north_korea.entries[deal].undated
    dated = [e.event.interval.sort_key() for e in russia_north_korea.dated]
    assert dated == sorted(dated)


def test_actor_arguments_by_alias_and_code(seeds_db, russia_north_korea):
    with open_store(seeds_db) as store:
        by_code = timeline(store, "RUS", "DPRK")
        kim = timeline(store, "Kim Jong Un")
    assert [e.event.id for e in by_code.entries] == [e.event.id for e in russia_north_korea.entries]
    assert kim.actor_a.kind == "person" and all(
        any(p.name == "Kim Jong Un" for p in e.event.named) for e in kim.entries)
    text = render_timeline(russia_north_korea)
    assert text.startswith("Timeline: Russia (RUS) – North Korea (PRK)")
    assert "2019-04" in text and "The Week" in text
