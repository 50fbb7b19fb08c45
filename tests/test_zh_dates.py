"""Chinese date phrases resolved against the publication date (transforms/zh/dates.py), on sentences
written for these tests."""
from datetime import date

import pytest

from transforms.zh.date_lines import infer_anchor_date
from transforms.zh.dates import find_dates
from transforms.zh.years import find_years

ANCHOR = date(2025, 12, 23)  # a Tuesday


def dates(text, anchor=ANCHOR):
    return [(text[d.start:d.end], d.value.isoformat(), d.precision) for d in find_dates(text, anchor)]


@pytest.mark.parametrize("text, value, precision", [
    ("2025年12月23日", "2025-12-23", "day"),
    ("2024年10月", "2024-10-01", "month"),
    ("2023年", "2023-01-01", "year"),
    ("发布时间：2025-11-20", "2025-11-20", "day"),
    ("更新于2025/12/10", "2025-12-10", "day"),
    ("2026财年", "2026-01-01", "year"),
    ("2025Q2", "2025-01-01", "year"),
])
def test_absolute_dates(text, value, precision):
    assert dates(text)[-1][1:] == (value, precision)


@pytest.mark.parametrize("text, value, precision", [
    ("12月8日宣布", "2025-12-08", "day"),
    ("去年12月8日", "2024-12-08", "day"),
    ("今年4月", "2025-04-01", "month"),
    ("8月以来", "2025-08-01", "month"),
    ("9月中旬报道", "2025-09-01", "month"),
    ("本月初", "2025-12-01", "month"),
    ("上月22日宣布", "2025-11-22", "day"),
    ("司法部8日宣布", "2025-12-08", "day"),
    ("去年底", "2024-12-01", "month"),
    ("明年", "2026-01-01", "year"),
    ("前年", "2023-01-01", "year"),
])
def test_phrases_pinned_by_the_publication_date(text, value, precision):
    assert dates(text)[0][1:] == (value, precision)


def test_a_day_later_in_the_month_than_the_publication_is_last_months():
    assert dates("28日召开会议", anchor=date(2026, 1, 10))[0][1] == "2025-12-28"


def test_a_month_after_the_publication_month_is_last_years():
    assert dates("11月宣布", anchor=date(2025, 9, 3))[0][1] == "2024-11-01"


def test_a_month_the_sentence_looks_ahead_to_is_the_next_one():
    assert dates("最快3月出货", anchor=date(2026, 1, 29))[0][1] == "2026-03-01"


def test_a_span_of_months_stays_in_one_year():
    assert [d[1] for d in dates("2025年4月至6月", anchor=date(2025, 12, 2))] == ["2025-04-01", "2025-06-01"]


@pytest.mark.parametrize("text, value", [
    ("上周二", "2025-12-16"), ("周一", "2025-12-22"), ("本周三", "2025-12-24"), ("昨日", "2025-12-22"),
    ("今天", "2025-12-23"), ("三天前", "2025-12-20"),
])
def test_weekdays_and_days_relative_to_the_publication(text, value):
    assert dates(text)[0][1] == value


def test_a_bracketed_date_dates_its_weekday():
    assert dates("上周二（11月25日）公布业绩", anchor=date(2025, 12, 2))[0][:2] == ("上周二（11月25日）", "2025-11-25")


def test_a_bracketed_weekday_belongs_to_its_day():
    assert dates("本月13日（周二）", anchor=date(2026, 1, 29)) == [("本月13日（周二）", "2026-01-13", "day")]


def test_that_day_repeats_the_day_named_before():
    assert [d[1] for d in dates("商务部10月9日发布公告。海关总署同日表示")] == ["2025-10-09", "2025-10-09"]


def test_that_year_repeats_the_year_named_before():
    assert [d[1] for d in dates("按2024年的规划，当年投入", anchor=date(2026, 1, 28))] == ["2024-01-01", "2024-01-01"]


def test_the_thirteenth_or_so_is_a_day_not_thirteen_days_ago():
    assert dates("本月13日前后", anchor=date(2026, 1, 29))[0][1] == "2026-01-13"


@pytest.mark.parametrize("text", ["300亿日元", "日前", "31日元的成本"])
def test_yen_and_recently_are_no_days(text):
    assert [d for d in dates(text) if d[2] == "day"] == []


def test_no_anchor_leaves_relative_phrases_out():
    assert dates("今年4月，2024年10月", anchor=None) == [("2024年10月", "2024-10-01", "month")]


def test_quarters_without_a_year_take_the_latest_begun():
    assert [d[1] for d in dates("第四季度", anchor=date(2025, 5, 1))] == ["2024-01-01"]


def years(text, anchor=ANCHOR):
    return [(text[y.start:y.end], y.year, y.explicit, y.fiscal, y.plan) for y in find_years(text, anchor)]


def test_fiscal_years_are_marked():
    assert years("2026财年第二季度")[0] == ("2026财年", 2026, True, True, False)


def test_a_span_of_years_is_dated_by_its_first():
    assert years("2025年至2026年集中采购")[0][1] == 2025


def test_a_multi_year_plan_starts_in_the_publication_year():
    assert ("三年", 2025, False, False, True) in years("三年投入3800亿元")


def test_relative_days_are_no_spend_years():
    assert years("鸿海今（5日）召开董事会", anchor=date(2025, 11, 5)) == []


@pytest.mark.parametrize("text, value", [
    ("中讯社北京7月31日电（记者 唐立新）2025年7月31日，某部门表示", date(2025, 7, 31)),
    ("标题\n\n（本报上海2025年9月18日讯 记者 钱一苇）在今天", date(2025, 9, 18)),
    ("标题\n\n（本報記者王品涵／台北報導）2025年12月24日\n\n正文", date(2025, 12, 24)),
    ("发布时间：2025-11-20 09:30\n正文", date(2025, 11, 20)),
])
def test_datelines_and_date_lines_give_the_publication_date(text, value):
    assert infer_anchor_date(text) == value


def test_a_text_without_a_dateline_gives_none():
    assert infer_anchor_date("华为今天发布新芯片。2025年将推出。") is None


def test_the_year_that_numbers_a_document_is_no_date():
    assert dates("商务部发布2025年第61号公告，决定实施管制。") == []


def test_recently_is_dated_by_the_publication_month():
    assert dates("美国商务部日前致函台积电。", anchor=date(2024, 11, 11)) == [("日前", "2024-11-01", "month")]
    assert dates("工信部近期已将国产处理器纳入清单。")[0][1:] == ("2025-12-01", "month")


@pytest.mark.parametrize("text", [
    "商务部宣布自13日起实施新规。同日，海关总署发布公告。",
    "双方即将于24日举行会谈。同日，海关总署发布公告。",
    "调查期为2024年1月1日至2024年12月31日。同日，海关总署发布公告。",
])
def test_that_day_never_points_back_to_a_start_a_deadline_or_a_day_ahead(text):
    assert dates("商务部12日发布公告。" + text)[-1][1] == "2025-12-12"


def test_a_document_number_is_no_day():
    assert dates("商务部4日发布2025年第18号公告。", anchor=date(2025, 4, 4)) == [("4日", "2025-04-04", "day")]


def test_that_day_never_points_back_to_an_earlier_step_built_on():
    text = "商务部4日发布公告。这是继去年12月3日商务部宣布禁令之后的又一举措。同一天，海关总署发布公告。"
    assert dates(text, anchor=date(2025, 2, 4))[-1][1] == "2025-02-04"


def test_a_deadline_is_no_spend_year():
    assert [y.year for y in years("项目预算共计9.8亿元，资格预审有效期至2028年12月31日。")] == []


def test_a_past_day_early_in_the_year_stays_in_the_publication_year():
    # a September report looking back on January: not the coming January, which is nearer
    assert dates("今年已是第三次收紧：2月9日，当局公布了草案", anchor=date(2025, 10, 2))[-1][1] == "2025-02-09"


def test_a_day_the_sentence_looks_ahead_to_may_fall_in_the_next_year():
    assert dates("新规定于1月15日起实施", anchor=date(2025, 12, 20))[0][1] == "2026-01-15"


def test_a_day_late_in_the_year_in_a_january_report_is_last_years():
    assert dates("12月29日公布名单", anchor=date(2026, 1, 4))[0][1] == "2025-12-29"


def test_a_count_of_days_is_no_date():
    assert dates("相关企业须在15日内提交材料，或于30日以内补正") == []


def test_the_number_of_a_document_after_its_bracketed_year_is_no_day():
    assert [d[0] for d in dates("市政府办公室印发实施意见（某府办发〔2024〕19号）")] == []


@pytest.mark.parametrize("text, value", [
    ("商务部昨晚发布公告", "2025-12-22"),
    ("海关总署今晨通报", "2025-12-23"),
    ("工信部今早表示", "2025-12-23"),
    ("该局前晚宣布", "2025-12-21"),
])
def test_a_time_of_day_on_a_relative_day_dates_that_day(text, value):
    assert dates(text)[0][1:] == (value, "day")


@pytest.mark.parametrize("text", ["监管机构几天前约谈了两家企业", "数日前该部发布通知", "前几天有关部门表示", "前些天传出消息"])
def test_a_few_days_ago_is_dated_by_the_publication_month(text):
    assert dates(text)[0][1:] == ("2025-12-01", "month")


@pytest.mark.parametrize("text, value", [
    ("新规于2024年底出台", "2024-12-01"),
    ("该厂2026年初投产", "2026-01-01"),
    ("计划在2025年末完成", "2025-12-01"),
])
def test_a_written_years_start_or_end_is_its_first_or_last_month(text, value):
    assert dates(text)[0][1:] == (value, "month")


@pytest.mark.parametrize("text, value", [
    ("今年三月公布的规定", "2025-03-01"),
    ("去年十一月宣布", "2024-11-01"),
    ("2023年十月出台的规则", "2023-10-01"),
    ("十二月中旬发布", "2025-12-01"),
    ("五月份以来", "2025-05-01"),
])
def test_months_in_chinese_numerals(text, value):
    assert dates(text)[0][1:] == (value, "month")


@pytest.mark.parametrize("text", ["过去三个月里", "每月更新一次", "第十月", "统一月度结算"])
def test_periods_and_counts_of_months_are_no_months(text):
    assert dates(text) == []


def test_a_few_days_ago_is_no_spend_year():
    assert find_years("数日前宣布投资50亿元", ANCHOR) == []


def test_then_repeats_the_last_date_at_its_precision():
    assert dates("2023年5月，该部宣布新规。当时业界反应强烈。")[-1] == ("当时", "2023-05-01", "month")
    assert dates("当时业界反应强烈。") == []


@pytest.mark.parametrize("text, anchor, year, quarter", [
    ("腾讯上季度资本开支为365亿元", date(2026, 1, 20), 2025, 4),
    ("本季度采购量", date(2025, 8, 1), 2025, 3),
    ("下一季度将交付", date(2025, 12, 1), 2026, 1),
])
def test_the_quarter_before_of_or_after_the_publication(text, anchor, year, quarter):
    found = find_dates(text, anchor)
    assert [(d.value.year, d.quarter) for d in found] == [(year, quarter)]


def test_no_quarter_in_a_season():
    assert dates("本季节性因素") == []


@pytest.mark.parametrize("text, year", [("FY2026资本开支", 2026), ("FY26资本开支", 2026)])
def test_a_latin_fiscal_year_is_marked(text, year):
    assert [(y.year, y.fiscal) for y in find_years(text, ANCHOR)] == [(year, True)]
