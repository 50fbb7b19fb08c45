"""Bytes to text: which charset a page or text file is in, decided in one place for fetched pages and files."""
from __future__ import annotations

import codecs
import re

CHARSET_PARAM = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:\-]+)", re.IGNORECASE)
META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([\w.:\-]+)", re.IGNORECASE)
XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([\w.:\-]+)[\"']", re.IGNORECASE)


def decodes_as(content: bytes, charset: str) -> str | None:
    """The codec's canonical name if `content` decodes with it strictly, else None (unknown or wrong label)."""
    try:
        name = codecs.lookup(charset).name
        content.decode(name)
    except (LookupError, UnicodeDecodeError):
        return None
    return name


def detect_charset(content: bytes, content_type: str | None) -> tuple[str | None, str | None]:
    """(charset, where it came from): BOM, then header, then <meta>/XML declaration, then a UTF-8 sniff.

    A label that names no codec, or that the bytes do not decode with, is passed over, so a page
    served as UTF-8 but written in Latin-1 gets a charset that decodes it.
    """
    if not content:
        return None, None
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if content.startswith(bom):
            return name, "bom"
    head = content[:4096]
    candidates = [(m.group(1), "header") for m in [CHARSET_PARAM.search(content_type or "")] if m]
    declared = (XML_ENCODING.search(head), META_CHARSET.search(head))
    candidates += [(m.group(1).decode("ascii"), "meta") for m in declared if m]
    for label, source in candidates:
        name = decodes_as(content, label)
        if name:
            return name, source
    if decodes_as(content, "utf-8"):
        return "utf-8", "sniffed"
    return "windows-1252", "fallback"
