"""One run's shared fetch state: the per-host limits and robots.txt rules every batch of the run uses.

A `FetchScope` is a small value that travels with each batch (to threads, worker processes, Dask
workers). In each process, `shared_state(scope, settings)` gives the one `HostLimits` and the one
`RobotsCache` of that run, so batches running side by side in a process share them (a registry kept
for the life of the process, the few most recent runs only). Across processes the scope carries the
robots rules the flow has already read (read once per host per run) and the names of the Prefect
global concurrency limits that bound each host across processes (global_limits.py).
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace

from flows.fetching.politeness import HostLimits
from flows.fetching.robots import RobotsCache, RobotsRules
from flows.fetching.settings import FetchSettings

KEPT_SCOPES = 4   # runs whose shared state a process keeps (a process runs one flow run at a time)


@dataclass(frozen=True)
class GlobalHostLimit:
    """The Prefect global concurrency limits of one host: connections at once, and a rate (or none)."""

    connections: str
    rate: str | None = None


@dataclass(frozen=True)
class FetchScope:
    """Which run a fetch belongs to, and what the run already knows about its hosts."""

    run_id: str
    robots: dict[str, RobotsRules] = field(default_factory=dict, compare=False)
    global_limits: dict[str, GlobalHostLimit] = field(default_factory=dict, compare=False)

    def with_robots(self, rules: dict[str, RobotsRules]) -> FetchScope:
        return replace(self, robots={**self.robots, **rules})

    def with_global_limits(self, limits: dict[str, GlobalHostLimit]) -> FetchScope:
        return replace(self, global_limits={**self.global_limits, **limits})


@dataclass
class SharedState:
    """What every batch of one run shares inside one process."""

    limits: HostLimits
    robots: RobotsCache


class ScopeRegistry:
    """The shared state of the last few runs seen by this process, by run id."""

    def __init__(self, keep: int = KEPT_SCOPES):
        self.keep = keep
        self._lock = threading.Lock()
        self._states: OrderedDict[str, SharedState] = OrderedDict()

    def state(self, scope: FetchScope, settings: FetchSettings) -> SharedState:
        with self._lock:
            state = self._states.get(scope.run_id)
            if state is None:
                state = SharedState(HostLimits(settings.per_host_concurrency, settings.politeness_delay,
                                               max_delay=settings.max_retry_after), RobotsCache())
                self._states[scope.run_id] = state
                while len(self._states) > self.keep:
                    self._states.popitem(last=False)
            self._states.move_to_end(scope.run_id)
        state.robots.add(scope.robots)
        for origin, rules in scope.robots.items():
            state.limits.ask_delay(origin, rules.delay(settings.user_agent))
        return state


REGISTRY = ScopeRegistry()


def shared_state(scope: FetchScope, settings: FetchSettings) -> SharedState:
    """This process's limits and robots rules for the scope's run (created on first use)."""
    return REGISTRY.state(scope, settings)
