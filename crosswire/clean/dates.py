"""A news page's publication date, read from the page itself, or None: never invented.

Evidence comes from several independent places ("families"), each with a strength:

* structured data (strong): JSON-LD ``datePublished`` of the article object (also inside
  ``@graph``, lists and ``mainEntity``); publication meta tags (``article:published_time``,
  ``og:published_time``, parse.ly, sailthru, Dublin Core, ``citation_publication_date``, ...);
  ``itemprop="datePublished"``; ``<time pubdate>``;
* the URL (strong): a full date in the path (``/2023/09/07/``, ``/2023-09-07-``, ``/20230907/``);
* the page (medium): a JSON-LD ``WebPage``'s date, loose meta tags (``date``, ``created``), a
  ``<time>`` marked as the publication time, a dateline printed with the headline
  ("22/11/2020 - 04:30", "Published 7 September 2023");
* htmldate (medium), only when nothing strong was found, with its conservative settings (no
  free-text search, the original date rather than the last update);
* the first ``<time>`` in the article (weak: it may be an update, a related story, a comment).

The answer is the day the strongest evidence agrees on. When strong sources disagree, the day
more independent families support wins; a one-day split between two renderings of the same
timestamp (UTC and local time) goes to the one written in local time. Otherwise, or when the only
evidence is weak, the answer is None: a wrong date is worse than none. Days the page gives as
something else (its last modification, an "Updated" line) or that read two ways (06/07/2023
without a language hint) are doubts: htmldate's answer on such a day counts only with support.

Every day is taken as written (``2023-09-07T23:30:00-05:00`` is the 7th), since the gold
standard of news dates is the day the outlet printed. Measured in benchmarks/dates.py.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_tz
from functools import lru_cache
from urllib.parse import unquote, urlparse

import lxml.html

STRONG, MEDIUM, WEAK = 3, 2, 1
DOUBT = 0  # a day the page gives as something else (an update) or that reads two ways (06/07)
EARLIEST = date(1995, 1, 1)  # news on the web

# JSON-LD types of the page's own article; a WebPage's dates are the page's (weaker).
ARTICLE_TYPES = re.compile(r"article|posting|report|liveblog|review", re.I)
PAGE_TYPES = re.compile(r"webpage|itempage", re.I)
# meta name/property/itemprop values that carry the publication date (compared in lower case).
PUBLISHED_META = {
    "article:published_time", "article:published", "article:published_date", "article:publicationdate",
    "article:post_date", "og:published_time", "og:article:published_time", "og:article:published",
    "og:publish_date", "og:datepublished", "article.published", "article.created", "published_time",
    "published-time", "publish-date", "publish_date", "publish_time", "publishdate", "published-date",
    "published_date", "publisheddate", "publication_date", "pubdate", "pub_date", "rbpubdate",
    "datepublished", "date_published", "dateposted", "parsely-pub-date", "sailthru.date",
    "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date",
    "dcterms.date", "dc.date.published", "dc.date.publication", "citation_publication_date",
    "citation_date", "citation_online_date", "originalpublicationdate", "original-publish-date",
    "article_date_original", "cxenseparse:recs:publishtime", "rnews:datepublished", "bt:pubdate",
    "vr:published_time", "dcsext.articlefirstpublished", "analyticsattributes.articledate",
    "shareaholic:article_published_time", "mediator_published_time", "twt-published-at",
    "content_create_date", "datecreated", "date_created", "field-name-post-date", "pdate", "ptime",
    "displaydate",
}
# Meta names whose date is as often the page's (generated, released) as the article's.
LOOSE_META = {"date", "created", "dc:date", "dc:created", "dc.created", "doc_date", "release_date",
              "og:pubdate", "timestamp", "og:regdate"}

# Month names (and their usual abbreviations) in the languages news is most often written in
# with Latin letters; a printed dateline in another script is left to the structured sources.
_MONTH_NAMES = {
    1: "january jan janvier janv enero ene janeiro januar gennaio genn januari",
    2: "february feb février févr fevrier febrero fevereiro fev februar febbraio febr februari",
    3: "march mar mars marzo março marco märz maerz mrz maart",
    4: "april apr avril avr abril abr aprile",
    5: "may mai mayo maio maggio mei",
    6: "june jun juin junio junho juni giugno",
    7: "july jul juillet juil julio julho juli luglio",
    8: "august aug août aout agosto ago augustus",
    9: "september sep sept septembre septiembre setiembre setembro set settembre",
    10: "october oct octobre octubre outubro out oktober ottobre okt",
    11: "november nov novembre noviembre novembro",
    12: "december dec décembre decembre diciembre dic dezembro dez dezember dicembre",
}
_MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
_MONTH = "(" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"
ISO_DAY = re.compile(r"(?<![\d.])((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
COMPACT_DAY = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})(?:T|$)")
DMY_DOTS = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})(?!\d)")
SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})(?![\d/])")
MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})\b", re.I)
# "7 September 2023", "7th of September, 2023", "2 de abril de 2020", "7. September 2023"
DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s+(?:of\s+|de\s+)?{_MONTH},?\s+(?:de\s+|del\s+)?((?:19|20)\d{{2}})\b", re.I
)
EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
# A time zone after the time: "Z", "+02:00", "-0500".
OFFSET = re.compile(r"\d{1,2}:\d{2}(?::\d{1,2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})\b", re.I)
URL_DAY = [
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?=/|$)"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})[-_](\d{2})[-_](\d{2})(?!\d)"),
    re.compile(r"[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_.-]|$)"),
]
LD_WRAPPER = re.compile(r"^\s*(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)\s*$")  # wrappers around JSON-LD
LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]{6,40})"')
# Words that mark a printed date as the update, not the publication.
UPDATED = re.compile(r"(updated|modified|actualizad[oa]|atualizad[oa]|mis à jour|aktualisiert)\W*$", re.I)
DATELINE_CHARS = 300  # how far from the headline a printed date still belongs to it


@dataclass(frozen=True)
class Evidence:
    day: str  # YYYY-MM-DD, as written (no time-zone shift)
    family: str  # json-ld, meta, itemprop, time, url, dateline, htmldate
    strength: int
    local: bool | None = None  # written with a non-UTC offset (True), in UTC (False), no time (None)


def find_published(html: str | lxml.html.HtmlElement, *, url: str | None = None,
                   today: date | None = None) -> str | None:
    """The publication day (``YYYY-MM-DD``) the page states, or None when unknown or unclear."""
    tree = html if isinstance(html, lxml.html.HtmlElement) else _parse(html)
    evidence = collect(tree, url=url, today=today)
    if not any(e.strength == STRONG for e in evidence) and tree is not None:
        # htmldate reads more kinds of markup, but it may hand back a day this page gives as an
        # update, or one it read from an ambiguous 06/07: such a day counts only with support.
        doubtful = {e.day for e in evidence if e.strength == DOUBT}
        supported = {e.day for e in evidence if e.strength > DOUBT}
        evidence += [e for e in _in_range(_htmldate(tree, url), today) if e.day not in doubtful or e.day in supported]
    return decide(evidence)


def collect(tree: lxml.html.HtmlElement | None, *, url: str | None = None,
            today: date | None = None) -> list[Evidence]:
    """The page's own date evidence (everything but htmldate), in no particular order, with
    the days it gives as something else (strength ``DOUBT``)."""
    found: list[Evidence] = []
    if tree is not None:
        found += _json_ld(tree) + _meta(tree) + _itemprop(tree) + _time_elements(tree) + _dateline(tree)
        found += _modified(tree)
        url = url or _canonical(tree)
    if url:
        found += _from_url(url)
    return _in_range(found, today)


def decide(evidence: list[Evidence]) -> str | None:
    """The day the strongest evidence agrees on, or None (see the module's docstring)."""
    evidence = [e for e in evidence if e.strength > DOUBT]
    if not evidence:
        return None
    best = max(e.strength for e in evidence)
    if best < MEDIUM:
        return None
    families: dict[str, set[str]] = defaultdict(set)
    for e in evidence:
        if e.strength == best:
            families[e.day].add(e.family)
    if len(families) == 1:
        return next(iter(families))
    # Several days: more independent families for one of them (counting weaker evidence too).
    support: dict[str, set[str]] = defaultdict(set)
    for e in evidence:
        if e.day in families:
            support[e.day].add(e.family)
    ranked = sorted(support, key=lambda d: len(support[d]), reverse=True)
    if len(support[ranked[0]]) > len(support[ranked[1]]):
        return ranked[0]
    # Two days in a row: one timestamp rendered in UTC and in the outlet's time. The outlet's day
    # is the one written with a local offset, else the one written without any zone (a printed
    # "06 December 2020" against "2020-12-05T23:15Z"); two UTC renderings stay unclear.
    if len(families) == 2:
        first, second = sorted(families)
        if date.fromisoformat(second) - date.fromisoformat(first) == timedelta(days=1):
            top = [e for e in evidence if e.strength == best]
            for days in ({e.day for e in top if e.local}, {e.day for e in top if e.local is not False}):
                if len(days) == 1:
                    return next(iter(days))
    return None


def _in_range(evidence: list[Evidence], today: date | None) -> list[Evidence]:
    latest = ((today or datetime.now(timezone.utc).date()) + timedelta(days=1)).isoformat()
    return [e for e in evidence if EARLIEST.isoformat() <= e.day <= latest]


# --- parsing -----------------------------------------------------------------------------------
def _parse(html: str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None


def parse_day(value: str | None, *, month_first: bool | None = None) -> str | None:
    """The calendar day a date value states (as written: no time-zone shift), or None.
    ``month_first`` reads "06/07/2020" as June 7 (True) or 6 July (False); None refuses to guess
    unless one of the two numbers is over 12."""
    stamp = _stamp(value, month_first=month_first)
    return stamp[0] if stamp else None


def _stamp(value: str | None, *, month_first: bool | None = None) -> tuple[str, bool | None] | None:
    if not value:
        return None
    text = " ".join(str(value).split())[:200]
    if EPOCH.match(text):
        return datetime.fromtimestamp(int(text[:10]), tz=timezone.utc).date().isoformat(), False
    offset = OFFSET.search(text)
    local = None if offset is None else offset.group(1).upper().replace(":", "") not in {"Z", "+0000", "-0000"}
    for pattern, order in ((ISO_DAY, "ymd"), (COMPACT_DAY, "ymd"), (DMY_DOTS, "dmy")):
        match = pattern.search(text)
        if match:
            parts = dict(zip(order, match.groups()))
            day = _day(parts["y"], parts["m"], parts["d"])
            return (day, local) if day else None
    match = MONTH_DAY_YEAR.search(text)
    if match:
        day = _day(match.group(3), _MONTHS[match.group(1).lower()], match.group(2))
        return (day, local) if day else None
    match = DAY_MONTH_YEAR.search(text)
    if match:
        day = _day(match.group(3), _MONTHS[match.group(2).lower()], match.group(1))
        return (day, local) if day else None
    match = SLASHED.search(text)
    if match:
        a, b, year = (int(g) for g in match.groups())
        if month_first is None and a <= 12 and b <= 12 and a != b:
            return None  # 06/07/2020: June 7 or 6 July? Not guessed.
        month, day_ = (a, b) if (month_first or b > 12) and a <= 12 else (b, a)
        day = _day(year, month, day_)
        return (day, local) if day else None
    parsed = parsedate_tz(text)
    if parsed and parsed[0] > 1900:
        day = _day(parsed[0], parsed[1], parsed[2])
        return (day, parsed[9] not in (0, None) if parsed[9] is not None else None) if day else None
    return None


def _day(year, month, day) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


def _evidence(value: str | None, family: str, strength: int, **options) -> list[Evidence]:
    stamp = _stamp(value, **options)
    return [Evidence(stamp[0], family, strength, stamp[1])] if stamp else []


# --- the sources ---------------------------------------------------------------------------------
@lru_cache(maxsize=2)  # one page is read by dates, authors and headline: parse its JSON-LD once
def json_ld(tree: lxml.html.HtmlElement) -> tuple[tuple[dict, ...], tuple[str, ...]]:
    """The page's JSON-LD objects (flattened: see ``_ld_objects``), and the text of any JSON-LD
    script that is not valid JSON. html.py reads the article's authors and headline from them."""
    objects: list[dict] = []
    broken: list[str] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        text = LD_WRAPPER.sub("", script.text or "").strip().rstrip(";")
        try:
            # strict=False: raw newlines and tabs inside strings are common and harmless
            objects += _ld_objects(json.loads(text, strict=False))
        except ValueError:
            broken.append(text)
    return tuple(objects), tuple(broken)


def ld_type(item: dict) -> str:
    kind = item.get("@type")
    return " ".join(map(str, kind)) if isinstance(kind, list) else str(kind or "")


def _json_ld(tree: lxml.html.HtmlElement) -> list[Evidence]:
    found: list[Evidence] = []
    objects, broken = json_ld(tree)
    for text in broken:
        # Broken JSON (trailing commas, raw newlines) still names its dates plainly.
        kinds = " ".join(re.findall(r'"@type"\s*:\s*"([^"]+)"', text))
        strength = STRONG if ARTICLE_TYPES.search(kinds) else MEDIUM
        for value in LD_DATE.findall(text)[:1]:
            found += _evidence(value, "json-ld", strength)
    for item in objects:
        value = item.get("datePublished")
        if not isinstance(value, str):
            continue
        kind = ld_type(item)
        if ARTICLE_TYPES.search(kind):
            found += _evidence(value, "json-ld", STRONG)
        elif PAGE_TYPES.search(kind) or not kind:
            found += _evidence(value, "json-ld", MEDIUM)
    return found


def _ld_objects(data) -> list[dict]:
    """The objects of a JSON-LD document: top level, lists, ``@graph`` and ``mainEntity``
    (not ``itemListElement``: a list of other articles has other dates)."""
    out, stack = [], [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            out.append(item)
            for key in ("@graph", "mainEntity"):
                if isinstance(item.get(key), (list, dict)):
                    stack.append(item[key])
    return out


def _meta(tree: lxml.html.HtmlElement) -> list[Evidence]:
    found: list[Evidence] = []
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in PUBLISHED_META:
            found += _evidence(meta.get("content") or meta.get("datetime"), "meta", STRONG)
        elif key in LOOSE_META:
            found += _evidence(meta.get("content") or meta.get("datetime"), "meta", MEDIUM)
    return found


def _itemprop(tree: lxml.html.HtmlElement) -> list[Evidence]:
    found: list[Evidence] = []
    for element in tree.xpath('//*[@itemprop="datePublished"][not(self::meta)]'):
        value = element.get("datetime") or element.get("content") or element.text_content()
        found += _evidence(value, "itemprop", STRONG)
    return found


def _time_elements(tree: lxml.html.HtmlElement) -> list[Evidence]:
    found: list[Evidence] = []
    for element in tree.xpath("//time[@pubdate]"):
        found += _evidence(element.get("datetime") or element.text_content(), "time", STRONG)
    for element in tree.xpath("//time[@datetime]"):
        marker = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if any(word in marker for word in ("publish", "posted", "created")):
            found += _evidence(element.get("datetime"), "time", MEDIUM)
    first = tree.xpath("(//article//time[@datetime] | //header//time[@datetime])[1]")
    if first:
        found += _evidence(first[0].get("datetime"), "time", WEAK)
    return found


def _dateline(tree: lxml.html.HtmlElement) -> list[Evidence]:
    """A date printed right under (or over) the headline: the first full date in the text
    within a few hundred characters of the page's headline, unless marked as an update. Update
    dates and numeric dates that read two ways (06/07/2023) are kept as ``DOUBT``."""
    head = _headline(tree)
    if head is None:
        return []
    month_first = (tree.get("lang") or "").lower() in {"en-us", "en_us"} or None
    after = _text_after(head, DATELINE_CHARS)
    before = _text_before(head, DATELINE_CHARS // 3)
    doubts: list[Evidence] = []
    for text in (after, before):
        for start, span in _date_spans(text):
            day = parse_day(span, month_first=month_first)
            if UPDATED.search(text[max(0, start - 25) : start]):
                doubts += [Evidence(d, "updated", DOUBT) for d in _readings(span) if d]
            elif day:
                # read with the page's language as a hint: the other reading is not the day
                others = [Evidence(d, "ambiguous", DOUBT) for d in _readings(span) if d and d != day]
                return [Evidence(day, "dateline", MEDIUM)] + others + doubts
            else:
                doubts += [Evidence(d, "ambiguous", DOUBT) for d in _readings(span) if d]
    return doubts


def _readings(span: str) -> set[str | None]:
    """Every day a printed date can mean (both for 06/07/2023)."""
    return {parse_day(span, month_first=True), parse_day(span, month_first=False), parse_day(span)}


def _modified(tree: lxml.html.HtmlElement) -> list[Evidence]:
    """Days the page gives as its last modification: not publication days."""
    values = tree.xpath(
        "//meta[translate(@property, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
        " = 'article:modified_time' or @property = 'og:updated_time' or @itemprop = 'dateModified'"
        " or translate(@name, 'LASTMODIFIED', 'lastmodified') = 'last-modified'"
        " or translate(@http-equiv, 'LASTMODIFIED', 'lastmodified') = 'last-modified']/@content"
    )
    values += [item.get("dateModified") for item in json_ld(tree)[0] if isinstance(item.get("dateModified"), str)]
    return [Evidence(day, "modified", DOUBT) for day in map(parse_day, values) if day]


def _headline(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The article's ``<h1>``: the only one, or the one the page's title repeats (a page with
    several, such as a listing, has no single headline otherwise)."""
    heads = tree.xpath("//body//h1")
    if len(heads) <= 1:
        return heads[0] if heads else None
    titles = [t for t in tree.xpath("//head/title/text() | //meta[@property='og:title']/@content") if t.strip()]
    titles = [" ".join(t.split()).casefold() for t in titles]
    matching = []
    for head in heads:
        text = " ".join(head.text_content().split()).casefold()
        if len(text) >= 10 and any(text in title for title in titles):
            matching.append(head)
    return matching[0] if len(matching) == 1 else None


_DATE_SPAN = re.compile(
    rf"{ISO_DAY.pattern}|{DMY_DOTS.pattern}|{SLASHED.pattern}|{MONTH_DAY_YEAR.pattern}|{DAY_MONTH_YEAR.pattern}",
    re.I,
)


def _date_spans(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _DATE_SPAN.finditer(text)]


def _text_after(head: lxml.html.HtmlElement, limit: int) -> str:
    parts, size = [], 0
    if head.tail:
        parts.append(head.tail)
        size += len(head.tail)
    for element in head.itersiblings():
        for piece in _texts(element):
            parts.append(piece)
            size += len(piece.strip())
            if size >= limit:
                return " ".join(parts)
    parent = head.getparent()
    if parent is not None and parent.tag not in ("body", "html") and size < limit:
        # the headline's container ended: go on after it (the dateline may sit in the next block)
        return " ".join(parts) + " " + _text_after(parent, limit - size)
    return " ".join(parts)


def _text_before(head: lxml.html.HtmlElement, limit: int) -> str:
    parts, size = [], 0
    for element in head.itersiblings(preceding=True):
        texts = list(_texts(element))
        for piece in reversed(texts):
            parts.insert(0, piece)
            size += len(piece.strip())
            if size >= limit:
                return " ".join(parts)
    return " ".join(parts)


def _texts(element: lxml.html.HtmlElement):
    if not isinstance(element.tag, str) or element.tag in ("script", "style", "noscript"):
        if element.tail:
            yield element.tail
        return
    if element.text:
        yield element.text
    for child in element:
        yield from _texts(child)
    if element.tail:
        yield element.tail


def _canonical(tree: lxml.html.HtmlElement) -> str | None:
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        values = tree.xpath(xpath)
        if values and str(values[0]).strip():
            return str(values[0]).strip()
    return None


def _from_url(url: str) -> list[Evidence]:
    path = unquote(urlparse(url).path or "")
    for pattern in URL_DAY:
        match = pattern.search(path)
        if match:
            day = _day(*match.groups())
            if day:
                return [Evidence(day, "url", STRONG)]
    return []


def _htmldate(tree: lxml.html.HtmlElement, url: str | None) -> list[Evidence]:
    """htmldate's answer with its conservative settings, as one more (medium) source."""
    from htmldate import find_date  # imported here: only pages without strong evidence need it

    try:
        day = find_date(tree, url=url, extensive_search=False, original_date=True)
    except Exception:  # noqa: BLE001 - a third-party parser failing on odd markup is no date
        return []
    return [Evidence(day, "htmldate", MEDIUM)] if day else []
