"""Who spends: the buyer of a spend figure, and the buyer and vendor an article is about.

`buyers(index, at, ctx, lexicon)` names the buyer(s) of a figure at offset `at` of sentence `index`:
the company a figure is "for" or written right after ("9bn yuan for JD.com", "JD.com's 2.5bn yuan") when the
sentence names several, else the nearest buyer company before the figure in the sentence (after it when none
is before), every listed company when the sentence says "each", else the buyer the paragraph's sentence before
is about, else the one buyer a section heading names ("China Unicom: a sharper tilt"), else the article's main
subject when the sentence points back at it ("it", "the company", "we", an officer) or is a list item
(clause-level rules in transforms/spend_clauses.py). A vendor (Nvidia, Huawei ...) is never the buyer; nor is a company that wins or supplies (the
recipient it names or the tender's owner buys, transforms.spend_tenders), nor a company selling computing
capacity in a deal with its customer (the customer rents), nor a sum over several companies ("together"),
nor a state ("the kingdom"; one named in a side clause, "after Washington tightened its rules, it ...", is
not the subject).
"""
from __future__ import annotations

import re

from transforms.entities import EntityMention
from transforms.models import Article
from transforms.money import find_money
from transforms.spend_clauses import (MARKET_SCOPE, OBJECT_OF, OTHERS_OF, PART_OPENING, SPEND_SUBJECT, figure_end, for_company,
                                      owner_before, side_mention, spend_clause_subject)
from transforms.spend_fields import ANAPHOR_REF, Context, list_heading
from transforms.spend_lexicon import SpendLexicon
from transforms.spend_tenders import (CONTRACT, DEFINITE_BEFORE, TENDER_TALK, agent_after, compute_customer, is_supplier, sale_recipient,
                                     sold_by_pronoun)

MIN_SUBJECT_SCORE = 2.0                       # mentions (opening ones count triple) that make a company the subject
# how a buyer was found, strongest first (transforms/spend_confidence.py weighs them)
NAMED, RECIPIENT, OWNER, HEADING, PARAGRAPH, SUBJECT = "named", "recipient", "owner", "heading", "paragraph", "subject"
LIST_JOINER = re.compile(r"^\s*(?:,|and|,\s*and|&)\s*$")

# "Baidu's Kunlunxin", "Kunlunxin, Baidu's chip unit, won ...": the owner of the vendor that acts
POSSESSIVE = re.compile(r"['’]s\s+")
UNIT_AFTER = re.compile(r"['’]s\s+(?:[\w\-]+\s+){0,2}(?:unit|arm|subsidiary|division|affiliate|spin-?off)\b", re.I)
APPOSITION = re.compile(r",\s*(?:the\s+|a\s+)?")

# "... on its own AI data centres": a vendor that spends for its own use is the buyer
OWN_USE = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:on|in|into|for)\s+(?:building\s+)?(?:its|their)\s+own\b", re.I)
# "About US$14 billion is earmarked for ...", "Of that, 20 billion yuan is set aside for ...": money as the subject
FIGURE_FIRST = re.compile(r"^\W*(?:(?:Of|From|Within|In|For)\s[^,]{1,40},\s+)?(?:(?:about|around|some|roughly|nearly|almost|"
                          r"more than|over|another|a further|up to|at least)\s+)?$", re.I)
PASSIVE_SPEND = re.compile(r"\s*(?:of\s+(?:it|that|this|the\s+\w+)\s+)?(?:(?:is|was|are|were|will be|would be|has been|"
                           r"have been|had been|is being)\s+(?:\w+ly\s+)?(?:earmarked|set aside|allocated|budgeted|"
                           r"reserved|spent|slated|ring-?fenced|destined)|(?:will|would|is to|is set to)\s+go\s+"
                           r"(?:on|to|into|towards?))\b", re.I)

# "8,000 Nvidia H20 chips", "Nvidia's processors": the vendor names the product, it is not the subject
VENDOR_AS_MODIFIER = re.compile(r"(?:['’]s)?\s+(?:[\w\-]+\s+){0,2}?(?:chips?|GPUs?|processors?|accelerators?|[A-Z]+\d+\w*)\b")

NUMBER_BEFORE = re.compile(r"\d\s+(?:of\s+)?$")

EACH = re.compile(r"\beach\b", re.I)
RESPECTIVELY = re.compile(r"\brespectively\b", re.I)
# "together", "the four": a sum over several buyers, no one's spend
COLLECTIVE = re.compile(
    r"\b(?:taken together|together(?!\s+with)|jointly|collectively|between them|all (?:two|three|four|five|six)|"
    r"the (?:two|three|four|five|six)(?=\s+(?:companies|groups|firms|operators|carriers|platforms|giants|buyers|bidders|providers|labs|"
    r"hyperscalers|of them|had|have|has|will|would|now|plan|spent|spend|expect|expects)\b))\b", re.I)
# "a venture backed by OpenAI and SoftBank": the companies own the subject, they are not it
BACKED_BY = re.compile(r"\b(?:backed|owned|controlled|founded|funded|formed|set up|led)\s+by\s+(?:the\s+)?$"
                       r"|\b(?:a|an|the)\s+(?:unit|subsidiary|affiliate|arm|venture|joint venture)\s+of\s+(?:the\s+)?$", re.I)
# "the app owned by ByteDance", "a unit of Alibaba": one parent owns the spender, and the spend is the parent's
OWNED_BY = re.compile(r"\b(?:owned|controlled)\s+by\s+(?:the\s+)?$|\b(?:unit|subsidiary|arm)\s+of\s+(?:the\s+)?$", re.I)
# "The project represents an investment of ...": the sentence is about a project of the article's company
PROJECT_SUBJECT = re.compile(r"^\W*(?:the|this|that|its)\s+(?:[\w\-]+\s+){0,2}?(?:project|facility|hub|cluster|campus|"
                             r"data cent(?:re|er)|programme|program|build-out|expansion|"
                             # "The new target compares with ...": the plan the article is about
                             r"target|plan|guidance|goal|outlook)\b", re.I)
# "after Washington tightened its rules, ...": a clause beside the main one, whose subject is not the spender's
SIDE_CLAUSE = re.compile(r"\b(?:after|before|when|as|since|while|because|although|though|if|once|until|despite|amid|"
                         r"following)\s[^,;:]{0,120}[,;]", re.I)
AFTER_BREAK = re.compile(r"[;:]|,\s*(?:which|while|whereas|but|and|when)\b|\s[-–—]\s")
# "..., backed by the hedge fund High-Flyer, which bought 10,000 GPUs": a relative clause holding the figure
RELATIVE_OPEN = re.compile(r",\s*(?:which|who)\s+")
# its antecedent is the company when nothing but a possessive or its own unit stands between them
# ("Tencent, which ...", "Tencent's cloud arm, which ...", "Alibaba said its unit, which ...")
OWN_ANTECEDENT = re.compile(r"^(?:\s*|['’]s?\s[^,;]*|.*\b(?:its|their)\s[^,;]*)$")
# "the state-owned operator", "the state-backed group": a word of ownership before the company's own noun
OWN_NOUN_AFTER = re.compile(r"\s+(?:operator|company|group|firm|giant|carrier|platform|start-?up)\b", re.I)
PRONOUN_SUBJECT = re.compile(r"^\W*(?:(?-i:[Ii]t)|they|the company|the group|the firm|the start-?up)\s", re.I)
# "we", "our": the company speaking (an earnings call, a statement), when no company is named
FIRST_PERSON = re.compile(r"\b(?:we|our)\b", re.I)
# "Sakura Internet bought 2,000 H200 GPUs": a name the gazetteer does not know opens the sentence as the subject of
# the spend, so the figure is not the earlier buyer's
NAME_SUBJECT = re.compile(r"^\W*(?P<name>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3})\s+"
                          r"(?:(?:has|have|had|will|would|is|was|also|then|later|recently|plans\s+to|agreed\s+to|expects\s+to|"
                          r"intends\s+to|aims\s+to|is\s+set\s+to|(?:said|says)\s+(?:it|they)(?:\s+(?:would|will|had|has))?)\s+){0,3}")
NOT_A_NAME = frozenset("""The This That These Those It Its We Our They Their He She His Her A An In On At For By From
After Before Last Next Analysts Investors Sources People Officials Executives Chinese China US American Beijing
Washington Both All Each Some Most Many One Two Three""".split())


def main_subject(article: Article, lexicon: SpendLexicon,
                 companies: list[EntityMention] | None = None) -> str | None:
    """The buyer the article is about: most mentioned, with the title and opening counting triple; a company
    named once, past the opening, is no subject ("no anchor customer on the scale of Apple").

    `companies`: the company mentions of `article.text`, when the caller has them already."""
    scores: dict[str, float] = {}
    opening = (article.title or "") + "\n" + article.text[:400]
    in_text = lexicon.companies.find(article.text) if companies is None else companies
    for text, mentions, weight in ((opening, lexicon.companies.find(opening), 3.0), (article.text, in_text, 1.0)):
        for position, mention in enumerate(mentions):
            if lexicon.companies.role(mention.name) != "vendor":
                # "Like Baidu before it, Tencent ...", "Kuaishou's rival Meituan": a side mention opens nothing
                side = weight > 1.0 and side_mention(text, list(mentions), position)
                scores[mention.name] = scores.get(mention.name, 0.0) + (1.0 if side else weight)
    best = max(scores, key=lambda name: scores[name]) if scores else None
    return best if best is not None and scores[best] >= MIN_SUBJECT_SCORE else None


def main_vendor(text: str, lexicon: SpendLexicon, companies: list[EntityMention] | None = None) -> str | None:
    """The chip vendor the article names most often, if any (`companies`: those of `text`, if known)."""
    counts: dict[str, int] = {}
    for mention in lexicon.companies.find(text) if companies is None else companies:
        if lexicon.companies.role(mention.name) == "vendor":
            counts[mention.name] = counts.get(mention.name, 0) + 1
    return max(counts, key=lambda name: counts[name]) if counts else None




def buyers(index: int, at: int, ctx: Context, lexicon: SpendLexicon) -> list[str]:
    """Buyer companies for a figure at offset `at` of sentence `index` (see the module docstring)."""
    return resolve_buyers(index, at, ctx, lexicon)[0]


def resolve_buyers(index: int, at: int, ctx: Context, lexicon: SpendLexicon) -> tuple[list[str], str]:
    """The buyers of a figure and how they were found (BUYER_EVIDENCE): "named" in the sentence, "recipient"
    (named as the other side of a sale or a capacity deal), "owner" of the tender, "heading" of a list,
    "paragraph" (named earlier in it), "subject" (the article's)."""
    sentence = ctx.sentences[index]
    mentioned = ctx.index().companies[index]
    found = [m for m in mentioned if lexicon.companies.role(m.name) != "vendor"
             and not owns_named_vendor(sentence.text, m, mentioned, lexicon)]
    if any(OTHERS_OF.match(sentence.text, m.end) for m in found if m.end <= at):
        # "Kuaishou's customers spent 2 billion yuan renting its cloud": other people's money
        found = [m for m in found if not OTHERS_OF.match(sentence.text, m.end)]
        if not any(m.end <= at for m in found):
            return [], NAMED
    beneficiary = for_company(sentence.text, at, found) or owner_before(sentence.text, at, found)
    if beneficiary is not None:
        return [beneficiary], NAMED  # "The budgets are 12bn yuan for Meituan and 9bn yuan for JD.com"
    before = [m for m in found if m.end <= at]
    if COLLECTIVE.search(sentence.text, before[-1].end if before else 0, at):
        return [], NAMED  # "Baidu, Alibaba and Tencent together spent ...": nobody's own figure
    definite = DEFINITE_BEFORE.search(sentence.text, max(0, at - 20), at)
    agent = agent_after(sentence.text, at, lexicon, figure_end(sentence.text, at) if definite else None)
    if agent is not None:
        return ([agent] if agent else []), NAMED  # "... processors that Datasection has bought": known or not
    before = [m for m in before if m not in backers(before, sentence.text)]
    if found and not before and all(m.end <= at for m in found):
        return [], NAMED  # "The Stargate venture backed by OpenAI and SoftBank has pledged ...": the venture spends
    if before:
        group = listed_group(before, sentence.text)
        if len(group) > 1 and EACH.search(sentence.text, before[-1].end, at):
            return list(dict.fromkeys(m.name for m in group)), NAMED
        subjects = [m for m in before if not OBJECT_OF.search(sentence.text, 0, m.start)]
        if not subjects and PRONOUN_SUBJECT.match(sentence.text) and ctx.index().buyer_before[index] is not None:
            # "It was allocated 4,096 GPUs hosted by Yotta, with a compute bill of ...": "it" is the buyer before
            return customer_of_referent(ctx.index().buyer_before[index], PARAGRAPH, sentence.text, found, lexicon)
        chosen = (subjects or before)[-1]  # "Tencent, which competes with Alibaba, spent": Tencent
        if relative_of_other(sentence.text, chosen.end, at):
            return [], NAMED  # "DeepSeek is backed by a fund, which bought 10,000 GPUs": the fund's, unnamed
        if chosen in subjects:  # "Unlike Tencent, Baidu spent ...": a compared company is no member of a list
            group = [m for m in group if m in subjects]
        money_at = [m.start for m in find_money(sentence.text)] if len(group) > 1 and chosen in group else []
        if len({m.name for m in group}) > 1 and chosen in group and at not in money_at \
                and not RESPECTIVELY.search(sentence.text, at):
            return [], NAMED  # "ByteDance, Alibaba and Tencent ordered more than 1 million chips": a sum
        if at in money_at:  # counts keep their own rules (elliptic_counts reads "respectively")
            respective = RESPECTIVELY.search(sentence.text, at)
            figures = [s for s in money_at if group[-1].end <= s < respective.start()] if respective else []
            if len(figures) == len(group) and at in figures:
                return [group[figures.index(at)].name], NAMED  # "A and B spent $2bn and $3bn respectively"
            return [], NAMED  # "ByteDance, Alibaba and Tencent placed orders for $16 billion": a sum
        if is_supplier(sentence.text, chosen):  # "Baidu was named the winning bidder, with a bid price of ..."
            return sale_buyer(index, chosen.end, chosen.name, ctx, lexicon)
        customer = compute_customer(sentence.text, chosen, found, lexicon)
        if customer:  # "CoreWeave signed a deal with OpenAI worth ..."
            return [customer], RECIPIENT
        if customer == "":  # "... with a single large customer": the article's company, unless it sells too
            subject = ctx.subject if ctx.subject and lexicon.companies.role(ctx.subject) != "cloud" else None
            return ([subject] if subject else []), SUBJECT
        return [chosen.name], NAMED
    if sold_by_pronoun(sentence.text, at):  # "Last August it won orders worth ... for China Mobile's projects"
        return sale_buyer(index, 0, None, ctx, lexicon)
    # "A $7bn plan by ByteDance"; not a company past a clause break ("..., which makes comparison with Alibaba")
    after = [m for m in found if m.start >= at and not AFTER_BREAK.search(sentence.text, at, m.start)]
    owners_after = backers(after, sentence.text)
    if after and all(m in owners_after for m in after) and all(m.start >= at for m in found):
        return [], NAMED  # "... a 9 billion yuan project backed by Tencent and Alibaba": the venture spends
    after = [m for m in after if m not in owners_after]
    if after and not ANAPHOR_REF.search(sentence.text, 0, at):
        customer = compute_customer(sentence.text, after[0], found, lexicon)
        if customer:  # "about $23 billion with Nscale, gives Microsoft access to ...": Nscale sells
            return [customer], RECIPIENT
        if customer == "" and ctx.subject and lexicon.companies.role(ctx.subject) != "cloud":
            return [ctx.subject], SUBJECT
        return [after[0].name], NAMED  # "A $7bn plan by ByteDance"; not "The company spent $150m ... with Alibaba Cloud"
    heading = list_heading(index, ctx)
    if heading is not None:
        named = [m for m in lexicon.companies.find(heading.text) if lexicon.companies.role(m.name) != "vendor"]
        if named:
            return [named[-1].name], HEADING
    earlier_buyer = ctx.index().buyer_before[index]
    # "China Unicom: a sharper tilt" heads a section: its "it" and "the operator" are China Unicom, when the
    # paragraph names no buyer of its own
    section = ctx.index().section_buyer[index]
    points_back = bool(ANAPHOR_REF.search(sentence.text, 0, at) or PRONOUN_SUBJECT.match(sentence.text))
    if ctx.tender_owner and TENDER_TALK.search(sentence.text):
        nearer = earlier_buyer or section
        if points_back and nearer is not None and nearer != ctx.tender_owner:
            # "China Unicom is cutting ... The operator has launched its own procurement project worth ...": the
            # operator named nearer, not the owner of another tender on the page
            return customer_of_referent(nearer, PARAGRAPH if earlier_buyer else HEADING, sentence.text, found, lexicon)
        return [ctx.tender_owner], OWNER  # "Lots 5 and 6 specified Huawei's software and are worth ...": the tender's
    vendors_named = [m for m in lexicon.companies.find(sentence.text[:at])
                     if lexicon.companies.role(m.name) == "vendor" and not OBJECT_OF.search(sentence.text, 0, m.start)
                     and not VENDOR_AS_MODIFIER.match(sentence.text, m.end)
                     and not NUMBER_BEFORE.search(sentence.text, 0, m.start)]
    if vendors_named and OWN_USE.match(sentence.text, figure_end(sentence.text, at) or at):
        return [vendors_named[-1].name], NAMED  # "Huawei will spend 10 billion yuan on its own AI data centres"
    if vendors_named:
        return [], NAMED  # "Nvidia ... its outlays": the sentence is about the vendor
    if any(not in_side_clause(sentence.text, c.start, at) and not OWN_NOUN_AFTER.match(sentence.text, c.end)
           for c in lexicon.cues.find(sentence.text[:at], "other_spender")):
        return [], NAMED  # "Beijing's Big Fund will invest ...": someone other than a company spends
    if unknown_name_subject(sentence.text, at, lexicon):
        return [], NAMED
    if earlier_buyer is None and index and PART_OPENING.match(sentence.text):
        # "Of that, he said, R&D plus capex in 2026 will exceed ...": a part of the figure of the sentence before
        earlier_buyer = next((m.name for m in ctx.index().companies[index - 1]
                              if lexicon.companies.role(m.name) != "vendor"), None)
    if earlier_buyer is not None:
        return customer_of_referent(earlier_buyer, PARAGRAPH, sentence.text, found, lexicon)
    if section is not None and section != ctx.subject and (points_back or SPEND_SUBJECT.match(sentence.text)):
        return customer_of_referent(section, HEADING, sentence.text, found, lexicon)
    if MARKET_SCOPE.search(sentence.text, 0, at) and not ANAPHOR_REF.search(sentence.text, 0, at):
        return [], NAMED  # "Spending on AI servers in China will reach $60 billion": a market, nobody's own
    if ctx.subject and (heading is not None or ANAPHOR_REF.search(sentence.text[:at + 60])
                        or SPEND_SUBJECT.match(sentence.text) or PROJECT_SUBJECT.match(sentence.text)
                        or spend_clause_subject(sentence.text, at)
                        or money_as_subject(sentence.text, at)
                        or FIRST_PERSON.search(sentence.text, 0, at)
                        or lexicon.cues.find(sentence.text[:at], "spokesperson")
                        or lexicon.cues.find(sentence.text[:at], "officer")):
        # "it", "the company", "capex rose to", "the project", "we", "the CFO said"
        return customer_of_referent(ctx.subject, SUBJECT, sentence.text, found, lexicon)
    return [], NAMED


def unknown_name_subject(text: str, at: int, lexicon: SpendLexicon) -> bool:
    """The sentence opens with a name the gazetteer does not know, right before a spend or holding verb that
    comes before the figure: that company spends, not the one named earlier."""
    found = NAME_SUBJECT.match(text)
    if found is None or found.end() >= at or found.group("name").split()[0] in NOT_A_NAME:
        return False
    if lexicon.companies.find(found.group("name")) or lexicon.cues.find(found.group("name"), "other_spender") \
            or lexicon.find_sources(found.group("name")):
        return False  # a known company, a state, or a broker or outlet estimating someone's spend
    return any(c.start == found.end() for c in lexicon.cues.find(text, "trigger") + lexicon.cues.find(text, "holding"))


def relative_of_other(text: str, company_end: int, at: int) -> bool:
    """The figure at `at` sits in a relative clause (", which bought ...") whose antecedent is a noun other than
    the company ending at `company_end`."""
    opening = None
    for opening in RELATIVE_OPEN.finditer(text, company_end, at):
        pass
    if opening is None or re.search(r"[,;]", text[opening.end():at]):
        return False  # no relative clause, or it closed before the figure ("Tencent, which ..., spent")
    return not OWN_ANTECEDENT.match(text[company_end:opening.start()])


def customer_of_referent(buyer: str, via: str, text: str, found: list[EntityMention],
                         lexicon: SpendLexicon) -> tuple[list[str], str]:
    """The company a sentence points back at ("It also signed a deal with Meta ..."), unless it sells
    computing capacity and the sentence names the customer of the deal: then the customer."""
    if lexicon.companies.role(buyer) == "cloud" and CONTRACT.search(text):
        customer = sale_recipient(text, 0, found, lexicon, buyer)
        if customer is not None:
            return [customer], RECIPIENT
    return [buyer], via


def in_side_clause(text: str, offset: int, at: int) -> bool:
    """`offset` lies in a clause that opens with a subordinator and closes with a comma before `at` ("In 2023,
    after Washington tightened its rules, it placed an order ..."): not the subject of the figure."""
    return any(m.start() <= offset < m.end() <= at for m in SIDE_CLAUSE.finditer(text, 0, at))


def sale_buyer(index: int, start: int, seller: str | None, ctx: Context, lexicon: SpendLexicon) -> tuple[list[str], str]:
    """The buyer of what a supplier or winning bidder sells: the recipient the sentence names after `start`
    ("to China Mobile", "run by China Unicom"), else the owner of the page's tender, else nobody known."""
    sentence = ctx.sentences[index]
    buyer = sale_recipient(sentence.text, start, list(ctx.index().companies[index]), lexicon, seller)
    if buyer is not None:
        return [buyer], RECIPIENT
    return ([ctx.tender_owner] if ctx.tender_owner and ctx.tender_owner != seller else []), OWNER


def money_as_subject(text: str, at: int) -> bool:
    """The figure opens its sentence as the subject of a passive spend ("About US$14 billion is earmarked for
    Nvidia's H200", "Some $4 billion will go on Kunlun chips"): the money of the company the article is about."""
    end = figure_end(text, at)
    return end is not None and bool(FIGURE_FIRST.match(text[:at])) and bool(PASSIVE_SPEND.match(text, end))


def backers(mentions: list[EntityMention], text: str) -> list[EntityMention]:
    """The mentions that name who backs or owns the subject ("a venture backed by A and B"): A and B. A single
    owner of a unit or an app ("a Singapore-based unit of ByteDance", "the app owned by ByteDance") is its parent,
    whose spend it is, not a backer."""
    found: list[EntityMention] = []
    for position, mention in enumerate(mentions):
        if BACKED_BY.search(text, max(0, mention.start - 40), mention.start):
            group = listed_group_from(mentions, position, text)
            if len(group) == 1 and OWNED_BY.search(text, max(0, mention.start - 40), mention.start):
                continue
            found += group
    return found


def owns_named_vendor(text: str, mention: EntityMention, mentioned: list[EntityMention], lexicon: SpendLexicon) -> bool:
    """The company is named only as the owner of a chip vendor beside it ("Baidu's Kunlunxin", "Kunlunxin, Baidu's
    chip unit,"): the vendor is the one acting, and it sells."""
    vendors = [m for m in mentioned if lexicon.companies.role(m.name) == "vendor"]
    if any(v.start == mention.end + len(m.group()) for v in vendors for m in [POSSESSIVE.match(text, mention.end)] if m):
        return True
    return bool(UNIT_AFTER.match(text, mention.end)) and any(
        APPOSITION.fullmatch(text[v.end:mention.start]) for v in vendors if v.end <= mention.start)


def listed_group_from(mentions: list[EntityMention], first: int, text: str) -> list[EntityMention]:
    """The run of companies starting at mentions[first], joined by commas and "and"."""
    group = [mentions[first]]
    for following in mentions[first + 1:]:
        if LIST_JOINER.match(text[group[-1].end:following.start]):
            group.append(following)
        else:
            break
    return group


def listed_group(mentions: list[EntityMention], text: str) -> list[EntityMention]:
    """The run of companies ending with the last mention, joined by commas and "and"."""
    group = [mentions[-1]]
    for previous in reversed(mentions[:-1]):
        if LIST_JOINER.match(text[previous.end:group[0].start]):
            if previous.name == group[0].name:  # "the owner of TikTok and Douyin": one company, named twice
                group[0] = previous
            else:
                group.insert(0, previous)
        else:
            break
    return group
