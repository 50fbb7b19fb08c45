"""One run at a time per warehouse: the run lock file beside it (warehouse/run_lock.py)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from flows.pipeline import run
from warehouse.db import WarehouseBusyError
from warehouse.run_lock import hold_run_lock, run_lock_path

DATA = Path(__file__).parent / "data" / "mini"


@pytest.fixture()
def lock_held_elsewhere(tmp_path):
    """Another process holds the run lock of tmp_path/w.duckdb until the test ends."""
    db = tmp_path / "w.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from warehouse.run_lock import hold_run_lock\n"
                               f"with hold_run_lock({str(db)!r}):\n    print('held', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parent.parent)
    try:
        assert holder.stdout.readline().strip() == "held"
        yield db, holder.pid
    finally:
        holder.communicate("")


def test_a_second_holder_is_told_who_holds_the_lock(lock_held_elsewhere):
    db, pid = lock_held_elsewhere
    with pytest.raises(WarehouseBusyError, match=f"another run \\(pid {pid}\\).*--lock-wait"):
        with hold_run_lock(db, wait_s=0.2, poll_s=0.05):
            pass


def test_a_run_waits_for_the_lock_then_gives_up_touching_nothing(lock_held_elsewhere):
    db, _pid = lock_held_elsewhere
    with pytest.raises(WarehouseBusyError, match="another run"):
        run(sources=str(DATA), db=str(db), lock_wait_s=0.5)
    assert not db.exists()


def test_the_lock_is_free_again_when_its_holder_ends(tmp_path):
    db = tmp_path / "w.duckdb"
    with hold_run_lock(db):
        pass
    with hold_run_lock(db, wait_s=0):
        assert run_lock_path(db).read_text().strip().isdigit()
