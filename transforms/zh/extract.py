"""The Chinese extractor: an article in, its spend and policy rows out (called by transforms.extract for
articles whose language routing says Chinese).

The text is folded to simplified characters once (transforms.zh.script) and split into sentences once;
the anchor date is the publication date, else the dateline or date line the text gives.
"""
from __future__ import annotations

from datetime import date

from transforms.models import Article, PolicyEvent, SpendFact
from transforms.reference import ReferenceData
from transforms.sentences import Sentence
from transforms.spend_lexicon import SpendLexicon
from transforms.zh import policy as zh_policy
from transforms.zh import spend as zh_spend
from transforms.zh.dates import find_dates, infer_anchor_date
from transforms.zh.lexicon import ZhLexicon, build_zh_lexicon
from transforms.zh.script import fold
from transforms.zh.sentences import split_sentences


class ChineseExtractor:
    """Compiled Chinese vocabularies; `fx` is the English spend lexicon, whose FX table converts amounts."""

    def __init__(self, ref: ReferenceData, fx: SpendLexicon):
        self.lexicon: ZhLexicon = build_zh_lexicon(ref)
        self.fx = fx

    def anchor_date(self, article: Article) -> date | None:
        """The publication date, else the dateline or date line of the text."""
        return article.published_on or infer_anchor_date(article.text)

    def extract(self, article: Article, sentences: list[Sentence] | None = None
                ) -> tuple[list[SpendFact], list[PolicyEvent]]:
        """Spend and policy rows; every row's evidence slices `article.text` exactly (`sentences`: the text's
        Chinese sentences, when the caller split it already)."""
        folded = fold(article.text)
        sentences = split_sentences(article.text) if sentences is None else sentences
        anchor = self.anchor_date(article)
        dates = find_dates(folded, anchor)
        spend = zh_spend.extract_spend(article, folded, sentences, anchor, self.lexicon, self.fx, dates)
        policy = zh_policy.extract_policy(article, folded, sentences, anchor, self.lexicon, dates)
        return spend, policy
