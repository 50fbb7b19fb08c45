"""GDELT DOC 2.0 discovery, the pure part: the query and its time windows, the request URL, and the
API's `artlist` JSON read into links. Nothing here opens a socket (flows/gdelt.py does the fetching).

The API (https://api.gdeltproject.org/api/v2/doc/doc) returns at most 250 articles per call
(`maxrecords`), matching `query` in a window given as `startdatetime`/`enddatetime` (UTC,
YYYYMMDDHHMMSS) or as a `timespan` back from now ("15min", "24h", "7d", "2w", "3m" for months). A
window whose answer fills `max_records` may hold more, so `walk_windows` splits it in two and asks
again for each half, down to MIN_WINDOW (GDELT's own 15-minute resolution), below which a full
answer is taken as it is and reported as truncated. The answer is JSON,
`{"articles": [{"url", "url_mobile", "title", "seendate": "20250701T123000Z", "socialimage",
"domain", "language", "sourcecountry"}, ...]}`, `{}` when nothing matches; anything else (the API
answers errors as plain text with status 200, e.g. its rate-limit notice) is a GdeltError.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from transforms.discover import DiscoveredLink, web_url

DEFAULT_ENDPOINT = "https://api.gdeltproject.org/api/v2/doc/doc"
API_MAX_RECORDS = 250
MIN_WINDOW = timedelta(minutes=15)
API_TIME = "%Y%m%d%H%M%S"
TIMESPAN = re.compile(r"^\s*(\d+)\s*(min|minutes?|h|hours?|d|days?|w|weeks?|m|months?)\s*$", re.IGNORECASE)
SPAN_UNITS = {"min": timedelta(minutes=1), "h": timedelta(hours=1), "d": timedelta(days=1),
              "w": timedelta(weeks=1), "m": timedelta(days=30)}
SEENDATE = re.compile(r"^(\d{4})(\d{2})(\d{2})T?(\d{2})?(\d{2})?(\d{2})?Z?$")


class GdeltError(ValueError):
    """A query that cannot be asked, or an answer that is not the API's JSON; the message says which."""


@dataclass(frozen=True)
class Window:
    """A half-open UTC time window [start, end)."""

    start: datetime
    end: datetime

    def halves(self) -> tuple[Window, Window]:
        middle = self.start + (self.end - self.start) / 2
        middle = middle.replace(microsecond=0)
        return Window(self.start, middle), Window(middle, self.end)

    def splittable(self) -> bool:
        return self.end - self.start >= 2 * MIN_WINDOW

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M}–{self.end:%Y-%m-%d %H:%M} UTC"


@dataclass(frozen=True)
class GdeltQuery:
    """One `gdelt` source: what to ask and over which time."""

    query: str
    timespan: str | None = None          # a span back from now ("7d"), or
    start: datetime | None = None        # a fixed window (naive UTC)
    end: datetime | None = None
    max_records: int = API_MAX_RECORDS
    endpoint: str = DEFAULT_ENDPOINT
    interval_seconds: float = 5.0        # between two requests (GDELT asks for one per 5 s)

    def __post_init__(self) -> None:
        if not self.query.strip():
            raise GdeltError("query must not be empty")
        if not 1 <= self.max_records <= API_MAX_RECORDS:
            raise GdeltError(f"max_records must be between 1 and {API_MAX_RECORDS} (got {self.max_records})")
        if (self.timespan is None) == (self.start is None):
            raise GdeltError("give either timespan = \"7d\" or start = \"YYYY-MM-DD\" (with an optional end)")
        if self.timespan is not None:
            parse_timespan(self.timespan)
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise GdeltError(f"end {self.end:%Y-%m-%d %H:%M} must be after start {self.start:%Y-%m-%d %H:%M}")
        if self.interval_seconds < 0:
            raise GdeltError("interval_seconds must not be negative")
        if web_url(self.endpoint, self.endpoint) is None:
            raise GdeltError(f"endpoint must be an http(s) URL (got {self.endpoint!r})")

    def window(self, now: datetime) -> Window:
        """The whole window asked about, resolved against `now` (naive UTC) for a timespan."""
        now = now.replace(microsecond=0)
        if self.timespan is not None:
            return Window(now - parse_timespan(self.timespan), now)
        return Window(self.start, self.end or now)


def parse_timespan(value: str) -> timedelta:
    """'7d' -> 7 days; GDELT's units: min, h, d, w, m (months, taken as 30 days)."""
    match = TIMESPAN.match(value or "")
    if not match or int(match.group(1)) == 0:
        raise GdeltError(f"timespan must look like 15min, 24h, 7d, 2w or 3m (got {value!r})")
    unit = match.group(2).lower()
    key = "min" if unit.startswith("min") else unit[0]
    return int(match.group(1)) * SPAN_UNITS[key]


def parse_when(value: object, field: str) -> datetime:
    """A TOML date or datetime, or an ISO string, as naive UTC."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None) if value.tzinfo is None else \
            (value - value.utcoffset()).replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            return parse_when(datetime.fromisoformat(value.strip()), field)
        except ValueError:
            pass
    raise GdeltError(f"{field} must be a date like 2025-07-01 or a time like 2025-07-01T06:00:00 (got {value!r})")


def request_url(query: GdeltQuery, window: Window) -> str:
    """The API URL that asks for the articles of one window, newest first."""
    params = {"query": query.query, "mode": "artlist", "format": "json", "maxrecords": str(query.max_records),
              "sort": "datedesc", "startdatetime": window.start.strftime(API_TIME),
              "enddatetime": window.end.strftime(API_TIME)}
    return f"{query.endpoint}?{urlencode(params)}"


def seen_on(value: object) -> date | None:
    """The day of a seendate, '20250701T123000Z' -> 2025-07-01."""
    match = SEENDATE.match(str(value or "").strip())
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def parse_artlist(content: bytes) -> list[DiscoveredLink]:
    """The articles of one `artlist` answer as links (url, seendate's day, title), in the API's order."""
    text = content.decode("utf-8", errors="replace").strip()
    if not text:
        raise GdeltError("empty answer")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError:
        raise GdeltError(f"not JSON: {' '.join(text.split())[:200]}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("articles", []), list):
        raise GdeltError("not an artlist answer: expected {\"articles\": [...]}")
    links: dict[str, DiscoveredLink] = {}
    for article in doc.get("articles", []):
        if not isinstance(article, dict):
            continue
        url = web_url(article.get("url") if isinstance(article.get("url"), str) else None, DEFAULT_ENDPOINT)
        if url and url not in links:
            title = article.get("title")
            links[url] = DiscoveredLink(url, seen_on(article.get("seendate")),
                                        " ".join(title.split()) if isinstance(title, str) and title.strip() else None)
    return list(links.values())


@dataclass(frozen=True)
class WindowAnswer:
    """What asking about one window gave: links, or the error."""

    window: Window
    links: tuple[DiscoveredLink, ...] = ()
    error: str | None = None
    split: bool = False          # full: asked again as two halves, whose links count instead
    truncated: bool = False      # full at the smallest window: there may be more than the API returns


def walk_windows(ask: Callable[[Window], list[DiscoveredLink]], root: Window, max_records: int,
                 max_items: int = 10_000) -> list[WindowAnswer]:
    """Ask about `root`, splitting every window whose answer fills `max_records` into halves, oldest half
    first, until each answer is under it; stops once `max_items` distinct links are found.

    `ask(window)` returns the window's links or raises GdeltError, which is kept in the answer (the
    run goes on with the other windows). The result lists every window asked, in order.
    """
    answers: list[WindowAnswer] = []
    pending = [root]
    seen: set[str] = set()
    while pending and len(seen) < max_items:
        window = pending.pop()
        try:
            links = ask(window)
        except GdeltError as exc:
            answers.append(WindowAnswer(window, error=str(exc)))
            continue
        if len(links) >= max_records and window.splittable():
            answers.append(WindowAnswer(window, tuple(links), split=True))
            older, newer = window.halves()
            pending.extend([newer, older])   # popped oldest first
            continue
        answers.append(WindowAnswer(window, tuple(links), truncated=len(links) >= max_records))
        seen.update(link.url for link in links)
    return answers


def final_links(answers: list[WindowAnswer], max_items: int = 10_000) -> list[DiscoveredLink]:
    """The distinct links of the windows that were not split, oldest window first, at most `max_items`."""
    links: dict[str, DiscoveredLink] = {}
    for answer in answers:
        if not answer.split:
            for link in answer.links:
                links.setdefault(link.url, link)
    return list(links.values())[:max_items]
