"""The publication date a page's first lines state when its metadata gives none (dates.infer_anchor_date).

Sentences written for these tests.
"""
from datetime import date

from transforms.datelines import infer_anchor_date


def test_a_byline_or_issue_line_with_a_full_date_dates_the_page():
    assert infer_anchor_date("Chip notes\nPacific Desk | Thursday, 9 October 2025\n\nThe week began quietly.") == date(2025, 10, 9)
    assert infer_anchor_date("THE WAFER WEEKLY\nNo. 12 · 3 March 2026\nGood morning.") == date(2026, 3, 3)


def test_a_dateline_with_several_places_or_a_country_dates_the_page():
    assert infer_anchor_date("SEOUL/TOKYO, April 2, 2025 (Harbour Wire) - Two makers said they would buy chips.") == date(2025, 4, 2)
    assert infer_anchor_date("HEFEI, China, May 8, 2026 /Newsline/ -- The city opened a computing centre.") == date(2026, 5, 8)


def test_a_dated_sentence_in_the_body_does_not_date_the_page():
    assert infer_anchor_date("On 10 June 2025 the ministry said it would review the sales.") is None
    assert infer_anchor_date("Title\nThe ministry said on 10 June 2025 that it would act, officials said.") is None


def test_a_deadline_in_a_title_does_not_date_the_page():
    assert infer_anchor_date("Tencent to spend $10bn on AI chips by March 31, 2026\nThe company said so.") is None
    assert infer_anchor_date("Chip notes\nPosted on 4 May 2025\nThe week began quietly.") == date(2025, 5, 4)


def test_a_header_line_s_separators_are_not_words():
    # the separators of a table-like masthead do not push it past the header's word limit
    assert infer_anchor_date("| THE FAB LEDGER | Edition 48 · Tuesday 3 June 2025 |\nThree stories this week.") == date(2025, 6, 3)
    assert infer_anchor_date("| Compute Desk | Vol. 9 | No. 31 | Monday, 7 July 2025 |\nGood morning.") == date(2025, 7, 7)
    assert infer_anchor_date("Wafer notes · Issue 5 · Friday 21 November 2025 · Members only\nHello.") == date(2025, 11, 21)


def test_a_line_holding_only_a_date_in_figures_dates_the_page_when_its_order_is_clear():
    assert infer_anchor_date("SERVER WATCH: a big week\n23/04/2025\nAsia desk\n\nThe buyers are back.") == date(2025, 4, 23)
    assert infer_anchor_date("Carrier brief\n04/23/2025\n\nThe buyers are back.") == date(2025, 4, 23)
    assert infer_anchor_date("Carrier brief\n7.19.2026\n\nThe buyers are back.") == date(2026, 7, 19)


def test_a_date_in_figures_whose_order_is_in_doubt_or_that_runs_on_in_prose_dates_nothing():
    assert infer_anchor_date("Carrier brief\n04/05/2025\n\nThe buyers are back.") is None
    assert infer_anchor_date("Carrier brief\nThe tender closed on 23/04/2025 with six bidders.") is None


def test_a_sentence_of_the_story_set_in_a_table_row_is_no_header():
    assert infer_anchor_date("| Compute Brief | posted 12 January 2026 |\nThree notes.") == date(2026, 1, 12)
    assert infer_anchor_date("| Note | The ministry said on 10 June 2025 that it would review the sales of chips. |") is None
