"""Run configuration: everything a run needs, gathered at the edge (CLI flags, env vars, deployment
parameters) and passed down as one value."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from expectations.settings import ValidationSettings
from flows.defaults import CORRECTIONS_FILE, DEFAULT_DB, DEFAULT_SOURCES, PROJECT_ROOT
from flows.discover import DiscoverySettings
from flows.fetch import FetchSettings
from transforms.article import ParseSettings

TaskRunnerKind = Literal["auto", "threads", "processes", "dask"]


@dataclass(frozen=True)
class RunConfig:
    """One pipeline run's settings."""

    sources: str = str(DEFAULT_SOURCES)
    db_path: Path = DEFAULT_DB
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
    seeds_dir: Path = PROJECT_ROOT / "seeds"
    corrections_path: Path = PROJECT_ROOT / CORRECTIONS_FILE   # analysts' decisions, loaded in every run
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
