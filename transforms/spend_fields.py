"""Per-fact fields of a spend figure: year, status, spend type, chip, vendor, region, attribution.

Each function looks at one sentence (and, for the year, the article around it) and returns the value of
one field for a figure at [start, end) of that sentence: the nearest cue of the right kind wins, with
cues before the figure counting 1.5 times their distance (English puts the verb and purpose after the
amount: "spent $2bn on chips").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from transforms.entities import EntityMention
from transforms.sentences import Sentence
from transforms.spend_index import PageIndex
from transforms.spend_lexicon import Cue, SpendLexicon
from transforms.spend_years import YearMention, is_boundary_year, is_running_quarter

CHIP_REACH, VENDOR_REACH = 45, 120           # how far a chip model / a vendor may be from the figure it describes
YEAR_BEFORE, YEAR_AFTER = 60, 80             # how far a year phrase may be from the figure to count as its own
# a year in a later clause dates that clause ("..., and warned that 2026 spending would be larger")
CLAUSE_BREAK = re.compile(r";|,\s*(?:and|but|while|whereas|although|though)\b|\.\s")
PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+){0,2}?(?:spent|invested|put|poured|ploughed|plowed|committed)\b", re.I)
SINCE = re.compile(r"\bsince\b", re.I)
# a year after a comparison dates the figure compared with ("$180 billion compares with $91 billion in 2025"; "31bn,
# more than the 27.5bn it spent in 2025", but not the hedge "more than $5 billion in 2025")
COMPARED_WITH = re.compile(r"\b(?:compares?\s+with|compared\s+(?:with|to)|up\s+from|down\s+from|versus|vs\.?|"
                           r"against|(?<!more )(?<!less )(?<!fewer )(?<!rather )than|(?:more|less|fewer)\s+than\s+(?=(?:the|its|their|what)\b))\b", re.I)
# "capex rose 63% from the December quarter": the period a change is measured from dates no figure
CHANGE_BASE = re.compile(r"\d\s?(?:%|per\s?cent)\s+(?:from|on|over|versus|vs\.?|compared\s+with)\s+(?:the\s+)?$", re.I)
VENDOR_DESCRIPTION = re.compile(
    r"\bthe (?:[\w\-]+ ){0,2}(?:chip ?maker|chip designer|chip giant|GPU maker|GPU designer|chip supplier)\b", re.I)
# "it", "its", "the Hangzhou-based group": the sentence points back at a company named before
# ("IT spending" is information technology, not the pronoun)
ANAPHOR_REF = re.compile(
    r"\b(?:(?-i:[Ii]ts?)|the (?:[\w\-]+ ){0,3}(?:company|group|firm|giant|operator|carrier|owner|start-up|startup|maker|platform))\b", re.I)
# "Huawei chips instead of Nvidia's": the vendor passed over is not the vendor
ALTERNATIVE_BEFORE = re.compile(r"\b(?:instead\s+of|rather\s+than|in\s+place\s+of|replacing|switching\s+from|"
                                r"away\s+from)\s+(?:the\s+)?$", re.I)
# "has now launched", "is currently tendering": the figure is of the writer's present (not "until now", "by now")
NOW = re.compile(r"(?<!until )(?<!till )(?<!by )(?<!up to )\b(?:now|currently|at present|presently)\b(?!\s+(?:defunct|former))", re.I)
ORDER_REF = re.compile(r"\bthe (?:order|deal|purchase|contract|transaction|hardware|systems|servers)\b", re.I)
BULLET_PREFIX = re.compile(r"\s*(?:[-*•·▪●◦–—]|\d{1,2}[.)])\s*")


@dataclass(frozen=True)
class Draft:
    """A fact before ids: offsets are the evidence sentence; `anchor_at` is where the figure sits."""

    company: str
    sentence: Sentence
    anchor_at: int
    year: int | None
    year_explicit: bool
    amount: float | None
    currency: str | None
    amount_usd: float | None
    units: int | None
    vendor: str | None
    chip_model: str | None
    spend_type: str
    region: str | None
    status: str
    attribution: str | None
    qualifier: str | None
    # the evidence that decided the fact, for its confidence (transforms/spend_confidence.py)
    buyer_via: str = "named"       # named, recipient, owner, heading, paragraph, subject (spend_buyers)
    cue_gap: int | None = None     # characters between the figure and its spend cue; None: the cue is elsewhere
    origin: str = "prose"          # prose, table, list, elliptic, comparison
    # the year comes from a relative phrase beside the figure ("next year's budget"): it counts from the publication
    # date, which may not be the writer's "now", so a repeat of a figure dated elsewhere yields (spend_merge)
    year_relative: bool = False


@dataclass(frozen=True)
class Context:
    """What the whole article offers every sentence: text, anchor, years, main subject, yen sign."""

    text: str
    anchor: date | None
    years: tuple[YearMention, ...]
    subject: str | None
    yen_sign: str
    sentences: tuple[Sentence, ...]
    vendor: str | None = None   # the chip vendor the article names most, for "the American chipmaker"
    page: PageIndex | None = None   # per-page lookups (transforms.spend_index)
    tender_owner: str | None = None   # the buyer whose tender or purchase the page names (spend_tenders)
    bare_currency: str | None = None  # the currency the page declares for amounts written without one

    def index(self) -> PageIndex:
        if self.page is None:
            raise ValueError("Context has no page index: build it with spend_index.build_page_index")
        return self.page


def cue_gap(cues: list[Cue], start: int, end: int) -> int | None:
    """Characters between [start, end) and the nearest cue (0 when one overlaps it), None without cues."""
    gaps = [0 if c.start < end and c.end > start else (c.start - end if c.start >= end else start - c.end) for c in cues]
    return min(gaps) if gaps else None


def near(cues: list[Cue], start: int, end: int, before: int, after: int) -> list[Cue]:
    """Cues that end within `before` characters before [start, end) or begin within `after` after it."""
    return [c for c in cues if (c.end <= start and start - c.end <= before) or
            (c.start >= end and c.start - end <= after) or (c.start < end and c.end > start)]




def nearest(cues: list[Cue], start: int, end: int) -> Cue | None:
    """The cue closest to [start, end); cues before the figure count 1.5 times their distance."""
    def distance(cue: Cue) -> float:
        if cue.start >= end:
            return cue.start - end
        if cue.end <= start:
            return (start - cue.end) * 1.5
        return 0.0
    return min(cues, key=distance) if cues else None


def fact_year(index: int, start: int, end: int, ctx: Context) -> tuple[int | None, bool]:
    """The year of a figure: nearest year phrase in its sentence, else the last one before, else the anchor's;
    and whether a year phrase close by names it."""
    year, explicit, _ = dated_by(index, start, end, ctx)
    return year, explicit


def dated_by(index: int, start: int, end: int, ctx: Context) -> tuple[int | None, bool, YearMention | None]:
    """fact_year, with the year phrase of the figure's sentence that dates it (None when none does)."""
    sentence = ctx.sentences[index]
    page = ctx.index()
    lo, hi = sentence.start + start, sentence.start + end
    running = running_total_start(sentence, lo, hi, ctx)
    if running is not None:
        return running.year, True, running
    inside = [y for y in sentence_years(sentence, ctx)
              if not is_boundary_year(ctx.text, sentence.start, y.start)
              and not CHANGE_BASE.search(ctx.text, max(sentence.start, y.start - 30), y.start)
              and not (y.start >= hi and (CLAUSE_BREAK.search(ctx.text, hi, y.start)
                                          or COMPARED_WITH.search(ctx.text, hi, y.start)))]
    # "X said in 2023 it would invest $5 billion; Y announced a $1 billion centre in 2024": past a semicolon,
    # an earlier item's year yields to one of the figure's own clause
    own_clause = [y for y in inside if not (y.end <= lo and ";" in ctx.text[y.end:lo])]
    if not own_clause and inside and other_item_subject(index, start, ctx):
        inside = []  # "... its 2025 spending came in above 2024; Alibaba points to its three-year plan of ...":
    inside = own_clause or inside  # the earlier item's year is not written beside this figure
    # "12 billion yuan for 2026, up from the 9 billion yuan it spent in 2025": a year before the comparison
    # dates the first figure; the base figure after it has its own year
    across = [y for y in inside if y.end <= lo and COMPARED_WITH.search(ctx.text, y.end, lo)]
    inside = [y for y in inside if y not in across] or inside
    # "a $500bn commitment over four years, first announced in January 2025": a span with no start of its own
    # yields to a year the sentence names
    inside = [y for y in inside if not y.guessed] or inside
    if inside:
        best = min(inside, key=lambda y: y.start - hi if y.start >= hi else (lo - y.end) * 1.2)
        close_by = lo - best.end <= YEAR_BEFORE if best.end <= lo else best.start - hi <= YEAR_AFTER
        return best.year, close_by and not best.guessed, best
    following = ctx.sentences[index + 1] if index + 1 < len(ctx.sentences) else None
    if following is not None and following.paragraph == sentence.paragraph and ORDER_REF.search(following.text):
        dated = [y for y in sentence_years(following, ctx) if y.explicit]
        if dated:
            return dated[0].year, True, None  # "... bought 10,000 chips. Analysts date the purchase to 2021."
    if ctx.anchor is not None and NOW.search(sentence.text, 0, start):
        return ctx.anchor.year, False, None  # "The operator has now launched a project worth ...": the writer's now,
        # not the year of an earlier sentence ("..., after a 19% increase in 2024.")
    before = page.years_from(sentence.start) - 1
    latest = page.last_dating_year[before] if before >= 0 else -1
    if latest >= 0 and page.year_paragraphs[latest] >= sentence.paragraph - (0 if ctx.anchor else 1):
        return ctx.years[latest].year, False, None
    return (ctx.anchor.year if ctx.anchor else None), False, None


def running_total_start(sentence: Sentence, lo: int, hi: int, ctx: Context) -> YearMention | None:
    """"Baidu has put more than 100 billion yuan into AI since March 2023": a running total in the perfect tense,
    dated (as a multi-year plan is) by the year it starts; "the highest since 2021" is no such total."""
    if not PERFECT.search(ctx.text, sentence.start, lo):
        return None
    for year in sentence_years(sentence, ctx):
        if hi <= year.start <= hi + YEAR_AFTER and year.year is not None and not CLAUSE_BREAK.search(ctx.text, hi, year.start):
            if SINCE.search(ctx.text, hi, year.start):
                return year
    return None


def other_item_subject(index: int, start: int, ctx: Context) -> bool:
    """A company is named between the last semicolon before the figure and the figure: the figure's clause is
    an item of its own, about its own subject."""
    text = ctx.sentences[index].text
    cut = text.rfind(";", 0, start)
    return cut >= 0 and any(cut < m.start and m.end <= start for m in ctx.index().companies[index])


def sentence_years(sentence: Sentence, ctx: Context) -> list[YearMention]:
    """The article's year phrases that lie inside `sentence`."""
    found = []
    for position in range(ctx.index().years_from(sentence.start), len(ctx.years)):
        year = ctx.years[position]
        if year.start >= sentence.end:
            break
        if year.end <= sentence.end:
            found.append(year)
    return found


def spent_year(sentence: Sentence, start: int, end: int, year: int | None, explicit: bool,
               phrase: YearMention | None, ctx: Context, lexicon: SpendLexicon) -> int | None:
    """The year of a figure whose own verb says it was spent, where the year model's guess cannot hold:
    a year borrowed from an earlier sentence that lies after the publication year ("Analysts expect ... in
    2026. Baidu's CTO said it spent 5 billion yuan") is someone else's, so the publication year; a quarter
    named without a year that is still running at publication ("spent 27.5 billion yuan in the March
    quarter", published in January) has no figures yet, so it is last year's."""
    if year is None or ctx.anchor is None:
        return year
    borrowed_future = not explicit and year > ctx.anchor.year
    running = phrase is not None and explicit and not phrase.explicit and year == ctx.anchor.year and \
        is_running_quarter(ctx.text[phrase.start:phrase.end], ctx.anchor)
    if not (borrowed_future or running):
        return year
    tense = nearest([c for c in lexicon.cues.find(sentence.text, "status") if c.value != "estimate"], start, end)
    if tense is None or tense.value != "actual":
        return year
    return ctx.anchor.year if borrowed_future else year - 1


def fact_status(sentence: Sentence, start: int, end: int, year: int | None, ctx: Context,
                lexicon: SpendLexicon, scope: str) -> str:
    """planned, actual or estimate. A future year or a nearest planning cue makes it planned; else an
    estimate cue or a research firm in the sentence makes it an estimate (of past spend); else the
    nearest tense cue decides, and without one, it is actual."""
    text = sentence.text
    cues = lexicon.cues.find(text, "status")
    if year is not None and ctx.anchor is not None and year > ctx.anchor.year:
        return "planned"
    tense = nearest([c for c in cues if c.value != "estimate"], start, end)
    if tense is not None and tense.value == "planned":
        return "planned"
    if any(c.value == "estimate" for c in cues) or research_source(text, lexicon):
        return "estimate"
    if tense is not None:
        return tense.value
    if scope != text and lexicon.cues.find(scope, "status"):
        return lexicon.cues.find(scope, "status")[0].value
    return "actual"


def research_source(text: str, lexicon: SpendLexicon) -> bool:
    """True when a research firm (Omdia, SemiAnalysis ...) is named in `text`."""
    return any(lexicon.source_kinds.get(name) == "research" for _, name in lexicon.find_sources(text))


def fact_type(text: str, start: int, end: int, lexicon: SpendLexicon, scope: str) -> str:
    """chip_purchase, ai_capex, data_center or cloud_rental: the nearest type cue, else by chip talk."""
    cue = nearest(lexicon.cues.find(text, "spend_type"), start, end)
    if cue is None and scope != text:
        cue = nearest(lexicon.cues.find(scope, "spend_type"), 0, 0)
    if cue is not None:
        return cue.value
    return "chip_purchase" if lexicon.chips.find(text) else "ai_capex"


def fact_chip(text: str, start: int, end: int, lexicon: SpendLexicon,
              main_vendor: str | None = None) -> tuple[str | None, str | None, str | None]:
    """(vendor, chip_model, chip origin) nearest the figure; a family name gives a vendor but no model;
    a description ("the American chip designer") near the figure stands for the article's main vendor."""
    chip = nearest_mention(within(lexicon.chips.find(text), start, end, CHIP_REACH), start, end)
    vendor_mention = nearest_mention(within([m for m in lexicon.companies.find(text)
                                             if lexicon.companies.role(m.name) == "vendor"
                                             and not ALTERNATIVE_BEFORE.search(text, max(0, m.start - 30), m.start)],
                                            start, end, VENDOR_REACH),
                                     start, end)
    model = chip.name if chip is not None and chip.kind == "chip" else None
    vendor = lexicon.chips.vendor_of(chip.name) if chip is not None else None
    if vendor is None and vendor_mention is not None:
        vendor = vendor_mention.name
    if vendor is None and main_vendor is not None and any(
            abs(m.start() - start) <= VENDOR_REACH for m in VENDOR_DESCRIPTION.finditer(text)):
        vendor = main_vendor
    origin = lexicon.chips.origin_of(chip.name) if chip is not None else None
    return vendor, model, origin


def within(mentions: list[EntityMention], start: int, end: int, reach: int) -> list[EntityMention]:
    """Mentions no further than `reach` characters from [start, end)."""
    return [m for m in mentions if m.end > start - reach and m.start < end + reach]


def nearest_mention(mentions: list[EntityMention], start: int, end: int) -> EntityMention | None:
    if not mentions:
        return None
    return min(mentions, key=lambda m: 0 if m.start < end and m.end > start else
               (m.start - end if m.start >= end else (start - m.end) * 1.5))


def fact_region(text: str, start: int, end: int, origin: str | None, vendor: str | None,
                lexicon: SpendLexicon, buyer: str | None = None) -> str | None:
    """domestic or overseas from a nearby cue (a foreign place after the figure counts for a Chinese buyer), else
    domestic when the chip or its vendor is Chinese."""
    cues = lexicon.cues.find(text, "region")
    if buyer is not None and lexicon.companies.country(buyer) == "CN":
        cues += [Cue(c.start, c.end, "region", "overseas") for c in lexicon.cues.find(text, "foreign_place")
                 if c.start >= end]  # where the money goes follows it: "spend $3bn on data centres in Malaysia"
    cue = nearest(near(cues, start, end, 90, 90), start, end)
    if cue is not None:
        return cue.value
    if origin == "domestic" or (vendor and lexicon.companies.country(vendor) == "CN"):
        return "domestic"
    return None


def attribution(index: int, ctx: Context, lexicon: SpendLexicon) -> str | None:
    """The outlet or research firm the sentence (else its paragraph) credits."""
    page = ctx.index()
    named = page.sources[index]
    return named[0] if named else page.source_before[index]


def cue_scope(index: int, ctx: Context) -> str:
    """Text whose cues count for the sentence: itself, plus the heading above a bare list item."""
    sentence = ctx.sentences[index]
    heading = list_heading(index, ctx)
    return sentence.text if heading is None else heading.text + " : " + sentence.text


def list_heading(index: int, ctx: Context) -> Sentence | None:
    """For a short list item ("Q1 2025: RMB27.5bn"), the heading line it sits under, if any."""
    sentence = ctx.sentences[index]
    page = ctx.index()
    line_start = page.line_start(sentence.start)
    is_item = bool(BULLET_PREFIX.fullmatch(ctx.text, line_start, sentence.start)) or (
        len(sentence.text) <= 80 and not sentence.text.endswith((".", "!", "?")))
    if not is_item:
        return None
    for back in range(index - 1, max(index - 8, -1), -1):
        candidate = ctx.sentences[back]
        if not candidate.text.endswith((".", "!", "?")) and candidate.paragraph < sentence.paragraph:
            line = ctx.text[page.line_start(candidate.start):candidate.start]
            if not line.strip():
                return candidate
    return None


def sibling_item_spend(index: int, ctx: Context, earlier: list[Draft]) -> bool:
    """Sentence `index` opens a bullet item, and the opening sentence of the item just before it gave a
    spend figure in prose: parallel items of one list speak of one kind of money."""
    sentence = ctx.sentences[index]
    if index == 0 or not is_bullet_start(sentence, ctx):
        return False
    first = index - 1
    while first > 0 and ctx.sentences[first - 1].paragraph == ctx.sentences[index - 1].paragraph:
        first -= 1
    opening = ctx.sentences[first]
    if opening.paragraph != sentence.paragraph - 1 or not is_bullet_start(opening, ctx):
        return False
    for draft in reversed(earlier):
        if draft.sentence.start < opening.start:
            break
        if draft.sentence == opening and draft.amount is not None and draft.origin in ("prose", "list"):
            return True
    return False


def is_bullet_start(sentence: Sentence, ctx: Context) -> bool:
    """The sentence opens a bulleted line ("- ", "• ", "1) ")."""
    line_start = ctx.index().line_start(sentence.start)
    return line_start < sentence.start and bool(BULLET_PREFIX.fullmatch(ctx.text, line_start, sentence.start))


def previous_sentence_money(earlier: list[Draft], previous: Sentence | None) -> list[Draft]:
    """The money facts of sentence `previous`, read from the end of `earlier` (facts come in sentence order)."""
    lead = []
    for draft in reversed(earlier):
        if previous is None or draft.sentence.start < previous.start:
            break
        if draft.sentence == previous and draft.amount is not None:
            lead.insert(0, draft)
    return lead
