"""The short summary printed at the end of `chipdemand run`: counts, and why pages failed with what to do."""
from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from flows.terminal import plain, say, shown

# What a user can do about the commonest failure reasons (reason codes as in fetch_log.reason)
ADVICE = {
    "private_address": "loopback/private hosts are refused: pass --allow-private-hosts (or "
                       "CHIPDEMAND_ALLOW_PRIVATE_HOSTS=1) if you mean to fetch a local server",
    "robots_disallowed": "the site's robots.txt disallows these pages: nothing to do",
    "robots_unavailable": "the site's robots.txt could not be read, so nothing is fetched: try again later",
    "dns_error": "the host name does not resolve: check the URL",
    "connect_error": "the host refused or dropped the connection: check the URL, or try again later",
    "timeout": "the host was too slow: try again later",
    "http_error": "the server answered with an error status: check the URL (fetch_log.http_status)",
    "invalid_url": "not an http(s) URL: fix the link in the source",
    "too_short": "the page had too little main text to be an article (index or paywall page?)",
    "bad_feed": "the feed could not be parsed: check the URL is an RSS/Atom feed",
    "bad_sitemap": "the sitemap could not be parsed: check the URL is a sitemap",
    "outside_folder": "a link points out of the source folder and is not followed",
}
FETCH_LOG_QUERY = "chipdemand sql \"SELECT url, status, reason FROM fetch_log WHERE status NOT IN ('ok', 'unchanged', 'not_modified')\""


def print_failures(summary: dict[str, Any], console: Console) -> None:
    """The top failure reasons, each with its count, one URL and what to do."""
    top = summary.get("top_failures") or []
    if not top:
        return
    failed = summary["pages_failed"] + summary["discovery_failures"]
    head = ("every source failed" if summary.get("all_failed")
            else f"{failed} page{'s' if failed != 1 else ''} or source{'s' if failed != 1 else ''} failed; the rest loaded")
    console.print(Text(f"{head}. Top reasons:", style="bold yellow"))
    for reason, count, example in top:
        line = Text(f"  {shown(reason)} ×{count}", style="bold")
        line.append(f"  e.g. {shown(example)}" if example else "")
        console.print(line, soft_wrap=True)
        if reason in ADVICE:
            console.print(Text(f"    → {ADVICE[reason]}"), soft_wrap=True)
    console.print(Text(f"  every failure with its reason: {FETCH_LOG_QUERY}"), soft_wrap=True)


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
    if summary.get("kept_previous"):
        table.add_row("articles kept at their previous version (new one quarantined)", str(summary["kept_previous"]))
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
    corrections = summary.get("corrections") or {}
    if corrections.get("lines"):
        table.add_row("corrections applied / orphaned / quarantined",
                      f"{corrections['applied']} / {corrections['orphaned']} / {corrections['quarantined']}")
    console.print(table)
    print_failures(summary, console)
    print_correction_problems(corrections, console)
    if summary.get("stage_seconds"):
        where = f" on {summary['runner']}" if summary.get("runner") else ""
        console.print(f"seconds by stage{where} (fetch/parse/extract summed over workers): " + ", ".join(
            f"{k} {v:.2f}" for k, v in summary["stage_seconds"].items()))
    if summary.get("message"):
        console.print(f"note: {summary['message']}", markup=False, highlight=False)
    if summary.get("data_docs"):
        console.print(Text("validation report: ").append(plain(summary["data_docs"])), soft_wrap=True)
    console.print(Text("warehouse: ").append(plain(summary["db"])), soft_wrap=True)


def print_correction_problems(corrections: dict[str, Any], console: Console) -> None:
    """Orphaned and quarantined corrections, named, with where to look: they are never dropped silently."""
    if corrections.get("orphaned"):
        say(console, f"orphaned corrections ({corrections['orphaned']}): " + "; ".join(corrections["orphans"])
            + "  (see: chipdemand sql \"SELECT * FROM v_orphaned_corrections\")", style="yellow")
    if corrections.get("quarantined"):
        say(console, f"quarantined corrections ({corrections['quarantined']}) in {corrections['path']}  "
            "(see: chipdemand sql \"SELECT reason, evidence, note FROM v_corrections WHERE status = 'quarantined'\")",
            style="yellow")
