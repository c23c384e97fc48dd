"""The cross-source view of the two seeds against the ``story:`` section of seeds.yaml.

Skips when ../shared is absent. The seeds are ingested into a fresh store and the story
opened with ``story_view``, as ``crosswire story`` does.

How a gold line is matched (the gold is prose, the view is sentences). Each gold line has
groups of key words taken from its own wording; a group is satisfied by any of its words
(paraphrases the outlets actually use: "meet" or "visit" or "tête-à-tête").

* ``corroborated``: some story claim reported by both outlets where *each* outlet's member
  sentences satisfy every group. So both outlets must say it, not one outlet twice.
* ``only_in``: some claim made by that outlet alone whose sentences satisfy every group, or,
  for a detail of a shared claim ("the 2019 meeting was in April and in Vladivostok"),
  the details that outlet adds to a claim both make (``ClaimRow.additions``).
* no contradictions, and the upstream note names the US government as the one upstream
  origin both outlets rest on.

``benchmarks/compare_seeds.py`` prints the same checks as figures.
"""

from __future__ import annotations

import re

import pytest
import yaml

from crosswire.compare import StoryView, story_view
from crosswire.ingest.job import ingest
from crosswire.options import Options
from crosswire.store import open_store

from .conftest import shared_path

MEET = ["meet", "met", "meeting", "visit", "trip", "tête-à-tête", "summit"]
CORROBORATED_KEYS = {
    "Kim Jong Un plans to meet Vladimir Putin in Vladivostok in September 2023": [MEET, ["Vladivostok"]],
    "a deal in which North Korea supplies munitions to Russia for the war in Ukraine": [
        ["munitions", "ammunition", "arms", "weapons"],
        ["deal", "supply", "send"],
    ],
    "the two leaders met once before, in 2019": [["2019"], ["met", "meeting"]],
}
ONLY_IN_KEYS = {
    "The Week": {
        "Jake Sullivan's White House briefing remark": [["Sullivan"]],
        "John Kirby on NPR; Russia also turning to Iran for drones": [["Kirby", "Iran"]],
        "the 2019 meeting was in April and in Vladivostok": [["April"], ["Vladivostok"]],
    },
    "Global Dispatches": {
        "Sergei Shoigu's July 2023 visit to North Korea and Putin's letter inviting Kim": [["Shoigu", "letter"]],
        "Russia would give missile technology and food aid in exchange": [["missile"], ["food"]],
        "the summit could come as early as September 10, at the Eastern Economic Forum": [
            ["September 10", "Eastern Economic Forum"]
        ],
    },
}


def matches(text: str, groups: list[list[str]]) -> bool:
    return all(any(re.search(rf"\b{re.escape(word)}\b", text, re.I) for word in group) for group in groups)


def corroborated_found(view: StoryView, groups: list[list[str]], outlets: list[str]) -> bool:
    for row in view.corroborated:
        if set(outlets) <= set(row.cells) and all(
            matches(" ".join(u.text for u in row.cells[outlet].units), groups) for outlet in outlets
        ):
            return True
    return False


def only_in_found(view: StoryView, outlet: str, groups: list[list[str]]) -> bool:
    alone = any(matches(" ".join(u.text for u in row.claim.members), groups) for row in view.only_in.get(outlet, []))
    added = any(matches(" ".join(row.additions.get(outlet, [])), groups) for row in view.corroborated)
    return alone or added


@pytest.fixture(scope="module")
def golden() -> dict:
    return yaml.safe_load(shared_path("golden", "seeds.yaml").read_text())["story"]


@pytest.fixture(scope="module")
def view(tmp_path_factory) -> StoryView:
    folder = shared_path("seeds")
    db = tmp_path_factory.mktemp("compare-seeds") / "seeds.db"
    with open_store(db) as store:
        ingest([str(folder)], store, Options())
        (story,) = store.stories()
        return story_view(store, story["id"])


def test_keys_cover_the_gold(golden):
    assert set(CORROBORATED_KEYS) == set(golden["corroborated"])
    assert {o: set(items) for o, items in ONLY_IN_KEYS.items()} == {o: set(items) for o, items in golden["only_in"].items()}


def test_one_story_with_both_outlets(golden, view):
    assert sorted(side.outlet for side in view.outlets) == sorted(golden["outlets"])


@pytest.mark.parametrize("claim", sorted(CORROBORATED_KEYS))
def test_corroborated_claims_are_reported_by_both_outlets(golden, view, claim):
    assert corroborated_found(view, CORROBORATED_KEYS[claim], golden["outlets"]), claim


@pytest.mark.parametrize("outlet,item", [(o, i) for o, items in ONLY_IN_KEYS.items() for i in sorted(items)])
def test_single_outlet_claims(view, outlet, item):
    assert only_in_found(view, outlet, ONLY_IN_KEYS[outlet][item]), (outlet, item)


def test_no_false_contradictions(golden, view):
    assert golden["contradictions"] == []
    assert view.contradictions == []


def test_both_outlets_rest_on_one_upstream_origin(view):
    note = view.upstream
    assert [u.label for u in note.shared] == ["US government"]
    assert [u.label for u in note.upstreams] == ["US government"]  # one upstream origin
    assert note.text.startswith("Both outlets rest on US government sources")
    assert "2 outlets, 1 upstream origin" in note.text
    chains = {b.outlet: b.chains for b in note.bases}
    assert ("The Week", "The Wall Street Journal") in chains["The Week"]
    assert ("Global Dispatches", "The New York Times", "US government intelligence reports") in chains["Global Dispatches"]


def test_tone_per_outlet(view):
    tone = {side.outlet: side.tone for side in view.outlets}
    assert tone["The Week"].label == "analytical"
    assert tone["Global Dispatches"].label == "alarmed"
    cues = " ".join(tone["Global Dispatches"].cues)
    assert "first person" in cues and "This is really bad!" in cues
