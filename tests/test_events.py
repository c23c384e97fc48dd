"""PLOVER-coded events: triggers, actors, recipients, modes, status, place and date.

Sentences are written for these tests and read by the real spaCy pipeline. The seed
checks at the bottom skip when ../shared is absent.
"""

from __future__ import annotations

import pytest
import yaml

from crosswire.clean.scrape import clean_scrape
from crosswire.document import Article, Cleaned, TimeExpression
from crosswire.pipeline import Reader
from crosswire.read.events import Event, find_events, lexicon, plover_category

from .conftest import shared_path

PLOVER_CATEGORIES = {
    "AGREE": "verbal cooperation", "CONSULT": "verbal cooperation", "SUPPORT": "verbal cooperation",
    "CONCEDE": "verbal cooperation", "COOPERATE": "material cooperation", "AID": "material cooperation",
    "RETREAT": "material cooperation", "INVESTIGATE": "verbal conflict", "DEMAND": "verbal conflict",
    "DISAPPROVE": "verbal conflict", "REJECT": "verbal conflict", "THREATEN": "verbal conflict",
    "PROTEST": "material conflict", "MOBILIZE": "material conflict", "SANCTION": "material conflict",
    "COERCE": "material conflict", "ASSAULT": "material conflict", "FIGHT": "material conflict",
    "CRIME": "material conflict",
}


def events_of(reader: Reader, text: str) -> tuple[Article, list[Event]]:
    article = Article.from_cleaned(Cleaned(text=text))
    doc = reader.nlp(text)
    reader.annotate(article, doc)
    return article, find_events(article, doc)


def one(events: list[Event], category: str) -> Event:
    matches = [e for e in events if e.category == category]
    assert matches, f"no {category} event in {[(e.category, e.trigger) for e in events]}"
    return matches[0]


def test_the_lexicon_covers_the_nineteen_categories_with_their_quad_classes():
    assert lexicon().quad == PLOVER_CATEGORIES
    tables = (lexicon().verbs, lexicon().nouns, lexicon().verb_objects, lexicon().particle_verbs)
    categories = {entry[0] for table in tables for entry in table.values()}
    assert categories <= set(PLOVER_CATEGORIES)


def test_a_meeting_has_both_participants_as_sources_and_a_place(reader):
    article, events = events_of(reader, "Vladimir Putin and Xi Jinping met in Vladivostok.")
    event = one(events, "CONSULT")
    assert event.mode == "meet" and event.quad_class == "verbal cooperation"
    assert set(event.source) == {"Vladimir Putin", "Xi Jinping"} and event.target == []
    assert set(event.source_codes) == {"RUS", "CHN"}
    assert event.place == "Vladivostok" and event.place_code == "RUS"
    assert event.status == "happened"
    assert article.text[event.trigger_start:event.trigger_end] == event.trigger == "met"
    assert (event.start, event.end) == (0, len(article.text))
    _, events = events_of(reader, "Germany and France signed a defence agreement in Berlin.")
    signing = one(events, "SUPPORT")
    assert (signing.place, signing.place_code) == ("Berlin", "DEU")  # the city as written, the country's code


def test_a_visit_codes_the_visitor_as_source_and_the_host_as_recipient(reader):
    _, events = events_of(reader, "Sergei Shoigu visited North Korea last summer.")
    event = one(events, "CONSULT")
    assert event.mode == "visit"
    assert event.source == ["Sergei Shoigu"] and event.source_codes == ["RUS"]
    assert event.target_codes == ["PRK"]


def test_hosting_and_phone_calls(reader):
    _, hosted = events_of(reader, "China hosted the Iranian foreign minister in Beijing on Monday.")
    host = one(hosted, "CONSULT")
    assert host.mode == "host" and host.source_codes == ["CHN"] and host.target_codes == ["IRN"]
    _, called = events_of(reader, "Joe Biden telephoned Volodymyr Zelensky on Friday.")
    call = one(called, "CONSULT")
    assert call.mode == "phone" and set(call.source) == {"Joe Biden", "Volodymyr Zelensky"}


def test_supplying_weapons_and_aid_gives_the_thing_and_its_mode(reader):
    _, events = events_of(reader, "Iran supplied drones to Russia.")
    event = one(events, "AID")
    assert (event.source_codes, event.target_codes) == (["IRN"], ["RUS"])
    assert event.what == "drones" and event.mode == "military" and event.quad_class == "material cooperation"
    _, events = events_of(reader, "Japan sent food and medicine to Ukraine.")
    aid = one(events, "AID")
    assert aid.mode == "humanitarian" and aid.target_codes == ["UKR"]


def test_an_exchange_is_two_flows_one_each_way(reader):
    _, events = events_of(reader, "North Korea sent artillery shells to Russia in exchange for food and oil.")
    flows = {(tuple(e.source_codes), tuple(e.target_codes)): e for e in events if e.category == "COOPERATE"}
    assert set(flows) == {(("PRK",), ("RUS",)), (("RUS",), ("PRK",))}
    assert flows[("PRK",), ("RUS",)].mode == "military"
    assert flows[("RUS",), ("PRK",)].what == "food and oil"
    assert flows[("RUS",), ("PRK",)].trigger == "exchange"


def test_sanctions_threats_and_demands_are_conflict(reader):
    _, events = events_of(reader, "The United States imposed new sanctions on Iran.")
    sanction = one(events, "SANCTION")
    assert (sanction.source_codes, sanction.target_codes) == (["USA"], ["IRN"])
    assert sanction.quad_class == "material conflict"
    _, events = events_of(reader, "North Korea threatened to attack South Korea.")
    threat = one(events, "THREATEN")
    assert threat.mode == "violence" and threat.target_codes == ["KOR"]
    assert not [e for e in events if e.category == "ASSAULT"], "the threatened attack is the threat's content"
    _, events = events_of(reader, "Poland demanded that Belarus release the journalists.")
    demand = one(events, "DEMAND")
    assert (demand.source_codes, demand.target_codes) == (["POL"], ["BLR"])


def test_attacks_and_fighting_with_their_modes(reader):
    _, events = events_of(reader, "Russian forces shelled Kharkiv on Sunday, killing four civilians.")
    fight = one(events, "FIGHT")
    assert fight.source_codes == ["RUS"] and fight.mode == "heavy-weapons"
    _, events = events_of(reader, "Gunmen bombed a police station in Syria.")
    attack = one(events, "ASSAULT")
    assert attack.mode == "explosives"
    # an attacker named by no known actor takes the country of the place
    assert attack.source == ["Gunmen"] and attack.source_codes == ["SYR"]


def test_protests_with_their_modes(reader):
    _, events = events_of(reader, "Polish farmers blocked roads near the border with Ukraine.")
    protest = one(events, "PROTEST")
    assert protest.mode == "obstruct" and protest.source_codes == ["POL"]
    _, events = events_of(reader, "Iranian prisoners began a hunger strike against the government.")
    strike = one(events, "PROTEST")
    assert strike.mode == "strike-hun" and strike.trigger == "hunger strike"


def test_words_that_look_like_events_but_are_not(reader):
    for text in (
        "The shipping company declined to comment on the inquiry.",
        "The foreign minister returned home on Saturday.",
        "The ministry said it would study the report.",
    ):
        _, events = events_of(reader, text)
        assert events == [], (text, [(e.category, e.trigger) for e in events])
    _, events = events_of(reader, "The agreement threatens no one, Vladimir Putin said.")
    assert all(e.status == "denied" for e in events)


def test_a_recipient_glued_to_the_thing_sent(reader):
    _, events = events_of(reader, "Japan will send Ukraine generators.")
    aid = one(events, "AID")
    assert aid.target_codes == ["UKR"] and aid.status == "planned"


def test_an_accusation_and_the_act_it_alleges(reader):
    _, events = events_of(reader, "Ukraine accused Russia of attacking civilians in Kherson.")
    accusation = one(events, "DISAPPROVE")
    assert (accusation.source_codes, accusation.target_codes) == (["UKR"], ["RUS"])
    attack = one(events, "ASSAULT")
    assert attack.source_codes == ["RUS"] and attack.status == "reported"


def test_refusing_to_meet_is_one_rejection(reader):
    _, events = events_of(reader, "Turkey refused to meet the Syrian envoy.")
    assert [e.category for e in events] == ["REJECT"]
    assert events[0].target_codes == ["SYR"]


def test_negated_and_denied_events_never_happened(reader):
    _, events = events_of(reader, "Russia did not send weapons to Belarus.")
    assert one(events, "AID").status == "denied"
    _, events = events_of(reader, "Iran denied supplying drones to Russia.")
    assert one(events, "AID").status == "denied"


def test_planned_proposed_and_reported_events(reader):
    _, events = events_of(reader, "Vladimir Putin will visit China next month.")
    visit = one(events, "CONSULT")
    assert visit.status == "planned" and visit.cue == "will"
    _, events = events_of(reader, "Russia and North Korea are discussing an arms deal.")
    deal = one(events, "COOPERATE")
    assert deal.status == "proposed" and set(deal.source_codes) == {"RUS", "PRK"}
    _, events = events_of(reader, "If the talks fail, Turkey could close its border with Syria.")
    closing = one(events, "SANCTION")
    assert closing.status == "proposed" and closing.target_codes == ["SYR"]
    _, events = events_of(reader, "Iran reportedly sent missiles to Russia.")
    assert one(events, "AID").status == "reported"
    _, events = events_of(reader, "An arms deal between Russia and North Korea is in the works.")
    assert one(events, "COOPERATE").status == "proposed"


def test_plover_reads_intentions_as_verbal_acts():
    event = Event("AID", "material cooperation", None, ["Japan"], ["JPN"], ["Kenya"], ["KEN"], None, None, None,
                  None, None, None, "planned", "will", "give", 0, 4, 0, 10)
    assert plover_category(event) == "AGREE"
    event.category, event.quad_class = "SANCTION", "material conflict"
    assert plover_category(event) == "THREATEN"
    event.status = "happened"
    assert plover_category(event) == "SANCTION"


def test_the_date_is_the_time_expression_of_the_events_clause(reader):
    text = "In July, Sergei Shoigu visited North Korea. Vladimir Putin will meet Kim Jong Un in 2025."
    article = Article.from_cleaned(Cleaned(text=text))
    doc = reader.nlp(text)
    reader.annotate(article, doc)
    july, later = text.index("July"), text.index("2025")
    article.times = [  # set by hand so this checks the linking, not the time normaliser
        TimeExpression("July", july, july + 4, "2023-07", "month"),
        TimeExpression("2025", later, later + 4, "2025", "year"),
    ]
    events = find_events(article, doc)
    visit = next(e for e in events if e.mode == "visit")
    assert (visit.date, visit.date_precision, visit.status) == ("2023-07", "month", "happened")
    meeting = next(e for e in events if e.mode == "meet")
    assert (meeting.date, meeting.status) == ("2025", "planned")


def test_the_two_leaders_are_the_last_two_people_named(reader):
    _, events = events_of(reader, "Kim Jong Un wrote to Vladimir Putin. The two leaders have met before, in 2019.")
    meeting = one(events, "CONSULT")
    assert set(meeting.source) == {"Kim Jong Un", "Vladimir Putin"} and meeting.status == "happened"
    _, events = events_of(reader, "Kim Jong Un travelled to Russia. The two leaders have met before.")
    assert [e.mode for e in events] == ["visit"], "one person named before: 'the two leaders' stays unresolved"


# --- the seed articles (../shared) ---------------------------------------------------------


@pytest.fixture(scope="module")
def seed_events(reader) -> dict[str, list[Event]]:
    found = {}
    for path in sorted(shared_path("seeds").glob("*.txt")):
        article = Article.from_cleaned(clean_scrape(path.read_text(encoding="utf-8"), source=str(path)))
        doc = reader.nlp(article.text)
        reader.annotate(article, doc)
        found[path.name] = find_events(article, doc)
    return found


@pytest.fixture(scope="module")
def golden() -> dict:
    return yaml.safe_load(shared_path("golden", "seeds.yaml").read_text())


def meetings(events: list[Event]) -> list[Event]:
    return [e for e in events if e.category == "CONSULT" and {"PRK", "RUS"} <= set(e.source_codes)]


def test_seed_meetings_past_and_planned(seed_events, golden):
    assert sum(1 for spec in golden["articles"] for e in spec["events"] if e["must"] and e["kind"] == "CONSULT") == 5
    week, dispatches = seed_events["000_b6024781f1f58b77.txt"], seed_events["002_054bceb6ec33dd35.txt"]
    past = [e for e in meetings(week) if e.status == "happened"]
    assert any(e.place == "Vladivostok" and (e.date in {None, "2019-04"}) for e in past), past
    assert any(e.status in {"planned", "reported"} for e in meetings(week))
    assert any(e.status in {"planned", "reported"} and e.place == "Vladivostok" for e in meetings(week))
    assert any(e.status == "happened" and e.date in {None, "2019"} for e in meetings(dispatches))
    assert any(e.status in {"planned", "reported"} for e in meetings(dispatches))
    shoigu = [e for e in dispatches if e.mode == "visit" and e.source == ["Sergei Shoigu"]]
    assert shoigu and shoigu[0].target_codes == ["PRK"] and shoigu[0].status == "happened"
    assert shoigu[0].date in {None, "2023-07"}


def test_seed_munitions_deal_under_discussion_in_both_directions(seed_events):
    for name, events in seed_events.items():
        flows = [e for e in events if e.category in {"COOPERATE", "AID"} and e.mode and "military" in e.mode]
        munitions = [e for e in flows if e.source_codes[:1] == ["PRK"] and e.target_codes == ["RUS"]]
        assert any(e.status == "proposed" and "munitions" in (e.what or "") for e in munitions), (name, flows)
    dispatches = seed_events["002_054bceb6ec33dd35.txt"]
    back = [e for e in dispatches if (e.source_codes, e.target_codes, e.category) == (["RUS"], ["PRK"], "COOPERATE")]
    assert back and back[0].what == "missile technology and food aid" and back[0].mode == "military+humanitarian"
    assert back[0].status == "proposed"
