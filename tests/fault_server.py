"""Misbehaving-server handlers for the loopback server in conftest.py (`http_server.route(path, handler=...)`).

Each factory returns a handler that writes a broken or hostile response by hand. Handlers that
hang wait on the server's `stopping` event, so a test's teardown always releases them.
"""
from __future__ import annotations

import socket
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler

Handler = Callable[[BaseHTTPRequestHandler], None]


def reset_mid_body(prefix: bytes = b"<html><body>" + b"x" * 2000, declared: int = 100_000) -> Handler:
    """Promise `declared` bytes, send `prefix`, then reset the connection (RST, not a clean close)."""
    def handler(request: BaseHTTPRequestHandler) -> None:
        request.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                            + f"Content-Length: {declared}\r\n\r\n".encode() + prefix)
        request.wfile.flush()
        request.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        request.connection.close()
    return handler


def never_answer(stopping: threading.Event, hold_s: float = 30.0) -> Handler:
    """Accept the request and send nothing until the test ends."""
    def handler(request: BaseHTTPRequestHandler) -> None:
        stopping.wait(hold_s)
    return handler


def drip(stopping: threading.Event, interval_s: float = 0.05, max_s: float = 30.0) -> Handler:
    """Send headers, then one byte every `interval_s` (each byte well inside any read timeout)."""
    def handler(request: BaseHTTPRequestHandler) -> None:
        request.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000000\r\n\r\n")
        for _ in range(int(max_s / interval_s)):
            if stopping.wait(interval_s):
                return
            try:
                request.wfile.write(b"a")
                request.wfile.flush()
            except OSError:
                return
    return handler


def gzip_bomb(inflated_bytes: int, step: int = 1024 * 1024) -> bytes:
    """A small gzip stream of zeros that inflates to `inflated_bytes` (built in steps, never held inflated)."""
    deflater = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(step)
    parts = [deflater.compress(zeros) for _ in range(inflated_bytes // step)]
    parts.append(deflater.flush())
    return b"".join(parts)


def endless_chunks(total_bytes: int, chunk: int = 64 * 1024) -> Iterator[bytes]:
    """`total_bytes` of text-like filler, generated chunk by chunk."""
    block = (b"<p>filler paragraph</p>\n" * (chunk // 24 + 1))[:chunk]
    for _ in range(total_bytes // chunk):
        yield block
