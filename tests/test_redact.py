"""Redacting credentials from URLs before they are stored (flows/redact.py)."""
import pytest
from hypothesis import given, strategies as st

from flows.redact import has_credentials, redact_text, redact_url


@pytest.mark.parametrize(("url", "stored"), [
    ("https://bob:pw@example.com/feed.xml", "https://REDACTED@example.com/feed.xml"),
    ("https://tok3n@example.com/feed.xml", "https://REDACTED@example.com/feed.xml"),
    ("https://example.com/feed?token=abc&page=2", "https://example.com/feed?token=REDACTED&page=2"),
    ("https://example.com/a?API_KEY=1&my_token=2&author=me", "https://example.com/a?API_KEY=REDACTED&my_token=REDACTED&author=me"),
    ("https://example.com/cb#access_token=abc&state=x", "https://example.com/cb#access_token=REDACTED&state=x"),
])
def test_credentials_are_redacted_and_the_rest_kept(url, stored):
    assert redact_url(url) == stored and has_credentials(url)


@pytest.mark.parametrize("url", [
    "https://example.com/news/a.html?id=7&page=2", "https://example.com/a?b", "https://example.com/?",
    "file:///tmp/a%20b.txt", "http://[::1", "https://example.com/p?q=a%26token%3Dx",
])
def test_a_url_without_credentials_is_kept_as_it_is(url):
    assert redact_url(url) == url and not has_credentials(url)


def test_urls_inside_a_message_are_redacted():
    said = redact_text("redirect_loop: redirect loop back to http://u:p@h/x?sig=1 after 3 hops")
    assert said == "redirect_loop: redirect loop back to http://REDACTED@h/x?sig=REDACTED after 3 hops"


@given(st.text())
def test_redacting_never_raises_and_is_idempotent(text):
    once = redact_text(redact_url(text))
    assert redact_text(redact_url(once)) == once
