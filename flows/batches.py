"""The run's own-process half of each batch: deduplicate, validate, stage.

Fetch and parse/extract batches come back from the task runner; `BatchLoader.absorb` gathers them and,
every `flush_pages` pages, decides what is new (against the warehouse as it was before the run, read
through a short read-only open, and against what this run saw already), validates the new rows with GX
(the `validate_batch` task) and stages them (warehouse.stage). Nothing here holds the warehouse's
write lock: the run loads what was staged in one short transaction at its end (flows.pipeline.load_run).
"""
from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Callable

from prefect import task
from prefect.cache_policies import NONE as NO_CACHE
from prefect.utilities.annotations import quote

from flows.config import RunConfig
from flows.runlog import RunLog
from flows.runstate import RunTally
from flows.work import ParsedPage, utcnow
from warehouse.run_reads import known_content
from warehouse.stage import RunStage


class LazyValidator:
    """Builds the GX validator only when a run has pages: a run with nothing new never imports Great
    Expectations. `prepare()` starts building it on a background thread (the import alone takes seconds),
    so that it overlaps with the first batches' fetching and parsing instead of stalling the first flush."""

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


@task(name="validate_batch", cache_policy=NO_CACHE, persist_result=False)
def validate_batch(validator: LazyValidator, articles: list, spend: list, policy: list):
    """Check new or changed articles and their rows with the GX suites: what loads, what is quarantined
    and why, and each expectation's counts."""
    return validator.validate(articles, spend, policy)


class BatchLoader:
    """Deduplicates, validates and stages parsed pages; keeps the run's tallies."""

    def __init__(self, config: RunConfig, stage: RunStage, validator: LazyValidator, tally: RunTally,
                 log: RunLog, flush_pages: int = 1000, crash_hook: Callable[[str], None] | None = None):
        self.db_path = config.db_path
        self.lock_wait_s = config.lock_wait_s
        self.reextract = config.reextract
        self.stage = stage
        self.flush_pages = flush_pages
        self.pending: list[ParsedPage] = []
        self.last_validate_s = 0.0
        self.validator = validator
        self.tally = tally
        self.log = log
        self.seen_ids: set[str] = set()
        self.seen_hashes: dict[str, str] = {}
        self.crash_hook = crash_hook or (lambda point: None)

    def absorb(self, parsed: list[ParsedPage]) -> None:
        """Take one batch of parsed pages; validate and stage once enough have gathered.

        GX costs a fixed ~1-2 s per validation call whatever the row count (bench/RESULTS.md), so several
        fetch/parse batches are validated together (at most `flush_pages` pages are held in memory)."""
        self.pending.extend(parsed)
        if any(p.article is not None for p in parsed):   # new or changed bytes: there will be rows to validate
            self.validator.prepare()
        if len(self.pending) >= self.flush_pages:
            self.flush()

    def flush(self) -> None:
        """Validate and stage the pages gathered so far."""
        parsed, self.pending = self.pending, []
        self.last_validate_s = 0.0
        if not parsed:
            return
        started = time.perf_counter()
        now = utcnow()
        with_article = [p for p in parsed if p.article is not None]
        by_id, by_hash = known_content(self.db_path, [p.article.article_id for p in with_article],
                                       [p.article.content_sha256 for p in with_article], self.lock_wait_s)
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
        self.stage.touch_articles(unchanged_ids, now)
        if fresh:
            self.validate_and_stage(fresh, now, set(by_id))
        logs = [p.log for p in parsed if p.log]
        self.stage.log_fetches(logs)
        self.stage.save_fetch_state([p.state for p in parsed if p.state])
        self.tally.stage_seconds["stage"] += time.perf_counter() - started - self.last_validate_s
        self.log.failures("page", logs)
        self.crash_hook("after_first_flush")   # test hook: a run killed while it holds no lock

    def validate_and_stage(self, fresh: list[ParsedPage], now, stored_ids: set[str]) -> None:
        """Validate new or changed articles with their rows; stage what passes, quarantine the rest.

        A stored article whose new version is quarantined keeps its last good version and that version's
        facts (load_versions touches only the articles that passed); its fetch_log row says so."""
        started = time.perf_counter()
        outcome = validate_batch(quote(self.validator), quote([p.article for p in fresh]),
                                 quote([r for p in fresh for r in p.spend]), quote([r for p in fresh for r in p.policy]))
        self.last_validate_s = time.perf_counter() - started
        self.tally.stage_seconds["validate"] += self.last_validate_s
        self.log.validation(outcome, self.last_validate_s)
        self.stage.load_versions([a.model_dump() for a in outcome.articles],
                                 [r.model_dump() for r in outcome.spend], [r.model_dump() for r in outcome.policy], now)
        self.stage.quarantine([q.__dict__ for q in outcome.quarantined], now)
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
