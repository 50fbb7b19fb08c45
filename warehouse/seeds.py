"""The seed CSVs as dimension tables: `dim_companies`, `dim_chips`, `dim_fx_rates`, `dim_policy_actors`.

The run calls `load_seed_tables` inside its own transaction, so the dimension rows always match the
reference data the run's rows were extracted with. The CSVs are read with the same reader the
extractor uses (`transforms.reference.read_seed_csv`: `#` lines are comments).
"""
from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import csv

import duckdb

from transforms.reference import read_seed_csv
from warehouse.statements import statement

# seed file stem -> dimension table; the columns are those of the seed schemas in AGENTS.md
SEED_TABLES = MappingProxyType({
    "companies": "dim_companies",
    "chips": "dim_chips",
    "fx_rates": "dim_fx_rates",
    "policy_actors": "dim_policy_actors",
})


class MissingSeedFileError(FileNotFoundError):
    """A seed CSV that a dimension table is built from is not in the seeds folder."""


def seed_rows(path: Path) -> tuple[list[str], list[tuple[str | None, ...]]]:
    """One seed CSV's column names and string rows (empty cells as None)."""
    with path.open(newline="", encoding="utf-8") as fh:
        header = next(line for line in fh if not line.lstrip().startswith("#"))
    columns = [name.strip() for name in next(csv.reader([header])) if name.strip()]
    return columns, [tuple(row.get(c) or None for c in columns) for row in read_seed_csv(path)]


def load_seed_tables(con: duckdb.DuckDBPyConnection, seeds_dir: Path) -> dict[str, int]:
    """Replace every dim_* table's rows from `seeds_dir/*.csv`; returns table -> row count.

    Runs in the caller's open transaction (it opens none), so the run commits or rolls back the
    dimensions with everything else. Each CSV goes through a temporary VARCHAR table `batch` (plain
    inserts: no Arrow or pandas import in a run that has nothing else to do).
    """
    counts: dict[str, int] = {}
    for stem, table in SEED_TABLES.items():
        path = Path(seeds_dir) / f"{stem}.csv"
        if not path.exists():
            raise MissingSeedFileError(f"no seed file {path} for table {table}")
        columns, rows = seed_rows(path)
        con.execute(statement(f"delete_{table}"))
        # column names come from our own seed files' headers, quoted; values are parameters
        con.execute("CREATE OR REPLACE TEMP TABLE batch ({})".format(", ".join(f'"{c}" VARCHAR' for c in columns)))
        try:
            if rows:
                con.executemany(f"INSERT INTO batch VALUES ({', '.join('?' for _ in columns)})", rows)
            con.execute(statement(f"insert_{table}"))
        finally:
            con.execute("DROP TABLE IF EXISTS batch")
        counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]  # table: a constant above
    return counts
