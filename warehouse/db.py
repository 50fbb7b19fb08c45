"""Opening the DuckDB warehouse and bringing its schema up to date.

Migrations are the ordered `migrations/NNN_name.sql` files; `schema_migrations` records which ran.
Views (`views/*.sql`) are re-created after migrations, so a view change needs no migration.
"""
from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Callable

import duckdb

from warehouse.integrity import corrupt_error, is_corruption, verify_readable

WAREHOUSE_DIR = Path(__file__).resolve().parent
MIGRATIONS_DIR = WAREHOUSE_DIR / "migrations"
VIEWS_DIR = WAREHOUSE_DIR / "views"
MIGRATION_NAME = re.compile(r"^(?P<version>\d{3})_(?P<name>[a-z0-9_]+)\.sql$")
LOCK_ERROR = re.compile(r"lock", re.IGNORECASE)


class WarehouseBusyError(RuntimeError):
    """Another process holds the warehouse's write lock (DuckDB allows one writer)."""


def migration_files(directory: Path = MIGRATIONS_DIR) -> list[tuple[int, str, Path]]:
    """(version, name, path) of every migration file, in version order."""
    found = []
    for path in sorted(directory.glob("*.sql")):
        match = MIGRATION_NAME.match(path.name)
        if match:
            found.append((int(match["version"]), match["name"], path))
    return found


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations not applied yet, each in its own transaction; returns the versions applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT now())"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, path in migration_files():
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
            con.execute("COMMIT")
        except duckdb.Error:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


def create_views(con: duckdb.DuckDBPyConnection, directory: Path = VIEWS_DIR) -> list[str]:
    """(Re)create every view in `views/*.sql`, in file-name order (prefix files with NN_ to order them)."""
    names = []
    for path in sorted(directory.glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))
        names.append(path.stem)
    return names


def connect_writer(db_path: Path, wait_s: float = 0.0, poll_s: float = 0.5,
                   verify: bool = True) -> duckdb.DuckDBPyConnection:
    """A read-write connection with the schema migrated and views current.

    DuckDB lets one process write a file at a time; when another holds it, retry for up to
    `wait_s` seconds, then raise WarehouseBusyError saying what to do. A damaged file is refused with
    WarehouseCorruptError before anything is written (warehouse/integrity.py); `verify=False` skips that
    whole-file read, for a run's final load: the run read the file at its start, under its run lock.
    """
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_s
    while True:
        try:
            con = duckdb.connect(str(db_path))
            break
        except duckdb.Error as exc:
            if is_corruption(exc):
                raise corrupt_error(db_path, exc) from exc
            if not isinstance(exc, duckdb.IOException) or not LOCK_ERROR.search(str(exc)):
                raise
            if time.monotonic() >= deadline:
                raise WarehouseBusyError(
                    f"the warehouse {db_path} is being written by another run; "
                    f"waited {wait_s:.0f} s. Try again when it finishes, or raise --lock-wait."
                ) from exc
            time.sleep(poll_s)
    try:
        if verify:
            verify_readable(con, db_path)
    except BaseException:
        con.close()
        raise
    migrate(con)
    create_views(con)
    return con


def connect_reader(db_path: Path, allow_external_access: bool = False, wait_s: float = 0.0,
                   on_wait: Callable[[str], None] | None = None, poll_s: float = 0.25) -> duckdb.DuckDBPyConnection:
    """A read-only connection; the file system and network are off unless asked for.

    While a run holds the write lock, retry for up to `wait_s` seconds (telling `on_wait` once), then
    raise WarehouseBusyError saying what to do.
    """
    db_path = Path(db_path)
    if not db_path.exists():
        raise FileNotFoundError(f"no warehouse at {db_path}: run `chipdemand run` first, or pass --db")
    config = {"enable_external_access": bool(allow_external_access)}
    deadline = time.monotonic() + wait_s
    told = False
    while True:
        try:
            return duckdb.connect(str(db_path), read_only=True, config=config)
        except duckdb.IOException as exc:
            if not LOCK_ERROR.search(str(exc)):
                raise
            if time.monotonic() >= deadline:
                raise WarehouseBusyError(
                    f"the warehouse {db_path} is being written by a run; waited {wait_s:g} s. "
                    "Try again when it finishes, or raise --lock-wait.") from exc
            if on_wait is not None and not told:
                on_wait(f"the warehouse is being written by a run; waiting up to {wait_s:g} s for it")
                told = True
            time.sleep(poll_s)
