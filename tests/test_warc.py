"""WARC inputs: archives built here with warcio's WARCWriter, gzipped and plain, whole and cut.

The pages are invented: "The Harbour Gazette" of Port Amsel is fictional.
"""

from __future__ import annotations

import gzip
import io
import tracemalloc
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from crosswire import api
from crosswire.clean import clean_input
from crosswire.document import Cleaned
from crosswire.errors import Reason, Rejection
from crosswire.ingest.inputs import RawInput, iter_inputs, kind_of, read_file

MB = 1024 * 1024
PARAGRAPHS = [
    "The harbour caf\xe9 on Quay Street re-opened on Monday after a winter of repairs, and its owner, "
    "Ren\xe9e Marchetti, said the first customers were queueing before seven.",
    "\u201cWe thought the storm had finished us,\u201d she said. \u201cIt\u2019s a small miracle that the "
    "old oak counter survived the flood at all.\u201d",
    "The town council paid for part of the work from its coastal resilience fund, which was set up "
    "after the floods of the previous autumn swept away two jetties.",
    "Fishermen who use the caf\xe9 as an informal meeting place said they were glad to have somewhere "
    "dry to wait for the tide, and asked the council to repair the slipway next.",
]


def page(topic: str, charset_meta: bool = False) -> str:
    meta = '<meta charset="utf-8">' if charset_meta else ""
    paragraphs = "".join(f"<p>{p.replace('caf', topic + ' caf')}</p>" for p in PARAGRAPHS)
    return (f"<!doctype html><html lang='en'><head>{meta}<title>{topic} caf\xe9 re-opens | Harbour Gazette</title>"
            f"</head><body><article><h1>{topic} caf\xe9 re-opens</h1>{paragraphs}</article></body></html>")


def _response(writer: WARCWriter, uri: str, body: bytes, status: str = "200 OK", content_type: str = "text/html",
              extra: list[tuple[str, str]] | None = None) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type), *(extra or [])], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))


def build_warc(path: Path, *, gz: bool) -> Path:
    """warcinfo, a cp1252 page (charset only in the HTTP header), its request, a 404, a PDF,
    a gzip-encoded UTF-8 page: records 0..6."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "crosswire tests"}))  # 0
    _response(writer, "https://gazette.example/quay", page("Quay").encode("cp1252"),
              content_type="text/html; charset=windows-1252")  # 1
    request = b"GET /quay HTTP/1.1\r\nHost: gazette.example\r\n\r\n"
    writer.write_record(writer.create_warc_record("https://gazette.example/quay", "request", payload=io.BytesIO(request)))  # 2
    _response(writer, "https://gazette.example/gone", b"<html><body>Not here</body></html>", status="404 Not Found")  # 3
    _response(writer, "https://gazette.example/report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", content_type="application/pdf")  # 4
    encoded = gzip.compress(page("Slipway", charset_meta=True).encode("utf-8"))
    _response(writer, "https://gazette.example/slipway", encoded, content_type="text/html; charset=utf-8",
              extra=[("Content-Encoding", "gzip"), ("Content-Length", str(len(encoded)))])  # 5
    writer.write_record(writer.create_warc_record("https://gazette.example/slipway", "request", payload=io.BytesIO(request)))  # 6
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture(params=[True, False], ids=["warc.gz", "warc"])
def warc(request, tmp_path: Path) -> Path:
    return build_warc(tmp_path / ("crawl.warc.gz" if request.param else "crawl.warc"), gz=request.param)


def test_kind_of_warc() -> None:
    assert kind_of(Path("CC-NEWS-2024.warc.gz")) == "warc"
    assert kind_of(Path("a.warc")) == "warc"


def test_html_responses_become_inputs_and_other_captures_are_reported(warc: Path) -> None:
    results = list(iter_inputs([warc], max_bytes=MB))
    inputs = [r for r in results if isinstance(r, RawInput)]
    rejections = [r for r in results if isinstance(r, Rejection)]
    assert [(r.source, r.url, r.kind) for r in inputs] == [
        (f"{warc}#record1", "https://gazette.example/quay", "html"),
        (f"{warc}#record5", "https://gazette.example/slipway", "html"),
    ]
    assert inputs[0].charset == "windows-1252"
    assert inputs[1].data.startswith(b"<!doctype html>")  # Content-Encoding: gzip undone
    # The request and warcinfo records are the archive's bookkeeping: not listed.
    assert [(r.source, r.reason) for r in rejections] == [
        (f"{warc}#record3", Reason.NOT_AN_ARTICLE),
        (f"{warc}#record4", Reason.UNSUPPORTED),
    ]
    assert "404" in rejections[0].detail and "https://gazette.example/gone" in rejections[0].detail
    assert "application/pdf" in rejections[1].detail


def test_http_header_charset_decodes_a_cp1252_page(warc: Path) -> None:
    quay = next(r for r in iter_inputs([warc], max_bytes=MB) if isinstance(r, RawInput))
    [cleaned] = list(clean_input(quay))
    assert isinstance(cleaned, Cleaned)
    assert "Quay caf\xe9" in cleaned.text and "Ren\xe9e" in cleaned.text
    assert "\u201cWe thought the storm had finished us,\u201d" in cleaned.text
    assert cleaned.url == "https://gazette.example/quay"
    assert cleaned.source == f"{warc}#record1"


def _cut(path: Path, keep: float) -> Path:
    data = path.read_bytes()
    cut = path.with_name("cut-" + path.name)
    cut.write_bytes(data[: int(len(data) * keep)])
    return cut


def test_truncated_warc_gz_yields_the_records_before_the_cut_and_one_truncated(tmp_path: Path) -> None:
    whole = build_warc(tmp_path / "crawl.warc.gz", gz=True)
    cut = _cut(whole, 0.75)  # inside the gzip-encoded page, record 5
    results = list(iter_inputs([cut], max_bytes=MB))
    assert [r.source for r in results if isinstance(r, RawInput)] == [f"{cut}#record1"]
    truncated = [r for r in results if isinstance(r, Rejection) and r.reason is Reason.TRUNCATED]
    assert len(truncated) == 1 and truncated[0] is results[-1]
    assert truncated[0].source == str(cut)


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_every_cut_point_ends_in_exactly_one_truncated_or_the_whole_archive(tmp_path: Path, gz: bool) -> None:
    whole = build_warc(tmp_path / ("w.warc.gz" if gz else "w.warc"), gz=gz)
    data = whole.read_bytes()
    step = max(1, len(data) // 40)
    # A cut exactly between two gzip members leaves a shorter, whole archive: nothing to notice.
    boundaries = _member_ends(data) if gz else set()
    for size in sorted(set(range(step, len(data), step)) - boundaries | {b + 1 for b in boundaries if b < len(data)}):
        cut = tmp_path / whole.name.replace("w.", f"cut{size}.")
        cut.write_bytes(data[:size])
        results = list(iter_inputs([cut], max_bytes=MB))
        stops = [r for r in results if isinstance(r, Rejection) and r.reason in {Reason.TRUNCATED, Reason.MALFORMED}]
        inputs = [r for r in results if isinstance(r, RawInput)]
        # Nothing past the cut, and nothing cut passed on as if whole.
        assert all(r.data.rstrip().endswith(b"</html>") for r in inputs), size
        if gz:  # a gzip member always knows where it ends
            assert len(stops) == 1 and stops[0] is results[-1], (size, results)
        else:  # plain WARC: only the blank lines between records can go unnoticed
            assert len(stops) <= 1


def _member_ends(data: bytes) -> set[int]:
    ends, offset = set(), 0
    while offset < len(data):
        inflate = zlib.decompressobj(31)
        inflate.decompress(data[offset:])
        offset = len(data) - len(inflate.unused_data)
        ends.add(offset)
    return ends


def test_trailer_cut_is_reported_after_every_whole_record(tmp_path: Path) -> None:
    whole = build_warc(tmp_path / "crawl.warc.gz", gz=True)
    cut = tmp_path / "trailer.warc.gz"
    cut.write_bytes(whole.read_bytes()[:-4])  # the last member's size field
    results = list(iter_inputs([cut], max_bytes=MB))
    assert len([r for r in results if isinstance(r, RawInput)]) == 2
    assert isinstance(results[-1], Rejection) and results[-1].reason is Reason.TRUNCATED


def test_not_a_warc_and_empty_warc(tmp_path: Path) -> None:
    fake = tmp_path / "fake.warc"
    fake.write_bytes(b"<html><body>I am not an archive</body></html>")
    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    [not_warc] = list(iter_inputs([fake], max_bytes=MB))
    [nothing] = list(iter_inputs([empty], max_bytes=MB))
    assert isinstance(not_warc, Rejection) and not_warc.reason is Reason.MALFORMED
    assert isinstance(nothing, Rejection) and nothing.reason is Reason.EMPTY


def test_warc_without_responses_is_reported(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record("info.warc.gz", {"software": "x"}))
    path = tmp_path / "info.warc.gz"
    path.write_bytes(buffer.getvalue())
    [result] = list(iter_inputs([path], max_bytes=MB))
    assert isinstance(result, Rejection) and result.reason is Reason.NOT_AN_ARTICLE


def test_record_over_the_cap_is_too_large_and_memory_stays_bounded(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    huge = b"<html><body>" + b"<p>" + b"lorem ipsum " * (2 * MB) + b"</p></body></html>"  # ~24 MB
    _response(writer, "https://gazette.example/huge", huge)
    _response(writer, "https://gazette.example/quay", page("Quay").encode("utf-8"))
    path = tmp_path / "huge.warc.gz"
    path.write_bytes(buffer.getvalue())
    del huge, buffer, writer
    tracemalloc.start()
    try:
        results = list(iter_inputs([path], max_bytes=MB))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(results[0], Rejection) and results[0].reason is Reason.TOO_LARGE
    assert isinstance(results[1], RawInput) and results[1].url == "https://gazette.example/quay"
    assert peak < 10 * MB  # the 24 MB record is never held, only the cap's worth of it


def test_folder_walk_includes_warc_files(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    build_warc(tmp_path / "a" / "crawl.warc.gz", gz=True)
    (tmp_path / "a" / "crawl.cdx").write_text("not an input")  # an index beside it is not walked
    sources = [r.source for r in iter_inputs([tmp_path], max_bytes=MB) if isinstance(r, RawInput)]
    assert sources == [f"{tmp_path / 'a' / 'crawl.warc.gz'}#record1", f"{tmp_path / 'a' / 'crawl.warc.gz'}#record5"]


def test_read_file_refuses_a_warc(tmp_path: Path) -> None:
    path = build_warc(tmp_path / "c.warc", gz=False)
    result = read_file(path, max_bytes=MB)
    assert isinstance(result, Rejection) and result.reason is Reason.UNSUPPORTED


def test_ingest_a_warc_stores_its_pages_and_resumes(tmp_path: Path) -> None:
    path = build_warc(tmp_path / "crawl.warc.gz", gz=True)
    db = str(tmp_path / "w.db")
    seen = []
    report = api.ingest([str(path)], db=db, progress=lambda r, source: seen.append((len(r.stored), r.skipped, len(r.rejected), source)))
    assert len(report.stored) == 2
    # One progress call per event, with the counts so far (what the CLI's bar shows).
    assert len(seen) == 4 and seen[-1][:3] == (2, 0, 2)
    assert {source for *_, source in seen} == {f"{path}#record{n}" for n in (1, 3, 4, 5)}
    assert {(r.source, r.reason) for r in report.rejected} == {
        (f"{path}#record3", Reason.NOT_AN_ARTICLE),
        (f"{path}#record4", Reason.UNSUPPORTED),
    }
    assert report.failed == []  # a 404 or a PDF in a crawl is not a failure of the ingest
    records = {r["url"]: r for r in api.export_records(db=db)}
    assert set(records) == {"https://gazette.example/quay", "https://gazette.example/slipway"}
    assert records["https://gazette.example/quay"]["source"] == f"{path}#record1"
    assert "Ren\xe9e" in records["https://gazette.example/quay"]["text"]

    again = api.ingest([str(path)], db=db)
    assert (len(again.stored), again.skipped) == (0, 2)


def test_corrupt_gzip_warc_is_malformed_and_the_walk_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "a-bad.warc.gz"
    bad.write_bytes(b"\x1f\x8b" + b"not deflate at all" * 20)
    build_warc(tmp_path / "b-good.warc.gz", gz=True)
    results = list(iter_inputs([tmp_path], max_bytes=MB))
    assert isinstance(results[0], Rejection) and results[0].reason is Reason.MALFORMED
    assert len([r for r in results if isinstance(r, RawInput)]) == 2


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_unreadable_warc_is_failed_not_raised(tmp_path: Path) -> None:
    (tmp_path / "mem.warc").symlink_to("/proc/self/mem")
    [result] = list(iter_inputs([tmp_path / "mem.warc"], max_bytes=MB))
    assert isinstance(result, Rejection) and result.reason is Reason.FAILED
