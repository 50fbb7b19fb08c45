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
  that Datasection has bought", "the $300 billion the four cloud groups spent"): the canonical company, ""
  for a name the gazetteer does not know or a group of companies (someone else bought them), None when
  there is no such clause;
- compute_customer(text, seller, mentions, lexicon): a company that sells computing capacity (role "cloud"
  in seeds/companies.csv: CoreWeave, Nebius, Datasection ...) signs a deal with a customer: the customer
  spends, on cloud rental ("CoreWeave signed an agreement with OpenAI valued at up to $11.9 billion");
- sold_by_pronoun(text, at): the sentence's subject is "it" or "the company" and it wins or supplies
  ("Last August it won orders worth ... to supply AI chips for China Mobile's computing projects");
- sale_recipient(text, start, mentions, lexicon, seller): the buyer side of a sale, named after its seller
  ("to China Mobile", "for a factory run by China Unicom", "with OpenAI", "from Tencent").
"""
from __future__ import annotations

import re

from transforms.entities import EntityMention
from transforms.spend_lexicon import SpendLexicon

# "Buyer: China Mobile Communications Group": the label line of a tender notice
BUYER_LINE = re.compile(r"(?:^|\n)\s*(?:Buyer|Purchaser|Tenderer|Procuring entity|Purchasing unit)\s*:\s*$", re.I)
# a sentence about the tender itself: "Lots 1 to 4 ... are worth ...", "the tender ..."
# a notice's value line, "Estimated total value: about 2 billion yuan" (read only on a page with a tender owner)
VALUE_LABEL = re.compile(r"(?:^|\||\n)\s*(?:estimated\s+|expected\s+)?(?:total\s+)?(?:contract\s+|project\s+|tender\s+|"
                         r"procurement\s+)?(?:value|amount|budget)\s*:\s*$", re.I)
TENDER_TALK = re.compile(r"\b(?:tender|tenders|lots?|procurement|bidding)\b", re.I)
# "China Mobile's 2025-2026 centralised purchase", "China Unicom's Shandong branch ... the bid-winning notice"
TENDER_OF = re.compile(r"['’]s\s+(?:[\w–]+[\s\-–]+){0,14}?(?:tenders?|procurements?|purchases?|bidding|bid|project)\b",
                       re.I)
# after a company: it wins or supplies ("(Shandong) Technology Co., Ltd. has been named the winning bidder"), or sells
# goods (not "sold $2bn of convertible bonds": financing)
SUPPLIER_AFTER = re.compile(
    r"\s*(?:\([^)]{0,40}\)\s*)?(?:[A-Z][\w.,&]*\s+){0,4}?(?:(?:has been|have been|was|were|is|are|had)\s+)?"
    r"(?:named\s+)?(?:the\s+|a\s+)?(?:winning bidder|winner of|(?:won|wins|has won|secured|landed|clinched|bagged)\s+"
    r"(?:(?:a|an|the)\s+)?"
    r"(?:[\w\-.,$€£¥]+\s+){0,6}?(?:bid|tender|contract|order|slot|place|share|spot|deal|award|portion)s?|"
    r"(?:was |has been |have been |were )awarded|will supply|supplies|supplied|will deliver|delivers|delivered|will ship|"
    r"ships|shipped|(?:sold|sells|will sell|has sold)(?!(?:[^.;]|\.(?=\d)){0,60}?\b(?:bonds?|shares?|stakes?|notes|equity|debt|stock)\b))\b")
# "the US$300 billion-plus the four big American cloud groups spent": a relative clause without "that"
REDUCED_AGENT = re.compile(
    r"(?:-plus)?\s+(?P<name>(?:the|its|their|[A-Z][\w&.\-]*)(?:\s+[\w&.\-]+){0,5}?)\s+"
    r"(?:has\s+|had\s+|have\s+)?(?:spent|bought|ordered|invested|paid|committed|pledged|budgeted|earmarked)\b")
DEFINITE_BEFORE = re.compile(r"\bthe\s+(?:(?:roughly|about|around|some|nearly|more than|over)\s+)?$", re.I)
# "it", or "the company" / "the group" pointing back at the sentence's or article's subject
PRONOUN = re.compile(r"^(?:it|they|we|he|she|its|their|the\s+(?:company|group|firm|operator|platform|giant))$", re.I)
# the buyer side of a sale: "to China Mobile", "for a factory run by China Unicom", "with OpenAI", "from Tencent"
RECIPIENT_BEFORE = re.compile(r"\b(?:to|for|from|with|by|gives|give|giving|gave)\s+(?:[\w\-'’\"“”]+\s+){0,6}?$", re.I)
RIVAL_BEFORE = re.compile(r"\b(?:beating|beat|ahead of|rivals?|against|over|than|like|such as|including|and|or)\s+"
                          r"(?:the\s+)?$", re.I)
OF_OWNER = re.compile(r"\bof\s+$", re.I)   # "a share of China Mobile's tender"
CONTRACT = re.compile(r"\b(?:deal|deals|contract|contracts|agreement|agreements|orders?|commitments?)\b", re.I)
# "The IREN contract", "its Nebius deal": the seller names the deal; the customer is the one the text is about
SELLER_NAMES_DEAL = re.compile(r"\s+(?:[\w\-]+\s+){0,2}?(?:deal|contract|agreement|lease)s?\b", re.I)
# "Alongside Microsoft's cloud, it signed ...": a company after a preposition is not the customer
PREPOSITION_BEFORE = re.compile(r"\b(?:from|to|of|at|on|than|including|like|as|alongside|besides|unlike|beyond|"
                                r"except|after|before|in)\s+(?:the\s+)?$", re.I)
# "it signed a contract with CoreWeave": the customer is the company the sentence points back at
CUSTOMER_PRONOUN = re.compile(r"(?:^|[,;]\s*)(?:it|the company|the group|the firm|the start-?up)\s+(?:\w+\s+){0,2}?"
                              r"(?:signed|agreed|struck|inked|has|had|will|would|expanded|extended)\b", re.I)
UNNAMED_CUSTOMER = re.compile(r"\b(?:customer|customers|client|clients)\b", re.I)
# "it", "the company" as the subject of a winning or supplying verb
SELLING_PRONOUN = re.compile(r"\b(?P<pronoun>it|the company|the group|the firm|the chipmaker|the unit)\b", re.I)
# after a figure: "... that Datasection has bought", "... which the Osaka operator ordered"
AGENT_CLAUSE = re.compile(
    r"[^.;]{0,60}?\b(?:that|which)\s+(?P<name>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3})\s+"
    r"(?:has\s+|had\s+|have\s+)?(?:bought|ordered|acquired|purchased|installed|deployed|rented|leased)\b")


def tender_owner(text: str, companies: list[EntityMention], lexicon: SpendLexicon) -> str | None:
    """The first buyer company named as the owner of a tender or purchase in `text` (`companies`: its mentions),
    or on a notice's "Buyer:" line."""
    for mention in companies:
        if lexicon.companies.role(mention.name) == "vendor":
            continue
        if TENDER_OF.match(text, mention.end) or BUYER_LINE.search(text, max(0, mention.start - 30), mention.start):
            return mention.name
    return None


def is_supplier(text: str, mention: EntityMention) -> bool:
    """The company at `mention` wins or supplies in this sentence: it sells, someone else buys."""
    return SUPPLIER_AFTER.match(text, mention.end) is not None


def agent_after(text: str, at: int, lexicon: SpendLexicon, end: int | None = None) -> str | None:
    """The buyer a relative clause after offset `at` names: canonical, "" when unknown, None when no clause.
    `end`: where the figure ends (a clause without "that" follows a definite figure: "the $300 billion the
    four cloud groups spent")."""
    clause = AGENT_CLAUSE.match(text, at)
    if clause is None and end is not None and DEFINITE_BEFORE.search(text, max(0, at - 20), at):
        clause = REDUCED_AGENT.match(text, end)
        if clause is not None and PRONOUN.match(clause.group("name")):
            return None  # "the 72 billion yuan it spent": the sentence's own subject
    if clause is None:
        return None
    named = [m.name for m in lexicon.companies.find(clause.group("name")) if lexicon.companies.role(m.name) != "vendor"]
    return named[0] if named else ""


def compute_customer(text: str, seller: EntityMention, mentions: list[EntityMention],
                     lexicon: SpendLexicon) -> str | None:
    """When `seller` sells computing capacity (role "cloud") in a deal the sentence names: its customer, the
    other side of the deal ("CoreWeave signed an agreement with OpenAI", "Tencent taps Datasection ... in
    deals worth ..."); "" when the customer is not named ("with a single large customer", "The IREN contract is
    worth ...", "it signed a contract with CoreWeave"); None when the
    sentence is no such deal (its own purchase from a chip vendor, say)."""
    if lexicon.companies.role(seller.name) != "cloud" or not CONTRACT.search(text):
        return None
    after = sale_recipient(text, seller.end, mentions, lexicon, seller.name)
    if after is not None:
        return after
    before = [m for m in mentions if m.end <= seller.start and m.name != seller.name
              and lexicon.companies.role(m.name) not in ("vendor", "cloud")
              and not PREPOSITION_BEFORE.search(text, max(0, m.start - 20), m.start)]
    if before:
        return before[-1].name
    if SELLER_NAMES_DEAL.match(text, seller.end) or CUSTOMER_PRONOUN.search(text, 0, seller.start):
        return ""  # "The IREN contract is worth ...", "it signed a contract with CoreWeave": the referent's deal
    return "" if UNNAMED_CUSTOMER.search(text, seller.end) else None


def sold_by_pronoun(text: str, at: int) -> bool:
    """The subject before offset `at` is "it" or "the company" and it wins or supplies."""
    return any(SUPPLIER_AFTER.match(text, m.end("pronoun")) for m in SELLING_PRONOUN.finditer(text, 0, at))


def sale_recipient(text: str, start: int, mentions: list[EntityMention], lexicon: SpendLexicon,
                   seller: str | None = None) -> str | None:
    """The buyer named after offset `start` (where the seller's clause begins) as the other side of the sale:
    after "to", "for", "from", "with" or "by" (not "beating", "such as" ...), or the owner in "of X's"."""
    for mention in mentions:
        if mention.start < start or mention.name == seller or lexicon.companies.role(mention.name) == "vendor":
            continue
        window = text[max(start, mention.start - 50):mention.start]
        if RIVAL_BEFORE.search(window):
            continue
        if RECIPIENT_BEFORE.search(window) or (OF_OWNER.search(window) and re.match(r"['’]s\b", text[mention.end:])):
            return mention.name
    return None
