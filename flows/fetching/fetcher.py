"""The fetcher: one httpx client and every rule of flows/fetching around each request.

`fetch_many` takes (url, etag, last_modified) triples and returns one FetchOutcome per URL, in order;
it never raises for a bad URL or a bad server, the outcome says what happened (`status`, `reason`).
Each rule has a test in tests/test_fetch.py or tests/test_faults.py:

- the address rule (address_guard.py) on every redirect hop and on the dialled socket;
- robots.txt (robots.py) read once per host per call, or once per run for the batches of a run
  (scope.py), and obeyed; its Crawl-delay raises the host's delay;
- at most `concurrency` requests in flight, `per_host_concurrency` per host, `politeness_delay` apart
  (politeness.py), per call or across the whole run, and across processes (global_limits.py);
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
from urllib.parse import urljoin

import httpx

from flows.fetching.address_guard import check_host_allowed, make_client, uses_proxy
from flows.fetching.body import binary_signature, gz_url, media_type, read_body
from flows.fetching.errors import (
    BinaryContentError, FetchError, HostResolutionError, HTTPStatusError, InvalidURLError, NetworkError, RedirectError,
    TotalTimeoutError,
)
from flows.fetching.global_limits import global_turn
from flows.fetching.outcome import FetchOutcome, Page, internal_failure, utcnow
from flows.fetching.politeness import HostLimits
from flows.fetching.retry import RETRY_CODES, retry_after_seconds, retry_wait
from flows.fetching.robots import RobotsCache, RobotsRules, origin_of
from flows.fetching.scope import FetchScope, GlobalHostLimit, shared_state
from flows.fetching.settings import FetchSettings
from transforms.decoding import detect_charset

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
BAD_LOCATION_PREFIX = "Invalid URL in location header"
PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]+")


class Fetcher:
    """Fetches URLs on one httpx client, under per-host limits and robots rules it may share with other fetchers.

    `limits` and `robots` default to fresh ones for this fetcher alone; a run passes its shared ones
    (scope.py), and `global_limits` names the Prefect limits that bound each host across processes.
    """

    def __init__(self, settings: FetchSettings, client: httpx.AsyncClient, robots: RobotsCache | None = None,
                 limits: HostLimits | None = None, global_limits: dict[str, GlobalHostLimit] | None = None):
        self.settings = settings
        self.client = client
        self.robots = robots if robots is not None else RobotsCache()
        self.limits = limits if limits is not None else HostLimits(
            settings.per_host_concurrency, settings.politeness_delay, max_delay=settings.max_retry_after)
        self.global_limits = global_limits or {}
        self.slots = asyncio.Semaphore(max(1, settings.concurrency))

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
            origin = origin_of(current)
            async with self.limits.turn(origin), global_turn(self.global_limits.get(origin)):
                page, location = await self.request(current, etag, last_modified, limit, is_page)
            if page is not None:
                return page
            current = location
        raise RedirectError(f"more than {self.settings.max_redirects} redirects", code="too_many_redirects")

    async def check_allowed(self, url: str, is_page: bool) -> None:
        """The address rule and, for pages (not robots.txt itself), the host's robots.txt."""
        s = self.settings
        try:
            await asyncio.to_thread(check_host_allowed, url, s.allow_private_hosts, s.allowed_hosts)
        except HostResolutionError:
            if not uses_proxy(s, url):   # behind a proxy, a name only the proxy resolves is the proxy's to reach
                raise
        if is_page and s.respect_robots:
            (await self.robots_for(url)).check(url, s.user_agent)

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

    async def robots_for(self, url: str) -> RobotsRules:
        """The host's robots.txt rules, read once per cache (concurrent callers share the read); its
        Crawl-delay or Request-rate raises the host's delay."""
        origin = origin_of(url)
        rules = await self.robots.rules_for(origin, self.get_document, self.settings)
        self.limits.ask_delay(origin, rules.delay(self.settings.user_agent))
        return rules

    async def get_document(self, url: str, limit: int) -> Page:
        """A document that is not a page (robots.txt): no robots check, no content-type check."""
        return await self.attempt(url, None, None, limit, is_page=False)


async def fetch_all(urls: Sequence[tuple[str, str | None, str | None]], settings: FetchSettings,
                    robots: RobotsCache | None = None, scope: FetchScope | None = None) -> list[FetchOutcome]:
    """Fetch every (url, etag, last_modified) concurrently; outcomes in input order."""
    async with make_client(settings) as client:
        fetcher = fetcher_for(settings, client, robots, scope)
        results = await asyncio.gather(*(fetcher.fetch(url, etag, modified) for url, etag, modified in urls),
                                       return_exceptions=True)
    return [result if isinstance(result, FetchOutcome) else internal_failure(url, result)
            for (url, _, _), result in zip(urls, results)]


def fetcher_for(settings: FetchSettings, client: httpx.AsyncClient, robots: RobotsCache | None,
                scope: FetchScope | None) -> Fetcher:
    """A Fetcher on the run's shared limits and robots rules when a scope is given, else on its own."""
    if scope is None:
        return Fetcher(settings, client, robots)
    shared = shared_state(scope, settings)
    if robots is not None:
        shared.robots.add(robots.snapshot())
    return Fetcher(settings, client, shared.robots, shared.limits, scope.global_limits)


async def read_all_robots(origins: Sequence[str], settings: FetchSettings, scope: FetchScope | None = None,
                          robots: RobotsCache | None = None) -> dict[str, RobotsRules]:
    """Read the robots.txt of every origin (concurrently, within the host limits); rules by origin."""
    async with make_client(settings) as client:
        fetcher = fetcher_for(settings, client, robots, scope)
        rules = await asyncio.gather(*(fetcher.robots_for(origin + "/") for origin in origins),
                                     return_exceptions=True)
    # an origin whose read failed unforeseen is left out: its batches read its robots.txt themselves
    return {origin: rule for origin, rule in zip(origins, rules) if isinstance(rule, RobotsRules)}


def run_coroutine(coro):
    """Run a coroutine to completion from sync code, also when this thread already runs an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


def fetch_many(urls: Sequence[tuple[str, str | None, str | None]], settings: FetchSettings,
               robots: RobotsCache | None = None, scope: FetchScope | None = None) -> list[FetchOutcome]:
    """Fetch (url, etag, last_modified) triples; one FetchOutcome per URL, in the same order. Never raises per URL.

    Per-host limits and robots.txt rules hold for this call alone, or for the whole run when a `scope`
    is given (every batch of the run shares them); `robots` shares rules read by earlier calls.
    """
    if not urls:
        return []
    return run_coroutine(fetch_all(list(urls), settings, robots, scope))


def fetch_one(url: str, settings: FetchSettings, etag: str | None = None, last_modified: str | None = None,
              robots: RobotsCache | None = None, scope: FetchScope | None = None) -> FetchOutcome:
    """Fetch one URL (conditional when etag/last_modified are given)."""
    return fetch_many([(url, etag, last_modified)], settings, robots, scope)[0]


def prefetch_robots(origins: Sequence[str], settings: FetchSettings, scope: FetchScope | None = None,
                    robots: RobotsCache | None = None) -> dict[str, RobotsRules]:
    """Read, once for the run (or once per `robots` cache), the robots.txt of every origin; rules by origin
    (to hand to batches on other processes with `scope.with_robots`, or for their Sitemap: lines)."""
    if not origins or not settings.respect_robots:
        return {}
    return run_coroutine(read_all_robots(list(dict.fromkeys(origins)), settings, scope, robots))


def prepare_scope(scope: FetchScope, urls: Sequence[str], settings: FetchSettings,
                  across_processes: bool) -> FetchScope:
    """The scope a run hands its batches: the robots rules of every host it will fetch from, read once
    here; and, when batches run on several processes, the Prefect limits that bound each host there."""
    origins = list(dict.fromkeys(origin_of(url) for url in urls if url.lower().startswith(("http://", "https://"))))
    scope = scope.with_robots(prefetch_robots(origins, settings, scope))
    if across_processes and origins:
        from flows.fetching.global_limits import ensure_global_limits

        delays = {o: rules.delay(settings.user_agent) or 0.0 for o, rules in scope.robots.items()}
        scope = scope.with_global_limits(ensure_global_limits(origins, settings, delays))
    return scope
