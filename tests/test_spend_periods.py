"""Which year a spend figure belongs to (transforms/spend_fields.fact_year, spend_years, spend_index).

Every sentence here is written for these tests.
"""
from datetime import date

from spend_helpers import facts, run
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


def test_a_span_of_years_from_a_named_year_is_dated_by_that_year():
    text = "Kuaishou will invest 60 billion yuan in AI computing and chips over three years from 2026."
    assert facts(text, "company", "year", published=date(2025, 12, 1)) == [("Kuaishou", 2026)]
    text = "Baidu will spend 10 billion yuan on AI chips over the next two years starting in 2027."
    assert facts(text, "company", "year", published=date(2025, 12, 1)) == [("Baidu", 2027)]


def test_last_month_named_is_the_latest_such_month_before_publication():
    text = "Last August, JD.com ordered 3,000 H20 chips for its AI cloud."
    assert facts(text, "year", published=date(2026, 2, 10)) == [(2025,)]
    assert facts(text, "year", published=date(2025, 9, 10)) == [(2025,)]
    assert facts(text, "year", published=date(2025, 5, 10)) == [(2024,)]


def test_a_month_without_a_year_dates_the_deal_but_not_a_report():
    text = "Meituan signed a GPU rental deal worth 2 billion yuan in March for its AI models."
    assert facts(text, "year", published=date(2026, 1, 20)) == [(2025,)]
    text = ("Tencent expects to get AI chips early this year. It placed the order of about 30,000 H20s that "
            "The Information described in December.")
    assert facts(text, "units", "year", published=date(2026, 1, 20)) == [(30000, 2026)]


def test_a_year_after_a_comparison_dates_the_base_not_the_figure():
    text = "Xiaomi's range of 8 to 10 billion yuan compares with 5 billion yuan of AI chip capex in 2025."
    assert facts(text, "amount", "year", published=date(2026, 3, 1)) == [(5e9, 2025), (9e9, 2026)]


def test_more_than_is_no_comparison():
    text = "China Telecom will build a cluster of 50,000 AI chips with more than 20 exaflops of computing power by 2027."
    assert facts(text, "units", "year", published=date(2025, 3, 1)) == [(50000, 2027)]


def test_the_end_of_a_span_does_not_date_it():
    text = "Meta signed a $4 billion agreement with Nebius for AI GPU capacity through 2030."
    assert facts(text, "company", "year", published=date(2025, 9, 1)) == [("Meta", 2025)]
    text = "SoftBank will spend 1.5 trillion yen on Nvidia AI chips in the year to March 2026."
    assert facts(text, "company", "year", published=date(2025, 5, 1)) == [("SoftBank", 2026)]


def test_next_fiscal_year_is_next_year():
    text = "Baidu will spend 12 billion yuan on AI chips next fiscal year."
    assert facts(text, "year", published=date(2025, 6, 1)) == [(2026,)]


def test_the_full_year_after_a_quarter_is_that_quarters_year():
    text = ("Meituan's fourth-quarter capex climbed to 3.5 billion yuan on AI chips, bringing the full-year figure "
            "to 10.1 billion yuan.")
    assert facts(text, "amount", "year", published=date(2025, 3, 20)) == [(3.5e9, 2024), (10.1e9, 2024)]


def test_a_boundary_or_a_revenue_year_does_not_date_later_sentences():
    text = ("Crusoe ran crypto mines until last year, when it switched to AI chips. "
            "Crusoe has since signed GPU rental contracts worth $500 million with Meituan.")
    assert facts(text, "company", "year", published=date(2025, 9, 1)) == [("Meituan", 2025)]
    text = ("Nscale said most of its 2024 revenue came from one AI chips customer. "
            "Kuaishou has since agreed to rent capacity from Nscale for $300 million.")
    assert facts(text, "company", "year", published=date(2025, 9, 1)) == [("Kuaishou", 2025)]


# round 3: "that year", a value that names its own year

def test_that_year_is_the_year_just_named():
    text = ("In 2023 Tencent lifted its AI budget, and in June that year it placed an order for AI servers worth "
            "about 9 billion yuan.")
    assert facts(text, "year", "amount", published=date(2025, 6, 1)) == [(2023, 9e9)]
    assert [y.year for y in find_years("Sales fell that year.", date(2025, 6, 1))] == []


def test_a_value_with_its_own_year_does_not_join_a_later_count():
    text = ("In May Meituan switched on a cluster of 20,000 Ascend chips.\n"
            "Its move to domestic chips began in 2022, when it ordered AI servers in a deal valued at about 300 "
            "million yuan, according to people familiar with the order.")
    rows = facts(text, "year", "units", "amount", published=date(2024, 9, 1))
    assert rows == [(2022, None, 3e8), (2024, 20000, None)]


def test_the_same_line_a_year_ago_is_the_same_companys_figure_of_the_year_before():
    text = ("JD.com's capital expenditure on AI servers and GPUs in the quarter came to about 4 billion yuan. A year ago "
            "the same line was 900 million yuan, when the company was still building a cluster for Meituan's models.")
    rows = facts(text, "company", "year", "amount", published=date(2025, 8, 20), title="JD.com lifts AI capex")
    assert rows == [("JD.com", 2024, 9e8), ("JD.com", 2025, 4e9)]


def test_the_period_a_change_is_measured_from_dates_no_figure():
    text = ("Baidu's June-quarter capex on AI chips rose 40% from the March quarter; JD.com's was about 6 billion yuan.")
    assert facts(text, "company", "year", published=date(2025, 8, 20)) == [("JD.com", 2025)]
    text = ("Tencent's March-quarter capex on AI chips rose 63% from the December quarter; Meituan's was about 5 "
            "billion yuan.")
    assert facts(text, "company", "year", published=date(2026, 5, 20)) == [("Meituan", 2026)]


def test_a_span_without_a_start_year_starts_when_it_was_announced():
    text = "Alibaba said in 2023 it would invest $4 billion in AI data centres in Mexico over ten years."
    assert facts(text, "year", published=date(2026, 5, 1)) == [(2023,)]


def test_a_span_starts_when_it_was_announced_even_a_year_ago():
    text = "A year ago Tencent promised to put about 50 billion yuan into AI data centres over five years."
    assert facts(text, "year", published=date(2026, 3, 10)) == [(2025,)]


def test_a_multiples_base_year_dates_no_later_sentence():
    text = ("Meituan plans to spend 8 billion yuan on AI servers this year, about three times what it spent on them in "
            "2023.\nAbroad, it has set aside some $900 million for GPUs it can rent in Singapore.")
    assert facts(text, "year", "amount", published=date(2025, 4, 2)) == [(2025, 9e8), (2025, 8e9)]


def test_a_hyphenated_calendar_year_is_a_year():
    text = "Analysts put Oracle's calendar-2027 capex on AI data centres at about $60 billion."
    assert [y.year for y in find_years(text, date(2026, 3, 1))] == [2027]


def test_a_plan_only_the_publication_year_dates_is_for_the_year_of_the_buyers_earlier_plans():
    text = ("Kuaishou is preparing to buy about 9 billion yuan of Cambricon AI chips in 2026, people in the industry "
            "say.\n\nKuaishou is also said to be lining up an order of about 5,000 of Nvidia's H200 processors, "
            "pending approval.")
    assert {(r.year, r.units) for r in run(text, published=date(2025, 12, 28))} == {(2026, None), (2026, 5000)}
    text = ("Kuaishou is preparing to buy about 9 billion yuan of Cambricon AI chips in 2026.\n\nThis year it plans to "
            "finish a cluster. It is also lining up an order of about 5,000 Nvidia H200 processors.")
    assert {(r.year, r.units) for r in run(text, published=date(2025, 12, 28))} == {(2025, 5000), (2026, None)}


def test_the_same_month_is_in_the_year_named_with_it_before():
    text = ("In March 2024 the agency approved a 2 billion ringgit data-centre project by Tencent, to open in 2027.\n\n"
            "The same March round included a 900 million ringgit investment by Baidu in AI servers.")
    assert facts(text, "company", "year", published=date(2026, 1, 20)) == [("Baidu", 2024), ("Tencent", 2024)]


def test_an_earlier_items_year_past_a_semicolon_yields_to_the_figures_own():
    text = ("Oracle said in 2022 it would invest $3 billion in AI data centres over 10 years; Meta built a $2 billion "
            "AI data centre in the state of Texas in 2024.")
    assert facts(text, "company", "year", published=date(2026, 1, 20)) == [("Meta", 2024), ("Oracle", 2022)]


def test_a_span_without_a_start_yields_to_a_year_its_sentence_names():
    text = ("Microsoft will spend $7 billion on AI data centres in Spain over 6 years, a plan first announced in "
            "March 2024.")
    assert facts(text, "year", published=date(2026, 2, 1)) == [(2024,)]
    assert [y.year for y in find_years("over ten years", date(2026, 2, 1))] == [2026]  # spans in words


def test_a_known_programme_named_by_its_total_is_dated_by_its_first_year():
    text = ("Chinese cloud groups keep buying AI chips. Alibaba's quarterly capex was 30 billion yuan, and management "
            "said spending under its 380 billion yuan three-year programme would run ahead of plan.")
    rows = facts(text, "amount", "year", "status", published=date(2026, 8, 20))
    assert (3.8e11, 2025, "planned") in rows


def test_a_total_unlike_a_known_programme_keeps_the_publication_year():
    text = ("Chinese cloud groups keep buying AI chips. Alibaba said spending under its 200 billion yuan programme "
            "for AI servers would run ahead of plan.")
    assert facts(text, "amount", "year", published=date(2026, 8, 20)) == [(2e11, 2026)]


def test_a_year_of_an_earlier_item_past_a_semicolon_is_not_written_beside_the_figure():
    text = ("Chinese cloud groups keep buying AI chips. Baidu said its 2025 capex ended above 2024; Alibaba still "
            "points to its three-year plan of more than 380 billion yuan without a yearly figure.")
    assert ("Alibaba", 2025) in facts(text, "company", "year", published=date(2026, 4, 8))
    text = ("Chinese cloud groups keep buying AI chips. Baidu said its capex ended flat in 2024; Meituan still "
            "expects to spend 12 billion yuan on AI servers.")
    rows = run(text, published=date(2025, 3, 8))
    assert [(r.company, r.year) for r in rows] == [("Meituan", 2025)]  # its plan for the year in hand


def test_years_counted_back_in_words():
    text = "Chinese tech groups keep buying AI chips. Two years ago, JD.com spent 20 billion yuan on AI chips."
    assert facts(text, "year", published=date(2026, 4, 3)) == [(2024,)]
    text = "Chinese tech groups keep buying AI chips. JD.com spent 20 billion yuan on AI chips the year before last."
    assert facts(text, "year", published=date(2026, 4, 3)) == [(2024,)]


def test_twelve_months_either_side_of_publication_take_the_year_of_their_middle():
    text = "Chinese tech groups keep buying AI chips. Xiaomi said it had spent 10 billion yuan on AI chips over the past year."
    assert facts(text, "year", published=date(2026, 1, 20)) == [(2025,)]
    text = "Chinese tech groups keep buying AI chips. Over the next 12 months, JD.com will spend 20 billion yuan on AI chips."
    assert facts(text, "year", published=date(2025, 12, 3)) == [(2026,)]


def test_the_final_quarter_is_the_fourth():
    text = "Chinese tech groups keep buying AI chips. JD.com spent 5 billion yuan on GPUs in the final quarter."
    assert facts(text, "year", published=date(2026, 3, 3)) == [(2025,)]


def test_an_earlier_version_of_the_same_plan_is_for_the_same_year():
    text = ("Chinese tech groups keep buying AI chips. Tencent has lifted its 2027 AI budget to 150 billion yuan, a 20% "
            "increase on the 125 billion yuan it had pencilled in at the end of last year.")
    assert facts(text, "amount", "year", published=date(2026, 6, 2)) == [(1.25e11, 2027), (1.5e11, 2027)]


def test_a_base_that_was_spent_keeps_its_own_year():
    text = ("Chinese tech groups keep buying AI chips. Tencent plans to spend 150 billion yuan on AI next year, a 20% "
            "increase on the 125 billion yuan it spent this year.")
    assert facts(text, "amount", "year", published=date(2026, 6, 2)) == [(1.25e11, 2026), (1.5e11, 2027)]


def test_a_fiscal_year_across_two_calendar_years_is_named_by_its_end():
    for label in ("FY2026/27", "FY26/27", "fiscal year 2026-27"):
        text = f"Chinese tech groups keep buying AI chips. Alibaba will spend 130 billion yuan on capex in {label}."
        assert facts(text, "year", published=date(2026, 6, 1)) == [(2027,)], label


def test_a_quarter_of_last_year_and_an_apostrophe_year():
    text = "Chinese tech groups keep buying AI chips. Meituan spent 3 billion yuan on GPUs in the third quarter of last year."
    assert facts(text, "year", published=date(2026, 2, 1)) == [(2025,)]
    text = "Chinese tech groups keep buying AI chips. Meituan spent 3 billion yuan on GPUs in Q3'25."
    assert facts(text, "year", published=date(2026, 9, 1)) == [(2025,)]


def test_a_calendar_year_column_names_its_year():
    years = [(m.year, m.explicit) for m in find_years("FY/CY2024 | CY2025 | CY26", None)]
    assert years == [(2024, True), (2025, True), (2026, True)]


def test_a_trailing_four_quarters_total_is_dated_like_twelve_months():
    text = "Meituan said it had spent about 30 billion yuan on AI servers and GPUs over the last four quarters."
    assert facts(text, "company", "year", published=date(2026, 2, 10)) == [("Meituan", 2025)]


def test_a_repeat_dated_by_a_relative_phrase_keeps_the_year_given_first():
    # written in December, published in January: "next year" is the 2026 named before, not 2027
    text = ("Baidu's 2026 plan sets aside 40 billion yuan for AI chips.\n\n"
            "Baidu expects to spend 70 billion yuan on AI this year. Some 40 billion yuan of next year's budget will "
            "go on Kunlun processors.")
    assert facts(text, "company", "year", "amount", published=date(2026, 1, 5)) == [
        ("Baidu", 2026, 4e10), ("Baidu", 2026, 7e10)]


def test_two_relative_years_with_one_figure_stay_two_facts():
    text = ("Meituan spent 20 billion yuan on GPUs last year. It plans to spend 20 billion yuan on GPUs "
            "next year as well.")
    assert facts(text, "company", "year", published=date(2025, 6, 5)) == [("Meituan", 2024), ("Meituan", 2026)]


def test_a_quarter_named_by_its_last_day_is_in_the_year_that_day_ends():
    text = "JD.com's capex for the quarter ended December 31 was 9 billion yuan, mostly GPU servers for AI."
    assert facts(text, "company", "year", published=date(2026, 3, 10)) == [("JD.com", 2025)]
    years = [(m.year, m.explicit) for m in find_years("in the year to March 2026 and the half ended June", date(2026, 8, 1))]
    assert years == [(2026, True), (2026, False)]


def test_a_brokers_estimate_column_names_its_year():
    years = [(m.year, m.explicit) for m in find_years("| 2024A | 2025E | 2026E | FY27E |", None)]
    assert years == [(2024, True), (2025, True), (2026, True), (2027, True)]
    text = ("Capex on AI chips and GPU servers (RMB bn)\n| Company | 2025A | 2026E |\n|---|---|---|\n| Meituan | 6.5 | 9.0 |\n")
    assert facts(text, "company", "year", "amount", published=date(2025, 11, 20)) == [
        ("Meituan", 2025, 6.5e9), ("Meituan", 2026, 9e9)]


def test_a_figure_spent_does_not_borrow_a_future_year_from_the_sentence_before():
    text = ("Analysts expect Chinese cloud firms to buy 1.5 million AI accelerators in 2026. Meituan's finance "
            "chief said it spent 4 billion yuan on GPUs.")
    assert facts(text, "company", "year", "status", published=date(2025, 11, 20)) == [("Meituan", 2025, "actual")]


def test_the_month_a_figure_was_reported_in_does_not_date_it():
    text = ("Meituan plans to buy 30,000 Ascend AI chips in 2026. That would take most of the capital budget, which "
            "Caixin put at 20 billion yuan in December.")
    assert [(r.company, r.year, r.amount) for r in run(text, published=date(2026, 1, 6)) if r.amount] == [
        ("Meituan", 2026, 2e10)]


def test_a_quarter_still_running_at_publication_is_last_years_when_the_figure_was_spent():
    text = ("Meituan spent 6.1 billion yuan on GPU servers in the March quarter.\n\n"
            "Meituan expects to spend 7 billion yuan on AI chips in the March quarter.")
    assert facts(text, "company", "year", "amount", published=date(2026, 1, 12)) == [
        ("Meituan", 2025, 6.1e9), ("Meituan", 2026, 7e9)]
    assert facts("Meituan spent 6.1 billion yuan on GPU servers in the March quarter.", "year",
                 published=date(2026, 4, 20)) == [(2026,)]


def test_one_years_figure_in_a_table_and_in_dollars_in_the_text_is_one_row():
    text = ("Capex on AI chips and GPU servers (RMB bn)\n| Company | CY2024 |\n|---|---|\n| Meituan | 14.4 |\n\n"
            "Meituan spent US$2bn on capex in 2024.")
    assert facts(text, "company", "year", published=date(2026, 1, 12)) == [("Meituan", 2024)]


def test_a_base_figure_after_a_comparison_takes_its_own_year_not_the_one_before_the_comparison():
    for sentence, company, plan, base in [
        ("Kuaishou has budgeted 12 billion yuan for AI servers in 2026, up from the 9 billion yuan it spent on them "
         "in 2025.", "Kuaishou", 12e9, 9e9),
        ("JD.com set aside 8 billion yuan for GPUs for 2026, against about 6 billion yuan that it spent during 2025.",
         "JD.com", 8e9, 6e9),
        ("Meituan pencilled in 20 billion yuan of AI chip capex for 2026, up from roughly 14 billion yuan it put into "
         "computing in 2025.", "Meituan", 20e9, 14e9),
    ]:
        assert facts("AI chips.\n" + sentence, "company", "year", "amount", published=date(2026, 5, 6)) == [
            (company, 2025, base), (company, 2026, plan)], sentence


def test_a_part_of_a_figure_takes_the_year_of_the_whole_the_sentence_opens_with():
    for sentence, company, whole, base, part in [
        ("Alibaba's 2026 budget of 50 billion yuan is above the 40 billion yuan it spent last year, and about 20 "
         "billion yuan of it will go to AI chips.", "Alibaba", 50e9, 40e9, 20e9),
        ("Baidu set a 2026 budget of 30 billion yuan, more than the 25 billion yuan it spent last year, and 12 billion "
         "yuan of that is earmarked for Kunlun chips.", "Baidu", 30e9, 25e9, 12e9),
        ("Tencent's capex plan for 2026 is 90 billion yuan, against 80 billion yuan in 2025, with 45 billion yuan of "
         "the total set aside for GPUs.", "Tencent", 90e9, 80e9, 45e9),
    ]:
        assert facts("AI chips.\n" + sentence, "company", "year", "amount", published=date(2026, 5, 6)) == [
            (company, 2025, base), (company, 2026, part), (company, 2026, whole)], sentence


def test_a_share_clause_after_a_comparison_takes_the_year_of_the_whole():
    for sentence, company, whole, base, part in [
        ("Meituan plans AI capex of 30 billion yuan for 2026, more than the 22 billion yuan it spent last year, with "
         "12 billion yuan earmarked for GPUs.", "Meituan", 30e9, 22e9, 12e9),
        ("JD.com's 2026 compute budget is 20 billion yuan, up from 15 billion yuan last year, of which about 9 billion "
         "yuan will buy Nvidia chips.", "JD.com", 20e9, 15e9, 9e9),
        ("Kuaishou approved a 2026 budget of 14 billion yuan, compared with 11 billion yuan in 2025, including 6 "
         "billion yuan for AI accelerators.", "Kuaishou", 14e9, 11e9, 6e9),
    ]:
        assert facts("AI chips.\n" + sentence, "company", "year", "amount", published=date(2026, 2, 12)) == [
            (company, 2025, base), (company, 2026, part), (company, 2026, whole)], sentence


def test_a_part_belongs_to_the_nearest_figure_before_it_that_is_no_comparison_base():
    text = ("AI chips.\nMeituan says it spent 9 billion yuan on AI servers in 2023-2025 and will invest more than 20 "
            "billion yuan from 2026 to 2028, of which 12 billion yuan is for GPUs.")
    assert facts(text, "company", "year", "amount", published=date(2025, 11, 1)) == [
        ("Meituan", 2023, 9e9), ("Meituan", 2026, 12e9), ("Meituan", 2026, 20e9)]


def test_the_year_of_a_comparisons_base_figure_does_not_date_the_next_sentence():
    for sentence, company, units in [
        ("Baidu has set a preliminary 2026 budget of 30 billion yuan, up from about 25 billion yuan spent on AI servers "
         "last year. The company also planned a test order of 5,000 Nvidia H200 chips.", "Baidu", 5000),
        ("JD.com's compute budget for 2026 is 20 billion yuan, compared with roughly 16 billion yuan put into data "
         "centres in 2025. It also plans to buy 8,000 Huawei Ascend chips.", "JD.com", 8000),
        ("Meituan expects AI capex of 12 billion yuan in 2026, down from nearly 14 billion yuan spent on its clusters "
         "the year before. It also intends to order 6,000 Nvidia H20 chips.", "Meituan", 6000),
    ]:
        counts = [(r.company, r.year) for r in run("AI chips.\n" + sentence, published=date(2025, 12, 20)) if r.units == units]
        assert counts == [(company, 2026)], sentence


def test_more_than_the_figure_of_a_year_is_a_comparison_and_that_year_is_the_bases():
    for sentence, company, current, base in [
        ("Capex was 31 billion yuan, more than the 27.5 billion yuan it spent in 2025.", "Tencent", 31e9, 27.5e9),
        ("JD.com spent 12 billion yuan on GPUs in the quarter, more than its 10 billion yuan outlay in 2025.", "JD.com",
         12e9, 10e9),
        ("Meituan's AI capex came to 7 billion yuan, far more than the 4 billion yuan it spent in 2025.", "Meituan",
         7e9, 4e9),
    ]:
        assert facts("Tencent buys AI chips.\n" + sentence, "company", "year", "amount", published=date(2026, 5, 14)) == [
            (company, 2025, base), (company, 2026, current)], sentence
    # the hedge "more than" is no comparison
    assert facts("AI chips.\nBaidu will spend more than 5 billion yuan on AI chips in 2025.", "year",
                 published=date(2026, 5, 14)) == [(2025,)]


def test_a_running_total_since_a_date_takes_the_year_it_starts():
    for sentence, company, year, amount in [
        ("Baidu has put more than 100 billion yuan into AI since March 2023.", "Baidu", 2023, 100e9),
        ("Tencent said it had spent 60 billion yuan on GPUs since 2022, when the rules began.", "Tencent", 2022, 60e9),
        ("JD.com has invested about 20 billion yuan in AI computing since launching its model in July 2023.", "JD.com",
         2023, 20e9),
        # no running total: a record "since 2021" dates nothing
        ("Its AI capex of 50 billion yuan this year is the highest since 2021.", "Baidu", 2025, 50e9),
    ]:
        assert facts("Baidu buys AI chips.\n" + sentence, "company", "year", "amount", "status",
                     published=date(2025, 11, 19)) == [(company, year, amount, "actual")], sentence
