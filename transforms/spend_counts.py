"""Chip counts as spend facts: "230,000 chips" bought, held or supplied, and the numbers that borrow its noun.

transforms.spend reads a sentence's money first, then hands its chip counts here:

- is_chip_count: a count is a fact when a buying, ordering or holding verb is near it, and not when it is
  what a state lets someone buy ("cleared ten firms to buy up to 75,000 H200s each");
- count_draft: the count's year, chip, type (bought or rented), region and status;
- one_purchase: a count and an amount in one clause describe one purchase ("1,600 Ascend chips in a deal
  worth 450 million yuan"), so transforms.spend folds them into one fact;
- elliptic_counts: numbers without their noun borrow it from the chip count before them ("X bought about
  200,000 chips. Y bought about 150,000"), and noun_template finds such a count in the sentence before even
  when it gave no fact of its own;
- listed_counts: a list item "- Microsoft: about 485,000" under a heading that names the chips and a verb.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from transforms.money import QuantityMention, find_money, find_quantities, parse_number
from transforms.sentences import Sentence
from transforms.spend_buyers import EACH, NAMED, listed_group, resolve_buyers
from transforms.spend_fields import (Context, Draft, attribution, dated_by, fact_chip, fact_region, fact_status,
                                     fact_year, near, research_source, spent_year)
from transforms.spend_lexicon import SpendLexicon
from transforms.spend_money import DEAL_VALUE, TRIGGER_BEFORE, holding_cues, spend_triggers
from transforms.spend_years import find_years

MIN_CHIP_COUNT = 50
MERGE_GAP = 60                               # a count and an amount this close describe one purchase
# "4,096 H100s hosted by Yotta for its model project, with a total compute bill of Rs 246 crore": what the count cost
COST_OF = re.compile(r"\b(?:with|at|for)\s+(?:a|an|the)\s+(?:total\s+|combined\s+|overall\s+)?(?:[\w\-]+\s+){0,2}?"
                     r"(?:bill|cost|price(?:\s+tag)?|outlay)\s+of\s+(?:about\s+|around\s+|roughly\s+|some\s+)?$", re.I)
# a chip count this many years or more before the publication year, with no money of its own, is background to
# the story ("its backer bought 10,000 A100s back in 2021"), not demand the article reports
BACKGROUND_COUNT_YEARS = 3
MAX_FIGURES_PER_SENTENCE = 40                # money phrases (and chip counts) read per sentence: bounds the work
BARE_COUNT = re.compile(r"(?<![\w$€£¥.,])(?P<num>\d{1,3}(?:,\d{3})+)(?![\w%]|[.,]\d|\s*(?:per|%|yuan|dollars))")
# "bought 20,000 after approval was ...", "Nvidia could sell to approved customers, and ByteDance ordered 20,000":
# a permission word's reach ends at a new clause
PERMISSION_STOP = re.compile(r"[;:]|\.\s|\b(?:after|once|when|before)\b|,\s+(?:and|but|while)\s+(?=[A-Z])")
OPENING_CLAUSE = re.compile(r"\s*(?:After|Once|When|Since|Following|With|Having|If|Unless|Should)\b[^,]*,")
CLAUSE_BREAK = re.compile(r";|,\s*(?:and|but|while|whereas)\b|\.\s")
# "224,000 bought by Meta": the buyer named after the count
AGENT_AFTER = re.compile(r"\s*(?:[a-z]+\s+){0,2}by\s+(?:the\s+)?", re.I)
RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
# a bare number with its own noun ("6,000 AI servers") counts something else, not the chips named before
OTHER_NOUN_AFTER = re.compile(
    r"\s+(?:[A-Z][\w\-]*\s+)*(?!(?:and|or|to|in|of|for|by|each|apiece|more|last|this|next|were|was|are|is|had|has|"
    r"have|will|would|from|at|on|with|as|units|its|plus|less)\b)[a-z]{3,}s\b")
ELLIPSIS_REACH = 400                         # how far back a chip count may lend its noun to bare numbers
COUNT_NOUN = re.compile(r"\b(?:chips|GPUs|processors|accelerators|units|cards)\b", re.I)


def noun_template(index: int, ctx: Context, lexicon: SpendLexicon) -> Draft | None:
    """A chip count in the sentence before, in the same paragraph, that gave no fact of its own ("Nvidia will
    supply 260,000 GPUs to Korean companies."): it still lends its noun to the bare numbers that follow."""
    if index == 0 or ctx.sentences[index - 1].paragraph != ctx.sentences[index].paragraph:
        return None
    previous = ctx.sentences[index - 1]
    counts = [q for q in find_quantities(previous.text) if q.value >= MIN_CHIP_COUNT]
    return count_draft(index - 1, counts[-1], "", ctx, lexicon) if counts else None


def listed_counts(index: int, ctx: Context, lexicon: SpendLexicon, scope: str) -> list[Draft]:
    """A list item "- Microsoft: about 485,000" under a heading that names the chips (a noun or a chip name:
    "Hopper purchases in 2024") and a buying verb."""
    sentence = ctx.sentences[index]
    heading = scope[:len(scope) - len(sentence.text)]
    if not (COUNT_NOUN.search(heading) or lexicon.chips.find(heading)) or not (
            lexicon.cues.find(heading, "trigger") or lexicon.cues.find(heading, "holding")):
        return []
    match = BARE_COUNT.search(sentence.text)
    value = parse_number(match.group("num")) if match else None
    if match is None or value is None or value < MIN_CHIP_COUNT:
        return []
    owners, via = resolve_buyers(index, match.start(), ctx, lexicon)
    if not owners:
        return []
    year, explicit = fact_year(index, match.start(), match.end(), ctx)
    heading_years = find_years(heading, ctx.anchor)
    if heading_years and not explicit:
        year, explicit = heading_years[0].year, True
    vendor, model, origin = fact_chip(heading, 0, len(heading), lexicon, ctx.vendor)
    status = "estimate" if research_source(heading, lexicon) or any(
        c.value == "estimate" for c in lexicon.cues.find(heading, "status")) else "actual"
    hedge = re.search(r"\b(about|around|roughly|some|more than|over|nearly)\s+$", sentence.text[:match.start()], re.I)
    return [Draft(company=owners[0], sentence=sentence, anchor_at=match.start(), year=year, year_explicit=explicit,
                  amount=None, currency=None, amount_usd=None, units=int(value), vendor=vendor, chip_model=model,
                  spend_type="chip_purchase", region=fact_region(heading, 0, len(heading), origin, vendor, lexicon),
                  status=status, attribution=attribution(index, ctx, lexicon) or next(
                      (name for _, name in lexicon.find_sources(heading)), None),
                  qualifier=hedge.group(1).lower() if hedge else None, buyer_via=via, origin="list")]


def one_purchase(money: Draft, count: Draft, mention: QuantityMention, text: str) -> bool:
    """A count and an amount in one sentence describe one purchase when they sit close together,
    in one clause, and name no different chips ("1,600 Ascend chips in a deal worth 450 million yuan")."""
    if money.chip_model and count.chip_model and money.chip_model != count.chip_model:
        return False
    if money.anchor_at >= mention.end:
        between = text[mention.end:money.anchor_at]
    else:
        found = next((m for m in find_money(text[money.anchor_at:]) if m.start == 0), None)
        between = text[money.anchor_at + (found.end if found else 0):mention.start]
    if CLAUSE_BREAK.search(between):
        return False
    return len(between) <= MERGE_GAP or bool(DEAL_VALUE.search(between)) or bool(COST_OF.search(between))


def is_chip_count(sentence: Sentence, count: QuantityMention, scope: str, lexicon: SpendLexicon) -> bool:
    """A chip count is a fact when a buying, ordering or holding verb is near it."""
    text = sentence.text
    if count.unit and count.unit.lower() == "them" and not lexicon.chips.find(text[:count.start]):
        return False
    cues = spend_triggers(text, lexicon) + holding_cues(text, lexicon)  # not "put forward", "it has been running"
    return bool(near(cues, count.start, count.end, TRIGGER_BEFORE, 40)) and not permitted_count(text, count, lexicon)


def permitted_count(text: str, count: QuantityMention, lexicon: SpendLexicon) -> bool:
    """The count is what a state lets someone buy or ship: a permission word before it in its clause
    ("Washington cleared ten firms to buy up to 75,000 H200s each", "approve up to 500,000 chips a year for the
    UAE"). That is a ceiling, not a purchase; a clause that opens the sentence ("If Beijing allows imports, it
    would order 20,000 H200s") governs nothing after its comma."""
    lo = max(0, count.start - TRIGGER_BEFORE)
    lo = max([lo] + [m.end() for m in PERMISSION_STOP.finditer(text, lo, count.start)])
    opening = OPENING_CLAUSE.match(text)  # "After its licence was approved, Tencent bought 20,000 H20s"
    if opening and opening.end() <= count.start:
        lo = max(lo, opening.end())
    return bool(lexicon.cues.find(text, "permission", lo, count.start))


def count_draft(index: int, count: QuantityMention, buyer: str, ctx: Context, lexicon: SpendLexicon) -> Draft:
    sentence = ctx.sentences[index]
    year, explicit, phrase = dated_by(index, count.start, count.end, ctx)
    year = spent_year(sentence, count.start, count.end, year, explicit, phrase, ctx, lexicon)
    vendor, model, origin = fact_chip(sentence.text, count.start, count.end, lexicon, ctx.vendor)
    return Draft(
        company=buyer, sentence=sentence, anchor_at=count.start, year=year, year_explicit=explicit,
        year_relative=explicit and phrase is not None and not phrase.explicit,
        amount=None, currency=None, amount_usd=None, units=int(round(count.value)),
        vendor=vendor, chip_model=model,
        spend_type="cloud_rental" if any(c.value == "cloud_rental" for c in near(
            lexicon.cues.find(sentence.text, "spend_type"), count.start, count.end, 40, 40)) else "chip_purchase",
        region=fact_region(sentence.text, count.start, count.end, origin, vendor, lexicon, buyer),
        status=fact_status(sentence, count.start, count.end, year, ctx, lexicon, sentence.text),
        attribution=attribution(index, ctx, lexicon), qualifier=count.qualifier,
    )


def elliptic_counts(index: int, ctx: Context, lexicon: SpendLexicon, earlier: list[Draft],
                    taken: list[tuple[int, int]]) -> list[Draft]:
    """Counts whose noun is left out after a chip count in the same paragraph (or sentence):
    "X bought about 200,000 chips. Y bought about 150,000, and Z about 90,000" -> rows for Y and Z;
    "X bought 485,000 chips, twice the 224,000 bought by Y" -> a row for Y.

    Only the last chip count of `earlier` can lend its noun: an earlier one is further away still."""
    sentence = ctx.sentences[index]
    last = next((d for d in reversed(earlier) if d.units), None)
    template = last if last is not None and (last.sentence.paragraph == sentence.paragraph
                                             or sentence.start - last.sentence.end <= ELLIPSIS_REACH) else None
    if template is None:
        return []
    follows = bool(template.company) and (
        template.sentence == sentence or (index > 0 and template.sentence == ctx.sentences[index - 1]))
    if not follows and not (lexicon.cues.find(sentence.text, "trigger") or lexicon.cues.find(sentence.text, "holding")):
        return []  # right after a counted purchase, "Meta followed with 224,000" needs no verb of its own
    companies = [m for m in lexicon.companies.find(sentence.text) if lexicon.companies.role(m.name) != "vendor"]
    drafts = []
    numbers = [m for m in BARE_COUNT.finditer(sentence.text)
               if not any(s <= m.start() < e for s, e in taken)
               and not OTHER_NOUN_AFTER.match(sentence.text, m.end())][:MAX_FIGURES_PER_SENTENCE]
    in_order = RESPECTIVELY.search(sentence.text) and len(numbers) == len(companies)
    for position, match in enumerate(numbers):
        value = parse_number(match.group("num"))
        agent = AGENT_AFTER.match(sentence.text, match.end())
        owners = [companies[position]] if in_order else [m for m in companies if agent and m.start == agent.end()] or [
            m for m in companies if m.end <= match.start()
            and not (template.sentence == sentence and m.name == template.company)]
        if owners and lexicon.cues.find(sentence.text, "other_spender", owners[-1].end, match.start()):
            continue  # "Naver will install 60,000, and the government will take 50,000": not Naver's
        if not owners or value is None or value < MIN_CHIP_COUNT:
            continue
        group = listed_group(owners, sentence.text)
        each = len(group) > 1 and EACH.search(sentence.text, group[-1].end, match.start())
        for owner in (group if each else owners[-1:]):  # "A, B and C will each deploy 50,000"
            drafts.append(replace(template, company=owner.name, sentence=sentence, anchor_at=match.start(),
                                  units=int(value), qualifier=None, buyer_via=NAMED, cue_gap=None, origin="elliptic",
                                  attribution=attribution(index, ctx, lexicon) or template.attribution))
    return drafts


def is_background_count(draft: Draft, anchor: date | None) -> bool:
    """A chip count without an amount, dated BACKGROUND_COUNT_YEARS or more before the publication year."""
    return (draft.units is not None and draft.amount is None and draft.year is not None and anchor is not None
            and anchor.year - draft.year >= BACKGROUND_COUNT_YEARS)
