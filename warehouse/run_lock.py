"""One run at a time per warehouse: an advisory lock file beside it, held for the whole run.

DuckDB's own write lock is held only while a run loads (readers get in at any other moment), so it no
longer keeps two runs apart: two runs fetching at once would each decide what is new against the same
stored state. The lock file `<warehouse>.run.lock` does: a second run waits for it up to `wait_s`
seconds, then gets WarehouseBusyError. Readers never take it. It is a POSIX `flock`, which the
operating system drops when the holding process ends, kill -9 included, so it never goes stale.

    with hold_run_lock(db_path, wait_s=60):
        ...   # the whole run
"""
from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from warehouse.db import WarehouseBusyError

LOCK_SUFFIX = ".run.lock"


def run_lock_path(db_path: Path) -> Path:
    """The lock file of the warehouse at `db_path`."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def holder_of(path: Path) -> str:
    """What the lock file says about its holder ("pid 123"), or "" when it says nothing."""
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""
    return f"pid {text}" if text.isdigit() else ""


@contextmanager
def hold_run_lock(db_path: Path, wait_s: float = 0.0, poll_s: float = 0.25) -> Iterator[Path]:
    """Hold the warehouse's run lock for the length of the block; wait up to `wait_s` seconds for it."""
    path = run_lock_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = holder_of(path)
                    raise WarehouseBusyError(
                        f"the warehouse {db_path} is being written by another run"
                        f"{f' ({holder})' if holder else ''}; waited {wait_s:g} s. "
                        "Try again when it finishes, or raise --lock-wait.") from None
                time.sleep(poll_s)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
