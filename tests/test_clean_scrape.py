"""Tests for crosswire.clean.scrape: the line-level clutter detector for plain-text scrapes.

The seed tests read the two real scrapes from ../shared at run time (they are never copied
into the repository) and skip when it is absent. The synthetic pages below are invented:
"The Harbour Gazette" and everyone in it are fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from crosswire.clean.scrape import clean_scrape, parse_visible_date
from crosswire.errors import InputRejected, Reason

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
GOLDEN = SHARED / "golden" / "seeds.yaml"


def _golden_articles() -> list[dict]:
    if not GOLDEN.is_file():
        return []
    return yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))["articles"]


skip_without_seeds = pytest.mark.skipif(
    not SEEDS.is_dir() or not GOLDEN.is_file(),
    reason=f"seed scrapes not available ({SEEDS} and {GOLDEN} are needed; they live outside the repository)",
)


@pytest.mark.seeds
@skip_without_seeds
@pytest.mark.parametrize("expected", _golden_articles(), ids=lambda a: a["file"])
def test_seed(expected: dict) -> None:
    path = SEEDS / expected["file"]
    cleaned = clean_scrape(path.read_text(encoding="utf-8"), source=str(path))
    for phrase in expected["body_must_contain"]:
        assert phrase in cleaned.text, f"body lost {phrase!r}"
    for phrase in expected["body_must_not_contain"]:
        assert phrase not in cleaned.text, f"body kept clutter {phrase!r}"
    assert cleaned.title == expected["title"]
    assert cleaned.subtitle == expected["subtitle"]
    assert cleaned.authors == expected["authors"]
    assert cleaned.outlet == expected["outlet"]
    # YAML reads an unquoted 2023-09-07 as a date; crosswire's field is the ISO string.
    assert cleaned.published == (None if expected["published"] is None else str(expected["published"]))
    assert cleaned.truncated_by_paywall is expected["truncated_by_paywall"]
    assert [(c.text, c.credit) for c in cleaned.image_captions] == [
        (c["text"], c["credit"]) for c in expected["image_captions"]
    ]
    assert cleaned.extractor == "scrape"
    assert cleaned.source == str(path)
    assert cleaned.language is None


# --- Synthetic pages (invented text) ---------------------------------------------------------

P1 = (
    "The Harbour Gazette has learned that the town council will vote on Thursday to close the old "
    "ferry pier, after engineers found that two of its timber piles had rotted through below the waterline."
)
P2 = (
    "Councillors said the closure would last at least a year. Fishing crews who land their catch at "
    "the pier will be moved to the north quay, where the harbour master has marked out temporary berths."
)
P_SUBSCRIBE = (
    "Residents can subscribe to text alerts about the works, the council said, and those who share a "
    "mooring at the pier will receive a letter explaining where to tie up while repairs go on."
)
P3 = (
    "A public meeting is planned for next month. Officials expect the rebuilt pier to take larger vessels, "
    "which could bring back the summer passenger service that ended more than a decade ago."
)
MID_BOX = [
    "Sign up for The Harbour Gazette's Morning Tide newsletter",
    "The day's harbour news, weather and tides, delivered before breakfast.",
    "Sign up",
]


def _page(*, byline: str = "Jane Doe", date: str | None = "March 6, 2025", box: bool = False) -> str:
    lines = [
        "The Harbour Gazette",
        "Share",
        "Council to close the old ferry pier after inspection finds rot",
        "",
        "Fishing crews will move to the north quay while the pier is rebuilt",
        "",
        byline,
    ]
    if date:
        lines.append(date)
    lines += ["", P1, "", P2, ""]
    if box:
        lines += [*MID_BOX, ""]
    lines += [P_SUBSCRIBE, "", P3, "", "Subscribe to The Harbour Gazette", "© 2025 The Harbour Gazette"]
    return "\n".join(lines)


def test_synthetic_page_metadata() -> None:
    cleaned = clean_scrape(_page(), source="gazette.txt")
    assert cleaned.text == "\n\n".join([P1, P2, P_SUBSCRIBE, P3])
    assert cleaned.title == "Council to close the old ferry pier after inspection finds rot"
    assert cleaned.subtitle == "Fishing crews will move to the north quay while the pier is rebuilt"
    assert cleaned.authors == ["Jane Doe"]
    assert cleaned.outlet == "The Harbour Gazette"
    assert cleaned.published == "2025-03-06"
    assert cleaned.truncated_by_paywall is False
    assert cleaned.extractor == "scrape" and cleaned.source == "gazette.txt"


def test_body_paragraph_with_cue_words_is_kept() -> None:
    cleaned = clean_scrape(_page())
    assert P_SUBSCRIBE in cleaned.text.split("\n\n")


def test_mid_article_newsletter_box_is_removed() -> None:
    cleaned = clean_scrape(_page(box=True))
    for line in MID_BOX:
        assert line not in cleaned.text
    assert cleaned.text.split("\n\n") == [P1, P2, P_SUBSCRIBE, P3]


def test_no_date_line_gives_no_date() -> None:
    assert clean_scrape(_page(date=None)).published is None


def test_relative_date_is_not_resolved() -> None:
    assert clean_scrape(_page(date="Yesterday")).published is None


def test_byline_drops_by_and_job_title() -> None:
    cleaned = clean_scrape(_page(byline="By Jane Doe, Senior Correspondent"))
    assert cleaned.authors == ["Jane Doe"]


def test_byline_with_two_authors() -> None:
    cleaned = clean_scrape(_page(byline="By Jane Doe and Tom Quayle"))
    assert cleaned.authors == ["Jane Doe", "Tom Quayle"]


def test_paywall_notice_ends_the_body() -> None:
    page = "\n".join(
        [
            "Council to close the old ferry pier after inspection finds rot",
            "",
            P1,
            "",
            P2,
            "",
            "Continue reading with a free trial",
            "Already a subscriber? Sign in",
            P3,  # behind the wall: the scrape may still carry a teaser of it
        ]
    )
    cleaned = clean_scrape(page)
    assert cleaned.truncated_by_paywall is True
    assert cleaned.text == P1 + "\n\n" + P2


def test_author_bio_is_metadata_not_body() -> None:
    bio = "Tom Quayle is a staff writer at The Harbour Gazette, covering the waterfront and town politics."
    cleaned = clean_scrape(_page(byline="") + "\n\n" + bio)
    assert bio not in cleaned.text
    assert "Tom Quayle" in cleaned.authors


def test_credited_caption_and_alt_line_leave_the_body() -> None:
    page = "\n".join(
        [
            "Council to close the old ferry pier after inspection finds rot",
            "",
            "A wooden pier at low tide.",
            "The old ferry pier, seen from the north quay",
            "(Image credit: Ann Mole / Harbour Gazette)",
            "",
            P1,
            "",
            P2,
        ]
    )
    cleaned = clean_scrape(page)
    assert [(c.text, c.credit) for c in cleaned.image_captions] == [
        ("The old ferry pier, seen from the north quay", "Ann Mole / Harbour Gazette")
    ]
    assert cleaned.text == P1 + "\n\n" + P2


def test_short_paragraphs_around_a_share_bar_are_kept() -> None:
    # Short opening paragraphs are not anchors; they must survive a share bar below them.
    lede = "The island ferry will cost a fifth more from April, its operator said on Monday."
    second = "Managers blamed fuel and a new crew agreement."
    closing = "A spokesman said fares had been frozen for three years."
    page = "\n".join(
        ["HARBOUR GAZETTE", "Home    News    Sport    Weather", "Ferry fares to rise by a fifth from April",
         "By Tom Quayle", "Updated 2 March 2025, 10:15", lede, second, "Share", "Copy link", P1, P2, closing,
         "Related stories", "Council closes old pier", "© 2025 Harbour Gazette Ltd. All rights reserved."]
    )
    cleaned = clean_scrape(page)
    assert cleaned.text.split("\n\n") == [lede, second, P1, P2, closing]
    assert cleaned.title == "Ferry fares to rise by a fifth from April"  # not the menu line
    assert cleaned.subtitle is None  # the lede runs on into prose: it is body, not a dek
    assert cleaned.authors == ["Tom Quayle"]
    assert cleaned.outlet == "Harbour Gazette"
    assert cleaned.published == "2025-03-02"


def test_caption_without_credit_above_the_body() -> None:
    page = "\n".join(
        ["Council to close the old ferry pier after inspection finds rot", "", "Share",
         "The old pier at dawn, a week before the inspection", "", P1, "", P2]
    )
    cleaned = clean_scrape(page)
    assert [(c.text, c.credit) for c in cleaned.image_captions] == [
        ("The old pier at dawn, a week before the inspection", None)
    ]
    assert cleaned.text == P1 + "\n\n" + P2


def test_only_clutter_is_not_an_article() -> None:
    page = "\n".join(
        [
            "The Harbour Gazette",
            "Share",
            "Copy link",
            "Subscribe to The Harbour Gazette",
            "Sign in",
            "Privacy ∙ Terms",
            "© 2025 The Harbour Gazette",
        ]
    )
    with pytest.raises(InputRejected) as caught:
        clean_scrape(page)
    assert caught.value.reason is Reason.NOT_AN_ARTICLE


def test_too_little_prose_is_not_an_article() -> None:
    with pytest.raises(InputRejected) as caught:
        clean_scrape("Council to close the old ferry pier\n\n" + P1)
    assert caught.value.reason is Reason.NOT_AN_ARTICLE


@pytest.mark.parametrize("text", ["", "  \n\n\t "])
def test_empty_input_is_rejected(text: str) -> None:
    with pytest.raises(InputRejected) as caught:
        clean_scrape(text)
    assert caught.value.reason is Reason.EMPTY


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Sep 07, 2023", "2023-09-07"),
        ("March 6, 2025", "2025-03-06"),
        ("Published 14 March 2025, 09:10", "2025-03-14"),
        ("Yesterday", None),
        ("March 2025", None),
        ("2 hours ago", None),
    ],
)
def test_parse_visible_date(line: str, iso: str | None) -> None:
    assert parse_visible_date(line) == iso
