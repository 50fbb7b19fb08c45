"""A run's writes, staged beside the warehouse until the run loads them in one short transaction.

A run spends minutes fetching, parsing, extracting and validating; it holds the warehouse's write lock
only while it loads (readers such as `chipdemand sql` get in at any other moment). Until then every
write the run will make is recorded here, in order, as a journal of operations: a few rows stay in
memory, more are spilled to Parquet files in the run's staging folder, so memory stays flat however
many pages a run reads. `warehouse.load.RunLoader.apply` replays the journal inside the run's one
transaction; a crash before its COMMIT leaves the warehouse exactly as it was before the run, and the
next run removes the dead run's staging folder (`clear_stale`).

    stage = RunStage(staging_folder(db_path, run_id), run_id)
    stage.load_versions(articles, spend, policy, now)     # nothing is written to the warehouse yet
    stage.log_fetches(rows)
    ...
    RunLoader(con).apply(stage)                            # inside BEGIN ... COMMIT
    stage.discard()
"""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Sequence

FEW_ROWS = 20   # up to this many rows stay in memory (and load as query parameters); more go to Parquet
STAGING_DIR = "staging"
OPTIONAL_ARTICLE_COLUMNS = {"date_source": None}   # migration 004: callers that build rows by hand may leave it out


def json_default(value: Any) -> Any:
    """JSON encoding for dates and other plain values in quarantine payloads."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def staging_root(db_path: Path) -> Path:
    """Where the runs of the warehouse at `db_path` stage their writes: `staging/<file name>/` beside it
    (one folder per warehouse file, so two warehouses in one folder never touch each other's stages)."""
    db_path = Path(db_path).resolve()
    return db_path.parent / STAGING_DIR / db_path.name


def staging_folder(db_path: Path, run_id: str) -> Path:
    """The staging folder of one run."""
    return staging_root(db_path) / run_id


def clear_stale(db_path: Path) -> int:
    """Remove the staging folders runs left behind (killed before they loaded); returns how many.

    Call it only while holding the warehouse's run lock (warehouse.run_lock): no other run is alive then."""
    root = staging_root(db_path)
    if not root.is_dir():
        return 0
    stale = [p for p in root.iterdir() if p.is_dir()]
    for folder in stale:
        shutil.rmtree(folder, ignore_errors=True)
    return len(stale)


def quarantine_records(rows: Sequence[dict[str, Any]], run_id: str, now: datetime) -> list[dict[str, Any]]:
    """quarantine table rows from validation's quarantine rows (payload as JSON text)."""
    return [
        {
            "row_kind": r["row_kind"],
            "row_key": r["row_key"],
            "article_id": r.get("article_id"),
            "failed_expectations": list(r["failed_expectations"]),
            "payload": json.dumps(r["payload"], default=json_default, sort_keys=True),
            "run_id": run_id,
            "quarantined_at": now,
        }
        for r in rows
    ]


@dataclass
class StagedRows:
    """Rows for one INSERT statement (`insert_<table>`): in memory, or in a Parquet file."""

    table: str
    count: int
    rows: list[dict[str, Any]] | None = None
    path: Path | None = None

    def arrow(self):
        """The rows as an Arrow table (read back from Parquet when spilled)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        return pq.read_table(self.path) if self.path is not None else pa.Table.from_pylist(self.rows or [])


@dataclass
class StagedOp:
    """One write of the journal: `kind` is insert, touch_articles, delete_facts, delete_quarantine, or mark
    (no write: a named point for the crash-safety tests' hook)."""

    kind: str
    rows: StagedRows | None = None
    keys: list[str] = field(default_factory=list)
    at: datetime | None = None
    crash_point: str | None = None   # the test hook fired after this op (see flows.pipeline.crash_hook_for)


class RunStage:
    """The journal of one run's writes, in the order the run made them."""

    def __init__(self, folder: Path, run_id: str, spill_rows: int = FEW_ROWS):
        self.folder = Path(folder)
        self.run_id = run_id
        self.spill_rows = spill_rows
        self.ops: list[StagedOp] = []
        self.counts: dict[str, int] = {}    # rows staged per table
        self._files = 0

    def insert(self, table: str, rows: Sequence[dict[str, Any]], crash_point: str | None = None) -> int:
        """Stage rows for `table`'s insert statement; returns the count."""
        if not rows:
            return 0
        rows = list(rows)
        self.counts[table] = self.counts.get(table, 0) + len(rows)
        self.ops.append(StagedOp("insert", self.keep(table, rows), crash_point=crash_point))
        return len(rows)

    def keep(self, table: str, rows: list[dict[str, Any]]) -> StagedRows:
        """Rows kept in memory when few, else written to a Parquet file of the run's staging folder."""
        if len(rows) <= self.spill_rows:
            return StagedRows(table, len(rows), rows=rows)
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.folder.mkdir(parents=True, exist_ok=True)
        self._files += 1
        path = self.folder / f"{self._files:05d}-{table}.parquet"
        pq.write_table(pa.Table.from_pylist(rows), path)
        return StagedRows(table, len(rows), path=path)

    def touch_articles(self, article_ids: Sequence[str], now: datetime) -> None:
        """Mark unchanged articles as seen again."""
        if article_ids:
            self.ops.append(StagedOp("touch_articles", keys=list(article_ids), at=now))

    def load_versions(self, articles: Sequence[dict[str, Any]], spend: Sequence[dict], policy: Sequence[dict],
                      now: datetime) -> None:
        """Load validated article versions with their facts: each article's stored facts are replaced by the
        new ones. Only the articles given are touched: an article whose new version was quarantined is not
        among them, so its last good version and that version's facts stay in place."""
        self.insert("articles", [{**OPTIONAL_ARTICLE_COLUMNS, **a, "first_seen_at": now, "last_seen_at": now}
                                 for a in articles],
                    crash_point="after_articles")   # an upsert: first_seen_at is kept for known ids
        if articles:
            self.ops.append(StagedOp("delete_facts", keys=[a["article_id"] for a in articles]))
        self.insert("chip_spend", spend)
        self.ops.append(StagedOp("mark", crash_point="after_spend"))
        self.insert("policy_events", policy)

    def quarantine(self, rows: Sequence[dict[str, Any]], now: datetime) -> None:
        """Keep failed rows whole with their reasons; a row quarantined again replaces its earlier record."""
        if not rows:
            return
        records = quarantine_records(rows, self.run_id, now)
        self.ops.append(StagedOp("delete_quarantine", keys=[f'{r["row_kind"]}:{r["row_key"]}' for r in records]))
        self.insert("quarantine", records)

    def log_fetches(self, rows: Sequence[dict[str, Any]]) -> None:
        """Append fetch/read attempts to fetch_log."""
        self.insert("fetch_log", [{**r, "run_id": self.run_id} for r in rows])

    def save_fetch_state(self, rows: Sequence[dict[str, Any]]) -> None:
        """Upsert per-URL fetch state (validators, last outcome)."""
        self.insert("fetch_state", rows)

    def record_validation(self, results: Sequence[dict[str, Any]], now: datetime) -> None:
        """Store the run's expectation results."""
        self.insert("validation_results", [{**r, "run_id": self.run_id, "validated_at": now} for r in results])

    def spilled_bytes(self) -> int:
        """Bytes of the Parquet files staged so far."""
        return sum(p.stat().st_size for p in self.folder.glob("*.parquet")) if self.folder.is_dir() else 0

    def discard(self) -> None:
        """Forget the journal and remove its files (after the load committed, or after a failed run)."""
        self.ops = []
        shutil.rmtree(self.folder, ignore_errors=True)
        for empty in (self.folder.parent, self.folder.parent.parent):   # staging/<db>/ and staging/, when empty
            try:
                empty.rmdir()
            except OSError:
                break
