"""Across sentences: one figure stated twice is one fact, an order's value joins its count, and denials.

- merge_order_values: "... ordered 1,600 chips. The value of the order was 450 million yuan" is one fact;
- drop_repeats: a figure repeated later (a recap, a list, a table, the headline) is one fact, unless it
  names its own other year; the body sentence wins over the headline;
- denied_companies / is_disputed: which facts a company's denial covers.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

from transforms.sentences import Sentence
from transforms.spend_fields import ANAPHOR_REF, ORDER_REF, Context, Draft
from transforms.spend_lexicon import SpendLexicon


def merge_order_values(drafts: list[Draft], ctx: Context) -> list[Draft]:
    """A value given for "the order" joins the chip count ordered just before by the same buyer."""
    merged: list[Draft] = []
    for draft in drafts:
        target = None
        if draft.units is None and draft.amount is not None and ORDER_REF.search(draft.sentence.text):
            target = next((m for m in reversed(merged) if draft.company in ("", m.company) and m.units
                           and m.amount is None and 0 <= draft.sentence.paragraph - m.sentence.paragraph <= 2), None)
        if target is None:
            if draft.company:
                merged.append(draft)
            continue
        merged[merged.index(target)] = replace(target, amount=draft.amount, currency=draft.currency,
                                               amount_usd=draft.amount_usd)
    return merged


def same_figure(a: Draft, b: Draft) -> bool:
    """Two drafts state the same figure for the same company (a later recap, a list, the headline)."""
    if a.company != b.company:
        return False
    if a.amount is not None and b.amount is not None and a.currency == b.currency:
        return math.isclose(a.amount, b.amount, rel_tol=0.005)
    if a.amount_usd and b.amount_usd and (is_headline(a.sentence) or is_headline(b.sentence)):
        return math.isclose(a.amount_usd, b.amount_usd, rel_tol=0.03)  # "$14bn" headline, "100bn yuan" body
    if a.units and b.units and a.amount is None and b.amount is None:
        return a.units == b.units and (a.chip_model == b.chip_model or None in (a.chip_model, b.chip_model))
    return False


def drop_repeats(drafts: list[Draft]) -> list[Draft]:
    """A figure repeated later (a recap, a list, a table) is one fact, unless it names its own other year."""
    kept: list[Draft] = []
    for draft in drafts:
        twins = [k for k in kept if same_figure(k, draft)]
        if twins and is_headline(twins[0].sentence) and not is_headline(draft.sentence):
            kept[kept.index(twins[0])] = draft  # the body sentence says more than the headline
            continue
        if twins and not (draft.year_explicit and all(t.year != draft.year for t in twins)):
            continue
        if twins and draft.sentence == twins[0].sentence:
            continue
        kept.append(draft)
    return kept


def is_headline(sentence: Sentence) -> bool:
    """A title or heading line: no closing punctuation."""
    return not sentence.text.rstrip("\"'”’)").endswith((".", "!", "?"))


@dataclass(frozen=True)
class Denial:
    """A company's denial: the paragraph it sits in and, when the sentence before it credits a report
    to a named outlet ("..., Caixin reported. X denied the report."), that outlet."""

    paragraph: int
    answers: str | None


def denied_companies(ctx: Context, lexicon: SpendLexicon) -> dict[str, list[Denial]]:
    """Companies that deny a report in the article (the denial sentence names them, or points back)."""
    denying: dict[str, list[Denial]] = {}
    for index, sentence in enumerate(ctx.sentences):
        if not lexicon.cues.find(sentence.text, "denial") or not lexicon.cues.find(sentence.text, "denial_object"):
            continue
        named = [m.name for m in lexicon.companies.find(sentence.text) if lexicon.companies.role(m.name) != "vendor"]
        company = named[0] if named else None
        if company is None and ctx.subject and (lexicon.cues.find(sentence.text, "spokesperson")
                                                or ANAPHOR_REF.match(sentence.text)):
            company = ctx.subject
        if company is None:
            continue
        previous = ctx.sentences[index - 1] if index > 0 else None
        answers = None
        if previous is not None and previous.paragraph == sentence.paragraph:
            sources = lexicon.find_sources(previous.text)
            answers = sources[-1][1] if sources else None
        denying.setdefault(company, []).append(Denial(sentence.paragraph, answers))
    return denying


def is_disputed(draft: Draft, denied: dict[str, list[Denial]]) -> bool:
    """A denial never covers research-firm estimates. One that answers a named outlet covers that outlet's
    figures and those of its own paragraph; one that does not covers the company's planned figures
    anywhere, and its reported figures in the denial's own or the preceding paragraph."""
    if draft.status == "estimate":
        return False
    for denial in denied.get(draft.company, []):
        if denial.answers is not None:
            if draft.attribution == denial.answers or draft.sentence.paragraph == denial.paragraph:
                return True
        elif draft.status == "planned" or 0 <= denial.paragraph - draft.sentence.paragraph <= 1:
            return True
    return False
