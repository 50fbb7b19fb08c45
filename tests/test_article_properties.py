"""Property tests: the HTML-to-article step never raises anything but ParseError, on any bytes."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.article import ParseError, find_dateline_date, parse_page
from transforms.models import RawPage

TAGS = st.sampled_from(["p", "div", "article", "span", "h1", "table", "tr", "td", "li", "ul", "script", "b"])


@st.composite
def html_documents(draw) -> str:
    """Random, often broken, nested HTML with text runs."""
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(TAGS)
        text = draw(st.text(max_size=60))
        closed = draw(st.booleans())
        parts.append(f"<{tag}>{text}" + (f"</{tag}>" if closed else ""))
    return "<html><body>" + "".join(parts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_documents())
def test_random_html_gives_an_article_or_a_parse_error(doc):
    page = RawPage(source="x.html", url="https://fuzz.example/x.html", content=doc.encode("utf-8", "replace"),
                   content_type="text/html")
    try:
        article = parse_page(page)
    except ParseError:
        return
    assert article.text and article.text == article.text.strip()


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["text/html", "text/plain", None]))
def test_random_bytes_never_crash(content, ctype):
    page = RawPage(source="x", url="https://fuzz.example/x.txt", content=content, content_type=ctype)
    try:
        parse_page(page)
    except ParseError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_dateline_finder_never_raises(text):
    find_dateline_date(text)


def test_deeply_nested_html_is_handled():
    doc = "<html><body>" + "<div>" * 5000 + "Lumen Cloud buys servers for its data centres this year." + "</div>" * 5000
    page = RawPage(source="deep.html", url="https://fuzz.example/deep.html", content=doc.encode(), content_type="text/html")
    try:
        parse_page(page)
    except ParseError:
        pass
