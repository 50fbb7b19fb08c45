"""GDELT DOC 2.0 discovery, the fetching edge: ask the API about each window (transforms/gdelt.py decides
the windows and reads the answers), one request per `interval_seconds` (GDELT asks for one per 5 s),
every request and its outcome in fetch_log (kind `gdelt`), every article found queued as a page with
its title and seendate as the article's fallbacks.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from flows.fetch import fetch_one
from flows.work import log_row
from transforms.discover import DiscoveredLink
from transforms.gdelt import GdeltError, Window, final_links, parse_artlist, request_url, walk_windows

if TYPE_CHECKING:
    from flows.discover import Discoverer
    from flows.sources import SourceSpec

JSON_TYPES = ("application/json", "text/json")


class Pacer:
    """Spaces the requests to one endpoint at least `interval` seconds apart."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self.clock = clock
        self.sleep = sleep
        self.next_at: dict[str, float] = {}

    def wait(self, key: str, interval: float) -> None:
        now = self.clock()
        wait = self.next_at.get(key, now) - now
        if wait > 0:
            self.sleep(wait)
        self.next_at[key] = self.clock() + interval


def discover_gdelt(found: Discoverer, spec: SourceSpec, pacer: Pacer) -> None:
    """Queue the pages a `gdelt` source finds; log each API request (ok, empty, failed) and truncated windows."""
    query = spec.gdelt
    settings = replace(found.fetch, accepted_types=tuple(dict.fromkeys(found.fetch.accepted_types + JSON_TYPES)))

    def ask(window: Window) -> list[DiscoveredLink]:
        url = request_url(query, window)
        pacer.wait(query.endpoint, query.interval_seconds)
        outcome = fetch_one(url, settings, scope=found.scope)
        common = {"http_status": outcome.http_status, "attempts": outcome.attempts,
                  "size": len(outcome.content or b""), "elapsed_s": outcome.elapsed_s}
        if outcome.status != "ok":
            found.found.logs.append(log_row(url, spec.name, "gdelt", outcome.status, reason=outcome.reason, **common))
            raise GdeltError(outcome.reason or outcome.status)
        try:
            links = parse_artlist(outcome.content or b"")
        except GdeltError as exc:
            found.found.logs.append(log_row(url, spec.name, "gdelt", "failed", reason=f"gdelt_error: {exc}", **common))
            raise
        reason = None if links else f"empty: no articles in {window}"
        found.found.logs.append(log_row(url, spec.name, "gdelt", "ok", reason=reason, **common))
        return links

    answers = walk_windows(ask, query.window(found.now), query.max_records, spec.max_items)
    for answer in answers:
        if answer.truncated:
            found.found.logs.append(log_row(
                request_url(query, answer.window), spec.name, "gdelt", "skipped",
                reason=f"truncated: {len(answer.links)} articles in {answer.window}, the smallest window; "
                       "GDELT may hold more"))
    for link in final_links(answers, spec.max_items):
        found.add_page(link.url, link.url, listed=link, listed_by="gdelt")
