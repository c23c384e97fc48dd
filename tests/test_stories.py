"""Story grouping: similar articles within the time window share a story; others do not."""

from __future__ import annotations

import json
from collections import Counter

from crosswire.document import Article, Cleaned, Entity, Event, Mention
from crosswire.group.stories import article_terms, assign_story, cosine, event_terms, story_label, tfidf
from crosswire.ingest.job import ingest
from crosswire.options import Options
from crosswire.store import open_store

FERRY = (
    "A passenger ferry caught fire off Port Amsel on Monday and the coast guard rescued "
    "everyone aboard, the ferry operator said. The fire started in the engine room of the ferry."
)
FERRY_AGAIN = (
    "Coast guard crews rescued the passengers of a burning ferry near Port Amsel, and the "
    "ferry operator said the fire began in the engine room."
)
SANCTIONS = (
    "The Folkting voted to impose sanctions on Valdorian banks, freezing their assets and "
    "barring new loans after a long parliamentary debate about the banks."
)


def article(text: str, published: str | None, actor: str | None = None) -> Article:
    a = Article.from_cleaned(Cleaned(text=text, outlet=f"Outlet {hash(text) % 97}", published=published))
    if actor:
        a.entities = [Entity(name=actor, kind="place", actor_id=actor.lower(), mentions=[Mention(0, 1, actor, "GPE")])]
    return a


def add(store, a: Article, options: Options) -> int:
    story, terms = assign_story(a, store, options, corpus_size=store.article_count())
    store.save_article(a, story, terms)
    return story.id


def test_terms_include_actors_and_skip_stop_words():
    terms = article_terms(article(FERRY, None, actor="KLV"))
    assert terms["ferry"] == 3 and "the" not in terms
    assert terms["@KLV"] > 0  # actors are terms by canonical name


def event(category: str, sources: list[tuple[str, str | None]], targets: list[tuple[str, str | None]]) -> Event:
    return Event(
        category=category, quad_class="", mode=None,
        source=[n for n, _ in sources], source_codes=[c for _, c in sources],
        target=[n for n, _ in targets], target_codes=[c for _, c in targets],
        what=None, place=None, place_code=None, date=None, date_precision=None, date_text=None,
        status="happened", cue=None, trigger="", trigger_start=0, trigger_end=0, start=0, end=0,
    )


def test_an_event_is_a_term_per_dyad_with_codes_else_names():
    sanction = event("SANCTION", [("Estmark", "EMK"), ("the  Folkting", None)], [("Valdoria", "VLD")])
    assert event_terms(sanction) == ["#SANCTION:EMK>VLD", "#SANCTION:the folkting>VLD"]
    assert event_terms(event("PROTEST", [("Sarvania", "SRV")], [])) == ["#PROTEST:SRV>"]
    other_target = event("SANCTION", [("Estmark", "EMK")], [("Sarvania", "SRV")])
    assert not set(event_terms(sanction)) & set(event_terms(other_target))
    counts = article_terms(with_events("Banks were hit.", [sanction, sanction]))
    assert counts["#SANCTION:EMK>VLD"] == 6  # weighted like an actor mention, per report of it
    assert not story_label(tfidf(counts, {}, 1)).count("#")  # event terms never label a story


def with_events(text: str, events: list[Event], published: str | None = "2025-03-24") -> Article:
    a = Article.from_cleaned(Cleaned(text=text, outlet=f"Outlet {hash(text) % 97}", published=published))
    a.events = events
    return a


def test_two_reports_of_one_event_in_other_words_share_a_story(tmp_path):
    sanction = event("SANCTION", [("Estmark", "EMK")], [("Valdoria", "VLD")])
    first = "Estmark punishes Valdorian lenders over the arms shipments."
    second = "Lindhaven freezes deposits of Korsk institutions, the cabinet announced."
    stories = {}
    for coded in (True, False):  # the same two reports, with and without their coded event
        with open_store(tmp_path / f"{coded}.db") as store:
            events = [sanction] if coded else []
            stories[coded] = {add(store, with_events(text, events), Options()) for text in (first, second)}
    assert len(stories[True]) == 1  # one event, no word in common: one story
    assert len(stories[False]) == 2


def test_cosine_of_unit_vectors():
    v = tfidf(Counter({"ferry": 2, "fire": 1}), {}, 1)
    assert abs(cosine(v, v) - 1.0) < 1e-9
    assert cosine(v, tfidf(Counter({"banks": 1}), {}, 1)) == 0.0


def test_similar_articles_share_a_story_and_others_do_not(fresh_db):
    options = Options()
    with open_store(fresh_db) as store:
        first = add(store, article(FERRY, "2025-03-24", "KLV"), options)
        second = add(store, article(FERRY_AGAIN, "2025-03-25", "KLV"), options)
        third = add(store, article(SANCTIONS, "2025-03-26"), options)
        rows = {row["id"]: row for row in store.stories()}
    assert first == second != third
    assert rows[first]["articles"] == 2
    assert (rows[first]["first_date"], rows[first]["last_date"]) == ("2025-03-24", "2025-03-25")


def test_the_same_subject_months_apart_is_a_new_story(fresh_db):
    options = Options(story_window_days=21)
    with open_store(fresh_db) as store:
        spring = add(store, article(FERRY, "2025-03-24", "KLV"), options)
        autumn = add(store, article(FERRY_AGAIN, "2025-09-24", "KLV"), options)
    assert spring != autumn


def test_label_names_actors_and_topic_words_not_dates(fresh_db):
    with open_store(fresh_db) as store:
        a = article(FERRY + " It happened on Monday in March.", "2025-03-24", "Kelvaro Islands")
        story, _ = assign_story(a, store, Options(), corpus_size=store.article_count())
    assert story.label.startswith("Kelvaro Islands: ")
    assert "ferry" in story.label
    assert "monday" not in story.label and "march" not in story.label


def test_an_undated_article_gets_its_storys_date_as_a_flagged_estimate(tmp_path, fresh_db):
    summit = (
        "Kelvaran ferry operators and the Estmark coast guard will meet next week in Port Amsel to "
        "review the ferry fire, the coast guard said. The ferry Amsel Star burned near Port Amsel, "
        "and the coast guard rescued 212 passengers from the ferry. Ferry operators want new fire rules."
    )
    records = [
        {"text": summit, "outlet": "Harbor Post", "title": "Ferry fire review next week"},  # undated, first
        {"text": summit.replace("212", "two hundred and twelve"), "outlet": "Meridian Wire",
         "title": "Coast guard to review ferry fire", "published": "2025-03-26"},
    ]
    feed = tmp_path / "api.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in records))
    with open_store(fresh_db) as store:
        ingest([str(feed)], store, Options())
        undated = next(r for r in store.iter_articles() if r["outlet"] == "Harbor Post")
    assert undated["published"] is None
    assert undated["published_estimate"] == "2025-03-26"
    next_week = next(t for t in undated["times"] if t["text"] == "next week")
    assert next_week["estimated"] is True and next_week["value"] == "2025-W14"
