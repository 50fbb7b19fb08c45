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


# ---- rules as values, and robots.txt once per run --------------------------------------------------------

def test_rules_give_the_delay_and_the_sitemaps():
    from flows.fetch import RobotsRules

    rules = RobotsRules("https://e.com", "User-agent: *\nCrawl-delay: 2.5\nSitemap: https://e.com/s1.xml\n"
                                         "Sitemap: https://e.com/news.xml\n")
    assert rules.delay("chipdemand/0.1") == 2.5
    assert rules.sitemaps == ["https://e.com/s1.xml", "https://e.com/news.xml"]
    assert RobotsRules("https://e.com", "User-agent: *\nRequest-rate: 1/4\n").delay("chipdemand") == 4.0
    assert RobotsRules("https://e.com", "").delay("chipdemand") is None


def test_rules_travel_to_another_process_as_their_text():
    import pickle

    from flows.fetch import RobotsRules

    rules = pickle.loads(pickle.dumps(RobotsRules("https://e.com", "User-agent: *\nDisallow: /x\n")))
    assert not rules.allows("https://e.com/x", "chipdemand") and rules.allows("https://e.com/y", "chipdemand")


def test_an_unreadable_robots_txt_is_asked_once_per_run_and_refuses_every_page(http_server):
    from flows.fetch import FetchScope

    http_server.route("/robots.txt", status=503)
    scope = FetchScope(run_id="robots-503")
    first = fetch_many([(http_server.url("/a"), None, None)], FAST, scope=scope)
    second = fetch_many([(http_server.url("/b"), None, None)], FAST, scope=scope)
    assert [o.reason.split(":")[0] for o in first + second] == ["robots_unavailable"] * 2
    assert http_server.hits("/robots.txt") == FAST.retries + 1     # one read, with its retries, for the run
    assert http_server.hits("/a") == http_server.hits("/b") == 0
