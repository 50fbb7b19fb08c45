"""Policy events from a Chinese article (placeholder)."""
from __future__ import annotations


def extract_policy(article, folded, sentences, anchor, lexicon):
    return []
