"""Nothing new? Decided before Prefect starts.

A scheduled run usually finds nothing new: its feeds answer 304 or list pages fetched recently, its folders
hold the files it read last time. Starting Prefect's temporary API server and a flow run to learn that costs
seconds (issue 19), so `chipdemand run` asks first: `quiet_run(config)` reads the fetch state (a short
read-only open), discovers the sources as the flow would, and reads each listed file to compare its bytes.

- Nothing new and nothing failed: the run is recorded here, in one short write transaction, exactly as the
  flow records a run with nothing new (fetch_log, fetch_state, seed tables, corrections, a pipeline_runs row
  whose `flow_run_id` is NULL and whose message says so), and its summary is returned. No flow run exists in
  the Prefect UI for it.
- The check holds the warehouse's run lock (warehouse/run_lock.py), so it waits for a run going on.
- Anything new, changed or failed, or a first run: None. The flow runs and takes the discovery done here
  (`take_discovery`), so feeds, sitemaps and GDELT are not asked twice; when the flow will parse on worker
  processes, their fork server starts now. `--reextract`: None, nothing done here.

Nothing here imports Prefect or Great Expectations (a changed corrections file still loads through GX).
"""
from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from flows.config import RunConfig, runner_kind
from flows.corrections import load_corrections, read_corrections_file
from flows.discover import Discoverer, Discovery
from flows.fetch import FetchScope
from flows.local import read_file
from flows.runstate import RunTally
from flows.sources import resolve_sources
from flows.work import FetchedPage, ParsedPage, utcnow
from warehouse.db import connect_reader, connect_writer
from warehouse.load import RunLoader, read_fetch_state, record_run
from warehouse.run_lock import hold_run_lock
from warehouse.seeds import load_seed_tables

QUIET_MESSAGE = "nothing new: recorded before Prefect started (no flow run)"
HANDOFF_TTL_S = 300.0   # a discovery not taken by a flow within this time is stale


@dataclass
class Handoff:
    """Discovery done by the check, for the flow that runs because something was new."""

    discovery: Discovery
    scope: FetchScope
    made_at: float


_handoffs: dict[tuple[str, str], Handoff] = {}


def handoff_key(config: RunConfig) -> tuple[str, str]:
    return config.sources, str(Path(config.db_path).resolve())


def take_discovery(config: RunConfig) -> Handoff | None:
    """The check's discovery for this run's sources and warehouse, once; None when there is none (or it is stale)."""
    handoff = _handoffs.pop(handoff_key(config), None)
    if handoff is None or time.monotonic() - handoff.made_at > HANDOFF_TTL_S:
        return None
    return handoff


def hand_over(config: RunConfig, discovery: Discovery, scope: FetchScope) -> None:
    """Keep the discovery for the flow; start the parse workers' fork server when the flow will use it, so
    that its imports overlap Prefect's start-up instead of holding up the first batch."""
    _handoffs[handoff_key(config)] = Handoff(discovery, scope, time.monotonic())
    if runner_kind(config, len(discovery.items)) == "processes":
        from flows.parse_pool import start_fork_server

        start_fork_server()


def clear_handoffs() -> None:
    """Forget discoveries no flow took (the CLI calls this after its run, whatever happened)."""
    _handoffs.clear()


def stored_state(config: RunConfig) -> dict[str, dict] | None:
    """The warehouse's fetch state, or None when there is no warehouse yet or it cannot be read as it is
    (an older schema, a damaged file): the flow then migrates, or says what is wrong."""
    if not Path(config.db_path).is_file():
        return None
    try:
        con = connect_reader(Path(config.db_path), wait_s=config.lock_wait_s)
    except duckdb.Error:
        return None
    try:
        return read_fetch_state(con)
    except duckdb.Error:
        return None
    finally:
        con.close()


def unchanged_files(discovery: Discovery, config: RunConfig) -> list[FetchedPage] | None:
    """Every discovered item read, if each is a local file with the bytes it had last time; None at the first
    page to fetch, file to read anew, or failure."""
    pages = []
    for item in discovery.items:
        if item.kind != "file" or item.known_raw_sha256 is None:
            return None
        page = read_file(item, config.fetch.max_bytes)
        if not page.unchanged:
            return None
        pages.append(page)
    return pages


def quiet_run(config: RunConfig) -> dict[str, Any] | None:
    """The summary of a run with nothing new, recorded without Prefect; None when the flow has work to do."""
    if config.reextract:
        return None
    if not Path(config.db_path).is_file():   # a first run: nothing to decide; discover now, for the flow
        run_id = uuid.uuid4().hex[:12]
        scope = FetchScope(run_id)
        hand_over(config, Discoverer(config.fetch, config.discovery, {}, utcnow(), scope=scope).run(
            resolve_sources(config.sources, config.allow_outside)), scope)
        return None
    # the run lock for the whole check: "nothing new" is decided against the stored fetch state, which a
    # run going on now would change at its load (warehouse/run_lock.py)
    with hold_run_lock(config.db_path, config.lock_wait_s):
        return check_and_record(config)


def check_and_record(config: RunConfig) -> dict[str, Any] | None:
    """quiet_run's work, under the run lock."""
    state = stored_state(config)
    if state is None:
        return None
    started = utcnow()
    run_id = uuid.uuid4().hex[:12]
    scope = FetchScope(run_id)
    discovery = Discoverer(config.fetch, config.discovery, state, started, scope=scope).run(
        resolve_sources(config.sources, config.allow_outside))
    tally = RunTally()
    tally.count_discovery(discovery.logs)
    pages = unchanged_files(discovery, config) if not tally.discovery_failures else None
    if pages is None:   # something to fetch, read or report: the flow does it, with this discovery
        hand_over(config, discovery, scope)
        return None
    tally.fresh_skipped = discovery.fresh_skipped
    tally.runner = "none"
    for page in pages:
        tally.count_page(ParsedPage(page.item, page.log, page.state, unchanged=True))
    return record_quiet_run(config, run_id, started, discovery, pages, tally)


def record_quiet_run(config: RunConfig, run_id: str, started, discovery: Discovery, pages: list[FetchedPage],
                     tally: RunTally) -> dict[str, Any]:
    """Write what the flow writes for a run with nothing new, in one transaction; return its summary."""
    corrections = read_corrections_file(config.corrections_path, config.corrections_required)
    con = connect_writer(Path(config.db_path), wait_s=config.lock_wait_s)
    loader = RunLoader(con, run_id)
    try:
        loader.begin()
        load_seed_tables(con, config.seeds_dir)
        loader.log_fetches(discovery.logs + [p.log for p in pages])
        loader.save_fetch_state(discovery.states + [p.state for p in pages if p.state])
        corrected = load_corrections(con, corrections, config.seeds_dir, run_id, config.validation)
        record_run(con, tally.run_row(run_id, None, started, utcnow(), "completed", config.sources, QUIET_MESSAGE))
        loader.commit()
    except BaseException:
        loader.rollback()
        raise
    finally:
        con.close()
    summary = tally.summary(run_id, "completed", None, config, None)
    summary["corrections"] = corrected.as_dict()
    summary["quiet"] = True
    return summary
