"""Hostile inputs: each gets its own reason, the batch goes on, and memory stays bounded.

Everything is generated in tmp_path at test time; the texts are invented.
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crosswire import api
from crosswire.clean import clean_input
from crosswire.clean.feedxml import FeedItems
from crosswire.document import Cleaned
from crosswire.errors import Reason, Rejection
from crosswire.ingest.inputs import RawInput, iter_inputs, read_file
from crosswire.options import Options

MB = 1024 * 1024
CAP = Options().max_bytes
PARAGRAPHS = [
    "The lighthouse keeper of Skerry Point said on Thursday that the lamp had failed twice in a week, "
    "and that the coastguard had sent a technician from the mainland.",
    "\u201cIt\u2019s the damp,\u201d said Am\u00e9lie Fournier, who has kept the light for eleven years. "
    "\u201cThe old wiring was never meant for winters like this one.\u201d",
    "Fishing crews who rely on the light said they had been warned by radio and had kept to the "
    "marked channel, and no vessel reported any trouble during the outages.",
]
PAGE = ("<!doctype html><html lang='en'><head><title>Skerry Point light fails again</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>")
TEXT = "Skerry Point light fails again\n\n" + "\n\n".join(PARAGRAPHS) + "\n"


def one(results: list) -> Cleaned | Rejection:
    assert len(results) == 1, results
    return results[0]


def clean_file(path: Path, max_bytes: int = CAP) -> list[Cleaned | Rejection]:
    raw = read_file(path, max_bytes=max_bytes)
    return [raw] if isinstance(raw, Rejection) else list(clean_input(raw))


def peak_bytes(func):
    tracemalloc.start()
    try:
        result = func()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# --- not text ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["photo.html", "notes.txt", "export.jsonl", "feed.rss"])
def test_binary_file_named_as_text_is_binary(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16)
    result = one(clean_file(path))
    assert isinstance(result, Rejection) and result.reason is Reason.BINARY


def test_random_bytes_are_binary_or_undecodable(tmp_path: Path) -> None:
    path = tmp_path / "noise.html"
    path.write_bytes(bytes((i * 7919 + 13) % 256 for i in range(64 * 1024)))
    result = one(clean_file(path))
    assert isinstance(result, Rejection) and result.reason in {Reason.BINARY, Reason.UNDECODABLE}


@pytest.mark.parametrize("name", ["zero.html", "zero.txt", "zero.rss", "zero.jsonl", "zero.html.gz"])
def test_zero_bytes_is_empty(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(b"") if name.endswith(".gz") else b"")
    result = one(clean_file(path))
    assert isinstance(result, Rejection) and result.reason is Reason.EMPTY


# --- enormous -----------------------------------------------------------------------------------


def test_50_mb_html_page_is_too_large_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "enormous.html"
    with path.open("wb") as handle:
        handle.write(b"<html><body>")
        block = b"<p>" + b"The harbour wall held again tonight. " * 1000 + b"</p>\n"
        while handle.tell() < 50 * MB:
            handle.write(block)
        handle.write(b"</body></html>")
    result, peak = peak_bytes(lambda: list(iter_inputs([path], max_bytes=CAP)))
    assert isinstance(one(result), Rejection) and result[0].reason is Reason.TOO_LARGE
    assert peak < CAP  # well under the cap, let alone 10x it: the page is never read


def test_50_mb_page_gzipped_small_is_too_large_and_bounded(tmp_path: Path) -> None:
    path = tmp_path / "enormous.html.gz"
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b"<p>" + b"The harbour wall held again tonight. " * 1000 + b"</p>\n"
    with path.open("wb") as handle:
        for _ in range(50 * MB // len(block)):
            handle.write(compressor.compress(block))
        handle.write(compressor.flush())
    assert path.stat().st_size < CAP
    result, peak = peak_bytes(lambda: list(iter_inputs([path], max_bytes=CAP)))
    assert isinstance(one(result), Rejection) and result[0].reason is Reason.TOO_LARGE
    assert peak < 4 * CAP


def test_gzip_bomb_is_too_large_and_bounded(tmp_path: Path) -> None:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = b"".join(compressor.compress(bytes(MB)) for _ in range(200)) + compressor.flush()  # 200 MB of NULs
    assert len(bomb) < MB
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(bomb)
    result, peak = peak_bytes(lambda: list(iter_inputs([path], max_bytes=4 * MB)))
    assert isinstance(one(result), Rejection) and result[0].reason is Reason.TOO_LARGE
    assert peak < 20 * MB


# --- encodings -----------------------------------------------------------------------------------


def test_cp1252_text_without_declaration(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(TEXT.encode("cp1252"))
    cleaned = one(clean_file(path))
    assert isinstance(cleaned, Cleaned)
    assert "\u201cIt\u2019s the damp,\u201d said Am\u00e9lie Fournier" in cleaned.text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("bom", [True, False], ids=["bom", "no-bom"])
def test_utf16_page_with_and_without_bom(tmp_path: Path, codec: str, bom: bool) -> None:
    mark = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) if bom else b""
    path = tmp_path / "wide.html"
    path.write_bytes(mark + PAGE.encode(codec))
    cleaned = one(clean_file(path))
    assert isinstance(cleaned, Cleaned), cleaned
    assert "Am\u00e9lie Fournier" in cleaned.text and "\u201cIt\u2019s the damp,\u201d" in cleaned.text


def test_mixed_encodings_in_one_file_do_not_stop_the_batch(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(TEXT.encode("utf-8") + "Caf\u00e9 \u2014 ".encode("cp1252") + TEXT.encode("utf-8"))
    result = one(clean_file(path))
    assert isinstance(result, (Cleaned, Rejection))  # decoded as best it can be, or a reason


# --- archives and feeds --------------------------------------------------------------------------


def test_truncated_warc_gz(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for n in range(4):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        body = PAGE.replace("Skerry", f"Skerry {n}").encode("utf-8")
        writer.write_record(writer.create_warc_record(f"https://light.example/{n}", "response", payload=io.BytesIO(body), http_headers=headers))
    data = buffer.getvalue()
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) * 3 // 5])
    results = list(iter_inputs([path], max_bytes=CAP))
    assert all(isinstance(r, RawInput) for r in results[:-1]) and len(results) >= 2
    assert isinstance(results[-1], Rejection) and results[-1].reason is Reason.TRUNCATED


def laughs(levels: int = 10) -> str:
    entities = ['<!ENTITY lol0 "lollollollollollollollollollol">']
    entities += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)]
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n{chr(10).join(entities)}\n]>\n'
            f'<rss version="2.0"><channel><title>&lol{levels - 1};</title>'
            f"<item><title>&lol{levels - 1};</title><description>&lol{levels - 1};</description></item></channel></rss>")


@pytest.mark.parametrize(
    "document",
    [laughs(), '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
     '<rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title></item></channel></rss>'],
    ids=["billion-laughs", "xxe"],
)
def test_feed_with_entity_declarations_is_refused_fast(tmp_path: Path, document: str) -> None:
    path = tmp_path / "evil.rss"
    path.write_text(document)
    started = time.perf_counter()
    (result,), peak = peak_bytes(lambda: clean_file(path))
    assert time.perf_counter() - started < 5
    assert isinstance(result, Rejection) and result.reason is Reason.MALFORMED and "entities" in result.detail
    assert peak < 10 * MB
    assert "root:" not in result.detail


def big_feed(count: int) -> bytes:
    words = "harbour ferry council bridge river mill engineer pier crossing autumn residents lane mayor".split()
    items = []
    for n in range(count):
        body = " ".join(words[(n + k) % len(words)] for k in range(44)) + f" item {n}."
        content = "" if n % 10 == 0 else f"<content:encoded><![CDATA[<p>{body}</p>]]></content:encoded>"
        items.append(f"<item><title>Item {n}</title><link>https://ledger.example/{n}</link>{content}</item>")
    return ('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            "<channel><title>Ledger</title>" + "".join(items) + "</channel></rss>").encode("utf-8")


def test_feed_with_10000_items_gives_each_an_article_or_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "big.rss"
    path.write_bytes(big_feed(10_000))
    started = time.perf_counter()
    raw = read_file(path, max_bytes=CAP)
    kinds, sources = {Cleaned: 0, Rejection: 0}, set()
    for result in clean_input(raw):  # no fetcher: a local feed never touches the network
        kinds[type(result)] += 1
        sources.add(result.source)
    assert time.perf_counter() - started < 60  # a hang guard; ~3 s on one loaded core
    assert (kinds[Cleaned], kinds[Rejection]) == (9_000, 1_000)
    assert len(sources) == 10_000  # every item, once, by its own source


def resident_bytes() -> int:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs Linux /proc")
def test_feed_items_are_streamed_not_held() -> None:
    # The parsed tree lives in libxml2's memory, which tracemalloc does not see: watch the
    # process's resident size instead. Held items would grow it by ~15 MB from item 2,000
    # to item 20,000; dropped ones leave it flat.
    data = big_feed(20_000)
    resident = {}
    for count, _ in enumerate(FeedItems(data), start=1):
        if count in (2_000, 20_000):
            resident[count] = resident_bytes()
    assert len(resident) == 2
    assert resident[20_000] - resident[2_000] < 4 * MB


def test_cut_off_feed_keeps_whole_items_and_reports_the_cut(tmp_path: Path) -> None:
    body = " ".join(["word"] * 50)
    feed = ('<rss version="2.0"><channel><title>Ledger</title>'
            + "".join(f"<item><title>Item {n}</title><description>&lt;p&gt;{body} {n}&lt;/p&gt;</description></item>" for n in range(5)))
    path = tmp_path / "cut.rss"
    path.write_text(feed[: feed.rindex("<item>") + 30])
    results = clean_file(path)
    assert [type(r) for r in results] == [Cleaned] * 4 + [Rejection]
    assert results[-1].reason is Reason.TRUNCATED


# --- the batch ------------------------------------------------------------------------------------


def test_a_folder_of_hostile_files_each_gets_a_reason_and_the_good_one_is_stored(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "a-binary.html").write_bytes(b"%PDF-1.7\n" + bytes(range(256)))
    (folder / "b-empty.txt").write_bytes(b"")
    (folder / "c-bomb.html.gz").write_bytes(gzip.compress(bytes(8 * MB)))
    (folder / "d-laughs.rss").write_text(laughs())
    (folder / "e-garbage.html").write_text("<<<>>> <div <p </ &&& " * 50)
    (folder / "f-good.txt").write_bytes(TEXT.encode("cp1252"))
    (folder / "g-junk.jsonl").write_text('{"text": \n[1,2]\n')
    db = str(tmp_path / "h.db")
    report = api.ingest([str(folder)], db=db, options=Options(max_bytes=4 * MB))
    reasons = {Path(r.source.split("#")[0]).name: r.reason for r in report.rejected}
    assert reasons == {
        "a-binary.html": Reason.BINARY,
        "b-empty.txt": Reason.EMPTY,
        "c-bomb.html.gz": Reason.TOO_LARGE,
        "d-laughs.rss": Reason.MALFORMED,
        "e-garbage.html": Reason.NOT_AN_ARTICLE,
        "g-junk.jsonl": Reason.MALFORMED,
    }
    assert len(report.stored) == 1
    [stored] = list(api.export_records(db=db))
    assert stored["source"] == str(folder / "f-good.txt") and "Am\u00e9lie" in stored["text"]
