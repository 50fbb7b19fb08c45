"""FetchSettings: how to fetch (limits, politeness, safety), one value passed down from the edge."""
from __future__ import annotations

from dataclasses import dataclass

DEFAULT_USER_AGENT = "chipdemand/0.1 (+https://github.com/chipdemand/chipdemand; AI chip demand tracker)"
DEFAULT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/rss+xml", "application/atom+xml",
                 "application/xml", "text/xml")


@dataclass(frozen=True)
class FetchSettings:
    """How to fetch: limits, politeness and safety. Passed down as a value; nothing is read from the environment."""

    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 60.0          # per attempt; bounds a body that drips a byte at a time
    max_bytes: int = 10 * 1024 * 1024    # cap on the DECOMPRESSED body, enforced while streaming
    max_redirects: int = 5
    retries: int = 3
    backoff_base: float = 0.5
    max_retry_after: float = 30.0
    per_host_concurrency: int = 4
    politeness_delay: float = 0.0
    concurrency: int = 16
    user_agent: str = DEFAULT_USER_AGENT
    allow_private_hosts: bool = False
    respect_robots: bool = True
    accepted_types: tuple[str, ...] = DEFAULT_TYPES
    allowed_hosts: tuple[str, ...] = ()  # host names or IP literals exempt from the private-address rule
    proxy_from_env: bool = False         # send requests through HTTP_PROXY / HTTPS_PROXY (NO_PROXY honoured)

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "read_timeout", "total_timeout", "max_bytes", "per_host_concurrency",
                     "concurrency"):
            if not getattr(self, name) > 0:
                raise ValueError(f"FetchSettings.{name} must be positive, got {getattr(self, name)!r}")
        for name in ("max_redirects", "retries", "backoff_base", "max_retry_after", "politeness_delay"):
            if getattr(self, name) < 0:
                raise ValueError(f"FetchSettings.{name} must not be negative, got {getattr(self, name)!r}")
