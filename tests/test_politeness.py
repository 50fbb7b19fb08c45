"""Politeness across a whole run: one host never sees more than its per-host limit of connections,
however many batches, threads or Dask workers fetch from it; robots.txt is read once per run.

The loopback server counts the requests it is serving at once; every page request waits a moment
so that batches overlap if nothing stops them.
"""
from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest

from expectations.settings import ValidationSettings
from flows.config import RunConfig
from flows.fetch import FetchScope, FetchSettings, fetch_many
from flows.pipeline import build_config, run

LIMIT = 2
PAGES = 16
FAST = FetchSettings(allow_private_hosts=True, connect_timeout=2.0, read_timeout=5.0, total_timeout=20.0,
                     retries=1, backoff_base=0.01, per_host_concurrency=LIMIT)


class ConcurrencyCounter:
    """Counts requests in flight on the server and remembers the most at once."""

    def __init__(self, stopping: threading.Event, hold_s: float = 0.05):
        self.lock = threading.Lock()
        self.active = self.peak = self.served = 0
        self.stopping = stopping
        self.hold_s = hold_s

    def page(self, number: int):
        body = (f"<html><head><title>Order {number}</title></head><body><article><p>Page {number}: a buyer "
                f"ordered servers in a plain test sentence that carries no chip figure at all.</p></article>"
                f"</body></html>").encode()

        def handler(request) -> None:
            with self.lock:
                self.active += 1
                self.peak = max(self.peak, self.active)
            self.stopping.wait(self.hold_s)
            with self.lock:
                self.active -= 1
                self.served += 1
            request.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                                b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body))
        return handler


@pytest.fixture
def counted_site(http_server):
    """PAGES pages behind a counter, a robots.txt that allows them, and a urls sources file."""
    counter = ConcurrencyCounter(http_server.stopping)
    for i in range(PAGES):
        http_server.route(f"/news/{i}.html", handler=counter.page(i))
    http_server.route("/robots.txt", body=b"User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"})
    return http_server, counter


def sources_file(folder: Path, server) -> Path:
    urls = ", ".join(f'"{server.url(f"/news/{i}.html")}"' for i in range(PAGES))
    path = folder / "sources.toml"
    path.write_text(f'[[sources]]\nname = "site"\nkind = "urls"\nurls = [{urls}]\n', encoding="utf-8")
    return path


def test_two_batches_of_one_run_share_the_host_limit(counted_site):
    server, counter = counted_site
    scope = FetchScope(run_id="two-batches")
    halves = [[(server.url(f"/news/{i}.html"), None, None) for i in range(start, PAGES, 2)] for start in (0, 1)]
    results: list = [None, None]

    def batch(n: int) -> None:
        results[n] = fetch_many(halves[n], FAST, scope=scope)
    threads = [threading.Thread(target=batch, args=(n,)) for n in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert all(o.status == "ok" for outcomes in results for o in outcomes)
    assert counter.served == PAGES
    assert counter.peak <= LIMIT
    assert server.hits("/robots.txt") == 1


def test_batches_without_a_shared_scope_each_keep_their_own_limit(counted_site):
    """What the scope prevents: two batches on their own limits may together pass the per-host limit."""
    server, counter = counted_site
    outcomes = fetch_many([(server.url(f"/news/{i}.html"), None, None) for i in range(4)], FAST)
    assert [o.status for o in outcomes] == ["ok"] * 4
    assert server.hits("/robots.txt") == 1


def run_config(tmp_path: Path, server, **changes) -> RunConfig:
    fetch = replace(RunConfig().fetch, per_host_concurrency=LIMIT, retries=1, backoff_base=0.01)
    return build_config(sources=str(sources_file(tmp_path, server)), db=str(tmp_path / "w.duckdb"),
                        allow_private_hosts=True, base=replace(RunConfig(), fetch=fetch, write_data_docs=False,
                                                  validation=ValidationSettings(max_failure_rate=1.0)),
                        **changes)


def test_a_threaded_run_of_many_batches_keeps_the_host_limit(counted_site, tmp_path):
    server, counter = counted_site
    summary = run(run_config(tmp_path, server, task_runner="threads", workers=4, batch_size=2))
    assert summary["status"] == "completed"
    assert counter.served == PAGES
    assert counter.peak <= LIMIT
    assert server.hits("/robots.txt") == 1


def test_a_two_worker_dask_run_keeps_the_host_limit(counted_site, tmp_path):
    server, counter = counted_site
    summary = run(run_config(tmp_path, server, task_runner="dask", workers=2, batch_size=2))
    assert summary["status"] == "completed"
    assert counter.served == PAGES
    assert counter.peak <= LIMIT
    assert server.hits("/robots.txt") == 1


def test_global_limits_are_created_with_the_host_limit_and_delay():
    from prefect.client.orchestration import get_client

    from flows.fetching.global_limits import ensure_global_limits

    origin = "http://127.0.0.1:9"
    settings = replace(FAST, per_host_concurrency=3, politeness_delay=0.5)
    names = ensure_global_limits([origin], settings, {origin: 2.0})
    with get_client(sync_client=True) as client:
        connections = client.read_global_concurrency_limit_by_name(names[origin].connections)
        rate = client.read_global_concurrency_limit_by_name(names[origin].rate)
    assert (connections.limit, connections.slot_decay_per_second) == (3, 0.0)
    assert (rate.limit, rate.slot_decay_per_second) == (1, 0.5)      # Crawl-delay 2 s beats the 0.5 s delay
