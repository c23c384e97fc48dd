"""Clean an HTML page: trafilatura finds the body, crosswire adds news-specific metadata.

trafilatura (comments off, tables on) does the main-text extraction. On top of it crosswire
reads what news pages carry and generic extractors leave out or get wrong: paragraphs as the
page's blocks (not its source lines), the body's clutter edges trimmed (``edges``), the paywall
flag (``vocabulary``), image captions with their credits, the headline and the authors as the
page's structured data states them (author names stripped of "By" and job titles, ``names``),
and the publication date from ``dates`` (never guessed). Measured in benchmarks/extraction.py
and benchmarks/dates.py.
"""

from __future__ import annotations

import html as html_lib
import re
from urllib.parse import urlparse

import lxml.html
import trafilatura
from trafilatura.xml import xmltotxt

from crosswire.clean.dates import ARTICLE_TYPES, find_published, json_ld, ld_type
from crosswire.clean.edges import trim_edges, word_count
from crosswire.clean.names import clean_author_list
from crosswire.clean.vocabulary import PAYWALL_ATTR, PAYWALL_TEXT
from crosswire.document import Caption, Cleaned
from crosswire.errors import InputRejected, Reason

CREDIT_PREFIX = re.compile(r"^\(?\s*(photo|image|picture|credit|image credit|photograph)\s*:\s*", re.I)
MIN_BODY_WORDS = 40
WHITESPACE = re.compile(r"\s+")
TABLE_RULER = re.compile(r"^[\s|:\-]*$")  # "|---|---|" between a table's head and its rows
SITE_TAGLINE = re.compile(r"\s+[|\-–—:]\s+")


def clean_html(html: str, *, source: str | None = None, url: str | None = None) -> Cleaned:
    """Return the clean article in ``html``, or raise ``InputRejected`` saying why not."""
    if not html.strip():
        raise InputRejected(Reason.EMPTY, "no HTML")
    extracted = trafilatura.bare_extraction(
        html,
        url=url,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        # The date comes from crosswire.clean.dates; trafilatura's own (htmldate) is not used,
        # but keep it to the cheap, conservative settings.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = _body_text(extracted)
    tree = _parse_tree(html)
    title = _headline(tree) or (_clean_title(extracted.title, extracted.sitename) if extracted is not None else None)
    trimmed = trim_edges("\n\n".join(_body_paragraphs(body, title)))
    text = trimmed.text
    prose = _prose_words((extracted.text or "") if extracted is not None else "", text, tree)
    if prose < MIN_BODY_WORDS:
        raise InputRejected(Reason.NOT_AN_ARTICLE, f"{prose} words of body text outside link lists")
    page_url = url or extracted.url
    return Cleaned(
        text=text,
        title=title,
        subtitle=_subtitle(extracted.description, text) or _dek(trimmed.header, title),
        authors=_authors(tree, extracted.author),
        outlet=extracted.sitename or _outlet_from_url(page_url),
        published=find_published(tree, url=page_url) if tree is not None else None,
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


def _body_text(extracted: trafilatura.settings.Document | None) -> str:
    """trafilatura's text with one line per block. Its plain text keeps the page source's own
    line breaks inside a paragraph, which would split one paragraph into many lines (and make
    each a short "line without a full stop" for trim_edges), so whitespace inside blocks is
    collapsed first; ``<lb/>`` (a ``<br>`` in the page) still breaks the line."""
    if extracted is None:
        return ""
    if extracted.body is None:
        return (extracted.text or "").strip()
    for element in extracted.body.iter():
        if element.tag == "code" or any(a.tag == "code" for a in element.iterancestors()):
            continue  # preformatted: its line breaks are content
        # Only text that has words: a whitespace-only tail is how trafilatura separates blocks.
        if element.text and "\n" in element.text and element.text.strip():
            element.text = WHITESPACE.sub(" ", element.text)
        if element.tail and "\n" in element.tail and element.tail.strip():
            element.tail = WHITESPACE.sub(" ", element.tail)
    return xmltotxt(extracted.body, False).strip()


def _body_paragraphs(body: str, title: str | None) -> list[str]:
    """The body's blocks (trafilatura puts one per line; crosswire joins them with a blank line),
    without the headline repeated as the first block and without a table's ruler rows. Paywall
    notices are left to ``trim_edges``, which ends the body at one."""
    blocks = [line.strip() for line in body.splitlines() if line.strip() and not TABLE_RULER.match(line)]
    if blocks and title and _same_text(blocks[0], title):
        blocks = blocks[1:]  # the <h1>: already the title, not body text
    return blocks


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _prose_words(raw: str, text: str, tree: lxml.html.HtmlElement | None) -> int:
    """Words of the body outside link lists: a page of menus has no prose, however long its link
    lists (trafilatura falls back to extracting them when there is no article, one link per line
    of its raw text, which the body may have joined into one paragraph)."""
    links = set() if tree is None else {" ".join(a.text_content().split()) for a in tree.iter("a")}
    body = " ".join(text.split())
    lines = {" ".join(line.split()) for line in raw.splitlines()}
    link_words = sum(word_count(line) for line in lines if line and line in links and line in body)
    return max(0, word_count(body) - link_words)


def _authors(tree: lxml.html.HtmlElement | None, byline: str | None) -> list[str]:
    """The article's authors: the people its structured data (JSON-LD) names as authors, which
    lists every one of them and nothing but names; else trafilatura's byline, cleaned."""
    listed: list[str] = []
    if tree is not None:
        for item in json_ld(tree)[0]:
            if not ARTICLE_TYPES.search(ld_type(item)):
                continue
            people = item.get("author")
            for person in people if isinstance(people, list) else [people]:
                if isinstance(person, dict) and "organization" not in ld_type(person).lower():
                    person = person.get("name")
                if isinstance(person, str):
                    listed.append(person)
    return clean_author_list(listed) or clean_author_list([byline or ""])


def _clean_title(title: str | None, sitename: str | None) -> str | None:
    if not title:
        return None
    if sitename:
        # "Headline | Outlet" or "Headline - Outlet": the outlet is metadata, not title. The site's
        # name may carry a tagline the title leaves out ("Outlet - All the news").
        for name in {sitename, *SITE_TAGLINE.split(sitename)[:1]}:
            if name.strip():
                title = re.sub(rf"\s*[|\-–—:]\s*{re.escape(name.strip())}\s*$", "", title, flags=re.I)
    return title.strip() or None


def _headline(tree: lxml.html.HtmlElement | None) -> str | None:
    """The article's headline as its structured data (JSON-LD) states it, unless cut short."""
    if tree is None:
        return None
    for item in json_ld(tree)[0]:
        headline = item.get("headline")
        if ARTICLE_TYPES.search(ld_type(item)) and isinstance(headline, str):
            headline = " ".join(html_lib.unescape(headline).split())
            if headline and not headline.endswith(("...", "…")):
                return headline
    return None


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

