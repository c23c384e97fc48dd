"""Claims: one per sentence with the status its governing cue decides, plus clause claims."""

from __future__ import annotations

import pytest

from crosswire.document import Article, Claim, Cleaned

from .test_seeds import golden, seeds  # noqa: F401 - fixtures: the golden file, the ingested seeds


def read(reader, text: str) -> Article:
    return reader(Article.from_cleaned(Cleaned(text=text, outlet="Test Outlet", published="2025-03-04")))


def hedge_found(text: str, claims: list[Claim] | list[dict], span: str, statuses: set[str]) -> bool:
    """The issue's criterion: a claim covering ``span`` with one of ``statuses``, cue inside it."""
    start = text.index(span)
    end = start + len(span)
    for claim in claims:
        c = claim if isinstance(claim, dict) else claim.__dict__
        covers = c["start"] <= start and end <= c["end"] and c["status"] in statuses
        cued = c["status"] == "asserted" or (
            c["cue_start"] is not None and start <= c["cue_start"] and c["cue_end"] <= end
        )
        if covers and cued:
            return True
    return False


@pytest.mark.parametrize(
    "text, status, cue",
    [
        ("Valdoria shipped grain to Sarvania last week.", "asserted", None),
        ("Korvath is reportedly planning a trip to Severin.", "reported", "reportedly"),
        ("The summit is said to be pencilled in for the middle of the month.", "reported", "is said to"),
        ("The meeting will take place next week, per The Wall Street Journal.", "expected", "will"),
        ("The port was closed on Monday, according to the coast guard.", "reported", "according to"),
        ("Officials at the naval base said the two ships collided in fog.", "reported", "said"),
        ("The two leaders are expected to sign several agreements.", "expected", "expected"),
        ("Korvath plans to visit Tolun in the autumn.", "expected", "plans"),
        ("The Folkting is set to approve sanctions this week.", "expected", "set"),
        ("Halvik was due to spend the evening at a state dinner.", "expected", "due to"),
        ("The deal might replenish the stockpile of shells.", "possible", "might"),
        ("The meeting could happen as early as March 14.", "possible", "could"),
        ("The council was likely to open a formal inquiry within days.", "possible", "likely"),
        ("Moscow was apparently searching for an ally.", "inferred", "apparently"),
        ("The preliminary finding appears to point to a maintenance fault.", "inferred", "appears"),
        ("Much of the money was likely to have been moved out of the country.", "inferred", "likely"),
        ("The ministry denied that the ship had ignored radio calls.", "denied", "denied"),
        ("The foreign ministry dismissed reports of a planned summit.", "denied", "dismissed"),
        ("Kim did not meet Putin in Vladivostok last year.", "denied", "not"),
        ("There is no summit on the Chairman's calendar this month.", "denied", "no"),
        ("If the summit goes ahead, the region will change for good.", "conditional", "If"),
        ("Should this deal go through it would upend 15 years of diplomacy.", "conditional", "would"),
        ("The ban stays in place unless Valdoria withdraws from the deal.", "conditional", "unless"),
        ("I think the sanctions are a mistake.", "opinion", "I think"),
        ("This is really bad for everyone in the region!", "opinion", "bad"),
        ("We should talk to Korsk before we sanction its banks.", "opinion", "should"),
        ("The sanctions the Folkting approved are the wrong tool.", "opinion", "wrong"),
    ],
)
def test_sentence_status_and_cue(reader, text, status, cue):
    article = read(reader, text)
    claim = article.claims[0]
    assert (claim.status, claim.cue) == (status, cue), article.claims
    assert (claim.start, claim.end) == (0, len(text))
    if cue is not None:
        assert text[claim.cue_start : claim.cue_end] == cue


@pytest.mark.parametrize(
    "text, span, status",
    [
        # a cue in another clause adds a clause claim; the sentence keeps its own status
        (
            "Valdorian state media reported on Monday that the government could close some fishing grounds.",
            "could close some fishing grounds",
            "possible",
        ),
        (
            "Kim met Putin in 2019, and he reportedly delivered a letter from Moscow.",
            "he reportedly delivered a letter",
            "reported",
        ),
        (
            "A delegation left for talks on a summit, which could happen as early as September 10.",
            "which could happen as early as September 10",
            "possible",
        ),
        (
            "The two leaders will discuss a munitions deal that might replenish Moscow's stockpile.",
            "a munitions deal that might replenish",
            "possible",
        ),
        (
            "On Monday, spokesperson Lina Serova said there was no summit on the Chairman's calendar.",
            "said there was no summit",
            "denied",
        ),
        (
            "Diplomats expect the two sides to announce a commission, and possibly an extension of deliveries.",
            "possibly an extension of deliveries",
            "possible",
        ),
        (
            "Lawmakers debated how to answer Valdoria's reported talks with Sarvania.",
            "Valdoria's reported talks with Sarvania",
            "reported",
        ),
        (
            "Feld said the measures would be lifted if Valdoria withdrew from the deal.",
            "would be lifted if Valdoria withdrew",
            "conditional",
        ),
        (
            "Analysts said the council would open an inquiry within days.",
            "would open an inquiry",
            "expected",
        ),  # would in reported speech
    ],
)
def test_clause_claims_carry_their_own_cue(reader, text, span, status):
    article = read(reader, text)
    assert hedge_found(text, article.claims, span, {status}), article.claims
    assert article.claims[0].start == 0  # the sentence claim comes first


def test_negated_cue_verbs_keep_their_status(reader):
    article = read(reader, "A report is not expected before late April.")
    assert article.claims[0].status == "expected"


def test_sentence_inside_a_quote_is_reported_with_its_speaker_as_source(reader):
    text = (
        'Feld was blunt. "The ships were in the lane all night. The log speaks for itself," Secretary Jonas Feld said.'
    )
    article = read(reader, text)
    quoted = [c for c in article.claims if c.text.startswith('"The ships')]
    assert quoted and quoted[0].status == "reported"
    assert any(name.endswith("Feld") for name in quoted[0].sources)


def test_sources_of_a_claim_are_the_sentence_sources(reader):
    text = "The summit is next week, according to Yonhap, which cited a leaked memo."
    claim = read(reader, text).claims[0]
    assert set(claim.sources) == {"Yonhap", "leaked memo"}


def test_questions_fragments_and_conditions_make_no_claims(reader):
    article = read(
        reader, "Will the summit go ahead? Start with Korsk. If it does not, the Folkting will come under pressure."
    )
    assert [c.text for c in article.claims if c.status == "denied"] == []  # "does not" is only the condition
    assert [c.status for c in article.claims] == ["conditional"]


def test_seed_hedges(golden, seeds):  # noqa: F811 - pytest fixtures
    for spec in golden["articles"]:
        record = seeds[spec["file"]]
        for hedge in spec["hedges"]:
            assert hedge_found(record["text"], record["claims"], hedge["span"], set(hedge["status"].split("/"))), hedge
