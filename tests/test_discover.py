"""Discovery: telling feeds, sitemaps and pages apart, and reading links out of feeds and sitemaps safely."""
from __future__ import annotations

import gzip
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.discover import (
    DiscoveredLink, DiscoveryError, detect_kind, parse_feed, parse_sitemap, root_element, walk_sitemaps,
)

BASE = "https://news.example.com/feeds/main.xml"

RSS2 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example wire</title>
<item><title>Cloud firm orders accelerators</title><link>/2024/05/orders</link>
  <pubDate>Thu, 02 May 2024 08:30:00 +0800</pubDate></item>
<item><title>Same story, tracking fragment</title><link>https://news.example.com/2024/05/orders#comments</link></item>
<item><title>Script link</title><link>javascript:alert(1)</link></item>
<item><title>Permalink guid only</title><guid isPermaLink="true">https://news.example.com/2024/05/guid-only</guid></item>
</channel></rss>"""

ATOM = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title>
<entry><title>Export rules tightened</title><link rel="self" href="/api/entry/1"/>
  <link rel="alternate" href="https://news.example.com/policy/1"/><published>2025-01-14T09:00:00Z</published></entry>
<entry><title>No rel means alternate</title><link href="policy/2"/><updated>2025-01-15</updated></entry>
</feed>"""

RSS1 = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://news.example.com/"><title>t</title></channel>
<item rdf:about="https://news.example.com/rdf/1"><title>RDF item</title><link>https://news.example.com/rdf/1</link>
  <dc:date>2023-11-20T10:00:00+00:00</dc:date></item></rdf:RDF>"""

RSS091_NETSCAPE = b"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
  "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>old</title><item><title>Old item</title>
<link>https://news.example.com/old/1</link></item></channel></rss>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><item><title>&lol9;</title><link>https://news.example.com/x</link></item></channel></rss>"""


def xxe_feed(secret_path: str, well_formed: bool = True) -> bytes:
    """A feed whose item title and link pull in a local file through an external entity."""
    tail = b"" if well_formed else b"<unclosed & broken"
    return (b'<?xml version="1.0"?>\n<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file://' + secret_path.encode() + b'"> ]>\n'
            b"<rss version=\"2.0\"><channel><item><title>&xxe;</title>"
            b"<link>https://news.example.com/&xxe;</link></item></channel></rss>" + tail)


def big_feed(n: int) -> bytes:
    items = b"".join(b"<item><title>Story %d</title><link>https://news.example.com/s/%d</link></item>" % (i, i)
                     for i in range(n))
    return b'<rss version="2.0"><channel><title>big</title>' + items + b"</channel></rss>"


# ---- detect_kind ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("content, content_type, url, kind", [
    (RSS2, "text/xml", BASE, "feed"),
    (ATOM, None, BASE, "feed"),
    (RSS1, "application/xml", BASE, "feed"),
    (RSS091_NETSCAPE, None, BASE, "feed"),
    (b'<?xml version="1.0"?><!-- generated --><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>',
     "application/xml", "https://e.com/sitemap.xml", "sitemap"),
    (b"<sitemapindex><sitemap><loc>https://e.com/a.xml</loc></sitemap></sitemapindex>", None, "u", "sitemap_index"),
    (b"<!DOCTYPE html>\n<html lang=en><body>hi</body></html>", "text/html", "https://e.com/a", "html"),
    (b"  <html><p>no doctype</p></html>", None, "https://e.com/a", "html"),
    (b"\xef\xbb\xbf<rss version='2.0'><channel/></rss>", None, "u", "feed"),
    (b"Plain words in a text file.", "text/plain", "https://e.com/a.txt", "text"),
    (b"Plain words, no type.", None, "https://e.com/notes.txt", "text"),
    (b"%PDF-1.7\x00\x00binary", "application/pdf", "https://e.com/a.pdf", "unknown"),
    (b"<data><row/></data>", "application/xml", "https://e.com/data.xml", "unknown"),
    (b"<p>fragment served as html</p>", "text/html; charset=utf-8", "https://e.com/f", "html"),
])
def test_detect_kind_reads_the_root_element_then_the_content_type(content, content_type, url, kind):
    assert detect_kind(content, content_type, url) == kind


def test_detect_kind_sees_through_a_gzipped_sitemap():
    body = gzip.compress(b"<urlset><url><loc>https://e.com/1</loc></url></urlset>")
    assert detect_kind(body, "application/x-gzip", "https://e.com/sitemap.xml.gz") == "sitemap"


def test_detect_kind_trusts_the_document_over_a_wrong_label():
    assert detect_kind(RSS2, "text/html", BASE) == "feed"


def test_root_element_skips_prolog_comments_and_doctype():
    head = '<?xml version="1.0"?>\n<?xml-stylesheet href="s.xsl"?>\n<!-- hi -->\n<!DOCTYPE x [ <!ELEMENT x ANY> ]>\n<x:urlset>'
    assert root_element(head) == "urlset"
    assert root_element("just text") is None


# ---- feeds -----------------------------------------------------------------------------------------------

def test_rss2_links_are_absolute_deduplicated_and_dated():
    links = parse_feed(RSS2, BASE)
    assert links == [
        DiscoveredLink("https://news.example.com/2024/05/orders", date(2024, 5, 2), "Cloud firm orders accelerators"),
        DiscoveredLink("https://news.example.com/2024/05/guid-only", None, "Permalink guid only"),
    ]


def test_atom_prefers_the_alternate_link_and_reads_iso_dates():
    links = parse_feed(ATOM, BASE)
    assert [l.url for l in links] == ["https://news.example.com/policy/1", "https://news.example.com/feeds/policy/2"]
    assert [l.published for l in links] == [date(2025, 1, 14), date(2025, 1, 15)]


def test_rss1_rdf_items_are_read():
    assert parse_feed(RSS1, BASE) == [DiscoveredLink("https://news.example.com/rdf/1", date(2023, 11, 20), "RDF item")]


def test_rss091_with_a_public_doctype_is_read_without_fetching_the_dtd():
    assert [l.url for l in parse_feed(RSS091_NETSCAPE, BASE)] == ["https://news.example.com/old/1"]


def test_feed_with_html_entities_falls_back_to_the_lenient_parser():
    body = (b'<rss version="2.0"><channel><item><title>Chips&nbsp;and more &mdash; a lot</title>'
            b"<link>https://news.example.com/lenient</link><pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate>"
            b"</item></channel></rss>")
    [link] = parse_feed(body, BASE)
    assert link.url == "https://news.example.com/lenient"
    assert link.published == date(2025, 1, 6)


ATOM_XML_BASE = b"""<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example.com/world/">
<title>Atom with bases</title>
<entry xml:base="asia/"><title>Regional orders grow</title><link href="story-1.html"/>
  <published>2025-03-02T08:00:00Z</published></entry>
<entry><title>Rooted link</title><link href="/top/story-2.html"/><updated>2025-03-03T09:00:00Z</updated></entry>
<entry><title>Absolute link</title><link href="https://other.example.org/story-3.html"/></entry>
</feed>"""


def test_atom_xml_base_resolves_entry_links():
    links = parse_feed(ATOM_XML_BASE, BASE)
    assert [l.url for l in links] == ["https://news.example.com/world/asia/story-1.html",
                                      "https://news.example.com/top/story-2.html",
                                      "https://other.example.org/story-3.html"]
    assert [(l.published, l.title) for l in links] == [(date(2025, 3, 2), "Regional orders grow"),
                                                       (date(2025, 3, 3), "Rooted link"), (None, "Absolute link")]


def test_a_relative_xml_base_is_taken_from_the_feed_url():
    body = ATOM_XML_BASE.replace(b'xml:base="https://news.example.com/world/"', b'xml:base="/world/"')
    assert parse_feed(body, "https://mirror.example.net/feeds/a.xml")[0].url == \
        "https://mirror.example.net/world/asia/story-1.html"


def test_an_rss_date_keeps_the_publisher_s_own_day():
    body = (b'<rss version="2.0"><channel><item><title>Late edition</title><link>https://news.example.com/late</link>'
            b"<pubDate>Fri, 03 Jan 2025 06:30:00 +0800</pubDate></item></channel></rss>")
    assert parse_feed(body, BASE)[0].published == date(2025, 1, 3)


def test_feed_items_are_capped_at_max_items():
    assert len(parse_feed(big_feed(50), BASE, max_items=7)) == 7


def test_a_100k_item_feed_stops_reading_at_the_cap():
    links = parse_feed(big_feed(100_000), BASE)
    assert len(links) == 10_000
    assert links[-1].url == "https://news.example.com/s/9999"


@pytest.mark.parametrize("body", [
    b"", b"   ", b"not xml at all, just words", b"<html><body><p>a page</p></body></html>",
    b'<?xml version="1.0"?><catalog><book/></catalog>', b"\x00\x01\x02\xff\xfe garbage",
])
def test_malformed_or_foreign_documents_raise_discovery_error(body):
    with pytest.raises(DiscoveryError):
        parse_feed(body, BASE)


def test_billion_laughs_feed_is_refused_not_expanded():
    with pytest.raises(DiscoveryError, match="hostile XML"):
        parse_feed(BILLION_LAUGHS, BASE)


def test_xxe_feed_never_reads_the_local_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-4f2a")
    with pytest.raises(DiscoveryError, match="hostile XML") as raised:
        parse_feed(xxe_feed(str(secret)), BASE)
    assert "TOPSECRET" not in str(raised.value)


def test_xxe_in_a_malformed_feed_is_refused_before_the_lenient_parser(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-77c1")
    with pytest.raises(DiscoveryError, match="hostile XML") as raised:
        parse_feed(xxe_feed(str(secret), well_formed=False), BASE)
    assert "TOPSECRET" not in str(raised.value)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_entities_declared_far_into_a_malformed_feed_are_refused(encoding):
    padding = "<!-- " + "pad " * 3000 + " -->"
    body = (f'<?xml version="1.0"?>{padding}<!DOCTYPE rss [ <!ENTITY a "aaaa"> ]>'
            '<rss version="2.0"><channel><item><title>&a; & broken</title></item></channel></rss>').encode(encoding)
    with pytest.raises(DiscoveryError, match="hostile XML"):
        parse_feed(body, BASE)


def test_parameter_entity_xxe_is_refused(tmp_path):
    body = (b'<?xml version="1.0"?><!DOCTYPE rss [ <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote; ]>'
            b'<rss version="2.0"><channel/></rss>')
    with pytest.raises(DiscoveryError, match="hostile XML"):
        parse_feed(body, BASE)


def test_feed_bytes_that_name_a_local_file_are_not_opened(tmp_path):
    feed_file = tmp_path / "feed.xml"
    feed_file.write_bytes(b'<rss version="2.0"><channel><item><link>https://leak.example/secret</link></item></channel></rss>')
    with pytest.raises(DiscoveryError):
        parse_feed(str(feed_file).encode(), BASE)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=300).map(lambda t: f"<rss><channel><item>{t}</item></channel></rss>".encode()))
def test_parse_feed_returns_links_or_raises_discovery_error(body):
    try:
        links = parse_feed(body, BASE)
    except DiscoveryError:
        return
    assert all(l.url.startswith(("http://", "https://")) for l in links)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300), st.one_of(st.none(), st.sampled_from(["text/html", "application/xml", "text/plain"])))
def test_detect_kind_always_answers_a_kind(body, content_type):
    assert detect_kind(body, content_type, "https://e.com/x") in \
        ("feed", "sitemap", "sitemap_index", "html", "text", "unknown")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=200).map(lambda t: f"<urlset><url><loc>{t}</loc></url></urlset>".encode()))
def test_parse_sitemap_returns_links_or_raises_discovery_error(body):
    try:
        pages, children = parse_sitemap(body, "https://e.com/s.xml")
    except DiscoveryError:
        return
    assert all(p.url.startswith(("http://", "https://")) for p in pages)


# ---- sitemaps --------------------------------------------------------------------------------------------

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example.com/a</loc><lastmod>2024-06-01T12:00:00+00:00</lastmod></url>
<url><loc>https://news.example.com/b</loc>
  <news:news><news:publication_date>2024-06-03</news:publication_date><news:title>Chip rules</news:title></news:news></url>
<url><loc>https://news.example.com/a</loc></url>
<url><loc>mailto:desk@example.com</loc></url>
</urlset>"""

INDEX = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://news.example.com/sitemap-1.xml</loc></sitemap>
<sitemap><loc>/sitemap-2.xml</loc></sitemap></sitemapindex>"""


def test_urlset_gives_pages_with_lastmod_and_news_tags():
    pages, children = parse_sitemap(URLSET, "https://news.example.com/sitemap.xml")
    assert pages == [DiscoveredLink("https://news.example.com/a", date(2024, 6, 1)),
                     DiscoveredLink("https://news.example.com/b", date(2024, 6, 3), "Chip rules")]
    assert children == []


def test_sitemap_index_gives_absolute_child_sitemaps():
    pages, children = parse_sitemap(INDEX, "https://news.example.com/sitemap.xml")
    assert pages == []
    assert children == ["https://news.example.com/sitemap-1.xml", "https://news.example.com/sitemap-2.xml"]


def test_gzipped_sitemap_is_read():
    pages, _ = parse_sitemap(gzip.compress(URLSET), "https://news.example.com/sitemap.xml.gz")
    assert len(pages) == 2


def test_gzip_bomb_sitemap_is_refused():
    bomb = gzip.compress(b"<urlset>" + b" " * (60 * 1024 * 1024))
    with pytest.raises(DiscoveryError, match="too large"):
        parse_sitemap(bomb, "https://e.com/s.xml.gz")


def test_plain_text_sitemap_lists_one_url_per_line():
    body = b"https://news.example.com/t/1\n\nhttps://news.example.com/t/2\nnot a url\n"
    pages, children = parse_sitemap(body, "https://news.example.com/sitemap.txt")
    assert [p.url for p in pages] == ["https://news.example.com/t/1", "https://news.example.com/t/2"]
    assert children == []


def test_sitemap_max_items_caps_pages():
    body = b"<urlset>" + b"".join(b"<url><loc>https://e.com/%d</loc></url>" % i for i in range(100)) + b"</urlset>"
    pages, _ = parse_sitemap(body, "https://e.com/s.xml", max_items=10)
    assert len(pages) == 10


@pytest.mark.parametrize("body, message", [
    (b"<rss><channel/></rss>", "not a sitemap"),
    (b"<urlset><url><loc>https://e.com/1</loc></urlset>", "malformed sitemap"),
    (BILLION_LAUGHS.replace(b"<rss", b"<urlset").replace(b"</rss>", b"</urlset>"), "hostile XML"),
    (b"   ", "empty"),
])
def test_bad_sitemaps_raise_with_a_reason(body, message):
    with pytest.raises(DiscoveryError, match=message):
        parse_sitemap(body, "https://e.com/s.xml")


# ---- walking sitemaps ------------------------------------------------------------------------------------

def recording_fetch(documents: dict[str, bytes]):
    calls: list[str] = []

    def fetch(url: str) -> bytes | None:
        calls.append(url)
        return documents.get(url)
    return fetch, calls


def index_of(*locs: str) -> bytes:
    return b"<sitemapindex>" + b"".join(b"<sitemap><loc>%s</loc></sitemap>" % l.encode() for l in locs) + b"</sitemapindex>"


def urlset_of(*locs: str) -> bytes:
    return b"<urlset>" + b"".join(b"<url><loc>%s</loc></url>" % l.encode() for l in locs) + b"</urlset>"


def test_a_sitemap_index_that_lists_itself_is_read_once():
    root = "https://e.com/sitemap.xml"
    fetch, calls = recording_fetch({root: index_of(root, "https://e.com/pages.xml"),
                                    "https://e.com/pages.xml": urlset_of("https://e.com/p1")})
    links = walk_sitemaps(fetch, root)
    assert [l.url for l in links] == ["https://e.com/p1"]
    assert calls == [root, "https://e.com/pages.xml"]


def test_indexes_that_list_each_other_do_not_loop():
    a, b = "https://e.com/a.xml", "https://e.com/b.xml"
    fetch, calls = recording_fetch({a: index_of(b, "https://e.com/leaf.xml"), b: index_of(a, a + "#again"),
                                    "https://e.com/leaf.xml": urlset_of("https://e.com/p")})
    assert [l.url for l in walk_sitemaps(fetch, a)] == ["https://e.com/p"]
    assert sorted(calls) == sorted([a, b, "https://e.com/leaf.xml"])


def test_walk_stops_at_max_sitemaps():
    docs = {f"https://e.com/{i}.xml": index_of(f"https://e.com/{i + 1}.xml") for i in range(50)}
    fetch, calls = recording_fetch(docs)
    walk_sitemaps(fetch, "https://e.com/0.xml", max_sitemaps=5)
    assert len(calls) == 5


def test_walk_skips_sitemaps_the_fetcher_could_not_get():
    root = "https://e.com/sitemap.xml"
    fetch, _ = recording_fetch({root: index_of("https://e.com/missing.xml", "https://e.com/ok.xml"),
                                "https://e.com/ok.xml": urlset_of("https://e.com/p")})
    assert [l.url for l in walk_sitemaps(fetch, root)] == ["https://e.com/p"]


def test_walk_raises_on_a_bad_child_unless_given_an_error_handler():
    root = "https://e.com/sitemap.xml"
    docs = {root: index_of("https://e.com/bad.xml", "https://e.com/ok.xml"), "https://e.com/bad.xml": b"<html/>",
            "https://e.com/ok.xml": urlset_of("https://e.com/p")}
    with pytest.raises(DiscoveryError, match="bad.xml"):
        walk_sitemaps(recording_fetch(docs)[0], root)
    errors: list[str] = []
    links = walk_sitemaps(recording_fetch(docs)[0], root, on_error=lambda url, exc: errors.append(url))
    assert [l.url for l in links] == ["https://e.com/p"]
    assert errors == ["https://e.com/bad.xml"]


def test_walk_deduplicates_pages_across_sitemaps_and_caps_them():
    root = "https://e.com/sitemap.xml"
    docs = {root: index_of("https://e.com/1.xml", "https://e.com/2.xml"),
            "https://e.com/1.xml": urlset_of("https://e.com/p", "https://e.com/q"),
            "https://e.com/2.xml": urlset_of("https://e.com/q", "https://e.com/r")}
    assert [l.url for l in walk_sitemaps(recording_fetch(docs)[0], root)] == \
        ["https://e.com/p", "https://e.com/q", "https://e.com/r"]
    assert len(walk_sitemaps(recording_fetch(docs)[0], root, max_items=2)) == 2
