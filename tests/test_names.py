"""Tests for crosswire.clean.names: bylines down to people's names. All names are invented."""

from __future__ import annotations

import pytest

from crosswire.clean.names import clean_author, clean_author_list


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("by jane doe", None),  # not name-shaped once "by" is gone
        ("BY Jane Doe", "Jane Doe"),
        ("By: Jane Doe", "Jane Doe"),
        ("Written by Jane Doe", "Jane Doe"),
        ("  Jane   Doe , ", "Jane Doe"),
        ("Byron Smith", "Byron Smith"),  # "By" only as a separate word
        ("Ludwig van Rijn", "Ludwig van Rijn"),
        ("Mary-Jane O'Hara", "Mary-Jane O'Hara"),
        ("\u00c9lodie Durand", "\u00c9lodie Durand"),
        ("\u0141ukasz Nowak", "\u0141ukasz Nowak"),
        ("Zo\u00eb \u00c5berg", "Zo\u00eb \u00c5berg"),
    ],
)
def test_names_kept(raw: str, expected: str | None) -> None:
    assert clean_author(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "Staff Reporter",
        "Reuters",
        "news@example.com",
        "Updated 5 March 2025",
        "Senior Correspondent",
        "Valley Ledger",
        "Jane",  # one word is not enough to be sure
        "jane doe",
        "Associated Press",
        "Jane Doe, Senior Correspondent",  # one part holding a role: split first (clean_author_list)
        "",
        "   ",
    ],
)
def test_not_names(raw: str) -> None:
    assert clean_author(raw) is None


def test_none_input() -> None:
    assert clean_author(None) is None  # type: ignore[arg-type]


def test_email_next_to_name_is_dropped() -> None:
    assert clean_author("Jane Doe jane.doe@example.com") == "Jane Doe"


def test_parts_with_role() -> None:
    assert clean_author_list(["Jane Doe", "Senior Correspondent"]) == ["Jane Doe"]


def test_one_string_with_role_is_split() -> None:
    assert clean_author_list(["By Jane Doe, Senior Correspondent"]) == ["Jane Doe"]


@pytest.mark.parametrize(
    "byline",
    ["Jane Doe and John Roe", "Jane Doe; John Roe", "Jane Doe & John Roe", "Jane Doe | John Roe",
     "By Jane Doe, John Roe"],
)
def test_several_people_in_one_string(byline: str) -> None:
    assert clean_author_list([byline]) == ["Jane Doe", "John Roe"]


def test_outlet_after_separator_dropped() -> None:
    assert clean_author_list(["Jane Doe | Valley Ledger"]) == ["Jane Doe"]
    assert clean_author_list(["Jane Roe / Example Wire"]) == ["Jane Roe"]


def test_deduplicated_in_first_seen_order() -> None:
    parts = ["By John Roe", "Jane Doe", "Staff Reporter", "John Roe", "By Jane Doe", "Ana Lee"]
    assert clean_author_list(parts) == ["John Roe", "Jane Doe", "Ana Lee"]


def test_nothing_usable() -> None:
    assert clean_author_list([]) == []
    assert clean_author_list(["", "Reuters", "news@example.com", "Updated 5 March 2025"]) == []


def test_anderson_is_not_split_on_and() -> None:
    assert clean_author_list(["Andrea Anderson"]) == ["Andrea Anderson"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Jane Marie Doe July", "Jane Marie Doe"),  # a date's month left after its digits were dropped
        ("Jane Doe před", "Jane Doe"),  # a lower-case word after the name ("ago")
        ("Jane May", "Jane May"),  # a two-word name keeps a surname that is also a month
        ("Ludwig van Rijn", "Ludwig van Rijn"),  # particles are not trailing junk
    ],
)
def test_byline_tail_trimmed(raw: str, expected: str) -> None:
    assert clean_author(raw) == expected


@pytest.mark.parametrize("raw", ["Follow Author", "Rfcmarkup Version", "Ebb Org", "Valley Ledger Com"])
def test_site_words_are_not_names(raw: str) -> None:
    assert clean_author(raw) is None


def test_same_person_in_capitals_is_one_author() -> None:
    assert clean_author_list(["Jane Doe", "JANE DOE"]) == ["Jane Doe"]


def test_other_credits_are_cut() -> None:
    assert clean_author_list(["Jane Doe Edited by John Roe"]) == ["Jane Doe"]
    assert clean_author_list(["Jane Doe, photographs by John Roe"]) == ["Jane Doe"]


def test_heading_does_not_shrink_into_a_name() -> None:
    # scrape.py asks clean_author whether a heading line is a byline: it must stay a heading.
    assert clean_author("What Millbrook's bridge ban can and can't do") is None
