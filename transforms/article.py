"""Raw page bytes to an Article: main text and metadata, with trafilatura doing the HTML work.

`parse_page` is pure: it takes a RawPage value and settings, and returns an Article or raises
ParseError with a reason that the flow records in `fetch_log`.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from urllib.parse import urlsplit, urlunsplit

import trafilatura
from dateutil import parser as dateparser
from htmldate import find_date
from lxml import html as lxml_html
from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title, extract_url
from trafilatura.settings import Document
from trafilatura.utils import load_html

from transforms.decoding import decode_document
from transforms.language import HAN, guess_language
from transforms.models import Article, RawPage
from transforms.page_tables import restore_tables, table_captions
from transforms.zh.date_lines import date_line_date as chinese_date_line_date
from transforms.zh.date_lines import infer_anchor_date as chinese_dateline_date

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")

# "TOKYO, July 24, 2023 - ", "BEIJING, Jan 2 (Reuters) -", "HONG KONG, 3 March 2025 —"
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'\-]{1,40}),\s+"
    r"(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)|(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?))"
    r"(?:\s*\([A-Za-z .]+\))?\s*[-\u2013\u2014:]"
)
HTML_LANG = re.compile(rb"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
SITE_FROM_URL = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")   # trafilatura's own fallback
DATE_PARAMS = {"extensive_search": False, "original_date": True}
# 1 January written out in a page whose own year was replaced by "Y": "Y年1月1日", "Y-01-01", "Y/1/1".
NEW_YEARS_DAY = re.compile(r"Y\s*(?:年\s*0?1\s*月\s*0?1\s*[日号]|[-/.]0?1[-/.]0?1(?!\d))")
HEADINGS = ("h1", "h2", "h3")
BYLINE_CHARS = 80  # a byline block is short; longer blocks hold the article or a list of others
TRACKING_PARAMS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_[a-z]+|ref|cmpid)=", re.IGNORECASE)


class ParseError(ValueError):
    """The page could not be turned into an article; the message is the reason."""


@dataclass(frozen=True)
class ParseSettings:
    """Options passed down to trafilatura and the article checks."""

    favor_precision: bool = False
    include_tables: bool = True
    min_text_chars: int = 1


def sha256_hex(data: bytes | str) -> str:
    """Hex SHA-256 of bytes, or of a string's UTF-8 encoding."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def canonical_url(url: str) -> str:
    """A URL normalised so the same article reached twice compares equal.

    Lower-cases scheme and host, drops the fragment, tracking parameters and a trailing slash.
    File paths and file:// URIs are returned as file:// URIs.
    """
    if "://" not in url:
        return PurePosixPath(url).as_uri() if url.startswith("/") else url
    parts = urlsplit(url)
    query = "&".join(q for q in parts.query.split("&") if q and not TRACKING_PARAMS.match(q))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def article_id_for(url: str) -> str:
    """Stable article id: the first 16 hex digits of the canonical URL's hash."""
    return sha256_hex(canonical_url(url))[:16]


def find_dateline_date(text: str) -> date | None:
    """The date of a news dateline opening one of the first lines ("TOKYO, July 24, 2023 -"), if it names a year."""
    for line in text[:1500].split("\n")[:8]:
        match = DATELINE.match(line)
        if match and re.search(r"\d{4}", match.group("date")):
            try:
                return dateparser.parse(match.group("date").replace(".", "")).date()
            except (ValueError, OverflowError):
                return None
    return None


def normalise_text(text: str) -> str:
    """Unix newlines, no trailing spaces, no runs of blank lines; offsets point into this form."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def is_plain_text(page: RawPage) -> bool:
    """True when the page is a .txt file or served as text/plain."""
    ctype = (page.content_type or "").split(";")[0].strip().lower()
    if ctype:
        return ctype == "text/plain"
    return urlsplit(page.url).path.lower().endswith(TEXT_SUFFIXES)


def parse_date(value: str | None) -> date | None:
    """An ISO-ish date string from metadata as a date, or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def parse_text_page(page: RawPage, settings: ParseSettings) -> Article:
    """A plain-text article: the whole text; the title is its first line when it reads like one."""
    text = normalise_text(decode_document(page.content, page.content_type, page.charset).text)
    first_line = text.split("\n", 1)[0].strip()
    title = first_line if 0 < len(first_line) <= 200 and not first_line.endswith((".", "。")) else None
    return build_article(page, text, title=title, publisher=None, published_on=None,
                         language=guess_language(text), settings=settings)


def decoded_html(page: RawPage) -> str:
    """The page as text, in the charset the fetcher or file reader decided (transforms/decoding.py decides
    it here when nobody did): the one decoder for pages and files, so trafilatura never guesses on its own."""
    return decode_document(page.content, page.content_type, page.charset).text


def page_metadata(tree, url: str | None) -> Document:
    """Title, site name and date of a parsed page: the part of trafilatura's `extract_metadata` an Article
    uses, in the same order, without author, categories, tags and licence (a fifth of the parsing time on
    real pages, measured in bench/RESULTS.md). The metadata functions read the tree without changing it."""
    meta = extract_meta_json(tree, examine_meta(tree))
    if not meta.title:
        meta.title = extract_title(tree)
    if not meta.url:
        meta.url = extract_url(tree, url)
    meta.date = find_date(tree, **DATE_PARAMS, url=meta.url)
    if not meta.sitename:
        meta.sitename = extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url and (host := SITE_FROM_URL.match(meta.url)):
        meta.sitename = host[1]
    meta.clean_and_trim()
    return meta


def parse_html_page(page: RawPage, settings: ParseSettings) -> Article:
    """An HTML article through trafilatura: main text, title, site name, date, language."""
    if b"\x00" in page.content[:4096]:
        raise ParseError("binary: content has NUL bytes, not HTML")
    try:
        tree = load_html(decoded_html(page))
        meta = page_metadata(tree, page.url if "://" in page.url else None) if tree is not None else None
        captions = table_captions(tree) if tree is not None else []  # read before trafilatura prunes the tree
        doc = trafilatura.bare_extraction(
            tree,
            include_tables=settings.include_tables,
            include_comments=False,
            favor_precision=settings.favor_precision,
        ) if tree is not None else None
    except (ValueError, TypeError, lxml_html.etree.ParserError) as exc:
        raise ParseError(f"unparseable: {exc}") from exc
    if meta is None or doc is None or not (doc.text or "").strip():
        raise ParseError("no_main_text: trafilatura found no article text")
    text = normalise_text(doc.text)
    match = HTML_LANG.search(page.content[:4096])
    lang = match.group(1).decode().lower() if match else guess_language(text)
    published = parse_date(meta.date)
    if lang == "zh" or (lang is None and HAN.search(text)):
        text, published = chinese_page(page, settings, text, published)
    else:
        text = restore_tables(text, captions)  # a table's caption names its unit, spend and period
    return build_article(page, text, title=meta.title, publisher=meta.sitename,
                         published_on=published, language=lang, settings=settings)


def article_date(page: RawPage, text: str, page_date: date | None,
                 language: str | None = None) -> tuple[date | None, str | None]:
    """(published_on, date_source): the page's own date, else a dateline in its text (English, or Chinese
    "新华社北京12月23日电" for a Chinese text), else the date the feed, sitemap or GDELT listed it with."""
    if page_date is not None:
        return page_date, "page"
    dateline = find_dateline_date(text) or (chinese_dateline_date(text) if language == "zh" else None)
    if dateline is not None:
        return dateline, "dateline"
    if page.listed_on is not None:
        return page.listed_on, page.listed_by or "listing"
    return None, None


def chinese_page(page: RawPage, settings: ParseSettings, text: str, published: date | None) -> tuple[str, date | None]:
    """A Chinese page read again where trafilatura's defaults fall short on it, measured on the Chinese dev
    pages: the recall setting keeps the lists and table captions that report pages (研报, 中标公告) put
    their figures in, and the extensive date search finds the visible byline date ("2025年09月01日 10:26",
    "發布時間：2025/12/10") that Chinese portals often give instead of a meta tag; a wire dateline in the
    text ("新华社北京12月23日电") comes last. The recall text is kept only when it holds more."""
    try:
        recall = trafilatura.bare_extraction(load_html(decoded_html(page)), include_tables=settings.include_tables,
                                             include_comments=False, favor_recall=True)
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        recall = None
    if recall is not None and len(normalise_text(recall.text or "")) > len(text):
        text = normalise_text(recall.text)
    if published is None and chinese_dateline_date(text) is None:
        # The extensive search guesses 1 January of any year a page names ("2025年至2028年") when it finds no
        # full date, so the date line or dateline the text gives (read in article_date) goes first, then a
        # byline above the main text ("晨星科技　记者 何静姝　2025年01月23日 21:16"), then the search.
        try:
            tree = load_html(decoded_html(page))
            published = byline_date(tree, text) or parse_date(find_date(tree, extensive_search=True, original_date=True))
        except (ValueError, TypeError, lxml_html.etree.ParserError):
            published = None
        if published is not None and (published.month, published.day) == (1, 1) and not NEW_YEARS_DAY.search(
                decoded_html(page).replace(str(published.year), "Y")):
            published = None  # the search's guess from a bare year ("2025年至2028年的规划"), not a date
    return text, published   # a date line or dateline, when there is no page date, is read in article_date


def byline_date(tree, text: str) -> date | None:
    """The date of a short block above the main text that is a Chinese date line (an outlet, a byline and a
    date: "晨星科技　记者 何静姝　2025年01月23日 21:16"); blocks from the main text's first line on are not read,
    but for a headline the text opens with (the byline under an <h1> that trafilatura kept as the first line)."""
    if tree is None:
        return None
    lines = [line[:16] for line in text.strip().split("\n") if line.strip()]
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "head", "title"):
            continue
        block = "".join(element.itertext()).strip()
        if not block or len(block) > BYLINE_CHARS:
            continue
        if lines and lines[0] in block:
            if element.tag in HEADINGS and len(lines) > 1:
                lines.pop(0)  # the headline the text opens with: a byline under it is still above the story
                continue
            return None
        if (found := chinese_date_line_date(block)) is not None:
            return found
    return None


def build_article(page: RawPage, text: str, *, title, publisher, published_on, language,
                  settings: ParseSettings) -> Article:
    """Assemble the Article value and enforce the minimum text length; the listing's title and date stand in
    for the page's own when it has none."""
    if len(text) < settings.min_text_chars:
        raise ParseError(f"too_short: {len(text)} characters of text")
    published_on, date_source = article_date(page, text, published_on, language)
    title = title or page.listed_title
    return Article(
        article_id=article_id_for(page.url),
        source=page.source,
        url=canonical_url(page.url),
        title=title,
        publisher=publisher,
        published_on=published_on,
        date_source=date_source,
        language=language,
        text=text,
        content_sha256=sha256_hex(text),
        raw_sha256=sha256_hex(page.content),
    )


def parse_page(page: RawPage, settings: ParseSettings = ParseSettings()) -> Article:
    """Turn one fetched or read page into an Article, or raise ParseError with the reason."""
    if not page.content.strip():
        raise ParseError("empty: the page has no content")
    if is_plain_text(page):
        return parse_text_page(page, settings)
    return parse_html_page(page, settings)
