"""Fetch rules against a real loopback server: statuses, retries, redirects, robots, addresses, types, charsets."""
from __future__ import annotations

import asyncio
import gzip
import threading
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
from conftest import free_port

from flows.fetch import (
    Fetcher, FetchSettings, GuardedBackend, PrivateAddressError, RobotsCache, address_problem, backoff_delay,
    check_host_allowed, detect_charset, fetch_many, fetch_one, make_client, retry_after_seconds,
)

FAST = FetchSettings(allow_private_hosts=True, connect_timeout=1.0, read_timeout=1.0, total_timeout=3.0,
                     retries=2, backoff_base=0.01, max_retry_after=1.0)
HTML = {"Content-Type": "text/html; charset=utf-8"}
PAGE = b"<html><head><title>t</title></head><body><p>Chip orders rose.</p></body></html>"


# ---- plain fetching --------------------------------------------------------------------------------------

def test_ok_page_carries_content_type_charset_and_validators(http_server):
    url = http_server.route("/p", body=PAGE, headers={**HTML, "ETag": '"v1"', "Last-Modified": "Mon, 06 Jan 2025 10:00:00 GMT"})
    out = fetch_one(url, FAST)
    assert (out.status, out.http_status, out.content, out.final_url) == ("ok", 200, PAGE, url)
    assert (out.content_type, out.charset, out.etag, out.last_modified) == \
        ("text/html; charset=utf-8", "utf-8", '"v1"', "Mon, 06 Jan 2025 10:00:00 GMT")
    assert out.attempts == 1 and out.reason is None


def test_requests_carry_the_project_user_agent(http_server):
    fetch_one(http_server.route("/p", body=PAGE, headers=HTML), FAST)
    assert http_server.requests[-1].headers["User-Agent"].startswith("chipdemand/")


def test_outcomes_come_back_in_input_order(http_server):
    for i in range(6):
        http_server.route(f"/p{i}", body=b"<p>%d</p>" % i, headers=HTML)
    urls = [http_server.url(f"/p{i}") for i in (3, 0, 5, 1, 4, 2)] + [http_server.url("/missing")]
    outcomes = fetch_many([(u, None, None) for u in urls], FAST)
    assert [o.url for o in outcomes] == urls
    assert [o.content for o in outcomes[:6]] == [b"<p>%d</p>" % i for i in (3, 0, 5, 1, 4, 2)]
    assert outcomes[-1].status == "failed" and outcomes[-1].reason == "http_error: 404 Not Found"


def test_an_unforeseen_error_fails_one_url_not_the_batch(http_server, monkeypatch):
    good = http_server.route("/p", body=PAGE, headers=HTML)
    real_fetch = Fetcher.fetch

    async def flaky_fetch(self, url, etag=None, last_modified=None):
        if url.endswith("/boom"):
            raise RuntimeError("a bug in a rule")
        return await real_fetch(self, url, etag, last_modified)
    monkeypatch.setattr(Fetcher, "fetch", flaky_fetch)
    outcomes = fetch_many([(http_server.url("/boom"), None, None), (good, None, None)], FAST)
    assert [o.status for o in outcomes] == ["failed", "ok"]
    assert outcomes[0].reason == "internal_error: RuntimeError: a bug in a rule"


@pytest.mark.parametrize("field, value", [("max_bytes", 0), ("concurrency", 0), ("retries", -1), ("total_timeout", -1.0)])
def test_settings_refuse_impossible_values(field, value):
    with pytest.raises(ValueError, match=field):
        FetchSettings(**{field: value})


def test_empty_input_gives_empty_output():
    assert fetch_many([], FAST) == []


def test_fetch_many_works_inside_a_running_event_loop(http_server):
    url = http_server.route("/p", body=PAGE, headers=HTML)

    async def inside_loop():
        return fetch_one(url, FAST)
    assert asyncio.run(inside_loop()).status == "ok"


def test_gzip_encoded_page_is_decoded(http_server):
    url = http_server.route("/z", body=gzip.compress(PAGE), headers={**HTML, "Content-Encoding": "gzip"})
    assert fetch_one(url, FAST).content == PAGE


def test_unrequested_content_encoding_fails_with_reason(http_server):
    url = http_server.route("/br", body=b"\x0b\x02\x80", headers={**HTML, "Content-Encoding": "br"})
    out = fetch_one(url, FAST)
    assert out.status == "failed" and out.reason.startswith("unsupported_encoding: br")


# ---- conditional GET -------------------------------------------------------------------------------------

def test_conditional_get_sends_validators_and_304_is_not_modified(http_server):
    url = http_server.route("/c", status=304, headers={"ETag": '"v1"'})
    out = fetch_one(url, FAST, etag='"v1"', last_modified="Mon, 06 Jan 2025 10:00:00 GMT")
    assert (out.status, out.http_status, out.content, out.reason) == ("not_modified", 304, None, None)
    sent = http_server.requests[-1].headers
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Mon, 06 Jan 2025 10:00:00 GMT"


def test_validators_that_are_not_ascii_are_not_sent(http_server):
    out = fetch_one(http_server.route("/c", body=PAGE, headers=HTML), FAST, etag='"caf\u00e9"', last_modified="Mon \u2603")
    assert out.status == "ok"
    assert "If-None-Match" not in http_server.requests[-1].headers


def test_unconditional_get_sends_no_validators(http_server):
    fetch_one(http_server.route("/c", body=PAGE, headers=HTML), FAST)
    assert "If-None-Match" not in http_server.requests[-1].headers


# ---- retries ---------------------------------------------------------------------------------------------

def test_server_errors_are_retried_until_success(http_server):
    url = http_server.sequence("/flaky", [{"status": 503}, {"status": 502}, {"status": 200, "body": PAGE, "headers": HTML}])
    out = fetch_one(url, FAST)
    assert (out.status, out.attempts, out.content) == ("ok", 3, PAGE)


def test_retries_are_bounded_and_counted(http_server):
    url = http_server.route("/down", status=500)
    out = fetch_one(url, FAST)
    assert (out.status, out.http_status, out.attempts) == ("failed", 500, 3)
    assert out.reason.startswith("http_error: 500")
    assert http_server.hits("/down") == 3


def test_client_errors_are_not_retried(http_server):
    out = fetch_one(http_server.route("/gone", status=410), FAST)
    assert (out.status, out.attempts, out.http_status) == ("failed", 1, 410)


def test_429_with_retry_after_is_retried(http_server):
    url = http_server.sequence("/busy", [{"status": 429, "headers": {"Retry-After": "0"}},
                                         {"status": 200, "body": PAGE, "headers": HTML}])
    out = fetch_one(url, FAST)
    assert (out.status, out.attempts) == ("ok", 2)


def test_retry_after_beyond_the_cap_fails_at_once(http_server):
    url = http_server.route("/slowdown", status=429, headers={"Retry-After": "3600"})
    out = fetch_one(url, FAST)
    assert (out.status, out.attempts, out.http_status) == ("failed", 1, 429)
    assert "Retry-After 3600s exceeds max_retry_after 1s" in out.reason
    assert http_server.hits("/slowdown") == 1


def test_connection_refused_is_a_retried_connect_error():
    out = fetch_one(f"http://127.0.0.1:{free_port()}/x", replace(FAST, respect_robots=False))
    assert (out.status, out.attempts) == ("failed", 3)
    assert out.reason.startswith("connect_error")


@pytest.mark.parametrize("value, seconds", [("0", 0.0), ("7", 7.0), (" 120 ", 120.0), ("soon", None), ("", None), (None, None)])
def test_retry_after_seconds_reads_delta_seconds(value, seconds):
    assert retry_after_seconds(value) == seconds


def test_retry_after_seconds_reads_http_dates():
    now = datetime(2025, 1, 6, 10, 0, 0, tzinfo=timezone.utc)
    assert retry_after_seconds(format_datetime(now + timedelta(seconds=90), usegmt=True), now) == 90.0
    assert retry_after_seconds(format_datetime(now - timedelta(seconds=90), usegmt=True), now) == 0.0


def test_backoff_doubles_each_attempt_within_jitter():
    for attempt in (1, 2, 3, 4):
        assert 0.5 * 2 ** (attempt - 1) * 0.5 <= backoff_delay(attempt, 0.5) <= 0.5 * 2 ** (attempt - 1)


# ---- redirects -------------------------------------------------------------------------------------------

def test_redirects_are_followed_to_the_final_url(http_server):
    http_server.route("/old", status=301, headers={"Location": "/mid"})
    http_server.route("/mid", status=302, headers={"Location": http_server.url("/new")})
    http_server.route("/new", body=PAGE, headers=HTML)
    out = fetch_one(http_server.url("/old"), FAST)
    assert (out.status, out.final_url, out.content) == ("ok", http_server.url("/new"), PAGE)


def test_redirect_limit(http_server):
    for i in range(5):
        http_server.route(f"/r{i}", status=302, headers={"Location": f"/r{i + 1}"})
    http_server.route("/r5", body=PAGE, headers=HTML)
    out = fetch_one(http_server.url("/r0"), replace(FAST, max_redirects=3))
    assert out.status == "failed" and out.reason == "too_many_redirects: more than 3 redirects"
    assert fetch_one(http_server.url("/r0"), replace(FAST, max_redirects=5)).status == "ok"


def test_redirect_loop_is_detected(http_server):
    http_server.route("/a", status=302, headers={"Location": "/b"})
    http_server.route("/b", status=307, headers={"Location": "/a"})
    out = fetch_one(http_server.url("/a"), replace(FAST, max_redirects=10))
    assert out.status == "failed" and out.reason.startswith("redirect_loop")
    assert http_server.hits("/a") == 1 and http_server.hits("/b") == 1


def test_unparseable_location_is_a_bad_redirect_not_retried(http_server):
    out = fetch_one(http_server.route("/badloc", status=302, headers={"Location": "http://[::1"}), FAST)
    assert out.status == "failed" and out.reason.startswith("bad_redirect: Invalid URL in location header")
    assert out.attempts == 1


def test_redirect_without_location_fails(http_server):
    out = fetch_one(http_server.route("/nowhere", status=302), FAST)
    assert out.status == "failed" and out.reason.startswith("bad_redirect")


def test_redirect_to_a_non_web_scheme_is_refused(http_server):
    out = fetch_one(http_server.route("/f", status=302, headers={"Location": "file:///etc/passwd"}), FAST)
    assert out.status == "refused" and out.reason.startswith("unsupported_scheme")


# ---- robots.txt ------------------------------------------------------------------------------------------

def test_robots_disallow_is_respected_and_robots_read_once(http_server):
    http_server.route("/robots.txt", body=b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"})
    http_server.route("/private/a", body=PAGE, headers=HTML)
    http_server.route("/public/a", body=PAGE, headers=HTML)
    outcomes = fetch_many([(http_server.url("/private/a"), None, None), (http_server.url("/public/a"), None, None),
                           (http_server.url("/private/a?x=1"), None, None)], FAST)
    assert [o.status for o in outcomes] == ["refused", "ok", "refused"]
    assert outcomes[0].reason.startswith("robots_disallowed")
    assert http_server.hits("/private/a") == 0
    assert http_server.hits("/robots.txt") == 1


def test_robots_rules_for_our_agent_apply(http_server):
    http_server.route("/robots.txt", body=b"User-agent: chipdemand\nDisallow: /\n\nUser-agent: *\nAllow: /\n")
    out = fetch_one(http_server.route("/p", body=PAGE, headers=HTML), FAST)
    assert out.status == "refused"


def test_robots_server_error_means_nothing_is_fetched(http_server):
    http_server.route("/robots.txt", status=503)
    out = fetch_one(http_server.route("/p", body=PAGE, headers=HTML), FAST)
    assert out.status == "refused" and out.reason.startswith("robots_unavailable")
    assert http_server.hits("/p") == 0


def test_missing_robots_means_no_rules(http_server):
    assert fetch_one(http_server.route("/p", body=PAGE, headers=HTML), FAST).status == "ok"
    assert http_server.hits("/robots.txt") == 1


def test_a_robots_cache_shares_rules_across_calls(http_server):
    http_server.route("/robots.txt", body=b"User-agent: *\nDisallow: /no\n")
    url = http_server.route("/p", body=PAGE, headers=HTML)
    cache = RobotsCache()
    assert [fetch_one(url, FAST, robots=cache).status for _ in range(3)] == ["ok"] * 3
    assert fetch_one(http_server.url("/no"), FAST, robots=cache).status == "refused"
    assert http_server.hits("/robots.txt") == 1
    fetch_one(url, FAST)
    assert http_server.hits("/robots.txt") == 2


def test_crawl_delay_raises_the_host_delay_up_to_the_cap(http_server):
    http_server.route("/robots.txt", body=b"User-agent: *\nCrawl-delay: 600\n")

    async def delay_after_robots() -> float:
        async with make_client(FAST) as client:
            fetcher = Fetcher(FAST, client)
            await fetcher.robots_for(http_server.url("/p"))
            return fetcher.limits.delay(http_server.url(""))
    assert asyncio.run(delay_after_robots()) == FAST.max_retry_after


def test_robots_can_be_ignored_by_setting(http_server):
    http_server.route("/robots.txt", body=b"User-agent: *\nDisallow: /\n")
    out = fetch_one(http_server.route("/p", body=PAGE, headers=HTML), replace(FAST, respect_robots=False))
    assert out.status == "ok" and http_server.hits("/robots.txt") == 0


# ---- addresses -------------------------------------------------------------------------------------------

def test_loopback_is_refused_by_default_with_a_message_naming_the_flag(http_server):
    url = http_server.route("/p", body=PAGE, headers=HTML)
    out = fetch_one(url, replace(FAST, allow_private_hosts=False))
    assert out.status == "refused"
    assert out.reason.startswith("private_address: 127.0.0.1, a loopback address")
    assert "--allow-private-hosts" in out.reason
    assert http_server.requests == []


def test_allow_private_hosts_lets_loopback_through(http_server):
    assert fetch_one(http_server.route("/p", body=PAGE, headers=HTML), FAST).status == "ok"


@pytest.mark.parametrize("url, problem", [
    ("http://10.0.0.1/x", "private"), ("http://172.16.5.4/", "private"), ("http://192.168.1.1/", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"), ("http://127.0.0.1:8080/", "loopback"),
    ("http://[::1]/", "loopback"), ("http://[::ffff:127.0.0.1]/", "loopback"), ("http://0.0.0.0/", "unspecified"),
    ("http://224.0.0.251/", "multicast"), ("http://100.64.0.1/", "non-global"), ("http://[fc00::1]/", "private"),
    ("https://localhost/", "loopback"), ("http://2130706433/", "loopback"),
])
def test_check_host_allowed_refuses_non_public_addresses(url, problem):
    with pytest.raises(PrivateAddressError, match=f"a {problem} address.*--allow-private-hosts"):
        check_host_allowed(url, allow_private_hosts=False)
    check_host_allowed(url, allow_private_hosts=True)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address):
    assert address_problem(address) is None


@pytest.mark.parametrize("target", ["http://10.0.0.1/internal", "http://169.254.169.254/latest/meta-data/",
                                    "http://localhost/admin"])
def test_redirect_from_an_allowed_host_to_a_private_address_is_refused(http_server, target):
    url = http_server.route("/hop", status=302, headers={"Location": target})
    settings = replace(FAST, allow_private_hosts=False, allowed_hosts=("127.0.0.1",))
    out = fetch_one(url, settings)
    assert out.status == "refused" and out.reason.startswith("private_address")
    assert http_server.hits("/hop") == 1


def test_allowed_hosts_exempts_only_the_named_host(http_server):
    settings = replace(FAST, allow_private_hosts=False, allowed_hosts=("127.0.0.1",))
    assert fetch_one(http_server.route("/p", body=PAGE, headers=HTML), settings).status == "ok"
    assert fetch_one(http_server.url("/p").replace("127.0.0.1", "localhost"), settings).status == "refused"


def test_the_connecting_socket_rechecks_the_address(http_server):
    backend = GuardedBackend(allow_private_hosts=False, allowed_hosts=())
    with pytest.raises(PrivateAddressError):
        asyncio.run(backend.connect_tcp("localhost", http_server.port, timeout=1.0))


@pytest.mark.parametrize("url, code", [("file:///etc/passwd", "unsupported_scheme"), ("ftp://e.com/x", "unsupported_scheme"),
                                       ("http://[::1/", "invalid_url"), ("http:///nohost", "invalid_url"),
                                       ("http://e.com:99999/", "invalid_url")])
def test_bad_urls_give_a_refused_outcome_not_an_exception(url, code):
    out = fetch_one(url, FAST)
    assert out.status == "refused" and out.reason.startswith(code)


# ---- content type, binary bodies, charsets ---------------------------------------------------------------

def test_unaccepted_content_type_fails_without_reading_the_body(http_server):
    out = fetch_one(http_server.route("/img", body=b"\x89PNG....", headers={"Content-Type": "image/png"}), FAST)
    assert out.status == "failed" and out.reason == "unsupported_type: image/png is not an accepted type"


def test_binary_body_labelled_html_is_refused_with_reason(http_server):
    url = http_server.route("/fake", body=b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", headers=HTML)
    out = fetch_one(url, FAST)
    assert out.status == "failed"
    assert out.reason == "binary_content: labelled text/html but the body is a PDF"


def test_nul_bytes_in_a_text_body_are_refused(http_server):
    out = fetch_one(http_server.route("/nul", body=b"<html>\x00\x01\x02\x03</html>", headers=HTML), FAST)
    assert out.reason.startswith("binary_content") and "NUL bytes" in out.reason


def test_missing_content_type_is_accepted_for_text(http_server):
    out = fetch_one(http_server.route("/untyped", body=PAGE), FAST)
    assert (out.status, out.content_type, out.charset) == ("ok", None, "utf-8")


def test_gzipped_sitemap_file_is_accepted_on_a_gz_url(http_server):
    body = gzip.compress(b"<urlset><url><loc>https://e.com/1</loc></url></urlset>")
    out = fetch_one(http_server.route("/sitemap.xml.gz", body=body, headers={"Content-Type": "application/x-gzip"}), FAST)
    assert out.status == "ok" and out.content == body


def test_charset_from_meta_when_the_header_has_none(http_server):
    body = '<html><head><meta charset="iso-8859-1"></head><body>Caf\u00e9</body></html>'.encode("latin-1")
    out = fetch_one(http_server.route("/m", body=body, headers={"Content-Type": "text/html"}), FAST)
    assert (out.charset, out.charset_source) == ("cp1252", "meta")   # Latin-1 labels read as windows-1252


@pytest.mark.parametrize("content, header, charset, source", [
    ("caf\u00e9".encode("utf-8"), "text/html; charset=UTF-8", "utf-8", "header"),
    ('<meta charset="iso-8859-1">caf\u00e9'.encode("latin-1"), "text/html; charset=utf-8", "cp1252", "meta"),
    ("caf\u00e9".encode("latin-1"), "text/html; charset=no-such-charset", "cp1252", "fallback"),
    ("caf\u00e9 \u4e2d\u6587".encode("utf-8"), "text/html", "utf-8", "sniffed"),
    ('<?xml version="1.0" encoding="gb2312"?><rss>\u4e2d\u6587</rss>'.encode("gb2312"), "text/xml", "gb18030", "meta"),
    (b"\xef\xbb\xbfhello", "text/html; charset=latin-1", "utf-8", "bom"),
    (b"", "text/html", None, None),
])
def test_detect_charset_prefers_labels_that_decode(content, header, charset, source):
    name, where = detect_charset(content, header)
    assert (name if name is None else name.replace("windows-1252", "cp1252"), where) == (charset, source)


# ---- limits ----------------------------------------------------------------------------------------------

def test_per_host_concurrency_is_respected(http_server):
    active, peak, lock = [0], [0], threading.Lock()

    def counting(request):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        http_server.stopping.wait(0.02)
        with lock:
            active[0] -= 1
        request.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")

    http_server.route("/slow", handler=counting)
    urls = [(http_server.url(f"/slow?i={i}"), None, None) for i in range(8)]
    outcomes = fetch_many(urls, replace(FAST, per_host_concurrency=1, respect_robots=False))
    assert all(o.status == "ok" for o in outcomes)
    assert peak[0] == 1
