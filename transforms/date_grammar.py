"""The English date grammar's vocabulary and patterns: month, weekday and number words, and one regex per
kind of date phrase ("January 20, 2025", "Q1 2025", "last week", "three months ago", ...), with the cue words
each needs (a text lacking them is not scanned with it). `transforms/dates.py` resolves what they match."""
from __future__ import annotations

import re
from typing import Literal

from transforms.story_timeline import event_phrase

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
# "the following month", "the previous month": relative to the date named just before (round 8: "In October 2024 ...
# The following month the Commerce Department ordered ..." is November)
CHAINED_MONTH = re.compile(r"\bthe\s+(?:(?P<prev>previous|prior|preceding)|(?P<foll>following|next))\s+month\b", re.I)
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
# "Friday the 7th": a weekday with its day of the month, the month left to the story's time
WEEKDAY_NTH = re.compile(rf"\b(?:(?i:on|since|by|until|from)\s+)?{_WEEKDAY}\s+the\s+(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b")
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
SCHEDULE_BEFORE = re.compile(r"\b(?:effective|with\s+effect\s+from|starting|from|until|till|through|by|expires?|"
                              r"expiring|due|takes?\s+effect|come\s+into\s+force|comes\s+into\s+force)\s+(?:on\s+)?$", re.I)

# A verb in the present right before "two weeks after ...": the span counts back from now.
PRESENT_BEFORE = re.compile(r"\b(?:comes|come|is|are|arrives|arrive|lands|land|follows|follow)\s+$")
UNIT_PRECISION: dict[str, Precision] = {"day": "day", "week": "day", "month": "month", "year": "year"}
# After "a day after" / "three months before": a clause (a word), not the end of the sentence.
CLAUSE_FOLLOWS = re.compile(r"\s+(?:the\s+|a\s+|an\s+|its\s+|it\s+|[A-Z])")
# After "one week before" / "two days after": an event told by a verb in -ing ("before leaving office"),
# whose own date the text does not give, so the phrase cannot be resolved.
GERUND_FOLLOWS = re.compile(r"\s+(?:\w+ly\s+)?[a-z]\w*ing\b")  # not a name: "a day after Beijing suspended ..."

# Words just before a month name that say it lies ahead of the publication date.
# Words before a month name that say it lies ahead of the publication date: "from", "until", "starting" right
# before it ("effective from early March"), or a future verb in its own clause ("will take effect in March");
# "a sharp turn from the Biden administration, which in January imposed ..." looks back.
FUTURE_CUE = re.compile(r"\b(?:from|starting|start|begin|beginning|due|until|till|effective)\s+(?:on\s+|in\s+)?"
                        r"(?:(?:early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)[-\s]+)?$"
                        r"|\b(?:will|would|expected|scheduled|take\s+effect|takes\s+effect|come\s+into\s+force|"
                        r"comes\s+into\s+force|set\s+to|plans?\s+to)\b[^.,;:—–]*$", re.I)


# A start told in the past: "required licences for the H20 from April", "a halt, from early October, on ..." (the
# month lies behind the article, unless a word of the future stands in the window: "will be banned from April").
PAST_START_BEFORE = re.compile(r"\b(?:required|imposed|introduced|banned|barred|halted|blocked|restricted|limited|capped|"
                               r"suspended|paused|stopped|curbed|a\s+halt|a\s+ban|a\s+pause|a\s+freeze)\b[^.;:]{0,70}"
                               r"(?:\bfrom\s+(?:(?:early|mid|late)[-\s]+)?)?$", re.I)
FUTURE_WORDS = re.compile(r"\b(?:will|would|shall|is\s+to|are\s+to|plans?|planned|expected|set\s+to|due|scheduled|"
                          r"going\s+to|is|are|be)\b", re.I)


def past_start(text: str, pos: int) -> bool:
    """ "required licences for the H20 from April", "a halt, from early October, on exports": a start told with a past
    verb or an act's noun and no word of the future before the month at `pos`, so the month lies behind (round 8)."""
    line_start = text.rfind("\n", max(0, pos - 80), pos) + 1
    window = text[max(line_start, pos - 80):pos]
    return bool(PAST_START_BEFORE.search(window)) and window.rstrip().lower().endswith(
        ("from", "from early", "from mid", "from late")) and not FUTURE_WORDS.search(window)


# Words just after a date that say it lies ahead ("On March 3 the committee will vote").
FUTURE_AFTER = re.compile(r"[^.;\n]{0,50}?\b(?:will|would|shall|is due|are due|is expected|are expected|is scheduled|"
                          r"are scheduled|takes effect|take effect|comes into force|come into force)\b", re.I)
PAST_SLACK_DAYS = 7
# A past verb of telling right before a date: the date is when it was told, whatever the clause after it looks ahead to
# ("announced on 15 January that from 1 April it would extend ...": the January before the article).
TOLD_BEFORE = re.compile(r"\b(?:announced|said|told|declared|confirmed|revealed|published|issued|signed|wrote|reported|"
                         r"disclosed|unveiled|decided|agreed)\s+(?:on\s+|in\s+)?$", re.I)


# The grammar, by kind of phrase; at one start the longest match wins, then the earlier kind.
DATE_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("iso", ISO_DATE), ("month_day", MONTH_DAY), ("day_month", DAY_MONTH), ("month_year", MONTH_YEAR),
    ("quarter", QUARTER), ("fiscal", FISCAL_YEAR), ("part_year", PART_OF_YEAR), ("rel_year", RELATIVE_YEAR),
    ("chain_year", CHAINED_YEAR), ("chain_month", CHAINED_MONTH), ("rel_month", RELATIVE_MONTH), ("rel_week", RELATIVE_WEEK),
    ("rel_day", RELATIVE_DAY), ("season", SEASON), ("ago", AGO), ("anchored", ANCHORED_SPAN), ("chain_day", CHAINED_DAY), ("weekday_nth", WEEKDAY_NTH),
    ("weekday", WEEKDAY_ALONE),
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
    "chain_month": (("month",),),
    "rel_month": (("month",),),
    "rel_week": (("week",),),
    "rel_day": (("today", "yesterday", "tomorrow"),),
    "season": (("spring", "summer", "autumn", "fall", "winter"),),
    "ago": (("day", "week", "month", "year"), ("ago", "earlier", "before", "later", "after", "previously")),
    "chain_day": (("day", "week"),),
    "anchored": (("after", "before", "following", "within"),),
}
