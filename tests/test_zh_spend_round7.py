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


def facts(text):
    return sorted((r.company, r.year, r.amount, r.vendor) for r in run(text, published=date(2025, 9, 10)))


def test_a_field_line_of_a_purchase_notice_is_the_records_spend():
    assert facts("【项目一】中国移动2025年人工智能推理设备集中采购\n采购人：中国移动通信有限公司\n"
                 "项目规模：6个标包，合计金额超过50亿元\n") == [("China Mobile", 2025, 5e9, None)]
    assert facts("【項目】中國電信2025年AI算力伺服器集中採購\n採購人：中國電信股份有限公司\n專案規模：預算約30億元\n") == [
        ("China Telecom", 2025, 3e9, None)]
    assert facts("中国联通启动2025年智算服务器集采。\n招标人：中国联合网络通信有限公司\n项目金额：含税约12亿元\n") == [
        ("China Unicom", 2025, 1.2e9, None)]


def test_a_field_line_of_a_notice_that_buys_no_compute_is_no_spend():
    assert facts("中国移动2025年员工培训项目\n采购人：中国移动通信有限公司\n项目规模：合计金额约2亿元\n") == []


def test_a_line_labelled_by_a_company_is_no_field_of_the_record():
    assert facts("【项目一】中国移动2025年人工智能推理设备集中采购\n采购人：中国移动通信有限公司\n"
                 "中标情况：\n中兴通讯：约8.85亿元\n浪潮：约2.97亿元\n") == []
