"""What every benchmark shares: a loopback site with a feed, timing, and memory of a process tree.

- `LoopbackSite(root)`: serves a folder over HTTP on 127.0.0.1 from a separate process (so serving
  costs no CPU time under the measured process's GIL) and writes `feed.xml`, an RSS feed of the pages.
- `measured_flow_run(...)`: runs one pipeline run (`flows.pipeline.run`) in a fresh child process and
  returns its summary, its wall time, and the peak resident memory of the child and all its workers.
- `median`, `timed`: small timing helpers.

Command line (used by the functions above, not by people):

    python -m bench.common serve ROOT          # prints the port, serves until killed
    python -m bench.common flow --sources URL --db FILE [--batch-size N] [--workers N]
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import psutil

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus" / "article-extraction-benchmark"
RSS_POLL_S = 0.05
SUMMARY_MARK = "BENCH-SUMMARY "


class BenchError(RuntimeError):
    """A benchmark could not run (server did not start, the flow run failed)."""


def median(values: Sequence[float]) -> float:
    """The median of a non-empty sequence."""
    return float(statistics.median(values))


@contextmanager
def timed(into: dict[str, float], name: str) -> Iterator[None]:
    """Add the wall seconds of the block to `into[name]`."""
    start = time.perf_counter()
    try:
        yield
    finally:
        into[name] = into.get(name, 0.0) + time.perf_counter() - start


def bench_env(prefect_home: Path) -> dict[str, str]:
    """Environment for a child flow run: a private PREFECT_HOME, quiet logs, no telemetry, no user overrides."""
    env = dict(os.environ)
    for name in ("PREFECT_API_URL", "CHIPDEMAND_DB", "CHIPDEMAND_ALLOW_PRIVATE_HOSTS"):
        env.pop(name, None)
    env.update(PREFECT_HOME=str(prefect_home), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_LOGGING_LEVEL="WARNING", PREFECT_LOGGING_LOG_PRINTS="false",
               GX_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1", PYTHONPATH=str(PROJECT_ROOT),
               PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="180")  # 2 shared cores: be patient
    return env


def rss_feed(base_url: str, paths: Sequence[str]) -> str:
    """An RSS 2.0 document linking every path under `base_url`."""
    items = "".join(f"<item><title>{escape(p)}</title><link>{escape(base_url + '/' + p)}</link></item>\n"
                    for p in paths)
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>bench</title>'
            f"<link>{escape(base_url)}/</link><description>benchmark pages</description>\n{items}</channel></rss>\n")


class QuietHandler(SimpleHTTPRequestHandler):
    """Static files over HTTP/1.1 keep-alive, without a log line per request."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's signature
        pass


def serve_forever(root: Path) -> None:
    """Serve `root` on a free loopback port; print the port on stdout first."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


class LoopbackSite:
    """A folder served over loopback HTTP by a child process, with an RSS feed of its pages."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.process: subprocess.Popen | None = None
        self.base_url = ""

    def __enter__(self) -> LoopbackSite:
        self.process = subprocess.Popen([sys.executable, "-m", "bench.common", "serve", str(self.root)],
                                        stdout=subprocess.PIPE, text=True, cwd=PROJECT_ROOT,
                                        env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
        line = self.process.stdout.readline().strip() if self.process.stdout else ""
        if not line.isdigit():
            self.__exit__(None, None, None)
            raise BenchError(f"the loopback server did not start (said {line!r})")
        self.base_url = f"http://127.0.0.1:{line}"
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def write_feed(self, paths: Sequence[str], name: str = "feed.xml") -> str:
        """Write an RSS feed of `paths` (relative to the root) and return its URL."""
        (self.root / name).write_text(rss_feed(self.base_url, paths), encoding="utf-8")
        return f"{self.base_url}/{name}"


def tree_rss(proc: psutil.Process) -> int:
    """Resident bytes of a process and all its descendants (0 for any that ended meanwhile)."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total


@dataclass
class ChildRun:
    """One measured child process: wall seconds, peak tree RSS, its JSON summary."""

    wall_s: float
    peak_rss_mb: float
    summary: dict[str, Any] = field(default_factory=dict)


def measured_child(cmd: Sequence[str], env: dict[str, str], timeout_s: float = 3600) -> ChildRun:
    """Run `cmd`, sampling the RSS of its process tree; the child prints its result after SUMMARY_MARK."""
    start = time.perf_counter()
    with tempfile.TemporaryFile(mode="w+") as out, tempfile.TemporaryFile(mode="w+") as err:
        child = subprocess.Popen(list(cmd), stdout=out, stderr=err, env=env, cwd=PROJECT_ROOT)
        proc, peak = psutil.Process(child.pid), 0
        while child.poll() is None:
            try:
                peak = max(peak, tree_rss(proc))
            except psutil.NoSuchProcess:
                break
            if time.perf_counter() - start > timeout_s:
                child.kill()
                raise BenchError(f"{cmd[2:4]} ran longer than {timeout_s:.0f}s")
            time.sleep(RSS_POLL_S)
        child.wait()
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    summaries = [line[len(SUMMARY_MARK):] for line in stdout.splitlines() if line.startswith(SUMMARY_MARK)]
    if child.returncode != 0 or not summaries:
        raise BenchError(f"child exited {child.returncode}: {stderr[-2000:]}")
    return ChildRun(wall_s=wall, peak_rss_mb=peak / 2**20, summary=json.loads(summaries[-1]))


@contextmanager
def running_api(prefect_home: Path) -> Iterator[str]:
    """A Prefect API server for `prefect_home` that outlives the runs measured inside the block (as a
    deployment's server does), so a run pays no server start-up; its API URL."""
    from flows.api_server import TemporaryApiServer

    server = TemporaryApiServer(bench_env(prefect_home)).start()
    try:
        yield server.wait_ready(180)
    finally:
        server.stop()


def measured_flow_run(sources: str, db: Path, prefect_home: Path, *, batch_size: int | None = None,
                      workers: int = 2, isolated: bool = True, api_url: str | None = None) -> ChildRun:
    """One pipeline run in a fresh interpreter (start-up included), measured from outside.

    `isolated=False` runs it in this process instead (for smoke tests: no interpreter or Prefect server
    start-up; the peak RSS is then only this process tree's RSS at the end).
    """
    if not isolated:
        start = time.perf_counter()
        summary = flow_summary(sources, str(db), batch_size, workers)
        return ChildRun(time.perf_counter() - start, tree_rss(psutil.Process()) / 2**20, summary)
    cmd = [sys.executable, "-m", "bench.common", "flow", "--sources", sources, "--db", str(db),
           "--workers", str(workers)]
    if batch_size:
        cmd += ["--batch-size", str(batch_size)]
    env = bench_env(prefect_home)
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return measured_child(cmd, env)


def warm_up(site: LoopbackSite, db: Path, prefect_home: Path) -> ChildRun:
    """One run on an empty feed, so the Prefect home's database exists before anything is timed."""
    return measured_flow_run(site.write_feed([], "empty.xml"), db, prefect_home)


def flow_summary(sources: str, db: str, batch_size: int | None, workers: int) -> dict[str, Any]:
    """Import the flow and run it once; its summary with the import and run seconds added."""
    started = time.perf_counter()
    params: dict[str, Any] = {"sources": sources, "db": db, "allow_private_hosts": True, "workers": workers}
    if batch_size:
        params["batch_size"] = batch_size
    from flows.api_server import start_early, wait_until_ready
    from flows.config import build_config
    from flows.preflight import quiet_run

    # as `chipdemand run` does: a first run starts Prefect's temporary API server at once; a later one first
    # checks for anything new, and records a run with nothing new without Prefect
    server = start_early() if not Path(db).is_file() else None
    quiet = quiet_run(build_config(**params))
    if quiet is not None:
        return {**quiet, "bench_import_s": 0.0, "bench_run_s": time.perf_counter() - started}
    server = server or start_early()
    from flows.pipeline import run

    wait_until_ready(server)

    imported = time.perf_counter()
    summary = run(**params)
    finished = time.perf_counter()
    return {**summary, "bench_import_s": imported - started, "bench_run_s": finished - imported}


def flow_main(sources: str, db: str, batch_size: int | None, workers: int) -> None:
    """Child side of measured_flow_run: run the flow, print the summary after SUMMARY_MARK."""
    print(SUMMARY_MARK + json.dumps(flow_summary(sources, db, batch_size, workers), default=str), flush=True)


def stage_seconds(feed_url: str, db: Path, limit: int | None = None, batch_size: int = 100) -> dict[str, Any]:
    """Per-stage wall seconds, measured by calling each stage's core function directly, in this one process.

    discover = Discoverer on the feed; fetch = fetch_batch's body (fetch_many + raw archive); parse =
    parse_page; extract = Extractor.extract; validate = RowValidator.validate; load = RunLoader into `db`.
    The flow overlaps fetch and parse/extract on worker processes; these figures are single-process costs.
    """
    from expectations.validate import RowValidator, ValidationSettings
    from flows.discover import Discoverer, DiscoverySettings
    from flows.fetch import FetchSettings
    from flows.sources import resolve_sources
    from flows.extraction import extractor_for
    from flows.tasks import fetch_batch
    from flows.work import utcnow
    from transforms.article import ParseError, ParseSettings, parse_page
    from transforms.reference import load_reference
    from warehouse.db import connect_writer
    from warehouse.load import RunLoader

    seconds: dict[str, float] = {}
    fetch = FetchSettings(allow_private_hosts=True)
    with timed(seconds, "setup"):   # seeds, compiled gazetteers, GX suites: once per process
        ref = load_reference(PROJECT_ROOT / "seeds")
        extractor = extractor_for(str(PROJECT_ROOT / "seeds"))
        validator = RowValidator(ref, ValidationSettings())
        con = connect_writer(db)
    with timed(seconds, "discover"):
        items = Discoverer(fetch, DiscoverySettings(), {}, utcnow()).run(resolve_sources(feed_url)).items
    items = items[:limit] if limit else items
    loader = RunLoader(con, "bench-stages")
    loader.begin()
    pages = failed = rows = 0
    for start in range(0, len(items), batch_size):
        with timed(seconds, "fetch"):
            fetched = fetch_batch(items[start:start + batch_size], fetch, str(Path(db).parent / "raw"))
        articles, spend, policy = [], [], []
        for f in fetched:
            if f.page is None:
                failed += 1
                continue
            try:
                with timed(seconds, "parse"):
                    article = parse_page(f.page, ParseSettings())
            except ParseError:
                failed += 1
                continue
            with timed(seconds, "extract"):
                found = extractor.extract(article)
            articles.append(article)
            spend += found.spend
            policy += found.policy
        pages += len(articles)
        with timed(seconds, "validate"):
            outcome = validator.validate(articles, spend, policy)
        with timed(seconds, "load"):
            now = utcnow()
            loader.load_versions([a.model_dump() for a in outcome.articles], [r.model_dump() for r in outcome.spend],
                                 [r.model_dump() for r in outcome.policy], now)
            loader.quarantine([q.__dict__ for q in outcome.quarantined], now)
            loader.log_fetches([f.log for f in fetched if f.log])
            loader.save_fetch_state([f.state for f in fetched if f.state])
        rows += len(outcome.spend) + len(outcome.policy)
    with timed(seconds, "load"):
        loader.commit()
    con.close()
    return {"pages": pages, "failed": failed, "rows": rows, "seconds": seconds}


def main(argv: list[str] | None = None) -> int:
    """Entry points for the child processes of the benchmarks."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve")
    serve.add_argument("root", type=Path)
    flow = sub.add_parser("flow")
    flow.add_argument("--sources", required=True)
    flow.add_argument("--db", required=True)
    flow.add_argument("--batch-size", type=int, default=None)
    flow.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if args.command == "serve":
        serve_forever(args.root)
    else:
        from flows import fast_exit

        fast_exit.arm()   # as `chipdemand run` ends: without the interpreter's teardown
        flow_main(args.sources, args.db, args.batch_size, args.workers)
        fast_exit.leave(0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
