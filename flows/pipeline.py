"""The chip-demand pipeline flow: discover → fetch → parse/extract → validate → load.

`run(...)` is the Python entry point (the CLI and notebooks call it); it runs the Prefect flow
`chip-demand-pipeline`, whose body `run_pipeline` wires the stages together. Fetch and
parse/extract run in batches on a task runner (threads, processes or Dask); validation and loading
stay in this process, inside one warehouse transaction.
"""
from __future__ import annotations

import html
import os
import signal
import time
import uuid
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from prefect import flow, task
from prefect.cache_policies import NONE as NO_CACHE
from prefect.context import get_run_context
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from flows.config import CRASH_ENV, PipelineError, RunConfig, TaskRunnerKind, build_config  # noqa: F401 (the API)
from flows.corrections import load_corrections, read_corrections_file
from flows.discover import Discoverer, Discovery
from flows.fetch import FetchScope, prepare_scope
from flows.progress import RunProgress
from flows.report import top_claims_markdown
from flows.runstate import RunTally
from flows.sources import check_sources_argument, resolve_sources
from flows.extraction import extractor_for
from flows.options import usable_cores
from flows.parse_pool import parse_pool
from flows.preflight import take_discovery
from flows.tasks import fetch_parse_batch
from flows.work import ParsedPage, WorkItem, utcnow
from transforms.models import Article
from transforms.reference import load_reference
from warehouse.db import connect_writer
from warehouse.integrity import corrupt_error, is_corruption
from warehouse.load import RunLoader, read_fetch_state, record_run, set_run_message
from warehouse.seeds import load_seed_tables
from warehouse.statements import statement

# Below this many pages, a pool of worker processes is not worth starting (one batch, one core busy anyway).
PROCESS_THRESHOLD = 200
IN_FLIGHT_PER_WORKER = 2  # batches submitted ahead of the one being loaded


def crash_hook_for(point: str | None):
    """Test hook: kill this process with SIGKILL at a named load point (no cleanup, like a power cut)."""
    if not point:
        return None

    def hook(reached: str) -> None:
        if reached == point:
            os.kill(os.getpid(), signal.SIGKILL)

    return hook


def chunks(items: list, size: int) -> Iterator[list]:
    """Consecutive slices of at most `size` items."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def runner_kind(config: RunConfig, n_items: int) -> str:
    """The runner `auto` stands for: worker processes when the run is big enough and there are cores to use."""
    if config.task_runner != "auto":
        return config.task_runner
    if n_items >= PROCESS_THRESHOLD and config.workers > 1 and usable_cores() > 1:
        return "processes"
    return "threads"


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


def stored_articles(con, batch_size: int) -> Iterator[list[Article]]:
    """Every stored article, in batches, for re-extraction."""
    ids = [r[0] for r in con.execute(statement("stored_article_ids")).fetchall()]
    for chunk in chunks(ids, batch_size):  # one query per chunk: loading runs on this connection in between
        cur = con.execute(statement("stored_articles"), [chunk])
        cols = [d[0] for d in cur.description]
        yield [Article(**dict(zip(cols, r))) for r in cur.fetchall()]


class BatchLoader:
    """Main-process half of a batch: dedupe, validate, load; keeps the run's tallies."""

    def __init__(self, loader: RunLoader, validator: "LazyValidator", tally: RunTally, reextract: bool,
                 flush_pages: int = 1000):
        self.loader = loader
        self.flush_pages = flush_pages
        self.pending: list[ParsedPage] = []
        self.last_validate_s = 0.0
        self.validator = validator
        self.tally = tally
        self.reextract = reextract
        self.seen_ids: set[str] = set()
        self.seen_hashes: dict[str, str] = {}

    def absorb(self, parsed: list[ParsedPage]) -> None:
        """Take one batch of parsed pages; validate and load once enough have gathered.

        GX costs a fixed ~1-2 s per validation call whatever the row count (bench/RESULTS.md), so several fetch/parse
        batches are validated together (at most `flush_pages` pages are held in memory).
        """
        self.pending.extend(parsed)
        if any(p.article is not None for p in parsed):   # new or changed bytes: there will be rows to validate
            self.validator.prepare()
        if len(self.pending) >= self.flush_pages:
            self.flush()

    def flush(self) -> None:
        """Validate and load the pages gathered so far."""
        parsed, self.pending = self.pending, []
        self.last_validate_s = 0.0
        if not parsed:
            return
        now = utcnow()
        with_article = [p for p in parsed if p.article is not None]
        by_id, by_hash = self.loader.known_content([p.article.article_id for p in with_article],
                                                   [p.article.content_sha256 for p in with_article])
        fresh: list[ParsedPage] = []
        unchanged_ids: list[str] = []
        for p in parsed:
            self.tally.count_page(p)
            if p.article is None:
                continue
            a = p.article
            dup_of = self.seen_hashes.get(a.content_sha256) or by_hash.get(a.content_sha256)
            if a.article_id in self.seen_ids or (dup_of and dup_of != a.article_id):
                p.log.update(status="duplicate", reason=f"duplicate_of: {dup_of or a.article_id}", article_id=dup_of)
                self.tally.duplicates += 1
                continue
            self.seen_ids.add(a.article_id)
            self.seen_hashes[a.content_sha256] = a.article_id
            if by_id.get(a.article_id) == a.content_sha256 and not self.reextract:
                unchanged_ids.append(a.article_id)
                p.log["status"] = "unchanged"
                self.tally.unchanged += 1
                continue
            self.tally.updated += a.article_id in by_id
            self.tally.new += a.article_id not in by_id
            fresh.append(p)
        started = time.perf_counter()
        self.loader.touch_articles(unchanged_ids, now)
        if fresh:
            self.validate_and_load(fresh, now, set(by_id))
        self.loader.log_fetches([p.log for p in parsed if p.log])
        self.loader.save_fetch_state([p.state for p in parsed if p.state])
        self.tally.stage_seconds["load"] += time.perf_counter() - started - self.last_validate_s

    def validate_and_load(self, fresh: list[ParsedPage], now, stored_ids: set[str]) -> None:
        """Validate new or changed articles with their rows; load what passes, quarantine the rest.

        A stored article whose new version is quarantined keeps its last good version and that version's
        facts (load_versions touches only the articles that passed); its fetch_log row says so."""
        started = time.perf_counter()
        outcome = self.validator.validate([p.article for p in fresh],
                                          [r for p in fresh for r in p.spend],
                                          [r for p in fresh for r in p.policy])
        self.last_validate_s = time.perf_counter() - started
        self.tally.stage_seconds["validate"] += self.last_validate_s
        self.loader.load_versions([a.model_dump() for a in outcome.articles],
                                  [r.model_dump() for r in outcome.spend], [r.model_dump() for r in outcome.policy], now)
        self.loader.quarantine([q.__dict__ for q in outcome.quarantined], now)
        self.tally.add_validation(outcome)
        self.note_kept_versions(fresh, outcome, stored_ids)

    def note_kept_versions(self, fresh: list[ParsedPage], outcome, stored_ids: set[str]) -> None:
        """Say, in fetch_log and the run's tallies, which stored articles kept their previous version."""
        failed = {q.row_key: q.failed_expectations for q in outcome.quarantined if q.row_kind == "article"}
        for p in fresh:
            article_id = p.article.article_id
            if article_id in failed and article_id in stored_ids:
                p.log["reason"] = (f"kept_previous_version: the new version failed {', '.join(failed[article_id])} "
                                   "and is in quarantine; the stored version and its facts stay")
                self.tally.kept_previous += 1
                self.tally.updated -= 1


def run_pipeline(config: RunConfig, flow_run_id: str | None = None) -> dict[str, Any]:
    """The body of one run; returns its summary (also stored in pipeline_runs)."""
    run_id = uuid.uuid4().hex[:12]
    started = utcnow()
    con = connect_writer(config.db_path, wait_s=config.lock_wait_s)
    tally = RunTally()
    loader = RunLoader(con, run_id, crash_hook=crash_hook_for(config.crash_at))
    try:
        ref = load_reference(config.seeds_dir)
        corrections = read_corrections_file(config.corrections_path, config.corrections_required)  # fail early
        validator = LazyValidator(ref, config)
        state = read_fetch_state(con)
        loader.begin()
        load_seed_tables(con, config.seeds_dir)
        batches = BatchLoader(loader, validator, tally, config.reextract)
        if config.reextract:
            for articles in stored_articles(con, config.batch_size * 5):
                batches.absorb(extract_stored_batch(articles, str(config.seeds_dir)))
            batches.flush()
        started_discovery = time.perf_counter()
        if (handoff := take_discovery(config)) is not None:   # `chipdemand run` discovered before Prefect started
            discovery, scope = handoff.discovery, handoff.scope
        else:
            scope = FetchScope(run_id)   # per-host limits and robots rules shared by every fetch of this run
            discovery = discover_sources(config, quote(state), scope)   # quote: Prefect does not walk 10,000s of rows
        tally.stage_seconds["discover"] += time.perf_counter() - started_discovery
        tally.fresh_skipped = discovery.fresh_skipped
        loader.log_fetches(discovery.logs)
        loader.save_fetch_state(discovery.states)
        tally.count_discovery(discovery.logs)
        process_items(config, discovery.items, batches, scope)
        batches.flush()
        corrected = load_corrections(con, corrections, config.seeds_dir, run_id, config.validation)
        failed_suites = tally.failed_suites(config.validation.max_failure_rate)
        loader.record_validation(tally.validation_rows(), utcnow())
        message = None
        if failed_suites:
            message = (f"validation failure rate above {config.validation.max_failure_rate:.0%} in: "
                       f"{', '.join(failed_suites)}")
        elif tally.all_failed():
            message = "every source failed; nothing was read (the summary lists the reasons)"
        status = "failed" if message else "completed"
        # in the run's transaction: a committed run always has its row, whatever happens after the commit
        record_run(con, tally.run_row(run_id, flow_run_id, started, utcnow(), status, config.sources, message))
        loader.commit()
    except BaseException as exc:
        loader.rollback()
        if is_corruption(exc):   # a damaged block the run reached: write nothing more to the file
            con.close()
            raise corrupt_error(config.db_path, exc) from exc
        record_run(con, tally.run_row(run_id, flow_run_id, started, utcnow(), "failed", config.sources,
                                      f"{type(exc).__name__}: {exc}"))
        con.close()
        raise
    docs, docs_problem = write_data_docs(validator, config)
    if docs_problem:
        message = f"{message}; {docs_problem}" if message else docs_problem
        set_run_message(con, run_id, message)
    summary = tally.summary(run_id, status, message, config, docs)
    summary["corrections"] = corrected.as_dict()
    summary["top_claims_markdown"] = top_claims_markdown(con, n=10)
    con.close()
    publish_artifact(summary)
    if status == "failed":   # a data-docs problem alone is reported, not a failed run
        raise PipelineError(message, summary=summary)
    return summary


def process_items(config: RunConfig, items: list[WorkItem], batches: BatchLoader,
                  scope: FetchScope | None = None) -> None:
    """Fetch and parse batches on the task runner, a few ahead, while this process loads them."""
    if not items:
        return
    progress = RunProgress(len(items), enabled=config.progress)
    batches.tally.runner = runner_kind(config, len(items))
    scope = prepare_scope(scope or FetchScope(uuid.uuid4().hex[:12]),
                          [i.url for i in items if i.kind == "page" and i.prefetched is None], config.fetch,
                          across_processes=batches.tally.runner == "dask")
    with progress, task_runner_for(config, batches.tally.runner) as (runner, pool):
        in_flight: deque = deque()
        window = max(2, config.workers * IN_FLIGHT_PER_WORKER)
        for batch in chunks(items, config.batch_size):
            parsed = runner.submit(fetch_parse_batch, {"items": batch, "fetch": config.fetch,
                                                       "raw_dir": str(config.raw_dir), "parse": config.parse,
                                                       "seeds_dir": str(config.seeds_dir),
                                                       "cache_dir": str(config.cache_dir), "pool": pool,
                                                       "scope": scope})
            in_flight.append(parsed)
            if len(in_flight) >= window:
                batch_result = in_flight.popleft().result()
                batches.absorb(batch_result)
                progress.advance(len(batch_result))
        while in_flight:
            batch_result = in_flight.popleft().result()
            batches.absorb(batch_result)
            progress.advance(len(batch_result))


class LazyValidator:
    """Builds the GX validator only when a run has pages: a run with nothing new never imports Great
    Expectations. `prepare()` starts building it on a background thread (the import alone takes seconds),
    so that it overlaps with the first batches' fetching and parsing instead of stalling the first load."""

    def __init__(self, ref, config: RunConfig):
        self._ref = ref
        self._config = config
        self._building: Future | None = None
        self.validator = None

    def build(self):
        from expectations.validate import RowValidator

        return RowValidator(self._ref, self._config.validation)

    def prepare(self) -> None:
        """Start building the validator now, on a thread of its own (idempotent)."""
        if self._building is None and self.validator is None:
            pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="gx-import")
            self._building = pool.submit(self.build)
            pool.shutdown(wait=False)   # the thread ends when the build does; validate() waits for it

    def validate(self, articles, spend, policy):
        if self.validator is None:
            self.validator = self._building.result() if self._building is not None else self.build()
        return self.validator.validate(articles, spend, policy)

    def write_data_docs(self, out_dir: Path) -> Path:
        return self.validator.write_data_docs(out_dir)


def write_data_docs(validator: LazyValidator, config: RunConfig) -> tuple[str | None, str | None]:
    """(path of the data docs' offline index, None), or (None, what went wrong) when they could not be
    written; (None, None) when turned off or nothing was validated. The run is committed by then: its data
    docs are a report of it, and a folder that cannot be written is said in the run's message."""
    if not config.write_data_docs or validator.validator is None:
        return None, None
    from great_expectations.exceptions import GreatExpectationsError   # imported already: GX validated this run

    try:
        index = validator.write_data_docs(config.data_docs_dir)
        return str(write_offline_index(Path(index).parent)), None
    except (OSError, GreatExpectationsError) as exc:
        return None, f"data docs not written to {config.data_docs_dir}: {type(exc).__name__}: {exc}"


OFFLINE_INDEX_POLICY = "default-src 'none'"   # a list of links: no script, style or fetch of any kind


def write_offline_index(docs_dir: Path) -> Path:
    """A plain list of GX's pages: GX's own index fills its tables from CDN scripts, empty when offline.
    Every name is escaped, and the page's Content-Security-Policy lets nothing run or load."""
    pages = sorted(p.relative_to(docs_dir) for p in docs_dir.rglob("*.html") if p.name not in ("index.html", "pages.html"))
    items = "\n".join(f'<li><a href="{html.escape(str(p))}">{html.escape(str(p.with_suffix("")))}</a></li>'
                      for p in pages)
    target = docs_dir / "pages.html"
    target.write_text("<!doctype html><meta charset='utf-8'>"
                      f'<meta http-equiv="Content-Security-Policy" content="{OFFLINE_INDEX_POLICY}">'
                      "<title>chipdemand validation pages</title>"
                      "<h1>Validation pages</h1><p><a href='index.html'>GX data docs index</a> "
                      f"(needs network for its scripts)</p><ul>{items}</ul>", encoding="utf-8")
    return target


def publish_artifact(summary: dict[str, Any]) -> None:
    """A markdown artifact in the Prefect UI with the run's counts."""
    from flows.artifacts import publish_run_artifact

    publish_run_artifact(summary)


@flow(name="chip-demand-pipeline", log_prints=True)
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
            sitemap or page. Empty: the project's sources.toml.
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
            beside the sources file (TOML) or the project's sources.toml.
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


@flow(name="chip-demand-pipeline", log_prints=True)
def chip_demand_pipeline_with_config(config: RunConfig) -> dict[str, Any]:
    """The same flow, for Python callers who pass a whole RunConfig."""
    return run_pipeline(config, flow_run_id=current_flow_run_id())
