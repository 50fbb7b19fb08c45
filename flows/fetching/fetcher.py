"""The fetcher: one httpx client and every rule of flows/fetching around each request.

`fetch_many` takes (url, etag, last_modified) triples and returns one FetchOutcome per URL, in order;
it never raises for a bad URL or a bad server, the outcome says what happened (`status`, `reason`).
Each rule has a test in tests/test_fetch.py or tests/test_faults.py:

- the address rule (address_guard.py) on every redirect hop and on the dialled socket;
- robots.txt (robots.py) read once per host per call (or per RobotsCache passed in) and obeyed;
  its Crawl-delay raises the host's delay;
- at most `concurrency` requests in flight, `per_host_concurrency` per host, `politeness_delay` apart
  (politeness.py);
- conditional GET (If-None-Match / If-Modified-Since): a 304 is `not_modified`;
- retries with exponential backoff on 429, 500, 502, 503, 504 and network errors, honouring Retry-After
  up to `max_retry_after` (retry.py);
- redirects followed by hand, at most `max_redirects`, loops detected;
- accepted content types, binary bodies refused, bounded decompression (body.py);
- connect/read timeouts per socket operation, and `total_timeout` per attempt (a dripping body ends).
"""
from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from flows.fetching.address_guard import check_host_allowed, make_client
from flows.fetching.body import binary_signature, gz_url, media_type, read_body
from flows.fetching.errors import (
    FetchError, HTTPStatusError, InvalidURLError, NetworkError, RedirectError, RobotsDisallowedError,
    TotalTimeoutError, BinaryContentError,
)
from flows.fetching.outcome import FetchOutcome, Page, internal_failure, utcnow
from flows.fetching.politeness import HostGate
from flows.fetching.retry import RETRY_CODES, retry_after_seconds, retry_wait
from flows.fetching.robots import RobotsCache, load_robots, origin_of
from flows.fetching.settings import FetchSettings
from transforms.decoding import detect_charset

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
BAD_LOCATION_PREFIX = "Invalid URL in location header"
PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]+")


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
                    wait = retry_wait(self.settings, exc, attempts)
                    if wait is None:
                        return self.failure(url, exc, attempts, started, fetched_at)
                    await asyncio.sleep(wait)
                    continue
                return self.success(url, page, attempts, started, fetched_at)

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
                mime = media_type(url, response, self.settings.accepted_types, check=is_page)
                content = await read_body(response, limit)
                what = binary_signature(content)
                if is_page and what and not (what == "gzip data" and gz_url(url)):
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
        """The cached rules of `origin`, else robots.txt fetched and parsed (see robots.load_robots)."""
        if origin in self.robots.rules:
            return self.robots.rules[origin]
        return await load_robots(origin, self.get_document, self.settings)

    async def get_document(self, url: str, limit: int) -> Page:
        """A document that is not a page (robots.txt): no robots check, no content-type check."""
        return await self.attempt(url, None, None, limit, is_page=False)


async def fetch_all(urls: Sequence[tuple[str, str | None, str | None]], settings: FetchSettings,
                    robots: RobotsCache | None = None) -> list[FetchOutcome]:
    """Fetch every (url, etag, last_modified) concurrently; outcomes in input order."""
    async with make_client(settings) as client:
        fetcher = Fetcher(settings, client, robots)
        results = await asyncio.gather(*(fetcher.fetch(url, etag, modified) for url, etag, modified in urls),
                                       return_exceptions=True)
    return [result if isinstance(result, FetchOutcome) else internal_failure(url, result)
            for (url, _, _), result in zip(urls, results)]


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
