"""When a policy action was taken: the date of a trigger's own clause, at the precision the text supports.

`ArticleDates` finds an article's date phrases once (after its dateline) with `transforms.dates`;
`choose_date` picks the one that dates a trigger: the date of its own clause, else the sentence's
opening date, else the nearest, never a deadline ("by 2027"), a year or month that qualifies another noun
("its 2020 purchase"), or a date it takes effect when another one is given. A finer date in apposition
wins ("In early December, on December 8"); a date that labels a list item dates its sentences
("- 9 April 2025. The administration tells ..."); a report of an earlier action bounds it to the
report's month ("On Wednesday the paper reported that the agency had told ...").
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from datetime import date

from transforms.dates import DATELINE, DateMention, find_dates
from transforms.policy_lexicon import TriggerMatch
from transforms.sentences import Sentence

# A date that says when an action takes effect, not when it was taken.
CUE_LOOKBACK = 80  # characters before a date that EFFECTIVE_BEFORE reads (not the whole text: that is quadratic)
EFFECTIVE_BEFORE = re.compile(r"\b(?:from|starting|beginning|effective|as of|with effect from)\s+(?:on\s+)?$", re.I)
# A clause that names a measure as the backdrop of something else ("even as US export controls limit ...").
BACKGROUND_LEAD = re.compile(r"\b(?:even as|amid|amidst|despite|because of|due to|in the face of|given)\s+"
                             r"(?:[\w'’-]+\s+){0,4}$", re.I)
# A deadline rather than the date of the action.
DEADLINE_BEFORE = re.compile(r"\b(?:by|until|till|through|no later than|before the end of)\s+(?:the\s+end\s+of\s+)?$", re.I)
# Clause boundaries between a trigger and a date phrase.
CLAUSE_BOUNDARY = re.compile(r"[,;:()—–]|\s-\s|\b(?:and|but|while|whereas)\b")
# A leading subordinate clause ("After sales were cleared again over the summer, ...") keeps its dates.
LEADING_SUBCLAUSE = re.compile(
    r"^(?:After|Before|When|While|Although|Though|As|Since|Once|Following|Despite|Until|Because)\b[^,]{3,200},")
# A year or month written as a noun's modifier: "its 2020 purchase", "the 2022 rules", "its October measures".
ATTRIBUTIVE_DATE = re.compile(r"(?:19|20)\d\d|(?:January|February|March|April|May|June|July|August|September|October|"
                              r"November|December)")
ATTRIBUTIVE_BEFORE = re.compile(r"\b(?:its|their|his|her|our|the|a|an|this|that|[A-Z][\w-]*['’]s)\s+$")
NOUN_AFTER = re.compile(r"\s+[a-z]")
# A report of an action that came before it: "reported that the ministry had told", "said ... that X had".
REPORTED_EARLIER = re.compile(r"\b(?:reported|said|says|wrote|revealed|disclosed|learned)\b[^;:]{0,40}?\bthat\b"
                              r"[^;:]{0,80}?\bhad\b")
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
# What stands between a date and a finer one that restates it: "December, on December 8", "May (May 13)".
APPOSITION = re.compile(r"[\s,(]*(?:on\s+)?")
# What follows a date that labels a paragraph ("July 2025: ...", "9 April 2025 — ...").
LABEL_END = re.compile(r"^\s*(?:[.:—–]|-\s)")


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
        "July 2025: ..."), which dates each of its sentences that gives no date of its own."""
        if sentence.paragraph not in self.firsts:
            self.firsts = {s.paragraph: s for s in reversed(sentences)}
        first = self.firsts.get(sentence.paragraph)
        found = self.within(first) if first is not None else []
        if not found or found[0].start - first.start > 2 or found[0].relative:
            return None
        rest = self.text[found[0].end:first.end]
        return found[0] if not rest.strip(" .") or LABEL_END.match(rest) else None


def _boundaries(text: str, a: int, b: int) -> int:
    lo, hi = min(a, b), max(a, b)
    return len(CLAUSE_BOUNDARY.findall(text, lo, hi)) if hi > lo else 0


def clause_crossings(d: DateMention, trigger: TriggerMatch, sentence: Sentence) -> int:
    """Clause boundaries between a date phrase and a trigger of the same sentence; a date in an aside
    inside a long trigger ("the rule, first imposed in September 2024, was suspended") is set off from
    the trigger's last word by the aside's comma."""
    s, e = d.start - sentence.start, d.end - sentence.start
    if s < trigger.end and trigger.start < e:
        return 1 if "," in sentence.text[e:trigger.end] else 0
    if e <= trigger.start:
        return _boundaries(sentence.text, e, trigger.start)
    return _boundaries(sentence.text, trigger.end, s)


def _dates_another_noun(d: DateMention, trigger: TriggerMatch, text: str, base: int) -> bool:
    """A year or month that qualifies a noun other than the trigger ("over its 2020 purchase of Mellanox",
    "suspends its October rare-earth measures"): the date of that thing, not of the action ("the 2023
    rules" dates the rules when they are the trigger)."""
    s, e = d.start - base, d.end - base
    if d.precision == "day" or not ATTRIBUTIVE_DATE.fullmatch(text[s:e]):
        return False
    if not (ATTRIBUTIVE_BEFORE.search(text, 0, s) and NOUN_AFTER.match(text, e)):
        return False
    return not (e <= trigger.start <= e + 2)


def report_bound(d: DateMention | None, trigger: TriggerMatch, sentence: Sentence) -> DateMention | None:
    """The date of a report about an earlier action ("On Wednesday the paper reported that the agency had told
    ..."): the action happened by then, so it is dated to the report's month, not its day."""
    if d is None or d.precision != "day":
        return d
    s = d.start - sentence.start
    if s >= trigger.start or not REPORTED_EARLIER.search(sentence.text, s, trigger.start):
        return d
    return replace(d, value=d.value.replace(day=1), precision="month")


def choose_date(trigger: TriggerMatch, dates: list[DateMention], sentence: Sentence) -> DateMention | None:
    """The date of a trigger's own clause, else the sentence's opening date, else the nearest one.

    A deadline ("phase out foreign chips by 2027") says when something must be done, not when the
    state acted, so it never dates the action."""
    text, base = sentence.text, sentence.start
    dates = [d for d in dates if not DEADLINE_BEFORE.search(text, 0, d.start - base)
             and not _dates_another_noun(d, trigger, text, base)]
    if not dates:
        return None
    sub = LEADING_SUBCLAUSE.match(text)
    if sub:
        inside = trigger.start < sub.end()
        dates = [d for d in dates if (d.start - base < sub.end()) == inside] or ([] if inside else dates)
        if not dates:
            return None

    def gap(d: DateMention) -> int:
        s, e = d.start - base, d.end - base
        return 0 if s < trigger.end and trigger.start < e else (trigger.start - e if e <= trigger.start else s - trigger.end)

    def crossings(d: DateMention) -> int:
        return clause_crossings(d, trigger, sentence)

    if len(dates) > 1:  # when it takes effect ("from January 15") dates the action only if nothing else does
        dates = [d for d in dates if not EFFECTIVE_BEFORE.search(text, 0, d.start - base)] or dates
    own = [d for d in dates if crossings(d) == 0]
    if own:
        return _apposed_finer(min(own, key=gap), dates, text, base)
    if BACKGROUND_LEAD.search(text, 0, trigger.start):
        return None  # "even as US export controls limit ...": a standing backdrop, not dated by the sentence
    opening = [d for d in dates if d.start - base <= 16 and "," not in text[: d.start - base]]
    if opening and opening[0].end - base <= trigger.start:
        return _apposed_finer(opening[0], dates, text, base)
    return _apposed_finer(min(dates, key=lambda d: (crossings(d), gap(d))), dates, text, base)


def _apposed_finer(d: DateMention, dates: list[DateMention], text: str, base: int) -> DateMention:
    """A finer date set beside this one that agrees with it ("In early December, on December 8")."""
    for other in dates:
        if other.start >= d.end and APPOSITION.fullmatch(text, d.end - base, other.start - base) \
                and PRECISION_RANK[other.precision] < PRECISION_RANK[d.precision] and compatible(other, d):
            return other
    return d


def compatible(a: DateMention | None, b: DateMention | None) -> bool:
    if a is None or b is None:
        return True
    length = {"day": 10, "month": 7, "year": 4}
    n = min(length[a.precision], length[b.precision])
    return a.value.isoformat()[:n] == b.value.isoformat()[:n]
