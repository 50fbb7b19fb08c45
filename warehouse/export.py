"""Exporting the warehouse: every table and view of schema `main` to one Parquet (or CSV) file each."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from warehouse.db import connect_reader
from warehouse.statements import statement

FORMATS = ("parquet", "csv")


class ExportFormatError(ValueError):
    """The export format is not one we write."""


def export_all(db_path: Path, out_dir: Path, fmt: str = "parquet", lock_wait_s: float = 0.0,
               on_wait: Callable[[str], None] | None = None) -> list[Path]:
    """Write `out_dir/<name>.<fmt>` for every table and view; returns the files written, by name.

    Reads on a read-only connection; file access is on for this connection only, since DuckDB
    writes the files itself.
    """
    if fmt not in FORMATS:
        raise ExportFormatError(f"--format must be one of {', '.join(FORMATS)} (got {fmt!r})")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    con = connect_reader(db_path, allow_external_access=True, wait_s=lock_wait_s, on_wait=on_wait)
    try:
        names = [name for (name,) in con.execute(statement("exportable_relations")).fetchall()]
        written = []
        for name in names:
            path = out_dir / f"{name}.{fmt}"
            relation = con.table(name)
            if fmt == "parquet":
                relation.write_parquet(str(path))
            else:
                relation.write_csv(str(path), header=True)
            written.append(path)
        return written
    finally:
        con.close()
