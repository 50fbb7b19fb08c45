"""Chinese policy rules of round 7 (seeds/aliases_zh.csv, seeds/policy_triggers_zh.csv, transforms/zh/policy_bodies.py,
transforms/zh/policy_suspensions.py, transforms/zh/policy_dates.py, transforms/zh/dates.py, transforms/zh/lexicon.py):
China speaking of itself, lists of provinces, tightened exports, suspended numbered announcements, questions, a
probe's phases, the years of document numbers and times told as "back to", on sentences written for these tests."""
from datetime import date

from policy_helpers import chinese_policy
from transforms.zh.dates import find_dates

PUBLISHED = date(2025, 11, 14)


def events(text, published=PUBLISHED):
    return sorted((e.actor_country, e.instrument, e.event_date and e.event_date.isoformat(), e.status)
                  for e in chinese_policy(text, published))


def actors(text, published=PUBLISHED):
    return sorted((e.actor_country, e.actor, e.instrument) for e in chinese_policy(text, published))


# --- actors ----------------------------------------------------------------------------------------------------

def test_china_speaking_of_itself_is_chinas_act():
    assert events("我国自去年8月1日起已对镓、锗相关物项实施出口许可管理。") == [
        ("CN", "export_control", "2024-08-01", "in_effect")]
    assert events("我國自2023年8月起對鎵、鍺實施出口管制。") == [("CN", "export_control", "2023-08-01", "in_effect")]
    assert events("我国去年宣布对石墨物项实施出口管制。") == [("CN", "export_control", "2024-01-01", "announced")]
    assert events("我国芯片产业今年增长较快。") == []  # 我国 as a modifier acts on nothing


def test_the_country_told_as_at_home_is_china():
    assert events("据路透社1月下旬报道，国内已批准首批H200进口，字节跳动、阿里巴巴与腾讯合计获准采购逾40万颗。") == [
        ("CN", "sales_approval", "2025-01-01", "reported")]
    assert events("國內已於上月批准部分企業進口H200晶片。") == [("CN", "sales_approval", "2025-10-01", "announced")]
    assert [e[:2] for e in events("国内监管部门要求企业停止使用英伟达H20。")] == [("CN", "procurement_guidance")]
    assert events("国内科技企业近期暂停采购英伟达H20芯片。") == []  # firms at home are no state


def test_a_list_of_provinces_is_chinas_local_governments():
    for text in ("甘肃、贵州、内蒙古等能源富集省份今年起对使用国产芯片的数据中心给予电费补贴。",
                 "宁夏、青海等省区近期向采用国产AI芯片的智算中心发放电费补贴。",
                 "貴州、甘肅等地今年對使用國產晶片的資料中心提供電價補貼。"):
        assert actors(text) == [("CN", "Chinese local government", "subsidy")], text


def test_places_in_a_list_that_acts_on_nothing_give_no_act():
    assert events("北京、上海等地的数据中心采购了大量英伟达芯片。") == []


# --- instruments -----------------------------------------------------------------------------------------------

def test_tightened_exports_are_an_export_control():
    for text in ("美国商务部同一批规则还收紧了高带宽存储器（HBM）以及多类芯片制造设备对华出口。",
                 "美國商務部去年12月收緊了高頻寬記憶體（HBM）與先進封裝設備（CoWoS）的對華出口。",
                 "日本政府今年5月收緊了半導體設備對華出口。",
                 "荷兰将从严审批光刻机对华出货。"):
        assert [e[1] for e in events(text)] == ["export_control"], text


def test_a_suspended_numbered_announcement_takes_the_kind_told_of_it():
    assert events("商务部11月7日宣布暂停实施今年第55、56号公告，暂停期一年。上述公告涉及稀土物项的出口管制。") == [
        ("CN", "export_control", "2025-11-07", "delayed")]
    assert events("商務部昨日宣佈暫緩執行2024年第46號公告第二款，即對美出口原則上不予許可的規定。") == [
        ("CN", "export_control", "2025-11-13", "delayed")]
    assert [e[1:] for e in events("海关总署决定暂停适用第12号公告。该公告曾对部分半导体物项实施出口管制。")] == [
        ("export_control", "2025-11-01", "delayed")]


def test_a_suspended_announcement_whose_kind_is_never_told_is_no_act():
    assert events("商务部决定暂停实施第12号公告。公告发布当天，英伟达股价下跌。") == []


# --- mentions that tell no act ---------------------------------------------------------------------------------

def test_a_question_asks_and_tells_no_act():
    for text in ("一文读懂｜市场监管总局为何对英伟达“进一步调查”？", "美國會否進一步收緊對華晶片出口管制？",
                 "商务部为什么要对镓锗实施出口管制?"):
        assert events(text) == [], text


def test_a_question_after_an_act_keeps_the_act():
    assert [e[:2] for e in events("美国商务部周二宣布将27家中国实体列入实体清单，此举是否会影响英伟达？")] == [
        ("US", "entity_list")]


def test_the_phases_of_a_probe_in_general_are_no_probe():
    for text in ("“进一步调查”阶段通常需要较长时间，期间企业可以陈述申辩。", "反垄断调查程序一般持续数月。",
                 "立案調查的周期往往長達一年以上。"):
        assert events(text) == [], text
    assert events("市场监管总局9月15日决定对英伟达实施进一步调查。") == [
        ("CN", "investigation", "2025-09-15", "announced")]


# --- dates -----------------------------------------------------------------------------------------------------

def test_the_year_of_a_document_number_is_no_time():
    assert [d.value.isoformat() for d in find_dates("总局2020年第16号公告", PUBLISHED)] == []
    assert [d.value.isoformat() for d in find_dates("暂停实施今年第55、56、57号公告", PUBLISHED)] == []
    assert events("11月7日 商务部、海关总署联合发布公告，宣布暂停实施今年第55、56号公告。上述公告涉及稀土物项的出口管制。")[0] == (
        "CN", "export_control", "2025-11-07", "delayed")
    assert events("去年12月3日，商务部发布2024年第46号公告，加强两用物项对美出口管制。") == [
        ("CN", "export_control", "2024-12-03", "announced")]
    assert events("那是2024年12月。海关总署当时依据2020年第5号令，对相关物项实施出口许可管理。") == [
        ("CN", "export_control", "2024-12-01", "in_effect")]


def test_a_time_told_as_back_to_dates_what_happened_then():
    for text in ("时间要回到去年12月9日。市场监管总局当时发布公告，依法对英伟达立案调查。",
                 "故事要拉回到2024年12月9日。市場監管總局當時宣佈對英偉達立案調查。",
                 "时间要回到去年12月9日晚间。市场监管总局当时发布公告，因英伟达涉嫌违反总局2020年第16号公告，依法对英伟达立案调查。"):
        assert events(text) == [("CN", "investigation", "2024-12-09", "announced")], text


def test_the_origin_an_act_is_traced_back_to_is_not_its_time():
    assert events("事件的起因可追溯至上月。美国商务部本月致函台积电，要求其停止向中国客户出货先进芯片。") == [
        ("US", "export_control", "2025-11-01", "announced")]


# --- firms called in --------------------------------------------------------------------------------------------

def test_firms_called_in_to_be_told_not_to_buy_is_procurement_guidance_not_a_meeting():
    for text in ("大陸官員13日並召集國內科技企業開會，明確要求除非確有必要，否則不要採購H200。",
                 "有关部门本周约见了多家互联网企业，要求暂勿订购英伟达H20芯片。",
                 "工信部叮嘱国内云厂商，近期切勿采购英伟达H20。"):
        assert [e[:2] for e in events(text)] == [("CN", "procurement_guidance")], text


def test_firms_called_in_with_no_act_told_is_a_meeting():
    assert [e[:2] for e in events("国家网信办上月召集数家科技企业开会，讨论H20芯片的安全问题。")] == [("CN", "other")]


def test_a_measure_a_clause_supposes_is_no_act():
    for text in ("供應鏈人士指出，H200在台灣製造，若中方遲遲不放行，相關訂單排程恐受影響。",
                 "分析师认为，如果美国进一步收紧对华芯片出口管制，英伟达在华收入将继续下滑。",
                 "假如商务部批准英伟达出口H200，国内云厂商将加大采购。"):
        assert events(text) == [], text
    assert [e[:2] for e in events("美国商务部宣布收紧对华芯片出口管制，若企业违反规定将面临罚款。")] == [
        ("US", "export_control")]


def test_buying_as_the_mark_of_a_customer_is_no_ban_on_buying():
    for text in ("市场监管总局当时附加了七项义务，其中包括不得搭售、不得歧视单独购买的客户。",
                 "監管部門要求其不得拒絕向使用其晶片的客戶提供服務。",
                 "商务部要求英伟达不得对采购了竞品的企业区别对待。"):
        assert events(text) == [], text
    assert [e[:2] for e in events("網信辦要求關鍵資訊基礎設施營運者不得使用美光的產品。")] == [("CN", "procurement_guidance")]
