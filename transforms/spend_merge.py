"""Across sentences: one figure stated twice is one fact, an order's value joins its count, and denials.

- merge_order_values: "... ordered 1,600 chips. The value of the order was 450 million yuan" is one fact;
- date_undated_plans: a plan only the publication year dates takes the later year of the buyer's earlier plans;
- drop_repeats: a figure repeated later (a recap, a list, a table, the headline) is one fact, unless it
  names its own other year; the body sentence wins over the headline;
- denied_companies / is_disputed: which facts a company's denial covers.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from transforms.sentences import Sentence
from transforms.spend_fields import ANAPHOR_REF, ORDER_REF, Context, Draft, sentence_years
from transforms.spend_lexicon import SpendLexicon


def merge_order_values(drafts: list[Draft], ctx: Context) -> list[Draft]:
    """A value given for "the order" joins the chip count ordered just before by the same buyer; without one,
    it is the purchase of the page's tender owner, if the page names one."""
    merged: list[Draft] = []
    counts: list[int] = []  # positions in `merged` of bare chip counts (units, no amount), in page order
    valued: set[int] = set()  # of those, the ones an order value has joined
    for draft in drafts:
        target = None
        # "the order" before the value points back ("The order is valued at ..."); one named after it does not
        # ("..., according to people familiar with the order"), nor does a value that names its own other year
        if draft.units is None and draft.amount is not None and ORDER_REF.search(draft.sentence.text, 0, draft.anchor_at):
            for position in reversed(counts):
                candidate = merged[position]
                if draft.sentence.paragraph - candidate.sentence.paragraph > 2:
                    break  # drafts come in page order: every count before this one is further away
                if draft.year_explicit and draft.year != candidate.year:
                    continue
                if position not in valued and draft.company in ("", candidate.company):
                    target = position
                    break
        if target is None and not draft.company and ctx.tender_owner:
            draft = replace(draft, company=ctx.tender_owner, buyer_via="owner")  # "the order" a supplier won
        if target is None:
            if draft.company:
                merged.append(draft)
                if draft.units and draft.amount is None:
                    counts.append(len(merged) - 1)
            continue
        merged[target] = replace(merged[target], amount=draft.amount, currency=draft.currency,
                                 amount_usd=draft.amount_usd)
        valued.add(target)
    return merged


def date_undated_plans(drafts: list[Draft], ctx: Context) -> list[Draft]:
    """A plan told with no year anywhere near it ("It is also preparing an order of 20,000 H200s"), which only
    the publication year dates, is for the one later year the article's earlier plans of the same buyer name
    ("... to buy 40 billion yuan of Ascend chips in 2026"): the article is about that year's plans."""
    if ctx.anchor is None:
        return drafts
    page, later, result = ctx.index(), {}, []
    for draft in drafts:
        sentence = draft.sentence
        if draft.status == "planned" and draft.year is not None and draft.year > ctx.anchor.year and draft.year_explicit:
            later.setdefault(draft.company, set()).add(draft.year)
        elif (draft.status == "planned" and draft.year == ctx.anchor.year and not draft.year_explicit
              and len(later.get(draft.company, ())) == 1 and draft.origin == "prose"
              and not sentence_years(sentence, ctx) and not dated_earlier_in_paragraph(sentence, ctx, page)):
            draft = replace(draft, year=next(iter(later[draft.company])))
        result.append(draft)
    return result


def date_known_programmes(drafts: list[Draft], lexicon: SpendLexicon) -> list[Draft]:
    """A figure that is the total of a known multi-year programme (seeds/spend_programmes.csv: "its 380 billion
    yuan three-year programme") and has no year written beside it is that programme's plan, dated by its first
    year, not by the publication year or a year told for something else."""
    result = []
    for draft in drafts:
        start = None if draft.year_explicit or draft.units else lexicon.programme_start(
            draft.company, draft.currency, draft.amount)
        result.append(draft if start is None else replace(draft, year=start, status="planned"))
    return result


def dated_earlier_in_paragraph(sentence: Sentence, ctx: Context, page) -> bool:
    """An earlier year phrase of the sentence's paragraph may date it (transforms.spend_index)."""
    before = page.years_from(sentence.start) - 1
    latest = page.last_dating_year[before] if before >= 0 else -1
    return latest >= 0 and page.year_paragraphs[latest] >= sentence.paragraph


def same_figure(a: Draft, b: Draft) -> bool:
    """Two drafts state the same figure for the same company (a later recap, a list, the headline)."""
    if a.company != b.company:
        return False
    if a.amount is not None and b.amount is not None and a.currency == b.currency:
        return math.isclose(a.amount, b.amount, rel_tol=0.005)
    if a.amount_usd and b.amount_usd and (is_headline(a.sentence) or is_headline(b.sentence)):
        return math.isclose(a.amount_usd, b.amount_usd, rel_tol=0.03)  # "$14bn" headline, "100bn yuan" body
    if a.amount_usd and b.amount_usd and a.currency != b.currency and a.year == b.year and a.units == b.units:
        # a table's "76.8" (RMB bn) and the text's "US$10.7bn" for the same year: one figure in two currencies
        return math.isclose(a.amount_usd, b.amount_usd, rel_tol=0.03)
    if a.units and b.units and a.amount is None and b.amount is None:
        return a.units == b.units and (a.chip_model == b.chip_model or None in (a.chip_model, b.chip_model))
    return False


def drop_repeats(drafts: list[Draft]) -> list[Draft]:
    """A figure repeated later (a recap, a list, a table) is one fact, unless it names its own other year (a
    relative one, "next year's", yields to the year the figure was given before)."""
    kept: list[Draft] = []
    seen = FigureIndex()
    for draft in drafts:
        twins = [kept[position] for position in seen.candidates(draft) if same_figure(kept[position], draft)]
        if twins and is_headline(twins[0].sentence) and not is_headline(draft.sentence):
            position = kept.index(twins[0])
            kept[position] = draft  # the body sentence says more than the headline
            seen.add(draft, position)
            continue
        if twins and not (draft.year_explicit and all(t.year != draft.year for t in twins)):
            continue
        if twins and draft.year_relative and any(not t.year_relative for t in twins):
            continue  # "... 85 billion yuan for chips in 2026. ... 85 billion yuan of next year's budget": one figure
        if twins and draft.sentence == twins[0].sentence:
            continue
        kept.append(draft)
        seen.add(draft, len(kept) - 1)
    return kept


class FigureIndex:
    """Positions of kept drafts by company and rounded figure, so that finding a draft's possible twins
    does not read every draft kept before it. Keys are coarse (a bucket of 1% of the amount, 4% of the
    USD value, the exact chip count); `same_figure` decides."""

    AMOUNT_STEP, USD_STEP = math.log(1.01), math.log(1.04)

    def __init__(self) -> None:
        self._positions: dict[tuple, list[int]] = {}

    def _keys(self, draft: Draft, spread: int) -> list[tuple]:
        keys: list[tuple] = []
        if draft.amount:
            bucket = math.floor(math.log(draft.amount) / self.AMOUNT_STEP)
            keys += [("amount", draft.company, draft.currency, bucket + d) for d in range(-spread, spread + 1)]
        if draft.amount_usd:
            bucket = math.floor(math.log(draft.amount_usd) / self.USD_STEP)
            keys += [("usd", draft.company, bucket + d) for d in range(-spread, spread + 1)]
        if draft.units:
            keys.append(("units", draft.company, draft.units))
        return keys

    def add(self, draft: Draft, position: int) -> None:
        for key in self._keys(draft, 0):
            self._positions.setdefault(key, []).append(position)

    def candidates(self, draft: Draft) -> list[int]:
        """Positions, in order, of kept drafts that may state the same figure as `draft`."""
        found = {p for key in self._keys(draft, 1) for p in self._positions.get(key, ())}
        return sorted(found)


def is_headline(sentence: Sentence) -> bool:
    """A title or heading line: no closing punctuation (Chinese full stops count: the rule serves both
    grammars); a table row is not one."""
    text = sentence.text
    return (not text.rstrip("\"'”’)」』）").endswith((".", "!", "?", "。", "！", "？", "；"))
            and text.count("|") < 2)


SEPARATE_REPORT = re.compile(r"\b(?:a|the)\s+(?:separate|different|second|later|another)\s+(?:media\s+|press\s+|news\s+)?"
                             r"reports?\b|\banother\s+(?:media\s+|press\s+|news\s+)?report\b", re.I)


@dataclass(frozen=True)
class Denial:
    """A company's denial: the paragraph it sits in and, when the sentence before it credits a report
    to a named outlet ("..., Caixin reported. X denied the report."), that outlet."""

    paragraph: int
    answers: str | None
    # "X denied a separate report that ...": the report it answers is told in the denial's own paragraph, not
    # the figures before it
    separate: bool = False


@dataclass(frozen=True)
class DenialReach:
    """What one company's denials cover: the outlets they answer and the paragraphs they sit in."""

    outlets: frozenset[str]
    answered_paragraphs: frozenset[int]
    unanswered_paragraphs: frozenset[int]

    @classmethod
    def of(cls, denials: list[Denial]) -> "DenialReach":
        return cls(frozenset(d.answers for d in denials if d.answers is not None),
                   frozenset(d.paragraph for d in denials if d.answers is not None or d.separate),
                   frozenset(d.paragraph for d in denials if d.answers is None and not d.separate))


def denied_companies(ctx: Context, lexicon: SpendLexicon) -> dict[str, DenialReach]:
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
        denying.setdefault(company, []).append(Denial(sentence.paragraph, answers,
                                                      bool(SEPARATE_REPORT.search(sentence.text))))
    return {company: DenialReach.of(denials) for company, denials in denying.items()}


def is_disputed(draft: Draft, denied: dict[str, DenialReach]) -> bool:
    """A denial never covers research-firm estimates. One that answers a named outlet covers that outlet's
    figures and those of its own paragraph; one that does not covers the company's planned figures
    anywhere, and its reported figures in the denial's own or the preceding paragraph."""
    reach = denied.get(draft.company)
    if draft.status == "estimate" or reach is None:
        return False
    paragraph = draft.sentence.paragraph
    if draft.attribution in reach.outlets or paragraph in reach.answered_paragraphs:
        return True
    return bool(reach.unanswered_paragraphs) and (
        draft.status == "planned" or paragraph in reach.unanswered_paragraphs
        or paragraph + 1 in reach.unanswered_paragraphs)
