"""How long a reader waits for the warehouse while a run writes it (issue 15: short writer windows).

The 1,810 real pages of bench.real_pages (181 corpus pages x 10 distinct copies) are served over
loopback HTTP behind an RSS feed; one pipeline run loads them into a fresh warehouse in a child process
(as `chipdemand run` would), while this process plays an analyst who opens the warehouse read-only
every `--every` seconds, runs a small query and closes it. When the open meets the run's write lock,
the reader retries every 5 ms until it gets in: the time from its first refused attempt to the open
that succeeds is one wait. Reported: every wait, the longest, how many reads there were, and the
seconds the run itself says it held the write lock.

    python -m bench.reader_wait [--copies 10] [--every 0.1] [--json]

`chipdemand sql` retries every 0.25 s, so an analyst's wait is this figure rounded up to the next
quarter second. Skips with a message when ../shared/corpus is absent.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

from bench.common import (PROJECT_ROOT, SHARED_CORPUS, SUMMARY_MARK, BenchError, LoopbackSite, bench_env,
                          warm_up)
from bench.real_pages import CorpusMissing, ground_truth, write_site

RETRY_S = 0.005
QUERY = "SELECT count(*) FROM articles"


def read_once(db: Path) -> tuple[float, bool]:
    """Open read-only, query, close; (seconds waited for the write lock, whether it had to wait)."""
    first_refusal = None
    while True:
        try:
            con = duckdb.connect(str(db), read_only=True)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            first_refusal = first_refusal or time.perf_counter()
            time.sleep(RETRY_S)
            continue
        try:
            con.execute(QUERY).fetchall()
        finally:
            con.close()
        return (time.perf_counter() - first_refusal, True) if first_refusal else (0.0, False)


def measure(feed: str, db: Path, prefect_home: Path, every_s: float) -> dict[str, Any]:
    """One run in a child process while this process reads the warehouse every `every_s` seconds."""
    cmd = [sys.executable, "-m", "bench.common", "flow", "--sources", feed, "--db", str(db), "--workers", "2"]
    waits: list[float] = []
    reads = 0
    started = time.perf_counter()
    with tempfile.TemporaryFile(mode="w+") as out, tempfile.TemporaryFile(mode="w+") as err:
        child = subprocess.Popen(cmd, stdout=out, stderr=err, env=bench_env(prefect_home), cwd=PROJECT_ROOT)
        while child.poll() is None:
            if db.exists():
                try:
                    waited, had_to = read_once(db)
                except duckdb.CatalogException:   # the run has not created its tables yet
                    waited, had_to = 0.0, False
                reads += 1
                if had_to:
                    waits.append(waited)
            time.sleep(every_s)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        summaries = [line[len(SUMMARY_MARK):] for line in out.read().splitlines() if line.startswith(SUMMARY_MARK)]
        if child.returncode != 0 or not summaries:
            raise BenchError(f"the run exited {child.returncode}: {err.read()[-2000:]}")
    summary = json.loads(summaries[-1])
    return {"pages": summary["pages_seen"], "articles_new": summary["articles_new"], "run_wall_s": round(wall, 1),
            "reads": reads, "reads_that_waited": len(waits), "longest_wait_s": round(max(waits, default=0.0), 3),
            "waits_s": [round(w, 3) for w in waits], "write_lock_held_s": summary.get("write_lock_held_s"),
            "stage_seconds": summary.get("stage_seconds"), "runner": summary.get("runner")}


def run_benchmark(corpus: Path = SHARED_CORPUS, copies: int = 10, every_s: float = 0.1) -> dict[str, Any]:
    """Build the site, warm Prefect's home up, then measure one run."""
    with tempfile.TemporaryDirectory(prefix="chipdemand-bench-readers-") as tmp:
        work = Path(tmp)
        names = write_site(corpus, work / "site", copies, None, ground_truth(corpus))
        with LoopbackSite(work / "site") as site:
            feed = site.write_feed(names)
            warm_up(site, work / "warmup.duckdb", work / "prefect")
            return measure(feed, work / "w.duckdb", work / "prefect", every_s)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Longest reader wait during a 1,810-page run.")
    parser.add_argument("--corpus", type=Path, default=SHARED_CORPUS)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--every", type=float, default=0.1, help="seconds between reads")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    try:
        result = run_benchmark(args.corpus, args.copies, args.every)
    except CorpusMissing as exc:
        print(f"skipped: {exc}", file=sys.stderr)
        return 0
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(f"{result['pages']} pages, run {result['run_wall_s']} s; {result['reads']} reads, "
              f"{result['reads_that_waited']} waited; longest wait {result['longest_wait_s']} s; "
              f"the run held the write lock {result['write_lock_held_s']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
