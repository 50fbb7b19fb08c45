"""Credentials out of stored URLs: `user:password@` and secret query parameters become `REDACTED`.

A source URL may carry credentials (`https://user:pass@host/feed.xml`, `?token=...`, a feed's links with
`?api_key=...`). The fetcher uses the real URL; everything the run stores (fetch_log, fetch_state,
articles and their quarantine payloads, reasons that quote a URL) gets the redacted form, so the
secret stays in the user's sources file. The redacted URL is also the page's identity in the
warehouse (article_id, fetch_state key): it is the same on every run.

    redact_url("https://bob:pw@example.com/feed.xml?token=abc&page=2")
    -> "https://REDACTED@example.com/feed.xml?token=REDACTED&page=2"

A URL without credentials comes back unchanged, character for character.
"""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit, urlunsplit

REDACTED = "REDACTED"
# query or fragment parameter names whose values are credentials (compared lower-cased) ...
SECRET_NAMES = frozenset({
    "token", "access_token", "id_token", "refresh_token", "auth", "auth_token", "authorization", "api_key", "apikey",
    "key", "secret", "client_secret", "password", "passwd", "pwd", "pass", "sig", "signature", "session",
    "sessionid", "sid", "private_token", "x-amz-signature", "x-amz-credential", "x-amz-security-token",
    "x-goog-signature", "x-goog-credential",
})
# ... and names ending in one of these (my_token, github_secret, db_password ...)
SECRET_SUFFIXES = ("token", "secret", "password", "api_key", "apikey", "signature")
URL_IN_TEXT = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^\s'\"<>]+")


def is_secret_name(name: str) -> bool:
    """Whether a query parameter of this name carries a credential."""
    name = unquote(name).strip().lower()
    return name in SECRET_NAMES or name.endswith(SECRET_SUFFIXES)


def redact_pairs(text: str) -> str:
    """`a=1&token=x` -> `a=1&token=REDACTED`, every other character kept."""
    pieces = []
    for piece in text.split("&"):
        name, sep, _value = piece.partition("=")
        pieces.append(f"{name}={REDACTED}" if sep and is_secret_name(name) else piece)
    return "&".join(pieces)


def redact_url(url: str) -> str:
    """`url` with its userinfo and secret query/fragment parameters replaced by REDACTED."""
    if "@" not in url and "=" not in url:
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return REDACTED
    netloc = parts.netloc
    if "@" in netloc:
        netloc = f"{REDACTED}@{netloc.rpartition('@')[2]}"
    query, fragment = redact_pairs(parts.query), redact_pairs(parts.fragment)
    if (netloc, query, fragment) == (parts.netloc, parts.query, parts.fragment):
        return url
    return urlunsplit((parts.scheme, netloc, parts.path, query, fragment))


def redact_text(text: str | None) -> str | None:
    """Every URL inside a message (an error reason, a log line) redacted."""
    if not text or "://" not in text:
        return text
    return URL_IN_TEXT.sub(lambda m: redact_url(m.group(0)), text)


def has_credentials(url: str) -> bool:
    """Whether redacting changes `url`."""
    return redact_url(url) != url
