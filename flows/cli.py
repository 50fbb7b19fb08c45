"""The `chipdemand` command line: a thin layer over `flows.pipeline.run` and the warehouse queries.

Heavy imports (Prefect, GX) happen inside the commands, after the environment is set, so that
`chipdemand --help` is instant and runs are quiet by default.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from flows import fast_exit
from flows.cli_corrections import register as register_corrections
from flows.console_logging import hide_flow_tracebacks_on_console, quiet_environment
from flows.defaults import SOURCES_FILE, default_db_path, default_sources
from flows.options import (ExportFormat, OptionError, OutputFormat, Overlap, TaskRunner, check_run_numbers,
                           check_task_runner_installed)
from flows.terminal import say, say_error

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

DB_HELP = "DuckDB warehouse file [default: ./warehouse/chipdemand.duckdb, or under $CHIPDEMAND_HOME]"
DB_ENV = "CHIPDEMAND_DB"
LOCK_WAIT_HELP = "Seconds to wait while a run holds the warehouse's write lock, then exit 3"
DUCKDB_MAGIC = b"DUCK"          # bytes 8-11 of every DuckDB database file


def version_callback(value: bool) -> None:
    """--version: print the installed version and stop."""
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("chipdemand")
        except PackageNotFoundError:
            found = "unknown (not installed)"
        console.print(f"chipdemand {found}", markup=False)
        raise typer.Exit(0)


@app.callback()
def common(version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True,
                                        help="Print the version and exit")) -> None:
    """Track China's AI chip demand from the news."""


def fail(label: str, message: object, code: int) -> None:
    """Print one line on stderr and exit with `code`."""
    say_error(err, label, message)
    raise typer.Exit(code)


def check_db_path(db: Path) -> None:
    """Refuse a --db that cannot be a DuckDB warehouse before anything starts (OptionError)."""
    if db.is_dir():
        raise OptionError(f"--db {db} is a folder; give a file path such as {db / 'chipdemand.duckdb'}")
    if db.is_file() and db.stat().st_size:
        with db.open("rb") as handle:
            header = handle.read(12)
        if header[8:12] != DUCKDB_MAGIC:
            raise OptionError(f"--db {db} is not a DuckDB database file; point --db at a new path or an existing warehouse")


@app.command()
def run(
    sources: Optional[str] = typer.Option(None, "--sources", "-s", help=(
        "Sources file (TOML), a folder or file of .html/.htm/.txt, or an http(s) URL of an RSS/Atom feed, "
        f"sitemap, page or homepage (its feeds are found) [default: ./{SOURCES_FILE}, else the bundled demo articles]")),
    db: Optional[Path] = typer.Option(None, "--db", envvar=DB_ENV, help=DB_HELP),
    allow_private_hosts: bool = typer.Option(False, "--allow-private-hosts", envvar="CHIPDEMAND_ALLOW_PRIVATE_HOSTS",
                                             help="Allow fetching loopback/private addresses (local servers, tests)"),
    allow_outside: bool = typer.Option(False, "--allow-outside", help=(
        "Let a sources file's relative folder paths lead outside the file's folder (absolute paths always may)")),
    reextract: bool = typer.Option(False, "--reextract", help="Re-extract rows from every stored article's text first"),
    task_runner: TaskRunner = typer.Option(TaskRunner.auto, "--task-runner", help="Where fetch and parse batches run"),
    dask_address: Optional[str] = typer.Option(None, "--dask-address", help="Existing Dask scheduler, tcp://host:8786"),
    workers: int = typer.Option(2, "--workers", help="Worker processes for the processes/dask runners "
                                "(at most one per core unless --oversubscribe)"),
    oversubscribe: bool = typer.Option(False, "--oversubscribe", help="Allow more --workers than usable cores"),
    batch_size: int = typer.Option(200, "--batch-size", help="Pages per fetch/parse batch"),
    lock_wait: float = typer.Option(60.0, "--lock-wait", help=LOCK_WAIT_HELP),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show Prefect's INFO logs"),
    corrections: Optional[Path] = typer.Option(None, "--corrections", help=(
        "Analysts' corrections file (default: $CHIPDEMAND_CORRECTIONS, else corrections.csv beside the sources file)")),
) -> None:
    """Run the pipeline once (a Prefect flow run): ingest, extract, validate, load.

    Exit codes: 0 completed (some pages may have failed: the summary lists why), 1 the run failed
    (every source failed, or too many rows failed validation), 2 bad options or sources, 3 the
    warehouse is being written by another run.

    Examples:

      chipdemand run --sources seeds/articles --db /tmp/demo.duckdb

      chipdemand run --sources http://127.0.0.1:8000/feed.xml --allow-private-hosts

      chipdemand run --reextract          # after improving the extraction rules

      chipdemand run --sources https://outlet.example/   # a homepage: its feeds are found and read

    Fetch settings: a [fetch] table in the sources file, or environment variables (which win):

      user_agent          CHIPDEMAND_USER_AGENT          a contact for site owners, e.g. "chipdemand/0.2 (+mailto:you@example.org)"

      per_host_limit      CHIPDEMAND_PER_HOST_LIMIT      connections to one host at once, across the whole run [4]

      delay_seconds       CHIPDEMAND_DELAY_SECONDS       between requests to one host; robots.txt Crawl-delay wins if larger [0]

      refetch_after_days  CHIPDEMAND_REFETCH_AFTER_DAYS  pages fetched more recently are not fetched again [7]

      timeout_seconds     CHIPDEMAND_TIMEOUT_SECONDS     one attempt at one URL, all included [60]

      proxy_from_env      CHIPDEMAND_PROXY_FROM_ENV      honour HTTP_PROXY / HTTPS_PROXY / NO_PROXY [false]
    """
    from flows.corrections import read_corrections_file
    from flows.fetching.user_settings import FetchSettingsError, fetch_options
    from flows.sources import SourcesError, fetch_table, resolve_sources
    from transforms.corrections import CorrectionsFileError

    try:   # everything a user can get wrong is checked before Prefect starts: one line, exit 2
        check_run_numbers(workers, batch_size, lock_wait, oversubscribe)
        check_db_path(db or default_db_path())
        resolve_sources(sources or str(default_sources()))
        fetch_options(fetch_table(sources or str(default_sources())))   # [fetch] and CHIPDEMAND_* fetch variables
        check_task_runner_installed(task_runner.value)
        if corrections:
            read_corrections_file(corrections, required=True)
    except (OptionError, SourcesError, FetchSettingsError, FileNotFoundError, CorrectionsFileError) as exc:
        fail("error", exc, 2)
    quiet_environment(verbose)
    params = dict(sources=sources, db=str(db) if db else None, reextract=reextract,
                  allow_private_hosts=allow_private_hosts, allow_outside=allow_outside, task_runner=task_runner.value,
                  dask_address=dask_address, workers=workers, batch_size=batch_size, lock_wait_s=lock_wait,
                  progress=sys.stderr.isatty(), oversubscribe=oversubscribe,
                  corrections=str(corrections) if corrections else None)
    from flows.api_server import ApiServerError, start_early, wait_until_ready

    # Prefect's temporary API server comes up while the pipeline's modules import; a first run starts it before
    # discovery, a later one only when the check before Prefect finds something new (flows/preflight.py)
    server = start_early() if not Path(db or default_db_path()).is_file() else None
    if quick_run(params):
        return
    server = server or start_early()
    from flows.pipeline import PipelineError, run as run_flow
    from flows.summary import print_summary
    from warehouse.db import WarehouseBusyError
    from warehouse.integrity import WarehouseCorruptError

    try:
        wait_until_ready(server)
        hide_flow_tracebacks_on_console(verbose)
        summary = run_flow(**params)
    except ApiServerError as exc:
        fail("error", exc, 1)
    except PipelineError as exc:
        if getattr(exc, "summary", None):
            print_summary(exc.summary, console)
        fail("run failed", exc, 1)
    except WarehouseBusyError as exc:
        fail("warehouse busy", exc, 3)
    except WarehouseCorruptError as exc:
        fail("error", exc, 1)
    except (ValueError, OSError) as exc:
        fail("error", exc, 2)
    finally:
        from flows.preflight import clear_handoffs

        clear_handoffs()
    print_summary(summary, console)


def quick_run(params: dict) -> bool:
    """Record the run here and print its summary when nothing is new (True); False when the flow must run."""
    from flows.config import PipelineError, build_config
    from flows.preflight import quiet_run
    from flows.summary import print_summary
    from warehouse.db import WarehouseBusyError
    from warehouse.integrity import WarehouseCorruptError

    try:
        summary = quiet_run(build_config(**params))
    except WarehouseBusyError as exc:
        fail("warehouse busy", exc, 3)
    except (WarehouseCorruptError, PipelineError) as exc:
        fail("error", exc, 1)
    except (ValueError, OSError) as exc:
        fail("error", exc, 2)
    if summary is None:
        return False
    print_summary(summary, console)
    return True


@app.command()
def sql(
    query: str = typer.Argument(..., help="One SQL query"),
    db: Optional[Path] = typer.Option(None, "--db", envvar=DB_ENV, help=DB_HELP),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="How to print the rows"),
    timeout: float = typer.Option(60.0, "--timeout", min=0.1, help="Stop the query after this many seconds"),
    max_rows: Optional[int] = typer.Option(None, "--max-rows", min=1, help=(
        "Print at most this many rows [default: 1000 for table; every row, streamed, for csv/json]")),
    raw: bool = typer.Option(False, "--raw", help="CSV: keep cells starting with = + - @ as they are "
                             "(by default they get a leading ' so spreadsheets do not run them as formulas)"),
    lock_wait: float = typer.Option(60.0, "--lock-wait", min=0, help=LOCK_WAIT_HELP),
    allow_external_access: bool = typer.Option(False, "--allow-external-access",
                                               help="Let the query read files or URLs (off by default)"),
) -> None:
    """Run one query on a read-only connection to the warehouse.

    Exit codes: 0 done, 1 stopped by --timeout, 2 the query failed or tried to write, 3 the warehouse
    stayed locked by a run for --lock-wait seconds, 130 Ctrl-C.

    Examples:

      chipdemand sql "SELECT company, year, sum(amount_usd) FROM chip_spend GROUP BY ALL ORDER BY 3 DESC"

      chipdemand sql "SELECT * FROM v_policy_timeline" --format csv > timeline.csv
    """
    from flows.terminal import print_table
    from warehouse.db import WarehouseBusyError
    from warehouse.query import (DEFAULT_TABLE_ROWS, QueryCancelled, QueryError, QueryTimeout, open_query,
                                 table_rows, write_csv, write_json)

    try:
        with open_query(db or default_db_path(), query, allow_external_access=allow_external_access,
                        timeout_s=timeout, lock_wait_s=lock_wait,
                        on_wait=lambda message: say(err, message, style="yellow")) as result:
            if fmt is OutputFormat.table:
                rows, truncated = table_rows(result, max_rows or DEFAULT_TABLE_ROWS)
                print_table(console, result.columns, rows, truncated)
            elif fmt is OutputFormat.csv:
                write_csv(result, sys.stdout, max_rows, raw=raw)
            else:
                write_json(result, sys.stdout, max_rows)
    except QueryCancelled as exc:
        fail("stopped", exc, 130)
    except QueryTimeout as exc:
        fail("stopped", exc, 1)
    except WarehouseBusyError as exc:
        fail("warehouse busy", exc, 3)
    except (QueryError, FileNotFoundError) as exc:
        fail("error", exc, 2)


@app.command()
def serve(
    cron: Optional[str] = typer.Option(None, "--cron", envvar="CHIPDEMAND_CRON",
                                       help="Cron schedule [default: daily 06:00]"),
    timezone: Optional[str] = typer.Option(None, "--timezone", help="IANA time zone of the schedule [default: UTC]"),
    name: str = typer.Option("daily", "--name", help="Deployment name"),
    overlap: Overlap = typer.Option(Overlap.wait, "--overlap", help="A run starting while another runs"),
    sources: Optional[str] = typer.Option(None, "--sources", help="Default sources parameter of the run form"),
    db: Optional[Path] = typer.Option(None, "--db", envvar=DB_ENV, help="Default db parameter of the run form"),
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
    from flows.sources import SourcesError

    defaults = {k: v for k, v in {"sources": sources, "db": str(db) if db else None}.items() if v}
    try:
        serve_deployment(cron or default_cron(), name, timezone=timezone or default_timezone(),
                         overlap=overlap.value, parameters=defaults)
    except (ScheduleError, SourcesError) as exc:
        fail("error", exc, 2)


@app.command()
def report(
    db: Optional[Path] = typer.Option(None, "--db", envvar=DB_ENV, help=DB_HELP),
    out: Path = typer.Option(Path("reports"), "--out", help="Folder for the HTML report"),
    lock_wait: float = typer.Option(60.0, "--lock-wait", min=0, help=LOCK_WAIT_HELP),
) -> None:
    """Write the analytics report (one self-contained HTML page with charts).

    Example:

      chipdemand report --out reports/ && xdg-open reports/index.html
    """
    from flows.report import write_report
    from warehouse.db import WarehouseBusyError

    try:
        path = write_report(db or default_db_path(), out, lock_wait_s=lock_wait,
                            on_wait=lambda message: say(err, message, style="yellow"))
    except WarehouseBusyError as exc:
        fail("warehouse busy", exc, 3)
    except (FileNotFoundError, OSError) as exc:
        fail("error", exc, 2)
    say(console, f"report: {path}")
    from importlib.util import find_spec

    if find_spec("vl_convert") is None:
        say(err, "note: the page loads its chart scripts from a CDN, so it needs network to show the charts; "
            "pip install 'chipdemand[report]' puts them in the page", style="yellow")


@app.command()
def export(
    db: Optional[Path] = typer.Option(None, "--db", envvar=DB_ENV, help=DB_HELP),
    out: Path = typer.Option(Path("exports"), "--out", help="Folder for the exported files"),
    fmt: ExportFormat = typer.Option(ExportFormat.parquet, "--format", "-f", help="File format"),
    lock_wait: float = typer.Option(60.0, "--lock-wait", min=0, help=LOCK_WAIT_HELP),
) -> None:
    """Export every table and view to Parquet (or CSV) files.

    Example:

      chipdemand export --format parquet --out exports/
    """
    from warehouse.db import WarehouseBusyError
    from warehouse.export import export_all

    try:
        paths = export_all(db or default_db_path(), out, fmt.value, lock_wait_s=lock_wait,
                           on_wait=lambda message: say(err, message, style="yellow"))
    except WarehouseBusyError as exc:
        fail("warehouse busy", exc, 3)
    except (FileNotFoundError, ValueError, OSError) as exc:
        fail("error", exc, 2)
    say(console, f"wrote {len(paths)} files to {out}")


register_corrections(app)   # review, correct, reject, confirm, add, corrections apply|export-gold


def main() -> None:
    """Console-script entry point (in-process callers use `app`): user errors (a bad option, a missing
    argument) are one line and exit 2, Ctrl-C is one line and exit 130; never a traceback for either.
    A finished command leaves without the interpreter's teardown (flows/fast_exit.py)."""
    fast_exit.arm()
    try:
        code = app(standalone_mode=False)
    except typer.exceptions.TyperException as exc:   # Typer's usage errors: bad option value, unknown option ...
        ctx = getattr(exc, "ctx", None)
        hint = f" (see: {ctx.command_path} --help)" if ctx is not None else ""
        say_error(err, "error", f"{exc.format_message().replace('Value error, ', '')}{hint}")
        fast_exit.leave(getattr(exc, "exit_code", 2))
    except (typer.Abort, KeyboardInterrupt):
        say_error(err, "stopped", "interrupted (Ctrl-C)")
        fast_exit.leave(130)
    fast_exit.leave(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
