"""The one entry point the flow calls: an article in, its spend and policy rows out.

`Extractor(ref)` compiles every gazetteer and vocabulary once (the flow keeps one per process);
`Extractor.extract(article)` splits the text into sentences once, finds the anchor date (the
publication date, else one the text implies) and runs the spend and policy extractors on them.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import date
from types import ModuleType

from transforms.models import Article, PolicyEvent, SpendFact
from transforms.reference import ReferenceData
from transforms.sentences import split_sentences
from transforms.spend import extract_spend, stable_id
from transforms.spend_lexicon import SpendLexicon, build_spend_lexicon

__all__ = ["ExtractedRows", "Extractor", "stable_id"]


@dataclass(frozen=True)
class ExtractedRows:
    """The rows found in one article."""

    spend: list[SpendFact] = field(default_factory=list)
    policy: list[PolicyEvent] = field(default_factory=list)


def _optional_module(name: str) -> ModuleType | None:
    """A sibling transform that may not exist yet in a partial checkout (policy, dates)."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return None


class Extractor:
    """Compiled extraction rules for one set of seeds."""

    def __init__(self, ref: ReferenceData):
        self.spend_lexicon: SpendLexicon = build_spend_lexicon(ref)
        self._dates = _optional_module("transforms.dates")
        self._policy = _optional_module("transforms.policy")
        self.policy_lexicon = None
        if self._policy is not None:
            self.policy_lexicon = self._policy.build_policy_lexicon(ref, self.spend_lexicon.companies)

    def anchor_date(self, article: Article) -> date | None:
        """The publication date, else the date the text implies (a dateline, "Monday (January 20)")."""
        if article.published_on is not None:
            return article.published_on
        if self._dates is not None and hasattr(self._dates, "infer_anchor_date"):
            return self._dates.infer_anchor_date(article.text)
        return None

    def extract(self, article: Article) -> ExtractedRows:
        """Spend and policy rows of one article; every row's evidence slices `article.text` exactly."""
        sentences = split_sentences(article.text)
        anchor = self.anchor_date(article)
        spend = extract_spend(article, sentences, anchor, self.spend_lexicon)
        policy: list[PolicyEvent] = []
        if self._policy is not None and self.policy_lexicon is not None:
            policy = self._policy.extract_policy(article, sentences, anchor, self.policy_lexicon)
        return ExtractedRows(spend=spend, policy=policy)
