"""Mentions that are no action: a measure named as what something breaches, respects or abuses, as the cause
of something, as a topic of talks, as a list a company is on; what was never allowed, what is only weighed or
set as a condition. And the state behind an action: not a state written as a company's nationality, not a
vague "some countries", and for "the regulator" or "the president" the body of that kind the article named.
Sentences are written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from policy_helpers import english_policy, policy_lexicon
from transforms.models import PolicyEvent

ANCHOR = date(2025, 11, 19)


@pytest.fixture(scope="module")
def lexicon():
    return policy_lexicon()


def run(text: str, lexicon, anchor: date | None = ANCHOR) -> list[PolicyEvent]:
    return english_policy(text, lexicon, anchor)


def kinds(text: str, lexicon) -> set[tuple[str, str]]:
    return {(e.actor_country, e.instrument) for e in run(text, lexicon)}


@pytest.mark.parametrize("sentence", [
    "Renting GPU servers abroad does not by itself breach US export rules, lawyers said of the AI chip deals.",
    "Beijing's commerce ministry called the listing an abuse of export controls aimed at Chinese chipmakers.",
    "The ministry expects chip firms to respect other countries' export controls.",
    "The prospectus flags US export controls as a risk to its supply of AI chips.",
    "Shipments of AI servers slowed because of US restrictions on selling advanced chips to China.",
    "The two envoys meet on Monday with tariffs, export controls and chip supply on the agenda.",
    "Malaysia does not side with unilateral sanctions, its trade ministry said of the chip trade.",
    "Chipmakers 50%-owned by sanctioned parties are covered too, the Commerce Department said.",
    "Both Chinese GPU designers are on the US Entity List.",
    "Germanium and gallium remain on China's export control list for chipmakers.",
    "ASML has never been allowed to ship its EUV lithography machines to China, the Dutch government said.",
    "The Commerce Department is still weighing whether to let Nvidia sell the H200 in China.",
    "About US$14 billion is set for Nvidia's H200 chips, but only if Chinese regulators let the purchases go ahead.",
])
def test_a_mention_is_no_action(sentence: str, lexicon) -> None:
    assert run(sentence, lexicon) == []


def test_measures_listed_in_a_reviews_object_are_its_target(lexicon) -> None:
    text = "Beijing opened a review of US measures against its chip sector, from export controls to tariffs."
    assert kinds(text, lexicon) == {("CN", "investigation")}


def test_a_list_a_company_has_been_on_since_a_year_is_told_as_a_fact(lexicon) -> None:
    text = "Huawei has been on the US Entity List since 2019, so chip suppliers need a licence to serve it."
    assert ("US", "entity_list") in kinds(text, lexicon)


# --- the state behind an action ------------------------------------------------------------------------------

def test_a_states_name_before_a_company_noun_is_the_companys_nationality(lexicon) -> None:
    text = "The paper said US trading firm Tower Quant had been investigated for bringing AI chips into China."
    assert "US" not in {e.actor_country for e in run(text, lexicon)}


def test_unnamed_states_give_no_actor_from_the_context(lexicon) -> None:
    text = ("Beijing registered a new chip fund on Friday. Analysts noted that the fund comes as some countries "
            "have tightened export restrictions on chipmaking tools.")
    assert kinds(text, lexicon) == {("CN", "subsidy")}


def test_a_state_after_to_mainland_is_an_object(lexicon) -> None:
    text = "Taiwan restricts the chip technology its firms may take to mainland China, and in June it added two " \
           "Chinese chipmakers to its entity list."
    assert kinds(text, lexicon) == {("TW", "entity_list")}


def test_the_regulator_is_the_regulator_the_article_named(lexicon) -> None:
    text = ("China's market regulator opened a probe into a US chip designer on Friday.\n"
            "The probe is the second into a US chip company this autumn. On September 15 the regulator said a "
            "preliminary review had found that Nvidia broke the anti-monopoly law.")
    assert {e.actor_country for e in run(text, lexicon)} == {"CN"}


def test_the_president_named_later_in_a_live_blog_is_the_president(lexicon) -> None:
    text = ("11:40\nSeoul's trade envoy says Korean chipmakers will be exempt.\n"
            "08:50\nSpeaking on Wednesday, the president said there would be a tariff of about 100% on chips.\n"
            "08:30\nWe follow reaction to President Donald Trump's plan for a chip tariff.")
    assert ("US", "tariff") in kinds(text, lexicon) and ("KR", "tariff") not in kinds(text, lexicon)


def test_an_effective_date_does_not_join_a_rule_told_years_before(lexicon) -> None:
    text = ("The Commerce Department has told a Taiwanese foundry to halt shipments of AI chips to Chinese customers "
            "from Monday, November 24.\nWashington first restricted exports of AI chips to China in October 2022.")
    dates = {e.event_date for e in run(text, lexicon)}
    assert date(2025, 11, 24) in dates and date(2022, 10, 1) in dates


def test_cases_of_different_kinds_on_one_day_are_two_actions(lexicon) -> None:
    text = ("On Saturday China's commerce ministry opened an anti-dumping investigation into US analog chips. "
            "The same ministry also started an anti-discrimination investigation into US chip measures.")
    assert [e.instrument for e in run(text, lexicon)] == ["investigation", "investigation"]


def test_a_governments_alias_naming_its_president_does_not_make_it_the_president(lexicon) -> None:
    text = ("Seoul's trade envoy said Korean chips will be spared.\n"
            "On Wednesday the president said there would be a tariff of about 100% on chips, President Donald "
            "Trump's aides confirmed.")
    assert ("KR", "tariff") not in kinds(text, lexicon)


def test_a_body_whose_phase_is_told_acts_through_it(lexicon) -> None:
    text = "The third phase of the National Integrated Circuit Industry Investment Fund has been formally established."
    assert kinds(text, lexicon) == {("CN", "subsidy")}


@pytest.mark.parametrize("sentence", [
    "Korea's trade deal guarantees its chips will not face tariffs higher than those of other allies.",
    "The listing surprised people who thought Washington had paused new chip curbs during the truce.",
])
def test_what_did_not_happen_is_no_action(sentence: str, lexicon) -> None:
    assert run(sentence, lexicon) == []


def test_a_gap_may_open_with_an_aside_not_with_a_new_clause(lexicon) -> None:
    assert ("TW", "legislation") in kinds("Last year Taiwan's lawmakers passed, on third reading, an amendment that "
                                          "keeps chip fabs abroad a node behind.", lexicon)
    assert ("CN", "sales_approval") not in kinds("On 3 December the commerce ministry of China said chip metal exports "
                                                 "to the US would no longer be permitted, and that graphite shipments "
                                                 "would face checks.", lexicon)


def test_a_dated_statement_about_the_requirement_is_news(lexicon) -> None:
    text = ("In guidance dated Sunday, 16 November, the Bureau of Industry and Security said the licence requirement "
            "for AI chips applies to subsidiaries of Chinese firms abroad.")
    assert kinds(text, lexicon) == {("US", "export_control")}


def test_a_dated_reaction_to_a_measure_is_no_action(lexicon) -> None:
    assert run("On Friday China's commerce ministry condemned the chip rules as unfair.", lexicon) == []


def test_firms_barred_from_buying_are_not_barred_by_their_own_state(lexicon) -> None:
    text = "Since May, Chinese groups barred from buying Blackwell GPUs at home have routed orders abroad."
    assert ("CN", "procurement_guidance") not in kinds(text, lexicon)


def test_a_one_word_alias_inside_a_name_is_no_actor(lexicon) -> None:
    text = "Its subsidy push for Taobao Instant Commerce only started in July, the chip-heavy group said."
    assert run(text, lexicon) == []


def test_a_court_ordering_a_probe_of_a_chipmaker_is_a_state_act(lexicon) -> None:
    text = "The Enterprise Chamber of the Amsterdam Court of Appeal has ordered an investigation into the chipmaker."
    assert kinds(text, lexicon) == {("NL", "investigation")}


def test_a_hearing_on_whether_to_order_a_probe_orders_none(lexicon) -> None:
    assert run("| 14 January 2026 | Court hears arguments on whether to order a probe of the chipmaker. |",
               lexicon) == []


def test_a_bill_left_out_of_the_final_text_is_rescinded(lexicon) -> None:
    text = "This week, congressional aides said the compromise NDAA text leaves the chip-export bill out."
    assert {(e.actor_country, e.instrument, e.status) for e in run(text, lexicon)} == {("US", "legislation", "rescinded")}


@pytest.mark.parametrize("sentence", [
    "Huawei was listed in 2019, which means chip suppliers need a licence to serve it.",
    "Chinese AI groups barred from buying Blackwell chips at home route orders abroad.",
    "The plan shifts the emphasis from subsidising new chip fabs towards creating demand.",
])
def test_an_effect_a_description_or_an_activity_is_no_new_action(sentence: str, lexicon) -> None:
    assert len(run(sentence, lexicon)) <= 1 and all(e.instrument == "entity_list" for e in run(sentence, lexicon))


def test_the_subject_of_a_leading_subclause_does_not_act_in_the_main_clause(lexicon) -> None:
    text = ("After the Trump administration scrapped the diffusion rule in May, chip brokers told buyers to avoid "
            "Nvidia parts.")
    assert ("US", "procurement_guidance") not in kinds(text, lexicon)


def test_a_quoted_qualifier_joins_its_trigger(lexicon) -> None:
    text = ('China\'s commerce ministry opened two investigations on Saturday. The second is an "anti-discrimination" '
            'investigation into US chip measures, a tool that lets Beijing examine whether rules are fair.')
    assert [e.instrument for e in run(text, lexicon)] == ["investigation", "investigation"]
