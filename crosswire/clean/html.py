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

from crosswire.clean.names import clean_author_list
from crosswire.document import Caption, Cleaned
from crosswire.errors import InputRejected, Reason

# Words that mark a paywall or metering box, in class/id attributes or in its visible text.
PAYWALL_ATTR = re.compile(r"paywall|meter(ed)?-?wall|subscriber-only|premium-gate|regwall", re.I)
PAYWALL_TEXT = re.compile(
    r"(subscribe|sign in|log in|start your (free )?trial)\b.{0,40}\b(keep|continue|to read|reading)"
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
    if len(body.split()) < MIN_BODY_WORDS:
        raise InputRejected(Reason.NOT_AN_ARTICLE, f"{len(body.split())} words of body text")
    tree = _parse_tree(html)
    page_url = url or extracted.url
    return Cleaned(
        text=_paragraphs(body),
        title=_clean_title(extracted.title, extracted.sitename),
        subtitle=_subtitle(extracted.description, body),
        authors=clean_author_list(re.split(r";|\band\b|,", extracted.author or "")),
        outlet=extracted.sitename or _outlet_from_url(page_url),
        published=(extracted.date or None) and extracted.date[:10],
        url=page_url,
        language=_language(tree),
        truncated_by_paywall=_has_paywall(tree),
        image_captions=_captions(tree),
        source=source,
        extractor="html",
    )


def _parse_tree(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None


def _paragraphs(body: str) -> str:
    """trafilatura separates blocks with one newline; crosswire's articles use a blank line."""
    return "\n\n".join(line.strip() for line in body.splitlines() if line.strip())


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

