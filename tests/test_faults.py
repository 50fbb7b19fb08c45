"""Hostile and broken servers: every one ends in a bounded outcome with a reason, never a hang or a crash."""
from __future__ import annotations

import tracemalloc
from dataclasses import replace

import pytest
from fault_server import drip, endless_chunks, gzip_bomb, never_answer, reset_mid_body

from flows.fetch import FetchSettings, fetch_many, fetch_one

FAULTS = FetchSettings(allow_private_hosts=True, respect_robots=False, connect_timeout=1.0, read_timeout=0.5,
                       total_timeout=3.0, retries=1, backoff_base=0.01, max_retry_after=1.0)
MB = 1024 * 1024


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """About 100 KB of gzip that inflates to 100 MB of zeros."""
    return gzip_bomb(100 * MB)


def test_gzip_bomb_stops_at_the_cap_with_bounded_memory(http_server, bomb):
    url = http_server.route("/bomb", body=bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})
    settings = replace(FAULTS, max_bytes=1 * MB)
    tracemalloc.start()
    try:
        out = fetch_one(url, settings)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert out.status == "failed" and out.reason == f"too_large: body exceeds {MB} bytes"
    print(f"gzip bomb: traced peak {peak / MB:.1f} MB")
    assert peak < 8 * MB, f"peak {peak} bytes while inflating a 100 MB bomb with a 1 MB cap"


def test_deflate_bomb_is_stopped_too(http_server):
    import zlib
    deflater = zlib.compressobj(9)
    body = b"".join(deflater.compress(bytes(MB)) for _ in range(20)) + deflater.flush()
    url = http_server.route("/dbomb", body=body, headers={"Content-Type": "text/html", "Content-Encoding": "deflate"})
    out = fetch_one(url, replace(FAULTS, max_bytes=MB))
    assert out.reason == f"too_large: body exceeds {MB} bytes"


def test_declared_50mb_body_is_refused_from_its_content_length(http_server):
    url = http_server.route("/huge", body=endless_chunks(50 * MB),
                            headers={"Content-Type": "text/html", "Content-Length": str(50 * MB)})
    out = fetch_one(url, FAULTS)
    assert out.status == "failed"
    assert out.reason == f"too_large: Content-Length {50 * MB} exceeds {10 * MB} bytes"


def test_undeclared_50mb_body_is_cut_at_the_default_cap_while_streaming(http_server):
    url = http_server.route("/stream", body=endless_chunks(50 * MB), headers={"Content-Type": "text/html"})
    out = fetch_one(url, FAULTS)
    assert out.status == "failed" and out.reason == f"too_large: body exceeds {10 * MB} bytes"
    assert out.content is None


def test_connection_reset_mid_body_fails_after_retries(http_server):
    url = http_server.route("/reset", handler=reset_mid_body())
    out = fetch_one(url, FAULTS)
    assert out.status == "failed" and out.reason.startswith("network_error")
    assert out.attempts == 2 and http_server.hits("/reset") == 2


def test_server_that_never_answers_is_bounded_by_the_read_timeout(http_server):
    url = http_server.route("/silent", handler=never_answer(http_server.stopping))
    out = fetch_one(url, replace(FAULTS, retries=0))
    assert out.status == "failed" and out.reason.startswith("read_timeout")


def test_dripping_body_is_bounded_by_the_total_timeout(http_server):
    url = http_server.route("/drip", handler=drip(http_server.stopping, interval_s=0.05))
    out = fetch_one(url, replace(FAULTS, total_timeout=0.6, read_timeout=2.0))
    assert out.status == "failed"
    assert out.reason == "timeout: no complete response within total_timeout 0.6s"
    assert out.attempts == 1


def test_connection_closed_before_any_response(http_server):
    url = http_server.route("/hangup", handler=lambda request: None)
    out = fetch_one(url, FAULTS)
    assert out.status == "failed" and out.reason.startswith("network_error")


def test_garbage_instead_of_http(http_server):
    url = http_server.route("/garbage", handler=lambda request: request.wfile.write(b"\x00\xffNOT HTTP AT ALL\r\n\r\n"))
    out = fetch_one(url, FAULTS)
    assert out.status == "failed" and out.reason.startswith("network_error")


def test_truncated_gzip_body_fails_cleanly(http_server):
    import gzip
    body = gzip.compress(b"<html>" + b"words " * 5000 + b"</html>")[:-40]
    url = http_server.route("/trunc", body=body, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})
    out = fetch_one(url, FAULTS)
    assert out.status == "failed" and out.reason == "bad_encoding: truncated gzip body"


def test_corrupt_gzip_body_fails_with_reason(http_server):
    url = http_server.route("/corrupt", body=b"\x1f\x8b\x08\x00garbage-not-deflate",
                            headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})
    out = fetch_one(url, FAULTS)
    assert out.status == "failed" and out.reason.startswith("bad_encoding")


def test_one_bad_server_does_not_spoil_the_batch(http_server):
    http_server.route("/silent", handler=never_answer(http_server.stopping))
    http_server.route("/ok", body=b"<p>fine</p>", headers={"Content-Type": "text/html"})
    outcomes = fetch_many([(http_server.url("/silent"), None, None), (http_server.url("/ok"), None, None)],
                          replace(FAULTS, retries=0))
    assert [o.status for o in outcomes] == ["failed", "ok"]
