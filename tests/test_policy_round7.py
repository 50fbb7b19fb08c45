"""Policy round 7: kinds the round-6 rules missed on new reporting, each told in several wordings written for these
tests: prosecutions told by prosecutors of a district, by the people charged or by the papers unsealed; bills told by
their filing with the bill's name between ("introduced the SAFE Chips Act") and by senators in lower case; a list item
is one story for scope (the chips may be named two sentences after the act)."""
from __future__ import annotations

from datetime import date

import pytest

from policy_helpers import event_keys, policy_lexicon

ANCHOR = date(2026, 3, 21)  # a Saturday


@pytest.fixture(scope="module")
def lexicon():
    return policy_lexicon()


def rows(text: str, lexicon, anchor: date = ANCHOR) -> set[tuple]:
    return event_keys(text, lexicon, anchor)


# --- prosecutions ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, when", [
    ("Prosecutors in the Southern District of New York charged three men connected to a server maker - its "
     "co-founder, a sales manager and an outside contractor - with conspiring to divert Nvidia servers to China.", None),
    ("Federal prosecutors in Oregon on Tuesday indicted two brokers for shipping Nvidia GPUs to China without "
     "licences.", "2026-03-17"),
    ("The Justice Department on Friday indicted two Chinese nationals accused of running a front company that bought "
     "Nvidia GPUs for Chinese labs.", "2026-03-20"),
    ("US attorneys have charged a former employee of a server maker, alleging he helped ship H100 systems to "
     "Shenzhen.", "2026-03-21"),  # present perfect: news of the day
    ("A federal grand jury in Boston indicted a Chinese national on Monday over the smuggling of AI chips to China.",
     "2026-03-16"),
    ("On Monday federal prosecutors in Texas unsealed charges in a smuggling case involving Nvidia H200 processors "
     "bound for China.", "2026-03-16"),
])
def test_a_prosecution_told_many_ways_is_a_us_investigation(lexicon, text, when):
    assert ("US", "investigation", when) in rows(text, lexicon)


def test_a_price_charged_to_customers_is_no_prosecution(lexicon):
    assert rows("The chipmaker charged three customers higher prices for H20 chips.", lexicon) == set()


# --- bills -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, when", [
    ("A bipartisan group of senators on Thursday introduced the SAFE Chips Act, which would stop the administration "
     "from loosening chip export rules to China.", "2026-03-19"),
    ("Two senators on Thursday filed a bill that would bar exports of advanced AI chips to China for 30 months.",
     "2026-03-19"),
    ("The House on Wednesday passed a bill that would require licences for exports of AI chips to China.",
     "2026-03-18"),
    ("Lawmakers in Washington introduced the Chip Security Act in May to require location checks on AI chips sold "
     "abroad.", "2025-05"),
    ("The Chip Security Act was introduced in May by Senator Tom Cotton and would require location checks on AI "
     "chips.", "2025-05"),
])
def test_a_bill_told_by_its_filing_is_legislation(lexicon, text, when):
    found = rows(text, lexicon)
    assert any(k[:2] == ("US", "legislation") and (k[2] or "").startswith(when) for k in found), found


def test_what_a_filed_bill_would_bar_is_its_content_not_a_second_act(lexicon):
    found = rows("Two senators on Thursday filed a bill that would bar exports of advanced AI chips to China.", lexicon)
    assert {k[1] for k in found} == {"legislation"}


# --- scope of a list item ------------------------------------------------------------------------------------------

def test_a_list_item_is_in_scope_when_a_later_sentence_of_it_names_chips(lexicon):
    text = ("Earlier cases:\n\n"
            "- In November, prosecutors in the Eastern District of New York unsealed an indictment against four men. "
            "They are accused of using a shell realtor as a front. About 400 Nvidia A100s reached China through "
            "Malaysia.\n\n"
            "- The men face up to 20 years in prison.")
    assert ("US", "investigation", "2025-11") in rows(text, lexicon)


def test_a_paragraph_that_is_no_list_item_keeps_its_neighbour_rule(lexicon):
    text = ("In November, prosecutors in the Eastern District of New York unsealed an indictment against four men. "
            "They are accused of using a shell realtor as a front. About 400 Nvidia A100s reached China through "
            "Malaysia.")
    assert rows(text, lexicon) == set()


# --- a measure named in the clause about what a suspension suspends -------------------------------------------------

TRUCE_DAY = date(2025, 10, 30)


@pytest.mark.parametrize("text, country, measure_month", [
    ("In return, Washington will suspend for one year the rule it issued at the end of September that extended its "
     "Entity List to any company 50% owned by a listed chip firm.", "US", "2025-09"),
    ("Beijing will suspend for a year the rules it adopted in early October that restricted exports of rare-earth "
     "technology to chipmakers.", "CN", "2025-10"),
])
def test_a_measure_dated_in_its_suspensions_object_clause_keeps_its_date_and_never_dates_the_suspension(
        lexicon, text, country, measure_month):
    found = event_keys(text, lexicon, TRUCE_DAY, status=True)
    assert (country, "export_control", "delayed", "2025-10-30") in found
    assert (country, "export_control", "announced", measure_month) in found
    assert not any(k[2] == "delayed" and k[3] == measure_month for k in found)


def test_a_second_act_of_the_sentence_is_no_object_clause(lexicon):
    text = ("On May 13 Commerce scraps the diffusion framework for AI chips and warns that using Huawei's Ascend chips "
            "anywhere may violate US export rules.")
    statuses = {k[2] for k in event_keys(text, lexicon, date(2025, 5, 20), status=True)}
    assert "rescinded" in statuses and len(statuses) == 2


@pytest.mark.parametrize("text", [
    "Last Friday, 7 November, the commerce ministry issued a notice which suspends all six October announcements on "
    "rare-earth exports with immediate effect until 10 November 2026.",
    "On 7 November the commerce ministry suspended its three October announcements on rare-earth exports for a year.",
    "The commerce ministry on 7 November suspended the regulations on rare-earth exports it had issued in October.",
])
def test_a_suspension_of_a_measure_named_by_its_month_is_dated_by_its_own_day(lexicon, text):
    found = event_keys(text, lexicon, date(2025, 11, 14), status=True)
    assert ("CN", "export_control", "delayed", "2025-11-07") in found
    assert not any(k[2] == "delayed" and k[3] == "2025-10" for k in found)


# --- what a listing means for those who sell to the listed ----------------------------------------------------------

@pytest.mark.parametrize("text, listing", [
    ("Taiwan's trade administration added Huawei and SMIC to its strategic high-tech commodities entity list on "
     "Saturday, so Taiwanese firms need government approval for any export to them.", ("TW", "entity_list", "2026-03-21")),
    ("Japan put the two Chinese chipmakers on its end-user list on Friday, so Japanese suppliers must obtain a licence "
     "before selling equipment to them.", ("JP", "entity_list", "2026-03-20")),
])
def test_the_licence_a_listing_requires_of_sellers_is_no_second_act(lexicon, text, listing):
    assert rows(text, lexicon) == {listing}


def test_customs_stopping_shipments_without_a_permit_is_what_the_rule_means(lexicon):
    text = ("Taiwan added Huawei and SMIC to its entity list on Saturday. Taiwanese exporters now need a permit to ship "
            "chip tools to them, and customs will stop shipments without one.")
    assert rows(text, lexicon) == {("TW", "entity_list", "2026-03-21")}


def test_a_permit_required_of_exporters_as_news_is_still_an_act(lexicon):
    text = "Taiwan on Monday began requiring exporters to obtain a permit to ship AI chips to China."
    assert ("TW", "export_control", "2026-03-16") in rows(text, lexicon)


# --- a list or a control named as a condition, not acted on --------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The affiliates rule, published by the Commerce Department on 29 September, said any company at least 50% owned by "
    "a firm on the Entity List would be treated as if it were listed itself.",
    "On September 29 the Commerce Department extended export restrictions to chip subsidiaries that are majority "
    "controlled by one or more companies on the Entity List.",
])
def test_the_list_that_catches_an_owners_affiliates_is_no_listing(lexicon, text):
    assert {k[1] for k in rows(text, lexicon, date(2025, 10, 20))} == {"export_control"}


def test_a_listing_told_with_on_the_list_is_still_a_listing(lexicon):
    text = "The Commerce Department on Monday put 140 companies, most of them Chinese chipmakers, on the Entity List."
    assert rows(text, lexicon, date(2025, 10, 20)) == {("US", "entity_list", "2025-10-20")}


@pytest.mark.parametrize("text", [
    "In early October a Dutch court suspended the chipmaker's chief executive and placed its shares under the control "
    "of a court-appointed administrator.",
    "The judges put the chipmaker's Dutch unit under the control of an independent trustee.",
])
def test_shares_under_a_court_administrators_control_are_no_export_control(lexicon, text):
    assert not any(k[1] == "export_control" for k in rows(text, lexicon, date(2025, 10, 20)))


# --- a span counted from a schedule is a schedule -----------------------------------------------------------------

@pytest.mark.parametrize("text, when", [
    ("On Sunday Beijing suspended its gallium export ban to US chipmakers until 27 November 2026, two weeks after "
     "Washington's pause of its chip rule ends.", "2025-11-09"),
    ("Tokyo will pause its chip export rule through March, a month after the US review closes.", "2025-11-10"),
    ("- 9 November 2025. China's ban on gallium exports to US chipmakers is suspended until 27 November 2026, one day "
     "before Washington's pause of the affiliates rule takes effect.", "2025-11-09"),
])
def test_a_span_after_an_end_date_never_dates_the_suspension(lexicon, text, when):
    found = event_keys(text, lexicon, date(2025, 11, 10), status=True)
    assert any(k[2] == "delayed" and k[3] == when for k in found), found
    assert not any((k[3] or "").startswith("2026") for k in found)


def test_a_span_after_the_acts_own_day_still_counts_from_it(lexicon):
    text = "China suspended its ban on gallium exports to US chipmakers on Sunday, a day after Washington paused its chip rule."
    found = event_keys(text, lexicon, date(2025, 11, 10))
    assert ("US", "export_control", "2025-11-08") in found and ("CN", "export_control", "2025-11-09") in found


# --- exemptions from an export ban; a state's order over a company ------------------------------------------------

@pytest.mark.parametrize("text, when", [
    ("On 1 November the commerce ministry said it would consider companies' circumstances and grant exemptions for "
     "exports of Nexperia chips that met its criteria.", "2025-11-01"),
    ("China's commerce ministry barred the chipmaker's exports in October. On 9 November the ministry went further, "
     "saying exemptions would be granted for Nexperia chips intended for civilian use.", "2025-11-09"),
    ("Beijing's commerce ministry on Sunday said waivers will be issued to exporters of Nexperia chips whose customers "
     "are carmakers.", "2025-11-16"),
])
def test_exemptions_from_an_export_ban_are_permissions_to_ship(lexicon, text, when):
    assert ("CN", "sales_approval", when) in rows(text, lexicon, date(2025, 11, 20))


@pytest.mark.parametrize("text, status", [
    ("The Hague blinks on Nexperia. Economy minister Vincent Karremans on Wednesday suspended the order that had given "
     "the Dutch state a veto over major decisions at Nexperia, the chipmaker.", "delayed"),
    ("Dutch economy minister Vincent Karremans said on Wednesday that he was suspending the order that had given The "
     "Hague effective control over Nexperia, the maker of basic chips.", "delayed"),
    ("On Wednesday the Dutch government lifted the decree that handed the economy ministry control of the chipmaker's "
     "board.", "rescinded"),
])
def test_undoing_a_states_order_over_a_chipmaker_is_an_act(lexicon, text, status):
    assert ("NL", "other", status, "2025-11-19") in event_keys(text, lexicon, date(2025, 11, 20), status=True)


# --- "He" stands for the last person named, not the last state --------------------------------------------------

@pytest.mark.parametrize("text", [
    "Trump says the rare-earth issue is settled. The export controls Beijing announced on 9 October on chip materials "
    "had been due to start next month. He also confirms that the extra 100% tariff he threatened on Chinese chips "
    "earlier this month is off.",
    "President Trump spoke to reporters. Beijing's rare-earth controls on chip materials are on hold. He says tariffs "
    "on Chinese chips will be cut to 10%.",
])
def test_he_after_a_states_act_is_the_person_named_before(lexicon, text):
    found = rows(text, lexicon, date(2025, 10, 30))
    assert any(k[:2] == ("US", "tariff") for k in found)
    assert not any(k[:2] == ("CN", "tariff") for k in found)


# --- a short sentence telling when a state answered dates the act told next -------------------------------------------

@pytest.mark.parametrize("text, key", [
    ("China hit back on 4 October. The Ministry of Commerce barred the chipmaker's Chinese unit and its subcontractors "
     "from exporting finished chips made in the country.", ("CN", "export_control", "2025-10-04")),
    ("Beijing retaliated on 12 May. Its commerce ministry added two US chip-tool makers to its unreliable entity list.",
     ("CN", "entity_list", "2025-05-12")),
    ("Tokyo responded on Friday. The trade ministry tightened export curbs on chipmaking equipment to China.",
     ("JP", "export_control", "2025-11-14")),
])
def test_the_day_a_state_answered_dates_the_act_told_next(lexicon, text, key):
    assert key in rows(text, lexicon, date(2025, 11, 20))


def test_an_act_with_its_own_date_keeps_it_after_a_lead_in(lexicon):
    text = "China hit back in October. The Ministry of Commerce on 4 November barred the chipmaker's chip exports."
    assert rows(text, lexicon, date(2025, 11, 20)) == {("CN", "export_control", "2025-11-04")}


# --- a measure named as what a plan depends on ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "If Washington's decision to allow H200 sales held, the company intended to start with a trial order of 20,000 "
    "Nvidia chips.",
    "The group will buy more Nvidia H200 chips if the US approval of exports to China stands.",
    "If the licence for H20 shipments to China survives the review, the firm plans to order 10,000 units.",
])
def test_a_measure_a_plan_depends_on_is_no_act(lexicon, text):
    assert rows(text, lexicon, date(2026, 5, 6)) == set()


def test_a_condition_on_something_else_keeps_the_act(lexicon):
    text = "Washington decided on Monday to allow H200 sales to China; if demand holds, Nvidia expects orders."
    assert rows(text, lexicon, date(2026, 5, 6)) == {("US", "sales_approval", "2026-05-04")}


# --- an act named by a dated noun dates itself, whatever the other clause's month ------------------------------------

@pytest.mark.parametrize("second", [
    "The bill's sponsor introduced it in December, shortly after President Donald Trump's December 8 decision to let "
    "Nvidia sell its H200 processor to approved Chinese customers.",
    "Its sponsor filed it in December, days after the administration's December 8 move to let Nvidia ship H200 chips "
    "to China.",
    "Critics had attacked the idea in November, well before President Trump's December 8 decision to let Nvidia sell "
    "H200 chips to Chinese buyers.",
])
def test_the_day_written_before_an_acts_noun_dates_the_act(lexicon, second):
    text = "The House Foreign Affairs Committee voted on Wednesday to advance the AI Overwatch Act. " + second
    found = rows(text, lexicon, date(2026, 1, 23))
    assert ("US", "sales_approval", "2025-12-08") in found
    assert not any(k[1] == "sales_approval" and k[2] in ("2025-12", "2025-11") for k in found)


# --- a present-perfect lede is dated by the day the next sentence gives the case ---------------------------------------

@pytest.mark.parametrize("text, when", [
    ("Federal prosecutors have charged two Americans and two Chinese nationals with running a scheme to ship "
     "restricted Nvidia processors to China. The Justice Department announced the case on Thursday.", "2025-11-20"),
    ("US prosecutors have indicted three brokers for smuggling Nvidia GPUs to China. The charges were unsealed on "
     "Tuesday in Boston.", "2025-11-18"),
    ("The Justice Department has charged a Chinese national with diverting H100 chips to Shenzhen. Prosecutors made "
     "the case public on Wednesday.", "2025-11-19"),
])
def test_a_perfect_lede_takes_the_day_the_case_was_made_public(lexicon, text, when):
    assert rows(text, lexicon, date(2025, 11, 21)) == {("US", "investigation", when)}


# --- "Friday the 7th" ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, phrase, when", [
    ("Two days earlier, on Friday the 7th, Beijing formally suspended the export controls.", "Friday the 7th",
     "2025-11-07"),
    ("The rule took effect on Monday the 1st of the month.", "Monday the 1st", "2025-09-01"),
    ("The ministry spoke on Tuesday the 21st.", "Tuesday the 21st", "2025-10-21"),
])
def test_a_weekday_with_its_day_is_the_latest_such_day(text, phrase, when):
    from transforms.dates import find_dates
    found = {text[d.start:d.end]: d.value.isoformat() for d in find_dates(text, date(2025, 11, 15))}
    assert found[phrase] == when


# --- chips put on what state buyers are guided to buy ----------------------------------------------------------------

@pytest.mark.parametrize("text, when", [
    ("China's industry ministry added domestic AI chips to the Xinchuang procurement list on Monday.", "2025-12-08"),
    ("Beijing has put Cambricon processors on the list of products that state agencies are guided to buy.",
     "2025-12-10"),
    ("The Ministry of Industry and Information Technology recently added AI chips from Huawei and Cambricon to the "
     "Information Technology Innovation List, according to a report on Wednesday.", "2025-12"),
])
def test_chips_added_to_a_procurement_list_are_procurement_guidance(lexicon, text, when):
    assert ("CN", "procurement_guidance", when) in rows(text, lexicon, date(2025, 12, 10))


def test_a_list_of_products_buyers_ask_for_is_no_guidance(lexicon):
    assert rows("Nvidia has been on the list of products most requested by Chinese buyers.", lexicon) == set()


# --- licensing told as a regime extended, taken over, or goods put under it ---------------------------------------------

@pytest.mark.parametrize("text, key", [
    ("The Dutch government announced on 15 January that from 1 April it would extend national licensing to a small "
     "set of metrology and inspection equipment for chipmaking.", ("NL", "export_control", "2025-01-15")),
    ("Tokyo's big move came in 2023, when it put 23 categories of chipmaking equipment under licence.",
     ("JP", "export_control", "2023")),
    ("Seoul's first step came in May, when it put HBM chips under its export licensing regime.",
     ("KR", "export_control", "2025-05")),
    ("The Hague said in January it would apply licensing requirements to more ASML deep-ultraviolet tools.",
     ("NL", "export_control", "2025-01")),
])
def test_licensing_extended_or_goods_put_under_licence_is_export_control(lexicon, text, key):
    assert key in rows(text, lexicon, date(2025, 10, 1))


def test_a_date_told_by_a_past_verb_does_not_look_ahead_to_what_was_told(lexicon):
    from transforms.dates import find_dates
    text = "The government announced on 15 January that from 1 April it would extend licensing."
    found = {text[d.start:d.end]: d.value.isoformat() for d in find_dates(text, date(2025, 10, 1))}
    assert found["15 January"] == "2025-01-15"
    future = "The rules for chip exports would take effect on 15 January."
    assert [d.value.isoformat() for d in find_dates(future, date(2025, 10, 1))] == ["2026-01-15"]


# --- the same measure's story keeps its scope; "suspending it from ..." ----------------------------------------------

@pytest.mark.parametrize("text", [
    "The affiliates rule, published by the Bureau of Industry and Security on 29 September, extended export "
    "restrictions to subsidiaries of listed chip firms. It caught thousands of firms overnight. BIS has now issued a final rule suspending it from 10 November 2025 through 9 "
    "November 2026.",
    "On 29 September Commerce extended export controls to chip firms' subsidiaries. The change swept in thousands of "
    "companies. On 10 November the department suspended the restrictions for a year.",
    "Commerce extended export controls to chip firms' subsidiaries on 29 September. Lawyers called it sweeping. It "
    "paused the controls on 10 November for a year.",
])
def test_a_suspension_told_without_chip_words_goes_on_with_its_measures_story(lexicon, text):
    found = event_keys(text, lexicon, date(2025, 11, 14), status=True)
    assert ("US", "export_control", "delayed", "2025-11-10") in found


def test_an_act_on_another_trade_does_not_take_the_threads_scope(lexicon):
    text = ("On 29 September Commerce extended export controls to chip firms' subsidiaries. On 10 November the department "
            "also imposed export controls on shipments of European pork.")
    found = rows(text, lexicon, date(2025, 11, 14))
    assert ("US", "export_control", "2025-11-10") not in found


# --- a paragraph's topic label names the subject of its sentences ---------------------------------------------------

@pytest.mark.parametrize("text, key", [
    ("Rare earths: \"All of it has been settled,\" Trump says. He describes a one-year arrangement. The export controls "
     "Beijing announced on 9 October had been due to start biting next month.", ("CN", "export_control", "2025-10-09")),
    ("Chip curbs - Washington keeps its line. Officials met on Monday. Commerce imposed new export controls on Tuesday.",
     ("US", "export_control", "2025-10-28")),
    ("Semiconductors: the talks went well. Officials met on Monday. Tokyo imposed new export controls on Tuesday.",
     ("JP", "export_control", "2025-10-28")),
])
def test_a_topic_label_holding_a_cue_puts_its_paragraph_in_scope(lexicon, text, key):
    assert key in rows(text, lexicon, date(2025, 10, 30))


def test_a_topic_label_of_another_trade_puts_nothing_in_scope(lexicon):
    text = "Soybeans: China will buy more. Officials met on Monday. Commerce imposed new export controls on Tuesday."
    assert rows(text, lexicon, date(2025, 10, 30)) == set()


# --- a season or a year yields to the day it took effect, inside it -------------------------------------------------

@pytest.mark.parametrize("text, key", [
    ("Japan, for its part, expanded its own end-user list last autumn, adding 87 organisations, including Chinese "
     "chipmakers, with effect from October 9.", ("JP", "entity_list", "2025-10-09")),
    ("Seoul tightened its chip export rules in 2025, with effect from 1 March 2025.", ("KR", "export_control", "2025-03-01")),
    ("Tokyo expanded its chip export controls last year, effective from July 23.", ("JP", "export_control", "2025-07-23")),
])
def test_the_effective_day_inside_a_coarse_date_dates_the_act(lexicon, text, key):
    assert key in rows(text, lexicon, date(2026, 2, 27))


def test_a_told_day_keeps_its_date_beside_an_effective_day(lexicon):
    text = ("On Monday, 29 September, METI updated its End User List, adding 87 organisations including Chinese chip "
            "firms, with effect from 9 October.")
    assert rows(text, lexicon, date(2025, 10, 1)) == {("JP", "entity_list", "2025-09-29")}


# --- "on the same day that" another act: the day of the story's first dated act --------------------------------------

@pytest.mark.parametrize("text, key", [
    ("On Monday, federal prosecutors in Houston unsealed charges against a network that exported Nvidia H100 "
     "processors to China. The case became public on the same day that President Donald Trump said Nvidia would be "
     "allowed to sell the H200 to approved customers in China.", ("US", "sales_approval", "2025-12-08")),
    ("President Donald Trump said on Monday that Nvidia may ship its H200 to approved customers in China. The "
     "announcement also landed on the same day as federal prosecutors in Texas unsealed charges in a smuggling case "
     "involving Nvidia H200 processors.", ("US", "investigation", "2025-12-08")),
    ("On Tuesday Commerce added 12 Chinese chip firms to the Entity List. The news broke the same day that Beijing "
     "opened an antitrust probe into Nvidia.", ("CN", "investigation", "2025-12-09")),
])
def test_an_act_told_on_the_same_day_as_the_story_takes_its_day(lexicon, text, key):
    assert key in rows(text, lexicon, date(2025, 12, 12))


# --- the state answered is no subject of the answer ---------------------------------------------------------------

@pytest.mark.parametrize("text, acts", [
    ("China spent most of the past twelve months answering US semiconductor restrictions with tools of its own: "
     "mineral export controls, antitrust probes of American chipmakers and guidance steering buyers away from Nvidia.",
     {("CN", "investigation"), ("CN", "procurement_guidance")}),
    ("Beijing has responded to US chip curbs with antitrust probes of American chipmakers.", {("CN", "investigation")}),
    ("In response to Washington's chip curbs, China opened antitrust probes into US chipmakers.",
     {("CN", "investigation")}),
])
def test_the_acts_that_answer_another_states_measure_are_the_answering_states(lexicon, text, acts):
    found = {k[:2] for k in rows(text, lexicon, date(2025, 11, 20))}
    assert acts <= found
    assert not any(k in found for k in {("US", "investigation"), ("US", "procurement_guidance")})


def test_the_measure_answered_keeps_its_own_state(lexicon):
    text = ("China's tariff on US goods rose to 125%, answering Washington's decision earlier in the month to lift its "
            "levies on Chinese chips to 145%.")
    assert ("US", "tariff") in {k[:2] for k in rows(text, lexicon, date(2025, 11, 20))}
