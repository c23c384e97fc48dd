"""Tests for crosswire.clean.html.clean_html: article body and news metadata from a page.

The pages are invented here: "The Valley Ledger", Millbrook and everyone in them are
fictional. Clutter blocks carry an odd marker word (quokka, platypus, ...) so a leak of
any of them into the body is easy to spot.
"""

from __future__ import annotations

import pytest

from crosswire.clean.html import clean_html
from crosswire.clean.vocabulary import is_paywall_notice
from crosswire.errors import InputRejected, Reason

PARAGRAPHS = [
    "The town council of Millbrook voted on Tuesday evening to close the old river bridge to heavy "
    "traffic after engineers found deep cracks in two of its stone piers.",
    "Mayor Alma Whitcombe said the decision had not been taken lightly, because the bridge carries "
    "most of the lorries that serve the paper mill on the eastern bank.",
    "Engineers from the county roads office will spend the next six weeks testing the piers, and a "
    "temporary crossing is expected to open downstream before the autumn harvest.",
    "Residents who live along Quarry Lane told the meeting that diverted lorries already rattle "
    "their windows at night, and several asked for a lower speed limit on the detour.",
]
HEADLINE = "Millbrook shuts river bridge to lorries"
PAYWALL_NOTICE = "Subscribe to keep reading this story."
NEWSLETTER = "Sign up for our daily newsletter platypus."
CLUTTER = [
    "Local Zeppelin Section",  # nav
    "Sport Marmalade Index",  # nav
    "cookies tangerine",  # cookie banner
    "Share on Facebook quokka",  # share buttons
    "Morning Briefcase newsletter",  # newsletter box
    "platypus",  # newsletter box
    "Related stories",  # related links
    "Harbour dredging budget pelican",  # related links
    "School bus routes flamingo",  # related links
    "All rights reserved walrus",  # footer
    "Privacy policy",  # footer
    "Subscribe to keep reading",  # paywall notice
    "Caption text",  # the figure caption stays out of the body
    "Jane Roe",  # the photo credit too
]


def make_page(*, paywall: bool = True, date: bool = True, head: str = "", newsletter: str = NEWSLETTER) -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    pay = f'<div class="paywall"><p>{PAYWALL_NOTICE}</p></div>' if paywall else ""
    published = '<meta property="article:published_time" content="2024-09-17T08:30:00+00:00">' if date else ""
    return f"""<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{HEADLINE} | Valley Ledger</title>
<meta property="og:site_name" content="Valley Ledger">
<meta name="author" content="By Jane Doe, Staff Writer">
{published}
{head}
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local Zeppelin Section</a></li>
<li><a href="/sport">Sport Marmalade Index</a></li></ul></nav>
<div id="cookie-banner" class="cookie-consent">
<p>We use cookies to improve your visit. Accept all cookies tangerine.</p>
<button>Accept</button></div>
<main>
<article>
<h1>{HEADLINE}</h1>
<div class="share-buttons"><a href="#">Share on Facebook quokka</a> <a href="#">Share on Twitter quokka</a></div>
<figure><img src="bridge.jpg" alt="The bridge">
<figcaption>Caption text. <span class='credit'>Photo: Jane Roe / Example Wire</span></figcaption></figure>
{paras}
<aside class="newsletter-signup"><h3>Get the Morning Briefcase newsletter</h3><p>{newsletter}</p>
<form><input type="email"><button>Subscribe</button></form></aside>
{pay}
</article>
<section class="related-links"><h2>Related stories</h2><ul>
<li><a href="/a">Harbour dredging budget pelican</a></li>
<li><a href="/b">School bus routes flamingo</a></li></ul></section>
</main>
<footer><p>Copyright 2024 Valley Ledger. All rights reserved walrus.</p><a href="/privacy">Privacy policy</a></footer>
</body>
</html>"""


@pytest.fixture(scope="module")
def full() -> object:
    return clean_html(make_page(), source="pages/bridge.html")


def test_body_keeps_every_paragraph_in_order(full) -> None:
    positions = [full.text.find(p) for p in PARAGRAPHS]
    assert all(pos >= 0 for pos in positions), full.text
    assert positions == sorted(positions)
    assert full.text.split("\n\n") == PARAGRAPHS


@pytest.mark.parametrize("clutter", CLUTTER)
def test_body_has_no_clutter(full, clutter: str) -> None:
    assert clutter.lower() not in full.text.lower()


def test_headline_is_not_repeated_in_body(full) -> None:
    assert HEADLINE not in full.text


def test_metadata(full) -> None:
    assert full.title == HEADLINE  # without " | Valley Ledger"
    assert full.authors == ["Jane Doe"]
    assert full.outlet == "Valley Ledger"
    assert full.published == "2024-09-17"
    assert full.language == "en"
    assert full.source == "pages/bridge.html"
    assert full.extractor == "html"
    assert full.truncated_by_paywall is True


def test_caption_and_credit(full) -> None:
    assert [(c.text, c.credit) for c in full.image_captions] == [("Caption text.", "Jane Roe / Example Wire")]


def test_caption_credit_in_text_is_split_off() -> None:
    page = make_page().replace(
        "Caption text. <span class='credit'>Photo: Jane Roe / Example Wire</span>",
        "Engineers inspect the piers. (Photo: Sam Poe)",
    )
    cleaned = clean_html(page)
    assert [(c.text, c.credit) for c in cleaned.image_captions] == [("Engineers inspect the piers.", "Sam Poe")]


def test_title_dash_suffix_removed() -> None:
    page = make_page().replace(f"{HEADLINE} | Valley Ledger", f"{HEADLINE} - Valley Ledger")
    assert clean_html(page).title == HEADLINE


def test_page_without_paywall() -> None:
    cleaned = clean_html(make_page(paywall=False))
    assert cleaned.truncated_by_paywall is False
    assert cleaned.text.split("\n\n") == PARAGRAPHS


def test_newsletter_box_is_not_a_paywall() -> None:
    box = "Subscribe to our newsletter and keep up with every story from the valley."
    cleaned = clean_html(make_page(paywall=False, newsletter=box))
    assert cleaned.truncated_by_paywall is False


def test_structured_data_paywall() -> None:
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "isAccessibleForFree": false}</script>'
    assert clean_html(make_page(paywall=False, head=ld)).truncated_by_paywall is True


def test_page_without_date_has_no_published() -> None:
    cleaned = clean_html(make_page(date=False))
    assert cleaned.published is None
    assert cleaned.published_estimate is None


def test_bare_nav_list_is_not_an_article() -> None:
    # Long enough (over 40 words) that a word count alone would take it for a body.
    items = "".join(f'<li><a href="/s{i}">Section number {i} of the Valley Ledger site</a></li>' for i in range(20))
    page = f"<html><head><title>Valley Ledger</title></head><body><nav><ul>{items}</ul></nav></body></html>"
    with pytest.raises(InputRejected) as info:
        clean_html(page)
    assert info.value.reason is Reason.NOT_AN_ARTICLE


def test_short_page_is_not_an_article() -> None:
    with pytest.raises(InputRejected) as info:
        clean_html("<html><body><p>Back soon.</p></body></html>")
    assert info.value.reason is Reason.NOT_AN_ARTICLE


@pytest.mark.parametrize("html", ["", "   \n  "])
def test_empty_html(html: str) -> None:
    with pytest.raises(InputRejected) as info:
        clean_html(html)
    assert info.value.reason is Reason.EMPTY


def test_url_argument_gives_outlet_when_page_has_no_site_name() -> None:
    page = make_page().replace('<meta property="og:site_name" content="Valley Ledger">', "")
    page = page.replace(" | Valley Ledger", "").replace("Copyright 2024 Valley Ledger.", "")
    cleaned = clean_html(page, url="https://www.millbrook-echo.example/news/bridge")
    assert cleaned.url == "https://www.millbrook-echo.example/news/bridge"
    assert cleaned.outlet == "millbrook-echo.example"


# --- news post-processing: paragraphs, edges, structured metadata ----------------------------------
def article_page(body: str, head: str = "", title: str = HEADLINE, lang: str = "en") -> str:
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{head}</head>
<body><main><article><h1>{title}</h1>
{body}
</article></main></body></html>"""


def paragraphs_html(paragraphs: list[str]) -> str:
    return "\n".join(f"<p>{p}</p>" for p in paragraphs)


def test_source_line_breaks_inside_a_paragraph_are_not_paragraphs() -> None:
    # Text straight inside <div>s, wrapped by the page's source at 80 columns.
    wrapped = "\n".join("<div>\n  " + p.replace(" the ", "\n  the ", 2) + "\n</div>" for p in PARAGRAPHS)
    cleaned = clean_html(article_page(wrapped))
    assert cleaned.text.split("\n\n") == PARAGRAPHS


def test_text_without_spaces_is_counted_and_kept() -> None:
    # Japanese: no spaces between words, sentences end with "。" (invented text about Millbrook).
    japanese = [
        "ミルブルック町議会は火曜日の夜、石の橋脚に深いひびが見つかったため、古い川の橋を大型車両に対して閉鎖することを決めた。",
        "町長は、製紙工場へ向かうトラックの多くがこの橋を通るため、決定は簡単ではなかったと述べた。",
        "郡の道路事務所の技術者が今後六週間かけて橋脚を調べ、秋の収穫の前に下流に仮設の橋が開かれる予定だ。",
    ]
    cleaned = clean_html(article_page(paragraphs_html(japanese), title="ミルブルック、川の橋を閉鎖", lang="ja"))
    assert cleaned.text.split("\n\n") == japanese


def test_list_closing_the_article_is_kept() -> None:
    items = [f"Stop {i}: Quarry Lane at the mill gate" for i in range(1, 8)]
    route = "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
    body = paragraphs_html(PARAGRAPHS) + "<p>The detour route:</p>" + route
    cleaned = clean_html(article_page(body))
    for item in items:
        assert item in cleaned.text


def test_short_promo_line_closing_the_article_is_trimmed() -> None:
    body = paragraphs_html(PARAGRAPHS) + "<p>Explore further platypus</p>"
    cleaned = clean_html(article_page(body))
    assert cleaned.text.split("\n\n") == PARAGRAPHS


def test_continue_reading_link_is_not_a_paywall() -> None:
    body = paragraphs_html(PARAGRAPHS[:2] + ["Continue reading the main story"] + PARAGRAPHS[2:])
    cleaned = clean_html(article_page(body))
    assert cleaned.truncated_by_paywall is False
    assert all(p in cleaned.text for p in PARAGRAPHS)


def test_paywall_notice_ends_the_body() -> None:
    notice = ["Sign in to continue reading this article.", "Plans start at one coin a week."]
    body = paragraphs_html(PARAGRAPHS[:3] + notice)
    cleaned = clean_html(article_page(body))
    assert cleaned.truncated_by_paywall is True
    assert cleaned.text.split("\n\n") == PARAGRAPHS[:3]


def test_table_ruler_rows_are_not_body_text() -> None:
    table = "<table><tr><th>Pier</th><th>Crack depth</th></tr><tr><td>North</td><td>12 cm</td></tr></table>"
    cleaned = clean_html(article_page(paragraphs_html(PARAGRAPHS) + table))
    assert "---" not in cleaned.text


def test_json_ld_authors_and_headline() -> None:
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Millbrook closes its river bridge",'
          ' "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"},'
          ' {"@type": "Organization", "name": "Valley Ledger Staff"}]}</script>')
    cleaned = clean_html(make_page(head=ld))
    assert cleaned.authors == ["Jane Doe", "John Roe"]
    assert cleaned.title == "Millbrook closes its river bridge"


def test_truncated_json_ld_headline_is_not_the_title() -> None:
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Millbrook shuts river..."}</script>'
    assert clean_html(make_page(head=ld)).title == HEADLINE


def test_site_name_with_tagline_is_removed_from_title() -> None:
    page = make_page().replace('content="Valley Ledger"', 'content="Valley Ledger - News from the valley"')
    assert clean_html(page).title == HEADLINE


@pytest.mark.parametrize(
    ("text", "following", "notice"),
    [
        ("Subscribe to keep reading this story.", "", True),
        ("Sign in to continue", "", True),
        ("This article is for paying subscribers.", "", True),
        ("Already a subscriber? Log in", "", True),
        ("Continue reading", "Start your free trial today", True),  # confirmed by the next block
        ("Continue reading the main story", "", False),  # a link between two halves of an article
        ("Continue reading", "The council will meet again next week to discuss access to the bridge "
         "from the eastern bank, where the paper mill has its main gate and its loading yards.", False),
        ("Subscribe to our newsletter and keep up with every story from the valley.", "", False),
    ],
)
def test_shared_paywall_vocabulary(text: str, following: str, notice: bool) -> None:
    assert is_paywall_notice(text, following) is notice


def test_scrape_and_edges_use_the_shared_vocabulary() -> None:
    from crosswire.clean import edges, scrape, vocabulary

    assert scrape.PAYWALL_CUES is vocabulary.PAYWALL_CUES
    assert scrape.ACCESS_CUES is vocabulary.ACCESS_CUES
    assert edges.is_paywall_notice is vocabulary.is_paywall_notice
