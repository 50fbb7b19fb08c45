"""GDELT DOC 2.0 discovery: the query and window logic without HTTP, then a whole run against a loopback
server that answers in the API's artlist JSON shape (a fixture written from GDELT's documentation)."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import duckdb
import pytest

from flows.gdelt import Pacer
from flows.pipeline import run
from flows.sources import SourcesError, load_sources_file
from transforms.discover import DiscoveredLink
from transforms.gdelt import (
    MIN_WINDOW, GdeltError, GdeltQuery, Window, final_links, parse_artlist, parse_timespan, request_url, walk_windows,
)

START = datetime(2025, 7, 1)
END = datetime(2025, 7, 4)


# ---- pure: query, windows, answers ----------------------------------------------------------------------

@pytest.mark.parametrize("value, span", [("15min", timedelta(minutes=15)), ("24h", timedelta(hours=24)),
                                         ("7d", timedelta(days=7)), ("2w", timedelta(weeks=2)),
                                         ("3months", timedelta(days=90)), ("1 day", timedelta(days=1))])
def test_timespans_in_gdelt_units(value, span):
    assert parse_timespan(value) == span


@pytest.mark.parametrize("value", ["", "7", "0d", "7 fortnights", "d7"])
def test_bad_timespans_are_refused(value):
    with pytest.raises(GdeltError, match="timespan must look like"):
        parse_timespan(value)


@pytest.mark.parametrize("fields, message", [
    ({"timespan": "7d", "start": START}, "either timespan"), ({}, "either timespan"),
    ({"timespan": "7d", "max_records": 251}, "max_records must be between 1 and 250"),
    ({"start": END, "end": START}, "must be after start"), ({"timespan": "7d", "endpoint": "ftp://x"}, "endpoint"),
])
def test_impossible_queries_are_refused(fields, message):
    with pytest.raises(GdeltError, match=message):
        GdeltQuery(query="chips", **fields)


def test_a_timespan_window_ends_now():
    now = datetime(2025, 7, 10, 12, 0, 30)
    assert GdeltQuery("chips", timespan="7d").window(now) == Window(datetime(2025, 7, 3, 12, 0, 30), now)


def test_the_request_asks_for_artlist_json_in_the_window():
    query = GdeltQuery('(nvidia OR huawei) sourcelang:english', start=START, end=END, max_records=50,
                       endpoint="http://127.0.0.1:9/api/v2/doc/doc")
    params = parse_qs(urlsplit(request_url(query, Window(START, END))).query)
    assert {k: v[0] for k, v in params.items()} == {
        "query": "(nvidia OR huawei) sourcelang:english", "mode": "artlist", "format": "json", "maxrecords": "50",
        "sort": "datedesc", "startdatetime": "20250701000000", "enddatetime": "20250704000000"}


def test_an_artlist_answer_becomes_links_with_day_and_title():
    body = json.dumps({"articles": [
        {"url": "https://news.example.com/a", "url_mobile": "", "title": "Chip  orders rise", "seendate": "20250702T231500Z",
         "socialimage": "", "domain": "news.example.com", "language": "English", "sourcecountry": "United States"},
        {"url": "javascript:alert(1)", "title": "bad", "seendate": "20250702T000000Z"},
        {"url": "https://news.example.com/a", "title": "again", "seendate": "20250702T000000Z"},
    ]}).encode()
    assert parse_artlist(body) == [DiscoveredLink("https://news.example.com/a", date(2025, 7, 2), "Chip orders rise")]


def test_an_empty_answer_is_no_links():
    assert parse_artlist(b"{}") == [] and parse_artlist(b'{"articles": []}') == []


@pytest.mark.parametrize("body, message", [
    (b"Please limit requests to one every 5 seconds.", "not JSON: Please limit requests"),
    (b"", "empty answer"), (b"[1, 2]", "not an artlist answer"),
])
def test_an_answer_that_is_not_artlist_json_is_an_error(body, message):
    with pytest.raises(GdeltError, match=message):
        parse_artlist(body)


def hourly(window: Window, max_records: int) -> list[DiscoveredLink]:
    """A pretend API: one article per hour of the window, newest first, at most max_records."""
    hours = int((window.end - window.start) / timedelta(hours=1))
    found = [DiscoveredLink(f"https://news.example.com/{(window.start + timedelta(hours=h)):%Y%m%d%H}")
             for h in range(hours)]
    return list(reversed(found))[:max_records]


def test_windows_that_fill_max_records_are_split_until_each_answer_is_under_it():
    asked: list[Window] = []

    def ask(window):
        asked.append(window)
        return hourly(window, 10)
    answers = walk_windows(ask, Window(START, START + timedelta(hours=24)), max_records=10)
    links = final_links(answers)
    assert len(links) == 24 and len({l.url for l in links}) == 24
    assert all(len(a.links) < 10 for a in answers if not a.split)
    assert asked[0] == Window(START, START + timedelta(hours=24)) and answers[0].split
    assert asked[1].start == START   # the older half is asked first


def test_a_full_answer_at_the_smallest_window_is_kept_and_marked_truncated():
    answers = walk_windows(lambda w: [DiscoveredLink(f"https://e.com/{w.start:%H%M}-{i}") for i in range(3)],
                           Window(START, START + 2 * MIN_WINDOW), max_records=3)
    assert [a.truncated for a in answers if not a.split] == [True, True]
    assert len(final_links(answers)) == 6


def test_an_error_in_one_window_leaves_the_others():
    def ask(window):
        if window == Window(START, START + timedelta(minutes=30)):
            raise GdeltError("not JSON: try again later")
        return [DiscoveredLink("https://e.com/late")]
    answers = walk_windows(ask, Window(START, START + timedelta(hours=1)), max_records=1)
    assert [a.error for a in answers if not a.split] == ["not JSON: try again later", None, None]
    assert [l.url for l in final_links(answers)] == ["https://e.com/late"]


def test_walking_stops_at_max_items():
    answers = walk_windows(lambda w: hourly(w, 10), Window(START, START + timedelta(days=3)), 10, max_items=12)
    assert 12 <= len(final_links(answers, 1_000)) < 72
    assert len(final_links(answers, 12)) == 12


def test_the_pacer_spaces_requests_by_the_interval():
    now, slept = [100.0], []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds
    pacer = Pacer(clock=lambda: now[0], sleep=sleep)
    pacer.wait("api", 5.0)
    now[0] += 1.0
    pacer.wait("api", 5.0)
    pacer.wait("other", 5.0)
    assert slept == [4.0]


def test_a_gdelt_table_is_read_from_the_sources_file(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('[[sources]]\nkind = "gdelt"\nquery = \'(nvidia OR huawei) (china OR chinese)\'\n'
                    'start = 2025-07-01\nend = 2025-07-04\nmax_records = 100\n', encoding="utf-8")
    (spec,) = load_sources_file(path)
    assert (spec.kind, spec.gdelt.start, spec.gdelt.end, spec.gdelt.max_records, spec.gdelt.interval_seconds) == \
        ("gdelt", START, END, 100, 5.0)


def test_a_bad_gdelt_table_names_the_source_and_the_field(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('[[sources]]\nname = "g"\nkind = "gdelt"\nquery = "chips"\ntimespan = "forever"\n', encoding="utf-8")
    with pytest.raises(SourcesError, match="source 'g': kind 'gdelt' timespan must look like"):
        load_sources_file(path)


# ---- a whole run against a loopback API -----------------------------------------------------------------

ARTICLES = [(f"/news/story-{i}.html", datetime(2025, 7, 1, 3) + timedelta(hours=7 * i)) for i in range(10)]


def article_page(i: int) -> bytes:
    words = (f"Story {i} says a data centre operator will add computing capacity, in a plain sentence written "
             f"for this test. The operator gave no figure and named no supplier in story {i}. ") * 2
    return f"<html><body><article><p>{words}</p></article></body></html>".encode()


class FakeGdelt:
    """Answers /api/v2/doc/doc like GDELT's DOC 2.0 API in artlist/json mode, from ARTICLES."""

    def __init__(self, server):
        self.server = server
        self.windows: list[tuple[str, str]] = []

    def handler(self, request) -> None:
        params = {k: v[0] for k, v in parse_qs(urlsplit(request.path).query).items()}
        self.windows.append((params.get("startdatetime"), params.get("enddatetime")))
        if "toolong" in params.get("query", ""):
            body, ctype = b"Your query was too long or too complex.", "text/html; charset=utf-8"
        else:
            start = datetime.strptime(params["startdatetime"], "%Y%m%d%H%M%S")
            end = datetime.strptime(params["enddatetime"], "%Y%m%d%H%M%S")
            hits = sorted((seen, path) for path, seen in ARTICLES if start <= seen < end)[::-1]
            hits = hits[:int(params.get("maxrecords", 250))]
            doc = {"articles": [{"url": self.server.url(path), "url_mobile": "", "title": f"GDELT title {path[6:-5]}",
                                 "seendate": seen.strftime("%Y%m%dT%H%M%SZ"), "socialimage": "",
                                 "domain": "127.0.0.1", "language": "English", "sourcecountry": "United States"}
                                for seen, path in hits]} if hits else {}
            body, ctype = json.dumps(doc).encode(), "application/json; charset=utf-8"
        request.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s"
                            % (ctype.encode(), len(body), body))


def test_a_gdelt_source_discovers_splits_and_loads_and_an_api_error_is_logged(http_server, tmp_path):
    api = FakeGdelt(http_server)
    http_server.route("/robots.txt", status=404)
    http_server.route("/api/v2/doc/doc", handler=api.handler)
    for i, (path, _) in enumerate(ARTICLES):
        http_server.route(path, body=article_page(i), headers={"Content-Type": "text/html"})
    endpoint = http_server.url("/api/v2/doc/doc")
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[sources]]\nname = "gdelt-chips"\nkind = "gdelt"\nquery = \'(nvidia OR huawei) sourcelang:english\'\n'
        f'start = 2025-07-01\nend = 2025-07-04\nmax_records = 4\nendpoint = "{endpoint}"\ninterval_seconds = 0\n\n'
        f'[[sources]]\nname = "gdelt-broken"\nkind = "gdelt"\nquery = "toolong"\ntimespan = "1d"\n'
        f'endpoint = "{endpoint}"\ninterval_seconds = 0\n', encoding="utf-8")
    db = tmp_path / "w.duckdb"
    summary = run(sources=str(sources), db=str(db), allow_private_hosts=True, task_runner="threads")
    assert summary["status"] == "completed"
    con = duckdb.connect(str(db), read_only=True)
    articles = {url.rsplit("/", 1)[-1]: (title, str(day), source) for url, title, day, source in
                con.execute("SELECT url, title, published_on, date_source FROM articles").fetchall()}
    log = con.execute("SELECT source, status, reason FROM fetch_log WHERE kind = 'gdelt'").fetchall()
    con.close()
    assert len(articles) == len(ARTICLES)
    assert articles["story-0.html"] == ("GDELT title story-0", "2025-07-01", "gdelt")
    assert articles["story-9.html"] == ("GDELT title story-9", "2025-07-03", "gdelt")
    assert api.windows[0] == ("20250701000000", "20250704000000") and len(api.windows) > 3   # split
    assert all(http_server.hits(path) == 1 for path, _ in ARTICLES)
    assert ("gdelt-broken", "failed", "gdelt_error: not JSON: Your query was too long or too complex.") in log
    assert sum(1 for source, status, _ in log if source == "gdelt-chips" and status == "ok") == len(api.windows) - 1


def test_the_readme_real_sources_example_loads_and_its_gdelt_source_discovers(http_server, tmp_path):
    import re
    from dataclasses import replace

    from flows.discover import Discoverer, DiscoverySettings
    from flows.fetch import FetchSettings
    from flows.fetching.user_settings import apply_fetch_options, fetch_options
    from flows.sources import fetch_table

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Real sources", 1)[1]
    example = re.search(r"```toml\n(.*?)```", section, re.S).group(1)
    path = tmp_path / "real_sources.toml"
    path.write_text(example, encoding="utf-8")
    options = fetch_options(fetch_table(str(path)), {})
    assert options["per_host_limit"] == 2 and options["user_agent"].startswith("chipdemand/")
    specs = load_sources_file(path)
    (gdelt,) = [s for s in specs if s.kind == "gdelt"]
    assert gdelt.gdelt.timespan == "7d" and gdelt.gdelt.max_records == 250

    api = FakeGdelt(http_server)
    http_server.route("/robots.txt", status=404)
    http_server.route("/api/v2/doc/doc", handler=api.handler)
    spec = replace(gdelt, gdelt=replace(gdelt.gdelt, endpoint=http_server.url("/api/v2/doc/doc"), interval_seconds=0))
    settings = apply_fetch_options(FetchSettings(allow_private_hosts=True), options)
    found = Discoverer(settings, DiscoverySettings(), {}, datetime(2025, 7, 6, 12)).run([spec])
    assert {i.url.rsplit("/", 1)[-1] for i in found.items} == {p.rsplit("/", 1)[-1] for p, _ in ARTICLES}
    assert {i.listed_by for i in found.items} == {"gdelt"}
