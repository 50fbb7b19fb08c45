"""The chip-demand pipeline flow: discover → fetch → parse/extract → validate → stage → load.

`run(...)` is the Python entry point (the CLI and notebooks call it); it runs the Prefect flow
`chip-demand-pipeline`, whose body `run_pipeline` wires the stages together. Fetch and
parse/extract run in batches on a task runner (threads, processes or Dask); deduplication,
validation and staging stay in this process (flows/batches.py). The warehouse's write lock is held
only by `load_run`, which loads everything the run staged in one short transaction at its end: a
crash before that commit leaves the warehouse exactly as it was before the run, and readers
(`chipdemand sql`, `report`, `export`) can open it at any other moment. One run at a time per
warehouse is kept by a lock file beside it (warehouse/run_lock.py).
"""
from __future__ import annotations

import time
import uuid
from datetime import datetime
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NONE as NO_CACHE
from prefect.context import get_run_context
from prefect.utilities.annotations import quote

from flows.batch_runner import chunks, process_items
from flows.batches import BatchLoader, LazyValidator
from flows.config import CRASH_ENV, PipelineError, RunConfig, TaskRunnerKind, build_config  # noqa: F401 (the API)
from flows.corrections import read_corrections_file
from flows.data_docs import write_run_docs
from flows.discover import Discoverer, Discovery
from flows.extraction import extractor_for
from flows.fetch import FetchScope
from flows.preflight import take_discovery
from flows.run_load import crash_hook_for, load_run, note_run_message, record_failed_run, top_claims
from flows.runlog import RunLog
from flows.runname import flow_run_name
from flows.runstate import RunTally
from flows.sources import check_sources_argument, resolve_sources
from flows.work import ParsedPage, WorkItem, utcnow
from transforms.models import Article
from transforms.reference import load_reference
from warehouse.integrity import WarehouseCorruptError, corrupt_error, is_corruption
from warehouse.run_lock import hold_run_lock
from warehouse.run_reads import RunStart, read_run_start, stored_articles
from warehouse.stage import RunStage, clear_stale, staging_folder

__all__ = ["PipelineError", "LazyValidator", "crash_hook_for", "load_run", "run", "run_pipeline", "build_config",
           "chip_demand_pipeline"]


@task(name="discover_sources", cache_policy=NO_CACHE)
def discover_sources(config: RunConfig, state: dict[str, dict], scope: FetchScope | None = None) -> Discovery:
    """Expand the configured sources into pages to fetch."""
    specs = resolve_sources(config.sources, config.allow_outside)
    return Discoverer(config.fetch, config.discovery, state, utcnow(), scope=scope).run(specs)


@task(name="extract_stored_batch", cache_policy=NO_CACHE)
def extract_stored_batch(articles: list[Article], seeds_dir: str) -> list[ParsedPage]:
    """Re-extract rows from stored article text (no fetching), for --reextract."""
    extractor = extractor_for(seeds_dir)
    pages = []
    for article in articles:
        rows = extractor.extract(article)
        item = WorkItem(url=article.url, source=article.source, known_article_id=article.article_id)
        pages.append(ParsedPage(item, {}, None, article, list(rows.spend), list(rows.policy), truncated=rows.truncated))
    return pages


def reextract_stored(config: RunConfig, article_ids: list[str], batches: BatchLoader) -> None:
    """Every stored article extracted again from its stored text (read a chunk at a time, each chunk in a
    short read-only open)."""
    for chunk in chunks(article_ids, config.batch_size * 5):
        rows = stored_articles(config.db_path, chunk, config.lock_wait_s)
        batches.absorb(extract_stored_batch([Article(**r) for r in rows], str(config.seeds_dir)))
    batches.flush()


def run_pipeline(config: RunConfig, flow_run_id: str | None = None) -> dict[str, Any]:
    """The body of one run; returns its summary (also stored in pipeline_runs)."""
    with hold_run_lock(config.db_path, config.lock_wait_s):
        clear_stale(config.db_path)    # staging folders of runs that were killed before they loaded
        start = read_run_start(config.db_path, config.lock_wait_s, with_article_ids=config.reextract)
        return run_locked(config, start, flow_run_id)


def run_locked(config: RunConfig, start: RunStart, flow_run_id: str | None) -> dict[str, Any]:
    """The run, once it holds the warehouse's run lock and has read what it needs to start."""
    run_id = uuid.uuid4().hex[:12]
    started = utcnow()
    log = RunLog()
    log.start(run_id, config.sources, str(config.db_path))
    tally = RunTally()
    stage = RunStage(staging_folder(config.db_path, run_id), run_id)
    validator = None
    try:
        corrections = read_corrections_file(config.corrections_path, config.corrections_required)  # fail early
        validator = LazyValidator(load_reference(config.seeds_dir), config)
        batches = BatchLoader(config, stage, validator, tally, log, crash_hook=crash_hook_for(config.crash_at))
        if config.reextract:
            reextract_stored(config, start.stored_article_ids, batches)
        started_discovery = time.perf_counter()
        if (handoff := take_discovery(config)) is not None:   # `chipdemand run` discovered before Prefect started
            discovery, scope = handoff.discovery, handoff.scope
        else:
            scope = FetchScope(run_id)   # per-host limits and robots rules shared by every fetch of this run
            discovery = discover_sources(config, quote(start.fetch_state), scope)   # quote: Prefect does not walk 10,000s of rows
        tally.stage_seconds["discover"] += time.perf_counter() - started_discovery
        tally.fresh_skipped = discovery.fresh_skipped
        stage.log_fetches(discovery.logs)
        stage.save_fetch_state(discovery.states)
        tally.count_discovery(discovery.logs)
        log.discovery(len(resolve_sources(config.sources, config.allow_outside)), len(discovery.items),
                      discovery.fresh_skipped, discovery.logs, tally.stage_seconds["discover"])
        process_items(config, discovery.items, batches, log, scope)
        batches.flush()
        log.staged(stage)
        failed_suites = tally.failed_suites(config.validation.max_failure_rate)
        stage.record_validation(tally.validation_rows(), utcnow())
        message = None
        if failed_suites:
            message = (f"validation failure rate above {config.validation.max_failure_rate:.0%} in: "
                       f"{', '.join(failed_suites)}")
        elif tally.all_failed():
            message = "every source failed; nothing was read (the summary lists the reasons)"
        status = "failed" if message else "completed"
        loaded = load_run(quote(config), quote(stage), quote(
            tally.run_row(run_id, flow_run_id, started, utcnow(), status, config.sources, message)), quote(corrections))
    except BaseException as exc:
        stage.discard()
        if is_corruption(exc):   # a damaged block a read reached: write nothing to the file
            raise corrupt_error(config.db_path, exc) from exc
        if isinstance(exc, WarehouseCorruptError):   # refused before anything was written
            raise
        record_failed_run(config, tally.run_row(run_id, flow_run_id, started, utcnow(), "failed", config.sources,
                                                f"{type(exc).__name__}: {exc}"), log)
        raise
    stage.discard()
    tally.stage_seconds["load"] += loaded["held_s"]
    log.load(loaded["counts"], loaded["held_s"], loaded["waited_s"])
    summary = tally.summary(run_id, status, message, config, None)
    summary["write_lock_held_s"] = round(loaded["held_s"], 3)
    summary["corrections"] = loaded["corrections"]
    docs, docs_problem = write_data_docs(validator, config, summary, started)
    if docs_problem:
        message = f"{message}; {docs_problem}" if message else docs_problem
        note_run_message(config, run_id, message, log)
    summary.update(message=message, data_docs=docs, top_claims_markdown=top_claims(config))
    log.finished(summary)
    publish_artifact(summary)
    if status == "failed":   # a data-docs problem alone is reported, not a failed run
        raise PipelineError(message, summary=summary)
    return summary


def write_data_docs(validator: LazyValidator | None, config: RunConfig, summary: dict[str, Any],
                    started: datetime) -> tuple[str | None, str | None]:
    """(path of this run's offline list of validation pages, None), or (None, what went wrong) when they could
    not be written; (None, None) when turned off or nothing was validated. The run is committed by then: its
    data docs are a report of it, and a folder that cannot be written is said in the run's message."""
    if not config.write_data_docs or validator is None or validator.validator is None:
        return None, None
    from great_expectations.exceptions import GreatExpectationsError   # imported already: GX validated this run

    try:
        pages = write_run_docs(validator, config.data_docs_dir, summary, started, config.validation.data_docs_runs)
        return str(pages), None
    except (OSError, GreatExpectationsError) as exc:
        return None, f"data docs not written to {config.data_docs_dir}: {type(exc).__name__}: {exc}"


def publish_artifact(summary: dict[str, Any]) -> None:
    """A markdown artifact in the Prefect UI with the run's counts, and a table of what failed."""
    from flows.artifacts import publish_run_artifact

    publish_run_artifact(summary)


@flow(name="chip-demand-pipeline", log_prints=True, flow_run_name=flow_run_name)
def chip_demand_pipeline(
    sources: str | None = None,
    db: str | None = None,
    reextract: bool = False,
    allow_private_hosts: bool = False,
    allow_outside: bool = False,
    task_runner: TaskRunnerKind = "auto",
    dask_address: str | None = None,
    workers: int = 2,
    batch_size: int = 200,
    lock_wait_s: float = 60.0,
    progress: bool = False,
    oversubscribe: bool = False,
    corrections: str | None = None,
) -> dict[str, Any]:
    """Ingest article sources, extract chip-spend and policy rows, validate them, load the warehouse.

    Args:
        sources: a sources file (TOML), a folder or file of .html/.htm/.txt, or an http(s) URL of a feed,
            sitemap or page. Empty: sources.toml in the home folder, else the bundled demo sources.
        db: the DuckDB warehouse file. Empty: $CHIPDEMAND_DB, else warehouse/chipdemand.duckdb.
        reextract: re-extract rows from every stored article's text (after the rules improve), then ingest.
        allow_private_hosts: allow fetching loopback/private addresses (local servers and tests).
        allow_outside: let a sources file's relative folder paths lead outside its folder.
        task_runner: auto, threads, processes or dask: where fetch and parse/extract batches run.
        dask_address: an existing Dask scheduler (tcp://host:8786) for task_runner=dask.
        workers: worker processes for processes/dask runners.
        batch_size: pages per fetch/parse batch.
        lock_wait_s: seconds to wait while another run writes the warehouse, then fail.
        progress: show a progress bar on the terminal.
        oversubscribe: allow more worker processes than this machine's usable cores.
        corrections: the analysts' corrections file (CSV). Empty: $CHIPDEMAND_CORRECTIONS, else corrections.csv
            beside the sources file (TOML) or in the home folder.
    """
    config = build_config(sources=sources, db=db, reextract=reextract, allow_private_hosts=allow_private_hosts,
                          allow_outside=allow_outside, task_runner=task_runner, dask_address=dask_address,
                          workers=workers, batch_size=batch_size, lock_wait_s=lock_wait_s, progress=progress,
                          oversubscribe=oversubscribe, corrections=corrections)
    return run_pipeline(config, flow_run_id=current_flow_run_id())


def current_flow_run_id() -> str | None:
    """Prefect's id of the flow run this code is in, if any."""
    try:
        return str(get_run_context().flow_run.id)
    except (RuntimeError, AttributeError):
        return None


def run(config: RunConfig | None = None, **params: Any) -> dict[str, Any]:
    """Run the pipeline as a Prefect flow run: `run(sources="seeds/articles", db="x.duckdb")`.

    Takes either a full RunConfig (Python callers who tune settings) or the flow's parameters.
    """
    sources = params.get("sources") if config is None else config.sources
    if sources:
        check_sources_argument(str(sources))   # before Prefect stores it as a parameter
    if config is None:
        return chip_demand_pipeline(**params)
    return chip_demand_pipeline_with_config(config)


@flow(name="chip-demand-pipeline", log_prints=True, flow_run_name=flow_run_name)
def chip_demand_pipeline_with_config(config: RunConfig) -> dict[str, Any]:
    """The same flow, for Python callers who pass a whole RunConfig."""
    return run_pipeline(config, flow_run_id=current_flow_run_id())
