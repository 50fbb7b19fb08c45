"""robots.txt: reading a host's rules and keeping them for the run.

RFC 9309: a 4xx robots.txt means no rules, an unreachable one (5xx, network errors after retries)
means nothing may be fetched; rules past the size limit may be ignored.
"""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from flows.fetching.errors import (
    FetchError, HostResolutionError, HTTPStatusError, InvalidURLError, RobotsUnavailableError, TooLargeError,
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


@dataclass
class RobotsCache:
    """robots.txt rules by origin, to share across fetch calls (discovery fetches one document per call).

    Only rules that were read are kept; an unreachable robots.txt is tried again by the next call.
    """

    rules: dict[str, RobotFileParser] = field(default_factory=dict)


def rules_from_text(origin: str, text: str) -> RobotFileParser:
    """Parsed rules of one robots.txt."""
    parser = RobotFileParser(f"{origin}/robots.txt")
    parser.parse(text.splitlines())
    return parser


async def load_robots(origin: str, get: GetDocument, settings: FetchSettings) -> RobotFileParser:
    """Fetch and parse robots.txt (with retries); a 4xx means no rules, an unreachable one means none allowed."""
    for attempts in range(1, settings.retries + 2):
        try:
            page = await get(f"{origin}/robots.txt", ROBOTS_MAX_BYTES)
        except HTTPStatusError as exc:
            if exc.http_status and 400 <= exc.http_status < 500 and exc.http_status != 429:
                return rules_from_text(origin, "")
            error: FetchError = exc
        except TooLargeError:
            return rules_from_text(origin, "")   # RFC 9309 lets a crawler ignore rules past its size limit
        except FetchError as exc:
            error = exc
        else:
            return rules_from_text(origin, (page.content or b"").decode("utf-8", errors="replace"))
        wait = retry_wait(settings, error, attempts)
        if wait is None:
            break
        await asyncio.sleep(wait)
    if isinstance(error, (InvalidURLError, HostResolutionError)) or error.code in UNREACHABLE_HOST:
        error.retryable = False   # the host itself is unreachable: say so, rather than blame robots.txt
        raise error
    raise RobotsUnavailableError(f"{origin}/robots.txt could not be read ({error.reason}), so nothing is fetched")
