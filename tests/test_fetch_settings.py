"""The fetch settings a user sets: the [fetch] table of sources.toml, CHIPDEMAND_* variables over it,
clear errors for bad values, shown in --help; the user agent and the proxy reach the wire."""
from __future__ import annotations

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.fetch import FetchSettings, fetch_one
from flows.fetching.user_settings import FetchSettingsError, apply_fetch_options, fetch_options
from flows.pipeline import build_config, run

TABLE = {"user_agent": "chipdemand/0.2 (+mailto:ops@example.org)", "per_host_limit": 2, "delay_seconds": 1.5,
         "refetch_after_days": 3, "timeout_seconds": 20, "proxy_from_env": True}


def sources_file(folder: Path, fetch: str, urls: list[str] | None = None) -> Path:
    path = folder / "sources.toml"
    listed = ", ".join(f'"{u}"' for u in urls or ["https://news.example.com/a"])
    path.write_text(f"[fetch]\n{fetch}\n\n[[sources]]\nkind = \"urls\"\nurls = [{listed}]\n", encoding="utf-8")
    return path


def test_the_fetch_table_sets_every_option(tmp_path):
    lines = "\n".join(f"{k} = {v!r}".replace("True", "true").replace("'", '"') for k, v in TABLE.items())
    config = build_config(sources=str(sources_file(tmp_path, lines)), db=str(tmp_path / "w.duckdb"))
    f = config.fetch
    assert (f.user_agent, f.per_host_concurrency, f.politeness_delay, f.total_timeout, f.proxy_from_env) == \
        ("chipdemand/0.2 (+mailto:ops@example.org)", 2, 1.5, 20.0, True)
    assert f.read_timeout <= 20 and f.connect_timeout <= 20
    assert config.discovery.refetch_after == timedelta(days=3)


def test_environment_variables_win_over_the_table(tmp_path, monkeypatch):
    monkeypatch.setenv("CHIPDEMAND_PER_HOST_LIMIT", "1")
    monkeypatch.setenv("CHIPDEMAND_USER_AGENT", "chipdemand-test/1 (+mailto:env@example.org)")
    config = build_config(sources=str(sources_file(tmp_path, "per_host_limit = 3\ndelay_seconds = 2")),
                          db=str(tmp_path / "w.duckdb"))
    assert (config.fetch.per_host_concurrency, config.fetch.politeness_delay, config.fetch.user_agent) == \
        (1, 2.0, "chipdemand-test/1 (+mailto:env@example.org)")


def test_no_table_and_no_variables_keep_the_defaults(tmp_path):
    config = build_config(sources=str(tmp_path), db=str(tmp_path / "w.duckdb"))
    assert config.fetch.per_host_concurrency == FetchSettings().per_host_concurrency
    assert config.discovery.refetch_after == timedelta(days=7)


@pytest.mark.parametrize("table, env, message", [
    ({"per_host_limit": 0}, {}, "[fetch] per_host_limit must be a positive whole number (got 0)"),
    ({"delay_seconds": "soon"}, {}, "[fetch] delay_seconds must be a number of seconds, 0 or more (got 'soon')"),
    ({}, {"CHIPDEMAND_PROXY_FROM_ENV": "maybe"}, "CHIPDEMAND_PROXY_FROM_ENV must be true or false (got 'maybe')"),
    ({"timeout_seconds": 0}, {}, "[fetch] timeout_seconds must be a number of seconds above 0 (got 0)"),
    ({"retries": 3}, {}, "[fetch] has unknown key(s) retries"),
])
def test_bad_values_are_refused_in_one_line_naming_the_key(table, env, message):
    with pytest.raises(FetchSettingsError) as raised:
        fetch_options(table, env)
    assert str(raised.value).startswith(message) and "\n" not in str(raised.value)


def test_a_bad_fetch_table_makes_the_run_exit_2_with_the_reason(tmp_path):
    sources = sources_file(tmp_path, "per_host_limit = -1")
    result = CliRunner().invoke(app, ["run", "--sources", str(sources), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 2
    assert "per_host_limit must be a positive whole number" in " ".join(result.output.split())


def test_run_help_lists_the_fetch_settings_and_their_variables():
    output = " ".join(CliRunner().invoke(app, ["run", "--help"]).output.split())
    for key, (variable, _) in (("user_agent", ("CHIPDEMAND_USER_AGENT", 0)), ("per_host_limit", ("CHIPDEMAND_PER_HOST_LIMIT", 0)),
                               ("delay_seconds", ("CHIPDEMAND_DELAY_SECONDS", 0)),
                               ("refetch_after_days", ("CHIPDEMAND_REFETCH_AFTER_DAYS", 0)),
                               ("timeout_seconds", ("CHIPDEMAND_TIMEOUT_SECONDS", 0)),
                               ("proxy_from_env", ("CHIPDEMAND_PROXY_FROM_ENV", 0))):
        assert key in output and variable in output


def test_the_configured_user_agent_reaches_the_server(http_server, tmp_path):
    http_server.route("/robots.txt", status=404)
    words = "A page long enough to pass the article checks, written for this test about fetch settings. " * 4
    url = http_server.route("/a.html", body=f"<html><body><article><p>{words}</p></article></body></html>".encode(),
                            headers={"Content-Type": "text/html"})
    sources = sources_file(tmp_path, 'user_agent = "chipdemand/0.2 (+mailto:ops@example.org)"', [url])
    run(sources=str(sources), db=str(tmp_path / "w.duckdb"), allow_private_hosts=True, task_runner="threads")
    agents = {r.headers.get("User-Agent") for r in http_server.requests}
    assert agents == {"chipdemand/0.2 (+mailto:ops@example.org)"}


class ForwardProxy(BaseHTTPRequestHandler):
    """A plain HTTP forward proxy stand-in: answers absolute-form requests itself and records them."""

    seen: list[str] = []

    def log_message(self, format, *args):  # noqa: A002
        pass

    def do_GET(self):
        type(self).seen.append(self.path)
        body = b"<html><body><p>Through the proxy.</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def proxy():
    ForwardProxy.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), ForwardProxy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_proxy_from_env_sends_requests_through_http_proxy(proxy, monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", proxy)
    settings = apply_fetch_options(FetchSettings(allow_private_hosts=True, respect_robots=False, retries=0),
                                   fetch_options({"proxy_from_env": True}, {}))
    outcome = fetch_one("http://news.invalid/story.html", settings)
    assert outcome.status == "ok" and b"Through the proxy" in outcome.content
    assert ForwardProxy.seen == ["http://news.invalid/story.html"]


def test_proxy_variables_are_ignored_unless_asked(proxy, monkeypatch, http_server):
    monkeypatch.setenv("HTTP_PROXY", proxy)
    url = http_server.route("/direct.html", body=b"<p>direct</p>", headers={"Content-Type": "text/html"})
    outcome = fetch_one(url, FetchSettings(allow_private_hosts=True, respect_robots=False, retries=0))
    assert outcome.status == "ok" and ForwardProxy.seen == []


def test_no_proxy_hosts_are_fetched_directly(proxy, monkeypatch, http_server):
    monkeypatch.setenv("HTTP_PROXY", proxy)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    url = http_server.route("/direct.html", body=b"<p>direct</p>", headers={"Content-Type": "text/html"})
    outcome = fetch_one(url, FetchSettings(allow_private_hosts=True, respect_robots=False, retries=0,
                                           proxy_from_env=True))
    assert outcome.status == "ok" and ForwardProxy.seen == [] and http_server.hits("/direct.html") == 1
