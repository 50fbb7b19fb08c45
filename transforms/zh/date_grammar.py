"""The Chinese date grammar: one pattern per kind of date phrase, and the tables that resolve their words
(relative years and months, weekdays, quarters, small numbers written in characters). `transforms.zh.dates`
scans a text with `KINDS` (longest match first at each place) and resolves each match against the
publication date; its docstring lists the phrases each kind reads.
"""
from __future__ import annotations

import re

_Y = r"(?P<y>(?:19|20)\d\d)"
_M = r"(?P<m>1[0-2]|0?[1-9])"
_D = r"(?P<d>3[01]|[12]\d|0?[1-9])"
_WD = r"(?:周|週|星期|礼拜|禮拜)(?P<wd>[一二三四五六日天])"
_PART = r"(?P<part>初|上旬|中旬|下旬|底|末|中)?"
_REL_YEAR = r"(?P<ry>今年|本年|去年|明年|前年|后年|後年|上年|同年|当年|當年)"
# a bracketed weekday after a day ("本月13日（周二）"), absorbed into the day's mention
_WD_AFTER = r"(?:\s*[（(](?:周|週|星期|礼拜|禮拜)[一二三四五六日天][)）])?"
# "13日前后" is around the 13th; "日元", "日前" are not days, nor is "20日内" (a period of twenty days)
_NOT_AFTER_DAY = r"(?![元圆圓币幣本均产產後后内內]|前(?![后後])|[之以][内內])"
_NUM = r"(?P<n>\d{1,3}|[一二两兩三四五六七八九十]{1,3})"

FULL_DATE = re.compile(rf"(?<!\d){_Y}\s*年\s*{_M}\s*月\s*{_D}\s*[日号號]{_NOT_AFTER_DAY}{_WD_AFTER}")
NUMERIC_DATE = re.compile(rf"(?<![\d./-]){_Y}(?P<sep>[-/.]){_M}(?P=sep){_D}(?![\d%])")
YEAR_MONTH = re.compile(rf"(?<!\d){_Y}\s*年\s*{_M}\s*月(?!\s*\d)(?:份)?{_PART}")
REL_MONTH_DAY = re.compile(rf"(?:{_REL_YEAR})?(?<!\d){_M}\s*月\s*{_D}\s*[日号號]{_NOT_AFTER_DAY}{_WD_AFTER}")
THIS_MONTH_DAY = re.compile(rf"(?P<rm>本月|当月|當月|同月|上月|上个月|上個月|下月|下个月|下個月)\s*{_D}\s*[日号號]{_NOT_AFTER_DAY}{_WD_AFTER}")
# "扬府办发〔2024〕25号" numbers a document: a number right after its bracketed year is no day
BARE_DAY = re.compile(rf"(?<![\d年月.第〕］\]])(?<!\d\s){_D}\s*[日号號]{_NOT_AFTER_DAY}{_WD_AFTER}")
# "2025年底", "2026年初": December or January of that year
YEAR_PART = re.compile(rf"(?<![\d.]){_Y}\s*年\s*(?P<part>年初|年底|年末|初|底|末)")
# "今年三月", "十二月中旬": a month in Chinese numerals ("三个月" is a period, "一月份" a month)
CN_MONTH = re.compile(rf"(?:{_REL_YEAR}|(?<!\d){_Y}\s*年\s*|(?<![一二三四五六七八九十两兩个個每第数數几幾多]))"
                      rf"(?P<cm>十[一二]|[一二三四五六七八九十])月(?![度球亮光饼餅薪费費])"
                      rf"(?![\d一二三四五六七八九十]*\s*[日号號])(?:份)?{_PART}")
MONTH = re.compile(rf"(?:{_REL_YEAR}|(?<![\d.年])(?<!\d\s)){_M}\s*月(?![\d份]*\s*[日号號])(?:份)?{_PART}(?!\s*\d)")
REL_MONTH = re.compile(r"(?P<rm>本月|这个月|這個月|当月|當月|上月|上个月|上個月|下月|下个月|下個月)"
                       r"(?P<part>初|上旬|中旬|下旬|底|末)?(?!\s*\d)")
WEEKDAY = re.compile(rf"(?P<rw>上|本|这|這|下)?(?:个|個)?{_WD}(?:\s*[（(](?P<inner>[^（()）]{{2,14}})[)）])?")
REL_WEEK = re.compile(r"(?P<rw>上|本|这|這|下)(?:个|個)?(?:周|週|星期|礼拜|禮拜)(?![一二三四五六日天])(?P<end>末)?")
# "日前", "近日", "近期": a few days or weeks before the article, dated by its month
# "当时", "彼时": the time told just before, at its precision
THEN = re.compile(r"(?:当时|當時|彼时|彼時|其时|其時)(?![间間])")
RECENT = re.compile(r"(?<![今昨前明])(?:日前|近日|近期)(?![内內])|(?:几|幾|数|數)(?:天|日)(?:前|之前|以前)(?![后後])"
                    r"|前(?:几|幾|些)(?:天|日)")
REL_DAY = re.compile(r"(?P<rd>今天|今日|昨天|昨日|前天|明天|明日|当天|當天|当日|當日|同日|同一天|次日|翌日"
                     r"|昨晚|昨夜|昨晨|今晨|今早|今晚|今夜|前晚|前夜|明晚)"
                     r"(?:\s*[（(]\s*(?P<inner>[^（()）]{2,14})[)）])?")
QUARTER = re.compile(rf"(?:(?<!\d){_Y}\s*年?(?:度)?|{_REL_YEAR})?\s*(?:第(?P<q>[一二三四1-4])季度?|(?P<q2>[一二三四])季度"
                     rf"|(?<![A-Za-z])Q(?P<q3>[1-4])(?![0-9])|(?P<first>首季)|(?P<h>[上下])半年|(?P<three>前三季度?|首三季度?))")
# "2024A", "2025E": a broker's actual and estimated years
YEAR_AE = re.compile(rf"(?<![\dA-Za-z]){_Y}[AE](?![A-Za-z\d])")
YEAR_QUARTER = re.compile(rf"(?<!\d){_Y}\s*[Qq](?P<q>[1-4])(?!\d)")
FISCAL_YEAR = re.compile(rf"(?<!\d){_Y}\s*(?:财年|財年|财政年度|財政年度|会计年度|會計年度)"
                         r"|(?<![A-Za-z])FY\s*(?P<fy>(?:19|20)?\d\d)(?!\d)")
# "上季度", "本季度", "下一季度": the quarter before, of or after the publication date's
REL_QUARTER = re.compile(r"(?P<rq>上|本|这|這|下)(?:一|个|個)?(?:季度|季)(?![节節末初]|度[末初])")
YEAR_SPAN = re.compile(rf"(?<!\d){_Y}\s*年?\s*(?:至|到|-|–|—|～|~)\s*(?P<y2>(?:19|20)\d\d)\s*年(?![\d\s]*月)")
# "2025年第61号公告", "2024年第46号": the year numbers a document, it dates nothing
YEAR = re.compile(rf"(?<![\d.]){_Y}\s*年(?:度)?(?!\s*\d{{1,2}}\s*月)(?!\s*第\s*[\d一二三四五六七八九十百]+\s*[号號期])")
REL_YEAR = re.compile(rf"{_REL_YEAR}(?P<part>初|年初|底|年底|末|年末)?")
AGO = re.compile(rf"(?<![月\d]){_NUM}\s*(?P<unit>天|日|周|週|个星期|個星期|个月|個月|年)(?P<dir>前|以前|之前)(?![后後])")
SENTENCE_END = re.compile(r"[。！？!?\n]")
# Kinds of date that tell their year (2024年9月, 去年9月, 2024年9月6日): a year-less day after one in its sentence
# lies in that year.
YEAR_TOLD = {"full", "numeric", "year_month", "month_day", "month", "cn_month", "year_part"}
WEEKDAY_NUMBER = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
QUARTER_NUMBER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
SMALL_NUMBER = {"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
REL_YEAR_SHIFT = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "明年": 1, "前年": -2, "后年": 2, "後年": 2}
REL_MONTH_SHIFT = {"本月": 0, "这个月": 0, "這個月": 0, "当月": 0, "當月": 0, "同月": 0, "上月": -1, "上个月": -1,
                   "上個月": -1, "下月": 1, "下个月": 1, "下個月": 1}
DAY_AFTER_ANCHOR_DAYS = 7  # a year-less day told without a look ahead lies at most this far past the page date
# Words before a year-less month that say it lies ahead of the publication date.
FUTURE_CUE = re.compile(r"(?:将|將|拟|擬|计划|計劃|预计|預計|预期|預期|有望|定于|定於|最快|最早|届时|屆時|"
                        r"预定|預定|准备|準備|打算|争取|爭取)[^。！？；\n]{0,12}$")
DEADLINE_BEFORE = re.compile(r"(?:有效期至|截至|截止|直至|期限至|到期日)\s*$")
# 回到: the story goes "back to" a time, no "until" ("时间要回到去年12月9日"); an origin traced back to (追溯至) is
# no time of the act.
NOT_EVENT_BEFORE = re.compile(r"(?:继|繼|至|(?<!回)到|截至|截止|直至|直到|即将于|即將於|将于|將於|定于|定於|预计于|預計於)\s*$")
DEADLINE_AFTER = re.compile(r"\s*(?:前|之前|以前)(?![后後])|\s*(?:至|到|～|~|—|–)")  # a deadline, or a period's first day
DOCUMENT_NUMBER = re.compile(r"\s*第\s*[\d〇一二三四五六七八九十百]+(?:\s*[、,，和及与]\s*[\d〇一二三四五六七八九十百]+)*\s*[号號]")
START_CUE = re.compile(r"\s*(?:起|开始|開始|生效|实施|實施|施行)")

KINDS = (
    ("full", FULL_DATE), ("numeric", NUMERIC_DATE), ("year_quarter", YEAR_QUARTER), ("fiscal", FISCAL_YEAR), ("rel_quarter", REL_QUARTER),
    ("year_month", YEAR_MONTH), ("quarter", QUARTER), ("month_day", REL_MONTH_DAY), ("this_month_day", THIS_MONTH_DAY),
    ("year_span", YEAR_SPAN), ("year_part", YEAR_PART), ("year", YEAR), ("year_ae", YEAR_AE), ("rel_month", REL_MONTH), ("weekday", WEEKDAY), ("rel_week", REL_WEEK),
    ("rel_day", REL_DAY), ("ago", AGO), ("month", MONTH), ("cn_month", CN_MONTH), ("rel_year", REL_YEAR), ("day", BARE_DAY),
    ("recent", RECENT), ("then", THEN),
)
# Characters every match of a kind holds: a text without any of them is not scanned with it.
KIND_CUES = {
    "full": "年", "year_month": "年", "fiscal": "年F", "year_span": "年", "year_part": "年", "year": "年", "rel_year": "年",
    "month_day": "月", "this_month_day": "月", "rel_month": "月", "month": "月", "day": "日号號",
    "weekday": "周週星礼禮", "rel_week": "周週星礼禮", "rel_day": "天日晚夜晨早", "cn_month": "月", "ago": "前", "quarter": "季半Q",
    "year_quarter": "Qq", "rel_quarter": "季", "numeric": "-/.", "recent": "日期天", "then": "时時", "year_ae": "AE",
}
