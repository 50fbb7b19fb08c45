"""What each run publishes to the Prefect UI: a progress bar that moves while it runs, a markdown
artifact with its counts, and a table of its failed fetches and quarantined rows (the first few of each).

Artifacts are attached to the flow run they are created in; outside a flow run (a unit test calling
the core) nothing is published.
"""
from __future__ import annotations

from typing import Any
from uuid import UUID

from prefect.artifacts import (create_markdown_artifact, create_progress_artifact, create_table_artifact,
                               update_progress_artifact)
from prefect.context import FlowRunContext

SUMMARY_KEY = "chipdemand-run-summary"
PROGRESS_KEY = "chipdemand-run-progress"
PROBLEMS_KEY = "chipdemand-run-problems"


def in_flow_run() -> bool:
    """True inside a Prefect flow run (where artifacts have a run to belong to)."""
    return FlowRunContext.get() is not None


class RunProgressArtifact:
    """Pages done out of pages to do, as a progress artifact on the flow run (0-100 %)."""

    def __init__(self) -> None:
        self.artifact_id: UUID | None = None
        self.shown = -1.0

    def update(self, done: int, total: int, stage: str) -> None:
        """Move the bar to `done`/`total` (created on first use); skips moves of less than one percent."""
        if not in_flow_run():
            return
        percent = 100.0 * done / total if total else 100.0
        if self.artifact_id is not None and percent - self.shown < 1.0 and percent < 100.0:
            return
        description = f"{stage}: {done} of {total} pages"
        if self.artifact_id is None:
            self.artifact_id = create_progress_artifact(percent, key=PROGRESS_KEY, description=description)
        else:
            update_progress_artifact(self.artifact_id, percent, description=description)
        self.shown = percent


def problem_rows(summary: dict[str, Any]) -> list[dict[str, str]]:
    """Failed fetches and quarantined rows as one table: what, which, why."""
    rows = [{"problem": f"fetch {f['status']}", "item": f["url"], "source": f["source"], "reason": f["reason"]}
            for f in summary.get("failure_samples", [])]
    rows += [{"problem": f"quarantined {q['row_kind']}", "item": q["row_key"], "source": q["article_id"],
              "reason": q["failed_expectations"]} for q in summary.get("quarantine_samples", [])]
    return rows


def publish_problems_table(summary: dict[str, Any]) -> None:
    """A table artifact of the run's first failed fetches and quarantined rows (nothing when there are none)."""
    rows = problem_rows(summary)
    if rows and in_flow_run():
        failed = summary["pages_failed"] + summary["discovery_failures"]
        quarantined = sum(summary.get("quarantined", {}).values())
        create_table_artifact(rows, key=PROBLEMS_KEY, description=(
            f"{failed} failed fetches and {quarantined} quarantined rows; the first "
            f"{len(summary.get('failure_samples', []))} and {len(summary.get('quarantine_samples', []))} are listed "
            "(every one: fetch_log and quarantine tables)"))


def run_markdown(summary: dict[str, Any]) -> str:
    """The run summary as markdown."""
    q = summary.get("quarantined", {})
    lines = [
        f"# chipdemand run `{summary['run_id']}`: {summary['status']}",
        "",
        f"Sources: `{summary['sources']}` · warehouse: `{summary['db']}`",
        "",
        "| step | count |", "|---|---|",
        f"| pages seen | {summary['pages_seen']} |",
        f"| articles new / updated / unchanged | {summary['articles_new']} / {summary['articles_updated']} / {summary['articles_unchanged']} |",
        f"| duplicates | {summary['duplicates']} |",
        f"| pages failed (fetch or parse) | {summary['pages_failed']} |",
        f"| spend rows loaded | {summary['spend_loaded']} |",
        f"| policy rows loaded | {summary['policy_loaded']} |",
        f"| quarantined (article / spend / policy) | {q.get('article', 0)} / {q.get('chip_spend', 0)} / {q.get('policy_event', 0)} |",
        f"| expectations failing / run | {summary['expectations_failed']} / {summary['expectations_run']} |",
    ]
    corrections = summary.get("corrections") or {}
    if corrections.get("lines"):
        lines.append(f"| corrections applied / orphaned / quarantined | {corrections['applied']} / "
                     f"{corrections['orphaned']} / {corrections['quarantined']} |")
    if summary.get("stage_seconds"):
        lines += ["", "Seconds by stage: " + ", ".join(f"{k} {v:.2f}" for k, v in summary["stage_seconds"].items())]
    if summary.get("failure_reasons"):
        lines += ["", "Failures by reason: " + ", ".join(f"{k} {v}" for k, v in summary["failure_reasons"].items())]
    if summary.get("quarantine_reasons"):
        lines += ["", "Quarantined rows by expectation: " + ", ".join(
            f"{k} {v}" for k, v in sorted(summary["quarantine_reasons"].items(), key=lambda kv: -kv[1]))]
    if summary.get("data_docs"):
        lines += ["", f"Validation data docs: file://{summary['data_docs']}"]
    if summary.get("top_claims_markdown"):
        lines += ["", "## Largest spend claims", "", summary["top_claims_markdown"]]
    if summary.get("message"):
        lines += ["", f"**{summary['message']}**"]
    return "\n".join(lines)


def publish_run_artifact(summary: dict[str, Any]) -> None:
    """Attach the summary to the current flow run in the Prefect UI."""
    if not in_flow_run():
        return
    create_markdown_artifact(markdown=run_markdown(summary), key=SUMMARY_KEY,
                             description="chipdemand pipeline run summary")
    publish_problems_table(summary)
