"""Tenders, supply deals and purchases told from the seller's side: who is the buyer then.

A telecom operator's tender is the operator's spend, not that of the server maker or chip designer that
wins it: "Baidu (Shandong) Technology has been named the winning bidder, with a bid price of RMB837
million" is spend by the company whose tender it is ("China Unicom's Shandong branch published the
bid-winning notice for its ... project"), and "the order" a supplier won is that owner's purchase.

- tender_owner(text, companies, lexicon): the first buyer company the page names as the owner of a tender,
  procurement or purchase ("X's 2025-2026 centralised purchase of ...");
- is_supplier(text, mention): the company is the subject of a winning or supplying verb ("won a slot in",
  "was awarded", "has been named the winning bidder", "will supply");
- agent_after(text, at, lexicon): the buyer a relative clause after the figure names ("15,000 processors
  that Datasection has bought"): the canonical company, "" for a name the gazetteer does not know (someone
  else bought them), None when there is no such clause.
"""
from __future__ import annotations

import re

from transforms.entities import EntityMention
from transforms.spend_lexicon import SpendLexicon

# "China Mobile's 2025-2026 centralised purchase", "China Unicom's Shandong branch ... the bid-winning notice"
TENDER_OF = re.compile(r"['’]s\s+(?:[\w\-–]+\s+){0,12}?(?:tenders?|procurements?|purchases?|bidding|bid|project)\b", re.I)
# after a company: it wins or supplies ("(Shandong) Technology Co., Ltd. has been named the winning bidder")
SUPPLIER_AFTER = re.compile(
    r"\s*(?:\([^)]{0,40}\)\s*)?(?:[A-Z][\w.,&]*\s+){0,4}?(?:(?:has been|have been|was|were|is|are|had)\s+)?"
    r"(?:named\s+)?(?:the\s+|a\s+)?(?:winning bidder|winner of|(?:won|wins|has won|secured)\s+(?:a|an|the)\s+"
    r"(?:[\w\-]+\s+){0,3}?(?:bid|tender|contract|order|slot|place|share|spot|deal|award|portion)s?|"
    r"(?:was |has been |were )?awarded|will supply|supplies|supplied|will deliver|delivers|delivered|will ship|"
    r"ships|shipped)\b")
# after a figure: "... that Datasection has bought", "... which the Osaka operator ordered"
AGENT_CLAUSE = re.compile(
    r"[^.;]{0,60}?\b(?:that|which)\s+(?P<name>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3})\s+"
    r"(?:has\s+|had\s+|have\s+)?(?:bought|ordered|acquired|purchased|installed|deployed|rented|leased)\b")


def tender_owner(text: str, companies: list[EntityMention], lexicon: SpendLexicon) -> str | None:
    """The first buyer company named as the owner of a tender or purchase in `text` (`companies`: its mentions)."""
    for mention in companies:
        if lexicon.companies.role(mention.name) != "vendor" and TENDER_OF.match(text, mention.end):
            return mention.name
    return None


def is_supplier(text: str, mention: EntityMention) -> bool:
    """The company at `mention` wins or supplies in this sentence: it sells, someone else buys."""
    return SUPPLIER_AFTER.match(text, mention.end) is not None


def agent_after(text: str, at: int, lexicon: SpendLexicon) -> str | None:
    """The buyer a relative clause after offset `at` names: canonical, "" when unknown, None when no clause."""
    clause = AGENT_CLAUSE.match(text, at)
    if clause is None:
        return None
    named = [m.name for m in lexicon.companies.find(clause.group("name")) if lexicon.companies.role(m.name) != "vendor"]
    return named[0] if named else ""
