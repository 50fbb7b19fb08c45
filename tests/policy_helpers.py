"""Shared helpers for the policy tests: run the English policy extractor, or the whole extractor on a Chinese
text, on a short article written for a test."""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from seeds import SEEDS_DIR
from transforms.article import sha256_hex
from transforms.entities import CompanyGazetteer
from transforms.extract import Extractor
from transforms.models import Article, PolicyEvent
from transforms.policy import build_policy_lexicon, extract_policy
from transforms.reference import load_reference
from transforms.sentences import split_sentences

ANCHOR = date(2026, 3, 18)  # a Wednesday
DATE_LEN = {"day": 10, "month": 7, "year": 4, None: 0}   # characters of an ISO date at each precision


@lru_cache(maxsize=1)
def policy_lexicon():
    ref = load_reference(SEEDS_DIR)
    return build_policy_lexicon(ref, CompanyGazetteer.from_rows(ref.table("companies")))


def english_policy(text: str, lexicon, anchor: date | None = ANCHOR) -> list[PolicyEvent]:
    """The English policy rows of `text`, published on `anchor`."""
    article = Article(article_id="n1", source="n.txt", url="file:///n.txt", text=text, content_sha256="0" * 64,
                      published_on=anchor)
    return extract_policy(article, split_sentences(text), anchor, lexicon)


def event_keys(text: str, lexicon, anchor: date | None = ANCHOR, status: bool = False) -> set[tuple]:
    """(actor_country, instrument[, status], event date at its precision) of each English policy row of `text`."""
    return {(e.actor_country, e.instrument, *((e.status,) if status else ()),
             e.event_date and e.event_date.isoformat()[:DATE_LEN[e.date_precision]])
            for e in english_policy(text, lexicon, anchor)}


@lru_cache(maxsize=1)
def extractor() -> Extractor:
    return Extractor(load_reference(SEEDS_DIR))


def article_policy(text: str, published: date | None, language: str) -> list[PolicyEvent]:
    """The policy rows the whole extractor gives for `text`; every row's evidence slices the text."""
    article = Article(article_id="p1", source="p.txt", url="file:///p.txt", published_on=published, language=language,
                      text=text, content_sha256=sha256_hex(text))
    rows = extractor().extract(article).policy
    for row in rows:
        assert text[row.char_start:row.char_end] == row.evidence
    return rows


def chinese_policy(text: str, published: date) -> list[PolicyEvent]:
    """The policy rows the whole extractor gives for a Chinese `text`."""
    return article_policy(text, published, "zh")
