"""Chinese spend rules (transforms/zh/spend.py, spend_tables.py), one behaviour each, on short articles
written for these tests."""
from datetime import date
from functools import lru_cache

import pytest

from seeds import SEEDS_DIR
from transforms.article import sha256_hex
from transforms.extract import Extractor
from transforms.models import Article
from transforms.reference import load_reference

TOPIC = "人工智能芯片与算力观察\n"


@lru_cache(maxsize=1)
def extractor():
    return Extractor(load_reference(SEEDS_DIR))


def run(text, published=date(2025, 6, 18), title=None):
    text = TOPIC + text
    article = Article(article_id="z1", source="z.txt", url="file:///z.txt", title=title, published_on=published,
                      language="zh", text=text, content_sha256=sha256_hex(text))
    rows = extractor().extract(article).spend
    for row in rows:
        assert text[row.char_start:row.char_end] == row.evidence
    return rows


def one(text, **kw):
    rows = run(text, **kw)
    assert len(rows) == 1, rows
    return rows[0]


def test_bracketed_conversion_is_one_fact_at_the_articles_rate():
    row = one("星河云今年已为国产AI处理器划出约850亿元（约118亿美元）的采购预算。".replace("星河云", "快手"))
    assert (row.company, row.amount, row.currency, row.amount_usd, row.qualifier) == ("Kuaishou", 8.5e10, "CNY", 1.18e10, "about")


def test_yuan_without_conversion_uses_the_seed_rate_of_the_year():
    row = one("美团2024年在算力基础设施上投入了71.9亿元。")
    assert row.year == 2024 and row.amount_usd == pytest.approx(1e9, rel=0.01)


def test_traditional_script_reads_like_simplified():
    row = one("騰訊第二季資本開支為191億元，按年增加119%。")
    assert (row.company, row.amount, row.spend_type, row.status) == ("Tencent", 1.91e10, "ai_capex", "actual")


def test_next_year_is_planned_for_next_year():
    row = one("百度明年拟斥资200亿元采购昆仑芯芯片。")
    assert (row.year, row.status, row.vendor) == (2026, "planned", "Kunlunxin")


def test_a_multi_year_plan_is_planned_from_this_year():
    row = one("阿里巴巴称，将在未来三年投入超过3800亿元，用于建设云计算和AI硬件基础设施。")
    assert (row.year, row.status, row.qualifier) == (2025, "planned", "more than")


def test_the_vendor_sold_by_is_not_the_buyer():
    row = one("市场传言称，小米已向寒武纪采购5万片AI芯片。")
    assert (row.company, row.vendor, row.units, row.region) == ("Xiaomi", "Cambricon", 50000, "domestic")


def test_a_chip_count_needs_a_buying_word():
    assert run("华为的超节点最多可容纳8192张昇腾卡。") == []


def test_servers_are_no_chip_count_but_their_price_is_spend():
    row = one("中国电信今年集中采购了9000台AI服务器，总金额约84亿元。")
    assert (row.units, row.amount, row.spend_type) == (None, 8.4e9, "chip_purchase")


@pytest.mark.parametrize("text", [
    "智谱完成新一轮融资，募资规模达30亿元。",
    "小米集团宣布回购股份，耗资约20亿港元。",
    "英伟达预计今年中国区收入将下降至约100亿美元。",
    "星河公司的估值约为3150亿美元，用于采购芯片的资金未披露。",
    "昆仑芯今年营收有望达到50亿元，这是芯片厂商的收入，并非采购。",
    "使用国家资金的新建数据中心累计获得超过1000亿美元。",
])
def test_money_that_is_not_spend(text):
    assert run(text) == []


def test_a_figure_listed_after_a_vetoed_one_is_vetoed_too():
    assert run("摩尔线程2023年、2024年营业收入分别为1.24亿元和4.38亿元，研发投入不断增加。") == []


def test_each_company_listed_gets_its_own_row():
    rows = run("阿里巴巴与字节跳动据报各自希望购入至少20万片H200。")
    assert sorted(r.company for r in rows) == ["Alibaba", "ByteDance"] and {r.units for r in rows} == {200000}


def test_a_combined_figure_is_no_companys_own():
    assert run("据报道，阿里巴巴与腾讯合计订购了约10万颗H20芯片。") == []


def test_a_spender_that_is_no_company_gives_no_row():
    assert run("中国科技企业已为明年交付订购了逾200万颗H200。") == []


def test_a_vendor_speaking_of_its_orders_gives_no_row():
    assert run("英伟达原本预期中国订单可逾100万颗芯片。") == []


def test_vague_counts_give_no_row():
    assert run("美团已向华为订购了数千颗昇腾910C芯片。") == []


def test_a_sentence_without_subject_takes_the_paragraphs_company():
    rows = run("京东发布季度业绩。资本开支为85亿元，同比增长约40%。")
    assert [(r.company, r.amount) for r in rows] == [("JD.com", 8.5e9)]


def test_an_executive_speaking_points_back_to_the_company():
    rows = run("百度公布业绩。\n首席执行官表示，未来三年在AI基础设施上投入逾500亿元。")
    assert [(r.company, r.status) for r in rows] == [("Baidu", "planned")]


def test_a_comparison_year_dates_the_figure_after_it_not_before():
    rows = run("字节跳动今年用于采购芯片的预算约为1000亿元，较2024年的850亿元进一步增加。")
    assert sorted((r.year, r.amount) for r in rows) == [(2024, 8.5e10), (2025, 1e11)]


def test_calendar_time_wins_over_a_fiscal_label():
    row = one("阿里巴巴今年第二季度（对应其2026财年第一季度）资本开支为386亿元。", published=date(2025, 9, 3))
    assert row.year == 2025


def test_a_planned_purchase_without_a_year_belongs_to_the_plan_told_before():
    rows = run("快手明年的AI芯片预算约为300亿元。\n据悉，快手计划先买入约1万颗H20作为测试订单。")
    assert {(r.year, r.status) for r in rows} == {(2026, "planned")}


def test_a_follow_up_sentence_dates_the_purchase():
    row = one("京东董事会通过在50亿元额度内购置AI服务器的议案。京东表示，相关采购将于明年上半年陆续执行。")
    assert (row.year, row.status) == (2026, "planned")


def test_a_denied_report_is_disputed():
    row = one("8月31日晚间，市场流传消息称小米已向寒武纪采购15万片芯片。对此，小米回应称该消息不实。")
    assert row.disputed and row.units == 150000


def test_a_headline_repeated_in_the_body_is_one_fact():
    rows = run("快手砸300亿元采购国产芯片\n快手今年计划投入300亿元采购国产AI芯片。")
    assert len(rows) == 1 and rows[0].evidence.endswith("。")


def test_a_table_of_bare_numbers_under_quarter_columns_with_a_unit_caption():
    text = ("表1：主要云厂商季度资本开支（单位：亿元人民币）\n| 公司 | 2024Q4 | 2025Q1 |\n|---|---|---|\n"
            "| 腾讯控股 | 366 | 275 |")
    rows = run(text, published=date(2025, 9, 3))
    assert sorted((r.year, r.amount) for r in rows) == [(2024, 3.66e10), (2025, 2.75e10)]


def test_a_brokers_quarter_and_estimate_columns_are_years_too():
    text = ("表1：主要云厂商资本开支（亿元人民币）\n| 公司 | 2024A | 2Q25A | 2026E（我们） |\n|---|---|---|---|\n"
            "| 百度集团 | 81 | 38 | 120 |")
    rows = run(text, published=date(2025, 11, 28))
    assert sorted((r.year, r.amount, r.status) for r in rows) == [
        (2024, 8.1e9, "actual"), (2025, 3.8e9, "actual"), (2026, 1.2e10, "planned")]


def test_a_telecom_operators_capex_table_is_no_compute_spend():
    text = ("表1　三大运营商资本开支（亿元）\n| 公司 | 2024A | 2025指引 |\n|---|---|---|\n| 中国移动 | 1640 | 1512 |")
    assert run(text, published=date(2025, 8, 28)) == []


def test_a_tables_caption_names_what_its_amount_buys():
    text = ("1. 海西天防绿色智算中心万卡项目（三期）EPC——12.42亿元\n| 招标人 | 海西天防科技有限公司 |\n|---|---|\n"
            "| 合同估算价 | 12.42亿元 |")
    row = one(text, published=date(2025, 11, 25))
    assert (row.amount, row.spend_type, row.status) == (1.242e9, "data_center", "planned")


def test_a_value_told_before_the_chip_count_of_the_same_purchase_is_one_fact():
    row = one("中国移动近日与华为签订价值约2200万美元的AI芯片采购协议，购入约1800颗昇腾910B训练卡。",
              published=date(2026, 2, 10))
    assert (row.company, row.amount, row.currency, row.units, row.chip_model) == (
        "China Mobile", 2.2e7, "USD", 1800, "Ascend 910B")


def test_a_total_of_past_years_is_no_years_spend():
    assert run("中国移动还透露，近两年在人工智能领域的直接投资超过120亿元。", published=date(2025, 8, 8)) == []
    assert len(run("中国移动还透露，2024年在人工智能领域的直接投资超过120亿元。", published=date(2025, 8, 8))) == 1


def test_a_figure_after_a_condition_is_a_what_if():
    text = "有券商估算，若中国移动把AI算力支出提升至收入的5%，每年采购规模可达90亿元。"
    assert run(text, published=date(2026, 2, 10)) == []
    text = "媒体报道，若H200获准入华，字节跳动今年用于采购英伟达芯片的预算约为一千亿元人民币。"
    assert [(r.company, r.amount, r.status) for r in run(text, published=date(2026, 1, 20))] == [
        ("ByteDance", 1e11, "planned")]


def test_a_key_value_table_takes_the_buyer_named_in_the_table():
    text = ("中国联通AI服务器集采结果揭晓。\n| 采购人 | 中国联通 |\n|---|---|\n| 中标总金额（含税） | 约42.5亿元 |\n"
            "| 中标厂商 | 浪潮（约12亿元） |")
    rows = run(text)
    assert [(r.company, r.amount) for r in rows] == [("China Unicom", 4.25e9)]


def test_boilerplate_after_a_related_reading_heading_is_not_read():
    assert run("相关阅读\n快手计划投入300亿元采购国产芯片") == []


def test_confidence_is_higher_for_a_named_buyer_beside_its_trigger():
    named = one("快手今年计划投入300亿元采购国产AI芯片。")
    inferred = one("快手发布公告。\n首席财务官表示，集团今年的资本开支约为200亿元。")
    assert 0 < inferred.confidence < named.confidence <= 1


def test_a_value_told_after_a_chip_count_is_the_price_of_that_purchase():
    row = one("騰訊已向英偉達訂購約23萬顆H20晶片，價值約160億美元。")
    assert (row.units, row.amount_usd, row.chip_model) == (230000, 1.6e10, "H20")


@pytest.mark.parametrize("text", [
    "中国移动上半年资本开支为584亿元，全年预算维持1512亿元不变。",
    "中国移动2025年5G相关资本开支指引为582亿元，同比下降约15.7%。",
    "中国电信移动网投资预算由299亿元降至242亿元。",
])
def test_a_telecom_operators_network_capex_is_no_ai_spend(text):
    assert run(text, published=date(2025, 8, 8)) == []


@pytest.mark.parametrize("text, amount", [
    ("年初公布的2025年算力网络投资预算为三百七十三亿元，中国移动管理层表示执行正常。", 3.73e10),
    ("中国电信今年在算力领域的投资计划为220亿元，较去年的180亿元有所增加。", 2.2e10),
    ("中国移动推理服务器集中采购结果出炉，本次集采总金额超过50亿元。", 5e9),
    ("中国电信鄱阳湖智算中心。据当地披露，该项目总投资20亿元，规划承载2500P算力。", 2e9),
])
def test_a_telecom_operators_compute_spend_counts(text, amount):
    assert amount in {r.amount for r in run(text, published=date(2025, 8, 8))}


def test_a_count_of_chips_that_are_no_ai_chips_is_no_spend():
    assert run("中国移动3月采购了1000万片机顶盒芯片，9月又启动WiFi芯片采购。", published=date(2025, 12, 15)) == []


@pytest.mark.parametrize("text", [
    "国家集成电路产业投资基金三期已于5月24日成立，注册资本3440亿元。",
    "财政部认缴出资600亿元，国开金融有限责任公司出资360亿元。",
    "中国移动供应链大会披露，公司年度采购总额超过5300亿元。",
])
def test_capital_contributions_and_company_wide_procurement_totals_are_no_spend(text):
    assert run(text, published=date(2025, 12, 15)) == []


def test_a_state_firm_the_grammar_cannot_name_takes_its_own_figure():
    text = ("中国电信发布智算中心采购计划。\n"
            "11月17日，中国民航信息网络股份有限公司公布服务器采购中标候选人，中标金额19284万元。")
    assert run(text, published=date(2025, 11, 25)) == []


def test_a_year_written_in_a_cell_or_its_column_header_dates_the_cells_amount():
    text = ("| 表2：算力投入指引 |  |  |\n|---|---|---|\n| 公司 | 2025E算力投入 | 同比 |\n|---|---|---|\n"
            "| 快手 | 约820亿元（2024年约728亿元） | +12.6% |\n")
    assert sorted((r.year, r.amount) for r in run(text, published=date(2025, 4, 16))) == [(2024, 7.28e10), (2025, 8.2e10)]


def test_tender_lots_belong_to_the_buyer_the_procurement_points_back_to_not_to_the_bid_winners():
    text = ("中国移动推理服务器集中采购结果出炉，本次集采总金额超过50亿元。\n"
            "这次集采分为六个标包。标包1至4为类CUDA生态设备，含税总价超过17亿元，由中兴通讯、新华三、浪潮等三家厂商得标；"
            "标包5、6为华为「CANN生态」设备，含税总价约34亿元，由河南昆仑、长江计算等厂商得标。")
    assert sorted((r.company, r.amount) for r in run(text, published=date(2025, 8, 24))) == [
        ("China Mobile", 1.7e9), ("China Mobile", 3.4e9), ("China Mobile", 5e9)]


@pytest.mark.parametrize("reply", [
    "对此，美团回应称，相关报道“不准确”。",
    "美团随后声明，网传的预算信息与事实不符。",
    "美团发表声明称，有关炒作存在大量夸大甚至虚构的内容。",
])
def test_a_report_called_inaccurate_or_made_up_is_disputed(reply):
    row = one("有外媒援引知情人士称，美团计划今年投入约60亿元采购AI芯片。\n" + reply)
    assert row.company == "Meituan" and row.disputed and row.year == 2025


def test_every_company_of_a_list_that_wins_a_bid_sells():
    rows = run("字节跳动本次AI服务器集采分为三个标包。标包1、2为训练服务器，含税总价超过17亿元，由中兴通讯、新华三、浪潮等"
               "三家传统服务器厂商得标；在标包1、2中，搭载国产芯片的服务器拿下七成份额。标包3为推理服务器，含税总价约9亿元，"
               "由另外两家厂商得标。")
    assert sorted((r.company, r.amount) for r in rows) == [("ByteDance", 9e8), ("ByteDance", 1.7e9)]


def test_a_tenders_estimated_contract_price_is_planned_spend_of_the_tendering_company():
    text = ("| 招标人 | 青峰算力科技有限公司 |\n|---|---|\n| 公告日期 | 10月9日 |\n| 合同估算价 | 6.8亿元 |\n"
            "| 建设内容 | 智算中心机房及算力设备 |\n")
    row = one(text, published=date(2025, 10, 20))
    assert (row.company, row.amount, row.year, row.status) == ("Qingfeng Computing Technology", 6.8e8, 2025, "planned")


def test_a_self_funded_project_amount_is_spend_of_the_company_that_posts_it():
    text = "青峰算力科技有限公司于10月9日挂网智算中心设计施工总承包项目。资金来源为企业自筹，金额36000万元。"
    row = one(text, published=date(2025, 10, 20))
    assert (row.company, row.amount, row.year) == ("Qingfeng Computing Technology", 3.6e8, 2025)


def test_a_sentence_going_on_with_the_spend_before_it_takes_its_trigger_and_buyer():
    rows = run("百度2024年资本开支820亿元，同比增长50%。2025年三个季度分别为210.5亿、180亿和150.2亿元，前三季度合计约540.7亿元。")
    assert sorted((r.company, r.year, round(r.amount / 1e8, 1)) for r in rows) == [
        ("Baidu", 2024, 820.0), ("Baidu", 2025, 150.2), ("Baidu", 2025, 180.0), ("Baidu", 2025, 210.5),
        ("Baidu", 2025, 540.7)]
    assert run("百度2024年营业收入1200亿元，同比增长5%。2025年三个季度分别为300亿、310亿和320亿元。") == []


def test_a_trial_purchase_of_chips_is_spend():
    row = one("报道还称，若英伟达H200获准对华销售，百度计划先以约3万美元的单价试购约1万颗。")
    assert (row.company, row.units, row.spend_type, row.status) == ("Baidu", 10000, "chip_purchase", "planned")


def test_figures_told_respectively_go_to_the_listed_companies_in_order():
    rows = run("阿里巴巴、腾讯和百度今年的资本开支分别为1200亿元、900亿元和200亿元。", published=date(2025, 11, 20))
    assert sorted((r.company, r.amount) for r in rows) == [("Alibaba", 1.2e11), ("Baidu", 2e10), ("Tencent", 9e10)]


def test_respectively_with_fewer_figures_than_companies_pairs_none():
    rows = run("阿里巴巴、腾讯和百度今年的资本开支分别为1200亿元和900亿元。", published=date(2025, 11, 20))
    assert ("Alibaba", 1.2e11) not in [(r.company, r.amount) for r in rows]


def test_a_company_sold_to_buys():
    rows = run("英伟达向腾讯出售H20芯片的订单金额约20亿美元。", published=date(2025, 11, 20))
    assert [(r.company, r.amount, r.currency) for r in rows] == [("Tencent", 2e9, "USD")]


def test_a_non_spend_word_inside_a_trigger_word_is_none():
    rows = run("字节跳动向华为采购昇腾芯片，订单价值约60亿元。", published=date(2025, 11, 20))
    assert [(r.company, r.amount) for r in rows] == [("ByteDance", 6e9)]
    assert [r.amount for r in run("该芯片单价约为10万元。字节跳动今年采购该芯片。", published=date(2025, 11, 20))] == []
