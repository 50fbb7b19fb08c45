"""Which clause a spend figure sits in, and whose it is there: a figure "for" a named company, a clause whose
subject is the spending, a sentence opening on a part of the figure before it, other people's or a market's money.

The clause-level companions of transforms/spend_buyers.py, which asks them before it falls back on the buyer
named earlier in the paragraph or the article's subject.
"""
from __future__ import annotations

import re

from transforms.entities import EntityMention
from transforms.money import find_money

# a sentence whose subject is the spending itself ("Capital expenditure rose to ...", "In the fourth quarter,
# capex was ..."), about the article's subject
SPEND_SUBJECT = re.compile(r"^\W*(?:(?:In|For|During|Over|Across|At)\s[^,]{1,50},\s+)?"
                           # a share of its own: "About half of next year's outlay", "Some 40% of its budget"
                           r"(?:(?:(?:about|around|roughly|nearly|almost|some|more\s+than|over)\s+)?(?:half|a\s+third|"
                           r"a\s+quarter|two[\s-]thirds|three[\s-]quarters|\d+(?:\.\d+)?\s?(?:%|per\s?cent))\s+of\s+"
                           r"(?=its\s|(?:this|next|last)\s+year['’]s\s))?"
                           r"(?:(?:its|the|this|next|last)\s+(?:year['’]s\s+)?)?(?:total\s+|quarterly\s+|annual\s+|full-year\s+)?"
                           r"(?:capex|capital\s+(?:expenditure|spending)|spending|investment|outlays?|budget)\b", re.I)

# a company right after a preposition is an object ("bought chips from Nvidia"), not the subject, and so is one
# that a buyer awards or picks
OBJECT_OF = re.compile(r"\b(?:from|to|with|by|of|at|for|on|than|including|like|as|alongside|besides|unlike|"
                       r"awarded|picked|chose|chosen|selected|hired|"  # "China Unicom awarded Inspur orders worth ..."
                       r"(?:stake|investment|interest|holding)s?\s+in)\s+(?:the\s+)?(?:[\w'’]+\s+){0,2}$", re.I)

# "Kuaishou's rival Meituan", "Nvidia's customer ByteDance": the first company names the second, which acts
RELATION_OF = re.compile(r"['’]s\s+(?:[\w\-]+\s+){0,2}?(?:rival|peer|competitor|customer|client|supplier|partner|backer|"
                         r"investor|unit|subsidiary|arm)s?(?:\s+in\s+\w+)?,?\s+(?:the\s+)?", re.I)
# "12bn yuan for Meituan and 9bn yuan for JD.com": the company a figure is for, ending its phrase
FOR_BUYER = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:is\s+|are\s+)?for\s+(?:the\s+)?")
FOR_BUYER_END = re.compile(r"\s*(?:[,;.)]|and\b|$|(?:this|next|last)\s+year\b|in\s+(?:19|20)\d\d\b)")
# "Tencent's 19 billion yuan", "China Telecom at 20 billion yuan": the company owns the figure right after it
OWNER_BEFORE = re.compile(r"(?:['’]s\s+|\s+(?:at|with|on)\s+)(?:(?:about|around|roughly|some|nearly|almost|just|"
                          r"more\s+than|over|up\s+to)\s+)?", re.I)
# "Of that, ...", "Of the total, ...": a sentence that opens on a part of the figure before it
PART_OPENING = re.compile(r"^\W*(?:Of|Within|From)\s+(?:that|this|it|the\s+(?:total|sum|amount|budget|plan|pledge))\s*,", re.I)
# "Kuaishou's customers", "Tencent's rivals": other people, whose spending is not the company's
OTHERS_OF = re.compile(r"['’]s\s+(?:[\w\-]+\s+)?(?:customers|clients|users|rivals|peers|competitors|suppliers|tenants)\b", re.I)
# "in China", "worldwide", "across the industry": a market's spending, with no company of its own
MARKET_SCOPE = re.compile(r"\b(?:in|across)\s+(?:China|the\s+(?:country|industry|sector|market|world|region)|Asia|the\s+US)\b|"
                          r"\b(?:China['’]s|worldwide|globally|global|industry-wide|nationwide|domestic\s+market)\b")
# where a clause of its own opens inside a sentence: "...; capex rose", "..., and capital expenditure reached"
CLAUSE_OPENING = re.compile(r";\s*|,\s*(?:and|while|but|whereas)\s+", re.I)


def for_company(text: str, at: int, found: list[EntityMention]) -> str | None:
    """The company a figure is "for", named right after it and ending its phrase ("12bn yuan for Meituan and 9bn
    yuan for JD.com"), when the sentence names two or more buyers: each figure is its own company's."""
    end = figure_end(text, at)
    if end is None or len({m.name for m in found}) < 2:
        return None
    lead = FOR_BUYER.match(text, end)
    company = next((m for m in found if lead and m.start == lead.end()), None)
    return company.name if company is not None and FOR_BUYER_END.match(text, company.end) else None


def owner_before(text: str, at: int, found: list[EntityMention]) -> str | None:
    """The company written right before a figure as its owner ("Tencent's 19 billion yuan", "China Telecom at 20
    billion yuan"), when the sentence names two or more buyers: each figure is its own company's."""
    if len({m.name for m in found}) < 2:
        return None
    owner = next((m for m in reversed(found) if m.end <= at), None)
    return owner.name if owner is not None and OWNER_BEFORE.fullmatch(text, owner.end, at) else None


def sentence_subject(text: str, buyers: list[EntityMention]) -> str | None:
    """The buyer a sentence is about, for a later sentence's "it" or "the company": the first buyer named that is
    not a side mention (`side_mention`); else the first buyer named."""
    subject = next((m for position, m in enumerate(buyers) if not side_mention(text, buyers, position)), None)
    return (subject or buyers[0]).name if buyers else None


def side_mention(text: str, mentions: list[EntityMention], position: int) -> bool:
    """mentions[position] is an object ("Like Baidu before it, Tencent ...") or the possessor naming the company
    after it ("Kuaishou's rival Meituan said ..."): not what the sentence is about."""
    mention = mentions[position]
    following = mentions[position + 1] if position + 1 < len(mentions) else None
    if OBJECT_OF.search(text, max(0, mention.start - 60), mention.start):
        return True
    relation = RELATION_OF.match(text, mention.end) if following is not None else None
    return relation is not None and relation.end() == following.start


def spend_clause_subject(text: str, at: int) -> bool:
    """The figure's clause, opened after "; " or ", and" / ", while" / ", but", has the spending as its subject
    ("Revenue grew 10%, and capital expenditure reached 6 billion yuan")."""
    opening = None
    for opening in CLAUSE_OPENING.finditer(text, 0, at):
        pass
    return opening is not None and bool(SPEND_SUBJECT.match(text[opening.end():at]))


def figure_end(text: str, at: int) -> int | None:
    """Where the money phrase starting at `at` ends (None when none starts there)."""
    found = next((m for m in find_money(text[at:at + 80]) if m.start == 0), None)
    return at + found.end if found else None
