"""robots.txt as RFC 9309 reads it (with protego, the parser Scrapy uses), read once per host per run.

protego applies the longest matching rule (Allow wins a tie), `*` and `$` wildcards, the group of our
user agent before the `*` group, `Crawl-delay` and `Request-rate` (both become the host's delay in
politeness.py), and lists `Sitemap:` lines for discovery. Reading follows RFC 9309: a 4xx robots.txt
means no rules; an unreachable one (5xx, network errors after retries) means nothing may be fetched
from that host; rules past ROBOTS_MAX_BYTES may be ignored. A failure is remembered for the run like
rules are, so that a host's pages are refused with the same reason without asking again.
"""
from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from flows.fetching.errors import (
    FetchError, HostResolutionError, HTTPStatusError, InvalidURLError, RobotsDisallowedError,
    RobotsUnavailableError, TooLargeError,
)
from flows.fetching.outcome import Page
from flows.fetching.retry import retry_wait
from flows.fetching.settings import FetchSettings

ROBOTS_MAX_BYTES = 512 * 1024      # RFC 9309 asks crawlers to read at least 500 KiB
UNREACHABLE_HOST = ("connect_error", "connect_timeout", "dns_error", "private_address")

GetDocument = Callable[[str, int], Awaitable[Page]]   # (url, byte limit) -> the final response


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL, lower-cased: the key robots rules and host limits are kept by."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


@dataclass(frozen=True)
class RobotsFailure:
    """Why a host's robots.txt could not be read: the error every page of the host then fails with."""

    kind: type[FetchError]
    message: str
    code: str

    def error(self) -> FetchError:
        return self.kind(self.message, code=self.code, retryable=False)


class RobotsRules:
    """One host's robots.txt: what our user agent may fetch, its delay, its sitemaps.

    Pickles as its text (a Dask worker parses it again), so rules read once can travel with a batch.
    """

    def __init__(self, origin: str, text: str = "", failure: RobotsFailure | None = None):
        self.origin = origin
        self.text = text
        self.failure = failure
        self.parser = Protego.parse(text)

    def __reduce__(self):
        return RobotsRules, (self.origin, self.text, self.failure)

    def __repr__(self) -> str:
        return f"RobotsRules({self.origin!r}, {len(self.text)} chars{', failed' if self.failure else ''})"

    def check(self, url: str, user_agent: str) -> None:
        """Raise the host's robots failure, or RobotsDisallowedError when the rules refuse `url`."""
        if self.failure is not None:
            raise self.failure.error()
        if not self.parser.can_fetch(url, user_agent):
            raise RobotsDisallowedError(f"{self.origin}/robots.txt disallows {url_path(url)}")

    def allows(self, url: str, user_agent: str) -> bool:
        return self.failure is None and self.parser.can_fetch(url, user_agent)

    def delay(self, user_agent: str) -> float | None:
        """Seconds between requests the site asks of us: Crawl-delay, else Request-rate, else None."""
        delay = self.parser.crawl_delay(user_agent)
        if delay is None and (rate := self.parser.request_rate(user_agent)) is not None and rate.requests:
            delay = rate.seconds / rate.requests
        return float(delay) if delay else None

    @property
    def sitemaps(self) -> list[str]:
        """The `Sitemap:` URLs the file lists (for discovery), in order."""
        return list(self.parser.sitemaps)


def url_path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


class RobotsCache:
    """robots.txt rules by origin for one run: shared by every fetch call and thread that holds it.

    `rules_for` reads a host's robots.txt at most once while the cache lives, however many threads or
    event loops ask at the same time: the first reads it, the others wait for its answer.
    """

    def __init__(self, rules: dict[str, RobotsRules] | None = None):
        self.rules: dict[str, RobotsRules] = dict(rules or {})
        self._lock = threading.Lock()
        self._loading: dict[str, list[tuple[asyncio.AbstractEventLoop, asyncio.Future]]] = {}

    def __reduce__(self):
        return RobotsCache, (dict(self.rules),)

    def add(self, rules: dict[str, RobotsRules]) -> None:
        """Take rules read elsewhere (by the flow, for a batch on another process); known origins are kept."""
        with self._lock:
            for origin, rule in rules.items():
                self.rules.setdefault(origin, rule)

    def snapshot(self) -> dict[str, RobotsRules]:
        """The rules read so far (to hand to another process)."""
        with self._lock:
            return dict(self.rules)

    async def rules_for(self, origin: str, get: GetDocument, settings: FetchSettings) -> RobotsRules:
        """The origin's rules, read now by this caller or earlier by another."""
        loop = asyncio.get_running_loop()
        while True:
            with self._lock:
                if origin in self.rules:
                    return self.rules[origin]
                waiters = self._loading.get(origin)
                if waiters is None:
                    self._loading[origin] = []
                    break
                waiter = loop.create_future()
                waiters.append((loop, waiter))
            await waiter    # woken when the reader is done (or gave up: then this caller tries)
        rules = None
        try:
            rules = await read_robots(origin, get, settings)
        finally:
            with self._lock:
                if rules is not None:
                    self.rules[origin] = rules
                for waiter_loop, waiter in self._loading.pop(origin, []):
                    wake(waiter_loop, waiter)
        return rules


def wake(loop: asyncio.AbstractEventLoop, future: asyncio.Future) -> None:
    """Resolve a future of another thread's event loop (a loop that has ended has no one left to wake)."""
    def resolve() -> None:
        if not future.done():
            future.set_result(None)
    try:
        loop.call_soon_threadsafe(resolve)
    except RuntimeError:
        pass


async def read_robots(origin: str, get: GetDocument, settings: FetchSettings) -> RobotsRules:
    """Fetch and parse robots.txt (with retries): a 4xx means no rules, an unreachable one means none allowed."""
    for attempts in range(1, settings.retries + 2):
        try:
            page = await get(f"{origin}/robots.txt", ROBOTS_MAX_BYTES)
        except HTTPStatusError as exc:
            if exc.http_status and 400 <= exc.http_status < 500 and exc.http_status != 429:
                return RobotsRules(origin)
            error: FetchError = exc
        except TooLargeError:
            return RobotsRules(origin)   # RFC 9309 lets a crawler ignore rules past its size limit
        except FetchError as exc:
            error = exc
        else:
            return RobotsRules(origin, (page.content or b"").decode("utf-8", errors="replace"))
        wait = retry_wait(settings, error, attempts)
        if wait is None:
            break
        await asyncio.sleep(wait)
    if isinstance(error, (InvalidURLError, HostResolutionError)) or error.code in UNREACHABLE_HOST:
        # the host itself is unreachable: say so, rather than blame robots.txt
        return RobotsRules(origin, failure=RobotsFailure(type(error), str(error), error.code))
    return RobotsRules(origin, failure=RobotsFailure(
        RobotsUnavailableError, f"{origin}/robots.txt could not be read ({error.reason}), so nothing is fetched",
        RobotsUnavailableError.code))
