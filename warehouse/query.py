"""Read-only queries on the warehouse, bounded in time and rows, and rendering their results.

A query runs on a read-only connection (no file or network access unless allowed) on a worker
thread, so that the calling thread can stop it: after `timeout_s` seconds, or on Ctrl-C, it calls
DuckDB's `interrupt()` and the query ends with a one-line error instead of running until killed.
Rows are fetched in chunks: CSV and JSON are written as they arrive (memory stays flat however many
rows), a table shows at most `max_rows`.
"""
from __future__ import annotations

import csv
import json
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Callable, Iterator, TypeVar

import duckdb

from warehouse.db import connect_reader

FORMATS = ("table", "csv", "json")
DEFAULT_TIMEOUT_S = 60.0
DEFAULT_TABLE_ROWS = 1_000       # a terminal table longer than this is not read; CSV/JSON stream everything
CHUNK_ROWS = 10_000
# A CSV cell starting with one of these is run as a formula by spreadsheet programs (CSV injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
T = TypeVar("T")


class QueryError(ValueError):
    """The query failed or tried to change something; the message says why."""


class QueryTimeout(QueryError):
    """The query ran past its time limit and was interrupted."""


class QueryCancelled(QueryError):
    """The user pressed Ctrl-C; the query was interrupted."""


@dataclass
class Guard:
    """Runs blocking DuckDB calls on a worker thread and interrupts them at a deadline or on Ctrl-C."""

    con: duckdb.DuckDBPyConnection
    timeout_s: float | None
    started: float = 0.0

    def __post_init__(self) -> None:
        self.started = time.monotonic()

    def call(self, fn: Callable[[], T]) -> T:
        """fn() on a thread; the calling thread waits, interrupting the query when time is up or on Ctrl-C."""
        box: dict[str, Any] = {}
        done = threading.Event()   # not Thread.join: a join interrupted by Ctrl-C may report the thread ended

        def work() -> None:
            try:
                box["value"] = fn()
            except BaseException as exc:   # handed to the caller's thread below
                box["error"] = exc
            finally:
                done.set()

        threading.Thread(target=work, name="chipdemand-query", daemon=True).start()
        stopped_by: type[QueryError] | None = None
        while not done.is_set():
            try:
                done.wait(0.1)
                if self.timeout_s is not None and time.monotonic() - self.started > self.timeout_s and not stopped_by:
                    stopped_by = QueryTimeout
                    self.con.interrupt()
            except KeyboardInterrupt:
                stopped_by = QueryCancelled
                self.con.interrupt()
        if stopped_by is QueryTimeout:
            raise QueryTimeout(f"the query ran longer than {self.timeout_s:g} s and was stopped; "
                               "narrow it (WHERE, LIMIT) or raise --timeout")
        if stopped_by is QueryCancelled:
            raise QueryCancelled("interrupted (Ctrl-C); nothing was changed")
        if "error" in box:
            raise box["error"]
        return box["value"]


def explain(exc: duckdb.Error) -> QueryError:
    """A DuckDB error as a QueryError with a hint on what to do."""
    text = str(exc)
    hint = ""
    if "read-only" in text.lower():
        hint = " (chipdemand sql is read-only: the warehouse changes only through `chipdemand run`)"
    elif "external access" in text.lower() or "disabled by configuration" in text.lower():
        hint = " (file and network access are off; pass --allow-external-access to read files)"
    return QueryError(f"{text}{hint}")


@dataclass
class Result:
    """An open query: its column names and its rows, fetched in chunks."""

    columns: list[str]
    _cursor: duckdb.DuckDBPyConnection | None
    _guard: Guard

    def chunks(self, size: int = CHUNK_ROWS) -> Iterator[list[tuple]]:
        """Rows in lists of at most `size`."""
        if self._cursor is None:
            return
        while True:
            try:
                rows = self._guard.call(lambda: self._cursor.fetchmany(size))
            except duckdb.Error as exc:
                raise explain(exc) from exc
            if not rows:
                return
            yield rows

    def rows(self, limit: int | None = None) -> Iterator[tuple]:
        """Every row, or the first `limit`."""
        count = 0
        for chunk in self.chunks(CHUNK_ROWS if limit is None else min(CHUNK_ROWS, limit + 1)):
            for row in chunk:
                if limit is not None and count >= limit:
                    return
                count += 1
                yield row


@contextmanager
def open_query(db_path: Path, query: str, *, allow_external_access: bool = False,
               timeout_s: float | None = DEFAULT_TIMEOUT_S, lock_wait_s: float = 0.0,
               on_wait: Callable[[str], None] | None = None) -> Iterator[Result]:
    """Run `query` on a read-only connection and yield its Result; the connection closes on exit."""
    con = connect_reader(db_path, allow_external_access=allow_external_access, wait_s=lock_wait_s, on_wait=on_wait)
    guard = Guard(con, timeout_s)
    try:
        try:
            cursor = guard.call(lambda: con.execute(query))
        except duckdb.Error as exc:
            raise explain(exc) from exc
        if cursor.description is None:
            yield Result([], None, guard)
        else:
            yield Result([d[0] for d in cursor.description], cursor, guard)
    finally:
        con.close()


def run_query(db_path: Path, query: str, allow_external_access: bool = False,
              timeout_s: float | None = DEFAULT_TIMEOUT_S) -> tuple[list[str], list[tuple]]:
    """Columns and every row of one query (for Python callers and tests)."""
    with open_query(db_path, query, allow_external_access=allow_external_access, timeout_s=timeout_s) as result:
        return result.columns, list(result.rows())


def plain(value: Any) -> Any:
    """A JSON-friendly form of a DuckDB value."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def csv_cell(value: Any, raw: bool = False) -> Any:
    """A CSV cell; text that a spreadsheet would run as a formula gets a leading apostrophe unless `raw`."""
    value = plain(value)
    if not raw and isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(result: Result, out: IO[str], max_rows: int | None = None, raw: bool = False) -> int:
    """Stream `result` as CSV to `out`; returns the number of rows written."""
    writer = csv.writer(out)
    writer.writerow(result.columns)
    n = 0
    for row in result.rows(max_rows):
        writer.writerow([csv_cell(v, raw) for v in row])
        n += 1
    return n


def write_json(result: Result, out: IO[str], max_rows: int | None = None) -> int:
    """Stream `result` as a JSON array of objects to `out`; returns the number of rows written."""
    n = 0
    out.write("[")
    for row in result.rows(max_rows):
        out.write(",\n " if n else "\n ")
        out.write(json.dumps(dict(zip(result.columns, map(plain, row))), default=str))
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


def table_rows(result: Result, max_rows: int) -> tuple[list[tuple], bool]:
    """At most `max_rows` rows for a table, and whether more were left out."""
    rows = list(result.rows(max_rows + 1))
    return rows[:max_rows], len(rows) > max_rows
