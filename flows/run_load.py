"""The run's writes to the warehouse: the only moments a run opens it read-write.

`load_run` (a Prefect task) loads everything the run staged, the seed dimension tables, the analysts'
corrections file and the run's pipeline_runs row in one short transaction at the run's end. After a
failure, `record_failed_run` writes the failed run's row alone; after the commit, `note_run_message`
and `top_claims` are short opens of their own that give up after a few seconds rather than hold a run.
"""
from __future__ import annotations

import os
import signal
import time
from typing import Any

from prefect import task
from prefect.cache_policies import NONE as NO_CACHE

from flows.config import RunConfig
from flows.corrections import CorrectionsFile, load_corrections
from flows.runlog import RunLog
from warehouse.db import WarehouseBusyError, connect_writer
from warehouse.integrity import corrupt_error, is_corruption
from warehouse.load import RunLoader, record_run, set_run_message
from warehouse.run_reads import brief_reader
from warehouse.seeds import load_seed_tables
from warehouse.stage import RunStage

AFTER_RUN_WAIT_S = 5.0    # what a run waits for the warehouse after its load (its message, its top claims)
WRITER_POLL_S = 0.05      # how often the load retries the write lock while a reader holds the file


def crash_hook_for(point: str | None):
    """Test hook: kill this process with SIGKILL at a named point (no cleanup, like a power cut).

    Load points (inside the final transaction): after_articles, after_spend, before_commit, after_commit;
    run points (no lock held): after_first_flush."""
    if not point:
        return None

    def hook(reached: str) -> None:
        if reached == point:
            os.kill(os.getpid(), signal.SIGKILL)

    return hook


@task(name="load_run", cache_policy=NO_CACHE, persist_result=False)
def load_run(config: RunConfig, stage: RunStage, run_row: dict[str, Any],
             corrections: CorrectionsFile | None = None) -> dict[str, Any]:
    """Load everything the run staged into the warehouse in one transaction, with the seed dimension tables,
    the corrections file (folded onto the rows as they are after this run's load) and the run's
    pipeline_runs row: the only time a run holds the warehouse's write lock. Returns the rows loaded per
    table, the corrections summary, the seconds the lock was held and the seconds spent waiting for it."""
    asked = time.perf_counter()
    # no whole-file check here: the run made it at its start (read_run_start), and it would lengthen the
    # moment readers wait; a damaged block the load reaches still rolls it back (below)
    con = connect_writer(config.db_path, wait_s=config.lock_wait_s, poll_s=WRITER_POLL_S, verify=False)
    opened = time.perf_counter()
    loader = RunLoader(con, stage.run_id, crash_hook=crash_hook_for(config.crash_at))
    try:
        loader.begin()
        load_seed_tables(con, config.seeds_dir)
        counts = loader.apply(stage)
        corrected = (load_corrections(con, corrections, config.seeds_dir, stage.run_id, config.validation)
                     if corrections is not None else None)
        # in the run's transaction: a committed run always has its row, whatever happens after the commit
        record_run(con, run_row)
        loader.commit()
    except BaseException as exc:
        loader.rollback()
        if is_corruption(exc):   # a damaged block the load reached: write nothing more to the file
            raise corrupt_error(config.db_path, exc) from exc
        raise
    finally:
        con.close()
    return {"counts": counts, "held_s": time.perf_counter() - opened, "waited_s": opened - asked,
            "corrections": corrected.as_dict() if corrected is not None else None}


def record_failed_run(config: RunConfig, run_row: dict[str, Any], log: RunLog) -> None:
    """Write a failed run's pipeline_runs row (nothing else of the run is loaded); said in the log when the
    warehouse cannot be opened for it."""
    try:
        con = connect_writer(config.db_path, wait_s=min(config.lock_wait_s, AFTER_RUN_WAIT_S))
    except (WarehouseBusyError, OSError) as exc:
        log.logger.warning(f"the failed run's pipeline_runs row was not written: {exc}")
        return
    try:
        record_run(con, run_row)
    finally:
        con.close()


def note_run_message(config: RunConfig, run_id: str, message: str, log: RunLog) -> None:
    """Replace a committed run's message (a short write of its own)."""
    try:
        con = connect_writer(config.db_path, wait_s=min(config.lock_wait_s, AFTER_RUN_WAIT_S))
    except WarehouseBusyError as exc:
        log.logger.warning(f"the run's message was not updated in pipeline_runs: {exc}")
        return
    try:
        set_run_message(con, run_id, message)
    finally:
        con.close()


def top_claims(config: RunConfig) -> str:
    """The largest spend claims as markdown for the run's artifact ("" when a writer keeps the file busy)."""
    from flows.report import top_claims_markdown

    try:
        with brief_reader(config.db_path, min(config.lock_wait_s, AFTER_RUN_WAIT_S)) as con:
            return top_claims_markdown(con, n=10)
    except WarehouseBusyError:
        return ""
