"""Chinese policy rules of rounds 4 and 5 (transforms/zh/policy_dates.py, transforms/zh/policy.py,
seeds/policy_triggers_zh.csv):
which date in a sentence or the text before it dates an act, on sentences written for these tests."""
from datetime import date

import pytest

from policy_helpers import chinese_policy, extractor
from transforms.zh.dates import find_dates
from transforms.zh.policy_actors import sentence_actors
from transforms.zh.policy_dates import ActorTimes
from transforms.zh.sentences import split_sentences


def run(text, published=date(2025, 9, 30)):
    return chinese_policy(text, published)


def events(text, **kw):
    return [(e.actor_country, e.instrument, e.event_date and e.event_date.isoformat(), e.date_precision)
            for e in run(text, **kw)]


def test_a_day_a_rescinded_rule_was_to_take_effect_does_not_date_the_rescission():
    for where in ("", "当地时间", "美东时间"):
        text = f"美国商务部{where}13日宣布，将撤销前政府今年1月公布、原定5月15日正式生效的《芯片出口管制框架》。"
        assert events(text) == [("US", "export_control", "2025-09-13", "day")], where


def test_a_rule_that_starts_on_a_day_is_still_dated_by_that_day_when_nothing_else_is():
    text = "美国商务部宣布，芯片出口管制新规将于10月15日正式生效。"
    assert [e[2] for e in events(text)] == ["2025-10-15"]


def test_a_sentence_pointing_back_to_a_measure_takes_its_day_not_the_day_of_the_reaction():
    text = ("新华快讯 | 2025年11月6日 18:00\n"
            "美国政府11月5日宣布新一轮对华芯片出口管制措施后，国内两家行业协会今天发表声明，表示坚决反对。\n"
            "美方此次措施由美国商务部发布：将80家中国企业列入实体清单，同时把更多芯片制造设备纳入管制范围。"
            "这是美国自2022年以来第二次升级对华芯片出口限制。\n"
            "行业协会在声明中说，美国管制措施的随意性已造成供应链中断。")
    assert sorted(events(text, published=date(2025, 11, 6))) == [
        ("US", "entity_list", "2025-11-05", "day"), ("US", "export_control", "2025-11-05", "day")]


def test_a_sentence_pointing_back_keeps_a_date_of_its_own():
    text = ("美国政府11月5日宣布新一轮对华芯片出口管制措施后，国内行业协会表示坚决反对。\n"
            "这是美国今年第三次升级对华芯片出口管制，美国今年还对多家中国企业实施了制裁。")
    assert ("US", "sanction", "2025-01-01", "year") in events(text, published=date(2025, 11, 6))
    assert ("US", "export_control", "2025-01-01", "year") in events(text, published=date(2025, 11, 6))


def test_a_measure_owning_what_a_clause_is_about_is_no_act():
    text = "美国出口管制的随意性已在今年3月造成芯片供应链中断。美国芯片出口管制的影响仍在扩大。"
    assert events(text) == []
    assert [e[1] for e in events("美国政府3月5日宣布扩大芯片出口管制的范围。")] == ["export_control"]


def test_an_act_told_as_done_without_a_date_takes_the_month_of_the_report():
    text = "路透社引述知情人士报道，美国商务部已去函一家晶圆代工厂，对运往中国的先进芯片实施出口限制。"
    assert events(text, published=date(2024, 11, 11)) == [("US", "export_control", "2024-11-01", "month")]
    long_ago = "美国商务部早已对运往中国的先进芯片实施出口限制。"
    assert [e[2] for e in events(long_ago)] == [None]


def test_a_dated_mention_of_the_same_act_wins_over_the_month_of_the_report():
    text = ("美国商务部已对运往中国的先进芯片实施出口限制。\n"
            "据悉，美国商务部是在11月8日对运往中国的先进芯片实施出口限制的。")
    assert [e[2] for e in events(text, published=date(2024, 11, 11))] == ["2024-11-08"]


def test_chinas_control_and_watch_lists_are_export_controls_the_unreliable_list_an_entity_list():
    text = "商务部2月24日发布公告，将20家外国实体列入出口管制管控名单，禁止向其出口两用物项。"
    assert events(text) == [("CN", "export_control", "2025-02-24", "day")]
    assert [e[1] for e in events("商务部3月4日将10家外国实体列入关注名单。")] == ["export_control"]
    assert [e[1] for e in events("商务部4月4日将11家美国实体列入不可靠实体清单。")] == ["entity_list"]


def test_a_fab_taken_off_the_validated_end_user_list_is_an_export_control():
    text = "美国商务部8月29日宣布，将三家芯片企业的中国工厂移出“经验证最终用户”（VEU）名单，120天后生效。"
    rows = run(text)
    assert [(e.actor_country, e.instrument, e.event_date.isoformat()) for e in rows] == [
        ("US", "export_control", "2025-08-29")]


def test_a_measure_said_to_conform_to_practice_and_due_diligence_are_no_acts():
    assert events("商务部发言人7月10日表示，稀土等矿产具有军民两用属性，对其实施出口管制符合国际通行做法。") == []
    assert events("美国商务部发布的指南要求芯片企业在发现可疑情况时完成尽职调查。") == []


def test_a_step_still_ahead_of_an_act_joins_it():
    text = ("美国商务部8月29日宣布，取消两家韩国芯片企业中国工厂的VEU资格。\n"
            "据报道，美国商务部将于9月2日在联邦公报刊登公告，把这两家工厂移出VEU名单，公告刊登120日后生效。")
    assert events(text, published=date(2025, 8, 31)) == [("US", "export_control", "2025-08-29", "day")]


def test_a_measure_in_a_clause_telling_the_time_of_something_else_is_no_act():
    assert events("VEU资格是美国2022年全面限制对华出口芯片设备时给予这些企业的豁免。") == []
    same_time = "美国商务部3月5日宣布限制对华出口芯片设备的同时，给予部分企业豁免。"
    assert [e[1] for e in events(same_time)] == ["export_control"]


def test_an_autonomous_regions_office_is_a_local_chinese_actor_and_special_funds_a_subsidy():
    text = "宁夏回族自治区人民政府办公厅2024年5月印发《关于支持中卫数据中心集群算力产业发展的若干意见》，对智算中心给予电价补贴。"
    assert [(e.actor, e.actor_country, e.instrument) for e in run(text)] == [
        ("Ningxia regional government", "CN", "subsidy")]
    funds = "今年3月，银川市政府发布《关于促进算力及人工智能产业发展的若干意见》，每年安排2亿元专项资金，支持算力产业发展。"
    assert events(funds) == [("CN", "subsidy", "2025-03-01", "month")]


def test_a_licence_not_needed_is_no_requirement():
    assert events("VEU资格让这些芯片企业无需逐批申请许可即可引进美国设备。") == []


def test_a_city_of_three_or_four_characters_is_named_whole():
    from transforms.zh.policy_bodies import local_bodies
    found = {t: [f.actor for f in local_bodies(t, [])] for t in (
        "今年3月，呼和浩特市政府发布", "河北省石家庄市发改委", "昨天廊坊市政府发布", "据悉，1月芜湖市政府办公室印发")}
    assert found == {"今年3月，呼和浩特市政府发布": ["Huhehaote municipal government"],
                     "河北省石家庄市发改委": ["Shijiazhuang municipal government"],
                     "昨天廊坊市政府发布": ["Langfang municipal government"],
                     "据悉，1月芜湖市政府办公室印发": ["Wuhu municipal government"]}


def test_then_is_the_time_told_just_before():
    text = ("韩国对存储设备的管制始于2022年。当年8月，韩方宣布将12类设备列入管制清单。"
            "当时北京以对该国存储芯片实施关键信息基础设施采购审查作为回应。")
    assert events(text) == [("KR", "export_control", "2022-08-01", "month"),
                            ("CN", "procurement_guidance", "2022-08-01", "month")]


def test_then_never_points_back_to_a_day_a_measure_starts_from():
    text = "美国商务部3月5日宣布新的芯片出口管制，4月1日起生效。当时中方随即宣布对美方芯片实施采购审查。"
    assert [e[2] for e in events(text)] == ["2025-03-05", "2025-03-05"]


def test_an_act_named_again_later_takes_the_time_its_actor_was_told_acting():
    text = ("美国商务部10日宣布，撤销拜登政府今年1月出台的芯片出口管制框架。\n被撤销的是什么\n"
            "拜登时期的这套规则把各国分成三个等级，对AI芯片实施出口限制。")
    assert events(text) == [("US", "export_control", "2025-09-10", "day"), ("US", "export_control", "2025-01-01", "month")]


@pytest.mark.parametrize("text, told", [
    ("荷兰政府9月1日宣布光刻机出口管制。", "2025-09-01"),
    ("荷兰政府于去年6月正式公布光刻机出口管制。", "2024-06-01"),
    ("荷兰政府自9月1日起实施光刻机出口管制。", None),     # the day it starts from
    ("荷兰政府9月1日的声明提到出口管制。", None),          # no act told
    ("对荷兰政府9月1日宣布的管制，业界表示关注。", None),  # an object, not a subject
])
def test_the_time_an_actor_was_told_acting(text, told):
    times = ActorTimes()
    sentence = split_sentences(text)[0]
    times.note(sentence_actors(text, extractor().chinese.lexicon), find_dates(text, date(2025, 9, 30)), sentence, text)
    found = times.time_of("Dutch government")
    assert (found.value.isoformat() if found else None) == told


@pytest.mark.parametrize("back", ["该公告", "这份清单", "上述规定", "这批名单"])
def test_more_words_point_back_to_the_measure_told_before(back):
    text = ("快讯 | 2025年11月6日 18:00\n"
            "美国政府11月5日宣布新一轮对华芯片出口管制措施后，国内行业协会今天发表声明，表示坚决反对。\n"
            f"{back}由美国商务部发布：将80家中国企业列入实体清单。")
    assert events(text, published=date(2025, 11, 6)) == [("US", "entity_list", "2025-11-05", "day")]


@pytest.mark.parametrize("text", ["据报道，美国政府正考虑将更多中国芯片企业列入实体清单。",
                                  "美国商务部正在对英伟达芯片走私开展调查。"])
def test_an_act_under_way_that_nothing_dates_is_the_reports_news(text):
    assert [(e[2], e[3]) for e in events(text, published=date(2025, 11, 20))] == [("2025-11-01", "month")]


def test_a_real_act_is_not_one_under_way():
    assert [e[2] for e in events("美国商务部真正开始限制芯片出口的是新规。", published=date(2025, 11, 20))] in ([], [None])


def test_guidance_issued_on_controls_is_an_export_control_and_other_guidance_no_act():
    text = ("美国商务部工业与安全局（BIS）本月13日宣布撤销前政府于1月出台的芯片出口管制框架，"
            "并同步发布两份指引文件：其一称使用某些中国芯片可能违反美国出口管制。")
    assert sorted((e.event_date.isoformat(), e.status) for e in run(text, published=date(2025, 5, 20))) == [
        ("2025-05-13", "announced"), ("2025-05-13", "rescinded")]
    assert events("工信部13日发布算力中心建设指南，引导各地有序建设。", published=date(2025, 5, 20)) == []


def test_a_list_item_of_guidance_takes_the_day_its_actor_was_told_acting():
    text = ("美国商务部工业与安全局（BIS）美东时间13日宣布撤销前政府的芯片出口管制框架。\n"
            "新指引\n"
            "- 防转运：BIS向美国企业发布指引，以防芯片被转运规避管制。")
    assert sorted((e.event_date.isoformat(), e.status) for e in run(text, published=date(2025, 5, 14))) == [
        ("2025-05-13", "announced"), ("2025-05-13", "rescinded")]
