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
from transforms.zh.date_lines import dateline_date, infer_anchor_date
from transforms.zh.dates import find_dates
from transforms.zh.lexicon import ZhLexicon, build_zh_lexicon
from transforms.zh.script import fold
from transforms.zh.sentences import split_sentences

DATELINE_LAG_DAYS = 7


class ChineseExtractor:
    """Compiled Chinese vocabularies; `fx` is the English spend lexicon, whose FX table converts amounts."""

    def __init__(self, ref: ReferenceData, fx: SpendLexicon):
        self.lexicon: ZhLexicon = build_zh_lexicon(ref)
        self.fx = fx

    def anchor_date(self, article: Article) -> date | None:
        """The day the text's relative dates count from: the wire dateline's day when the article was
        published within a week after it (wire copy says 今天 of the day it was filed: "本报北京9月13日电……商务部
        今天发布公告" in a paper of 9月14日), else the publication date, else the text's date line or dateline."""
        published = article.published_on
        if published is None:
            return infer_anchor_date(article.text)
        filed = dateline_date(article.text, published.year)
        if filed is not None and filed > published:
            filed = dateline_date(article.text, published.year - 1)  # "12月31日电" in a paper of 1月2日
        if filed is not None and 0 <= (published - filed).days <= DATELINE_LAG_DAYS:
            return filed
        return published

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
