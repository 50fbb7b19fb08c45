"""Why a URL gave no page: one exception kind per rule, each with a short machine-readable code.

The core raises these; `Fetcher.fetch` turns them into a FetchOutcome whose `reason` is "<code>: <message>".
"""
from __future__ import annotations

from typing import Literal

FetchStatus = Literal["ok", "not_modified", "failed", "refused"]


class FetchError(Exception):
    """A fetch that gave no usable page. `code` names the rule; `status` is the outcome status it maps to."""

    code = "failed"
    status: FetchStatus = "failed"
    retryable = False

    def __init__(self, message: str, *, http_status: int | None = None, retry_after: float | None = None,
                 code: str | None = None, retryable: bool | None = None):
        super().__init__(message)
        self.http_status = http_status
        self.retry_after = retry_after
        self.code = code or self.code
        self.retryable = self.retryable if retryable is None else retryable

    @property
    def reason(self) -> str:
        return f"{self.code}: {self}"


class InvalidURLError(FetchError):
    code, status = "invalid_url", "refused"


class PrivateAddressError(FetchError):
    code, status = "private_address", "refused"


class HostResolutionError(FetchError):
    code = "dns_error"


class RobotsDisallowedError(FetchError):
    code, status = "robots_disallowed", "refused"


class RobotsUnavailableError(FetchError):
    code, status = "robots_unavailable", "refused"


class RedirectError(FetchError):
    code = "bad_redirect"


class HTTPStatusError(FetchError):
    code = "http_error"


class ContentTypeError(FetchError):
    code = "unsupported_type"


class BinaryContentError(FetchError):
    code = "binary_content"


class TooLargeError(FetchError):
    code = "too_large"


class ContentEncodingError(FetchError):
    code = "bad_encoding"


class NetworkError(FetchError):
    code, retryable = "network_error", True


class TotalTimeoutError(FetchError):
    code = "timeout"
