"""Which year a spend figure belongs to (transforms/spend_fields.fact_year, spend_years, spend_index).

Every sentence here is written for these tests.
"""
from datetime import date

from spend_helpers import facts
from transforms.spend_years import find_years


def test_a_year_in_a_later_clause_dates_that_clause_not_the_figure():
    text = "Meta set its AI chip budget at $60 billion, and said that 2027 spending would be larger still."
    assert facts(text, "company", "year", published=date(2026, 2, 1)) == [("Meta", 2026)]


def test_a_comparison_base_with_an_amount_does_not_date_the_next_sentence():
    text = ("Baidu said capex on AI chips in 2024 was about US$2 billion, up from roughly US$1.1 billion in 2023. "
            "In the fourth quarter, it spent 4 billion yuan.")
    rows = facts(text, "year", "amount", published=None)
    assert rows == [(2023, 1.1e9), (2024, 2e9), (2024, 4e9)]


def test_broker_period_shorthand_names_the_year_it_ends_in():
    years = [(m.year, m.explicit) for m in find_years("Quarter to Dec-24, 1Q26 and 2H25", None)]
    assert years == [(2024, True), (2026, True), (2025, True)]


def test_a_running_total_over_past_years_has_no_year():
    text = "iFlytek has bought more than 12,000 Ascend AI chips over the past five years, its chairman said on Monday."
    assert facts(text, "company", "units", "year") == [("iFlytek", 12000, None)]


def test_several_fiscal_years_to_a_date_are_dated_by_the_first():
    text = "A broker expects Tencent's AI chip capex for the three fiscal years to March 2029 to reach 300 billion yuan."
    assert facts(text, "company", "year", published=date(2026, 1, 10)) == [("Tencent", 2027)]


def test_the_months_to_a_month_end_take_the_year_that_month_ends_in():
    text = ("Microsoft spent $30 billion on AI chips and data centres in the three months to September, "
            "the first quarter of its 2026 fiscal year.")
    assert facts(text, "company", "year", published=date(2025, 10, 30)) == [("Microsoft", 2025)]
