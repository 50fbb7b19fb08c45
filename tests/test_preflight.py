"""A run with nothing new is decided and recorded before Prefect starts (flows/preflight.py)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


from conftest import query_rows
from flows.config import build_config
from flows.pipeline import run
from flows.preflight import QUIET_MESSAGE, quiet_run, take_discovery

DATA = Path(__file__).parent / "data" / "mini"
ROOT = Path(__file__).resolve().parents[1]


def folder(tmp_path: Path) -> Path:
    src = tmp_path / "articles"
    shutil.copytree(DATA, src)
    return src


def test_first_run_is_never_quiet_and_its_discovery_goes_to_the_flow(tmp_path):
    config = build_config(sources=str(folder(tmp_path)), db=str(tmp_path / "w.duckdb"))
    assert quiet_run(config) is None
    assert not (tmp_path / "w.duckdb").exists()   # the check wrote nothing
    handoff = take_discovery(config)
    assert handoff is not None and len(handoff.discovery.items) == len(list(DATA.iterdir()))


def test_a_first_run_big_enough_for_worker_processes_starts_their_fork_server_early(tmp_path):
    import multiprocessing.forkserver

    src = tmp_path / "many"
    src.mkdir()
    for i in range(200):
        (src / f"n{i:03}.txt").write_text(f"Note {i}\n\n" + "A council met to discuss the town's parks and roads. " * 8)
    params = dict(sources=str(src), db=str(tmp_path / "w.duckdb"), task_runner="auto", workers=2)
    assert quiet_run(build_config(**params)) is None
    assert multiprocessing.forkserver._forkserver._forkserver_pid is not None   # started by the check
    summary = run(**params)
    assert summary["runner"] == "processes" and summary["articles_new"] == 200


def test_unchanged_folder_is_recorded_without_a_flow_run(tmp_path):
    src, db = folder(tmp_path), tmp_path / "w.duckdb"
    first = run(sources=str(src), db=str(db))
    summary = quiet_run(build_config(sources=str(src), db=str(db)))
    assert summary is not None and summary["quiet"] and summary["status"] == "completed"
    assert summary["articles_unchanged"] == first["pages_seen"] and summary["articles_new"] == 0
    runs = query_rows(db, "SELECT flow_run_id, status, articles_seen, articles_unchanged, message FROM pipeline_runs "
                    "ORDER BY started_at")
    assert len(runs) == 2 and runs[0][0] is not None
    assert runs[1] == (None, "completed", first["pages_seen"], first["pages_seen"], QUIET_MESSAGE)
    logged = query_rows(db, f"SELECT status, count(*) FROM fetch_log WHERE run_id = '{summary['run_id']}' GROUP BY 1")
    assert logged == [("unchanged", first["pages_seen"])]


def test_a_changed_file_goes_to_the_flow_with_the_discovery_handed_over(tmp_path):
    src, db = folder(tmp_path), tmp_path / "w.duckdb"
    run(sources=str(src), db=str(db))
    (src / "another.txt").write_text(
        "Cloud group widens its server order\n\n"
        + "The cloud group said on Tuesday that it would spend more on data-centre servers next year, "
          "citing demand from customers who train large models, and that it was talking to several suppliers. " * 6)
    config = build_config(sources=str(src), db=str(db))
    assert quiet_run(config) is None
    handoff = take_discovery(config)
    assert handoff is not None and any(i.url.endswith("another.txt") for i in handoff.discovery.items)
    assert take_discovery(config) is None   # taken once
    summary = run(sources=str(src), db=str(db))
    assert summary["articles_new"] == 1 and not summary.get("quiet")


def test_a_feed_with_nothing_new_is_quiet_and_a_new_item_is_fetched_once(tmp_path, http_server):
    page = b"<html><body><article><p>" + b"Baidu plans to buy more Kunlun chips this year. " * 8 + b"</p></article></body></html>"
    http_server.route("/a.html", body=page, headers={"Content-Type": "text/html"})
    http_server.route("/b.html", body=page.replace(b"Baidu", b"Alibaba"), headers={"Content-Type": "text/html"})
    item = "<item><title>{0}</title><link>{1}</link></item>"
    one = f'<rss version="2.0"><channel><title>t</title>{item.format("a", http_server.url("/a.html"))}</channel></rss>'
    two = one.replace("</channel>", item.format("b", http_server.url("/b.html")) + "</channel>")
    http_server.sequence("/feed.xml", [{"status": 200, "body": one.encode(), "headers": {}, "handler": None},
                                       {"status": 200, "body": one.encode(), "headers": {}, "handler": None},
                                       {"status": 200, "body": two.encode(), "headers": {}, "handler": None}])
    db = tmp_path / "w.duckdb"
    params = dict(sources=http_server.url("/feed.xml"), db=str(db), allow_private_hosts=True)
    run(**params)
    assert quiet_run(build_config(**params))["fresh_skipped"] == 1     # the page was fetched minutes ago
    assert http_server.hits("/a.html") == 1 and http_server.hits("/feed.xml") == 2
    config = build_config(**params)
    assert quiet_run(config) is None                                     # the feed lists a new page
    summary = run(**params)
    assert summary["articles_new"] == 1
    assert http_server.hits("/feed.xml") == 3    # the flow took the check's discovery: the feed was read once
    assert http_server.hits("/b.html") == 1


def test_a_failing_source_is_left_to_the_flow(tmp_path, http_server):
    http_server.route("/feed.xml", status=500, body=b"down")
    db = tmp_path / "w.duckdb"
    run(sources=str(folder(tmp_path)), db=str(db))
    config = build_config(sources=http_server.url("/feed.xml"), db=str(db), allow_private_hosts=True)
    assert quiet_run(config) is None   # a failure is reported by a flow run, whose log the Prefect UI shows


def test_the_quiet_path_imports_neither_prefect_nor_great_expectations(tmp_path):
    src, db = folder(tmp_path), tmp_path / "w.duckdb"
    run(sources=str(src), db=str(db))
    script = ("import sys\nfrom flows.config import build_config\nfrom flows.preflight import quiet_run\n"
              f"s = quiet_run(build_config(sources={str(src)!r}, db={str(db)!r}))\n"
              "print(s is not None, 'prefect' in sys.modules, 'great_expectations' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False", "False"]
