"""Bytes to text: which charset a page or a text file is in, decided here for fetched pages and local
files alike (the fetcher and flows/local.py record the decision on the RawPage, the parser decodes).

The order is the browser's (WHATWG), with w3lib doing the label work: a byte-order mark; the charset
of the Content-Type header; a <meta> or XML declaration; then detection. Labels are mapped as browsers
map them (w3lib.encoding.resolve_encoding): GB2312 and GBK are read as GB18030, Latin-1 and ASCII as
windows-1252, Big5 as Big5-HKSCS, UTF-7 is refused. Where a label is wrong, the bytes say so:

- a declared label is taken when the bytes decode with it strictly;
- a single-byte label (windows-1252, ISO-8859-x ...) decodes almost any bytes, so it yields when the
  bytes are valid UTF-8 with non-ASCII characters, or when charset-normalizer finds them in a
  multi-byte encoding (GB18030, Big5, Shift_JIS, EUC-KR ...): a Big5 page served as ISO-8859-1;
- with no usable label: UTF-8 if the bytes are UTF-8; else a multi-byte encoding that detection finds;
  else a declared non-UTF-8 multi-byte label with its few broken bytes replaced; else windows-1252.

Detection is only trusted for multi-byte encodings: among single-byte code pages it guesses badly
(it reads French windows-1252 as windows-1250), so a Western page gets its label or windows-1252.
"""
from __future__ import annotations

import codecs
import importlib
from dataclasses import dataclass
from functools import lru_cache

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding, \
    to_unicode

FALLBACK = "cp1252"          # the WHATWG default for pages that say nothing, in most locales
SINGLE_BYTE = frozenset({"ascii", "latin-1", "iso8859-1", "cp1252"})


@dataclass(frozen=True)
class Decoded:
    """A document's text and the charset it was read with (`source`: bom, header, meta, detected, fallback)."""

    text: str
    charset: str | None
    source: str | None


@lru_cache(maxsize=64)
def is_single_byte(name: str) -> bool:
    """True for a code page that maps every byte to one character (and so decodes almost any bytes)."""
    if name in SINGLE_BYTE:
        return True
    try:
        module = importlib.import_module(f"encodings.{codecs.lookup(name).name.replace('-', '_')}")
    except (ImportError, LookupError):
        return False
    return hasattr(module, "decoding_table")


def decodes_strictly(content: bytes, name: str) -> bool:
    try:
        content.decode(name)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def has_non_ascii(content: bytes) -> bool:
    return not content.isascii()


def detected_multibyte(content: bytes) -> str | None:
    """The multi-byte encoding (UTF-8 included) the bytes are in, if detection is sure of one; else None."""
    if decodes_strictly(content, "utf-8"):
        return "utf-8"
    from charset_normalizer import from_bytes   # imported on demand: most pages never need it

    best = from_bytes(content).best()
    name = resolve_encoding(best.encoding) if best is not None else None
    if name is None or is_single_byte(name) or name.startswith(("utf-16", "utf-32")):
        return None   # UTF-16/32 without a BOM: any even run of bytes "decodes", so a guess is no evidence
    return name if lenient_ok(content, name) else None


def lenient_ok(content: bytes, name: str, max_broken: float = 0.001) -> bool:
    """True when `content` decodes with `name` but for a few broken bytes (a truncated character)."""
    text = to_unicode(content, name)
    return text.count("\ufffd") <= max(1, int(len(text) * max_broken))


def declared_labels(content: bytes, content_type: str | None) -> list[tuple[str, str]]:
    """(charset, where) for the header's label and the document's own <meta>/XML declaration, mapped as
    browsers map them; unknown labels are left out."""
    labels = [(http_content_type_encoding(content_type), "header"), (html_body_declared_encoding(content), "meta")]
    return [(name, source) for name, source in labels if name]


def detect_charset(content: bytes, content_type: str | None) -> tuple[str | None, str | None]:
    """(charset, where it came from) for a document's bytes: see the module docstring for the order."""
    if not content:
        return None, None
    bom, _ = read_bom(content)
    if bom:
        return bom, "bom"
    declared = declared_labels(content, content_type)
    for name, source in declared:
        if not decodes_strictly(content, name):
            continue
        if is_single_byte(name) and has_non_ascii(content):
            better = detected_multibyte(content)
            if better:
                return better, "detected"
        return name, source
    if not has_non_ascii(content):
        return "utf-8", "sniffed"
    better = detected_multibyte(content)
    if better:
        return better, "detected" if declared or better != "utf-8" else "sniffed"
    for name, source in declared:
        if name != "utf-8" and not is_single_byte(name) and lenient_ok(content, name):
            return name, source
    return FALLBACK, "fallback"


def decode_document(content: bytes, content_type: str | None = None, charset: str | None = None) -> Decoded:
    """The document's text: with `charset` when the caller already decided it (the fetcher did), else with
    the charset detect_charset decides. Never raises: bytes no charset explains become U+FFFD."""
    source = "given"
    if not charset or resolve_encoding(charset) is None:
        charset, source = detect_charset(content, content_type)
    if charset is None:
        return Decoded("", None, None)
    name = resolve_encoding(charset) or charset
    bom, mark = read_bom(content)
    if bom and codecs.lookup(bom).name == codecs.lookup(name).name:
        content = content[len(mark):]
    return Decoded(to_unicode(content, name), charset, source)
