"""The fetcher against a real HTTP server on 127.0.0.1 (http.server in a thread): no mocks,
no internet. Loopback is a private address, so the happy paths allow it explicitly; the
default refuses it, and a redirect from an allowed host to a private one is refused too.

The pages are invented: "The Harbour Gazette" is fictional.
"""

from __future__ import annotations

import http.server
import json
import threading
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosswire.clean import clean_input
from crosswire.cli import main
from crosswire.document import Cleaned
from crosswire.errors import FAILURES, Reason, Rejection
from crosswire.ingest.fetch import Fetcher, address_policy
from crosswire.ingest.inputs import RawInput, iter_inputs
from crosswire.options import Options

MB = 1024 * 1024
PARAGRAPHS = [
    "The ferry between Port Amsel and the outer islands resumed its winter timetable on Monday after "
    "a fortnight of repairs to the pier, the harbour authority said.",
    "Captain Ilse Varga said the crossing had been calm and that most passengers were islanders "
    "returning from the mainland market with crates of vegetables and tools.",
    "The authority plans to replace the pier's wooden piles next spring, and will ask the regional "
    "council for money from its coastal infrastructure fund to pay for the work.",
]


def article_page(title: str) -> bytes:
    body = "".join(f"<p>{p.replace('ferry', title + ' ferry')}</p>" for p in PARAGRAPHS)
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title} | Harbour Gazette</title></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>").encode("utf-8")


def feed(base: str) -> bytes:
    items = "".join(
        f"<item><title>Item {n} headline</title><link>{base}/story/{n}</link>"
        f"<pubDate>Tue, 17 Sep 2024 08:30:00 GMT</pubDate><description>Short teaser {n}.</description></item>"
        for n in (1, 2)
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Gazette - News</title>'
            f"<link>{base}/</link>{items}<item><title>Broken link</title><link>{base}/missing</link></item>"
            f"</channel></rss>").encode("utf-8")


class Handler(http.server.BaseHTTPRequestHandler):
    """Routes for every behaviour under test; counts what it was asked."""

    hits: Counter = Counter()
    agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        type(self).hits[self.path] += 1
        type(self).agents.append(self.headers.get("User-Agent", ""))
        route = ROUTES.get(self.path.split("?")[0])
        if route is None and self.path.startswith("/story/"):
            route = lambda h: h.send(200, article_page(f"Story {h.path.rsplit('/', 1)[1]}"))  # noqa: E731
        (route or (lambda h: h.send(404, b"not found", "text/plain")))(self)

    def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str) -> None:
        self.send(302, b"", headers={"Location": location})

    def flaky(self) -> None:
        if type(self).hits[self.path] == 1:
            self.send(500, b"try again")
        else:
            self.send(200, article_page("Flaky"))

    def huge(self) -> None:
        # No Content-Length: the size is only found out by reading, which must stop at the cap.
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        chunk = b"<p>" + b"ballast " * 8191 + b"</p>"
        try:
            for _ in range(80):  # ~5 MB, far past the 256 KB cap below
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up at the cap, as it should

    def declared_huge(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(50 * MB))  # and nothing sent: it must not be waited for
        self.end_headers()

    def slow(self) -> None:
        time.sleep(2)
        try:
            self.send(200, article_page("Slow"))
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args) -> None:
        pass


ROUTES = {
    "/page.html": lambda h: h.send(200, article_page("Ferry")),
    "/feed.xml": lambda h: h.send(200, feed(f"http://127.0.0.1:{h.server.server_address[1]}"), "application/rss+xml"),
    "/redirect": lambda h: h.redirect("/page.html"),
    "/redirect-loop": lambda h: h.redirect("/redirect-loop"),
    "/to-metadata": lambda h: h.redirect("http://169.254.169.254/latest/meta-data/"),
    "/to-file": lambda h: h.redirect("file:///etc/passwd"),
    "/flaky": Handler.flaky,
    "/always-500": lambda h: h.send(500, b"broken"),
    "/declared-huge": Handler.declared_huge,
    "/huge": Handler.huge,
    "/slow": Handler.slow,
    "/pdf": lambda h: h.send(200, b"%PDF-1.7\n", "application/pdf"),
}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def fresh_counts() -> None:
    Handler.hits.clear()
    Handler.agents.clear()


def allowed(**settings) -> Options:
    return Options(allow_private=True, fetch_delay=0, **settings)


def fetch(url: str, options: Options) -> RawInput | Rejection:
    with Fetcher(options) as fetcher:
        return fetcher.fetch_input(url)


# --- happy paths (loopback allowed) ---------------------------------------------------------


def test_fetches_an_html_page_with_its_charset_and_a_user_agent(server: str) -> None:
    raw = fetch(f"{server}/page.html", allowed())
    assert isinstance(raw, RawInput)
    assert (raw.source, raw.url, raw.kind, raw.charset, raw.fetched) == (f"{server}/page.html", f"{server}/page.html", "html", "utf-8", True)
    assert raw.data == article_page("Ferry")
    assert Handler.agents and all(agent.startswith("crosswire/") for agent in Handler.agents)


def test_redirect_is_followed_and_the_final_url_kept(server: str) -> None:
    raw = fetch(f"{server}/redirect", allowed())
    assert isinstance(raw, RawInput)
    assert raw.source == f"{server}/redirect" and raw.url == f"{server}/page.html"


def test_redirect_loop_gives_up(server: str) -> None:
    result = fetch(f"{server}/redirect-loop", allowed())
    assert isinstance(result, Rejection) and result.reason is Reason.FETCH_FAILED
    assert "redirects" in result.detail
    assert Handler.hits["/redirect-loop"] == 6  # the first request and five hops


def test_500_then_200_is_retried(server: str) -> None:
    raw = fetch(f"{server}/flaky", allowed(fetch_retries=2))
    assert isinstance(raw, RawInput) and b"Flaky" in raw.data
    assert Handler.hits["/flaky"] == 2


def test_500_every_time_fails_after_the_retries(server: str) -> None:
    result = fetch(f"{server}/always-500", allowed(fetch_retries=1))
    assert isinstance(result, Rejection) and result.reason is Reason.FETCH_FAILED
    assert "HTTP 500" in result.detail and Handler.hits["/always-500"] == 2
    assert Reason.FETCH_FAILED in FAILURES


def test_404_is_not_retried(server: str) -> None:
    result = fetch(f"{server}/nothing-here", allowed(fetch_retries=3))
    assert isinstance(result, Rejection) and result.reason is Reason.FETCH_FAILED and "HTTP 404" in result.detail
    assert Handler.hits["/nothing-here"] == 1


def test_oversized_body_is_cut_at_the_cap(server: str) -> None:
    tracemalloc.start()
    try:
        result = fetch(f"{server}/huge", allowed(max_bytes=256 * 1024))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(result, Rejection) and result.reason is Reason.TOO_LARGE
    assert peak < 4 * MB  # the ~5 MB body is never held


def test_declared_oversized_body_is_refused_before_reading(server: str) -> None:
    result = fetch(f"{server}/declared-huge", allowed(max_bytes=MB))
    assert isinstance(result, Rejection) and result.reason is Reason.TOO_LARGE and "declared" in result.detail


def test_slow_server_times_out_without_retrying(server: str) -> None:
    started = time.monotonic()
    result = fetch(f"{server}/slow", allowed(fetch_timeout=0.3, fetch_retries=2))
    assert isinstance(result, Rejection) and result.reason is Reason.FETCH_FAILED and "timed out" in result.detail
    assert time.monotonic() - started < 1.8
    assert Handler.hits["/slow"] == 1


def test_unsupported_content_type_is_reported(server: str) -> None:
    result = fetch(f"{server}/pdf", allowed())
    assert isinstance(result, Rejection) and result.reason is Reason.UNSUPPORTED and "application/pdf" in result.detail


def test_pause_between_requests_to_one_host(server: str) -> None:
    started = time.monotonic()
    with Fetcher(Options(allow_private=True, fetch_delay=0.4)) as fetcher:
        fetcher.fetch_input(f"{server}/page.html")
        fetcher.fetch_input(f"{server}/page.html")
    assert time.monotonic() - started >= 0.4


def test_feed_url_items_are_fetched_from_their_links(server: str) -> None:
    options = allowed()
    with Fetcher(options) as fetcher:
        [raw] = list(iter_inputs([f"{server}/feed.xml"], max_bytes=options.max_bytes, fetcher=fetcher))
        assert isinstance(raw, RawInput) and raw.kind == "feed" and raw.fetched
        results = list(clean_input(raw, fetcher=fetcher))
    first, second, broken = results
    assert isinstance(first, Cleaned) and isinstance(second, Cleaned)
    assert first.title == "Item 1 headline"  # the feed's own fields win over the page's
    assert first.source == f"{server}/feed.xml#item0" and first.url == f"{server}/story/1"
    assert first.published == "2024-09-17" and first.outlet == "Harbour Gazette"
    assert "Story 1 ferry" in first.text
    assert isinstance(broken, Rejection) and broken.reason is Reason.FETCH_FAILED and broken.source == f"{server}/feed.xml#item2"


def test_local_feed_touches_the_network_only_with_fetch_links(server: str, tmp_path: Path) -> None:
    path = tmp_path / "saved.rss"
    path.write_bytes(feed(server))
    for options, fetched in ((allowed(), False), (allowed(fetch_links=True), True)):
        with Fetcher(options) as fetcher:
            [raw] = list(iter_inputs([path], max_bytes=MB, fetcher=fetcher))
            results = list(clean_input(raw, fetcher=fetcher))
        if fetched:
            assert [type(r) for r in results] == [Cleaned, Cleaned, Rejection]
        else:
            assert all(isinstance(r, Rejection) and r.reason is Reason.NOT_AN_ARTICLE for r in results)
            assert "--fetch-links" in results[0].detail
            assert sum(Handler.hits.values()) == 0


# --- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "2130706433", "[::ffff:127.0.0.1]", "0.0.0.0"])
def test_loopback_is_refused_by_default(server: str, host: str) -> None:
    port = server.rsplit(":", 1)[1]
    result = fetch(f"http://{host}:{port}/page.html", Options())
    assert isinstance(result, Rejection) and result.reason is Reason.BLOCKED_ADDRESS
    assert "--allow-private" in result.detail
    assert sum(Handler.hits.values()) == 0  # refused before connecting
    assert Reason.BLOCKED_ADDRESS in FAILURES


def test_redirect_to_a_private_address_is_refused(server: str) -> None:
    # 127.0.0.1 alone is allowed (as for an intranet mirror); the link-local metadata address is not.
    options = Options(allow_networks=("127.0.0.1/32",), fetch_delay=0)
    result = fetch(f"{server}/to-metadata", options)
    assert isinstance(result, Rejection) and result.reason is Reason.BLOCKED_ADDRESS
    assert "169.254.169.254" in result.detail
    assert Handler.hits["/to-metadata"] == 1


def test_redirect_to_a_file_url_is_refused(server: str) -> None:
    result = fetch(f"{server}/to-file", allowed())
    assert isinstance(result, Rejection) and result.reason is Reason.UNSUPPORTED


def test_non_http_urls_are_refused() -> None:
    for url in ("file:///etc/passwd", "ftp://example.org/a.html", "gopher://example.org/"):
        result = fetch(url, Options())
        assert isinstance(result, Rejection) and result.reason is Reason.UNSUPPORTED, url


@pytest.mark.parametrize(
    ("address", "ok"),
    [("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.1", False),
     ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False), ("224.0.0.1", False),
     ("240.0.0.1", False), ("::1", False), ("fe80::1", False), ("fc00::1", False), ("::ffff:10.0.0.1", False),
     ("64:ff9b::7f00:1", False), ("2002:7f00:1::", False), ("93.184.216.34", True), ("2606:4700::1111", True)],
)
def test_address_policy(address: str, ok: bool) -> None:
    import ipaddress

    assert address_policy(Options())(ipaddress.ip_address(address)) is ok
    assert address_policy(Options(allow_private=True))(ipaddress.ip_address(address)) is True


# --- the command line -----------------------------------------------------------------------


def test_cli_extract_a_url(server: str) -> None:
    result = CliRunner().invoke(main, ["extract", f"{server}/page.html", "--allow-private"])
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.output.splitlines()]
    assert record["source"] == f"{server}/page.html" and record["url"] == f"{server}/page.html"
    assert "Ferry ferry" in record["text"]


def test_cli_ingest_a_loopback_url_is_refused_without_allow_private(server: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", f"{server}/page.html", "--db", str(tmp_path / "x.db"), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["stored"] == 0
    assert [r["reason"] for r in report["rejected"]] == ["blocked_address"]
    assert sum(Handler.hits.values()) == 0
