"""One run at a time per warehouse: the run lock file beside it (warehouse/run_lock.py)."""
from __future__ import annotations

import subprocess
from contextlib import contextmanager
import sys
from pathlib import Path

import pytest

from flows.config import build_config
from flows.pipeline import run
from flows.preflight import quiet_run
from warehouse.db import WarehouseBusyError
from warehouse.run_lock import hold_run_lock, run_lock_path

DATA = Path(__file__).parent / "data" / "mini"


@pytest.fixture()
def lock_held_elsewhere(tmp_path):
    """Another process holds the run lock of tmp_path/w.duckdb until the test ends."""
    with held_elsewhere(tmp_path / "w.duckdb") as pid:
        yield tmp_path / "w.duckdb", pid


@contextmanager
def held_elsewhere(db: Path):
    """Another process holds the run lock of `db` for the length of the block; yields its pid."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from warehouse.run_lock import hold_run_lock\n"
                               f"with hold_run_lock({str(db)!r}):\n    print('held', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parent.parent)
    try:
        assert holder.stdout.readline().strip() == "held"
        yield holder.pid
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


def test_the_nothing_new_check_waits_for_a_run_then_gives_up_writing_nothing(tmp_path):
    """`chipdemand run`'s check before Prefect starts decides "nothing new" against the stored fetch state, which
    a run going on would change at its load: it takes the run lock too."""
    db = tmp_path / "w.duckdb"
    run(sources=str(DATA), db=str(db))
    before = db.read_bytes()
    with held_elsewhere(db):
        with pytest.raises(WarehouseBusyError, match="another run"):
            quiet_run(build_config(sources=str(DATA), db=str(db), lock_wait_s=0.3))
    assert db.read_bytes() == before
    assert quiet_run(build_config(sources=str(DATA), db=str(db)))["quiet"] is True   # the run has ended
