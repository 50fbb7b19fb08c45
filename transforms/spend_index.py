"""Per-page lookups for the spend extractor, built once so that no figure rescans the page.

A figure asks questions about what came before it: the last buyer named earlier in its paragraph,
the outlet its paragraph credits, the last year phrase before its sentence, the line it sits on, the
header row of its table. Asked by scanning back from every figure, each costs the length of the page
and the whole extraction grows with the square of the figures (issue 17: 4,000 money sentences took
25 s). `build_page_index` answers all of them in one pass over the sentences and year phrases; each
figure then reads the answer by index or by a binary search.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from transforms.entities import EntityMention
from transforms.sentences import Sentence
from transforms.spend_clauses import sentence_subject
from transforms.spend_lexicon import SpendLexicon
from transforms.spend_years import YearMention, is_boundary_year

# "from the previous year", "than in 2023", "up from roughly US$3.4 billion in 2023": a comparison base,
# which does not date what follows
# "roughly twice what it spent at home in 2024": a multiple's base is one too
BASELINE_YEAR = re.compile(r"\b(?:from|than|compared with|compared to|versus|over)\s+(?:in\s+)?$"
                           r"|\b(?:from|than|compared with|compared to|versus)\s+(?:[^,;.\n]|\.\d){1,40}?\bin\s+$"
                           r"|\b(?:twice|double|triple|treble|times)\s+(?:what|the|its|their)\b(?:[^,;.\n]|\.\d){1,50}?"
                           r"\bin\s+$"
                           # "up from about 25 billion yuan spent on AI servers last year": a base figure's own year
                           r"|\b(?:up\s+from|down\s+from|compared\s+(?:with|to))\s+[^,;\n]{0,30}?\d[^,;\n]{0,70}?\s$", re.I)
BASELINE_LOOKBACK = 110                      # characters before a year phrase that may make it a base
QUALIFIED_REACH = 12                          # "its 2024 revenue": a year this close before a non-spend noun dates it only
TABLE_RULE = re.compile(r"[\s|:\-]+")         # a table's "|---|---|" separator line
SECTION_HEADING_CHARS = 80                     # a section heading is a short line of its own ("China Unicom: a sharper tilt")
HEADING_LEAD = re.compile(r"\s*(?:[-*•·▪●◦–—]|\d{1,2}[.)])\s")   # a list item's marker: an item, not a heading


def section_heading(sentences: tuple[Sentence, ...], index: int) -> bool:
    """The sentence is a line of its own that heads a section: short, no closing stop, no table cell, no list
    marker, no figure, and the line after it is a paragraph of its own."""
    sentence = sentences[index]
    alone = (index == 0 or sentences[index - 1].paragraph != sentence.paragraph) and (
        index + 1 >= len(sentences) or sentences[index + 1].paragraph != sentence.paragraph)
    return (alone and index + 1 < len(sentences) and len(sentence.text) <= SECTION_HEADING_CHARS
            and not sentence.text.rstrip().endswith((".", "!", "?", ":", ";", ",")) and "|" not in sentence.text
            and not HEADING_LEAD.match(sentence.text) and not re.search(r"\d", sentence.text))


def title_row(text: str) -> bool:
    """A table row with one filled cell of words, spanning the table: its title, not its header."""
    filled = [c for c in text.strip().strip("|").split("|") if c.strip()]
    return len(filled) == 1 and text.count("|") >= 3 and bool(re.search(r"[A-Za-z]{3}", filled[0]))


@dataclass(frozen=True)
class PageIndex:
    """Answers per sentence (indexed like the page's sentences) and per year phrase (like `years`)."""

    newlines: tuple[int, ...]                 # offsets of "\n" in the text
    sentence_starts: tuple[int, ...]
    companies: tuple[tuple[EntityMention, ...], ...]      # per sentence: company mentions (sentence offsets)
    buyer_before: tuple[str | None, ...]      # per sentence: the buyer the nearest earlier sentence of its paragraph is about
    section_buyer: tuple[str | None, ...]     # per sentence: the one buyer named by the section heading above it
    sources: tuple[tuple[str, ...], ...]      # per sentence: attribution sources it names, in order
    source_before: tuple[str | None, ...]     # per sentence: last source of the nearest earlier sentence of its paragraph
    table_header: tuple[int | None, ...]      # per sentence: index of its table's header row (None off tables)
    year_starts: tuple[int, ...]
    year_paragraphs: tuple[int, ...]          # per year phrase: paragraph of the sentence holding it (-1: none)
    last_dating_year: tuple[int, ...]         # per year phrase: index of the latest one up to it that may date
                                              # later sentences (in a sentence, not a comparison base, not a
                                              # boundary "until last year", not "its 2024 revenue"), or -1

    def line_start(self, offset: int) -> int:
        """Offset of the first character of the line holding `offset`."""
        at = bisect_left(self.newlines, offset)
        return self.newlines[at - 1] + 1 if at else 0

    def sentence_at(self, offset: int) -> int:
        """Index of the last sentence starting at or before `offset` (-1 when none does)."""
        return bisect_right(self.sentence_starts, offset) - 1

    def years_from(self, offset: int) -> int:
        """Index of the first year phrase starting at or after `offset`."""
        return bisect_left(self.year_starts, offset)


def build_page_index(text: str, sentences: tuple[Sentence, ...], years: tuple[YearMention, ...],
                     lexicon: SpendLexicon) -> PageIndex:
    """Every per-page lookup of `PageIndex`, in one pass over the sentences and one over the years."""
    companies, sources = [], []
    buyer_before: list[str | None] = []
    section_buyer: list[str | None] = []
    section: str | None = None
    source_before: list[str | None] = []
    table_header: list[int | None] = []
    last_buyer = last_source = None
    header: int | None = None
    rules = 0                                 # rule lines since the header row
    for index, sentence in enumerate(sentences):
        if index and sentences[index - 1].paragraph != sentence.paragraph:
            last_buyer = last_source = None
        buyer_before.append(last_buyer)
        source_before.append(last_source)
        found = tuple(lexicon.companies.find(sentence.text))
        buyers = [m for m in found if lexicon.companies.role(m.name) != "vendor"]
        named = [m.name for m in buyers]
        if index and section_heading(sentences, index):
            # "China Unicom: smaller budget, sharper tilt": the section's "it" and "the operator" are China Unicom
            section = named[0] if len(set(named)) == 1 and len(found) == len(named) else None
        section_buyer.append(section)
        credited = tuple(name for _, name in lexicon.find_sources(sentence.text))
        companies.append(found)
        sources.append(credited)
        last_buyer = sentence_subject(sentence.text, buyers) or last_buyer  # "Kuaishou's rival Meituan said": Meituan
        last_source = credited[-1] if credited else last_source
        if sentence.text.count("|") < 2:
            header = None
        elif title_row(sentence.text) and not TABLE_RULE.fullmatch(sentence.text):
            header = index  # a title row opens a new table, even right under another one
        elif (header is None or title_row(sentences[header].text) and header == index - 1 - rules) and not TABLE_RULE.fullmatch(sentence.text):
            header = index  # the first row of a run of table rows that is not a rule line, or the row under
            # a title row ("| Table 1: Quarterly capex (RMB bn) |  |  |"), which is the table's caption
        rules = rules + 1 if TABLE_RULE.fullmatch(sentence.text) and header is not None else 0
        table_header.append(None if header == index and title_row(sentence.text) else header)
    starts = tuple(s.start for s in sentences)
    year_paragraphs = []
    for year in years:
        at = bisect_right(starts, year.start) - 1
        inside = at >= 0 and sentences[at].start <= year.start < sentences[at].end
        year_paragraphs.append(sentences[at].paragraph if inside else -1)
    last_dating, latest = [], -1
    for position, year in enumerate(years):
        at = bisect_right(starts, year.start) - 1
        if year_paragraphs[position] >= 0 and year.year is not None and not BASELINE_YEAR.search(
                text, max(0, year.start - BASELINE_LOOKBACK), year.start) and not is_boundary_year(
                text, sentences[at].start, year.start) and not any(
                c.start - year.end <= QUALIFIED_REACH for c in lexicon.cues.find(text, "not_spend", year.end,
                                                                                year.end + QUALIFIED_REACH)):
            latest = position
        last_dating.append(latest)
    return PageIndex(
        newlines=tuple(m.start() for m in re.finditer("\n", text)), sentence_starts=starts,
        companies=tuple(companies), buyer_before=tuple(buyer_before), section_buyer=tuple(section_buyer), sources=tuple(sources),
        source_before=tuple(source_before), table_header=tuple(table_header),
        year_starts=tuple(y.start for y in years), year_paragraphs=tuple(year_paragraphs),
        last_dating_year=tuple(last_dating),
    )
