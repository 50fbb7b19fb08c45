"""Chinese spend rules of round 9, on short articles written for these tests: a broker's table under a caption
row of its own (transforms/zh/spend_tables.py); tender notices (long records, bidders' prices, general-purpose
servers); quotes credited to a speaker; running totals, levels and parts of a total (transforms/zh/spend.py);
years of relative days and of spans (transforms/zh/years.py); Arabic figures after 成/上 (transforms/zh/money.py)."""
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


def test_a_field_line_far_below_its_heading_keeps_the_records_buyer():
    heading = "【项目二】中国电信2025年AI推理服务器集中采购\n招标人：中国电信股份有限公司\n"
    fields = "公告日期：9月上旬\n评标办法：综合评估法\n包件数量：共4个包件\n"
    assert facts(heading + fields + "包件构成：包件1、2为GPU服务器，合计预算约12亿元；包件3、4为昇腾服务器，合计预算约8亿元。",
                 date(2025, 9, 20)) == [("China Telecom", 2025, 8e8, "planned"), ("China Telecom", 2025, 1.2e9, "planned")]
    assert facts("【項目】中國聯通2025年智算伺服器集中採購\n採購人：中國聯合網絡通信有限公司\n開標時間：10月\n"
                 "評標方式：最低價\n標包數量：3個\n項目金額：含稅約9億元\n", date(2025, 10, 5)) == [
        ("China Unicom", 2025, 9e8, "actual")]


def test_a_quote_takes_the_company_of_the_speaker_credited_after_it():
    assert facts("运营商业绩会\n“明年我们在智算方面的投资安排约为400亿元。”中国电信董事长柯瑞文在会上表示。") == [
        ("China Telecom", 2026, 4e10, "planned")]
    assert facts("云厂商动态\n「我們今年將再投入200億元採購AI晶片。」百度一位副總裁透露。") == [
        ("Baidu", 2025, 2e10, "planned")]
    assert facts("科技周报\n“公司今年AI服务器采购预算为50亿元。”腾讯首席战略官对记者说。") == [
        ("Tencent", 2025, 5e9, "planned")]


def test_a_quote_without_a_speaker_company_keeps_no_buyer():
    # the quote is credited to an analyst, no company: the figure has no buyer in this grammar
    assert facts("行业观察\n“我们今年的算力投资安排为100亿元。”一位分析师说。") == []


def test_投资安排_is_a_plan():
    assert facts("字节跳动今年的AI开支安排为1600亿元。") == [("ByteDance", 2025, 1.6e11, "planned")]
    assert facts("阿里巴巴明年的算力投资安排约为900亿元。") == [("Alibaba", 2026, 9e10, "planned")]
    # a past year's arrangement is no plan any more
    assert facts("腾讯2024年的资本开支安排为700亿元。") == [("Tencent", 2024, 7e10, "actual")]


def test_a_bidders_price_is_no_spend_of_the_buyer():
    assert facts("中国移动算力服务器集采\n本次集采总额约20亿元，其中长江计算以约6.33亿元位列第一中标候选人，获得五成份额。",
                 date(2026, 1, 13)) == [("China Mobile", 2026, 2e9, "actual")]
    assert facts("中国联通AI服务器集采结果公布，浪潮以4.1亿元的报价中标。") == []
    assert facts("中国电信智算集采\n中兴通讯以1.2亿元入围，超聚变以9800万元排名第二。") == []
    assert facts("腾讯以约30亿元采购一批AI服务器。") == [("Tencent", 2025, 3e9, "actual")]


def test_a_relative_day_that_names_its_year_dates_the_spend():
    assert facts("去年7月16日，中国电信发布算力一体机集采，规模约4600万元。") == [("China Telecom", 2024, 4.6e7, "actual")]
    assert facts("今年3月2日，字节跳动追加采购AI芯片，金额约20亿元。", date(2026, 1, 20)) == [
        ("ByteDance", 2026, 2e9, "actual")]
    assert facts("前年11月5日，百度斥资约15亿元采购昇腾芯片。") == [("Baidu", 2023, 1.5e9, "actual")]
    # a relative day without a year word still dates a report, not the spend
    assert facts("2024年，腾讯采购AI芯片约30亿元。上周二，该公司披露了这一数字。") == [("Tencent", 2024, 3e9, "actual")]


def test_an_operators_capital_spending_as_a_whole_is_no_compute_spend():
    assert facts("中国移动计划建设十万卡GPU集群。集团2024年资本开支约1640亿元；") == []
    assert facts("中国电信建成万卡算力池。该公司全年资本支出约935亿元。") == []
    assert facts("中国联通建设智算中心。该项目总投资20亿元。") == [("China Unicom", 2025, 2e9, "actual")]


def test_an_arabic_figure_after_成_or_上_is_a_figure():
    assert facts("中国移动完成191亿元的AI训练服务器集采。") == [("China Mobile", 2025, 1.91e10, "actual")]
    assert facts("百度已完成12亿元的昇腾芯片采购。") == [("Baidu", 2025, 1.2e9, "actual")]
    assert facts("腾讯今年AI芯片采购额站上300亿元。") == [("Tencent", 2025, 3e10, "actual")]
    assert facts("多家企业投入上百亿元采购AI芯片。") == []  # 上百亿: vague


def test_a_level_held_over_several_periods_is_no_figure():
    assert facts("阿里巴巴最近两个季度的单季资本开支均在300亿元以上。") == []
    assert facts("腾讯的季度资本开支维持在200亿元上下。") == []
    assert facts("百度近几个季度AI投入一直在50亿元左右。") == []
    assert facts("阿里巴巴第三季度资本开支为315亿元。") == [("Alibaba", 2025, 3.15e10, "actual")]


def test_a_running_total_is_no_new_figure():
    assert facts("加上此次网络云项目，中国移动在AI服务器上的采购额已超过260亿元。") == []
    assert facts("连同本批订单，字节跳动今年采购AI芯片的金额已达120亿元。") == []
    assert facts("算上这次集采，中国电信今年的智算服务器采购累计约80亿元。") == []
    assert facts("中国电信加上配套设备，共采购AI服务器约80亿元。") == [("China Telecom", 2025, 8e9, "actual")]


def test_parts_after_其中_are_parts_of_the_spend_before():
    text = ("中国电信集采点评\n这是中国电信今年第二笔大规模采购。去年11月，2025—2026年智算服务器集采公布候选人，总额约60亿元，"
            "其中基于昇腾的服务器约36亿元，基于GPU的服务器约24亿元，两类份额相当。")
    assert facts(text, date(2026, 2, 1)) == [("China Telecom", 2025, 2.4e9, "actual"), ("China Telecom", 2025, 3.6e9, "actual"),
                                             ("China Telecom", 2025, 6e9, "actual")]
    # no spend before 其中: the parts are no spend either
    assert facts("中国电信去年营业收入约5000亿元，其中云业务约1000亿元，算力业务约200亿元。", date(2026, 2, 1)) == []


def test_an_operators_general_purpose_servers_are_no_compute_spend():
    assert facts("中国移动集采\n本项目合计采购计算型服务器8581台，目前已公布的两个标包不含税金额合计约20亿元。") == []
    assert facts("中国电信通用服务器集采\n中国电信本次集采通用服务器约5万台，预算约60亿元。") == []
    assert facts("| 项目名称 | 中国联通2025年网络云通用服务器采购 |\n|---|---|\n| 已公示金额 | 约20亿元 |\n") == []
    assert facts("中国移动集采AI推理服务器，规模约30亿元。") == [("China Mobile", 2025, 3e9, "actual")]
    assert facts("中国移动启动人工智能通用计算设备（推理型）集中采购，合计金额约50亿元。") == [
        ("China Mobile", 2025, 5e9, "actual")]


def test_a_span_read_by_its_end_is_dated_by_its_first_year():
    assert facts("摩根士丹利预计阿里巴巴2026—2028财年合计资本开支约4600亿元。") == [
        ("Alibaba", 2026, 4.6e11, "planned")]
    assert facts("分析师预计腾讯2026至2028财年合计AI投入约3000亿元。") == [("Tencent", 2026, 3e11, "planned")]
    assert facts("阿里巴巴2027财年资本开支预计约1300亿元。") == [("Alibaba", 2027, 1.3e11, "planned")]


def test_a_figure_a_correction_takes_back_is_no_fact():
    assert facts("腾讯此前公告的AI服务器采购金额12亿元有误，应为10亿元。") == [("Tencent", 2025, 1e9, "actual")]
    assert facts("中国联通智算中心GPU服务器采购项目更正公告：原公告中预算金额“4800万元”有误，现更正为“3800万元”。") == [
        ("China Unicom", 2025, 3.8e7, "planned")]
    assert facts("字节跳动更正此前披露：AI芯片采购额由原来的200亿元更正为180亿元。") == [("ByteDance", 2025, 1.8e10, "actual")]
    assert facts("百度将今年AI芯片采购预算由80亿元调整为100亿元。") == [("Baidu", 2025, 1e10, "planned")]
    # "调整为" after a clause break is no correction of the figure
    assert facts("阿里巴巴今年资本开支1200亿元，调整为AI优先。") == [("Alibaba", 2025, 1.2e11, "actual")]


def test_a_correction_notice_keeps_only_the_corrected_figure():
    assert facts("【更正公告】中国联通智算中心GPU服务器采购项目\n采购人：中国联合网络通信有限公司\n"
                 "更正事项：原公告中预算金额“4800万元”有误，现更正为“3800万元”。") == [("China Unicom", 2025, 3.8e7, "planned")]
    assert facts("中国电信AI服务器采购项目更正公告\n| 更正项 | 更正前 | 更正后 |\n|---|---|---|\n"
                 "| 预算金额 | 4800万元 | 3800万元 |\n") == [("China Telecom", 2025, 3.8e7, "planned")]
    assert facts("中国移动智算设备采购变更公告\n| 变更项 | 变更前 | 变更后 |\n|---|---|---|\n"
                 "| 采购预算 | 2.1亿元 | 2.6亿元 |\n") == [("China Mobile", 2025, 2.6e8, "planned")]


def test_a_province_opening_a_registered_name_is_left_out_with_its_suffix():
    rows = run("【中标公告】智算中心GPU服务器采购\n采购人：贵州省大数据发展集团有限公司\n中标人：浪潮电子信息产业股份有限公司\n"
               "中标金额：1.28亿元\n", published=date(2025, 11, 20))
    assert [(r.company, r.amount) for r in rows] == [("Dashuju Development Group", 1.28e8)]
    rows = run("北京市智算科技有限公司斥资3亿元采购AI服务器。", published=date(2025, 11, 20))
    assert [r.company for r in rows] == ["Zhisuan Technology"]
    rows = run("浙江省数联集团有限公司采购AI芯片，金额约2亿元。", published=date(2025, 11, 20))
    assert [r.company for r in rows] == ["Shulian Group"]


def test_a_header_may_name_its_year_measure_and_unit():
    text = ("云厂商资本开支对比\n| 公司 | 2024年资本开支（亿元） | 2025年资本开支预测（亿元） |\n|---|---|---|\n"
            "| 腾讯 | 767 | 900 |\n| 百度 | 81 | 120 |\n")
    assert facts(text, date(2025, 11, 20)) == [("Baidu", 2024, 8.1e9, "actual"), ("Baidu", 2025, 1.2e10, "planned"),
                                               ("Tencent", 2024, 7.67e10, "actual"), ("Tencent", 2025, 9e10, "planned")]
    # a header of revenue is no spend
    assert facts("| 公司 | 2024年营收（亿元） | 2025年营收（亿元） |\n|---|---|---|\n| 腾讯 | 6600 | 7200 |\n") == []


def test_the_corner_cell_may_name_the_unit_and_fiscal_columns_their_year():
    text = ("| 表1：主要云厂商资本开支 | | |\n|---|---|---|\n| 公司（亿元） | 2024A | 2025E |\n|---|---|---|\n"
            "| 腾讯 | 767 | 900 |\n")
    assert facts(text, date(2025, 11, 20)) == [("Tencent", 2024, 7.67e10, "actual"), ("Tencent", 2025, 9e10, "planned")]
    text = "表2：阿里巴巴资本开支预测（单位：百万元）\n| 项目 | FY2025A | FY2026E |\n|---|---|---|\n| 资本开支 | 85,472 | 120,000 |\n"
    assert facts(text, date(2025, 11, 20)) == [("Alibaba", 2025, 8.5472e10, "actual"), ("Alibaba", 2026, 1.2e11, "planned")]
    # a corner cell with no unit leaves bare numbers unread
    assert facts("| 表1：主要云厂商资本开支 | | |\n|---|---|---|\n| 公司 | 2024A | 2025E |\n|---|---|---|\n| 腾讯 | 767 | 900 |\n") == []


def test_a_tender_records_heading_takes_the_buyer_of_the_field_line_below():
    assert facts("招采周报\n1. 某市智算中心GPU服务器采购项目 预算7800万元\n招标人：贵州华芯科技有限公司，11月18日发布。\n2. 另一项目\n",
                 date(2025, 11, 25)) == [("Huaxin Technology", 2025, 7.8e7, "planned")]
    assert facts("招采周报\n3. 顺义区算力中心EPC总承包框架项目 预算78650万元\n公告日期：11月18日\n"
                 "招标人：国投汇恒（北京）投资控股有限公司。\n", date(2025, 11, 25)) == [
        ("Guotou Huiheng Investment Holding (Beijing)", 2025, 7.865e8, "planned")]
    # a heading naming compute is a purchase even when its amount has no buying word (资金)
    assert facts("招采周报\n2. 新星市智算中心（八标段） 资金85000万元\n招标人：新疆新星市国信文正数据科技有限公司，11月14日挂网。\n",
                 date(2025, 11, 25)) == [("Xinxing Guoxin Wenzheng Data Technology", 2025, 8.5e8, "actual")]
    # ... but not when it names no compute
    assert facts("招采周报\n2. 新星市职工食堂改造（八标段） 资金8500万元\n招标人：新疆新星市国信文正数据科技有限公司。\n",
                 date(2025, 11, 25)) == []
    # a heading two records up is no heading of this buyer's field line
    assert facts("招采周报\n1. 某市智算中心GPU服务器采购项目 预算7800万元\n2. 其他项目\n招标人：贵州华芯科技有限公司。\n",
                 date(2025, 11, 25)) == []
