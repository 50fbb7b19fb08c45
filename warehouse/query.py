"""Read-only queries on the warehouse, and rendering their results."""
from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
from rich.console import Console
from rich.table import Table

from warehouse.db import connect_reader


class QueryError(ValueError):
    """The query failed or tried to change something; the message says why."""


def run_query(db_path: Path, query: str, allow_external_access: bool = False) -> tuple[list[str], list[tuple]]:
    """Columns and rows of one query on a read-only connection (no file or network access unless allowed)."""
    con = connect_reader(db_path, allow_external_access=allow_external_access)
    try:
        cur = con.execute(query)
        if cur.description is None:
            return [], []
        return [d[0] for d in cur.description], cur.fetchall()
    except duckdb.Error as exc:
        hint = ""
        if "read-only" in str(exc).lower():
            hint = " (chipdemand sql is read-only: the warehouse changes only through `chipdemand run`)"
        elif "external access" in str(exc).lower() or "disabled by configuration" in str(exc).lower():
            hint = " (file and network access are off; pass --allow-external-access to read files)"
        raise QueryError(f"{exc}{hint}") from exc
    finally:
        con.close()


def plain(value: Any) -> Any:
    """A JSON-friendly form of a DuckDB value."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def render(columns: list[str], rows: list[tuple], fmt: str, console: Console) -> None:
    """Print rows as a table, CSV or JSON (one object per row)."""
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns)
        writer.writerows([[plain(v) for v in r] for r in rows])
        console.file.write(buf.getvalue())
    elif fmt == "json":
        console.file.write(json.dumps([dict(zip(columns, map(plain, r))) for r in rows], default=str, indent=1) + "\n")
    elif fmt == "table":
        table = Table(*columns, caption=f"{len(rows)} row{'s' if len(rows) != 1 else ''}")
        for r in rows:
            table.add_row(*("" if v is None else str(plain(v)) for v in r))
        console.print(table)
    else:
        raise QueryError(f"--format must be table, csv or json (got {fmt!r})")
