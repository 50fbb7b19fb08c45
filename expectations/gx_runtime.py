"""The Great Expectations machinery: one ephemeral context, a pandas data source, one dataframe asset,
batch definition, suite and validation definition per table, all registered once.

GX 1.24.1 sends no usage statistics (the analytics client is gone from this release); the context's
`analytics_enabled` flag is still set from the caller's settings so that a later GX that does send
them stays off unless asked. Progress bars are off too (they would clutter the pipeline's logs).

The values GX keeps for its data docs (failing values, their counts, exception messages) come from the
pages the pipeline read, i.e. from whoever wrote those pages, and GX's templates write table cells into
the HTML as they are. So every string of a stored result is HTML-escaped as soon as it is stored
(`escape_stored_values`): a `<script>` in a feed link shows in the data docs as text, and never runs.
"""
from __future__ import annotations

import html
import shutil
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import great_expectations as gx
import pandas as pd
from great_expectations.core.expectation_validation_result import ExpectationSuiteValidationResult
from great_expectations.data_context.types.base import (DataContextConfig, InMemoryStoreBackendDefaults,
                                                        ProgressBarsConfig)

from expectations.suites import CRITICAL, SuitePlan

DATASOURCE = "chipdemand_rows"
DOCS_SITE = "chipdemand_validation"
# A first pass with BASIC gives the counts at half the cost of COMPLETE; only when a critical check
# failed is the frame validated again with COMPLETE, which lists every failing row's index (the
# frame's 0..n-1 position) and builds no query string.
COUNTS_FORMAT: Mapping[str, Any] = MappingProxyType({"result_format": "BASIC"})
ROWS_FORMAT: Mapping[str, Any] = MappingProxyType({"result_format": "COMPLETE",
                                                   "return_unexpected_index_query": False})
GENERATED_DOCS_FOLDERS = ("validations", "expectations")   # pages a previous build left; rebuilt each time


@dataclass(frozen=True)
class CheckOutcome:
    """One expectation's outcome on one frame, with the positions of the failing rows."""

    name: str
    severity: str
    success: bool
    element_count: int
    unexpected_count: int
    unexpected_percent: float
    rows: tuple[int, ...]


@dataclass(frozen=True)
class SuiteRun:
    """One suite's outcome on one frame."""

    suite: str
    row_count: int
    checks: tuple[CheckOutcome, ...]

    @classmethod
    def empty(cls, plan: SuitePlan) -> "SuiteRun":
        """The outcome for an empty table: nothing checked, nothing failed."""
        return cls(plan.suite, 0, ())

    def critical_failures(self) -> dict[int, list[str]]:
        """Row position -> names of the critical checks it failed."""
        failures: dict[int, list[str]] = {}
        for c in self.checks:
            if c.severity == CRITICAL:
                for i in c.rows:
                    failures.setdefault(i, []).append(c.name)
        return failures


def new_context(analytics_enabled: bool):
    """An in-memory GX context with analytics and progress bars as given (off)."""
    config = DataContextConfig(store_backend_defaults=InMemoryStoreBackendDefaults(),
                               analytics_enabled=analytics_enabled,
                               progress_bars=ProgressBarsConfig(globally=False))
    return gx.get_context(mode="ephemeral", project_config=config)


def severity_of(result) -> str:
    """"critical" or "warning": GX's own severity of the expectation behind a result."""
    severity = result.expectation_config.severity
    return getattr(severity, "value", severity)


def outcome_of(result, row_count: int) -> CheckOutcome:
    """CheckOutcome from one ExpectationValidationResult (name from the expectation's meta, severity GX's own)."""
    meta = result.expectation_config.meta or {}
    details = result.result or {}
    if result.exception_info and result.exception_info.get("raised_exception"):
        # GX could not evaluate the expectation (e.g. a column of the wrong type): every row is suspect
        raise ExpectationError(f"{meta.get('name')}: {result.exception_info.get('exception_message')}")
    rows = tuple(int(i) for i in details.get("unexpected_index_list") or ())
    unexpected = int(details.get("unexpected_count") or 0)
    return CheckOutcome(meta["name"], severity_of(result), bool(result.success),
                        int(details.get("element_count", row_count) or row_count), unexpected,
                        float(details.get("unexpected_percent") or 0.0), rows)


def escaped_for_html(value: Any) -> Any:
    """`value` with every string in it (inside lists, tuples and dict values too) HTML-escaped, quotes
    included; other values as they are."""
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, (list, tuple)):
        return type(value)(escaped_for_html(v) for v in value)
    if isinstance(value, dict):
        return {k: escaped_for_html(v) for k, v in value.items()}
    return value


class ExpectationError(RuntimeError):
    """GX raised inside an expectation: a bug in a suite or a frame, not bad data."""


class GXRuntime:
    """The GX context and one validation definition per suite."""

    def __init__(self, plans: list[SuitePlan], analytics_enabled: bool = False, keep_results: int = 5):
        self.keep_results = max(1, keep_results)
        self.context = new_context(analytics_enabled)
        source = self.context.data_sources.add_pandas(DATASOURCE)
        self.definitions = {}
        for plan in plans:
            batch = source.add_dataframe_asset(name=plan.suite).add_batch_definition_whole_dataframe(plan.suite)
            suite = self.context.suites.add(gx.ExpectationSuite(
                name=plan.suite, expectations=[c.expectation for c in plan.checks],
                meta={"notes": f"chipdemand {plan.suite} rows; severity critical = quarantined, warning = loaded"}))
            self.definitions[plan.suite] = self.context.validation_definitions.add(
                gx.ValidationDefinition(name=f"{plan.suite}_rows", data=batch, suite=suite))

    def run(self, suite: str, frame: pd.DataFrame) -> SuiteRun:
        """Validate `frame` (index 0..n-1) against `suite`: counts first, failing rows only if needed."""
        store = self.context.validation_results_store
        before = set(store.list_keys())
        result = self.validate_frame(suite, frame, COUNTS_FORMAT)
        if any(not r.success and severity_of(r) == CRITICAL for r in result.results):
            for key in set(store.list_keys()) - before:   # the data docs show the detailed pass only
                store.remove_key(key)
            result = self.validate_frame(suite, frame, ROWS_FORMAT)
        self.escape_stored_values(set(store.list_keys()) - before)
        self.prune_results(suite)
        return SuiteRun(suite, len(frame), tuple(outcome_of(r, len(frame)) for r in result.results))

    def validate_frame(self, suite: str, frame: pd.DataFrame, result_format: Mapping[str, Any]
                       ) -> ExpectationSuiteValidationResult:
        """One GX validation of `frame` with `suite`'s validation definition."""
        return self.definitions[suite].run(batch_parameters={"dataframe": frame}, result_format=dict(result_format))

    def escape_stored_values(self, keys) -> None:
        """HTML-escape the values in the stored results `keys`, the data docs' input (see the module's
        docstring); the result this run returns keeps the values as they are."""
        store = self.context.validation_results_store
        for key in keys:
            stored = store.get(key)
            for r in stored.results:
                r.result = escaped_for_html(r.result or {})
                if r.exception_info:
                    r.exception_info = escaped_for_html(r.exception_info)
            store.set(key, stored)

    def prune_results(self, suite: str) -> None:
        """Keep only the latest `keep_results` stored results of a suite, so memory and data docs stay small."""
        store = self.context.validation_results_store
        keys = [k for k in store.list_keys() if k.expectation_suite_identifier.name == suite]
        for key in sorted(keys, key=lambda k: k.run_id.run_time)[:-self.keep_results]:
            store.remove_key(key)

    def write_data_docs(self, out_dir: Path) -> Path:
        """Build the HTML data docs into `out_dir`; the path of its index.html.

        A previous build's pages (found beside its index.html) are removed first: the index lists only
        this validator's results, and pages of earlier runs would otherwise pile up run after run
        (the validation_results table keeps the history)."""
        if (out_dir / "index.html").is_file():
            for folder in GENERATED_DOCS_FOLDERS:
                shutil.rmtree(out_dir / folder, ignore_errors=True)
        out_dir.mkdir(parents=True, exist_ok=True)
        site = {"class_name": "SiteBuilder", "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(out_dir)}}
        if DOCS_SITE in (self.context.get_config().data_docs_sites or {}):
            self.context.update_data_docs_site(DOCS_SITE, site)
        else:
            self.context.add_data_docs_site(DOCS_SITE, site)
        self.context.build_data_docs(site_names=[DOCS_SITE])
        return out_dir / "index.html"
