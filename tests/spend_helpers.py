"""Shared helpers for the spend tests: run the spend extractor on a short article written for a test."""
from datetime import date
from functools import lru_cache

from seeds import SEEDS_DIR
from transforms.article import sha256_hex
from transforms.models import Article
from transforms.reference import load_reference
from transforms.sentences import split_sentences
from transforms.spend import extract_spend
from transforms.spend_lexicon import build_spend_lexicon


@lru_cache(maxsize=1)
def lexicon():
    return build_spend_lexicon(load_reference(SEEDS_DIR))


def run(text, published=date(2025, 6, 30), title="AI chips"):
    article = Article(article_id="k1", source="k.txt", url="file:///k.txt", title=title, published_on=published,
                      text=text, content_sha256=sha256_hex(text))
    return extract_spend(article, split_sentences(text), published, lexicon())


def facts(text, *fields, **kw):
    """Sorted tuples of the given fields of every row."""
    return sorted(tuple(getattr(r, f) for f in fields) for r in run(text, **kw))
