"""Shared fixtures: a real loopback HTTP server that tests program route by route.

    def test_something(http_server):
        http_server.route("/feed.xml", body=b"<rss>...</rss>", headers={"Content-Type": "application/rss+xml"})
        http_server.sequence("/flaky", [{"status": 503}, {"status": 200, "body": b"ok"}])
        http_server.route("/raw", handler=lambda req: req.wfile.write(b"HTTP/1.1 204 No Content\\r\\n\\r\\n"))
        url = http_server.url("/feed.xml")          # http://127.0.0.1:<port>/feed.xml
        ...
        assert http_server.hits("/feed.xml") == 1
        assert http_server.requests[0].headers["User-Agent"].startswith("chipdemand")

`body` may be bytes or an iterable of byte chunks (streamed without a Content-Length, the
connection closed at the end). A `handler` gets the BaseHTTPRequestHandler and writes whatever it
likes, including broken responses (tests/fault_server.py has some). Unrouted paths answer 404.
"""
from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass(frozen=True)
class RecordedRequest:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]


@dataclass
class Route:
    """What the server answers on one path: a list of responses, the last one repeating."""

    responses: list[dict[str, Any]]
    served: int = 0

    def next_response(self) -> dict[str, Any]:
        response = self.responses[min(self.served, len(self.responses) - 1)]
        self.served += 1
        return response


class RouteHandler(BaseHTTPRequestHandler):
    """Answers from the server's routes and records every request."""

    protocol_version = "HTTP/1.1"
    server: LoopbackHTTPServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's signature
        pass

    def do_GET(self) -> None:
        self.server.owner.record(RecordedRequest(self.command, self.path, dict(self.headers.items())))
        response = self.server.owner.response_for(self.path)
        if response.get("handler") is not None:
            self.close_connection = True
            response["handler"](self)
            return
        self.send_response_only(response.get("status", 200))
        self.send_header("Date", self.date_time_string())
        headers = dict(response.get("headers") or {})
        body = response.get("body", b"")
        if isinstance(body, bytes):
            headers.setdefault("Content-Length", str(len(body)))
        else:
            headers["Connection"] = "close"
            self.close_connection = True
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        chunks: Iterable[bytes] = [body] if isinstance(body, bytes) else body
        for chunk in chunks:
            self.wfile.write(chunk)

    do_HEAD = do_GET


class LoopbackHTTPServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer that stays quiet when a client hangs up mid-response (tests do that on purpose)."""

    daemon_threads = True
    owner: LoopbackServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


@dataclass
class LoopbackServer:
    """A programmable HTTP server on 127.0.0.1, running in a thread for the length of a test."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[RecordedRequest] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    port: int = 0

    def url(self, path: str = "/") -> str:
        """The absolute URL of `path` on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, status: int = 200, body: bytes | Iterable[bytes] = b"",
              headers: dict[str, str] | None = None, handler: Handler | None = None) -> str:
        """Answer every request for `path` the same way; returns the path's URL."""
        return self.sequence(path, [{"status": status, "body": body, "headers": headers or {}, "handler": handler}])

    def sequence(self, path: str, responses: list[dict[str, Any]]) -> str:
        """Answer successive requests for `path` with successive responses (dicts of route()'s arguments)."""
        with self.lock:
            self.routes[path] = Route(list(responses))
        return self.url(path)

    def response_for(self, path: str) -> dict[str, Any]:
        with self.lock:
            route = self.routes.get(path) or self.routes.get(path.split("?", 1)[0])
            return route.next_response() if route else {"status": 404, "body": b"not found"}

    def record(self, request: RecordedRequest) -> None:
        with self.lock:
            self.requests.append(request)

    def hits(self, path: str) -> int:
        """How many requests asked for `path`."""
        with self.lock:
            return sum(1 for r in self.requests if r.path == path)


@pytest.fixture
def http_server() -> Iterable[LoopbackServer]:
    """A loopback HTTP server; register routes with .route()/.sequence(), build URLs with .url()."""
    owner = LoopbackServer()
    server = LoopbackHTTPServer(("127.0.0.1", 0), RouteHandler)
    server.owner = owner
    owner.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield owner
    finally:
        owner.stopping.set()   # releases handlers that hang on purpose
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (for connection-refused tests)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def query_rows(db, sql: str) -> list[tuple]:
    """The rows of one query on a read-only connection to the warehouse file `db`."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
