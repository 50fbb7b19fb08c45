"""The corrections file: reading and writing lines, the `name=value` grammar, and what fits each action."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from transforms.corrections import (CorrectionsFileError, fit_problems, header_text, new_line, parse_fields,
                                    parse_line, read_corrections, render_line, split_pairs)

EVIDENCE = 'Tencent plans to spend 20 billion yuan ("about $2.8 billion") on AI chips next year; it said so.'


def line(**changes) -> dict[str, str]:
    base = new_line(action="set", row_kind="chip_spend", article_id="a1", row_id="f1", evidence=EVIDENCE,
                    char_start=10, char_end=10 + len(EVIDENCE), anchor={"company": "Tencent", "amount": 2e10},
                    fields="year=2026", author="ana", note="next year's budget", decided_at="2026-01-05T10:00:00Z")
    return {**base, **changes}


def test_a_written_line_reads_back_whole():
    text = header_text() + render_line(line())
    [c] = read_corrections(text)
    assert (c.action, c.row_kind, c.article_id, c.row_id, c.evidence) == ("set", "chip_spend", "a1", "f1", EVIDENCE)
    assert (c.char_start, c.fields, c.anchor) == (10, {"year": 2026}, {"company": "Tencent", "amount": 2e10})
    assert (c.author, c.note, c.decided_at) == ("ana", "next year's budget", datetime(2026, 1, 5, 10, 0, 0))
    assert c.line_no == text.count("\n")   # the physical line, for messages


def test_comment_header_and_empty_file_have_no_corrections():
    assert read_corrections("") == []
    assert read_corrections(header_text()) == []
    assert read_corrections("# only a comment\n\n") == []


def test_a_header_without_the_columns_is_refused():
    with pytest.raises(CorrectionsFileError, match="lacks .*evidence"):
        read_corrections("correction_id,action,row_kind\nx,reject,chip_spend\n")


def test_a_line_without_an_id_gets_a_stable_one():
    text = header_text() + render_line(line(correction_id=""))
    first, second = read_corrections(text)[0], read_corrections(text)[0]
    assert first.correction_id == second.correction_id and len(first.correction_id) == 16


def test_pairs_split_on_unescaped_semicolons():
    assert split_pairs(r"target=Nvidia\; AMD; year=2026; vendor=; oops") == [
        ("target", "Nvidia; AMD"), ("year", "2026"), ("vendor", ""), ("oops", None)]


def test_amounts_take_scale_words_and_separators():
    values, unknown, bad = parse_fields("chip_spend", "amount=20bn; amount_usd=2,800,000,000; units=230k")
    assert values == {"amount": 2e10, "amount_usd": 2.8e9, "units": 230_000} and not unknown and not bad


def test_an_event_date_sets_its_precision():
    values, _, _ = parse_fields("policy_event", "event_date=2025-10")
    assert values == {"event_date": date(2025, 10, 1), "date_precision": "month"}


def test_an_empty_value_clears_a_field():
    assert parse_fields("chip_spend", "vendor=")[0] == {"vendor": None}


def test_unknown_fields_and_bad_values_are_named_not_raised():
    values, unknown, bad = parse_fields("chip_spend", "yeer=2026; year=next; units=1.5; disputed=maybe")
    assert values == {} and unknown == ["yeer"]
    assert [b.split(":")[0] for b in bad] == ["year", "units", "disputed"]


def test_a_policy_field_is_unknown_on_a_spend_row():
    assert parse_fields("chip_spend", "instrument=tariff")[1] == ["instrument"]


@pytest.mark.parametrize("changes, problem", [
    ({"fields": ""}, "set: no fields"),
    ({"action": "reject"}, "reject: takes no fields"),
    ({"fields": "company="}, "set: company cannot be null"),
    ({"action": "add", "fields": "company=Tencent"}, "add: needs amount or units"),
    ({"action": "add", "fields": "company=Tencent; amount=5"}, "add: an amount needs its currency"),
    ({"action": "add", "row_kind": "policy_event", "fields": "actor_country=US"}, "add: needs instrument"),
])
def test_fields_must_fit_the_action(changes, problem):
    assert problem in fit_problems(parse_line(line(**changes), 1))


def test_a_complete_add_fits():
    c = parse_line(line(action="add", fields="company=Tencent; units=5000; year=2025"), 1)
    assert fit_problems(c) == []


def test_a_timestamp_with_an_offset_becomes_utc():
    c = parse_line(line(decided_at="2026-01-05T18:00:00+08:00"), 1)
    assert c.decided_at == datetime(2026, 1, 5, 10, 0, 0)


def test_an_unparseable_time_is_none_for_the_suite_to_quarantine():
    assert parse_line(line(decided_at="last Tuesday"), 1).decided_at is None
