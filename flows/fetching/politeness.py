"""Per-host politeness: at most so many connections to one host at once, and a delay between requests."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field


@dataclass
class HostGate:
    """Per-host limits within one fetch_many call: concurrency slots, politeness spacing, robots rules."""

    slots: asyncio.Semaphore
    delay: float
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_at: float = 0.0
    robots: asyncio.Task | None = None

    async def wait_turn(self) -> None:
        """Sleep until `delay` seconds have passed since the previous request to this host."""
        async with self.lock:
            loop = asyncio.get_running_loop()
            wait = self.next_at - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            self.next_at = loop.time() + self.delay
