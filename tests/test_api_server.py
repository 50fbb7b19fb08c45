"""The temporary Prefect API server that `chipdemand run` starts early (flows/api_server.py)."""
from __future__ import annotations

import httpx
import pytest
from prefect.settings import PREFECT_API_URL, temporary_settings

from flows.api_server import TemporaryApiServer, prefect_api, shared_server


def test_server_answers_health_then_stops_and_frees_its_port():
    server = TemporaryApiServer().start()
    try:
        url = server.wait_ready(180)
        assert httpx.get(f"{url}/health").status_code == 200
    finally:
        server.stop()
    assert server.process is None
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}/health", timeout=2)


def test_a_stopped_server_starts_again_when_waited_for():
    server = TemporaryApiServer().start()
    try:
        server.wait_ready(180)
        server.stop()
        url = server.wait_ready(180)
        assert httpx.get(f"{url}/health").status_code == 200
    finally:
        server.stop()


def test_runs_use_the_shared_server_and_a_configured_api_wins():
    with prefect_api() as url:
        assert url == shared_server().api_url and PREFECT_API_URL.value() == url
    assert not PREFECT_API_URL.value()   # only for the block
    with temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:9/api"}):
        with prefect_api() as url:
            assert url == "http://127.0.0.1:9/api"
    assert shared_server().process is None   # unneeded, so stopped
    with prefect_api() as url:   # and back when needed
        assert httpx.get(f"{url}/health").status_code == 200
