"""The `chipdemand` command line: a thin layer over `flows.pipeline.run` and the warehouse queries.

Heavy imports (Prefect, GX) happen inside the commands, after the environment is set, so that
`chipdemand --help` is instant and runs are quiet by default.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from flows.defaults import DEFAULT_SOURCES, default_db_path

app = typer.Typer(
    name="chipdemand",
    help=(
        "Track China's AI chip demand from the news: ingest articles, extract spend and policy rows, "
        "validate them, load DuckDB.\n\n"
        "Examples:\n\n"
        "  chipdemand run                                  # the bundled demo sources\n\n"
        "  chipdemand run --sources my_sources.toml\n\n"
        "  chipdemand run --sources https://example.com/feed.xml\n\n"
        "  chipdemand sql \"SELECT * FROM v_spend_by_company_year\"\n\n"
        "  chipdemand report --out reports/"
    ),
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=False)
err = Console(stderr=True)

QUIET_ENV = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_CLI_PROMPT": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
    "GX_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def quiet_environment(verbose: bool) -> None:
    """Telemetry off (offline machines), logs at WARNING unless --verbose; explicit env vars win."""
    for key, value in QUIET_ENV.items():
        os.environ.setdefault(key, value)
    if verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"


DB_HELP = "DuckDB warehouse file [default: $CHIPDEMAND_DB, else warehouse/chipdemand.duckdb]"


@app.command()
def run(
    sources: Optional[str] = typer.Option(None, "--sources", "-s", help=(
        "Sources file (TOML), a folder or file of .html/.htm/.txt, or an http(s) URL of an RSS/Atom feed, "
        f"sitemap or page [default: {DEFAULT_SOURCES.name}]")),
    db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
    allow_private_hosts: bool = typer.Option(False, "--allow-private-hosts", help=(
        "Allow fetching loopback/private addresses (local servers, tests); also CHIPDEMAND_ALLOW_PRIVATE_HOSTS=1")),
    reextract: bool = typer.Option(False, "--reextract", help="Re-extract rows from every stored article's text first"),
    task_runner: str = typer.Option("auto", "--task-runner", help="auto, threads, processes or dask"),
    dask_address: Optional[str] = typer.Option(None, "--dask-address", help="Existing Dask scheduler, tcp://host:8786"),
    workers: int = typer.Option(2, "--workers", help="Worker processes for the processes/dask runners"),
    batch_size: int = typer.Option(200, "--batch-size", help="Pages per fetch/parse batch"),
    lock_wait: float = typer.Option(60.0, "--lock-wait", help="Seconds to wait while another run writes the warehouse"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show Prefect's INFO logs"),
) -> None:
    """Run the pipeline once (a Prefect flow run): ingest, extract, validate, load.

    Examples:

      chipdemand run --sources seeds/articles --db /tmp/demo.duckdb

      chipdemand run --sources http://127.0.0.1:8000/feed.xml --allow-private-hosts

      chipdemand run --reextract          # after improving the extraction rules
    """
    quiet_environment(verbose)
    from flows.api_server import ApiServerError, start_early, wait_until_ready

    server = start_early()   # Prefect's temporary API server comes up while the pipeline's modules import
    from flows.pipeline import PipelineError, run as run_flow
    from flows.summary import print_summary
    from warehouse.db import WarehouseBusyError

    try:
        wait_until_ready(server)
        summary = run_flow(sources=sources, db=str(db) if db else None, reextract=reextract,
                           allow_private_hosts=allow_private_hosts, task_runner=task_runner,
                           dask_address=dask_address, workers=workers, batch_size=batch_size,
                           lock_wait_s=lock_wait, progress=sys.stderr.isatty())
    except ApiServerError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(1)
    except PipelineError as exc:
        err.print(f"[bold red]run failed:[/] {exc}")
        raise typer.Exit(1)
    except WarehouseBusyError as exc:
        err.print(f"[bold red]warehouse busy:[/] {exc}")
        raise typer.Exit(3)
    except (ValueError, OSError) as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(2)
    print_summary(summary, console)


@app.command()
def sql(
    query: str = typer.Argument(..., help="One SQL query"),
    db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv or json"),
    allow_external_access: bool = typer.Option(False, "--allow-external-access",
                                               help="Let the query read files or URLs (off by default)"),
) -> None:
    """Run one query on a read-only connection to the warehouse.

    Examples:

      chipdemand sql "SELECT company, year, sum(amount_usd) FROM chip_spend GROUP BY ALL ORDER BY 3 DESC"

      chipdemand sql "SELECT * FROM v_policy_timeline" --format csv > timeline.csv
    """
    from warehouse.query import QueryError, run_query, render

    try:
        columns, rows = run_query(db or default_db_path(), query, allow_external_access=allow_external_access)
    except (QueryError, FileNotFoundError) as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(2)
    render(columns, rows, fmt, console)


@app.command()
def serve(
    cron: Optional[str] = typer.Option(None, "--cron", help="Cron schedule [default: $CHIPDEMAND_CRON, else daily 06:00]"),
    timezone: Optional[str] = typer.Option(None, "--timezone", help="IANA time zone of the schedule [default: UTC]"),
    name: str = typer.Option("daily", "--name", help="Deployment name"),
    overlap: str = typer.Option("wait", "--overlap", help="A run starting while another runs: wait or skip"),
    sources: Optional[str] = typer.Option(None, "--sources", help="Default sources parameter of the run form"),
    db: Optional[Path] = typer.Option(None, "--db", help="Default db parameter of the run form"),
) -> None:
    """Serve the scheduled deployment chip-demand-pipeline/daily: cron runs and runs from the Prefect UI.

    Examples:

      chipdemand serve                                   # daily at 06:00 UTC

      chipdemand serve --cron "0 */6 * * *" --overlap skip

      PREFECT_API_URL=http://127.0.0.1:4200/api chipdemand serve   # register with a running server
    """
    quiet_environment(False)
    os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
    from flows.deploy import ScheduleError, default_cron, default_timezone, serve as serve_deployment

    defaults = {k: v for k, v in {"sources": sources, "db": str(db) if db else None}.items() if v}
    try:
        serve_deployment(cron or default_cron(), name, timezone=timezone or default_timezone(),
                         overlap=overlap, parameters=defaults)
    except ScheduleError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(2)


@app.command()
def report(
    db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
    out: Path = typer.Option(Path("reports"), "--out", help="Folder for the HTML report"),
) -> None:
    """Write the analytics report (one self-contained HTML page with charts).

    Example:

      chipdemand report --out reports/ && xdg-open reports/index.html
    """
    from flows.report import write_report

    try:
        path = write_report(db or default_db_path(), out)
    except FileNotFoundError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(2)
    console.print(f"report: {path}")


@app.command()
def export(
    db: Optional[Path] = typer.Option(None, "--db", help=DB_HELP),
    out: Path = typer.Option(Path("exports"), "--out", help="Folder for the exported files"),
    fmt: str = typer.Option("parquet", "--format", "-f", help="parquet or csv"),
) -> None:
    """Export every table and view to Parquet (or CSV) files.

    Example:

      chipdemand export --format parquet --out exports/
    """
    from warehouse.export import export_all

    try:
        paths = export_all(db or default_db_path(), out, fmt)
    except (FileNotFoundError, ValueError) as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(2)
    console.print(f"wrote {len(paths)} files to {out}")


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
