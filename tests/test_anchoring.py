"""Finding a correction's row again after the rules change: by article and evidence, not by id."""
from __future__ import annotations

from datetime import datetime

from transforms.anchoring import (AMBIGUOUS, ARTICLE_MISSING, EVIDENCE_MISSING, NO_MATCH, NO_ROW, TAKEN, RowRef,
                                  attach_all, locate, place_added)
from transforms.corrections import Correction

SENTENCE = "ByteDance will spend $5 billion on AI chips this year and $7 billion next year, people said."
TEXT = "Intro line.\n" + SENTENCE + "\nThe US raised tariffs on chips to 50% on Monday.\n"
START = TEXT.index(SENTENCE)
POLICY_SENTENCE = "The US raised tariffs on chips to 50% on Monday."
POLICY_START = TEXT.index(POLICY_SENTENCE)


def spend_row(row_id: str, amount: float, year: int, start: int = START, sentence: str = SENTENCE) -> RowRef:
    return RowRef(row_id, "chip_spend", "a1", sentence, start, start + len(sentence),
                  {"company": "ByteDance", "amount": amount, "currency": "USD", "amount_usd": amount, "year": year})


def correction(cid: str, anchor: dict, row_id: str | None = None, evidence: str = SENTENCE, start: int = START,
               action: str = "set", kind: str = "chip_spend", article: str = "a1", minute: int = 0) -> Correction:
    return Correction(line_no=minute + 12, correction_id=cid, action=action, row_kind=kind, article_id=article,
                      evidence=evidence, author="ana", note="n", row_id=row_id, char_start=start,
                      char_end=start + len(evidence), decided_at=datetime(2026, 1, 1, 0, minute), anchor=anchor,
                      fields={"year": 2026} if action == "set" else {})


def test_the_recorded_id_is_used_while_the_row_is_there():
    rows = [spend_row("old5", 5e9, 2025), spend_row("old7", 7e9, 2026)]
    got = attach_all([correction("c1", {}, row_id="old7")], {"a1": TEXT}, {"a1": rows})
    assert got["c1"].row_id == "old7"


def test_a_new_id_is_found_by_evidence_and_anchor_values():
    """The rules changed: both rows got new ids and one a new year; the anchor's amount still tells them apart."""
    anchor = {"company": "ByteDance", "amount_usd": 5e9, "year": 2025}
    rows = [spend_row("new7", 7e9, 2026), spend_row("new5", 5e9, 2024)]
    got = attach_all([correction("c1", anchor, row_id="old5")], {"a1": TEXT}, {"a1": rows})
    assert got["c1"].row_id == "new5"


def test_the_evidence_is_found_again_when_the_text_moves():
    moved = "A new first paragraph.\n" + TEXT
    new_start = moved.index(SENTENCE)
    rows = [spend_row("new5", 5e9, 2025, start=new_start)]
    got = attach_all([correction("c1", {"company": "ByteDance", "amount_usd": 5e9})], {"a1": moved}, {"a1": rows})
    assert got["c1"].row_id == "new5" and got["c1"].span == (new_start, new_start + len(SENTENCE))


def test_a_sentence_split_differently_still_overlaps():
    half = SENTENCE[:SENTENCE.index(" and")] + "."
    row = RowRef("r", "chip_spend", "a1", SENTENCE[:SENTENCE.index(" and")], START, START + len(half) - 1,
                 {"company": "ByteDance", "amount_usd": 5e9})
    got = attach_all([correction("c1", {"company": "ByteDance", "amount_usd": 5e9})], {"a1": TEXT}, {"a1": [row]})
    assert got["c1"].row_id == "r"


def test_when_one_of_two_facts_disappears_its_correction_is_orphaned_not_moved():
    rows = [spend_row("new5", 5e9, 2025)]   # the $7bn fact is no longer found
    corrections = [correction("c5", {"company": "ByteDance", "amount_usd": 5e9}),
                   correction("c7", {"company": "ByteDance", "amount_usd": 7e9})]
    got = attach_all(corrections, {"a1": TEXT}, {"a1": rows})
    assert got["c5"].row_id == "new5"
    assert got["c7"].row_id is None and got["c7"].reason == TAKEN


def test_decisions_on_the_same_fact_share_its_row():
    anchor = {"company": "ByteDance", "amount_usd": 5e9, "year": 2025}
    corrections = [correction("c1", anchor, minute=1), correction("c2", anchor, action="confirm", minute=2)]
    got = attach_all(corrections, {"a1": TEXT}, {"a1": [spend_row("r5", 5e9, 2025)]})
    assert got["c1"].row_id == got["c2"].row_id == "r5"


def test_a_line_without_an_anchor_joins_the_decisions_with_its_row_id():
    corrections = [correction("c1", {"company": "ByteDance", "amount_usd": 5e9}, row_id="r5", minute=1),
                   correction("c2", {}, row_id="r5", action="confirm", minute=2)]
    rows = [spend_row("r5", 5e9, 2025), spend_row("r7", 7e9, 2026)]
    got = attach_all(corrections, {"a1": TEXT}, {"a1": rows})
    assert got["c1"].row_id == got["c2"].row_id == "r5"


def test_a_line_with_neither_id_nor_anchor_needs_a_single_row_at_its_evidence():
    loose = correction("c1", {}, action="confirm")
    one = attach_all([loose], {"a1": TEXT}, {"a1": [spend_row("r5", 5e9, 2025)]})
    two = attach_all([loose], {"a1": TEXT}, {"a1": [spend_row("r5", 5e9, 2025), spend_row("r7", 7e9, 2026)]})
    assert one["c1"].row_id == "r5"
    assert (two["c1"].row_id, two["c1"].reason) == (None, AMBIGUOUS)


def test_a_row_that_agrees_on_nothing_is_not_taken():
    other = RowRef("t", "chip_spend", "a1", SENTENCE, START, START + len(SENTENCE),
                   {"company": "Tencent", "amount_usd": 1e9})
    got = attach_all([correction("c1", {"company": "ByteDance", "amount_usd": 5e9})], {"a1": TEXT}, {"a1": [other]})
    assert (got["c1"].row_id, got["c1"].reason) == (None, NO_MATCH)


def test_orphans_say_why():
    anchor = {"company": "ByteDance", "amount_usd": 5e9}
    corrections = [correction("gone", anchor, article="a2"),
                   correction("edited", anchor, evidence="A sentence the article no longer has."),
                   correction("norow", anchor)]
    got = attach_all(corrections, {"a1": TEXT}, {"a1": []})
    assert [got[c].reason for c in ("gone", "edited", "norow")] == [ARTICLE_MISSING, EVIDENCE_MISSING, NO_ROW]


def test_rows_of_the_other_table_are_not_candidates():
    policy = RowRef("p", "policy_event", "a1", POLICY_SENTENCE, POLICY_START, POLICY_START + len(POLICY_SENTENCE),
                    {"actor_country": "US", "instrument": "tariff"})
    c = correction("c1", {"company": "ByteDance"}, evidence=POLICY_SENTENCE, start=POLICY_START)
    assert attach_all([c], {"a1": TEXT}, {"a1": [policy]})["c1"].reason == NO_ROW


def test_a_policy_correction_matches_country_or_instrument():
    policy = RowRef("p2", "policy_event", "a1", POLICY_SENTENCE, POLICY_START, POLICY_START + len(POLICY_SENTENCE),
                    {"actor_country": "US", "instrument": "export_control"})
    c = correction("c1", {"actor_country": "US", "instrument": "tariff"}, evidence=POLICY_SENTENCE,
                   start=POLICY_START, kind="policy_event")
    assert attach_all([c], {"a1": TEXT}, {"a1": [policy]})["c1"].row_id == "p2"


def test_two_actions_of_one_kind_in_a_sentence_keep_their_own_decisions():
    """"... limited sales in October 2022, and tightened those rules in October 2023": two export controls."""
    rows = [RowRef(f"p{year}", "policy_event", "a1", POLICY_SENTENCE, POLICY_START,
                   POLICY_START + len(POLICY_SENTENCE),
                   {"actor_country": "US", "instrument": "export_control", "event_date": f"{year}-10-01"})
            for year in (2022, 2023)]
    corrections = [correction(f"c{year}", {"actor_country": "US", "instrument": "export_control",
                                           "event_date": f"{year}-10-01"}, row_id=f"p{year}", evidence=POLICY_SENTENCE,
                              start=POLICY_START, kind="policy_event", action="confirm")
                   for year in (2022, 2023)]
    got = attach_all(corrections, {"a1": TEXT}, {"a1": rows})
    assert (got["c2022"].row_id, got["c2023"].row_id) == ("p2022", "p2023")


def test_locate_takes_the_occurrence_nearest_the_recorded_offset():
    text = "Same words. Other. Same words."
    assert locate(text, "Same words.", 18) == (19, 30)
    assert locate(text, "Same words.", 0) == (0, 11)
    assert locate(text, "Missing.", 0) is None


def test_an_added_row_is_placed_at_its_evidence_under_the_correction_id():
    c = correction("add1", {}, action="add")
    placed = place_added(c, TEXT)
    assert placed.row_id == "add1" and placed.span == (START, START + len(SENTENCE))
    assert place_added(c, None).reason == ARTICLE_MISSING
