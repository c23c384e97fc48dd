"""Tests for crosswire.clean.feeds: RSS/Atom feeds and JSONL exports.

Feeds and records are invented here; "The Valley Ledger" and its staff are fictional.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from crosswire.clean.feeds import fragment_text, read_feed, read_jsonl
from crosswire.document import Cleaned
from crosswire.errors import Reason, Rejection

PARAGRAPHS = [
    "The town council of Millbrook voted on Tuesday evening to close the old river bridge to heavy "
    "traffic after engineers found deep cracks in two of its stone piers.",
    "Mayor Alma Whitcombe said the decision had not been taken lightly, because the bridge carries "
    "most of the lorries that serve the paper mill on the eastern bank.",
    "Engineers from the county roads office will spend the next six weeks testing the piers.",
]
BODY_HTML = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
NS = 'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"'


def rss(items: str, title: str = "The Valley Ledger") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" {NS}>
<channel>
<title>{title}</title>
<link>https://valley-ledger.example/</link>
<description>Local news from the valley</description>
<language>en-gb</language>
{items}
</channel>
</rss>"""


def item(*, title: str = "Millbrook shuts river bridge", creators: tuple[str, ...] = ("Jane Doe",),
         content: str | None = BODY_HTML, link: str = "https://valley-ledger.example/bridge",
         date: str = "Tue, 17 Sep 2024 08:30:00 GMT") -> str:
    encoded = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content is not None else ""
    dc = "".join(f"<dc:creator>{c}</dc:creator>" for c in creators)
    return (f"<item><title>{title}</title><link>{link}</link>{dc}<pubDate>{date}</pubDate>"
            f"<description>A short teaser about the bridge.</description>{encoded}</item>")


def test_rss_item_with_full_content() -> None:
    [cleaned] = list(read_feed(rss(item()), source="feeds/ledger.rss"))
    assert isinstance(cleaned, Cleaned)
    assert cleaned.text.split("\n\n") == PARAGRAPHS
    assert cleaned.title == "Millbrook shuts river bridge"
    assert cleaned.authors == ["Jane Doe"]
    assert cleaned.outlet == "The Valley Ledger"
    assert cleaned.published == "2024-09-17"
    assert cleaned.url == "https://valley-ledger.example/bridge"
    assert cleaned.language == "en"
    assert cleaned.source == "feeds/ledger.rss#item0"
    assert cleaned.extractor == "feed"


def test_every_dc_creator_is_kept_and_cleaned() -> None:
    feed = rss(item(creators=("By Jane Doe", "John Roe, Senior Correspondent", "Ledger Staff")))
    [cleaned] = list(read_feed(feed, source="f.rss"))
    assert cleaned.authors == ["Jane Doe", "John Roe"]


def test_item_with_only_a_short_description_is_not_an_article() -> None:
    feed = rss(item(content=None) + item(title="Second story"))
    results = list(read_feed(feed, source="f.rss"))
    assert isinstance(results[0], Rejection)
    assert results[0].reason is Reason.NOT_AN_ARTICLE
    assert results[0].source == "f.rss#item0"
    assert isinstance(results[1], Cleaned) and results[1].title == "Second story"
    assert results[1].source == "f.rss#item1"


def test_atom_entry_with_content() -> None:
    feed = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Millbrook Echo</title><id>urn:x</id><updated>2024-09-18T10:00:00Z</updated>
<entry><title>Bridge closes</title><id>urn:y</id><link href="https://echo.example/b"/>
<author><name>Sam Poe</name></author><updated>2024-09-18T10:00:00Z</updated>
<content type="html"><![CDATA[{BODY_HTML}]]></content></entry>
</feed>"""
    [cleaned] = list(read_feed(feed, source="echo.atom"))
    assert isinstance(cleaned, Cleaned)
    assert (cleaned.title, cleaned.outlet, cleaned.authors) == ("Bridge closes", "Millbrook Echo", ["Sam Poe"])
    assert cleaned.published == "2024-09-18"
    assert cleaned.url == "https://echo.example/b"


@pytest.mark.parametrize(
    "text",
    ["this is not a feed <<< &&& >>>", '<rss version="2.0"><channel><title>Broken', '{"json": true}'],
    ids=["garbage", "cut-off", "json"],
)
def test_malformed_feed_without_entries(text: str) -> None:
    [result] = list(read_feed(text, source="bad.xml"))
    assert isinstance(result, Rejection)
    assert result.reason is Reason.MALFORMED
    assert result.source == "bad.xml"


def test_well_formed_xml_with_no_items_is_reported_not_silent() -> None:
    sitemap = '<?xml version="1.0"?><urlset><url><loc>https://example.org/</loc></url></urlset>'
    results = list(read_feed(sitemap, source="sitemap.xml"))
    assert len(results) == 1 and isinstance(results[0], Rejection)
    assert results[0].reason is Reason.NOT_AN_ARTICLE


def test_billion_laughs_does_not_expand() -> None:
    entities = ['<!ENTITY lol0 "lollollollollollollollollollol">']
    entities += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    words = " ".join(["filler"] * 60)
    feed = f"""<?xml version="1.0"?>
<!DOCTYPE rss [
{chr(10).join(entities)}
]>
<rss version="2.0" {NS}><channel><title>Laughs &lol9;</title>
<item><title>&lol9;</title><content:encoded>{words} &lol9;</content:encoded></item>
</channel></rss>"""
    started = time.perf_counter()
    results = list(read_feed(feed, source="laughs.rss"))
    assert time.perf_counter() - started < 10
    # Fully expanded, &lol9; is 3 * 10**9 characters; nothing may come close.
    for result in results:
        if isinstance(result, Cleaned):
            assert len(result.text) < 10_000
            assert len(result.title or "") < 10_000
            assert len(result.outlet or "") < 10_000
            assert "lollollol" not in result.text


def test_feed_text_that_names_a_file_is_not_opened(tmp_path: Path) -> None:
    # feedparser.parse(str) opens a string that names a file (and fetches one that is a URL).
    other = tmp_path / "elsewhere.rss"
    other.write_text(rss(item(title="Secret other feed")), encoding="utf-8")
    results = list(read_feed(str(other), source="innocent.rss"))
    assert not any(isinstance(r, Cleaned) for r in results)
    assert all(isinstance(r, Rejection) and r.source == "innocent.rss" for r in results)


def test_feed_declared_in_other_encoding_but_given_as_text() -> None:
    # decode_bytes has already turned the bytes into text; the XML declaration is stale.
    feed = rss(item(title="Ren\u00e9e\u2019s caf\u00e9 reopens")).replace('encoding="UTF-8"', 'encoding="windows-1252"')
    [cleaned] = list(read_feed(feed, source="f.rss"))
    assert cleaned.title == "Ren\u00e9e\u2019s caf\u00e9 reopens"


def test_fragment_text_nested_blocks_not_duplicated() -> None:
    html = "<blockquote><p>We will rebuild it.</p></blockquote><ul><li><p>First point.</p></li></ul><p>After.</p>"
    assert fragment_text(html) == "We will rebuild it.\n\nFirst point.\n\nAfter."


def test_fragment_text_without_blocks() -> None:
    assert fragment_text("Plain <b>bold</b>   words") == "Plain bold words"
    assert fragment_text("   ") == ""


# --- JSONL ----------------------------------------------------------------------------------

TEXT_RECORD = {
    "url": "https://valley-ledger.example/bridge",
    "title": "Millbrook shuts river bridge",
    "text": "\n\n".join(PARAGRAPHS),
    "published": "2024-09-17T08:30:00Z",
    "outlet": "The Valley Ledger",
    "authors": ["By Jane Doe", "Jane Doe", "Staff Reporter"],
}
HTML_RECORD = {
    "url": "https://echo.example/ferry",
    "title": "Ferry timetable changes",
    "html": f"<html><body><article><h1>Ferry</h1>{BODY_HTML}</article></body></html>",
    "outlet": "Millbrook Echo",
    "authors": "Sam Poe and Ana Lee",
}


def _jsonl(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_jsonl_text_html_and_malformed_lines() -> None:
    text = _jsonl(json.dumps(TEXT_RECORD), "{not json at all", "", json.dumps(HTML_RECORD))
    results = list(read_jsonl(text, source="export.jsonl"))
    assert len(results) == 3
    first, bad, second = results

    assert isinstance(first, Cleaned)
    assert first.text.split("\n\n") == PARAGRAPHS
    assert (first.title, first.outlet, first.url) == (TEXT_RECORD["title"], "The Valley Ledger", TEXT_RECORD["url"])
    assert first.published == "2024-09-17"
    assert first.authors == ["Jane Doe"]
    assert first.source == "export.jsonl#record0"

    assert isinstance(bad, Rejection)
    assert bad.reason is Reason.MALFORMED
    assert bad.source == "export.jsonl#record1"

    assert isinstance(second, Cleaned)
    assert all(p in second.text for p in PARAGRAPHS)
    assert (second.title, second.outlet) == ("Ferry timetable changes", "Millbrook Echo")
    assert second.url == HTML_RECORD["url"]
    assert second.authors == ["Sam Poe", "Ana Lee"]
    assert second.source == "export.jsonl#record3"


def test_jsonl_record_without_html_or_text() -> None:
    record = {"url": "https://x.example/a", "title": "Only a title"}
    [result] = list(read_jsonl(json.dumps(record), source="e.jsonl"))
    assert isinstance(result, Rejection)
    assert result.reason is Reason.NOT_AN_ARTICLE


def test_jsonl_non_object_line_is_malformed() -> None:
    results = list(read_jsonl(_jsonl("[1, 2, 3]", '"just a string"', json.dumps(TEXT_RECORD)), source="e.jsonl"))
    assert [getattr(r, "reason", None) for r in results[:2]] == [Reason.MALFORMED, Reason.MALFORMED]
    assert isinstance(results[2], Cleaned)


def test_jsonl_deeply_nested_line_is_malformed_not_a_crash() -> None:
    results = list(read_jsonl(_jsonl("[" * 100_000 + "]" * 100_000, json.dumps(TEXT_RECORD)), source="e.jsonl"))
    assert isinstance(results[0], Rejection) and results[0].reason is Reason.MALFORMED
    assert isinstance(results[1], Cleaned)


def test_jsonl_line_separator_inside_a_string_does_not_split_the_record() -> None:
    record = dict(TEXT_RECORD, text="Harbour news\u2028in brief. " + PARAGRAPHS[0] + " " + PARAGRAPHS[1])
    line = json.dumps(record, ensure_ascii=False)  # U+2028 is legal raw inside a JSON string
    assert "\u2028" in line
    results = list(read_jsonl(line + "\r\n", source="e.jsonl"))
    assert len(results) == 1 and isinstance(results[0], Cleaned)


def test_jsonl_author_objects() -> None:
    record = dict(TEXT_RECORD, authors=[{"name": "Jane Doe"}, {"name": "Newsroom"}, {"id": 7}])
    [cleaned] = list(read_jsonl(json.dumps(record), source="e.jsonl"))
    assert cleaned.authors == ["Jane Doe"]


@pytest.mark.parametrize(
    ("published", "expected"),
    [("2024-09-17", "2024-09-17"), ("2024-09-17T23:59:00-05:00", "2024-09-17"), (1726561800, None),
     ("Tue, 17 Sep 2024", None), ("2024-13-45", None)],
)
def test_jsonl_published_is_iso_or_nothing(published: object, expected: str | None) -> None:
    [cleaned] = list(read_jsonl(json.dumps(dict(TEXT_RECORD, published=published)), source="e.jsonl"))
    assert cleaned.published == expected


def test_jsonl_non_string_fields_are_ignored_not_a_crash() -> None:
    html_record = dict(HTML_RECORD, url=5, title={"text": "x"}, outlet=["Echo"])
    text_record = dict(TEXT_RECORD, url=None, title=12, outlet="  ")
    results = list(read_jsonl(_jsonl(json.dumps(html_record), json.dumps(text_record)), source="e.jsonl"))
    assert [type(r) for r in results] == [Cleaned, Cleaned]
    assert results[0].url is None and results[0].outlet is None
    assert isinstance(results[0].title, str) or results[0].title is None
    assert (results[1].url, results[1].title, results[1].outlet) == (None, None, None)


@pytest.mark.parametrize("html", ["<!DOCTYPE html>", "<html></html>", "<!-- only a comment -->"])
def test_fragment_text_of_contentless_markup_is_empty(html: str) -> None:
    assert fragment_text(html) == ""
