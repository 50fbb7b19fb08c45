"""Round 6 of the English policy grammar: who acted and whether a row tells an act at all.

Generic bodies told as reports ("the internet regulator told platforms ...", "local governments were reported to
offer ..."), people who only commented on an act, a state named as the owner of something that does not act for it,
other states' lists and the rows that tell no act (a denial, a question, a noun read as a verb, a measure named as a
topic or as evidence). Every sentence is written for these tests.
"""
from __future__ import annotations

from datetime import date

import pytest

from policy_helpers import english_policy, policy_lexicon
from transforms.models import PolicyEvent

ANCHOR = date(2026, 3, 18)  # a Wednesday


@pytest.fixture(scope="module")
def lexicon():
    return policy_lexicon()


def run(text: str, lexicon) -> list[PolicyEvent]:
    return english_policy(text, lexicon, ANCHOR)


def keys(text: str, lexicon) -> set[tuple]:
    return {(e.actor_country, e.instrument) for e in run(text, lexicon)}


# --- rows that tell no act ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    # a denial: what regulators have not (yet) done
    "Chinese regulators have not publicly approved purchases of the H200 chips.",
    # a question about a permission
    "Regulators in Beijing have yet to say whether Chinese platforms will be allowed to buy the H200 chips.",
    # "a permit" is a noun here, not the verb "permit ... to ship"
    "Taiwan's economy ministry said exporters must now obtain a permit before shipping chips to listed firms.",
    # an investigation cited as evidence for a bill
    "Senators cited the Justice Department's investigation into chip smuggling.",
    # a measure named as a topic of attention
    "America's export controls on chips get the headlines, but the chip trade is changing elsewhere.",
    # a removal that did not happen
    "The gallium chip metals have not been removed from China's dual-use export control list.",
    # a requirement that stands, told as what exporters still need
    "Chip exporters still need a licence for every overseas sale, the Commerce Department said.",
    # what an outcome depends on
    "Traders said the impact on chip supply would depend on how quickly Beijing's licences were issued.",
    # being on a list, with an adverb
    "Both Huawei and SMIC chipmakers are already on the US Entity List.",
    # contacts about a measure
    "Taiwan's economy ministry said TSMC had been in close contact with the government on export controls for its chips.",
    # a measure that could follow
    "He suggested tariffs on Chinese chips could follow if Beijing blocked a deal.",
    # a measure named in an accusation
    "A ministry spokesperson accused Washington of using export controls to suppress China's chip sector.",
    # measures left as they were
    "US controls on advanced chipmaking tools are untouched, as is the Entity List itself.",
    # what may not be shipped, in a clause of something else
    "Provincial officials have approved data centres designed around Nvidia chips that cannot legally be shipped to China.",
    # an accusation naming a measure far into the sentence
    "A ministry spokesperson accused Washington of stretching the notion of national security and using export "
    "controls to suppress China's chip sector.",
    # a past approval named as what was breached
    "Beijing said Nvidia breached the conditions attached to its 2020 approval of the acquisition of Mellanox, a chip firm.",
    # a question, a condition, a denial, what was neither done nor refused
    "Could the US ban sales of H20 chips next?",
    "If Washington approves sales of the H200 chips, Chinese buyers could order 2 million units.",
    "China's commerce ministry denied that it had approved purchases of H200 chips.",
    "Beijing has neither approved nor blocked the H200 chip purchases.",
    # what a state is urged to do has not been done
    "Democratic senators urged the Commerce Department to revoke the H200 chip licences.",
    "China's chipmakers have lobbied Beijing to impose tariffs on US analogue chips.",
    # a status held, not granted or removed
    'Until December 31, the Chinese plants of Samsung Electronics held "validated end user" status with the US '
    'Bureau of Industry and Security.',
    # an industry association is no state
    "The China Semiconductor Industry Association said customs rules now set the origin of chips by the wafer fab.",
    # what a ruling leaves alone
    "The ruling does not touch tariffs imposed under other statutes, including the duties on semiconductors.",
])
def test_a_sentence_that_tells_no_act_gives_no_row(sentence: str, lexicon) -> None:
    assert run(sentence, lexicon) == []


def test_an_approval_told_without_denial_is_still_a_row(lexicon) -> None:
    assert keys("The Commerce Department on Monday approved purchases of H200 chips by Chinese firms.", lexicon) \
        == {("US", "sales_approval")}


def test_a_removal_from_a_list_is_still_a_row(lexicon) -> None:
    assert keys("Washington removed two Chinese chip firms from the Entity List on Monday.", lexicon) \
        == {("US", "entity_list")}


# --- who acted: one actor per clause, the one that acts ----------------------------------------------------------

def test_a_state_that_criticises_a_measure_did_not_take_it(lexicon) -> None:
    assert run("Beijing criticised new export controls on chips announced on Monday.", lexicon) == []
    assert keys("Beijing slammed US export controls on chips on Monday.", lexicon) == {("US", "export_control")}


def test_a_comment_followed_by_an_act_of_its_own_keeps_its_subject(lexicon) -> None:
    assert keys("Beijing condemned the move and imposed new tariffs on US chips on Monday.", lexicon) \
        == {("CN", "tariff")}


def test_people_who_only_comment_do_not_lend_their_state_to_the_next_sentences(lexicon) -> None:
    text = ("Opposition from some lawmakers in Washington could slow the chip deal. In September the internet "
            "regulator told large platforms to stop buying Nvidia's RTX Pro 6000D chips, and in November local "
            "governments were reported to be offering electricity subsidies to data centres that run on domestic chips.")
    rows = {(e.actor_country, e.instrument, e.event_date.isoformat()[:7]) for e in run(text, lexicon)}
    assert rows == {("CN", "procurement_guidance", "2025-09"), ("CN", "subsidy", "2025-11")}


def test_a_regulator_named_by_its_field_is_the_one_body_of_that_field(lexicon) -> None:
    text = "The market regulator said on Monday it had opened an antitrust investigation into Qualcomm's chip unit."
    rows = run(text, lexicon)
    assert [(e.actor_country, e.actor, e.instrument) for e in rows] == \
        [("CN", "State Administration for Market Regulation", "investigation")]


def test_a_field_several_states_share_names_no_body(lexicon) -> None:
    # "the trade ministry" belongs to Japan, the Netherlands, Malaysia and Korea in the vocabulary: the context decides
    text = "Japan widened its chip export rules on Monday. The trade ministry also added 12 items to its control list."
    assert {e.actor_country for e in run(text, lexicon)} == {"JP"}


def test_a_state_owning_what_does_not_act_for_it_is_no_subject(lexicon) -> None:
    text = ("China has decided to place 20 entities that are involved in enhancing Japan's military capabilities on "
            "its dual-use control list. The measures mainly include one aspect: exporters are prohibited from "
            "exporting dual-use items to the above entities.")
    assert {e.actor_country for e in run(text, lexicon)} == {"CN"}


def test_a_committee_and_the_supreme_court_are_us_bodies(lexicon) -> None:
    assert keys("On Thursday the House Foreign Affairs Committee approved the Chip Security Act by 42 votes to none.",
                lexicon) == {("US", "legislation")}
    assert keys("On 20 February the Supreme Court struck down the tariffs on Chinese chips.", lexicon) \
        == {("US", "tariff")}


# --- scope: dual-use items and the metals of chipmaking ----------------------------------------------------------

def test_a_dual_use_listing_is_in_scope(lexicon) -> None:
    text = "China's Ministry of Commerce on Tuesday placed 20 Japanese entities on its export control list for dual-use items."
    assert keys(text, lexicon) == {("CN", "entity_list")}


def test_licences_for_chipmaking_metals_are_in_scope(lexicon) -> None:
    text = "On Tuesday China imposed export controls on items related to tungsten, tellurium, bismuth and indium."
    assert keys(text, lexicon) == {("CN", "export_control")}


def test_japans_end_user_list_is_in_scope(lexicon) -> None:
    text = "Japan's Ministry of Economy, Trade and Industry on Monday revised its End User List, adding 12 organisations."
    assert keys(text, lexicon) == {("JP", "entity_list")}


def test_what_a_list_means_for_exporters_is_no_act_of_its_own(lexicon) -> None:
    text = ("The US added 12 Chinese chip firms to the Entity List on Monday, so suppliers need a licence to ship "
            "to them.")
    assert keys(text, lexicon) == {("US", "entity_list")}


# --- guidance and customs checks told as reports -----------------------------------------------------------------

def test_customs_officers_sent_to_ports_to_check_chip_imports(lexicon) -> None:
    text = ("In September the Cyberspace Administration of China told ByteDance to stop buying Nvidia's RTX Pro 6000D. "
            "Customs officers were later sent to major ports to check chip imports.")
    assert keys(text, lexicon) == {("CN", "procurement_guidance"), ("CN", "other")}


def test_a_ban_on_foreign_chips_told_as_what_buyers_may_not_do(lexicon) -> None:
    text = ("Beijing is pushing in the same direction: state-funded data centres in China are not allowed to use "
            "foreign AI chips.")
    assert keys(text, lexicon) == {("CN", "procurement_guidance")}
    assert run("Nvidia is not allowed to sell H20 chips to China.", lexicon) == []


def test_a_person_named_after_between_is_no_subject(lexicon) -> None:
    text = ("China began granting exemptions for chip shipments this month, part of the truce struck between Beijing "
            "and President Donald Trump on October 30, and by last week the export ban was effectively lifted.")
    assert {e.actor_country for e in run(text, lexicon)} == {"CN"}


def test_a_dutch_trade_minister_is_the_dutch_government(lexicon) -> None:
    text = "In March 2023 trade minister Liesje Schreinemacher announced national controls on advanced chip equipment."
    assert keys(text, lexicon) == {("NL", "export_control")}


def test_a_law_revision_and_what_it_raises_are_one_act(lexicon) -> None:
    text = ("On 27 February the National Assembly passed a revision to the special taxation law, known as the K-Chips "
            "Act, that raises the investment tax credit for large chipmakers from 15% to 20%.")
    assert keys(text, lexicon) == {("KR", "legislation")}


def test_a_bill_told_before_the_vote_that_passed_it(lexicon) -> None:
    text = "Senators attached the chip amendment to the Senate's version of the annual defence bill, which passed 77-20 on 9 October."
    assert {(e.actor_country, e.instrument, e.event_date.isoformat()) for e in run(text, lexicon)} == \
        {("US", "legislation", "2025-10-09")}


def test_a_province_named_before_a_generic_body_is_china(lexicon) -> None:
    text = ("The US Commerce Department added 32 chip firms to the Entity List on Friday. The Henan provincial "
            "government last Monday published measures for its AI industry that include compute vouchers worth no "
            "more than 50 million yuan a year.")
    assert keys(text, lexicon) == {("US", "entity_list"), ("CN", "subsidy")}


def test_local_governments_are_the_level_only_china_has_in_the_vocabulary(lexicon) -> None:
    text = ("The US Commerce Department added 32 chip firms to the Entity List on Friday. Local governments have "
            "offered AI data centres electricity subsidies of up to 50%.")
    assert keys(text, lexicon) == {("US", "entity_list"), ("CN", "subsidy")}


def test_rules_that_include_other_measures_keep_their_own_instrument(lexicon) -> None:
    assert keys("The Commerce Department published rules that include licence requirements for AI chips on Monday.",
                lexicon) == {("US", "export_control")}


def test_an_unnamed_body_takes_the_one_state_whose_bodies_the_page_names(lexicon) -> None:
    text = ("Shanghai opened a computing centre for AI chips in March. Earlier this month teams of inspectors were sent "
            "to major ports to carry out strict checks on chip shipments.")
    assert ("CN", "other") in keys(text, lexicon)


def test_a_heading_naming_governments_lends_no_state(lexicon) -> None:
    text = ("Two suppliers, two governments\n"
            "How much of the money becomes chips depends on Washington and Beijing. About US$14 billion is earmarked "
            "for Nvidia's H200 chips, according to the reports, but only if Chinese regulators let the purchases go "
            "ahead.")
    assert ("CN", "subsidy") not in keys(text, lexicon)


def test_a_state_naming_where_goods_come_from_lends_no_state_to_a_generic(lexicon) -> None:
    text = ("China has stepped up enforcement at its borders against imports of advanced US chips, sending teams of "
            "customs officers to major ports to inspect semiconductor shipments.")
    assert keys(text, lexicon) == {("CN", "other")}



def test_officials_who_told_companies_act_in_their_own_clause(lexicon) -> None:
    # "told" is a verb too: the officials are the subject of their own clause, not part of the first clause's complaint
    text = ("Washington cleared sales of Nvidia's H200 chips to approved Chinese customers in December, but last month "
            "Chinese customs told agents the chip was not permitted to enter the country and officials told companies "
            "to avoid buying it unless necessary.")
    rows = run(text, lexicon)
    assert {(e.actor_country, e.instrument) for e in rows} == \
        {("US", "sales_approval"), ("CN", "other"), ("CN", "procurement_guidance")}
    assert [e.actor for e in rows if e.instrument == "procurement_guidance"] == \
        ["General Administration of Customs (officials)"]


def test_a_question_that_states_an_act_as_its_premise_keeps_it(lexicon) -> None:
    text = ("Analyst: With Washington saying in July that it would license Nvidia's H20 chips for China again, how are "
            "you thinking about capex?")
    assert keys(text, lexicon) == {("US", "sales_approval")}


def test_a_threat_with_a_condition_in_the_past_is_still_told(lexicon) -> None:
    assert keys("China said it would impose tariffs on US chips if Washington raised its duties.", lexicon) \
        == {("CN", "tariff")}


@pytest.mark.parametrize("sentence", [
    "Chinese customs stepped up checks at major ports on imports of Nvidia chips.",
    "Chinese customs intensified inspections of chip imports this month.",
])
def test_customs_checks_told_by_where_or_how_they_grew(sentence: str, lexicon) -> None:
    assert keys(sentence, lexicon) == {("CN", "other")}


@pytest.mark.parametrize("text, expected", [
    ("MOFCOM put 20 Japanese entities on its export control list on Tuesday.", ("CN", "entity_list")),
    ("Japan's trade ministry added 12 Chinese firms to its End User List on Monday.", ("JP", "entity_list")),
    ("Taiwan added Huawei and SMIC to its entity list on Monday.", ("TW", "entity_list")),
])
def test_other_states_lists_are_their_own(text: str, expected: tuple, lexicon) -> None:
    assert keys(text, lexicon) == {expected}


def test_guidance_urged_on_companies_is_still_an_act(lexicon) -> None:
    assert keys("Beijing urged companies to stop buying Nvidia's H20 chips on Monday.", lexicon) \
        == {("CN", "procurement_guidance")}


@pytest.mark.parametrize("text, expected", [
    ("Beijing welcomed Washington's decision to lift the ban on H20 chip sales.", "US"),
    ("Chinese officials said they opposed the US decision to add 23 Chinese chip firms to the Entity List.", "US"),
    ("China's foreign ministry condemned new US export controls on chips announced on Tuesday.", "US"),
    ("Japan protested China's ban on dual-use exports to Japanese military users, announced on January 6.", "CN"),
])
def test_the_act_commented_on_is_its_owners(text: str, expected: str, lexicon) -> None:
    assert {e.actor_country for e in run(text, lexicon)} == {expected}


def test_a_removal_from_the_validated_end_user_programme_is_an_act(lexicon) -> None:
    text = "In August the Bureau of Industry and Security removed Samsung's China chip fabs from the validated end-user programme."
    assert keys(text, lexicon) == {("US", "export_control")}


def test_a_determiner_before_a_national_adjective_makes_no_name(lexicon) -> None:
    text = "Some Chinese provinces are offering energy subsidies of up to 50% for data centres that use domestic chips."
    assert keys(text, lexicon) == {("CN", "subsidy")}


def test_an_end_user_list_written_with_a_hyphen(lexicon) -> None:
    assert keys("The trade ministry in Tokyo added 15 Chinese chip firms to its end-user list on Monday.", lexicon) \
        == {("JP", "entity_list")}


@pytest.mark.parametrize("text, expected", [
    # the acts stay when a clause after them tells what they do not do or what may follow
    ("The US imposed a licence requirement on H20 chips in April, though the rule does not apply to older chips.",
     {("US", "export_control")}),
    ("Washington imposed tariffs on chips in April, and more measures could follow.", {("US", "tariff")}),
    ("Washington tightened controls on chip tools in May, but tariffs remain unchanged.", {("US", "export_control")}),
    ("Citing national security, MOFCOM opened an investigation into US analogue chips on Saturday.",
     {("CN", "investigation")}),
])
def test_an_act_keeps_its_row_beside_a_clause_that_tells_none(text: str, expected: set, lexicon) -> None:
    assert keys(text, lexicon) == expected


@pytest.mark.parametrize("sentence", [
    "The US licence requirement does not apply to chips made outside the US.",
    "Washington's chip curbs matter less than Beijing's own push for self-reliance.",
])
def test_a_measure_as_the_subject_of_what_it_does_not_do_is_no_act(sentence: str, lexicon) -> None:
    assert run(sentence, lexicon) == []


@pytest.mark.parametrize("sentence", [
    "The Justice Department unsealed an indictment on Thursday accusing four people of smuggling Nvidia GPUs to China.",
    "Federal prosecutors filed charges against two men over AI chip exports to China on Monday.",
])
def test_a_prosecution_told_by_its_papers(sentence: str, lexicon) -> None:
    assert keys(sentence, lexicon) == {("US", "investigation")}


def test_a_company_filing_a_complaint_is_no_prosecution(lexicon) -> None:
    assert run("Nvidia filed a complaint against the rule on Monday, saying chip sales would suffer.", lexicon) == []
