"""Worker processes for parsing and extraction, so a run uses every core.

Fetching is I/O and stays on threads; parsing (trafilatura) and extraction are CPU-bound and hold
the GIL, so with `task_runner="processes"` each parse batch task hands its pages to this pool and
waits. The workers are forked from a fork server that has already imported trafilatura and the
extractor (`flows.extraction`): starting one costs a fork, not a fresh interpreter, and forking from a
clean server (not from this process, which runs Prefect's threads) is safe.

Measured 2026-11-29 on 2 cores (bench/RESULTS.md): Prefect's ProcessPoolTaskRunner spawned a fresh
interpreter per worker and moved every page's bytes worker -> flow process -> worker through
cloudpickle; 400 pages took longer on it than on threads.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from flows.extraction import extractor_for

PRELOAD = ["flows.extraction"]   # imported once in the fork server, inherited by every worker


def warm_worker(seeds_dir: str) -> None:
    """Compile the extractor when a worker starts, not on its first page."""
    extractor_for(seeds_dir)


def start_fork_server() -> None:
    """Start the fork server now, so that it imports trafilatura and the extractor while the run's own
    start-up (Prefect's API server, the pipeline's imports) goes on; `parse_pool` then finds it running."""
    import multiprocessing.forkserver

    multiprocessing.get_context("forkserver").set_forkserver_preload(PRELOAD)
    multiprocessing.forkserver.ensure_running()


@contextmanager
def parse_pool(workers: int, seeds_dir: str) -> Iterator[ProcessPoolExecutor]:
    """A pool of `workers` processes ready to run `flows.extraction.extract_batch`; shut down on exit."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=warm_worker,
                               initargs=(seeds_dir,))
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
