"""When to try a URL again: Retry-After (seconds or an HTTP date) and exponential backoff with jitter."""
from __future__ import annotations

import random
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from flows.fetching.errors import FetchError
from flows.fetching.settings import FetchSettings

RETRY_CODES = frozenset({429, 500, 502, 503, 504})


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


def retry_wait(settings: FetchSettings, exc: FetchError, attempts: int) -> float | None:
    """Seconds to wait before retrying after `exc`, or None to give up (and say why in exc)."""
    if not exc.retryable or attempts > settings.retries:
        return None
    if exc.retry_after is not None:
        if exc.retry_after > settings.max_retry_after:
            exc.args = (f"{exc}; Retry-After {exc.retry_after:g}s exceeds max_retry_after "
                        f"{settings.max_retry_after:g}s",)
            return None
        return exc.retry_after
    return backoff_delay(attempts, settings.backoff_base)
