"""Which year a spend figure belongs to: year phrases with offsets, resolved against an anchor date.

A private, year-only companion of transforms/dates.py (owned by the policy work): spend facts need
year precision and a few phrases dates.py does not aim at ("next year's total", "the June quarter",
"fiscal 2025", "the previous year", "over three years from 2025", "last August", "in March", "this summer"). Day- and week-level
phrases ("last week") are deliberately not year mentions: they date a report, not the spend.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class YearMention:
    """A phrase naming a year: `explicit` when the digits are written, False for "next year" and the like.
    `year` is None for a span of years that ends now ("over the past ten years"): a total with no year.
    `guessed`: a span with no start or announcement year ("over three years") dated by the publication year,
    which states no year of its own (a figure so dated repeats one dated elsewhere)."""

    start: int
    end: int
    year: int | None
    explicit: bool
    guessed: bool = False
    fiscal_quarter: int | None = None         # "the second quarter of fiscal 2026": 2, and `year` is the fiscal year


# "calendar-2026 capex": a hyphenated calendar year is a year
# "CY2024", "FY/CY2024" (a broker's column for companies of either kind): a calendar year; "2026E", "2024A": a
# broker's estimate or actual for that year
EXPLICIT_YEAR = re.compile(r"(?:(?<=calendar-)|(?<![\w$€£¥.,/-]))(?:(?:fiscal|FY(?:/CY)?|CY)\s?(?:year\s)?)?"
                           r"(?P<year>(?:19|20)\d\d)(?:[AEF]\b)?(?![\w%]|[.,]\d)")
# "FY2025/26", "FY25/26", "fiscal year 2025-26": a fiscal year across two calendar years, named by its end
FISCAL_SPAN = re.compile(r"\b(?:FY\s?|(?:fiscal|financial)\s(?:year\s)?)(?:20)?[0-4]\d[/-](?P<end>(?:20)?[0-4]\d)\b", re.I)
SHORT_FISCAL_YEAR = re.compile(r"\b(?:FY(?:/CY)?|CY)\s?(?P<yy>[0-4]\d)(?:[AEF]\b)?\b")
# broker shorthand for a period ending in a year: "Dec-24" or "Dec-2024" (the quarter or month to December
# 2024), "1Q26"
SHORT_PERIOD = re.compile(r"\b(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)-(?:20)?(?P<yy>[0-4]\d)"
                          r"|[1-4]Q(?P<qyy>[0-4]\d)|[1-4]H(?P<hyy>[0-4]\d))\b")
RELATIVE_YEAR = re.compile(
    r"\b(?P<which>this|next|last|the previous|the prior|the following|the coming|the current|that|the same)\s+"
    r"(?:(?:fiscal|financial)\s+)?year(?:['’]s)?\b"
    r"|\b(?P<chained>a year (?:earlier|before)|the year before|a year ago)\b", re.IGNORECASE)
QUARTER = re.compile(
    r"\b(?:(?:first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]quarter|Q[1-4]|"
    r"(?:March|June|September|December)[\s-]quarter)(?:\s(?:of\s)?(?P<year>(?:19|20)\d\d)|\s(?:of\s)?(?P<rel>last|this|next)\syear"
    r"|\s?['’](?P<yy>[0-4]\d))?\b",
    re.IGNORECASE)
# "the first half of the year", "H1 2025", "full-year": the year in hand unless one is named
PART_OF_YEAR = re.compile(
    r"\b(?:(?:first|second) half(?: of)? (?:the year|this year|(?P<year>(?:19|20)\d\d))|H[12] (?P<year2>(?:19|20)\d\d)|"
    r"full[ -]year)\b", re.IGNORECASE)
# "the three fiscal years to March 2028": a multi-year figure, dated by its first year (2026)
YEARS_TO = re.compile(r"\b(?P<n>two|three|four|five|2|3|4|5)\s(?:fiscal\s|financial\s|calendar\s)?years\s"
                      r"(?:to|ending(?:\sin)?|ended|through|until)\s(?:[A-Z][a-z]+\s)?(?P<year>(?:19|20)\d\d)\b")
YEARS_IN_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5}
# "the three months to September", "the quarter ended June 30", "the year to March": the year that month ends in
MONTHS_TO = re.compile(
    r"\b(?:the\s)?(?:(?:three|six|nine|twelve|3|6|9|12)\smonths|quarter|half|(?:fiscal\s|financial\s)?year)\s"
    r"(?:to|ended|ending|through)\s"
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s\d{1,2})?(?:,?\s(?P<year>(?:19|20)\d\d))?\b")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
# "over the past ten years", "in a decade", "since its founding": a running total, which no one year dates
CUMULATIVE = re.compile(
    r"\b(?:(?:over|in|during|across|within|for)\s(?:the\s)?(?:past|last|previous)\s(?:\w+\s)?(?:years|decades?)"
    r"|in\sa\sdecade|since\s(?:its|their)\s(?:founding|inception|launch|listing))\b", re.I)
# "two years ago", "the year before last": counted back from the publication year
YEARS_AGO = re.compile(r"\b(?:(?P<n>two|three|four|five|2|3|4|5)\s+years\s+ago|the\s+year\s+before\s+last)\b", re.I)
# "over the past year", "in the next 12 months": twelve months either side of the publication date, which
# belong to the year their middle falls in ("the past 12 months" in a January report are last year's)
# "over the past four quarters" too: a trailing year of quarters
TWELVE_MONTHS = re.compile(r"\b(?:over|in|during|within|for)\s+the\s+(?:(?P<back>past|previous)\s+(?:year|12\s+months|"
                           r"twelve\s+months)|(?P<ahead>next|coming|following)\s+(?:12|twelve)\s+months|"
                           r"(?:last|past|previous|trailing)\s+(?:(?:12|twelve)\s+months|(?:four|4)\s+quarters))\b", re.I)
# a quarter of a fiscal year: "the second quarter of fiscal 2026", "fiscal Q1 2026", "its fiscal third quarter of 2026",
# "Q3 FY26", "fiscal 2026 fourth quarter"
QUARTER_WORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
FISCAL_QUARTER = re.compile(
    rf"\b(?:(?P<n1>{QUARTER_WORD})\s(?:fiscal\s)?quarter\sof\s(?:(?:its|the)\s)?(?:fiscal|financial)\s(?:year\s)?(?P<y1>(?:19|20)\d\d)"
    rf"|(?:fiscal|financial)\s(?:(?P<n2>{QUARTER_WORD})[\s-]quarter|Q(?P<q2>[1-4]))(?:\sof)?\s(?:(?:fiscal\s)?(?:year\s)?)?(?P<y2>(?:19|20)\d\d)"
    rf"|(?:fiscal|financial)\s(?:year\s)?(?P<y3>(?:19|20)\d\d)\s(?:(?P<n3>{QUARTER_WORD})[\s-]quarter|Q(?P<q3>[1-4]))"
    r"|Q(?P<q4>[1-4])\s?FY\s?(?P<y4>(?:20)?\d\d))\b", re.I)
QUARTER_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def fiscal_quarters(text: str) -> list[YearMention]:
    """Quarters named by their fiscal year, with the fiscal year as `year` and the quarter's number."""
    found = []
    for match in FISCAL_QUARTER.finditer(text):
        word = next(g for g in (match["n1"], match["n2"], match["q2"], match["n3"], match["q3"], match["q4"]) if g)
        year = next(g for g in (match["y1"], match["y2"], match["y3"], match["y4"]) if g)
        found.append(YearMention(match.start(), match.end(), int(year) if len(year) == 4 else 2000 + int(year), True,
                                 fiscal_quarter=int(word) if word.isdigit() else QUARTER_ORDINALS[word.lower()]))
    return found


def calendar_quarter_year(fiscal_year: int, quarter: int, year_end_month: int) -> int:
    """The calendar year in which quarter `quarter` of `fiscal_year` ends, for a fiscal year ending in
    `year_end_month` of the year that names it (Alibaba: fiscal 2026 ends in March 2026)."""
    return fiscal_year if year_end_month - 3 * (4 - quarter) >= 1 else fiscal_year - 1


# "this summer", "earlier this spring", "this quarter": a part of the year in hand ("this month", like "last
# week", dates a report, not the spend)
THIS_PERIOD = re.compile(r"\b(?:(?:earlier|later)\s+)?this\s+(?:summer|spring|autumn|fall|winter|quarter)\b", re.I)
# "over the next three years": a multi-year plan, dated by the year it starts
MULTI_YEAR = re.compile(r"\b(?:over|in|during|for|within) (?:the )?(?:next|coming|following)? ?"
                        r"(?:two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|several|few|\d+) years\b"
                        r"(?:,?\s(?:from|starting|beginning|commencing)(?:\s(?:in|from|with))?\s(?P<start>(?:19|20)\d\d)\b)?",
                        re.IGNORECASE)
# "in March", "in early March" with no year: the latest such month up to the publication month
BARE_MONTH = re.compile(r"\bin\s(?:(?:early|late|mid)[\s-])?(?P<month>January|February|March|April|May|June|July|August|"
                        r"September|October|November|December)\b(?![\s,]+(?:\d{1,2}(?:st|nd|rd|th)?,?\s)?(?:19|20)\d\d"
                        r"|\s(?:last|next|this|that|the same)\s+year)")
# "the same January", "that March": a month named before, with its year
SAME_MONTH = re.compile(r"\b(?:the\s+same|that)\s+(?P<month>January|February|March|April|May|June|July|August|"
                        r"September|October|November|December)\b", re.I)
SAME_MONTH_REACH = 600                        # characters back to the year named with that month
REPORTED_BEFORE = re.compile(r"\b(?:reported|said|described|wrote|revealed|disclosed|told\s+\w+)\s+$", re.I)
# "the budget, which the FT put at 160 billion yuan in December": the month the figure was reported in
PUT_AT_BEFORE = re.compile(r"\b(?:put|pegged|estimated|reported|gave)\s+(?:it\s+|them\s+|the\s+\w+\s+)?(?:at|as)\s+"
                           r"[^.;,]{1,40}\s+$", re.I)
# "last August" (the latest August before the publication month), "in March last year" is "last year"'s
LAST_MONTH = re.compile(r"\blast\s(?P<month>January|February|March|April|May|June|July|August|September|October|"
                        r"November|December)\b", re.IGNORECASE)
# "until last year", "before 2027", "through 2031": a boundary, which dates no spend
BOUNDARY_YEAR = re.compile(r"\b(?:before|until|prior to|due(?: in)?|since)\s+(?:[\w,']+\s+){0,12}$"
                           r"|\b(?P<end>through|till|to)\s+(?:(?:the\s+)?end\s+of\s+)?(?:[A-Z][a-z]+\s+)?$", re.I)
BOUNDARY_LOOKBACK = 240                      # characters before a year phrase BOUNDARY_YEAR may look at
# "the year to March 2026", "nine months to September": a period named by its end, not a boundary
PERIOD_BEFORE = re.compile(r"\b(?:year|years|months|quarter|quarters|period|half)\s+$", re.I)


def is_boundary_year(text: str, lo: int, at: int) -> bool:
    """The year phrase at offset `at` closes or opens a span ("until last year", "before 2027", "through
    2031") rather than dating a figure; `lo`: how far back its sentence goes."""
    found = BOUNDARY_YEAR.search(text, max(lo, at - BOUNDARY_LOOKBACK), at)
    return found is not None and not (found.group("end") and PERIOD_BEFORE.search(text, max(lo, found.start() - 12),
                                                                                    found.start()))
OFFSETS = {"this": 0, "the current": 0, "next": 1, "the following": 1, "the coming": 1, "last": -1,
           "the previous": -1, "the prior": -1, "that": 0, "the same": 0}
# "the previous year" and "a year earlier" count back from a year just named, "that year" is it ("in 2024, up from ...
# the previous year" is 2023); "last year" always counts back from the publication date.
CHAINED = ("the previous", "the prior", "the following")
# "in April that year", "later the same year": the year just named, never the publication year
SAME_AS_NAMED = ("that", "the same")
CHAIN_REACH = 150
SENTENCE_GAP = re.compile(r"[.!?]\s")


QUARTER_NUMBER = {"first": 1, "1st": 1, "q1": 1, "march": 1, "second": 2, "2nd": 2, "q2": 2, "june": 2,
                  "third": 3, "3rd": 3, "q3": 3, "september": 3, "fourth": 4, "4th": 4, "q4": 4, "december": 4,
                  "final": 4}


def quarter_year(phrase: str, anchor: date) -> int:
    """The year of a quarter named without one: the latest such quarter that has begun by the anchor date
    (a fourth quarter reported in April is last year's)."""
    word = re.split(r"[\s-]", phrase.strip().lower())[0]
    number = QUARTER_NUMBER.get(word, 1)
    return anchor.year if number <= (anchor.month - 1) // 3 + 1 else anchor.year - 1


def is_running_quarter(phrase: str, anchor: date) -> bool:
    """`phrase` names a quarter without its year ("the March quarter", "Q1") that is the one running at the
    anchor date."""
    found = QUARTER.fullmatch(phrase.strip())
    if found is None or found.group("year") or found.group("yy") or found.group("rel"):
        return False
    word = re.split(r"[\s-]", phrase.strip().lower())[0]
    return QUARTER_NUMBER.get(word) == (anchor.month - 1) // 3 + 1


def find_years(text: str, anchor: date | None) -> list[YearMention]:
    """Year phrases in `text`, in order; relative ones only when an anchor date is known."""
    found: list[YearMention] = fiscal_quarters(text)
    fiscal = Spans((m.start, m.end) for m in found)
    for match in QUARTER.finditer(text):
        if fiscal.covers(match.start()) or fiscal.covers(match.end() - 1):
            continue  # "the second quarter of fiscal 2026": a fiscal quarter, read above
        if match.group("year") or match.group("yy"):
            year = int(match.group("year") or 2000 + int(match.group("yy")))
            found.append(YearMention(match.start(), match.end(), year, True))
        elif match.group("rel") and anchor is not None:  # "the fourth quarter of last year"
            found.append(YearMention(match.start(), match.end(), anchor.year + OFFSETS[match.group("rel").lower()], False))
        elif anchor is not None:
            found.append(YearMention(match.start(), match.end(), quarter_year(match.group(), anchor), False))
    for match in PART_OF_YEAR.finditer(text):
        named = match.group("year") or match.group("year2")
        if named:
            found.append(YearMention(match.start(), match.end(), int(named), True))
        elif anchor is not None:
            # "fourth-quarter capex ..., bringing the full-year total to ...": the year of that quarter
            period = next((m for m in reversed(found) if m.end <= match.start() and m.year is not None
                           and not SENTENCE_GAP.search(text, m.end, match.start())
                           and match.start() - m.end <= CHAIN_REACH), None)
            found.append(YearMention(match.start(), match.end(), period.year if period else anchor.year,
                                     period.explicit if period else False))
    for match in YEARS_TO.finditer(text):
        span = YEARS_IN_WORDS.get(match.group("n").lower()) or int(match.group("n"))
        found.append(YearMention(match.start(), match.end(), int(match.group("year")) - span + 1, True))
    for match in MONTHS_TO.finditer(text):
        if match.group("year"):
            found.append(YearMention(match.start(), match.end(), int(match.group("year")), True))
        elif anchor is not None:
            month = MONTHS.index(match.group("month").lower()) + 1
            found.append(YearMention(match.start(), match.end(),
                                     anchor.year if month <= anchor.month else anchor.year - 1, False))
    for match in CUMULATIVE.finditer(text):
        found.append(YearMention(match.start(), match.end(), None, True))
    for match in FISCAL_SPAN.finditer(text):  # "FY2025/26": the fiscal year is named by the year it ends in
        end = match.group("end")
        found.append(YearMention(match.start(), match.end(), int(end) if len(end) == 4 else 2000 + int(end), True))
    if anchor is not None:
        for match in YEARS_AGO.finditer(text):
            back = YEARS_IN_WORDS.get((match.group("n") or "").lower()) or int(match.group("n") or 2)
            found.append(YearMention(match.start(), match.end(), anchor.year - back, False))
        for match in THIS_PERIOD.finditer(text):
            found.append(YearMention(match.start(), match.end(), anchor.year, False))
        for match in TWELVE_MONTHS.finditer(text):
            middle = anchor + timedelta(days=182) if match.group("ahead") else anchor - timedelta(days=182)
            found.append(YearMention(match.start(), match.end(), middle.year, False))
    inside_phrase = Spans((m.start, m.end) for m in found)
    for match in EXPLICIT_YEAR.finditer(text):
        if not inside_phrase.covers(match.start()):
            found.append(YearMention(match.start(), match.end(), int(match.group("year")), True))
    for match in SHORT_FISCAL_YEAR.finditer(text):
        if not inside_phrase.covers(match.start()):
            found.append(YearMention(match.start(), match.end(), 2000 + int(match.group("yy")), True))
    for match in SHORT_PERIOD.finditer(text):
        yy = match.group("yy") or match.group("qyy") or match.group("hyy")
        found.append(YearMention(match.start(), match.end(), 2000 + int(yy), True))
    if anchor is not None:
        # explicit years by where they end (the first found wins a tie), to count "the previous year" from
        named_years = sorted(reversed([m for m in found if m.explicit and m.year is not None]), key=lambda m: m.end)
        named_ends = [m.end for m in named_years]
        relative: list[YearMention] = []
        for match in RELATIVE_YEAR.finditer(text):
            which = (match.group("which") or "").lower()
            offset = OFFSETS.get(which, -1)
            base = anchor.year
            if which in CHAINED or match.group("chained"):
                named = year_before(text, match.start(), named_years, named_ends)
                if named is not None:
                    base = named.year
                elif match.group("chained") and match.group("chained").lower() != "a year ago":
                    continue  # "a year earlier" with no year to count from: a comparison, not a date
            if which in SAME_AS_NAMED:
                named = year_before(text, match.start(), named_years, named_ends)
                if named is None:
                    continue
                base = named.year
            relative.append(YearMention(match.start(), match.end(), base + offset, False))
        found.extend(relative)
        for match in SAME_MONTH.finditer(text):
            # "The same January batch": the month named before, in the year named with it ("In January 2025")
            named_month = None
            for named_month in re.finditer(match.group("month") + r"\s+(?:\d{1,2},?\s+)?(?P<year>(?:19|20)\d\d)\b",
                                           text[max(0, match.start() - SAME_MONTH_REACH):match.start()], re.I):
                pass
            if named_month is not None:
                found.append(YearMention(match.start(), match.end(), int(named_month.group("year")), False))
        for match in MULTI_YEAR.finditer(text):
            start = match.group("start")  # "over three years from 2025": the span's first year
            if start:
                found.append(YearMention(match.start(), match.end(), int(start), True))
                continue
            # "said in 2023 it would invest $5 billion over 15 years": the span starts when it was announced,
            # written or relative ("A year ago it pledged ... over three years")
            named = year_before(text, match.start(), named_years, named_ends) or year_before(
                text, match.start(), relative, [m.end for m in relative])
            found.append(YearMention(match.start(), match.end(), named.year if named else anchor.year, False,
                                     guessed=named is None))
        for match in BARE_MONTH.finditer(text):
            if REPORTED_BEFORE.search(text, max(0, match.start() - 30), match.start()) or PUT_AT_BEFORE.search(
                    text, max(0, match.start() - 70), match.start()):
                continue  # "the order the FT described in December": the month of the report
            month = MONTHS.index(match.group("month").lower()) + 1
            found.append(YearMention(match.start(), match.end(),
                                     anchor.year if month <= anchor.month else anchor.year - 1, False))
        for match in LAST_MONTH.finditer(text):
            month = MONTHS.index(match.group("month").lower()) + 1
            found.append(YearMention(match.start(), match.end(),
                                     anchor.year if month < anchor.month else anchor.year - 1, False))
    return sorted(found, key=lambda m: m.start)


def year_before(text: str, at: int, named: list[YearMention], ends: list[int]) -> YearMention | None:
    """The explicit year ending nearest before `at`, within CHAIN_REACH and the same sentence (`named` sorted
    by end, `ends` their ends)."""
    for position in range(bisect_right(ends, at) - 1, -1, -1):
        mention = named[position]
        if at - mention.end > CHAIN_REACH:
            return None
        if not SENTENCE_GAP.search(text, mention.end, at):
            return mention
    return None


class Spans:
    """Character spans, asked whether one of them covers an offset (a binary search, not a scan)."""

    def __init__(self, spans) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach: list[int] = []  # the furthest end among the spans up to each one
        for _, end in ordered:
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def covers(self, offset: int) -> bool:
        at = bisect_right(self._starts, offset) - 1
        return at >= 0 and self._reach[at] > offset
