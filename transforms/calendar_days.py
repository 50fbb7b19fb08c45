"""Calendar arithmetic for the date grammar (transforms/dates.py): month and weekday names, safe dates,
the year a month-day or a weekday-with-date falls in, and precisions (day, month, year) compared and applied."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Iterable

from transforms.date_grammar import MONTHS, NUMBER_WORDS, PAST_SLACK_DAYS, WEEKDAY_YEAR_WINDOW, WEEKDAYS, Precision


def month_number(name: str) -> int:
    """The month number of an English month name or abbreviation ("Sept." -> 9)."""
    return MONTHS[name.lower().rstrip(".")]


def weekday_number(name: str) -> int:
    """Monday=0 ... Sunday=6 for an English weekday name or abbreviation."""
    return WEEKDAYS[name.lower().rstrip(".")]


def number_of(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when the calendar has no such day (month 13, 30 February, year 0)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_months(value: date, months: int) -> date:
    index = value.year * 12 + value.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def nearest_year(month: int, day: int, anchor: date, ahead: bool = True) -> date | None:
    """The month-day nearest the anchor, ties and near-ties going to the past (news reports what happened);
    when the text does not look ahead, the latest one not after the anchor (a week's slack for a page
    dated a little before what it reports): "On 3 March the ministry scrapped ..." in November is past."""
    options = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := safe_date(y, month, day))]
    if not options:
        return None
    if not ahead:
        past = [d for d in options if (d - anchor).days <= PAST_SLACK_DAYS]
        if past:
            return max(past)
    return min(options, key=lambda d: abs((d - anchor).days) * (1 if d <= anchor else 1.5))


def years_with_weekday(month: int, day: int, weekday: int, years: Iterable[int] = WEEKDAY_YEAR_WINDOW) -> list[int]:
    """Years in which month/day falls on `weekday` (Monday=0)."""
    return [y for y in years if (d := safe_date(y, month, day)) and d.weekday() == weekday]


def pinned_year(month: int, day: int, weekday: int, anchor: date | None, hint_year: int | None,
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


def month_year(month: int, anchor: date, rel: str | None, future: bool) -> int:
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


PRECISION_RANK: dict[str, int] = {"day": 0, "month": 1, "year": 2}


def coarser(a: Precision, b: Precision) -> Precision:
    return a if PRECISION_RANK[a] >= PRECISION_RANK[b] else b


def coarsen(value: date, precision: Precision) -> date:
    """The value truncated to its precision (first of the month or of the year)."""
    if precision == "year":
        return date(value.year, 1, 1)
    if precision == "month":
        return date(value.year, value.month, 1)
    return value


def week_span(first: date, last: date) -> tuple[date, Precision]:
    """A span of days reported as the month that holds most of it (its middle day): "last week" from
    Wednesday 5 March is 24 February to 2 March, February."""
    middle = first + (last - first) // 2
    return date(middle.year, middle.month, 1), "month"


def shifted(base: date, base_precision: Precision, n: int, unit: str, sign: int) -> tuple[date, Precision, bool]:
    """`base` moved by n units ("five days later", "a month after"), at the precision the unit and the base allow;
    the third value says the result is relative (as the date grammar's handlers return it)."""
    if unit == "day":
        value, precision = base + timedelta(days=sign * n), "day"
    elif unit == "week":
        centre = base + timedelta(days=sign * 7 * n)
        value, precision = week_span(centre - timedelta(days=3), centre + timedelta(days=3))
    elif unit == "month":
        value, precision = add_months(base, sign * n), "month"
    else:
        value, precision = date(base.year + sign * n, 1, 1), "year"
    precision = coarser(precision, base_precision)
    return coarsen(value, precision), precision, True


WEEKDAY_DAY_MONTHS = 14  # months back a "Friday the 7th" is looked for


def latest_weekday_day(anchor: date, weekday: int, day: int) -> date | None:
    """The latest date not after `anchor` whose day of the month is `day` and which falls on `weekday`
    ("Friday the 7th"), within WEEKDAY_DAY_MONTHS months."""
    year, month = anchor.year, anchor.month
    for _ in range(WEEKDAY_DAY_MONTHS):
        d = safe_date(year, month, day)
        if d and d <= anchor and d.weekday() == weekday:
            return d
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None
