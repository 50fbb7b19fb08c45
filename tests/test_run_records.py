"""Every committed run has its pipeline_runs row, written in the run's own transaction."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb

from flows.pipeline import run

DATA = Path(__file__).parent / "data" / "mini"


def query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_a_blocked_data_docs_path_still_leaves_the_run_row(tmp_path):
    (tmp_path / "data_docs").write_text("a file where the data docs folder should be")
    db = tmp_path / "w.duckdb"
    summary = run(sources=str(DATA), db=str(db))
    assert summary["status"] == "completed" and summary["data_docs"] is None
    assert "data docs not written" in summary["message"]
    assert query(db, "SELECT count(*) FROM articles") == [(2,)]
    rows = query(db, "SELECT run_id, status, articles_new, message FROM pipeline_runs")
    assert [r[:3] for r in rows] == [(summary["run_id"], "completed", 2)]
    assert "data docs not written" in rows[0][3]


def test_a_run_killed_right_after_its_commit_has_its_row(tmp_path):
    db = tmp_path / "w.duckdb"
    env = {**os.environ, "CHIPDEMAND_TEST_CRASH_AT": "after_commit"}
    log = tmp_path / "run.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "run", "--sources", str(DATA), "--db", str(db)],
                                env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            returncode = proc.wait(timeout=240)
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    assert returncode == -9, log.read_text()[-2000:]
    assert query(db, "SELECT count(*) FROM articles") == [(2,)]
    assert query(db, "SELECT status, articles_new FROM pipeline_runs") == [("completed", 2)]
