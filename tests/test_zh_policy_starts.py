"""Chinese policy rules of round 6 (transforms/zh/dates.py, transforms/zh/policy_dates.py, transforms/zh/policy.py,
seeds/policy_triggers_zh.csv, seeds/aliases_zh.csv): the time a measure started from, dates of other events,
suspensions, local governments and mentions that tell no act, on sentences written for these tests."""
from datetime import date

from policy_helpers import chinese_policy
from transforms.zh.dates import find_dates

PUBLISHED = date(2025, 11, 14)


def events(text, published=PUBLISHED):
    return sorted((e.actor_country, e.instrument, e.event_date and e.event_date.isoformat(), e.date_precision, e.status)
                  for e in chinese_policy(text, published))


def dates(text, published=PUBLISHED):
    return [(text[d.start:d.end], d.value.isoformat(), d.precision) for d in find_dates(text, published)]


# --- the time a measure started from -------------------------------------------------------------------------

def test_a_month_a_requirement_started_from_dates_it_though_the_sentence_names_another_time_later():
    for start in ("今年4月起", "自今年4月起", "从今年4月份起", "自今年四月起", "今年4月开始"):
        text = f"{start}，美国要求英伟达H20芯片出口须申领许可证，国内云厂商今年下半年放缓采购。"
        assert events(text) == [("US", "export_control", "2025-04-01", "month", "in_effect")], start


def test_a_start_month_is_finer_than_the_year_told_in_the_same_clause():
    text = "美国今年4月起要求H20芯片出口须申领许可证，英伟达今年在华收入下滑。"
    assert events(text) == [("US", "export_control", "2025-04-01", "month", "in_effect")]


def test_a_start_told_with_its_year_is_the_acts_own_time_not_the_sentence_befores():
    text = "荷兰政府去年9月宣布扩大光刻机出口管制。日本则早在2023年7月起，限制23种半导体制造设备的出口。"
    assert ("JP", "export_control", "2023-07-01", "month", "in_effect") in events(text)
    assert ("NL", "export_control", "2024-09-01", "month", "announced") in events(text)


def test_a_bare_start_day_still_takes_the_time_of_the_section_it_stands_in():
    text = ("一、1月13日：芯片出口新框架\n"
            "美国商务部公布新的芯片出口规则。新规自1月15日起生效，要求代工厂核实客户身份并申请许可。")
    assert [e[2] for e in events(text, date(2025, 1, 17))] == ["2025-01-13"]


def test_a_start_day_inside_the_announced_month_is_the_finer_date():
    text = "荷兰政府去年9月宣布，自9月7日起把两款浸润式光刻机纳入国家出口许可范围。"
    assert events(text) == [("NL", "export_control", "2024-09-07", "day", "announced")]


def test_a_yearless_day_after_a_date_of_another_year_keeps_that_year():
    assert dates("荷兰政府去年9月宣布，自9月7日起实施新规。")[1] == ("9月7日", "2024-09-07", "day")
    assert dates("2024年12月2日，美国商务部宣布新规，1月2日起生效。")[1] == ("1月2日", "2025-01-02", "day")
    assert dates("美国商务部今年3月宣布新规，5月1日起生效。")[1] == ("5月1日", "2025-05-01", "day")


def test_a_past_month_that_a_measure_started_from_is_not_pushed_into_next_year():
    assert dates("4月起实施的部分中重稀土出口许可制度不受影响。") == [("4月", "2025-04-01", "month")]
    assert dates("新规将于4月起实施。") == [("4月", "2026-04-01", "month")]


# --- a date of another event ---------------------------------------------------------------------------------

def test_the_year_of_an_acquisition_does_not_date_the_probe_of_it():
    text = "市场监管总局依法对英伟达2020年收购迈络思一案开展反垄断立案调查。"
    # undated by its sentence, the probe is a known act: seeds/policy_catalogue.csv dates it (9 December 2024)
    assert [e[2] for e in events(text)] == ["2024-12-09"]
    text = "去年12月，市场监管总局宣布对英伟达立案调查。市场监管总局此前就英伟达2020年收购迈络思一事展开调查。"
    assert events(text) == [("CN", "investigation", "2024-12-01", "month", "announced")]


def test_a_date_labelling_a_noun_in_the_object_dates_no_act():
    # the known probe's day (policy_catalogue.csv), never the acquisition's year
    assert [e[2] for e in events("市场监管总局对英伟达2020年的迈络思收购案展开调查。")] == ["2024-12-09"]
    for text in ("市场监管总局称，英伟达违反了2020年附加限制性条件批准收购时作出的承诺，依法决定对其开展立案调查。",
                 "美国商务部扩大了2023年10月规则的适用范围，新增多项设备管制。"):
        assert [e[2] for e in events(text)] == [None], text
    assert [e[2] for e in events("美国商务部12月2日扩大了2023年10月规则的适用范围。")] == ["2024-12-02"]
    assert [e[2] for e in events("商务部对原产于美国的进口模拟芯片于9月13日发起反倾销调查。")] == ["2025-09-13"]


def test_a_fund_set_up_on_a_day_is_dated_by_it():
    text = "国家集成电路产业投资基金三期已于5月24日成立，注册资本3440亿元。"
    assert [e[2] for e in events(text)] == ["2025-05-24"]


# --- suspensions ---------------------------------------------------------------------------------------------

EARLIER = "商务部10月9日发布公告，对稀土相关技术实施出口管制。"


def test_a_measure_suspended_as_the_clauses_subject_is_a_delay_dated_by_the_announcement():
    assert ("CN", "export_control", "2025-11-07", "day", "delayed") in events(EARLIER + "商务部11月7日宣布，上述措施暂缓实施一年。")


def test_a_suspension_told_with_bare_words_is_a_delay():
    for words in ("暂缓上述管制", "暂停该措施", "暂缓执行上述措施"):
        assert ("CN", "export_control", "2025-11-07", "day", "delayed") in events(EARLIER + f"商务部11月7日宣布{words}。"), words


def test_a_suspension_takes_the_kind_its_own_words_name():
    assert events("商务部11月9日宣布暂停对美国出口镓、锗的禁令，为期一年。") == [
        ("CN", "export_control", "2025-11-09", "day", "delayed")]
    assert events("白宫11月4日宣布，暂停对中国商品加征的部分关税一年。") == [("US", "tariff", "2025-11-04", "day", "delayed")]
    assert events("11月7日，商务部宣布将上述出口管制措施暂停一年。") == [
        ("CN", "export_control", "2025-11-07", "day", "delayed")]


def test_the_measure_named_in_a_suspensions_clause_is_what_is_suspended_not_an_act():
    text = "商务部11月7日宣布，暂停实施10月9日发布的出口管制措施，暂停期限一年。"
    assert events(text) == [("CN", "export_control", "2025-11-07", "day", "delayed")]


def test_a_suspension_is_not_dated_by_the_measure_it_suspends():
    text = EARLIER + "中美达成共识后，商务部宣布暂停实施10月9日公布的出口管制措施，暂停期一年。"
    assert events(text) == [("CN", "export_control", "2025-10-09", "day", "announced"),
                            ("CN", "export_control", "2025-11-01", "month", "delayed")]


# --- instruments and actors ----------------------------------------------------------------------------------

def test_a_cap_on_volumes_is_a_condition_of_the_licence_review_not_a_procurement_ban():
    text = "美国商务部1月宣布，H200对华出口许可审批由推定拒绝改为逐案审查，但对华出货量不得超过美国客户购买总量的50%。"
    rows = chinese_policy(text, PUBLISHED)
    assert [(e.instrument, e.magnitude) for e in rows] == [("export_control", 50.0)]
    assert [e.instrument for e in chinese_policy("国资委要求央企不得采购境外AI芯片。", PUBLISHED)] == ["procurement_guidance"]


def test_local_governments_that_pay_electricity_subsidies_act_for_china():
    for subject in ("多个省份的地方政府", "部分地方", "一些省份"):
        text = f"据报道，{subject}对使用国产芯片的大型数据中心提高了电费补贴。"
        rows = chinese_policy(text, PUBLISHED)
        assert [(e.actor_country, e.actor, e.instrument) for e in rows] == [("CN", "Chinese local government", "subsidy")], subject


def test_a_rule_named_in_quotes_and_a_licence_scope_are_export_controls():
    assert [e[1] for e in events("美国商务部周一（13日）公布“人工智能扩散”临时最终规则，把各国分为三个等级。")] == ["export_control"]
    assert [e[1] for e in events("荷兰政府宣布把两款光刻机纳入国家出口许可范围。")] == ["export_control"]


def test_a_state_after_jiu_is_what_a_probe_is_about_not_its_actor():
    text = "商务部13日发布公告，就美国在集成电路领域对华采取的相关措施发起反歧视立案调查。"
    assert [e[0] for e in events(text)] == ["CN"]


def test_mentions_that_tell_no_act():
    for text in ("中国半导体行业协会当晚发表声明，表示支持上述两项调查。",
                 "台积电暂停向列入实体清单的中芯国际关联公司出货。",
                 "第三级则是受武器禁运的国家，原有的先进芯片出口禁令维持不变。"):
        assert events(text) == [], text
    assert [e[1] for e in events("美国商务部11月5日宣布将12家中国企业列入实体清单。")] == ["entity_list"]


def test_background_acts_told_in_history_sentences_keep_their_year_or_month():
    assert events("中方自2023年起对镓、锗出口实行许可管理。") == [("CN", "export_control", "2023-01-01", "year", "in_effect")]
    text = "回顾过去两年，美国在2024年12月把HBM列入管制清单，中国则在2023年7月宣布管制镓、锗出口。"
    assert [(e[0], e[2]) for e in events(text)] == [("CN", "2023-07-01"), ("US", "2024-12-01")]


def test_a_start_month_without_its_year_is_the_acts_own_time_too():
    text = "美国商务部13日宣布对多家中国企业实施制裁。美国4月起要求H20芯片出口须申领许可证。"
    assert ("US", "export_control", "2025-04-01", "month", "in_effect") in events(text)


def test_a_start_still_ahead_does_not_take_the_place_of_the_sections_day():
    text = ("一、1月13日：芯片出口新框架\n"
            "这是美国首个全球分级的出口管制规则，主要合规义务原定于5月中旬开始适用。")
    assert [e[2] for e in events(text, date(2025, 1, 17))] == ["2025-01-13"]


def test_a_document_of_support_is_a_subsidy_other_documents_stay_other():
    text = "2024年6月，内蒙古自治区人民政府办公厅印发《关于支持和林格尔集群绿色算力产业发展的若干意见》，提出低价电力保障。"
    assert [e[1] for e in events(text)] == ["subsidy"]
    assert [e[1] for e in events("工信部印发《算力基础设施高质量发展行动计划》。")] == ["other"]


def test_a_warning_of_legal_liability_is_an_act_the_sanctions_law_named_is_no_sanction():
    text = ("商务部新闻发言人21日表示，任何组织和个人执行或协助执行美方上述措施，将涉嫌违反《中华人民共和国反外国制裁法》"
            "等法律法规，须承担相应法律责任。")
    assert events(text) == [("CN", "other", "2025-10-21", "day", "announced")]
    assert [e for e in events("专家认为，企业在华须面对中方反外国制裁法下的风险。") if e[1] == "sanction"] == []


def test_a_liability_under_chinas_law_is_chinas_warning_whoever_the_sentence_before_named():
    text = ("商务部新闻发言人21日就美方禁用中国芯片的指南发表谈话。\n发言人强调，美方措施涉嫌构成歧视性限制措施。"
            "任何组织和个人执行或协助执行美方措施，将涉嫌违反《中华人民共和国反外国制裁法》，须承担相应法律责任。")
    assert [(e.actor_country, e.instrument) for e in chinese_policy(text, PUBLISHED)] == [("CN", "other")]


def test_the_day_of_an_application_does_not_date_the_probe_it_started():
    text = ("商务部9月13日宣布对原产于美国的模拟芯片发起反倾销调查。"
            "此次反倾销调查源于江苏省半导体行业协会今年7月23日代表国内相关产业递交的申请。")
    assert events(text, date(2025, 9, 14)) == [("CN", "investigation", "2025-09-13", "day", "announced")]


def test_a_measure_firms_must_understand_or_cope_with_is_no_act():
    for verb in ("掌握", "应对"):
        assert events(f"经济部表示，将协助业者{verb}2022年以来美国对AI相关技术的出口管制要求。") == [], verb
