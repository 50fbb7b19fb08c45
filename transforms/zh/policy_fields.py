"""The magnitude and target of a Chinese policy trigger: a percentage, a number of days or of listed things
near it, and the words it aims at (read in the folded sentence, cut from the original one)."""
from __future__ import annotations

import re

from transforms.policy_lexicon import ActorMention, TriggerMatch
from transforms.zh.numbers import parse_number
from transforms.zh.policy_actors import CLAUSE_BREAK

PERCENT = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*(?:%|％|个百分点)|百分之(?P<cn>[一二三四五六七八九十百]+)")
DAYS = re.compile(r"(?<![月\d])(?P<num>\d+)\s*(?:天|个工作日|個工作日|日(?=内|之内|以内|內))")
COUNT = re.compile(r"(?P<num>\d{1,3}(?:,\d{3})+|\d+)\s*(?:个|家|项|名|間|间)[^，。；\d]{0,5}?(?:实体|企业|公司|机构|个人|组织)")
MAGNITUDE_WINDOW = 40
TARGET_CHARS = 24
# Words that open a clause before what it is about: times, "宣布", "于", "对" ... (left out of a target).
TARGET_LEAD = re.compile(r"(?:[\s，。；：于在将已对自从向起并也还又再则即]|宣布|决定|表示|称|正式|首次|今日|近日|日前|"
                         r"(?:19|20)\d\d年|\d{1,2}月|\d{1,2}[日号]|[（(][^（()）]{0,8}[)）]|[上下本]周[一二三四五六日]?|[上下本]月[初底]?)+")


def find_magnitude(trig: TriggerMatch, text: str) -> tuple[float | None, str | None]:
    """A percentage, a number of days or of listed things near the trigger."""
    best: tuple[int, float, str] | None = None
    for regex, unit in ((PERCENT, "percent"), (DAYS, "days"), (COUNT, "units")):
        for m in regex.finditer(text):
            distance = max(m.start() - trig.end if m.start() >= trig.end else trig.start - m.end(), 0)
            if distance > MAGNITUDE_WINDOW:
                continue
            if m.groupdict().get("cn"):
                value = parse_number(m["cn"])
            else:
                value = float(m["num"].replace(",", ""))
            if value is not None and (best is None or distance < best[0]):
                best = (distance, value, unit)
    return (best[1], best[2]) if best else (None, None)


def find_target(trig: TriggerMatch, text: str, actor: ActorMention, original: str | None = None) -> str:
    """What the action aims at: the words after the trigger in its clause, else those between the actor
    and the trigger, else the trigger itself. Offsets are read in the folded `text`, the words cut from the
    `original` sentence (same length), so a traditional article keeps its own characters."""
    source = original if original is not None and len(original) == len(text) else text
    stop = CLAUSE_BREAK.search(text, trig.end)
    end = stop.start() if stop else len(text)
    while end > trig.end and text[end - 1] in "。！？；」”） ":
        end -= 1
    if end - trig.end >= 2:
        return source[trig.start:min(end, trig.start + TARGET_CHARS)]
    clause = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, trig.start)), default=0)
    lo = max(actor.end, clause) if actor.end and actor.end <= trig.start else clause
    lead = TARGET_LEAD.match(text, lo, trig.start)
    lo = lead.end() if lead else lo
    return source[lo:min(trig.end, lo + TARGET_CHARS)] or source[trig.start:trig.end]
