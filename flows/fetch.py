"""Fetching pages over HTTP with every rule a polite, safe crawler keeps.

`fetch_many` takes (url, etag, last_modified) triples and returns one FetchOutcome per URL, in order;
it never raises for a bad URL or a bad server, the outcome says what happened (`status`, `reason`).
The rules, each with a test in tests/test_fetch.py or tests/test_faults.py:

- only http(s); hosts that resolve to loopback, private, link-local, reserved, multicast or unspecified
  addresses are refused unless `allow_private_hosts` (or the host is in `allowed_hosts`). The check runs
  on every redirect hop, and again on the address the socket actually dials (no DNS-rebinding gap);
- robots.txt is read once per host per call (or per RobotsCache passed in) and obeyed (RFC 9309: a 4xx
  means no rules, an unreachable robots.txt means no fetching); its Crawl-delay raises the host's delay;
- at most `concurrency` requests in flight, `per_host_concurrency` per host, `politeness_delay` apart;
- conditional GET (If-None-Match / If-Modified-Since): a 304 is `not_modified`;
- retries with exponential backoff on 429, 500, 502, 503, 504 and network errors, honouring Retry-After
  up to `max_retry_after` (a longer wait is a failure, not a hang);
- redirects followed by hand, at most `max_redirects`, loops detected;
- the content type must be one of `accepted_types`, and a body that is binary is refused whatever its label;
- the body is decompressed here, in bounded steps, so `max_bytes` caps the decompressed size while
  streaming (a gzip bomb stops after `max_bytes`, memory stays bounded);
- connect/read timeouts per socket operation, and `total_timeout` per attempt (a dripping body ends).
"""
from __future__ import annotations

import asyncio
import codecs
import ipaddress
import random
import re
import socket
import ssl
import time
import zlib
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Literal
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from transforms.discover import looks_binary

FetchStatus = Literal["ok", "not_modified", "failed", "refused"]

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
RETRY_CODES = frozenset({429, 500, 502, 503, 504})
WEB_SCHEMES = ("http", "https")
BAD_LOCATION_PREFIX = "Invalid URL in location header"
UNREACHABLE_HOST = ("connect_error", "connect_timeout", "dns_error", "private_address")
INFLATE_STEP = 64 * 1024           # most bytes one decompression step may produce
ROBOTS_MAX_BYTES = 512 * 1024      # RFC 9309 asks crawlers to read at least 500 KiB
GZIP_TYPES = ("application/gzip", "application/x-gzip", "application/octet-stream")  # allowed for *.gz URLs

CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:\-]+)", re.IGNORECASE)
META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([\w.:\-]+)", re.IGNORECASE)
PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]+")
XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([\w.:\-]+)[\"']", re.IGNORECASE)
BINARY_SIGNATURES = (
    (b"%PDF-", "a PDF"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive"), (b"\x1f\x8b", "gzip data"), (b"BZh", "bzip2 data"), (b"\x7fELF", "an ELF binary"),
    (b"RIFF", "a RIFF media file"), (b"\x00\x00\x00", "binary data"),
)

DEFAULT_USER_AGENT = "chipdemand/0.1 (+https://github.com/chipdemand/chipdemand; AI chip demand tracker)"
DEFAULT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/rss+xml", "application/atom+xml",
                 "application/xml", "text/xml")


@dataclass(frozen=True)
class FetchSettings:
    """How to fetch: limits, politeness and safety. Passed down as a value; nothing is read from the environment."""

    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 60.0          # per attempt; bounds a body that drips a byte at a time
    max_bytes: int = 10 * 1024 * 1024    # cap on the DECOMPRESSED body, enforced while streaming
    max_redirects: int = 5
    retries: int = 3
    backoff_base: float = 0.5
    max_retry_after: float = 30.0
    per_host_concurrency: int = 4
    politeness_delay: float = 0.0
    concurrency: int = 16
    user_agent: str = DEFAULT_USER_AGENT
    allow_private_hosts: bool = False
    respect_robots: bool = True
    accepted_types: tuple[str, ...] = DEFAULT_TYPES
    allowed_hosts: tuple[str, ...] = ()  # host names or IP literals exempt from the private-address rule

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "read_timeout", "total_timeout", "max_bytes", "per_host_concurrency",
                     "concurrency"):
            if not getattr(self, name) > 0:
                raise ValueError(f"FetchSettings.{name} must be positive, got {getattr(self, name)!r}")
        for name in ("max_redirects", "retries", "backoff_base", "max_retry_after", "politeness_delay"):
            if getattr(self, name) < 0:
                raise ValueError(f"FetchSettings.{name} must not be negative, got {getattr(self, name)!r}")


@dataclass(frozen=True)
class FetchOutcome:
    """What fetching one URL gave: the page, a 304, or the reason there is none.

    `reason` is "<code>: <message>", the code short and machine-readable (too_large, timeout, ...).
    `fetched_at` is naive UTC, the form the warehouse's TIMESTAMP columns hold.
    """

    url: str
    final_url: str | None
    status: FetchStatus
    http_status: int | None
    content: bytes | None
    content_type: str | None
    charset: str | None
    etag: str | None
    last_modified: str | None
    reason: str | None
    attempts: int
    elapsed_s: float
    fetched_at: datetime
    charset_source: str | None = None    # bom, header, meta, sniffed or fallback


class FetchError(Exception):
    """A fetch that gave no usable page. `code` names the rule; `status` is the outcome status it maps to."""

    code = "failed"
    status: FetchStatus = "failed"
    retryable = False

    def __init__(self, message: str, *, http_status: int | None = None, retry_after: float | None = None,
                 code: str | None = None, retryable: bool | None = None):
        super().__init__(message)
        self.http_status = http_status
        self.retry_after = retry_after
        self.code = code or self.code
        self.retryable = self.retryable if retryable is None else retryable

    @property
    def reason(self) -> str:
        return f"{self.code}: {self}"


class InvalidURLError(FetchError):
    code, status = "invalid_url", "refused"


class PrivateAddressError(FetchError):
    code, status = "private_address", "refused"


class HostResolutionError(FetchError):
    code = "dns_error"


class RobotsDisallowedError(FetchError):
    code, status = "robots_disallowed", "refused"


class RobotsUnavailableError(FetchError):
    code, status = "robots_unavailable", "refused"


class RedirectError(FetchError):
    code = "bad_redirect"


class HTTPStatusError(FetchError):
    code = "http_error"


class ContentTypeError(FetchError):
    code = "unsupported_type"


class BinaryContentError(FetchError):
    code = "binary_content"


class TooLargeError(FetchError):
    code = "too_large"


class ContentEncodingError(FetchError):
    code = "bad_encoding"


class NetworkError(FetchError):
    code, retryable = "network_error", True


class TotalTimeoutError(FetchError):
    code = "timeout"


# ---- addresses -------------------------------------------------------------------------------------------

def address_problem(address: str) -> str | None:
    """Why an IP address may not be fetched by default ('loopback', 'private', ...), or None for a public one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "non-global"


def refuse_private(host: str, addresses: Sequence[str]) -> None:
    """Raise PrivateAddressError if any address of `host` is not a public one."""
    for address in addresses:
        problem = address_problem(address)
        if problem:
            shown = host if host == address else f"{host} resolves to {address}"
            raise PrivateAddressError(
                f"{shown}, a {problem} address; fetching loopback/private hosts is refused by default "
                "(use --allow-private-hosts, or allow_private_hosts=True, for local servers and tests)")


def url_host(url: str) -> tuple[str, int]:
    """(host, port) of an http(s) URL; InvalidURLError for anything else."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InvalidURLError(f"{url!r}: {exc}") from exc
    if parts.scheme.lower() not in WEB_SCHEMES:
        raise InvalidURLError(f"{url!r}: only http and https URLs are fetched", code="unsupported_scheme")
    if not parts.hostname:
        raise InvalidURLError(f"{url!r}: no host")
    return parts.hostname, port or (443 if parts.scheme.lower() == "https" else 80)


def is_ip_literal(host: str) -> bool:
    """True for '10.0.0.1' or '::1'; False for names."""
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (IP literals resolve to themselves)."""
    if is_ip_literal(host):
        return [host]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise HostResolutionError(f"cannot resolve {host}: {exc}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def check_host_allowed(url: str, allow_private_hosts: bool, allowed_hosts: Sequence[str] = ()) -> None:
    """Raise unless `url` is http(s) on a host whose every address is public (or private hosts are allowed).

    Raises InvalidURLError, HostResolutionError, or PrivateAddressError with a message naming the flag.
    """
    host, port = url_host(url)
    if allow_private_hosts or host.lower() in allowed_hosts:
        return
    refuse_private(host, resolve(host, port))


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, but every TCP connect dials an address that passed the private-address rule.

    The per-hop check resolves the name once; the socket would resolve it again. Resolving here and
    dialling the checked address closes the gap a DNS-rebinding host would use.
    """

    def __init__(self, allow_private_hosts: bool, allowed_hosts: Sequence[str]):
        self.inner = httpcore.AnyIOBackend()
        self.allow_private_hosts = allow_private_hosts
        self.allowed_hosts = tuple(h.lower() for h in allowed_hosts)

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                          socket_options=None) -> httpcore.AsyncNetworkStream:
        if self.allow_private_hosts or host.lower() in self.allowed_hosts:
            return await self.inner.connect_tcp(host, port, timeout, local_address, socket_options)
        addresses = await asyncio.to_thread(resolve, host, port)
        refuse_private(host, addresses)
        return await self.inner.connect_tcp(addresses[0], port, timeout, local_address, socket_options)

    async def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options=None):
        raise httpcore.ConnectError("unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


@lru_cache(maxsize=1)
def tls_context() -> ssl.SSLContext:
    """One verifying TLS context per process: building one loads the CA bundle (tens of ms), and every batch
    makes a client. SSLContext is safe to share between threads and event loops."""
    return httpx.create_ssl_context(trust_env=False)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport over a connection pool that uses GuardedBackend."""

    def __init__(self, settings: FetchSettings):
        super().__init__(verify=tls_context(), trust_env=False)
        # httpx has no parameter for the network backend; the pool is rebuilt with httpcore's public API.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=tls_context(),
            max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency,
            network_backend=GuardedBackend(settings.allow_private_hosts, settings.allowed_hosts))


# ---- bodies ----------------------------------------------------------------------------------------------

class BodyDecoder:
    """Undo a Content-Encoding in steps of at most INFLATE_STEP bytes, so a bomb is caught before it inflates.

    (httpx's own decoders inflate each network chunk in one call: 64 KiB of gzip can become 64 MiB.)
    """

    def __init__(self, encoding: str | None):
        self.encoding = (encoding or "identity").strip().lower()
        if self.encoding in ("", "identity"):
            self.inflater = None
        elif self.encoding in ("gzip", "x-gzip"):
            self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.encoding == "deflate":
            self.inflater = zlib.decompressobj()
        else:
            raise ContentEncodingError(f"{self.encoding} is not an encoding we asked for", code="unsupported_encoding")
        self.started = False

    def inflate(self, data: bytes) -> bytes:
        """One bounded step; a deflate body without the zlib header is retried as raw deflate."""
        try:
            out = self.inflater.decompress(data, INFLATE_STEP)
        except zlib.error as exc:
            if self.encoding != "deflate" or self.started:
                raise ContentEncodingError(f"corrupt {self.encoding} body: {exc}") from exc
            self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            return self.inflate(data)
        self.started = True
        return out

    def feed(self, data: bytes) -> Iterator[bytes]:
        """Decoded pieces of one network chunk."""
        if self.inflater is None:
            yield data
            return
        pending = data
        while True:   # an empty `pending` still drains output zlib holds back after a full step
            out = self.inflate(pending)
            pending = self.inflater.unconsumed_tail
            if self.encoding != "deflate" and self.inflater.eof and self.inflater.unused_data:
                pending = self.inflater.unused_data   # a second gzip member follows
                self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            if out:
                yield out
            if not pending and len(out) < INFLATE_STEP:
                return

    def flush(self) -> bytes:
        """What is left at the end of the body; a compressed stream that stops short is an error."""
        if self.inflater is None:
            return b""
        rest = self.inflater.flush()
        if not self.inflater.eof:
            raise ContentEncodingError(f"truncated {self.encoding} body")
        return rest


def binary_signature(content: bytes) -> str | None:
    """What a body that is not text looks like ('a PDF', 'NUL bytes'), or None for text."""
    for magic, what in BINARY_SIGNATURES:
        if content.startswith(magic):
            return what
    return "NUL bytes" if looks_binary(content) else None


def decodes_as(content: bytes, charset: str) -> str | None:
    """The codec's canonical name if `content` decodes with it strictly, else None (unknown or wrong label)."""
    try:
        name = codecs.lookup(charset).name
        content.decode(name)
    except (LookupError, UnicodeDecodeError):
        return None
    return name


def detect_charset(content: bytes, content_type: str | None) -> tuple[str | None, str | None]:
    """(charset, where it came from): BOM, then header, then <meta>/XML declaration, then a UTF-8 sniff.

    A label that names no codec, or that the bytes do not decode with, is passed over, so a page
    served as UTF-8 but written in Latin-1 gets a charset that decodes it.
    """
    if not content:
        return None, None
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if content.startswith(bom):
            return name, "bom"
    head = content[:4096]
    candidates = [(m.group(1), "header") for m in [CHARSET_PARAM.search(content_type or "")] if m]
    declared = (XML_ENCODING.search(head), META_CHARSET.search(head))
    candidates += [(m.group(1).decode("ascii"), "meta") for m in declared if m]
    for label, source in candidates:
        name = decodes_as(content, label)
        if name:
            return name, source
    if decodes_as(content, "utf-8"):
        return "utf-8", "sniffed"
    return "windows-1252", "fallback"


# ---- retries ---------------------------------------------------------------------------------------------

def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); None when absent or unreadable."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def backoff_delay(attempt: int, base: float) -> float:
    """Exponential backoff with jitter before retry number `attempt` (1, 2, ...): base·2^(n-1)·[0.5, 1)."""
    return base * 2 ** (attempt - 1) * (0.5 + random.random() / 2)


# ---- fetching --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Page:
    """One successful final response (or a 304)."""

    url: str
    http_status: int
    content: bytes | None
    content_type: str | None
    etag: str | None
    last_modified: str | None


@dataclass
class RobotsCache:
    """robots.txt rules by origin, to share across fetch calls (discovery fetches one document per call).

    Only rules that were read are kept; an unreachable robots.txt is tried again by the next call.
    """

    rules: dict[str, RobotFileParser] = field(default_factory=dict)


@dataclass
class HostGate:
    """Per-host limits within one fetch_many call: concurrency slots, politeness spacing, robots rules."""

    slots: asyncio.Semaphore
    delay: float
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_at: float = 0.0
    robots: asyncio.Task | None = None

    async def wait_turn(self) -> None:
        """Sleep until `delay` seconds have passed since the previous request to this host."""
        async with self.lock:
            loop = asyncio.get_running_loop()
            wait = self.next_at - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            self.next_at = loop.time() + self.delay


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class Fetcher:
    """Fetches URLs on one httpx client, keeping per-host state for the length of one call."""

    def __init__(self, settings: FetchSettings, client: httpx.AsyncClient, robots: RobotsCache | None = None):
        self.settings = settings
        self.client = client
        self.robots = robots if robots is not None else RobotsCache()
        self.slots = asyncio.Semaphore(max(1, settings.concurrency))
        self.gates: dict[str, HostGate] = {}

    def gate(self, url: str) -> HostGate:
        key = origin_of(url)
        if key not in self.gates:
            self.gates[key] = HostGate(asyncio.Semaphore(max(1, self.settings.per_host_concurrency)),
                                       self.settings.politeness_delay)
        return self.gates[key]

    async def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> FetchOutcome:
        """One URL, with retries: always an outcome, never an exception for what the URL or server did."""
        started, fetched_at, attempts = time.monotonic(), utcnow(), 0
        async with self.slots:
            while True:
                attempts += 1
                try:
                    page = await self.attempt(url, etag, last_modified, self.settings.max_bytes, is_page=True)
                except FetchError as exc:
                    wait = self.retry_wait(exc, attempts)
                    if wait is None:
                        return self.failure(url, exc, attempts, started, fetched_at)
                    await asyncio.sleep(wait)
                    continue
                return self.success(url, page, attempts, started, fetched_at)

    def retry_wait(self, exc: FetchError, attempts: int) -> float | None:
        """Seconds to wait before retrying after `exc`, or None to give up (and say why in exc)."""
        if not exc.retryable or attempts > self.settings.retries:
            return None
        if exc.retry_after is not None:
            if exc.retry_after > self.settings.max_retry_after:
                exc.args = (f"{exc}; Retry-After {exc.retry_after:g}s exceeds max_retry_after "
                            f"{self.settings.max_retry_after:g}s",)
                return None
            return exc.retry_after
        return backoff_delay(attempts, self.settings.backoff_base)

    def success(self, url: str, page: Page, attempts: int, started: float, fetched_at: datetime) -> FetchOutcome:
        charset, source = detect_charset(page.content or b"", page.content_type)
        return FetchOutcome(
            url=url, final_url=page.url, status="not_modified" if page.http_status == 304 else "ok",
            http_status=page.http_status, content=page.content, content_type=page.content_type, charset=charset,
            etag=page.etag, last_modified=page.last_modified, reason=None, attempts=attempts,
            elapsed_s=time.monotonic() - started, fetched_at=fetched_at, charset_source=source)

    def failure(self, url: str, exc: FetchError, attempts: int, started: float, fetched_at: datetime) -> FetchOutcome:
        return FetchOutcome(
            url=url, final_url=None, status=exc.status, http_status=exc.http_status, content=None, content_type=None,
            charset=None, etag=None, last_modified=None, reason=exc.reason, attempts=attempts,
            elapsed_s=time.monotonic() - started, fetched_at=fetched_at)

    async def attempt(self, url: str, etag: str | None, last_modified: str | None, limit: int, is_page: bool) -> Page:
        """One try at the URL and its redirects, bounded by total_timeout."""
        try:
            async with asyncio.timeout(self.settings.total_timeout):
                return await self.follow(url, etag, last_modified, limit, is_page)
        except TimeoutError as exc:
            raise TotalTimeoutError(f"no complete response within total_timeout {self.settings.total_timeout:g}s") \
                from exc

    async def follow(self, url: str, etag: str | None, last_modified: str | None, limit: int, is_page: bool) -> Page:
        """GET the URL, following up to max_redirects redirects, each hop checked like the first."""
        seen: set[str] = set()
        current = url
        for _ in range(self.settings.max_redirects + 1):
            if current in seen:
                raise RedirectError(f"redirect loop back to {current}", code="redirect_loop")
            seen.add(current)
            await self.check_allowed(current, is_page)
            gate = self.gate(current)
            async with gate.slots:
                await gate.wait_turn()
                page, location = await self.request(current, etag, last_modified, limit, is_page)
            if page is not None:
                return page
            current = location
        raise RedirectError(f"more than {self.settings.max_redirects} redirects", code="too_many_redirects")

    async def check_allowed(self, url: str, is_page: bool) -> None:
        """The address rule and, for pages (not robots.txt itself), the host's robots.txt."""
        s = self.settings
        await asyncio.to_thread(check_host_allowed, url, s.allow_private_hosts, s.allowed_hosts)
        if is_page and s.respect_robots:
            parser = await self.robots_for(url)
            if not parser.can_fetch(s.user_agent, url):
                raise RobotsDisallowedError(f"{origin_of(url)}/robots.txt disallows {urlsplit(url).path or '/'}")

    def headers(self, etag: str | None, last_modified: str | None) -> dict[str, str]:
        headers = {"User-Agent": self.settings.user_agent, "Accept-Encoding": "gzip, deflate",
                   "Accept": ", ".join(self.settings.accepted_types) + ", */*;q=0.1"}
        # A stored validator that is not printable ASCII cannot be sent back; the GET is then unconditional.
        if etag and PRINTABLE_ASCII.fullmatch(etag):
            headers["If-None-Match"] = etag
        if last_modified and PRINTABLE_ASCII.fullmatch(last_modified):
            headers["If-Modified-Since"] = last_modified
        return headers

    async def request(self, url: str, etag: str | None, last_modified: str | None, limit: int,
                      is_page: bool) -> tuple[Page | None, str]:
        """One GET: (page, '') for a final response, (None, next URL) for a redirect."""
        try:
            async with self.client.stream("GET", url, headers=self.headers(etag, last_modified)) as response:
                code = response.status_code
                if code in REDIRECT_CODES:
                    location = response.headers.get("location")
                    if not location:
                        raise RedirectError(f"{code} without a Location header", http_status=code)
                    return None, urljoin(url, location.strip())
                if code == 304:
                    return self.page(url, response, None), ""
                if code >= 400 or code < 200:
                    raise HTTPStatusError(f"{code} {response.reason_phrase}".strip(), http_status=code,
                                          retryable=code in RETRY_CODES,
                                          retry_after=retry_after_seconds(response.headers.get("retry-after")))
                mime = self.check_type(url, response, check=is_page)
                content = await self.read_body(response, limit)
                what = binary_signature(content)
                if is_page and what and not (what == "gzip data" and self.gz_url(url)):
                    raise BinaryContentError(f"labelled {mime or 'with no type'} but the body is {what}",
                                             http_status=code)
                return self.page(url, response, content), ""
        except httpx.TimeoutException as exc:
            kind = "connect_timeout" if isinstance(exc, httpx.ConnectTimeout) else "read_timeout"
            raise NetworkError(f"{type(exc).__name__} after {self.settings.read_timeout:g}s read / "
                               f"{self.settings.connect_timeout:g}s connect limit", code=kind) from exc
        except httpx.RemoteProtocolError as exc:
            if str(exc).startswith(BAD_LOCATION_PREFIX):   # httpx parses Location itself, even when not following
                raise RedirectError(str(exc)) from exc
            raise NetworkError(f"{type(exc).__name__}: {exc}") from exc
        except httpx.ConnectError as exc:
            raise NetworkError(str(exc) or type(exc).__name__, code="connect_error") from exc
        except (httpx.TransportError, OSError) as exc:
            raise NetworkError(f"{type(exc).__name__}: {exc}") from exc
        except httpx.InvalidURL as exc:
            raise InvalidURLError(str(exc)) from exc

    @staticmethod
    def page(url: str, response: httpx.Response, content: bytes | None) -> Page:
        h = response.headers
        return Page(url, response.status_code, content, h.get("content-type"), h.get("etag"), h.get("last-modified"))

    @staticmethod
    def gz_url(url: str) -> bool:
        return urlsplit(url).path.lower().endswith(".gz")

    def check_type(self, url: str, response: httpx.Response, check: bool) -> str | None:
        """The response's media type; ContentTypeError if it is not one we accept."""
        mime = (response.headers.get("content-type") or "").split(";")[0].strip().lower() or None
        if check and mime and mime not in self.settings.accepted_types \
                and not (mime in GZIP_TYPES and self.gz_url(url)):
            raise ContentTypeError(f"{mime} is not an accepted type", http_status=response.status_code)
        return mime

    async def read_body(self, response: httpx.Response, limit: int) -> bytes:
        """The decoded body, refused as soon as it (or the raw stream) passes `limit` bytes."""
        declared = response.headers.get("content-length", "")
        encoding = response.headers.get("content-encoding")
        if declared.isdigit() and int(declared) > limit and not encoding:
            raise TooLargeError(f"Content-Length {declared} exceeds {limit} bytes", http_status=response.status_code)
        decoder = BodyDecoder(encoding)
        body, raw_total = bytearray(), 0
        async for raw in response.aiter_raw():
            raw_total += len(raw)
            for piece in decoder.feed(raw):
                body += piece
                if len(body) > limit:
                    raise TooLargeError(f"body exceeds {limit} bytes", http_status=response.status_code)
            if raw_total > limit:
                raise TooLargeError(f"body exceeds {limit} bytes on the wire", http_status=response.status_code)
        body += decoder.flush()
        if len(body) > limit:
            raise TooLargeError(f"body exceeds {limit} bytes", http_status=response.status_code)
        return bytes(body)

    async def robots_for(self, url: str) -> RobotFileParser:
        """The host's robots.txt rules, fetched once per host (concurrent callers share the fetch)."""
        gate, origin = self.gate(url), origin_of(url)
        if gate.robots is None:
            gate.robots = asyncio.ensure_future(self.load_robots(origin))
        parser = await asyncio.shield(gate.robots)
        self.robots.rules[origin] = parser
        delay = parser.crawl_delay(self.settings.user_agent)
        if delay:
            gate.delay = max(gate.delay, min(float(delay), self.settings.max_retry_after))
        return parser

    async def load_robots(self, origin: str) -> RobotFileParser:
        """Fetch and parse robots.txt (with retries); a 4xx means no rules, an unreachable one means none allowed."""
        if origin in self.robots.rules:
            return self.robots.rules[origin]
        parser = RobotFileParser(f"{origin}/robots.txt")
        for attempts in range(1, self.settings.retries + 2):
            try:
                page = await self.attempt(f"{origin}/robots.txt", None, None, ROBOTS_MAX_BYTES, is_page=False)
            except HTTPStatusError as exc:
                if exc.http_status and 400 <= exc.http_status < 500 and exc.http_status != 429:
                    parser.parse([])
                    return parser
                error: FetchError = exc
            except TooLargeError:
                parser.parse([])   # RFC 9309 lets a crawler ignore rules past its size limit
                return parser
            except FetchError as exc:
                error = exc
            else:
                parser.parse((page.content or b"").decode("utf-8", errors="replace").splitlines())
                return parser
            wait = self.retry_wait(error, attempts)
            if wait is None:
                break
            await asyncio.sleep(wait)
        if isinstance(error, (InvalidURLError, HostResolutionError)) or error.code in UNREACHABLE_HOST:
            error.retryable = False   # the host itself is unreachable: say so, rather than blame robots.txt
            raise error
        raise RobotsUnavailableError(f"{origin}/robots.txt could not be read ({error.reason}), so nothing is fetched")


def make_client(settings: FetchSettings) -> httpx.AsyncClient:
    """An httpx client that follows no redirects itself, reads no proxy settings from the environment,
    and connects through GuardedTransport."""
    timeout = httpx.Timeout(connect=settings.connect_timeout, read=settings.read_timeout,
                            write=settings.read_timeout, pool=None)
    return httpx.AsyncClient(transport=GuardedTransport(settings), timeout=timeout, follow_redirects=False,
                             trust_env=False)


async def fetch_all(urls: Sequence[tuple[str, str | None, str | None]], settings: FetchSettings,
                    robots: RobotsCache | None = None) -> list[FetchOutcome]:
    """Fetch every (url, etag, last_modified) concurrently; outcomes in input order."""
    async with make_client(settings) as client:
        fetcher = Fetcher(settings, client, robots)
        results = await asyncio.gather(*(fetcher.fetch(url, etag, modified) for url, etag, modified in urls),
                                       return_exceptions=True)
    return [result if isinstance(result, FetchOutcome) else internal_failure(url, result)
            for (url, _, _), result in zip(urls, results)]


def internal_failure(url: str, exc: BaseException) -> FetchOutcome:
    """An outcome for an exception no fetch rule foresaw: one bad URL must not cost the whole batch its pages."""
    if not isinstance(exc, Exception):   # KeyboardInterrupt, SystemExit, cancellation: not ours to swallow
        raise exc
    return FetchOutcome(url=url, final_url=None, status="failed", http_status=None, content=None, content_type=None,
                        charset=None, etag=None, last_modified=None,
                        reason=f"internal_error: {type(exc).__name__}: {exc}", attempts=1, elapsed_s=0.0,
                        fetched_at=utcnow())


def run_coroutine(coro):
    """Run a coroutine to completion from sync code, also when this thread already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def fetch_many(urls: Sequence[tuple[str, str | None, str | None]], settings: FetchSettings,
               robots: RobotsCache | None = None) -> list[FetchOutcome]:
    """Fetch (url, etag, last_modified) triples; one FetchOutcome per URL, in the same order. Never raises per URL.

    robots.txt is read once per host per call, or once per `robots` cache when one is passed in.
    """
    if not urls:
        return []
    return run_coroutine(fetch_all(list(urls), settings, robots))


def fetch_one(url: str, settings: FetchSettings, etag: str | None = None, last_modified: str | None = None,
              robots: RobotsCache | None = None) -> FetchOutcome:
    """Fetch one URL (conditional when etag/last_modified are given)."""
    return fetch_many([(url, etag, last_modified)], settings, robots)[0]
