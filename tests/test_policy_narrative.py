"""Policy round 3: how reporting tells a run of actions. "The next day" counts from the last step of the story,
not from a day a measure takes effect; "in the same week" is the week of that step; a body in a clause about a
place ("..., where customs officials ...") belongs to that place's state; a list of names closes with a
name, not with "congressional aides"; an era's rule ("a Biden-era rule") is its state's; approvals given,
licensing moved off a presumption of denial (an export control, as "case-by-case review" is), domestic-content shares written as where chips "come from",
and limits on what a state's own firms may buy abroad. Sentences are written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from policy_helpers import ANCHOR, english_policy, event_keys, policy_lexicon
from transforms.dates import find_dates
from transforms.models import PolicyEvent


@pytest.fixture(scope="module")
def lexicon():
    return policy_lexicon()


def run(text: str, lexicon, anchor: date | None = ANCHOR) -> list[PolicyEvent]:
    return english_policy(text, lexicon, anchor)


def dated(text: str, lexicon, anchor: date | None = ANCHOR) -> set[tuple]:
    return event_keys(text, lexicon, anchor)


# --- the date model (transforms/dates.py) ----------------------------------------------------------------

def test_the_next_day_counts_from_the_last_step_not_from_an_effective_date() -> None:
    text = ("The agency signed the order on Monday, March 2, effective March 9. The next day the ministry answered. "
            "The day after March 20 nothing happened.")
    found = [(d.value.isoformat(), d.precision) for d in find_dates(text, ANCHOR)]
    assert ("2026-03-03", "day") in found
    assert ("2026-03-10", "day") not in found


def test_the_next_day_after_a_plain_date_still_counts_from_it() -> None:
    found = find_dates("Talks ended on 14 February. The following day both sides left.", ANCHOR)
    assert [(d.value.isoformat(), d.precision) for d in found] == [("2026-02-14", "day"), ("2026-02-15", "day")]


def test_the_same_week_is_the_month_of_the_week_that_holds_the_last_day() -> None:
    found = find_dates("The fund was announced on 4 February. In the same week, the regulator acted too.", ANCHOR)
    assert [(d.value.isoformat(), d.precision) for d in found] == [("2026-02-04", "day"), ("2026-02-01", "month")]


def test_that_same_day_is_the_last_day_named() -> None:
    found = find_dates("The list was published on 10 February 2026; that same day the ministry replied.", ANCHOR)
    assert [(d.value.isoformat(), d.precision) for d in found] == [("2026-02-10", "day")] * 2


def test_a_written_date_in_apposition_restates_a_relative_one(lexicon) -> None:
    text = ("The briefing comes two weeks after the Commerce Department withdrew a chip export rule that was due to "
            "take effect on 15 May. On the same day, 13 May, the department issued guidance that using certain "
            "Chinese AI chips anywhere could breach US export controls.")
    found = dated(text, lexicon, date(2026, 5, 27))
    assert ("US", "export_control", "2026-05-13") in found
    assert not any(day == "2026-05-15" for _, _, day in found)  # the day a rule was due is no step of the story


def test_the_same_day_as_a_clause_is_that_clauses_day_not_the_last_one_named() -> None:
    text = "The broker was charged in March. The case came out the same day that the minister spoke."
    assert [(d.value.isoformat(), d.precision) for d in find_dates(text, ANCHOR)] == [("2026-03-01", "month")]


def test_a_week_spanning_two_months_is_the_month_that_holds_most_of_it() -> None:
    found = find_dates("The rule came out on Friday, 30 January 2026. That same week, officials met.", ANCHOR)
    assert [(d.value.isoformat(), d.precision) for d in found][-1] == ("2026-01-01", "month")


def test_steps_told_one_after_another_take_their_chained_dates(lexicon) -> None:
    text = ("The Commerce Department imposed new licence requirements on AI chip exports on Tuesday, February 10, "
            "effective February 16. The next day, the White House added a 25% tariff on imported AI processors. "
            "In the same week, Chinese customs officers told brokers that the accelerators could not be imported.")
    assert dated(text, lexicon) == {("US", "export_control", "2026-02-10"), ("US", "tariff", "2026-02-11"),
                                    ("CN", "other", "2026-02")}


# --- actors ----------------------------------------------------------------------------------------------

def test_a_body_in_a_clause_about_a_place_belongs_to_that_places_state(lexicon) -> None:
    text = ("Washington approved sales of the accelerators to Chinese buyers in January, but deliveries hang on "
            "Beijing, where customs officials in February instructed freight brokers to turn the shipments away.")
    assert dated(text, lexicon) == {("US", "sales_approval", "2026-01"), ("CN", "other", "2026-02")}


def test_a_list_of_names_does_not_swallow_the_speaker_after_it(lexicon) -> None:
    text = ("A clause that would have made chipmakers serve American buyers first has been dropped from the final "
            "text of the National Defense Authorization Act, congressional aides said on Monday.")
    assert dated(text, lexicon) == {("US", "legislation", "2026-03-16")}


def test_the_rule_of_an_era_is_its_states(lexicon) -> None:
    text = "The Trump-era rule capping GPU exports to Gulf states was scrapped in June 2025 before it applied."
    assert dated(text, lexicon) == {("US", "export_control", "2025-06")}


# --- vocabulary (seeds/policy_triggers.csv) --------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Chinese regulators have given two cloud groups approval in principle to move on to placing orders for "
     "the H200.", ("CN", "sales_approval")),
    ("On Monday the Commerce Department said licence requests for mid-range GPUs will be reviewed case by case "
     "rather than under a presumption of denial.", ("US", "export_control")),
    ("Under the plan from China's state planner, at least 70% of the servers and chips in new public computing "
     "centres would have to come from domestic vendors.", ("CN", "procurement_guidance")),
    ("Beijing is preparing rules that set how many foreign AI chips its cloud companies may buy each year.",
     ("CN", "other")),
])
def test_phrasings_of_known_acts(text: str, expected: tuple[str, str], lexicon) -> None:
    assert {(e.actor_country, e.instrument) for e in run(text, lexicon)} == {expected}


def test_an_undated_act_of_another_kind_is_not_folded_into_a_customs_block(lexicon) -> None:
    text = ("In February, Chinese customs officers told brokers that the accelerators could not be imported.\n\n"
            "Separately, Beijing is drafting rules that set how many foreign AI chips its cloud companies may buy.")
    assert dated(text, lexicon) == {("CN", "other", "2026-02"), ("CN", "other", "2026-03-18")}


def test_what_a_measure_leaves_possible_is_no_act(lexicon) -> None:
    text = "Chinese fabs can turn out high-bandwidth memory only in small volumes under US export controls."
    assert run(text, lexicon) == []


def test_an_editors_note_on_updates_is_no_act(lexicon) -> None:
    text = ("Chinese customs blocked imports of the accelerators in February.\n\n"
            "Tariff Desk guides are updated whenever export rules change.")
    assert dated(text, lexicon) == {("CN", "other", "2026-02")}


def test_a_state_as_the_subject_of_a_relative_clause_acts(lexicon) -> None:
    text = ("It would be the largest chip support programme Tokyo has ever assembled, beside the existing fund, "
            "whose second round was approved in June 2025.")
    assert {(e.actor_country, e.instrument) for e in run(text, lexicon)} == {("JP", "subsidy")}


@pytest.mark.parametrize("text", [
    "Even the smallest version would put the package on a par with the grants of the US CHIPS Act.",
    "Malaysia's trade ministry added that GPU servers are not controlled items under local law.",
])
def test_a_yardstick_or_a_negated_status_is_no_act(text: str, lexicon) -> None:
    assert run(text, lexicon) == []


@pytest.mark.parametrize("text, expected", [
    ("The Commerce Department gave the Korean memory maker a waiver to keep sending tools to its plant in Wuxi.",
     ("US", "sales_approval")),
    ("Washington greenlit shipments of mid-range accelerators to two Chinese cloud firms.", ("US", "sales_approval")),
    ("The White House signed off on exports of Blackwell chips to a Saudi data-centre venture.",
     ("US", "sales_approval")),
    ("Seoul pledged 2 trillion won in support for a new memory fab.", ("KR", "subsidy")),
    ("The Japanese government took a stake in the chip foundry through a state-backed fund.", ("JP", "subsidy")),
    ("China's market regulator concluded Nvidia breached the anti-monopoly law with its Mellanox purchase.",
     ("CN", "investigation")),
    ("The Commerce Department proposed a rule that would make exporters track where AI chips end up.",
     ("US", "export_control")),
    # a verb between a state and a company noun: the state acts on the companies, it does not name their nationality
    ("Beijing has discouraged internet companies from buying the accelerators.", ("CN", "procurement_guidance")),
])
def test_more_phrasings_of_known_acts(text: str, expected: tuple[str, str], lexicon) -> None:
    assert {(e.actor_country, e.instrument) for e in run(text, lexicon)} == {expected}


def test_the_start_of_the_month_is_the_publication_month() -> None:
    found = find_dates("The ministry tightened the rules at the start of the month.", ANCHOR)
    assert [(d.value.isoformat(), d.precision) for d in found] == [("2026-03-01", "month")]


@pytest.mark.parametrize("text, expected", [
    # a body written in lower case is the generic body: its state is the one written before it
    ("Thailand's commerce ministry opened an investigation into GPU smuggling on Monday.", ("TH", "investigation")),
    ("Vietnamese authorities stepped up checks on imports of AI accelerators on Monday.", ("VN", "other")),
    ("Singapore prosecutors charged two traders over shipments of AI servers on Monday.", ("SG", "investigation")),
    ("House Republicans introduced a bill on Monday to require export licences for AI chips.", ("US", "legislation")),
    ("The Cyberspace Administration summoned Nvidia on Monday over risks in its H20 chips.", ("CN", "investigation")),
])
def test_states_and_bodies_named_otherwise(text: str, expected: tuple[str, str], lexicon) -> None:
    assert expected in {(e.actor_country, e.instrument) for e in run(text, lexicon)}


def test_a_name_in_capitals_is_still_chinas_commerce_ministry(lexicon) -> None:
    text = "The Commerce Ministry said on Monday it had added 12 US chip-equipment firms to its export control list."
    assert {(e.actor_country, e.instrument) for e in run(text, lexicon)} == {("CN", "entity_list")}
