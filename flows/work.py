"""Values handed between the flow's tasks: work items, fetched pages, parsed pages."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from flows.redact import redact_text, redact_url
from transforms.models import Article, PolicyEvent, RawPage, SpendFact


def utcnow() -> datetime:
    """Naive UTC now, the form the warehouse's TIMESTAMP columns hold."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass(frozen=True)
class WorkItem:
    """One page to fetch or read, with what the warehouse already knows about it."""

    url: str                        # http(s) URL or file:// URI
    source: str                     # the path or URL as given
    kind: str = "page"              # page (http) or file (local)
    path: str | None = None         # local path for files
    etag: str | None = None
    last_modified: str | None = None
    known_raw_sha256: str | None = None
    known_article_id: str | None = None
    prefetched: RawPage | None = None   # discovery already holds the bytes (a --sources URL that was a page)
    listed_title: str | None = None     # what the feed, sitemap or GDELT said of the page: the article's
    listed_on: date | None = None       # fallback title and date when the page has none
    listed_by: str | None = None        # feed, sitemap or gdelt


def log_row(item_url: str, source: str | None, kind: str, status: str, *, reason: str | None = None,
            http_status: int | None = None, attempts: int | None = None, size: int | None = None,
            elapsed_s: float | None = None, article_id: str | None = None) -> dict[str, Any]:
    """A fetch_log row (run_id is added by the loader); credentials in URLs are redacted (flows/redact.py)."""
    return {
        "url": redact_url(item_url), "source": redact_text(source), "kind": kind, "status": status,
        "http_status": http_status, "reason": redact_text(reason), "attempts": attempts, "bytes": size, "elapsed_s": elapsed_s,
        "article_id": article_id, "logged_at": utcnow(),
    }


@dataclass
class FetchedPage:
    """The outcome of fetching or reading one work item."""

    item: WorkItem
    page: RawPage | None
    log: dict[str, Any]
    state: dict[str, Any] | None = None
    unchanged: bool = False         # same bytes (or 304) as last time: nothing to parse
    fetch_s: float = 0.0            # this page's share of its batch's fetch wall time


@dataclass
class ParsedPage:
    """An article and its candidate rows, or the reason the page gave none."""

    item: WorkItem
    log: dict[str, Any]
    state: dict[str, Any] | None = None
    article: Article | None = None
    spend: list[SpendFact] = field(default_factory=list)
    policy: list[PolicyEvent] = field(default_factory=list)
    unchanged: bool = False
    seconds: dict[str, float] = field(default_factory=dict)   # worker time spent parsing / extracting
    truncated: str | None = None    # the extraction limit that cut the reading of the page short, if one did
