"""A homepage as a source: its feeds are found (<link rel="alternate">, trafilatura's finder) and read;
without feeds, the sitemaps its robots.txt lists; over loopback HTTP, through whole runs."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows.pipeline import PipelineError, run
from flows.sources import resolve_sources
from transforms.discover import feeds_in_page

WORDS = ("An operator said it would add computing capacity next year, in a plain sentence written for this "
         "test of site discovery, and it named no figure. ") * 3


def story(n: int) -> bytes:
    return f"<html><head><title>Story {n}</title></head><body><article><p>Story {n}. {WORDS}</p></article></body></html>".encode()


def urls_loaded(db: Path) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {url.rsplit("/", 1)[-1] for (url,) in con.execute("SELECT url FROM articles").fetchall()}
    finally:
        con.close()


def test_feeds_in_page_reads_alternate_links_and_resolves_them():
    html = ('<html><head><link rel="alternate" type="application/rss+xml" href="/feeds/all.xml">'
            '<link rel="alternate" type="application/atom+xml; charset=utf-8" href="https://news.example.com/atom">'
            '<link rel="stylesheet" href="/site.css"></head><body></body></html>')
    assert feeds_in_page(html, "https://news.example.com/") == ["https://news.example.com/feeds/all.xml",
                                                               "https://news.example.com/atom"]


def test_feeds_in_page_falls_back_to_feed_looking_anchors():
    html = '<html><body><a href="/rss.xml">RSS</a> <a href="/about">About</a></body></html>'
    assert feeds_in_page(html, "https://news.example.com/") == ["https://news.example.com/rss.xml"]


def test_a_homepage_url_is_a_site_and_an_article_url_a_page():
    assert resolve_sources("https://news.example.com/")[0].kind == "site"
    assert resolve_sources("https://news.example.com")[0].kind == "site"
    assert resolve_sources("https://news.example.com/2025/story.html")[0].kind == "url"


def test_a_homepage_run_finds_its_feed_and_loads_the_stories(http_server, tmp_path):
    http_server.route("/robots.txt", status=404)
    http_server.route("/", body=b'<html><head><title>Outlet</title><link rel="alternate" type="application/rss+xml" '
                                b'href="/feed.xml"></head><body><p>Front page</p></body></html>',
                      headers={"Content-Type": "text/html"})
    items = "".join(f"<item><title>Story {n}</title><link>{http_server.url(f'/s/{n}.html')}</link></item>"
                    for n in (1, 2))
    http_server.route("/feed.xml", body=f'<rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode(),
                      headers={"Content-Type": "application/rss+xml"})
    for n in (1, 2):
        http_server.route(f"/s/{n}.html", body=story(n), headers={"Content-Type": "text/html"})
    db = tmp_path / "w.duckdb"
    summary = run(sources=http_server.url("/"), db=str(db), allow_private_hosts=True, task_runner="threads")
    assert summary["status"] == "completed"
    assert urls_loaded(db) == {"1.html", "2.html"}


def test_a_homepage_without_feeds_uses_the_sitemaps_in_robots_txt(http_server, tmp_path):
    http_server.route("/robots.txt", body=f"User-agent: *\nAllow: /\nSitemap: {http_server.url('/map.xml')}\n".encode())
    http_server.route("/", body=b"<html><body><p>No feeds here.</p></body></html>", headers={"Content-Type": "text/html"})
    http_server.route("/map.xml", body=f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>'
                                       f'{http_server.url("/s/3.html")}</loc><lastmod>2025-02-03</lastmod></url>'
                                       f"</urlset>".encode(), headers={"Content-Type": "application/xml"})
    http_server.route("/s/3.html", body=story(3), headers={"Content-Type": "text/html"})
    db = tmp_path / "w.duckdb"
    run(sources=http_server.url("/"), db=str(db), allow_private_hosts=True, task_runner="threads")
    assert urls_loaded(db) == {"3.html"}
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT published_on::TEXT, date_source FROM articles").fetchall() == [("2025-02-03", "sitemap")]
    con.close()
    assert http_server.hits("/robots.txt") == 1


def test_a_homepage_with_neither_is_logged_with_the_reason(http_server, tmp_path):
    http_server.route("/robots.txt", status=404)
    http_server.route("/", body=b"<html><body><p>Nothing to find.</p></body></html>", headers={"Content-Type": "text/html"})
    db = tmp_path / "w.duckdb"
    with pytest.raises(PipelineError, match="every source failed"):
        run(sources=http_server.url("/"), db=str(db), allow_private_hosts=True, task_runner="threads")
    con = duckdb.connect(str(db), read_only=True)
    reasons = [r for (r,) in con.execute("SELECT reason FROM fetch_log WHERE kind = 'site'").fetchall()]
    con.close()
    assert any(r and r.startswith("no_feeds:") for r in reasons)
