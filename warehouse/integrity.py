"""Refusing a damaged warehouse file before a run writes to it.

DuckDB keeps a checksum in every block of the file and checks it whenever it reads the block, but it
reads a block only when a query needs it: a run that only appends to a table would never look at that
table's old blocks, commit on top of the damage, and leave it to a later query to find. So before
anything is written, `verify_readable` reads every column of every table once (each data block is
then checked), and any "Corrupt database file" error, then or later in the run (an index block the
run's lookups reach), becomes a `WarehouseCorruptError`: the run rolls back, records nothing, and
says what to do.

Known limits: index blocks are checked only when the run's lookups or inserts reach them (DuckDB
loads indexes lazily, and no query reads a whole index); and DuckDB's checksum is an XOR of a hash of
each 8-byte word, so junk whose words come in equal pairs over zeroed, unused space goes unseen (it
is not read either).
"""
from __future__ import annotations

from pathlib import Path

import duckdb

CORRUPT_MARK = "Corrupt database file"


class WarehouseCorruptError(RuntimeError):
    """The warehouse file is damaged; nothing was written to it."""


def is_corruption(exc: BaseException) -> bool:
    """Whether `exc` is DuckDB saying a block's checksum does not match (or the file is otherwise corrupt)."""
    return isinstance(exc, duckdb.Error) and CORRUPT_MARK in str(exc)


def corrupt_error(db_path: Path, exc: BaseException) -> WarehouseCorruptError:
    """The one-line refusal for a damaged file."""
    detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return WarehouseCorruptError(
        f"the warehouse {db_path} is damaged ({detail}); nothing was written to it. Restore it from a backup, "
        "or run into a new file with --db")


def quoted(name: str) -> str:
    """An identifier from DuckDB's own catalog, quoted for SQL."""
    return '"' + name.replace('"', '""') + '"'


def verify_readable(con: duckdb.DuckDBPyConnection, db_path: Path) -> None:
    """Read every column of every table of the main database (so DuckDB checks each data block's checksum);
    raise WarehouseCorruptError when one does not match."""
    try:
        tables = con.execute("SELECT table_name FROM duckdb_tables() "
                             "WHERE database_name = current_database() AND NOT temporary").fetchall()
        for (table,) in tables:
            con.execute(f"SELECT bit_xor(hash(COLUMNS(*))) FROM {quoted(table)}").fetchall()
    except duckdb.Error as exc:
        if is_corruption(exc):
            raise corrupt_error(db_path, exc) from exc
        raise
