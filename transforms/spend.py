"""Chip-spend facts from an article: who spends how much, on what, in which year, and how sure.

The unit of work is a sentence. A money phrase (transforms.money) becomes a fact when it is chip spend
(transforms.spend_money: a spend trigger such as "spend", "capex", "ordered" is near and no non-spend cue
such as "revenue", "valuation", "IPO" vetoes it; the value of a deal for computing or of a chip order
counts too); a chip count ("230,000 chips") when a buying, holding or supplying verb is near. Then, per fact:

- not spend: prices, differences ("rise by"), market expectations, stakes and investments in other
  companies, the size of a fund (transforms.spend_money.is_other_figure);
- amount_usd: the article's own conversion ("RMB 40 billion ($5.5 billion)", "380 billion yuan, about
  $53 billion" is one fact), else the seed FX rate of the fact's year;
- buyer (transforms.spend_buyers, spend_tenders): the company named as the figure's subject, every listed
  company with "each", the recipient of what a supplier or winning bidder sells ("to China Mobile", "run
  by China Unicom") or the owner of its tender, the customer of a company that sells computing capacity
  ("CoreWeave signed an agreement with OpenAI"), else the buyer named earlier in the paragraph, else the
  article's subject when the sentence points back at it ("it", "we", "the CFO", "the project") or is a
  list item; never a vendor, a backer of the spender, a state, or a sum over several buyers;
- year (transforms.spend_fields, spend_years): the nearest year phrase of its clause (a quarter or "the
  three months to September" in the year it ends, "three fiscal years to March 2028" and "over three years
  from 2025" in their first year, "last August" and "in March" the latest such month, a running total
  "over the past ten years" in none; a boundary "until last year" / "through 2030" and a comparison base
  "compares with ... in 2025" date nothing), else the last one earlier in the paragraph that is not a
  comparison base, a boundary or a revenue year ("its 2024 revenue"), else the publication year;
- status, spend_type, region: the nearest cue of each kind, with the year against the publication date
  deciding planned/actual when no cue does;
- disputed: the company denies a report; the denial covers its planned figures, and its reported
  figures in the denial's paragraph or the one before, never research-firm estimates;
- confidence (transforms.spend_confidence): from how the buyer and year were found, how near the cue is,
  and where the figure stands.

Lists ("- Q1 2025: RMB27.5bn") borrow their trigger and company from the heading above them; chip counts,
and numbers without their noun, are read by transforms.spend_counts; tables by transforms.spend_tables;
repeats, order values and denials across sentences are settled in transforms.spend_merge. Per-page
look-ups come from transforms.spend_index, so the work grows linearly with the page.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from datetime import date

from transforms.models import Article, SpendFact
from transforms.money import MoneyMention, find_money, find_quantities
from transforms.sentences import Sentence
from transforms.spend_buyers import NAMED, OWNER, PARAGRAPH, buyers, main_subject, main_vendor, resolve_buyers  # noqa: F401
from transforms.spend_confidence import spend_confidence
from transforms.spend_counts import (MAX_FIGURES_PER_SENTENCE, MIN_CHIP_COUNT, count_draft, elliptic_counts,
                                     is_background_count, is_chip_count, listed_counts, noun_template, one_purchase)
from transforms.spend_fields import (ORDER_REF, Context, Draft, attribution, cue_gap, cue_scope, dated_by, fact_chip,
                                     fact_region, fact_status, fact_type, previous_sentence_money, sibling_item_spend,
                                     spent_year)
from transforms.spend_index import build_page_index
from transforms.spend_lexicon import SpendLexicon
from transforms.spend_merge import DenialReach, date_known_programmes, date_undated_plans, denied_companies, drop_repeats, is_disputed, is_headline, merge_order_values
from transforms.spend_money import (COMPARISON_OPENER, base_is_other, compared_with, declared_currency, is_other_figure,
                                    is_rental_deal, is_spend_money, primary_money, spend_triggers, yen_sign)
from transforms.spend_tables import is_table_row, table_row_facts
from transforms.spend_tenders import VALUE_LABEL, tender_owner
from transforms.spend_years import calendar_quarter_year, find_years

MIN_SPEND_USD = 1e6                          # smaller sums are prices, fees and credits, not chip budgets
MIN_TOPIC_CUES = 2                           # an article must talk about AI chips or compute at least this often
# "the 160 billion yuan it had pencilled in at the end of last year": a comparison base that is an earlier version
# of the same plan, for the same year (the year named is when it was planned)
EARLIER_PLAN = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?,?\s*(?:(?:that|which)\s+)?(?:it|they|the company|the group|[A-Z][\w.&-]*)\s+"
                          r"(?:had\s+(?:originally\s+)?|originally\s+)(?:pencilled|penciled|planned|budgeted|set|earmarked|"
                          r"guided|targeted|announced|projected)\b|\s*(?:\([^()]{0,40}\)\s*)?,?\s*(?:originally|initially|"
                          r"previously)\s+(?:planned|budgeted|announced|guided|targeted|pencilled|penciled)\b")
YEN_SIGN = ("CNY", "JPY")
WHOLE_CAPEX = re.compile(r"\b(?:capex|capital\s+(?:expenditure|spending)|fixed[\s-]asset)", re.I)
POINTS_BACK = re.compile(r"\W*(?:the|this|that)\s+(?:project|centre|center|facility|campus|cluster|site|data\s+cent(?:re|er))\b|"
                         r"\W*it\s", re.I)
# a clause of its own: "..., with more than 35% earmarked for computing", "... and guided to ..." (not ", and 3bn more"),
# "..., out of total capex of 90 billion yuan" (the whole, mostly network); the dot of "U.S. dollars" ends no clause
OPERATOR_CLAUSE = re.compile(r";|(?<!\b[A-Z]\.[A-Z])\.\s|,\s*(?:with|while|but|whereas|including|out\s+of)\b|,?\s(?:and|while)\s+(?=[a-z]+ed\b|plans?\b|"
                             r"expects?\b|will\b|is\b|was\b)")  # what "¥" may stand for


# "85bn yuan of it", "a third of that": a part of a figure named before in the sentence
PART_OF = re.compile(r"\s*of\s+(?:it|that|this|the\s+(?:total|sum|budget|plan|amount|outlay))\b", re.I)
# "up from the 150bn", "more than the 22bn it spent": the base of a comparison, which is no whole of a part
BASE_BEFORE = re.compile(r"\b(?:compares?\s+with|compared\s+(?:with|to)|up\s+from|down\s+from|versus|vs\.?|against|above|"
                         r"below|(?:more|less|higher|lower)\s+than\s+(?:the|its|what))\s+(?:the\s+|its\s+)?(?:about|around|roughly|"
                         r"some|nearly|almost)?\s*$", re.I)
# "..., with 85 billion yuan earmarked for AI processors", "..., of which about 9 billion yuan": a part too
PART_AFTER = re.compile(r",\s*(?:with|of\s+which|including)\s+(?:about|around|roughly|some|nearly|almost|more\s+than|over|"
                        r"up\s+to)?\s*$", re.I)


def extract_spend(article: Article, sentences: list[Sentence], anchor: date | None,
                  lexicon: SpendLexicon) -> list[SpendFact]:
    """Every chip-spend fact in the article, grounded in a sentence of `article.text`."""
    text = article.text
    if len(lexicon.cues.find(text, "topic")) + len(lexicon.chips.find(text)) < MIN_TOPIC_CUES:
        return []  # checked before anything else is read: most pages are about something else
    companies = lexicon.companies.find(text)
    years = tuple(find_years(text, anchor))
    ctx = Context(
        text=text, anchor=anchor, years=years,
        subject=main_subject(article, lexicon, companies), sentences=tuple(sentences),
        yen_sign=yen_sign(text),
        vendor=main_vendor(text, lexicon, companies),
        page=build_page_index(text, tuple(sentences), years, lexicon),
        tender_owner=tender_owner(text, companies, lexicon), bare_currency=declared_currency(text),
    )
    drafts: list[Draft] = []
    last_count: Draft | None = None
    body_end = boilerplate_start(sentences, lexicon)
    for index, sentence in enumerate(sentences):
        if index >= body_end:
            break  # "Related stories" and the like: other articles' headlines
        if is_table_row(sentence.text):
            found = table_row_facts(index, ctx, lexicon)
        else:
            found = sentence_facts(index, ctx, lexicon, drafts, last_count)
        drafts.extend(found)
        last_count = next((d for d in reversed(found) if d.units), last_count)
    drafts = [d for d in drafts if d.amount_usd is None or d.amount_usd >= MIN_SPEND_USD]
    drafts = [d for d in merge_order_values(drafts, ctx) if not is_background_count(d, anchor)]
    drafts = drop_repeats(date_known_programmes(date_undated_plans(drafts, ctx), lexicon))
    disputed = denied_companies(ctx, lexicon)
    facts = {}
    for draft in drafts:
        fact = to_fact(article, draft, disputed)
        facts.setdefault(fact.fact_id, fact)  # the primary key holds even if two rules find one figure
    return list(facts.values())


def boilerplate_start(sentences: list[Sentence], lexicon: SpendLexicon) -> int:
    """Index of the first sentence that is a boilerplate heading ("Related stories"), else len(sentences)."""
    for index, sentence in enumerate(sentences):
        if len(sentence.text) <= 40 and is_headline(sentence):
            cue = lexicon.cues.find(sentence.text, "boilerplate")
            if cue and cue[0].start == 0 and cue[0].end >= len(sentence.text.rstrip(":")) - 1:
                return index
    return len(sentences)


# ---------------------------------------------------------------- sentences

def sentence_facts(index: int, ctx: Context, lexicon: SpendLexicon, earlier: list[Draft],
                   last_count: Draft | None = None) -> list[Draft]:
    """Money and chip-count facts of one sentence. `earlier`: the facts of the sentences before, in order;
    `last_count`: the last of them that counts chips (found in `earlier` when not given)."""
    sentence = ctx.sentences[index]
    scope = cue_scope(index, ctx)
    money = primary_money(sentence, ctx, lexicon)[:MAX_FIGURES_PER_SENTENCE]
    counts = [q for q in find_quantities(sentence.text) if q.value >= MIN_CHIP_COUNT][:MAX_FIGURES_PER_SENTENCE]
    drafts: list[Draft] = []
    vetoed: MoneyMention | None = None
    kept: MoneyMention | None = None
    previous = ctx.sentences[index - 1] if index > 0 else None
    lead = previous_sentence_money(earlier, previous)
    sibling = sibling_item_spend(index, ctx, earlier)
    for mention, usd in money:
        if is_other_figure(sentence.text, mention, lexicon):
            vetoed, kept = mention, None  # "$100 billion of US investment, lifting its total to ...": the total too
            continue  # a price ("$12,000 each") lends no value to the count beside it
        if (usd or lexicon.usd(mention.amount, mention.currency, None) or MIN_SPEND_USD) < MIN_SPEND_USD:
            continue
        if vetoed is not None and compared_with(sentence.text, vetoed, mention):
            vetoed = mention  # "revenue rose to X from Y": Y is revenue too
            continue
        compared = kept is not None and compared_with(sentence.text, kept, mention)
        kept_before = kept
        if compared and base_is_other(sentence.text, kept, mention, lexicon):
            continue  # "five times its revenue (190 million yuan)": the base is revenue
        # "... 15 billion yuan next year. That compares with 9 billion yuan this year."
        carried = bool(lead) and kept is None and vetoed is None and bool(COMPARISON_OPENER.match(sentence.text[:mention.start]))
        labelled = bool(ctx.tender_owner) and bool(VALUE_LABEL.search(sentence.text, 0, mention.start))
        if not (compared or carried or labelled) and not is_spend_money(sentence, mention, scope, lexicon, sibling):
            vetoed, kept = mention, None
            continue
        vetoed, kept = None, mention
        owners, via = ([ctx.tender_owner], OWNER) if labelled else resolve_buyers(index, mention.start, ctx, lexicon)
        if carried and (not owners or via != NAMED or not lexicon.companies.find(sentence.text[:mention.start])):
            owners, via = list(dict.fromkeys(d.company for d in lead)), PARAGRAPH  # the same line, the same company
        if not owners and ORDER_REF.search(sentence.text):
            owners, via = [""], OWNER  # the value of an order named earlier: merge_order_values finds its buyer
        evidence = {"buyer_via": via, "origin": "comparison" if (compared or carried) else
                    ("list" if scope != sentence.text or sibling else "prose"),
                    "cue_gap": cue_gap(spend_triggers(sentence.text, lexicon), mention.start, mention.end)}
        base_of = next((d for d in drafts if compared and d.anchor_at == kept_before.start), None) \
            if kept_before is not None and EARLIER_PLAN.match(sentence.text, mention.end) else None
        for buyer in owners:
            if via != OWNER and is_network_operator(buyer, lexicon) and not operator_compute(sentence.text, mention, lexicon) \
                    and not compute_before(index, ctx, lexicon):
                continue  # "China Unicom spent 54.15bn yuan in capex in 2025": a carrier's capex is mostly network
            draft = replace(money_draft(index, mention, usd, buyer, ctx, lexicon), **evidence)
            if labelled and draft.status == "estimate":
                draft = replace(draft, status="planned")  # a tender's own estimate of its value, not an analyst's
            if base_of is not None and base_of.company == buyer:  # "... to 200 billion yuan, up from the 160
                draft = replace(draft, year=base_of.year, year_explicit=base_of.year_explicit, status="planned")
            if carried:  # a comparison figure is the same kind of spend as the one it is compared with
                draft = replace(draft, spend_type=lead[0].spend_type, vendor=draft.vendor or lead[0].vendor)
            if compared and draft.year_relative and draft.year is not None and base_of is None and any(
                    d.anchor_at == kept_before.start and d.company == buyer and d.year == draft.year
                    and d.year_explicit and not d.year_relative for d in drafts):
                # "its 2026 budget of 160bn yuan, up from 150bn yuan this year" in a January article: a base is of
                # another year than the figure it is compared with, so the writer's "this year" was the year before
                draft = replace(draft, year=draft.year - 1, status="actual")
            drafts.append(draft)
    for count in counts:
        if not is_chip_count(sentence, count, scope, lexicon):
            continue
        owners, via = resolve_buyers(index, count.start, ctx, lexicon)
        gap = cue_gap(lexicon.cues.find(sentence.text, "trigger") + lexicon.cues.find(sentence.text, "holding"),
                      count.start, count.end)
        for buyer in owners:
            draft = replace(count_draft(index, count, buyer, ctx, lexicon), buyer_via=via, cue_gap=gap)
            twin = next((d for d in drafts if d.company == buyer and d.units is None and d.amount is not None
                         and one_purchase(d, draft, count, sentence.text)), None)
            if twin is not None:
                drafts[drafts.index(twin)] = replace(twin, units=draft.units, vendor=twin.vendor or draft.vendor,
                                                     chip_model=twin.chip_model or draft.chip_model,
                                                     region=twin.region or draft.region, spend_type=draft.spend_type)
            else:
                drafts.append(draft)
    listed = listed_counts(index, ctx, lexicon, scope) if not money and not counts and scope != sentence.text else []
    drafts.extend(listed)
    if not listed:
        taken = [(q.start, q.end) for q in counts] + [(m.start, m.end) for m, _ in money]
        if last_count is None:
            last_count = next((d for d in reversed(earlier) if d.units), None)
        template = next((d for d in reversed(drafts) if d.units), last_count)
        if template is None or template.sentence.paragraph != sentence.paragraph:
            template = noun_template(index, ctx, lexicon) or template
        drafts.extend(elliptic_counts(index, ctx, lexicon, [template] if template else [], taken))
    return drafts


def is_network_operator(buyer: str, lexicon: SpendLexicon) -> bool:
    """A telecom operator (network_operator cues of seeds/spend_cues.csv)."""
    return buyer.lower() in lexicon.cues.values.get("network_operator", {})


def operator_compute(text: str, mention: MoneyMention, lexicon: SpendLexicon) -> bool:
    """The figure's clause names compute or a purchase ("would invest 37.3 billion yuan in computing power"), not
    only capex ("spent 54.15bn yuan in capex in 2025 and guided to about 50bn yuan for 2026, with more than 35%
    earmarked for computing": each figure's clause ends before the computing share)."""
    lo = max([0] + [m.end() for m in OPERATOR_CLAUSE.finditer(text, 0, mention.start)])
    stop = OPERATOR_CLAUSE.search(text, mention.end)
    hi = stop.start() if stop else len(text)
    return bool(lexicon.cues.find(text, "topic", lo, hi) or lexicon.cues.find(text, "operator_compute", lo, hi))


def compute_before(index: int, ctx: Context, lexicon: SpendLexicon) -> bool:
    """A line of a table or list, or a sentence pointing back ("The project represents an investment of ..."),
    whose caption, heading or antecedent a few sentences up names compute ("TABLE 2: COMPUTING-POWER INVESTMENT")."""
    sentence = ctx.sentences[index]

    def names_compute(text: str) -> bool:
        return bool(lexicon.cues.find(text, "topic") or lexicon.cues.find(text, "operator_compute"))

    if sentence.text.rstrip().endswith((".", "!", "?")) and not POINTS_BACK.match(sentence.text):
        # "China Mobile's 2024 computing budget was not fully spent. The 47.5bn ... compares with a 2025 budget of
        # 37.3bn": the same budget, unless the sentence is about the whole capex
        previous = ctx.sentences[index - 1] if index > 0 else None
        return (previous is not None and previous.paragraph == sentence.paragraph and names_compute(previous.text)
                and not WHOLE_CAPEX.search(sentence.text))
    return any(names_compute(ctx.sentences[back].text) for back in range(max(0, index - 3), index))


def money_draft(index: int, mention: MoneyMention, usd: float | None, buyer: str, ctx: Context,
                lexicon: SpendLexicon) -> Draft:
    sentence = ctx.sentences[index]
    scope = cue_scope(index, ctx)
    year, explicit, phrase = dated_by(index, mention.start, mention.end, ctx)
    part = PART_OF.match(sentence.text, mention.end) or PART_AFTER.search(sentence.text, 0, mention.start)
    wholes = [m for m in find_money(sentence.text) if part and m.end <= mention.start
              and not BASE_BEFORE.search(sentence.text, max(0, m.start - 40), m.start)]
    if wholes:
        # "a 2026 plan of 160bn yuan, above the 150bn it spent last year, and 85bn of it is for chips": a part
        # takes the year of the nearest figure before it that is not a comparison's base
        year, explicit, phrase = dated_by(index, wholes[-1].start, wholes[-1].end, ctx)
    year = spent_year(sentence, mention.start, mention.end, year, explicit, phrase, ctx, lexicon)
    if phrase is not None and phrase.fiscal_quarter and year == phrase.year and buyer in lexicon.fiscal_year_end:
        # "the second quarter of fiscal 2026" at Alibaba (fiscal years to March) ended in September 2025
        year = calendar_quarter_year(phrase.year, phrase.fiscal_quarter, lexicon.fiscal_year_end[buyer])
    vendor, model, origin = fact_chip(sentence.text, mention.start, mention.end, lexicon, ctx.vendor)
    if "¥" in sentence.text[mention.start:mention.end] and mention.currency in YEN_SIGN:
        # the sign is the buyer's money: "SoftBank will spend ¥1 trillion" on a page that talks of yuan too
        sign = {"JP": "JPY", "CN": "CNY"}.get(lexicon.companies.country(buyer) or "", mention.currency)
        mention = replace(mention, currency=sign)
    if usd is None:
        usd = lexicon.usd(mention.amount, mention.currency, year)
    return Draft(
        company=buyer, sentence=sentence, anchor_at=mention.start, year=year, year_explicit=explicit,
        year_relative=explicit and phrase is not None and not phrase.explicit,
        amount=mention.amount, currency=mention.currency, amount_usd=usd, units=None,
        vendor=vendor, chip_model=model,
        spend_type="cloud_rental" if rents_from_seller(sentence.text, buyer, lexicon) or is_rental_deal(
            sentence.text, mention) else fact_type(
            sentence.text, mention.start, mention.end, lexicon, scope),
        region=fact_region(sentence.text, mention.start, mention.end, origin, vendor, lexicon, buyer),
        status=fact_status(sentence, mention.start, mention.end, year, ctx, lexicon, scope),
        attribution=attribution(index, ctx, lexicon), qualifier=mention.qualifier,
    )


def rents_from_seller(text: str, buyer: str, lexicon: SpendLexicon) -> bool:
    """The sentence names a company that sells computing capacity (role "cloud") other than the buyer: the
    buyer pays for capacity it rents ("Meta signed a $14 billion agreement with CoreWeave")."""
    return any(lexicon.companies.role(m.name) == "cloud" and m.name != buyer for m in lexicon.companies.find(text))


# ---------------------------------------------------------------- rows

def stable_id(*parts: object) -> str:
    """First 16 hex digits of the SHA-256 of the parts: the same fact gets the same id every run."""
    return hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def to_fact(article: Article, draft: Draft, denied: dict[str, DenialReach]) -> SpendFact:
    sentence = draft.sentence
    disputed = is_disputed(draft, denied)
    return SpendFact(
        fact_id=stable_id(article.article_id, sentence.start, sentence.end, draft.company, draft.year,
                          draft.amount, draft.currency, draft.units, draft.anchor_at),
        article_id=article.article_id, company=draft.company, year=draft.year, amount=draft.amount,
        currency=draft.currency, amount_usd=draft.amount_usd, units=draft.units, vendor=draft.vendor,
        chip_model=draft.chip_model, spend_type=draft.spend_type, region=draft.region, status=draft.status,
        disputed=disputed, attribution=draft.attribution, qualifier=draft.qualifier,
        confidence=spend_confidence(draft, disputed),
        evidence=sentence.text, char_start=sentence.start, char_end=sentence.end,
    )
