"""Discovery: what kind of document some bytes are, and which page URLs a feed or sitemap lists.

Pure functions over bytes; nothing here opens a socket or a file. Feeds, well-formed or not, are read
by feedparser (xml:base, relative links, dates, titles), but only after a check that they declare no
entities (billion laughs, XXE), cut after their `max_items`-th item, and always as a stream, so that
feedparser never takes the bytes for a file name or a URL. Sitemaps are parsed with defusedxml's
streaming parser, which refuses entity declarations, external entities and DTD fetches.
"""
from __future__ import annotations

import io
import re
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime
from typing import Literal
from urllib.parse import urldefrag, urljoin, urlsplit
from xml.etree.ElementTree import Element, ParseError

import feedparser
from dateutil import parser as dateparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

SourceKind = Literal["feed", "sitemap", "sitemap_index", "html", "text", "unknown"]

SNIFF_BYTES = 4096
GZIP_MAGIC = b"\x1f\x8b"
MAX_SITEMAP_BYTES = 50 * 1024 * 1024   # the sitemap protocol's limit on an uncompressed sitemap
WEB_SCHEMES = ("http", "https")

# The markup before the root element: XML declaration, processing instructions, comments, DOCTYPE.
XML_PROLOG_ITEM = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)", re.DOTALL | re.IGNORECASE)
HTML_DOCTYPE = re.compile(r"<!DOCTYPE\s+html", re.IGNORECASE)
ROOT_ELEMENT = re.compile(r"\s*<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)

FEED_ROOTS = {"rss", "feed", "rdf"}
HTML_ROOTS = {"html", "head", "body"}
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
HTML_TYPES = ("text/html", "application/xhtml+xml")
ITEM_END = re.compile(rb"</(?:[A-Za-z_][\w.\-]*:)?(?:item|entry)\s*>", re.IGNORECASE)


class DiscoveryError(ValueError):
    """A feed or sitemap that cannot be read safely or at all; the message says why."""


@dataclass(frozen=True)
class DiscoveredLink:
    """A page URL listed by a feed or sitemap, with what the listing says about it."""

    url: str
    published: date | None = None
    title: str | None = None


def local_name(tag: str) -> str:
    """An element's tag without its namespace, lower-cased: '{http://www.w3.org/2005/Atom}Entry' -> 'entry'."""
    return tag.rsplit("}", 1)[-1].lower()


def bounded_gunzip(content: bytes, limit: int) -> bytes:
    """Decompress a gzip document, refusing to produce more than `limit` bytes (a gzip bomb stops early)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(content, limit + 1)
    except zlib.error as exc:
        raise DiscoveryError(f"bad gzip: {exc}") from exc
    if len(out) > limit:
        raise DiscoveryError(f"too large: gzip document inflates past {limit} bytes")
    return out


def text_head(content: bytes) -> str:
    """The first few kilobytes as text, decoded well enough to sniff markup (BOM-aware, never raises)."""
    head = content[:SNIFF_BYTES]
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(codec, errors="replace")
    return head.decode("utf-8", errors="replace")


def root_element(head: str) -> str | None:
    """The local name (lower-cased) of the first element after the XML prolog, or None."""
    pos = 0
    while match := XML_PROLOG_ITEM.match(head, pos):
        if match.end() == pos:
            break
        pos = match.end()
    match = ROOT_ELEMENT.match(head, pos)
    return match.group(2).lower() if match else None


def looks_binary(content: bytes) -> bool:
    """True for bytes that are not text: NUL bytes in the head of a document without a UTF-16/32 BOM."""
    head = content[:1024]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in head


def detect_kind(content: bytes, content_type: str | None, url: str) -> SourceKind:
    """What a fetched document is: the root element decides; the content type and URL break ties."""
    mime = (content_type or "").split(";")[0].strip().lower()
    if content.startswith(GZIP_MAGIC):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(content, SNIFF_BYTES)
        except zlib.error:
            return "unknown"
        return detect_kind(head, None, url) if head else "unknown"
    if looks_binary(content):
        return "unknown"
    head = text_head(content)
    root = root_element(head)
    if root in FEED_ROOTS and (root != "rdf" or "purl.org/rss" in head):
        return "feed"
    if root == "urlset":
        return "sitemap"
    if root == "sitemapindex":
        return "sitemap_index"
    if root in HTML_ROOTS or HTML_DOCTYPE.search(head[:200]):
        return "html"
    if mime in FEED_TYPES:
        return "feed"
    if mime in HTML_TYPES:
        return "html"
    if mime == "text/plain" or (root is None and head.strip() and url.lower().endswith(".txt")):
        return "text"
    return "unknown"


def web_url(href: str | None, base_url: str) -> str | None:
    """`href` made absolute against `base_url`, without its fragment; None unless it is http(s)."""
    if not href or not href.strip():
        return None
    try:
        url, _ = urldefrag(urljoin(base_url, href.strip()))
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:  # e.g. "Invalid IPv6 URL" for "http://[::1": one bad link, not a bad document
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not hostname:
        return None
    return url


def parse_date(value: str | None) -> date | None:
    """The date of an RFC 822 (RSS) or ISO 8601 (Atom, sitemap) timestamp, or None when unreadable."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dateparser.isoparse(value).date()
    except (ValueError, OverflowError):
        pass
    try:
        return dateparser.parse(value).date()
    except (ValueError, OverflowError):
        return None


def refuse_entities(content: bytes) -> None:
    """Raise DiscoveryError if the document declares entities (the way to XML bombs and XXE)."""
    # Dropping NUL bytes lets one byte search also see UTF-16 and UTF-32 text.
    if ENTITY_DECLARATION.search(content.replace(b"\x00", b"")):
        raise DiscoveryError("hostile XML: entity declarations are not allowed")


def xml_elements(content: bytes) -> Iterator[tuple[str, Element]]:
    """(event, element) pairs from a defused streaming parse; hostile or malformed XML raises DiscoveryError."""
    events = iterparse(io.BytesIO(content), events=("start", "end"), forbid_dtd=False,
                       forbid_entities=True, forbid_external=True)
    try:
        yield from events
    except DefusedXmlException as exc:
        raise DiscoveryError(f"hostile XML: {type(exc).__name__}: {exc}") from exc


def child_text(element: Element, *names: str) -> str | None:
    """Text of the first direct child whose local name is one of `names`, in the order given."""
    children = {}
    for child in element:
        children.setdefault(local_name(child.tag), child)
    for name in names:
        child = children.get(name)
        if child is not None and child.text and child.text.strip():
            return child.text.strip()
    return None


def item_cut(content: bytes, max_items: int) -> bytes:
    """The document up to the end of its `max_items`-th item: feedparser reads whole documents, so a feed
    of 100,000 items is cut to the part that can matter before it is parsed (a cut feed parses leniently)."""
    count = 0
    for match in ITEM_END.finditer(content):
        count += 1
        if count >= max_items:
            return content[:match.end()]
    return content


def entry_date(entry) -> date | None:
    """An item's publication date as its publisher wrote it (the local day, not UTC), else its update date."""
    for key in ("published", "updated", "created"):
        published = parse_date(entry.get(key))
        if published is not None:
            return published
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(*stamp[:3]) if stamp else None


def parse_feed(content: bytes, base_url: str, max_items: int = 10_000) -> list[DiscoveredLink]:
    """The distinct page links of an RSS 0.9x/1.0/2.0 or Atom feed, absolute, in document order, at most
    `max_items`, each with the item's date and title.

    feedparser reads every feed, well-formed or not: links are resolved against xml:base and the feed's
    own URL. Entity declarations are refused before it sees the bytes, which it gets as a stream.
    """
    if not content.strip():
        raise DiscoveryError("malformed feed: empty document")
    refuse_entities(content)
    try:
        parsed = feedparser.parse(io.BytesIO(item_cut(content, max_items)), resolve_relative_uris=False,
                                  sanitize_html=False, response_headers={"content-location": base_url})
    except ValueError as exc:  # feedparser can fail inside on hostile namespace URIs
        raise DiscoveryError(f"malformed feed: {exc}") from exc
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS or Atom structure"
        raise DiscoveryError(f"malformed feed: {reason}")
    links: dict[str, DiscoveredLink] = {}
    for entry in parsed.entries:
        url = web_url(entry.get("link") or permalink(entry), base_url)
        if not url or url in links:
            continue
        links[url] = DiscoveredLink(url, entry_date(entry), (entry.get("title") or "").strip() or None)
        if len(links) >= max_items:
            break
    return list(links.values())


def permalink(entry) -> str | None:
    """An RSS item's guid when it is a permalink (feedparser keeps it as `id`)."""
    guid = entry.get("id")
    if guid and entry.get("guidislink", True) and guid.startswith(WEB_SCHEMES):
        return guid
    return None


def feeds_in_page(html: str, page_url: str, max_feeds: int = 5) -> list[str]:
    """The feed URLs a homepage announces: <link rel="alternate"> of a feed type first, else links that look
    like feeds (trafilatura's feed finder), absolute, http(s) only, at most `max_feeds`."""
    from trafilatura.feeds import FeedParameters, determine_feed

    parts = urlsplit(page_url)
    params = FeedParameters(f"{parts.scheme}://{parts.netloc}", parts.hostname or "", page_url)
    found = (web_url(link, page_url) for link in determine_feed(html, params))
    return list(dict.fromkeys(url for url in found if url))[:max_feeds]


def text_sitemap_links(content: bytes, base_url: str, max_items: int) -> list[DiscoveredLink]:
    """A plain-text sitemap: one absolute URL per line."""
    links: dict[str, DiscoveredLink] = {}
    for line in content.decode("utf-8", errors="replace").splitlines():
        url = web_url(line, base_url) if line.strip().lower().startswith(WEB_SCHEMES) else None
        if url and url not in links:
            links[url] = DiscoveredLink(url)
            if len(links) >= max_items:
                break
    if not links and content.strip():
        raise DiscoveryError("not a sitemap: no URLs in the text")
    return list(links.values())


def sitemap_entry(element: Element, base_url: str) -> DiscoveredLink | None:
    """A <url> or <sitemap> element as a link: <loc>, and the date and title it carries (Google News tags too)."""
    url = web_url(child_text(element, "loc"), base_url)
    if url is None:
        return None
    published, title = parse_date(child_text(element, "lastmod")), None
    for child in element:
        if local_name(child.tag) == "news":
            published = parse_date(child_text(child, "publication_date")) or published
            title = child_text(child, "title")
    return DiscoveredLink(url, published, title)


def parse_sitemap(content: bytes, base_url: str, max_items: int = 50_000) -> tuple[list[DiscoveredLink], list[str]]:
    """(pages, child sitemaps) of a sitemap, a sitemap index, a gzipped one, or a plain-text URL list."""
    if content.startswith(GZIP_MAGIC):
        content = bounded_gunzip(content, MAX_SITEMAP_BYTES)
    if not content.strip():
        raise DiscoveryError("malformed sitemap: empty document")
    if not text_head(content).lstrip().startswith("<"):
        return text_sitemap_links(content, base_url, max_items), []
    pages: dict[str, DiscoveredLink] = {}
    children: dict[str, None] = {}
    root: str | None = None
    try:
        for event, element in xml_elements(content):
            name = local_name(element.tag)
            if root is None:
                root = name
                if root not in ("urlset", "sitemapindex"):
                    raise DiscoveryError(f"not a sitemap: root element <{root}>")
            if event != "end" or name not in ("url", "sitemap"):
                continue
            link = sitemap_entry(element, base_url)
            element.clear()
            if link is not None and name == "url":
                pages.setdefault(link.url, link)
            elif link is not None:
                children.setdefault(link.url, None)
            if len(pages) + len(children) >= max_items:
                break
    except ParseError as exc:
        raise DiscoveryError(f"malformed sitemap: {exc}") from exc
    return list(pages.values()), list(children)


def walk_sitemaps(fetch: Callable[[str], bytes | None], root: str, max_sitemaps: int = 100,
                  max_items: int = 50_000,
                  on_error: Callable[[str, DiscoveryError], None] | None = None) -> list[DiscoveredLink]:
    """Every page listed by a sitemap and the sitemaps it indexes, breadth first, each sitemap read once.

    `fetch(url)` returns a sitemap's bytes, or None when it could not be fetched (the caller logs why).
    A sitemap index that lists itself, or two that list each other, end the walk instead of looping.
    A document that is not a readable sitemap raises DiscoveryError, or is passed to `on_error` and
    skipped when a handler is given. At most `max_sitemaps` documents are fetched and `max_items` pages returned.
    """
    queue: deque[str] = deque([root])
    visited: set[str] = set()
    pages: dict[str, DiscoveredLink] = {}
    while queue and len(visited) < max_sitemaps and len(pages) < max_items:
        url = queue.popleft()
        key = urldefrag(url)[0]
        if key in visited:
            continue
        visited.add(key)
        content = fetch(url)
        if content is None:
            continue
        try:
            found, children = parse_sitemap(content, url, max_items=max_items - len(pages))
        except DiscoveryError as exc:
            if on_error is None:
                raise DiscoveryError(f"{url}: {exc}") from exc
            on_error(url, exc)
            continue
        for link in found:
            pages.setdefault(link.url, link)
        queue.extend(child for child in children if urldefrag(child)[0] not in visited)
    return list(pages.values())[:max_items]
