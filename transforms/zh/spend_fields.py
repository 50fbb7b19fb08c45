"""Per-fact fields of a Chinese spend figure: year, status, spend type, chip and vendor, region, attribution,
confidence; and the values every sentence of an article shares (ZhContext) and a fact before its id (ZhDraft).

Each function reads one sentence (and, for the year, the article around it) for a figure at [start, end)
of the folded text; offsets are absolute. The nearest cue of the right kind wins, clause breaks counting
before distance where Chinese runs several clauses into one sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from transforms.entities import EntityMention
from transforms.sentences import Sentence
from transforms.spend_fields import Draft
from transforms.spend_lexicon import Cue
from transforms.zh.years import ZhYear
from transforms.zh.lexicon import ZhLexicon

CLAUSE_BREAK = re.compile(r"[，,；;。！？!?：:]")
YEAR_BEFORE, YEAR_AFTER = 30, 40


@dataclass(frozen=True)
class ZhContext:
    """What the whole article offers every sentence (text is the folded copy; offsets are the original's)."""

    folded: str
    anchor: date | None
    sentences: tuple[Sentence, ...]
    years: tuple[ZhYear, ...]
    subject: str | None
    bare_yuan: str
    buyers: tuple[EntityMention, ...]


@dataclass(frozen=True)
class ZhDraft:
    """A Draft (the language-free fact before ids) and how sure the reading of it is."""

    draft: Draft
    confidence: float
    year_own: bool      # the year was written in the figure's own sentence
    multi_year: bool = False
    value_of_count: bool = False  # the value of a chip count told just before it (价值约……)


def near(cues: list[Cue], start: int, end: int, before: int, after: int) -> list[Cue]:
    """Cues ending within `before` characters before [start, end) or starting within `after` after it."""
    return [c for c in cues if (c.end <= start and start - c.end <= before) or (c.start >= end and c.start - end <= after)
            or (c.start < end and c.end > start)]


def nearest(cues: list[Cue], start: int, end: int) -> Cue | None:
    def distance(c: Cue) -> int:
        return c.start - end if c.start >= end else (start - c.end if c.end <= start else 0)
    return min(cues, key=distance) if cues else None


def paragraph_of(ctx: ZhContext, offset: int) -> int:
    for sentence in ctx.sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.paragraph
    return -1


def fact_year(index: int, start: int, end: int, ctx: ZhContext, lexicon: ZhLexicon) -> tuple[int | None, bool, bool]:
    """(year, written in the sentence, from a multi-year plan) for a figure at [start, end) (absolute)."""
    sentence = ctx.sentences[index]
    comparisons = lexicon.cues.find(ctx.folded, "comparison", sentence.start, sentence.end)
    inside = [y for y in ctx.years if sentence.start <= y.start and y.end <= sentence.end
              and not (y.start >= end and any(0 <= y.start - c.end <= 1 for c in comparisons))]
    calendar = [y for y in inside if not y.fiscal]
    inside = calendar or inside
    if inside:
        def rank(y: ZhYear) -> tuple[int, float]:  # clause breaks crossed first, then the distance
            lo, hi = (end, y.start) if y.start >= end else (y.end, start)
            return len(CLAUSE_BREAK.findall(ctx.folded, lo, hi)), (hi - lo) * (1.0 if y.start >= end else 1.2)
        best = min(inside, key=rank)
        close = (start - best.end <= YEAR_BEFORE) if best.end <= start else (best.start - end <= YEAR_AFTER)
        if close or len(inside) == 1:
            return best.year, True, best.plan
    following = ctx.sentences[index + 1] if index + 1 < len(ctx.sentences) else None
    if following is not None and following.paragraph == sentence.paragraph and \
            lexicon.cues.find(ctx.folded, "follow_up", following.start, following.end):
        dated = [y for y in ctx.years if following.start <= y.start < following.end]
        if dated:  # "……购置AI服务器。相关采购将于明年上半年陆续执行。"
            return dated[0].year, True, dated[0].plan
    # the last year before the figure in its paragraph, one of its own sentence too far to be the figure's own
    earlier = [y for y in ctx.years if y.end <= start and paragraph_of(ctx, y.start) == sentence.paragraph]
    if earlier:
        return earlier[-1].year, False, False
    return (ctx.anchor.year if ctx.anchor else None), False, False


def fact_status(index: int, start: int, end: int, year: int | None, multi: bool, ctx: ZhContext,
                lexicon: ZhLexicon) -> str:
    """planned, actual or estimate (see the module docstring); a figure of a past year is no plan."""
    sentence = ctx.sentences[index]
    if (year is not None and ctx.anchor is not None and year > ctx.anchor.year) or multi:
        return "planned"
    cues = [c for c in lexicon.cues.find(ctx.folded, "status", sentence.start, sentence.end)
            if not CLAUSE_BREAK.search(ctx.folded, min(c.end, start), max(c.start, end))
            or (c.end <= start and start - c.end <= 25)]
    past = year is not None and ctx.anchor is not None and year < ctx.anchor.year
    tense = nearest([c for c in cues if c.value != "estimate" and not (past and c.value == "planned")], start, end)
    if tense is not None and tense.value == "planned":
        return "planned"
    if any(c.value == "estimate" for c in cues):
        return "estimate"
    return tense.value if tense is not None else "actual"


def fact_type(index: int, start: int, end: int, ctx: ZhContext, lexicon: ZhLexicon) -> str:
    sentence = ctx.sentences[index]
    cue = nearest(lexicon.cues.find(ctx.folded, "spend_type", sentence.start, sentence.end), start, end)
    if cue is not None:
        return cue.value
    return "chip_purchase" if lexicon.chips(ctx.folded[sentence.start:sentence.end]) else "ai_capex"


def fact_chip(index: int, start: int, end: int, ctx: ZhContext, lexicon: ZhLexicon,
              buyer: str | None = None) -> tuple[str | None, str | None, str | None]:
    """(vendor, chip model, chip origin) nearest the figure; the buyer itself is never its own vendor."""
    sentence = ctx.sentences[index]
    text = ctx.folded[sentence.start:sentence.end]
    rel_start, rel_end = start - sentence.start, end - sentence.start
    chips = [m for m in lexicon.chips(text) if m.end > rel_start - 20 and m.start < rel_end + 20]
    chip = min(chips, key=lambda m: abs(m.start - rel_end) if m.start >= rel_end else abs(rel_start - m.end), default=None)
    vendors = [m for m in lexicon.companies(text) if lexicon.role(m.name) in ("vendor", "both") and m.name != buyer
               and m.end > rel_start - 40 and m.start < rel_end + 40]
    model = chip.name if chip is not None and chip.kind == "chip" else None
    vendor = lexicon.chip_vendors.get(chip.name) if chip is not None else None
    if not vendor and vendors:
        vendor = min(vendors, key=lambda m: abs(m.start - rel_end) if m.start >= rel_end else abs(rel_start - m.end)).name
    origin = lexicon.chip_origins.get(chip.name) if chip is not None else None
    return vendor or None, model, origin or None


def fact_region(index: int, start: int, end: int, origin: str | None, vendor: str | None, ctx: ZhContext,
                lexicon: ZhLexicon) -> str | None:
    sentence = ctx.sentences[index]
    cues = [c for c in lexicon.cues.find(ctx.folded, "region", sentence.start, sentence.end)
            if abs(c.start - start) <= 30 or abs(c.end - end) <= 30]
    cue = nearest(cues, start, end)
    if cue is not None:
        return cue.value
    if origin == "domestic" or (vendor and lexicon.country(vendor) == "CN"):
        return "domestic"
    return None


def attribution(index: int, ctx: ZhContext, lexicon: ZhLexicon) -> str | None:
    """The outlet or research firm the sentence (else its paragraph) credits."""
    for back in range(index, -1, -1):
        sentence = ctx.sentences[back]
        if sentence.paragraph != ctx.sentences[index].paragraph:
            break
        sources = [n.name for _, _, n in lexicon.names.find(ctx.folded[sentence.start:sentence.end]) if n.kind == "source"]
        if sources:
            return sources[0] if back == index else sources[-1]
    return None


def confidence(named: bool, year_own: bool, trigger_gap: int | None, qualifier: str | None) -> float:
    """How sure the reading is: a buyer named in the sentence, a year written there and a trigger right
    beside the figure raise it; a hedged or ranged number and a buyer taken from context lower it."""
    score = 0.45 + (0.2 if named else -0.1) + (0.1 if year_own else 0.0)
    if trigger_gap is not None:
        score += 0.15 if trigger_gap <= 6 else 0.05
    if qualifier in ("range", "more than", "at least", "up to"):
        score -= 0.05
    return round(min(0.95, max(0.05, score)), 2)


def trigger_gap(triggers: list[Cue], start: int, end: int) -> int | None:
    gaps = [start - c.end if c.end <= start else (c.start - end if c.start >= end else 0) for c in triggers]
    return min(gaps) if gaps else None
