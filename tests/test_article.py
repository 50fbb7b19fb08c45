"""HTML and text pages to articles."""
from datetime import date

import pytest

from transforms.article import ParseError, canonical_url, find_dateline_date, parse_page
from seeds import SEEDS_DIR
from transforms.models import RawPage

BODY = (
    "<p>Hangzhou-based Lumen Cloud said on Tuesday it would spend more on servers this year, "
    "as demand for its chatbot kept climbing across the country and its rivals did the same.</p>"
    "<p>The company did not say which suppliers it would use, but analysts expect a mix of domestic "
    "and imported accelerators, with deliveries spread across the next four quarters.</p>"
)


def page(html: str, url: str = "https://news.example/tech/lumen.html", ctype: str | None = "text/html") -> RawPage:
    return RawPage(source=url, url=url, content=html.encode(), content_type=ctype)


def test_meta_published_time_and_site_name_are_read():
    html = (
        '<html lang="en"><head><title>Lumen Cloud adds servers</title>'
        '<meta property="og:site_name" content="Harbour Daily">'
        '<meta property="article:published_time" content="2025-03-04T08:00:00Z"></head>'
        f"<body><article><h1>Lumen Cloud adds servers</h1>{BODY}</article></body></html>"
    )
    a = parse_page(page(html))
    assert a.published_on == date(2025, 3, 4)
    assert a.publisher == "Harbour Daily"
    assert a.language == "en"
    assert "Lumen Cloud said on Tuesday" in a.text


def test_json_ld_date_is_read():
    html = (
        '<html><head><script type="application/ld+json">'
        '{"@type": "NewsArticle", "headline": "Lumen", "datePublished": "2024-11-02"}</script></head>'
        f"<body><article>{BODY}</article></body></html>"
    )
    assert parse_page(page(html)).published_on == date(2024, 11, 2)


def test_dateline_gives_the_date_when_markup_has_none():
    html = f"<html><body><article><p>SHENZHEN, 9 June 2024 — Lumen Cloud placed an order.</p>{BODY}</article></body></html>"
    assert parse_page(page(html, url="file:///tmp/x.html", ctype=None)).published_on == date(2024, 6, 9)


def test_dateline_forms():
    assert find_dateline_date("TAIPEI, March 3, 2024 - text") == date(2024, 3, 3)
    assert find_dateline_date("Headline\nBy A. Writer\nSEOUL, 12 Feb 2023 \u2014 text") == date(2023, 2, 12)
    assert find_dateline_date("BEIJING, Jan 2 (Wire) - no year") is None
    assert find_dateline_date("Nothing that looks like a dateline, 2024.") is None


def test_text_file_keeps_whole_text_and_first_line_as_title():
    raw = RawPage(source="notes.txt", url="file:///tmp/notes.txt",
                  content="Chip budgets rise\n\nLumen Cloud plans more servers.\r\n".encode())
    a = parse_page(raw)
    assert a.title == "Chip budgets rise"
    assert a.text == "Chip budgets rise\n\nLumen Cloud plans more servers."


def test_non_utf8_text_is_decoded():
    raw = RawPage(source="n.txt", url="file:///tmp/n.txt", content="Caf\u00e9 servers: Lumen Cloud spends more this year on chips.".encode("latin-1"))
    assert "Caf\u00e9" in parse_page(raw).text


def test_empty_page_is_a_parse_error():
    with pytest.raises(ParseError, match="empty"):
        parse_page(page("   "))


def test_binary_labelled_html_is_a_parse_error():
    raw = RawPage(source="x", url="https://news.example/x", content=b"\x89PNG\r\n\x1a\n\x00\x00\x00binary",
                  content_type="text/html")
    with pytest.raises(ParseError, match="binary"):
        parse_page(raw)


def test_page_without_main_text_is_a_parse_error():
    with pytest.raises(ParseError, match="no_main_text"):
        parse_page(page("<html><head><title>t</title></head><body><script>var x = 1;</script></body></html>"))


def test_same_article_reached_twice_gets_one_id():
    a = parse_page(page(f"<html><body><article>{BODY}</article></body></html>",
                        url="https://News.example/tech/lumen.html?utm_source=feed#top"))
    b = parse_page(page(f"<html><body><article>{BODY}</article></body></html>",
                        url="https://news.example/tech/lumen.html"))
    assert a.article_id == b.article_id
    assert a.content_sha256 == b.content_sha256


def test_canonical_url_keeps_meaningful_query():
    assert canonical_url("HTTPS://A.example/p/?id=3&utm_medium=x") == "https://a.example/p?id=3"
    assert canonical_url("/tmp/a.html") == "file:///tmp/a.html"


@pytest.mark.parametrize("path", sorted((SEEDS_DIR / "articles").glob("*.htm*")), ids=lambda p: p.name)
def test_page_metadata_agrees_with_trafilaturas_full_metadata(path):
    """The trimmed metadata step gives the title, site name and date trafilatura's own extract_metadata gives
    (same date settings): a trafilatura upgrade that changes either side shows up here."""
    from trafilatura.metadata import extract_metadata
    from trafilatura.utils import load_html

    from transforms.article import DATE_PARAMS, page_metadata

    url = f"https://news.example/{path.name}"
    full = extract_metadata(load_html(path.read_bytes()), url, dict(DATE_PARAMS))
    mine = page_metadata(load_html(path.read_bytes()), url)
    assert (mine.title, mine.sitename, mine.date) == (full.title, full.sitename, full.date)
    assert mine.title and mine.sitename  # the demo pages all have both: the comparison is not None == None
