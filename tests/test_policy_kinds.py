"""Kinds of policy reporting beyond a US agency's press release: other states and their informal names,
suspensions and rescissions, caps, approvals, customs, subsidies tied to chips, timelines, reports of
earlier actions, and a confidence on every row. Sentences are written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from seeds import SEEDS_DIR
from transforms.entities import CompanyGazetteer
from transforms.models import Article, PolicyEvent
from transforms.policy import build_policy_lexicon, extract_policy
from transforms.reference import load_reference
from transforms.sentences import split_sentences

ANCHOR = date(2025, 11, 19)  # a Wednesday


@pytest.fixture(scope="module")
def lexicon():
    ref = load_reference(SEEDS_DIR)
    return build_policy_lexicon(ref, CompanyGazetteer.from_rows(ref.table("companies")))


def run(text: str, lexicon, anchor: date | None = ANCHOR, stated: bool = True) -> list[PolicyEvent]:
    article = Article(article_id="k1", source="k.txt", url="file:///k.txt", text=text, content_sha256="0" * 64,
                      published_on=anchor if stated else None)
    return extract_policy(article, split_sentences(text), anchor, lexicon)


def rows(text: str, lexicon, anchor: date | None = ANCHOR) -> set[tuple]:
    return {(e.actor_country, e.instrument, e.event_date and e.event_date.isoformat()[:_LEN[e.date_precision]])
            for e in run(text, lexicon, anchor)}


_LEN = {"day": 10, "month": 7, "year": 4, None: 0}


# --- actors: informal names, other states, one actor per clause ----------------------------------------

@pytest.mark.parametrize("sentence, country", [
    ("Chinese customs officers have been told to stop clearing the accelerator, people briefed said.", "CN"),
    ("Local governments in China's western provinces are cutting power bills for data centres that use "
     "domestic chips.", "CN"),
    ("Gansu and Guizhou have expanded electricity subsidies for AI data centres.", "CN"),
    ("Japan's government pledged ¥2 trillion of subsidies for a 2-nm chip fab in Hokkaido.", "JP"),
    ("The Hague invoked an emergency law to take control of a chipmaker owned by a Chinese group.", "NL"),
    ("Seoul raised its support package for the chip industry in April.", "KR"),
    ("Kuala Lumpur made exports of US-origin AI chips subject to a permit in July.", "MY"),
    ("On 2 June Malaysia's trade ministry made exports, transshipments and transits of high-end AI chips of US "
     "origin subject to a strategic trade permit.", "MY"),
    ("Taiwan's Investigation Bureau said it was probing eight mainland chip firms for poaching engineers.", "TW"),
])
def test_states_named_informally_are_actors(sentence: str, country: str, lexicon) -> None:
    assert country in {e.actor_country for e in run(sentence, lexicon)}


def test_a_generic_body_takes_the_state_named_earlier_in_its_sentence(lexicon) -> None:
    text = "Beijing has cooled on the chip: regulators in August told large platforms to avoid the H20."
    assert rows(text, lexicon) == {("CN", "procurement_guidance", "2025-08")}


def test_a_generic_body_takes_the_state_its_paragraph_named(lexicon) -> None:
    text = ("Washington approved the sales in July. Beijing answered differently.\n"
            "Beijing has sent mixed signals. On Monday officials told buyers not to order the H200.")
    assert ("CN", "procurement_guidance", "2025-11-17") in rows(text, lexicon)


def test_company_officials_are_no_state(lexicon) -> None:
    assert run("Nvidia officials told customers to stop ordering the H20 on Monday.", lexicon) == []


def test_a_state_in_a_compound_is_not_the_actor(lexicon) -> None:
    text = "On 14 July Malaysia's trade ministry said exports of US-origin AI chips now require a permit."
    assert rows(text, lexicon) == {("MY", "export_control", "2025-07-14")}


def test_a_state_closing_a_list_after_a_preposition_is_not_the_actor(lexicon) -> None:
    text = ("On 2 May Taiwan's International Trade Administration added 40 firms from Iran, Russia and "
            "mainland China to its entity list for chip tools.")
    assert rows(text, lexicon) == {("TW", "entity_list", "2025-05-02")}


def test_one_actor_per_clause(lexicon) -> None:
    text = ("In March Washington suspended the chip affiliates rule and Beijing suspended its gallium export "
            "measures.")
    assert rows(text, lexicon) == {("US", "export_control", "2025-03"), ("CN", "export_control", "2025-03")}


def test_a_us_tariff_beside_chinese_customs_keeps_its_own_actor(lexicon) -> None:
    text = ("Chinese customs held up the chip shipments on Tuesday, a day after the US imposed a 25% tariff on "
            "chips re-exported to China.")
    assert {(e.actor_country, e.instrument) for e in run(text, lexicon)} == {("CN", "other"), ("US", "tariff")}


def test_the_object_of_a_listing_is_not_the_actor(lexicon) -> None:
    text = ("On 3 March 2025 the Commerce Department tightened its chip rules. The same package adds Chinese "
            "GPU designers to the Entity List.")
    assert ("US", "entity_list", "2025-03-03") in rows(text, lexicon)
    assert all(country == "US" for country, _, _ in rows(text, lexicon))


def test_a_sentence_without_an_actor_takes_the_state_of_the_last_action_of_its_kind(lexicon) -> None:
    text = ("- 4 April 2024. The Commerce Department restricts sales of advanced memory chips.\n"
            "- 9 May 2024. Nvidia launches a cut-down chip.\n"
            "- 6 June 2024. A further package restricts sales of chipmaking tools.")
    assert rows(text, lexicon) == {("US", "export_control", "2024-04-04"), ("US", "export_control", "2024-06-06")}


def test_the_subject_of_a_when_clause_took_the_measure(lexicon) -> None:
    text = "It is the fourth round of chip curbs since May 2021, when the Commerce Department first limited GPU sales."
    assert {(e.actor_country, e.instrument) for e in run(text, lexicon)} == {("US", "export_control")}


def test_a_second_clause_that_undoes_the_measure_has_its_own_actor_and_date(lexicon) -> None:
    text = ("In January the Biden administration published a chip export framework, and the Trump administration "
            "withdrew it in May.")
    assert sorted((e.status, e.event_date.isoformat()[:7]) for e in run(text, lexicon)) == [
        ("announced", "2025-01"), ("rescinded", "2025-05")]


def test_an_out_of_scope_action_still_dates_the_answer_in_scope(lexicon) -> None:
    text = ("On Monday Washington extended its truce on tariffs on all Chinese goods by 90 days.\n"
            "Markets rose.\n"
            "Beijing mirrored the move within hours, keeping a 10% tariff on US chips in place.")
    assert rows(text, lexicon) == {("CN", "tariff", "2025-11-17")}


def test_a_headline_gives_no_row(lexicon) -> None:
    assert run("Korea: chip subsidies, then GPUs", lexicon) == []


# --- instruments and statuses ---------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, instrument, status", [
    ("In November Washington paused its chip affiliates rule for a year.", "export_control", "delayed"),
    ("The Commerce Department issued a chip rule in May and suspended it for a year in August.", "export_control",
     "delayed"),
    ("The Commerce Department's chip rule was suspended on Monday.", "export_control", "delayed"),
    ("The Commerce Department scrapped the AI diffusion rule in May.", "export_control", "rescinded"),
    ("Under the deal, Nvidia's shipments to China are capped at 50% of its US volume, the Commerce Department "
     "said.", "export_control", None),
    ("Beijing conditionally approved imports of the H200 for three platforms in January.", "sales_approval", None),
    ("Beijing is wary of the chip. Reuters reported that customs officers had been told the accelerator was not "
     "permitted to enter the country.", "other", None),
    ("Chinese customs stepped up checks on chip imports in October.", "other", None),
    ("Provinces in China's west are halving electricity bills for data centres that run on domestic chips.",
     "subsidy", None),
    ("Seoul proposed a support package for chipmakers worth 33 trillion won.", "subsidy", "proposed"),
    ("In May the Treasury Department added the AI firm to an investment blacklist.", "sanction", None),
    ("On Monday China's market regulator said a preliminary review had found that the chipmaker breached the "
     "anti-monopoly law.", "investigation", None),
    ("In July Washington said Nvidia could sell the H20 in China again.", "sales_approval", None),
])
def test_instruments_and_statuses(sentence: str, instrument: str, status: str | None, lexicon) -> None:
    events = [e for e in run(sentence, lexicon) if e.instrument == instrument]
    assert events, [(e.actor_country, e.instrument) for e in run(sentence, lexicon)]
    if status:
        assert status in {e.status for e in events}


def test_saying_that_it_would_license_is_an_approval_not_a_reference_back(lexicon) -> None:
    text = "With Washington saying in July that it would license the H20 for China again, buyers returned."
    assert rows(text, lexicon) == {("US", "sales_approval", "2025-07")}


def test_a_rule_abandoned_by_an_administration_is_rescinded(lexicon) -> None:
    text = "A chip export rule that would have closed the loophole was abandoned by the Trump administration in May."
    (event,) = run(text, lexicon)
    assert (event.actor_country, event.status, event.event_date) == ("US", "rescinded", date(2025, 5, 1))


def test_a_bill_takes_the_chamber_it_was_introduced_in(lexicon) -> None:
    text = "The Chip Security Act, introduced in the Senate in May, would require chips to report their location."
    assert rows(text, lexicon) == {("US", "legislation", "2025-05")}


def test_a_named_act_refers_back_only_to_itself(lexicon) -> None:
    text = ("The GAIN AI Act passed the Senate in October as part of the defence bill. "
            "The Chip Security Act, introduced in the Senate in May, targets chip smuggling.")
    assert rows(text, lexicon) == {("US", "legislation", "2025-10"), ("US", "legislation", "2025-05")}


def test_a_suspension_is_not_folded_into_the_rule(lexicon) -> None:
    text = ("On 3 March the Commerce Department scrapped the chip diffusion rule and warned that using Huawei "
            "accelerators anywhere may violate US export rules.")
    events = run(text, lexicon)
    assert len(events) == 2 and "rescinded" in {e.status for e in events}


def test_a_relative_clause_that_tells_what_a_list_does_is_not_an_action(lexicon) -> None:
    text = ("The chip designer has been on the US Entity List since May 2024, which bars US suppliers from "
            "selling to it.")
    assert rows(text, lexicon) == {("US", "entity_list", "2024-05")}


def test_a_bare_guidance_about_vouchers_is_not_procurement_guidance(lexicon) -> None:
    text = "In March China's state planner issued guidance that created computing power vouchers."
    assert {i for _, i, _ in rows(text, lexicon)} == {"subsidy"}


def test_a_summons_that_carries_an_instruction_is_one_guidance(lexicon) -> None:
    text = "On Monday officials in Beijing summoned chip buyers and told them not to order the H200."
    assert {i for _, i, _ in rows(text, lexicon)} == {"procurement_guidance"}


def test_blacklisted_firms_are_a_description(lexicon) -> None:
    text = "In May the chip rule covering subsidiaries of blacklisted firms was published by the Commerce Department."
    assert {i for _, i, _ in rows(text, lexicon)} == {"export_control"}


# --- dates ---------------------------------------------------------------------------------------------

def test_a_list_item_label_dates_its_sentences(lexicon) -> None:
    text = "- 9 April 2025. The US administration tells the chipmaker it needs a licence to ship the H20 to China."
    assert rows(text, lexicon) == {("US", "export_control", "2025-04-09")}


def test_a_year_qualifying_another_noun_does_not_date_the_action(lexicon) -> None:
    text = "- 9 December 2024. China's market regulator opens a probe into Nvidia over its 2020 chip acquisition."
    assert rows(text, lexicon) == {("CN", "investigation", "2024-12-09")}


def test_a_month_qualifying_another_noun_does_not_date_the_action(lexicon) -> None:
    text = "In November Beijing suspended its October rare-earth measures."
    assert rows(text, lexicon) == {("CN", "export_control", "2025-11")}


def test_a_suspension_is_dated_at_the_suspension_not_the_rule(lexicon) -> None:
    text = "The chip rule, first imposed in September 2024, was suspended on 10 November by the Commerce Department."
    events = [e for e in run(text, lexicon) if e.status == "delayed"]
    assert [(e.event_date, e.date_precision) for e in events] == [(date(2025, 11, 10), "day")]


def test_a_finer_date_in_apposition_wins(lexicon) -> None:
    text = "In early December, on December 8, President Trump said Nvidia could sell the H200 in China."
    assert rows(text, lexicon, date(2026, 1, 5)) == {("US", "sales_approval", "2025-12-08")}


def test_a_report_dates_an_earlier_action_to_its_month(lexicon) -> None:
    text = "On Wednesday a newspaper reported that the cyberspace regulator had told platforms to stop buying the chip."
    (event,) = run("China's regulators are busy. " + text, lexicon)
    assert (event.event_date, event.date_precision) == (date(2025, 11, 1), "month")


def test_next_year_in_a_december_article(lexicon) -> None:
    text = "Japan's government said it will provide chip subsidies next year."
    assert rows(text, lexicon, date(2025, 12, 30)) == {("JP", "subsidy", "2026")}


# --- confidence ----------------------------------------------------------------------------------------

def test_every_row_has_a_confidence_between_0_and_1(lexicon) -> None:
    text = ("On 4 March 2025 the Commerce Department added 12 chip firms to the Entity List. "
            "It also widened its chip export rules.")
    assert all(0 < e.confidence <= 1 for e in run(text, lexicon))


def test_a_named_actor_and_stated_date_are_surer_than_a_resolved_one(lexicon) -> None:
    named = run("On 4 March 2025 the Commerce Department added 12 chip firms to the Entity List.", lexicon)[0]
    resolved = run("The Commerce Department spoke on chips. Regulators then added 12 chip firms to the "
                   "Entity List.", lexicon)[0]
    assert named.confidence > resolved.confidence


def test_scope_only_in_a_neighbour_lowers_confidence(lexicon) -> None:
    sentence = "On 4 March 2025 the Treasury Department imposed sanctions on 12 brokers in Hong Kong."
    own = run(sentence.replace("12 brokers", "12 chip brokers"), lexicon)[0]
    neighbour = run("The rules cover memory chips. " + sentence, lexicon)[0]
    assert own.confidence > neighbour.confidence


def test_a_relative_date_on_an_inferred_anchor_lowers_confidence(lexicon) -> None:
    text = "Last week the Commerce Department added 12 chip firms to the Entity List."
    stated = run(text, lexicon)[0]
    inferred = run(text, lexicon, stated=False)[0]
    assert stated.confidence > inferred.confidence


def test_an_undated_row_is_less_sure_than_a_dated_one(lexicon) -> None:
    dated = run("On 4 March 2025 the Commerce Department added 12 chip firms to the Entity List.", lexicon)[0]
    undated = run("The Commerce Department added 12 chip firms to the Entity List.", lexicon)[0]
    assert dated.confidence > undated.confidence
