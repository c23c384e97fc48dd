"""Clean an HTML page: trafilatura finds the body, crosswire adds news-specific metadata.

trafilatura (comments off) does the main-text extraction. On top of it crosswire reads what
news pages carry and generic extractors leave out or get wrong: the paywall flag, image
captions with their credits, and author names stripped of "By" and job titles.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import lxml.html
import trafilatura

from crosswire.clean.edges import trim_edges
from crosswire.clean.names import clean_author_list
from crosswire.document import Caption, Cleaned
from crosswire.errors import InputRejected, Reason

# Words that mark a paywall or metering box, in class/id attributes or in its visible text.
PAYWALL_ATTR = re.compile(r"paywall|meter(ed)?-?wall|subscriber-only|premium-gate|regwall", re.I)
PAYWALL_TEXT = re.compile(
    # Not bare "keep"/"continue": "subscribe ... and keep up with the news" is a newsletter box.
    r"(subscribe|sign in|log in|start your (free )?trial)\b.{0,40}\b(to continue|to read|reading)"
    r"|(keep|continue) reading\b.{0,40}\b(subscri|trial|sign in)"
    r"|already a subscriber",
    re.I,
)
CREDIT_PREFIX = re.compile(r"^\(?\s*(photo|image|picture|credit|image credit|photograph)\s*:\s*", re.I)
MIN_BODY_WORDS = 40


def clean_html(html: str, *, source: str | None = None, url: str | None = None) -> Cleaned:
    """Return the clean article in ``html``, or raise ``InputRejected`` saying why not."""
    if not html.strip():
        raise InputRejected(Reason.EMPTY, "no HTML")
    extracted = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        # htmldate's extensive search guesses dates from any text on the page; a wrong
        # date is worse than none, so only structured and visible date markup is used.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = (extracted.text or "").strip() if extracted is not None else ""
    tree = _parse_tree(html)
    title = _clean_title(extracted.title, extracted.sitename) if extracted is not None else None
    trimmed = trim_edges("\n\n".join(_body_paragraphs(body, title)))
    text = trimmed.text
    prose = _prose_words(text.split("\n\n") if text else [], tree)
    if prose < MIN_BODY_WORDS:
        raise InputRejected(Reason.NOT_AN_ARTICLE, f"{prose} words of body text outside link lists")
    page_url = url or extracted.url
    return Cleaned(
        text=text,
        title=title,
        subtitle=_subtitle(extracted.description, text) or _dek(trimmed.header, title),
        authors=clean_author_list([extracted.author or ""]),
        outlet=extracted.sitename or _outlet_from_url(page_url),
        published=(extracted.date or None) and extracted.date[:10],
        url=page_url,
        language=_language(tree),
        truncated_by_paywall=trimmed.paywalled or _has_paywall(tree),
        image_captions=_captions(tree),
        source=source,
        extractor="html",
    )


def _parse_tree(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None


def _body_paragraphs(body: str, title: str | None) -> list[str]:
    """The body's blocks (trafilatura puts one per line; crosswire joins them with a blank line),
    without the headline repeated as the first block and without paywall notices."""
    blocks = [line.strip() for line in body.splitlines() if line.strip()]
    if blocks and title and _same_text(blocks[0], title):
        blocks = blocks[1:]  # the <h1>: already the title, not body text
    # A short block with paywall wording is the notice, not prose (long prose may quote it).
    return [b for b in blocks if not (len(b.split()) < 25 and PAYWALL_TEXT.search(b))]


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _prose_words(paragraphs: list[str], tree: lxml.html.HtmlElement | None) -> int:
    """Words in blocks that are not just a link's text: a page of menus has no prose, however
    long its link lists (trafilatura falls back to extracting them when there is no article)."""
    links = set() if tree is None else {" ".join(a.text_content().split()) for a in tree.iter("a")}
    return sum(len(p.split()) for p in paragraphs if " ".join(p.split()) not in links)


def _clean_title(title: str | None, sitename: str | None) -> str | None:
    if not title:
        return None
    if sitename:
        # "Headline | Outlet" or "Headline - Outlet": the outlet is metadata, not title.
        title = re.sub(rf"\s*[|\-–—:]\s*{re.escape(sitename)}\s*$", "", title, flags=re.I)
    return title.strip() or None


def _subtitle(description: str | None, body: str) -> str | None:
    """The dek, when the page's description is not just the body's first sentence."""
    if not description:
        return None
    description = description.strip()
    if body.startswith(description[:60]):
        return None
    return description


def _dek(header: list[str], title: str | None) -> str | None:
    """The line printed right under the headline, when the body's header kept it."""
    if title and title in header:
        after = header.index(title) + 1
        if after < len(header) and len(header[after].split()) >= 4:
            return header[after]
    return None


def _outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None


def _language(tree: lxml.html.HtmlElement | None) -> str | None:
    if tree is None:
        return None
    lang = tree.get("lang") or ""
    return lang.split("-")[0].lower() or None


def _has_paywall(tree: lxml.html.HtmlElement | None) -> bool:
    if tree is None:
        return False
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        if re.search(r'"isAccessibleForFree"\s*:\s*"?false', script, re.I):
            return True
    for element in tree.xpath("//*[@class or @id]"):
        marker = f"{element.get('class', '')} {element.get('id', '')}"
        if PAYWALL_ATTR.search(marker):
            return True
    visible = " ".join(tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]"))
    return bool(PAYWALL_TEXT.search(visible))


def _captions(tree: lxml.html.HtmlElement | None) -> list[Caption]:
    if tree is None:
        return []
    captions = []
    for figcaption in tree.xpath("//figure//figcaption"):
        credit_nodes = figcaption.xpath(".//*[contains(@class, 'credit') or contains(@class, 'byline')]")
        credit = " ".join(credit_nodes[0].text_content().split()) if credit_nodes else None
        text = " ".join(figcaption.text_content().split())
        if credit:
            text = text.replace(credit, "").strip()
        if credit is None:
            text, credit = _split_credit(text)
        if credit:
            credit = CREDIT_PREFIX.sub("", credit).strip(" ()") or None
        if text:
            captions.append(Caption(text=text, credit=credit))
    return captions


def _split_credit(text: str) -> tuple[str, str | None]:
    """'Caption text. Photo: Name / Agency' -> ('Caption text.', 'Name / Agency')."""
    match = re.search(r"\(?\b(photo|image|picture|credit|photograph)\s*:\s*([^)]+)\)?\s*$", text, re.I)
    if not match:
        return text, None
    return text[: match.start()].strip(), match.group(2).strip()

