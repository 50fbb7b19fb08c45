"""Chip-spend facts from a Chinese article: the same SpendFact rows, company names and USD as English.

The grammar pieces (sentences, money, chip counts, years) come from this package; the vocabulary from
seeds/aliases_zh.csv and spend_cues_zh.csv; the cross-sentence steps that do not depend on the language
(a figure repeated later is one fact, ids, FX conversion) from the English modules. Per sentence:

- a money phrase is spend when a trigger (采购, 资本开支, 预算, 投入 ...) is near it (40 characters
  before, 15 after, within the sentence and the clauses a semicolon joined to it) and no non-spend word
  (收入, 市值, 募资, 单价, 回购 ...) sits right beside it in its clause; a figure listed after a vetoed one
  in the same clause ("营业收入分别为1.24亿元和4.38亿元") is vetoed too. "850亿元（约118亿美元）" is one
  fact at the article's own rate, as in English;
- a telecom operator's figure (network_operator cues) is spend only as compute spend: a compute word in its
  clause, a purchase in its sentence, a comparison with such a figure, or the compute project it points back
  to ("上半年资本开支584亿元" is network equipment; "算力投资预算373亿元" is not);
- a chip count ("约2万颗H200", "3万卡集群") is a fact when a buying or holding verb is near and the sentence names
  a chip, unless the chips are no AI chips (机顶盒芯片, 存储芯片);
- the buyer (transforms.zh.spend_buyers): the nearest buyer company before the figure in its sentence (a
  company the seeds do not list counts too, named in English by transforms.zh.organisations:
  海西天防科技有限公司, 协创数据（300857.SZ）), not the object of a preposition nor a bid's winner; each listed
  company (各自) or none (合计); else the subject Chinese dropped (the paragraph's, or the company pointed back
  to, else the article's main subject);
- the year is the nearest year phrase of the sentence (calendar time before a company's fiscal label, and
  never a year that opens a comparison after the figure: "较2025年约850亿元"), else the last one earlier in
  the paragraph, else the publication year; a planned figure with no year of its own takes the year of
  the same company's last planned figure (the plan the article is about), and is never dated before the
  publication year;
- status: a future year makes it planned; else the nearest tense cue near the figure; 测算/估计 make it an
  estimate; a multi-year plan (三年投入) is planned;
- a tender's record: its heading takes the buyer of the field line below it (招标人：……), and is a purchase when it
  names compute ("2. ……智算中心（八标段） 资金8.5亿元");
- tables: key-value rows ("| 中标总金额 | 约51.387亿元 |") and column tables are read like sentences with
  the header row as context; companies under a seller column (中标厂商) are not buyers; a table of bare
  numbers counts when its caption names the unit ("单位：亿元人民币") and a spend, with the year or quarter
  of each column.

Figures that are no spend of their own (transforms.zh.spend_vetoes): a bidder's price ("长江计算以约6.33亿元位列第一
中标候选人"), nor a figure a correction takes
back ("原公告中预算金额“4800万元”有误，现更正为“3800万元”", "由200亿元更正为180亿元"), nor a running total ("加上此次项目，……采购额已超过260亿元"), nor a level held over several
periods ("单季投入均在300亿元以上", "维持在300亿元上下").

Denials (阿里云回应……消息不实) dispute the company's figures of the same or the preceding paragraph.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from transforms.dates import DateMention
from transforms.models import Article, SpendFact
from transforms.money import MoneyMention, QuantityMention
from transforms.sentences import Sentence
from transforms.spend import stable_id
from transforms.spend_fields import Draft
from transforms.spend_lexicon import Cue, SpendLexicon
from transforms.spend_merge import drop_repeats
from transforms.zh.years import find_years
from transforms.zh.lexicon import ZhLexicon
from transforms.zh.money import default_currency, find_money, find_quantities
from transforms.zh.organisations import find_organisations
from transforms.zh.spend_buyers import (FIELD_LINE, buyers, compute_spend, main_subject, paragraph_start, record_buyer,
                                        record_heading, without_bid_winners)
from transforms.zh.spend_fields import (CLAUSE_BREAK, ZhContext, ZhDraft, attribution, confidence, fact_chip, fact_region,
                                        fact_status, fact_type, fact_year, near, trigger_gap)
from transforms.zh.spend_tables import is_table_row, table_facts
from transforms.zh.spend_vetoes import not_a_figure_of_its_own

TRIGGER_BEFORE, TRIGGER_AFTER = 40, 15
AFTER_NEXT_CLAUSE = 8                 # a trigger just across one comma after the figure still counts
NOT_SPEND_BEFORE, NOT_SPEND_AFTER = 12, 4
PARTS = re.compile(r"其中|其中包括|当中")  # what follows breaks down the figure before it
COUNT_TRIGGER_BEFORE, COUNT_TRIGGER_AFTER = 20, 12
MIN_CHIP_COUNT = 50
OTHER_CHIP_AFTER = 8  # characters after a chip count in which a kind of chip that is no AI chip names it
MIN_SPEND_USD = 1e6
MIN_TOPIC_CUES = 2
CONVERSION_GAP = re.compile(r"^\s*[（(，,]\s*(?:即|折合|相当于|相當於)?\s*$")
VALUE_OF = re.compile(r"(?:价值|总值|总价|总金额|金额|货值)(?:约|达|为|逾|超过)?\s*$")
# A sentence that opens with a time and its figures only, going on with the sentence before it
# ("2025年三个季度分别为……", "前三季度合计约……", "今年上半年为……").
CONTINUED_TIME = re.compile(r"\s*(?:(?:19|20)\d\d年|今年|去年|明年|同期)?\s*(?:[一二三四两前首]{1,2}个?季度?|[上下]半年|全年|第[一二三四]季度|"
                            r"[1-4]Q|Q[1-4])?[^，。；\d]{0,4}(?:分别为|分别是|合计|共计|累计|为|达|约)")
CHIP_NOUN = re.compile(r"芯片|晶片|GPU|gpu|处理器|加速卡|算力卡|显卡|[^A-Za-z]卡")


def extract_spend(article: Article, folded: str, sentences: list[Sentence], anchor: date | None,
                  lexicon: ZhLexicon, fx: SpendLexicon, dates: list[DateMention] | None = None) -> list[SpendFact]:
    """Every chip-spend fact of a Chinese article; `folded` is `article.text` in simplified characters and
    `dates` its date mentions (found here when not given)."""
    if len(lexicon.cues.find(folded, "topic")) + len(lexicon.chips(folded)) < MIN_TOPIC_CUES:
        return []
    known = lexicon.companies(folded)
    unlisted = find_organisations(folded, known, lexicon.org_names)
    companies = sorted([m for m in known if lexicon.role(m.name) != "vendor"] + unlisted, key=lambda m: m.start)
    companies = without_bid_winners(companies, folded)  # a bid's winner sells
    ctx = ZhContext(folded=folded, anchor=anchor, sentences=tuple(sentences), years=tuple(find_years(folded, anchor, dates)),
                    subject=main_subject(article, folded, lexicon, unlisted), bare_yuan=default_currency(folded),
                    buyers=tuple(companies))
    drafts: list[ZhDraft] = []
    end = boilerplate_start(ctx, lexicon)
    for index in range(end):
        if is_table_row(sentences[index].text):
            drafts.extend(table_facts(index, ctx, lexicon, fx))
        else:
            drafts.extend(sentence_facts(index, ctx, lexicon, fx))
    drafts = [d for d in drafts if (d.draft.amount_usd is None or d.draft.amount_usd >= MIN_SPEND_USD)
              and d.draft.company]  # "": a state firm that has no name in this grammar
    drafts = carry_plan_years(drafts, anchor)
    kept = drop_repeats([d.draft for d in drafts])
    sure = {id(d.draft): d.confidence for d in drafts}
    denials = denied(ctx, lexicon)
    facts: dict[str, SpendFact] = {}
    for draft in kept:
        fact = to_fact(article, draft, sure.get(id(draft), 0.5), denials)
        facts.setdefault(fact.fact_id, fact)
    return list(facts.values())


def boilerplate_start(ctx: ZhContext, lexicon: ZhLexicon) -> int:
    """Index of the first short heading that opens boilerplate (相关阅读, 免责声明 ...), else len(sentences)."""
    for index, sentence in enumerate(ctx.sentences):
        text = ctx.folded[sentence.start:sentence.end].strip()
        core = re.sub(r"^(?:[一二三四五六七八九十]+、|\d+[.、])\s*", "", text).rstrip("：:")
        if len(core) <= 12 and any(c.start == 0 and c.end == len(core) for c in lexicon.cues.find(core, "boilerplate")):
            return index
    return len(ctx.sentences)


def scope_start(index: int, ctx: ZhContext) -> int:
    """Where the cues of sentence `index` begin: the sentence, plus the clauses a semicolon joined to it."""
    start = ctx.sentences[index].start
    back = index - 1
    while back >= 0 and ctx.sentences[back].paragraph == ctx.sentences[index].paragraph \
            and ctx.sentences[back].text.rstrip("」”’）)").endswith(("；", ";")):
        start = ctx.sentences[back].start
        back -= 1
    return start


def sentence_facts(index: int, ctx: ZhContext, lexicon: ZhLexicon, fx: SpendLexicon) -> list[ZhDraft]:
    """Money and chip-count facts of one sentence."""
    sentence = ctx.sentences[index]
    lo, hi = scope_start(index, ctx), sentence.end
    money = paired_money(sentence, ctx)
    counts = [q for q in shifted_counts(sentence, ctx) if q.value >= MIN_CHIP_COUNT]
    if not money and not counts:
        return []
    triggers = lexicon.cues.find(ctx.folded, "trigger", lo, hi) or continued_trigger(index, ctx, lexicon) \
        or tender_heading(index, ctx, lexicon)
    vetoes = lexicon.cues.find(ctx.folded, "not_spend", sentence.start, hi)
    # a non-spend word inside a trigger word is none ("订单价值": 单价 in 订单 + 价值)
    vetoes = [v for v in vetoes if not any(t.start < v.end and v.start < t.end and t.start < v.start for t in triggers)]
    drafts: list[ZhDraft] = []
    vetoed_end = -1
    for mention, usd, end in money:
        if vetoed_end >= 0 and not CLAUSE_BREAK.search(ctx.folded, vetoed_end, mention.start):
            vetoed_end = end  # "分别为1.24亿元和4.38亿元": listed after a vetoed figure, in one clause
            continue
        if is_vetoed(mention.start, end, vetoes, ctx.folded):
            vetoed_end = end
            continue
        if not_a_figure_of_its_own(mention.start, end, sentence, ctx.folded):
            continue  # a running total, a total of past years, a what-if, a figure corrected away, a level, a bid
        vetoed_end = -1
        if not has_trigger(triggers, mention.start, end, ctx, lexicon, sentence.start) \
                and not part_of_spend(mention.start, drafts, ctx, sentence):
            continue
        for buyer, named in buyers(index, mention.start, ctx, lexicon, tuple(m.start for m, _, _ in money)):
            if buyer in lexicon.network_operators and not compute_spend(mention.start, end, index, ctx, lexicon):
                continue  # "上半年资本开支584亿元": a telecom operator's capex is mostly network equipment
            drafts.append(money_draft(index, mention, usd, end, buyer, named, ctx, lexicon, fx, triggers))
    drafts = value_of_counts(drafts, counts, ctx, sentence)
    holding = triggers + lexicon.cues.find(ctx.folded, "holding", lo, hi)
    for count in counts:
        if not near(holding, count.start, count.end, COUNT_TRIGGER_BEFORE, COUNT_TRIGGER_AFTER):
            continue
        if lexicon.cues.find(ctx.folded, "other_chip", count.end, min(hi, count.end + OTHER_CHIP_AFTER)):
            continue  # "1000万片机顶盒芯片": chips, but no AI chips
        if not (lexicon.chips(ctx.folded[sentence.start:hi]) or CHIP_NOUN.search(ctx.folded, sentence.start, hi)):
            continue
        for buyer, named in buyers(index, count.start, ctx, lexicon, tuple(c.start for c in counts)):
            made = count_draft(index, count, buyer, named, ctx, lexicon, holding)
            twin = next((d for d in drafts if d.draft.company == buyer and d.draft.units is None
                         and (d.value_of_count or not CLAUSE_BREAK.search(
                             ctx.folded, min(d.draft.anchor_at + sentence.start, count.start),
                             max(d.draft.anchor_at + sentence.start, count.start)))), None)
            if twin is not None:
                drafts[drafts.index(twin)] = replace(twin, draft=replace(twin.draft, units=made.draft.units,
                                                                         chip_model=twin.draft.chip_model or made.draft.chip_model,
                                                                         vendor=twin.draft.vendor or made.draft.vendor))
            else:
                drafts.append(made)
    return drafts


def continued_trigger(index: int, ctx: ZhContext, lexicon: ZhLexicon) -> list[Cue]:
    """A sentence that goes on with the measure of the one before it in its paragraph, naming only a time and its
    figures ("腾讯2024年资本开支767亿元。2025年三个季度分别为274.8亿、191亿和129.8亿元"): the trigger of that
    sentence, placed at this one's start; none when this sentence names a company or a word that is no spend."""
    sentence = ctx.sentences[index]
    if FIELD_LINE.match(ctx.folded, paragraph_start(index, ctx)) \
            and not lexicon.cues.find(ctx.folded, "not_spend", sentence.start, sentence.end):
        record = lexicon.cues.find(ctx.folded, "trigger", *record_heading(index, ctx))
        return [replace(record[-1], start=sentence.start, end=sentence.start)] if record else []
    if index == 0 or ctx.sentences[index - 1].paragraph != sentence.paragraph \
            or not CONTINUED_TIME.match(ctx.folded, sentence.start):
        return []
    previous = ctx.sentences[index - 1]
    before = lexicon.cues.find(ctx.folded, "trigger", previous.start, previous.end)
    if not before or lexicon.companies(sentence.text) \
            or lexicon.cues.find(ctx.folded, "not_spend", sentence.start, sentence.end):
        return []
    return [replace(before[-1], start=sentence.start, end=sentence.start)]


def tender_heading(index: int, ctx: ZhContext, lexicon: ZhLexicon) -> list[Cue]:
    """The heading of a tender's record, over the field line naming who tenders ("2. ……智算中心（八标段） 资金8.5亿元"
    over "招标人：……"), is a purchase when it names compute: a trigger placed at its start."""
    sentence = ctx.sentences[index]
    if record_buyer(index, ctx) is None or not lexicon.cues.find(ctx.folded, "compute", sentence.start, sentence.end):
        return []
    return [Cue(sentence.start, sentence.start, "trigger", "")]


def value_of_counts(drafts: list[ZhDraft], counts: list[QuantityMention], ctx: ZhContext,
                    sentence: Sentence) -> list[ZhDraft]:
    """A value told right after a chip count ("订购约23万颗H20芯片，价值约160亿美元"), or right before one in the
    sentence ("签订价值约2200万美元的采购协议，购入约1800颗昇腾910B") is the price of that purchase: the money
    draft is marked to take the count (the count's draft then merges into it)."""
    out = []
    for item in drafts:
        at = item.draft.anchor_at + sentence.start
        value = VALUE_OF.search(ctx.folded, max(sentence.start, at - 6), at)
        if value is not None and any(c.end <= value.start() and not re.search(r"[；;。]", ctx.folded[c.end:at])
                                     or c.start >= at and not re.search(r"[；;。]", ctx.folded[at:c.start])
                                     for c in counts):
            item = replace(item, value_of_count=True)
        out.append(item)
    return out


def paired_money(sentence: Sentence, ctx: ZhContext) -> list[tuple[MoneyMention, float | None, int]]:
    """(mention with absolute offsets, in-text USD, end of the phrase including its bracketed twin)."""
    text = ctx.folded[sentence.start:sentence.end]
    mentions = [replace(m, start=m.start + sentence.start, end=m.end + sentence.start)
                for m in find_money(text, ctx.bare_yuan)]
    result = []
    skip = set()
    for i, mention in enumerate(mentions):
        if i in skip:
            continue
        usd = mention.amount if mention.currency == "USD" else None
        end = mention.end
        if i + 1 < len(mentions) and CONVERSION_GAP.match(ctx.folded[mention.end:mentions[i + 1].start]):
            twin = mentions[i + 1]
            if twin.currency != mention.currency:
                skip.add(i + 1)
                end = twin.end + (1 if ctx.folded[twin.end:twin.end + 1] in "）)" else 0)
                if "USD" in (twin.currency, mention.currency):
                    usd = twin.amount if twin.currency == "USD" else mention.amount
        result.append((mention, usd, end))
    return result


def shifted_counts(sentence: Sentence, ctx: ZhContext) -> list[QuantityMention]:
    text = ctx.folded[sentence.start:sentence.end]
    return [replace(q, start=q.start + sentence.start, end=q.end + sentence.start) for q in find_quantities(text)]


def has_trigger(triggers: list[Cue], start: int, end: int, ctx: ZhContext, lexicon: ZhLexicon, sentence_start: int) -> bool:
    """A trigger within reach: up to TRIGGER_BEFORE characters before the figure, or after it in its own
    clause (TRIGGER_AFTER) or just across one comma ("420亿元的额度内，采购"); anywhere earlier in the
    sentence for a comparison figure ("较2024年的767亿元"), which is the same kind of spend as its sentence's."""
    folded = ctx.folded
    for cue in triggers:
        if cue.end <= start:
            if start - cue.end <= TRIGGER_BEFORE:
                return True
        elif cue.start >= end:
            gap = folded[end:cue.start]
            breaks = len(CLAUSE_BREAK.findall(gap))
            if (breaks == 0 and len(gap) <= TRIGGER_AFTER) or (breaks == 1 and len(gap) <= AFTER_NEXT_CLAUSE
                                                               and not re.search(r"[；;。]", gap)):
                return True
        else:
            return True
    compared = [c for c in lexicon.cues.find(folded, "comparison", max(sentence_start, start - 12), start)
                if not CLAUSE_BREAK.search(folded, c.end, start)]
    return bool(compared) and any(c.end <= start and c.start >= sentence_start for c in triggers)


def part_of_spend(start: int, drafts: list[ZhDraft], ctx: ZhContext, sentence: Sentence) -> bool:
    """A figure after 其中 that follows a spend figure of its sentence is a part of that spend ("总额约50亿元，其中昇腾
    设备约34亿元，类CUDA设备约17亿元"), however far the trigger of the total is."""
    parts = PARTS.search(ctx.folded, sentence.start, start)
    return parts is not None and any(d.draft.anchor_at + sentence.start < parts.start() for d in drafts)


def is_vetoed(start: int, end: int, vetoes: list[Cue], folded: str) -> bool:
    """A non-spend word right beside the figure, in its clause."""
    for cue in vetoes:
        if cue.end <= start and start - cue.end <= NOT_SPEND_BEFORE and not CLAUSE_BREAK.search(folded, cue.end, start):
            return True
        if cue.start >= end and cue.start - end <= NOT_SPEND_AFTER and not CLAUSE_BREAK.search(folded, end, cue.start):
            return True
    return False


def money_draft(index: int, mention: MoneyMention, usd: float | None, end: int, buyer: str, named: bool,
                ctx: ZhContext, lexicon: ZhLexicon, fx: SpendLexicon, triggers: list[Cue]) -> ZhDraft:
    sentence = ctx.sentences[index]
    year, own, multi = fact_year(index, mention.start, end, ctx, lexicon)
    vendor, model, origin = fact_chip(index, mention.start, end, ctx, lexicon, buyer)
    if usd is None:
        usd = fx.usd(mention.amount, mention.currency, year)
    draft = Draft(company=buyer, sentence=sentence, anchor_at=mention.start - sentence.start, year=year,
                  year_explicit=own, amount=mention.amount, currency=mention.currency, amount_usd=usd, units=None,
                  vendor=vendor, chip_model=model, spend_type=fact_type(index, mention.start, end, ctx, lexicon),
                  region=fact_region(index, mention.start, end, origin, vendor, ctx, lexicon),
                  status=fact_status(index, mention.start, end, year, multi, ctx, lexicon),
                  attribution=attribution(index, ctx, lexicon), qualifier=mention.qualifier)
    return ZhDraft(draft, confidence(named, own, trigger_gap(triggers, mention.start, end), mention.qualifier), own, multi)


def count_draft(index: int, count: QuantityMention, buyer: str, named: bool, ctx: ZhContext, lexicon: ZhLexicon,
                triggers: list[Cue]) -> ZhDraft:
    sentence = ctx.sentences[index]
    year, own, multi = fact_year(index, count.start, count.end, ctx, lexicon)
    vendor, model, origin = fact_chip(index, count.start, count.end, ctx, lexicon, buyer)
    spend_type = fact_type(index, count.start, count.end, ctx, lexicon)
    draft = Draft(company=buyer, sentence=sentence, anchor_at=count.start - sentence.start, year=year,
                  year_explicit=own, amount=None, currency=None, amount_usd=None, units=int(round(count.value)),
                  vendor=vendor, chip_model=model,
                  spend_type="cloud_rental" if spend_type == "cloud_rental" else "chip_purchase",
                  region=fact_region(index, count.start, count.end, origin, vendor, ctx, lexicon),
                  status=fact_status(index, count.start, count.end, year, multi, ctx, lexicon),
                  attribution=attribution(index, ctx, lexicon), qualifier=count.qualifier)
    return ZhDraft(draft, confidence(named, own, trigger_gap(triggers, count.start, count.end), count.qualifier), own, multi)


def carry_plan_years(drafts: list[ZhDraft], anchor: date | None) -> list[ZhDraft]:
    """A planned figure without a year of its own belongs to the plan the article told before (the same
    company's last planned figure), and a plan is never dated before the publication year."""
    out: list[ZhDraft] = []
    last_plan: dict[str, int] = {}
    for item in drafts:
        draft = item.draft
        if draft.status == "planned" and not item.year_own:
            year = last_plan.get(draft.company, draft.year)
            if anchor is not None and (year is None or year < anchor.year):
                year = anchor.year
            if year != draft.year:
                draft = replace(draft, year=year)
                item = replace(item, draft=draft)
        if draft.status == "planned" and draft.year is not None and item.year_own:
            last_plan[draft.company] = draft.year
        out.append(item)
    return out


def denied(ctx: ZhContext, lexicon: ZhLexicon) -> dict[str, set[int]]:
    """Company -> paragraphs in which it denies a report (its own, or the report's just before)."""
    found: dict[str, set[int]] = {}
    for sentence in ctx.sentences:
        lo, hi = sentence.start, sentence.end
        if not lexicon.cues.find(ctx.folded, "denial", lo, hi) or not lexicon.cues.find(ctx.folded, "denial_object", lo, hi):
            continue
        named = [m.name for m in ctx.buyers if lo <= m.start < hi]
        company = named[0] if named else ctx.subject
        if company:
            found.setdefault(company, set()).update({sentence.paragraph, sentence.paragraph - 1})
    return found


def to_fact(article: Article, draft: Draft, sure: float, denials: dict[str, set[int]]) -> SpendFact:
    sentence = draft.sentence
    disputed = draft.status != "estimate" and sentence.paragraph in denials.get(draft.company, set())
    return SpendFact(
        fact_id=stable_id(article.article_id, sentence.start, sentence.end, draft.company, draft.year,
                          draft.amount, draft.currency, draft.units, draft.anchor_at),
        article_id=article.article_id, company=draft.company, year=draft.year, amount=draft.amount,
        currency=draft.currency, amount_usd=draft.amount_usd, units=draft.units, vendor=draft.vendor,
        chip_model=draft.chip_model, spend_type=draft.spend_type, region=draft.region, status=draft.status,
        disputed=disputed, attribution=draft.attribution, qualifier=draft.qualifier, confidence=sure,
        evidence=sentence.text, char_start=sentence.start, char_end=sentence.end,
    )
