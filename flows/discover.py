"""Turning source specs into work items: list folders, read feeds and sitemaps, keep state in mind."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from flows.fetch import FetchOutcome, FetchScope, FetchSettings, RobotsCache, fetch_one, origin_of, prefetch_robots
from flows.gdelt import Pacer, discover_gdelt
from flows.local import list_folder
from flows.redact import redact_text, redact_url
from flows.sources import SourceSpec
from flows.work import WorkItem, log_row
from transforms.decoding import decode_document
from transforms.discover import DiscoveredLink, detect_kind, feeds_in_page, parse_feed, walk_sitemaps
from transforms.models import RawPage


@dataclass
class Discovery:
    """What discovery found: pages to fetch, and log/state rows for the documents it read itself."""

    items: list[WorkItem] = field(default_factory=list)
    logs: list[dict[str, Any]] = field(default_factory=list)
    states: list[dict[str, Any]] = field(default_factory=list)
    fresh_skipped: int = 0


@dataclass(frozen=True)
class DiscoverySettings:
    """How discovery treats pages it has seen before."""

    refetch_after: timedelta = timedelta(days=7)   # an http page fetched more recently is not fetched again
    max_sitemaps: int = 100


def outcome_log(outcome: FetchOutcome, source: str, kind: str) -> dict[str, Any]:
    """A fetch_log row for a fetch outcome."""
    return log_row(outcome.url, source, kind, outcome.status, reason=outcome.reason, http_status=outcome.http_status,
                   attempts=outcome.attempts, size=len(outcome.content or b""), elapsed_s=outcome.elapsed_s)


def outcome_state(outcome: FetchOutcome) -> dict[str, Any]:
    """A fetch_state row (validators) for a feed or sitemap document."""
    return {"url": redact_url(outcome.url), "etag": outcome.etag, "last_modified": outcome.last_modified, "raw_sha256": None,
            "article_id": None, "last_status": outcome.status, "last_fetched_at": outcome.fetched_at}


class Discoverer:
    """Expands source specs into work items, using fetch_state to skip what is fresh."""

    def __init__(self, fetch: FetchSettings, settings: DiscoverySettings, state: dict[str, dict], now: datetime,
                 scope: FetchScope | None = None):
        self.fetch = fetch
        self.settings = settings
        self.state = state
        self.now = now
        self.scope = scope             # the run's per-host limits and robots rules, shared with its batches
        self.found = Discovery()
        self.robots = RobotsCache()    # robots.txt read once per host for the whole discovery
        self.pacer = Pacer()           # GDELT: one request per interval per endpoint
        self._seen: set[str] = set()

    def run(self, specs: list[SourceSpec]) -> Discovery:
        """Discover every spec in order; duplicates across specs are kept once."""
        for spec in specs:
            handler = getattr(self, f"discover_{spec.kind}")
            handler(spec)
        return self.found

    def add_page(self, url: str, source: str, prefetched: RawPage | None = None,
                 listed: DiscoveredLink | None = None, listed_by: str | None = None) -> None:
        """Queue an http page unless it was fetched recently or is already queued; `listed` is what the
        feed, sitemap or GDELT said of it (title, date), the article's fallback when the page says nothing."""
        if url in self._seen:
            return
        self._seen.add(url)
        known = self.state.get(redact_url(url), {})   # fetch_state holds URLs redacted
        fetched_at = known.get("last_fetched_at")
        if (prefetched is None and known.get("last_status") in ("ok", "unchanged", "not_modified")
                and fetched_at and self.now - fetched_at < self.settings.refetch_after):
            self.found.fresh_skipped += 1
            return
        self.found.items.append(WorkItem(
            url=url, source=source, kind="page", etag=known.get("etag"), last_modified=known.get("last_modified"),
            known_raw_sha256=known.get("raw_sha256"), known_article_id=known.get("article_id"), prefetched=prefetched,
            listed_title=listed.title if listed else None, listed_on=listed.published if listed else None,
            listed_by=listed_by if listed else None))

    def fetch_document(self, url: str, source: str, kind: str) -> FetchOutcome | None:
        """Fetch a feed/sitemap/page document with conditional GET; log failures."""
        known = self.state.get(redact_url(url), {})
        outcome = fetch_one(url, self.fetch, etag=known.get("etag"), last_modified=known.get("last_modified"),
                            robots=None if self.scope else self.robots, scope=self.scope)
        self.found.states.append(outcome_state(outcome))
        if outcome.status != "ok":
            self.found.logs.append(outcome_log(outcome, source, kind))
            return None
        return outcome

    def discover_folder(self, spec: SourceSpec) -> None:
        items, refused = list_folder(Path(spec.location), spec.location, spec.max_items)
        self.found.logs.extend(refused)
        for item in items:
            if item.url in self._seen:
                continue
            self._seen.add(item.url)
            known = self.state.get(item.url, {})
            self.found.items.append(WorkItem(
                url=item.url, source=item.source, kind="file", path=item.path,
                known_raw_sha256=known.get("raw_sha256"), known_article_id=known.get("article_id")))

    def discover_file(self, spec: SourceSpec) -> None:
        path = Path(spec.location)
        url = path.resolve().as_uri()
        known = self.state.get(url, {})
        self._seen.add(url)
        self.found.items.append(WorkItem(url=url, source=spec.location, kind="file", path=str(path),
                                         known_raw_sha256=known.get("raw_sha256"),
                                         known_article_id=known.get("article_id")))

    def discover_gdelt(self, spec: SourceSpec) -> None:
        """Articles GDELT's DOC 2.0 API lists for the source's query and window (flows/gdelt.py)."""
        discover_gdelt(self, spec, self.pacer)

    def discover_urls(self, spec: SourceSpec) -> None:
        for url in spec.urls[: spec.max_items]:
            self.add_page(url, url)

    def discover_feed(self, spec: SourceSpec) -> None:
        outcome = self.fetch_document(spec.location, spec.name, "feed")
        if outcome is not None:
            self.links_from_feed(outcome, spec)

    def discover_site(self, spec: SourceSpec) -> None:
        """A homepage: the feeds it announces (<link rel="alternate">, trafilatura's feed finder), else the
        sitemaps its robots.txt lists (`Sitemap:` lines); a homepage that is itself a feed or sitemap is read as one."""
        outcome = self.fetch_document(spec.location, spec.name, "site")
        if outcome is None:
            return
        kind = detect_kind(outcome.content or b"", outcome.content_type, outcome.final_url or outcome.url)
        if kind == "feed":
            return self.links_from_feed(outcome, spec)
        if kind in ("sitemap", "sitemap_index"):
            return self.discover_sitemap(spec, root=outcome)
        self.found.logs.append(outcome_log(outcome, spec.name, "site"))
        page_url = outcome.final_url or outcome.url
        html = decode_document(outcome.content or b"", outcome.content_type, outcome.charset).text
        feeds = feeds_in_page(html, page_url)
        for feed in feeds:
            self.discover_feed(replace(spec, kind="feed", location=feed))
        if feeds:
            return
        origin = origin_of(page_url)
        rules = prefetch_robots([origin], self.fetch, self.scope, None if self.scope else self.robots).get(origin)
        sitemaps = rules.sitemaps if rules is not None else []
        for sitemap in sitemaps:
            self.discover_sitemap(replace(spec, kind="sitemap", location=sitemap))
        if not sitemaps:
            self.found.logs.append(log_row(spec.location, spec.name, "site", "failed", reason=(
                "no_feeds: the page announces no feed and its robots.txt lists no Sitemap:")))

    def links_from_feed(self, outcome: FetchOutcome, spec: SourceSpec) -> None:
        try:
            links = parse_feed(outcome.content or b"", outcome.final_url or outcome.url, max_items=spec.max_items)
        except ValueError as exc:  # DiscoveryError, or any other parse failure: log the document, go on
            self.found.logs.append(log_row(outcome.url, spec.name, "feed", "failed", reason=f"bad_feed: {exc}",
                                           http_status=outcome.http_status))
            return
        self.found.logs.append(outcome_log(outcome, spec.name, "feed"))
        for link in links:
            self.add_page(link.url, link.url, listed=link, listed_by="feed")

    def discover_sitemap(self, spec: SourceSpec, root: FetchOutcome | None = None) -> None:
        """Walk a sitemap (index); `root` is the root document when it was already fetched."""

        def fetch_bytes(url: str) -> bytes | None:
            if root is not None and url == spec.location:
                self.found.logs.append(outcome_log(root, spec.name, "sitemap"))
                return root.content
            outcome = self.fetch_document(url, spec.name, "sitemap")
            if outcome is None:
                return None
            self.found.logs.append(outcome_log(outcome, spec.name, "sitemap"))
            return outcome.content

        try:
            links = walk_sitemaps(fetch_bytes, spec.location, max_sitemaps=self.settings.max_sitemaps,
                                  on_error=lambda url, exc: self.found.logs.append(
                                      log_row(url, spec.name, "sitemap", "failed", reason=f"bad_sitemap: {exc}")))
        except ValueError as exc:  # DiscoveryError or another parse failure of the root document
            self.found.logs.append(log_row(spec.location, spec.name, "sitemap", "failed", reason=f"bad_sitemap: {exc}"))
            return
        for link in links[: spec.max_items]:
            self.add_page(link.url, link.url, listed=link, listed_by="sitemap")

    def discover_url(self, spec: SourceSpec) -> None:
        """A single URL: a feed, a sitemap, or a page, told apart by its content."""
        outcome = self.fetch_document(spec.location, spec.name, "url")
        if outcome is None:
            return
        kind = detect_kind(outcome.content or b"", outcome.content_type, outcome.final_url or outcome.url)
        if kind == "feed":
            self.links_from_feed(outcome, spec)
        elif kind in ("sitemap", "sitemap_index"):
            self.discover_sitemap(spec, root=outcome)
        else:
            page = RawPage(source=redact_text(spec.location), url=redact_url(outcome.final_url or outcome.url),
                           content=outcome.content or b"",
                           content_type=outcome.content_type, charset=outcome.charset,
                           fetched_at=outcome.fetched_at)
            self.add_page(spec.location, spec.location, prefetched=page)
