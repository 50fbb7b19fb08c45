"""Chinese date phrases with offsets, resolved against the publication date: the same `DateMention` values
as the English grammar (transforms.dates). The years of spend facts are transforms.zh.years', the page's own
date from a date line or dateline transforms.zh.date_lines'.

The grammar (its patterns in `transforms.zh.date_grammar`), longest match first at each place:
- absolute: 2025年12月23日, 2025-11-20, 2025/12/10, 2025年12月, 2025年, 2025年底 (December), 2026财年 / FY26,
  2025Q2, 2025年第二季度, 2023年十月, and a broker's actual and estimated years (2024A, 2025E);
- year-less, pinned by the publication date: 12月23日 (the latest such day, or the nearest one ahead when the
  sentence looks ahead: "1月17日" in a report of September is January's of that year), 4月 (the latest such month,
  or the next one when the sentence looks ahead: 将/起/计划/预计), 31日 / 本月13日 (this month, or the
  last when the day has not come yet), 9月中旬 / 10月底 / 本月初 (month precision);
- relative: 今年/去年/明年/前年 (with 初/底/上半年/第三季度), 上季度/本季度/下季度, 本月/上月/下月, 今年三月,
  本周/上周/下周 and their weekdays (上周二), 今天/昨日/前天/明天 and 昨晚/今晨/前晚, 三天前 / 两周前 / 六个月前;
  日前/近日/近期/几天前/前些天 (the publication month);
- chained, from the day named just before that is an event's day: 当天/同日 (that day), 次日 (the day after),
  当时/彼时 (the time told just before, at its precision),
  never a day a measure starts from (自11月1日起), a deadline or period end (至12月31日) or a day ahead (定于14日);
- not dates: the year that numbers a document (2025年第61号公告) and its number (某府办发〔2024〕25号);
- a weekday with its date in brackets (上周二（11月25日）, 本月13日（周二）) is one mention, dated by the date.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from transforms.calendar_days import add_months, safe_date
from transforms.dates import DateMention
from transforms.zh.date_grammar import (
    DAY_AFTER_ANCHOR_DAYS, DEADLINE_AFTER, DOCUMENT_NUMBER, FUTURE_CUE, KINDS, KIND_CUES, NOT_EVENT_BEFORE,
    QUARTER_NUMBER, REL_MONTH_SHIFT, REL_YEAR_SHIFT, SENTENCE_END, SMALL_NUMBER, START_CUE, WEEKDAY_NUMBER,
    YEAR_TOLD,
)

__all__ = ["DateMention", "find_dates", "not_an_event_day"]


def _small(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + (SMALL_NUMBER.get(text[1:], 0) if len(text) > 1 else 0)
    if len(text) >= 2 and text[1] == "十":
        return SMALL_NUMBER.get(text[0], 1) * 10 + (SMALL_NUMBER.get(text[2:], 0) if len(text) > 2 else 0)
    return SMALL_NUMBER.get(text, 0)


def rel_quarter(m: re.Match, anchor: date) -> tuple[int, int]:
    """The (year, quarter) 上季度 / 本季度 / 下季度 names, from the publication date."""
    index = anchor.year * 4 + (anchor.month - 1) // 3 + {"上": -1, "下": 1}.get(m["rq"], 0)
    return index // 4, index % 4 + 1


def _candidates(text: str) -> list[tuple[int, int, str, re.Match]]:
    found = []
    chars = set(text)
    for kind, pattern in KINDS:
        cues = KIND_CUES.get(kind)
        if cues and chars.isdisjoint(cues):
            continue
        found.extend((m.start(), m.end(), kind, m) for m in pattern.finditer(text) if m.end() > m.start())
    order = {kind: i for i, (kind, _) in enumerate(KINDS)}
    found.sort(key=lambda c: (c[0], -(c[1] - c[0]), order[c[2]]))
    kept: list[tuple[int, int, str, re.Match]] = []
    for cand in found:
        if not any(cand[0] < k[1] and k[0] < cand[1] for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda c: c[0])


class _Resolver:
    """Turns matches into (value, precision, relative), remembering the last day named for 当天/次日."""

    def __init__(self, text: str, anchor: date | None):
        self.text = text
        self.anchor = anchor
        self.last_day: date | None = None
        self.last_year: int | None = None  # the last year written out, for 当年/同年
        self.last_date: tuple[date, str] | None = None  # the last event date at any precision, for 当时
        self.told_year: tuple[date, int] | None = None  # (date, end) of the last date whose year is written or named

    def resolve(self, kind: str, m: re.Match) -> tuple[date, str, bool] | None:
        return getattr(self, "_" + kind)(m)

    def _full(self, m):
        d = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        return (d, "day", False) if d else None

    _numeric = _full

    def _year_month(self, m):
        return date(int(m["y"]), int(m["m"]), 1), "month", False

    def _year_quarter(self, m):
        return date(int(m["y"]), 1, 1), "year", False

    def _fiscal(self, m):
        year = int(m["y"]) if m["y"] else int(m["fy"]) + (2000 if len(m["fy"]) == 2 else 0)
        return date(year, 1, 1), "year", False

    def _rel_quarter(self, m):
        if self.anchor is None:
            return None
        return date(rel_quarter(m, self.anchor)[0], 1, 1), "year", True

    def _year(self, m):
        return date(int(m["y"]), 1, 1), "year", False

    def _year_part(self, m):
        return date(int(m["y"]), 1 if m["part"] in ("初", "年初") else 12, 1), "month", False

    def _year_ae(self, m):
        return date(int(m["y"]), 1, 1), "year", False

    def _year_span(self, m):
        return date(int(m["y"]), 1, 1), "year", False

    def _rel_year_of(self, m) -> int | None:
        if m["ry"] in ("同年", "当年", "當年"):
            return self.last_year or (self.anchor.year if self.anchor else None)
        return self.anchor.year + REL_YEAR_SHIFT[m["ry"]] if self.anchor else None

    def _rel_year(self, m):
        year = self._rel_year_of(m)
        if year is None:
            return None
        part = m["part"] or ""
        if part in ("初", "年初"):
            return date(year, 1, 1), "month", True
        if part in ("底", "年底", "末", "年末"):
            return date(year, 12, 1), "month", True
        return date(year, 1, 1), "year", True

    def _quarter(self, m):
        if m["y"]:
            return date(int(m["y"]), 1, 1), "year", False
        year = self._rel_year_of(m) if m["ry"] else None
        if year is None and self.anchor is not None:
            number = QUARTER_NUMBER.get(m["q"] or m["q2"] or m["q3"] or "", 1)
            if m["h"]:
                number = 1 if m["h"] == "上" else 3
            year = self.anchor.year if number <= (self.anchor.month - 1) // 3 + 1 else self.anchor.year - 1
        return (date(year, 1, 1), "year", True) if year is not None else None

    def _month_day(self, m):
        month, day = int(m["m"]), int(m["d"])
        if m["ry"]:
            year = self._rel_year_of(m)
            d = safe_date(year, month, day) if year else None
            return (d, "day", True) if d else None
        told = self.sentence_year(m.start())
        if told is not None:  # "荷兰政府去年9月宣布，自9月7日起……": the year the sentence told just before
            d = safe_date(told.year, month, day)
            if d is not None and month < told.month and self._looks_ahead(m.start(), m.end()):
                d = safe_date(told.year + 1, month, day)  # "2024年12月2日宣布，1月2日起生效"
            return (d, "day", True) if d else None
        if self.anchor is None:
            return None
        options = [d for y in (self.anchor.year - 1, self.anchor.year, self.anchor.year + 1) if (d := safe_date(y, month, day))]
        if not options:
            return None
        if self._looks_ahead(m.start(), m.end()):
            best = min(options, key=lambda d: abs((d - self.anchor).days) * (1.5 if d < self.anchor else 1))
        else:  # a report tells what happened: the latest such day, a few days' lag of the page date allowed
            best = max(d for d in options if d <= self.anchor + timedelta(days=DAY_AFTER_ANCHOR_DAYS))
        return best, "day", True

    def sentence_year(self, start: int) -> date | None:
        """The year of a date told earlier in the same sentence with its year written or named (2024年9月,
        去年9月), which a year-less day after it continues; None when there is none."""
        if self.told_year is None or SENTENCE_END.search(self.text, self.told_year[1], start):
            return None
        return self.told_year[0]

    def _this_month_day(self, m):
        if self.anchor is None:
            return None
        base = add_months(self.anchor, REL_MONTH_SHIFT[m["rm"]])
        d = safe_date(base.year, base.month, int(m["d"]))
        return (d, "day", True) if d else None

    def _day(self, m):
        if self.anchor is None:
            return None
        day = int(m["d"])
        base = self.anchor if day <= self.anchor.day or self._looks_ahead(m.start(), m.end()) else add_months(self.anchor, -1)
        d = safe_date(base.year, base.month, day)
        return (d, "day", True) if d else None

    def _cn_month(self, m):
        if m["y"]:
            return date(int(m["y"]), _small(m["cm"]), 1), "month", False
        return self._month(m, _small(m["cm"]))

    def _month(self, m, month: int | None = None):
        month = month or int(m["m"])
        if m["ry"]:
            year = self._rel_year_of(m)
        elif self.anchor is None:
            return None
        else:
            ahead = self._looks_ahead(m.start(), m.end())
            year = self.anchor.year
            if month > self.anchor.month and not ahead:
                year -= 1
            elif month < self.anchor.month and month <= self.anchor.month - 6 and self._looks_ahead(m.start(), m.end(), said=True):
                year += 1  # "将于4月" in November is next April; "4月起实施的" is this year's, started long ago
        return (date(year, month, 1), "month", True) if year else None

    def _rel_month(self, m):
        if self.anchor is None:
            return None
        return add_months(self.anchor, REL_MONTH_SHIFT[m["rm"]]), "month", True

    def _weekday(self, m):
        if m["inner"]:
            inner = [d for d in find_dates(m["inner"], self.anchor) if d.precision == "day"]
            if inner:
                return inner[0].value, "day", inner[0].relative
        if self.anchor is None:
            return None
        wd = WEEKDAY_NUMBER[m["wd"]]
        monday = self.anchor - timedelta(days=self.anchor.weekday())
        rel = m["rw"] or ""
        if rel == "上":
            return monday - timedelta(days=7) + timedelta(days=wd), "day", True
        if rel == "下":
            return monday + timedelta(days=7 + wd), "day", True
        if rel in ("本", "这", "這"):
            return monday + timedelta(days=wd), "day", True
        back = (self.anchor.weekday() - wd) % 7  # a bare weekday: the latest one, today included
        return self.anchor - timedelta(days=back), "day", True

    def _rel_week(self, m):
        if self.anchor is None:
            return None
        monday = self.anchor - timedelta(days=self.anchor.weekday())
        first = {"上": monday - timedelta(days=7), "下": monday + timedelta(days=7)}.get(m["rw"], monday)
        last = first + timedelta(days=6)
        if m["end"]:
            first = first + timedelta(days=5)
        if (first.year, first.month) == (last.year, last.month):
            return date(first.year, first.month, 1), "month", True
        return date(last.year, 1, 1), "year", True

    def _rel_day(self, m):
        if m["inner"]:
            inner = [d for d in find_dates(m["inner"], self.anchor) if d.precision == "day"]
            if inner:
                return inner[0].value, "day", True
        word = m["rd"]
        if word in ("当天", "當天", "当日", "當日", "同日", "同一天", "次日", "翌日"):
            base = self.last_day or self.anchor
            if base is None:
                return None
            return base + timedelta(days=1 if word in ("次日", "翌日") else 0), "day", True
        if self.anchor is None:
            return None
        shift = {"昨天": -1, "昨日": -1, "昨晚": -1, "昨夜": -1, "昨晨": -1, "前天": -2, "前晚": -2, "前夜": -2,
                 "明天": 1, "明日": 1, "明晚": 1}.get(word, 0)
        return self.anchor + timedelta(days=shift), "day", True

    def _then(self, m):
        return (*self.last_date, True) if self.last_date else None

    def _recent(self, m):
        if self.anchor is None:
            return None
        return date(self.anchor.year, self.anchor.month, 1), "month", True

    def _ago(self, m):
        if self.anchor is None:
            return None
        n, unit = _small(m["n"]), m["unit"]
        if unit in ("天", "日"):
            return self.anchor - timedelta(days=n), "day", True
        if unit in ("周", "週", "个星期", "個星期"):
            value = self.anchor - timedelta(days=7 * n)
            return date(value.year, value.month, 1), "month", True
        if unit in ("个月", "個月"):
            return add_months(self.anchor, -n), "month", True
        return date(self.anchor.year - n, 1, 1), "year", True

    def _looks_ahead(self, start: int, end: int, said: bool = False) -> bool:
        """Words before the date say it lies ahead (将, 计划); unless `said` (a future word is needed), so does a
        start word after it (起, 生效)."""
        line_start = self.text.rfind("\n", 0, start) + 1
        return bool(FUTURE_CUE.search(self.text, max(line_start, start - 14), start)
                    or not said and START_CUE.match(self.text, end))


def not_an_event_day(text: str, start: int, end: int) -> bool:
    """A day that 当天/同日 cannot point back to: one a measure starts from (自11月1日起), a deadline or the end
    of a period (至12月31日, 2026年9月13日前), a day still ahead (即将于14日, 定于9月14日), or the day of an
    earlier step the sentence builds on (继去年12月3日……之后)."""
    before = text[max(0, start - 6):start]
    return bool(START_CUE.match(text, end) or NOT_EVENT_BEFORE.search(before) or DEADLINE_AFTER.match(text, end))


def find_dates(text: str, anchor: date | None) -> list[DateMention]:
    """Every date phrase of `text` in order, resolved against `anchor` (the publication date) where relative.

    Spans never overlap; a relative phrase that cannot be resolved (no anchor) gives no mention."""
    resolver = _Resolver(text, anchor)
    mentions = []
    for start, end, kind, match in _candidates(text):
        resolved = resolver.resolve(kind, match)
        if resolved is None:
            continue
        value, precision, relative = resolved
        if precision == "year" and DOCUMENT_NUMBER.match(text, end):
            continue  # "2020年第16号公告": the year of a document's number, no time
        quarter = None
        if kind == "rel_quarter" and anchor is not None:
            quarter = rel_quarter(match, anchor)[1]
        elif kind in ("quarter", "year_quarter"):
            q = match.groupdict().get("q") or match.groupdict().get("q2") or match.groupdict().get("q3")
            quarter = QUARTER_NUMBER.get(q) if q else (1 if match.groupdict().get("first") else None)
        mentions.append(DateMention(start, end, value, precision, relative, quarter))
        if not not_an_event_day(text, start, end):
            resolver.last_date = (value, precision)
            if precision == "day":
                resolver.last_day = value
        if not relative:
            resolver.last_year = value.year
        if kind in YEAR_TOLD and (not relative or match.groupdict().get("ry")):
            resolver.told_year = (value, end)
    return mentions
