"""Response bodies: accepted content types, binary bodies refused, decompression in bounded steps.

The body is decompressed here, not by httpx, so `max_bytes` caps the decompressed size while
streaming: a gzip bomb stops after `max_bytes` and memory stays bounded.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx

from flows.fetching.errors import ContentEncodingError, ContentTypeError, TooLargeError
from transforms.discover import looks_binary

INFLATE_STEP = 64 * 1024           # most bytes one decompression step may produce
GZIP_TYPES = ("application/gzip", "application/x-gzip", "application/octet-stream")  # allowed for *.gz URLs
BINARY_SIGNATURES = (
    (b"%PDF-", "a PDF"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive"), (b"\x1f\x8b", "gzip data"), (b"BZh", "bzip2 data"), (b"\x7fELF", "an ELF binary"),
    (b"RIFF", "a RIFF media file"), (b"\x00\x00\x00", "binary data"),
)


class BodyDecoder:
    """Undo a Content-Encoding in steps of at most INFLATE_STEP bytes, so a bomb is caught before it inflates.

    (httpx's own decoders inflate each network chunk in one call: 64 KiB of gzip can become 64 MiB.)
    """

    def __init__(self, encoding: str | None):
        self.encoding = (encoding or "identity").strip().lower()
        if self.encoding in ("", "identity"):
            self.inflater = None
        elif self.encoding in ("gzip", "x-gzip"):
            self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.encoding == "deflate":
            self.inflater = zlib.decompressobj()
        else:
            raise ContentEncodingError(f"{self.encoding} is not an encoding we asked for", code="unsupported_encoding")
        self.started = False

    def inflate(self, data: bytes) -> bytes:
        """One bounded step; a deflate body without the zlib header is retried as raw deflate."""
        try:
            out = self.inflater.decompress(data, INFLATE_STEP)
        except zlib.error as exc:
            if self.encoding != "deflate" or self.started:
                raise ContentEncodingError(f"corrupt {self.encoding} body: {exc}") from exc
            self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            return self.inflate(data)
        self.started = True
        return out

    def feed(self, data: bytes) -> Iterator[bytes]:
        """Decoded pieces of one network chunk."""
        if self.inflater is None:
            yield data
            return
        pending = data
        while True:   # an empty `pending` still drains output zlib holds back after a full step
            out = self.inflate(pending)
            pending = self.inflater.unconsumed_tail
            if self.encoding != "deflate" and self.inflater.eof and self.inflater.unused_data:
                pending = self.inflater.unused_data   # a second gzip member follows
                self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            if out:
                yield out
            if not pending and len(out) < INFLATE_STEP:
                return

    def flush(self) -> bytes:
        """What is left at the end of the body; a compressed stream that stops short is an error."""
        if self.inflater is None:
            return b""
        rest = self.inflater.flush()
        if not self.inflater.eof:
            raise ContentEncodingError(f"truncated {self.encoding} body")
        return rest


def binary_signature(content: bytes) -> str | None:
    """What a body that is not text looks like ('a PDF', 'NUL bytes'), or None for text."""
    for magic, what in BINARY_SIGNATURES:
        if content.startswith(magic):
            return what
    return "NUL bytes" if looks_binary(content) else None


def gz_url(url: str) -> bool:
    """True for a URL whose path ends in .gz (a gzipped sitemap may be served as gzip data)."""
    return urlsplit(url).path.lower().endswith(".gz")


def media_type(url: str, response: httpx.Response, accepted: tuple[str, ...], check: bool) -> str | None:
    """The response's media type; ContentTypeError if `check` and it is not one of `accepted`."""
    mime = (response.headers.get("content-type") or "").split(";")[0].strip().lower() or None
    if check and mime and mime not in accepted and not (mime in GZIP_TYPES and gz_url(url)):
        raise ContentTypeError(f"{mime} is not an accepted type", http_status=response.status_code)
    return mime


async def read_body(response: httpx.Response, limit: int) -> bytes:
    """The decoded body, refused as soon as it (or the raw stream) passes `limit` bytes."""
    declared = response.headers.get("content-length", "")
    encoding = response.headers.get("content-encoding")
    if declared.isdigit() and int(declared) > limit and not encoding:
        raise TooLargeError(f"Content-Length {declared} exceeds {limit} bytes", http_status=response.status_code)
    decoder = BodyDecoder(encoding)
    body, raw_total = bytearray(), 0
    async for raw in response.aiter_raw():
        raw_total += len(raw)
        for piece in decoder.feed(raw):
            body += piece
            if len(body) > limit:
                raise TooLargeError(f"body exceeds {limit} bytes", http_status=response.status_code)
        if raw_total > limit:
            raise TooLargeError(f"body exceeds {limit} bytes on the wire", http_status=response.status_code)
    body += decoder.flush()
    if len(body) > limit:
        raise TooLargeError(f"body exceeds {limit} bytes", http_status=response.status_code)
    return bytes(body)
