"""What each run publishes to the Prefect UI: a markdown artifact with its counts."""
from __future__ import annotations

from typing import Any

from prefect.artifacts import create_markdown_artifact


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
    if summary.get("data_docs"):
        lines += ["", f"Validation data docs: file://{summary['data_docs']}"]
    if summary.get("top_claims_markdown"):
        lines += ["", "## Largest spend claims", "", summary["top_claims_markdown"]]
    if summary.get("message"):
        lines += ["", f"**{summary['message']}**"]
    return "\n".join(lines)


def publish_run_artifact(summary: dict[str, Any]) -> None:
    """Attach the summary to the current flow run in the Prefect UI."""
    create_markdown_artifact(markdown=run_markdown(summary), key="chipdemand-run-summary",
                             description="chipdemand pipeline run summary")
