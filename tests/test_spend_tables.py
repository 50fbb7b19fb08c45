"""Spend facts from tables (transforms/spend_tables.py): periods in columns, units in captions, mixed tables.

Every table here is written for these tests.
"""
from datetime import date

from spend_helpers import facts

QUARTERS = ("AI chip spending tracker\n"
            "Table 1: Quarterly capex (RMB bn unless stated)\n"
            "| Company | Quarter to Sep-24 | Quarter to Dec-24 | Quarter to Mar-25 |\n"
            "|---|---|---|---|\n"
            "|  | 3Q24 | 4Q24 | 1Q25 |\n"
            "| Baidu | US$1.2bn* | 9.5 | 11.0** |\n"
            "* In US dollars. ** Preliminary.")


def test_quarter_columns_date_their_cells_and_a_cell_may_name_its_own_currency():
    rows = facts(QUARTERS, "company", "year", "currency", "amount", published=date(2025, 6, 1))
    assert rows == [("Baidu", 2024, "CNY", 9.5e9), ("Baidu", 2024, "USD", 1.2e9), ("Baidu", 2025, "CNY", 11e9)]


def test_a_row_of_period_labels_gives_no_facts():
    rows = facts(QUARTERS, "amount", published=date(2025, 6, 1))
    assert all(amount >= 1e9 for (amount,) in rows) and len(rows) == 3


MIXED = ("AI chip budgets\n"
         "Table 2: Commitments and estimates\n"
         "| Company | Item | Amount (RMB bn) | Source |\n"
         "|---|---|---|---|\n"
         "| Meituan | AI compute capex, calendar 2024 | 21.5 | Company |\n"
         "| Meituan | Three-year AI chip plan announced Mar 2025 | 60+ | Company |\n"
         "| Meituan | AI chip capex, 2026 | ~30 | Broker estimate |\n"
         "| Meituan | Revenue, calendar 2024 | 337 | Company |")


def test_a_mixed_table_takes_year_and_status_from_each_rows_labels():
    rows = facts(MIXED, "year", "amount", "status", "qualifier", published=date(2025, 6, 1))
    assert rows == [(2024, 21.5e9, "actual", None), (2025, 60e9, "planned", "more than"),
                    (2026, 30e9, "estimate", "about")]


GUIDES = ("AI chip and data centre spending keeps rising.\n"
          "Cloud capex, reported and guided (US$ bn)\n"
          "| Company | FY2025 reported | FY2026 guide | Note |\n"
          "|---|---|---|---|\n"
          "| Oracle | 21.2 | 60–70 | Guide excludes leases |\n"
          "| Microsoft | 88.2 | 95 to 105 | Guide is for the fiscal year |")


def test_a_range_cell_is_its_midpoint_and_a_rows_guide_plans_only_its_future_column():
    rows = facts(GUIDES, "company", "year", "amount", "status", "qualifier", published=date(2026, 2, 1))
    assert rows == [("Microsoft", 2025, 88.2e9, "actual", None), ("Microsoft", 2026, 100e9, "planned", "range"),
                    ("Oracle", 2025, 21.2e9, "actual", None), ("Oracle", 2026, 65e9, "planned", "range")]


def test_a_span_of_years_in_a_cell_is_no_range():
    text = ("AI chip purchases (RMB bn)\n"
            "| Company | Period | Spend |\n"
            "|---|---|---|\n"
            "| Baidu | 2024-25 | 18.0 |")
    assert facts(text, "company", "amount", published=date(2025, 6, 1)) == [("Baidu", 18e9)]


# round 3: notes after a number, unbracketed units, capacity deals, vendors' rows, terms

NOTED = ("Cloud capex review: AI chips and GPU servers take most of it.\n"
         "Exhibit 4: Quarterly capital expenditure, RMB bn (calendar quarters)\n"
         "|  | 2Q24 | 3Q24 | Trailing year |\n"
         "|---|---|---|---|\n"
         "| JD.com | 8.1 (+40% y/y) | 9.4 (Sep-24 quarter) | ~30 |\n"
         "| Meituan revenue | 82.3 | 93.6 (+22% y/y) | — |")


def test_a_short_note_after_a_number_and_a_unit_without_brackets_still_give_the_cell():
    rows = facts(NOTED, "company", "year", "currency", "amount", published=date(2024, 12, 1))
    assert rows == [("JD.com", 2024, "CNY", 8.1e9), ("JD.com", 2024, "CNY", 9.4e9), ("JD.com", 2024, "CNY", 30e9)]


CAPACITY = ("GPU capacity contracts: AI chips rented by the hour.\n"
            "Exhibit 2: Capacity contracts signed in 2024\n"
            "| Customer | Seller | Value (US$ bn) | Term |\n"
            "|---|---|---|---|\n"
            "| Alphabet | CoreWeave | up to 6.5 | to 2030 |\n"
            "| Nvidia backstop with Nebius | | 1.1 | to 2029 |\n"
            "| Amazon | Nscale | >3 | four years |")


def test_a_row_with_a_seller_of_capacity_is_cloud_rental_and_a_term_dates_nothing():
    rows = facts(CAPACITY, "company", "year", "amount", "spend_type", "qualifier", published=date(2024, 12, 1))
    assert rows == [("Alphabet", 2024, 6.5e9, "cloud_rental", "up to"),
                    ("Amazon", 2024, 3e9, "cloud_rental", "more than")]  # no row for the vendor's backstop


def test_a_unit_after_a_word_in_the_headers_brackets_names_the_column():
    table = ("Most of the money buys Nvidia GPUs for AI data centres.\n"
             "| Company | 2024 capex (reported, US$bn) | 2025 capex plan (US$bn) |\n"
             "|---|---|---|\n"
             "| Oracle | 21.2 | ~35 |")
    rows = facts(table, "company", "year", "amount", "status", published=date(2025, 3, 1))
    assert rows == [("Oracle", 2024, 21.2e9, "actual"), ("Oracle", 2025, 35e9, "planned")]


DISCLOSED = ("AI infrastructure budgets in China: most of it buys GPUs.\n"
             "| Company | Latest figure | Period | Type |\n"
             "|---|---|---|---|\n"
             "| Tencent | RMB 70bn | Four quarters to Jun-2025 | Actual, AI capex |\n"
             "| Tencent | RMB 50bn | Five years from 2024 | Plan |\n"
             "Tencent's 50 billion yuan plan works out at roughly $7 billion over five years, a modest sum.")


def test_a_cell_that_writes_its_currency_needs_no_unit_above_it_and_a_period_column_dates_it():
    rows = facts(DISCLOSED, "company", "year", "currency", "amount", "status", published=date(2026, 1, 15))
    assert rows == [("Tencent", 2024, "CNY", 50e9, "planned"), ("Tencent", 2025, "CNY", 70e9, "actual")]


SIDE_BY_SIDE = ("Two model makers, compared: both rent GPUs for AI training.\n"
                "| | Moonshot AI | Baichuan |\n"
                "|---|---|---|\n"
                "| Founded | 2023 | 2023 |\n"
                "| Compute spending, 2025 | US$90m | US$45m |")


def test_a_company_named_in_a_column_header_owns_that_columns_cells():
    rows = facts(SIDE_BY_SIDE, "company", "amount", published=date(2026, 2, 1))
    assert rows == [("Baichuan", 45e6), ("Moonshot AI", 90e6)]


def test_a_caption_counting_chips_in_thousands_makes_count_rows():
    text = ("AI chip demand tracker\n\nTable 2: GPU purchases (thousand units)\n| Buyer | 2024 | 2025E |\n|---|---|---|\n"
            "| Meituan | 40 | 65 |\n")
    assert facts(text, "company", "year", "units", "status", published=date(2025, 11, 20)) == [
        ("Meituan", 2024, 40000, "actual"), ("Meituan", 2025, 65000, "estimate")]


# a title row spanning the table ("| Table 1: ... (RMB bn) |  |  |") is its caption; the row under it is the header
TITLED_QUARTER_COLUMNS = (
    "Kuaishou results\n"
    "Kuaishou's capital spending rose again as it bought more AI chips and GPU servers, the company said.\n"
    "| Kuaishou capital spending, US$ m |  |  |  |\n"
    "|---|---|---|---|\n"
    "| Period | Q4 2024 | Q1 2025 | Q2 2025 |\n"
    "|---|---|---|---|\n"
    "| Capital expenditure | 850 | 910 | 1,040 |\n"
    "| Revenue | 4,100 | 4,300 | 4,500 |\n")
TITLED_QUARTER_ROWS = (
    "Meituan quarterly note\n"
    "Meituan kept investing in computing power and AI chips.\n"
    "| Exhibit 4 - Meituan AI capex by quarter (RMB bn) |  |  |\n"
    "|---|---|---|\n"
    "| Quarter | Capex | Change q/q |\n"
    "|---|---|---|\n"
    "| 3Q24 | 5.1 | +12% |\n"
    "| 4Q24 | 6.3 | +24% |\n"
    "| 1Q25 | 7.0 | +11% |\n")
TITLED_COMPANY_COLUMNS = (
    "Model makers budget for AI chips\n"
    "| Table 3: Compute budgets for 2026 (US$ bn) |  |  |\n"
    "|  | Zhipu | MiniMax |\n"
    "| AI capex | 1.5 | 0.8 |\n")


def test_a_title_row_is_the_caption_and_the_row_under_it_the_header():
    assert facts(TITLED_QUARTER_COLUMNS, "company", "year", "amount", published=date(2025, 8, 20)) == [
        ("Kuaishou", 2024, 850e6), ("Kuaishou", 2025, 910e6), ("Kuaishou", 2025, 1040e6)]
    assert facts(TITLED_QUARTER_ROWS, "company", "year", "amount", published=date(2025, 5, 30)) == [
        ("Meituan", 2024, 5.1e9), ("Meituan", 2024, 6.3e9), ("Meituan", 2025, 7e9)]
    assert facts(TITLED_COMPANY_COLUMNS, "company", "year", "amount", "status", published=date(2025, 12, 1)) == [
        ("MiniMax", 2026, 0.8e9, "planned"), ("Zhipu", 2026, 1.5e9, "planned")]


# a telecom operator's whole capex is mostly network: its table rows need compute named, as its sentences do
OPERATOR_ITEMS = ("Operators and AI chips\n"
                  "Carriers keep buying AI chips for their clouds.\n"
                  "| Table 5: Carrier spending (RMB bn) |  |  |  |\n"
                  "|---|---|---|---|\n"
                  "| Company | Item | 2024 | 2025 |\n"
                  "|---|---|---|---|\n"
                  "| China Telecom | Total capex | 96.0 | 83.6 |\n"
                  "| China Telecom | Computing power capex | 18.0 | 22.5 |\n"
                  "| Table 6: Revenue, for scale (RMB bn) |  |  |  |\n"
                  "|---|---|---|---|\n"
                  "| Company | Item | 2024 | 2025 |\n"
                  "| China Telecom | Service revenue | 470 | 480 |\n")
OPERATOR_CAPTION = ("China Mobile buys AI chips\n"
                    "China Mobile computing power investment (RMB bn)\n"
                    "| Year | Amount |\n"
                    "|---|---|\n"
                    "| 2024 | 37.1 |\n"
                    "| 2025 | 37.3 |\n")
OPERATOR_CAPEX = ("China Unicom and AI chips\n"
                  "China Unicom also buys AI chips and GPU servers.\n"
                  "| China Unicom capital expenditure (RMB bn) |  |  |\n"
                  "|  | 2024 | 2025 |\n"
                  "| Capex | 61.4 | 55.0 |\n")


def test_an_operators_table_rows_are_spend_only_where_compute_is_named():
    kw = {"published": date(2025, 9, 1)}
    assert facts(OPERATOR_ITEMS, "company", "year", "amount", **kw) == [
        ("China Telecom", 2024, 18e9), ("China Telecom", 2025, 22.5e9)]
    assert facts(OPERATOR_CAPTION, "company", "year", "amount", **kw) == [
        ("China Mobile", 2024, 37.1e9), ("China Mobile", 2025, 37.3e9)]
    assert facts(OPERATOR_CAPEX, "company", "year", "amount", **kw) == []
