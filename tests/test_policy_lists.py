"""Policy round 5: a list under a lead line. The items of "Its main steps:" or "Washington, for its part, took these
steps:" are acts of the lead's actor; state words inside an item ("15 US firms") are its objects, and an item that
names its own body keeps it. A licence requirement told noun first ("export licences required for ...") is an export
control. Lists are written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from policy_helpers import event_keys, policy_lexicon

ANCHOR = date(2025, 12, 1)

LISTS = """Beijing's answer, step by step

China's Ministry of Commerce has replied to each US move this year. Its main steps:

- February 4: export licences required for tungsten and indium items used in chips.
- March 4: 15 US firms added to the export control list.
- October 9: new controls on rare-earth technology for chipmaking announced.

Washington, for its part, took these steps:

- January 13: a global licence rule for AI chips issued.
- April 15: licences required for H20 sales to China.
"""


@pytest.fixture(scope="module")
def lexicon():
    return policy_lexicon()


def rows(text: str, lexicon) -> set[tuple]:
    return event_keys(text, lexicon, ANCHOR)


def test_items_are_acts_of_the_actor_their_lead_names(lexicon) -> None:
    found = rows(LISTS, lexicon)
    assert ("CN", "entity_list", "2025-03-04") in found  # not the US of "15 US firms"
    assert ("CN", "export_control", "2025-02-04") in found
    assert ("CN", "export_control", "2025-10-09") in found
    assert ("US", "export_control", "2025-04-15") in found
    assert not any(r[:2] == ("US", "entity_list") for r in found), found


def test_an_item_naming_its_own_body_keeps_it(lexicon) -> None:
    text = ("Tokyo's moves on chip tools this year:\n\n"
            "- May 2: licences required for 23 kinds of chipmaking tools.\n"
            "- July 8: the US Commerce Department added 12 Chinese firms to the Entity List, and Tokyo followed.\n")
    found = rows(text, lexicon)
    assert ("JP", "export_control", "2025-05-02") in found
    assert ("US", "entity_list", "2025-07-08") in found


def test_a_list_after_a_paragraph_break_has_no_lead(lexicon) -> None:
    text = ("Japan's trade ministry set out its steps:\n\nMarkets fell on the news.\n\n"
            "- March 4: 15 US firms added to the export control list.\n")
    assert not any(r[0] == "JP" for r in rows(text, lexicon))


@pytest.mark.parametrize("text", [
    "Export licences are now required for gallium items, the Ministry of Commerce said on May 3.",
    "- May 3: export licences required for gallium and germanium used in chips (Ministry of Commerce).",
])
def test_a_licence_requirement_told_noun_first_is_an_export_control(text: str, lexicon) -> None:
    assert any(r[:2] == ("CN", "export_control") for r in rows(text, lexicon))
