"""Policy round 8: kinds the round-7 rules missed or misread on new reporting, each told in several wordings written for
these tests (never taken from an article): goods cleared for sale in a clause of another noun, a licence paid for with a
share of the takings, exports that will "no longer be approved", bills told by the chambers or the defence bill they went
into, a bill's content told as "it would ...", commentary naming a measure but telling no act, the sender of a letter as
the actor, a part of a set of rules told after the set, an answer told as a noun ("Beijing's reply came the next day."),
a year joined to a participle ("its 2020-approved purchase")."""
from __future__ import annotations

from datetime import date

import pytest

from policy_helpers import event_keys, policy_lexicon

ANCHOR = date(2026, 3, 18)  # a Wednesday


@pytest.fixture(scope="module")
def lexicon():
    return policy_lexicon()


def rows(text: str, lexicon, anchor: date = ANCHOR) -> set[tuple]:
    return event_keys(text, lexicon, anchor)


def kinds(text: str, lexicon) -> set[tuple]:
    return {(country, instrument) for country, instrument, _ in rows(text, lexicon)}


# --- sales approvals -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, when", [
    ("Buyers in Shenzhen want the accelerator, which President Trump cleared for export to vetted Chinese customers "
     "earlier this month.", "2026-03"),
    ("The processors, approved for sale to buyers in China by the Commerce Department on Monday, will ship in May.",
     "2026-03-16"),
    ("AMD said the MI308, a part Washington greenlit for shipment to China in February, is already selling.",
     "2026-02"),
])
def test_goods_cleared_for_sale_in_a_clause_are_a_us_sales_approval(lexicon, text, when):
    assert ("US", "sales_approval", when) in rows(text, lexicon)


@pytest.mark.parametrize("text", [
    "Washington said on Monday that Nvidia may sell the H200 in China, with the US government taking a 25% cut of the "
    "sales.",
    "The White House will let AMD ship its MI308 to Chinese buyers, with the Treasury collecting a fifth of the "
    "proceeds.",
    "Commerce cleared the exports, the US government keeping 15 per cent of the revenue from each chip sold in China.",
])
def test_a_licence_for_a_share_of_the_takings_is_a_sales_approval(lexicon, text):
    assert ("US", "sales_approval") in kinds(text, lexicon)
    assert ("US", "tariff") not in kinds(text, lexicon)


@pytest.mark.parametrize("text", [
    "A White House aide said the 25% would be collected as an import levy when the chips pass through the US.",
    "Officials said the 15 per cent share will be collected as an export fee on every H20 shipped to China.",
    "The payment would be structured as a tax on each AI chip licensed for China, an adviser to the president said.",
])
def test_a_revenue_share_told_as_how_a_levy_collects_it_is_no_tariff(lexicon, text):
    assert ("US", "tariff") not in kinds(text, lexicon)


# --- export bans told as approvals that stop ---------------------------------------------------------------------

@pytest.mark.parametrize("text, when", [
    ("China's commerce ministry said on Tuesday that exports of gallium to US buyers would no longer be approved.",
     "2026-03-17"),
    ("Beijing announced on Friday that shipments of antimony to American end users would, as a rule, no longer be "
     "permitted.", "2026-03-13"),
    ("The Ministry of Commerce said on Monday that sales of superhard materials to the US will no longer be licensed.",
     "2026-03-16"),
])
def test_exports_no_longer_approved_are_an_export_control(lexicon, text, when):
    assert ("CN", "export_control", when) in rows(text, lexicon)


def test_an_answer_told_as_a_noun_dates_the_act_told_next(lexicon):
    text = ("On 2 March the Commerce Department published a new package of chip rules.\n"
            "Beijing's reply came the next day. The Ministry of Commerce announced that exports of gallium to the "
            "United States would no longer be approved.")
    assert ("CN", "export_control", "2026-03-03") in rows(text, lexicon)
    text = ("On 9 March Washington added 40 Chinese chip firms to the Entity List.\n"
            "China's response came on 11 March. The commerce ministry required export licences for gallium and germanium "
            "shipments to US buyers.")
    assert ("CN", "export_control", "2026-03-11") in rows(text, lexicon)


@pytest.mark.parametrize("text", [
    "Within hours Beijing's answer arrived. Besides duties on American soybeans, it placed licensing requirements on "
    "exports of tungsten and indium.",
    "Beijing's retaliation came quickly. It required export licences for gallium and germanium bound for the US.",
    "China's reply followed. Besides tariffs on US coal, it added two American chip firms to its unreliable entity "
    "list.",
])
def test_it_after_a_states_answer_is_that_state(lexicon, text):
    found = kinds(text, lexicon)
    assert found and all(country == "CN" for country, _ in found)


# --- bills -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, when", [
    ("Senators have a plan for chip tracking.\nIntroduced in both chambers last May, the bill would require location "
     "checks on AI chips sold abroad.", "2025-05"),
    ("The Senate added the chip-tracking provision to its version of the NDAA in October.", "2025-10"),
    ("The House wrote the GPU export clause into the spending bill last week.", "2026-03"),
])
def test_a_bill_told_by_its_chambers_or_the_bill_it_went_into_is_legislation(lexicon, text, when):
    assert ("US", "legislation", when) in rows(text, lexicon)


@pytest.mark.parametrize("text", [
    "Filed in the Senate on December 4 by two senators, it would bar the Commerce Department for 30 months from "
    "approving exports of advanced AI chips to China.",
    "Introduced in the House last week, it would ban sales of Nvidia's best accelerators to Chinese buyers.",
    "Tabled in the Senate on Monday, it would require licences for any export of AI chips to China.",
])
def test_a_bills_content_told_as_it_would_is_no_export_control(lexicon, text):
    found = kinds(text, lexicon)
    assert ("US", "legislation") in found and ("US", "export_control") not in found


# --- commentary that tells no act --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Renting GPUs in Malaysian data centres has become a workaround for US export curbs on Nvidia chips.",
    "Chinese labs found a way around the US chip controls by training abroad.",
    "Export controls on AI chips are a separate track run by the Commerce Department.",
    "US sanctions on Chinese chipmakers remain a different matter, handled by the Treasury.",
    "Nvidia's share of China's AI chip market has collapsed under US export curbs.",
    "AMD's China revenue fell sharply since the US controls on the MI308.",
    "Trump returns to the White House in January, having promised steep tariffs on Chinese goods and chips.",
    "Taipei has repeatedly pledged to crack down on chip smuggling by mainland firms.",
    "Seoul vowed to clamp down on the illegal transfer of chip technology to China.",
])
def test_commentary_that_names_a_measure_tells_no_act(lexicon, text):
    assert rows(text, lexicon) == set()


# --- actors --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Last week Washington sent Kuala Lumpur a letter setting a 25 per cent tariff on Malaysian chips from August 1.",
    "Malaysia, a big chip packaging hub, was told in a letter from Washington in July that its goods would face a "
    "25 per cent tariff from August 1.",
    "Thailand was informed in a notice from Washington that its chip exports would face a 19 per cent tariff.",
])
def test_the_sender_of_a_letter_is_the_actor(lexicon, text):
    assert {country for country, _ in kinds(text, lexicon)} == {"US"}


def test_a_state_told_something_is_no_subject_of_what_it_was_told(lexicon):
    found = kinds("The Commerce Department told Tokyo it would add 20 Japanese chip firms to the Entity List.", lexicon)
    assert found == {("US", "entity_list")}


@pytest.mark.parametrize("text", [
    "Taiwanese chipmakers will need government approval before shipping anything to Huawei, after the firm was added "
    "to the strategic high-tech commodities entity list on Saturday.",
    "Suppliers in Taiwan now need a licence to sell to SMIC, after the chipmaker was put on the island's strategic "
    "high-tech commodities entity list.",
    "Taiwan's exporters must obtain a permit before selling to the two firms, after they were added to the SHTC entity "
    "list.",
])
def test_what_a_listing_means_for_sellers_is_no_export_control(lexicon, text):
    assert kinds(text, lexicon) == {("TW", "entity_list")}


# --- a part of a set of rules --------------------------------------------------------------------------------------

@pytest.mark.parametrize("part", [
    "The second rule puts 140 firms, most of them Chinese toolmakers, on the Entity List.",
    "The other notice adds 30 Chinese chip designers to the Entity List, with a few in Singapore.",
    "The accompanying regulation places 25 companies in China on the Entity List.",
])
def test_a_part_of_a_set_takes_the_sets_actor_and_day(lexicon, part):
    text = ("The Commerce Department released two rules on Monday. One covers 24 kinds of chipmaking tools. It also "
            "adds new foreign direct product rules, which let Washington reach tools made abroad.\n" + part)
    assert ("US", "entity_list", "2026-03-16") in rows(text, lexicon)


def test_a_part_with_nothing_dated_before_it_stays_undated(lexicon):
    assert ("US", "entity_list", None) in rows(
        "The Commerce Department has rules on chips.\nThe second rule puts 140 firms on the Entity List.", lexicon)


# --- a year joined to a participle ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "China's market regulator opened an anti-monopoly investigation into Nvidia over its 2020-approved purchase of "
    "Mellanox.",
    "Regulators in Beijing are probing Qualcomm over its 2021-era acquisition of Autotalks.",
    "The ministry opened a probe into Micron over its 2019-signed supply deal with Chinese server makers.",
])
def test_a_year_joined_to_a_participle_does_not_date_the_act(lexicon, text):
    assert all(not (when or "").startswith(("2019", "2020", "2021")) for _, _, when in rows(text, lexicon))


# --- a start date outside the month the act was told in ------------------------------------------------------------

@pytest.mark.parametrize("text, key", [
    ("Last week Washington sent Kuala Lumpur a letter setting a 25 per cent tariff on Malaysian chips from Aug 1.",
     ("US", "tariff", "2026-03")),
    ("In February the Commerce Department issued rules on AI chip exports to China, with effect from April 15.",
     ("US", "export_control", "2026-02")),
    ("Seoul was told in a letter from Washington in January that its chips would face a 15 per cent tariff from "
     "March 1.", ("US", "tariff", "2026-01")),
])
def test_a_start_date_outside_the_acts_month_does_not_date_it(lexicon, text, key):
    assert key in rows(text, lexicon)


def test_a_start_date_inside_the_acts_month_still_dates_it(lexicon):
    assert ("JP", "export_control", "2026-03-23") in rows(
        "In March Tokyo tightened its chip export controls, effective from March 23.", lexicon)


# --- a state's order over a company undone -------------------------------------------------------------------------

@pytest.mark.parametrize("text, key", [
    ("The Dutch economy minister said on Monday that he is suspending the order he issued in October under the Goods "
     "Availability Act, which had given the state a say over Nexperia.", ("NL", "other", "2026-03-16")),
    ("The Dutch government on Tuesday withdrew the ministerial order under the Goods Availability Act that gave it a "
     "veto over Nexperia's chip plants.", ("NL", "other", "2026-03-17")),
    ("The Dutch economy ministry paused its intervention at the chipmaker under the emergency powers law on 12 March, "
     "after talks with Beijing over chip exports.", ("NL", "other", "2026-03-12")),
])
def test_an_order_undone_is_dated_by_the_undoing(lexicon, text, key):
    assert key in rows(text, lexicon)


# --- compute vouchers told in the singular -------------------------------------------------------------------------

@pytest.mark.parametrize("text, when", [
    ("Shanghai's city government on Friday launched a computing-power voucher worth up to 10 million yuan per firm "
     "for AI chip rentals.", "2026-03-13"),
    ("The Shenzhen municipal government on Monday began offering an AI voucher that covers 40% of GPU rental bills.",
     "2026-03-16"),
    ("Beijing's municipal government issued a model voucher scheme on Tuesday to cut compute costs for start-ups "
     "training on domestic chips.", "2026-03-17"),
])
def test_a_compute_voucher_is_a_subsidy(lexicon, text, when):
    assert ("CN", "subsidy", when) in rows(text, lexicon)


# --- checks at ports -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Beijing has launched a customs crackdown on imports of Nvidia's H20 at ports in Guangdong.",
    "China's customs administration ordered stricter checks at ports on US-made semiconductors on Monday.",
    "Chinese port authorities are now examining every consignment of Nvidia processors, two freight forwarders said.",
    "Chinese customs officers began opening containers of AI chips at Shenzhen this month, according to three people.",
])
def test_checks_at_ports_are_a_chinese_other_measure(lexicon, text):
    assert kinds(text, lexicon) == {("CN", "other")}


def test_checks_told_without_a_state_give_no_row(lexicon):
    assert rows("Port officials checked 40 containers of GPUs, the logistics firm said.", lexicon) == set()


# --- goods moved under a state's licensing -------------------------------------------------------------------------

@pytest.mark.parametrize("text, key", [
    ("| 6 September 2024 | Expansion | Two further ASML immersion scanners come under Dutch rather than US licensing. |",
     ("NL", "export_control", "2024-09-06")),
    ("Several older Nikon lithography tools moved under Japanese export controls in 2023.", ("JP", "export_control", "2023")),
    ("On Monday the Netherlands said that metrology equipment for chipmaking moved under national licensing rules.",
     ("NL", "export_control", "2026-03-16")),
])
def test_goods_moved_under_a_states_licensing_are_its_export_control(lexicon, text, key):
    assert key in rows(text, lexicon)


# --- exemptions told by the use they allow -------------------------------------------------------------------------

@pytest.mark.parametrize("text, key", [
    ("China's commerce ministry halted exports of finished Nexperia chips in October. That halt was softened with "
     "exemptions for civilian use earlier this month.", ("CN", "sales_approval", "2026-03")),
    ("China's commerce ministry on Saturday relaxed its ban on Nexperia chip exports through exemptions for carmakers.",
     ("CN", "sales_approval", "2026-03-14")),
    ("The commerce ministry in Beijing eased the chip export ban on Tuesday by exempting shipments for civil use.",
     ("CN", "sales_approval", "2026-03-17")),
])
def test_exemptions_for_a_use_are_a_sales_approval(lexicon, text, key):
    assert key in rows(text, lexicon)


# --- a tax credit told as what a law does ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, key", [
    ("Congress passed a bill in July that lifted the chips tax credit to 35%.", ("US", "legislation", "2025-07")),
    ("The CHIPS Act's 25% investment tax credit for fabs was raised to 35% by the budget law President Trump signed "
     "in July.", ("US", "legislation", "2025-07")),
    ("US lawmakers approved a package on Friday that extends the semiconductor investment tax credit to 2030.",
     ("US", "legislation", "2026-03-13")),
    ("Seoul's tax credits for chip investment were expanded by the K-Chips law the National Assembly passed on "
     "Thursday.", ("KR", "legislation", "2026-03-12")),
])
def test_a_tax_credit_a_law_changes_is_legislation_not_a_subsidy(lexicon, text, key):
    found = rows(text, lexicon)
    assert key in found
    assert not any(instrument == "subsidy" for _, instrument, _ in found)


def test_a_law_lifting_a_credit_is_no_rescission(lexicon):
    found = event_keys("Congress passed a bill in July that lifted the chips tax credit to 35%.", lexicon, ANCHOR,
                       status=True)
    assert {status for _, _, status, _ in found} == {"announced"}


def test_a_grant_with_tax_credits_awarded_by_an_agency_stays_a_subsidy(lexicon):
    assert ("US", "subsidy") in kinds("The US Commerce Department awarded a grant and tax credits to Micron for its "
                                      "chip plants on Monday.", lexicon)


# --- a pause told as a state's noun ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, when", [
    ("Washington's one-year pause on the affiliates rule for chip export curbs took effect on Monday.", "2026-03-16"),
    ("Beijing's 12-month suspension of its rare-earth and chip-material export controls began on Friday.",
     "2026-03-13"),
    ("Tokyo's long-awaited freeze of the new chip equipment export rules was announced on Tuesday.", "2026-03-17"),
])
def test_a_states_pause_told_as_a_noun_names_its_actor(lexicon, text, when):
    found = rows(text, lexicon)
    assert len(found) == 1
    (country, instrument, day), = found
    assert instrument == "export_control" and day == when and country in ("US", "CN", "JP")


# --- more commentary that tells no act -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Analysts noted that the products under investigation are mainly supplied by large US makers such as Texas "
    "Instruments.",
    "Chips now subject to the anti-dumping probe include interface parts made by US firms.",
    "Huawei and SMIC have both been on the US Entity List for years.",
    "Inspur has been on the US Entity List for some time, so its AI servers now run on domestic chips.",
    "TAIPEI - Taiwan has a list of entities that need government approval before Taiwanese companies can ship them "
    "chip technology.",
])
def test_standing_facts_and_probe_subjects_tell_no_act(lexicon, text):
    assert rows(text, lexicon) == set()


def test_measures_listed_as_what_a_probe_examines_are_not_acts(lexicon):
    text = ("China's commerce ministry said on Saturday it would examine whether US chip measures discriminate against "
            "China, including export controls and tariff investigations.")
    assert kinds(text, lexicon) == {("CN", "investigation")}


@pytest.mark.parametrize("text", [
    "Four items, then the calendar.\n\nWashington's one-year pause on the \"affiliates\" or 50% rule took effect on "
    "Monday.",
    "Housekeeping first.\n\nThe Commerce Department on Monday suspended the 50 per cent rule for a year.",
    "Now the rules.\n\nOn Monday Washington paused its 50-percent rule, which had caught subsidiaries of listed firms.",
])
def test_the_affiliates_rule_named_by_its_threshold_is_in_scope(lexicon, text):
    assert ("US", "export_control", "2026-03-16") in rows(text, lexicon)


# --- "the following month", a start told in the past -----------------------------------------------------------------

@pytest.mark.parametrize("text, key", [
    ("In October 2024 a lab found a TSMC die in a Huawei AI processor. The following month the US Commerce Department "
     "ordered TSMC to halt deliveries of advanced AI chips to Chinese customers.", ("US", "export_control", "2024-11")),
    ("Beijing summoned Nvidia in July 2025 over the H20. The following month the cyberspace regulator told Chinese "
     "firms to stop buying the chip.", ("CN", "procurement_guidance", "2025-08")),
    ("Washington added 12 Chinese chip firms to the Entity List in May 2025. The previous month the Commerce "
     "Department had required licences for Nvidia's H20.", ("US", "export_control", "2025-04")),
])
def test_the_following_month_counts_from_the_month_named_before(lexicon, text, key):
    assert key in rows(text, lexicon)


@pytest.mark.parametrize("text, key", [
    ("Washington required export licences for Nvidia's H20 from April, cutting off Chinese buyers, and although the "
     "administration said in July it would grant licences again, few were issued.", ("US", "export_control", "2025-04")),
    ("Beijing's retaliation, a halt, from early October, on exports of finished Nexperia chips had been softened by "
     "last week.", ("CN", "export_control", "2025-10")),
    ("Tokyo restricted exports of 23 types of chipmaking tools from July, officials recalled in a briefing on "
     "Friday.", ("JP", "export_control", "2025-07")),
])
def test_a_start_told_in_the_past_dates_the_act_behind_the_article(lexicon, text, key):
    assert key in rows(text, lexicon)


@pytest.mark.parametrize("text, key", [
    ("The Commerce Department will require licences for AI chip exports to China from April.",
     ("US", "export_control", "2026-04")),
    ("The Commerce Department said it will restrict exports of AI chips to China from May.",
     ("US", "export_control", "2026-05")),
])
def test_a_start_the_act_sets_ahead_stays_ahead(lexicon, text, key):
    assert key in rows(text, lexicon)


def test_a_start_a_threat_sets_ahead_does_not_date_the_threat(lexicon):
    assert ("US", "tariff", "2026-03-13") in rows(
        "The same Friday, President Donald Trump said he would put an additional 100% tariff on Chinese chips from "
        "November 1.", lexicon)


@pytest.mark.parametrize("text", [
    "The rule mirrors the Treasury's long-standing \"50 percent rule\" for sanctions, which BIS says should limit the "
    "extra burden on chip exporters.",
    "The chip rule copies the ownership threshold in US sanctions law.",
    "The new BIS chip test borrows from the Treasury's 50% rule for sanctions.",
])
def test_a_regime_named_as_a_yardstick_is_no_act(lexicon, text):
    assert rows(text, lexicon) == set()


# --- prosecutions told with a long aside, a defendant's nationality -------------------------------------------------

@pytest.mark.parametrize("text, when", [
    ("Federal agents arrested two Chinese nationals in California on Tuesday for allegedly smuggling Nvidia GPUs to "
     "China.", "2026-03-17"),
    ("The FBI detained a Singapore-based broker at Los Angeles airport on Monday on charges of exporting H100 "
     "servers to Chinese buyers.", "2026-03-16"),
    ("Federal prosecutors charged the owner of a Silicon Valley logistics start-up on Friday over shipping AI "
     "processors to Hong Kong.", "2026-03-13"),
])
def test_an_arrest_with_a_long_aside_before_its_aim_is_a_us_investigation(lexicon, text, when):
    assert ("US", "investigation", when) in rows(text, lexicon)


@pytest.mark.parametrize("text", [
    "Two weeks ago federal agents charged a broker with export fraud. A Chinese national was arrested on Monday for "
    "allegedly smuggling AI chips to China.",
    "The Justice Department said on Monday that two Chinese-born engineers had been charged with diverting GPUs to "
    "Shenzhen.",
    "US prosecutors in Boston said a Taiwanese businessman was indicted over exports of chipmaking tools to China.",
])
def test_a_defendants_nationality_is_not_the_acting_state(lexicon, text):
    found = kinds(text, lexicon)
    assert ("US", "investigation") in found
    assert not any(country in ("CN", "TW") for country, _ in found)


@pytest.mark.parametrize("text, key", [
    ("Chinese engineers were told by Beijing to stop using Nvidia chips, the regulator said on Friday.",
     ("CN", "procurement_guidance", "2026-03-13")),
    ("Chip buyers were ordered by the cyberspace regulator to halt purchases of the H20 last week.",
     ("CN", "procurement_guidance", "2026-03")),
    ("Tech firms were urged by Chinese officials to avoid Nvidia's H20 chips, people said on Monday.",
     ("CN", "procurement_guidance", "2026-03-16")),
])
def test_the_agent_of_a_passive_inside_the_trigger_is_the_actor(lexicon, text, key):
    assert key in rows(text, lexicon)
