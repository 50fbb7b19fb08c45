"""Chinese policy rules (transforms/zh/policy.py), one behaviour each, on short articles written for these tests."""
from datetime import date

import pytest

from policy_helpers import chinese_policy


def run(text, published=date(2025, 12, 10)):
    return chinese_policy(text, published)


def events(text, **kw):
    return [(e.actor_country, e.instrument, e.event_date and e.event_date.isoformat(), e.status) for e in run(text, **kw)]


def one(text, **kw):
    rows = run(text, **kw)
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.parametrize("text, country, instrument", [
    ("美国商务部周二宣布，将27家中国实体列入实体清单。", "US", "entity_list"),
    ("中国商务部9月15日宣布，对原产于美国的模拟芯片发起反倾销调查。", "CN", "investigation"),
    ("日本经济产业省于7月23日起对23种半导体制造设备实施出口管制。", "JP", "export_control"),
    ("荷兰政府宣布扩大对部分光刻机的出口许可要求。", "NL", "export_control"),
    ("特朗普政府宣布对进口半导体加征25%的关税。", "US", "tariff"),
    ("美國財政部上月宣布制裁三家涉嫌協助走私晶片的香港公司。", "US", "sanction"),
    ("国家网信办要求多家企业停止测试和订购某款进口芯片。", "CN", "procurement_guidance"),
    ("工信部印发通知，对使用国产AI芯片的算力中心给予电费补贴。", "CN", "subsidy"),
    ("美国总统川普宣布，允许英伟达向经审批的中国客户出售H200芯片。", "US", "sales_approval"),
])
def test_instrument_and_acting_state(text, country, instrument):
    row = one(text)
    assert (row.actor_country, row.instrument) == (country, instrument)


def test_the_actor_is_canonical_whatever_the_script():
    assert {e.actor for e in run("國家網信辦7月31日約談英偉達。") + run("国家网信办7月31日约谈英伟达。")} == {
        "Cyberspace Administration of China"}


def test_the_target_keeps_the_articles_own_characters():
    target = one("經濟部10月宣布將41家企業納入實體管理名單。").target
    assert "41家企業納入實體管理名單" in target


def test_a_relative_day_is_dated_against_the_publication():
    assert events("美国司法部8日宣布破获一个走私芯片的网络。") == [("US", "investigation", "2025-12-08", "announced")]


def test_a_deadline_does_not_date_the_action():
    row = one("11月9日：中国商务部宣布，相关出口管制暂停实施至2026年11月27日。")
    assert (row.event_date.isoformat(), row.status) == ("2025-11-09", "delayed")


def test_a_suspension_takes_the_instrument_of_the_measure_it_names():
    text = ("10月9日：中国商务部发布出口管制公告。\n"
            "11月7日：中国商务部宣布，10月9日发布的公告暂停实施，期限至2026年11月10日。")
    assert sorted(events(text)) == [("CN", "export_control", "2025-10-09", "announced"),
                                    ("CN", "export_control", "2025-11-07", "delayed")]


def test_a_state_used_as_a_modifier_is_no_actor():
    assert events("美国商务部周二宣布，将27家中国实体列入实体清单。")[0][0] == "US"


def test_a_state_after_a_preposition_is_no_actor():
    assert events("国家网信办宣布对美国半导体产品发起反倾销调查。")[0][0] == "CN"


def test_a_bare_body_is_chinas_in_chinese_reporting():
    assert events("8月以来，有关部门提示国内企业尽量避免使用某进口芯片。")[0][:2] == ("CN", "procurement_guidance")


def test_a_generic_body_takes_the_state_it_was_named_with_before():
    text = "美国司法部8日宣布起诉两名男子。\n另外，司法部11月20日还起诉了另外四人。"
    assert sorted(events(text)) == [("US", "investigation", "2025-11-20", "announced"),
                                    ("US", "investigation", "2025-12-08", "announced")]


def test_a_passive_without_agent_is_chinas_authorities():
    assert events("去年11月有报道称，使用国家资金的新建数据中心被要求只采用国产AI芯片。")[0][:3] == (
        "CN", "procurement_guidance", "2024-11-01")


def test_an_undated_sentence_continues_the_time_of_the_one_before():
    text = "8月，多家外媒报道称，有关部门提示企业避免使用某芯片；网信办等部门还约谈了部分企业，询问其采购的必要性。"
    assert ("CN", "other", "2025-08-01") in [e[:3] for e in events(text)]


def test_list_items_take_the_date_of_their_heading_and_cities_stay_apart():
    text = ("据日经中文网8月报道，多个地方政府设定了数据中心芯片国产化目标：\n"
            "- 北京市：力争到2027年，相关数据中心所用芯片的自给率达到100%；\n"
            "- 上海市：到2027年，自主可控产品的比例提高到70%以上。")
    assert sorted((e.actor, e.event_date.isoformat(), e.magnitude) for e in run(text)) == [
        ("Beijing municipal government", "2025-08-01", 100.0), ("Shanghai municipal government", "2025-08-01", 70.0)]


def test_a_residual_meeting_is_the_means_of_the_measure_beside_it():
    assert [e[1] for e in events("同日官员召集多家科企开会，明言除非确有必要，否则不得采购。\n", published=date(2026, 1, 14))] \
        in ([], ["procurement_guidance"])
    text = "海关本月13日通知报关代理。同日官员召集多家科企开会，明言除非确有必要，否则不得采购。"
    assert ("CN", "procurement_guidance", "2026-01-13", "announced") in events(text, published=date(2026, 1, 29))


def test_a_requirement_that_a_listing_brings_is_not_a_second_measure():
    text = "经济部上月22日宣布将41家企业纳入实体管理名单，国内厂商出货前须先取得许可。"
    assert [e[1] for e in events(text)] == ["entity_list"]


def test_a_comment_by_industry_people_takes_no_actor_from_before():
    text = "经济部今年6月将两家企业纳入出口管制名单。业界人士认为，无论关税最终怎么落地，需求仍在扩张。"
    assert [e[1] for e in events(text)] == ["entity_list"]


def test_a_heading_adds_no_event():
    assert run("四、转折：首批放行逾40万颗") == []


@pytest.mark.parametrize("text, status", [
    ("上周四，美国总统特朗普在社交媒体上扬言，对中国商品额外加征100%的关税。", "threatened"),
    ("据路透社报道，中国已批准首批H200进口。", "reported"),
    ("北京正研究一项配套条件：企业每购入一定数量的进口芯片，须同时采购国产芯片。", "proposed"),
])
def test_status_from_the_nearest_cue(text, status):
    assert one(text).status == status


def test_a_standing_measure_dated_months_before_is_in_effect():
    assert one("今年4月，美国政府要求该芯片对华出口必须事先取得许可。", published=date(2025, 7, 31)).status == "in_effect"


@pytest.mark.parametrize("text, magnitude, unit", [
    ("美国宣布对进口半导体加征25%的关税。", 25.0, "percent"),
    ("马来西亚宣布相关人士须至少提前30天通报，出口前一律须申请许可。", 30.0, "days"),
    ("经济部宣布再将41家中国大陆企业纳入实体管理名单。", 41.0, "units"),
])
def test_magnitudes(text, magnitude, unit):
    row = one(text)
    assert (row.magnitude, row.magnitude_unit) == (magnitude, unit)


@pytest.mark.parametrize("text", [
    "一项市场调查显示，七成企业看好国产芯片。",
    "该芯片是为满足美国出口管制要求而推出的产品。",
    "投资者更关心关税政策的走向。",
])
def test_mentions_that_are_no_act(text):
    assert run(text) == []


def test_confidence_is_higher_for_a_named_actor_than_for_one_from_context():
    named = one("美国商务部12月2日宣布扩大出口管制。")
    carried = [e for e in run("美国商务部12月2日宣布扩大出口管制。同日还把更多企业列入实体清单。") if e.instrument == "entity_list"]
    assert carried and 0 < carried[0].confidence < named.confidence <= 1


@pytest.mark.parametrize("text, instrument", [
    ("欧盟委员会宣布对中国产成熟制程芯片展开反补贴调查。", "investigation"),
    ("荷兰政府9月30日接管安世半导体。", "other"),
    ("美国商务部于1月13日发布《人工智能扩散框架》，对先进AI芯片出口实施全球许可管理。", "export_control"),
])
def test_the_longest_trigger_decides_the_instrument(text, instrument):
    assert [e[1] for e in events(text)] == [instrument]


CANOLA = ("商务部12日发布公告，公布对原产于某国的进口油菜籽反倾销调查的初步裁定，认定倾销成立。"
          "自14日起，进口经营者在进口上述产品时，应依据裁定向海关提供相应的保证金，保证金比率为75.8%。"
          "今年3月，国务院关税税则委员会宣布，自3月20日起对该国菜籽油、油渣饼和豌豆加征100%关税，对部分水产品和猪肉加征25%关税。"
          "业内人士表示，国内压榨企业已提前调整采购计划，进口大豆和菜籽的价差正在收窄，饲料企业的成本压力有所缓解。"
          "海关数据显示，前七个月油菜籽进口量同比下降三成，来自其他产地的货源占比明显上升，港口库存处于近年低位。"
          "有贸易商说，新季菜籽的到港节奏将决定四季度的压榨开机率，部分油厂已开始转向葵花籽和棕榈油。"
          "在期货市场，菜粕主力合约当天一度涨停，菜油合约也随之走高，豆粕价格则相对平稳，市场情绪仍以观望为主。"
          "多家粮油企业表示，将密切关注后续裁定，并在原料采购上加大多元化力度，以降低单一产地带来的供应风险。"
          "据了解，此案的最终裁定预计将在明年上半年公布，届时保证金将转为正式的反倾销税，期限通常为五年。"
          "养殖业人士指出，菜粕在水产饲料中的用量较大，价格上涨将传导至下游，部分饲料厂已上调了报价。"
          "当地行业协会则呼吁两国政府尽快重启对话，避免贸易摩擦进一步扩大到其他农产品和食品领域。"
          "与此同时，一些进口商开始与新的出口国洽谈长期合同，希望在明年的采购季之前锁定货源和运力，减少港口滞期带来的额外费用。"
          "分析认为，双方仍有通过磋商化解分歧的空间，其中一家通信设备商华为在当地的业务也受到关注。")


def test_a_trade_story_that_names_chips_in_passing_gives_no_events():
    assert run(CANOLA) == []


def test_the_same_measures_in_a_chip_story_are_read():
    chips = CANOLA.replace("油菜籽", "模拟芯片").replace("菜籽油、油渣饼和豌豆", "半导体、存储芯片和晶圆")
    assert {e.instrument for e in run(chips)} >= {"investigation", "tariff"}


def test_a_day_a_measure_takes_effect_from_yields_to_the_day_told_before():
    text = "同一天，多部门还宣布了其他措施。国务院关税税则委员会发布公告，自2月10日起对原产于美国的芯片加征15%关税。"
    assert events(text, published=date(2025, 2, 4)) == [("CN", "tariff", "2025-02-04", "announced")]


def test_a_day_a_measure_takes_effect_from_dates_it_when_nothing_else_does():
    assert events("荷兰政府宣布，自4月1日起对部分光刻机实施出口管制。", published=date(2025, 3, 20)) == [
        ("NL", "export_control", "2025-04-01", "announced")]


def test_a_date_in_a_clause_describing_the_measure_labels_it():
    text = "美国商务部本月13日宣布撤销拜登政府于1月出台、原定5月15日起适用的《人工智能扩散框架》。"
    assert events(text, published=date(2025, 5, 21)) == [("US", "export_control", "2025-05-13", "rescinded")]


def test_a_letter_sent_recently_is_dated_by_the_publication_month():
    text = "据路透社报道，美国商务部日前致函台积电，对运往中国的7纳米AI芯片实施出口限制。"
    assert events(text, published=date(2024, 11, 11)) == [("US", "export_control", "2024-11-01", "reported")]


@pytest.mark.parametrize("reaction", [
    "中國商務部發言人表示，美方泛化國家安全、濫用出口管制，對多家中國實體實施制裁，中方堅決反對。",
    "外交部发言人26日说，美方滥用实体清单等出口管制工具，中方予以强烈谴责。",
    "商务部新闻发言人表示，美方此举将出口管制工具化，中方对此表示反对。",
])
def test_a_reaction_names_the_measure_it_reacts_to_and_adds_no_event(reaction):
    assert run(reaction, published=date(2025, 9, 15)) == []


def test_an_act_announced_after_a_reaction_is_its_own_event():
    text = "商务部发言人表示，中方对美方的做法坚决反对，并宣布对原产于美国的模拟芯片发起反倾销调查。"
    # undated in its sentence, the probe is a known act: seeds/policy_catalogue.csv dates it (13 September 2025)
    assert events(text, published=date(2025, 9, 15)) == [("CN", "investigation", "2025-09-13", "announced")]


def test_a_section_heading_dates_the_undated_measure_below_it():
    text = ("政策解读：一周三道新规\n一、1月13日：人工智能扩散框架\n"
            "这是美国首个以全球分级方式管理AI芯片流向的出口管制规则，主要合规义务原定于5月中旬开始适用。")
    assert events(text, published=date(2025, 1, 17)) == [("US", "export_control", "2025-01-13", "announced")]


def test_a_day_a_rule_takes_effect_does_not_date_the_next_sentence():
    text = ("BIS于15日公布关于先进计算芯片的另一项临时最终规则，16日起生效，1月31日起要求合规。"
            "新规要求晶圆代工厂在承接先进制程芯片订单时核实客户身份，否则需要申请许可。")
    assert events(text, published=date(2025, 1, 17)) == [("US", "export_control", "2025-01-15", "announced")]


@pytest.mark.parametrize("text, country, instrument", [
    ("工信部近期已将国产AI处理器纳入政府认可的供应商名单。", "CN", "procurement_guidance"),
    ("荷兰宣布将两款浸润式光刻机纳入国家许可要求。", "NL", "export_control"),
    ("荷兰政府宣布，部分量测设备出口需许可。", "NL", "export_control"),
    ("国家集成电路产业投资基金三期已于5月24日成立，注册资本3440亿元。", "CN", "subsidy"),
    ("韩国科学技术信息通信部1日公布2026年预算案，用于购买GPU的资金为2.1万亿韩元。", "KR", "subsidy"),
    ("有关部门近期约谈了腾讯、字节跳动等企业，要求其说明采购H20芯片的原因。", "CN", "other"),
])
def test_more_instrument_phrases(text, country, instrument):
    row = one(text)
    assert (row.actor_country, row.instrument) == (country, instrument)


@pytest.mark.parametrize("text", [
    "倾销调查期为2024年1月1日至12月31日。",
    "中国、俄罗斯等受武器禁运的国家维持最严格管制。",
    "经济部表示，台积电与政府就出口管制议题定期讨论。",
    "两家公司被指替中芯国际取得芯片制造设备而遭制裁。",
])
def test_phrases_that_hold_a_trigger_but_tell_no_act(text):
    assert run(text) == []


def test_a_bare_ministry_takes_the_state_it_was_named_with():
    text = "韩国科学技术信息通信部1日公布2026年预算案。5月13日，科技部公布1.46万亿韩元追加预算，用于购买1万张GPU。"
    assert {(e.actor_country, e.event_date.isoformat()) for e in run(text, published=date(2025, 9, 2))} == {
        ("KR", "2025-09-01"), ("KR", "2025-05-13")}


def test_list_items_take_the_actor_of_the_sentence_their_list_hangs_from():
    text = ("美国商务部工业与安全局12月2日发布一揽子出口管制新规，可以概括为三点：\n"
            "- 新增HBM管制。相关产品对华出口需要许可。\n"
            "- 新增实体。将140个实体列入实体清单，绝大部分为中国企业。\n"
            "这是美方的又一次加码。")
    assert ("US", "entity_list", "2024-12-02", "announced") in events(text, published=date(2024, 12, 5))


def test_a_list_without_such_a_sentence_lends_its_items_no_actor():
    text = ("美国商务部工业与安全局12月2日发布出口管制新规。\n\n四、哪些没有变\n"
            "- 对美国军事用户的出口仍然禁止；\n- 4月起实施的部分稀土出口许可制度不受影响。")
    assert [e[:2] for e in events(text, published=date(2024, 12, 5))] == [("US", "export_control")]


def test_probes_of_two_named_kinds_the_same_day_are_two_events():
    text = ("中国商务部13日宣布，对原产于美国的进口模拟芯片发起反倾销调查，并对美国针对中国芯片产业的相关措施展开反歧视调查。"
            "据公告，调查由国内行业协会于今年7月提出申请。据了解，此类调查一般在三个月左右完成。")
    assert events(text, published=date(2025, 9, 15)) == [("CN", "investigation", "2025-09-13", "announced")] * 2


def test_what_a_spokesperson_says_of_a_measure_told_before_is_no_act_of_the_speaker():
    text = ("美国商务部工业与安全局13日发布人工智能芯片出口管制新规。"
            "商务部新闻发言人当天表示，该措施进一步加严对人工智能芯片的出口管制，拓展长臂管辖。")
    assert events(text, published=date(2025, 1, 17)) == [("US", "export_control", "2025-01-13", "announced")]


def test_the_investigated_product_is_no_probe():
    assert run("被调查产品为采用40纳米及以上工艺制造的通用接口芯片。") == []


def test_a_year_a_few_characters_before_a_budget_bill_labels_it():
    assert events("8月29日，韩国内阁已通过2026年政府预算案。", published=date(2025, 9, 2)) == [
        ("KR", "subsidy", "2025-08-29", "proposed")]


def test_an_actor_opening_the_clause_after_a_long_time_phrase_is_the_subject_later_sentences_take():
    text = ("一、10月9日：六份公告同日发布\n国庆长假后的第一个工作日，商务部在官网连发公告。"
            "其中最受关注的是第61号公告：境外组织向第三国出口特定稀土物项前，须取得两用物项出口许可。")
    assert events(text, published=date(2025, 11, 10)) == [("CN", "export_control", "2025-10-09", "announced")]


def test_what_a_statement_is_about_is_no_act_of_the_speaker():
    assert run("商务部新闻发言人21日就美国企图在全球禁用中国先进计算芯片发表谈话。", published=date(2025, 5, 21)) == []


def test_a_pretext_called_so_called_marks_a_reaction():
    text = "发言人表示，美国商务部近日发布指南，以所谓“推定违反美国出口管制”为由，企图在全球范围内禁止使用中国芯片。"
    assert run(text, published=date(2025, 5, 21)) == []
