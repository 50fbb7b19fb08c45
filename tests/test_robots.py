"""robots.txt as RFC 9309 reads it, over a loopback server: wildcards, `$`, the longest match wins."""
from __future__ import annotations

from dataclasses import replace

import pytest

from flows.fetch import FetchSettings, fetch_many

FAST = FetchSettings(allow_private_hosts=True, connect_timeout=1.0, read_timeout=1.0, total_timeout=3.0,
                     retries=1, backoff_base=0.01, max_retry_after=1.0)
HTML = {"Content-Type": "text/html; charset=utf-8"}
PAGE = b"<html><body><p>Chip orders rose.</p></body></html>"


def statuses(http_server, robots: bytes, paths: list[str]) -> dict[str, str]:
    """Fetch `paths` from a server with the given robots.txt; path -> outcome status."""
    http_server.route("/robots.txt", body=robots, headers={"Content-Type": "text/plain"})
    for path in paths:
        http_server.route(path.split("?")[0], body=PAGE, headers=HTML)
    outcomes = fetch_many([(http_server.url(p), None, None) for p in paths], FAST)
    return {p: o.status for p, o in zip(paths, outcomes)}


def test_a_wildcard_with_an_end_anchor_refuses_what_it_matches(http_server):
    got = statuses(http_server, b"User-agent: *\nDisallow: /*.pdf$\n",
                   ["/r/report.pdf", "/r/report.pdf?page=2", "/r/report.pdf.html"])
    assert got == {"/r/report.pdf": "refused", "/r/report.pdf?page=2": "ok", "/r/report.pdf.html": "ok"}
    assert http_server.hits("/r/report.pdf") == 0


def test_a_wildcard_matches_inside_the_query(http_server):
    got = statuses(http_server, b"User-agent: *\nDisallow: /*?print=\n", ["/a?print=1", "/a?page=1", "/a"])
    assert got == {"/a?print=1": "refused", "/a?page=1": "ok", "/a": "ok"}


@pytest.mark.parametrize("robots", [
    b"User-agent: *\nDisallow: /news/\nAllow: /news/tech/\n",
    b"User-agent: *\nAllow: /news/tech/\nDisallow: /news/\n",
])
def test_the_longest_matching_rule_wins_whatever_its_order(http_server, robots):
    got = statuses(http_server, robots, ["/news/tech/x", "/news/world/x", "/about"])
    assert got == {"/news/tech/x": "ok", "/news/world/x": "refused", "/about": "ok"}


def test_allow_wins_a_tie_of_equal_length(http_server):
    got = statuses(http_server, b"User-agent: *\nDisallow: /page\nAllow: /page\n", ["/page"])
    assert got == {"/page": "ok"}


def test_the_group_for_our_agent_is_used_not_the_star_group(http_server):
    settings = replace(FAST, user_agent="chipdemand/0.2 (+mailto:ops@example.org)")
    http_server.route("/robots.txt", body=b"User-agent: *\nDisallow: /\n\nUser-agent: chipdemand\nAllow: /\n")
    url = http_server.route("/p", body=PAGE, headers=HTML)
    assert fetch_many([(url, None, None)], settings)[0].status == "ok"
