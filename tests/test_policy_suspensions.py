"""Policy round 6: when a truce's suspensions and a story's background acts happened, and how far along they are.

A suspension is dated by its own telling (the day it is announced, or the news of the day), never by the measure it
suspends ("the December 2024 ban", "the rule it issued on September 29") nor by when it ends; a suspension told
outside its measure's trigger still reads as one ("It suspends, ..., the ban on ..."); an undated suspension told as
news stands apart from a truce's other dated steps; a history sentence's act keeps its own year; "the same day" after a
bare year counts from the last day the story named. Sentences are written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from policy_helpers import DATE_LEN, event_keys, policy_lexicon
from transforms.dates import find_dates

ANCHOR = date(2025, 11, 10)  # a Monday


@pytest.fixture(scope="module")
def lexicon():
    return policy_lexicon()


def rows(text: str, lexicon, anchor: date = ANCHOR) -> set[tuple]:
    return event_keys(text, lexicon, anchor, status=True)


# --- the date grammar ---------------------------------------------------------------------------------------------

def test_same_day_after_a_bare_year_counts_from_the_last_day_named():
    text = ("On Saturday, 13 September, the regulator opened a dumping case. Shipments rose 40% between 2021 and 2023. "
            "The same day the regulator opened a second case.")
    found = {text[d.start:d.end]: (d.value.isoformat()[:DATE_LEN[d.precision]]) for d in find_dates(text, ANCHOR)}
    assert found["The same day"] == "2025-09-13"


def test_same_day_after_a_month_is_still_that_month():
    text = "Its January decision drew protests, and the same day the ministry opened a review."
    found = {text[d.start:d.end]: (d.value.isoformat()[:DATE_LEN[d.precision]], d.precision)
             for d in find_dates(text, ANCHOR)}
    assert found["the same day"] == ("2025-01", "month")


# --- suspensions: dated by their own telling ----------------------------------------------------------------------

def test_a_date_in_a_relative_clause_inside_a_long_trigger_dates_the_measure(lexicon):
    text = ("The Commerce Department has suspended for one year, starting today, the rule it issued on September 29 "
            "that extended Entity List restrictions to subsidiaries of listed chip firms.")
    assert rows(text, lexicon) == {("US", "export_control", "delayed", "2025-11-10")}


def test_a_suspension_told_outside_the_trigger_is_not_dated_by_the_measure(lexicon):
    text = ("China's commerce ministry on Sunday issued a notice on chip materials. The ministry suspends, with "
            "immediate effect and until November 27, 2026, the December 2024 ban on approving exports of gallium and "
            "germanium to the United States.")
    found = rows(text, lexicon)
    assert ("CN", "export_control", "delayed", None) in found
    assert not any(key[3] in ("2024-12", "2026-11-27") for key in found)


@pytest.mark.parametrize("text", [
    "China's October 9 export controls on rare earths and chip materials were suspended for a year.",
    "Beijing's 9 October measures on chip materials were suspended for one year.",
])
def test_a_written_date_before_the_measure_names_it_and_does_not_date_the_suspension(text, lexicon):
    assert rows(text, lexicon) == {("CN", "export_control", "delayed", None)}


@pytest.mark.parametrize("text, status", [
    ("Beijing's stricter end-use checks on graphite sent to US chip buyers are suspended too.", "delayed"),
    ("The commerce ministry said on Wednesday it would temporarily ease export restrictions on 12 US chip firms.",
     "delayed"),
])
def test_suspension_cues_outside_the_trigger(text, status, lexicon):
    assert {key[2] for key in rows(text, lexicon)} == {status}


def test_an_undated_suspension_told_as_news_stands_apart_from_dated_steps(lexicon):
    text = ("Summary: China's commerce ministry has suspended its ban on exports of gallium to the United States, a "
            "metal used in chips.\n"
            "On Wednesday (5 November) the commerce ministry said it would temporarily ease export restrictions on 12 "
            "US chip firms.")
    assert rows(text, lexicon) == {("CN", "export_control", "delayed", "2025-11-10"),
                                   ("CN", "export_control", "delayed", "2025-11-05")}


def test_a_dated_mention_gives_its_date_to_the_undated_one_it_joins(lexicon):
    text = ("Key points: Washington parks its \"affiliates rule\" on chip subsidiaries; chip firms weigh what remains.\n"
            "The Commerce Department has suspended for one year, starting today, the rule it issued on September 29 "
            "that extended Entity List restrictions to subsidiaries of listed chip firms.")
    assert ("US", "export_control", "delayed", "2025-11-10") in rows(text, lexicon)
    assert ("US", "export_control", "delayed", None) not in rows(text, lexicon)


# --- history sentences --------------------------------------------------------------------------------------------

def test_the_first_measure_of_a_history_sentence_keeps_its_own_date(lexicon):
    text = ("Summary: China's commerce ministry has suspended its ban on exports of gallium to the United States, a "
            "metal used in chips.\n"
            "Shipments of the metal to US chipmakers had been near zero since the first licensing requirement in "
            "August 2023.")
    found = rows(text, lexicon)
    assert ("CN", "export_control", "delayed", "2025-11-10") in found
    assert ("CN", "export_control", "in_effect", "2023-08") in found


def test_a_period_covered_does_not_date_the_probe(lexicon):
    text = ("On Saturday, 13 September, China's commerce ministry opened an anti-dumping investigation into US analog "
            "chips. The investigation period covers calendar 2024.")
    assert {key[3] for key in rows(text, lexicon)} == {"2025-09-13"}


def test_the_same_day_probe_is_not_dated_by_the_years_of_the_figures(lexicon):
    text = ("On Saturday, 13 September, China's commerce ministry launched an anti-dumping investigation into US analog "
            "chips. Imports rose by about 37% between 2022 and 2024. The same day the ministry opened a separate "
            "anti-discrimination investigation into US measures against China's chip sector.")
    assert rows(text, lexicon) == {("CN", "investigation", "announced", "2025-09-13")}  # two cases, one day


def test_an_undoing_of_a_measure_the_article_names_only_by_reference_is_an_act(lexicon):
    text = ("September 4 - The US Senate passes its NDAA with the GAIN AI Act, a bill on Nvidia chip exports, included.\n"
            "This week - People familiar with the talks say the compromise NDAA text leaves GAIN AI out.")
    assert rows(text, lexicon, date(2025, 12, 5)) == {("US", "legislation", "announced", "2025-09-04"),
                                                      ("US", "legislation", "rescinded", "2025-12")}


def test_same_day_after_a_month_of_an_earlier_sentence_is_the_last_day_named():
    text = ("The customs checks were reported on Friday, October 10. Smuggling had peaked in the three months from May. "
            "On the same day, the market regulator opened a probe.")
    found = {text[d.start:d.end]: d.value.isoformat()[:DATE_LEN[d.precision]] for d in find_dates(text, ANCHOR)}
    assert found["the same day"] == "2025-10-10"


def test_a_period_a_licence_covers_does_not_date_it(lexicon):
    text = ("On Tuesday, Washington granted the two Korean chipmakers annual licences to ship US chip tools to their "
            "China plants throughout 2026.")
    assert {key[3] for key in rows(text, lexicon, date(2025, 12, 31))} == {"2025-12-30"}


def test_a_written_day_in_apposition_restates_the_same_day(lexicon):
    text = ("Nvidia's quarter ended on April 27. The call comes two weeks after Washington scrapped a chip rule that was "
            "due to take effect on May 15. On the same day, May 13, the US Commerce Department added 12 Chinese chip "
            "firms to the Entity List.")
    assert rows(text, lexicon, date(2025, 5, 28)) == {("US", "entity_list", "in_effect", "2025-05-13"),
                                                      ("US", "export_control", "rescinded", "2025-05")}


def test_a_measure_lifted_until_a_date_is_suspended_and_not_dated_by_its_end(lexicon):
    text = ("China's commerce ministry said on Monday the export ban on gallium for US chipmakers would be lifted until "
            "November 27, 2026.")
    assert rows(text, lexicon) == {("CN", "export_control", "delayed", "2025-11-10")}


# --- the day a wire story was filed -------------------------------------------------------------------------------

@pytest.mark.parametrize("published, expected", [
    (date(2025, 11, 12), date(2025, 11, 11)),  # posted the day after it was filed: count from the dateline
    (date(2025, 11, 11), date(2025, 11, 11)),
    (date(2025, 11, 20), date(2025, 11, 20)),  # a dateline far from the page's date is no filing day
    (None, date(2025, 11, 11)),
])
def test_story_anchor_counts_from_the_dateline_of_a_story_posted_later(published, expected):
    from transforms.datelines import story_anchor
    text = "WASHINGTON, Nov 11, 2025 (Wire) - US prosecutors yesterday charged three men with smuggling Nvidia chips."
    assert story_anchor(text, published) == expected


def test_a_charge_told_yesterday_in_a_wire_story_posted_the_next_day_is_dated_from_the_dateline():
    from policy_helpers import extractor
    from transforms.article import sha256_hex
    from transforms.models import Article
    text = ("WASHINGTON, Nov 11 (Wire) - US prosecutors yesterday charged three men with exporting Nvidia AI chips to "
            "China without a licence.")
    article = Article(article_id="w1", source="w.txt", url="file:///w.txt", published_on=date(2025, 11, 12),
                      text=text, content_sha256=sha256_hex(text))
    rows_ = extractor().extract(article).policy
    assert [(r.actor_country, r.instrument, r.event_date) for r in rows_] == [("US", "investigation", date(2025, 11, 10))]


# --- "a day after" a clause ---------------------------------------------------------------------------------------

def test_a_day_after_a_clause_dates_that_clause_not_the_main_one(lexicon):
    text = "Washington paused the affiliates rule on chip subsidiaries on Monday, a day after Beijing suspended its metals ban."
    assert rows(text, lexicon) == {("US", "export_control", "delayed", "2025-11-10"),
                                   ("CN", "export_control", "delayed", "2025-11-09")}


def test_a_day_after_a_clause_that_holds_its_own_date_dates_the_main_clause(lexicon):
    text = ("The US Commerce Department paused the affiliates rule on chip subsidiaries, a day after China's commerce "
            "ministry suspended its gallium ban on Sunday.")
    assert rows(text, lexicon) == {("US", "export_control", "delayed", "2025-11-10"),
                                   ("CN", "export_control", "delayed", "2025-11-09")}


def test_a_name_ending_in_ing_is_no_gerund():
    text = "Tokyo eased its chip rules on Monday, a day after Beijing suspended its metals ban."
    found = {text[d.start:d.end]: d.value.isoformat() for d in find_dates(text, ANCHOR)}
    assert found["a day after"] == "2025-11-09"


def test_a_span_counted_from_a_dated_clause_does_not_date_that_clause(lexicon):
    text = ("At least $1 billion of chips were sold in China in the three months after Washington required a licence "
            "for the Nvidia H20 in April.")
    assert rows(text, lexicon, date(2025, 12, 12)) == {("US", "export_control", "in_effect", "2025-04")}


def test_a_rule_told_as_a_report_of_the_day_is_news_of_the_publication_day(lexicon):
    text = "Chipmakers adding capacity in China must use at least 50% domestic chip tools, a wire service reports"
    assert rows(text, lexicon, date(2025, 12, 31)) == {("CN", "procurement_guidance", "reported", "2025-12-31")}


# --- how far along ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, status", [
    ("The US Commerce Department on Friday added 19 Chinese chip firms to its Entity List.", "in_effect"),
    ("On Tuesday President Trump signed a proclamation imposing a 30% tariff on imported chips.", "in_effect"),
    ("Japan's trade ministry on Friday added 12 Chinese chip firms to its End User List, with effect from 1 December.",
     "announced"),
    ("Beijing said on Friday it will impose a 20% tariff on US chips from next month.", "announced"),
])
def test_a_listing_or_tariff_told_as_done_is_in_effect(text, status, lexicon):
    assert {key[2] for key in rows(text, lexicon)} == {status}


# --- coordinated years ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, years", [
    ("The 2022 and 2023 US rules already bar sales of the most advanced Nvidia chips to China.", {"2022", "2023"}),
    ("The 2019, 2022 and 2024 US chip curbs cut Huawei off from advanced Nvidia chips.", {"2019", "2022", "2024"}),
    ("Washington's 2022 export controls cut China off from the most advanced Nvidia chips.", {"2022"}),
])
def test_coordinated_years_before_a_measure_name_one_act_each(text, years, lexicon):
    found = rows(text, lexicon)
    assert {key[3] for key in found} == years
    assert {key[:2] for key in found} == {("US", "export_control")}


def test_a_probe_is_not_dated_by_the_year_of_the_measures_it_targets(lexicon):
    text = ("In September China's commerce ministry opened an anti-discrimination investigation into US chip measures "
            "taken since 2024.")
    assert {key[3] for key in rows(text, lexicon)} == {"2025-09"}
