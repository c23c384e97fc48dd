"""Tests for crosswire.clean.dates: the publication day a page states, or None.

Every page here is a small invented snippet ("The Valley Ledger", Millbrook); no real page is used.
"""

from __future__ import annotations

from datetime import date

import pytest

from crosswire.clean.dates import MEDIUM, STRONG, WEAK, Evidence, decide, find_published, parse_day
from crosswire.clean.html import clean_html

TODAY = date(2025, 6, 1)
BODY = (
    "<p>The town council of Millbrook voted to close the old river bridge to heavy traffic after "
    "engineers found deep cracks in two of its stone piers, the mayor said.</p>"
)


def page(head: str = "", body: str = BODY, lang: str = "en") -> str:
    return f"""<html lang="{lang}"><head><title>Millbrook shuts river bridge | Valley Ledger</title>{head}</head>
<body><article><h1>Millbrook shuts river bridge</h1>{body}</article></body></html>"""


def ld(obj: str) -> str:
    return f'<script type="application/ld+json">{obj}</script>'


def published(html: str, url: str | None = None) -> str | None:
    return find_published(html, url=url, today=TODAY)


# --- structured data -------------------------------------------------------------------------------
def test_json_ld_news_article() -> None:
    assert published(page(ld('{"@type": "NewsArticle", "datePublished": "2023-09-07T08:30:00+02:00"}'))) == "2023-09-07"


def test_json_ld_graph() -> None:
    graph = ld('{"@context": "https://schema.org", "@graph": ['
               '{"@type": "WebSite", "name": "Valley Ledger"},'
               '{"@type": ["Article", "NewsArticle"], "datePublished": "2023-09-07T08:30:00Z",'
               ' "dateModified": "2023-09-09T10:00:00Z"}]}')
    assert published(page(graph)) == "2023-09-07"


def test_json_ld_list_and_cdata() -> None:
    wrapped = ld('<![CDATA[ [{"@type": "BlogPosting", "datePublished": "2022-03-01"}] ]]>')
    assert published(page(wrapped)) == "2022-03-01"


def test_broken_json_ld_still_gives_its_date() -> None:
    broken = ld('{"@type": "NewsArticle", "datePublished": "2021-11-30T06:00:00+01:00", }')
    assert published(page(broken)) == "2021-11-30"


def test_modified_date_alone_is_not_a_publication_date() -> None:
    head = ('<meta property="article:modified_time" content="2023-09-09T10:00:00Z">'
            + ld('{"@type": "NewsArticle", "dateModified": "2023-09-09"}'))
    assert published(page(head)) is None


@pytest.mark.parametrize(
    "meta",
    [
        '<meta property="article:published_time" content="2023-09-07T08:30:00+00:00">',
        '<meta property="og:published_time" content="2023-09-07">',
        '<meta name="parsely-pub-date" content="2023-09-07T08:30:00Z">',
        '<meta name="sailthru.date" content="2023-09-07 08:30:00">',
        '<meta name="DC.date.issued" content="2023-09-07">',
        '<meta name="citation_publication_date" content="2023/09/07">',
        '<meta itemprop="datePublished" content="2023-09-07">',
        '<meta name="pubdate" content="20230907">',
    ],
)
def test_publication_meta_tags(meta: str) -> None:
    assert published(page(meta)) == "2023-09-07"


def test_itemprop_on_a_time_element() -> None:
    body = '<time itemprop="datePublished" datetime="2023-09-07T08:30">7 September</time>' + BODY
    assert published(page(body=body)) == "2023-09-07"


# --- the URL --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "https://valleyledger.example/2023/09/07/millbrook-bridge/",
        "https://valleyledger.example/news/2023-09-07-millbrook-bridge",
        "https://valleyledger.example/news/millbrook-bridge-20230907.html",
    ],
)
def test_date_in_url(url: str) -> None:
    assert published(page(), url=url) == "2023-09-07"


def test_canonical_link_url_is_used_when_no_url_is_given() -> None:
    head = '<link rel="canonical" href="https://valleyledger.example/2023/09/07/millbrook-bridge/">'
    assert published(page(head)) == "2023-09-07"


def test_url_with_year_and_month_only_is_no_day() -> None:
    assert published(page(), url="https://valleyledger.example/2023/09/millbrook-bridge/") is None


# --- agreement and disagreement --------------------------------------------------------------------
def test_sources_that_agree() -> None:
    head = ('<meta property="article:published_time" content="2023-09-07T08:30:00+02:00">'
            + ld('{"@type": "NewsArticle", "datePublished": "2023-09-07T08:30:00+02:00"}'))
    assert published(page(head), url="https://valleyledger.example/2023/09/07/bridge") == "2023-09-07"


def test_conflicting_strong_sources_give_none() -> None:
    head = ('<meta property="article:published_time" content="2023-10-01T08:30:00+02:00">'
            + ld('{"@type": "NewsArticle", "datePublished": "2023-09-07T08:30:00+02:00"}'))
    assert published(page(head)) is None


def test_more_independent_sources_win() -> None:
    head = ('<meta property="article:published_time" content="2023-09-07T08:30:00+02:00">'
            + ld('{"@type": "NewsArticle", "datePublished": "2023-10-01T08:30:00+02:00"}'))
    assert published(page(head), url="https://valleyledger.example/2023/09/07/bridge") == "2023-09-07"


def test_utc_and_local_rendering_of_one_timestamp() -> None:
    # 23:30 UTC on the 6th is 01:30 on the 7th in Millbrook: the day the page printed is the 7th.
    head = ('<meta property="article:published_time" content="2023-09-06T23:30:00+00:00">'
            + ld('{"@type": "NewsArticle", "datePublished": "2023-09-07T01:30:00+02:00"}'))
    assert published(page(head)) == "2023-09-07"


def test_one_day_apart_both_in_utc_is_unclear() -> None:
    head = ('<meta property="article:published_time" content="2023-09-06T23:30:00Z">'
            + ld('{"@type": "NewsArticle", "datePublished": "2023-09-07T09:30:00Z"}'))
    assert published(page(head)) is None


# --- no evidence, weak evidence, implausible dates --------------------------------------------------
def test_no_evidence_gives_none() -> None:
    assert published(page()) is None


def test_a_date_mentioned_in_the_body_is_not_the_publication_date() -> None:
    filler = "<p>" + "Residents asked for a lower speed limit on the detour. " * 12 + "</p>"
    body = BODY + filler + "<p>The bridge first opened on 7 September 1998, the archive shows.</p>"
    assert published(page(body=body)) is None


def test_weak_evidence_alone_gives_none() -> None:
    assert decide([Evidence("2023-09-07", "time", WEAK)]) is None


def test_decide_prefers_the_strongest_tier() -> None:
    evidence = [Evidence("2023-09-07", "meta", STRONG), Evidence("2023-09-01", "dateline", MEDIUM)]
    assert decide(evidence) == "2023-09-07"


def test_future_and_ancient_dates_are_ignored() -> None:
    future = '<meta property="article:published_time" content="2031-01-01T08:00:00Z">'
    ancient = '<meta property="article:published_time" content="1970-01-01T00:00:00Z">'
    assert published(page(future)) is None
    assert published(page(ancient)) is None


# --- a dateline printed with the headline -----------------------------------------------------------
def test_dateline_under_the_headline() -> None:
    body = '<p class="meta">By Jane Doe · Published 7 September 2023, 08:30</p>' + BODY
    assert published(page(body=body)) == "2023-09-07"


def test_dateline_in_another_language() -> None:
    body = '<p class="fecha">jueves 7 de septiembre de 2023</p>' + BODY
    assert published(page(body=body, lang="es")) == "2023-09-07"


def test_update_line_is_not_the_publication_date() -> None:
    body = '<p class="meta">Updated: 9 September 2023</p>' + BODY
    assert published(page(body=body)) is None


def test_ambiguous_numeric_dateline_is_not_guessed() -> None:
    body = '<p class="meta">06/07/2023 - 08:30</p>' + BODY
    assert published(page(body=body)) is None
    assert published(page(body=body, lang="en-US")) == "2023-06-07"  # month first in US English
    body = '<p class="meta">22/11/2023 - 04:30</p>' + BODY
    assert published(page(body=body, lang="pt-BR")) == "2023-11-22"  # 22 cannot be a month


# --- parsing values -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-09-07T23:30:00-05:00", "2023-09-07"),  # the day as written, not shifted to UTC
        ("2023-09-07", "2023-09-07"),
        ("20230907T083000Z", "2023-09-07"),
        ("07.09.2023", "2023-09-07"),
        ("Thu, 07 Sep 2023 08:30:00 GMT", "2023-09-07"),
        ("September 7, 2023", "2023-09-07"),
        ("Sept. 7, 2023", "2023-09-07"),
        ("7th of September 2023", "2023-09-07"),
        ("7. September 2023", "2023-09-07"),
        ("7 septembre 2023", "2023-09-07"),
        ("1694075400", "2023-09-07"),  # epoch seconds
        ("2023-02-30", None),  # no such day
        ("06/07/2023", None),  # ambiguous without a hint
        ("13/07/2023", "2023-07-13"),
        ("last Tuesday", None),
        ("", None),
    ],
)
def test_parse_day(value: str, expected: str | None) -> None:
    assert parse_day(value) == expected


# --- through the HTML cleaner ----------------------------------------------------------------------------
def _article(head: str) -> str:
    sentence = BODY[3:-4]
    paragraphs = "".join(f"<p>{sentence} Paragraph {i} adds that the detour will stay.</p>" for i in range(4))
    return page(head, body=paragraphs)


def test_clean_html_reads_json_ld_date() -> None:
    head = ld('{"@type": "NewsArticle", "datePublished": "2023-09-07T08:30:00+02:00"}')
    cleaned = clean_html(_article(head))
    assert cleaned.published == "2023-09-07"
    assert cleaned.published_estimate is None


def test_clean_html_never_invents_a_date() -> None:
    cleaned = clean_html(_article('<meta property="article:modified_time" content="2023-09-09T10:00:00Z">'))
    assert cleaned.published is None
    assert cleaned.published_estimate is None


def test_clean_html_uses_the_url_it_is_given() -> None:
    cleaned = clean_html(_article(""), url="https://valleyledger.example/2023/09/07/millbrook-bridge/")
    assert cleaned.published == "2023-09-07"


def test_printed_day_beats_a_utc_rendering_one_day_off() -> None:
    # 23:15 UTC on the 5th is past midnight where the outlet prints "06 December 2020".
    head = ('<meta property="article:published_time" content="2020-12-05T23:15:0Z">'
            + ld('{"@type": "NewsArticle", "datePublished": "2020-12-05T23:15:00Z"}'))
    body = '<p itemprop="datePublished">06 December 2020</p>' + BODY
    assert published(page(head, body=body)) == "2020-12-06"
