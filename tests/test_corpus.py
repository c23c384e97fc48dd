"""End to end on the bundled example corpus, against its expectations in expected/*.yaml."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from crosswire.store import open_store

from .conftest import CORPUS

EXPECTED = sorted((CORPUS / "expected").glob("*.yaml"))


def expected_documents() -> list[dict]:
    documents = []
    for path in EXPECTED:
        spec = yaml.safe_load(path.read_text())
        for doc in spec["documents"]:
            documents.append({**doc, "story": spec["story"]})
    return documents


def source_of(doc: dict) -> str:
    path = str(CORPUS / doc["file"])
    if "record" in doc:
        return f"{path}#record{doc['record']}"
    if "item" in doc:
        return f"{path}#item{doc['item']}"
    return path


@pytest.fixture(scope="module")
def stored(corpus_db) -> dict[str, dict]:
    with open_store(corpus_db) as store:
        return {record["source"]: record for record in store.iter_articles()}


def test_corpus_is_large_and_varied_enough():
    documents = expected_documents()
    assert len(documents) >= 30
    assert len({d["outlet"] for d in documents}) >= 6
    assert len({d["story"] for d in documents}) >= 4
    kinds = {Path(d["file"]).suffixes[0] for d in documents}
    assert {".html", ".txt", ".rss", ".jsonl"} <= kinds


@pytest.mark.parametrize("doc", expected_documents(), ids=lambda d: f"{d['file']}#{d.get('record', d.get('item', ''))}")
def test_document_is_stored_clean_with_its_metadata(doc, stored):
    record = stored.get(source_of(doc))
    assert record is not None, f"{source_of(doc)} was not stored"
    for fragment in doc.get("body_must_contain") or []:
        assert fragment in record["text"]
    for clutter in doc.get("body_must_not_contain") or []:
        assert clutter not in record["text"]
    assert record["title"] == doc["title"]
    assert record["authors"] == doc["authors"]
    assert record["outlet"] == doc["outlet"]
    assert record["published"] == (str(doc["published"]) if doc.get("published") else None)
    assert record["truncated_by_paywall"] == doc["truncated_by_paywall"]


def test_quotes_have_their_speakers(stored):
    expected = [(source_of(d), q) for d in expected_documents() for q in d.get("quotes") or []]
    found = []
    for source, quote in expected:
        quotes = stored.get(source, {}).get("quotes", [])
        found.append(any(q["text"].startswith(quote["text_starts"][:40]) and q["speaker"] == quote["speaker"] for q in quotes))
    misses = [f"{s}: {q['speaker']}: {q['text_starts'][:40]}" for (s, q), ok in zip(expected, found) if not ok]
    assert len(expected) >= 30
    # Speaker attribution is measured fully in benchmarks; here most of the corpus must be right.
    assert sum(found) / len(found) >= 0.8, "\n".join(misses)


def test_articles_group_into_the_expected_stories(stored):
    by_story: dict[str, Counter] = {}
    for doc in expected_documents():
        record = stored.get(source_of(doc))
        if record is not None:
            by_story.setdefault(doc["story"], Counter())[record["story_id"]] += 1
    dominant = {}
    for story, counts in by_story.items():
        story_id, size = counts.most_common(1)[0]
        assert size / sum(counts.values()) >= 0.8, f"{story} is split: {dict(counts)}"
        dominant[story] = story_id
    assert len(set(dominant.values())) == len(dominant), f"stories merged: {dominant}"
