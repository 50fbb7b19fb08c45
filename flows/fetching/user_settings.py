"""The fetch settings a user sets: the `[fetch]` table of sources.toml and CHIPDEMAND_* environment
variables (an environment variable wins over the table, the table over the defaults).

    [fetch]
    user_agent = "chipdemand/0.2 (+mailto:you@example.org)"   # CHIPDEMAND_USER_AGENT
    per_host_limit = 2          # CHIPDEMAND_PER_HOST_LIMIT: connections to one host at once, whole run
    delay_seconds = 1.0         # CHIPDEMAND_DELAY_SECONDS: between requests to one host (Crawl-delay wins if larger)
    refetch_after_days = 7      # CHIPDEMAND_REFETCH_AFTER_DAYS: a page fetched more recently is not fetched again
    timeout_seconds = 30        # CHIPDEMAND_TIMEOUT_SECONDS: one attempt at one URL, all included
    proxy_from_env = false      # CHIPDEMAND_PROXY_FROM_ENV: honour HTTP_PROXY / HTTPS_PROXY / NO_PROXY

A bad value is refused with a one-line message naming the key and where it came from.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from datetime import timedelta
from typing import Any, Callable

from flows.fetching.settings import FetchSettings

TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off", "")


class FetchSettingsError(ValueError):
    """A [fetch] key or CHIPDEMAND_* variable with a value it cannot take; the message says which."""


def positive_int(value: Any) -> int:
    if isinstance(value, bool) or not (isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit())):
        raise ValueError("a positive whole number")
    number = int(value)
    if number < 1:
        raise ValueError("a positive whole number")
    return number


def non_negative_float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError("a number of seconds, 0 or more")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError("a number of seconds, 0 or more") from None
    if not number >= 0:
        raise ValueError("a number of seconds, 0 or more")
    return number


def positive_float(value: Any) -> float:
    number = non_negative_float(value)
    if number == 0:
        raise ValueError("a number of seconds above 0")
    return number


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in TRUE_WORDS + FALSE_WORDS:
        return value.strip().lower() in TRUE_WORDS
    raise ValueError("true or false")


def text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or not value.isprintable():
        raise ValueError("a non-empty line of text")
    return value.strip()


# key -> (environment variable, parser)
KEYS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "user_agent": ("CHIPDEMAND_USER_AGENT", text),
    "per_host_limit": ("CHIPDEMAND_PER_HOST_LIMIT", positive_int),
    "delay_seconds": ("CHIPDEMAND_DELAY_SECONDS", non_negative_float),
    "refetch_after_days": ("CHIPDEMAND_REFETCH_AFTER_DAYS", non_negative_float),
    "timeout_seconds": ("CHIPDEMAND_TIMEOUT_SECONDS", positive_float),
    "proxy_from_env": ("CHIPDEMAND_PROXY_FROM_ENV", boolean),
}


def fetch_options(table: Mapping[str, Any] | None, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The user's fetch options, checked: the [fetch] table, then the environment on top."""
    table = dict(table or {})
    env = os.environ if environ is None else environ
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise FetchSettingsError(f"[fetch] has unknown key(s) {', '.join(unknown)}; known: {', '.join(KEYS)}")
    options: dict[str, Any] = {}
    for key, (variable, parse) in KEYS.items():
        for where, raw in ((variable, env.get(variable)), (f"[fetch] {key}", table.get(key))):
            if raw is None or (where == variable and raw == ""):
                continue
            try:
                options[key] = parse(raw)
            except ValueError as exc:
                raise FetchSettingsError(f"{where} must be {exc} (got {raw!r})") from None
            break
    return options


def apply_fetch_options(fetch: FetchSettings, options: Mapping[str, Any]) -> FetchSettings:
    """`fetch` with the user's options applied (refetch_after_days belongs to discovery, see refetch_after)."""
    changes: dict[str, Any] = {}
    if "user_agent" in options:
        changes["user_agent"] = options["user_agent"]
    if "per_host_limit" in options:
        changes["per_host_concurrency"] = options["per_host_limit"]
    if "delay_seconds" in options:
        changes["politeness_delay"] = options["delay_seconds"]
    if "timeout_seconds" in options:
        seconds = options["timeout_seconds"]
        changes.update(total_timeout=seconds, read_timeout=min(fetch.read_timeout, seconds),
                       connect_timeout=min(fetch.connect_timeout, seconds))
    if "proxy_from_env" in options:
        changes["proxy_from_env"] = options["proxy_from_env"]
    return replace(fetch, **changes)


def refetch_after(options: Mapping[str, Any], default: timedelta) -> timedelta:
    """How old a fetched page must be before it is fetched again."""
    return timedelta(days=options["refetch_after_days"]) if "refetch_after_days" in options else default
