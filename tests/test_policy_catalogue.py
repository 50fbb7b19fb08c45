"""The policy catalogue (transforms/policy_catalogue.py, seeds/policy_catalogue.csv): known acts link, date and
complete the rows of both grammars. Every sentence here was written for these tests."""
from __future__ import annotations

import typing
from datetime import date

import pytest

from seeds import SEEDS_DIR
from tests.policy_helpers import article_policy, chinese_policy, extractor
from transforms.article import sha256_hex
from transforms.models import Article, Instrument, PolicyEvent
from transforms.policy_catalogue import (CatalogueError, PolicyCatalogue, agree, load_catalogue,
                                         parse_catalogue_date)
from transforms.reference import load_reference
from transforms.sentences import split_sentences


def rows_of(text: str, published: date | None = date(2026, 2, 11)) -> list[PolicyEvent]:
    return article_policy(text, published, "en")


def keys(rows: list[PolicyEvent]) -> set[tuple]:
    return {(r.actor_country, r.instrument, r.event_date and r.event_date.isoformat(), r.status) for r in rows}


# --- the seed -------------------------------------------------------------------------------------

def test_the_seed_holds_sixty_acts_or_more_each_readable_and_unique():
    table = load_reference(SEEDS_DIR).table("policy_catalogue")
    events = load_catalogue(table)
    assert len(events) >= 60
    assert len({e.event_id for e in events}) == len(events)
    instruments = set(typing.get_args(Instrument))
    for event in events:
        assert event.instrument in instruments, event.event_id
        assert date(2018, 1, 1) <= event.value <= date(2026, 12, 31), event.event_id
        assert event.cues, event.event_id
        assert all(cue.context is not None for cue in event.cues.values()), f"{event.event_id}: no act verb"


def test_a_bad_row_is_a_clear_error():
    with pytest.raises(CatalogueError, match="bad date"):
        parse_catalogue_date("2025-13", "x")
    with pytest.raises(CatalogueError, match="bad pattern"):
        load_catalogue([{"event_id": "x", "actor_country": "US", "actor": "A", "instrument": "other",
                         "date": "2025", "names_en": "(unclosed"}])


def test_dates_agree_at_the_coarser_precision():
    assert agree(date(2025, 11, 9), "day", date(2025, 11, 1), "month")
    assert not agree(date(2025, 11, 9), "day", date(2025, 11, 10), "day")
    assert not agree(date(2024, 11, 9), "day", date(2025, 1, 1), "year")


# --- linking and dating ------------------------------------------------------------------------------

def test_a_suspension_told_without_its_day_takes_the_catalogue_day_and_status():
    text = ("Chip suppliers breathed again this week. Beijing's commerce ministry has paused its prohibition on "
            "selling gallium, germanium and antimony to American buyers, a relief for chipmakers.")
    assert ("CN", "export_control", "2025-11-09", "delayed") in keys(rows_of(text))


def test_a_rule_put_on_hold_links_to_the_suspension_not_to_the_rule():
    text = ("Nvidia's suppliers had braced for paperwork. Washington has put its affiliates rule on hold for a "
            "year under the truce, so chip distributors owned by listed firms can trade again.")
    found = keys(rows_of(text))
    assert ("US", "export_control", "2025-11-10", "delayed") in found
    assert not any(k[2] == "2025-09-29" for k in found)


def test_a_date_the_sentence_states_for_the_act_wins():
    text = ("Chipmakers welcomed the move. On November 12, 2025, the Commerce Department suspended the affiliates "
            "rule that had swept in subsidiaries of blacklisted Chinese chip firms.")
    found = keys(rows_of(text))
    assert any(k[:3] == ("US", "export_control", "2025-11-12") for k in found)
    assert not any(k[2] == "2025-11-10" for k in found)


def test_a_stated_year_of_another_act_with_the_same_name_is_not_linked():
    text = ("Tokyo's trade ministry revised its End User List in September 2021, adding Chinese chip research "
            "institutes to the list.")
    assert not any(r.event_date == date(2025, 9, 29) for r in rows_of(text, date(2026, 1, 20)))


def test_no_act_is_dated_after_the_article():
    text = ("Chip distributors are waiting. Washington has put the affiliates rule on hold for chip suppliers, "
            "officials said.")
    rows = rows_of(text, date(2025, 10, 20))
    assert not any(r.event_date and r.event_date > date(2025, 10, 20) for r in rows)


def test_one_row_per_act_per_article():
    text = ("Nvidia's suppliers had braced for paperwork. Washington has put its affiliates rule on hold for a "
            "year, officials said.\n\nThe suspension of the affiliates rule also covers chip traders, and "
            "Washington says it has put the affiliates rule on hold for everyone.")
    found = [r for r in rows_of(text) if r.event_date == date(2025, 11, 10)]
    assert len(found) == 1


# --- recall ------------------------------------------------------------------------------------------

def test_an_act_the_grammar_has_no_words_for_is_recalled_with_a_lower_confidence():
    catalogue = load_catalogue([{
        "event_id": "my-2025-07-14-permit", "actor_country": "MY", "actor": "Malaysian trade ministry",
        "instrument": "export_control", "date": "2025-07-14", "status": "", "title": "permit",
        "names_en": r"Strategic Trade Permit", "context_en": r"now|needs?", "unless_en": ""}])
    ext = extractor()
    reader = PolicyCatalogue(catalogue, ext.policy_lexicon, ext.chinese.lexicon)
    text = "Nvidia servers leaving Penang now need a Strategic Trade Permit, traders said."
    article = Article(article_id="r1", source="r.txt", url="file:///r.txt", published_on=date(2026, 1, 5),
                      text=text, content_sha256=sha256_hex(text))
    sentences = split_sentences(text)
    rows = reader.apply(article, [], [reader.english_reading(text, sentences, date(2026, 1, 5))])
    assert [(r.actor_country, r.instrument, r.event_date, r.target) for r in rows] == \
        [("MY", "export_control", date(2025, 7, 14), "Strategic Trade Permit")]
    assert rows[0].confidence < 0.6 and rows[0].evidence == text


def test_a_bare_mention_without_the_act_verb_gives_no_row():
    text = ("Semiconductor lawyers are busy. Their clients are still studying the affiliates rule and what it "
            "means for chip distributors.")
    assert not any(r.event_date in (date(2025, 9, 29), date(2025, 11, 10)) for r in rows_of(text))


def test_a_named_act_with_its_verb_is_recalled_in_a_chip_story():
    text = ("Nvidia shares slipped on Monday. Prosecutors charged Chuan Geng and Shiwei Yang of ALX Solutions "
            "last summer, and the case is still pending.")
    assert any(k[:3] == ("US", "investigation", "2025-08-05") for k in keys(rows_of(text)))


def test_off_topic_news_gives_no_catalogue_row():
    text = ("The city council paused road repairs on Main Street. Residents said the new parking rule, "
            "announced on Tuesday, would ease congestion near the stadium. The mayor plans a budget vote.")
    assert rows_of(text) == []


# --- Chinese -----------------------------------------------------------------------------------------

def test_a_chinese_suspension_takes_the_catalogue_day():
    text = "芯片材料企业迎来转机。商务部宣布暂停实施对美国出口镓、锗、锑相关物项的禁令，半导体企业普遍欢迎。"
    rows = chinese_policy(text, date(2026, 1, 5))
    assert any((r.actor_country, r.instrument, r.event_date, r.status) ==
               ("CN", "export_control", date(2025, 11, 9), "delayed") for r in rows)


def test_a_chinese_price_story_naming_the_metals_gives_no_row():
    text = "镓和锗的价格本周上涨，半导体材料贸易商表示库存偏紧。"
    assert chinese_policy(text, date(2026, 1, 5)) == []


def test_a_year_that_modifies_a_noun_is_not_the_acts_date():
    text = ("Nvidia's China business is under pressure. China's market regulator has opened an antitrust probe into "
            "Nvidia over its 2020-approved takeover of Mellanox, the chipmaker said.")
    found = keys(rows_of(text, date(2025, 3, 3)))
    assert any(k[:3] == ("CN", "investigation", "2024-12-09") for k in found)
    assert not any(k[2] and k[2].startswith("2020") for k in found)


def test_an_approval_ban_told_as_no_longer_approving_is_the_december_2024_ban():
    text = ("Chipmakers scrambled for supply. Beijing said sales of gallium, germanium and antimony to the United "
            "States would in principle no longer be approved.")
    assert any(k[:3] == ("CN", "export_control", "2024-12-03") for k in keys(rows_of(text, date(2025, 2, 1))))
