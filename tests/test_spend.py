"""Spend rules, one behaviour each, on short articles written for these tests."""
from datetime import date
from functools import lru_cache

from seeds import SEEDS_DIR
from transforms.article import sha256_hex
from transforms.models import Article
from transforms.reference import load_reference
from transforms.sentences import split_sentences
from transforms.spend import extract_spend
from transforms.spend_lexicon import build_spend_lexicon
from transforms.spend_years import find_years


@lru_cache(maxsize=1)
def lexicon():
    return build_spend_lexicon(load_reference(SEEDS_DIR))


def run(text, published=date(2024, 6, 30), title=None):
    article = Article(article_id="t1", source="t.txt", url="file:///t.txt", title=title, published_on=published,
                      text=text, content_sha256=sha256_hex(text))
    return extract_spend(article, split_sentences(text), published, lexicon())


def one(text, **kw):
    rows = run(text, **kw)
    assert len(rows) == 1, rows
    return rows[0]


def test_paired_currencies_make_one_fact_with_the_articles_rate():
    row = one("Kuaishou has budgeted RMB 20 billion (US$2.9 billion) for AI chips next year.")
    assert (row.company, row.amount, row.currency, row.amount_usd) == ("Kuaishou", 20e9, "CNY", 2.9e9)


def test_unpaired_yuan_converts_at_the_years_seed_rate():
    row = one("Meituan spent 7.19 billion yuan on AI servers and chips in 2024.")
    assert row.year == 2024 and abs(row.amount_usd - 1e9) < 1e6


def test_next_year_resolves_against_publication_date():
    row = one("Xiaomi plans to spend US$4 billion on AI chips next year.", published=date(2025, 3, 1))
    assert row.year == 2026 and row.status == "planned"


def test_last_year_is_actual_spend():
    row = one("Baidu spent US$1.5 billion on AI accelerators last year.", published=date(2025, 3, 1))
    assert row.year == 2024 and row.status == "actual"


def test_valuation_is_not_spend():
    assert run("Investors valued Zhipu at US$5 billion, and the AI start-up wants more chips.") == []
    assert run("The buyback put MiniMax's valuation at $4 billion, in an AI chip market that keeps growing.") == []


def test_revenue_and_comparison_base_are_not_spend():
    text = "Tencent's AI cloud revenue rose to 30 billion yuan from 20 billion yuan, as chip sales climbed."
    assert run(text) == []


def test_vendor_is_never_the_buyer():
    rows = run("Nvidia booked a US$4 billion charge on unsold H20 chips. Nvidia also invested $2 billion in chip plants.")
    assert rows == []


def test_vendor_named_with_buyer_goes_to_vendor_field():
    row = one("iFlytek ordered 3,000 Ascend 910B chips from Huawei in 2024.")
    assert (row.company, row.units, row.vendor, row.chip_model, row.region) == ("iFlytek", 3000, "Huawei", "Ascend 910B", "domestic")


def test_chip_count_units_and_estimate_status():
    row = one("Research firm Omdia estimates that Kuaishou bought about 40,000 Nvidia GPUs in 2024 for AI.")
    assert row.units == 40000 and row.status == "estimate" and row.attribution == "Omdia" and row.vendor == "Nvidia"


def test_each_gives_one_row_per_listed_buyer():
    rows = run("Meituan and JD.com each bought about 12,000 Nvidia chips in 2024 for AI.")
    assert sorted(r.company for r in rows) == ["JD.com", "Meituan"] and {r.units for r in rows} == {12000}


def test_elliptic_counts_follow_a_chip_count():
    text = "Microsoft bought about 300,000 AI chips in 2024. Amazon bought about 150,000 and Oracle about 90,000."
    rows = {r.company: r.units for r in run(text)}
    assert rows == {"Microsoft": 300000, "Amazon": 150000, "Oracle": 90000}


def test_pronoun_follows_the_paragraph_subject():
    text = "Kuaishou is expanding its AI video tools. It spent US$1.1 billion on GPUs in 2023."
    assert one(text).company == "Kuaishou"


def test_description_alias_finds_the_buyer():
    row = one("The TikTok owner will invest $3 billion in AI data centres in 2025.", published=date(2025, 1, 1))
    assert row.company == "ByteDance" and row.spend_type == "data_center"


def test_denial_disputes_the_planned_figures_only():
    text = ("Alibaba plans to spend US$9 billion on AI chips next year, a newspaper reported.\n"
            "Research firm Omdia estimates that Alibaba bought about 80,000 GPUs last year.\n"
            "An Alibaba spokesperson said the report was inaccurate.")
    rows = {r.status: r.disputed for r in run(text)}
    assert rows == {"planned": True, "estimate": False}


def test_no_denial_means_not_disputed():
    assert one("Alibaba plans to spend US$9 billion on AI chips next year.").disputed is False


def test_overseas_and_rental_cues():
    row = one("Baidu will spend up to US$2 billion renting AI chips in data centres outside China in 2025.",
              published=date(2025, 1, 5))
    assert (row.spend_type, row.region, row.qualifier) == ("cloud_rental", "overseas", "up to")


def test_capex_is_ai_capex():
    assert one("Tencent's capital expenditure reached 20 billion yuan in the first quarter, driven by AI chips.").spend_type == "ai_capex"


def test_list_items_borrow_heading_trigger_and_company():
    text = "Baidu capital expenditure by year, AI chips\n- 2023: RMB11.2bn\n- 2024: RMB8.1bn"
    rows = sorted((r.year, r.amount) for r in run(text))
    assert rows == [(2023, 11.2e9), (2024, 8.1e9)] and all(r.company == "Baidu" for r in run(text))


def test_table_money_column_gives_a_row_per_line():
    text = ("Meituan steps up AI chip spending, Meituan says\n"
            "| Year | Capex (RMB bn) | Revenue (RMB bn) |\n|---|---|---|\n| 2023 | 5.5 | 276 |\n| 2024 | 8.0 | 337 |")
    rows = sorted((r.year, r.amount) for r in run(text, title="Meituan AI chips"))
    assert rows == [(2023, 5.5e9), (2024, 8.0e9)]


def test_repeated_figure_is_one_fact():
    text = "Xiaomi will invest 4 billion yuan in AI chips in 2025. Analysts said the 4 billion yuan plan is modest."
    assert len(run(text, published=date(2025, 2, 1))) == 1


def test_value_of_an_earlier_order_joins_its_count():
    text = ("SenseTime ordered 2,000 Ascend 910B processors from Huawei in 2024, people said.\n"
            "One person put the value of the order at about 500 million yuan.")
    row = one(text)
    assert row.units == 2000 and row.amount == 5e8


def test_small_sums_are_not_spend():
    assert run("Alibaba's AI chatbot costs users $20 per month, and the company bought a $500 chip.") == []


def test_articles_off_topic_give_nothing():
    assert run("Amazon plans to spend $10 billion on new warehouses in Ohio next year.") == []


def test_year_phrases():
    years = [(m.year, m.explicit) for m in find_years("In fiscal 2024 and next year, the third quarter", date(2025, 10, 1))]
    assert years == [(2024, True), (2026, False), (2025, False)]


def test_year_before_a_boundary_word_is_not_the_purchase_year():
    text = "DeepSeek built up a store of 5,000 A100 chips before exports were barred in 2022."
    assert one(text, published=None).year is None


def test_pronoun_subject_is_not_the_vendor_named_as_object():
    text = "Kuaishou expands its AI unit.\nLast year it bought 30,000 chips from Nvidia, and it placed orders worth 2 billion yuan for Ascend 910C processors."
    rows = sorted((r.units or 0, r.amount or 0, r.chip_model) for r in run(text, published=date(2025, 5, 1)))
    assert rows == [(0, 2e9, "Ascend 910C"), (30000, 0, None)]
    assert {r.company for r in run(text, published=date(2025, 5, 1))} == {"Kuaishou"}


def test_comparison_figure_follows_its_lead():
    rows = run("Baidu's AI capex rose to 9 billion yuan in 2024, up from 6 billion yuan in 2023, on chips.")
    assert sorted((r.year, r.amount) for r in rows) == [(2023, 6e9), (2024, 9e9)]


def test_multi_year_plan_is_dated_by_its_first_year():
    row = one("Alibaba will invest 60 billion yuan in AI chips and servers over the next three years.",
              published=date(2025, 4, 1))
    assert row.year == 2025 and row.status == "planned"


def test_denial_by_the_company_pronoun():
    text = "Xiaomi plans to spend US$3 billion on AI chips next year, a report said.\nThe company denied the report."
    assert one(text).disputed is True


def test_deal_valued_at_is_the_purchase_value():
    text = ("MiniMax has bought 4,000 domestic AI accelerators from Cambricon this year, two people who know the terms said, "
            "in a deal valued at about 800 million yuan.")
    row = one(text, published=date(2025, 9, 1))
    assert (row.units, row.amount, row.vendor, row.region) == (4000, 8e8, "Cambricon", "domestic")


def test_money_raised_is_not_spend():
    assert run("SenseTime plans to raise 3 billion yuan in a share sale to pay for AI chips.") == []


def test_first_half_of_the_year_is_the_current_year():
    row = one("Meituan said it had invested 5 billion yuan in AI chips in the first half of the year.",
              published=date(2025, 8, 30))
    assert row.year == 2025


def test_quarter_after_the_publication_quarter_is_last_years():
    row = one("Baidu's AI capex in the fourth quarter was RMB 3 billion, spent mostly on chips.", published=date(2025, 4, 10))
    assert row.year == 2024


def test_groundless_is_a_denial():
    text = "Alibaba will spend US$5 billion on AI chips next year, a report said.\nAlibaba said the reports were groundless."
    assert one(text).disputed is True


def test_table_with_companies_and_a_count_column():
    text = ("AI chip buyers, research firm estimates for 2024:\n| Buyer | GPUs bought |\n|---|---|\n"
            "| Meituan | 40,000 |\n| Kuaishou | 25,000 |\n| Nvidia | 900 |")
    rows = sorted((r.company, r.units, r.year, r.status) for r in run(text, published=date(2025, 2, 1)))
    assert rows == [("Kuaishou", 25000, 2024, "estimate"), ("Meituan", 40000, 2024, "estimate")]


def test_table_with_year_columns_takes_unit_from_caption():
    text = "AI chip capex (RMB bn)\n| Company | 2023 | 2024 |\n|---|---|---|\n| Baidu | 11.0 | 8.0 |"
    rows = sorted((r.year, r.amount, r.currency) for r in run(text, published=date(2025, 2, 1)))
    assert rows == [(2023, 11e9, "CNY"), (2024, 8e9, "CNY")]


def test_headline_figure_yields_to_the_body_sentence():
    text = "Xiaomi to spend $2 billion on AI chips\nXiaomi plans to spend $2 billion on AI chips outside China next year."
    row = one(text, published=date(2025, 6, 1))
    assert row.char_start > 0 and row.region == "overseas"


def test_denial_reaches_reported_figures_in_its_paragraph_but_not_later_ones():
    text = ("Meituan spent US$3 billion on AI chips in 2024, a blog reported. Meituan denied the report.\n"
            "Separately, Meituan spent US$1 billion on AI chips in 2023, a newspaper said.")
    rows = {r.amount_usd: r.disputed for r in run(text, published=date(2025, 3, 1))}
    assert rows == {3e9: True, 1e9: False}


def test_veto_across_a_comma_does_not_apply():
    row = one("Alibaba, whose cloud sales rose 26%, spent $5 billion on AI chips in 2024.")
    assert row.amount_usd == 5e9


def test_revenue_right_before_the_figure_vetoes():
    assert run("Baidu's AI chip unit said revenue rose to 2 billion yuan as customers spent more on chips.") == []


def test_short_fiscal_year():
    assert [m.year for m in find_years("capex in FY25 rose", None)] == [2025]


def test_hedged_plan_is_planned():
    row = one("Kuaishou could spend up to $1 billion on AI chips this year.", published=date(2025, 2, 1))
    assert row.status == "planned" and row.qualifier == "up to"


def test_state_spender_does_not_fall_back_to_a_company():
    text = "Alibaba is a big buyer of AI chips. The government's Big Fund will invest 300 billion yuan in chip plants."
    assert run(text) == []


def test_spend_as_subject_refers_to_the_article_subject():
    text = "Tencent steps up AI chip buying\nThe search for GPUs goes on.\nCapital expenditure rose to 20 billion yuan in the quarter."
    row = one(text, published=date(2025, 5, 20), title="Tencent steps up AI chip buying")
    assert row.company == "Tencent"


def test_buybacks_and_marketing_are_not_spend():
    text = "JD.com plans to spend $2 billion on share buybacks this year. Tencent spent RMB 8 billion on marketing and AI chips ads."
    assert run(text) == []


def test_put_into_is_spend():
    row = one("Meituan will put RMB 2 billion (about US$280 million) into AI data centres and chips in 2025.")
    assert row.amount_usd == 2.8e8


def test_stakes_and_research_budgets_are_not_spend():
    text = "Alibaba paid $1 billion for a stake in an AI chip start-up. Baidu spent 20 billion yuan on R&D for AI chips."
    assert run(text) == []


def test_holding_verb_makes_a_chip_count():
    row = one("Moonshot AI has 8,000 Nvidia H800 GPUs for AI training, people said.", published=date(2025, 1, 3))
    assert (row.company, row.units, row.chip_model) == ("Moonshot AI", 8000, "H800")


def test_company_after_a_preposition_is_not_the_spender():
    row = one("Tencent, which competes with Alibaba in cloud computing, spent $3 billion on AI chips in 2024.")
    assert row.company == "Tencent"


def test_headline_in_dollars_and_body_in_yuan_are_one_fact():
    text = ("Kuaishou to spend $14bn on AI chips\n"
            "Kuaishou plans to spend 100 billion yuan (US$14 billion) on AI chips next year, people said.")
    row = one(text, published=date(2025, 6, 1))
    assert row.currency == "CNY" and row.char_start > 0


def test_denial_answering_one_outlet_leaves_other_reports_alone():
    text = ("Zhipu has set aside $2 billion for AI chips next year, a blog reported.\n"
            "Zhipu intends to order about 8,000 Ascend 920 chips this year, Caixin reported. Zhipu denied the report.")
    rows = {r.amount_usd or r.units: r.disputed for r in run(text, published=date(2025, 3, 1))}
    assert rows == {2e9: False, 8000: True}


def test_previous_year_counts_back_from_the_year_just_named():
    rows = run("Baidu spent 8 billion yuan on AI chips in 2022, down from 11 billion yuan the previous year.",
               published=date(2025, 2, 1))
    assert sorted((r.year, r.amount) for r in rows) == [(2021, 11e9), (2022, 8e9)]


def test_a_year_earlier_alone_is_not_a_year():
    assert find_years("up 20% from a year earlier", date(2025, 2, 1)) == []


def test_elliptic_count_right_after_needs_no_verb():
    text = "Microsoft bought about 300,000 AI chips in 2024. Meta followed with 200,000."
    assert {r.company: r.units for r in run(text)} == {"Microsoft": 300000, "Meta": 200000}


def test_analyst_forecast_of_future_spend_is_planned_not_estimate():
    row = one("Analysts at Jefferies estimate Tencent will spend RMB 100 billion on AI chips over three years.",
              published=date(2025, 6, 1))
    assert row.status == "planned" and row.year == 2025


def test_analyst_figure_for_past_purchases_is_an_estimate():
    row = one("Jefferies estimates that Tencent bought 50,000 AI chips in 2024.", published=date(2025, 6, 1))
    assert row.status == "estimate"


def test_two_non_dollar_currencies_are_one_fact():
    row = one("SenseTime will spend HK$3 billion (RMB2.8 billion) on AI chips in 2025.", published=date(2025, 1, 2))
    assert row.currency == "HKD" and abs(row.amount_usd - 3e9 / 7.79) < 1e6


def test_unknown_cue_category_is_refused():
    import pytest

    from transforms.spend_lexicon import UnknownCueCategory, build_cue_patterns

    with pytest.raises(UnknownCueCategory):
        build_cue_patterns([{"cue": "spend", "category": "trigegr", "value": ""}])


def test_usd_conversion_uses_the_nearest_year_on_file():
    lex = lexicon()
    assert lex.usd(7.10e9, "CNY", 2026) == 1e9
    assert abs(lex.usd(6.91e9, "CNY", 2015) - 1e9) < 1
    assert lex.usd(5.0, "XYZ", 2024) is None


def test_foreign_place_is_overseas_for_a_chinese_buyer_only():
    chinese = one("ByteDance will spend US$3 billion on AI data centres in Malaysia in 2025.", published=date(2025, 1, 1))
    american = one("Microsoft will spend US$3 billion on AI data centres in Malaysia in 2025.", published=date(2025, 1, 1))
    assert (chinese.region, american.region) == ("overseas", None)


def test_related_stories_are_not_this_articles_facts():
    text = ("Kuaishou opens an AI lab for chips research\nThe lab will train models on Nvidia chips.\n"
            "Related stories\nKuaishou to spend $5 billion on AI chips next year\nTencent bought 20,000 AI chips")
    assert run(text) == []


def test_elliptic_count_with_its_buyer_named_after_it():
    text = "Omdia estimates that Microsoft bought 400,000 AI chips in 2024, twice the 200,000 purchased by Meta."
    assert {r.company: r.units for r in run(text)} == {"Microsoft": 400000, "Meta": 200000}


def test_vendor_description_stands_for_the_articles_main_vendor():
    text = "Nvidia sells AI chips to China.\nXiaomi spent $1 billion on hardware from the American chipmaker in 2024."
    assert one(text).vendor == "Nvidia"


def test_comparison_in_the_next_sentence_carries_the_buyer_and_kind():
    text = ("Meituan plans to spend about 10 billion yuan on AI chips next year, people said.\n"
            "That compares with roughly 6 billion yuan this year.")
    rows = sorted((r.year, r.amount, r.company, r.spend_type) for r in run(text, published=date(2025, 9, 1)))
    assert rows == [(2025, 6e9, "Meituan", "chip_purchase"), (2026, 10e9, "Meituan", "chip_purchase")]


def test_vendor_naming_the_chips_is_not_the_subject():
    text = "Kuaishou expands AI.\nIt bought 8,000 Nvidia H20 chips in 2025, and ordered 12,000 Ascend 910C processors."
    assert sorted(r.units for r in run(text, published=date(2025, 9, 1))) == [8000, 12000]


def test_list_of_counts_under_a_heading_that_names_the_chips():
    text = ("Estimated AI chips bought in 2024, according to research firm Omdia:\n"
            "- Kuaishou: about 40,000\n- Meituan: about 30,000\nJD.com and Baidu followed at 20,000 and 10,000 respectively.")
    rows = {r.company: (r.units, r.year, r.status) for r in run(text, published=date(2025, 2, 1))}
    assert rows == {"Kuaishou": (40000, 2024, "estimate"), "Meituan": (30000, 2024, "estimate"),
                    "JD.com": (20000, 2024, "estimate"), "Baidu": (10000, 2024, "estimate")}


def test_rented_chips_are_cloud_rental():
    row = one("Moonshot AI has rented 5,000 H800 GPUs from Alibaba Cloud for AI training in 2025.")
    assert row.spend_type == "cloud_rental" and row.company == "Moonshot AI"


def test_second_sentence_of_a_paragraph_is_not_a_list_item():
    text = ("Chip budgets of China's platforms\n"
            "Baidu plans to spend about RMB 10 billion on AI chips this year, analysts said. "
            "Kuaishou has doubled its budget for AI computing this year to about RMB 5 billion, they said.")
    assert {r.company for r in run(text, published=date(2025, 6, 10))} == {"Baidu", "Kuaishou"}


def test_pronoun_subject_beats_a_company_named_after_the_figure():
    text = ("MiniMax files for a listing to fund AI computing power.\n"
            "The company spent about $150 million on cloud computing services in 2024, most of it with Alibaba Cloud.")
    row = one(text, published=date(2025, 6, 1))
    assert (row.company, row.spend_type) == ("MiniMax", "cloud_rental")


def test_adding_chips_is_a_chip_count():
    row = one("Baidu plans to add another 20,000 P800 chips next year for AI training.", published=date(2025, 4, 1))
    assert (row.units, row.year, row.status) == (20000, 2026, "planned")


def test_the_yen_sign_on_a_page_about_japan_is_yen():
    text = ("Japan's AI chip push\n"
            "SoftBank will spend ¥400 billion on Nvidia GPUs for its Tokyo AI data centre. Japanese buyers follow.")
    assert [(r.currency, r.amount) for r in run(text)] == [("JPY", 400e9)]


def test_a_guide_is_a_plan_and_an_agreed_purchase_is_actual():
    text = "Amazon guided 2026 capex to about $150 billion, mostly AI chips and data centres."
    assert one(text, published=date(2026, 2, 5)).status == "planned"
    text = "Meta agreed to buy GPU capacity worth $2 billion from Nscale for AI training this year."
    assert one(text, published=date(2025, 9, 5)).status == "actual"


def test_money_reserved_for_chips_is_spend():
    text = ("Meituan has set its AI capex for next year at 30 billion yuan. "
            "About 12 billion yuan of next year's total is reserved for AI processors.")
    rows = sorted((r.amount, r.year, r.spend_type) for r in run(text, published=date(2025, 12, 1)))
    assert rows == [(12e9, 2026, "chip_purchase"), (30e9, 2026, "ai_capex")]


def test_ending_the_year_with_chips_is_holding_them():
    text = "xAI will end the year with about 200,000 Nvidia AI chips in its Memphis cluster."
    assert [(r.company, r.units) for r in run(text)] == [("xAI", 200000)]


def test_a_denial_of_a_separate_report_leaves_the_figures_before_it_alone():
    text = ("Zhipu has placed orders for about 20,000 Ascend AI processors, two people familiar with the matter "
            "said. The order is worth roughly 4 billion yuan.\n\n"
            "Zhipu denied a separate report that it planned to spend $5 billion on Nvidia chips in 2026, calling it "
            "inaccurate.")
    rows = sorted((r.amount, r.currency, r.disputed) for r in run(text, published=date(2026, 4, 2)))
    assert rows == [(4e9, "CNY", False), (5e9, "USD", True)]
