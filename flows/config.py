"""Run configuration: everything a run needs, gathered at the edge (CLI flags, env vars, deployment
parameters) and passed down as one value."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from expectations.validate import ValidationSettings
from flows.discover import DiscoverySettings
from flows.fetch import FetchSettings
from transforms.article import ParseSettings

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = PROJECT_ROOT / "sources.toml"
DEFAULT_DB = PROJECT_ROOT / "warehouse" / "chipdemand.duckdb"
TaskRunnerKind = Literal["auto", "threads", "processes", "dask"]
TRUE_WORDS = ("1", "true", "yes", "on")


def default_db_path(environ: dict[str, str] | None = None) -> Path:
    """`$CHIPDEMAND_DB`, else warehouse/chipdemand.duckdb under the project root."""
    env = os.environ if environ is None else environ
    return Path(env["CHIPDEMAND_DB"]) if env.get("CHIPDEMAND_DB") else DEFAULT_DB


def env_allows_private_hosts(environ: dict[str, str] | None = None) -> bool:
    """CHIPDEMAND_ALLOW_PRIVATE_HOSTS=1 allows loopback and private hosts, like --allow-private-hosts."""
    env = os.environ if environ is None else environ
    return env.get("CHIPDEMAND_ALLOW_PRIVATE_HOSTS", "").strip().lower() in TRUE_WORDS


@dataclass(frozen=True)
class RunConfig:
    """One pipeline run's settings."""

    sources: str = str(DEFAULT_SOURCES)
    db_path: Path = DEFAULT_DB
    reextract: bool = False
    task_runner: TaskRunnerKind = "auto"
    workers: int = 2
    dask_address: str | None = None
    batch_size: int = 100
    lock_wait_s: float = 60.0
    fetch: FetchSettings = field(default_factory=FetchSettings)
    parse: ParseSettings = field(default_factory=ParseSettings)
    discovery: DiscoverySettings = field(default_factory=DiscoverySettings)
    validation: ValidationSettings = field(default_factory=ValidationSettings)
    seeds_dir: Path = PROJECT_ROOT / "seeds"
    write_data_docs: bool = True
    progress: bool = False
    crash_at: str | None = None     # test hook: a load point at which to kill the process (see warehouse/load.py)

    @property
    def warehouse_dir(self) -> Path:
        """The folder of the warehouse file: raw archive, data docs and caches live beside it."""
        return Path(self.db_path).resolve().parent

    @property
    def raw_dir(self) -> Path:
        return self.warehouse_dir / "raw"

    @property
    def data_docs_dir(self) -> Path:
        return self.warehouse_dir / "data_docs"
