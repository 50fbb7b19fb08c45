"""The run options users type, checked at the edge before anything starts.

The enumerations are the choices the CLI offers (Typer shows them in --help and refuses anything else);
`check_run_numbers` refuses numbers that make no sense and caps worker processes at the cores this
process may use, so `--workers 10000` does not start thousands of processes. Cheap to import.
"""
from __future__ import annotations

import os
from enum import Enum
from importlib.util import find_spec


class TaskRunner(str, Enum):
    """Where fetch and parse/extract batches run."""

    auto = "auto"
    threads = "threads"
    processes = "processes"
    dask = "dask"


class OutputFormat(str, Enum):
    """How `chipdemand sql` prints rows."""

    table = "table"
    csv = "csv"
    json = "json"


class ExportFormat(str, Enum):
    """File format of `chipdemand export`."""

    parquet = "parquet"
    csv = "csv"


class Overlap(str, Enum):
    """What a deployment run does when another is running."""

    wait = "wait"
    skip = "skip"


class OptionError(ValueError):
    """An option's value is out of range; the message names the option and what it accepts."""


def usable_cores() -> int:
    """Cores this process may run on (the affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_run_numbers(workers: int, batch_size: int, lock_wait_s: float, oversubscribe: bool = False,
                      cores: int | None = None) -> int:
    """Refuse senseless numbers (OptionError); return the worker count to use: at most one per usable
    core unless `oversubscribe` (a remote Dask cluster, or a machine whose cores wait on I/O)."""
    if workers < 1:
        raise OptionError(f"--workers must be at least 1 (got {workers})")
    if batch_size < 1:
        raise OptionError(f"--batch-size must be at least 1 (got {batch_size})")
    if lock_wait_s < 0:
        raise OptionError(f"--lock-wait must be 0 or more seconds (got {lock_wait_s:g})")
    if oversubscribe:
        return workers
    return min(workers, cores or usable_cores())


def check_task_runner_installed(task_runner: str) -> None:
    """Refuse `dask` when Dask is not installed (it is an extra), saying how to install it (OptionError)."""
    if task_runner == "dask" and (find_spec("prefect_dask") is None or find_spec("distributed") is None):
        raise OptionError("--task-runner dask needs Dask, an optional part: pip install 'chipdemand[dask]'")
