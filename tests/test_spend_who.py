"""Who spends (transforms/spend_buyers.py): sums over several buyers, the company speaking, spend as subject.

Every sentence here is written for these tests.
"""
from datetime import date

from spend_helpers import facts, run


def test_a_sum_over_several_buyers_is_nobodys_spend():
    assert run("Meituan, JD.com and Kuaishou together spent 40 billion yuan on AI chips in 2024.") == []
    text = ("Microsoft, Amazon and Meta raised their AI chip budgets again.\n"
            "Taken together, the three now expect capital expenditure of more than $300 billion this year.")
    assert run(text) == []


def test_each_still_gives_one_row_per_buyer():
    rows = facts("Meituan and JD.com each plan to spend $2 billion on AI chips next year.", "company")
    assert rows == [("JD.com",), ("Meituan",)]


def test_an_officer_speaks_for_the_articles_company():
    text = ("Kuaishou results: AI chips in focus\n"
            "Kuaishou reported results on Tuesday and held a call with analysts.\n"
            "Chief financial officer Jin Li said capex in 2024 reached about 11 billion yuan, mostly AI chips.")
    assert facts(text, "company", "year", "amount") == [("Kuaishou", 2024, 11e9)]


def test_we_in_an_earnings_call_is_the_company():
    text = ("Xiaomi earnings call notes: AI chips and servers\n"
            "Xiaomi held its call on Friday.\n"
            "Lu Weibing, president: We have raised our capital expenditure budget for AI chips to 7 billion yuan.")
    assert facts(text, "company", "amount") == [("Xiaomi", 7e9)]


def test_spending_as_subject_after_an_opening_phrase_is_the_articles_company():
    text = ("Tencent's AI chip purchases slowed\nTencent said demand for GPUs stayed strong.\n"
            "In the fourth quarter alone, capex was 20 billion yuan.")
    assert facts(text, "company", "amount", published=date(2025, 1, 20)) == [("Tencent", 20e9)]


def test_a_supplys_recipient_is_the_buyer():
    text = "Nvidia agreed to supply G42, the Abu Dhabi AI group, with 20,000 of its GB200 chips for new data centres."
    assert facts(text, "company", "units", "vendor") == [("G42", 20000, "Nvidia")]
    text = "ZTE will supply 6,000 AI servers and 3,000 domestic AI chips to China Mobile this year."
    assert facts(text, "company", "units") == [("China Mobile", 3000)]


def test_the_companies_behind_a_venture_are_not_its_spender():
    text = "The AI chip venture backed by Tencent and Meituan has pledged up to $3 billion for GPUs over four years."
    assert run(text) == []


def test_a_minister_is_not_a_company():
    text = ("Japan: AI chip money\n"
            "- Last spring the prime minister announced ¥2 trillion of investment in AI chips and data centres by 2030.")
    assert run(text, title="Tencent, Alibaba and Baidu in the AI chip race") == []


def test_each_of_a_list_takes_a_bare_number_after_a_supply_of_chips():
    text = ("Nvidia said it would supply 90,000 Blackwell GPUs to Japanese companies this year. "
            "SoftBank, Kakao and Naver will each deploy 20,000, and the government will take 30,000.")
    assert facts(text, "company", "units") == [("Kakao", 20000), ("Naver", 20000), ("SoftBank", 20000)]


def test_a_project_sentence_is_about_the_articles_company():
    text = ("China Telecom opens an AI computing hub in Gansu\n"
            "China Telecom switched on the hub on Friday, officials said.\n"
            "The project represents an investment of about 2 billion yuan in servers and AI chips.")
    assert facts(text, "company", "amount") == [("China Telecom", 2e9)]


def test_together_with_partners_is_still_the_companys_spend():
    text = "Alibaba, together with local partners, will invest $2 billion in AI chips and data centres next year."
    assert facts(text, "company", "amount") == [("Alibaba", 2e9)]


def test_a_company_that_won_approval_is_still_the_buyer():
    text = "Tencent, which won approval from regulators in March, will spend $3 billion on AI chips next year."
    assert facts(text, "company", "amount") == [("Tencent", 3e9)]


def test_a_presidents_denial_is_not_the_companys():
    text = ("Xiaomi plans to spend $4 billion on AI chips next year, a newspaper reported.\n"
            "President Trump dismissed the reports as exaggerated on Tuesday.")
    assert facts(text, "company", "disputed") == [("Xiaomi", False)]


def test_a_state_in_a_side_clause_is_not_the_spender():
    text = ("Kuaishou has changed suppliers for its AI chips.\n"
            "Kuaishou started early. In 2024, after Beijing urged buyers to go local, it placed an order for "
            "Cambricon chips worth 300 million yuan.")
    assert facts(text, "company", "year", "amount", "vendor") == [("Kuaishou", 2024, 3e8, "Cambricon")]


def test_a_kingdoms_pledge_is_no_companys_spend():
    text = ("Gulf AI chips week\n"
            "The kingdom has pledged $600 billion of investment in America. Humain will buy 18,000 GB300 chips.")
    assert facts(text, "company", "units", "amount") == [("Humain", 18000, None)]


def test_a_company_named_once_in_passing_is_not_the_articles_subject():
    text = ("Rapidus will make AI chips in Hokkaido.\n"
            "Rapidus expects private investors to put about 130 billion yen into the project this year, and "
            "management wants to raise outside investment to around 1 trillion yen over time.\n"
            "Critics note it has no anchor customer on the scale of Apple.")
    assert run(text, title="Rapidus and Japan's AI chip plans") == []


def test_the_vendor_passed_over_is_not_the_vendor():
    text = "Baidu placed its first order for Huawei AI chips instead of Nvidia's, worth 450 million yuan."
    assert facts(text, "company", "vendor") == [("Baidu", "Huawei")]


def test_a_list_heading_may_name_its_chips_by_name():
    text = ("Cloud groups keep buying AI hardware.\n"
            "Blackwell purchases in 2025, by buyer (TrendForce estimates):\n"
            "- Microsoft: about 700,000\n"
            "- Oracle: 400,000")
    assert facts(text, "company", "units", "year", "status") == [("Microsoft", 700000, 2025, "estimate"),
                                                                  ("Oracle", 400000, 2025, "estimate")]


def test_a_list_of_buyers_as_subject_is_a_sum_unless_each_or_respectively():
    text = "Chinese firms including Meituan, Kuaishou and Baidu placed orders for $5 billion of AI chips this year."
    assert run(text) == []
    text = "Meituan and Kuaishou spent $2 billion and $3 billion on AI chips respectively."
    assert facts(text, "company", "amount") == [("Kuaishou", 3e9), ("Meituan", 2e9)]


def test_switching_on_a_cluster_of_its_own_chips_is_holding_them():
    text = "iFlytek switched on a cluster of 12,000 of its own Ascend-based AI chips in March."
    assert facts(text, "company", "units", published=date(2025, 6, 1)) == [("iFlytek", 12000)]


# round 3: the customer of a seller of computing capacity, a company whose stake is bought

def test_a_seller_named_after_the_figure_gives_its_customer_access():
    text = ("Amazon rents more GPUs.\n"
            "The biggest commitment, about $8 billion with Norway-based Nscale, gives Amazon access to Nvidia chips in Oslo.")
    assert facts(text, "company", "amount", "spend_type") == [("Amazon", 8e9, "cloud_rental")]


def test_a_deal_named_by_its_seller_is_the_customers_spend():
    text = ("Amazon signs another GPU capacity deal\n"
            "Amazon agreed new AI chip capacity deals with Nebius and CoreWeave this week.\n"
            "The Nebius contract is worth about $3 billion over four years.")
    assert ("Amazon", 3e9) in facts(text, "company", "amount", title="Amazon signs another GPU capacity deal")
    assert all(company == "Amazon" for company, in facts(text, "company", title="Amazon rents AI chips"))


def test_it_signing_with_a_seller_after_a_side_phrase_is_the_articles_company():
    text = ("OpenAI buys computing power from everyone. OpenAI now rents AI chips from three clouds.\n"
            "Alongside Alphabet's cloud, it signed a four-year contract with CoreWeave valued at up to $6 billion.")
    assert facts(text, "company", "amount", title="OpenAI rents more AI chips") == [("OpenAI", 6e9)]


def test_the_company_whose_stake_is_bought_is_not_the_spender():
    text = ("Amazon says it spent $2 billion on AI chips there in 2024, including a $0.5 billion equity stake in "
            "Abu Dhabi's G42, and will spend more than $3 billion on AI data centres from 2026.")
    assert {company for company, in facts(text, "company", published=date(2025, 6, 1))} == {"Amazon"}


def test_a_company_past_a_clause_break_after_the_figure_is_no_buyer():
    text = ("Xiaomi will spend 50 billion yuan on AI chips and models over five years.\n"
            "The 12 billion yuan earmarked for this year mixes R&D and capex, which makes comparison with the "
            "capex plans of Alibaba hard.")
    assert {company for company, in facts(text, "company")} == {"Xiaomi"}


def test_the_single_owner_of_an_app_or_unit_spends_for_it():
    text = ("Chinese firms keep buying AI chips and GPUs. The board approved a data-centre expansion by Douyin, the video app owned by ByteDance, valued at "
            "50 billion yuan. The board also approved a 9 billion yuan AI data-hosting project backed by Tencent and "
            "Alibaba.")
    assert facts(text, "company", "amount") == [("ByteDance", 5e10)]


def test_it_as_subject_is_the_buyer_before_when_every_company_named_is_an_object():
    text = ("Sarvam builds Indian language models on AI chips. It was allocated 2,048 H100s hosted by Yotta, with a "
            "compute bill of Rs 120 crore.")
    assert {company for company, in facts(text, "company")} == {"Sarvam"}


def test_a_relative_clause_about_another_noun_is_not_the_named_companys_figure():
    text = ("Zhipu is funded by a Beijing state investment group, which bought 4,000 Nvidia AI chips in 2023 for a "
            "university cluster.")
    assert facts(text, "company", "units", published=date(2025, 5, 1)) == []
    text = "Baidu, which already runs Kunlun chips, bought 4,000 Nvidia GPUs in 2023."
    assert facts(text, "company", "units", published=date(2025, 5, 1)) == [("Baidu", 4000)]
    text = "Alibaba's research unit, which bought 4,000 Nvidia AI chips in 2023, trains Qwen."
    assert facts(text, "company", "units", published=date(2025, 5, 1)) == [("Alibaba", 4000)]


def test_it_in_capitals_is_information_technology_not_the_article_company():
    text = ("Tencent is opening a cloud region in Riyadh with Nvidia GPUs.\n\n"
            "IT spending across the Gulf will reach $40 billion next year, a research firm forecast.")
    assert facts(text, "company", "amount", published=date(2025, 5, 1)) == []


def test_an_app_or_brand_spends_for_its_owner():
    text = ("Chinese firms keep buying AI chips and GPUs. The board approved a data-centre expansion by TikTok "
            "valued at 300 billion baht, or about US$9 billion.")
    assert facts(text, "company", "currency") == [("ByteDance", "THB")]
    text = "Chinese platforms keep buying AI chips. Taobao will spend 6 billion yuan on AI servers this year."
    assert facts(text, "company") == [("Alibaba",)]


def test_an_apps_value_is_still_no_spend():
    text = "Nvidia's AI chips were not part of the talks. TikTok's US business was valued at $40 billion by one investor."
    assert run(text) == []


def test_the_three_buyers_are_a_group():
    text = ("Korea is buying AI chips and GPUs. The ministry picked Naver Cloud, NHN Cloud and Kakao to buy and host "
            "the GPUs on its behalf. The three buyers may keep the 3,000 GPUs bought beyond the target for their own use.")
    assert run(text) == []


def test_money_invested_in_it_after_two_companies_is_equity():
    text = "Gulf firms keep buying AI chips and GPUs. G42 dropped its Huawei servers months before Microsoft invested $1.5 billion in it."
    assert run(text) == []
    text = "Chinese firms keep buying AI chips and GPUs. Tencent built a new AI data centre in Tianjin and invested 8 billion yuan in it."
    assert facts(text, "company", "amount") == [("Tencent", 8e9)]


def test_two_apps_of_one_owner_are_one_buyer_not_a_sum():
    text = ("ByteDance keeps buying AI chips. This year the owner of TikTok and Douyin spent around 60 billion yuan on "
            "Nvidia hardware, people said.")
    assert facts(text, "company", "amount") == [("ByteDance", 6e10)]


def test_a_company_compared_at_the_opening_is_no_member_of_a_list():
    text = "Chinese tech groups keep buying AI chips. Unlike Tencent, Baidu spent 10 billion yuan on Kunlun chips."
    assert facts(text, "company") == [("Baidu",)]
    text = "Chinese tech groups keep buying AI chips. Like Alibaba, Meituan will spend 20 billion yuan on AI infrastructure."
    assert facts(text, "company") == [("Meituan",)]


def test_the_owner_of_a_vendor_beside_it_does_not_buy():
    text = ("Chinese tech groups keep buying AI chips. Kunlunxin, Baidu's chip unit, won a 1 billion yuan order "
            "for AI accelerators from China Telecom.")
    assert facts(text, "company") == [("China Telecom",)]
    text = "Chinese tech groups keep buying AI chips. Baidu's Kunlunxin will supply 30,000 chips to China Unicom."
    assert facts(text, "company") == [("China Unicom",)]


def test_a_company_a_buyer_awards_or_picks_is_its_supplier():
    text = ("Chinese tech groups keep buying AI chips. China Telecom awarded Lenovo and H3C AI server orders worth "
            "4 billion yuan.")
    assert facts(text, "company") == [("China Telecom",)]


def test_money_as_the_subject_of_a_passive_spend_is_the_articles_company():
    text = ("Meituan lifts its AI budget\nMeituan has raised its AI budget, people said. Chinese groups keep buying AI "
            "chips and GPUs.\nHow much becomes silicon depends on Washington. About US$3 billion is earmarked for "
            "Nvidia's H20, the people said.")
    assert facts(text, "company", "amount") == [("Meituan", 3e9)]
    text = ("Meituan lifts its AI budget\nMeituan has raised its AI budget, people said. Chinese groups keep buying AI "
            "chips and GPUs.\nAbout US$3 billion in chips was smuggled into China last year, officials said.")
    assert run(text) == []


def test_a_chatbot_spends_for_its_maker():
    text = "Chinese AI labs keep buying AI chips and GPUs. The Kimi team ordered 5,000 H20 chips this spring."
    assert facts(text, "company", "units") == [("Moonshot AI", 5000)]


def test_a_vendor_that_spends_on_its_own_use_is_the_buyer():
    text = "Chinese tech groups keep buying AI chips and GPUs. Cambricon will invest 3 billion yuan in its own AI computing centre next year."
    assert facts(text, "company", "amount") == [("Cambricon", 3e9)]
    text = "Chinese tech groups keep buying AI chips and GPUs. Cambricon will invest 3 billion yuan in AI chip research next year."
    assert run(text) == []


def test_a_share_of_the_subjects_budget_is_the_subjects_spend():
    text = ("Xiaomi plans to raise its AI spending sharply next year, people familiar with the plan said.\n\n"
            "The phone maker did not comment. About half of next year's outlay will go on GPUs, with around 12 billion yuan "
            "set aside for AI chips alone.")
    assert ("Xiaomi", 1.2e10) in facts(text, "company", "amount", title="Xiaomi lifts AI chip budget")


def test_a_sentence_about_the_new_target_points_back_at_the_articles_company():
    text = ("Zhipu now expects to spend 9 billion yuan on AI chips and GPU servers in 2026.\n\n"
            "Revenue rose 40% in the first quarter.\n\n"
            "The new target compares with the 5 billion yuan of capital expenditure that management had planned "
            "for 2025.")
    assert facts(text, "company", "year", "amount", title="Zhipu raises AI budget", published=date(2026, 5, 2)) == [
        ("Zhipu", 2025, 5e9), ("Zhipu", 2026, 9e9)]


def test_a_carriers_total_capex_out_of_which_compute_is_paid_is_not_a_compute_figure():
    text = ("China Mobile said it would spend 30 billion yuan on computing power and AI servers in 2026, out of "
            "total capex of 150 billion yuan.")
    assert facts(text, "company", "amount", published=date(2026, 3, 20)) == [("China Mobile", 3e10)]


def test_a_name_the_gazetteer_does_not_know_is_not_the_earlier_buyer():
    text = ("SoftBank agreed to spend 150 billion yen on Nvidia's Blackwell chips for its data centres. "
            "Kestrel Compute bought 2,000 H200 GPUs for 44 billion yen. Bluefin Data said it would spend 9 billion yen on "
            "GPUs.")
    assert facts(text, "company", "amount", published=date(2025, 9, 20)) == [("SoftBank", 1.5e11)]


def test_a_chip_count_over_several_listed_buyers_is_a_sum():
    text = ("Baidu, Meituan and JD.com ordered more than 300,000 H20 chips between them in the first quarter. "
            "Kuaishou ordered 20,000 H20 chips.")
    assert facts(text, "company", "units", published=date(2025, 8, 20)) == [("Kuaishou", 20000)]


def test_a_maker_that_sold_servers_is_the_seller_not_the_buyer():
    text = "Inspur sold AI servers worth 3 billion yuan to Meituan, packed with Nvidia GPUs."
    assert facts(text, "company", "amount", published=date(2025, 3, 20)) == [("Meituan", 3e9)]


def test_buyers_outside_china_that_ai_chip_reporting_names_are_known():
    text = ("SoftBank agreed to spend 150 billion yen on Nvidia's Blackwell chips. Sakura Internet bought 2,000 H200 "
            "GPUs for 44 billion yen. YTL Power will spend RM10 billion on an Nvidia GPU cluster in Johor.")
    assert facts(text, "company", "currency", published=date(2025, 9, 20)) == [
        ("Sakura Internet", "JPY"), ("SoftBank", "JPY"), ("YTL Power", "MYR")]


def test_a_company_that_sold_convertible_bonds_spends_the_proceeds_itself():
    text = ("In September Meituan sold US$2.5bn of zero-coupon convertible bonds and said about 80% of the proceeds, "
            "roughly US$2bn, would go to AI data centres and GPU servers.")
    assert facts(text, "company", "amount", published=date(2025, 11, 27)) == [("Meituan", 2e9)]


def test_a_broker_that_pencils_in_a_figure_estimates_the_articles_company():
    text = ("Meituan will buy more AI chips and GPUs.\n\nMeituan gave no figure. Goldman Sachs has pencilled in "
            "60 billion yuan for fiscal 2026 to 2028.")
    assert facts(text, "company", "amount", "attribution", title="Meituan capex", published=date(2026, 1, 12)) == [
        ("Meituan", 6e10, "Goldman Sachs")]


def test_the_company_in_a_reduced_relative_clause_points_back_at_the_subject():
    for sentence, amount in [
        ("Capex was 31 billion yuan, more than the 27.5 billion yuan the company spent in 2025.", 27.5e9),
        ("The 27.5 billion yuan the group spent on AI chips in 2025 was a record.", 27.5e9),
        ("Tencent said the 9 billion yuan the firm invested in GPU servers in 2025 would double.", 9e9),
    ]:
        rows = facts("Tencent buys AI chips.\n" + sentence, "company", "year", "amount", published=date(2026, 5, 14))
        assert ("Tencent", 2025, amount) in rows, sentence
    # a group named in the clause is still nobody's own buyer
    assert facts("Tencent buys AI chips.\nThe $300 billion the four cloud groups spent in 2025 dwarfs China's outlays.",
                 "company", published=date(2026, 5, 14)) == []


def test_a_word_of_state_ownership_before_the_companys_own_noun_leaves_it_the_buyer():
    lead = "China Mobile buys AI chips.\nChina Mobile is building AI clusters.\n"
    kw = {"published": date(2025, 10, 24)}
    assert facts(lead + "The state-owned operator pledged to double its investment in AI and to assemble a cluster of "
                 "100,000 accelerator cards.", "company", "units", **kw) == [("China Mobile", 100000)]
    assert facts(lead + "The state-backed group will spend 12 billion yuan on AI computing this year.",
                 "company", "amount", **kw) == [("China Mobile", 12e9)]
    assert facts(lead + "The state-funded company bought 2,000 Huawei Ascend chips in 2025.", "company", "units",
                 **kw) == [("China Mobile", 2000)]
    # state-owned buyers in general are nobody's company
    assert run(lead + "State-owned enterprises will buy 50,000 domestic AI chips this year.", **kw) == []
