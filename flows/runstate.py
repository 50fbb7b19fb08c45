"""The run's tallies: what happened to each page and row, for pipeline_runs and the summary."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

FAILED_STATUSES = ("failed", "refused", "parse_failed")
SUITE_SUMMARY = "rows_pass_critical_expectations"   # expectations.validate's per-suite row count (GX-free here)
SAMPLES = 25   # failed fetches and quarantined rows kept as examples for the run's table artifact


@dataclass
class RunTally:
    """Counters kept while batches are loaded."""

    seen: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    kept_previous: int = 0      # stored articles whose new version was quarantined: the old one stays
    failed: int = 0
    fresh_skipped: int = 0
    discovery_failures: int = 0
    spend_loaded: int = 0
    extract_truncated: int = 0      # pages whose extraction stopped at a limit (transforms.extract.ExtractLimits)
    policy_loaded: int = 0
    quarantined: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    failure_reasons: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    failure_examples: dict[str, str] = field(default_factory=dict)   # reason -> one URL that failed for it
    failure_samples: list[dict[str, Any]] = field(default_factory=list)      # the first SAMPLES failed fetches
    quarantine_reasons: dict[str, int] = field(default_factory=lambda: defaultdict(int))   # expectation -> rows
    quarantine_samples: list[dict[str, Any]] = field(default_factory=list)   # the first SAMPLES quarantined rows
    stage_seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    runner: str | None = None   # where fetch/parse batches ran: threads, processes or dask (None: nothing to fetch)
    # (suite, expectation, severity) -> [elements, unexpected]
    expectations: dict[tuple[str, str, str], list[int]] = field(default_factory=dict)

    def count_page(self, parsed) -> None:
        """Count one page's fetch/parse outcome."""
        self.seen += 1
        if getattr(parsed, "truncated", None):
            self.extract_truncated += 1
        for stage, seconds in parsed.seconds.items():
            self.stage_seconds[stage] += seconds
        status = parsed.log.get("status") if parsed.log else None
        if status in FAILED_STATUSES:
            self.failed += 1
            self.count_failure(parsed.log)
        elif parsed.unchanged:
            self.unchanged += 1

    def count_failure(self, log: dict[str, Any]) -> None:
        """Count a failed fetch_log row under its reason code ("private_address", "too_short" ...)."""
        reason = (log.get("reason") or log.get("status") or "unknown").split(":", 1)[0]
        self.failure_reasons[reason] += 1
        self.failure_examples.setdefault(reason, log.get("url") or "")
        if len(self.failure_samples) < SAMPLES:
            self.failure_samples.append({"url": log.get("url") or "", "source": log.get("source") or "",
                                         "status": log.get("status") or "", "reason": log.get("reason") or ""})

    def count_discovery(self, logs: list[dict[str, Any]]) -> None:
        """Fold discovery's fetch_log rows (feeds, sitemaps, folders) into the failure counts."""
        for log in logs:
            if log.get("status") in FAILED_STATUSES:   # a feed answering 304 Not Modified is not a failure
                self.discovery_failures += 1
                self.count_failure(log)

    def all_failed(self) -> bool:
        """True when something failed and nothing was read: every source failed (the run is a failure)."""
        read = self.new + self.updated + self.unchanged + self.duplicates + self.fresh_skipped
        return self.failed + self.discovery_failures > 0 and read == 0

    def top_failures(self, n: int = 5) -> list[tuple[str, int, str]]:
        """(reason, count, example URL) of the `n` commonest failure reasons."""
        ranked = sorted(self.failure_reasons.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
        return [(reason, count, self.failure_examples.get(reason, "")) for reason, count in ranked]

    def add_validation(self, outcome) -> None:
        """Fold one batch's validation outcome into the run's totals."""
        self.spend_loaded += len(outcome.spend)
        self.policy_loaded += len(outcome.policy)
        for q in outcome.quarantined:
            self.quarantined[q.row_kind] += 1
            for name in q.failed_expectations:
                self.quarantine_reasons[name] += 1
            if len(self.quarantine_samples) < SAMPLES:
                self.quarantine_samples.append({"row_kind": q.row_kind, "row_key": q.row_key,
                                                "article_id": q.article_id or "",
                                                "failed_expectations": ", ".join(q.failed_expectations)})
        for r in outcome.results:
            key = (r.suite, r.expectation, r.severity)
            acc = self.expectations.setdefault(key, [0, 0])
            acc[0] += r.element_count
            acc[1] += r.unexpected_count

    def rows_validated(self) -> int:
        """Rows of every table that went through validation this run."""
        return sum(n for (_s, e, _v), (n, _bad) in self.expectations.items() if e == SUITE_SUMMARY)

    def validation_rows(self) -> list[dict[str, Any]]:
        """validation_results rows for the whole run."""
        return [
            {"suite": s, "expectation": e, "severity": sev, "success": bad == 0, "element_count": n,
             "unexpected_count": bad, "unexpected_percent": (100.0 * bad / n) if n else 0.0}
            for (s, e, sev), (n, bad) in sorted(self.expectations.items())
        ]

    def failed_suites(self, max_failure_rate: float) -> list[str]:
        """Suites where the share of rows failing a critical expectation passes the threshold."""
        worst: dict[str, float] = {}
        for (suite, _exp, severity), (n, bad) in self.expectations.items():
            if severity == "critical" and n:
                worst[suite] = max(worst.get(suite, 0.0), bad / n)
        return sorted(s for s, rate in worst.items() if rate > max_failure_rate)

    def run_row(self, run_id: str, flow_run_id: str | None, started: datetime, finished: datetime,
                status: str, sources: str, message: str | None) -> dict[str, Any]:
        """The pipeline_runs row."""
        return {
            "run_id": run_id, "flow_run_id": flow_run_id, "started_at": started, "finished_at": finished,
            "status": status, "sources": sources, "articles_seen": self.seen, "articles_new": self.new,
            "articles_updated": self.updated, "articles_unchanged": self.unchanged,
            "articles_failed": self.failed + self.discovery_failures,
            "articles_quarantined": self.quarantined.get("article", 0), "spend_loaded": self.spend_loaded,
            "spend_quarantined": self.quarantined.get("chip_spend", 0), "policy_loaded": self.policy_loaded,
            "policy_quarantined": self.quarantined.get("policy_event", 0), "message": message,
        }

    def summary(self, run_id: str, status: str, message: str | None, config, data_docs: str | None) -> dict[str, Any]:
        """What the CLI prints and the artifact shows."""
        return {
            "run_id": run_id, "status": status, "message": message, "db": str(config.db_path),
            "sources": config.sources, "pages_seen": self.seen, "articles_new": self.new,
            "articles_updated": self.updated, "articles_unchanged": self.unchanged,
            "duplicates": self.duplicates, "kept_previous": self.kept_previous, "pages_failed": self.failed, "discovery_failures": self.discovery_failures,
            "fresh_skipped": self.fresh_skipped, "failure_reasons": dict(self.failure_reasons),
            "top_failures": self.top_failures(), "all_failed": self.all_failed(),
            "spend_loaded": self.spend_loaded, "policy_loaded": self.policy_loaded,
            "extract_truncated": self.extract_truncated,
            "quarantined": dict(self.quarantined), "quarantine_reasons": dict(self.quarantine_reasons),
            "rows_validated": self.rows_validated(),
            "failure_samples": list(self.failure_samples), "quarantine_samples": list(self.quarantine_samples),
            "expectations_failed": sum(1 for (_s, _e, _v), (_n, bad) in self.expectations.items() if bad),
            "expectations_run": len(self.expectations), "data_docs": data_docs,
            "stage_seconds": {k: round(v, 3) for k, v in self.stage_seconds.items()},
            "runner": self.runner,
        }
