"""The whole run as a real Prefect flow: folders, HTTP feeds, reruns, re-extraction, crashes."""
from __future__ import annotations

import functools
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from flows.pipeline import PipelineError, run

DATA = Path(__file__).parent / "data" / "mini"
TABLES = ("articles", "chip_spend", "policy_events", "quarantine")


def counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture()
def site(tmp_path):
    """A loopback HTTP server serving a folder with the mini articles and an RSS feed of them."""
    root = tmp_path / "site"
    (root / "news").mkdir(parents=True)
    for f in DATA.iterdir():
        shutil.copy(f, root / "news" / f.name)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SimpleHTTPRequestHandler, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    items = "".join(f"<item><title>{f.stem}</title><link>{base}/news/{f.name}</link></item>" for f in DATA.iterdir())
    (root / "feed.xml").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
                                   f"<link>{base}/</link><description>d</description>{items}</channel></rss>")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


def test_folder_run_loads_articles_and_the_budget_row(tmp_path):
    db = tmp_path / "w.duckdb"
    summary = run(sources=str(DATA), db=str(db))
    assert summary["status"] == "completed"
    assert counts(db)["articles"] == 2
    rows = query(db, "SELECT company, year, currency, amount, amount_usd FROM chip_spend WHERE company = 'Tencent'")
    assert ("Tencent", 2026, "CNY", 20e9, pytest.approx(2.8e9)) in [
        (c, y, cur, amt, pytest.approx(usd)) for c, y, cur, amt, usd in rows]


def test_every_fact_slices_to_its_evidence(tmp_path):
    db = tmp_path / "w.duckdb"
    run(sources=str(DATA), db=str(db))
    for table in ("chip_spend", "policy_events"):
        bad = query(db, f"SELECT count(*) FROM {table} f JOIN articles a USING (article_id) "
                        "WHERE substr(a.text, f.char_start + 1, f.char_end - f.char_start) <> f.evidence")
        assert bad == [(0,)]


def test_second_run_changes_no_row_count(tmp_path):
    db = tmp_path / "w.duckdb"
    run(sources=str(DATA), db=str(db))
    first = counts(db)
    summary = run(sources=str(DATA), db=str(db))
    assert counts(db) == first
    assert summary["articles_new"] == 0 and summary["articles_unchanged"] == 2


def test_reextract_rebuilds_rows_from_stored_text(tmp_path):
    db = tmp_path / "w.duckdb"
    run(sources=str(DATA), db=str(db))
    first = counts(db)
    run(sources=str(DATA), db=str(db), reextract=True)
    assert counts(db) == first


def test_feed_over_http_fills_articles(tmp_path, site):
    db = tmp_path / "w.duckdb"
    summary = run(sources=f"{site}/feed.xml", db=str(db), allow_private_hosts=True)
    assert summary["status"] == "completed"
    urls = sorted(r[0] for r in query(db, "SELECT url FROM articles"))
    assert urls == sorted(f"{site}/news/{f.name}" for f in DATA.iterdir())


def test_loopback_feed_is_refused_without_the_flag(tmp_path, site):
    db = tmp_path / "w.duckdb"
    with pytest.raises(PipelineError, match="every source failed"):   # the only source failed: the run failed
        run(sources=f"{site}/feed.xml", db=str(db))
    assert counts(db)["articles"] == 0
    assert query(db, "SELECT status, message FROM pipeline_runs") == [
        ("failed", "every source failed; nothing was read (the summary lists the reasons)")]
    reasons = query(db, "SELECT status, reason FROM fetch_log")
    assert reasons and all(status == "refused" for status, _ in reasons)
    assert "--allow-private-hosts" in reasons[0][1]


def test_every_discovered_url_ends_as_article_or_logged(tmp_path, site):
    db = tmp_path / "w.duckdb"
    run(sources=f"{site}/feed.xml", db=str(db), allow_private_hosts=True)
    lost = query(db, """
        SELECT l.url FROM fetch_log l
        WHERE l.kind = 'page' AND l.status IN ('ok') AND l.article_id IS NULL""")
    assert lost == []
    assert query(db, "SELECT count(DISTINCT url) FROM fetch_log WHERE kind = 'page'") == [(2,)]


@pytest.mark.parametrize("point", ["after_first_flush", "after_spend", "before_commit"])
def test_kill_9_inside_the_load_leaves_the_warehouse_as_before(tmp_path, point):
    """after_first_flush: killed mid-run, while it holds no lock; the others: inside the load transaction."""
    db = tmp_path / "w.duckdb"
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(DATA / "quiet-launch.txt", first)
    run(sources=str(first), db=str(db))
    before = counts(db)
    env = {**os.environ, "CHIPDEMAND_TEST_CRASH_AT": point}
    log = tmp_path / "run.log"
    with log.open("w") as out:
        # own session: the killed run's Prefect server child is cleaned up with its process group
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
    assert counts(db) == before
    summary = run(sources=str(DATA), db=str(db))
    assert summary["status"] == "completed"
    assert counts(db)["articles"] == 2
    assert not any(p.is_file() for p in (tmp_path / "staging").rglob("*"))   # no staged file is left behind


def test_a_dead_runs_staging_folder_is_removed_by_the_next_run(tmp_path):
    from warehouse.stage import staging_folder

    db = tmp_path / "w.duckdb"
    dead = staging_folder(db, "deadbeef0000")
    dead.mkdir(parents=True)
    (dead / "00001-articles.parquet").write_bytes(b"left by a run killed before its load")
    assert run(sources=str(DATA), db=str(db))["status"] == "completed"
    assert not dead.exists() and counts(db)["articles"] == 2


def test_run_links_validation_pages_that_open_offline(tmp_path):
    summary = run(sources=str(DATA), db=str(tmp_path / "w.duckdb"))
    pages = Path(summary["data_docs"])
    assert pages.name == "pages.html" and pages.parent.parent == tmp_path / "data_docs" / "runs"
    assert pages.parent.name.endswith(summary["run_id"])
    listing = pages.read_text()
    for suite in ("articles", "chip_spend", "policy_events"):
        assert f'href="validations/{suite}/' in listing


def test_each_run_keeps_its_data_docs_and_the_index_lists_them(tmp_path):
    db = tmp_path / "w.duckdb"
    first = run(sources=str(DATA), db=str(db))
    second = run(sources=str(DATA), db=str(db), reextract=True)
    assert Path(first["data_docs"]).is_file() and Path(second["data_docs"]).is_file()
    assert Path(first["data_docs"]).parent != Path(second["data_docs"]).parent
    index = (tmp_path / "data_docs" / "index.html").read_text()
    for summary in (first, second):
        assert f'href="runs/{Path(summary["data_docs"]).parent.name}/pages.html"' in index
    assert index.index(second["run_id"]) < index.index(first["run_id"])   # newest first


def fact_rows(db: Path) -> list[tuple]:
    """Every loaded row as comparable tuples (ids are content-derived, so equal runs give equal rows)."""
    return sorted(query(db, "SELECT fact_id, company, year, amount_usd, evidence FROM chip_spend")) + sorted(
        query(db, "SELECT event_id, actor, instrument, event_date, evidence FROM policy_events"))


def test_worker_processes_give_the_rows_threads_give(tmp_path):
    """task_runner=processes parses on a pool of worker processes (flows/parse_pool.py): same rows, and the
    parse seconds were measured in other processes than this one."""
    from seeds import SEEDS_DIR

    demo = SEEDS_DIR / "articles"
    on_threads = run(sources=str(demo), db=str(tmp_path / "t.duckdb"), task_runner="threads", batch_size=4)
    on_pool = run(sources=str(demo), db=str(tmp_path / "p.duckdb"), task_runner="processes", workers=2, batch_size=4)
    assert on_pool["status"] == on_threads["status"] == "completed"
    assert (on_pool["runner"], on_threads["runner"]) == ("processes", "threads")
    assert on_pool["articles_new"] == on_threads["articles_new"] > 10
    rows = fact_rows(tmp_path / "t.duckdb")
    assert rows and fact_rows(tmp_path / "p.duckdb") == rows



def test_a_run_with_nothing_new_imports_neither_gx_nor_pandas(tmp_path):
    """Start-up matters for scheduled runs that find nothing: such a run must not pay for Great Expectations,
    pandas or Altair imports (seconds each). Checked in a fresh interpreter, after a first run loaded the data."""
    db = tmp_path / "w.duckdb"
    run(sources=str(DATA), db=str(db))
    code = ("import sys; from flows.pipeline import run; "
            f"s = run(sources={str(DATA)!r}, db={str(db)!r}); "
            "assert s['articles_unchanged'] == 2 and s['articles_new'] == 0, s; "
            "print(sorted(m for m in ('great_expectations', 'pandas', 'altair') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_cached_extractions_live_on_disk_not_in_memory(tmp_path):
    """Extractions are kept on disk for retries (flows/extraction_cache.py), but not by Prefect: its in-memory
    result LRU (1,000 entries) would hold every article of a large run: memory would grow with the corpus
    (bench/RESULTS.md, flat-memory target)."""
    from flows.tasks import extract_pages

    assert extract_pages.persist_result is False
    assert extract_pages.cache_result_in_memory is False
    run(sources=str(DATA), db=str(tmp_path / "w.duckdb"))
    assert [p.read_bytes()[:35] for p in (tmp_path / "cache").iterdir()] == [b'{"format": "chipdemand-extractions"']


@pytest.mark.parametrize("how", ["parameters", "config"])
def test_flow_runs_are_named_after_their_sources_and_date(tmp_path, how):
    from prefect.client.orchestration import get_client

    from flows.pipeline import build_config

    db = tmp_path / "w.duckdb"
    if how == "parameters":
        run(sources=str(DATA), db=str(db))
    else:
        run(build_config(sources=str(DATA), db=db))
    ((flow_run_id,),) = query(db, "SELECT flow_run_id FROM pipeline_runs")
    with get_client(sync_client=True) as client:
        name = client.read_flow_run(flow_run_id).name
    assert re.fullmatch(r"mini \d{4}-\d{2}-\d{2} \d{2}:\d{2}", name), name
