"""The page's own date from its Chinese text, for a page whose metadata gives none: a date line near the top
(2025年12月24日, "2024年11月11日（星期一）　北台灣新報", 发布时间：2025-11-20 09:30) or a wire dateline
(新华社北京12月23日电, 本报上海2025年9月18日讯). The date phrases inside articles are transforms.zh.dates'.
"""
from __future__ import annotations

import re
from datetime import date

from transforms.calendar_days import safe_date

__all__ = ["date_line_date", "dateline_date", "infer_anchor_date"]

_Y = r"(?P<y>(?:19|20)\d\d)"
_M = r"(?P<m>1[0-2]|0?[1-9])"
_D = r"(?P<d>3[01]|[12]\d|0?[1-9])"


# "新华社北京12月23日电", "本报上海2025年9月18日讯", "（本報記者王品涵／台北報導）2025年12月24日"
DATELINE = re.compile(rf"(?:社|报|報|网|網|台|站|刊)[^\s，。、]{{0,10}}?(?:{_Y}\s*年)?\s*{_M}\s*月\s*{_D}\s*日\s*(?:电|電|讯|訊)")
DATE_LINE = re.compile(r"^[\s（(）)【\[\]】\w／/·：:|｜]{0,40}?(?<!\d)(?P<y>(?:19|20)\d\d)\s*(?:年|[-/.])\s*(?P<m>1[0-2]|0?[1-9])"
                       r"\s*(?:月|[-/.])\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*日?"
                       r"(?:\s*[（(]?(?:星期|周|週|礼拜|禮拜)[一二三四五六日天][)）]?)?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
                       r"(?P<rest>[^。，,！？!?；;]{0,40})$")


def infer_anchor_date(text: str) -> date | None:
    """The publication date the text implies: a date line in the first lines (a full date with at most a
    weekday, a time, an outlet or a byline beside it: "2025年12月24日", "2024年11月11日（星期一）　北台灣新報",
    "发布时间：2025-11-20 09:30"), else a wire dateline ("新华社北京12月23日电"; a dateline without its year
    takes the year the text names most often, the later on a tie)."""
    for line in text.lstrip().split("\n")[:6]:
        if (found := date_line_date(line)) is not None:
            return found
    return dateline_date(text)


def date_line_date(line: str) -> date | None:
    """The date of a line that is a date line (see infer_anchor_date), else None."""
    found = DATE_LINE.match(line.strip())
    return safe_date(int(found["y"]), int(found["m"]), int(found["d"])) if found else None


def dateline_date(text: str, year: int | None = None) -> date | None:
    """The date of a wire dateline in the first lines ("新华社北京12月23日电", "本报上海2025年9月18日讯"); a
    dateline without its year takes `year`, else the year the text names most often (the later on a tie)."""
    head = "\n".join(text.lstrip().split("\n")[:6])
    match = DATELINE.search(head)
    if not match:
        return None
    if match["y"]:
        year = int(match["y"])
    elif year is None:
        counts: dict[int, int] = {}
        for y in re.findall(r"(?<!\d)((?:19|20)\d\d)\s*年", text):
            counts[int(y)] = counts.get(int(y), 0) + 1
        year = max(counts, key=lambda y: (counts[y], y)) if counts else None
    return safe_date(year, int(match["m"]), int(match["d"])) if year is not None else None
