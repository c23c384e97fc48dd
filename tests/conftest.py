"""Shared fixtures: one reader (the spaCy model loads once), one ingested example corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.ingest.job import ingest
from crosswire.options import Options
from crosswire.pipeline import Reader
from crosswire.store import open_store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
CORPUS_ACTORS = CORPUS / "actors.yaml"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a clear message when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the evaluation data in ../shared is needed for this check")
    return path


@pytest.fixture(scope="session")
def reader() -> Reader:
    return Reader(Options())


@pytest.fixture(scope="session")
def corpus_options() -> Options:
    return Options(actor_files=(str(CORPUS_ACTORS),))


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory, corpus_options) -> Path:
    """The example corpus ingested once for the whole session (read-only for tests)."""
    path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    with open_store(path) as store:
        report = ingest([str(CORPUS)], store, corpus_options)
    assert report.stored, "the example corpus produced no articles"
    return path


@pytest.fixture
def fresh_db(tmp_path) -> Path:
    return tmp_path / "fresh.db"
