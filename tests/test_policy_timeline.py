"""Policy round 5: the story's timeline. A span counted from an event the story named and dated ("a week after the
summit", "days after the ban") counts from that event's first dated mention, not from the last date written; a span
from an event the story never dates gives no date; a suspension told later of "the rule" is a step of its own.
Sentences are written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from policy_helpers import DATE_LEN, event_keys, english_policy, policy_lexicon
from transforms.dates import find_dates
from transforms.story_timeline import Timeline, anchored_event

ANCHOR = date(2025, 12, 1)


@pytest.fixture(scope="module")
def lexicon():
    return policy_lexicon()


def dated(text: str) -> list[tuple[str, str, str]]:
    return [(text[d.start:d.end], d.value.isoformat()[:DATE_LEN[d.precision]], d.precision)
            for d in find_dates(text, ANCHOR)]


def rows(text: str, lexicon) -> set[tuple]:
    return event_keys(text, lexicon, ANCHOR, status=True)


# --- the grammar: spans counted from a named event ------------------------------------------------------------

@pytest.mark.parametrize("text, phrase, expected", [
    # the summit's own date, though another date was written between
    ("The presidents held a summit in Seoul on October 2, 2025. Markets rallied on October 6. Ten days after the "
     "summit, Beijing paused its new rules.", "Ten days after the summit", ("2025-10-12", "day")),
    ("Trade ministers met for talks in Oslo on 3 June 2025 and a truce followed on June 20. Two weeks after the talks, "
     "the tariffs were cut.", "Two weeks after the talks", ("2025-06", "month")),
    # the event's date written inside the phrase
    ("A week after the September 25 summit, the cabinet approved chip aid.", "A week after the September 25 summit",
     ("2025-10", "month")),
    ("Three days after Tokyo's May 7 listing, Beijing answered.", "Three days after Tokyo's May 7 listing",
     ("2025-05-10", "day")),
    # no number: hours keep the day, days and weeks give the month they reach
    ("The ministry imposed a ban on chip tools on March 30, 2025. Days after the ban, two fabs stopped orders.",
     "Days after the ban", ("2025-04", "month")),
    ("The ministry imposed a ban on chip tools on March 3, 2025. Hours after the ban, the regulator opened a probe.",
     "Hours after the ban", ("2025-03-03", "day")),
    ("The vote in parliament came on July 28, 2025. Weeks before the vote, lobbyists flooded the capital.",
     "Weeks before the vote", ("2025-07", "month")),
    # the day, week or month after an event, and "within a week of" it
    ("Both leaders met at a summit in Lima on November 14, 2025. The day after the summit, Tokyo lifted its curbs.",
     "The day after the summit", ("2025-11-15", "day")),
    ("The Lima summit took place on November 14, 2025. Within a week of the summit, Tokyo lifted its curbs.",
     "Within a week of the summit", ("2025-11", "month")),
    # the event as the subject of a clause, when the phrase opens the sentence: it dates the main clause
    ("Talks were held in Madrid on 9 September 2025. A day after the talks ended, the US eased its curbs.",
     "A day after", ("2025-09-10", "day")),
])
def test_a_span_counts_from_the_named_events_date(text: str, phrase: str, expected: tuple[str, str]) -> None:
    found = {p: (v, pr) for p, v, pr in dated(text)}
    assert found.get(phrase) == expected, found


@pytest.mark.parametrize("text, phrase", [
    ("Markets fell on October 6, 2025. A week after the summit, Beijing paused its new rules.", "A week after"),
    ("Shares rose on 2 May 2025. Days after the truce, chip orders resumed.", "Days after"),
])
def test_an_event_the_story_never_dates_gives_no_date(text: str, phrase: str) -> None:
    assert all(not p.startswith(phrase) for p, _, _ in dated(text)), dated(text)


def test_the_day_before_counts_back_from_the_date_named_last() -> None:
    assert ("The day before", "2025-05-08", "day") in dated("The rule came on May 9, 2025. The day before, the ministry "
                                                         "had warned chipmakers.")


@pytest.mark.parametrize("text, phrase, expected", [
    # a clause after "after" is dated by the span counted back from the date named last, as before
    ("The listing was published on May 9, 2025. It came a day after the ministry barred exports of drones.",
     "a day after", ("2025-05-08", "day")),
    ("Officials spoke on June 4, 2025. The rules came two days after the rule took effect.", "two days after",
     ("2025-06-02", "day")),
])
def test_a_clause_after_the_span_is_dated_as_before(text: str, phrase: str, expected: tuple[str, str]) -> None:
    found = {p: (v, pr) for p, v, pr in dated(text)}
    assert found.get(phrase) == expected, found


def test_the_first_dated_mention_fixes_an_events_date() -> None:
    text = "A summit on 4 April 2025 was short; the summit on 9 May 2025 ended the feud."
    timeline = Timeline()
    for d in find_dates(text, ANCHOR):
        timeline.note(text, d.start, d.end, d.value, d.precision)
    assert timeline.date_of("summit") == (date(2025, 4, 4), "day")
    assert timeline.date_of("summits") == (date(2025, 4, 4), "day")  # one event, singular or plural


@pytest.mark.parametrize("tail, noun", [
    (" the summit, prices fell", "summit"),
    (" the Busan summit in October", "summit"),
    (" Washington's chip ban on tools", "ban"),
    (" the Trump-Xi meeting.", "meeting"),
    (" the new export controls", "controls"),
    (" the ministry barred the controls.", None),  # a clause, not a noun phrase
    (" the rule took effect", None),
    (" the commerce ministry announced a probe", None),
])
def test_an_event_is_named_by_a_noun_phrase_not_a_clause(tail: str, noun: str | None) -> None:
    event = anchored_event(tail, 0)
    assert (event.noun if event else None) == noun


# --- the policy rows -----------------------------------------------------------------------------------------------

def test_an_act_a_week_after_a_dated_summit_takes_the_summits_date_plus_the_span(lexicon) -> None:
    text = ("Leaders of the two countries met at a summit in Busan on October 30, 2025, and agreed to a pause in the "
            "trade fight.\n\nShares of chipmakers jumped on November 3.\n\nA week after the summit, Beijing suspended "
            "its export controls on gallium and germanium for chipmakers.")
    assert ("CN", "export_control", "delayed", "2025-11") in rows(text, lexicon)


def test_a_suspension_told_of_the_rule_later_is_a_step_of_its_own(lexicon) -> None:
    text = ("The Commerce Department imposed new export controls on AI chips on January 13, 2026.\n\n"
            "Two weeks later, the rule was suspended for a year.")
    found = rows(text, lexicon)
    assert any(r[:2] == ("US", "export_control") and r[2] != "delayed" and r[3] == "2026-01-13" for r in found)
    assert any(r[:3] == ("US", "export_control", "delayed") for r in found), found


def test_a_measure_named_inside_its_suspension_is_no_new_action(lexicon) -> None:
    text = ("The ministry put its October controls on hold for a year on November 7, 2025.\n\n"
            "The ministry confirmed that the export controls it announced on 9 October are suspended for one year.")
    found = rows(text, lexicon)
    assert not any(r[2] != "delayed" and r[3] == "2025-11-07" for r in found), found


# --- statuses and denied intents -----------------------------------------------------------------------------------

def test_a_rate_lifted_to_a_level_is_raised_not_rescinded(lexicon) -> None:
    text = "China's commerce ministry said on Friday it would lift tariffs on US chips to 90% from 60%."
    found = {(e.actor_country, e.instrument, e.status) for e in english_policy(text, lexicon, ANCHOR)}
    assert ("CN", "tariff", "rescinded") not in found and any(r[:2] == ("CN", "tariff") for r in found), found


def test_a_ban_lifted_is_still_rescinded(lexicon) -> None:
    text = "Seoul lifted its ban on chip-tool exports to Vietnam on May 3, 2025."
    assert any(e.status == "rescinded" for e in english_policy(text, lexicon, ANCHOR))


def test_a_denied_intent_is_no_act(lexicon) -> None:
    text = ("The president spoke to reporters about the chip deal on Tuesday, adding that he was not saying he would "
            "impose tariffs on Korean memory chips.")
    assert english_policy(text, lexicon, ANCHOR) == []


def test_a_step_announced_for_the_future_and_undated_is_news_of_the_day(lexicon) -> None:
    text = "Beijing will suspend its export controls on gallium for chipmakers, the commerce ministry said."
    found = english_policy(text, lexicon, ANCHOR)
    assert [(e.actor_country, e.status, e.event_date) for e in found] == [("CN", "delayed", ANCHOR)]


def test_a_future_step_with_its_own_date_keeps_it(lexicon) -> None:
    text = "Beijing will suspend its export controls on gallium for chipmakers on January 5, 2026, the ministry said."
    found = english_policy(text, lexicon, ANCHOR)
    assert [(e.actor_country, e.event_date) for e in found] == [("CN", date(2026, 1, 5))]


def test_a_date_in_a_relative_clause_with_its_own_subject_dates_that_clause(lexicon) -> None:
    text = ("The Commerce Department has suspended the affiliates rule for one year, from December 1, 2025 through "
            "November 30, 2026, under the trade truce with China that the White House announced on November 3.")
    found = english_policy(text, lexicon, ANCHOR)
    assert [(e.status, e.event_date) for e in found] == [("delayed", date(2025, 12, 1))]


@pytest.mark.parametrize("text, trigger_words, dates_it", [
    # the clause is about another noun (the truce): its date is not the suspension's
    ("The ministry suspended the rule under the truce that the White House announced on November 3.",
     "suspended the rule", False),
    # the clause tells what was done to the trigger's own measure: its date is the measure's
    ("It replaces the AI diffusion rule, which the Commerce Department rescinded on May 13.", "AI diffusion rule", True),
])
def test_a_relative_clause_with_its_own_subject_dates_the_noun_it_follows(text, trigger_words, dates_it) -> None:
    from transforms.policy_dates import _dates_another_noun
    from transforms.policy_lexicon import TriggerMatch

    start = text.index(trigger_words)
    trigger = TriggerMatch(start, start + len(trigger_words), "export_control", None)
    mention = find_dates(text, ANCHOR)[-1]
    assert _dates_another_noun(mention, trigger, text, 0) is not dates_it
