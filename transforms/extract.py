"""The one entry point the flow calls: an article in, its spend and policy rows out.

`Extractor(ref)` compiles every gazetteer and vocabulary once (the flow keeps one per process);
`Extractor.extract(article)` splits the text into sentences once, finds the anchor date (the
publication date, else one the text implies) and runs the spend and policy extractors on them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from transforms.dates import infer_anchor_date
from transforms.models import Article, PolicyEvent, SpendFact
from transforms.policy import extract_policy
from transforms.policy_lexicon import PolicyLexicon, build_policy_lexicon
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


class Extractor:
    """Compiled extraction rules for one set of seeds."""

    def __init__(self, ref: ReferenceData):
        self.spend_lexicon: SpendLexicon = build_spend_lexicon(ref)
        self.policy_lexicon: PolicyLexicon = build_policy_lexicon(ref, self.spend_lexicon.companies)

    def anchor_date(self, article: Article) -> date | None:
        """The publication date, else the date the text implies (a dateline, "Monday (January 20)")."""
        if article.published_on is not None:
            return article.published_on
        return infer_anchor_date(article.text)

    def extract(self, article: Article) -> ExtractedRows:
        """Spend and policy rows of one article; every row's evidence slices `article.text` exactly."""
        sentences = split_sentences(article.text)
        anchor = self.anchor_date(article)
        spend = extract_spend(article, sentences, anchor, self.spend_lexicon)
        policy = extract_policy(article, sentences, anchor, self.policy_lexicon)
        return ExtractedRows(spend=spend, policy=policy)
