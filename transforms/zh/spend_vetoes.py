"""Figures of a Chinese spend sentence that are no spend of their own, whatever trigger is near them
(transforms/zh/spend.py asks): a running total ("加上此次项目，……采购额已超过260亿元"), a total of past years (近两年,
过去三年), what a condition would lead to ("若……，每年采购规模可达90亿元"), a figure a correction takes back ("原公告中预算
金额“4800万元”有误", "由200亿元更正为180亿元"), a level held over several periods ("单季投入均在300亿元以上"), and a
bidder's price ("长江计算以约6.33亿元位列第一中标候选人").
"""
from __future__ import annotations

import re

from transforms.sentences import Sentence
from transforms.zh.spend_fields import CLAUSE_BREAK

# A condition before a figure in its sentence makes it a what-if ("若……，每年采购规模可达90亿元") when the figure is
# what the condition would lead to (WHAT_IF_OUTCOME).
HYPOTHESIS = re.compile(r"(?:^|[。！？!?，,；;：:\s])(?:若|如果|假如|倘若|假设|假設|一旦)(?![干])")
# What a condition would lead to, right before the figure ("可达90亿元"); a plan told under a condition ("若H200获准
#入华，……预算约为一千亿元") stays a plan.
WHAT_IF_OUTCOME = re.compile(r"(?:可达|可望达到?|或达|可能达到?|可以达到|将可达到?|有望达到?)\s*(?:约|近|超过)?\s*$")
# Spans of past years ("近两年", "过去三年", "多年来"): a figure in their clause totals several years.
PAST_SPAN = re.compile(r"(?:近|过去|過去|最近|前)(?:[两兩二三四五六七八九十几幾]|\d)年(?![前后後底初末度])|多年来|多年來|近年来|近年來|历年|歷年")
# A bidder's price ("长江计算以约6.33亿元位列第一中标候选人", "以4.1亿元的报价中标"): what one seller offered, told
# about the seller; the buyer's spend is the award's total.
BID_PRICE_BEFORE = re.compile(r"以\s*(?:约|总价|报价|投标价|含税价|不含税价)?\s*$")
BID_PRICE_AFTER = re.compile(r"\s*(?:的(?:价格|报价|投标报价|投标价|总价))?\s*(?:位列|位居|排名|排在|成为|中标|得标|入围|预中标|胜出)")
# A level held over several periods ("单季投入均在300亿元以上", "维持在300亿元上下"): no one period's figure.
LEVEL_HELD = re.compile(r"(?:均|都|皆|一直|始终|維持|维持|保持|稳定|穩定)(?:在|於|于)\s*$")
# A running total that adds the purchase just told to earlier ones ("加上此次项目，其服务器采购额已超过260亿元"):
# the sum of facts counted one by one.
RUNNING_TOTAL = re.compile(r"(?:^|[，,。；;：:\s])(?:加上|连同|連同|算上|计入|計入|包括本次|含本次)[^，,。；;]{0,20}[，,]")
# A figure a correction takes back ("原公告中预算金额“4800万元”有误，现更正为“3800万元”", "由200亿元更正为180亿元"):
# only the figure it is corrected to is a fact.
CORRECTED_AWAY = re.compile(r"\s*[”\"」』’]?\s*(?:有误|有誤|错误|錯誤|系笔误|係筆誤|为笔误|為筆誤|笔误|筆誤|更正为|更正為|改为|改為|"
                            r"修正为|修正為|更改为|更改為|调整为|調整為|变更为|變更為)")
CORRECTION_OPENING = re.compile(r"由(?:原来的|原來的|原)?\s*[“\"「『‘]?\s*$")


def not_a_figure_of_its_own(start: int, end: int, sentence: Sentence, folded: str) -> bool:
    """The figure at [start, end) of `folded` (absolute offsets; `end` past its bracketed twin) is one of the kinds
    of the module docstring."""
    sentence_start = sentence.start
    if RUNNING_TOTAL.search(folded, max(0, sentence_start - 1), start):
        return True  # "加上此次网络云项目，移动在服务器上的采购额已超过260亿元": a running total
    if past_span(start, sentence_start, folded):
        return True  # "近两年在人工智能领域的直接投资超过120亿元": a total of past years, no year's spend
    if HYPOTHESIS.search(folded, max(0, sentence_start - 1), start) \
            and WHAT_IF_OUTCOME.search(folded, max(sentence_start, start - 8), start):
        return True  # "若中移动把AI算力支出提升至收入的5%，每年采购规模可达90亿元": a what-if, no spend
    after = CORRECTED_AWAY.match(folded, end)
    if after is not None and (not after.group().strip("”\"」』’ \t").startswith(("调整", "調整", "改为", "改為", "变更", "變更"))
                              or CORRECTION_OPENING.search(folded, max(sentence_start, start - 8), start)):
        return True  # "原公告中预算金额“4800万元”有误": the figure a correction takes back
    if LEVEL_HELD.search(folded, max(sentence_start, start - 4), start):
        return True  # "最近两个季度的单季投入均在300亿元以上": a level, no period's spend
    if BID_PRICE_BEFORE.search(folded, max(sentence_start, start - 6), start) \
            and BID_PRICE_AFTER.match(folded, end):
        return True  # "长江计算以约6.33亿元位列第一中标候选人": a bidder's price
    return False


def past_span(start: int, sentence_start: int, folded: str) -> bool:
    """A span of past years opens the figure's clause (近两年, 过去三年, 多年来): the figure totals them."""
    clause = max((m.end() for m in CLAUSE_BREAK.finditer(folded, sentence_start, start)), default=sentence_start)
    return PAST_SPAN.search(folded, clause, start) is not None
