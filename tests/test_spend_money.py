"""Which money is chip spend (transforms/spend_money.py): conversions, vetoes, differences and expectations.

Every sentence here is written for these tests.
"""
from datetime import date
from functools import lru_cache

from seeds import SEEDS_DIR
from transforms.article import sha256_hex
from transforms.models import Article
from transforms.reference import load_reference
from transforms.sentences import split_sentences
from transforms.spend import extract_spend
from transforms.spend_lexicon import build_spend_lexicon
from spend_helpers import facts


@lru_cache(maxsize=1)
def lexicon():
    return build_spend_lexicon(load_reference(SEEDS_DIR))


def run(text, published=date(2025, 6, 30), title="AI chips"):
    article = Article(article_id="m1", source="m.txt", url="file:///m.txt", title=title, published_on=published,
                      text=text, content_sha256=sha256_hex(text))
    return extract_spend(article, split_sentences(text), published, lexicon())


def amounts(text, **kw):
    return sorted((r.company, r.currency, r.amount) for r in run(text, **kw))


# ---------------------------------------------------------------- conversions

def test_a_hedged_conversion_after_a_comma_is_one_fact():
    rows = run("Meituan will spend 50 billion yuan, roughly $7 billion, on AI chips over the next three years.")
    assert [(r.amount, r.currency, r.amount_usd) for r in rows] == [(50e9, "CNY", 7e9)]


def test_a_conversion_after_the_noun_it_qualifies_is_one_fact():
    rows = run("JD.com has budgeted about 30 billion yuan of capital spending for next year, about US$4.2 billion, "
               "mostly for AI chips.")
    assert [(r.amount, r.amount_usd) for r in rows] == [(30e9, 4.2e9)]


def test_two_amounts_that_do_not_agree_at_any_rate_stay_two():
    rows = amounts("Meituan will spend 50 billion yuan on AI chips, about $2 billion of it in Malaysia.")
    assert rows == [("Meituan", "CNY", 50e9), ("Meituan", "USD", 2e9)]


# ---------------------------------------------------------------- vetoes and the words that lift them

def test_a_spend_noun_that_a_non_spend_word_modifies_is_not_a_trigger():
    assert run("Kuaishou's quarter in brief, AI chips aside\n- Marketing budget: 9 billion yuan, up 8%.") == []
    assert run("Xiaomi said its R&D spending reached 8 billion yuan in the quarter, as AI chip work grew.") == []


def test_raising_a_budget_is_spend_but_raising_money_is_not():
    rows = run("Kuaishou raised its full-year capital expenditure budget to about 14 billion yuan for AI chips.")
    assert [(r.company, r.amount) for r in rows] == [("Kuaishou", 14e9)]
    assert run("Moonshot AI raised about $1 billion from investors, money it will put into AI chips.") == []


def test_a_difference_is_not_spend():
    text = "Baidu will spend 20 billion yuan on AI chips this year, about 5 billion yuan above what analysts had assumed."
    assert amounts(text) == [("Baidu", "CNY", 20e9)]


def test_the_markets_expectation_is_not_spend():
    text = ("Alibaba spent 40 billion yuan on AI chips and servers in the quarter, well above the roughly "
            "32 billion yuan analysts had pencilled in.")
    assert amounts(text) == [("Alibaba", "CNY", 40e9)]
    text = "Tencent's capex on AI chips came to 15 billion yuan, against a 17 billion yuan consensus."
    assert amounts(text) == [("Tencent", "CNY", 15e9)]


def test_bare_amounts_read_in_the_currency_the_page_declares():
    text = ("Operators' AI computing budgets (RMB bn)\n"
            "China Telecom's AI chip budget for 2025 is 41.2bn, against 33.0bn spent in 2024.")
    assert amounts(text) == [("China Telecom", "CNY", 33e9), ("China Telecom", "CNY", 41.2e9)]


def test_bare_amounts_need_a_declared_currency_and_count_no_users():
    assert run("China Telecom's AI chip budget for 2025 is 41.2bn, its chairman said.") == []
    text = ("AI chip budgets (RMB bn)\n"
            "China Mobile will spend 12bn on AI chips for its 1.1 billion mobile users, and 3bn more in 2026.")
    assert [r.amount for r in run(text)] == [12e9, 3e9]


def test_a_list_item_borrows_the_kind_of_money_of_the_item_before():
    text = ("Where the AI chip plans stand\n"
            "- Baidu now expects 2025 capex of $12 billion, mostly for AI chips.\n"
            "- Tencent expects about $15 billion, up from $11 billion.\n"
            "- Kuaishou's revenue rose to $17 billion.")
    assert amounts(text) == [("Baidu", "USD", 12e9), ("Tencent", "USD", 11e9), ("Tencent", "USD", 15e9)]


# ---------------------------------------------------------------- money that buys something else

def test_the_price_of_a_stake_is_not_chip_spend():
    text = ("Kuaishou keeps buying AI chips for its video models.\n"
            "Kuaishou completed its 2 billion yuan (about $280 million) investment for a minority stake in a "
            "robotics start-up.")
    assert run(text) == []


def test_money_put_into_another_company_is_not_chip_spend_but_into_its_chips_is():
    assert run("Alibaba will invest $2 billion in Moonshot AI, which trains its models on rented AI chips.") == []
    text = "Tencent will put 20 billion yuan into Huawei Ascend servers for AI training next year."
    assert amounts(text) == [("Tencent", "CNY", 20e9)]


def test_the_size_of_a_fund_is_not_anybodys_spend():
    text = ("SoftBank set up a $10 billion AI chip fund with Gulf investors, and Xiaomi unveiled a "
            "5 billion yuan investment fund for chip start-ups.")
    assert run(text) == []


def test_a_change_is_not_the_level():
    text = "Meituan's AI capex will rise by 4 billion yuan next year, to 14 billion yuan, mostly for AI chips."
    assert amounts(text) == [("Meituan", "CNY", 14e9)]


def test_a_unit_price_lends_no_value_to_the_count_beside_it():
    rows = run("JD.com bought 8,000 H20 chips at $13,000 each, about $104 million in all, for its AI cloud.")
    assert [(r.company, r.units, r.amount) for r in rows] == [("JD.com", 8000, 104e6)]


def test_chip_design_is_not_chip_spend():
    assert run("Xiaomi will invest 50 billion yuan in chip design over the next decade to make its own AI chips.") == []


# ---------------------------------------------------------------- what a deal or a chip order is worth

def test_a_deal_for_computing_is_spend_without_a_spending_verb():
    text = "Zhipu signed a 1.2 billion yuan computing-power contract with China Telecom to train AI models on domestic chips."
    assert amounts(text) == [("Zhipu", "CNY", 1.2e9)]


def test_a_deal_for_something_else_is_not():
    text = ("Alibaba's AI chip purchases slowed this quarter.\n"
            "Alibaba signed a 3 billion yuan logistics contract with a trucking group.")
    assert run(text) == []


def test_the_value_of_an_agreement_a_few_words_away_is_spend():
    text = "MiniMax agreed a three-year lease with a Malaysian operator in June valued at $400 million for AI chips."
    rows = run(text, published=date(2025, 9, 1))
    assert [(r.company, r.amount, r.year, r.spend_type) for r in rows] == [("MiniMax", 4e8, 2025, "cloud_rental")]


def test_what_a_chip_order_is_valued_at_is_its_value():
    rows = run("Xiaomi has ordered 6,000 Ascend chips from Huawei, valued at about 900 million yuan, for AI training.")
    assert [(r.company, r.units, r.amount) for r in rows] == [("Xiaomi", 6000, 9e8)]


def test_a_list_of_jobs_is_no_comparison_chain():
    text = ("The broker listed a 900 million ringgit works contract, YTL's 1.2 billion ringgit job from a US group, "
            "and Tencent's 5 billion ringgit (about $1.1 billion) pledged for AI data centres in Johor.")
    rows = run(text)
    assert [(r.company, r.amount, r.amount_usd) for r in rows] == [("Tencent", 5e9, 1.1e9)]


# round 3: what a purchase is worth, money put into a project, estimates of a number, a base named as revenue

def test_what_bought_hardware_or_a_built_complex_is_worth_is_spend():
    text = ("Tencent is assembling Nvidia GPUs in Japan for its AI models. "
            "The hardware is worth more than $1.2 billion.")
    assert facts(text, "company", "amount") == [("Tencent", 1.2e9)]
    text = "Alibaba is building an AI data centre complex worth about $6 billion in Mexico for its GPUs."
    assert facts(text, "company", "amount") == [("Alibaba", 6e9)]


def test_putting_money_into_a_data_centre_is_spend():
    text = "Baidu is putting about $450 million into an AI data centre for its Ernie chatbot."
    assert facts(text, "company", "amount") == [("Baidu", 4.5e8)]


def test_putting_a_number_at_a_value_is_an_estimate_not_spend():
    text = ("Estimates of Biren's 2025 chip sales vary, and AI chips are its only product. Two brokers put it at about "
            "2 billion yuan, while a third has put the figure near $500 million.")
    assert facts(text, "amount") == []


def test_a_comparison_base_named_as_revenue_is_not_spend():
    text = ("Moonshot AI spent 900 million yuan on computing power for AI chips, more than four times its revenue for "
            "the first half of 2025 (200 million yuan).")
    assert facts(text, "company", "amount", published=date(2025, 9, 1)) == [("Moonshot AI", 9e8)]


def test_a_pledge_to_a_countrys_industry_and_the_total_it_lifts_are_not_chip_spend():
    text = ("AI chips dominate the talks. Alibaba announced another $20 billion of US investment over five years, "
            "lifting its total commitment to $80 billion.")
    assert facts(text, "amount") == []


def test_baht_amounts_and_their_conversion_are_one_fact():
    text = "Tencent will build AI data centres in Thailand, an expansion valued at 120 billion baht, or roughly $3.6 billion."
    assert facts(text, "company", "currency", "amount", "amount_usd") == [("Tencent", "THB", 1.2e11, 3.6e9)]


def test_offering_chips_and_a_helping_has_are_not_holding_them():
    text = "The pool belongs to Nscale, which put forward 5,000 GPUs, including 4,000 Nvidia H100s it has been running."
    assert facts(text, "units") == []


def test_proceeds_that_go_to_computing_are_spend_and_the_bond_sale_is_not():
    text = ("In May JD.com sold $2bn of convertible bonds due 2030 and said about 70% of the proceeds, roughly $1.4bn, "
            "would go to AI data centres and GPU servers.")
    assert facts(text, "company", "amount", "status") == [("JD.com", 1.4e9, "planned")]


def test_a_project_for_hosting_data_is_the_value_of_a_computing_deal():
    text = ("AI chips and data centres draw investors. The board signed off on a 90 billion baht ($2.7 billion) "
            "data-hosting project by a unit of Tencent.")
    assert facts(text, "company", "currency", "amount") == [("Tencent", "THB", 9e10)]


def test_a_relative_clause_gives_the_amount_of_the_non_spend_noun_before_it():
    text = ("Baidu's capex on AI servers rose to 9 billion yuan in the quarter. Its research and development, which "
            "reached 6.1 billion yuan, is often counted as AI investment.")
    assert amounts(text, published=date(2025, 11, 20)) == [("Baidu", "CNY", 9e9)]


def test_a_supposed_figure_opening_its_sentence_is_not_spend():
    text = ("Kuaishou plans to spend about 12 billion yuan on AI chips next year. A 120 billion yuan chip order "
            "would be ten times that budget, so the larger number circulating online is a misprint.")
    assert amounts(text, published=date(2025, 11, 20)) == [("Kuaishou", "CNY", 12e9)]


def test_a_states_leave_to_buy_chips_is_a_ceiling_not_a_purchase():
    text = ("Chinese firms keep buying AI chips and GPUs. Washington has cleared eight Chinese groups, Tencent and "
            "Baidu among them, to buy up to 50,000 H200s each.")
    assert run(text) == []
    text = ("Gulf firms keep buying AI chips and GPUs. The deal said the US would approve up to 300,000 advanced chips "
            "a year for Qatar, with a third reserved for its state fund.")
    assert run(text) == []


def test_a_permission_in_an_opening_clause_governs_nothing_after_its_comma():
    text = ("Chinese firms keep buying AI chips and GPUs. After its licence was approved, Tencent bought 20,000 H20 "
            "chips in 2025.")
    assert facts(text, "company", "units") == [("Tencent", 20000)]
    text = ("Chinese firms keep buying AI chips and GPUs. If Beijing allows imports, Baidu would start with a trial "
            "order of 8,000 H200s.")
    assert facts(text, "company", "units") == [("Baidu", 8000)]


def test_a_buyer_that_holds_licences_to_ship_chips_plans_to_buy_them():
    text = ("Gulf firms keep buying AI chips and GPUs. Oracle said it holds export licences to ship 30,000 Nvidia "
            "GB300 chips to its Saudi data centres.")
    assert facts(text, "company", "units") == [("Oracle", 30000)]


def test_the_yen_sign_is_the_buyers_money():
    text = ("Chinese and Japanese groups keep buying AI chips; Tencent reports in yuan. SoftBank will spend ¥1 trillion "
            "on Nvidia AI chips this year.")
    assert facts(text, "company", "currency") == [("SoftBank", "JPY")]
    text = ("Japan's groups keep buying AI chips, and Japan's SoftBank and Japan's Sakura lead. Tencent will spend "
            "¥90 billion on AI servers this year.")
    assert facts(text, "company", "currency") == [("Tencent", "CNY")]


def test_a_count_and_the_bill_for_it_are_one_purchase():
    text = ("Indian labs keep renting AI chips and GPUs. Sarvam was allocated 2,048 H100s run by a Mumbai operator "
            "for its speech models, with a total compute bill of Rs 150 crore.")
    assert facts(text, "units", "amount") == [(2048, 1.5e9)]


def test_a_carriers_capex_is_network_spend_unless_its_clause_names_compute():
    text = ("Chinese carriers keep buying AI chips and GPUs. China Telecom spent 80bn yuan in capex in 2025 and guided "
            "to about 70bn yuan for 2026, with more than 40% earmarked for computing.")
    assert run(text, published=date(2026, 3, 30)) == []
    text = ("Chinese carriers keep buying AI chips and GPUs. China Telecom cut total capital expenditure to 80 billion "
            "yuan in 2024, while raising spending on computing power by 20%.")
    assert run(text, published=date(2025, 4, 1)) == []
    text = ("Chinese carriers keep buying AI chips and GPUs. China Telecom would invest 20 billion yuan in computing "
            "power that year.")
    assert facts(text, "company", "amount", published=date(2025, 4, 1)) == [("China Telecom", 2e10)]
    text = "Chinese carriers keep buying AI chips and GPUs. China Telecom ordered AI servers worth 3 billion yuan."
    assert facts(text, "company", "amount") == [("China Telecom", 3e9)]


def test_a_carriers_figure_pointing_back_at_compute_is_spend():
    text = ("China Telecom has opened an AI data centre in Lanzhou that runs on Chinese processors.\n\n"
            "The project represents an investment of about $250 million, the provincial government said.")
    assert facts(text, "company", "amount", published=date(2025, 9, 1)) == [("China Telecom", 2.5e8)]
    text = ("Chinese carriers keep buying AI chips and GPUs. China Telecom's 2024 computing budget was not fully spent. "
            "The 40bn yuan set out in March 2024 compares with a 2025 budget of 30bn yuan.")
    assert facts(text, "amount", "year", published=date(2025, 9, 1)) == [(3e10, 2025), (4e10, 2024)]
    text = ("Chinese carriers keep buying AI chips and GPUs. China Telecom's 2024 computing budget was not fully spent. "
            "Its total capex will fall to 70bn yuan in 2025.")
    assert run(text, published=date(2025, 9, 1)) == []


def test_an_amount_more_than_in_a_named_year_is_a_difference():
    text = ("JD.com expects capex on AI chips of about 30 billion yuan this year, roughly US$1 billion more than "
            "in 2025, as it buys servers.")
    assert facts(text, "company", "amount", "currency", published=date(2026, 3, 1)) == [("JD.com", 3e10, "CNY")]


def test_a_permission_for_others_ends_where_a_new_clause_names_the_buyer():
    text = ("Washington said Nvidia could sell the H200 AI chip to approved Chinese customers, and Meituan has lined "
            "up an order of 15,000 units.")
    assert facts(text, "company", "units", published=date(2026, 1, 5)) == [("Meituan", 15000)]


def test_the_size_of_the_companys_own_programme_is_spend():
    text = ("Meituan is buying AI chips and GPU servers at a record pace.\n\n"
            "Meituan spent 9 billion yuan in the June quarter. That is ahead of the three-year, 60 billion yuan "
            "(about US$8.3bn) programme it announced in March 2025.")
    assert facts(text, "company", "amount", published=date(2025, 9, 1)) == [("Meituan", 9e9), ("Meituan", 6e10)]


def test_a_plan_of_others_is_not_spend():
    text = ("Intel is buying AI chips and GPU servers at a record pace. Intel was promised $8 billion from the "
            "$39 billion subsidy programme.")
    assert facts(text, "company", "amount", published=date(2025, 9, 1)) == []


def test_a_programme_with_neither_owner_nor_span_is_not_a_spend_figure():
    text = ("ByteDance is buying AI chips and GPU servers at a record pace. Both sites come under the 12 billion "
            "euro programme to store European user data.")
    assert facts(text, "company", "amount", published=date(2025, 9, 1)) == []


def test_a_threshold_a_series_kept_to_is_not_a_figure():
    text = ("Meituan kept quarterly capex above 5 billion yuan all year, buying GPUs. Meituan spent 5.4 billion yuan "
            "on AI chips in the June quarter.")
    assert facts(text, "company", "amount", published=date(2025, 11, 20)) == [("Meituan", 5.4e9)]


def test_the_dot_of_us_dollars_ends_no_clause_of_an_operators_compute_figure():
    sentences = [
        ("China Unicom plans to spend 12 billion yuan (about 1.7 billion U.S. dollars) on AI computing centres in 2025.",
         "China Unicom", 12e9),
        ("China Telecom said it would put 9 billion yuan, or 1.3 billion U.S. dollars, into intelligent computing this year.",
         "China Telecom", 9e9),
        ("China Mobile earmarked 20 billion yuan (roughly 2.8 billion U.S. dollars) for AI servers in 2025, its chairman said.",
         "China Mobile", 20e9),
    ]
    for sentence, company, amount in sentences:
        assert facts("Operators buy AI chips.\n" + sentence, "company", "year", "amount",
                     published=date(2025, 10, 24)) == [(company, 2025, amount)], sentence
