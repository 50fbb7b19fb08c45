"""Feeds over loopback HTTP, through a whole run: xml:base decides which URLs are fetched, and a feed
item's date and title reach an article whose page has none (recorded in `articles.date_source`)."""
from __future__ import annotations

from conftest import query_rows
from flows.pipeline import run

BODY = ("<p>The cloud unit said it would add two new computing clusters in the coming year, a plan its "
        "managers described in plain words for this test. The clusters are meant for model training and "
        "for serving customers in the region, and the company gave no figure for the cost.</p>")


def page(title: str | None, published: str | None = None) -> bytes:
    head = (f"<title>{title}</title>" if title else "") + \
        (f'<meta property="article:published_time" content="{published}">' if published else "")
    lead = f"<p>This copy of the report is {'dated' if published else 'undated'}.</p>"   # two distinct texts
    return f"<html><head>{head}</head><body><article>{lead}{BODY}</article></body></html>".encode()


def atom(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{base}/world/"><title>Wire</title>
<entry xml:base="asia/"><title>Clusters planned in the region</title><link href="undated.html"/>
  <published>2025-03-02T08:00:00Z</published></entry>
<entry><title>Feed title of a dated page</title><link href="/top/dated.html"/>
  <published>2025-03-05T08:00:00Z</published></entry>
</feed>""".encode()


def test_atom_feed_with_xml_base_fetches_the_right_pages_and_lends_its_dates(http_server, tmp_path):
    http_server.route("/robots.txt", status=404)
    feed = http_server.route("/feeds/wire.xml", body=atom(http_server.url("").rstrip("/")),
                             headers={"Content-Type": "application/atom+xml"})
    http_server.route("/world/asia/undated.html", body=page(None), headers={"Content-Type": "text/html"})
    http_server.route("/top/dated.html", body=page("Page title", "2025-03-04"), headers={"Content-Type": "text/html"})
    db = tmp_path / "w.duckdb"
    summary = run(sources=feed, db=str(db), allow_private_hosts=True, task_runner="threads")
    assert summary["status"] == "completed"
    assert http_server.hits("/world/asia/undated.html") == 1 and http_server.hits("/top/dated.html") == 1
    got = {url.rsplit("/", 1)[-1]: (title, str(day), source) for url, title, day, source in
           query_rows(db, "SELECT url, title, published_on, date_source FROM articles")}
    assert got == {"undated.html": ("Clusters planned in the region", "2025-03-02", "feed"),
                   "dated.html": ("Page title", "2025-03-04", "page")}
