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
    # Some parsers (feedparser did) open a str that names a file, and fetch one that is a URL.
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


# --- items that link to their pages; dialects; streaming edge cases -------------------------


def _page(link: str, source: str) -> Cleaned:
    return Cleaned(text="\n\n".join(PARAGRAPHS), title="Page headline", authors=["Page Author"], outlet="Page Site",
                   published="2024-09-01", url=link, language="fr", source=source, extractor="html")


def test_item_without_content_follows_its_link_and_item_fields_win() -> None:
    asked = []

    def follow(link: str, source: str) -> Cleaned:
        asked.append((link, source))
        return _page(link, source)

    [cleaned] = list(read_feed(rss(item(content=None)), source="f.rss", follow=follow))
    assert asked == [("https://valley-ledger.example/bridge", "f.rss#item0")]
    assert cleaned.text.split("\n\n") == PARAGRAPHS
    assert (cleaned.title, cleaned.authors, cleaned.published) == ("Millbrook shuts river bridge", ["Jane Doe"], "2024-09-17")
    assert cleaned.outlet == "The Valley Ledger"
    assert cleaned.language == "fr"  # the page's own language is more specific than the channel's
    assert cleaned.source == "f.rss#item0"


def test_item_with_full_content_is_not_fetched() -> None:
    def follow(link: str, source: str) -> Cleaned:
        raise AssertionError("must not fetch an item that has its content")

    [cleaned] = list(read_feed(rss(item()), source="f.rss", follow=follow))
    assert isinstance(cleaned, Cleaned) and cleaned.extractor == "feed"


def test_followed_link_failure_is_that_items_reason() -> None:
    def follow(link: str, source: str) -> Rejection:
        return Rejection(source, Reason.FETCH_FAILED, f"HTTP 404 from {link}")

    first, second = list(read_feed(rss(item(content=None) + item(title="Has content")), source="f.rss", follow=follow))
    assert isinstance(first, Rejection) and first.reason is Reason.FETCH_FAILED and first.source == "f.rss#item0"
    assert isinstance(second, Cleaned)


def test_item_without_content_or_link() -> None:
    feed = rss("<item><title>Only a title</title><description>Short.</description></item>")
    [result] = list(read_feed(feed, source="f.rss", follow=_page))
    assert isinstance(result, Rejection) and result.reason is Reason.NOT_AN_ARTICLE


def test_rss_1_0_rdf_items() -> None:
    feed = f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel rdf:about="https://ledger.example/"><title>The Valley Ledger</title><dc:language>en</dc:language></channel>
<item rdf:about="https://ledger.example/bridge"><title>Bridge</title><link>https://ledger.example/bridge</link>
<dc:creator>Jane Doe</dc:creator><dc:date>2024-09-17T08:30:00+02:00</dc:date>
<content:encoded><![CDATA[{BODY_HTML}]]></content:encoded></item></rdf:RDF>"""
    [cleaned] = list(read_feed(feed, source="l.rdf"))
    assert isinstance(cleaned, Cleaned)
    assert (cleaned.title, cleaned.authors, cleaned.published, cleaned.outlet) == ("Bridge", ["Jane Doe"], "2024-09-17", "The Valley Ledger")


def test_atom_xhtml_content_and_alternate_link() -> None:
    feed = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB"><title>Millbrook Echo</title>
<entry><title>Bridge</title><link rel="self" href="https://echo.example/api/1"/><link href="https://echo.example/b"/>
<published>2024-09-18T10:00:00Z</published><updated>2024-09-19T10:00:00Z</updated>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">{BODY_HTML}</div></content></entry></feed>"""
    [cleaned] = list(read_feed(feed, source="e.atom"))
    assert isinstance(cleaned, Cleaned)
    assert cleaned.text.split("\n\n") == PARAGRAPHS
    assert (cleaned.url, cleaned.published, cleaned.language) == ("https://echo.example/b", "2024-09-18", "en")


def test_html_entities_and_rss_author_email() -> None:
    feed = rss(item(title="Caf&eacute; &amp; bridge&nbsp;news", creators=())).replace(
        "<pubDate>", "<author>jane@valley-ledger.example (Jane Doe)</author><pubDate>")
    [cleaned] = list(read_feed(feed, source="f.rss"))
    assert cleaned.title == "Caf\xe9 & bridge news"
    assert cleaned.authors == ["Jane Doe"]


def test_scripts_in_content_are_not_text() -> None:
    html = BODY_HTML + "<script>var tracker = 'quokka';</script><style>p { color: red }</style>"
    [cleaned] = list(read_feed(rss(item(content=html)), source="f.rss"))
    assert "quokka" not in cleaned.text and "color" not in cleaned.text


def test_feed_cut_mid_item_keeps_the_whole_items_and_says_truncated() -> None:
    feed = rss(item() + item(title="Second") + item(title="Third"))
    cut = feed[: feed.index("Third") + 40]
    results = list(read_feed(cut, source="cut.rss"))
    assert [type(r) for r in results] == [Cleaned, Cleaned, Rejection]
    assert results[-1].reason is Reason.TRUNCATED and results[-1].source == "cut.rss"


def test_external_entity_is_refused() -> None:
    feed = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
            + rss(item(title="&xxe;")).split("?>", 1)[1])
    [result] = list(read_feed(feed, source="x.rss"))
    assert isinstance(result, Rejection) and result.reason is Reason.MALFORMED


def test_entity_word_inside_content_is_not_a_declaration() -> None:
    html = BODY_HTML + "<p>XML lets a DTD say &lt;!ENTITY name ...&gt;, which feeds never need.</p>"
    [cleaned] = list(read_feed(rss(item(content=html)), source="f.rss"))
    assert isinstance(cleaned, Cleaned) and "<!ENTITY" in cleaned.text


def test_cli_extract_jsonl_keeps_url_and_sets_source(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from crosswire.cli import main

    path = tmp_path / "export.jsonl"
    path.write_text(_jsonl(json.dumps(TEXT_RECORD), json.dumps({"title": "no body"})))
    result = CliRunner().invoke(main, ["extract", str(path), "--json"])
    assert result.exit_code == 0, result.output
    article, missing = [json.loads(line) for line in result.output.splitlines()]
    assert article["url"] == TEXT_RECORD["url"] and article["source"] == f"{path}#record0"
    assert (article["title"], article["outlet"], article["published"]) == (TEXT_RECORD["title"], "The Valley Ledger", "2024-09-17")
    assert missing == {"source": f"{path}#record1", "error": "not_an_article", "detail": "record has neither html nor text"}


def test_entity_declaration_after_a_comment_holding_a_tag_is_still_refused() -> None:
    feed = ('<?xml version="1.0"?><!-- <rss> --><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">]>'
            + rss(item(title="&a;")).split("?>", 1)[1])
    [result] = list(read_feed(feed, source="x.rss"))
    assert isinstance(result, Rejection) and result.reason is Reason.MALFORMED


def test_entity_declaration_quoted_raw_inside_cdata_is_text() -> None:
    html = BODY_HTML + "<pre><!ENTITY lol \"lol\"></pre>"
    [cleaned] = list(read_feed(rss(item(content=html)), source="f.rss"))
    assert isinstance(cleaned, Cleaned)
