"""Which money phrases of a sentence are chip spend, and which amount converts which.

- primary_money: the sentence's money phrases with their in-text USD value; a conversion given beside an
  amount ("RMB 40 billion ($5.5 billion)", "380 billion yuan, about $53 billion") is folded into it;
- is_other_figure: prices ("$12,000 each"), suppositions ("A 400 billion yuan order would ..."), differences ("rise by 5 billion yuan", "30 billion yuan above her estimate"), the market's
  expectations, the price of a stake or of another company, the size of a fund: never spend;
- is_spend_money: a money phrase is spend when a spend trigger ("spend", "capex", "ordered" ...) is near
  and no non-spend cue ("revenue", "valuation", "IPO" ...) vetoes it. A veto needs to sit right beside
  the figure in the same clause, and loses to a trigger that stands between it and the figure ("raised its
  capex budget to ..."); a spend noun that a non-spend word modifies ("R&D spending", "marketing budget") is
  not a trigger; the value of a deal ("a $300 billion deal with Oracle for computing power", "orders worth
  ...") and what a chip count costs ("10,000 chips, valued at 1.5 billion yuan") are spend.
"""
from __future__ import annotations

import re

from transforms.money import MoneyMention, find_money, find_quantities
from transforms.sentences import Sentence
from transforms.spend_fields import Context, near
from transforms.spend_lexicon import Cue, SpendLexicon

TRIGGER_BEFORE, TRIGGER_AFTER = 110, 80      # how far a trigger may be from the figure (characters)
NOT_SPEND_BEFORE, NOT_SPEND_AFTER = 40, 28   # how close a non-spend cue must be to veto it
# "rose to X from Y", "X, up from Y", "X versus Y": Y is the base X is compared with
COMPARISON = re.compile(r"\b(?:compared with|compared to|up from|down from|versus|vs\.?|from|than|"
                        r"(?:increase|rise|jump|cut|reduction|drop)\s+(?:on|over)|"  # "a 25% increase on X"
                        # "..., lifting its total commitment to X": X sums the figure before, and is of its kind
                        r"(?:lifting|bringing|taking|raising)\s+(?:[\w'’]+\s+){0,3}?total)\b", re.I)
COMPARISON_REACH = 160                       # a comparison base follows its figure within this many characters
LIST_BREAK = re.compile(r";|,\s*(?:and\s+)?[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*)*['’]s\b")  # ", Sunway's ..."
JAPAN_WORDS = re.compile(r"\b(?:Japan|Japanese|Tokyo)\b")
CHINA_WORDS = re.compile(r"\b(?:China|Chinese|Beijing|Shanghai|Shenzhen|Hong Kong)\b")
# A bracketed conversion right after an amount: "(", then hedges or "US$", then the second amount.
CONVERSION_GAP = re.compile(
    r"^\s*(?:[(\[/]|,?\s*or|,?\s*equivalent to|,?\s*worth)\s*(?:(?:about|around|roughly|approximately|some|or|nearly|~|c\.)\s+)?$",
    re.I)
# "380 billion yuan, about $53 billion", "160 billion yuan of capital spending for this year, roughly US$23
# billion": a conversion only when the two amounts agree at a seed FX rate and the second is hedged
LOOSE_CONVERSION_GAP = re.compile(
    r"^[^\d;:.()]{0,60},\s*(?P<hedge>(?:about|around|roughly|approximately|some|nearly|or about|or roughly)\s+)?$", re.I)
# "380 billion yuan pledge works out at about $53 billion": a conversion told in words, when the amounts agree
WORDED_CONVERSION_GAP = re.compile(
    r"^[^\d;:.()]{0,30}?\b(?:works?|worked|working)\s+out\s+(?:at|to)\s+(?P<hedge>(?:about|around|roughly|approximately|"
    r"some|nearly)\s+)?$", re.I)
CONVERSION_HEDGES = frozenset({"about", "around", "roughly", "approximately", "some", "nearly", "approx."})
LOOSE_CONVERSION_TOLERANCE = 0.2
# "a deal valued at", "orders worth", "an agreement with OpenAI in March valued at": a purchase's value
DEAL_VALUE = re.compile(r"\b(?:deal|deals|order|orders|contract|contracts|agreement|agreements|purchase|purchases|"
                        r"transaction|tender|lease|leases|rental|rentals|"
                        # what is bought or built: "the hardware is worth", "a data centre complex worth"
                        r"hardware|equipment|servers|systems|clusters?|data[\s\-]cent(?:re|er)s?|complex|campus|facility|"
                        r"expansion|project|lots?)"
                        # "a data-centre expansion by TikTok, the app owned by ByteDance, valued at ..."
                        r"(?:,?\s+[\w\-\"“”'’]+){0,10}?\s*,?\s+(?:valued|worth|priced)\b", re.I)
# "a $300 billion deal with Oracle", "$1.2 billion of contracts": the figure names a deal, whose value is spent
DEAL_AFTER = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:of\s+)?(?:(?!to\b|for\b|with\b)[\w\-]+\s+){0,2}?"
                        r"(?:deal|deals|contract|contracts|agreement|agreements|orders?|purchase agreement|leases?|"
                        r"rentals?|project|expansion)\b", re.I)
# "the three-year, 380 billion yuan (about US$53bn) programme", "its $10 billion AI infrastructure plan": the figure
# is the size of the company's own spending plan, over some years (a plan for others is vetoed first: "subsidy
# programme"; "the 12 billion euro programme to store data" names neither owner nor span)
PLAN_BEFORE = re.compile(r"(?:\b(?:its|their)\s+(?:[\w\-]+,?\s+){0,2}?|\b(?:[\w]+-year|multi-?year),?\s+)"
                         r"(?:(?:about|around|roughly|some|nearly)\s+)?$", re.I)
PLAN_AFTER = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:(?:AI|capital|capex|investment|infrastructure|spending|"
                        r"computing|compute|data[\s-]cent(?:re|er))\s+){0,3}(?:programme|program|plan)\b", re.I)
RENTAL = re.compile(r"\b(?:lease|leases|rental|rentals)\b", re.I)
# what a deal must be about to be chip spend: "a $14 billion cloud contract", "... deal for computing power"
COMPUTE_DEAL = re.compile(r"\b(?:computing|compute|capacity|cloud|GPUs?|chips?|processors|accelerators|servers|"
                          r"AI infrastructure|data[\s\-]cent(?:re|er)s?|data-hosting|hosting)\b", re.I)
COMPUTE_DEAL_REACH = 80
# "... 15 billion yuan next year. That compares with 9 billion yuan this year.": the figure before, compared
COMPARISON_OPENER = re.compile(
    r"^\W*(?:that|this|it|the (?:figure|sum|amount|total|budget))\s+(?:\w+\s+){0,2}?(?:compares?|compared|is up|was up|"
    r"is down|was down|would be up|is more than|was more than|is double|doubles|is triple|triples|marks)\b"
    # "A year ago the same line was ...": the figure of the sentence before, at another time
    r"|^\W*(?:[\w\-]+,?\s+){0,5}?the same (?:line|item|figure|measure|number)\s+(?:was|stood at|came to|had been)\b", re.I)
# "has" as a helping verb ("it has been running", "has asked"): no holding
AUXILIARY_AFTER = re.compile(r"\s+(?:not\s+)?(?:been|[a-z]+ed|[a-z]+en|got|made|said|put|set|kept|built|bought)\b")
# "10,000 Ascend chips from Huawei, valued at roughly 1.5 billion yuan": what a chip count costs
VALUE_WORDS_BEFORE = re.compile(r"\b(?:valued\s+at|worth|priced\s+at|costing|at\s+a\s+(?:total\s+)?cost\s+of|"
                                r"for\s+a\s+total\s+of)\s+$", re.I)
COUNT_VALUE_REACH = 70
CLAUSE_END = re.compile(r";|[.!?]\s")
# "for a 25% stake", "in exchange for a minority holding": the money buys a share of a company
EQUITY_AFTER = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:(?:investment|payment|deal|outlay)\s+)?(?:for|in\s+exchange\s+for|to\s+(?:buy|acquire|take))\s+"
    r"(?:a|an|its|the|their)?\s*(?:\d+(?:\.\d+)?\s?(?:%|per\s?cent)\s+|minority\s+|majority\s+|controlling\s+|further\s+)?"
    r"(?:stake|holding|interest|shareholding|shares)\b", re.I)
# "invest $40 billion in OpenAI", "a $2 billion investment in the start-up Moonshot": equity in the company named
INVESTED_IN = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:investment\s+)?in(?:to)?\s+(?:the\s+)?(?:(?:AI|chip)\s+)?"
                         r"(?:(?:start-?up|company|developer|firm|lab|group|chipmaker|chip designer)\s+)?", re.I)
# "invested $1.5 billion in it": a pronoun standing for a company named earlier in the sentence
PRONOUN_OBJECT = re.compile(r"(?:it|them)\b(?!['’]s)")
# a company named as the maker or owner of what is bought: "Nvidia artificial-intelligence processors"
PRODUCT_AFTER = re.compile(r"['’]s\b|\s+(?:[\w\-]+\s+){0,2}?(?:chips?|GPUs?|processors?|accelerators?|servers?|hardware|"
                           r"cards?|systems?|data\s+cent(?:re|er)s?|cloud|capacity|compute|computing|[A-Z]+\d+\w*)\b")
# "a 100 trillion won investment fund", "a $47.5 billion chip fund": the size of a fund, which others will spend
FUND_AFTER = re.compile(r"\s+(?:(?!to\b|for\b|of\b|on\b|in\b)[\w\-]+\s+){0,3}?(?:fund|funds|vehicle)\b"
                        r"(?!\s*(?:its|their|the|a|an)\b)", re.I)
# "1.7 billion yuan including tax", "tax included": how the figure is counted, not a tax
TAX_STATUS = re.compile(r"\b(?:includ(?:ing|es)|excluding|incl\.|excl\.|before|after|net of|plus)\s+(?:\w+\s+)?taxe?s?\b"
                        r"|\btaxe?s?\s+(?:included|excluded|inclusive)\b", re.I)
BRACKET_OPEN = re.compile(r"\(\s*$")
BRACKET_REACH = 40
# "Macquarie has put the figure near $16.5 billion", "analysts put it at": an estimate of a number, not spend;
# "put forward" offers
PUT_AT = re.compile(r"\s+(?:(?:it|them|this|that|the (?:figure|total|number|value|sum))\s+(?:at|near|around|closer to|"
                    r"as high as|as low as)|forward)\b", re.I)  # "put forward 9,000 GPUs": offered, not bought
# "another $100 billion of US investment", "$500 billion in American manufacturing": a pledge to a country's
# industry, told as such, not a purchase of chips or compute
# "added $100 billion to its American investment pledge", "raised its US manufacturing pledge by $50 billion"
COUNTRY_PLEDGE_AFTER = re.compile(r"\s+(?:(?:of|in)\s+(?:new\s+|additional\s+|further\s+)?|(?:to|into)\s+(?:its|their|the)\s+)"
                                  r"(?:US|U\.S\.|American|domestic)\s+(?:investments?|manufacturing|production|factories|"
                                  r"plants)\b")
COUNTRY_PLEDGE_BEFORE = re.compile(r"\b(?:US|U\.S\.|American|domestic)\s+(?:manufacturing\s+|investment\s+){1,2}"
                                   r"(?:pledge|commitment|promise|plan)s?\s+(?:by|to)\s+(?:about\s+|around\s+|roughly\s+|"
                                   r"nearly\s+|another\s+|a\s+further\s+)?$", re.I)
JOINED = re.compile(r"\s+(?:and|plus|&)\s+", re.I)
# "Net income attributable to shareholders fell by roughly half, to about 21 billion yuan, as spending on ...
# weighed": a non-spend noun opening the sentence is what the figure measures, when no trigger comes between
OPENING_VETO_CHARS, OPENING_VETO_REACH = 12, 110
# a comma or clause break between a non-spend cue and the figure: the cue is about something else
VETO_BREAK = re.compile(r"[,;:]")
# "R&D, which hit a record 22.8 billion yuan": a relative clause tells the amount of the noun before the comma
RELATIVE_OF_VETO = re.compile(r"\s*,\s*(?:which|that)\s+(?:[\w\-]+\s+){0,4}$", re.I)
# a non-spend word written right before a trigger modifies it: "R&D spending", "marketing budget"
MODIFIES = re.compile(r"[\s\-]{1,2}$")
# "30 billion yuan above her own estimate", "$5 billion more than it spent", "$1.5 billion more than in 2025": the
# figure is a difference
DIFFERENCE_AFTER = re.compile(
    r"\s+(?:above|below|higher than|lower than|more than|less than|short of|ahead of|over and above)\s+"
    r"(?:the|her|his|its|their|our|your|a|an|what|analysts|consensus|expectations|estimates?|forecasts?|guidance|"
    r"it|they|last|a year|the previous|the prior|(?:in|during|for)\s+(?:(?:19|20)\d\d|the|last|its|fiscal|FY))\b", re.I)
# "A 400 billion yuan order would be twice its budget": a supposed figure opening its sentence, not a fact
SUPPOSED_BEFORE = re.compile(r"^\W*(?:an?|any|such an?)\s+$", re.I)
SUPPOSED_AFTER = re.compile(r"\s+(?:(?!would|could|might)[\w\-]+\s+){0,4}?(?:would|could|might)\b", re.I)
# "$12,000 each", "1.5 million yuan a board": a price, not a sum spent
PRICE_AFTER = re.compile(r"\s*(?:each|apiece|a\s+(?:chip|unit|card|piece|server|board|rack|GPU)|per\s+[\w\-]+)\b", re.I)
# "is expected to rise by 5 billion yuan", "an increase of $3 billion": the change, not the level
DIFFERENCE_BEFORE = re.compile(
    r"\b(?:(?:rise|rises|rose|risen|increase|increases|increased|grow|grows|grew|grown|climb|climbed|jump|jumped|"
    r"fall|falls|fell|fallen|drop|dropped|decline|declined|cut|lowered|raised|boosted|up|down|higher|lower)\s+by|"
    r"an?\s+(?:increase|rise|jump|cut|drop|reduction)\s+of)\s+$", re.I)
# "kept quarterly capex above 30 billion yuan", "spending stayed below $5bn": a threshold a series kept to, no figure
THRESHOLD_BEFORE = re.compile(r"\b(?:kept|keep|keeps|keeping|stayed|stay|stays|remained|remain|remains|held|holds)\s+"
                              r"(?:[\w\-]+\s+){0,3}?(?:above|below|over|under|beneath|at\s+least)\s+$", re.I)
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
    if WORDED_CONVERSION_GAP.match(gap):
        return True
    match = LOOSE_CONVERSION_GAP.match(gap)
    return match is not None and bool(match.group("hedge") or twin.qualifier in CONVERSION_HEDGES)


def same_value(first: MoneyMention, second: MoneyMention, lexicon: SpendLexicon) -> bool:
    """Two amounts in different currencies that agree within LOOSE_CONVERSION_TOLERANCE at a seed rate."""
    one, two = lexicon.usd(first.amount, first.currency, None), lexicon.usd(second.amount, second.currency, None)
    return bool(one and two) and abs(one - two) <= LOOSE_CONVERSION_TOLERANCE * max(one, two)


def is_other_figure(text: str, mention: MoneyMention, lexicon: SpendLexicon | None = None) -> bool:
    """A difference ("30 billion yuan above her estimate"), the market's expectation ("the $30 billion
    analysts had pencilled in"), the price of a stake ("... for a 25% stake"), the size of a fund ("a 100
    trillion won investment fund") or, with `lexicon`, an investment in another company ("invest $40 billion
    in OpenAI"): never spend, even beside a spend figure it is compared with."""
    at = mention.end
    if DIFFERENCE_BEFORE.search(text, max(0, mention.start - 40), mention.start) or THRESHOLD_BEFORE.search(
            text, max(0, mention.start - 60), mention.start):
        return True
    if SUPPOSED_BEFORE.match(text[:mention.start]) and SUPPOSED_AFTER.match(text, at):
        return True
    if (PRICE_AFTER.match(text, at) or DIFFERENCE_AFTER.match(text, at) or EXPECTATION_AFTER.match(text, at) or EQUITY_AFTER.match(text, at)
            or FUND_AFTER.match(text, at) or COUNTRY_PLEDGE_AFTER.match(text, at)
            or COUNTRY_PLEDGE_BEFORE.search(text, max(0, mention.start - 70), mention.start)):
        return True
    return lexicon is not None and invests_in_company(text, mention, lexicon)


def invests_in_company(text: str, mention: MoneyMention, lexicon: SpendLexicon) -> bool:
    """The figure is put "in" a company named right after it (not its own "in Alibaba Cloud's data centres",
    nor a company named before the figure: a unit of the spender), or "in it" when the sentence names another
    company before the spender ("G42 cut its Huawei ties before Microsoft invested $1.5 billion in it")."""
    found = INVESTED_IN.match(text, mention.end)
    if found is None:
        return False
    named = lexicon.companies.find(text)
    if PRONOUN_OBJECT.match(text, found.end()):  # "... before Microsoft invested US$1.5 billion in it" (G42)
        return len({m.name for m in named if m.end <= mention.start}) >= 2
    target = next((m for m in named if m.start == found.end()), None)
    if target is None or PRODUCT_AFTER.match(text, target.end):
        return False  # "in Alibaba Cloud's data centres", "into Nvidia artificial-intelligence processors"
    return not any(m.name == target.name and m.end <= mention.start for m in named)


def holding_cues(text: str, lexicon: SpendLexicon) -> list[Cue]:
    """Holding cues of `text`, without a helping "has" ("it has been running")."""
    return [c for c in lexicon.cues.find(text, "holding") if not AUXILIARY_AFTER.match(text, c.end)]


def spend_triggers(text: str, lexicon: SpendLexicon) -> list[Cue]:
    """Trigger cues of `text`, without those a non-spend word modifies ("R&D spending", "marketing budget") and
    "put" that estimates a number ("analysts put it at ...")."""
    modifiers = [c for c in lexicon.cues.find(text, "not_spend") if c.value == "modifier"]
    return [t for t in lexicon.cues.find(text, "trigger")
            if not any(c.end <= t.start and MODIFIES.match(text, c.end, t.start) for c in modifiers)
            and not PUT_AT.match(text, t.end)]


def is_spend_money(sentence: Sentence, mention: MoneyMention, scope: str, lexicon: SpendLexicon,
                   sibling_spend: bool = False) -> bool:
    """A money phrase is spend when a trigger is near and no non-spend cue vetoes it (module docstring).
    `sibling_spend`: the list item before this one stated a spend figure, so a figure of this item needs no
    trigger of its own ("- Alphabet expects 2025 capex of $92 billion." "- Amazon expects about $125 billion.")."""
    text = sentence.text
    triggers = spend_triggers(text, lexicon)
    deals = [(m.start(), m.end()) for m in DEAL_VALUE.finditer(text)]
    valued = count_value(text, mention)
    if valued is not None:
        deals.append(valued)  # "chips ..., valued at roughly 1.5 billion yuan": "valued" is the order's
    # a bracketed figure is the value of the noun phrase before the bracket ("its revenue for the first nine
    # months of 2025 (190 million yuan)"), which may be longer than a veto's usual reach
    reach = NOT_SPEND_BEFORE + BRACKET_REACH if BRACKET_OPEN.search(text, 0, mention.start) else NOT_SPEND_BEFORE
    vetoes = [c for c in near(lexicon.cues.find(text, "not_spend"), mention.start, mention.end,
                              reach, NOT_SPEND_AFTER)
              if not any(s <= c.start and c.end <= e for s, e in deals)
              and (not VETO_BREAK.search(text[min(c.end, mention.end):max(c.start, mention.start)])
                   or (c.end <= mention.start and RELATIVE_OF_VETO.fullmatch(text, c.end, mention.start)))
              and not any(t.value == "noun" and between(t, c, mention) for t in triggers)
              and not any(t.start <= c.start and c.end <= t.end for t in triggers)  # "bid price" holds "price"
              and not TAX_STATUS.search(text, max(0, c.start - 14), min(len(text), c.end + 10))
              and not joined_with_trigger(text, c, triggers)]
    if vetoes or opening_veto(text, mention, triggers, deals, lexicon):
        return False
    if scope != text:  # a list item: the heading's cues stand in for the sentence's
        return (bool(spend_triggers(scope, lexicon)) or sibling_spend) and not lexicon.cues.find(
            scope[:len(scope) - len(text)], "not_spend")
    if valued is not None or any(0 <= mention.start - d.end() <= 25 for d in DEAL_VALUE.finditer(text)):
        return True  # "in a deal worth about 450 million yuan", "30,000 chips ..., costing about 3 billion yuan"
    if PLAN_AFTER.match(text, mention.end) and PLAN_BEFORE.search(text, max(0, mention.start - 40), mention.start):
        return True
    deal = DEAL_AFTER.match(text, mention.end)
    if deal and (COMPUTE_DEAL.search(text, mention.end, deal.end() + COMPUTE_DEAL_REACH) or any(
            lexicon.companies.role(m.name) == "cloud" for m in lexicon.companies.find(text))):
        return True  # "a $300 billion deal with Oracle for computing power"
    # a trigger after a list break belongs to the later item: "..., YTL's 1.2 billion ringgit job, and
    # Tencent's 5 billion ringgit pledged for ..." leaves YTL's job without one
    own = [t for t in triggers if t.end <= mention.start or not LIST_BREAK.search(text, mention.end, t.start)]
    return sibling_spend or bool(near(own, mention.start, mention.end, TRIGGER_BEFORE, TRIGGER_AFTER))


def joined_with_trigger(text: str, cue: Cue, triggers: list[Cue]) -> bool:
    """A modifier noun joined to a spend noun by "and" / "plus" ("R&D plus capital expenditure", "capex and R&D"):
    one sum that holds the spend, not another kind of money."""
    return cue.value == "modifier" and any(
        JOINED.fullmatch(text, cue.end, t.start) or JOINED.fullmatch(text, t.end, cue.start) for t in triggers)


def opening_veto(text: str, mention: MoneyMention, triggers: list[Cue], deals: list[tuple[int, int]],
                 lexicon: SpendLexicon) -> bool:
    """A non-spend noun opens the sentence ("Net income ...", "Operating profit ...") and the figure follows in
    its clause with no spend trigger and no other figure between them: the figure is that noun's amount, even
    when a trigger comes after it ("..., as spending on AI weighed"). `deals`: spans of a deal's value ("The
    order is worth"), whose words veto nothing."""
    cue = next((c for c in lexicon.cues.find(text[:OPENING_VETO_CHARS + 30], "not_spend") if c.start <= OPENING_VETO_CHARS
                and not any(s <= c.start and c.end <= e for s, e in deals)), None)
    if cue is None or not 0 < mention.start - cue.end <= OPENING_VETO_REACH:
        return False
    if re.search(r"[;.]\s", text[cue.end:mention.start]) or any(cue.end <= t.start and t.end <= mention.start for t in triggers):
        return False
    return not any(cue.end <= m.start < mention.start for m in find_money(text[:mention.start]))


def count_value(text: str, mention: MoneyMention) -> tuple[int, int] | None:
    """The span of "valued at", "worth", "costing" ... right before the figure when a chip count stands
    shortly before it in the same sentence: the figure is what the chips cost."""
    lead = VALUE_WORDS_BEFORE.search(text, max(0, mention.start - 40), mention.start)
    if lead is None:
        return None
    for count in find_quantities(text[:lead.start()]):
        gap = text[count.end:lead.start()]
        if count.value >= 50 and len(gap) <= COUNT_VALUE_REACH and not CLAUSE_END.search(gap):
            return lead.start(), lead.end()
    return None


def between(trigger: Cue, veto: Cue, mention: MoneyMention) -> bool:
    """The trigger stands between the veto and the figure: "raised its capex budget to X" is about the budget."""
    if veto.end <= mention.start:
        return veto.end <= trigger.start and trigger.end <= mention.start
    return mention.end <= trigger.start and trigger.end <= veto.start


def compared_with(text: str, first: MoneyMention, second: MoneyMention) -> bool:
    """`second` is the base `first` is compared with ("rose to X from Y", "X, up from Y", "X versus Y"): a
    comparison word between them, in one clause ("... contract, Z's job from a US company, and W's ..." is a
    list, not a comparison)."""
    between = text[first.end:second.start]
    return (len(between) <= COMPARISON_REACH and bool(COMPARISON.search(between))
            and not LIST_BREAK.search(between))


def base_is_other(text: str, first: MoneyMention, second: MoneyMention, lexicon: SpendLexicon) -> bool:
    """The base `second` of a comparison is named as something other than spend after the comparison word
    ("spent 1.1 billion yuan, more than five times its revenue (190 million yuan)")."""
    words = list(COMPARISON.finditer(text, first.end, second.start))
    return bool(words) and bool(lexicon.cues.find(text[words[-1].end():second.start], "not_spend"))


def yen_sign(text: str) -> str:
    """What "¥" stands for on this page: yen when the page says "yen" and never "yuan", or names neither and
    talks of Japan more than of China; else yuan."""
    if re.search(r"\b(?:yuan|RMB|renminbi)\b", text):
        return "CNY"
    if re.search(r"\byen\b", text):
        return "JPY"
    japan = len(JAPAN_WORDS.findall(text))
    return "JPY" if japan and japan > len(CHINA_WORDS.findall(text)) else "CNY"


def is_rental_deal(text: str, mention: MoneyMention) -> bool:
    """The figure is the value of a lease or rental ("a three-year lease ... valued at $400 million", "a
    $2 billion rental agreement"): cloud rental, whatever the capacity runs on."""
    deals = [m for m in DEAL_VALUE.finditer(text) if 0 <= mention.start - m.end() <= 25]
    after = DEAL_AFTER.match(text, mention.end)
    return any(RENTAL.search(m.group()) for m in deals) or bool(after and RENTAL.search(after.group()))
