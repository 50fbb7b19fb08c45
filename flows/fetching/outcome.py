"""The values fetching hands back: FetchOutcome per URL, Page per final response."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from flows.fetching.errors import FetchStatus


def utcnow() -> datetime:
    """Naive UTC now, the form the warehouse's TIMESTAMP columns hold."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


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


@dataclass(frozen=True)
class Page:
    """One successful final response (or a 304)."""

    url: str
    http_status: int
    content: bytes | None
    content_type: str | None
    etag: str | None
    last_modified: str | None


def internal_failure(url: str, exc: BaseException) -> FetchOutcome:
    """An outcome for an exception no fetch rule foresaw: one bad URL must not cost the whole batch its pages."""
    if not isinstance(exc, Exception):   # KeyboardInterrupt, SystemExit, cancellation: not ours to swallow
        raise exc
    return FetchOutcome(url=url, final_url=None, status="failed", http_status=None, content=None, content_type=None,
                        charset=None, etag=None, last_modified=None,
                        reason=f"internal_error: {type(exc).__name__}: {exc}", attempts=1, elapsed_s=0.0,
                        fetched_at=utcnow())
