"""The years of spend facts from the Chinese date phrases (transforms.zh.dates): every dated mention's year but
relative days (上周二; but 去年7月16日 tells its year) and deadlines, fiscal years marked (2026财年), spans dated by their first year (2025年至2026年, 2026—2028财年), and
multi-year plans (未来三年) dated from the publication year, or from the year they were announced in when the
text tells it (2025年2月宣布的未来三年).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from transforms.dates import DateMention
from transforms.spend_years import YearMention
from transforms.zh.date_grammar import DEADLINE_BEFORE, FISCAL_YEAR, RECENT
from transforms.zh.dates import find_dates

__all__ = ["ZhYear", "find_years"]

MULTI_YEAR = re.compile(r"(?:未来|未來|今后|今後|接下来|接下來|往后|往後)?(?P<n>[二两兩三四五六七八九十]|\d)年(?:内|內|间|間|期间|期間)?"
                        r"(?=投入|投资|投資|累计|累計|内|內|间|間|[\d一二三四五六七八九十百千][\d,.一二三四五六七八九十百千]*多?[亿億万萬])|(?:未来|未來|今后|今後)(?P<n2>[二两兩三四五六七八九十]|\d)年")


# The first year of a span the date grammar read only the end of ("2026—2028财年", "2026至2028财年").
SPAN_OPENING = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*(?:年|财年|財年)?\s*(?:—|–|-|~|～|至|到)\s*$")
# A relative year written in a day's phrase ("去年7月16日", "今年3月初"): the day is relative, its year is told.
YEAR_WORD = re.compile(r"(?:去|今|明|前|后|後)年")


# Between a date and the multi-year plan it dates: the plan was announced then ("2025年2月宣布的未来三年投入……").
ANNOUNCED_PLAN = re.compile(r"[^，。；,;]{0,6}?(?:宣布|宣佈|公布|公佈|提出|制定|发布|發布|推出|披露)(?:的)?")


@dataclass(frozen=True)
class ZhYear(YearMention):
    """A spend year; `fiscal` when it names a company's fiscal year (2026财年), `plan` when it dates a
    multi-year plan by its first year (未来三年)."""

    fiscal: bool = False
    plan: bool = False


def find_years(text: str, anchor: date | None, dates: list[DateMention] | None = None) -> list[ZhYear]:
    """Year phrases for spend facts, in order: every dated mention's year (written-out days, months too; a
    relative day such as 上周二 dates a report, not a spend, and is left out),
    fiscal years marked, spans dated by their first year, and multi-year plans ("未来三年") by the anchor's.
    `dates`: the text's date mentions, when the caller has them already."""
    years: list[ZhYear] = []
    for mention in find_dates(text, anchor) if dates is None else dates:
        phrase = text[mention.start:mention.end]
        if mention.precision == "day" and mention.relative and not YEAR_WORD.search(phrase):
            continue  # "今（5日）", "上周二": they date a report or a meeting; "去年7月16日" names its year
        if RECENT.fullmatch(phrase):
            continue  # "近日": when it was reported, not the year of a spend
        if DEADLINE_BEFORE.search(text, max(0, mention.start - 4), mention.start):
            continue  # "有效期至2028年12月31日": a deadline, not the year of a spend
        start, year = mention.start, mention.value.year
        opened = SPAN_OPENING.search(text, max(0, start - 8), start)
        if opened is not None and int(opened.group("y")) < year:  # "2026—2028财年": dated by its first year
            start, year = opened.start(), int(opened.group("y"))
            years = [y for y in years if y.end <= start]  # "2026年—2028财年": one span, not its first year again
        years.append(ZhYear(start, mention.end, year, not mention.relative, fiscal=bool(FISCAL_YEAR.search(phrase))))
    if anchor is not None:
        taken = [(y.start, y.end) for y in years]
        for match in MULTI_YEAR.finditer(text):
            if not any(s < match.end() and match.start() < e for s, e in taken):
                told = next((y for y in reversed(years) if y.end <= match.start()
                             and ANNOUNCED_PLAN.fullmatch(text, y.end, match.start())), None)
                years.append(ZhYear(match.start(), match.end(), told.year if told else anchor.year, False, plan=True))
    return sorted(years, key=lambda y: y.start)
