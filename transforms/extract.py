"""The one entry point the flow calls: an article in, its spend and policy rows out.

`Extractor(ref)` compiles every gazetteer and vocabulary once (the flow keeps one per process);
`Extractor.extract(article)` chooses the grammars by the article's language (transforms.language:
English, Chinese, or both for a page mixing them; the Chinese extractor lives in transforms/zh/), splits
the text into sentences once per grammar, finds the anchor date (the publication date, else one the text
implies) and runs the spend and policy extractors on them.

The work per page is bounded (`ExtractLimits`): at most the first `max_chars` characters and the first
`max_sentences` sentences are read, and a sentence longer than `max_sentence_chars` (a data dump, not
prose) is skipped. When a limit bites, the rows found in what was read are kept and
`ExtractedRows.truncated` says which limit it was, for the flow to record. Every rule of the extractors
is linear in the text it reads (bench/extract_scaling.py measures it), so the limits only guard
against pages far beyond any article.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from transforms.sentences import Sentence

from transforms.datelines import story_anchor
from transforms.entities import CompanyGazetteer
from transforms.language import article_languages
from transforms.models import Article, PolicyEvent, SpendFact
from transforms.policy import extract_policy
from transforms.policy_catalogue import PolicyCatalogue, load_catalogue
from transforms.policy_lexicon import PolicyLexicon, build_policy_lexicon
from transforms.reference import ReferenceData
from transforms.sentences import split_sentences
from transforms.spend import extract_spend, stable_id
from transforms.spend_lexicon import SpendLexicon, build_spend_lexicon
from transforms.zh.extract import ChineseExtractor
from transforms.zh.sentences import split_sentences as split_chinese

__all__ = ["NO_LIMITS", "ExtractLimits", "ExtractedRows", "Extractor", "stable_id"]


@dataclass(frozen=True)
class ExtractLimits:
    """How much of one page the extractors read (None: no limit)."""

    max_chars: int | None = 1_000_000        # characters from the start of the text
    max_sentences: int | None = 5_000        # sentences from the start of the text
    max_sentence_chars: int | None = 5_000   # longer sentences are skipped


NO_LIMITS = ExtractLimits(None, None, None)


@dataclass(frozen=True)
class ExtractedRows:
    """The rows found in one article; `truncated` names the limit that cut the reading short, if any
    ("max_chars", "max_sentences" or "max_sentence_chars")."""

    spend: list[SpendFact] = field(default_factory=list)
    policy: list[PolicyEvent] = field(default_factory=list)
    truncated: str | None = None


def bounded_sentences(text: str, limits: ExtractLimits, split: Callable[[str], list[Sentence]] = split_sentences
                      ) -> tuple[str, list[Sentence], str | None]:
    """The text and sentences (by the grammar's `split`) the extractors read under `limits`, and the limit
    that bit (or None).

    The text is cut after the last sentence read, so offsets into it are offsets into the article."""
    truncated = None
    if limits.max_chars is not None and len(text) > limits.max_chars:
        sentences = split(text[:limits.max_chars])[:-1]  # the last one may be cut in two
        truncated = "max_chars"
    else:
        sentences = split(text)
    if limits.max_sentences is not None and len(sentences) > limits.max_sentences:
        sentences, truncated = sentences[:limits.max_sentences], "max_sentences"
    if limits.max_sentence_chars is not None:
        short = [s for s in sentences if s.end - s.start <= limits.max_sentence_chars]
        if len(short) < len(sentences):
            sentences, truncated = short, truncated or "max_sentence_chars"
    if truncated is not None:
        text = text[:sentences[-1].end] if sentences else ""
    return text, sentences, truncated


class Extractor:
    """Compiled extraction rules for one set of seeds, reading at most `limits` of each page."""

    def __init__(self, ref: ReferenceData, limits: ExtractLimits = ExtractLimits()):
        self.spend_lexicon: SpendLexicon = build_spend_lexicon(ref)
        # the policy grammar reads the companies of companies.csv only: the apps and units spend rows give to
        # their owners (company_units.csv: TikTok -> ByteDance) are no company subjects for it
        self.policy_lexicon: PolicyLexicon = build_policy_lexicon(ref, CompanyGazetteer.from_rows(ref.table("companies")))
        self.limits = limits
        self.chinese = ChineseExtractor(ref, self.spend_lexicon)
        self.catalogue = PolicyCatalogue(load_catalogue(ref.tables.get("policy_catalogue", ())), self.policy_lexicon,
                                         self.chinese.lexicon)

    def anchor_date(self, article: Article) -> date | None:
        """The publication date (or the dateline's day a wire story was filed, a day or two before the page posted
        it), else the date the text implies (a dateline, "Monday (January 20)")."""
        return story_anchor(article.text, article.published_on)

    def extract(self, article: Article) -> ExtractedRows:
        """Spend and policy rows of one article; every row's evidence slices `article.text` exactly."""
        languages = article_languages(article.language, article.text)
        spend: list[SpendFact] = []
        policy: list[PolicyEvent] = []
        truncated = None
        readings = []  # each language's reading, for the policy catalogue
        if "en" in languages:
            text, sentences, truncated = bounded_sentences(article.text, self.limits)
            read = article.model_copy(update={"text": text}) if truncated is not None else article  # a prefix
            anchor = self.anchor_date(read)
            spend += extract_spend(read, sentences, anchor, self.spend_lexicon)
            policy += extract_policy(read, sentences, anchor, self.policy_lexicon)
            readings.append(self.catalogue.english_reading(read.text, sentences, anchor))
        if "zh" in languages:
            text, sentences, cut = bounded_sentences(article.text, self.limits, split_chinese)
            read = article.model_copy(update={"text": text}) if cut is not None else article
            zh_spend, zh_policy = self.chinese.extract(read, sentences)
            spend += [f for f in zh_spend if f.fact_id not in {s.fact_id for s in spend}]
            policy += [e for e in zh_policy if e.event_id not in {p.event_id for p in policy}]
            truncated = truncated or cut
            readings.append(self.catalogue.chinese_reading(read.text, sentences, self.chinese.anchor_date(read)))
        policy = self.catalogue.apply(article, policy, readings)
        return ExtractedRows(spend=spend, policy=policy, truncated=truncated)
