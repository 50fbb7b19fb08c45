"""Date phrases in article text, resolved to calendar dates at an honest precision.

A small grammar of how news copy writes time: absolute dates ("January 20, 2025", "20 January 2025",
"2025-01-20", "September 2024", "Q1 2025", "fiscal 2025", "2024"), dates that lack a year ("Jan. 20",
"on Monday (January 20)", "in December", "at the end of March"), and phrases relative to the
publication date ("last week", "earlier this month", "next year", "on Tuesday", "three months ago")
or to the date mentioned just before ("the previous year", "five days later", "the previous day").

Every mention carries its character span, the resolved value (the first day of the month or year
when the precision is coarser than a day) and the precision the text supports. A relative phrase
that cannot be resolved (no anchor and nothing in the text pins it) yields no mention.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, Literal

from transforms.cues import cue_text, holds_cues
from transforms.story_timeline import OPENS_SENTENCE, Timeline, anchored_event, clause_event, event_phrase

Precision = Literal["day", "month", "year"]

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "a few": 3,
    "a couple of": 2,
}
ORDINAL_QUARTERS: dict[str, int] = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}

# Years a news article can plausibly name as a date (not "2,048 GPUs" nor "H200").
FIRST_YEAR, LAST_YEAR = 1990, 2039
# Window of years in which a weekday stated with a month and day is looked up.
WEEKDAY_YEAR_WINDOW = range(2015, 2036)

_MONTH = (r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_WEEKDAY = (r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
            r"|Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.?")
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d,.]\d|%)"
_NUM = r"(?P<num>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|a couple of)"
_YEAR_SUFFIX = r"(?:,?\s+(?:of\s+)?(?P<rel>this|last|next)\s+year)?"

ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b")
# "Monday (January 20)", "Monday, Jan. 20, 2025", "January 20, 2025", "Jan 20"
MONTH_DAY = re.compile(
    rf"\b(?:{_WEEKDAY},?\s+\(?)?{_MONTH}\s+{_DAY}\b\)?(?:,?\s+{_YEAR})?(?!\s*(?:%|per\s?cent|percent|-?nm\b|nanomet))"
    + _YEAR_SUFFIX
)
# "20 January 2025", "Monday 20 January", "1 September"
DAY_MONTH = re.compile(rf"\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b" + _YEAR_SUFFIX)
# "September 2024", "Sept. of 2024", "early April 2025"
MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}")
# "in December", "at the end of March", "mid-February", "last December", "in May this year"
MONTH_ALONE = re.compile(
    rf"(?:\b(?P<part>(?i:early|earlier|mid|late|later|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of"
    rf"|the\s+middle\s+of|end|start))[-\s]+(?:in\s+)?|\b(?P<which>(?i:last|this|next|in|since|by|from|until|during|of|"
    rf"through|before|after))\s+)?\b{_MONTH}\b(?!\.?,?\s+\(?\d)" + _YEAR_SUFFIX
)
# "Q1 2025", "the second quarter of 2024", "the fourth quarter" (of the anchor's year)
QUARTER = re.compile(
    r"\b(?:(?P<q>Q[1-4])|(?i:the\s+)?(?P<ord>(?i:first|second|third|fourth|final|last))[-\s]quarter)"
    r"(?:\s+(?:of\s+)?(?:(?:fiscal|FY)\s*)?(?P<year>(?:19|20)\d\d)\b|\s+of\s+(?P<rel>this|last|next)\s+year)?"
)
# "fiscal 2025", "FY2025", "FY25"
FISCAL_YEAR = re.compile(r"\b(?:fiscal(?:\s+year)?|FY)\s*'?(?P<year>(?:19|20)\d\d|\d\d)\b")
# "mid-2024", "late 2023", "the first half of 2025", "H2 2024"
PART_OF_YEAR = re.compile(r"\b(?:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+first\s+half\s+of"
                          r"|the\s+second\s+half\s+of|H[12])[-\s]+(?P<year>(?:19|20)\d\d)\b", re.I)
# "2024", but not "2,048", "$2024", "2030%", "2020s"
BARE_YEAR = re.compile(r"(?<![\d$€£¥.,/-])\b(?P<year>(?:19|20)\d\d)\b(?!\s*(?:%|per\s?cent|-?nm\b)|[\d,.]\d|s\b)")
# "this year", "next year", "last year", "earlier this year", "a year ago", "the start of this year" (January)
RELATIVE_YEAR = re.compile(
    r"\b(?:(?:the\s+)?(?P<edge>start|beginning|end|close)\s+of\s+(?:(?P<ecur>this)|(?P<elst>last)|(?P<enxt>next))\s+year"
    r"|(?:earlier|later)\s+in\s+the\s+year|(?P<cur>this|the\s+current)\s+year|(?:earlier|later)\s+this\s+year"
    r"|(?P<nxt>next)\s+year|(?P<lst>last|past)\s+year|(?P<ago>a|one)\s+year\s+ago)\b", re.I)
# "the previous year", "the following year", "a year earlier": relative to the date named just before
CHAINED_YEAR = re.compile(r"\b(?:the\s+(?P<prev>previous|prior|preceding)|the\s+(?P<foll>following|next))\s+year\b"
                          r"|\ba\s+year\s+(?P<dir>earlier|before|later)\b", re.I)
# "earlier this month", "last month", "next month", "earlier in the month"
RELATIVE_MONTH = re.compile(r"\b(?:(?:earlier|later)\s+(?:this|in\s+the)|this|(?:start|beginning|end|middle)\s+of\s+the|"
                            r"(?P<lst>last)|(?P<nxt>next))\s+month\b", re.I)  # "at the start of the month": this one
# "last week", "this past week", "earlier this week", "last weekend", "over the weekend"
RELATIVE_WEEK = re.compile(r"\b(?:(?:earlier|later)\s+(?:this|in\s+the)|this|(?P<past>(?:this|the)\s+past)|"
                           r"(?P<lst>last)|(?P<nxt>next))\s+week(?P<end>end)?\b"
                           r"|\b(?:over|during)\s+the\s+(?P<wkend>weekend)\b", re.I)
# "today", "yesterday", "tomorrow"
RELATIVE_DAY = re.compile(r"\b(?:(?P<today>today)|(?P<yesterday>yesterday)|(?P<tomorrow>tomorrow))\b", re.I)
# "on Tuesday", "last Friday", "on Monday night" (not when a month-day follows: MONTH_DAY handles that)
_ANY_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
WEEKDAY_ALONE = re.compile(
    rf"\b(?:(?P<which>(?i:on|last|this|next|since|by|until|from))\s+)?{_WEEKDAY}\b"
    rf"(?!,?\s+\(?\s*(?:\d(?!\d?[:.]\d\d)|{_ANY_MONTH}))"  # "Wed 17:50" (a live blog's entry) is the weekday
)
# "three months ago", "five days later", "a day after the agency ..."
AGO = re.compile(rf"\b{_NUM}\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|earlier|before|later|after|previously)\b",
                 re.I)
# "days after the summit", "hours before the vote", "shortly after the ban": a span counted from an event the story
# named and dated (transforms/story_timeline.py); nothing when it names no dated event.
ANCHORED_SPAN = re.compile(r"\b(?:(?:in\s+the\s+)?(?P<span>hours|days|weeks|shortly|soon|just|right|immediately|"
                           r"the\s+day|the\s+week|the\s+month)\s+(?P<dir>after|before|following)"
                           r"|(?P<within>within\s+(?:a\s+)?(?:hours|days|day|week|weeks))\s+of)\b" + event_phrase(), re.I)
# "over the summer", "last spring": the season's year
SEASON = re.compile(r"\b(?:(?P<which>this|last|next)\s+(?P<any>spring|summer|autumn|fall|winter)"
                    r"|the\s+(?P<season>spring|summer|autumn|winter))\b(?!\s+of\s+\d)", re.I)
# "the previous day", "the next day": relative to the last day named; "the same week", "that same day": the
# day named last, or the week that holds it (not "the same day that the president spoke": that clause's day)
CHAINED_DAY = re.compile(r"\bthe\s+(?:(?P<prev>previous|prior|preceding)\s+day|(?P<before>day\s+before)|(?P<next>next|following)\s+day)\b"
                         r"|\b(?:the\s+same|that\s+same)\s+(?:day|(?P<week>week))\b"
                         r"(?!\s+(?:that|as|when|on\s+which|in\s+which)\b)", re.I)  # "the same day that X said": X's day
# A date that says when something takes effect or ends ("effective January 16", "until March"): not a day the
# story told, so "the next day" does not count from it.
_SCHEDULE_BEFORE = re.compile(r"\b(?:effective|with\s+effect\s+from|starting|from|until|till|through|by|expires?|"
                              r"expiring|due|takes?\s+effect|come\s+into\s+force|comes\s+into\s+force)\s+(?:on\s+)?$", re.I)

# A verb in the present right before "two weeks after ...": the span counts back from now.
_PRESENT_BEFORE = re.compile(r"\b(?:comes|come|is|are|arrives|arrive|lands|land|follows|follow)\s+$")
_UNIT_PRECISION: dict[str, Precision] = {"day": "day", "week": "day", "month": "month", "year": "year"}
# After "a day after" / "three months before": a clause (a word), not the end of the sentence.
_CLAUSE_FOLLOWS = re.compile(r"\s+(?:the\s+|a\s+|an\s+|its\s+|it\s+|[A-Z])")
# After "one week before" / "two days after": an event told by a verb in -ing ("before leaving office"),
# whose own date the text does not give, so the phrase cannot be resolved.
_GERUND_FOLLOWS = re.compile(r"\s+(?:\w+ly\s+)?\w+ing\b")

# Words just before a month name that say it lies ahead of the publication date.
# Words before a month name that say it lies ahead of the publication date: "from", "until", "starting" right
# before it ("effective from early March"), or a future verb in its own clause ("will take effect in March");
# "a sharp turn from the Biden administration, which in January imposed ..." looks back.
FUTURE_CUE = re.compile(r"\b(?:from|starting|start|begin|beginning|due|until|till|effective)\s+(?:on\s+|in\s+)?"
                        r"(?:(?:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)[-\s]+)?$"
                        r"|\b(?:will|would|expected|scheduled|take\s+effect|takes\s+effect|come\s+into\s+force|"
                        r"comes\s+into\s+force|set\s+to|plans?\s+to)\b[^.,;:—–]*$", re.I)


# Words just after a date that say it lies ahead ("On March 3 the committee will vote").
FUTURE_AFTER = re.compile(r"[^.;\n]{0,50}?\b(?:will|would|shall|is due|are due|is expected|are expected|is scheduled|"
                          r"are scheduled|takes effect|take effect|comes into force|come into force)\b", re.I)
PAST_SLACK_DAYS = 7


@dataclass(frozen=True)
class DateMention:
    """One date phrase: `text[start:end]`, its value (day 1 / Jan 1 below day precision) and precision."""

    start: int
    end: int
    value: date
    precision: Precision
    relative: bool
    quarter: int | None = None  # 1..4 when the phrase names a quarter (value is then the year)


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    kind: str
    match: re.Match


def month_number(name: str) -> int:
    """The month number of an English month name or abbreviation ("Sept." -> 9)."""
    return MONTHS[name.lower().rstrip(".")]


def weekday_number(name: str) -> int:
    """Monday=0 ... Sunday=6 for an English weekday name or abbreviation."""
    return WEEKDAYS[name.lower().rstrip(".")]


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not (1 <= month <= 12) or not (1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return date(year, month, day)


def _add_months(value: date, months: int) -> date:
    index = value.year * 12 + value.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _nearest_year(month: int, day: int, anchor: date, ahead: bool = True) -> date | None:
    """The month-day nearest the anchor, ties and near-ties going to the past (news reports what happened);
    when the text does not look ahead, the latest one not after the anchor (a week's slack for a page
    dated a little before what it reports): "On 3 March the ministry scrapped ..." in November is past."""
    options = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _safe_date(y, month, day))]
    if not options:
        return None
    if not ahead:
        past = [d for d in options if (d - anchor).days <= PAST_SLACK_DAYS]
        if past:
            return max(past)
    return min(options, key=lambda d: abs((d - anchor).days) * (1 if d <= anchor else 1.5))


def years_with_weekday(month: int, day: int, weekday: int, years: Iterable[int] = WEEKDAY_YEAR_WINDOW) -> list[int]:
    """Years in which month/day falls on `weekday` (Monday=0)."""
    return [y for y in years if (d := _safe_date(y, month, day)) and d.weekday() == weekday]


def _pinned_year(month: int, day: int, weekday: int, anchor: date | None, hint_year: int | None,
                 today: date | None = None) -> int | None:
    """The year a weekday-with-date pins: the matching year closest to the anchor or to the text's years,
    else the latest one not after `today` (the text names no year at all)."""
    years = years_with_weekday(month, day, weekday)
    target = anchor.year if anchor else hint_year
    if not years:
        return None
    if target is None:
        latest = today or date.today()
        past = [y for y in years if date(y, month, day) <= latest]
        return max(past) if past else None
    return min(years, key=lambda y: (abs(y - target), -y))


def _month_year(month: int, anchor: date, rel: str | None, future: bool) -> int:
    """The year of a bare month name: the most recent such month, or the next one when the text looks ahead."""
    if rel == "this":
        return anchor.year
    if rel == "last":
        return anchor.year - 1
    if rel == "next":
        return anchor.year + 1
    if month > anchor.month:
        return anchor.year if future else anchor.year - 1
    if month < anchor.month and future and month <= anchor.month - 10:
        return anchor.year + 1
    return anchor.year


_RANK: dict[str, int] = {"day": 0, "month": 1, "year": 2}


def _coarser(a: Precision, b: Precision) -> Precision:
    return a if _RANK[a] >= _RANK[b] else b


def _coarsen(value: date, precision: Precision) -> date:
    """The value truncated to its precision (first of the month or of the year)."""
    if precision == "year":
        return date(value.year, 1, 1)
    if precision == "month":
        return date(value.year, value.month, 1)
    return value


def _week_span(first: date, last: date) -> tuple[date, Precision]:
    """A span of days reported as the month that holds most of it (its middle day): "last week" from
    Wednesday 5 March is 24 February to 2 March, February."""
    middle = first + (last - first) // 2
    return date(middle.year, middle.month, 1), "month"


# The grammar, by kind of phrase; at one start the longest match wins, then the earlier kind.
DATE_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("iso", ISO_DATE), ("month_day", MONTH_DAY), ("day_month", DAY_MONTH), ("month_year", MONTH_YEAR),
    ("quarter", QUARTER), ("fiscal", FISCAL_YEAR), ("part_year", PART_OF_YEAR), ("rel_year", RELATIVE_YEAR),
    ("chain_year", CHAINED_YEAR), ("rel_month", RELATIVE_MONTH), ("rel_week", RELATIVE_WEEK),
    ("rel_day", RELATIVE_DAY), ("season", SEASON), ("ago", AGO), ("anchored", ANCHORED_SPAN), ("chain_day", CHAINED_DAY), ("weekday", WEEKDAY_ALONE),
    ("month", MONTH_ALONE), ("year", BARE_YEAR),
)
# Words every match of a pattern holds (lower case; one of each tuple): a text lacking them is not scanned
# with it, which leaves the matches as they are. tests/test_extract_speed_smoke.py reads each regex to
# check its words, so a grammar change that drops one fails there.
PATTERN_CUES: dict[str, tuple[tuple[str, ...], ...]] = {
    "quarter": (("q",),),
    "fiscal": (("fiscal", "fy"),),
    "rel_year": (("year",),),
    "chain_year": (("year",),),
    "rel_month": (("month",),),
    "rel_week": (("week",),),
    "rel_day": (("today", "yesterday", "tomorrow"),),
    "season": (("spring", "summer", "autumn", "fall", "winter"),),
    "ago": (("day", "week", "month", "year"), ("ago", "earlier", "before", "later", "after", "previously")),
    "chain_day": (("day", "week"),),
    "anchored": (("after", "before", "following", "within"),),
}


def _candidates(text: str) -> list[_Candidate]:
    """Every grammar match, longest first at each start, overlapping ones removed."""
    folded = cue_text(text)
    found = [_Candidate(m.start(), m.end(), kind, m) for kind, rx in DATE_PATTERNS
             if holds_cues(folded, PATTERN_CUES.get(kind, ()))
             for m in rx.finditer(text) if m.end() > m.start()]
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[_Candidate] = []
    for cand in found:
        if kept and cand.start < kept[-1].end:
            continue  # kept ones do not overlap and come by start: only the last can reach this one
        kept.append(cand)
    return kept


def _trim_lead(text: str, cand: _Candidate) -> int:
    """Start of the date proper, without a leading preposition such as "in" or "on"."""
    lead = re.match(r"(?:in|on|since|by|from|until|during|of|through|before|after)\s+", text[cand.start:cand.end], re.I)
    return cand.start + (lead.end() if lead else 0)


class _Resolver:
    """Turns candidates into mentions, remembering the last resolved date for chained phrases."""

    def __init__(self, text: str, anchor: date | None, hint_year: int | None):
        self.text = text
        self.anchor = anchor
        self.hint_year = hint_year
        self.last: tuple[date, Precision] | None = None
        self.seen: list[tuple[date, Precision]] = []
        self.timeline = Timeline()  # the events the story has dated so far ("a summit ... on October 30")
        self.phrase_end = 0  # where the last phrase ends when it ran on over its event ("after the October 30 summit")

    def remember(self, value: date, precision: Precision, start: int = 0, end: int | None = None) -> None:
        self.seen.append((value, precision))
        if end is not None:
            self.timeline.note(self.text, start, end, value, precision)
        if not _SCHEDULE_BEFORE.search(self.text, max(0, start - 30), start):
            self.last = (value, precision)  # a day it takes effect is no step of the story told

    def last_at(self, finest: Precision, not_after: date | None = None) -> tuple[date, Precision] | None:
        """The latest resolved date at least as fine as `finest` (a bare "2024" is no base for "a day later"),
        and not after `not_after` when given (what "came a day after" counts from has happened)."""
        for value, precision in reversed(self.seen):
            if _RANK[precision] <= _RANK[finest] and (not_after is None or value <= not_after):
                return value, precision
        return None

    def resolve(self, cand: _Candidate) -> tuple[date, Precision, bool] | None:
        handler = getattr(self, "_" + cand.kind)
        return handler(cand.match)

    def _iso(self, m: re.Match):
        d = _safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
        return (d, "day", False) if d else None

    def _month_day(self, m: re.Match):
        month, day = month_number(m["month"]), int(m["day"])
        if m["year"]:
            d = _safe_date(int(m["year"]), month, day)
            return (d, "day", False) if d else None
        if m["rel"] and self.anchor:
            year = self.anchor.year + {"this": 0, "last": -1, "next": 1}[m["rel"]]
            d = _safe_date(year, month, day)
            return (d, "day", True) if d else None
        if m["weekday"]:
            year = _pinned_year(month, day, weekday_number(m["weekday"]), self.anchor, self.hint_year)
            d = _safe_date(year, month, day) if year else None
            return (d, "day", self.anchor is not None) if d else None
        if self.anchor:
            d = _nearest_year(month, day, self.anchor, self._looks_ahead(m.start(), m.end()))
            return (d, "day", True) if d else None
        return None

    _day_month = _month_day

    def _month_year(self, m: re.Match):
        return date(int(m["year"]), month_number(m["month"]), 1), "month", False

    def _quarter(self, m: re.Match):
        if m["year"]:
            year = int(m["year"])
        elif self.anchor:
            year = self.anchor.year + {"this": 0, "last": -1, "next": 1, None: 0}[m["rel"]]
        else:
            return None
        return date(year, 1, 1), "year", not m["year"]

    def _fiscal(self, m: re.Match):
        year = int(m["year"])
        year = year + 2000 if year < 100 else year
        return date(year, 1, 1), "year", False

    def _part_year(self, m: re.Match):
        return date(int(m["year"]), 1, 1), "year", False

    def _year(self, m: re.Match):
        year = int(m["year"])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return None
        return date(year, 1, 1), "year", False

    def _rel_year(self, m: re.Match):
        if not self.anchor:
            return None
        if m["edge"]:  # "the start of this year" is January, "the end of last year" December
            year = self.anchor.year + (1 if m["enxt"] else -1 if m["elst"] else 0)
            month = 1 if m["edge"].lower() in ("start", "beginning") else 12
            return date(year, month, 1), "month", True
        shift = 1 if m["nxt"] else -1 if (m["lst"] or m["ago"]) else 0
        return date(self.anchor.year + shift, 1, 1), "year", True

    def _chain_year(self, m: re.Match):
        base = self.last[0] if self.last else self.anchor
        if base is None:
            return None
        back = m["prev"] or (m["dir"] or "").lower() in ("earlier", "before")
        return date(base.year + (-1 if back else 1), 1, 1), "year", True

    def _season(self, m: re.Match):
        if not self.anchor:
            return None
        shift = {"last": -1, "next": 1}.get((m["which"] or "").lower(), 0)
        return date(self.anchor.year + shift, 1, 1), "year", True

    def _rel_month(self, m: re.Match):
        if not self.anchor:
            return None
        shift = 1 if m["nxt"] else -1 if m["lst"] else 0
        return _add_months(self.anchor, shift), "month", True

    def _rel_week(self, m: re.Match):
        if not self.anchor:
            return None
        monday = self.anchor - timedelta(days=self.anchor.weekday())
        if m["wkend"] or (m["end"] and not m["nxt"]):  # "over the weekend", "last weekend": the latest one past
            saturday = self.anchor - timedelta(days=(self.anchor.weekday() - 5) % 7 or 7)
            value, precision = _week_span(saturday, saturday + timedelta(days=1))
            return value, precision, True
        if m["past"]:
            first, last = self.anchor - timedelta(days=7), self.anchor
        elif m["lst"]:
            first, last = monday - timedelta(days=7), monday - timedelta(days=1)
        elif m["nxt"]:
            first, last = monday + timedelta(days=7), monday + timedelta(days=13)
        else:
            first, last = monday, self.anchor
        value, precision = _week_span(first, last)
        return value, precision, True

    def _rel_day(self, m: re.Match):
        if not self.anchor:
            return None
        shift = -1 if m["yesterday"] else 1 if m["tomorrow"] else 0
        return self.anchor + timedelta(days=shift), "day", True

    def _event_date(self, pos: int) -> tuple[date, Precision] | None | bool:
        """The date of the event a span phrase ending at `pos` counts from, when a noun phrase names it ("a week
        after the summit", "the October 30 summit"): its own date, else the story's first date for it, else None
        (an event the story does not date). False when no event noun follows (a clause, or nothing)."""
        event = anchored_event(self.text, pos)
        if event is None:
            return False
        self.phrase_end = event.end
        inner = find_dates(self.text[event.mods_start:event.mods_end], self.anchor)
        if inner:
            return inner[-1].value, inner[-1].precision
        return self.timeline.date_of(event.noun)

    def _anchored(self, m: re.Match):
        """"days after the summit": the month just after the event ("hours after": its day); "weeks before the
        vote": the month two weeks before it. Nothing when no dated event is named."""
        found = self._event_date(m.end())
        if not found:
            return None
        base, base_precision = found
        sign = -1 if (m["dir"] or "").lower() == "before" else 1
        span = re.sub(r"\s+", " ", (m["span"] or m["within"]).lower())
        if span in ("the day", "the month"):
            value = base + timedelta(days=sign) if span == "the day" else _add_months(base, sign)
            precision = _coarser("day" if span == "the day" else "month", base_precision)
            return _coarsen(value, precision), precision, True
        shift = 7 if span.endswith(("week", "the week")) else 14 if span.endswith("weeks") else \
            3 if span.endswith(("days", "shortly", "soon")) else 0
        value, precision = base + timedelta(days=sign * shift), "day" if shift == 0 else "month"
        precision = _coarser(precision, base_precision)
        return _coarsen(value, precision), precision, True

    def _ago(self, m: re.Match):
        n, unit, direction = _count(m["num"]), m["unit"].lower(), m["dir"].lower()
        if direction in ("after", "before"):
            found = self._event_date(m.end())
            if found is None:
                return None  # "a week after the summit", a summit the story does not date
            if found:  # "A week after the summit, Beijing suspended ...": the summit's date and the span
                base, base_precision = found
                return self._shifted(base, base_precision, n, unit, 1 if direction == "after" else -1)
            noun = clause_event(self.text, m.end())  # "A day after the talks ended, the US eased curbs"
            dated = self.timeline.date_of(noun) if noun else None
            if dated and OPENS_SENTENCE.search(self.text, max(0, m.start() - 12), m.start()):
                return self._shifted(dated[0], dated[1], n, unit, 1 if direction == "after" else -1)
        clause = direction in ("after", "before") and _CLAUSE_FOLLOWS.match(self.text, m.end())
        # "five days later" counts from the date named last, and so does "came a day after the agency acted";
        # "comes two weeks after the agency acted" counts from now, the publication date.
        now = direction == "ago" or (clause and _PRESENT_BEFORE.search(self.text, 0, m.start()))
        told_past = clause and self.anchor is not None  # "The announcement came a day after ...": both have happened
        base_mention = None if now else self.last_at(_UNIT_PRECISION[unit], self.anchor if told_past else None)
        base, base_precision = base_mention or (self.anchor, "day")
        if base is None:
            return None
        sign = 1 if direction in ("later", "after") else -1
        if direction in ("after", "before") and _GERUND_FOLLOWS.match(self.text, m.end()):
            return None
        if clause:
            sign = -sign  # "X came a day after Y did Z": the phrase dates Z, the clause it introduces
        return self._shifted(base, base_precision, n, unit, sign)

    @staticmethod
    def _shifted(base: date, base_precision: Precision, n: int, unit: str, sign: int):
        """`base` moved by n units, at the precision the unit and the base allow."""
        if unit == "day":
            value, precision = base + timedelta(days=sign * n), "day"
        elif unit == "week":
            centre = base + timedelta(days=sign * 7 * n)
            value, precision = _week_span(centre - timedelta(days=3), centre + timedelta(days=3))
        elif unit == "month":
            value, precision = _add_months(base, sign * n), "month"
        else:
            value, precision = date(base.year + sign * n, 1, 1), "year"
        precision = _coarser(precision, base_precision)
        return _coarsen(value, precision), precision, True

    def _chain_day(self, m: re.Match):
        """"The following day" after the date named last: a day later, or that month or year when it was named
        no finer ("its January decision ..., and a probe launched the following day")."""
        if self.last is None:
            return None
        value, precision = self.last
        if m["week"] and precision == "day":
            value, precision = _week_span(value - timedelta(days=value.weekday()), value + timedelta(days=6 - value.weekday()))
        if precision != "day":
            return value, precision, True
        if not (m["prev"] or m["before"] or m["next"]):
            return value, "day", True  # "the same day"
        return value + timedelta(days=-1 if m["prev"] or m["before"] else 1), "day", True

    def _weekday(self, m: re.Match):
        if not self.anchor:
            return None
        wd = weekday_number(m["weekday"])
        which = (m["which"] or "on").lower()
        back = (self.anchor.weekday() - wd) % 7
        if which == "last" and back == 0:
            back = 7
        if which in ("next", "by", "until", "from") or (which == "this" and self._looks_ahead(m.start())):
            ahead = (wd - self.anchor.weekday()) % 7 or 7
            return self.anchor + timedelta(days=ahead), "day", True
        return self.anchor - timedelta(days=back), "day", True

    def _month(self, m: re.Match):
        month = month_number(m["month"])
        if m["month"] == "May" and not (m["which"] or m["part"] or m["rel"]):
            return None  # a capitalised modal verb ("May I ..."), not the month
        if not self.anchor:
            return None
        which = (m["which"] or "").lower()
        if which == "last":
            year = self.anchor.year - 1 if month >= self.anchor.month else self.anchor.year
        elif which == "next":
            year = self.anchor.year + 1 if month <= self.anchor.month else self.anchor.year
        else:
            future = which in ("from", "until", "by") or self._looks_ahead(m.start())
            year = _month_year(month, self.anchor, m["rel"], future)
        return date(year, month, 1), "month", True

    def _looks_ahead(self, pos: int, end: int | None = None) -> bool:
        """Whether the words before the phrase at `pos` (or after it, up to `end`'s clause) look ahead."""
        line_start = self.text.rfind("\n", max(0, pos - 60), pos) + 1  # only the window's part: linear in the text
        window = self.text[max(line_start, pos - 60):pos]
        if FUTURE_CUE.search(window):
            return True
        return end is not None and bool(FUTURE_AFTER.match(self.text, end))


def _quarter_number(m: re.Match) -> int:
    return int(m["q"][1]) if m["q"] else ORDINAL_QUARTERS[m["ord"].lower()]


def _hint_year(text: str) -> int | None:
    """The latest explicit year the text names, used to pin a weekday-with-date when no anchor is known."""
    years = [int(m["year"]) for m in BARE_YEAR.finditer(text) if FIRST_YEAR <= int(m["year"]) <= LAST_YEAR]
    return max(years) if years else None


def find_dates(text: str, anchor: date | None) -> list[DateMention]:
    """All date phrases in `text`, resolved against `anchor` (the publication date) where relative.

    Mentions come in text order and never overlap; offsets slice `text` to the phrase (a leading
    "in"/"on" is left out).
    """
    resolver = _Resolver(text, anchor, None if anchor else _hint_year(text))
    mentions: list[DateMention] = []
    for cand in _candidates(text):
        if cand.start < resolver.phrase_end:
            continue  # inside the event a span phrase counted from ("a week after the October 30 summit")
        resolved = resolver.resolve(cand)
        if resolved is None or resolved[0] is None:
            continue
        value, precision, relative = resolved
        start = _trim_lead(text, cand)
        end = max(cand.end, resolver.phrase_end) if resolver.phrase_end > cand.start else cand.end
        while end > start and text[end - 1] in " ,":
            end -= 1
        quarter = _quarter_number(cand.match) if cand.kind == "quarter" else None
        mentions.append(DateMention(start, end, value, precision, relative, quarter))
        resolver.remember(value, precision, start, end)
    return mentions


# "SINGAPORE, 2 January 2025 —", "TOKYO, July 24, 2023 -", "BEIJING, Jan 2 (Reuters) -",
# "BEIJING/SHANGHAI, July 29, 2025 (Wire) -", "JINAN, China, March 6, 2026 /AsiaWire/ --"
DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Za-z.'-]*(?:[\s/]+[A-Z][A-Za-z.'-]*){0,5})(?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?,\s+"
    r"(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?))"
    r"\s*(?:\([^)]{1,30}\)\s*|/[^/\n]{1,30}/\s*)?[-—–]")
# A short line near the top that carries the date the page was written: "Monday, 29 September 2025",
# "Sector note | Tuesday, 24 March 2026", "Issue 84 | Friday, 29 August 2025".
HEADER_LINE_WORDS = 12
HEADER_LINES = 6


# A line that reads as a sentence of the story (it ends with a full stop): not a header.
PROSE_LINE = re.compile(r"[a-z]\w*[.!?][\"'”’)]*$")


def _yearless_dateline(phrase: str, hint_year: int | None, today: date) -> date | None:
    """ "Jan 2" in a dateline ("BEIJING, Jan 2 (Reuters) -"): in the latest year the text names, else the
    latest such day not after today."""
    for rx in (MONTH_DAY, DAY_MONTH):
        m = rx.match(phrase)
        if not m or m["year"]:
            continue
        month, day = month_number(m["month"]), int(m["day"])
        if hint_year and (d := _safe_date(hint_year, month, day)):
            return d
        this_year = _safe_date(today.year, month, day)
        if this_year and this_year <= today:
            return this_year
        return _safe_date(today.year - 1, month, day)
    return None


# Before a full date on one of the first lines: a wire's dateline whose place DATELINE does not take
# ("BEIJING/SHANGHAI, July 29, 2025 (Wire) -", "JINAN, China, March 6, 2026 /Wire/ --")
DATELINE_PLACE = re.compile(r"(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*(?:\s*/\s*|,\s*))+")
DATELINE_AFTER = re.compile(r"\s*(?:\([^)]{1,40}\)|/[^/\n]{1,40}/)?\s*(?:-{1,2}|—|–)")
HEADER_CHARS = 100
# A first line this long holds the page's header run together with its text ("Issue 212 · Monday, 15 September 2025
# Good morning. ..."): its first FLAT_HEAD_CHARS characters are split at separators and sentence ends.
FLAT_LINE_CHARS, FLAT_HEAD_CHARS = 300, 400
FLAT_HEADER_SPLIT = re.compile(r"\s+[|·•]\s+|(?<=[a-z][.!?])\s+")
FLAT_DATE_AFTER = re.compile(r"\s*(?:$|[|·•—–-]|[A-Z])")  # the date line ends, or the text runs on without a stop
# what may stand before the date on a header line: nothing, a separator, or "Posted", "Updated" ... (not
# "to spend $10bn by": a deadline in a headline is not the page's date)
HEADER_LEAD = re.compile(r"(?:^|[|·•—–\-,/]\s*|\b(?:posted|published|updated|dated)(?:\s+on)?:?\s+)$", re.I)


def _header_date(line: str) -> date | None:
    """The full date (day, month and year) a header line states: a short line that is not a sentence of
    the story and states one full date ("Issue 84 | Friday, 29 August 2025"), or a wire's dateline that
    DATELINE does not take ("JINAN, China, March 6, 2026 /Wire/ --")."""
    head = line[:HEADER_CHARS]
    found = [d for d in find_dates(head, None) if d.precision == "day" and not d.relative]
    if not found:
        return None
    if (len(line.split()) <= HEADER_LINE_WORDS and not PROSE_LINE.search(line) and len(found) == 1
            and HEADER_LEAD.search(head, 0, found[0].start) is not None):
        return found[0].value
    for mention in found:
        if (re.search(r"\b(?:19|20)\d\d\b", head[mention.start:mention.end])
                and DATELINE_PLACE.fullmatch(head, 0, mention.start) is not None
                and DATELINE_AFTER.match(line, mention.end) is not None):
            return mention.value
    return None


def infer_anchor_date(text: str, today: date | None = None) -> date | None:
    """The publication date the text itself implies, when the page states none.

    A dateline in one of the first lines ("SINGAPORE, 2 January 2025 —") gives it outright (one without a
    year, "BEIJING, Jan 2 (Reuters) -", takes the latest year the text names, else the last past Jan 2), and
    so does a short header line that states one full date ("Issue 84 | Friday, 29 August 2025"). Otherwise a
    weekday stated with a month and day ("on Monday (January 20)") pins a year; the article is then dated
    to the latest such pinned day, and the year chosen is the one closest to the latest year the text names
    (with no year named, the latest one not after `today`, which defaults to the clock's date).
    """
    hint = _hint_year(text)
    lines = [line.strip() for line in text.lstrip().split("\n") if line.strip()][:HEADER_LINES]
    for line in lines:
        match = DATELINE.match(line)
        if match:
            found = [d for d in find_dates(match["date"], None) if d.precision == "day"]
            if found:
                return found[0].value
            yearless = _yearless_dateline(match["date"], hint, today or date.today())
            if yearless:
                return yearless
        header = _header_date(line)
        if header:
            return header
    if lines and len(lines[0]) > FLAT_LINE_CHARS:  # a page whose header was flattened into its first line:
        pieces = [p.strip() for p in FLAT_HEADER_SPLIT.split(lines[0][:FLAT_HEAD_CHARS]) if p.strip()]
        for piece in pieces[:HEADER_LINES]:  # its separators and sentence ends stand for line breaks, and a piece
            found = find_dates(piece[:HEADER_CHARS], None)  # opening with a full date is the header's date line
            if found and found[0].start == 0 and found[0].precision == "day" and not found[0].relative \
                    and FLAT_DATE_AFTER.match(piece, found[0].end):
                return found[0].value
    pinned: list[date] = []
    for m in MONTH_DAY.finditer(text):
        if m["weekday"] and not m["year"]:
            month, day = month_number(m["month"]), int(m["day"])
            year = _pinned_year(month, day, weekday_number(m["weekday"]), None, hint, today)
            if year and (d := _safe_date(year, month, day)):
                pinned.append(d)
    return max(pinned) if pinned else None
