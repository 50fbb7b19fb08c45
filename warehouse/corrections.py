"""The corrections tables: reading what anchoring needs, and replacing what a load of the file decided.

`corrections` (one row per line, with its status), `row_reviews` (one row per reviewed or added row)
and the quarantined lines (`quarantine`, row_kind `correction`) always describe the file as last
loaded: `replace_corrections` deletes the previous load's rows and writes the new ones, in the
caller's transaction (a run's, or `chipdemand corrections apply`'s). `correction_loads` keeps one row per
load, whose `state_sha256` lets the next run skip a load that would change nothing.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Sequence

import duckdb

from warehouse.load import insert_batch, json_default
from warehouse.statements import statement


def dicts(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """A cursor's rows as dicts."""
    columns = [d[0] for d in cur.description]
    return [dict(zip(columns, row)) for row in cur.fetchall()]


def last_load(con: duckdb.DuckDBPyConnection) -> dict[str, Any] | None:
    """The latest correction_loads row, or None when the corrections were never loaded."""
    rows = dicts(con.execute(statement("corrections_last_load")))
    return rows[0] if rows else None


def rows_digest(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> str:
    """A digest of the named articles' text and extracted rows (what anchoring depends on)."""
    return con.execute(statement("corrections_rows_digest"), {"ids": list(article_ids)}).fetchone()[0] or ""


def anchor_inputs(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]
                  ) -> tuple[dict[str, str], dict[str, date | None], list[dict[str, Any]]]:
    """(text by article, published_on by article, extracted rows with their `row_kind`) of the named articles."""
    ids = list(article_ids)
    articles = dicts(con.execute(statement("corrections_articles"), [ids]))
    rows = [{**r, "row_kind": "chip_spend"} for r in dicts(con.execute(statement("corrections_spend_rows"), [ids]))]
    rows += [{**r, "row_kind": "policy_event"} for r in dicts(con.execute(statement("corrections_policy_rows"), [ids]))]
    return ({a["article_id"]: a["text"] for a in articles}, {a["article_id"]: a["published_on"] for a in articles},
            rows)


def as_json(value: Any) -> str | None:
    """A JSON text for a JSON column (None stays NULL)."""
    return None if value is None else json.dumps(value, default=json_default, sort_keys=True)


def replace_corrections(con: duckdb.DuckDBPyConnection, lines: Sequence[dict[str, Any]],
                        reviews: Sequence[dict[str, Any]], quarantined: Sequence[dict[str, Any]],
                        load: dict[str, Any]) -> None:
    """Replace the previous load's lines, reviews and quarantined lines with these; record the load.

    `lines` and `reviews` are dicts of the tables' columns (JSON columns as Python values);
    `quarantined` are quarantine rows (payload as a Python value). Runs in the caller's transaction."""
    con.execute(statement("delete_corrections"))
    con.execute(statement("delete_row_reviews"))
    con.execute(statement("delete_quarantined_corrections"))
    json_columns = ("anchor", "fields", "before", "after", "row_values")
    if lines:
        insert_batch(con, statement("insert_corrections"),
                     [{k: as_json(v) if k in json_columns else v for k, v in line.items()} for line in lines])
    if reviews:
        insert_batch(con, statement("insert_row_reviews"),
                     [{k: as_json(v) if k in json_columns else v for k, v in r.items()} for r in reviews])
    if quarantined:
        insert_batch(con, statement("insert_quarantine"),
                     [{**q, "failed_expectations": list(q["failed_expectations"]),
                       "payload": as_json(q["payload"])} for q in quarantined])
    insert_batch(con, statement("insert_correction_loads"), [load])


def record_results(con: duckdb.DuckDBPyConnection, results: Sequence[dict[str, Any]], run_id: str,
                   now: datetime) -> None:
    """The corrections suite's expectation results, in validation_results."""
    if results:
        insert_batch(con, statement("insert_validation_results"),
                     [{**r, "run_id": run_id, "validated_at": now} for r in results])
