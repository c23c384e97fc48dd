"""Splitting: a story glued from two (by an early merge or a bridging article) comes apart."""

from __future__ import annotations

import json
import random

from crosswire.document import Article, Cleaned
from crosswire.group.split import revise_stories, split_stories
from crosswire.group.stories import (
    CENTROID_TERMS,
    _merged,
    article_terms,
    assign_story,
    consolidate_stories,
    cosine,
    story_label,
    tfidf,
)
from crosswire.ingest.job import ingest
from crosswire.options import Options
from crosswire.store import open_store
from crosswire.store.migrations import STORY_INDEX_TERMS

from .conftest import CORPUS

DAY = "2025-03-24"
FERRY = [
    "A passenger ferry caught fire off Port Amsel on Monday and the coast guard rescued everyone aboard, "
    "the ferry operator said. The fire started in the engine room of the ferry.",
    "Coast guard crews rescued the passengers of a burning ferry near Port Amsel, and the ferry operator "
    "said the fire began in the engine room.",
    "Investigators boarded the burned ferry in Port Amsel harbour to examine the engine room where the fire "
    "began; the coast guard praised the crew for the rescue of passengers.",
    "The ferry operator suspended sailings from Port Amsel after the engine room fire, and passengers rescued "
    "by the coast guard described smoke filling the decks of the ferry.",
]
SANCTIONS = [
    "The Folkting voted to impose sanctions on Valdorian banks, freezing their assets and barring new loans "
    "after a long parliamentary debate about the banks.",
    "Lawmakers in the Folkting approved sanctions against Valdorian banks; the vote freezes bank assets and "
    "bars loans, the parliamentary speaker said.",
    "Valdorian banks whose assets the Folkting froze said the sanctions vote would hurt depositors, and the "
    "central bank promised to guarantee loans to the banks.",
    "After the Folkting sanctions vote, shares of Valdorian banks fell and the finance ministry studied how "
    "the asset freeze on the banks would affect loans.",
]
# Covers both: joined early, it pulls the coverage of each into one story.
BRIDGE = (
    "Port Amsel ferry fire: passengers rescued by the coast guard from the engine room fire on the ferry. "
    "Folkting sanctions vote: Valdorian banks lose assets and loans as the Folkting sanctions the banks."
)
# Long enough to fingerprint (a copy is recognised by its shingles).
WIRE = (
    "The Folkting voted on Thursday to impose sanctions on four Valdorian banks, freezing their assets held "
    "abroad and barring any new loans to them, after a long parliamentary debate in which the finance "
    "minister defended the measure as the only answer to the banks' role in the crisis."
)
# A reprint of WIRE with a local paragraph about the ferry fire, longer than the wire text:
# on its words alone it reads as ferry coverage, but it is a copy and goes with its original.
REPRINT = WIRE + (
    "\n\nIn Port Amsel the ferry operator said the burned ferry would stay in harbour while investigators "
    "examine the engine room where the fire began. Passengers rescued by the coast guard from the ferry fire "
    "were offered free sailings on another ferry, and the coast guard praised the ferry crew for the rescue. "
    "The coast guard said the ferry fire spread from the engine room within minutes, and the ferry operator "
    "thanked the coast guard crews who rescued the passengers of the burning ferry off Port Amsel."
)


def article(text: str, outlet: str, published: str | None = DAY) -> Article:
    return Article.from_cleaned(Cleaned(text=text, outlet=outlet, published=published))


def ferry(i: int) -> Article:
    return article(FERRY[i], f"Ferry Desk {i}")


def sanctions(i: int) -> Article:
    return article(SANCTIONS[i], f"Sanctions Desk {i}")


def add(store, a: Article, options: Options) -> int:
    story, terms = assign_story(a, store, options, corpus_size=store.article_count())
    store.save_article(a, story, terms)
    return story.id


def run(store, articles: list[Article], options: Options) -> set[int]:
    """One ingest run's grouping, as the job does it: assign, then the passes after the run."""
    return revise_stories(store, options, {add(store, a, options) for a in articles})


def glue(store, keep_id: int, drop_id: int) -> None:
    """Merge two stories as the merge pass does, whether or not they belong together."""
    store.merge_stories(_merged(store.story_row(keep_id), store.story_row(drop_id)), drop_id)


def story_of(store) -> dict[str, int]:
    """Article outlet -> story id."""
    return {r["outlet"]: r["story_id"] for r in store.iter_articles()}


def partition(store) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for outlet, story_id in story_of(store).items():
        groups.setdefault(story_id, set()).add(outlet)
    return {frozenset(g) for g in groups.values()}


def assert_consistent(store) -> None:
    """Every story row says what its articles are: size, dates, label, index rows."""
    conn = store.conn
    stories = {row["id"]: store.story_row(row["id"]) for row in conn.execute("SELECT id FROM stories")}
    for story_id, row in stories.items():
        articles = conn.execute(
            "SELECT coalesce(published, published_estimate) AS date FROM articles WHERE story_id = ?", (story_id,)
        ).fetchall()
        dates = [a["date"] for a in articles if a["date"]]
        assert row.size == len(articles) > 0, f"story {story_id}: size {row.size}, {len(articles)} articles"
        assert (row.first_date, row.last_date) == (min(dates, default=None), max(dates, default=None))
        assert row.label == story_label(row.vector)
        assert 0 < len(row.vector) <= CENTROID_TERMS
        assert abs(sum(w * w for w in row.vector.values()) - 1) < 1e-9
        index = conn.execute("SELECT term, last_date, weight FROM story_terms WHERE story_id = ?", (story_id,))
        index = index.fetchall()
        top = sorted(row.vector.items(), key=lambda item: -item[1])[:STORY_INDEX_TERMS]
        assert sorted((r["term"], r["weight"]) for r in index) == sorted(top)
        # The index carries the story's last date (the store may round it up, never down).
        [index_date] = {r["last_date"] for r in index}
        assert index_date >= row.last_date
    orphans = conn.execute("SELECT count(*) FROM story_terms WHERE story_id NOT IN (SELECT id FROM stories)")
    assert orphans.fetchone()[0] == 0
    homeless = conn.execute("SELECT count(*) FROM articles WHERE story_id NOT IN (SELECT id FROM stories)")
    assert homeless.fetchone()[0] == 0


def test_two_stories_glued_by_a_merge_come_apart(fresh_db):
    options = Options()
    with open_store(fresh_db) as store:
        ferry_ids = {add(store, ferry(i), options) for i in range(4)}
        sanctions_ids = {add(store, sanctions(i), options) for i in range(4)}
        assert len(ferry_ids) == len(sanctions_ids) == 1 and ferry_ids != sanctions_ids
        glue(store, min(ferry_ids), min(sanctions_ids))
        assert len(partition(store)) == 1
        splits = split_stories(store, options, ferry_ids)
        assert_consistent(store)
        stories = story_of(store)
        labels = {row["id"]: row["label"] for row in store.stories()}
    [(kept, [new])] = splits
    assert kept == min(ferry_ids)
    assert {stories[f"Ferry Desk {i}"] for i in range(4)} == {kept}
    assert {stories[f"Sanctions Desk {i}"] for i in range(4)} == {new}
    assert "ferry" in labels[kept] and "banks" in labels[new]


def test_a_bridging_article_glues_one_run_and_the_next_run_splits(tmp_path, fresh_db):
    """End to end through the ingest job: a report covering both subjects arrives with the
    first report of each and glues them; the next run brings enough of each to tell them apart."""

    def feed(name: str, items: list[tuple[str, str]]) -> str:
        path = tmp_path / name
        records = [{"text": text, "outlet": outlet, "published": DAY} for text, outlet in items]
        path.write_text("\n".join(json.dumps(r) for r in records))
        return str(path)

    first = feed("first.jsonl", [(FERRY[0], "F0"), (BRIDGE, "Bridge"), (SANCTIONS[0], "S0")])
    later = [(FERRY[i], f"F{i}") for i in range(1, 4)] + [(SANCTIONS[i], f"S{i}") for i in range(1, 4)]
    with open_store(fresh_db) as store:
        ingest([first], store, Options())
        assert len(partition(store)) == 1  # glued
        ingest([feed("later.jsonl", later)], store, Options())
        assert_consistent(store)
        groups = partition(store)
    assert {frozenset(f"S{i}" for i in range(4)), frozenset({"Bridge", "F0", "F1", "F2", "F3"})} == groups


def test_a_coherent_story_is_not_split_even_when_merged_from_two(fresh_db):
    options = Options()
    with open_store(fresh_db) as store:
        early = {add(store, ferry(i), options) for i in range(2)}
        # Two stories of the same event, joined as the merge pass would join them.
        late = {add(store, article(FERRY[i], f"Late Desk {i}", "2025-03-25"), options) for i in (2, 3)}
        if late != early:
            glue(store, min(early), min(late))
        before = store.story_row(min(early))
        splits = split_stories(store, options, early)
        after = store.story_row(min(early))
        assert_consistent(store)
    assert splits == []
    assert (after.vector, after.label, after.size) == (before.vector, before.label, 4)


def test_a_syndicated_copy_stays_with_its_original(fresh_db):
    options = Options()
    with open_store(fresh_db) as store:
        ferry_id = {add(store, ferry(i), options) for i in range(4)}.pop()
        sanctions_id = {add(store, a, options) for a in [article(WIRE, "Wire"), sanctions(1), sanctions(2)]}.pop()
        reprint = article(REPRINT, "Reprint Daily")
        assert add(store, reprint, options) == sanctions_id  # a copy goes where its original went
        assert reprint.origin_id == article(WIRE, "Wire").id
        glue(store, ferry_id, sanctions_id)
        [(kept, [new])] = split_stories(store, options, {ferry_id})
        assert_consistent(store)
        stories = story_of(store)
        # On its own words the reprint is closer to the ferry story: only its origin keeps it.
        terms = article_terms(reprint)
        vector = tfidf(terms, store.term_df(list(terms)), store.article_count())
        assert cosine(vector, store.story_row(kept).vector) > cosine(vector, store.story_row(new).vector)
    assert stories["Reprint Daily"] == stories["Wire"] == new
    assert {stories[f"Ferry Desk {i}"] for i in range(4)} == {kept}


def test_the_partition_does_not_depend_on_the_order_of_ingestion(tmp_path):
    options = Options()
    reports = [ferry(i) for i in range(4)] + [sanctions(i) for i in range(4)] + [article(BRIDGE, "Bridge")]
    orders = [reports, reports[::-1], *(random.Random(seed).sample(reports, len(reports)) for seed in range(4))]
    partitions, glued = [], 0
    for number, order in enumerate(orders):
        with open_store(tmp_path / f"{number}.db") as store:
            run(store, [article(a.text, a.meta.outlet) for a in order], options)
            assert_consistent(store)
            partitions.append(partition(store))
    ferry_side = frozenset({"Bridge", *(f"Ferry Desk {i}" for i in range(4))})
    assert all(p == {ferry_side, frozenset(f"Sanctions Desk {i}" for i in range(4))} for p in partitions), partitions


def test_the_bridge_glues_without_the_split_pass(fresh_db):
    """The scenario above is a real one: in this order the bridge does glue the two."""
    options = Options()
    with open_store(fresh_db) as store:
        order = [ferry(0), ferry(1), article(BRIDGE, "Bridge"), *map(sanctions, range(4))]
        ids = {add(store, a, options) for a in order}
    assert len(ids) == 1


def test_a_split_is_neither_merged_back_nor_split_again(fresh_db):
    options = Options()
    order = [ferry(0), ferry(1), article(BRIDGE, "Bridge"), *map(sanctions, range(4)), ferry(2), ferry(3)]
    with open_store(fresh_db) as store:
        run(store, order, options)
        assert len(partition(store)) == 2  # glued by the bridge, then split
        every = {row["id"] for row in store.stories()}
        before = partition(store)
        assert consolidate_stories(store, options, every) == []
        assert split_stories(store, options, every) == []
        assert partition(store) == before


def test_the_merge_pass_keeps_the_parts_of_a_split_apart(fresh_db):
    alone = Options(story_threshold=0.99)  # every report founds its own story
    with open_store(fresh_db) as store:
        ids = [add(store, ferry(i), alone) for i in range(3)]
        apart = {ids[0]: {7}, ids[1]: {7}}  # the first two came out of one split (7)
        merges = consolidate_stories(store, Options(), set(ids), apart=apart)
        groups = partition(store)
    # The third may join either, but the first two never end up together, even through it.
    assert merges and not any({"Ferry Desk 0", "Ferry Desk 1"} <= group for group in groups)


def test_a_split_part_joins_the_story_the_glue_kept_it_from(tmp_path, corpus_options):
    """The example corpus in an order where an undated analysis of the Severin pact arrives
    second, joins the Ves collision coverage and glues half the Severin coverage to it: the
    split pass cuts that half loose and the merge pass after it joins it to the rest."""
    order = [
        "html/korskcourier-2025-03-12-ves-collision.html", "text/continental-review-korsk-needs-tolun.txt",
        "html/lindhavenledger-2025-03-13-ves-collision.html", "text/continentalreview-2025-03-14-ves-collision.txt",
        "html/ledger-2025-03-04-severin-summit.html", "api/tolun-evening-star.jsonl", "feeds/atlas-radio.rss",
        "text/northline-2025-03-06-grain-for-shells.txt", "html/harborpost-2025-03-12-severin-summit.html",
        "html/courier-2025-03-05-vasko-sarvania.html", "html/courier-2025-03-14-severin-accord.html",
        "html/meridianwire-2025-03-16-ves-collision-inquiry.html",
    ]
    with open_store(tmp_path / "corpus.db") as store:
        ingest([str(CORPUS / path) for path in order], store, corpus_options)
        assert_consistent(store)
        story_of_source = {r["source"].split("corpus/")[1]: r["story_id"] for r in store.iter_articles()}
    ves = {story_of_source[p] for p in story_of_source if "ves-collision" in p}
    severin = {story_of_source[p] for p in ("html/ledger-2025-03-04-severin-summit.html",
                                            "html/harborpost-2025-03-12-severin-summit.html",
                                            "html/courier-2025-03-14-severin-accord.html",
                                            "text/continental-review-korsk-needs-tolun.txt",
                                            "api/tolun-evening-star.jsonl#record1")}
    assert len(ves) == 1 and len(severin) == 1 and ves != severin
