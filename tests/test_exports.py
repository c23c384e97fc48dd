"""Every export format, parsed back: tables (JSONL, CSV, Parquet), PLOVER JSON, GDELT TSV,
GraphML and GEXF. A small store is built by hand (no NLP); the example corpus checks that
every table exports whole."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pyarrow.parquet as pq
import pytest

from crosswire.document import Article, Cleaned, Entity, Event, Mention, SourceCited
from crosswire.errors import OptionsError
from crosswire.events.merge import merged_events
from crosswire.export import FORMATS, export, exportable_tables
from crosswire.export.gdelt import COLUMNS
from crosswire.export.plover import write_plover
from crosswire.store import open_store
from crosswire.store.base import StoryRow

TEXT = "Kim Jong Un met Vladimir Putin in Vladivostok in April 2019, per The Wall Street Journal."


def _event(**fields) -> Event:
    base = dict(category="CONSULT", quad_class="verbal cooperation", mode="meet",
                source=["Kim Jong Un", "Vladimir Putin"], source_codes=["PRK", "RUS"], target=[], target_codes=[],
                what=None, place="Vladivostok", place_code="RUS", date="2019-04", date_precision="month",
                date_text="April 2019", status="happened", cue=None, trigger="met", trigger_start=12,
                trigger_end=15, start=0, end=len(TEXT))
    return Event(**{**base, **fields})


def _article(outlet: str, published: str | None, url: str, date: str, cite: bool) -> Article:
    article = Article.from_cleaned(Cleaned(text=TEXT, title=f"{outlet} on the summit", outlet=outlet,
                                           published=published, url=url, authors=["A. Writer"]))
    article.entities = [
        Entity("Kim Jong Un", "person", [Mention(0, 11, "Kim Jong Un", "PERSON")], "kim-jong-un", "PRK"),
        Entity("Vladimir Putin", "person", [Mention(16, 30, "Vladimir Putin", "PERSON")], "vladimir-putin", "RUS"),
        Entity("Vladivostok", "place", [Mention(34, 45, "Vladivostok", "GPE")], None, "RUS"),
    ]
    if cite:
        article.sources_cited = [SourceCited("The Wall Street Journal", "outlet", [outlet, "The Wall Street Journal"],
                                             0, len(TEXT), "wsj", "per")]
    article.events = [_event(date=date)]
    article.origin_id = article.id
    return article


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("exports") / "small.db"
    with open_store(path) as s:
        for outlet, published, date, cite in (("The Week", None, "2019-04", True),
                                              ("Global Dispatches", "2023-09-07", "2019", False)):
            article = _article(outlet, published, f"https://{outlet.replace(' ', '').lower()}.example/a", date, cite)
            s.save_article(article, StoryRow(None, "summit", published, published), {"summit": 1})
    with open_store(path) as s:
        yield s


def test_every_table_exports_to_jsonl_csv_and_parquet(store, tmp_path):
    tables = exportable_tables(store)
    assert {"articles", "entities", "mentions", "sources_cited", "events", "stories", "inputs"} <= set(tables)
    assert not {"term_df", "story_terms", "lsh_bands", "fingerprints", "_migrations", "articles_fts"} & set(tables)
    assert "vector" not in [c for c, _ in tables["stories"]]
    for fmt in ("jsonl", "csv", "parquet"):
        result = export(store, fmt, tmp_path / fmt, table="all" if fmt == "jsonl" else None)
        assert set(result.counts) == set(tables)
    lines = (tmp_path / "jsonl" / "events.jsonl").read_text().splitlines()
    assert [json.loads(line)["source"] for line in lines] == [["Kim Jong Un", "Vladimir Putin"]] * 2  # decoded
    with (tmp_path / "csv" / "articles.csv").open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert sorted(r["outlet"] for r in rows) == ["Global Dispatches", "The Week"]
    assert json.loads(rows[0]["authors"]) == ["A. Writer"]
    assert rows[0]["text"] == TEXT
    table = pq.read_table(tmp_path / "parquet" / "events.parquet")
    assert table.num_rows == 2 and str(table.schema.field("idx").type) == "int64"
    assert set(table.column("date").to_pylist()) == {"2019", "2019-04"}
    mentions = pq.read_table(tmp_path / "parquet" / "mentions.parquet")
    assert mentions.num_rows == 6


def test_one_table_to_a_file_and_the_articles_by_default(store, tmp_path):
    export(store, "csv", tmp_path / "events.csv", table="events")
    with (tmp_path / "events.csv").open(newline="") as f:
        assert len(list(csv.DictReader(f))) == 2
    export(store, "parquet", tmp_path / "quotes.parquet", table="quotes")
    assert pq.read_table(tmp_path / "quotes.parquet").num_rows == 0  # empty table, schema kept
    export(store, "jsonl", tmp_path / "articles.jsonl")
    records = [json.loads(line) for line in (tmp_path / "articles.jsonl").read_text().splitlines()]
    assert records[0]["events"][0]["category"] == "CONSULT"  # the nested export records (docs/schema.md)


def test_plover_json_merges_the_reports(store, tmp_path):
    result = export(store, "plover", tmp_path / "events.jsonl")
    assert result.counts == {"events": 1}
    [record] = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert record["event"] == "CONSULT" and record["mode"] == "meet"
    assert record["date"] == "2019-04" and record["datePrecision"] == "month"
    assert {a["actorText"] for a in record["source"]} == {"Kim Jong Un", "Vladimir Putin"}
    assert record["eventLoc"] == {"name": "Vladivostok", "code": "RUS"}
    assert record["numArticles"] == 2 and record["numSources"] == 2
    assert record["text"] == TEXT and len(record["sentences"]) == 2
    assert {s["outlet"] for s in record["sentences"]} == {"The Week", "Global Dispatches"}


def test_gdelt_table(store, tmp_path):
    export(store, "gdelt", tmp_path / "events.tsv")
    with (tmp_path / "events.tsv").open(newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert list(rows[0]) == list(COLUMNS)
    [row] = rows
    assert (row["Actor1Name"], row["Actor1Code"], row["Actor2Name"], row["Actor2Code"]) == \
        ("Kim Jong Un", "PRK", "Vladimir Putin", "RUS")
    assert row["EventCode"] == "CONSULT" and row["QuadClass"] == "1" and row["Day"] == "2019-04"
    assert row["ActionGeo_FullName"] == "Vladivostok" and row["NumSources"] == "2" and row["NumArticles"] == "2"
    assert row["SOURCEURL"].startswith("https://")


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_formats(store, tmp_path, fmt, read):
    path = tmp_path / f"actors.{fmt}"
    result = export(store, fmt, path)
    assert result.counts == {"edges": 1, "nodes": 2}
    g = read(path)
    assert g.number_of_edges() == 1
    attributes = next(iter(g.edges(data=True)))[2]
    assert int(attributes["weight"]) == 1 and int(attributes["n_CONSULT"]) == 1
    assert attributes["single_source"] in (False, "false")
    assert len(attributes["reports"].split(";")) == 2
    kinds = {data.get("kind") for _, data in g.nodes(data=True)}
    assert kinds == {"person"}


def test_bad_options_are_domain_errors(store, tmp_path):
    with pytest.raises(OptionsError):
        export(store, "xml", tmp_path / "x")
    with pytest.raises(OptionsError):
        export(store, "plover", tmp_path / "x", table="events")
    with pytest.raises(OptionsError):
        export(store, "csv", None)  # every table needs a folder
    with pytest.raises(OptionsError):
        export(store, "csv", tmp_path / "x.csv", table="lsh_bands")
    assert set(FORMATS) == {"jsonl", "csv", "parquet", "plover", "gdelt", "graphml", "gexf"}


def test_stdout_when_no_output(store, capsys):
    export(store, "gdelt")
    assert capsys.readouterr().out.startswith("GlobalEventID\t")


def test_the_example_corpus_exports_every_row(corpus_db, tmp_path):
    with open_store(corpus_db) as s:
        result = export(s, "parquet", tmp_path)
        for table, count in result.counts.items():
            assert pq.read_table(tmp_path / f"{table}.parquet").num_rows == count
            assert count == sum(1 for _ in s.iter_table(table))
        assert result.counts["articles"] == s.article_count()
        buffer = io.StringIO()
        events = merged_events(s)
        assert write_plover(events, buffer) == len(events)
        reports = sum(len(json.loads(line)["sentences"]) for line in buffer.getvalue().splitlines())
        assert reports == result.counts["events"]  # every stored event is a report of one merged event
