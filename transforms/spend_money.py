"""Which money phrases of a sentence are chip spend, and which amount converts which.

- primary_money: the sentence's money phrases with their in-text USD value; a conversion given beside an
  amount ("RMB 40 billion ($5.5 billion)", "380 billion yuan, about $53 billion") is folded into it;
- is_spend_money: a money phrase is spend when a spend trigger ("spend", "capex", "ordered" ...) is near
  and no non-spend cue ("revenue", "valuation", "IPO" ...) vetoes it. A veto needs to sit right beside
  the figure in the same clause, and loses to a trigger that stands between it and the figure ("raised its
  capex budget to ..."); a spend noun that a non-spend word modifies ("R&D spending", "marketing budget") is
  not a trigger. Differences ("30 billion yuan above her estimate") and the market's expectations ("the
  $30 billion analysts had pencilled in") are not spend either.
"""
from __future__ import annotations

import re

from transforms.money import MoneyMention, find_money
from transforms.sentences import Sentence
from transforms.spend_fields import Context, near
from transforms.spend_lexicon import Cue, SpendLexicon

TRIGGER_BEFORE, TRIGGER_AFTER = 110, 80      # how far a trigger may be from the figure (characters)
NOT_SPEND_BEFORE, NOT_SPEND_AFTER = 40, 28   # how close a non-spend cue must be to veto it
# A bracketed conversion right after an amount: "(", then hedges or "US$", then the second amount.
CONVERSION_GAP = re.compile(
    r"^\s*(?:[(\[/]|,?\s*or|,?\s*equivalent to|,?\s*worth)\s*(?:(?:about|around|roughly|approximately|some|or|nearly|~|c\.)\s+)?$",
    re.I)
# "380 billion yuan, about $53 billion", "160 billion yuan of capital spending for this year, roughly US$23
# billion": a conversion only when the two amounts agree at a seed FX rate and the second is hedged
LOOSE_CONVERSION_GAP = re.compile(
    r"^[^\d;:.()]{0,60},\s*(?P<hedge>(?:about|around|roughly|approximately|some|nearly|or about|or roughly)\s+)?$", re.I)
CONVERSION_HEDGES = frozenset({"about", "around", "roughly", "approximately", "some", "nearly", "approx."})
LOOSE_CONVERSION_TOLERANCE = 0.2
# "a deal valued at", "orders worth": the value of a purchase, not of a company
DEAL_VALUE = re.compile(r"\b(?:deal|deals|order|orders|contract|contracts|purchase|purchases|transaction|tender)"
                        r"\s+(?:\w+\s+){0,2}?(?:valued|worth|priced)\b", re.I)
# a comma or clause break between a non-spend cue and the figure: the cue is about something else
VETO_BREAK = re.compile(r"[,;:]")
# a non-spend word written right before a trigger modifies it: "R&D spending", "marketing budget"
MODIFIES = re.compile(r"[\s\-]{1,2}$")
# "30 billion yuan above her own estimate", "$5 billion more than it spent": the figure is a difference
DIFFERENCE_AFTER = re.compile(
    r"\s+(?:above|below|higher than|lower than|more than|less than|short of|ahead of|over and above)\s+"
    r"(?:the|her|his|its|their|our|your|a|an|what|analysts|consensus|expectations|estimates?|forecasts?|guidance|"
    r"it|they|last|a year|the previous|the prior)\b", re.I)
# "the roughly $30 billion analysts had pencilled in", "the 168.9 billion yuan consensus": the market's guess
EXPECTATION_AFTER = re.compile(
    r"\s+(?:that\s+)?(?:consensus|(?:(?:most|many|some)\s+)?(?:analysts|investors|the market|economists)"
    r"(?:\s+(?:had|have|has))?\s+(?:pencilled|penciled|expected|forecast|predicted|projected|anticipated|"
    r"estimated|modelled|modeled|looked for))\b", re.I)


# "TOTAL CAPEX (RMB bn)", "(US$ million)": the page says which currency its bare amounts are in
UNIT_DECLARATION = re.compile(r"\((?:in\s+)?(?P<cur>RMB|CNY|yuan|US\$|USD|HK\$|HKD|€|EUR)\s*(?:bn|billion|m|mn|million)\b[^()\n]{0,30}\)",
                              re.I)
DECLARED_CURRENCIES = {"rmb": "CNY", "cny": "CNY", "yuan": "CNY", "us$": "USD", "usd": "USD", "hk$": "HKD",
                       "hkd": "HKD", "€": "EUR", "eur": "EUR"}
# "the 47.5bn set out in March": an amount with a scale but no currency, read in the page's declared one
BARE_SCALED = re.compile(
    r"(?<![\w$¥€£.,])(?P<hedge>(?:about|around|roughly|some|nearly|almost|more than|over|~)\s+)?"
    r"(?P<num>\d{1,3}(?:,\d{3})*(?:\.\d+)?)\s?(?P<scale>bn|billion|mn|million|tn|trillion)\b"
    r"(?!\s*(?:(?!(?:on|in|for|to|of|at|by|with|from|and|or)\b)[a-z]+\s+){0,2}?(?:yuan|dollars|euros|won|yen|ringgit|renminbi|users|people|parameters|tokens|units|"
    r"chips|GPUs|devices|subscribers|customers|downloads|shares|barrels|tonnes|hours|connections|passengers)\b)", re.I)
BARE_SCALES = {"bn": 1e9, "billion": 1e9, "mn": 1e6, "million": 1e6, "tn": 1e12, "trillion": 1e12}


def declared_currency(text: str) -> str | None:
    """The one currency the page declares for its bare amounts ("(RMB bn)"), or None (none, or several)."""
    found = {DECLARED_CURRENCIES[m.group("cur").lower()] for m in UNIT_DECLARATION.finditer(text)}
    return found.pop() if len(found) == 1 else None


def bare_money(text: str, currency: str, taken: list[MoneyMention]) -> list[MoneyMention]:
    """Amounts with a scale and no currency ("47.5bn"), in the page's declared `currency`."""
    found = []
    for match in BARE_SCALED.finditer(text):
        if any(m.start < match.end() and match.start() < m.end for m in taken):
            continue
        value = float(match.group("num").replace(",", "")) * BARE_SCALES[match.group("scale").lower()]
        hedge = (match.group("hedge") or "").strip().lower() or None
        found.append(MoneyMention(match.start(), match.end(), value, currency, "about" if hedge == "~" else hedge))
    return found


def primary_money(sentence: Sentence, ctx: Context,
                  lexicon: SpendLexicon | None = None) -> list[tuple[MoneyMention, float | None]]:
    """Money mentions with their in-text USD conversion; the bracketed twin is folded into its first, and so
    is one given after a comma and a hedge ("380 billion yuan, about $53 billion") when the two agree at a
    seed FX rate (`lexicon` gives the rates)."""
    mentions = find_money(sentence.text, yen_sign=ctx.yen_sign)
    if ctx.bare_currency is not None:
        mentions = sorted(mentions + bare_money(sentence.text, ctx.bare_currency, mentions), key=lambda m: m.start)
    result: list[tuple[MoneyMention, float | None]] = []
    skip: set[int] = set()
    for i, mention in enumerate(mentions):
        if i in skip:
            continue
        usd = mention.amount if mention.currency == "USD" else None
        gap = sentence.text[mention.end:mentions[i + 1].start] if i + 1 < len(mentions) else None
        if gap is not None and (CONVERSION_GAP.match(gap) or (
                lexicon is not None and hedged_conversion(gap, mentions[i + 1])
                and same_value(mention, mentions[i + 1], lexicon))):
            twin = mentions[i + 1]
            if twin.currency != mention.currency:  # one amount in two currencies: one fact
                skip.add(i + 1)
                if "USD" in (twin.currency, mention.currency):
                    usd = twin.amount if twin.currency == "USD" else mention.amount
        result.append((mention, usd))
    return result


def hedged_conversion(gap: str, twin: MoneyMention) -> bool:
    """`gap` leads from an amount to `twin` as to a hedged conversion ("..., about $53 billion")."""
    match = LOOSE_CONVERSION_GAP.match(gap)
    return match is not None and bool(match.group("hedge") or twin.qualifier in CONVERSION_HEDGES)


def same_value(first: MoneyMention, second: MoneyMention, lexicon: SpendLexicon) -> bool:
    """Two amounts in different currencies that agree within LOOSE_CONVERSION_TOLERANCE at a seed rate."""
    one, two = lexicon.usd(first.amount, first.currency, None), lexicon.usd(second.amount, second.currency, None)
    return bool(one and two) and abs(one - two) <= LOOSE_CONVERSION_TOLERANCE * max(one, two)


def is_other_figure(text: str, mention: MoneyMention) -> bool:
    """A difference ("30 billion yuan above her estimate") or the market's expectation ("the $30 billion
    analysts had pencilled in"): never spend, even beside a spend figure it is compared with."""
    return bool(DIFFERENCE_AFTER.match(text, mention.end) or EXPECTATION_AFTER.match(text, mention.end))


def spend_triggers(text: str, lexicon: SpendLexicon) -> list[Cue]:
    """Trigger cues of `text`, without those a non-spend word modifies ("R&D spending", "marketing budget")."""
    modifiers = [c for c in lexicon.cues.find(text, "not_spend") if c.value == "modifier"]
    return [t for t in lexicon.cues.find(text, "trigger")
            if not any(c.end <= t.start and MODIFIES.match(text, c.end, t.start) for c in modifiers)]


def is_spend_money(sentence: Sentence, mention: MoneyMention, scope: str, lexicon: SpendLexicon,
                   sibling_spend: bool = False) -> bool:
    """A money phrase is spend when a trigger is near and no non-spend cue vetoes it (module docstring).
    `sibling_spend`: the list item before this one stated a spend figure, so a figure of this item needs no
    trigger of its own ("- Alphabet expects 2025 capex of $92 billion." "- Amazon expects about $125 billion.")."""
    text = sentence.text
    triggers = spend_triggers(text, lexicon)
    deals = [(m.start(), m.end()) for m in DEAL_VALUE.finditer(text)]
    vetoes = [c for c in near(lexicon.cues.find(text, "not_spend"), mention.start, mention.end,
                              NOT_SPEND_BEFORE, NOT_SPEND_AFTER)
              if not any(s <= c.start and c.end <= e for s, e in deals)
              and not VETO_BREAK.search(text[min(c.end, mention.end):max(c.start, mention.start)])
              and not any(t.value == "noun" and between(t, c, mention) for t in triggers)
              and not any(t.start <= c.start and c.end <= t.end for t in triggers)]  # "bid price" holds "price"
    if vetoes:
        return False
    if scope != text:  # a list item: the heading's cues stand in for the sentence's
        return (bool(spend_triggers(scope, lexicon)) or sibling_spend) and not lexicon.cues.find(
            scope[:len(scope) - len(text)], "not_spend")
    if any(0 <= mention.start - d.end() <= 25 for d in DEAL_VALUE.finditer(text)):
        return True  # "in a deal worth about 450 million yuan"
    return sibling_spend or bool(near(triggers, mention.start, mention.end, TRIGGER_BEFORE, TRIGGER_AFTER))


def between(trigger: Cue, veto: Cue, mention: MoneyMention) -> bool:
    """The trigger stands between the veto and the figure: "raised its capex budget to X" is about the budget."""
    if veto.end <= mention.start:
        return veto.end <= trigger.start and trigger.end <= mention.start
    return mention.end <= trigger.start and trigger.end <= veto.start
