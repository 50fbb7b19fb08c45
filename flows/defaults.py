"""Default locations and the environment variables read at the edge (cheap to import: no Prefect, no GX)."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = PROJECT_ROOT / "sources.toml"
DEFAULT_DB = PROJECT_ROOT / "warehouse" / "chipdemand.duckdb"
CORRECTIONS_FILE = "corrections.csv"
TRUE_WORDS = ("1", "true", "yes", "on")


def default_db_path(environ: dict[str, str] | None = None) -> Path:
    """`$CHIPDEMAND_DB`, else warehouse/chipdemand.duckdb under the project root."""
    env = os.environ if environ is None else environ
    return Path(env["CHIPDEMAND_DB"]) if env.get("CHIPDEMAND_DB") else DEFAULT_DB


def env_allows_private_hosts(environ: dict[str, str] | None = None) -> bool:
    """CHIPDEMAND_ALLOW_PRIVATE_HOSTS=1 allows loopback and private hosts, like --allow-private-hosts."""
    env = os.environ if environ is None else environ
    return env.get("CHIPDEMAND_ALLOW_PRIVATE_HOSTS", "").strip().lower() in TRUE_WORDS


def default_corrections_path(sources: str | None = None, environ: dict[str, str] | None = None) -> Path:
    """`$CHIPDEMAND_CORRECTIONS`, else corrections.csv beside the sources file (TOML), else beside the
    project's sources.toml."""
    env = os.environ if environ is None else environ
    if env.get("CHIPDEMAND_CORRECTIONS"):
        return Path(env["CHIPDEMAND_CORRECTIONS"])
    if sources and "://" not in sources and sources.lower().endswith(".toml"):
        return Path(sources).resolve().parent / CORRECTIONS_FILE
    return DEFAULT_SOURCES.parent / CORRECTIONS_FILE
