"""Polite, guarded HTTP fetching: URL inputs and the pages that feed items link to.

Used only for what the user asked for: a URL given as an input, or (for a feed fetched
from a URL, or with ``fetch_links``) the pages its items link to. The rules, documented
in docs/inputs.md:

* a User-Agent naming crosswire; a pause of ``fetch_delay`` between two requests to one
  host; ``fetch_timeout`` to connect and between reads, and ten times that for a whole
  response;
* retries with exponential backoff (or the server's ``Retry-After``) on 429, 5xx and
  connection errors, ``fetch_retries`` times;
* redirects followed by hand, at most ``MAX_REDIRECTS``, each hop checked again;
* bodies streamed and cut at ``max_bytes`` (after content decoding), so a huge page or a
  compression bomb never sits in memory;
* no private, loopback, link-local, reserved or otherwise non-public address, unless the
  user allows them. The check runs where the socket is opened, on every address the host
  resolves to, and the connection goes to the checked address: a redirect, a second DNS
  answer (rebinding) or a decimal/IPv6-mapped spelling of 127.0.0.1 cannot slip past it.

Every failure is an ``InputRejected`` with a reason from crosswire/errors.py.
"""

from __future__ import annotations

import email.utils
import ipaddress
import re
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from crosswire.errors import InputRejected, Reason, Rejection
from crosswire.ingest.kinds import RawInput, charset_of, kind_of_response, mime_of
from crosswire.options import Options

MAX_REDIRECTS = 5
BACKOFF_BASE = 0.5  # seconds before the first retry; doubled for each further one
MAX_BACKOFF = 30.0  # never wait longer than this, whatever Retry-After says
DEADLINE_FACTOR = 10  # a whole response must arrive within this many fetch_timeouts
RETRY_STATUSES = frozenset({429, *range(500, 600)}) - {501, 505}  # "not implemented" will not change
RETRY_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.RemoteProtocolError)
ACCEPT = "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5"
URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
NAT64 = ipaddress.ip_network("64:ff9b::/96")

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_url(text: str) -> bool:
    """True for anything written as ``scheme://...``: such inputs are URLs, never paths."""
    return bool(URL_SCHEME.match(text))


class BlockedAddress(Exception):
    """Raised where a socket would open to an address the options do not allow.

    Deliberately not an ``OSError``: httpcore maps those to connection errors, which are
    retried; a refusal must reach the fetcher as itself.
    """


@dataclass(frozen=True)
class Fetched:
    """One HTTP response: its final URL, status, type and (for a 200) body."""

    url: str
    status: int
    content_type: str | None = None
    data: bytes = b""
    location: str | None = None  # where a redirect points
    retry_after: float | None = None


def address_policy(options: Options) -> Callable[[Address], bool]:
    """Whether a resolved address may be connected to under ``options``."""
    allowed_networks = [ipaddress.ip_network(n, strict=False) for n in options.allow_networks]

    def allowed(address: Address) -> bool:
        if options.allow_private or any(address in network for network in allowed_networks):
            return True
        return all(_is_public(a) for a in (address, *_embedded_ipv4(address)))

    return allowed


def _is_public(address: Address) -> bool:
    # is_global alone lets multicast (224.0.0.0/4) and some reserved space through.
    return address.is_global and not (address.is_multicast or address.is_reserved or address.is_unspecified)


def _embedded_ipv4(address: Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries (mapped, 6to4, NAT64): ``::ffff:127.0.0.1`` is loopback."""
    if not isinstance(address, ipaddress.IPv6Address):
        return []
    found = [address.ipv4_mapped, address.sixtofour]
    if address in NAT64:
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return [a for a in found if a is not None]


class _GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket opener, resolving the host itself and refusing disallowed addresses."""

    def __init__(self, allowed: Callable[[Address], bool]) -> None:
        self.allowed = allowed

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        addresses = _resolve(host, port)
        blocked = [a for a in addresses if not self.allowed(a)]
        if blocked:  # one bad answer taints the name: a rebinding host mixes good and bad ones
            named = host if host.strip("[]") == str(blocked[0]) else f"{host} ({blocked[0]})"
            raise BlockedAddress(f"{named} is a private, loopback or reserved address")
        error: Exception = httpcore.ConnectError(f"no address for {host}")
        for address in addresses:  # connect to the address checked, not to the name again
            try:
                return super().connect_tcp(str(address), port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as failed:
                error = failed
        raise error


def _resolve(host: str, port: int) -> list[Address]:
    try:
        answers = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise httpcore.ConnectError(f"cannot resolve {host}: {error}") from error
    # The scope suffix of a link-local IPv6 answer ("fe80::1%eth0") is not part of the address.
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in answers))


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, allowed: Callable[[Address], bool]) -> None:
        super().__init__(trust_env=False)
        # httpx offers no way to pass httpcore a network backend, so the pool its transport
        # sends through is rebuilt with the guarded one (httpx is pinned: see requirements.txt).
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),  # honours SSL_CERT_FILE: a local CA bundle is not a proxy
            network_backend=_GuardedBackend(allowed),
            max_connections=4,
        )


class Fetcher:
    """Fetches URLs under one ``Options``; one per run, so pauses between requests to a host hold.

    The HTTP client is made on first use: a run over local files never builds one.
    """

    def __init__(self, options: Options) -> None:
        self.options = options
        self._client: httpx.Client | None = None
        self._last_request: dict[str, float] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def may_follow_links(self, raw: RawInput) -> bool:
        """Feed items' links are fetched for a feed that came from the network, or when asked."""
        return raw.fetched or self.options.fetch_links

    def fetch_input(self, url: str, *, source: str | None = None) -> RawInput | Rejection:
        """The input at ``url``, its kind read from the response, or the reason there is none."""
        source = source or url
        try:
            fetched = self.get(url)
        except InputRejected as rejected:
            return Rejection(source, rejected.reason, rejected.detail)
        kind = kind_of_response(fetched.content_type, fetched.url, fetched.data[:1024])
        if kind is None:
            return Rejection(source, Reason.UNSUPPORTED, f"{mime_of(fetched.content_type) or 'unknown type'} at {fetched.url}")
        charset = charset_of(fetched.content_type)
        return RawInput(source, kind, fetched.data, charset=charset, url=fetched.url, fetched=True)

    def get(self, url: str) -> Fetched:
        """The 200 response at ``url`` after redirects, or ``InputRejected`` saying why not."""
        current = _checked_url(url)
        for _ in range(MAX_REDIRECTS + 1):
            fetched = self._with_retries(current)
            if fetched.location is None:
                if fetched.status != 200:
                    raise InputRejected(Reason.FETCH_FAILED, f"HTTP {fetched.status} from {current}")
                return fetched
            current = _checked_url(urljoin(current, fetched.location))
        raise InputRejected(Reason.FETCH_FAILED, f"more than {MAX_REDIRECTS} redirects from {url}")

    def _with_retries(self, url: str) -> Fetched:
        for attempt in range(self.options.fetch_retries + 1):
            last = attempt == self.options.fetch_retries
            try:
                fetched = self._once(url)
            except RETRY_ERRORS as error:
                if last:
                    raise InputRejected(Reason.FETCH_FAILED, f"cannot connect to {url}: {error or type(error).__name__}") from None
                self._back_off(attempt, None)
                continue
            except httpx.TimeoutException:
                raise InputRejected(Reason.FETCH_FAILED, f"timed out after {self.options.fetch_timeout:g} s: {url}") from None
            except (httpx.HTTPError, httpx.InvalidURL) as error:
                raise InputRejected(Reason.FETCH_FAILED, f"{type(error).__name__}: {error} ({url})") from None
            if fetched.status in RETRY_STATUSES and not last:
                self._back_off(attempt, fetched.retry_after)
                continue
            return fetched
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _once(self, url: str) -> Fetched:
        self._wait_turn(url)
        try:
            with self._http().stream("GET", url) as response:
                return self._response(url, response)
        except BlockedAddress as error:
            raise InputRejected(Reason.BLOCKED_ADDRESS, f"{error} (pass --allow-private to allow it): {url}") from None

    def _response(self, url: str, response: httpx.Response) -> Fetched:
        status, content_type = response.status_code, response.headers.get("content-type")
        if response.is_redirect:
            return Fetched(url, status, location=response.headers.get("location"))
        if status != 200:  # the body of an error page is not wanted: do not download it
            return Fetched(url, status, content_type, retry_after=_retry_after(response.headers.get("retry-after")))
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.options.max_bytes:
            raise InputRejected(Reason.TOO_LARGE, f"{declared} bytes declared, over the cap of {self.options.max_bytes}: {url}")
        return Fetched(str(response.url), status, content_type, self._body(url, response))

    def _body(self, url: str, response: httpx.Response) -> bytes:
        """The decoded body, read chunk by chunk and abandoned at the cap or the deadline."""
        deadline = time.monotonic() + DEADLINE_FACTOR * self.options.fetch_timeout
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > self.options.max_bytes:
                raise InputRejected(Reason.TOO_LARGE, f"more than {self.options.max_bytes} bytes (the cap): {url}")
            if time.monotonic() > deadline:  # a server dripping bytes never trips the read timeout
                raise InputRejected(Reason.FETCH_FAILED, f"too slow: not finished in {DEADLINE_FACTOR * self.options.fetch_timeout:g} s: {url}")
        return bytes(body)

    def _http(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                transport=_GuardedTransport(address_policy(self.options)),
                headers={"User-Agent": self.options.user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"},
                timeout=httpx.Timeout(self.options.fetch_timeout),
                follow_redirects=False,  # each hop is checked by get()
                trust_env=False,  # a proxy from the environment would make the address check moot
            )
        return self._client

    def _wait_turn(self, url: str) -> None:
        """Politeness: at least ``fetch_delay`` between two requests to the same host."""
        host = (urlsplit(url).hostname or "").lower()
        wait = self._last_request.get(host, -float("inf")) + self.options.fetch_delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last_request[host] = time.monotonic()

    def _back_off(self, attempt: int, retry_after: float | None) -> None:
        time.sleep(min(MAX_BACKOFF, retry_after if retry_after is not None else BACKOFF_BASE * 2**attempt))


def _checked_url(url: str) -> str:
    """``url`` if it is an http(s) URL with a host; file:, data:, ftp: and friends are refused."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"}:
        raise InputRejected(Reason.UNSUPPORTED, f"only http and https URLs are fetched: {url}")
    if not parts.hostname:
        raise InputRejected(Reason.FETCH_FAILED, f"no host in URL: {url}")
    return url


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: a number, or an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
