"""Default locations and the environment variables read at the edge (cheap to import: no Prefect, no GX).

chipdemand works in a *home* folder: `$CHIPDEMAND_HOME`, else the current folder. There it reads
`sources.toml` (when there is none, the demo sources bundled inside the package, `seeds/demo_sources.toml`)
and keeps `warehouse/chipdemand.duckdb`, with the raw archive, data docs and caches beside it. In a
checkout, `make run` runs from the project root, so the project root is home; an installed wheel run
from an empty folder reads the bundled demo articles and writes `./warehouse/`.
"""
from __future__ import annotations

import os
from pathlib import Path

from seeds import SEEDS_DIR

PROJECT_ROOT = Path(__file__).resolve().parent.parent   # the checkout (site-packages for an installed wheel)
HOME_ENV = "CHIPDEMAND_HOME"
DB_ENV = "CHIPDEMAND_DB"
SOURCES_FILE = "sources.toml"
DB_IN_HOME = Path("warehouse") / "chipdemand.duckdb"
BUNDLED_SOURCES = SEEDS_DIR / "demo_sources.toml"
CORRECTIONS_FILE = "corrections.csv"
TRUE_WORDS = ("1", "true", "yes", "on")


def home(environ: dict[str, str] | None = None) -> Path:
    """`$CHIPDEMAND_HOME`, else the current folder (absolute)."""
    env = os.environ if environ is None else environ
    return Path(env[HOME_ENV]).expanduser().resolve() if env.get(HOME_ENV) else Path.cwd()


def default_sources(environ: dict[str, str] | None = None) -> Path:
    """sources.toml in the home folder, else the bundled demo sources."""
    candidate = home(environ) / SOURCES_FILE
    return candidate if candidate.is_file() else BUNDLED_SOURCES


def default_db_path(environ: dict[str, str] | None = None) -> Path:
    """`$CHIPDEMAND_DB`, else warehouse/chipdemand.duckdb in the home folder."""
    env = os.environ if environ is None else environ
    return Path(env[DB_ENV]) if env.get(DB_ENV) else home(env) / DB_IN_HOME


# The defaults as they stand when the process starts (the functions above give them for any moment).
DEFAULT_SOURCES = default_sources()
DEFAULT_DB = default_db_path({k: v for k, v in os.environ.items() if k != DB_ENV})


def env_allows_private_hosts(environ: dict[str, str] | None = None) -> bool:
    """CHIPDEMAND_ALLOW_PRIVATE_HOSTS=1 allows loopback and private hosts, like --allow-private-hosts."""
    env = os.environ if environ is None else environ
    return env.get("CHIPDEMAND_ALLOW_PRIVATE_HOSTS", "").strip().lower() in TRUE_WORDS


def default_corrections_path(sources: str | None = None, environ: dict[str, str] | None = None) -> Path:
    """`$CHIPDEMAND_CORRECTIONS`, else corrections.csv beside the sources file (TOML), else in the home
    folder (never inside the installed package, where the bundled demo sources are)."""
    env = os.environ if environ is None else environ
    if env.get("CHIPDEMAND_CORRECTIONS"):
        return Path(env["CHIPDEMAND_CORRECTIONS"])
    if sources and "://" not in sources and sources.lower().endswith(".toml"):
        if Path(sources).resolve() != BUNDLED_SOURCES:   # the bundled demo lives inside the package
            return Path(sources).resolve().parent / CORRECTIONS_FILE
    return home(env) / CORRECTIONS_FILE
