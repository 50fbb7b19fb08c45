"""Date phrases in article text, resolved to calendar dates at an honest precision.

A small grammar of how news copy writes time: absolute dates ("January 20, 2025", "20 January 2025",
"2025-01-20", "September 2024", "Q1 2025", "fiscal 2025", "2024"), dates that lack a year ("Jan. 20",
"on Monday (January 20)", "in December", "at the end of March"), and phrases relative to the
publication date ("last week", "earlier this month", "next year", "on Tuesday", "three months ago")
or to the date mentioned just before ("the previous year", "five days later", "the previous day").

Every mention carries its character span, the resolved value (the first day of the month or year
when the precision is coarser than a day) and the precision the text supports. A relative phrase
that cannot be resolved (no anchor and nothing in the text pins it) yields no mention.

The grammar's words and patterns are in `transforms/date_grammar.py`, the calendar arithmetic in
`transforms/calendar_days.py`, and the article's own date from its dateline or header in
`transforms/datelines.py`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from transforms.calendar_days import (PRECISION_RANK, add_months, coarsen, coarser, latest_weekday_day, month_number,
                                      month_year, nearest_year, number_of, pinned_year, safe_date, shifted, week_span,
                                      weekday_number)
from transforms.cues import cue_text, holds_cues
from transforms.date_grammar import (BARE_YEAR, CLAUSE_FOLLOWS, DATE_PATTERNS, FIRST_YEAR, FUTURE_AFTER, FUTURE_CUE,
                                     GERUND_FOLLOWS, LAST_YEAR, ORDINAL_QUARTERS, PATTERN_CUES, PRESENT_BEFORE,
                                     SCHEDULE_BEFORE, TOLD_BEFORE, UNIT_PRECISION, Precision, past_start)
from transforms.story_timeline import OPENS_SENTENCE, Timeline, anchored_event, clause_event

SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")
CLAUSE_END_AFTER = re.compile(r"[.!?;,](?:\s|$)|\n|\s[—–]\s")


@dataclass(frozen=True)
class DateMention:
    """One date phrase: `text[start:end]`, its value (day 1 / Jan 1 below day precision) and precision."""

    start: int
    end: int
    value: date
    precision: Precision
    relative: bool
    quarter: int | None = None  # 1..4 when the phrase names a quarter (value is then the year)
    # "a day after <clause>": True when the phrase dates that clause, not the one it stands in ("X came a day after
    # Beijing suspended the ban"); False when the clause holds its own date and the phrase dates the main clause ("X,
    # a day after Beijing suspended its ban on Sunday"); `clause_end` is where that clause ends (0: no such clause)
    dates_clause_after: bool = False
    clause_end: int = 0


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    kind: str
    match: re.Match


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
        self.last_day: tuple[date, Precision] | None = None  # the last step of the story named to the day
        self.last_end = 0  # where the phrase of `last` ends
        self.seen: list[tuple[date, Precision]] = []
        self.timeline = Timeline()  # the events the story has dated so far ("a summit ... on October 30")
        self.phrase_end = 0  # where the last phrase ends when it ran on over its event ("after the October 30 summit")
        self.clause_after = False  # the phrase just resolved dates the clause after it ("a day after Beijing acted")
        self.clause_end = 0  # where that clause ends

    def remember(self, value: date, precision: Precision, start: int = 0, end: int | None = None) -> None:
        self.seen.append((value, precision))
        if end is not None:
            self.timeline.note(self.text, start, end, value, precision)
        if not SCHEDULE_BEFORE.search(self.text, max(0, start - 30), start):
            self.last = (value, precision)  # a day it takes effect is no step of the story told
            self.last_end = end if end is not None else start
            if precision == "day":
                self.last_day = (value, precision)

    def last_at(self, finest: Precision, not_after: date | None = None) -> tuple[date, Precision] | None:
        """The latest resolved date at least as fine as `finest` (a bare "2024" is no base for "a day later"),
        and not after `not_after` when given (what "came a day after" counts from has happened)."""
        for value, precision in reversed(self.seen):
            if PRECISION_RANK[precision] <= PRECISION_RANK[finest] and (not_after is None or value <= not_after):
                return value, precision
        return None

    def resolve(self, cand: _Candidate) -> tuple[date, Precision, bool] | None:
        handler = getattr(self, "_" + cand.kind)
        return handler(cand.match)

    def _iso(self, m: re.Match):
        d = safe_date(int(m["year"]), int(m["month"]), int(m["day"]))
        return (d, "day", False) if d else None

    def _month_day(self, m: re.Match):
        month, day = month_number(m["month"]), int(m["day"])
        if m["year"]:
            d = safe_date(int(m["year"]), month, day)
            return (d, "day", False) if d else None
        if m["rel"] and self.anchor:
            year = self.anchor.year + {"this": 0, "last": -1, "next": 1}[m["rel"]]
            d = safe_date(year, month, day)
            return (d, "day", True) if d else None
        if m["weekday"]:
            year = pinned_year(month, day, weekday_number(m["weekday"]), self.anchor, self.hint_year)
            d = safe_date(year, month, day) if year else None
            return (d, "day", self.anchor is not None) if d else None
        if self.anchor:
            d = nearest_year(month, day, self.anchor, self._looks_ahead(m.start(), m.end()))
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

    def _chain_month(self, m: re.Match):
        """ "The following month" after the date named last: the month after it (before it for "the previous month")."""
        base = self.last[0] if self.last else None
        if base is None:
            return None
        return add_months(base, -1 if m["prev"] else 1), "month", True

    def _rel_month(self, m: re.Match):
        if not self.anchor:
            return None
        shift = 1 if m["nxt"] else -1 if m["lst"] else 0
        return add_months(self.anchor, shift), "month", True

    def _rel_week(self, m: re.Match):
        if not self.anchor:
            return None
        monday = self.anchor - timedelta(days=self.anchor.weekday())
        if m["wkend"] or (m["end"] and not m["nxt"]):  # "over the weekend", "last weekend": the latest one past
            saturday = self.anchor - timedelta(days=(self.anchor.weekday() - 5) % 7 or 7)
            value, precision = week_span(saturday, saturday + timedelta(days=1))
            return value, precision, True
        if m["past"]:
            first, last = self.anchor - timedelta(days=7), self.anchor
        elif m["lst"]:
            first, last = monday - timedelta(days=7), monday - timedelta(days=1)
        elif m["nxt"]:
            first, last = monday + timedelta(days=7), monday + timedelta(days=13)
        else:
            first, last = monday, self.anchor
        value, precision = week_span(first, last)
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
            value = base + timedelta(days=sign) if span == "the day" else add_months(base, sign)
            precision = coarser("day" if span == "the day" else "month", base_precision)
            return coarsen(value, precision), precision, True
        shift = 7 if span.endswith(("week", "the week")) else 14 if span.endswith("weeks") else \
            3 if span.endswith(("days", "shortly", "soon")) else 0
        value, precision = base + timedelta(days=sign * shift), "day" if shift == 0 else "month"
        precision = coarser(precision, base_precision)
        return coarsen(value, precision), precision, True

    def _ago(self, m: re.Match):
        n, unit, direction = number_of(m["num"]), m["unit"].lower(), m["dir"].lower()
        if direction in ("after", "before"):
            found = self._event_date(m.end())
            if found is None:
                return None  # "a week after the summit", a summit the story does not date
            if found:  # "A week after the summit, Beijing suspended ...": the summit's date and the span
                base, base_precision = found
                return shifted(base, base_precision, n, unit, 1 if direction == "after" else -1)
            noun = clause_event(self.text, m.end())  # "A day after the talks ended, the US eased curbs"
            dated = self.timeline.date_of(noun) if noun else None
            if dated and OPENS_SENTENCE.search(self.text, max(0, m.start() - 12), m.start()):
                return shifted(dated[0], dated[1], n, unit, 1 if direction == "after" else -1)
        clause = direction in ("after", "before") and CLAUSE_FOLLOWS.match(self.text, m.end())
        # "five days later" counts from the date named last, and so does "came a day after the agency acted";
        # "comes two weeks after the agency acted" counts from now, the publication date.
        now = direction == "ago" or (clause and PRESENT_BEFORE.search(self.text, 0, m.start()))
        told_past = clause and self.anchor is not None  # "The announcement came a day after ...": both have happened
        base_mention = None if now else self.last_at(UNIT_PRECISION[unit], self.anchor if told_past else None)
        base, base_precision = base_mention or (self.anchor, "day")
        if base is None:
            return None
        sign = 1 if direction in ("later", "after") else -1
        if direction in ("after", "before") and GERUND_FOLLOWS.match(self.text, m.end()):
            return None
        if clause:
            stop = CLAUSE_END_AFTER.search(self.text, m.end())
            self.clause_end = stop.start() if stop else len(self.text)
            own = self._clause_date(m.end(), self.clause_end)
            if own is not None:  # "X, a day after Y suspended its ban on Sunday": X is a day after Y's own date
                return shifted(own.value, own.precision, n, unit, sign)
            sign = -sign  # "X came a day after Y did Z": the phrase dates Z, the clause it introduces
            self.clause_after = True
        return shifted(base, base_precision, n, unit, sign)

    def _clause_date(self, pos: int, end: int) -> DateMention | None:
        """The written date of the clause `text[pos:end]` ("a day after the ministry suspended its ban on Sunday"):
        the first one at day or month precision."""
        inner = find_dates(self.text[pos:end], self.anchor)
        return next((d for d in inner if d.precision != "year"  # not "a rule that was due to take effect on May 15"
                     and not SCHEDULE_BEFORE.search(self.text, max(0, pos + d.start - 30), pos + d.start)), None)

    def _chain_day(self, m: re.Match):
        """"The following day" after the date named last: a day later, or that month or year when it was named
        no finer ("its January decision ..., and a probe launched the following day")."""
        if self.last is None:
            return None
        value, precision = self.last
        if precision != "day" and self.last_day is not None and (
                precision == "year" or SENTENCE_BREAK.search(self.text, self.last_end, m.start())):
            # a bare year ("rose between 2022 and 2024") is no day of the story, nor is a month told in an earlier
            # sentence ("smuggled in the three months from May. On the same day, ..."): the last day named is
            value, precision = self.last_day
        if m["week"] and precision == "day":
            value, precision = week_span(value - timedelta(days=value.weekday()), value + timedelta(days=6 - value.weekday()))
        if precision != "day":
            return value, precision, True
        if not (m["prev"] or m["before"] or m["next"]):
            return value, "day", True  # "the same day"
        return value + timedelta(days=-1 if m["prev"] or m["before"] else 1), "day", True

    def _weekday_nth(self, m: re.Match):
        """ "Friday the 7th": the latest day of that number falling on that weekday, not after the anchor."""
        d = latest_weekday_day(self.anchor, weekday_number(m["weekday"]), int(m["day"])) if self.anchor else None
        return (d, "day", True) if d else None

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
            future = (which in ("from", "until", "by") or self._looks_ahead(m.start())) \
                and not (which in ("from", "") and past_start(self.text, m.start("month")))
            year = month_year(month, self.anchor, m["rel"], future)
        return date(year, month, 1), "month", True

    def _looks_ahead(self, pos: int, end: int | None = None) -> bool:
        """Whether the words before the phrase at `pos` (or after it, up to `end`'s clause) look ahead."""
        line_start = self.text.rfind("\n", max(0, pos - 60), pos) + 1  # only the window's part: linear in the text
        window = self.text[max(line_start, pos - 60):pos]
        if FUTURE_CUE.search(window):
            return True
        return end is not None and not TOLD_BEFORE.search(window) and bool(FUTURE_AFTER.match(self.text, end))


def _quarter_number(m: re.Match) -> int:
    return int(m["q"][1]) if m["q"] else ORDINAL_QUARTERS[m["ord"].lower()]


def hint_year(text: str) -> int | None:
    """The latest explicit year the text names, used to pin a weekday-with-date when no anchor is known."""
    years = [int(m["year"]) for m in BARE_YEAR.finditer(text) if FIRST_YEAR <= int(m["year"]) <= LAST_YEAR]
    return max(years) if years else None


def find_dates(text: str, anchor: date | None) -> list[DateMention]:
    """All date phrases in `text`, resolved against `anchor` (the publication date) where relative.

    Mentions come in text order and never overlap; offsets slice `text` to the phrase (a leading
    "in"/"on" is left out).
    """
    resolver = _Resolver(text, anchor, None if anchor else hint_year(text))
    mentions: list[DateMention] = []
    for cand in _candidates(text):
        if cand.start < resolver.phrase_end:
            continue  # inside the event a span phrase counted from ("a week after the October 30 summit")
        resolver.clause_after, resolver.clause_end = False, 0
        resolved = resolver.resolve(cand)
        if resolved is None or resolved[0] is None:
            continue
        value, precision, relative = resolved
        start = _trim_lead(text, cand)
        end = max(cand.end, resolver.phrase_end) if resolver.phrase_end > cand.start else cand.end
        while end > start and text[end - 1] in " ,":
            end -= 1
        quarter = _quarter_number(cand.match) if cand.kind == "quarter" else None
        mentions.append(DateMention(start, end, value, precision, relative, quarter, resolver.clause_after,
                                    resolver.clause_end))
        resolver.remember(value, precision, start, end)
    return mentions
