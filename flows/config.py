"""Run configuration: everything a run needs, gathered at the edge (CLI flags, env vars, deployment
parameters) and passed down as one value."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from expectations.settings import ValidationSettings
from flows.defaults import default_corrections_path, default_db_path, default_sources, env_allows_private_hosts
from flows.discover import DiscoverySettings
from flows.fetch import FetchSettings
from flows.fetching.user_settings import apply_fetch_options, fetch_options, refetch_after
from flows.options import check_run_numbers, check_task_runner_installed, usable_cores
from flows.sources import check_sources_argument, fetch_table
from seeds import SEEDS_DIR
from transforms.article import ParseSettings

CRASH_ENV = "CHIPDEMAND_TEST_CRASH_AT"
# Below this many pages, a pool of worker processes is not worth starting (one batch, one core busy anyway).
PROCESS_THRESHOLD = 200
TaskRunnerKind = Literal["auto", "threads", "processes", "dask"]


@dataclass(frozen=True)
class RunConfig:
    """One pipeline run's settings."""

    sources: str = field(default_factory=lambda: str(default_sources()))
    db_path: Path = field(default_factory=default_db_path)
    reextract: bool = False
    allow_outside: bool = False     # a sources file's relative folder paths may lead outside its folder
    task_runner: TaskRunnerKind = "auto"
    workers: int = 2
    dask_address: str | None = None
    batch_size: int = 200
    lock_wait_s: float = 60.0
    fetch: FetchSettings = field(default_factory=FetchSettings)
    parse: ParseSettings = field(default_factory=ParseSettings)
    discovery: DiscoverySettings = field(default_factory=DiscoverySettings)
    validation: ValidationSettings = field(default_factory=ValidationSettings)
    seeds_dir: Path = SEEDS_DIR
    corrections_path: Path = field(default_factory=default_corrections_path)   # analysts' decisions, loaded in every run
    corrections_required: bool = False   # given explicitly (--corrections): a missing file is an error
    write_data_docs: bool = True
    progress: bool = False
    crash_at: str | None = None     # test hook: a load point at which to kill the process (see warehouse/load.py)

    @property
    def warehouse_dir(self) -> Path:
        """The folder of the warehouse file: raw archive, data docs and caches live beside it."""
        return Path(self.db_path).resolve().parent

    @property
    def cache_dir(self) -> Path:
        """Prefect result storage for cached parse/extract batches (keyed by content and extractor version)."""
        return self.warehouse_dir / "cache"

    @property
    def raw_dir(self) -> Path:
        return self.warehouse_dir / "raw"

    @property
    def data_docs_dir(self) -> Path:
        return self.warehouse_dir / "data_docs"


class PipelineError(RuntimeError):
    """The run failed; the message says which step and why (`summary`: the run's summary, when it got that far)."""

    def __init__(self, message: str, summary: dict[str, Any] | None = None):
        super().__init__(message)
        self.summary = summary


def build_config(*, sources: str | None = None, db: str | Path | None = None, allow_private_hosts: bool = False,
                 base: RunConfig | None = None, oversubscribe: bool = False, **overrides: Any) -> RunConfig:
    """A RunConfig from flow/CLI parameters, with env-var defaults applied at this edge.

    Numbers are checked (OptionError, a ValueError, for senseless ones) and workers capped at the usable
    cores unless `oversubscribe`."""
    config = base or RunConfig()
    allow = allow_private_hosts or env_allows_private_hosts()
    corrections = overrides.pop("corrections", None)
    changes: dict[str, Any] = {k: v for k, v in overrides.items() if v is not None}
    if sources:
        check_sources_argument(str(sources))   # runs started from a deployment or the UI come this way
        changes["sources"] = str(sources)
    if corrections or base is None:
        changes["corrections_path"] = (Path(corrections) if corrections
                                       else default_corrections_path(changes.get("sources", config.sources)))
        changes["corrections_required"] = bool(corrections)
    changes["db_path"] = Path(db) if db else default_db_path()
    options = fetch_options(fetch_table(changes.get("sources") or config.sources))   # [fetch] and CHIPDEMAND_*
    changes["fetch"] = apply_fetch_options(replace(config.fetch, allow_private_hosts=allow), options)
    changes["discovery"] = replace(config.discovery,
                                   refetch_after=refetch_after(options, config.discovery.refetch_after))
    if os.environ.get(CRASH_ENV):  # test hook for crash-safety tests, never set in production
        changes.setdefault("crash_at", os.environ[CRASH_ENV])
    if "task_runner" in changes and changes["task_runner"] not in ("auto", "threads", "processes", "dask"):
        raise PipelineError(f"task_runner must be auto, threads, processes or dask (got {changes['task_runner']!r})")
    check_task_runner_installed(changes.get("task_runner", config.task_runner))
    changes["workers"] = check_run_numbers(changes.get("workers", config.workers),
                                           changes.get("batch_size", config.batch_size),
                                           changes.get("lock_wait_s", config.lock_wait_s), oversubscribe)
    return replace(config, **changes)


def runner_kind(config: RunConfig, n_items: int) -> str:
    """The runner `auto` stands for: worker processes when the run is big enough and there are cores to use."""
    if config.task_runner != "auto":
        return config.task_runner
    if n_items >= PROCESS_THRESHOLD and config.workers > 1 and usable_cores() > 1:
        return "processes"
    return "threads"
