"""Spend round 8: section headings that name the buyer, the part of the year in hand, pledges to a country's
industry and other money that is not spend, spending as the subject of a later clause.

Every sentence here is written for these tests.
"""
from datetime import date

from spend_helpers import facts, run

SEPT = date(2025, 9, 10)


# ---------------------------------------------------------------- a section heading names the buyer

def test_a_heading_naming_one_operator_gives_it_the_sections_pointing_back_figures():
    text = ("How three carriers buy AI servers\n"
            "All three state operators are moving money from base stations to AI computing.\n"
            "China Unicom: slower but steady\n"
            "The carrier's notices tell the story. Last March it issued a tender for AI servers worth about 6 billion yuan.\n"
            "China Telecom: the big spender\n"
            "China Telecom's main server tender, issued in May, sought AI servers worth 14 billion yuan.\n"
            "China Mobile: catching up\n"
            "China Mobile trimmed its total capex this year. The operator has now opened its own procurement of AI "
            "servers worth 9 billion yuan.")
    assert facts(text, "company", "amount", published=SEPT) == [
        ("China Mobile", 9e9), ("China Telecom", 14e9), ("China Unicom", 6e9)]


def test_a_heading_naming_one_platform_gives_it_the_sections_it_and_the_company():
    text = ("Platforms and their chips\n"
            "Two groups dominate purchases of AI chips in China.\n"
            "Tencent\n"
            "The company bought GPUs worth 10 billion yuan in the first half, according to its filing.\n"
            "Alibaba\n"
            "It has set aside 30 billion yuan for AI chips this year.")
    assert facts(text, "company", "amount", published=SEPT) == [("Alibaba", 30e9), ("Tencent", 10e9)]


def test_a_sections_own_paragraph_buyer_beats_another_sections_tender_owner():
    text = ("Operators and AI servers\n"
            "China Mobile's latest AI server tender was worth 11 billion yuan, the notice showed.\n"
            "Smaller rivals\n"
            "China Unicom is cutting its network budget. The group has still launched a procurement of GPU servers "
            "worth 4 billion yuan.")
    assert facts(text, "company", "amount", published=SEPT) == [("China Mobile", 11e9), ("China Unicom", 4e9)]


def test_a_heading_naming_two_companies_or_none_names_no_sections_buyer():
    text = ("AI chip buyers\n"
            "Kuaishou is the largest buyer of AI chips this year.\n"
            "Tencent and Alibaba\n"
            "It has budgeted 12 billion yuan for GPUs this year.")
    assert facts(text, "company", published=SEPT) == [("Kuaishou",)]  # the article's subject, not one of the two
    text = ("AI chip buyers\n"
            "Kuaishou is the largest buyer of AI chips this year.\n"
            "Baidu\n"
            "Demand for its search ads is steady.\n"
            "What comes next\n"
            "It has budgeted 12 billion yuan for GPUs this year.")
    assert facts(text, "company", published=SEPT, title="Kuaishou leads AI chip buying") == [("Kuaishou",)]  # a heading
    # without a company ends Baidu's section


# ---------------------------------------------------------------- the part of the year in hand

def test_this_summer_this_spring_and_this_quarter_date_a_figure_in_the_publication_year():
    text = ("Kuaishou's AI server buying\n"
            "Kuaishou has stepped up purchases of AI chips and GPU servers.\n"
            "In May 2024 it bought AI servers worth about 4 billion yuan, and this summer it placed a further GPU order "
            "worth 3 billion yuan.")
    assert facts(text, "year", "amount", published=SEPT) == [(2024, 4e9), (2025, 3e9)]
    text = ("Baidu and GPUs\nBaidu is buying AI chips again.\n"
            "After a quiet 2024, Baidu earlier this spring ordered Kunlun AI chips worth 2 billion yuan.")
    assert facts(text, "year", published=SEPT) == [(2025,)]
    text = ("JD.com and GPUs\nJD.com is buying AI chips again.\n"
            "Its 2024 budget was spent, and this quarter JD.com bought GPUs worth 1.5 billion yuan.")
    assert facts(text, "year", "amount", published=SEPT) == [(2025, 1.5e9)]


def test_this_month_dates_a_report_not_the_spend():
    text = ("ByteDance and the H200\nByteDance is buying AI chips for 2026.\n"
            "It is preparing an order of about 30,000 H200 chips for next year, after Washington said this month that "
            "sales could resume.")
    assert facts(text, "year", "units", published=date(2025, 12, 20)) == [(2026, 30000)]


def test_last_summer_is_not_this_year():
    text = ("Baidu and GPUs\nBaidu is buying AI chips again.\n"
            "Baidu ordered Kunlun AI chips worth 2 billion yuan in 2024, and none since last summer.")
    assert facts(text, "year", published=SEPT) == [(2024,)]


# ---------------------------------------------------------------- money that is not chip spend

def test_a_pledge_to_a_countrys_industry_is_not_chip_spend():
    text = ("Tariffs and AI chips\n"
            "Chipmakers that build AI chips and GPUs in America will be spared the new tariff on semiconductors.\n"
            "Microsoft, which on Tuesday raised its US manufacturing investment pledge by $50 billion, was praised.\n"
            "Dell added $30 billion to its American investment commitment, the White House said.\n"
            "Oracle put another $25 billion into its domestic manufacturing plans for AI servers.")
    assert run(text, published=SEPT) == []


def test_chip_spend_in_a_country_is_still_spend():
    text = ("Tariffs and AI chips\n"
            "Chipmakers that build AI chips and GPUs in America will be spared the new tariff on semiconductors.\n"
            "Amazon will spend $40 billion on AI chips and data centres in America this year.")
    assert facts(text, "company", "amount", published=SEPT) == [("Amazon", 40e9)]


def test_a_profit_noun_opening_the_sentence_owns_the_figure_even_with_spending_after_it():
    text = ("Meituan results: AI chips weigh\n"
            "Meituan is buying more AI chips and GPUs for its models.\n"
            "Net income attributable to ordinary shareholders shrank by roughly 40%, to about 12 billion yuan, as "
            "spending on AI chips and subsidies weighed.\n"
            "Adjusted operating profit came in at 3 billion yuan, while outlays on GPU servers rose.\n"
            "Gross margin narrowed, and revenue of 90 billion yuan was dented by spending on GPUs.")
    assert run(text, published=SEPT) == []


def test_a_spend_trigger_between_the_opening_noun_and_the_figure_keeps_it():
    text = ("Meituan results: AI chips weigh\n"
            "Meituan is buying more AI chips and GPUs for its models.\n"
            "Revenue grew 10% in the quarter, and capital expenditure on AI chips reached 6 billion yuan.")
    assert facts(text, "company", "amount", published=SEPT) == [("Meituan", 6e9)]


# ---------------------------------------------------------------- spending as the subject of a later clause

def test_spending_opening_a_later_clause_is_the_articles_company():
    text = ("Xiaomi and AI chips\nXiaomi is buying more GPUs.\n"
            "Phone shipments slipped in the quarter; capex on AI servers rose to 4 billion yuan.")
    assert facts(text, "company", "amount", published=SEPT) == [("Xiaomi", 4e9)]
    text = ("Xiaomi and AI chips\nXiaomi is buying more GPUs.\n"
            "Margins were thin, but its capital spending on GPUs hit 5 billion yuan in the first half.")
    assert facts(text, "company", "amount", published=SEPT) == [("Xiaomi", 5e9)]
    text = ("Xiaomi and AI chips\nXiaomi is buying more GPUs.\n"
            "Car deliveries doubled, while the budget for AI chips this year stands at 7 billion yuan.")
    assert facts(text, "company", "amount", published=SEPT) == [("Xiaomi", 7e9)]


def test_a_later_clause_about_someone_elses_money_names_no_buyer():
    text = ("Xiaomi and AI chips\nXiaomi is buying more GPUs.\n"
            "Phone shipments slipped in the quarter, and a state fund will invest 4 billion yuan in chip start-ups.")
    assert run(text, published=SEPT) == []


# ---------------------------------------------------------------- the writer's "now"

def test_a_figure_told_as_now_takes_the_publication_year_not_an_earlier_sentences():
    text = ("Unicom's compute\nChina Unicom is shifting capex to AI computing.\n"
            "Its computing investment rose 19% in 2024. The operator has now launched a GPU server procurement worth "
            "6 billion yuan.")
    assert facts(text, "company", "year", published=SEPT) == [("China Unicom", 2025)]
    text = ("Kuaishou's chips\nKuaishou bought Nvidia chips in 2024.\n"
            "Kuaishou spent heavily on GPUs in 2024. It is currently buying AI servers worth 3 billion yuan from Inspur.")
    assert facts(text, "year", "amount", published=SEPT) == [(2025, 3e9)]
    text = ("Baidu's chips\nBaidu bought Kunlun chips in 2024.\n"
            "Demand fell back in 2024. At present Baidu is spending about 2 billion yuan on Kunlun AI chips.")
    assert facts(text, "year", published=SEPT) == [(2025,)]


def test_until_now_is_no_present():
    text = ("Baidu's chips\nBaidu bought Kunlun chips in 2024.\n"
            "In 2024 Baidu bought Kunlun AI chips worth 2 billion yuan, its largest order until now.")
    assert facts(text, "year", published=SEPT) == [(2024,)]


# ---------------------------------------------------------------- tables with the currency after the figure

def test_a_cell_with_its_currency_word_after_the_figure_is_money():
    text = ("AI capex compared\n"
            "Quarterly capital expenditure of the two platforms, which spend most of it on AI chips and servers.\n"
            "| Company | Q1 2025 | Q2 2025 |\n|---|---|---|\n"
            "| Meituan | 7.5bn yuan | 8.25bn yuan |\n| JD.com | 1.2 billion dollars | 1.6 billion dollars |")
    assert facts(text, "company", "year", "amount", "currency", published=SEPT) == [
        ("JD.com", 2025, 1.2e9, "USD"), ("JD.com", 2025, 1.6e9, "USD"),
        ("Meituan", 2025, 7.5e9, "CNY"), ("Meituan", 2025, 8.25e9, "CNY")]


def test_a_header_with_the_scale_before_the_currency_word_names_the_unit():
    text = ("Operators' compute budgets for AI servers\n"
            "| Operator | 2025 computing investment (bn yuan) |\n|---|---|\n"
            "| China Mobile | 41.2 |\n| China Unicom | 8.5 |")
    assert facts(text, "company", "amount", published=SEPT) == [("China Mobile", 41.2e9), ("China Unicom", 8.5e9)]
    text = ("Hyperscaler budgets for AI chips\n"
            "| Company | 2026 AI chip budget (billion US dollars) |\n|---|---|\n| Oracle | 35 |")
    assert facts(text, "company", "amount", "currency", published=SEPT) == [("Oracle", 35e9, "USD")]


def test_a_revenue_column_in_yuan_after_the_figure_is_still_not_spend():
    text = ("AI chips and cloud results\nTencent and Alibaba buy AI chips for their clouds.\n"
            "| Company | Q1 2025 cloud revenue | Q2 2025 cloud revenue |\n|---|---|---|\n| Tencent | 30.1bn yuan | 31.5bn yuan |")
    assert run(text, published=SEPT) == []


# ---------------------------------------------------------------- R&D joined with capex

def test_research_joined_with_capital_spending_is_one_spend_figure():
    text = ("Lenovo and AI\nLenovo is buying AI chips for its own clusters.\n"
            "Lenovo said R&D plus capital expenditure on AI would top 9 billion yuan in 2026.")
    assert facts(text, "company", "amount", published=SEPT) == [("Lenovo", 9e9)]
    text = ("Xiaomi and AI\nXiaomi is buying AI chips.\n"
            "Xiaomi expects capex and R&D for AI to reach 12 billion yuan next year.")
    assert facts(text, "company", "year", "amount", published=SEPT) == [("Xiaomi", 2026, 12e9)]
    text = ("Kuaishou and AI\nKuaishou is buying AI chips.\n"
            "Kuaishou put research and development and capital spending on GPUs at 7 billion yuan for 2026.")
    assert facts(text, "company", "amount", published=SEPT) == [("Kuaishou", 7e9)]


def test_research_spending_alone_is_still_not_chip_spend():
    text = ("Xiaomi and AI\nXiaomi is buying AI chips.\n"
            "Xiaomi expects R&D spending to reach 30 billion yuan next year.")
    assert run(text, published=SEPT) == []


# ---------------------------------------------------------------- other people's and a market's money

def test_a_companys_customers_or_rivals_spending_is_not_its_own():
    assert run("Kuaishou and GPUs\nKuaishou buys AI chips.\n"
               "Kuaishou's customers spent 2 billion yuan renting its GPU cloud, it said.", published=SEPT) == []
    assert run("Baidu and GPUs\nBaidu buys AI chips.\n"
               "Baidu's cloud clients spent about 900 million yuan on Kunlun AI chips this year.", published=SEPT) == []
    assert run("Tencent and GPUs\nTencent buys AI chips.\n"
               "Tencent's rivals have budgeted 50 billion yuan for GPUs next year, the company said.", published=SEPT) == []


def test_a_company_named_beside_its_customers_still_spends_its_own_money():
    text = "Kuaishou, whose customers rent its GPU cloud, spent 2 billion yuan on AI chips this year."
    assert facts(text, "company", "amount", published=SEPT) == [("Kuaishou", 2e9)]


def test_a_markets_spending_is_nobodys():
    text = ("China's AI chip buyers\nZhipu is among the biggest buyers of AI chips and GPUs.\n"
            "Spending on AI servers in China will reach $60 billion in 2026, a research firm forecast.\n"
            "Capital expenditure on GPUs across the industry rose to 300 billion yuan this year.\n"
            "Global spending on AI accelerators will top $200 billion next year.")
    assert run(text, published=SEPT) == []


def test_the_subjects_own_spending_in_china_is_still_its_own():
    text = ("Zhipu's chips\nZhipu is among the biggest buyers of AI chips and GPUs.\n"
            "Its spending on AI servers in China will reach 6 billion yuan in 2026.")
    assert facts(text, "company", "amount", published=SEPT) == [("Zhipu", 6e9)]


# ---------------------------------------------------------------- "Of that, ..." in a paragraph of its own

def test_a_paragraph_opening_on_a_part_of_the_figure_before_is_the_same_buyers():
    text = ("Meituan's AI plan\nMeituan will invest 40 billion yuan in AI chips and servers over three years.\n"
            "Of that, about 15 billion yuan is earmarked for GPUs in 2026.")
    assert facts(text, "company", "amount", published=SEPT, title="AI chips in China") == [
        ("Meituan", 15e9), ("Meituan", 40e9)]
    text = ("Budgets\nJD.com set an AI budget of 20 billion yuan for 2026.\n"
            "Of the total, the company said, 8 billion yuan is earmarked for AI chips.")
    assert ("JD.com", 8e9) in facts(text, "company", "amount", published=SEPT, title="AI chips in China")
    text = ("Budgets\nKuaishou said it will spend 9 billion yuan on AI next year.\n"
            "Within that, he said, GPU purchases of 5 billion yuan are planned.")
    assert ("Kuaishou", 5e9) in facts(text, "company", "amount", published=SEPT, title="AI chips in China")


def test_a_paragraph_opening_elsewhere_takes_no_buyer_from_the_one_before():
    text = ("Budgets\nJD.com set an AI budget of 20 billion yuan for 2026.\n"
            "Across town, a start-up said 8 billion yuan will go on AI chips.")
    assert facts(text, "company", "amount", published=SEPT, title="AI chips in China") == [("JD.com", 20e9)]


# ---------------------------------------------------------------- each figure for its own company

def test_a_figure_for_a_named_company_is_that_companys():
    text = ("Budgets\nPlatforms keep buying AI chips and GPUs.\n"
            "The AI chip budgets are 12 billion yuan for Meituan and 9 billion yuan for JD.com this year.")
    assert facts(text, "company", "amount", published=SEPT) == [("JD.com", 9e9), ("Meituan", 12e9)]
    text = ("Budgets\nPlatforms keep buying AI chips and GPUs.\n"
            "Analysts put GPU spending at $4 billion for Baidu, $3 billion for Kuaishou and $1 billion for Xiaomi.")
    assert facts(text, "company", "amount", published=SEPT) == [("Baidu", 4e9), ("Kuaishou", 3e9), ("Xiaomi", 1e9)]
    text = ("Tenders\nOperators keep buying AI servers.\n"
            "China Mobile tendered AI servers worth 9 billion yuan, against 4 billion yuan for China Unicom.")
    assert facts(text, "company", "amount", published=SEPT) == [("China Mobile", 9e9), ("China Unicom", 4e9)]


def test_a_purpose_after_for_is_no_buyer():
    text = ("Budgets\nTencent keeps buying AI chips.\n"
            "Tencent set aside 8 billion yuan for Nvidia chips and 2 billion yuan for Huawei accelerators.")
    assert facts(text, "company", "amount", published=SEPT) == [("Tencent", 2e9), ("Tencent", 8e9)]


# ---------------------------------------------------------------- a comparison base in a January article

def test_this_year_as_the_base_of_a_figure_for_the_publication_year_is_the_year_before():
    text = ("ByteDance capex plan\nByteDance is the largest buyer of AI chips in China.\n"
            "ByteDance has set its 2026 AI chip budget at 160 billion yuan, up from 150 billion yuan this year.")
    assert facts(text, "year", "amount", published=date(2026, 1, 2)) == [(2025, 150e9), (2026, 160e9)]
    text = ("Kuaishou capex plan\nKuaishou is buying AI chips.\n"
            "Kuaishou will spend 14 billion yuan on GPUs in 2026, compared with 11 billion yuan this year.")
    assert facts(text, "year", "amount", published=date(2026, 1, 5)) == [(2025, 11e9), (2026, 14e9)]
    text = ("Meituan capex plan\nMeituan is buying AI chips.\n"
            "Meituan budgeted 9 billion yuan for AI chips for 2026, more than the 7 billion yuan it spent this year.")
    assert facts(text, "year", "amount", published=date(2026, 1, 3)) == [(2025, 7e9), (2026, 9e9)]


def test_this_year_as_the_base_of_a_later_year_stays_this_year():
    text = ("ByteDance capex plan\nByteDance is the largest buyer of AI chips in China.\n"
            "ByteDance has set its 2026 AI chip budget at 160 billion yuan, up from 150 billion yuan this year.")
    assert facts(text, "year", "amount", published=date(2025, 12, 20)) == [(2025, 150e9), (2026, 160e9)]


# ---------------------------------------------------------------- old chip counts as background

def test_a_chip_count_years_before_the_story_is_background():
    text = ("Zhipu's new model\nZhipu trained its new model on domestic AI chips.\n"
            "Its founders famously acquired 8,000 Nvidia V100 GPUs back in 2020, before the first export rules.")
    assert run(text, published=date(2025, 11, 2)) == []
    text = ("MiniMax and GPUs\nMiniMax is buying AI chips again.\n"
            "In 2021 MiniMax bought 3,000 A100 chips for its first cluster.")
    assert run(text, published=date(2025, 3, 1)) == []
    text = ("Kuaishou and GPUs\nKuaishou is buying AI chips again.\n"
            "Back in 2022, Kuaishou bought about 12,000 A800 chips to train its video models.")
    assert run(text, published=date(2026, 2, 1)) == []


def test_a_recent_count_or_an_old_order_with_its_price_is_still_a_row():
    text = ("MiniMax and GPUs\nMiniMax is buying AI chips again.\n"
            "In 2024 MiniMax bought 3,000 H20 chips for its new cluster.")
    assert facts(text, "year", "units", published=date(2026, 3, 1)) == [(2024, 3000)]
    text = ("Baidu and Ascend\nBaidu buys Huawei chips.\n"
            "In 2022 Baidu ordered 1,600 Ascend chips in a deal worth 450 million yuan.")
    assert facts(text, "year", "units", published=date(2026, 3, 1)) == [(2022, 1600)]


# ---------------------------------------------------------------- buyers the gazetteer now knows

def test_korean_cloud_buyers_and_gds_are_named_as_the_gold_names_them():
    assert facts("NHN Cloud plans to buy 7,600 Nvidia B200 GPUs next year.", "company", "units") == [("NHN Cloud", 7600)]
    text = "GDS Holdings will spend 7 billion yuan on AI data centres and GPU servers in 2026."
    assert facts(text, "company") == [("GDS",)]


def test_a_company_written_as_the_owner_right_before_a_figure_owns_it():
    text = ("Carriers and AI compute\nThe three operators are all buying AI servers this year.\n"
            "China Mobile will spend 40 billion yuan on computing power, followed by China Telecom at 20 billion "
            "yuan and China Unicom at 9 billion yuan.")
    assert facts(text, "company", "amount", published=SEPT) == [
        ("China Mobile", 40e9), ("China Telecom", 20e9), ("China Unicom", 9e9)]
    text = ("Platforms\nPlatforms keep buying AI chips.\n"
            "Meituan spent 6 billion yuan on GPUs in the quarter, more than double JD.com's 2.5 billion yuan.")
    assert facts(text, "company", "amount", published=SEPT) == [("JD.com", 2.5e9), ("Meituan", 6e9)]
    text = ("Platforms\nPlatforms keep buying AI chips.\n"
            "Xiaomi budgeted 5 billion yuan for AI chips this year, well below Kuaishou's roughly 9 billion yuan.")
    assert facts(text, "company", "amount", published=SEPT) == [("Kuaishou", 9e9), ("Xiaomi", 5e9)]


def test_a_possessive_before_a_product_is_no_owner_of_the_figure():
    text = ("Platforms\nPlatforms keep buying AI chips.\n"
            "Meituan spent 6 billion yuan on Nvidia's H20 chips in the quarter.")
    assert facts(text, "company", "amount", published=SEPT) == [("Meituan", 6e9)]


# ---------------------------------------------------------------- quarters named by a fiscal year

def test_a_fiscal_quarter_takes_the_calendar_year_it_ends_in():
    text = ("Lenovo and GPUs\nLenovo is buying AI chips for its own cloud.\n"
            "In the third quarter of fiscal 2026, Lenovo spent 2 billion yuan on GPUs for its own AI cloud.")
    assert facts(text, "company", "year", published=date(2026, 2, 20)) == [("Lenovo", 2025)]  # Oct-Dec 2025
    text = ("Oracle and GPUs\nOracle is buying AI chips.\n"
            "Oracle spent $8.5 billion on AI chips and data centres in fiscal Q1 2026.")
    assert facts(text, "company", "year", published=date(2025, 9, 20)) == [("Oracle", 2025)]  # Jun-Aug 2025
    text = ("Microsoft and GPUs\nMicrosoft is buying AI chips.\n"
            "Capex on GPUs and data centres was $30 billion in Q4 FY25, Microsoft said.")
    assert facts(text, "company", "year", published=date(2025, 7, 30)) == [("Microsoft", 2025)]  # Apr-Jun 2025
    text = ("Alibaba and GPUs\nAlibaba is buying AI chips.\n"
            "Alibaba's capex on AI chips came to 40 billion yuan in its fiscal 2026 fourth quarter.")
    assert facts(text, "year", published=date(2026, 5, 20)) == [(2026,)]  # Jan-Mar 2026


def test_a_fiscal_year_keeps_its_number_and_a_calendar_year_company_its_quarter():
    text = ("Microsoft and GPUs\nMicrosoft is buying AI chips.\n"
            "Microsoft expects AI capex of more than $120 billion in fiscal 2026.")
    assert facts(text, "year", published=date(2025, 11, 1)) == [(2026,)]
    text = ("Tencent and GPUs\nTencent is buying AI chips.\n"
            "In the second quarter of fiscal 2025, Tencent spent 19 billion yuan on AI chips and servers.")
    assert facts(text, "year", published=date(2025, 9, 1)) == [(2025,)]  # its fiscal year is the calendar year


# ---------------------------------------------------------------- what "it" and "the company" point back at

def test_it_points_at_the_sentences_subject_not_a_side_mention_before_it():
    text = ("Chinese platforms and AI chips\n"
            "Kuaishou's rival Meituan said on Monday that it would lift AI spending. It plans to spend 12 billion yuan "
            "on GPUs next year.")
    assert facts(text, "company", published=SEPT) == [("Meituan",)]
    text = ("Chinese platforms and AI chips\n"
            "Like Baidu before it, Tencent is now designing its own chips. The group spent 20 billion yuan on GPUs in "
            "the quarter.")
    assert facts(text, "company", published=SEPT) == [("Tencent",)]
    text = ("Chinese platforms and AI chips\n"
            "Xiaomi's supplier Lenovo reported results on Thursday. The company spent 3 billion yuan on GPUs for its "
            "own cloud in the quarter.")
    assert facts(text, "company", published=SEPT) == [("Lenovo",)]


def test_a_side_mention_in_the_opening_does_not_make_the_articles_subject():
    text = ("Chinese platforms and AI chips\n"
            "Kuaishou's rival Meituan said on Monday that it would lift AI spending.\n"
            "It plans to spend 12 billion yuan on GPUs next year.")
    assert facts(text, "company", published=SEPT) == [("Meituan",)]


def test_the_first_of_two_subjects_is_still_the_one_pointed_at():
    text = ("Chinese platforms and AI chips\n"
            "Alibaba overtook Tencent in AI spending last quarter. The company spent 38 billion yuan on AI "
            "infrastructure in the quarter.")
    assert facts(text, "company", published=SEPT) == [("Alibaba",)]
