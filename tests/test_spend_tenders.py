"""Tenders and supply deals (transforms/spend_tenders.py): the tender's owner buys, the winner sells.

Every sentence here is written for these tests.
"""
from datetime import date

from spend_helpers import facts

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
