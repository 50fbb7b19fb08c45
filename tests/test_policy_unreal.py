"""Policy round 4: mentions that tell no act, and two date cases. What a clause says did not happen ("would have
capped sales"), a standing permission told in a relative clause ("the parts Washington still allows to be sold"),
what a state never did ("has never granted a licence"), what a listing means for the listed; a suspension is not
dated by the measure's own participle clause ("the so-called cloud rule published at the end of January"); a finer
date set after a year ("Later in 2025, in early June"). Sentences are written for these tests."""
from __future__ import annotations

import pytest

from policy_helpers import event_keys, policy_lexicon


@pytest.fixture(scope="module")
def lexicon():
    return policy_lexicon()


def rows(text: str, lexicon) -> set[tuple]:
    return event_keys(text, lexicon, status=True)


@pytest.mark.parametrize("text", [
    "A new tariff on Chinese memory chips would have hit both plans.",
    "Most GPU orders went to local designers, with the rest reserved for the slower Nvidia parts that Washington "
    "still allows to be sold to China.",
    "For Nvidia the question is what Washington allows it to sell and what Beijing lets its firms buy.",
    "The quota pushes fabs toward local tool suppliers even for machines that Japanese firms are still permitted "
    "to sell to China.",
    "Lithography tools of the newest kind have never reached China; the Japanese government has never granted a "
    "licence for them.",
    "The Commerce Department added 12 Chinese chip designers to the Entity List on Monday. Listed firms need a "
    "licence for nearly every US-made item.",
])
def test_no_act_is_told(text: str, lexicon) -> None:
    found = rows(text, lexicon)
    assert not {r for r in found if r[1] in ("tariff", "sales_approval", "export_control")}, found


def test_only_the_clause_that_did_not_happen_is_dropped(lexicon) -> None:
    found = rows("The Commerce Department's draft chip rule would have capped GPU sales, but the new administration "
                 "scrapped it in February before it took effect.", lexicon)
    assert found == {("US", "export_control", "rescinded", "2026-02")}


def test_would_have_in_a_relative_clause_is_the_objects(lexicon) -> None:
    found = rows("On Monday, Washington formally dropped the draft AI chip rule, which would have capped GPU sales "
                 "to Malaysia.", lexicon)
    assert ("US", "export_control", "rescinded", "2026-03-16") in found


def test_a_suspension_is_not_dated_by_the_measures_participle(lexicon) -> None:
    found = rows("In return, Washington will pause for a year its new rule widening export restrictions on AI "
                 "chips, the so-called cloud rule published at the end of January.", lexicon)
    delayed = [r for r in found if r[2] == "delayed"]
    assert delayed and all(r[3] != "2026-01" for r in delayed), found


def test_a_finer_date_after_a_year_dates_the_action(lexicon) -> None:
    found = rows("Later in 2025, in early June, Korea announced new export controls on a range of chipmaking items.",
                 lexicon)
    assert found == {("KR", "export_control", "announced", "2025-06")}
