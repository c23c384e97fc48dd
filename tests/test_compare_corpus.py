"""The cross-source view on the example corpus (examples/corpus/expected/*.yaml).

* kelvaro-ferry: the Meridian Wire report and its reprints are one origin, credited to the
  wire, however many outlets carry it (``syndication``);
* ves-collision: the planted contradictions (``contradictions``: the day and the number of
  injured), each value with the documents that carry it and their sentences;
* severin-summit: early hedged coverage later confirmed ("from March 14 the agreement is
  reported as signed");
* every other story: no contradiction at all (none is planted there).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from crosswire.compare import StoryView, render_report, render_story, story_view
from crosswire.store import open_store

from .conftest import CORPUS

EXPECTED = {p.stem: yaml.safe_load(p.read_text()) for p in sorted((CORPUS / "expected").glob("*.yaml"))}


def address(doc: dict) -> str:
    """The end of a record's ``source`` for an expected document reference."""
    if "item" in doc:
        return f"{doc['file']}#item{doc['item']}"
    if "record" in doc:
        return f"{doc['file']}#record{doc['record']}"
    return doc["file"]


@pytest.fixture(scope="module")
def records(corpus_db: Path) -> dict[str, dict]:
    with open_store(corpus_db) as store:
        return {r["source"]: r for r in store.iter_articles()}


def record_of(records: dict[str, dict], doc: dict) -> dict:
    end = address(doc)
    (found,) = [r for source, r in records.items() if source.endswith("/" + end)]
    return found


@pytest.fixture(scope="module")
def view_of(corpus_db: Path, records):
    views: dict[int, StoryView] = {}

    def view(doc: dict) -> StoryView:
        story_id = record_of(records, doc)["story_id"]
        if story_id not in views:
            with open_store(corpus_db) as store:
                views[story_id] = story_view(store, story_id)
        return views[story_id]

    return view


def test_wire_copies_are_one_origin(records, view_of):
    syndication = EXPECTED["kelvaro-ferry"]["syndication"]
    view = view_of(syndication["original"])
    copies = {record_of(records, doc)["id"] for doc in syndication["copies"]}
    (origin,) = [o for o in view.origins if set(o.articles) & copies]
    assert set(origin.articles) == copies
    assert origin.credited == syndication["origin"]
    independent = {record_of(records, doc)["id"] for doc in syndication["independent"]}
    assert all(not set(o.articles) & independent for o in view.origins if o is origin)
    # A claim of the wire text: five outlets, one origin, one independent upstream origin.
    wire_rows = [row for row in view.corroborated if {u.article_id for u in row.claim.members} == copies]
    assert wire_rows
    for row in wire_rows:
        assert len(row.corroboration.outlets) == len({record_of(records, d)["outlet"] for d in syndication["copies"]})
        assert len(row.corroboration.origins) == 1
        assert row.corroboration.independent == 1
    assert "one origin" in view.upstream.text


@pytest.mark.parametrize("planted", EXPECTED["ves-collision"]["contradictions"], ids=lambda c: c["slot"])
def test_planted_contradictions_are_found_with_both_sentences(records, view_of, planted):
    view = view_of(planted["files"][0])
    slot = "date" if planted["slot"] == "date" else "number of "
    want = {str(value): {record_of(records, d)["id"] for d in docs} for value, docs in planted["by_value"].items()}
    found = [c for c in view.contradictions if c.slot.startswith(slot) and set(c.values) == set(want)]
    assert found, [(c.slot, c.values) for c in view.contradictions]
    (contradiction,) = found
    got = {value: {a.unit.article_id for a in accounts} for value, accounts in contradiction.by_value.items()}
    assert got == want
    for accounts in contradiction.by_value.values():
        for account in accounts:
            assert account.value_text in account.unit.text  # the sentence that carries the value
    text = render_story(view)
    assert all(f"{v} —" in text for v in want)


def test_no_contradictions_where_none_are_planted(view_of):
    for name, expected in EXPECTED.items():
        if "contradictions" in expected:
            continue
        for doc in expected["documents"]:
            assert view_of(doc).contradictions == [], (name, address(doc))


def test_hedged_summit_coverage_is_later_confirmed(view_of):
    view = view_of(EXPECTED["severin-summit"]["documents"][0])
    confirmed = [c for c in view.status_changes if c.kind == "confirmed"]
    assert any(c.after.published >= "2025-03-14" and "sign" in c.after.text for c in confirmed), [
        (c.before.text, c.after.text) for c in confirmed
    ]


def test_reports_render_for_every_story(corpus_db):
    with open_store(corpus_db) as store:
        for story in store.stories():
            view = story_view(store, story["id"])
            assert render_story(view)
            assert render_report(view, "md").startswith("# Briefing")
            assert "</html>" in render_report(view, "html")
