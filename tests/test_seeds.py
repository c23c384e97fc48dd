"""The two real seed articles (../shared/seeds) against ../shared/golden/seeds.yaml.

Checks what is implemented so far: clean body and metadata, quotes with speakers, linked
entities, and the single story. Skips with a message when ../shared is absent.
"""

from __future__ import annotations

import re

import pytest
import yaml

from crosswire.ingest.job import ingest
from crosswire.options import Options
from crosswire.store import open_store

from .conftest import shared_path


@pytest.fixture(scope="module")
def golden() -> dict:
    return yaml.safe_load(shared_path("golden", "seeds.yaml").read_text())


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict[str, dict]:
    folder = shared_path("seeds")
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with open_store(db) as store:
        report = ingest([str(folder)], store, Options())
        assert not report.rejected, report.rejected
        return {record["source"].rsplit("/", 1)[-1]: record for record in store.iter_articles()}


def test_both_seeds_clean_with_metadata(golden, seeds):
    for spec in golden["articles"]:
        record = seeds[spec["file"]]
        for fragment in spec["body_must_contain"]:
            assert fragment in record["text"], (spec["file"], fragment)
        for clutter in spec["body_must_not_contain"]:
            assert clutter not in record["text"], (spec["file"], clutter)
        assert record["title"] == spec["title"]
        assert record["subtitle"] == spec["subtitle"]
        assert record["authors"] == spec["authors"]
        assert record["outlet"] == spec["outlet"]
        assert record["published"] == (str(spec["published"]) if spec["published"] else None)
        assert record["truncated_by_paywall"] == spec["truncated_by_paywall"]
        assert [(c["text"], c["credit"]) for c in record["image_captions"]] == [
            (c["text"], c["credit"]) for c in spec["image_captions"]
        ]


def test_direct_quotes_have_their_speakers(golden, seeds):
    for spec in golden["articles"]:
        quotes = seeds[spec["file"]]["quotes"]
        for want in spec["quotes"]:
            assert any(q["text"].startswith(want["text_starts"]) and q["speaker"] == want["speaker"] for q in quotes), want


def test_country_and_leader_mentions_link_to_canonical_actors(golden, seeds):
    for spec in golden["articles"]:
        record = seeds[spec["file"]]
        entities = {e["name"]: e for e in record["entities"]}
        for want in spec["entities"]:
            if want["kind"] not in {"country", "person"} or want["name"] not in {"Russia", "North Korea", "Vladimir Putin", "Kim Jong Un", "Ukraine"}:
                continue  # the full entity layer is measured by the reading-layer issue
            assert want["name"] in entities, want["name"]
            surfaces = {m["text"] for m in entities[want["name"]]["mentions"]}
            # Mentions that occur only in image captions (The Week's "Kim is likely ...") are
            # outside the body; captions are not read yet.
            in_body = {m for m in want["mentions"] if re.search(rf"\b{re.escape(m)}\b(?! Jong)", record["text"])}
            assert in_body <= surfaces, (want["name"], surfaces)


def test_the_two_seeds_are_one_story(golden, seeds):
    assert golden["story"]["same_story"] is True
    assert len({record["story_id"] for record in seeds.values()}) == 1
    assert sorted(record["outlet"] for record in seeds.values()) == sorted(golden["story"]["outlets"])
