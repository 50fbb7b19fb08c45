"""What a command's Prefect machinery prints on the terminal: telemetry off, the run's INFO lines sent to the
Prefect API (its log in the UI) but not to the terminal unless --verbose, and failed runs' tracebacks kept
off the console (the CLI prints the one-line reason; the UI keeps the traceback).

    quiet_environment(verbose)                 # before Prefect is imported
    hide_flow_tracebacks_on_console(verbose)   # once Prefect's logging is set up
"""
from __future__ import annotations

import logging
import os

QUIET_ENV = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_CLI_PROMPT": "false",
    # INFO reaches the Prefect API (the run's log in the UI); the terminal shows warnings only
    "PREFECT_LOGGING_LEVEL": "INFO",
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
    "GX_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def quiet_environment(verbose: bool) -> None:
    """Telemetry off (offline machines); the run's INFO lines go to the Prefect API (its log in the UI) while
    the terminal shows warnings only, unless --verbose; explicit env vars win."""
    for key, value in QUIET_ENV.items():
        os.environ.setdefault(key, value)
    if verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
        os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] = "INFO"


def engine_traceback(record: logging.LogRecord) -> bool:
    """False for Prefect's "Encountered exception during execution" record (a traceback on the console)."""
    return not (record.name.startswith("prefect.flow_runs") and record.exc_info is not None)


def run_log_line(record: logging.LogRecord) -> bool:
    """False for the run's stage lines (flows/runlog.py): the terminal has the summary, the UI has the lines."""
    from flows.runlog import RUN_LOG_MARK

    return not getattr(record, RUN_LOG_MARK, False)


def hide_flow_tracebacks_on_console(verbose: bool = False) -> None:
    """Keep failed-run tracebacks out of the terminal: the CLI prints the one-line reason, and the
    traceback still reaches the run's logs in the Prefect UI (the API handler is not filtered). The
    run's stage lines (warnings about failed sources included) stay out of it too unless --verbose:
    the summary says the same."""
    from prefect.logging.configuration import setup_logging

    setup_logging()   # Prefect configures logging on first use; later calls only adjust levels
    for handler in logging.getLogger().handlers:
        if type(handler).__name__ == "PrefectConsoleHandler":
            handler.addFilter(engine_traceback)
            if not verbose:
                handler.addFilter(run_log_line)
