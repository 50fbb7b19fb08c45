"""The dates a policy sentence takes from outside itself, when its own clause gives none.

`ArticleDates` finds an article's date phrases once (after its dateline) with `transforms.dates` and reads the
dates around a sentence: the date a paragraph opens with as its label ("- 9 April 2025. The administration tells
..."), the date of the heading it stands under (a live blog's entry, a timeline's date line, an explainer's
question), and the date of a short lead-in sentence just before it ("China hit back on 4 October. The Ministry of
Commerce barred ..."). `row_label` reads the first cell of a timeline table's row; `part_date` gives a part of a set
of rules told after the set ("The second rule puts 140 firms on the Entity List") the set's day.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from typing import TYPE_CHECKING

from transforms.datelines import DATELINE
from transforms.dates import DateMention, find_dates
from transforms.policy_lexicon import TriggerMatch
from transforms.sentences import Sentence

if TYPE_CHECKING:
    from transforms.policy_fold import Candidate

# What follows a date that labels a paragraph ("July 2025: ...", "9 April 2025 — ...").
LABEL_END = re.compile(r"^\s*(?:[.:—–]|-\s)")
# Headings: short lines that do not end like prose (a question is a heading in an explainer).
HEADING_WORDS = 14
HEADING_REACH = 4
PROSE_LINE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
# What may follow the date on a date line: a time ("Sun 9 Nov, 17:45", "Wed 17:50"), a zone, punctuation.
DATE_LINE_REST = re.compile(r"[\s,.:—–-]*(?:\d{1,2}[:.]\d\d(?:\s*(?:[ap]\.?m\.?|[A-Z]{2,4}))?)?[\s,.:—–-]*", re.I)


def dateline_end(text: str) -> int:
    """Offset where a dateline ("SINGAPORE, 2 January 2025 —") ends, or 0."""
    pos = 0
    for line in text.split("\n")[:6]:
        stripped = line.lstrip()
        match = DATELINE.match(stripped)
        if match:
            return pos + (len(line) - len(stripped)) + match.end()
        pos += len(line) + 1
    return 0


# A short sentence that tells when a state answered, the act told in the next one: "China hit back on 4 October.",
# "Tokyo responded within a week.", "Seoul moved on Friday."
LEAD_IN = re.compile(r"\b(?:hit|struck|fought|pushed)\s+back\b|\b(?:retaliated|responded|reacted|answered|countered|"
                     r"moved|acted|followed\s+suit)\b"
                     r"|\b(?:reply|response|answer|retaliation|riposte|counter-?move|countermeasures?)\s+(?:came|arrived|followed|"
                     r"landed|was\s+swift)\b", re.I)  # round 8: "Beijing's reply came the next day."
LEAD_IN_WORDS = 10


class ArticleDates:
    """The article's date mentions after its dateline, found on first use: a trigger without an actor
    needs none, and finding them reads the whole text."""

    def __init__(self, text: str, anchor: date | None) -> None:
        self.text = text
        self.anchor = anchor
        self.found: list[DateMention] | None = None
        self.starts: list[int] = []
        self.firsts: dict[int, Sentence] = {}  # paragraph -> its first sentence

    def within(self, sentence: Sentence) -> list[DateMention]:
        """The mentions that lie inside the sentence."""
        if self.found is None:
            skip_to = dateline_end(self.text)
            self.found = [d for d in find_dates(self.text, self.anchor) if d.start >= skip_to]
            self.starts = [d.start for d in self.found]
        first = bisect_left(self.starts, sentence.start)  # mentions come in text order
        last = bisect_left(self.starts, sentence.end, first)
        return [d for d in self.found[first:last] if d.end <= sentence.end]

    def label(self, sentence: Sentence, sentences: list[Sentence]) -> DateMention | None:
        """The date a paragraph opens with as its label ("- 9 April 2025. The administration tells ...",
        "July 2025: ..."), which dates each of its sentences that gives no date of its own; else the date of
        the heading the paragraph stands under: a live blog's entry ("Sun 9 Nov, 17:45", "Wed 17:50"), a
        timeline's date line, or an explainer's question ("What did the Commerce Department do on January 13?")."""
        if sentence.paragraph not in self.firsts:
            self.firsts = {s.paragraph: s for s in reversed(sentences)}
        first = self.firsts.get(sentence.paragraph)
        found = self.within(first) if first is not None else []
        if found and found[0].start - first.start <= 2 and not found[0].relative:
            rest = self.text[found[0].end:first.end]
            if not rest.strip(" .") or LABEL_END.match(rest):
                return found[0]
        return self._heading_date(sentence.paragraph)

    def lead_in(self, sentence: Sentence, sentences: list[Sentence], index: int) -> DateMention | None:
        """The date of a short sentence just before, in the same paragraph, that tells when a state answered without
        telling the act ("China hit back on 4 October. The Ministry of Commerce barred ..."): it dates the act."""
        if index <= 0 or sentences[index - 1].paragraph != sentence.paragraph:
            return None
        before = sentences[index - 1]
        if len(before.text.split()) > LEAD_IN_WORDS or not LEAD_IN.search(before.text):
            return None
        found = self.within(before)
        return found[0] if len(found) == 1 else None

    def _heading_date(self, paragraph: int) -> DateMention | None:
        """The date of the nearest heading above the paragraph (HEADING_REACH paragraphs up at most), when that
        heading is a date line or a question naming one day; None when the nearest heading names no date."""
        for above in range(paragraph - 1, max(paragraph - 1 - HEADING_REACH, -1), -1):
            line = self.firsts.get(above)
            if line is None or self.firsts.get(above + 1) is None:
                continue
            text = line.text
            if len(text.split()) > HEADING_WORDS or (PROSE_LINE_END.search(text) and not text.endswith("?")):
                continue  # prose: keep looking for the heading above it
            found = self.within(line)
            if text.endswith("?"):
                days = [d for d in found if d.precision == "day"]
                return days[0] if len(days) == 1 else None
            if found and found[0].start - line.start <= 2 and DATE_LINE_REST.fullmatch(self.text, found[0].end, line.end):
                return found[0]
            return None
        return None


# A table row: "| Nov 9, 2025 | US-specific ban suspended until November 27, 2026 | MOFCOM |".
TABLE_FIRST_CELL = re.compile(r"^\s*\|\s*[^|]{3,40}?\s*\|")


def row_label(dates: list[DateMention], trigger: TriggerMatch, sentence: Sentence) -> DateMention | None:
    """The date a table row's first cell holds, for a trigger in a later cell (a timeline table): the row's date,
    whatever other dates its description names."""
    cell = TABLE_FIRST_CELL.match(sentence.text)
    if cell is None or trigger.start < cell.end():
        return None
    inside = [d for d in dates if d.start - sentence.start < cell.end() and not d.relative]
    return inside[0] if len(inside) == 1 else None


PART_REACH = 2  # paragraphs back that the set a part belongs to may have been told
# A sentence that opens on one part of a set of measures just told ("two rules ... The second rule puts 140 firms on the
# Entity List", "The other notice adds ..."): its actor and its day are the set's.
ORDINAL_PART = re.compile(r"^(?:The|Its|Their|A)\s+(?:first|second|third|fourth|other|latter|former|remaining|last|"
                          r"accompanying|companion)\s+(?:[\w-]+\s+)?(?:rule|rules|regulation|regulations|notice|notices|"
                          r"order|orders|measure|measures|announcement|announcements|document|part|set|package)\b", re.I)


def part_date(country: str, found: list["Candidate"], paragraph: int) -> DateMention | None:
    """The day of the set a part belongs to: the last dated action of the same state, in this paragraph or the
    PART_REACH before it."""
    for cand in reversed(found):
        if paragraph - cand.sentence.paragraph > PART_REACH:
            return None
        if cand.country == country and cand.date is not None:
            return cand.date
    return None
