"""Per-host limits across processes: Prefect global concurrency limits, for runs whose fetch batches
run on several processes or machines (Dask workers).

Before the batches start, the flow creates (or updates) two limits per host on the Prefect API the
run uses: `chipdemand-host-<host>` with `per_host_concurrency` slots, held for each request, and,
when the host has a delay, `chipdemand-rate-<host>` with one slot that decays in `delay` seconds (a
Prefect rate limit: one request start per delay). Every worker acquires them around each request,
so the whole cluster keeps one host's limits, not each worker its own. Slots are leased: a worker
that dies frees its slots when the lease runs out.
"""
from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager

from flows.fetching.scope import GlobalHostLimit
from flows.fetching.settings import FetchSettings

NAME_PREFIX = "chipdemand"
UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
LEASE_SECONDS = 300.0   # longer than any one request (total_timeout); a dead worker's slots free after it


def limit_names(origin: str) -> tuple[str, str]:
    """The names of an origin's connection limit and rate limit: 'http://h:8080' -> chipdemand-host-http-h-8080."""
    key = UNSAFE_NAME.sub("-", origin.replace("://", "-")).strip("-")
    return f"{NAME_PREFIX}-host-{key}", f"{NAME_PREFIX}-rate-{key}"


def ensure_global_limits(origins: Iterable[str], settings: FetchSettings,
                         delays: dict[str, float]) -> dict[str, GlobalHostLimit]:
    """Create or update each origin's limits on the Prefect API; the names to acquire, by origin."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate, GlobalConcurrencyLimitUpdate
    from prefect.exceptions import ObjectNotFound

    def upsert(client, name: str, limit: int, decay: float) -> None:
        try:
            client.read_global_concurrency_limit_by_name(name)
        except ObjectNotFound:
            client.create_global_concurrency_limit(
                GlobalConcurrencyLimitCreate(name=name, limit=limit, slot_decay_per_second=decay))
            return
        client.update_global_concurrency_limit(
            name, GlobalConcurrencyLimitUpdate(limit=limit, slot_decay_per_second=decay, active=True))

    names: dict[str, GlobalHostLimit] = {}
    with get_client(sync_client=True) as client:
        for origin in dict.fromkeys(origins):
            connections, rate = limit_names(origin)
            upsert(client, connections, settings.per_host_concurrency, 0.0)
            delay = max(settings.politeness_delay, delays.get(origin) or 0.0)
            if delay > 0:
                upsert(client, rate, 1, 1.0 / delay)
            names[origin] = GlobalHostLimit(connections, rate if delay > 0 else None)
    return names


@asynccontextmanager
async def global_turn(limit: GlobalHostLimit | None) -> AsyncIterator[None]:
    """Hold the host's cluster-wide connection slot (and take its rate-limit token) around one request."""
    if limit is None:
        yield
        return
    from prefect.concurrency.asyncio import concurrency, rate_limit

    async with concurrency(limit.connections, occupy=1, strict=True, lease_duration=LEASE_SECONDS,
                           raise_on_lease_renewal_failure=False):
        if limit.rate:
            await rate_limit(limit.rate, occupy=1, strict=True)
        yield
