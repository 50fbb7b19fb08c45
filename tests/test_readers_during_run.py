"""Readers are never locked out by a run: `chipdemand sql` succeeds while a run fetches.

A loopback site serves a feed of 240 article pages. Three of them (at a quarter, half and three quarters
of the feed) are held by the server until the test lets them go, so the run is certainly in its
fetch/parse/validate stages while the test queries: each time, `chipdemand sql` in a process of its own
must answer (exit 0, no lock error) while the held page keeps the run from finishing, and it sees the
warehouse as it was before the run (nothing is committed until the run's one load transaction).
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

PAGES = 240
HELD = (PAGES // 4, PAGES // 2, 3 * PAGES // 4)
WAIT_S = 180.0
ROOT = Path(__file__).resolve().parent.parent


def page_html(i: int) -> bytes:
    """Article page number `i`: text long enough to pass validation, distinct per page."""
    body = "".join(f"<p>Harbour note {i}.{k}: the container terminal at berth {i % 17} moved {100 + i * 7 + k} "
                   f"boxes in shift {k}, and the night crew logged the cranes' hours as usual.</p>" for k in range(4))
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>Harbour log {i}</title></head>"
            f"<body><article><h1>Harbour log {i}</h1>{body}</article></body></html>").encode()


class Gate:
    """A page the server holds until released; `arrived` is set when the run asks for it."""

    def __init__(self, body: bytes):
        self.body = body
        self.arrived = threading.Event()
        self.release = threading.Event()

    def __call__(self, handler) -> None:
        self.arrived.set()
        self.release.wait(WAIT_S)
        handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                            + f"Content-Length: {len(self.body)}\r\nConnection: close\r\n\r\n".encode() + self.body)


def sql(db: Path, query: str) -> subprocess.CompletedProcess:
    """`chipdemand sql` in its own process, as an analyst would run it during a run."""
    return subprocess.run([sys.executable, "-m", "flows.cli", "sql", query, "--db", str(db), "--format", "csv",
                           "--lock-wait", "30"], capture_output=True, text=True, timeout=WAIT_S, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture()
def gated_site(http_server):
    gates = {i: Gate(page_html(i)) for i in HELD}
    links = []
    for i in range(PAGES):
        path = f"/news/{i}.html"
        if i in gates:
            http_server.route(path, handler=gates[i])
        else:
            http_server.route(path, body=page_html(i), headers={"Content-Type": "text/html; charset=utf-8"})
        links.append(http_server.url(path))
    items = "".join(f"<item><title>log {i}</title><link>{link}</link></item>" for i, link in enumerate(links))
    feed = http_server.route("/feed.xml", headers={"Content-Type": "application/rss+xml"}, body=(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>harbour</title><link>{http_server.url("/")}</link>'
        f"<description>d</description>{items}</channel></rss>").encode())
    yield feed, gates
    for gate in gates.values():   # never leave the run hanging, whatever the test did
        gate.release.set()


def test_sql_answers_at_several_moments_of_a_run(tmp_path, gated_site):
    feed, gates = gated_site
    db = tmp_path / "w.duckdb"
    script = ("from flows.config import RunConfig\nfrom flows.fetch import FetchSettings\n"
              "from flows.pipeline import build_config, run\n"
              "base = RunConfig(fetch=FetchSettings(read_timeout=WAIT, total_timeout=WAIT))\n"
              f"s = run(build_config(sources={feed!r}, db={str(db)!r}, allow_private_hosts=True, base=base))\n"
              "print('articles_new', s['articles_new'])\n").replace("WAIT", str(WAIT_S))
    log = tmp_path / "run.log"
    with log.open("w") as out:
        runner = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                  env={**os.environ, "PYTHONPATH": str(ROOT)})
        answers = []
        try:
            for i in HELD:
                assert gates[i].arrived.wait(WAIT_S), f"the run never asked for page {i}: {log.read_text()[-2000:]}"
                answer = sql(db, "SELECT count(*) AS n FROM articles")
                still_running = runner.poll() is None
                answers.append((i, answer.returncode, answer.stdout, answer.stderr, still_running))
                gates[i].release.set()
            assert runner.wait(timeout=600) == 0, log.read_text()[-3000:]
        finally:
            if runner.poll() is None:
                runner.kill()
                runner.wait()
    for i, code, stdout, stderr, still_running in answers:
        assert code == 0 and "lock" not in stderr.lower(), (i, stderr)
        assert still_running, f"page {i} was held, yet the run had ended"
        assert stdout.split() == ["n", "0"], (i, stdout)   # the run's rows are not visible before its commit
    after = sql(db, "SELECT count(*) AS n FROM articles")
    assert after.returncode == 0 and int(after.stdout.split()[1]) == PAGES
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM pipeline_runs WHERE status = 'completed'").fetchone() == (1,)
    finally:
        con.close()
