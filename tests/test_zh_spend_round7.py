"""Chinese spend rules of round 7 (transforms/zh/years.py): a multi-year plan is dated by the year it was announced
in when the text tells it, on short articles written for these tests."""
from datetime import date

from test_zh_spend import run


def test_a_multi_year_plan_takes_the_year_it_was_announced_in():
    for text, year in (("阿里巴巴重申2025年2月宣布的未来三年投入3800亿元建设云和AI基础设施的计划。", 2025),
                       ("腾讯在2024年公布的未来三年投资500亿元建设算力中心的计划仍在执行。", 2024),
                       ("字節跳動去年提出的未來三年投入1000億元採購AI晶片的計劃進展順利。", 2025)):
        rows = run(text, published=date(2026, 1, 20))
        assert [r.year for r in rows] == [year], (text, rows)


def test_a_multi_year_plan_told_without_its_year_counts_from_publication():
    rows = run("阿里巴巴表示，未来三年将投入3800亿元建设云和AI基础设施。", published=date(2026, 1, 20))
    assert [r.year for r in rows] == [2026]
