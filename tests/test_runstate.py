"""The run's tallies: which outcomes count as failures, and when a run failed as a whole."""
from __future__ import annotations

from flows.runstate import RunTally
from flows.work import log_row


def test_a_feed_answering_not_modified_is_not_a_failure():
    tally = RunTally()
    tally.count_discovery([log_row("https://a.example/feed.xml", "feed", "feed", "not_modified"),
                           log_row("https://a.example/sitemap.xml", "sm", "sitemap", "ok")])
    assert tally.discovery_failures == 0 and not tally.all_failed()


def test_every_source_refused_is_a_failed_run_with_reasons_and_examples():
    tally = RunTally()
    tally.count_discovery([log_row("http://127.0.0.1/feed.xml", "f", "feed", "refused",
                                   reason="private_address: 127.0.0.1 is a loopback address"),
                           log_row("http://10.0.0.1/feed.xml", "g", "feed", "refused",
                                   reason="private_address: 10.0.0.1 is a private address"),
                           log_row("https://gone.example/feed.xml", "h", "feed", "failed", reason="dns_error: no host")])
    assert tally.all_failed()
    assert tally.top_failures() == [("private_address", 2, "http://127.0.0.1/feed.xml"),
                                    ("dns_error", 1, "https://gone.example/feed.xml")]


def test_one_page_read_means_the_run_did_not_fail_as_a_whole():
    tally = RunTally(new=1)
    tally.count_discovery([log_row("https://gone.example/feed.xml", "h", "feed", "failed", reason="dns_error: x")])
    assert not tally.all_failed()
