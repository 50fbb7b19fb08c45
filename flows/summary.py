"""The short summary printed at the end of `chipdemand run`."""
from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def print_summary(summary: dict[str, Any], console: Console) -> None:
    """A compact table of what the run did, and where to look next."""
    q = summary.get("quarantined", {})
    table = Table(title=f"chipdemand run {summary['run_id']} — {summary['status']}", show_header=False,
                  title_justify="left")
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_row("pages seen", str(summary["pages_seen"]))
    table.add_row("articles new / updated / unchanged",
                  f"{summary['articles_new']} / {summary['articles_updated']} / {summary['articles_unchanged']}")
    if summary["duplicates"]:
        table.add_row("duplicates", str(summary["duplicates"]))
    if summary["fresh_skipped"]:
        table.add_row("pages skipped (fetched recently)", str(summary["fresh_skipped"]))
    table.add_row("pages failed", str(summary["pages_failed"] + summary["discovery_failures"]))
    table.add_row("spend rows loaded", str(summary["spend_loaded"]))
    table.add_row("policy rows loaded", str(summary["policy_loaded"]))
    if summary.get("extract_truncated"):
        table.add_row("pages read only in part (extract_truncated)", str(summary["extract_truncated"]))
    table.add_row("quarantined (article/spend/policy)",
                  f"{q.get('article', 0)} / {q.get('chip_spend', 0)} / {q.get('policy_event', 0)}")
    table.add_row("expectations failing / run", f"{summary['expectations_failed']} / {summary['expectations_run']}")
    console.print(table)
    if summary.get("failure_reasons"):
        console.print("failures: " + ", ".join(f"{k} ×{v}" for k, v in summary["failure_reasons"].items())
                      + "  (see: chipdemand sql \"SELECT url, status, reason FROM fetch_log WHERE status <> 'ok'\")")
    if summary.get("stage_seconds"):
        where = f" on {summary['runner']}" if summary.get("runner") else ""
        console.print(f"seconds by stage{where} (fetch/parse/extract summed over workers): " + ", ".join(
            f"{k} {v:.2f}" for k, v in summary["stage_seconds"].items()))
    if summary.get("data_docs"):
        console.print(f"validation report: {summary['data_docs']}")
    console.print(f"warehouse: {summary['db']}")
