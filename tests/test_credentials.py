"""Credentials in source URLs (user:password@host, ?token=...) are used to fetch but stored nowhere:
not in any table, not in the Prefect run's parameters or logs, not in any file the run writes. The
secret stays in the user's sources file only.

A loopback server answers the feed and the page only with the right Basic credentials and token, so
the run must really use them.
"""
from __future__ import annotations

import base64
import json
from pathlib import Path

import duckdb
import pytest

from flows.pipeline import run
from flows.sources import SourcesError

FEED_PASS, FEED_TOKEN = "pa55-feed-secret", "tok-feed-secret"
PAGE_PASS, PAGE_KEY = "pa55-page-secret", "key-page-secret"
LOOP_TOKEN = "tok-loop-secret"
SECRETS = (FEED_PASS, FEED_TOKEN, PAGE_PASS, PAGE_KEY, LOOP_TOKEN)
PAGE = ("<!doctype html><html><head><title>Harbour cranes</title></head><body><article><h1>Harbour cranes</h1>"
        + "".join(f"<p>In week {week} the port authority said its new cranes moved more containers than planned, "
                  f"and that crews on shift {week} had finished early.</p>" for week in range(1, 7))
        + "</article></body></html>").encode()


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def guarded(expected_auth: str, expected_query: str, body: bytes, content_type: str):
    """A route handler that answers 401 unless the request carries the credentials."""
    def handler(req):
        ok = req.headers.get("Authorization") == expected_auth and expected_query in req.path
        payload = body if ok else b"no"
        req.send_response(200 if ok else 401)
        req.send_header("Content-Type", content_type if ok else "text/plain")
        req.send_header("Content-Length", str(len(payload)))
        req.end_headers()
        req.wfile.write(payload)
    return handler


@pytest.fixture()
def private_run(tmp_path, http_server):
    host = f"127.0.0.1:{http_server.port}"
    page = f"http://reader:{PAGE_PASS}@{host}/news/cranes.html?id=7&api_key={PAGE_KEY}"
    loop = f"http://{host}/loop.html?access_token={LOOP_TOKEN}"
    http_server.route("/news/cranes.html", handler=guarded(basic("reader", PAGE_PASS), f"api_key={PAGE_KEY}",
                                                           PAGE, "text/html"))
    http_server.route("/loop.html", status=302, headers={"Location": loop})
    items = "".join(f"<item><title>t</title><link>{link.replace('&', '&amp;')}</link></item>" for link in (page, loop))
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>http://{host}/</link>'
            f"<description>d</description>{items}</channel></rss>").encode()
    http_server.route("/feed.xml", handler=guarded(basic("feeder", FEED_PASS), f"token={FEED_TOKEN}", feed,
                                                   "application/rss+xml"))
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[sources]]\nname = "private"\nkind = "feed"\n'
                       f'url = "http://feeder:{FEED_PASS}@{host}/feed.xml?token={FEED_TOKEN}"\n')
    db = tmp_path / "wh" / "w.duckdb"
    summary = run(sources=str(sources), db=str(db), allow_private_hosts=True)
    return summary, db


def every_value(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        values = []
        for (table,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall():
            for row in con.execute(f'SELECT * FROM "{table}"').fetchall():
                values += [f"{table}: {v}" for v in row if v is not None]
        return values
    finally:
        con.close()


def test_the_run_uses_the_credentials(private_run):
    summary, db = private_run
    assert summary["status"] == "completed" and summary["articles_new"] == 1
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles WHERE text LIKE '%cranes moved%'").fetchone() == (1,)
    finally:
        con.close()


def test_no_table_stores_a_secret(private_run):
    _summary, db = private_run
    leaks = [v for v in every_value(db) if any(s in v for s in SECRETS)]
    assert leaks == []


def test_the_stored_urls_say_what_was_redacted(private_run):
    _summary, db = private_run
    con = duckdb.connect(str(db), read_only=True)
    try:
        urls = {u for (u,) in con.execute("SELECT url FROM fetch_log UNION SELECT url FROM articles").fetchall()}
    finally:
        con.close()
    assert any("REDACTED@" in u and "token=REDACTED" in u for u in urls)          # the feed
    assert any("api_key=REDACTED" in u and "id=7" in u for u in urls)           # the page, other parameters kept


def test_no_file_the_run_wrote_holds_a_secret(private_run):
    _summary, db = private_run
    for path in db.parent.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(s.encode() in data for s in SECRETS), path


def test_the_prefect_run_stores_no_secret(private_run):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    _summary, db = private_run
    con = duckdb.connect(str(db), read_only=True)
    try:
        (flow_run_id,) = con.execute("SELECT flow_run_id FROM pipeline_runs").fetchone()
    finally:
        con.close()
    with get_client(sync_client=True) as client:
        flow_run = client.read_flow_run(flow_run_id)
        logs = client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run.id])))
    stored = json.dumps(flow_run.parameters) + json.dumps([log.message for log in logs])
    assert not any(s in stored for s in SECRETS)


def test_a_sources_argument_with_credentials_is_refused(tmp_path):
    for url in ("https://reader:pa55@example.com/feed.xml", "https://example.com/feed.xml?token=abc"):
        with pytest.raises(SourcesError, match="sources file"):
            run(sources=url, db=str(tmp_path / "w.duckdb"))
    assert not (tmp_path / "w.duckdb").exists()
