"""The command line: every command, --json, --db, exit codes, and help with examples."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from crosswire.cli import main

from .conftest import CORPUS_ACTORS

PARAGRAPH = (
    "The harbour authority of Port Amsel said on Monday that the ferry terminal would reopen "
    "after repairs to the main pier, which was damaged by a storm last week. Officials said "
    "the work had taken longer than planned because divers had to inspect every pile."
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_every_command_has_help_with_an_example(runner):
    for command in ["ingest", "stories", "story", "report", "timeline", "relations", "actors", "article", "export", "extract"]:
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0, result.output
        assert "Example" in result.output and f"crosswire {command}" in result.output


def test_ingest_reports_rejections_and_exit_code(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(f"Pier to reopen\n\n{PARAGRAPH}\n\n{PARAGRAPH.replace('Monday', 'Tuesday')}\n")
    (folder / "empty.html").write_bytes(b"")
    db = str(tmp_path / "x.db")
    result = runner.invoke(main, ["ingest", str(folder), "--db", db, "--json"])
    assert result.exit_code == 0, result.output  # an empty file is a rejection, not a failure
    report = json.loads(result.output)
    assert report["stored"] == 1
    assert [r["reason"] for r in report["rejected"]] == ["empty"]

    strict = runner.invoke(main, ["ingest", str(tmp_path / "missing"), "--db", db, "--json"])
    assert strict.exit_code == 1  # a path that does not exist is a failure
    again = runner.invoke(main, ["ingest", str(folder), "--db", db, "--json", "--strict"])
    assert json.loads(again.output)["skipped"] == 2  # same bytes: nothing redone
    assert again.exit_code == 0


def test_db_from_environment(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSWIRE_DB", str(tmp_path / "env.db"))
    result = runner.invoke(main, ["stories", "--json"])
    assert result.exit_code == 0 and json.loads(result.output) == []
    assert (tmp_path / "env.db").exists()


def test_listing_commands_on_the_corpus(runner, corpus_db):
    db = ["--db", str(corpus_db)]
    stories = json.loads(runner.invoke(main, ["stories", "--json", *db]).output)
    assert stories and all({"id", "label", "outlets", "articles"} <= set(s) for s in stories)
    story = json.loads(runner.invoke(main, ["story", str(stories[0]["id"]), "--json", *db]).output)
    articles = [a for outlet in story["outlets"] for a in outlet["articles"]]
    assert len(articles) == stories[0]["articles"]
    assert sorted(o["outlet"] for o in story["outlets"]) == stories[0]["outlets"]
    assert story["claims"] and all(c["outlets"] for c in story["claims"])
    article_id = articles[0]["id"]
    article = json.loads(runner.invoke(main, ["article", article_id, "--json", *db]).output)
    assert article["id"] == article_id and article["text"]
    text = runner.invoke(main, ["story", str(stories[0]["id"]), *db]).output
    assert f"Story {stories[0]['id']}:" in text and "CLAIM MATRIX" in text


def test_report_writes_markdown_and_html(runner, corpus_db, tmp_path):
    db = ["--db", str(corpus_db)]
    story_id = str(json.loads(runner.invoke(main, ["stories", "--json", *db]).output)[0]["id"])
    markdown = runner.invoke(main, ["report", story_id, *db])
    assert markdown.exit_code == 0 and markdown.output.startswith("#") and "[^1]" in markdown.output
    page = tmp_path / "story.html"
    result = runner.invoke(main, ["report", story_id, "--format", "html", "-o", str(page), *db])
    assert result.exit_code == 0
    html = page.read_text()
    assert html.lstrip().lower().startswith("<!doctype html") and "</html>" in html
    assert runner.invoke(main, ["report", "9999", *db]).exit_code == 4


def test_unknown_ids_exit_with_not_found(runner, corpus_db):
    result = runner.invoke(main, ["story", "9999", "--db", str(corpus_db)])
    assert result.exit_code == 4 and "no story 9999" in result.output


def test_export_jsonl_has_the_documented_fields(runner, corpus_db):
    result = runner.invoke(main, ["export", "--format", "jsonl", "--db", str(corpus_db)])
    records = [json.loads(line) for line in result.output.splitlines()]
    assert records
    required = {"id", "url", "outlet", "title", "subtitle", "authors", "published", "truncated_by_paywall",
                "language", "text", "story_id", "entities", "quotes"}
    for record in records:
        assert required <= set(record)
        for entity in record["entities"]:
            for mention in entity["mentions"]:
                assert record["text"][mention["start"] : mention["end"]] == mention["text"]
        for quote in record["quotes"]:
            assert record["text"][quote["start"] : quote["end"]] == quote["text"]


def test_extract_prints_without_storing(runner, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(f"Pier to reopen\n\n{PARAGRAPH}\n")
    result = runner.invoke(main, ["extract", str(page)])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.output.splitlines()]
    assert record["source"] == str(page) and "Port Amsel" in record["text"]
    assert not list(tmp_path.glob("*.db"))


def test_timeline_relations_and_actors_on_the_corpus(runner, corpus_db):
    db = ["--db", str(corpus_db), "--actors", str(CORPUS_ACTORS)]
    timeline = json.loads(runner.invoke(main, ["timeline", "Valdoria", "Sarvania", "--json", *db]).output)
    dated = [e["date"] for e in timeline["events"] if e.get("date")]
    assert dated and dated == sorted(dated)
    found = json.loads(runner.invoke(main, ["relations", "Valdoria", "Sarvania", "--json", *db]).output)
    assert found[0]["overall"]["total"] > 0 and -1 <= found[0]["overall"]["score"] <= 1
    assert runner.invoke(main, ["relations", "Valdoria", *db]).exit_code == 2
    graph = json.loads(runner.invoke(main, ["actors", "--json", *db]).output)
    assert graph["nodes"] and graph["edges"]
