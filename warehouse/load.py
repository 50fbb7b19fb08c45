"""Loading one run into the warehouse: every write of a run happens in one transaction.

A run stages its writes while it works (`warehouse.stage.RunStage`, no lock held) and loads them at
the end: `RunLoader` opens the transaction at `begin()`, replays the staged journal with `apply()`
(or takes rows directly, for callers that write without staging), and makes them visible at
`commit()`. Anything that goes wrong before `commit()` (an exception, a crash, a kill -9) leaves the
warehouse exactly as it was before the run (DuckDB's WAL rolls back an uncommitted transaction on
the next open).
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Sequence

import duckdb

from warehouse.stage import (FEW_ROWS, OPTIONAL_ARTICLE_COLUMNS, RunStage, StagedRows, json_default,
                             quarantine_records)
from warehouse.statements import statement

__all__ = ["FEW_ROWS", "RunLoader", "json_default", "record_run", "set_run_message", "insert_batch"]

if TYPE_CHECKING:   # pyarrow is imported where many rows are loaded
    import pyarrow as pa

CrashHook = Callable[[str], None]


def arrow_rows(rows: Sequence[dict[str, Any]]) -> pa.Table:
    """A list of dicts as an Arrow table (DuckDB inserts it BY NAME in one statement)."""
    import pyarrow as pa

    return pa.Table.from_pylist(list(rows))


def insert_arrow(con: duckdb.DuckDBPyConnection, sql: str, table: pa.Table) -> None:
    """Run an INSERT ... SELECT FROM batch with `table` registered as `batch`."""
    con.register("batch", table)
    try:
        con.execute(sql)
    finally:
        con.unregister("batch")


def insert_values(con: duckdb.DuckDBPyConnection, sql: str, rows: Sequence[dict[str, Any]]) -> None:
    """Run an INSERT ... SELECT FROM batch with the rows as query parameters in a `batch` CTE."""
    columns = list(dict.fromkeys(key for row in rows for key in row))
    values = ", ".join("(" + ", ".join("?" for _ in columns) + ")" for _ in rows)
    names = ", ".join('"' + c.replace('"', '""') + '"' for c in columns)
    con.execute(f"WITH batch AS (SELECT * FROM (VALUES {values}) AS v({names})) {sql}",
                [row.get(c) for row in rows for c in columns])


def insert_batch(con: duckdb.DuckDBPyConnection, sql: str, rows: Sequence[dict[str, Any]]) -> None:
    """Insert dict rows through `sql` (reading them as `batch`): Arrow for many rows, query parameters for a
    few (a run with nothing new writes only a few rows, and building Arrow arrays imports pandas, ~1 s)."""
    if len(rows) > FEW_ROWS:
        insert_arrow(con, sql, arrow_rows(rows))
    else:
        insert_values(con, sql, rows)


class RunLoader:
    """Writes one run's batches inside a single transaction on a writer connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: str, crash_hook: CrashHook | None = None):
        self.con = con
        self.run_id = run_id
        self._crash_hook = crash_hook or (lambda point: None)
        self._in_tx = False

    def begin(self) -> None:
        """Open the run's transaction."""
        self.con.execute("BEGIN TRANSACTION")
        self._in_tx = True

    def insert_rows(self, table: str, rows: Sequence[dict[str, Any]]) -> int:
        """Insert dict rows into `table` by column name; returns the count."""
        if not rows:
            return 0
        insert_batch(self.con, statement(f"insert_{table}"), rows)
        return len(rows)

    def known_content(self, article_ids: Iterable[str], hashes: Iterable[str]) -> tuple[dict[str, str], dict[str, str]]:
        """(article_id -> content_sha256) for the ids given, and (content_sha256 -> article_id) for the hashes."""
        ids = list(set(article_ids))
        hs = list(set(hashes))
        by_id = dict(self.con.execute(statement("content_by_id"), [ids]).fetchall()) if ids else {}
        by_hash = dict(self.con.execute(statement("id_by_content"), [hs]).fetchall()) if hs else {}
        return by_id, by_hash

    def upsert_articles(self, articles: Sequence[dict[str, Any]], now: datetime) -> None:
        """Insert new articles and refresh changed ones (the caller decides which is which)."""
        if not articles:
            return
        # columns added by later migrations are optional for callers that build rows by hand
        rows = [{**OPTIONAL_ARTICLE_COLUMNS, **a, "first_seen_at": now, "last_seen_at": now} for a in articles]
        self.insert_rows("articles", rows)  # an upsert: first_seen_at is kept for known ids
        self._crash_hook("after_articles")

    def touch_articles(self, article_ids: Sequence[str], now: datetime) -> None:
        """Mark unchanged articles as seen again."""
        if article_ids:
            self.con.execute(statement("touch_articles"), [now, list(article_ids)])

    def load_versions(self, articles: Sequence[dict[str, Any]], spend: Sequence[dict], policy: Sequence[dict],
                      now: datetime) -> None:
        """Load validated article versions with their facts: each article's stored facts are replaced by the
        new ones. Only the articles given are touched: an article whose new version was quarantined is not
        among them, so its last good version and that version's facts stay in place."""
        self.upsert_articles(articles, now)
        self.replace_facts([a["article_id"] for a in articles], spend, policy)

    def replace_facts(self, article_ids: Sequence[str], spend: Sequence[dict], policy: Sequence[dict]) -> None:
        """The facts of `article_ids` are replaced whole by `spend` and `policy` (call it with the ids of the
        articles whose new version loads: see load_versions)."""
        if article_ids:
            ids = list(article_ids)
            self.con.execute(statement("delete_spend_for_articles"), [ids])
            self.con.execute(statement("delete_policy_for_articles"), [ids])
        self.insert_rows("chip_spend", spend)
        self._crash_hook("after_spend")
        self.insert_rows("policy_events", policy)

    def quarantine(self, rows: Sequence[dict[str, Any]], now: datetime) -> None:
        """Keep failed rows whole with their reasons; a row quarantined again replaces its earlier record."""
        if not rows:
            return
        records = quarantine_records(rows, self.run_id, now)
        keys = [f'{r["row_kind"]}:{r["row_key"]}' for r in records]
        self.con.execute(statement("delete_quarantine_keys"), [keys])
        self.insert_rows("quarantine", records)

    def log_fetches(self, rows: Sequence[dict[str, Any]]) -> None:
        """Append fetch/read attempts to fetch_log and refresh fetch_state."""
        self.insert_rows("fetch_log", [{**r, "run_id": self.run_id} for r in rows])

    def save_fetch_state(self, rows: Sequence[dict[str, Any]]) -> None:
        """Upsert per-URL fetch state (validators, last outcome)."""
        self.insert_rows("fetch_state", rows)  # an upsert on url

    def record_validation(self, results: Sequence[dict[str, Any]], now: datetime) -> None:
        """Store the run's expectation results."""
        self.insert_rows("validation_results", [{**r, "run_id": self.run_id, "validated_at": now} for r in results])

    def apply(self, stage: RunStage) -> dict[str, int]:
        """Replay a staged run's writes, in the order it made them, in the open transaction; returns the
        rows inserted per table."""
        for op in stage.ops:
            if op.kind == "insert":
                self.insert_staged(op.rows)
            elif op.kind == "touch_articles":
                self.touch_articles(op.keys, op.at)
            elif op.kind == "delete_facts":
                self.con.execute(statement("delete_spend_for_articles"), [op.keys])
                self.con.execute(statement("delete_policy_for_articles"), [op.keys])
            elif op.kind == "delete_quarantine":
                self.con.execute(statement("delete_quarantine_keys"), [op.keys])
            elif op.kind != "mark":
                raise ValueError(f"unknown staged operation {op.kind!r}")
            if op.crash_point:
                self._crash_hook(op.crash_point)
        return dict(stage.counts)

    def insert_staged(self, rows: StagedRows) -> None:
        """One staged insert: from memory as query parameters, or from its Parquet file through Arrow."""
        if rows.path is None:
            insert_batch(self.con, statement(f"insert_{rows.table}"), rows.rows or [])
        else:
            insert_arrow(self.con, statement(f"insert_{rows.table}"), rows.arrow())

    def commit(self) -> None:
        """Make the whole run visible at once."""
        self._crash_hook("before_commit")
        self.con.execute("COMMIT")
        self._in_tx = False
        self._crash_hook("after_commit")

    def rollback(self) -> None:
        """Drop everything the run wrote."""
        if self._in_tx:
            self.con.execute("ROLLBACK")
            self._in_tx = False


def record_run(con: duckdb.DuckDBPyConnection, run: dict[str, Any]) -> None:
    """Insert or replace a pipeline_runs row (in its own small transaction when none is open)."""
    con.execute(statement("delete_run"), [run["run_id"]])
    insert_batch(con, statement("insert_pipeline_runs"), [run])


def set_run_message(con: duckdb.DuckDBPyConnection, run_id: str, message: str | None) -> None:
    """Replace a recorded run's message (one statement: the row is never missing)."""
    con.execute(statement("set_run_message"), [message, run_id])


def db_dir(db_path: Path) -> Path:
    """The folder beside the warehouse file that holds the raw archive, data docs and caches."""
    return Path(db_path).resolve().parent


def read_fetch_state(con: duckdb.DuckDBPyConnection) -> dict[str, dict]:
    """fetch_state as url -> row."""
    cur = con.execute(statement("fetch_state_all"))
    cols = [d[0] for d in cur.description]
    return {row[0]: dict(zip(cols, row)) for row in cur.fetchall()}
