"""Per-host politeness for a whole run: at most `per_host_concurrency` requests to one host at once,
and `delay` seconds between the starts of two requests to it, whichever batch, thread or event loop
sends them.

`HostLimits` keeps the count and the schedule per host under one threading lock; an async caller
that must wait parks a future of its own event loop, and the caller that frees a slot wakes it
(`loop.call_soon_threadsafe`), so batches running on different threads share the same limits
without polling. Several processes (Dask workers) add Prefect's global concurrency limits on top
(global_limits.py).
"""
from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field


@dataclass
class HostState:
    """One host's slots in use, its waiters, its delay and when its next request may start."""

    delay: float
    active: int = 0
    next_at: float = 0.0
    waiters: deque = field(default_factory=deque)   # (event loop, future) in arrival order


class HostLimits:
    """Connection slots and request spacing per host (an origin), safe to share across threads and loops."""

    def __init__(self, per_host: int, delay: float = 0.0, max_delay: float | None = None):
        self.per_host = max(1, per_host)
        self.default_delay = delay
        self.max_delay = max_delay
        self._lock = threading.Lock()
        self._hosts: dict[str, HostState] = {}

    def host(self, origin: str) -> HostState:
        """The state of `origin` (call with the lock held)."""
        state = self._hosts.get(origin)
        if state is None:
            state = self._hosts[origin] = HostState(self.default_delay)
        return state

    def delay(self, origin: str) -> float:
        with self._lock:
            return self.host(origin).delay

    def ask_delay(self, origin: str, seconds: float | None) -> None:
        """Raise the host's delay to what its robots.txt asks (never lower it), up to `max_delay`."""
        if not seconds:
            return
        if self.max_delay is not None:
            seconds = min(seconds, self.max_delay)
        with self._lock:
            state = self.host(origin)
            state.delay = max(state.delay, seconds)

    @asynccontextmanager
    async def turn(self, origin: str) -> AsyncIterator[None]:
        """Hold one of the host's slots, starting no sooner than its delay after the previous request."""
        await self.acquire(origin)
        try:
            await self.wait_spacing(origin)
            yield
        finally:
            self.release(origin)

    async def acquire(self, origin: str) -> None:
        loop = asyncio.get_running_loop()
        with self._lock:
            state = self.host(origin)
            if state.active < self.per_host and not state.waiters:
                state.active += 1
                return
            entry = (loop, loop.create_future())
            state.waiters.append(entry)
        try:
            await entry[1]
        except asyncio.CancelledError:
            with self._lock:
                granted = entry not in state.waiters
                if not granted:
                    state.waiters.remove(entry)
            if granted:             # the slot was handed over as this waiter was cancelled: pass it on
                self.release(origin)
            raise

    def release(self, origin: str) -> None:
        """Free a slot, handing it straight to the longest waiter whose event loop still runs."""
        with self._lock:
            state = self.host(origin)
            state.active -= 1
            while state.waiters:
                loop, future = state.waiters.popleft()
                try:
                    loop.call_soon_threadsafe(grant, future)
                except RuntimeError:   # that waiter's loop has ended
                    continue
                state.active += 1
                return

    async def wait_spacing(self, origin: str) -> None:
        """Reserve the host's next start time and sleep until it comes."""
        with self._lock:
            state = self.host(origin)
            now = time.monotonic()
            start = max(now, state.next_at)
            state.next_at = start + state.delay
        if start > now:
            await asyncio.sleep(start - now)


def grant(future: asyncio.Future) -> None:
    if not future.done():
        future.set_result(None)
