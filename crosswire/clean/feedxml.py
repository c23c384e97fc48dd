"""RSS 0.9x/1.0/2.0 and Atom, read safely and one item at a time.

lxml's ``iterparse`` walks the document; each item is read when its end tag arrives and
then dropped from the tree, so a feed of 10,000 items holds one item at a time, and is
read about as fast as libxml2 can parse (feedparser, used before, built the whole feed
first, at several seconds per thousand items). Parsing never loads a DTD, never touches the
network and never resolves entities; the caller also refuses documents that declare any
(``declares_entities``). HTML's named entities (``&nbsp;``, ``&eacute;``), which feeds use
though XML does not define them, are turned into their characters first.

Recovery mode keeps the items of a feed with a stray ``&`` or a bad tag. A feed cut
before its end is noticed from the parser's errors: its last, partial item is not
returned and ``FeedItems.cut`` says so.
"""

from __future__ import annotations

import datetime
import email.utils
import html
import html.entities
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
MEDIA = "http://search.yahoo.com/mrss/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ITEMS = {"item", "entry"}
CHANNELS = {"channel", "feed"}
DATES = ("published", "pubDate", "issued", "date", "updated", "modified")  # in order of preference
CUT_ERRORS = {"ERR_TAG_NOT_FINISHED", "ERR_LTSLASH_REQUIRED"}  # libxml2's "premature end of data"
NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")
XML_ENTITIES = {"lt", "gt", "amp", "quot", "apos"}
CDATA_SECTION = re.compile(r"<!\[CDATA\[.*?\]\]>", re.S)
ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.I)


class FeedError(Exception):
    """The document is not XML that can be read as a feed."""


@dataclass
class Channel:
    """What the feed says about itself, filled in as the parser meets it (before the items)."""

    title: str | None = None
    language: str | None = None


@dataclass
class FeedItem:
    title: str | None = None
    link: str | None = None
    html: str = ""  # the fullest content: content:encoded or Atom content, else description/summary
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # YYYY-MM-DD, as the feed prints it (its own time zone)


@dataclass
class FeedItems:
    """The items of one feed, streamed; ``channel`` and ``cut`` are known as reading goes on."""

    data: bytes
    channel: Channel = field(default_factory=Channel)
    cut: bool = False  # the document ends early; its last, partial item was left out
    count: int = 0

    def __iter__(self) -> Iterator[FeedItem]:
        events = etree.iterparse(
            io.BytesIO(self.data), events=("end",), encoding="utf-8", recover=True,
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        )
        held: FeedItem | None = None  # one item of lookahead: the last may be a cut one
        try:
            for _, element in events:
                item = self._on_end(element)
                if item is not None:
                    if held is not None:
                        self.count += 1
                        yield held
                    held = item
        except etree.XMLSyntaxError as error:  # recovery gave up: nothing more can be read
            raise FeedError(str(error)) from None
        errors = list(events.error_log)
        self.cut = any(e.type_name in CUT_ERRORS for e in errors)
        if held is not None and not self.cut:
            self.count += 1
            yield held
        if self.count == 0 and errors:
            raise FeedError(errors[0].message)

    def _on_end(self, element: etree._Element) -> FeedItem | None:
        if not isinstance(element.tag, str):  # comments, processing instructions, entity refs
            return None
        name = _local(element.tag)
        if name in ITEMS:
            # Atom puts the language on the root, as xml:lang: known once an item is met.
            self.channel.language = self.channel.language or _text(element.getroottree().getroot().get(XML_LANG))
            item = _item(element)
            _forget(element)
            return item
        if name in {"title", "language"}:
            parent = element.getparent()
            if parent is not None and _local(parent.tag) in CHANNELS:
                self._channel_field(name, element)
        return None

    def _channel_field(self, name: str, element: etree._Element) -> None:
        if name == "title" and self.channel.title is None:
            self.channel.title = _text("".join(element.itertext()))
        elif name == "language" and self.channel.language is None:
            self.channel.language = _text(element.text)


def declares_entities(text: str) -> bool:
    """Whether the XML may declare entities, which feeds never need to.

    Any ``<!ENTITY`` outside CDATA sections counts: looking only before the root element
    could be fooled by a comment holding a tag, and one in a comment is rare enough to
    refuse. Inside CDATA (article HTML quoting a DTD) it is text, not markup.
    """
    return any(ENTITY_DECLARATION.search(part) for part in CDATA_SECTION.split(text))


def html_entities_to_characters(text: str) -> str:
    """``&nbsp;`` → U+00A0 and so on; XML's own five entities are left for the parser."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in XML_ENTITIES:
            return match.group(0)
        character = html.entities.html5.get(name + ";")
        return html.escape(character) if character else match.group(0)

    return NAMED_ENTITY.sub(replace, text)


def _item(element: etree._Element) -> FeedItem:
    item, contents, summaries, dates = FeedItem(), [], [], {}
    for child in element:
        if not isinstance(child.tag, str):
            continue
        name = _local(child.tag)
        if name == "title" and item.title is None:
            item.title = _text(" ".join(child.itertext()))
        elif name == "link":
            item.link = _link(child, item.link)
        elif name == "guid" and item.link is None and child.get("isPermaLink", "true") != "false":
            item.link = _http_url(child.text)
        elif name in {"encoded", "content"} and not child.tag.startswith(f"{{{MEDIA}}}"):
            contents.append(_markup(child))
        elif name in {"description", "summary"}:
            summaries.append(_markup(child))
        elif name in {"creator", "author"}:
            item.authors.append(_author(child))
        elif name in DATES:
            dates.setdefault(name, child.text)
    item.html = max(contents, key=len, default="") or max(summaries, key=len, default="")
    item.authors = [a for a in item.authors if a]
    item.published = next((d for d in (_date(dates.get(n)) for n in DATES) if d), None)
    return item


def _forget(element: etree._Element) -> None:
    """Drop a read item and the ones before it, so the tree never holds more than one."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]


def _link(element: etree._Element, current: str | None) -> str | None:
    href = element.get("href")
    if href is None:  # RSS: the URL is the text
        return current or _http_url(element.text)
    # Atom: the alternate link is the page; "self", "enclosure", "replies" are not.
    return _http_url(href) if element.get("rel", "alternate") == "alternate" else current


def _markup(element: etree._Element) -> str:
    """An element's content as HTML: escaped HTML (RSS, Atom type=html), XHTML, or plain text."""
    atom = element.tag.startswith(f"{{{ATOM}}}")
    kind = element.get("type", "text" if atom else "html")
    if kind == "xhtml":
        return (element.text or "") + "".join(etree.tostring(c, encoding="unicode") for c in element)
    text = "".join(element.itertext())
    return html.escape(text) if kind in {"text", "text/plain"} else text


def _author(element: etree._Element) -> str:
    names = [c for c in element if isinstance(c.tag, str) and _local(c.tag) == "name"]
    text = _text(names[0].text if names else element.text) or ""
    # RSS <author> is "email (Name)"; the name is the part wanted.
    match = re.fullmatch(r"\S+@\S+\s*\((.+)\)", text)
    return match.group(1).strip() if match else ("" if "@" in text and " " not in text else text)


def _date(value: str | None) -> str | None:
    """YYYY-MM-DD from an RFC 822 (RSS) or ISO 8601 (Atom, dc:date) date, as printed."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _local(tag: str) -> str:
    """``{namespace}name`` → ``name`` (cheaper than building an etree.QName per element)."""
    return tag.rpartition("}")[2]


def _http_url(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if value.lower().startswith(("http://", "https://")) else None


def _text(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None
