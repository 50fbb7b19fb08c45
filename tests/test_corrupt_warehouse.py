"""A warehouse file with junk written inside it: the run refuses it before writing anything.

The junk goes into a data block of one table (found with `pragma_storage_info`, at DuckDB's file
offset for that block: three 4 KiB headers, then blocks of `block_size` bytes). A run only appends to
`validation_results`, so without a check it would load and commit, and only a later query would trip
on the damage; `chip_spend` the run reads (to replace an article's facts), and trips half-way.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.pipeline import run
from warehouse.integrity import WarehouseCorruptError

DATA = Path(__file__).parent / "data" / "mini"
HEADERS = 3 * 4096


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage_table(db: Path, table: str) -> None:
    """Overwrite 128 bytes inside one of `table`'s data blocks; check DuckDB now refuses to read it."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        block_size = con.execute("SELECT block_size FROM pragma_database_size()").fetchone()[0]
        block = con.execute(f"SELECT min(block_id) FROM pragma_storage_info('{table}') WHERE block_id >= 0").fetchone()[0]
    finally:
        con.close()
    with db.open("r+b") as f:
        f.seek(HEADERS + block * block_size + 1000)
        # junk without repeats: DuckDB's block checksum XORs a hash of each 8-byte word, so words written an
        # even number of times over zeroed space cancel out (and that space is not read)
        f.write(b"".join(hashlib.sha256(bytes([i])).digest() for i in range(4)))
    con = duckdb.connect(str(db), read_only=True)
    try:
        with pytest.raises(duckdb.Error, match="Corrupt database file"):
            con.execute(f"SELECT * FROM {table}").fetchall()
    finally:
        con.close()


@pytest.fixture(params=["validation_results", "chip_spend"])
def damaged(tmp_path, request):
    """A warehouse loaded from one article with a damaged block in a table the next run only appends to
    (validation_results) or also reads (chip_spend), and a folder of one other article for that run."""
    db = tmp_path / "w.duckdb"
    run(sources=str(DATA / "tencent-budget.html"), db=str(db))
    damage_table(db, request.param)
    other = tmp_path / "other"
    other.mkdir()
    (other / "launch.txt").write_bytes((DATA / "quiet-launch.txt").read_bytes())
    return db, other


def test_a_run_refuses_a_damaged_warehouse_and_writes_nothing(damaged):
    db, other = damaged
    before = digest(db)
    with pytest.raises(WarehouseCorruptError, match="damaged"):
        run(sources=str(other), db=str(db))
    assert digest(db) == before
    assert not Path(f"{db}.wal").exists()


def test_the_command_line_says_so_in_one_line_and_exits_1(damaged):
    db, other = damaged
    before = digest(db)
    result = CliRunner().invoke(app, ["run", "--sources", str(other), "--db", str(db)])
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert "damaged" in said and str(db.name) in said and "nothing was written" in said
    assert "Traceback" not in result.output
    assert digest(db) == before
