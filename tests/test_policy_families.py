"""Families of policy phrasing that other reporting uses for the same acts: approvals written as
authorisations, probes written as verbs, measures put under licensing, items added to control lists, state
budgets and equity for chipmakers, merger clearances, task forces, approved-supplier lists, bills dropped
from a package, and the state bodies and ministers that take them. Sentences are written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from policy_helpers import english_policy, policy_lexicon
from seeds import SEEDS_DIR
from transforms.models import PolicyEvent
from transforms.policy_phrases import compile_phrase
from transforms.reference import load_reference

ANCHOR = date(2025, 11, 19)  # a Wednesday


@pytest.fixture(scope="module")
def lexicon():
    return policy_lexicon()


def run(text: str, lexicon, anchor: date | None = ANCHOR) -> list[PolicyEvent]:
    return english_policy(text, lexicon, anchor)


def kinds(text: str, lexicon) -> set[tuple[str, str]]:
    return {(e.actor_country, e.instrument) for e in run(text, lexicon)}


@pytest.mark.parametrize("sentence, expected", [
    # approvals written as authorisations or as approval given
    ("The Commerce Department said on Tuesday it had authorised two Gulf cloud firms to buy up to 20,000 "
     "Nvidia accelerators each.", ("US", "sales_approval")),
    ("Beijing gave three internet groups approval in principle to order the H200, people briefed said.",
     ("CN", "sales_approval")),
    # probes told with a verb
    ("Malaysia's trade ministry is investigating claims that a foreign start-up trained models on smuggled "
     "Nvidia servers.", ("MY", "investigation")),
    ("Singaporean authorities said they were looking into whether AI servers had been shipped on to China.",
     ("SG", "investigation")),
    # measures brought under licensing, items added to a control list, draft lists
    ("In early May the Dutch trade ministry brought two older lithography systems under national licensing.",
     ("NL", "export_control")),
    ("Taiwan's Ministry of Economic Affairs added 12 items, among them etching tools for chipmaking, to its list "
     "of strategic goods.", ("TW", "export_control")),
    ("Japan's trade ministry has finalised an expansion of its export-control list covering chipmaking gear.",
     ("JP", "export_control")),
    ("The Commerce Department told a Taiwanese foundry to halt shipments of 7-nanometre AI chips to customers "
     "in China.", ("US", "export_control")),
    ("The Commerce Department said it would review licence applications for advanced GPUs on a case-by-case "
     "basis.", ("US", "export_control")),
    ("BIS posted a rule on Friday removing three memory fabs from its list of validated end users.",
     ("US", "export_control")),
    # suspensions of a ban or a clause, and the stem of "pausing"
    ("China's commerce ministry said it was suspending the clause that banned germanium exports for chipmaking to the US.",
     ("CN", "export_control")),
    ("Washington is pausing for a year its rule on affiliates of blacklisted chip firms.", ("US", "export_control")),
    # state money for chips: aid, a supplementary budget, equity, a state fund acting
    ("On 31 March the Japanese government approved ¥590.0 billion in additional aid for a 2nm chip fab.",
     ("JP", "subsidy")),
    ("Seoul's National Assembly passed a 1.5 trillion won supplementary budget to buy GPUs for universities.",
     ("KR", "subsidy")),
    ("The Big Fund's third phase was registered on May 24 with capital for chipmaking equipment.",
     ("CN", "subsidy")),
    # clearances of a chip merger, a task force, approved-supplier lists
    ("China's market regulator has approved a chip-software maker's acquisition of a simulation firm, with "
     "conditions.", ("CN", "other")),
    ("Malaysia's trade minister Tengku Zafrul set up a task force to watch shipments of AI chips.",
     ("MY", "other")),
    ("The industry ministry added domestic AI processors to its list of approved suppliers for state bodies, "
     "Chinese officials said.", ("CN", "procurement_guidance")),
    # state money: sums set aside or mobilised, funds to build, budgets approved
    ("In May Korea's science ministry set aside 1.2 trillion won for buying GPUs for universities.",
     ("KR", "subsidy")),
    ("The European Commission wants to mobilise 150 billion euros for AI, including a fund to build AI chip "
     "clusters.", ("EU", "subsidy")),
    ("On 28 August Korea's cabinet approved a 2026 budget that doubles AI spending, with more for GPUs.",
     ("KR", "subsidy")),
    # buyers told to limit purchases; chips approved for a country; firms put on the list or listed years ago
    ("Chinese regulators have told large platforms to limit new Nvidia purchases and to favour domestic chips.",
     ("CN", "procurement_guidance")),
    ("Under the framework the US was prepared to approve up to 300,000 advanced chips a year for the Gulf state.",
     ("US", "sales_approval")),
    ("The Commerce Department said the server maker was put on the list in 2019 for supplying chips to the military.",
     ("US", "entity_list")),
    # a bill dropped from the package that carried it
    ("Negotiators in Congress dropped the chip-export amendment from the final defense bill.",
     ("US", "legislation")),
])
def test_other_phrasings_of_an_act_are_found(sentence: str, expected: tuple[str, str], lexicon) -> None:
    assert expected in kinds(sentence, lexicon)


def test_a_halt_to_shipments_is_an_export_control_not_purchase_guidance(lexicon) -> None:
    text = ("The Commerce Department ordered the foundry to suspend deliveries of advanced AI processors to "
            "Chinese customers from Monday.")
    assert kinds(text, lexicon) == {("US", "export_control")}


def test_probers_are_not_a_probe(lexicon) -> None:
    text = "Taiwanese officials said exporters of wafer probers and etching tools now need a licence."
    assert "investigation" not in {e.instrument for e in run(text, lexicon)}


def test_a_quoted_title_is_a_measure_not_speech(lexicon) -> None:
    text = ('The "interim final rule on the diffusion of AI chips", released by the Commerce Department on Monday, '
            'caps exports to most countries.')
    assert {(e.actor_country, e.instrument, e.event_date) for e in run(text, lexicon)} == {
        ("US", "export_control", date(2025, 11, 17))}


def test_quoted_speech_stays_rhetoric(lexicon) -> None:
    assert run('"We will impose export controls on every chip they need," the senator said of China.',
               lexicon) == []


def test_an_adjective_of_another_clause_is_not_the_actor(lexicon) -> None:
    text = ("Google had just announced a data centre on the Malaysian coast for AI chips, and Microsoft said it "
            "would invest US$2 billion in cloud services.")
    assert run(text, lexicon) == []


@pytest.mark.parametrize("phrase, text, found", [
    ("(approv*) ~ (aid)", "approved up to ¥802.5 billion (US$5.4 billion) in additional aid", True),
    ("(approv*) ~ (aid)", "the U.S. approved more aid", True),
    ("(approv*) ~ (aid)", "it approved it. Then aid", False),
])
def test_a_gap_crosses_numbers_and_abbreviations_not_sentence_ends(phrase: str, text: str, found: bool) -> None:
    assert bool(compile_phrase(phrase).search(text)) is found


def test_money_set_aside_by_a_company_is_no_subsidy(lexicon) -> None:
    assert run("A Johor data-centre developer has set aside only 100MW for AI chips at its campus.", lexicon) == []


def test_a_parliaments_approval_of_a_budget_is_no_licence(lexicon) -> None:
    text = "Seoul's 2026 budget for GPUs still needs the National Assembly's approval."
    assert "export_control" not in {e.instrument for e in run(text, lexicon)}


@pytest.mark.parametrize("sentence, expected", [
    ("The same day, Washington formally dropped the previous administration's AI chip rule.", ("US", "export_control")),
    ("In October 2023 the United States began restricting two older lithography tools, citing US parts.",
     ("US", "export_control")),
    ("When India's Union Cabinet approved the AI mission in March, it set aside money for 10,000 GPUs.",
     ("IN", "subsidy")),
    ("Chipmakers in China have been told by Chinese officials that at least 50% of new equipment must be "
     "Chinese-made.", ("CN", "procurement_guidance")),
])
def test_more_phrasings_of_an_act_are_found(sentence: str, expected: tuple[str, str], lexicon) -> None:
    assert expected in kinds(sentence, lexicon)


def test_every_actor_row_names_a_state_code_and_a_kind() -> None:
    rows = load_reference(SEEDS_DIR).table("policy_actors")
    assert all((r["actor_country"] == "" or len(r["actor_country"]) == 2) and
               r["kind"] in ("body", "person", "country", "adjective", "generic") for r in rows)


@pytest.mark.parametrize("sentence, expected", [
    ("The Commerce Department sent the foundry an is-informed letter covering 7nm AI chips for Chinese clients.",
     ("US", "export_control")),
    ("Seoul's Ministry of Trade, Industry and Energy said it would expand investment tax credits for chip fabs.",
     ("KR", "subsidy")),
    ("The Korea Fair Trade Commission opened an investigation into a chip supplier's rebates.",
     ("KR", "investigation")),
])
def test_other_bodies_and_instruments_are_found(sentence: str, expected: tuple[str, str], lexicon) -> None:
    assert expected in kinds(sentence, lexicon)
