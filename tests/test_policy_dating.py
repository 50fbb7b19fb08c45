"""Which date a policy action belongs to: the date of a relative clause dates its object, a period is not a
date, a year in a measure's name yields to the date the action is told with, a semicolon starts a clause with
its own time, a live blog's entry or an explainer's question dates the paragraphs under it, an action told in
the present is news of the publication day, "the change" announced on a day dates the change, and a report's
date bounds the action it reports. Sentences are written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from policy_helpers import english_policy, policy_lexicon
from transforms.dates import find_dates
from transforms.models import PolicyEvent

ANCHOR = date(2025, 11, 19)  # a Wednesday


@pytest.fixture(scope="module")
def lexicon():
    return policy_lexicon()


def run(text: str, lexicon, anchor: date | None = ANCHOR) -> list[PolicyEvent]:
    return english_policy(text, lexicon, anchor)


_LEN = {"day": 10, "month": 7, "year": 4, None: 0}


def dated(text: str, lexicon, anchor: date | None = ANCHOR) -> set[tuple]:
    return {(e.actor_country, e.instrument, e.event_date and e.event_date.isoformat()[:_LEN[e.date_precision]])
            for e in run(text, lexicon, anchor)}


def test_the_date_of_a_relative_clause_dates_the_object_not_the_action(lexicon) -> None:
    text = "On Friday, Beijing suspended the export controls on chip metals it had announced on October 9."
    assert dated(text, lexicon) == {("CN", "export_control", "2025-11-14")}


def test_the_period_a_licence_covers_is_not_its_date(lexicon) -> None:
    text = ("On Tuesday the US government granted the two memory makers annual licences to ship chipmaking tools "
            "to their fabs in China for calendar 2026.")
    assert dated(text, lexicon) == {("US", "sales_approval", "2025-11-18")}


def test_aid_for_a_fiscal_year_is_dated_by_its_approval(lexicon) -> None:
    text = "On 31 March Japan's industry ministry approved ¥590 billion in additional aid for fiscal 2025 for a chip fab."
    assert dated(text, lexicon) == {("JP", "subsidy", "2025-03-31")}


def test_a_fiscal_year_naming_a_bill_does_not_date_the_vote(lexicon) -> None:
    text = "On 4 September the Senate attached the chip-export amendment to the fiscal 2026 NDAA."
    assert dated(text, lexicon) == {("US", "legislation", "2025-09-04")}


def test_a_year_in_a_measures_name_yields_to_the_day_it_is_told(lexicon) -> None:
    text = "The European Commission on Wednesday proposed a successor to its 2023 Chips Act to speed up chip fabs."
    assert dated(text, lexicon) == {("EU", "legislation", "2025-11-19")}


def test_a_measure_named_by_its_month_does_not_date_its_suspension(lexicon) -> None:
    text = "On 9 November China's commerce ministry suspended the germanium ban of December 2024 for a year."
    assert dated(text, lexicon) == {("CN", "export_control", "2025-11-09")}


def test_a_clause_after_a_semicolon_keeps_its_own_time(lexicon) -> None:
    text = "Seoul has earmarked 2 trillion won for buying GPUs; two years ago the line was 100 billion won."
    assert dated(text, lexicon) == {("KR", "subsidy", "2025-11-19")}


def test_a_live_blog_entry_dates_the_paragraph_under_it(lexicon) -> None:
    text = ("Thu 09:40\nThe approvals cover 35,000 chips each.\nWed 17:50\nChip sales cleared. The Commerce "
            "Department said it has approved exports of AI chips to two Gulf firms.")
    assert dated(text, lexicon, date(2025, 11, 20)) == {("US", "sales_approval", "2025-11-19")}


def test_an_explainers_question_dates_its_answer(lexicon) -> None:
    text = ("What did the Commerce Department do on January 13?\nThe Bureau of Industry and Security said it would "
            "review licence applications for H200 chips on a case-by-case basis.")
    assert dated(text, lexicon, date(2026, 1, 19)) == {("US", "export_control", "2026-01-13")}


def test_a_heading_without_a_date_stops_the_search(lexicon) -> None:
    text = ("Mon 17 Nov, 08:20\nThe blog opens.\nWhat changed\nThe Dutch government has widened its export "
            "controls to two more lithography tools.")
    assert dated(text, lexicon) == {("NL", "export_control", "2025-11-19")}


def test_an_action_told_in_the_present_is_news_of_the_publication_day(lexicon) -> None:
    text = "Malaysia's trade ministry is investigating claims that a foreign AI firm trained models on Nvidia servers."
    assert dated(text, lexicon) == {("MY", "investigation", "2025-11-19")}


def test_an_undated_action_told_in_the_past_stays_undated(lexicon) -> None:
    text = "Malaysia's trade ministry investigated claims that a foreign AI firm trained models on Nvidia servers."
    assert dated(text, lexicon) == {("MY", "investigation", None)}


def test_the_change_announced_on_a_day_dates_the_change(lexicon) -> None:
    text = ("The Dutch government has widened its export controls to two more ASML lithography tools. The trade "
            "minister announced the change on Friday, and it took effect the next day.")
    assert dated(text, lexicon) == {("NL", "export_control", "2025-11-14")}


def test_a_notice_released_in_a_month_dates_the_expansion_it_carries(lexicon) -> None:
    text = ("Japan's trade ministry has finalised an expansion of its export-control list covering chipmaking gear. "
            "The ministry released the notice at the end of October.")
    assert dated(text, lexicon) == {("JP", "export_control", "2025-10")}


def test_a_reference_with_nothing_before_it_is_no_action(lexicon) -> None:
    assert run("The trade minister announced the change on Friday for chipmaking tools.", lexicon) == []


def test_a_report_date_after_the_action_bounds_it_to_the_month(lexicon) -> None:
    text = ("Chinese government bodies have started applying procurement guidelines that steer them away from US "
            "processors, according to a report in a newspaper on Sunday.")
    assert dated(text, lexicon, date(2024, 3, 25)) == {("CN", "procurement_guidance", "2024-03")}


def test_an_earlier_date_of_the_reported_measure_replaces_the_reports_bound(lexicon) -> None:
    text = ("Chinese government bodies have started applying procurement guidelines that steer them away from US "
            "processors, according to a report in a newspaper on Sunday. The guidelines, issued on December 26, "
            "cover PCs and servers.")
    assert dated(text, lexicon, date(2024, 3, 25)) == {("CN", "procurement_guidance", "2023-12-26")}


# --- the date grammar these rules stand on (transforms/dates.py) ----------------------------------------------

def test_a_month_after_from_elsewhere_in_the_window_is_past() -> None:
    text = "It is a sharp turn from the old administration, which in January imposed a final round of curbs."
    [mention] = find_dates(text, ANCHOR)
    assert (mention.value, mention.precision) == (date(2025, 1, 1), "month")


def test_a_month_right_after_from_is_ahead() -> None:
    [mention] = find_dates("The curbs apply from January.", ANCHOR)
    assert mention.value == date(2026, 1, 1)


def test_came_a_day_after_counts_from_a_date_that_has_happened() -> None:
    text = ("The case is due to finish before January 7, 2027. The announcement came a day after the ministry barred "
            "exports of dual-use items.")
    found = find_dates(text, date(2026, 1, 7))
    assert found[-1].value == date(2026, 1, 6)


def test_the_following_day_after_a_month_is_that_month() -> None:
    text = "The step follows Beijing's January decision to ban exports, and a probe launched the following day."
    found = find_dates(text, date(2026, 2, 24))
    assert (found[-1].value, found[-1].precision) == (date(2026, 1, 1), "month")


def test_a_weekday_before_a_time_is_a_date() -> None:
    [mention] = find_dates("Wed 17:50", date(2025, 11, 20))
    assert (mention.value, mention.precision) == (date(2025, 11, 19), "day")


def test_a_weekday_before_a_day_of_the_month_is_still_one_date() -> None:
    [mention] = find_dates("Sun 9 Nov, 17:45", ANCHOR)
    assert mention.value == date(2025, 11, 9)


def test_a_timeline_tables_first_cell_dates_its_row(lexicon) -> None:
    text = ("| Date | Measure | Who |\n|---|---|---|\n"
            "| Oct 9, 2025 | New controls on rare earths for chipmaking | MOFCOM |\n"
            "| Nov 7, 2025 | The October 9 measures suspended until November 10, 2026 | MOFCOM |")
    assert dated(text, lexicon) == {("CN", "export_control", "2025-10-09"), ("CN", "export_control", "2025-11-07")}


def test_a_flattened_header_still_dates_the_page() -> None:
    from transforms.datelines import infer_anchor_date
    text = ("| Your weekly letter on chips. If this does not display, open it in a browser. The Wafer Issue 12 · "
            "Monday, 15 September 2025 Good morning. It was a busy week for export controls and for the fabs that "
            "depend on them, and here is what happened between Friday lunchtime and Sunday night across the region.")
    assert infer_anchor_date(text) == date(2025, 9, 15)


def test_alongside_an_action_a_sentence_takes_its_date(lexicon) -> None:
    text = ("The Commerce Department on Wednesday added 25 Chinese chip firms to the Entity List.\n"
            "Huawei has been on the Entity List since 2019.\nThe foundry rule\n"
            "Alongside the listings, Commerce published a rule for foundries. The rule also tightens controls on "
            "certain DRAM chips.")
    assert ("US", "export_control", "2025-11-19") in dated(text, lexicon)


def test_a_standing_fact_lends_its_year_to_no_new_action(lexicon) -> None:
    text = ("Huawei has been on the Entity List since 2019.\n"
            "The Commerce Department also tightens controls on certain DRAM chips.")
    assert ("US", "export_control", "2019") not in dated(text, lexicon)


def test_a_fiscal_year_is_the_period_of_aid_not_its_date(lexicon) -> None:
    text = "Back in March Japan's industry ministry approved up to ¥800 billion of subsidies for a chip fab in fiscal 2025."
    assert dated(text, lexicon) == {("JP", "subsidy", "2025-03")}
