"""Date phrases: each absolute and relative form, year inference, and offsets that slice to the phrase."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.calendar_days import years_with_weekday
from transforms.datelines import infer_anchor_date
from transforms.dates import DateMention, find_dates

ANCHOR = date(2025, 3, 12)  # a Wednesday


def only(text: str, anchor: date | None = ANCHOR) -> DateMention:
    found = find_dates(text, anchor)
    assert len(found) == 1, found
    return found[0]


def as_tuple(m: DateMention) -> tuple[str, str]:
    return m.value.isoformat(), m.precision


# --- absolute dates -------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, phrase, expected", [
    ("The agency issued the rule on March 4, 2024, after a review.", "March 4, 2024", ("2024-03-04", "day")),
    ("The rule was issued on 4 March 2024 after a review.", "4 March 2024", ("2024-03-04", "day")),
    ("Filed 2024-03-04 with the regulator.", "2024-03-04", ("2024-03-04", "day")),
    ("The order dates from Sept. 9, 2022, officials said.", "Sept. 9, 2022", ("2022-09-09", "day")),
    ("The ban started in November 2023 and still holds.", "November 2023", ("2023-11-01", "month")),
    ("Approval came in Oct. 2021.", "Oct. 2021", ("2021-10-01", "month")),
    ("Sales were halted in 2022.", "2022", ("2022-01-01", "year")),
    ("The budget for fiscal 2026 is larger.", "fiscal 2026", ("2026-01-01", "year")),
    ("Shipments resume in Q3 2025.", "Q3 2025", ("2025-01-01", "year")),
    ("Orders rose in the second quarter of 2024.", "the second quarter of 2024", ("2024-01-01", "year")),
    ("Deliveries are planned for late 2026.", "late 2026", ("2026-01-01", "year")),
])
def test_absolute_forms(sentence: str, phrase: str, expected: tuple[str, str]) -> None:
    m = only(sentence)
    assert sentence[m.start:m.end] == phrase
    assert as_tuple(m) == expected
    assert not m.relative


def test_year_not_taken_from_counts_or_money() -> None:
    text = "It bought 2,048 accelerators for $2024 million, a 2030% jump, on 2030s roadmaps."
    assert find_dates(text, ANCHOR) == []


def test_chip_names_are_not_years() -> None:
    assert find_dates("The H200 and the B2000 are faster than the A100.", ANCHOR) == []


# --- dates without a year -------------------------------------------------------------------------

def test_month_day_takes_the_anchor_year() -> None:
    assert as_tuple(only("The licence was revoked on February 27.")) == ("2025-02-27", "day")


def test_month_day_late_in_the_year_before_a_january_anchor_goes_back_a_year() -> None:
    m = only("The ministry acted on December 30.", date(2025, 1, 3))
    assert as_tuple(m) == ("2024-12-30", "day")


def test_month_day_with_this_year() -> None:
    m = only("On June 3 this year the agency wrote to the firm.", date(2025, 8, 1))
    assert as_tuple(m) == ("2025-06-03", "day")


def test_weekday_with_date_in_brackets() -> None:
    text = "On Tuesday (March 11), the ministry said it would respond."
    m = only(text)
    assert text[m.start:m.end] == "Tuesday (March 11)"
    assert as_tuple(m) == ("2025-03-11", "day")


def test_weekday_with_date_pins_the_year_without_anchor() -> None:
    text = "Plans for 2025 were set. On Monday (January 20), the order was signed."
    dates = [as_tuple(m) for m in find_dates(text, None)]
    assert ("2025-01-20", "day") in dates


def test_month_day_without_anchor_or_weekday_is_dropped() -> None:
    assert find_dates("The rule was issued on April 2.", None) == []


def test_years_with_weekday() -> None:
    assert 2025 in years_with_weekday(1, 20, 0)
    assert 2024 not in years_with_weekday(1, 20, 0)


# --- bare months ------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("The probe was opened in January.", "2025-01-01"),
    ("The rules were tightened in December.", "2024-12-01"),          # after the anchor month: last year's
    ("Officials first set out the plan at the end of February.", "2025-02-01"),
    ("Regulators opened that case last December.", "2024-12-01"),
    ("Curbs will take effect in September.", "2025-09-01"),           # future tense: the coming one
    ("The tariff was raised in mid-January.", "2025-01-01"),
])
def test_bare_month_resolution(sentence: str, expected: str) -> None:
    m = only(sentence)
    assert (m.value.isoformat(), m.precision, m.relative) == (expected, "month", True)


def test_modal_may_is_not_a_month() -> None:
    assert find_dates("May I ask what the rule covers?", ANCHOR) == []


def test_may_after_a_preposition_is_a_month() -> None:
    assert as_tuple(only("The list was confirmed in May.", date(2023, 7, 24))) == ("2023-05-01", "month")


# --- relative to the publication date ----------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Spending will double next year.", ("2026-01-01", "year")),
    ("Spending doubled last year.", ("2024-01-01", "year")),
    ("The budget for this year is fixed.", ("2025-01-01", "year")),
    ("The list was expanded earlier this year.", ("2025-01-01", "year")),
    ("The ministry acted earlier this month.", ("2025-03-01", "month")),
    ("The ministry acted last month.", ("2025-02-01", "month")),
    ("Rules take effect next month.", ("2025-04-01", "month")),
    ("The agency opened a probe last week.", ("2025-03-01", "month")),
    ("The agency opened a probe on Monday.", ("2025-03-10", "day")),
    ("The agency opened a probe on Wednesday.", ("2025-03-12", "day")),
    ("The agency opened a probe last Friday.", ("2025-03-07", "day")),
    ("The agency opened a probe yesterday.", ("2025-03-11", "day")),
    ("The agency opened a probe three months ago.", ("2024-12-01", "month")),
    ("The agency opened a probe two days ago.", ("2025-03-10", "day")),
    ("The agency opened a probe over the weekend.", ("2025-03-01", "month")),
    ("The agency opened a probe earlier in the month.", ("2025-03-01", "month")),
    ("The agency opened a probe at the start of this year.", ("2025-01-01", "month")),
    ("The agency opened a probe at the end of last year.", ("2024-12-01", "month")),
    ("Regulators relented over the summer.", ("2025-01-01", "year")),
])
def test_relative_to_anchor(sentence: str, expected: tuple[str, str]) -> None:
    m = only(sentence)
    assert as_tuple(m) == expected
    assert m.relative


def test_last_week_across_a_month_boundary_is_the_month_most_of_it_lies_in() -> None:
    assert as_tuple(only("It happened last week.", date(2025, 3, 5))) == ("2025-02-01", "month")
    assert as_tuple(only("It happened last week.", date(2025, 7, 9))) == ("2025-07-01", "month")  # 30 June-6 July


def test_a_month_day_told_in_the_past_is_the_last_one_before_the_article() -> None:
    found = find_dates("On 3 March the ministry scrapped the rule.", date(2025, 11, 19))
    assert [as_tuple(m) for m in found] == [("2025-03-03", "day")]


def test_a_month_day_followed_by_the_future_lies_ahead() -> None:
    found = find_dates("On 3 March the committee will vote on the rule.", date(2025, 11, 19))
    assert [as_tuple(m) for m in found] == [("2026-03-03", "day")]


def test_a_span_before_an_event_in_ing_is_not_resolved() -> None:
    found = find_dates("On 9 May 2025 it acted, one week before leaving office.", None)
    assert [as_tuple(m) for m in found] == [("2025-05-09", "day")]


def test_comes_two_weeks_after_counts_from_the_publication_date() -> None:
    text = "The quarter ended on April 27. The call comes two weeks after the agency scrapped the rule."
    assert as_tuple(find_dates(text, date(2025, 5, 28))[-1]) == ("2025-05-01", "month")


def test_came_a_day_after_counts_from_the_date_named_last() -> None:
    text = "On Saturday the ministry opened a probe. Those steps came a day after the agency listed 23 firms."
    assert as_tuple(find_dates(text, date(2025, 9, 16))[-1]) == ("2025-09-12", "day")


def test_quarter_keeps_its_number() -> None:
    assert only("Orders rose in Q2 2024.").quarter == 2


def test_relative_phrases_need_an_anchor() -> None:
    assert find_dates("It happened last week, and again on Friday and next year.", None) == []


def test_previous_year_follows_the_year_just_mentioned() -> None:
    found = find_dates("The plan for 2026 doubles spending from the previous year.", ANCHOR)
    assert [as_tuple(m) for m in found] == [("2026-01-01", "year"), ("2025-01-01", "year")]


def test_days_later_follow_the_date_just_mentioned() -> None:
    found = find_dates("On May 2 the rule was issued, and four days later it was extended.", date(2025, 8, 1))
    assert [as_tuple(m) for m in found] == [("2025-05-02", "day"), ("2025-05-06", "day")]


def test_the_previous_day_follows_the_last_day() -> None:
    found = find_dates("On June 9 it said it had been told the previous day.", date(2025, 8, 1))
    assert as_tuple(found[-1]) == ("2025-06-08", "day")


def test_a_day_after_a_clause_dates_the_clause() -> None:
    text = "The probe opened on Friday, a day after the agency added ten firms to its list."
    found = find_dates(text, ANCHOR)
    assert [as_tuple(m) for m in found] == [("2025-03-07", "day"), ("2025-03-06", "day")]


def test_day_units_do_not_chain_from_a_bare_year() -> None:
    text = "On Tuesday the ministry acted. Imports doubled in 2024. The move came a day after the agency acted."
    found = find_dates(text, ANCHOR)
    assert as_tuple(found[-1]) == ("2025-03-10", "day")


# --- anchor inference ---------------------------------------------------------------------------------

def test_dateline_gives_the_anchor() -> None:
    assert infer_anchor_date("OSLO, 3 February 2024 — The ministry said...") == date(2024, 2, 3)


def test_dateline_with_month_first() -> None:
    assert infer_anchor_date("LIMA, June 5, 2022 - Shipments fell.\nMore text.") == date(2022, 6, 5)


def test_dateline_without_a_year_takes_the_year_the_text_names() -> None:
    text = "BEIJING, Jan 2 (Reuters) - Budgets for 2025 were drawn up."
    assert infer_anchor_date(text) == date(2025, 1, 2)


def test_dateline_without_any_year_takes_the_last_past_day() -> None:
    assert infer_anchor_date("BEIJING, Dec 30 (Reuters) - Orders rose.", today=date(2026, 1, 5)) == date(2025, 12, 30)


def test_dateline_with_several_cities() -> None:
    assert infer_anchor_date("OSAKA/SEOUL, May 7, 2024 (Harbour Wire) - Orders rose.") == date(2024, 5, 7)


def test_dateline_with_a_country_and_a_slashed_source() -> None:
    text = "RELEASE\nSUZHOU, China, April 2, 2025 /NewsLine/ -- The plant opened."
    assert infer_anchor_date(text) == date(2025, 4, 2)


@pytest.mark.parametrize("header", [
    "Tuesday, 4 November 2025",
    "Desk note | Tuesday, 4 November 2025",
    "No. 12 | 4 November 2025 - Evening edition",
])
def test_a_short_header_line_with_a_full_date_gives_the_anchor(header: str) -> None:
    text = f"THE WEEKLY WAFER\n{header}\n\nOn 3 March 2024 the ministry acted; in 2023 it had not."
    assert infer_anchor_date(text) == date(2025, 11, 4)


def test_a_sentence_of_the_story_is_no_header() -> None:
    text = "Plans\nOn 3 March 2024 the ministry acted."
    assert infer_anchor_date(text) is None


def test_weekday_and_date_give_the_anchor() -> None:
    text = "Budgets for 2025 were drawn up.\nOn Monday (January 20), the order was signed."
    assert infer_anchor_date(text) == date(2025, 1, 20)


def test_no_anchor_without_clues() -> None:
    assert infer_anchor_date("The ministry said a great many things about chips.") is None


# --- properties -----------------------------------------------------------------------------------

PHRASES = st.sampled_from([
    "on Monday (January 20)", "last week", "in December", "2024", "next year", "the previous year",
    "March 4, 2024", "4 March 2024", "Q2 2025", "five days later", "a day after the agency", "May", "earlier this month",
    "the end of June", "2025-02-30", "February 29", "fiscal 99", "three weeks ago", " ", "(", "—",
])
TEXTS = st.lists(st.one_of(PHRASES, st.text(max_size=12)), max_size=12).map(" ".join)
ANCHORS = st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31)))


@settings(max_examples=200, deadline=None)
@given(TEXTS, ANCHORS)
def test_find_dates_never_raises_and_offsets_are_in_order(text: str, anchor: date | None) -> None:
    found = find_dates(text, anchor)
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end].strip() == text[m.start:m.end]
        if m.precision != "day":
            assert m.value.day == 1
        if m.precision == "year":
            assert m.value.month == 1
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_infer_anchor_date_never_raises(text: str) -> None:
    result = infer_anchor_date(text)
    assert result is None or isinstance(result, date)


def test_weekday_and_date_without_any_year_take_the_latest_past_match() -> None:
    text = "The cluster went live on Friday (April 25), the company said."
    assert infer_anchor_date(text, today=date(2026, 11, 29)) == date(2025, 4, 25)


def test_dateline_needs_a_city_and_a_date() -> None:
    assert infer_anchor_date("In a second statement, the ministry said anti-dumping duties would rise.") is None
