"""Folding decisions per row: later sets win field by field, the latest of reject/set/confirm decides, amounts
are converted again, added rows take defaults; every line gets a before and after."""
from __future__ import annotations

from datetime import datetime

import pytest

from transforms.anchoring import Attachment, RowRef
from transforms.corrections import Correction
from transforms.reviews import ADDED, APPLIED, CONFIRMED, CORRECTED, ORPHANED, REJECTED, fold_reviews

FX = {(2025, "CNY"): 7.19, (2026, "CNY"): 7.10}
ROW = RowRef("f1", "chip_spend", "a1", "Tencent plans to spend 20 billion yuan on AI chips.", 0, 52,
             {"company": "Tencent", "year": 2025, "amount": 2e10, "currency": "CNY", "amount_usd": 2.78e9,
              "units": None, "vendor": None, "chip_model": None, "spend_type": "chip_purchase", "region": None,
              "status": "planned", "disputed": False})


def decision(cid: str, action: str, fields: dict | None = None, minute: int = 0, note: str = "") -> Correction:
    return Correction(line_no=10 + minute, correction_id=cid, action=action, row_kind="chip_spend", article_id="a1",
                      evidence=ROW.evidence, author="ana", note=note or f"note {cid}",
                      decided_at=datetime(2026, 1, 1, 0, minute), anchor={"company": "Tencent", "amount": 2e10},
                      fields=fields or {})


def fold(*decisions: Correction):
    attachments = {d.correction_id: Attachment(d.correction_id, "f1", None, (0, 52)) for d in decisions}
    return fold_reviews(list(decisions), attachments, {("chip_spend", "f1"): ROW}, FX)


def test_later_sets_win_field_by_field():
    [review], _ = fold(decision("c2", "set", {"year": 2026, "status": "actual"}, minute=2),
                       decision("c1", "set", {"year": 2027, "vendor": "Huawei"}, minute=1))
    assert review.decision == CORRECTED
    assert (review.row_values["year"], review.row_values["status"], review.row_values["vendor"]) == (2026, "actual",
                                                                                                      "Huawei")
    assert review.note == "note c2" and review.correction_ids == ("c1", "c2")


def test_a_year_alone_keeps_the_dollar_value():
    [review], _ = fold(decision("c1", "set", {"year": 2026}))
    assert review.row_values["amount_usd"] == 2.78e9 and review.set_fields == ("year",)


def test_a_new_amount_is_converted_again_at_the_years_rate():
    [review], _ = fold(decision("c1", "set", {"amount": 3.55e10, "year": 2026}))
    assert review.row_values["amount_usd"] == pytest.approx(5e9)
    assert review.set_fields == ("amount", "amount_usd", "year")


def test_the_latest_of_reject_and_confirm_decides():
    [rejected], _ = fold(decision("c1", "confirm", minute=1), decision("c2", "reject", minute=2))
    [confirmed], _ = fold(decision("c1", "reject", minute=1), decision("c2", "confirm", minute=2))
    assert (rejected.decision, confirmed.decision) == (REJECTED, CONFIRMED)
    assert confirmed.row_values is None


def test_an_added_row_takes_the_model_defaults_and_a_converted_amount():
    add = Correction(line_no=3, correction_id="add1", action="add", row_kind="chip_spend", article_id="a1",
                     evidence="Alibaba will buy chips.", author="ana", note="missed", decided_at=datetime(2026, 1, 1),
                     fields={"company": "Alibaba", "amount": 7.19e9, "currency": "CNY", "year": 2025})
    reviews, [outcome] = fold_reviews([add], {"add1": Attachment("add1", "add1", None, (5, 28))}, {}, FX)
    [review] = reviews
    assert (review.decision, review.row_id, review.char_start, review.char_end) == (ADDED, "add1", 5, 28)
    assert review.row_values["amount_usd"] == pytest.approx(1e9)
    assert (review.row_values["spend_type"], review.row_values["status"]) == ("other", "planned")
    assert (outcome.status, outcome.before, outcome.after["company"]) == (APPLIED, None, "Alibaba")


def test_before_and_after_of_a_set_are_the_fields_it_touches():
    _, [outcome] = fold(decision("c1", "set", {"year": 2026}))
    assert (outcome.before, outcome.after) == ({"year": 2025}, {"year": 2026})


def test_a_reject_has_no_after():
    _, [outcome] = fold(decision("c1", "reject"))
    assert outcome.before["company"] == "Tencent" and outcome.after is None


def test_an_orphan_keeps_its_anchor_as_before_and_makes_no_review():
    c = decision("c1", "set", {"year": 2026})
    reviews, [outcome] = fold_reviews([c], {"c1": Attachment("c1", None, "no_row_at_evidence")}, {}, FX)
    assert reviews == []
    assert (outcome.status, outcome.reason, outcome.before) == (ORPHANED, "no_row_at_evidence", {"year": None})
