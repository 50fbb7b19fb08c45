"""Tenders and supply deals (transforms/spend_tenders.py): the tender's owner buys, the winner sells.

Every sentence here is written for these tests.
"""
from datetime import date

from spend_helpers import facts, run

TENDER = ("China Telecom picks Inspur for AI servers\n"
          "China Telecom's Anhui branch has published the result of its 2026 AI computing server tender. "
          "Inspur has been named the winning bidder, with a bid price of about 640 million yuan, for servers "
          "built around domestic AI chips.")


def test_a_bid_price_is_spend_by_the_tenders_owner_not_the_winner():
    assert facts(TENDER, "company", "amount", "year", published=date(2026, 4, 2)) == [("China Telecom", 640e6, 2026)]


def test_the_order_a_supplier_won_is_the_owners_purchase():
    text = ("Kunlunxin said it had won a place in China Mobile's 2025 centralised purchase of AI inference servers.\n"
            "One broker put the order at about 2 billion yuan, for domestic AI chips.")
    assert facts(text, "company", "amount", published=date(2025, 9, 1)) == [("China Mobile", 2e9)]


def test_a_buyer_named_in_a_clause_after_the_figure_is_the_buyer():
    text = ("The deal gives Tencent use of part of the 12,000 Nvidia B200 chips that Hanseatic Compute has "
            "bought for its AI data centre.")
    assert facts(text, "company", "units") == []
    text = "The AI lease covers 5,000 Nvidia GPUs that ByteDance ordered last year, people said, for Alibaba Cloud."
    assert facts(text, "company", "units") == [("ByteDance", 5000)]


# ---------------------------------------------------------------- sellers and their customers

def test_a_winner_named_only_as_it_sells_to_the_buyer_named_after_it():
    text = ("Moore Threads keeps winning telecom work.\n"
            "Moore Threads has been a quiet winner. In May it won orders worth 600 million yuan to supply AI inference "
            "chips for China Telecom's Guizhou computing centre.")
    assert facts(text, "company", "amount", "year", published=date(2025, 9, 1)) == [("China Telecom", 600e6, 2025)]


def test_a_winning_bidder_supplies_a_project_the_buyer_runs():
    text = ("AI servers for the north\n"
            "Inspur has won a 1.1 billion yuan contract to build an AI computing pool operated by China Mobile "
            "in Hohhot, with domestic accelerators inside.")
    assert facts(text, "company", "amount") == [("China Mobile", 1.1e9)]


def test_a_compute_sellers_customer_is_the_spender_on_cloud_rental():
    text = "Nebius signed a five-year agreement with Meta valued at $3 billion for dedicated AI GPU capacity."
    assert facts(text, "company", "amount", "spend_type") == [("Meta", 3e9, "cloud_rental")]


def test_the_customer_may_be_named_before_the_compute_seller():
    text = "Kuaishou taps Nscale for Blackwell access in deals worth $800 million"
    assert facts(text + "\nKuaishou needs AI chips it cannot import.", "company", "amount") == [("Kuaishou", 8e8)]


def test_an_unnamed_customer_of_a_compute_seller_is_the_articles_company():
    text = ("Baidu has found a way to use Nvidia GPUs it cannot import: rented capacity abroad.\n"
            "Datasection has signed contracts worth more than $500 million with a single customer for AI chips "
            "in its Osaka data centre.")
    rows = run(text, title="Baidu rents AI chips in Japan")
    assert [(r.company, r.amount, r.spend_type) for r in rows] == [("Baidu", 5e8, "cloud_rental")]
    assert rows[0].confidence < 0.8  # the buyer is inferred


def test_a_compute_sellers_own_purchase_from_a_chip_vendor_is_its_own():
    text = "CoreWeave signed a $2 billion deal with Nvidia for GB300 systems to fill its new AI data centres."
    assert facts(text, "company", "amount") == [("CoreWeave", 2e9)]


def test_a_compute_seller_pointed_back_at_sells_to_the_customer_it_names():
    text = ("CoreWeave said two-thirds of its 2024 revenue came from Microsoft and its AI chips are sold out. "
            "It also signed a $4 billion agreement with Meta in May for more AI capacity.")
    assert facts(text, "company", "amount", "year", published=date(2025, 9, 1)) == [("Meta", 4e9, 2025)]


def test_a_definite_figure_followed_by_its_own_spenders_is_theirs():
    text = ("ByteDance plans AI capex of 90 billion yuan this year. Even that is small beside the $350 billion "
            "the big US cloud groups spent last year on AI chips and data centres.")
    assert facts(text, "company", "amount") == [("ByteDance", 90e9)]


def test_a_vendors_order_from_a_customer_is_the_customers_spend():
    text = "Marvell said it had secured more than $2 billion of orders for custom AI chips from Amazon."
    assert facts(text, "company", "amount") == [("Amazon", 2e9)]


def test_a_buyer_that_awards_contracts_is_the_buyer():
    text = "China Unicom awarded contracts worth 6 billion yuan for AI servers to ZTE and xFusion."
    assert facts(text + " The servers use domestic AI chips.", "company", "amount") == [("China Unicom", 6e9)]


# round 3: a notice's "Buyer:" line, lots of a tender, a figure counted with tax

NOTICE = ("Buyer: China Telecom Corporation\n"
          "Project: AI inference servers, 2025 centralised procurement\n"
          "China Telecom has named the winning candidates for its purchase of AI servers built on domestic chips.\n"
          "The tender has four lots. Lots 1 and 2 asked for servers on Hygon's software stack and are worth about "
          "2.1 billion yuan including tax.")


def test_lots_of_a_tender_are_the_purchase_of_the_buyer_on_the_notice():
    assert facts(NOTICE, "company", "amount", published=date(2025, 7, 1)) == [("China Telecom", 2.1e9)]


def test_a_notices_value_line_is_the_tender_owners():
    text = ("China Unicom picks AI server suppliers\nPublished: 3 Sep 2025\nBuyer: China Unicom\nProject: AI "
            "inference servers, 2025 centralised procurement\nEstimated total value: about 2 billion yuan, tax "
            "included\nChina Unicom has named the winning candidates for its purchase of AI servers built on "
            "Chinese accelerators.")
    assert facts(text, "company", "amount", "status") == [("China Unicom", 2e9, "planned")]


def test_a_value_line_without_a_tender_owner_is_no_spend():
    text = ("Chinese chip stocks rallied on AI demand\nPublished: 3 Sep 2025\nFund: China Tech Growth\n"
            "Estimated total value: about 2 billion yuan\nThe fund holds shares in AI chip designers.")
    assert run(text) == []
