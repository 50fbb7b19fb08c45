"""No script from a page runs in an HTML page the project writes: a feed link carrying markup is
fetched, quarantined for `url_parseable`, and every data docs page the run writes is opened in
headless Chromium to check that nothing it carried ran; the same for the analytics report
(`chipdemand report`) over an article whose publisher, evidence and policy target carry markup.

The detector is a script that sets `data-ran="42"` on the page's <html> element; `--dump-dom` prints
the DOM after the page's scripts ran, and the attribute only appears there when the script ran (its
source text holds `6*7`, not `"42"`). Network lookups are mapped to nothing, so GX's CDN scripts fail
at once and no test depends on the internet. Skipped only where Chromium is not installed; `.ci/run`
installs it.
"""
from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

import duckdb
import httpx
import pytest

from expectations.settings import ValidationSettings
from flows.config import RunConfig
from flows.pipeline import build_config, run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (.ci/run installs it)")
SCRIPT = '<script>document.documentElement.setAttribute("data-ran", 6*7)</script>'
HANDLER = '<img src="nowhere.png" onerror="document.documentElement.setAttribute(\'data-ran\', 6*7)">'
RAN = 'data-ran="42"'


def dom_after_scripts(page: Path, profile: Path) -> str:
    """The page's DOM after its scripts ran (and 5 s of page time passed), as headless Chromium serialises it."""
    done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
                           "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=5000", "--dump-dom",
                           page.resolve().as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "<html" in done.stdout, done.stderr[-2000:]
    return done.stdout


def article_page(title: str, words: str) -> bytes:
    body = " ".join([words] * 12)
    return (f"<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p>{body}</p></article></body></html>").encode()


@needs_chromium
def test_the_detector_sees_a_script_that_runs(tmp_path):
    page = tmp_path / "control.html"
    page.write_text(f"<!doctype html><html><body><div>{SCRIPT}</div><div>{HANDLER}</div></body></html>")
    assert RAN in dom_after_scripts(page, tmp_path / "profile")
    page.write_text(f"<!doctype html><html><body><div>{html.escape(SCRIPT + HANDLER)}</div></body></html>")
    assert RAN not in dom_after_scripts(page, tmp_path / "profile")


@pytest.fixture()
def hostile_run(tmp_path, http_server):
    """A run over a feed with one good link and one whose text closes the attribute and opens a script."""
    good = http_server.route("/good.html", body=article_page("Quiet day at the port", "Ships came and went."),
                             headers={"Content-Type": "text/html"})
    hostile = f'{http_server.url("/p.html")} x">{SCRIPT}{HANDLER}'
    http_server.route(httpx.URL(hostile).raw_path.decode(), headers={"Content-Type": "text/html"},
                      body=article_page("A page with a strange address", "Nothing much happened here."))
    items = "".join(f"<item><title>t</title><link>{html.escape(link)}</link></item>" for link in (good, hostile))
    http_server.route("/feed.xml", headers={"Content-Type": "application/rss+xml"},
                      body=(f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>{good}</link>'
                            f"<description>d</description>{items}</channel></rss>").encode())
    db = tmp_path / "w.duckdb"
    config = build_config(sources=http_server.url("/feed.xml"), db=db, allow_private_hosts=True,
                          base=RunConfig(validation=ValidationSettings(max_failure_rate=1.0)))
    summary = run(config)
    con = duckdb.connect(str(db), read_only=True)
    try:
        quarantined = con.execute("SELECT failed_expectations FROM quarantine WHERE row_kind = 'article'").fetchall()
    finally:
        con.close()
    assert quarantined and "url_parseable" in quarantined[0][0]    # the attack reached the report's input
    return summary, tmp_path / "data_docs"


def test_no_report_page_holds_the_markup_raw(hostile_run):
    summary, docs = hostile_run
    pages = sorted(docs.rglob("*.html"))
    assert Path(summary["data_docs"]) in pages and any("validations" in p.parts for p in pages)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert SCRIPT not in text and "onerror=\"document" not in text, page
    shown = "".join(p.read_text(encoding="utf-8") for p in pages if "validations" in p.parts)
    assert html.escape(SCRIPT) in shown          # the value is shown, as text


@needs_chromium
def test_no_script_runs_in_any_report_page(hostile_run, tmp_path):
    _summary, docs = hostile_run
    pages = sorted(docs.rglob("*.html"))
    ran = [p.relative_to(docs) for p in pages if RAN in dom_after_scripts(p, tmp_path / "profile")]
    assert ran == []


def test_the_offline_index_allows_no_script(hostile_run):
    summary, _docs = hostile_run
    assert """<meta http-equiv="Content-Security-Policy" content="default-src 'none'">""" in Path(
        summary["data_docs"]).read_text(encoding="utf-8")


HOSTILE_ARTICLE = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chip budgets</title>
<meta property="og:site_name" content="Harbour Times {html.escape(HANDLER)}">
<meta property="article:published_time" content="2025-06-10T09:00:00+08:00"></head><body><article>
<h1>Chip budgets</h1>
<p>Tencent plans to spend 20 billion yuan on AI chips next year {html.escape(SCRIPT)}, according to two people
briefed on the budget.</p>
<p>Tencent denied the report {html.escape(HANDLER)} in a statement on Wednesday, saying it had no such plan.</p>
<p>Separately, the US Commerce Department added 12 Chinese companies {html.escape(SCRIPT)} to its entity list last
week, a move that analysts said could make it harder for Chinese buyers to obtain advanced processors.</p>
</article></body></html>"""


@needs_chromium
def test_no_script_runs_in_the_analytics_report(tmp_path):
    from flows.report import write_report

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "hostile.html").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    assert run(sources=str(folder), db=str(db))["status"] == "completed"
    page = write_report(db, tmp_path / "report")
    shown = page.read_text(encoding="utf-8")
    assert "Harbour Times &lt;img" in shown and "&lt;script&gt;" in shown   # the markup reached the page, as text
    assert RAN not in dom_after_scripts(page, tmp_path / "profile")
