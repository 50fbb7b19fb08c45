"""What a run says in its Prefect log: one line per stage, and every failed source with its reason.

The lines go through Prefect's run logger, so they are in the flow run's log in the Prefect UI (and in
`prefect flow-run logs`). The terminal stays quiet: `chipdemand run` shows Prefect's console handler
only warnings unless --verbose (flows/cli.py), while the API handler gets every line. Outside a flow
run (a unit test calling the core), the lines go to the `chipdemand.run` logger instead.

Each failed page or source is logged with its reason up to `MAX_FAILURE_LINES` times per run; after
that one line per flush counts them by reason (the summary and `fetch_log` have all of them).
"""
from __future__ import annotations

import logging
from collections import Counter
from typing import Any, Iterable

MAX_FAILURE_LINES = 25
RUN_LOG_MARK = "chipdemand_run_log"   # set on every record of these lines (the CLI keeps them off the terminal)
FAILED_STATUSES = ("failed", "refused", "parse_failed")


def run_logger() -> logging.Logger | logging.LoggerAdapter:
    """Prefect's logger for the current flow or task run, else a plain logger."""
    from prefect.exceptions import MissingContextError
    from prefect.logging import get_run_logger

    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("chipdemand.run")


def counts_text(counts: dict[str, int] | Counter) -> str:
    """"a 3, b 1" from counts, largest first."""
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def failure_text(log: dict[str, Any]) -> str:
    """"url (status: reason)" for one fetch_log row."""
    return f"{log.get('url')} ({log.get('status')}: {log.get('reason') or 'no reason given'})"


class RunLog:
    """The run's stage lines, with a cap on per-page failure lines."""

    def __init__(self, logger: logging.Logger | logging.LoggerAdapter | None = None):
        self.logger = logger or run_logger()
        self.failure_lines = 0

    def info(self, message: str) -> None:
        self.logger.info(message, extra={RUN_LOG_MARK: True})

    def warning(self, message: str) -> None:
        self.logger.warning(message, extra={RUN_LOG_MARK: True})

    def failures(self, what: str, logs: Iterable[dict[str, Any]]) -> None:
        """One warning per failed page or source (`what`), up to the run's cap, then counts by reason."""
        failed = [log for log in logs if log.get("status") in FAILED_STATUSES]
        over: Counter = Counter()
        for log in failed:
            if self.failure_lines < MAX_FAILURE_LINES:
                self.warning(f"{what} failed: {failure_text(log)}")
                self.failure_lines += 1
            else:
                over[(log.get("reason") or log.get("status") or "unknown").split(":", 1)[0]] += 1
        if over:
            self.warning(f"{sum(over.values())} more {what}s failed (not listed one by one): {counts_text(over)}")

    def start(self, run_id: str, sources: str, db: str, runner_note: str = "") -> None:
        self.info(f"start: run {run_id}, sources {sources}, warehouse {db}{runner_note}")

    def discovery(self, n_specs: int, n_items: int, fresh_skipped: int, logs: list[dict[str, Any]],
                  seconds: float) -> None:
        failed = sum(1 for log in logs if log.get("status") != "ok")
        self.info(f"discover: {n_specs} source(s) gave {n_items} page(s) to fetch, {fresh_skipped} skipped "
                  f"(fetched recently), {failed} source(s) or listing(s) failed, {seconds:.2f} s")
        self.failures("source", logs)

    def pages(self, done: int, total: int, tally) -> None:
        self.info(f"fetch/parse: {done}/{total} pages; so far new {tally.new}, updated {tally.updated}, "
                  f"unchanged {tally.unchanged}, duplicates {tally.duplicates}, failed {tally.failed}")

    def validation(self, outcome, seconds: float) -> None:
        quarantined = Counter(q.row_kind for q in outcome.quarantined)
        by_expectation = Counter(name for q in outcome.quarantined for name in q.failed_expectations)
        line = (f"validate: {len(outcome.articles) + quarantined['article']} article(s), "
                f"{len(outcome.spend) + quarantined['chip_spend']} spend row(s), "
                f"{len(outcome.policy) + quarantined['policy_event']} policy row(s) in {seconds:.2f} s; "
                f"quarantined {sum(quarantined.values())}")
        if by_expectation:
            line += f" (by expectation: {counts_text(by_expectation)})"
        self.info(line)

    def staged(self, stage) -> None:
        self.info(f"stage: {sum(stage.counts.values())} row(s) staged so far, {stage.spilled_bytes() / 1e6:.1f} MB "
                  "on disk; the warehouse is not locked")

    def load(self, counts: dict[str, int], held_s: float, waited_s: float) -> None:
        self.info(f"load: one transaction, {counts_text(counts) or 'nothing new'}; write lock held {held_s:.2f} s"
                  f" (waited {waited_s:.2f} s for it)")

    def finished(self, summary: dict[str, Any]) -> None:
        q = summary.get("quarantined", {})
        self.info(f"done: {summary['status']}; pages seen {summary['pages_seen']}, new {summary['articles_new']}, "
                  f"updated {summary['articles_updated']}, unchanged {summary['articles_unchanged']}, failed "
                  f"{summary['pages_failed'] + summary['discovery_failures']}; spend rows {summary['spend_loaded']}, "
                  f"policy rows {summary['policy_loaded']}; quarantined {sum(q.values())}")
        if summary.get("quarantine_reasons"):
            self.info(f"quarantine by expectation: {counts_text(summary['quarantine_reasons'])}")
        if summary.get("top_failures"):
            self.warning("failure reasons: " + "; ".join(
                f"{reason} x{count} (e.g. {example})" for reason, count, example in summary["top_failures"]))
        if summary.get("stage_seconds"):
            self.info("seconds by stage: " + ", ".join(f"{k} {v:.2f}" for k, v in summary["stage_seconds"].items()))
        if summary.get("message"):
            self.warning(f"note: {summary['message']}")
