"""Policy events: each instrument family, actors, dates, sizes, status and one event per action."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seeds import SEEDS_DIR
from transforms.entities import CompanyGazetteer
from transforms.models import Article, PolicyEvent
from transforms.policy import PolicyPatternError, build_policy_lexicon, compile_phrase, extract_policy
from transforms.reference import ReferenceData, load_reference
from transforms.sentences import split_sentences

ANCHOR = date(2025, 3, 12)  # a Wednesday


@pytest.fixture(scope="module")
def scoped_lexicon():
    ref = load_reference(SEEDS_DIR)
    return build_policy_lexicon(ref, CompanyGazetteer.from_rows(ref.table("companies")))


@pytest.fixture(scope="module")
def lexicon(scoped_lexicon):
    """The grammar alone: without the scope filter, so that a sentence about any goods tests it
    (tests/test_scope.py tests the filter)."""
    return replace(scoped_lexicon, scope=None)


def run(text: str, lexicon, anchor: date | None = ANCHOR) -> list[PolicyEvent]:
    article = Article(article_id="t1", source="test.txt", url="file:///test.txt", text=text,
                      content_sha256="0" * 64, published_on=anchor)
    return extract_policy(article, split_sentences(text), anchor, lexicon)


def keys(events: list[PolicyEvent]) -> set[tuple[str, str]]:
    return {(e.actor_country, e.instrument) for e in events}


def only(text: str, lexicon, anchor: date | None = ANCHOR) -> PolicyEvent:
    events = run(text, lexicon, anchor)
    assert len(events) == 1, [(e.actor_country, e.instrument, e.event_date) for e in events]
    return events[0]


# --- the seed pattern language ------------------------------------------------------------------------

def test_phrase_star_gap_and_optional_word() -> None:
    pattern = compile_phrase("(require*|need*) ~ (an )?licen(c|s)e* (before)?")
    assert pattern.search("exporters will need government licences soon")
    assert pattern.search("it requires a license before shipping").group().endswith("before")
    assert not pattern.search("the licence was renewed")


def test_phrase_hyphen_matches_space_or_nothing() -> None:
    pattern = compile_phrase("anti-dumping")
    assert all(pattern.search(t) for t in ("an anti-dumping case", "an anti dumping case", "an antidumping case"))


def test_phrase_double_gap_reaches_sixteen_words() -> None:
    pattern = compile_phrase("charged ~ ~ with")
    assert pattern.search("prosecutors charged three men, Ann Lee, Bo Wu, Cy Tan and Di Ho, all traders, with fraud")
    assert not compile_phrase("charged ~ with").search("charged three men, Ann Lee, Bo Wu, Cy Tan and Di Ho, with fraud")


def test_phrase_gap_may_follow_a_comma_written_in_the_phrase() -> None:
    assert compile_phrase("rule, ~ was suspended").search("The rule, first issued in May, was suspended")


def test_phrase_gap_may_open_with_an_aside_but_not_with_a_relative_clause() -> None:
    assert compile_phrase("rule ~ was suspended").search("The rule, first issued in May, was suspended")
    assert not compile_phrase("rule ~ was suspended").search("The rule, which dates from May, was suspended")


def test_a_veto_inside_a_longer_trigger_does_not_drop_it(lexicon) -> None:
    text = "The chip rule covering subsidiaries of blacklisted firms was published by the Commerce Department on Monday."
    assert keys(run(text, lexicon)) == {("US", "export_control")}


def test_a_trigger_row_with_an_unknown_status_hint_is_refused() -> None:
    ref = load_reference(SEEDS_DIR)
    rows = ({"instrument": "tariff", "trigger": "levy", "status_hint": "maybe"},)
    bad = ReferenceData({**ref.tables, "policy_triggers": rows})
    with pytest.raises(PolicyPatternError, match="status_hint"):
        build_policy_lexicon(bad)


def test_bad_phrase_raises_a_named_error() -> None:
    with pytest.raises(PolicyPatternError):
        compile_phrase("(unclosed")


# --- one sentence per instrument family -------------------------------------------------------------

@pytest.mark.parametrize("sentence, key", [
    ("On Monday the Commerce Department imposed new export controls on advanced memory chips.", ("US", "export_control")),
    ("Washington barred sales of the accelerator to Chinese buyers in 2023.", ("US", "export_control")),
    ("Japan's trade ministry said shipments of lithography tools will require a licence.", ("JP", "export_control")),
    ("The White House raised tariffs on Chinese solar cells to 60% last week.", ("US", "tariff")),
    ("Beijing answered with a 34% levy on American farm goods.", ("CN", "tariff")),
    ("China's Ministry of Commerce opened an anti-dumping investigation into US-made sensors on Tuesday.",
     ("CN", "investigation")),
    ("The CAC summoned the chipmaker over security risks in its accelerators.", ("CN", "investigation")),
    ("The Commerce Department added 12 Chinese labs to its Entity List on Friday.", ("US", "entity_list")),
    ("The Treasury Department imposed sanctions on two chip brokers in Hong Kong.", ("US", "sanction")),
    ("Chinese regulators told state-owned banks to stop buying foreign servers.", ("CN", "procurement_guidance")),
    ("The Commerce Department began granting export licences for the accelerator on Monday.",
     ("US", "sales_approval")),
    ("President Trump signed an executive order on chip supply chains on Monday.", ("US", "executive_order")),
    ("The US Congress passed a bill tightening oversight of chip exports.", ("US", "legislation")),
    ("The European Commission approved subsidies for a new fab in Dresden.", ("EU", "subsidy")),
    ("Malaysia's trade ministry said exporters would need a permit to ship US-made AI chips.", ("MY", "export_control")),
    ("The Dutch government prevented the toolmaker from selling its scanners to China.", ("NL", "export_control")),
])
def test_instrument_families(sentence: str, key: tuple[str, str], lexicon) -> None:
    events = run(sentence, lexicon)
    assert key in keys(events), [(e.actor_country, e.instrument) for e in events]


def test_a_sentence_without_a_state_actor_has_no_event(lexicon) -> None:
    assert run("Analysts said export controls have hurt the toolmaker's sales.", lexicon) == []


def test_a_company_guidance_on_capex_is_not_procurement_guidance(lexicon) -> None:
    text = "Beijing-based Orbit Cloud said spending would come in below its own guidance this year."
    assert run(text, lexicon) == []


def test_quoted_speech_is_not_an_action(lexicon) -> None:
    text = "\u201cWe would put tariffs on every chip they sell here,\u201d the senator told reporters."
    assert run(text, lexicon) == []


def test_a_negated_tightening_is_not_an_action(lexicon) -> None:
    assert run("The forecast assumes Washington does not tighten its rules again.", lexicon) == []


# --- actors --------------------------------------------------------------------------------------------

def test_the_state_in_the_target_is_not_the_actor(lexicon) -> None:
    event = only("China launched a probe into US chip subsidies on Friday.", lexicon)
    assert (event.actor_country, event.instrument) == ("CN", "investigation")


def test_possessive_actor_after_a_preposition(lexicon) -> None:
    text = "Orders may face headwinds from the Biden administration's new export controls."
    assert keys(run(text, lexicon)) == {("US", "export_control")}


def test_generic_body_takes_the_country_named_before(lexicon) -> None:
    text = "Beijing hit back quickly.\nOn Thursday the commerce ministry banned exports of gallium to the US."
    assert keys(run(text, lexicon)) == {("CN", "export_control")}


def test_pronoun_subject_takes_the_last_actor(lexicon) -> None:
    text = ("On Tuesday the commerce ministry of China opened an anti-dumping probe into US sensors. "
            "It also opened a separate anti-discrimination probe into US measures.")
    events = run(text, lexicon)
    assert [(e.actor_country, e.instrument) for e in events] == [("CN", "investigation")] * 2


def test_relative_clause_subject(lexicon) -> None:
    text = "Both Tokyo and Seoul acted after pressure from Washington, which in May 2024 imposed curbs on exports of tools."
    event = only(text, lexicon)
    assert (event.actor_country, event.event_date, event.date_precision) == ("US", date(2024, 5, 1), "month")


# --- dates ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected, precision", [
    ("In September 2024, the US announced a tariff hike on Chinese batteries.", date(2024, 9, 1), "month"),
    ("On Monday (March 10), the Commerce Department added 9 firms to its Entity List.", date(2025, 3, 10), "day"),
    ("The commerce ministry of China opened a probe into US analog chips last week.", date(2025, 3, 1), "month"),
    ("Earlier this month Beijing told carriers to stop buying foreign routers.", date(2025, 3, 1), "month"),
    ("In December the White House imposed tariffs on Chinese legacy chips.", date(2024, 12, 1), "month"),
    ("Washington has barred exports of top accelerators to China since 2022.", date(2022, 1, 1), "year"),
    ("On February 3 the Commerce Department imposed export controls on memory.", date(2025, 2, 3), "day"),
])
def test_event_dates(sentence: str, expected: date, precision: str, lexicon) -> None:
    event = only(sentence, lexicon)
    assert (event.event_date, event.date_precision) == (expected, precision)


def test_undated_action_has_no_date(lexicon) -> None:
    assert only("The Commerce Department imposed export controls on memory.", lexicon).event_date is None


def test_dateline_date_is_not_the_event_date(lexicon) -> None:
    text = "OSLO, 3 February 2025 — The Dutch government imposed export controls on scanners."
    assert only(text, lexicon, date(2025, 2, 3)).event_date is None


def test_opening_date_beats_an_effective_date(lexicon) -> None:
    text = ("Earlier this month Beijing announced that, starting next month, exporters of two minor metals "
            "will need licences.")
    event = only(text, lexicon, date(2023, 7, 24))
    assert (event.event_date, event.date_precision) == (date(2023, 7, 1), "month")


def test_a_day_after_a_clause_dates_that_clause(lexicon) -> None:
    text = ("On Saturday the commerce ministry of China opened an anti-dumping probe into US sensors. "
            "That came a day after the Commerce Department added 23 Chinese firms to its Entity List.")
    listed = [e for e in run(text, lexicon, date(2025, 9, 18)) if e.instrument == "entity_list"]
    assert listed[0].event_date == date(2025, 9, 12)


def test_continuation_takes_the_paragraph_date(lexicon) -> None:
    text = ("On March 4 the Commerce Department imposed export controls on memory chips. "
            "The department also added 30 entities to its Entity List.")
    listed = [e for e in run(text, lexicon) if e.instrument == "entity_list"]
    assert (listed[0].event_date, listed[0].magnitude, listed[0].magnitude_unit) == (date(2025, 3, 4), 30, "units")


def test_weekday_in_article_without_publication_date(lexicon) -> None:
    text = "Plans for 2025 were drawn up. On Monday (January 20), Trump signed an executive order on chip tariffs."
    events = run(text, lexicon, anchor=None)
    assert [(e.instrument, e.event_date) for e in events] == [("executive_order", date(2025, 1, 20))]


# --- one event per action ------------------------------------------------------------------------------

def test_the_same_action_mentioned_twice_is_one_event(lexicon) -> None:
    text = ("China's market regulator said on Monday it had opened an investigation into the chipmaker. "
            "The probe adds pressure on US firms. The SAMR investigation could take months.")
    events = run(text, lexicon)
    assert [(e.actor_country, e.instrument, e.event_date) for e in events] == [
        ("CN", "investigation", date(2025, 3, 10))]


def test_two_actions_in_one_sentence_are_two_events(lexicon) -> None:
    text = ("The Commerce Department published rules on October 17, 2023, which tightened controls "
            "first imposed in October 2022.")
    assert sorted(e.event_date for e in run(text, lexicon)) == [date(2022, 10, 1), date(2023, 10, 17)]


def test_two_states_acting_together_are_two_events(lexicon) -> None:
    text = "In 2023 Japan and the Netherlands imposed curbs on exports of chipmaking tools."
    assert keys(run(text, lexicon)) == {("JP", "export_control"), ("NL", "export_control")}


def test_a_list_of_states_each_acts(lexicon) -> None:
    text = "By 2024 Washington, Tokyo and The Hague had all imposed curbs on exports of chipmaking tools."
    assert keys(run(text, lexicon)) == {("US", "export_control"), ("JP", "export_control"), ("NL", "export_control")}


def test_two_instruments_in_one_sentence(lexicon) -> None:
    text = "On Monday the Commerce Department imposed export controls on memory and added 140 entities to its Entity List."
    assert keys(run(text, lexicon)) == {("US", "export_control"), ("US", "entity_list")}


def test_a_vaguer_date_joins_the_precise_one(lexicon) -> None:
    text = ("Washington imposed export controls on memory in December 2024. "
            "Those US export controls, unveiled on December 2, 2024, hit toolmakers.")
    events = run(text, lexicon)
    assert [(e.event_date, e.date_precision) for e in events] == [(date(2024, 12, 2), "day")]


def test_a_reference_back_dates_an_undated_action(lexicon) -> None:
    text = ("Chinese authorities have told state-backed data centres to use only domestic chips. "
            "The planning commission issued the guidance earlier this month.")
    events = run(text, lexicon)
    assert [(e.actor_country, e.instrument, e.event_date) for e in events] == [
        ("CN", "procurement_guidance", date(2025, 3, 1))]


def test_the_object_of_a_delay_is_not_a_second_event(lexicon) -> None:
    text = "President Trump signed an executive order on Monday that postpones higher tariffs on Chinese goods by 90 days."
    event = only(text, lexicon)
    assert (event.instrument, event.magnitude, event.magnitude_unit, event.status) == (
        "executive_order", 90, "days", "delayed")


def test_an_order_delaying_tariffs_is_one_event(lexicon) -> None:
    text = ("President Trump signed an executive order on August 11, 2024 delaying higher tariffs on Chinese imports "
            "by 75 days.")
    assert [(e.instrument, e.magnitude) for e in run(text, lexicon)] == [("executive_order", 75)]


def test_newspapers_named_after_places_are_not_actors(lexicon) -> None:
    text = "The Washington Post reported tariffs on Chinese chips, and the China Daily said export controls hurt."
    assert run(text, lexicon) == []


def test_a_state_name_inside_a_company_name_is_not_an_actor(lexicon) -> None:
    assert run("China Mobile spent RMB 12 billion on marketing and user subsidies last year.", lexicon) == []


# --- size, target, status ------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, magnitude, unit", [
    ("The White House raised tariffs on Chinese chips to 50% last week.", 50, "percent"),
    ("In August the Trump administration began granting licences on condition that 15 per cent of revenue "
     "goes to the government.", 15, "percent"),
    ("The Commerce Department added 140 entities to its Entity List on Monday.", 140, "units"),
])
def test_magnitudes(sentence: str, magnitude: float, unit: str, lexicon) -> None:
    event = only(sentence, lexicon)
    assert (event.magnitude, event.magnitude_unit) == (magnitude, unit)


@pytest.mark.parametrize("sentence, status", [
    ("Trump has threatened to raise tariffs on Chinese goods.", "threatened"),
    ("The Biden administration is reportedly considering caps on sales of chips to the Gulf.", "proposed"),
    ("Japan's curbs on exports of etching tools came into force on Sunday.", "in_effect"),
    ("China's internet regulator has told platforms to stop buying the chip, the newspaper said, "
     "according to people familiar with the matter.", "reported"),
])
def test_status(sentence: str, status: str, lexicon) -> None:
    assert only(sentence, lexicon).status == status


def test_a_standing_measure_from_long_ago_is_in_effect(lexicon) -> None:
    assert only("In October 2022 Washington imposed curbs on exports of chip tools.", lexicon).status == "in_effect"


def test_a_recent_measure_without_cues_is_announced(lexicon) -> None:
    assert only("On Monday Washington imposed curbs on exports of chip tools.", lexicon).status == "announced"


def test_target_is_a_short_phrase_after_the_trigger(lexicon) -> None:
    event = only("China launched a probe into US chip subsidies on Friday.", lexicon)
    assert event.target == "US chip subsidies"


def test_rows_carry_evidence_offsets_and_stable_ids(lexicon) -> None:
    text = "Nothing here.\nOn Monday the Commerce Department added 12 Chinese labs to its Entity List."
    first, second = run(text, lexicon), run(text, lexicon)
    assert [e.event_id for e in first] == [e.event_id for e in second]
    event = first[0]
    assert text[event.char_start:event.char_end] == event.evidence
    assert event.evidence.startswith("On Monday")
    assert len(event.event_id) == 16


def test_nothing_in_an_article_without_policy(lexicon) -> None:
    text = "The phone maker unveiled a new handset on Tuesday. It costs 5,999 yuan and ships in 2025."
    assert run(text, lexicon) == []


# --- references, deadlines, effective dates, responses -------------------------------------------------

def test_a_reference_to_an_unreported_action_is_not_an_event(lexicon) -> None:
    assert run("China's commerce ministry said on Wednesday it firmly opposed the guidance.", lexicon) == []


def test_a_named_action_after_its_noun_is_an_event(lexicon) -> None:
    text = "The chip forecasts look cautious. The licence requirement imposed on accelerator shipments in April hurt sales."
    events = run(text, lexicon)
    assert events == [] or [(e.instrument, e.event_date) for e in events] == [("export_control", date(2025, 4, 1))]


def test_a_backdrop_measure_does_not_take_the_date_of_the_speech(lexicon) -> None:
    text = "The chief executive spoke to analysts on Wednesday, even as US export controls limit the chips it can buy."
    assert only(text, lexicon).event_date is None


def test_a_counterfactual_is_not_an_action(lexicon) -> None:
    assert run("Without the order, US duties on Chinese goods would have climbed to 145%.", lexicon) == []


def test_a_deadline_does_not_date_the_action(lexicon) -> None:
    event = only("Beijing asked state carriers to phase out foreign chips by 2027.", lexicon)
    assert (event.actor_country, event.instrument, event.event_date) == ("CN", "procurement_guidance", None)


def test_a_deadline_leaves_an_action_told_in_the_present_to_its_publication_date(lexicon) -> None:
    event = only("Beijing has asked state carriers to phase out foreign chips by 2027.", lexicon)
    assert (event.event_date, event.date_precision) == (ANCHOR, "day")


def test_an_effective_date_folds_into_the_announced_rule(lexicon) -> None:
    text = ("The Netherlands published its own rules last month. "
            "From September 1, companies there will need an export licence for some scanners.")
    events = run(text, lexicon, date(2023, 7, 24))
    assert [(e.actor_country, e.event_date) for e in events] == [("NL", date(2023, 6, 1))]


def test_the_announcement_date_beats_the_date_it_takes_effect(lexicon) -> None:
    text = "The Commerce Department said on Monday it would impose export controls on memory from April 15."
    assert only(text, lexicon).event_date == date(2025, 3, 10)


def test_a_response_takes_the_date_of_the_action_it_answers(lexicon) -> None:
    text = ("President Trump signed an executive order on Monday that postpones higher tariffs on Chinese goods.\n"
            "Beijing mirrored the move within hours, keeping a 10% tariff on US goods in place.")
    cn = [e for e in run(text, lexicon, date(2025, 8, 12)) if e.actor_country == "CN"]
    assert [(e.instrument, e.event_date, e.magnitude) for e in cn] == [("tariff", date(2025, 8, 11), 10)]


def test_a_continuation_names_neither_actor_nor_date(lexicon) -> None:
    text = ("The Commerce Department on Monday placed 140 firms on its Entity List.\n"
            "Most of them make chipmaking tools.\n"
            "The same package put new export controls on high-bandwidth memory.")
    events = run(text, lexicon)
    assert {(e.actor_country, e.instrument, e.event_date) for e in events} == {
        ("US", "entity_list", date(2025, 3, 10)), ("US", "export_control", date(2025, 3, 10))}


def test_a_company_halting_shipments_is_not_a_state_action(lexicon) -> None:
    text = "The White House raised tariffs on Chinese goods in January. Nvidia halted shipments of the chip to China."
    assert [(e.instrument, e.event_date) for e in run(text, lexicon)] == [("tariff", date(2025, 1, 1))]


def test_a_state_that_owns_a_company_is_not_the_actor(lexicon) -> None:
    text = "Taiwan has added China's biggest telecom equipment maker to its export control entity list."
    assert keys(run(text, lexicon)) == {("TW", "entity_list")}


def test_another_states_measure_in_a_complaint_is_not_an_event(lexicon) -> None:
    text = ("On Saturday China's commerce ministry opened an anti-discrimination probe into American measures, "
            "describing Washington's export controls and tariffs as protectionist.")
    assert keys(run(text, lexicon, date(2025, 9, 14))) == {("CN", "investigation")}


def test_complying_with_or_evading_rules_is_not_an_action(lexicon) -> None:
    text = ("The H30 was designed to comply with US export rules. "
            "Smugglers used shell firms to get around US export controls.")
    assert run(text, lexicon) == []


@pytest.mark.parametrize("sentence, instrument, status", [
    ("The Trump administration on Tuesday rescinded the AI diffusion rule.", "export_control", "rescinded"),
    ("Washington suspended the affiliates rule for one year on Monday.", "export_control", "delayed"),
    ("The White House said on Friday it would delay tariffs on Chinese chips for 90 days.", "tariff", "delayed"),
])
def test_rescinded_and_delayed_actions(sentence: str, instrument: str, status: str, lexicon) -> None:
    event = only(sentence, lexicon)
    assert (event.instrument, event.status) == (instrument, status)


# --- properties ---------------------------------------------------------------------------------------

PIECES = st.sampled_from([
    "The Commerce Department", "imposed export controls", "on Monday (January 20)", "China", "launched a probe",
    "into US chip subsidies", "last week", ".", ",", "\n", "It also", "the ministry", "tariffs of 25%", "\u201c",
    "\u201d", "Entity List", "added 140 entities to its", "in December", "Beijing told banks to stop buying chips",
    "since 2019", "the previous day", "guidance", "would need a licence",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=25).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(text=TEXTS, anchor=st.one_of(st.none(), st.dates(min_value=date(2010, 1, 1), max_value=date(2035, 12, 31))))
def test_extract_policy_never_raises_and_offsets_slice_to_evidence(text: str, anchor: date | None, lexicon) -> None:
    for event in run(text, lexicon, anchor):
        assert text[event.char_start:event.char_end] == event.evidence
        assert event.target
        if event.event_date is not None:
            assert event.date_precision in ("day", "month", "year")
