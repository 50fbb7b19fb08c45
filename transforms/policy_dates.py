"""When a policy action was taken: the date of a trigger's own clause, at the precision the text supports.

`choose_date` picks the one that dates a trigger: the date of its own clause, else the sentence's
opening date, else the nearest, never a deadline ("by 2027"), a year or month that qualifies another noun
("its 2020 purchase"), or a date it takes effect when another one is given. A finer date in apposition
wins ("In early December, on December 8"); a report of an earlier action bounds it to the
report's month ("On Wednesday the paper reported that the agency had told ...").
The dates a sentence takes from outside itself (labels, headings, lead-ins, table rows) are `transforms.policy_labels`'.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from transforms.date_grammar import FUTURE_WORDS
from transforms.dates import DateMention
from transforms.policy_lexicon import TriggerMatch
from transforms.sentences import Sentence

# A date that says when an action takes effect, not when it was taken.
CUE_LOOKBACK = 80  # characters before a date that EFFECTIVE_BEFORE reads (not the whole text: that is quadratic)
EFFECTIVE_BEFORE = re.compile(r"\b(?:from|starting|beginning|effective|as of|with effect from)\s+(?:on\s+)?$", re.I)
# A clause that names a measure as the backdrop of something else ("even as US export controls limit ...").
BACKGROUND_LEAD = re.compile(r"\b(?:even as|amid|amidst|despite|because of|due to|in the face of|given)\s+"
                             r"(?:[\w'’-]+\s+){0,4}$", re.I)
# A deadline rather than the date of the action.
DEADLINE_BEFORE = re.compile(r"\b(?:by|until|till|through|no later than|before the end of)\s+(?:the\s+end\s+of\s+)?$", re.I)
# Clause boundaries between a trigger and a date phrase.
CLAUSE_BOUNDARY = re.compile(r"[,;:()—–]|\s-\s|\b(?:and|but|while|whereas)\b")
# A leading subordinate clause ("After sales were cleared again over the summer, ...") keeps its dates.
LEADING_SUBCLAUSE = re.compile(
    r"^(?:After|Before|When|While|Although|Though|As|Since|Once|Following|Despite|Until|Because)\b[^,]{3,200},")
# A year or month written as a noun's modifier: "its 2020 purchase", "the 2022 rules", "its October measures".
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# ... and "the December 2024 ban", "the October 9 controls", "its 9 October measures" (a written month and day or year).
ATTRIBUTIVE_DATE = re.compile(rf"(?:19|20)\d\d|{_MONTH}(?:\s+(?:(?:19|20)\d\d|\d{{1,2}}(?:,\s*(?:19|20)\d\d)?))?"
                              rf"|\d{{1,2}}\s+{_MONTH}(?:\s+(?:19|20)\d\d)?|(?:fiscal(?:\s+year)?|FY)\s*'?(?:19|20)?\d\d")
ATTRIBUTIVE_BEFORE = re.compile(r"\b(?:(?i:its|their|his|her|our|the|a|an|this|that|all)|[A-Z][\w-]*['’]s)\s+"
                                r"(?:(?i:two|three|four|five|six|seven|eight|nine|ten|several|\d{1,2})\s+)?$")  # "all six October announcements"
NOUN_AFTER = re.compile(r"(?:-[a-z]+)?\s+(?:[a-z]|[A-Z][a-z]|[A-Z]{2,}\b)")  # and "its 2020-approved purchase" (round 8)  # "the 2022 rules", "its 2023 Chips Act", "the 2026 NDAA"
# The noun of an act whose content the trigger tells: "the December 8 decision to let Nvidia sell", "its May move to ban".
ACT_NOUN_TO = re.compile(r"\s+(?:decision|move|announcement|order|ruling|offer|pledge|vote)\s+to\s+", re.I)
# A measure named by its date: "the ban of December 2024", "the controls of 9 October".
MEASURE_OF = re.compile(r"\b(?:ban|bans|rules?|controls|measures|curbs|restrictions|tariffs?|duties|order|decision|"
                        r"announcement|guidance|list|law|act|notice|package|round)\s+of\s+$", re.I)
# A relative clause about the trigger's object that holds the date: "suspended the controls it had announced on
# October 9", "lifted the ban, which was imposed in 2023": the date of that object, not of the action.
RELATIVE_CLAUSE_BEFORE = re.compile(
    r"\b(?:which|that|it|they|he|she|who)\s+(?:had\s+|has\s+|have\s+|was\s+|were\s+|had\s+been\s+)?"
    r"(?:\w+ly\s+)?(?:first\s+)?[a-z]+ed\b[^,;:()—–]{0,60}$"
    # the same clause cut short after the measure's noun: "the so-called affiliates rule published at the end of"
    r"|\b(?:rule|rules|controls|measures|curbs|restrictions|ban|law|act|order|regulation|regulations)\s+"
    r"(?:first\s+)?(?:published|unveiled|announced|issued|imposed|introduced|adopted|released|taken|enacted|applied|"
    r"put\s+in\s+place|in\s+place)\s+[^,;:()—–]{0,40}$",  # "a probe into US chip measures taken since 2024"
    re.I)
FISCAL_PERIOD = re.compile(r"(?:fiscal|FY)\b", re.I)
# The period a measure covers or money is for ("licences for calendar 2026", "aid for fiscal 2025"), not its date.
# "The investigation period covers calendar 2024", "data covering 2023", "licences to ship tools throughout 2026": the
# period looked at or covered, not the act's date.
PERIOD_BEFORE = re.compile(r"\b(?:for|throughout)\s+(?:the\s+)?(?:calendar\s+(?:year\s+)?)?$|\bcalendar\s+(?:year\s+)?$"
                           r"|\b(?:covers|covering|covered|cover)\s+(?:the\s+)?(?:(?:calendar|fiscal)\s+)?(?:years?\s+)?$",
                           re.I)
# A report of an action that came before it: "reported that the ministry had told", "said ... that X had".
REPORTED_EARLIER = re.compile(r"\b(?:reported|said|says|wrote|revealed|disclosed|learned)\b[^;:]{0,40}?\bthat\b"
                              r"[^;:]{0,80}?\bhad\b")
# A date after the action that dates a report of it: "..., according to a report in the Financial Times on Sunday",
# "..., Bloomberg News reported on Friday".
REPORT_DATE_BEFORE = re.compile(r"\baccording\s+to\s+(?:a\s+|the\s+)?(?:report|reports|people|sources|documents)\b"
                                r"[^;:]{0,60}$|\breported\s+(?:on\s+)?$", re.I)
PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
# What stands between a date and a finer one that restates it: "December, on December 8", "May (May 13)".
APPOSITION = re.compile(r"[\s,(]*(?:(?:on|in)\s+)?")  # also "Later in 2025, in early June"
def _boundaries(text: str, a: int, b: int) -> int:
    lo, hi = min(a, b), max(a, b)
    return len(CLAUSE_BOUNDARY.findall(text, lo, hi)) if hi > lo else 0


def clause_crossings(d: DateMention, trigger: TriggerMatch, sentence: Sentence) -> int:
    """Clause boundaries between a date phrase and a trigger of the same sentence; a date in an aside
    inside a long trigger ("the rule, first imposed in September 2024, was suspended") is set off from
    the trigger's last word by the aside's comma."""
    s, e = d.start - sentence.start, d.end - sentence.start
    if s < trigger.end and trigger.start < e:
        return 1 if "," in sentence.text[e:trigger.end] else 0
    if e <= trigger.start:
        return _boundaries(sentence.text, e, trigger.start)
    return _boundaries(sentence.text, trigger.end, s)


# A relative clause with a subject of its own about a noun after the trigger: "suspended the rule ... under the truce
# that the White House announced on November 3" (not "the diffusion rule, which the department rescinded on May 13":
# that clause tells what was done to the trigger's own measure).
SUBJECT_CLAUSE_BEFORE = re.compile(
    r"\b(?:which|that)\s+(?:the\s+)?(?:(?-i:[A-Z][\w.'’-]*)\s+|(?:ministry|government|agency|department|"
    r"administration|regulator|commission|president|cabinet|two\s+sides|leaders)\s+){1,4}"
    r"(?:had\s+|has\s+|have\s+)?(?:\w+ly\s+)?[a-z]+ed\b[^,;:()—–]{0,60}$", re.I)


def _dates_another_noun(d: DateMention, trigger: TriggerMatch, text: str, base: int) -> bool:
    """A year or month that qualifies a noun other than the trigger ("over its 2020 purchase of Mellanox",
    "suspends its October rare-earth measures"): the date of that thing, not of the action ("the 2023
    rules" dates the rules when they are the trigger)."""
    s, e = d.start - base, d.end - base
    if s >= trigger.end and RELATIVE_CLAUSE_BEFORE.search(text, trigger.end, s):
        return True
    if trigger.start < s < trigger.end and RELATIVE_CLAUSE_BEFORE.search(text, _after_first_word(text, trigger), s):
        return True  # inside a long trigger: "suspended for one year the rule it issued on September 29 that ..."
    clause = SUBJECT_CLAUSE_BEFORE.search(text, trigger.end, s) if s >= trigger.end else None
    if clause and text[trigger.end:clause.start()].strip(" ,"):  # another noun stands between
        return True
    if PERIOD_BEFORE.search(text, 0, s):
        return True
    if d.precision != "day" and MEASURE_OF.search(text, 0, s) and not (s <= trigger.start < e):
        return True
    if not ATTRIBUTIVE_DATE.fullmatch(text[s:e]):
        return False
    if not (ATTRIBUTIVE_BEFORE.search(text, 0, s) and NOUN_AFTER.match(text, e)):
        return False
    if ACT_NOUN_TO.fullmatch(text, e, trigger.start):
        return False  # "Trump's December 8 decision to let Nvidia sell ...": the date of the act the trigger tells
    return not (e <= trigger.start <= e + 2)


def _dates_other_clause(d: DateMention, trigger: TriggerMatch, base: int) -> bool:
    """A span before a clause ("a day after Beijing suspended its ban") dates either that clause (X "came a day after"
    it) or, when the clause holds its own date ("... on Sunday"), the main clause: not the trigger of the other one."""
    if not d.clause_end:
        return False
    inside = d.end - base <= trigger.start and trigger.end <= d.clause_end - base
    return inside != d.dates_clause_after


def _after_first_word(text: str, trigger: TriggerMatch) -> int:
    """Where the trigger's first word ends (its own verb is no relative clause: "suspended the rule it issued")."""
    space = text.find(" ", trigger.start, trigger.end)
    return trigger.end if space < 0 else space


def _names_the_trigger(d: DateMention, trigger: TriggerMatch, text: str, base: int) -> bool:
    """A year or month written into the trigger's own name ("its 2023 Chips Act", "the 2022 rules"): it dates
    the action only when no other date is told of it."""
    s, e = d.start - base, d.end - base
    return (bool(ATTRIBUTIVE_DATE.fullmatch(text[s:e]))
            and bool(ATTRIBUTIVE_BEFORE.search(text, 0, s)) and e <= trigger.start <= e + 2)


def report_bound(d: DateMention | None, trigger: TriggerMatch, sentence: Sentence) -> DateMention | None:
    """The date of a report about an earlier action ("On Wednesday the paper reported that the agency had told
    ...", "..., according to a report in the paper on Sunday"): the action happened by then, so it is dated to
    the report's month, not its day."""
    if d is None or d.precision != "day":
        return d
    s = d.start - sentence.start
    before = s < trigger.start and REPORTED_EARLIER.search(sentence.text, s, trigger.start)
    after = s > trigger.end and REPORT_DATE_BEFORE.search(sentence.text, trigger.end, s)
    if not (before or after):
        return d
    return replace(d, value=d.value.replace(day=1), precision="month")


# A span counted from the date just told: "until 27 November 2026, one day before ...", "through June, a week after ...".
SPAN_WORDS = re.compile(r"\b(?:before|after|later|earlier|ahead)\b", re.I)


def _span_from_deadline(d: DateMention, dates: list[DateMention], text: str, base: int) -> bool:
    """A span told right after a deadline or an end date ("suspended until 27 November 2026, one day before
    Washington's pause ends") counts from that schedule: it is a schedule too, never the act's date."""
    if not d.relative or not SPAN_WORDS.search(text, d.start - base, d.end - base):
        return False
    before = [p for p in dates if p.end <= d.start]
    if not before:
        return False
    p = before[-1]
    return text[p.end - base:d.start - base].strip() in ("", ",", "—", "–", "-") \
        and bool(DEADLINE_BEFORE.search(text, 0, p.start - base))


def choose_date(trigger: TriggerMatch, dates: list[DateMention], sentence: Sentence,
                undoing: bool = False) -> DateMention | None:
    """The date of a trigger's own clause, else the sentence's opening date, else the nearest one.

    A deadline ("phase out foreign chips by 2027") says when something must be done, not when the
    state acted, so it never dates the action. `undoing`: the sentence suspends or lifts the measure the
    trigger names ("It suspends ... the December 2024 ban"), so a date naming the measure is not the act's."""
    text, base = sentence.text, sentence.start
    dates = [d for d in dates if not _span_from_deadline(d, dates, text, base)]
    lo = text.rfind(";", 0, trigger.start) + 1  # a clause after a semicolon tells its own time
    hi = text.find(";", trigger.end)
    hi = len(text) if hi < 0 else hi
    dates = [d for d in dates if not DEADLINE_BEFORE.search(text, 0, d.start - base)
             and not _dates_another_noun(d, trigger, text, base) and lo <= d.start - base < hi
             and not _dates_other_clause(d, trigger, base)]
    if undoing:  # "suspended the regulations on rare-earth exports it had issued in October": the trigger ran into the
        after = _after_first_word(text, trigger)  # clause about what it suspends, whose date is the measure's
        dates = [d for d in dates if not (d.start - base >= trigger.end
                                          and RELATIVE_CLAUSE_BEFORE.search(text, after, d.start - base))]
    if not dates:
        return None
    sub = LEADING_SUBCLAUSE.match(text)
    if sub:
        inside = trigger.start < sub.end()
        dates = [d for d in dates if (d.start - base < sub.end()) == inside] or ([] if inside else dates)
        if not dates:
            return None

    def gap(d: DateMention) -> int:
        s, e = d.start - base, d.end - base
        return 0 if s < trigger.end and trigger.start < e else (trigger.start - e if e <= trigger.start else s - trigger.end)

    def crossings(d: DateMention) -> int:
        return clause_crossings(d, trigger, sentence)

    if len(dates) > 1:  # when it takes effect ("from January 15") dates the action only if nothing else does, or
        effective = [d for d in dates if EFFECTIVE_BEFORE.search(text, 0, d.start - base)]  # only a season or a year
        others = [d for d in dates if d not in effective]  # that holds it ("last autumn, ... with effect from October 9")
        finer = effective and others and all(PRECISION_RANK[o.precision] > PRECISION_RANK[effective[0].precision]
                                             and _holds(o, effective[0]) for o in others)
        own_start = effective and crossings(effective[0]) == 0 and all(crossings(o) > 0 for o in others) \
            and PAST_START.search(text, 0, effective[0].start - base) is not None \
            and not FUTURE_WORDS.search(text, max(0, effective[0].start - base - 100), effective[0].start - base)
        dates = effective[:1] if finer or own_start else others or dates  # round 8: "required licences for the H20
        # from April, ..., and although the administration said in July ...": the start told in the act's own clause
    naming = [d for d in dates if _names_the_trigger(d, trigger, text, base)
              or FISCAL_PERIOD.match(text, d.start - base)]  # "aid ... in fiscal 2025": the period it covers
    if len(naming) < len(dates) or undoing:  # "on Wednesday proposed a successor to its 2023 Chips Act": Wednesday
        dates = [d for d in dates if d not in naming]
        if not dates:
            return None
    own = [d for d in dates if crossings(d) == 0]
    if own:
        return _apposed_finer(min(own, key=gap), dates, text, base)
    if BACKGROUND_LEAD.search(text, 0, trigger.start):
        return None  # "even as US export controls limit ...": a standing backdrop, not dated by the sentence
    opening = [d for d in dates if d.start - base <= 16 and "," not in text[: d.start - base]]
    if opening and opening[0].end - base <= trigger.start:
        return _apposed_finer(opening[0], dates, text, base)
    return _apposed_finer(min(dates, key=lambda d: (crossings(d), gap(d))), dates, text, base)


# A start told with a past verb of the act ("required licences for the H20 from April", "a halt, from early October,
# on exports"): when the act began, unlike a start the act sets ahead ("will require licences from April").
PAST_START = re.compile(r"\b(?:[a-z]+ed|put|set|cut|halt|ban|curb|pause|freeze|suspension)\b[^.;]{0,80}\bfrom\s+(?:early\s+|mid-?\s*|late\s+)?$",
                        re.I)


def _holds(coarse: DateMention, fine: DateMention) -> bool:
    """The coarse date's period holds the fine one: its year, or its month (round 8: "sent a letter last week setting a
    tariff from August 1" is July's letter, not August's)."""
    if coarse.value.year != fine.value.year:
        return False
    return coarse.precision != "month" or coarse.value.month == fine.value.month


def _apposed_finer(d: DateMention, dates: list[DateMention], text: str, base: int) -> DateMention:
    """A finer date set beside this one that agrees with it ("In early December, on December 8"), or the written
    date that restates a relative one ("On the same day, May 13": May 13, whatever "the same day" was read as)."""
    for other in dates:
        if other.start >= d.end and APPOSITION.fullmatch(text, d.end - base, other.start - base) \
                and (PRECISION_RANK[other.precision] < PRECISION_RANK[d.precision] and compatible(other, d)
                     or d.relative and other.precision == d.precision and _written(other, text, base)
                     and not _written(d, text, base)):
            return other
    return d


def _written(d: DateMention, text: str, base: int) -> bool:
    """The phrase writes its date out ("May 13", "13 May 2025"), not "the same day" or "Tuesday"."""
    return any(ch.isdigit() for ch in text[d.start - base:d.end - base])


def compatible(a: DateMention | None, b: DateMention | None) -> bool:
    if a is None or b is None:
        return True
    length = {"day": 10, "month": 7, "year": 4}
    n = min(length[a.precision], length[b.precision])
    return a.value.isoformat()[:n] == b.value.isoformat()[:n]


# A clause told in the present ("has widened", "is investigating", "says ... now need", "..., Reuters reports", "are
# added") or as a step
# announced for the future ("will suspend", "is to lift"): news of the day the article was written, when the text
# gives the action no date of its own.
PRESENT_TOLD = re.compile(
    r"\b(?:has|have)\s+(?:(?:\w+ly|not|now|also|just|already)\s+){0,2}"
    r"(?!(?:been|to|a|an|the|no|its|their|long|little|much|more|some|any|one|two)\b)[a-z]{3,}\b"
    r"|\b(?:has|have)\s+been\s+(?:\w+ly\s+)?[a-z]+(?:ed|en|wn|ing)\b"
    r"|\b(?:is|are)\s+(?:(?:\w+ly|now|also|still)\s+){0,2}[a-z]+(?:ing|ed|en)\b"
    r"|\b(?:says|say|reports)\b|\bnow\s+(?:need|needs|require|requires|must|face|faces|bars?|bans?)\b"
    r"|\b(?:will|is\s+to|are\s+to)\s+(?:(?:\w+ly|now|also)\s+)?(?!be\b|have\b)[a-z]{3,}\b", re.I)  # "Beijing will suspend ..."


def news_peg(sentence: Sentence, anchor: date | None) -> DateMention | None:
    """The publication date, for an action the sentence tells in the present and does not date: a weak date,
    used only when nothing else in the article dates the action (see policy_fold.fold_actions)."""
    if anchor is None or not PRESENT_TOLD.search(sentence.text):
        return None
    return DateMention(sentence.start, sentence.start, anchor, "day", True)


# What joins two dates that name one kind of measure each: "the 2022 and 2023 rules", "its 2019, 2022 and 2023 lists".
COORDINATION = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)")


def coordinated_dates(d: DateMention | None, dates: list[DateMention], sentence: Sentence) -> list[DateMention]:
    """The other dates coordinated with the one that names the trigger ("the 2022 and 2023 US rules": 2022 beside
    2023): each names a measure of its own, an act of its own year."""
    if d is None or d.relative or d.precision == "day":
        return []
    text, base = sentence.text, sentence.start
    out: list[DateMention] = []
    for other in reversed([x for x in dates if x.end <= d.start]):
        nearest = out[-1] if out else d
        if other.precision != d.precision or other.relative \
                or not COORDINATION.fullmatch(text, other.end - base, nearest.start - base):
            break
        out.append(other)
    return out
