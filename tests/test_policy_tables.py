"""Policy round 5: a timeline table's rows are clauses of their own. A short row is no heading ("| Feb 3, 2025 | Probe
into US analog chips opened | MOFCOM |" tells an act), and a cell that holds only bodies (a "Who" column) names the
actor of every trigger in its row, whatever state the description names. Tables are written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from policy_helpers import event_keys, policy_lexicon
from transforms.policy_lexicon import find_actors

ANCHOR = date(2025, 12, 1)

TABLE = """Chip curbs in 2025: a timeline

Washington and Tokyo both tightened chip rules this year, and Beijing answered each step.

| Date | What happened | Who |
|---|---|---|
| Jan 13, 2025 | Export controls on advanced AI chips tightened | Commerce Department |
| Feb 3, 2025 | Probe into US analog chips opened | MOFCOM |
| Mar 9, 2025 | 23 Chinese firms added to the Entity List | BIS |
| Apr 2, 2025 | Licence requirement for chip tools announced | METI |
"""


@pytest.fixture(scope="module")
def lexicon():
    return policy_lexicon()


def rows(text: str, lexicon) -> set[tuple]:
    return event_keys(text, lexicon, ANCHOR)


def test_each_row_of_a_timeline_table_is_an_act_of_its_who_cell(lexicon) -> None:
    found = rows(TABLE, lexicon)
    assert ("CN", "investigation", "2025-02-03") in found  # a short row is no heading
    assert ("JP", "export_control", "2025-04-02") in found
    assert ("US", "entity_list", "2025-03-09") in found  # "23 Chinese firms" are the listed, BIS lists them
    assert not any(r[:2] == ("CN", "entity_list") for r in found), found


def test_a_who_cell_may_hold_two_bodies(lexicon) -> None:
    text = ("Beijing's steps on chip minerals\n\n"
            "| Date | Step | Issued by |\n|---|---|---|\n"
            "| Oct 9, 2025 | US chip firms put on the unreliable entity list | MOFCOM, General Administration of Customs |\n")
    assert ("CN", "entity_list", "2025-10-09") in rows(text, lexicon)


def test_a_description_cell_with_its_own_words_is_no_who_cell(lexicon) -> None:
    text = ("Chip rules this year\n\n"
            "| Date | Step |\n|---|---|\n"
            "| Mar 9, 2025 | The Commerce Department added 23 Chinese firms to the Entity List |\n")
    assert ("US", "entity_list", "2025-03-09") in rows(text, lexicon)


def test_no_who_cell_in_prose(lexicon) -> None:
    from transforms.policy_actors import table_row_actor
    line = "The Commerce Department | a body of the US | added firms to the list"
    assert table_row_actor(find_actors(line, lexicon), line) is None
    row = "| Mar 9, 2025 | 23 firms added to the Entity List | BIS |"
    actor = table_row_actor(find_actors(row, lexicon), row)
    assert actor is not None and actor.country == "US"
