"""Fetching pages over HTTP with every rule a polite, safe crawler keeps: the public API.

The rules live in small modules under flows/fetching/ (one job each, listed in its __init__); this
module names what callers use, so `from flows.fetch import FetchSettings, fetch_many` keeps working.
"""
from __future__ import annotations

from flows.fetching.address_guard import (
    GuardedBackend, GuardedTransport, address_problem, check_host_allowed, make_client, resolve, url_host,
)
from flows.fetching.body import BodyDecoder, binary_signature
from flows.fetching.errors import (
    FetchError, FetchStatus, HostResolutionError, InvalidURLError, PrivateAddressError, RobotsDisallowedError,
    RobotsUnavailableError,
)
from flows.fetching.fetcher import (
    Fetcher, fetch_all, fetch_many, fetch_one, prefetch_robots, prepare_scope, run_coroutine,
)
from flows.fetching.outcome import FetchOutcome, Page
from flows.fetching.politeness import HostLimits
from flows.fetching.retry import backoff_delay, retry_after_seconds
from flows.fetching.robots import RobotsCache, RobotsRules, origin_of
from flows.fetching.scope import FetchScope
from flows.fetching.settings import DEFAULT_USER_AGENT, FetchSettings
from transforms.decoding import detect_charset

__all__ = [
    "DEFAULT_USER_AGENT", "BodyDecoder", "FetchError", "FetchOutcome", "FetchScope", "FetchSettings", "FetchStatus",
    "Fetcher", "GuardedBackend", "GuardedTransport", "HostLimits", "HostResolutionError", "InvalidURLError", "Page",
    "PrivateAddressError", "RobotsCache", "RobotsDisallowedError", "RobotsRules", "RobotsUnavailableError",
    "address_problem", "backoff_delay", "binary_signature", "check_host_allowed", "detect_charset", "fetch_all",
    "fetch_many", "fetch_one", "make_client", "origin_of", "prefetch_robots", "prepare_scope", "resolve", "retry_after_seconds",
    "run_coroutine", "url_host",
]
