"""Every spend row's confidence comes from the evidence that decided it (transforms/spend_confidence.py).

Sentences written for these tests.
"""
from dataclasses import replace
from datetime import date

from spend_helpers import run
from transforms.sentences import Sentence
from transforms.spend_confidence import FLOOR, TOP, spend_confidence
from transforms.spend_fields import Draft

DRAFT = Draft(company="Baidu", sentence=Sentence(0, 10, "x" * 10, 0), anchor_at=0, year=2025, year_explicit=True,
              amount=1e9, currency="USD", amount_usd=1e9, units=None, vendor=None, chip_model=None,
              spend_type="ai_capex", region=None, status="planned", attribution=None, qualifier=None,
              buyer_via="named", cue_gap=5, origin="prose")


def confidence_of(text, **kw):
    rows = run(text, **kw)
    assert len(rows) == 1, rows
    return rows[0].confidence


def test_a_buyer_named_beside_a_stated_year_and_a_close_cue_is_the_surest():
    assert confidence_of("Baidu will spend $2 billion on AI chips in 2026.") == TOP


def test_a_buyer_reached_through_it_and_a_year_from_elsewhere_is_less_sure():
    text = "Kuaishou is expanding its AI video tools in 2025.\nIt said it would spend about $1 billion on GPUs."
    assert confidence_of(text, published=date(2025, 5, 1)) < confidence_of(
        "Kuaishou will spend about $1 billion on GPUs for AI in 2025.", published=date(2025, 5, 1))


def test_each_weaker_piece_of_evidence_lowers_it():
    base = spend_confidence(DRAFT, disputed=False)
    for weaker in (replace(DRAFT, buyer_via="subject"), replace(DRAFT, year_explicit=False),
                   replace(DRAFT, cue_gap=None), replace(DRAFT, origin="table")):
        assert spend_confidence(weaker, disputed=False) < base
    assert spend_confidence(DRAFT, disputed=True) < base


def test_it_stays_between_the_floor_and_the_top():
    worst = replace(DRAFT, buyer_via="subject", year_explicit=False, cue_gap=None, origin="elliptic")
    assert FLOOR <= spend_confidence(worst, disputed=True) < spend_confidence(DRAFT, disputed=False) <= TOP <= 1
