"""The date an article's own text gives it when the page states none: a wire's dateline ("SINGAPORE,
2 January 2025 —", "BEIJING, Jan 2 (Reuters) -"), a short header line with one full date ("Issue 84 |
Friday, 29 August 2025"), else a weekday stated with a month and day ("on Monday (January 20)").

`story_anchor` is the day a story's relative phrases count from: the page's date, or its dateline's day when a
site posted a wire story a day or two after it was filed."""
from __future__ import annotations

import re
from datetime import date

from transforms.calendar_days import month_number, pinned_year, safe_date, weekday_number
from transforms.date_grammar import DAY_MONTH, MONTH_DAY
from transforms.dates import find_dates, hint_year


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
        if hint_year and (d := safe_date(hint_year, month, day)):
            return d
        this_year = safe_date(today.year, month, day)
        if this_year and this_year <= today:
            return this_year
        return safe_date(today.year - 1, month, day)
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


# a line that is only a date in figures, day first or month first: "16/05/2024", "5.16.2024" (taken only when the
# day is over 12, so that the order is not in doubt)
NUMERIC_DATE_LINE = re.compile(r"^(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)$")
# what a header separates its fields with: not words of the header ("| WEEKLY | Issue 112 · Thursday ... |")
SEPARATOR_TOKEN = re.compile(r"^[|·•—–\-/]+$")


def _numeric_date_line(line: str) -> date | None:
    """The date of a line that holds only a date in figures whose day and month cannot be mistaken ("16/05/2024")."""
    match = NUMERIC_DATE_LINE.match(line)
    if not match:
        return None
    a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
    if a > 12 >= b:
        return safe_date(year, b, a)
    if b > 12 >= a:
        return safe_date(year, a, b)
    return None


def _header_date(line: str) -> date | None:
    """The full date (day, month and year) a header line states: a short line that is not a sentence of
    the story and states one full date ("Issue 84 | Friday, 29 August 2025"; its separators are no words), a
    line holding only a date in figures ("16/05/2024", day and month beyond doubt), or a wire's dateline that
    DATELINE does not take ("JINAN, China, March 6, 2026 /Wire/ --")."""
    numeric = _numeric_date_line(line)
    if numeric:
        return numeric
    head = line[:HEADER_CHARS]
    found = [d for d in find_dates(head, None) if d.precision == "day" and not d.relative]
    if not found:
        return None
    words = [w for w in line.split() if not SEPARATOR_TOKEN.match(w)]
    if (len(words) <= HEADER_LINE_WORDS and not PROSE_LINE.search(line) and len(found) == 1
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
    hint = hint_year(text)
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
            year = pinned_year(month, day, weekday_number(m["weekday"]), None, hint, today)
            if year and (d := safe_date(year, month, day)):
                pinned.append(d)
    return max(pinned) if pinned else None


DATELINE_LAG_DAYS = 3  # how long after its dateline a page may post a wire story


def dateline_date(text: str, not_after: date) -> date | None:
    """The day of a wire's dateline in one of the first lines ("WASHINGTON, Nov 20 (Wire) -"); a dateline without a
    year is the latest such day not after `not_after`."""
    lines = [line.strip() for line in text.lstrip().split("\n") if line.strip()][:HEADER_LINES]
    for line in lines:
        match = DATELINE.match(line)
        if match:
            found = [d for d in find_dates(match["date"], None) if d.precision == "day"]
            return found[0].value if found else _yearless_dateline(match["date"], None, not_after)
    return None


def story_anchor(text: str, published: date | None) -> date | None:
    """The day "yesterday", "on Monday" and "last week" count from: the page's publication date, unless the story's
    own dateline names a day up to DATELINE_LAG_DAYS before it (a wire story filed on Thursday and posted on
    Friday: its "yesterday" is Wednesday); with no publication date, the date the text implies."""
    if published is None:
        return infer_anchor_date(text)
    filed = dateline_date(text, published)
    if filed is not None and 0 < (published - filed).days <= DATELINE_LAG_DAYS:
        return filed
    return published
