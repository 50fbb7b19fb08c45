"""Chinese policy rules of rounds 3 and 5 (transforms/zh/policy_bodies.py, transforms/zh/policy.py,
seeds/aliases_zh.csv): bodies the seeds do not list, informal and foreign state names, policy documents, end-user lists and procedural steps, on sentences written for these tests."""
from datetime import date

import pytest

from transforms.zh.policy_bodies import local_bodies, state_body
from policy_helpers import chinese_policy, extractor


def run(text, published=date(2025, 9, 30)):
    return chinese_policy(text, published)


def events(text, **kw):
    return [(e.actor_country, e.instrument, e.event_date and e.event_date.isoformat()) for e in run(text, **kw)]


def test_an_unlisted_citys_government_is_a_local_chinese_actor():
    found = local_bodies("据悉，1月芜湖市政府办公室印发了细则", [])
    assert [(f.actor, f.country, f.kind) for f in found] == [("Wuhu municipal government", "CN", "local")]


def test_a_place_cannot_open_with_a_preposition():
    assert local_bodies("该措施对该市政府的要求", []) == []


def test_a_city_voucher_rule_is_a_subsidy_of_that_city():
    text = "芜湖市政府2024年3月出台人工智能算力券管理办法，对租用智能算力的企业按费用的40%给予补贴。"
    assert events(text) == [("CN", "subsidy", "2024-03-01")]


def test_two_cities_vouchers_are_two_subsidies():
    text = ("芜湖市政府2024年3月出台算力券管理办法，支持企业租用算力。\n"
            "嘉兴市人民政府2023年印发算力券实施细则，按合同额给予补贴。")
    assert sorted(events(text)) == [("CN", "subsidy", "2023-01-01"), ("CN", "subsidy", "2024-03-01")]


def test_a_ministry_written_after_its_state_is_that_states_body():
    assert state_body("荷兰基础设施大臣周五宣布", 2) == "基础设施大臣"
    assert state_body("美国西部的数据中心", 2) is None
    assert state_body("美国总部", 2) is None
    text = "荷兰外贸与发展合作部9月1日宣布，扩大对先进芯片制造设备的出口许可要求。"
    assert [(e.actor_country, e.instrument) for e in run(text)] == [("NL", "export_control")]


def test_a_policy_document_issued_is_an_act_of_kind_other():
    text = "工业和信息化部等五部门2月3日联合印发《算力芯片产业高质量发展行动方案》，支持高端训练芯片攻关。"
    assert events(text, published=date(2026, 2, 5)) == [("CN", "other", "2026-02-03")]


def test_a_document_whose_title_names_a_measure_is_that_measure():
    text = "北京市经济和信息化局2024年5月印发《智能算力补贴实施办法》，面向在京企业。"
    assert [e[1] for e in events(text)] == ["subsidy"]


def test_an_end_user_list_is_an_entity_list():
    text = "日本经济产业省15日公布修订后的出口管制最终用户清单，新增12个组织。"
    assert events(text) == [("JP", "entity_list", "2025-09-15")]


def test_parties_registering_for_a_probe_open_no_probe():
    text = ("商务部9月20日宣布，对原产于美国的进口存储芯片发起反倾销调查。\n"
            "利害关系方可在20日内向调查机关登记参加调查。")
    assert events(text) == [("CN", "investigation", "2025-09-20")]


def test_what_the_market_reads_into_a_measure_is_no_new_measure():
    text = ("美国总统9月22日宣布对进口芯片加征20%关税，白宫称将保护本土制造。\n"
            "市场解读，新关税实际上是把此前的分成安排制度化。")
    assert [(e[0], e[1]) for e in events(text)] == [("US", "tariff")]


def test_a_ministers_order_is_no_executive_order():
    text = "荷兰基础设施大臣10日宣布撤回此前对一家芯片厂发出的行政令。"
    assert [(e[0], e[1]) for e in events(text, published=date(2025, 12, 12))] == [("NL", "other")]
    text = "美国总统特朗普9月5日签署行政令，推动本土芯片制造。"
    assert [e[1] for e in events(text)] == ["executive_order"]


def test_a_condition_for_not_listing_a_firm_lists_none():
    text = "美方官员曾要求更换该公司管理层，作为不把该公司列入实体清单的条件。"
    assert run(text) == []


def test_items_put_under_control_are_an_export_control():
    text = "日本经济产业省5月宣布将23种芯片制造设备列入管制，7月起生效。"
    assert [(e[0], e[1]) for e in events(text)] == [("JP", "export_control")]


def test_the_licence_a_listing_requires_told_next_is_the_listing():
    text = ("日本经济产业省15日公布修订后的最终用户清单，新增12个组织。"
            "名单上的企业被认为存在风险，日本企业对其出口时须事先申请许可。")
    assert events(text) == [("JP", "entity_list", "2025-09-15")]


def test_licence_applications_approved_in_general_are_export_control_licensing():
    text = "商务部10月20日表示，将对符合条件的出口及时批准企业的许可申请，并对合规的申请予以放行。"
    assert [e[1] for e in events(text, published=date(2025, 10, 22))] == ["export_control"]
    text = "美国商务部12月8日宣布允许英伟达向中国客户销售H200芯片。"
    assert [e[1] for e in events(text, published=date(2025, 12, 10))] == ["sales_approval"]


def test_taiwan_reporting_words_count_as_chip_trade_topics():
    from transforms.zh.script import fold
    lexicon = extractor().chinese.lexicon
    found = lexicon.policy_topics.findall(fold("積體電路、人工智慧伺服器、資料中心與高頻寬記憶體"))
    assert found == ["积体电路", "人工智慧", "伺服器", "资料中心", "记忆体"]


@pytest.mark.parametrize("actor, country", [
    ("日方", "JP"), ("荷方", "NL"), ("韩方", "KR"), ("欧方", "EU"), ("台方", "TW"), ("马方", "MY"),
    ("东京", "JP"), ("海牙", "NL"), ("首尔", "KR"), ("布鲁塞尔", "EU"),
    ("欧委会", "EU"), ("歐盟執委會", "EU"), ("产业通商资源部", "KR"), ("行政院", "TW"), ("國貿署", "TW"),
    ("美国商务部工业和安全局", "US"), ("美国国务院", "US"), ("美国国防部", "US"), ("美国联邦通信委员会", "US"),
    ("美国海关与边境保护局", "US"), ("印度政府", "IN"), ("英国政府", "GB"), ("德国", "DE"), ("越南", "VN"),
    ("阿联酋", "AE"), ("国家数据局", "CN"), ("国家发展改革委", "CN"), ("全国人大常委会", "CN"), ("欧洲议会", "EU"),
])
def test_informal_and_foreign_state_names_give_their_country(actor, country):
    text = f"{actor}12月2日宣布，对先进计算芯片和半导体制造设备实施新的出口管制措施。"
    assert events(text, published=date(2025, 12, 5)) == [(country, "export_control", "2025-12-02")]


def test_the_us_customs_agency_is_not_chinas_customs():
    text = "美国海关与边境保护局12月2日宣布扣押一批违反出口管制、运往中国的高端芯片。"
    assert {e.actor_country for e in run(text, published=date(2025, 12, 5))} <= {"US"}


def test_a_capital_inside_an_organisations_name_does_not_act():
    text = ("商务部2月24日发布公告。公告将东京科学大学、首尔电子等10家实体列入出口管制管控名单，"
            "禁止向其出口两用物项。")
    assert {e.actor_country for e in run(text, published=date(2026, 2, 25))} == {"CN"}


def test_states_listed_as_one_subject_each_act():
    text = "美国、日本和荷兰今年3月先后收紧对华半导体设备出口管制。"
    assert sorted(events(text)) == [("JP", "export_control", "2025-03-01"), ("NL", "export_control", "2025-03-01"),
                                    ("US", "export_control", "2025-03-01")]
    assert sorted(events("日本与荷兰政府去年6月先后出台光刻设备出口管制。")) == [
        ("JP", "export_control", "2024-06-01"), ("NL", "export_control", "2024-06-01")]


def test_states_written_by_their_initials_each_act():
    text = "中美双方5月12日同意将相互加征的关税下调至10%。"
    assert sorted(e[:2] for e in events(text)) == [("CN", "tariff"), ("US", "tariff")]


def test_a_state_after_a_preposition_is_no_co_subject():
    text = "美国商务部3月5日宣布对中国和俄罗斯的实体实施出口管制。"
    assert events(text) == [("US", "export_control", "2025-03-05")]
    assert events("美方3月5日宣布对中美两国之间的芯片贸易实施新的出口管制。") == [("US", "export_control", "2025-03-05")]


@pytest.mark.parametrize("text, instrument", [
    ("美国商务部3月5日推迟执行芯片出口新规。", "export_control"),
    ("美国商务部3月5日要求台积电停止向中国大陆客户供应7纳米芯片。", "export_control"),
    ("美国商务部3月5日禁止应用材料向中芯国际出货。", "export_control"),
    ("美国联邦通信委员会3月5日将多家中国企业列入涵盖清单。", "entity_list"),
    ("美国财政部3月5日发布对华投资限制最终规则。", "other"),
])
def test_more_instrument_words(text, instrument):
    assert events(text) == [("US", instrument, "2025-03-05")]


@pytest.mark.parametrize("text", [
    "工信部3月5日要求保障芯片供应链安全稳定。",
    "美国商务部3月5日表示，英伟达违反出口规则向中国出货。",
    "英伟达3月5日停止向中国客户供货。",
])
def test_supply_and_rules_words_that_tell_no_act(text):
    assert events(text) == []


def test_a_timeline_entry_naming_no_actor_is_about_the_storys_actor():
    text = ("日本政府10日宣布扩大半导体设备出口管制范围。\n"
            "管制时间轴\n"
            "- 2023年5月23日：公布修订后的出口管制规则，23类设备出口需许可。\n"
            "- 2024年4月：追加4类检测设备出口管制。")
    assert sorted(events(text)) == [("JP", "export_control", "2023-05-23"), ("JP", "export_control", "2024-04-01"),
                                    ("JP", "export_control", "2025-09-10")]


def test_a_list_item_that_is_no_timeline_entry_takes_no_actor_from_the_story():
    text = ("日本政府10日宣布扩大半导体设备出口管制范围。\n"
            "业内看法\n"
            "- 设备厂：担心出口管制会继续收紧。")
    assert events(text) == [("JP", "export_control", "2025-09-10")]


def test_a_company_that_speaks_opens_no_act_of_the_actor_before():
    text = ("荷兰政府15日宣布扩大半导体设备出口管制。\n"
            "阿斯麦（ASML）表示，新规不会在美国去年12月收紧的管制之外造成额外影响。")
    assert events(text, published=date(2025, 1, 16)) == [("NL", "export_control", "2025-01-15")]


def test_a_freeze_ordered_by_a_state_is_an_act_and_its_suspension_a_delay():
    text = "荷兰政府9月30日依据《货物供应法》对该公司的资产和人事调整权限实施为期一年的冻结。"
    assert events(text) == [("NL", "other", "2025-09-30")]
    rows = run("荷兰经济事务大臣19日宣布暂停此前依据《货物供应法》对该公司发出的行政令。", published=date(2025, 11, 20))
    assert [(r.actor_country, r.status) for r in rows] == [("NL", "delayed")]


def test_tariffs_of_two_legal_bases_told_the_same_day_are_two_acts():
    text = ("美方15日同意将对该国的对等关税由20%下调至15%；该国半导体并取得美国232条款关税的最优惠待遇。")
    assert sorted(events(text)) == [("US", "tariff", "2025-09-15"), ("US", "tariff", "2025-09-15")]


def test_a_tariff_named_without_its_basis_joins_the_one_basis_named():
    text = "美国商务部15日宣布对进口芯片加征25%的232条款关税。\n这项关税于15日宣布，适用于所有高端芯片。"
    assert events(text) == [("US", "tariff", "2025-09-15")]


def test_a_low_power_price_a_government_secures_is_a_subsidy():
    text = ("某某省政府办公厅2024年6月印发《关于支持算力产业发展的若干意见》。"
            "文件要求保障智算中心的优惠电价，并对电费减免给予支持。")
    assert ("CN", "subsidy", "2024-06-01") in events(text)


def test_measures_a_probe_may_cover_are_no_acts():
    text = ("商务部13日宣布对美国相关做法启动反歧视调查。调查范围可包括：美国2018年以来对中国产品加征的关税；"
            "美国对华实施的芯片出口管制。")
    assert events(text) == [("CN", "investigation", "2025-09-13")]


def test_a_state_that_owns_a_requirement_named_after_with_made_it():
    text = "这与美国政府本周稍早的另一项要求相关：今后销往该地区的高端芯片，须先运抵美国检测后才能出口。"
    assert events(text, published=date(2026, 1, 15)) == [("US", "export_control", "2026-01-01")]
    assert events("美国商务部14日宣布与荷兰的新一轮会谈。", published=date(2026, 1, 15)) == []
