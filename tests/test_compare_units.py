"""crosswire.compare on small records built by hand: no model, no store.

Each record is shaped like ``Store.article`` returns it (docs/schema.md), with offsets
computed from the text, so the tests read like the articles they stand for.
"""

from __future__ import annotations

import datetime as dt

import pytest

from crosswire.compare import build_view, render_report, render_story
from crosswire.compare.align import align
from crosswire.compare.contradictions import DENIAL, contradictions
from crosswire.compare.slots import interval, time_values
from crosswire.compare.tone import article_tone
from crosswire.compare.units import article_units
from crosswire.errors import NotFound, OptionsError
from crosswire.events import dates
from crosswire.store import open_store


def record(
    id: str,
    outlet: str,
    sentences: list[tuple[str, str]],
    *,
    entities: dict[str, tuple[str, list[str]]] = None,
    times: list[tuple[str, str | None, str]] = (),
    sources: list[tuple[str, str, list[str]]] = (),
    quotes: list[str] = (),
    published: str | None = "2025-03-12",
    origin_id: str | None = None,
    title: str = "A headline",
    subtitle: str | None = None,
    url: str | None = None,
) -> dict:
    """An article record: ``sentences`` are (text, status); ``entities`` name -> (kind,
    surfaces); ``times`` (surface, value, granularity); ``sources`` (surface in the sentence
    that cites it, kind, chain); ``quotes`` quoted words."""
    text = " ".join(s for s, _ in sentences)
    claims, at = [], 0
    for sentence, status in sentences:
        start = text.index(sentence, at)
        claims.append({"text": sentence, "status": status, "start": start, "end": start + len(sentence), "cue": None,
                       "cue_start": None, "cue_end": None, "sources": []})
        at = start + len(sentence)
    ents = []
    for name, (kind, surfaces) in (entities or {}).items():
        mentions = []
        for surface in surfaces:
            i = text.find(surface)
            while i >= 0:
                mentions.append({"text": surface, "start": i, "end": i + len(surface)})
                i = text.find(surface, i + 1)
        ents.append({"name": name, "kind": kind, "actor_id": None, "code": None, "role": None, "country": None,
                     "mentions": mentions})
    time_records = []
    for surface, value, granularity in times:
        i = text.index(surface)
        time_records.append({"text": surface, "start": i, "end": i + len(surface), "value": value,
                             "granularity": granularity, "kind": "DATE", "anchor": published, "estimated": False})
    source_records = []
    for surface, kind, chain in sources:
        i = text.index(surface)
        claim = next(c for c in claims if c["start"] <= i < c["end"])
        claim["sources"].append(chain[-1])
        source_records.append({"name": chain[-1], "kind": kind, "chain": [outlet, *chain], "start": claim["start"],
                               "end": claim["end"], "actor_id": None, "cue": None})
    quote_records = []
    for words in quotes:
        i = text.index(words)
        quote_records.append({"text": words, "start": i, "end": i + len(words), "speaker": None, "cue": None,
                              "speaker_start": None, "speaker_end": None, "kind": "direct", "venue": None,
                              "speaker_id": None})
    return {
        "id": id, "url": url, "source": f"{id}.txt", "outlet": outlet, "title": title, "subtitle": subtitle,
        "authors": [], "published": published, "published_estimate": None, "truncated_by_paywall": False,
        "language": "en", "word_count": len(text.split()), "image_captions": [], "text": text, "story_id": 1,
        "origin_id": origin_id or id, "entities": ents, "quotes": quote_records, "sources_cited": source_records,
        "times": time_records, "claims": claims,
    }


def story(*records: dict) -> dict:
    return {"id": 1, "label": "test story", "first_date": None, "last_date": None, "articles": list(records)}


KIM_PUTIN = {
    "Kim Jong Un": ("person", ["Kim Jong Un", "Kim"]),
    "Vladimir Putin": ("person", ["Vladimir Putin", "Putin"]),
    "Vladivostok": ("place", ["Vladivostok"]),
}
SHIPS = {
    "Estmark": ("country", ["Estmark"]),
    "Valdoria": ("country", ["Valdorian"]),
    "Strait of Ves": ("place", ["Strait of Ves"]),
}


# -- alignment ------------------------------------------------------------------------


def test_paraphrases_join_one_story_claim():
    a = record("a", "The Week", [("Kim Jong Un will meet Vladimir Putin in Vladivostok for talks on a munitions deal.", "expected")],
               entities=KIM_PUTIN)
    b = record("b", "Global Dispatches", [("Kim is planning a visit to Vladivostok to sign an arms agreement with Putin.", "expected")],
               entities=KIM_PUTIN)
    claims = align(article_units(a) + article_units(b)).claims
    assert [c.outlets for c in claims] == [["Global Dispatches", "The Week"]]


def test_unrelated_claims_about_the_same_actors_stay_apart():
    a = record("a", "The Week", [("Kim Jong Un will meet Vladimir Putin in Vladivostok next week.", "expected")],
               entities=KIM_PUTIN)
    b = record("b", "Global Dispatches", [("Kim and Putin distrust each other deeply.", "asserted")], entities=KIM_PUTIN)
    claims = align(article_units(a) + article_units(b)).claims
    assert all(len(c.outlets) == 1 for c in claims)


def collision(id: str, outlet: str, day: str, value: str, injured: str) -> dict:
    sentence = f"An Estmark patrol ship and a Valdorian cargo ship collided in the Strait of Ves on {day}, injuring {injured} crew members."
    return record(id, outlet, [(sentence, "asserted")], entities=SHIPS, times=[(day, value, "day")])


def test_different_dates_and_counts_split_into_a_contradiction():
    a = collision("a", "Atlas Radio", "Tuesday, March 11", "2025-03-11", "seven")
    b = collision("b", "Korsk Courier", "Wednesday, March 12", "2025-03-12", "11")
    c = collision("c", "The Lindhaven Ledger", "Tuesday, March 11", "2025-03-11", "seven")
    alignment = align(article_units(a) + article_units(b) + article_units(c))
    # Not one claim: Atlas Radio and the Ledger agree, Korsk Courier stands apart.
    assert sorted(cl.outlets for cl in alignment.claims) == [["Atlas Radio", "The Lindhaven Ledger"], ["Korsk Courier"]]
    found = {c.slot: c for c in contradictions(alignment.clashes)}
    assert set(found) == {"date", "number of crew"}
    assert found["date"].values == ["2025-03-11", "2025-03-12"]
    assert found["date"].outlets("2025-03-11") == ["Atlas Radio", "The Lindhaven Ledger"]
    assert found["date"].outlets("2025-03-12") == ["Korsk Courier"]
    assert found["number of crew"].values == ["7", "11"]


def test_overlapping_times_of_different_granularity_agree():
    # The seeds' case: "next week" and "as early as September 10" are one plan, not two.
    a = record("a", "The Week", [("Kim Jong Un will meet Vladimir Putin in Vladivostok next week.", "expected")],
               entities=KIM_PUTIN, times=[("next week", "2023-W37", "week")], published="2023-09-07")
    b = record("b", "Global Dispatches", [("Kim Jong Un could meet Vladimir Putin in Vladivostok as early as September 10.", "possible")],
               entities=KIM_PUTIN, times=[("September 10", "2023-09-10", "day")], published="2023-09-07")
    view = build_view(story(a, b))
    assert view.contradictions == []
    assert [row.corroboration.outlets for row in view.corroborated] == [["Global Dispatches", "The Week"]]


def test_deictic_weekdays_never_make_a_contradiction():
    a = collision("a", "Atlas Radio", "Tuesday", "2025-03-11", "seven")
    b = collision("b", "Korsk Courier", "Wednesday", "2025-03-12", "seven")
    assert contradictions(align(article_units(a) + article_units(b)).clashes) == []


def test_time_intervals_and_bounds():
    assert interval("2023-W37") == (dt.date(2023, 9, 11), dt.date(2023, 9, 17))
    assert interval("2019") == (dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert interval("2025-Q1") == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    assert interval("P3W") is None and interval("PRESENT_REF") is None
    r = record("a", "X", [("The summit could happen as early as September 10 in Vladivostok.", "possible")],
               times=[("September 10", "2023-09-10", "day")])
    (value,) = time_values(r, 0, len(r["text"]))
    assert value.first == dt.date(2023, 9, 10) and value.last.year == 9999  # "or later"


# -- corroboration ----------------------------------------------------------------------


def test_a_weekend_is_its_week_in_the_story_view_and_two_days_in_events():
    assert interval("2023-W37-WE") == (dt.date(2023, 9, 11), dt.date(2023, 9, 17))
    weekend = dates.parse("2023-W37-WE")
    assert (weekend.first, weekend.last) == (dt.date(2023, 9, 16), dt.date(2023, 9, 17))


def test_denials_in_so_many_words_are_the_claim_readers_denial_verbs():
    from crosswire.read.claims import DENIAL_VERBS, REJECTION_VERBS

    for verb in DENIAL_VERBS | REJECTION_VERBS:
        assert DENIAL.search(verb), verb
    for cue in ("denied", "denies", "refuted", "rebutted", "rejected", "dismissed"):
        assert DENIAL.search(cue), cue
    assert not DENIAL.search("not") and not DENIAL.search("no")


def test_syndicated_copies_count_once():
    sentence = "Rescuers pulled all 233 people off a burning ferry near Port Amsel on Monday morning."
    wire = record("w", "Meridian Wire", [(sentence, "asserted")])
    copy1 = record("c1", "Harbor Post", [(sentence, "asserted")], origin_id="w")
    copy2 = record("c2", "Atlas Radio", [(sentence, "asserted")], origin_id="w")
    own = record("h", "Korsk Courier", [("Rescuers brought all 233 people off the burning ferry near Port Amsel.", "asserted")])
    view = build_view(story(wire, copy1, copy2, own))
    (row,) = view.corroborated
    c = row.corroboration
    assert len(c.outlets) == 4 and c.reports == 4
    assert len(c.origins) == 2  # the wire text and Korsk Courier's own
    assert c.independent == 2
    assert [o.credited for o in view.upstream.syndicated] == ["Meridian Wire"]


def test_one_countrys_officials_and_intelligence_are_one_upstream():
    us = {"United States": ("country", ["U.S.", "US"])}
    a = record("a", "The Week", [("Russia is seeking artillery shells from North Korea, according to U.S. officials.", "reported")],
               entities=us, sources=[("U.S. officials", "anonymous_official", ["U.S. officials"])])
    b = record("b", "Global Dispatches",
               [("Citing US government intelligence reports, the New York Times said Russia is seeking artillery shells from North Korea.", "reported")],
               entities=us, sources=[("US government intelligence reports", "document", ["The New York Times", "US government intelligence reports"])])
    view = build_view(story(a, b))
    (row,) = view.corroborated
    assert row.corroboration.independent == 1
    assert [u.label for u in row.corroboration.upstreams] == ["US government"]
    assert [u.label for u in view.upstream.shared] == ["US government"]
    assert view.upstream.text.startswith("Both outlets rest on US government sources")


def test_an_outlet_cited_without_its_source_does_not_add_an_origin():
    us = {"United States": ("country", ["U.S."])}
    a = record("a", "The Week", [("Kim Jong Un will meet Vladimir Putin in Vladivostok, per The Wall Street Journal.", "expected")],
               entities=KIM_PUTIN, sources=[("The Wall Street Journal", "outlet", ["The Wall Street Journal"])])
    b = record("b", "Global Dispatches", [("Kim Jong Un will meet Vladimir Putin in Vladivostok, U.S. officials said.", "reported")],
               entities={**KIM_PUTIN, **us}, sources=[("U.S. officials", "anonymous_official", ["U.S. officials"])])
    (row,) = build_view(story(a, b)).corroborated
    assert row.corroboration.independent == 1
    assert [u.label for u in row.corroboration.unresolved] == ["The Wall Street Journal"]


# -- tone ---------------------------------------------------------------------------------


def test_tone_alarmed_analytical_neutral():
    alarmed = record("a", "Global Dispatches", [("I think this deal is dangerous.", "opinion"), ("This is really bad!", "opinion")])
    analytical = record("b", "The Week", [("The deal might replenish stockpiles.", "possible"),
                                          ("The request can only be interpreted as a sign of desperation.", "inferred"),
                                          ("Putin met Kim in 2019.", "asserted")])
    neutral = record("c", "Atlas Radio", [("The ferry caught fire on Monday.", "asserted"), ("All 233 people were rescued, officials said.", "reported")])
    assert article_tone(alarmed).label == "alarmed"
    assert any(cue.startswith("first person") for cue in article_tone(alarmed).cues)
    assert article_tone(analytical).label == "analytical"
    assert article_tone(neutral).label == "neutral"


def test_tone_leaves_quotations_to_their_speakers():
    r = record("a", "Atlas Radio", [('"I think this is a terrible, dangerous mistake!" the minister said.', "reported")],
               quotes=["I think this is a terrible, dangerous mistake!"])
    assert article_tone(r).label == "neutral"


# -- rendering ------------------------------------------------------------------------------


def hostile_story() -> dict:
    a = collision("a", "Atlas Radio", "Tuesday, March 11", "2025-03-11", "seven")
    b = collision("b", "Korsk <b>Courier</b>", "Wednesday, March 12", "2025-03-12", "11")
    a["title"] = "<script>alert(1)</script> [click](javascript:alert(1))"
    a["url"] = "javascript:alert(1)"
    b["url"] = "https://example.org/a?x=1&y=2"
    return story(a, b)


def test_html_report_is_escaped_and_self_contained():
    html = render_report(build_view(hostile_story()), "html")
    assert html.startswith("<!DOCTYPE html>")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>Courier</b>" not in html
    assert "javascript:" not in html.replace("[click](javascript:alert(1))", "")  # only as escaped text, never a link
    assert 'href="javascript' not in html
    assert 'href="https://example.org/a?x=1&amp;y=2"' in html
    assert "<link" not in html and "src=" not in html and "://" not in html.replace("https://example.org", "")
    assert "Tuesday, March 11" in html and "Wednesday, March 12" in html  # both sides of the contradiction


def test_markdown_report_escapes_and_footnotes():
    md = render_report(build_view(hostile_story()), "md")
    assert "<script>" not in md and "\\<script\\>" in md
    assert "\\[click\\]" in md
    assert "[^1]:" in md and "## Contradictions" in md and "2025-03-11 vs 2025-03-12" in md


def test_unknown_report_format():
    with pytest.raises(OptionsError):
        render_report(build_view(hostile_story()), "pdf")


def test_text_view_has_every_section():
    text = render_story(build_view(hostile_story()))
    for heading in ("OUTLETS", "CLAIM MATRIX", "ONLY IN ONE OUTLET", "CONTRADICTIONS", "UPSTREAM"):
        assert heading in text
    assert "date: 2025-03-11 vs 2025-03-12" in text


def test_view_as_json_and_an_empty_story():
    import json

    data = json.loads(json.dumps(build_view(hostile_story()).to_dict()))
    assert data["contradictions"][0]["slot"] == "date"
    assert {c["slot"] for c in data["contradictions"]} == {"date", "number of crew"}
    empty = build_view(story(record("e", "Atlas Radio", [])))
    assert empty.claims == [] and empty.contradictions == []
    assert "CLAIM MATRIX" in render_story(empty) and "</html>" in render_report(empty, "html")


def test_unknown_story_is_not_found(fresh_db):
    from crosswire.compare import story_view

    with open_store(fresh_db) as store, pytest.raises(NotFound):
        story_view(store, 42)
