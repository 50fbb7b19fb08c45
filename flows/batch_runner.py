"""Fetch and parse/extract batches on a Prefect task runner (threads, processes or Dask), a few batches
ahead of the one this process is validating and staging (flows/batches.py).

    process_items(config, discovery.items, batches, log, scope)
"""
from __future__ import annotations

import uuid
from collections import deque
from contextlib import contextmanager
from typing import Iterator

from prefect.task_runners import ThreadPoolTaskRunner

from flows.artifacts import RunProgressArtifact
from flows.batches import BatchLoader
from flows.config import RunConfig, runner_kind
from flows.fetch import FetchScope, prepare_scope
from flows.parse_pool import parse_pool
from flows.progress import RunProgress
from flows.runlog import RunLog
from flows.tasks import POOL_SLICE, fetch_parse_batch
from flows.work import WorkItem

IN_FLIGHT_PER_WORKER = 2  # batches submitted ahead of the one being validated


def chunks(items: list, size: int, first: int | None = None) -> Iterator[list]:
    """Consecutive slices of at most `size` items; the first one of at most `first` items when given."""
    start = 0
    if first is not None and 0 < first < min(size, len(items)):
        yield items[:first]
        start = first
    for start in range(start, len(items), size):
        yield items[start:start + size]


@contextmanager
def task_runner_for(config: RunConfig, kind: str):
    """Where fetch and parse/extract batches run for a `runner_kind`: (Prefect task runner, process pool
    for parsing or None).

    threads: every task on a thread of this process (small runs, tests). processes: tasks on threads,
    their CPU work (parse, extract) on a pool of `workers` processes. dask: tasks on a Dask cluster,
    local or at `dask_address`, each doing its own CPU work.
    """
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        runner = (DaskTaskRunner(address=config.dask_address) if config.dask_address else
                  DaskTaskRunner(cluster_kwargs={"n_workers": config.workers, "threads_per_worker": 1,
                                                 "processes": True, "dashboard_address": None}))
        with runner:
            yield runner, None
    elif kind == "processes":
        # threads: one per batch in flight, each fetching and then waiting on the pool
        runner = ThreadPoolTaskRunner(max_workers=max(2, config.workers) * IN_FLIGHT_PER_WORKER)
        with parse_pool(config.workers, str(config.seeds_dir)) as pool, runner:
            yield runner, pool
    else:
        with ThreadPoolTaskRunner(max_workers=max(2, config.workers)) as runner:
            yield runner, None

def process_items(config: RunConfig, items: list[WorkItem], batches: BatchLoader, log: RunLog,
                  scope: FetchScope | None = None) -> None:
    """Fetch and parse batches on the task runner, a few ahead, while this process validates and stages them."""
    if not items:
        return
    progress = RunProgress(len(items), enabled=config.progress)
    artifact = RunProgressArtifact()
    artifact.update(0, len(items), "fetch/parse")
    done = 0
    batches.tally.runner = runner_kind(config, len(items))
    scope = prepare_scope(scope or FetchScope(uuid.uuid4().hex[:12]),
                          [i.url for i in items if i.kind == "page" and i.prefetched is None], config.fetch,
                          across_processes=batches.tally.runner == "dask")
    with progress, task_runner_for(config, batches.tally.runner) as (runner, pool):
        in_flight: deque = deque()
        window = max(2, config.workers * IN_FLIGHT_PER_WORKER)

        def take_one() -> None:
            nonlocal done
            batch_result = in_flight.popleft().result()
            batches.absorb(batch_result)
            done += len(batch_result)
            progress.advance(len(batch_result))
            artifact.update(done, len(items), "fetch/parse/validate")
            log.pages(done, len(items), batches.tally)

        # A small first batch: the window's batches are fetched together, so a full-size first batch would
        # leave the worker processes idle until most of the window had been fetched.
        first = POOL_SLICE * config.workers if pool is not None else None
        for batch in chunks(items, config.batch_size, first):
            parsed = runner.submit(fetch_parse_batch, {"items": batch, "fetch": config.fetch,
                                                       "raw_dir": str(config.raw_dir), "parse": config.parse,
                                                       "seeds_dir": str(config.seeds_dir),
                                                       "cache_dir": str(config.cache_dir), "pool": pool,
                                                       "scope": scope})
            in_flight.append(parsed)
            if len(in_flight) >= window:
                take_one()
        while in_flight:
            take_one()

