"""Chinese spend rules of round 9, on short articles written for these tests: a broker's table under a caption
row of its own (transforms/zh/spend_tables.py), ..."""
from datetime import date

from test_zh_spend import run


def facts(text, published=date(2025, 12, 2)):
    return sorted((r.company, r.year, r.amount, r.status) for r in run(text, published=published))


def test_a_caption_row_over_its_own_rule_line_names_the_unit_and_the_spend():
    text = ("券商点评：云厂商开支节奏\n| 图表3：百度季度资本开支（单位：亿元人民币） |  |  |  |\n|---|---|---|---|\n"
            "| 指标 | 1Q25 | 2Q25 | 3Q25 |\n|---|---|---|---|\n| 资本开支 | 31.5 | 44.2 | 58.0 |\n")
    assert facts(text) == [("Baidu", 2025, 3.15e9, "actual"), ("Baidu", 2025, 4.42e9, "actual"),
                           ("Baidu", 2025, 5.8e9, "actual")]


def test_a_caption_row_gives_its_one_company_to_rows_that_name_none():
    text = ("| 表5：字节跳动算力采购（亿元人民币） |  |  |\n|---|---|---|\n| 项目 | 2024A | 2026E |\n|---|---|---|\n"
            "| AI芯片采购 | 420 | 约700* |\n")
    assert facts(text) == [("ByteDance", 2024, 4.2e10, "actual"), ("ByteDance", 2026, 7e10, "planned")]


def test_a_bare_cell_may_carry_a_note_or_a_footnote_mark():
    text = ("| 表2：年度资本开支（亿元人民币） |  |  |\n|---|---|---|\n| 公司 | 2024年 | 2025年 |\n|---|---|---|\n"
            "| 快手：资本开支 | 112 | 约98（前三季度） |\n| 美团：资本开支 | 80* | — |\n")
    assert facts(text) == [("Kuaishou", 2024, 1.12e10, "actual"), ("Kuaishou", 2025, 9.8e9, "actual"),
                           ("Meituan", 2024, 8e9, "actual")]


def test_a_row_of_several_filled_cells_is_no_caption():
    # the row above the rule is data of another table, not a caption naming a unit and a spend
    text = ("| 腾讯 | 资本开支 | 亿元 |\n|---|---|---|\n| 指标 | 2024A | 2025E |\n|---|---|---|\n| 营收 | 6600 | 7200 |\n")
    assert facts(text) == []


def test_a_caption_row_that_names_no_spend_gives_no_rows():
    text = ("| 表4：阿里巴巴云业务收入（单位：亿元人民币） |  |  |\n|---|---|---|\n| 项目 | 2Q25 | 3Q25 |\n|---|---|---|\n"
            "| 云智能集团收入 | 334 | 398 |\n")
    assert facts(text) == []
