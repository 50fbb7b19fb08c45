"""The seed CSVs as dimension tables: `dim_companies`, `dim_chips`, `dim_fx_rates`, `dim_policy_actors`.

The run calls `load_seed_tables` inside its own transaction, so the dimension rows always match the
reference data the run's rows were extracted with. The CSVs are read with the same reader the
extractor uses (`transforms.reference.read_seed_csv`: `#` lines are comments).
"""
from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import duckdb
import pyarrow as pa

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


def seed_rows(path: Path) -> pa.Table:
    """One seed CSV as an Arrow table of strings (empty cells as None)."""
    rows = [{k: (v if v != "" else None) for k, v in row.items()} for row in read_seed_csv(path)]
    if not rows:
        header = next(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
        return pa.table({name.strip(): pa.array([], pa.string()) for name in header.split(",")})
    return pa.Table.from_pylist(rows)


def load_seed_tables(con: duckdb.DuckDBPyConnection, seeds_dir: Path) -> dict[str, int]:
    """Replace every dim_* table's rows from `seeds_dir/*.csv`; returns table -> row count.

    Runs in the caller's open transaction (it opens none), so the run commits or rolls back the
    dimensions with everything else.
    """
    counts: dict[str, int] = {}
    for stem, table in SEED_TABLES.items():
        path = Path(seeds_dir) / f"{stem}.csv"
        if not path.exists():
            raise MissingSeedFileError(f"no seed file {path} for table {table}")
        con.execute(statement(f"delete_{table}"))
        con.register("batch", seed_rows(path))
        try:
            con.execute(statement(f"insert_{table}"))
        finally:
            con.unregister("batch")
        counts[table] = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]  # table: a constant above
    return counts
