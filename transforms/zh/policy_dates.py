"""When a Chinese policy act happened: the date of a trigger's clause, of the sentences before it, or of the
section heading above it (transforms/zh/policy.py asks for these).

A sentence can name many days; only some of them date the act it tells. A day the measure takes effect from
(自11月1日起, 4月1日生效) dates it only when nothing else does; a deadline (期限至2026年11月10日), a date that labels
the measure ("10月9日发布的公告", "拜登政府于1月出台、原定5月15日起适用的《框架》") and the year that labels a
budget ("2026年政府预算案") never do. A sentence without a date of its own continues the event day told just before
it in its paragraph, a list item that of the heading its list hangs from, and else the section heading above
("一、1月13日：《人工智能扩散框架》") dates what it heads. A sentence pointing back to a measure ("美方此次措施……")
takes that measure's day (`measure_day`, `points_back`); an act told as done that nothing dates takes the month of
the report (`news_month`); a day a measure starts from or a step still ahead (将于9月2日刊登) follows an act (`follows`).
A story names an act again later without its date ("拜登时期的扩散规则把……分成三个等级" after "撤销拜登政府今年1月公布的
《框架》"): an undated act (not one told as done, which the report's month dates) takes the time its actor was
told acting in the article (`ActorTimes`), before folding.
"""
from __future__ import annotations

import re
from datetime import date

from transforms.dates import DateMention
from transforms.sentences import Sentence
from transforms.policy_lexicon import ActorMention, TriggerMatch
from transforms.zh.dates import not_an_event_day
from transforms.zh.policy_actors import CLAUSE_BREAK, LIST_MARK

DEADLINE_BEFORE = re.compile(r"(?:至|(?<!回)到|截至|截止|期限至|直至|直到|之前|以前)\s*$")
EFFECTIVE_AROUND = re.compile(r"(?:自|从|由)\s*$")
STEP_AHEAD = re.compile(r"(?:将于|将在|定于|拟于|预定于|预计于|预计将于)\s*$")
# "8月开始发放许可" is when it was done; "原定5月15日正式生效" is the day a measure was to start from
EFFECTIVE_AFTER = re.compile(r"\s*(?:起|(?:正式)?生效|(?:正式)?开始(?:实施|生效|执行|适用|施行))")
# Between a date and the trigger noun it labels: a describing clause opened by the date's verb and closed by
# 的 ("于1月出台、原定5月15日起适用的《人工智能扩散框架》").
LABEL_CLAUSE = re.compile(r"\s*(?:出台|发布|公布|实施|印发|生效|适用|通过|推出)[^，。；,;]{0,24}?的[^，。；,;的]{0,12}")
# Between a year and the measure it labels ("2026年预算案", "2026年政府预算案"): a few characters, no verb.
YEAR_LABEL_GAP = re.compile(r"(?:(?!宣布|公布|发布|通过|决定|批准)[^，。；,;\d]){0,4}")
# A date that names a measure rather than dating the action: "10月9日发布的第55号公告".
ATTRIBUTIVE_AFTER = re.compile(r"\s*(?:发布|公布|宣布|出台|实施|印发|生效)?的")
# A date right before the verb or noun of another kind of event dates that event, not the act of the sentence
# ("对英伟达2020年收购迈络思一案开展反垄断调查": the probe is not of 2020).
OTHER_EVENT_AFTER = re.compile(r"\s*(?:完成|宣布|达成)?(?:的)?(?:收购|并购|合并|兼并|上市|成立|创立|创办|入股|注资|"
                               r"投产|建厂|量产|发售|上市)")
# A date inside the object of a verb or preposition, labelling a noun there ("对英伟达2020年的迈络思收购案展开调查",
# "扩大了2023年10月规则的适用范围"), or the time of another act that labels a noun ("违反了2020年批准收购时作出的承诺").
OBJECT_LEAD = re.compile(r"(?:对|就|针对|违反|违背|扩大|修订|修改|延续|取代|根据|依据|按照|援引|基于|涉及)了?[^，。；,;]{0,8}$")
QUALIFIED_AFTER = re.compile(r"[^，。；,;]{0,12}?(?:的|规则|新规|规定|一案|一事|案)")
TIME_OF_OTHER = re.compile(r"[^，。；,;]{0,16}?(?:时|之时)(?:所)?(?:作出|做出|达成|签署|提出)?的")
# A date of the application a probe answers ("源于……今年7月23日代表国内相关产业递交的申请").
APPLICATION_AFTER = re.compile(r"[^，。；,;]{0,16}?(?:递交|提交|提出)的?(?:申请|申诉)")
ELSEWHERE = re.compile(r"(?:另据|此前|早前|先前|更早|早在|另一方面|事实上)")
# An act told as done ("美国商务部已去函台积电") or under way ("美国政府正考虑……"); not one done long ago (早已, 早就)
# or one that is merely in place (已有, 已经是).
DONE = re.compile(r"(?<![早久])(?:已经|业已|已)(?![有是久经在])"
                  r"|(?:正在|正|目前正|现正)(?=考虑|研究|酝酿|推进|制定|起草|评估|讨论|寻求|计划|准备|筹备|拟定|对|就|开展|进行|审查|调查)")
# Words that point back to a measure told before ("美方此次措施由美国商务部发布", "这是美国今年第二次升级……"):
# the sentence tells more of that measure, and is dated by it.
MEASURE_BACK = re.compile(r"(?<!统)(?:此次|这次|本次|该|这一|这项|上述|此项|该项|这份|该份|这批|此轮|这轮)"
                          r"(?:措施|举措|新规|规则|管制|限制|禁令|制裁|行动|决定|公告|框架|清单|名单|关税|法案|规定|指南)"
                          r"|^\s*(?:这是|此举|此次|这次)")


# An actor, its time and the verb of its act, with at most a bracketed name, a preposition or a time zone between:
# "拜登政府今年1月公布", "美国商务部工业与安全局（BIS）美东时间13日宣布", "日方于3月底正式公布".
ACTOR_TIME_GAP = re.compile(r"[)）]?\s*(?:[（(][^（()）]{1,16}[)）])?\s*(?:于|在|已于|曾于|美东时间|当地时间|北京时间)?\s*$")
ACT_AFTER_TIME = re.compile(r"\s*(?:正式|首次|再次|先后|已)?(?:宣布|公布|发布|出台|推出|实施|通过|签署|印发|颁布|决定|提出)")


class ActorTimes:
    """The last time each actor was told acting ("拜登政府今年1月公布……", "美国商务部13日宣布"), for a story's act
    named again later without its date."""

    def __init__(self) -> None:
        self.times: dict[str, DateMention] = {}

    def note(self, actors: list[ActorMention], dates: list[DateMention], sentence: Sentence, folded: str) -> None:
        for actor in actors:
            if actor.preposition is not None or not actor.country:
                continue
            at = sentence.start + actor.end
            time = next((d for d in dates if at <= d.start <= at + 24
                         and ACTOR_TIME_GAP.fullmatch(folded, at, d.start)
                         and ACT_AFTER_TIME.match(folded, d.end)
                         and not is_start(d, folded, sentence.start)), None)
            if time is not None:
                self.times[actor.actor] = time

    def time_of(self, actor: str) -> DateMention | None:
        return self.times.get(actor)


def is_start(mention: DateMention, folded: str, base: int = 0) -> bool:
    """The day a measure takes effect from (自11月1日起, 4月1日生效), not the day it was decided."""
    return bool(EFFECTIVE_AROUND.search(folded, max(base, mention.start - 2), mention.start)
                or EFFECTIVE_AFTER.match(folded, mention.end))


def follows(mention: DateMention, folded: str) -> bool:
    """A day that follows an act: the day it takes effect from (自11月1日起) or a step still ahead of it ("将于9月2日在
    联邦公报刊登公告"); such a mention joins the act of its kind told shortly before (transforms.policy_fold)."""
    return bool(EFFECTIVE_AROUND.search(folded, max(0, mention.start - 2), mention.start)
                or STEP_AHEAD.search(folded, max(0, mention.start - 4), mention.start))


def choose_date(trig: TriggerMatch, dates: list[DateMention], sentence: Sentence, folded: str,
                refers: bool = False, starts: bool = False) -> DateMention | None:
    """The date of the trigger's clause, else the sentence's opening date, else the nearest before it; a day
    the measure takes effect from only when `starts` (the caller asks after the sentences around gave none).
    A date in a clause that describes the trigger's noun ("拜登政府于1月出台、原定5月15日起适用的《框架》")
    labels the measure when the sentence dates the act too; when the act suspends or lifts a measure
    (`refers`), a date that labels that measure ("10月9日发布的公告") is never the act's own."""
    base = sentence.start
    usable = [d for d in dates if not DEADLINE_BEFORE.search(folded, max(base, d.start - 4), d.start)
              and not (refers and ATTRIBUTIVE_AFTER.match(folded, d.end)) and not dates_other_event(d, folded, base, trig)]
    if not usable:
        return None
    begins = [d for d in usable if is_start(d, folded, base)]
    usable = [d for d in usable if d not in begins]
    if not usable:
        return begins[0] if begins and starts else None  # only the day it takes effect is told
    labels = [d for d in usable if d.end - base <= trig.start and (
        LABEL_CLAUSE.fullmatch(folded, d.end, base + trig.start)
        or (d.precision == "year" and YEAR_LABEL_GAP.fullmatch(folded, d.end, base + trig.start)))]  # "2026年政府预算案"
    usable = [d for d in usable if d not in labels] or usable

    def crossings(d: DateMention) -> int:
        lo, hi = (d.end - base, trig.start) if d.end - base <= trig.start else (trig.end, d.start - base)
        return len(CLAUSE_BREAK.findall(folded, base + lo, base + hi)) if hi > lo else 0

    def gap(d: DateMention) -> int:
        s, e = d.start - base, d.end - base
        return trig.start - e if e <= trig.start else max(0, s - trig.end)

    own = [d for d in usable if crossings(d) == 0]
    if own:
        return finer_start(min(own, key=lambda d: (d.start - base > trig.start, gap(d))), begins)
    opening = [d for d in usable if d.start - base <= 12 and d.end - base <= trig.start]
    if opening:
        return finer_start(opening[0], begins)
    earlier = [d for d in usable if d.end - base <= trig.start]
    # a date that labels a measure in an earlier clause ("撤销拜登政府于1月出台的《框架》，并同步发布三份指引") dates
    # neither that clause's act nor a later one's
    earlier = [d for d in earlier if not LABEL_CLAUSE.match(folded, d.end)] or earlier
    if earlier:
        return finer_start(max(earlier, key=lambda d: d.end), begins)
    # only a day it takes effect dates the act, the sentence's other dates telling something else in another
    # clause ("美国今年4月起要求……须申领许可证，……今年下半年采购放缓")
    return min(begins, key=gap) if begins and starts else None


def finer_start(chosen: DateMention, begins: list[DateMention]) -> DateMention:
    """The day or month a measure started from when it lies inside the coarser time chosen ("荷兰政府去年9月宣布，
    自9月7日起把……纳入出口许可范围": 2024-09-07; "今年4月起" over 今年): the finer time of the same act."""
    for begin in begins:
        if begin.precision == "day" and chosen.precision in ("month", "year") or \
                begin.precision == "month" and chosen.precision == "year":
            same = begin.value.year == chosen.value.year and (
                chosen.precision == "year" or begin.value.month == chosen.value.month)
            if same:
                return begin
    return chosen


def dates_other_event(mention: DateMention, folded: str, base: int, trig: TriggerMatch) -> bool:
    """The date is that of another kind of event named right after it ("英伟达2020年收购迈络思", "今年7月23日……递交的
    申请"), unless that event is the act's own trigger ("大基金三期已于5月24日成立"); or, before the trigger, it labels a noun in the
    object of a verb or preposition ("对英伟达2020年的迈络思收购案展开调查") or tells the time of another act
    that labels one ("违反了2020年……批准收购时作出的承诺")."""
    other = OTHER_EVENT_AFTER.match(folded, mention.end)
    if other is not None and not (base + trig.start < other.end() <= base + trig.end) \
            or APPLICATION_AFTER.match(folded, mention.end):
        return True
    if mention.end <= base + trig.start:
        limit = base + trig.start
    elif base + trig.start <= mention.start and mention.end <= base + trig.end:
        limit = base + trig.end  # inside the trigger: "扩大了2023年10月规则的……" labels the rule it widens
    else:
        return False
    lead = folded[max(base, mention.start - 12):mention.start]
    qualified = QUALIFIED_AFTER.match(folded, mention.end, limit)
    return bool((qualified and OBJECT_LEAD.search(lead)) or TIME_OF_OTHER.match(folded, mention.end, limit))


def measure_day(trig: TriggerMatch, dates: list[DateMention], sentence: Sentence, folded: str) -> DateMention | None:
    """The day or month a trigger's clause gives the measure it names, whether the sentence reports it or reacts to
    it ("美国政府12月2日宣布新一轮出口管制措施后，……表示坚决反对"): what a later sentence pointing back to
    the measure is dated by."""
    day = choose_date(trig, dates, sentence, folded)
    return day if day is not None and day.precision in ("day", "month") else None


def points_back(trig: TriggerMatch, sentence: Sentence, folded: str) -> bool:
    """The sentence points back to a measure told before it, before the trigger ("美方此次措施……", "这是……")."""
    return bool(MEASURE_BACK.search(folded[sentence.start:sentence.start + trig.start]))


def news_month(trig: TriggerMatch, sentence: Sentence, folded: str, anchor: date | None,
               told_done: bool = False) -> DateMention | None:
    """The month the article came out, for an act told as done (已去函, 已经宣布; `told_done`: a suspension or
    lifting, told as news) that nothing dates: a report tells recent news, as 日前 and 近日 do
    (transforms.policy_fold uses it only when no other mention dates the act)."""
    if anchor is None or not (told_done or DONE.search(folded[sentence.start:sentence.start + trig.start])):
        return None
    return DateMention(sentence.start, sentence.start, anchor.replace(day=1), "month", True)


def inherited_date(index: int, sentences: list[Sentence], dates: list[DateMention], folded: str) -> DateMention | None:
    """An undated sentence continues the time of the sentence before it in its paragraph; a list item, that of
    the heading its list hangs from ("据日经8月报道，……设定了目标：" over "- 北京市：……"); else the date of the
    section heading above ("一、1月13日：《人工智能扩散框架》"). The date is the last one there that is an
    event's day: no deadline, label, day a measure starts from or day still ahead."""
    sentence = sentences[index]
    if ELSEWHERE.match(folded, sentence.start):
        return None  # "另据此前报道": another time than the sentence before
    item = list_item(sentence, folded)
    back = index - 1
    while back >= 0:
        previous = sentences[back]
        if item and list_item(previous, folded) and previous.paragraph < sentence.paragraph:
            back -= 1
            continue  # a sibling item: the heading is further up
        if not item and previous.paragraph < sentence.paragraph:
            break
        usable = event_days(previous, dates, folded)
        if usable:
            return usable[-1]
        if item or index - back >= 2:
            break
        back -= 1
    return section_date(index, sentences, dates, folded)


def event_days(sentence: Sentence, dates: list[DateMention], folded: str) -> list[DateMention]:
    """The dates of a sentence that may date a later one: days and months that are no deadline, label, start
    or day ahead."""
    return [d for d in dates if sentence.start <= d.start and d.end <= sentence.end and d.precision != "year"
            and not DEADLINE_BEFORE.search(folded, max(sentence.start, d.start - 4), d.start)
            and not ATTRIBUTIVE_AFTER.match(folded, d.end) and not is_start(d, folded, sentence.start)
            and not not_an_event_day(folded, d.start, d.end)]


def section_date(index: int, sentences: list[Sentence], dates: list[DateMention], folded: str) -> DateMention | None:
    """The date of the nearest section heading above the sentence ("一、1月13日：……", "三、11月7日与11月9日：
    两次暂停"), when that heading names one."""
    for back in range(index - 1, -1, -1):
        if is_heading(sentences[back], folded):
            usable = event_days(sentences[back], dates, folded)
            return usable[0] if usable else None
    return None


# A question asked in a sentence's first clause ("……为何对英伟达进一步调查？", "美国会否收紧出口管制?").
QUESTION = re.compile(r"^[^，。；,;]*?(?:为何|为什么|怎么|怎样|如何|是否|会否|能否|可否|何时|何以|有无|会不会|是不是)")


def is_heading(sentence: Sentence, folded: str) -> bool:
    """A title or section heading (a short line without closing punctuation that is no list item): it names
    what the text below reports, so it adds no event of its own; nor does a question its first clause asks."""
    text = sentence.text.rstrip("」”’）)】]")
    line_start = folded.rfind("\n", 0, sentence.start) + 1
    if text.rstrip().endswith(("？", "?")) and QUESTION.match(folded, sentence.start, sentence.end):
        return True
    return (folded[line_start:sentence.start].strip() == "" and len(text) <= 40
            and not text.endswith(("。", "！", "？", "；", ".", "!", "?", ";")))


def list_item(sentence: Sentence, folded: str) -> bool:
    line_start = folded.rfind("\n", 0, sentence.start) + 1
    return line_start != sentence.start and bool(LIST_MARK.match(folded, line_start, sentence.start + 1))
