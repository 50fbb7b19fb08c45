"""Money and chip-count phrases in text: a small hand grammar with offsets.

Covers currency signs and codes before the number ("US$5.5bn", "RMB 40 billion", "HK$21.1 billion",
"€3m", "¥12.98 billion", "R$200 billion", "Rs 10,000 crore"), currency words after it ("100 billion yuan",
"2 billion US dollars", "40 billion riyals"), scale words (thousand, million/m/mn, billion/bn/b, trillion/tn,
crore, lakh crore), numbers in words ("twelve",
"a billion"), ranges ("5 to 7 billion yuan", "$5bn-$7bn": the midpoint, qualifier "range") and
hedges ("about", "as much as", "more than", "up to" ...), kept as a qualifier. Chip counts are a
number followed by a chip noun ("230,000 chips", "about 10,000 A100s", "1,600 of Huawei's Ascend
910B processors", "18,000 of its GB300 chips", "20,000 H200 units").

quantulum3 and price-parser were not used: neither ships with the project's pinned environment,
price-parser reads one price per string (no offsets, no scale words), and quantulum3 has no notion
of yuan-with-scale or of a chip as a unit; a grammar with tests was quicker to make exact.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from transforms.entities import tree_alternation


@dataclass(frozen=True)
class MoneyMention:
    """An amount of money: `amount` is absolute (40 billion -> 4e10) in ISO 4217 `currency`."""

    start: int
    end: int
    amount: float
    currency: str
    qualifier: str | None


@dataclass(frozen=True)
class QuantityMention:
    """A count of things: `unit` is the counted noun as written ("chips", "A100s", "them")."""

    start: int
    end: int
    value: float
    unit: str | None
    qualifier: str | None


WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12, "half": 0.5,
}
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
    "crore": 1e7, "lakh crore": 1e12,  # Indian reporting: "Rs 10,000 crore", "₹1 lakh crore"
}
# Currency written before the number (longest first so "US$" wins over "$").
PREFIX_CURRENCIES = {
    "us$": "USD", "usd": "USD", "$": "USD", "hk$": "HKD", "hkd": "HKD", "nt$": "TWD", "twd": "TWD",
    "s$": "SGD", "sgd": "SGD", "rmb": "CNY", "cny": "CNY", "¥": "CNY", "￥": "CNY", "€": "EUR",
    "eur": "EUR", "£": "GBP", "gbp": "GBP", "jpy": "JPY", "krw": "KRW", "₩": "KRW", "myr": "MYR",
    "rm": "MYR", "a$": "AUD", "c$": "CAD", "r$": "BRL", "brl": "BRL", "₹": "INR", "rs": "INR", "rs.": "INR",
    "inr": "INR", "sar": "SAR", "aed": "AED", "thb": "THB", "baht": "THB", "฿": "THB",
}
# Currency written after the number and scale.
SUFFIX_CURRENCIES = {
    "us dollars": "USD", "u.s. dollars": "USD", "dollars": "USD", "dollar": "USD", "usd": "USD",
    "hong kong dollars": "HKD", "hk dollars": "HKD", "hkd": "HKD", "taiwan dollars": "TWD",
    "new taiwan dollars": "TWD", "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "cny": "CNY",
    "euros": "EUR", "euro": "EUR", "eur": "EUR", "yen": "JPY", "jpy": "JPY", "won": "KRW",
    "krw": "KRW", "ringgit": "MYR", "myr": "MYR", "pounds": "GBP", "pounds sterling": "GBP",
    "gbp": "GBP", "reais": "BRL", "brazilian reais": "BRL", "brl": "BRL", "rupees": "INR", "indian rupees": "INR",
    "inr": "INR", "riyals": "SAR", "saudi riyals": "SAR", "sar": "SAR", "dirhams": "AED", "uae dirhams": "AED",
    "aed": "AED", "baht": "THB", "thai baht": "THB", "thb": "THB",
}
HEDGES = (
    "as much as", "as many as", "up to", "about", "around", "roughly", "approximately", "approx.",
    "nearly", "almost", "close to", "more than", "over", "at least", "some", "less than",
    "fewer than", "under", "below", "just over", "just under", "an estimated", "estimated",
    "upwards of", "in excess of", "as little as", "~",
)
CHIP_NOUNS = (
    "chips", "chip", "gpus", "gpu", "processors", "processor", "accelerators", "accelerator",
    "units", "cards", "graphics cards", "modules", "semiconductors", "npus", "tpus", "them",
)


def _alternation(words) -> str:
    """The words as a regex alternation that tries the longest first at each place: a tree of shared
    beginnings when every character is lower-case ASCII or caseless (then no two branches can match one
    character, even ignoring case), else a longest-first list."""
    words = list(words)
    if all(ch == ch.lower() and (ch.isascii() or ch == ch.upper()) for word in words for ch in word):
        return tree_alternation([re.escape(ch) for ch in word] for word in words)
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUM_WORD = _alternation(w for w in WORD_NUMBERS if w not in ("a", "an"))
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:{_NUM_WORD})(?:[- ](?:{_NUM_WORD}))?|half an?(?= (?:billion|million|trillion)\b)|an?(?= (?:billion|million|trillion|thousand|dozen|hundred)\b))"
SCALE = rf"(?:{_alternation(SCALES)})\b"
HEDGE = rf"(?:{_alternation(HEDGES)})"
PREFIX = rf"(?:{_alternation(PREFIX_CURRENCIES)})"
SUFFIX = rf"(?:{_alternation(SUFFIX_CURRENCIES)})\b"

# "US$5.5 billion", "RMB 40bn", "$5bn-$7bn", "HK$ 21.1 billion yuan"(suffix ignored when a prefix exists)
PREFIXED_MONEY = re.compile(
    rf"(?<![A-Za-z0-9])(?P<hedge>{HEDGE}\s+)?(?P<cur>{PREFIX})\s?(?P<num>{NUMBER})(?:\s?(?P<scale>{SCALE}))?"
    rf"(?:\s?(?:-|–|to)\s?(?P=cur)?\s?(?P<num2>{NUMBER})(?:\s?(?P<scale2>{SCALE}))?)?",
    re.IGNORECASE,
)
# "100 billion yuan", "5 to 7 billion yuan", "twelve million euros"
SUFFIXED_MONEY = re.compile(
    rf"(?<![A-Za-z0-9$¥€£.])(?P<hedge>{HEDGE}\s+)?(?P<num>{NUMBER})(?:\s?(?P<scale>{SCALE}))?"
    rf"(?:\s?(?:-|–|to)\s?(?P<num2>{NUMBER})(?:\s?(?P<scale2>{SCALE}))?)?\s(?P<cur>{SUFFIX})",
    re.IGNORECASE,
)
# "230,000 chips", "about 10,000 A100s", "1,600 of Huawei's Ascend 910B processors", "20,000 H200 units",
# "fewer than 30,000 of them", "5,000 to 10,000 modules"
BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
BETWEEN_AND = re.compile(r"\s+and\s+")
# "between 15 billion and 20 billion yuan", "between 8 and 10 billion yuan": the first number borrows the currency
# (and the scale) written after the second
BETWEEN_BARE = re.compile(rf"\bbetween\s+(?P<num>{NUMBER})(?:\s?(?P<scale>{SCALE}))?\s+and\s+$", re.IGNORECASE)
# words that may stand between a number and the chip noun: names, models, hyphenated and common adjectives
CHIP_ADJECTIVES = ("advanced", "flagship", "newest", "most advanced", "fastest", "best", "high-end", "more", "domestic",
                   "foreign", "new", "additional", "older",
                   "newer", "latest", "top", "powerful", "graphics", "local", "homegrown", "imported", "restricted",
                   "specialised", "specialized", "cutting-edge", "leading-edge", "used", "second-hand", "data-centre",
                   "data-center", "training", "inference", "compliant", "made", "produced", "designed", "developed",
                   "manufactured", "sourced", "smuggled", "own", "AI")
MODIFIER = rf"(?:[A-Z][\w\-]*(?:['’]s)?|\w+-\w+|[A-Z]*\d+[A-Za-z]*|[a-z]+ly|{'|'.join(CHIP_ADJECTIVES)})"
COUNT = re.compile(
    rf"(?<![\w$¥€£.,])(?P<hedge>(?i:{HEDGE})\s+)?(?P<num>{NUMBER})(?:\s(?P<scale>thousand|million)\b|(?P<k>[kK])\b)?"
    rf"(?:\s?(?:-|–|to)\s?(?P<num2>{NUMBER})(?:\s(?P<scale2>thousand|million)\b|[kK]\b)?)?"
    rf"\s(?:of\s(?:(?:its|their|the|these|those)\s)?(?:(?:chipmaker|company|group|firm|designer|supplier)['’]s\s)?)?"
    rf"(?P<mods>(?:{MODIFIER}\s){{0,5}}?)"
    rf"(?P<unit>(?i:{_alternation(CHIP_NOUNS)})\b|[A-Z]{{1,4}}\d{{2,4}}[A-Z]?s\b)"
    rf"(?![\s-]*(?i:hours?|hrs?|days?|weeks?|months?|years?)\b)",  # "2.79 million GPU hours" is time, not chips
)


def parse_number(text: str) -> float | None:
    """A number written in digits or words: "1.5", "12,000", "forty", "twenty-five", "a billion", "two dozen"."""
    cleaned = text.strip().lower().replace(",", "")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
        return value if math.isfinite(value) else None
    except ValueError:
        pass
    if re.fullmatch(r"half an?", cleaned):
        return 0.5  # "half a billion"
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s\-]+", cleaned):
        if word in ("and",):
            continue
        if word in SCALES and word not in ("m", "b", "k") and seen:
            total += (current or 1) * SCALES[word]
            current = 0.0
        elif word in ("hundred", "dozen") and seen:
            current = (current or 1) * WORD_NUMBERS[word]
        elif word in WORD_NUMBERS:
            current += WORD_NUMBERS[word]
            seen = True
        elif word in SCALES and word not in ("m", "b", "k"):
            total += SCALES[word]
            seen = True
        else:
            return None
    return total + current if seen else None


def _scaled(num: str | None, scale: str | None) -> float | None:
    value = parse_number(num or "")
    if value is None:
        return None
    return value * SCALES.get((scale or "").lower(), 1.0)


def _value(match: re.Match, scale_key: str = "scale") -> tuple[float | None, str | None]:
    """The value of a matched phrase, midpoint for ranges, and its hedge or "range"."""
    hedge = (match.group("hedge") or "").strip().lower() or None
    scale1, scale2 = match.group(scale_key), match.group(scale_key + "2")
    first = _scaled(match.group("num"), scale1 or scale2)
    if match.group("num2"):
        second = _scaled(match.group("num2"), scale2 or scale1)
        if first is None or second is None:
            return None, None
        return (first + second) / 2, "range"
    return first, hedge


def find_money(text: str, yen_sign: str = "CNY") -> list[MoneyMention]:
    """Every money phrase in `text`, in order; `yen_sign` is the ISO code that "¥" stands for."""
    found: list[MoneyMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in (PREFIXED_MONEY, SUFFIXED_MONEY):
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            if pattern is PREFIXED_MONEY and not match.group("scale") and not _looks_like_amount(match):
                continue
            amount, qualifier = _value(match)
            if amount is None or amount <= 0 or not math.isfinite(amount):
                continue
            code = match.group("cur").lower()
            currency = (PREFIX_CURRENCIES if pattern is PREFIXED_MONEY else SUFFIX_CURRENCIES)[code]
            if code in ("¥", "￥"):
                currency = yen_sign
            found.append(MoneyMention(match.start(), match.end(), amount, currency, qualifier))
            taken.append((match.start(), match.end()))
    return _join_between(text, sorted(found, key=lambda m: m.start))


def _join_between(text: str, found: list[MoneyMention]) -> list[MoneyMention]:
    """"between $64 billion and $72 billion" is one range: the midpoint, qualifier "range"."""
    joined: list[MoneyMention] = []
    for mention in found:
        mention = _bare_first_of_range(text, mention)
        previous = joined[-1] if joined else None
        if (previous is not None and previous.currency == mention.currency and previous.qualifier is None
                and BETWEEN_AND.fullmatch(text, previous.end, mention.start)
                and BETWEEN.search(text, max(0, previous.start - 9), previous.start)):
            start = BETWEEN.search(text, max(0, previous.start - 9), previous.start).start()
            joined[-1] = MoneyMention(start, mention.end, (previous.amount + mention.amount) / 2,
                                      mention.currency, "range")
        else:
            joined.append(mention)
    return joined


def _bare_first_of_range(text: str, mention: MoneyMention) -> MoneyMention:
    """The mention widened to a range when "between <number> and" stands right before it with no currency of its
    own ("between 8 and 10 billion yuan": 9 billion yuan, qualifier "range")."""
    if mention.qualifier is not None:
        return mention
    lead = BETWEEN_BARE.search(text, max(0, mention.start - 60), mention.start)
    second = SUFFIXED_MONEY.match(text, mention.start)
    if lead is None or second is None or second.group("num2"):
        return mention
    first = _scaled(lead.group("num"), lead.group("scale") or second.group("scale"))
    if first is None or first <= 0:
        return mention
    return MoneyMention(lead.start(), mention.end, (first + mention.amount) / 2, mention.currency, "range")


def _looks_like_amount(match: re.Match) -> bool:
    """An unscaled prefixed figure counts only with a sign or digits ("$600", not "RM three")."""
    return bool(re.match(r"\d", match.group("num"))) and match.group("cur").lower() not in ("rm", "rs", "rs.")


def find_quantities(text: str) -> list[QuantityMention]:
    """Every chip-count phrase ("230,000 chips", "about 10,000 A100s") in `text`, in order."""
    found: list[QuantityMention] = []
    for match in COUNT.finditer(text):
        num = match.group("num")
        if re.fullmatch(r"(19|20)\d\d", num) and not match.group("hedge"):
            continue  # a year before a noun ("2024 chips"), not a count
        value, qualifier = _value(match)
        if value is None or value <= 0 or not math.isfinite(value):
            continue
        if match.group("k"):
            value *= 1e3  # "100k GPUs"
        unit = match.group("unit")
        found.append(QuantityMention(match.start(), match.end(), value, unit, qualifier))
    return found
