"""Money and chip-count phrases in Chinese text, with offsets: the same MoneyMention / QuantityMention
values the English grammar (transforms.money) gives.

Money: a numeral (transforms.zh.numbers) with its scale and a currency after it ("850亿元",
"1,600亿元人民币", "118亿美元", "211億港元") or before it ("新台幣420億元", "人民币1500亿元"); ranges
("50亿至70亿元", "6亿至9亿元": the midpoint, qualifier "range"); hedges before the number ("约", "逾",
"超过", "不超过", "最高可达", "至少", "近") or after it ("400多亿", "1500亿元左右", "50亿元以上"), kept
as the English qualifier words ("about", "more than", "up to" ...) so the rows read the same in both
languages. A bare "元" is the article's own currency (`default_currency`): renminbi, unless the text
declares another ("（新台幣，下同）") or only ever names New Taiwan dollars.

Chip counts: a numeral with a chip classifier (颗/顆, 片, 张/張, 块/塊, 枚), or with 卡 before a cluster ("3万卡集群"):
"约2万颗H200", "至少20萬片",
"1萬顆輝達GB300". Servers (台) and cabinets (柜) are not chips. Vague amounts ("数万颗", "几十亿元",
"上百亿", "成千上万") are no figure at all; an Arabic numeral after 成 or 上 is a figure ("完成191亿元").
"""
from __future__ import annotations

import math
import re

from transforms.money import MoneyMention, QuantityMention
from transforms.zh.numbers import ARABIC, DIGITS, SMALL_UNITS, parse_number

__all__ = ["MoneyMention", "QuantityMention", "default_currency", "find_money", "find_quantities"]

_CN = "".join(DIGITS) + "".join(SMALL_UNITS)
# A numeral: Arabic (with an optional small unit, "5千万") or Chinese digits and units, then 万/亿 scales.
NUMERAL = rf"(?:(?:{ARABIC})[十百千]?|[{_CN}][{_CN}万萬亿億]*)(?P<more@>多|余|餘)?(?P<scale@>[万萬亿億]{{0,2}})"
# Hedges written before the number, longest first, with the English qualifier they stand for.
HEDGES_BEFORE = {
    "不超过": "up to", "不超過": "up to", "最高可达": "up to", "最高可達": "up to", "最高达": "up to",
    "最高達": "up to", "最多": "up to", "上限为": "up to", "上限為": "up to", "最高": "up to",
    "不少于": "at least", "不少於": "at least", "至少": "at least", "起码": "at least", "起碼": "at least",
    "超过": "more than", "超過": "more than", "逾": "more than", "超": "more than", "多达": "as much as",
    "多達": "as much as", "高达": "as much as", "高達": "as much as",
    "约为": "about", "約為": "about", "约合": "about", "約合": "about", "大约": "about", "大約": "about",
    "约": "about", "約": "about", "估计": "about", "近": "nearly", "接近": "nearly", "将近": "nearly",
    "將近": "nearly", "近乎": "nearly",
}
HEDGES_AFTER = {"左右": "about", "上下": "about", "以上": "more than", "多": "more than", "余": "more than",
                "餘": "more than", "以内": "up to", "以內": "up to", "以下": "up to"}
# Currency after the number (longest first): "元人民币" and "元" both end an amount.
SUFFIX_CURRENCIES = {
    "元人民币": "CNY", "元人民幣": "CNY", "人民币": "CNY", "人民幣": "CNY", "元新台币": "TWD", "元新台幣": "TWD",
    "新台币": "TWD", "新台幣": "TWD", "台币": "TWD", "台幣": "TWD", "美元": "USD", "美金": "USD",
    "港元": "HKD", "港币": "HKD", "港幣": "HKD", "日元": "JPY", "日圆": "JPY", "日圓": "JPY", "日币": "JPY",
    "日幣": "JPY", "欧元": "EUR", "歐元": "EUR", "韩元": "KRW", "韓元": "KRW", "韩圆": "KRW", "韓圓": "KRW",
    "英镑": "GBP", "英鎊": "GBP", "令吉": "MYR", "马币": "MYR", "馬幣": "MYR", "元": "",
}
# Currency before the number ("新台幣420億元", "人民币1500亿元", "US$5亿"); a following 元 belongs to it.
PREFIX_CURRENCIES = {"人民币": "CNY", "人民幣": "CNY", "新台币": "TWD", "新台幣": "TWD", "港币": "HKD", "港幣": "HKD",
                     "美元": "USD", "RMB": "CNY", "US$": "USD", "HK$": "HKD", "NT$": "TWD", "$": "USD", "¥": "CNY",
                     "￥": "CNY"}
# Words before a number that make it vague ("数十亿", "几万", "上百亿", "数以万计"): no figure.
VAGUE_BEFORE = re.compile(r"(?:数|數|几|幾|若干|上|成)$")
RANGE_JOIN = r"(?:至|到|-|–|—|～|~|〜)"
CHIP_CLASSIFIERS = {"颗": "颗", "顆": "颗", "片": "片", "张": "张", "張": "张", "块": "块", "塊": "块", "枚": "枚", "卡": "张"}
# What may not follow a classifier for it to count chips: "片区" is a district, "张贴" a posting, "块钱" money.
NOT_A_COUNT_AFTER = re.compile(r"(?:区|區|面|刻|段|贴|貼|钱|錢|状|狀|地|头|頭)")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_HEDGE = _alternation(HEDGES_BEFORE)
_FIRST = NUMERAL.replace("@", "")
_SECOND = NUMERAL.replace("@", "2")
MONEY = re.compile(
    rf"(?P<hedge>{_HEDGE})?(?P<pre>{_alternation(PREFIX_CURRENCIES)})?\s?(?P<num>{_FIRST})"
    rf"(?:(?P<pre_cur1>{_alternation(c for c in SUFFIX_CURRENCIES if c)})?{RANGE_JOIN}(?P<num2>{_SECOND}))?"
    rf"\s?(?P<cur>{_alternation(SUFFIX_CURRENCIES)})?(?P<after>{_alternation(HEDGES_AFTER)})?"
)
COUNT = re.compile(
    rf"(?P<hedge>{_HEDGE})?(?P<num>{_FIRST})(?:{RANGE_JOIN}(?P<num2>{_SECOND}))?(?P<after>多|余|餘)?"
    rf"(?P<unit>[{''.join(c for c in CHIP_CLASSIFIERS if c != '卡')}]|卡(?=\s*(?:集群|算力集群|规模|規模)))"  # "3万卡集群": a 30,000-card cluster
)
# A numeral must not be glued to a number, a Latin letter or a decimal point before it ("H200", "3.5").
_GLUED_BEFORE = re.compile(rf"[0-9A-Za-z.,{_CN}万萬亿億]$")
LIST_JOIN = re.compile(r"\s*(?:、|和|及|与|與|以及)\s*")
DECLARED = re.compile(r"[（(]\s*(?P<cur>人民币|人民幣|新台币|新台幣|港元|港币|港幣|美元)\s*[，,、]\s*下同\s*[)）]")


def default_currency(text: str) -> str:
    """What a bare 元 means in this article: the currency a "（…，下同）" note declares first, else New Taiwan
    dollars when the text names them and never renminbi, else renminbi."""
    declared = DECLARED.search(text)
    if declared:
        return SUFFIX_CURRENCIES.get(declared.group("cur")) or PREFIX_CURRENCIES[declared.group("cur")]
    if re.search(r"新台[币幣]|台[币幣]|NT\$", text) and not re.search(r"人民[币幣]|RMB", text):
        return "TWD"
    return "CNY"


def _amount(num: str, more: str | None, scale: str | None, fallback_scale: str | None = None) -> float | None:
    value = parse_number(re.sub(r"[多余餘]", "", num) + (scale or fallback_scale or ""))
    if value is None or value <= 0 or not math.isfinite(value):
        return None
    return value


def _qualifier(match: re.Match, ranged: bool) -> str | None:
    if ranged:
        return "range"
    hedge = match.group("hedge")
    if hedge:
        return HEDGES_BEFORE[hedge]
    if match.group("more"):
        return "more than"
    after = match.groupdict().get("after")
    return HEDGES_AFTER.get(after) if after else None


def _vague(text: str, match: re.Match) -> bool:
    """A numeral glued to something before it, or made vague by 数/几/上 ("数十亿", "上百亿")."""
    if match.group("hedge"):
        return False
    head = text[max(0, match.start() - 2):match.start()]
    if head.endswith(("成", "上")) and re.match(r"\d", text[match.start():]):
        return bool(_GLUED_BEFORE.search(head))  # "完成191亿元", "站上100亿元": only 成百, 上千 are vague
    return bool(_GLUED_BEFORE.search(head) or VAGUE_BEFORE.search(head))


def _listed_currencies(text: str) -> dict[int, str]:
    """Scaled numbers listed before one that has its currency ("分别为274.8亿、191亿和129.8亿元"): the start of
    each, with the currency written after the last."""
    matches = [m for m in MONEY.finditer(text) if m.group("num")]
    listed: dict[int, str] = {}
    currency = None
    for left, right in zip(reversed(matches[:-1]), reversed(matches[1:])):
        own = right.group("cur") if right.group("cur") and not right.group("pre") else listed.get(right.start())
        currency = own
        if currency and not left.group("pre") and not left.group("cur") and left.group("scale") \
                and LIST_JOIN.fullmatch(text, left.end(), right.start()):
            listed[left.start()] = currency
    return listed


def find_money(text: str, bare_yuan: str = "CNY") -> list[MoneyMention]:
    """Every money phrase of `text`, in order; `bare_yuan` is the ISO code a bare 元 stands for."""
    found: list[MoneyMention] = []
    listed = _listed_currencies(text)
    for match in MONEY.finditer(text):
        prefix, suffix = match.group("pre"), match.group("cur")
        if not (prefix or suffix) and match.start() in listed and not _vague(text, match):
            suffix = listed[match.start()]  # "274.8亿、191亿和129.8亿元": the list's last currency is every item's
        if not (prefix or suffix) or _vague(text, match):
            continue
        if prefix and not suffix and not match.group("scale") and prefix not in ("US$", "HK$", "NT$", "$", "¥", "￥"):
            continue  # "人民币5" is no amount; "人民币1500亿" is
        code = PREFIX_CURRENCIES[prefix] if prefix else (SUFFIX_CURRENCIES[suffix] or bare_yuan)
        if prefix and suffix and SUFFIX_CURRENCIES[suffix] not in ("", code):
            continue
        first = _amount(match.group("num"), match.group("more"), None)
        if first is None:
            continue
        if not match.group("scale") and not re.search(r"\d", match.group("num")) and first < 10:
            continue  # "一元", "三元": a word, not a price
        if match.group("num2"):
            second = _amount(match.group("num2"), None, None)
            scale1, scale2 = match.group("scale"), match.group("scale2")
            if second is None:
                continue
            if not scale1 and scale2:  # "50至70亿元": the scale of the second applies to both
                first = _amount(match.group("num").rstrip("万萬亿億") + scale2, None, None) or first
            amount = (first + second) / 2
        else:
            amount = first
        found.append(MoneyMention(match.start(), match.end(), amount, code, _qualifier(match, bool(match.group("num2")))))
    return found


def find_quantities(text: str) -> list[QuantityMention]:
    """Every chip-count phrase ("约2万颗", "20萬片", "1萬顆", "400顆") of `text`, in order."""
    found: list[QuantityMention] = []
    for match in COUNT.finditer(text):
        if _vague(text, match) or NOT_A_COUNT_AFTER.match(text, match.end()):
            continue
        first = _amount(match.group("num"), None, None)
        if first is None:
            continue
        ranged = bool(match.group("num2"))
        if ranged:
            second = _amount(match.group("num2"), None, None)
            if second is None:
                continue
            if not match.group("scale") and match.group("scale2"):
                first = _amount(match.group("num") + match.group("scale2"), None, None) or first
            value = (first + second) / 2
        else:
            value = first
        found.append(QuantityMention(match.start(), match.end(), value, CHIP_CLASSIFIERS[match.group("unit")],
                                     _qualifier(match, ranged)))
    return found
