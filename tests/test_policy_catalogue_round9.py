"""Policy catalogue, round 9: a known act the grammar read under another instrument is relabelled (instrument repair),
and the acts added to seeds/policy_catalogue.csv in round 9 are linked or recalled. Every sentence here was written for
these tests."""
from __future__ import annotations

from datetime import date

import pytest

from seeds import SEEDS_DIR
from tests.policy_helpers import article_policy, chinese_policy, extractor
from transforms.article import sha256_hex
from transforms.models import Article, PolicyEvent
from transforms.policy_catalogue import PolicyCatalogue, load_catalogue
from transforms.reference import load_reference
from transforms.sentences import split_sentences

PUBLISHED = date(2026, 2, 11)


@pytest.fixture(scope="module")
def catalogue() -> PolicyCatalogue:
    ext = extractor()
    events = load_catalogue(load_reference(SEEDS_DIR).table("policy_catalogue"))
    return PolicyCatalogue(events, ext.policy_lexicon, ext.chinese.lexicon)


def grammar_row(text: str, sentence: str, country: str, instrument: str, event_date: date | None = None,
                status: str = "announced", key: str = "r", target: str = "x") -> PolicyEvent:
    """A row as the grammar would give it for `sentence` (a part of `text`), under the instrument it read."""
    start = text.index(sentence)
    return PolicyEvent(event_id=key, article_id="a1", actor_country=country, actor="Beijing", instrument=instrument,
                       target=target, event_date=event_date, date_precision="day" if event_date else None,
                       status=status, confidence=0.9, evidence=sentence, char_start=start,
                       char_end=start + len(sentence))


def apply(catalogue: PolicyCatalogue, text: str, rows: list[PolicyEvent]) -> list[PolicyEvent]:
    article = Article(article_id="a1", source="a.txt", url="file:///a.txt", published_on=PUBLISHED, text=text,
                      content_sha256=sha256_hex(text))
    reading = catalogue.english_reading(text, split_sentences(text), PUBLISHED)
    return catalogue.apply(article, rows, [reading])


# --- instrument repair --------------------------------------------------------------------------------

BAN = "Beijing barred sales of gallium and germanium to American buyers, the commerce ministry said."


def test_a_known_act_read_under_another_instrument_is_relabelled_and_dated(catalogue):
    text = "Chip suppliers scrambled for metals. " + BAN
    rows = apply(catalogue, text, [grammar_row(text, BAN, "CN", "sales_approval")])
    assert [(r.instrument, r.event_date) for r in rows] == [("export_control", date(2024, 12, 3))]


def test_no_relabel_without_the_acts_verb_or_for_another_country(catalogue):
    named = "Beijing's sales of gallium and germanium to American buyers rose in the spring, traders said."
    text = "Chip suppliers scrambled for metals. " + named
    rows = apply(catalogue, text, [grammar_row(text, named, "CN", "sales_approval")])
    assert [(r.instrument, r.event_date) for r in rows] == [("sales_approval", None)]
    text = "Chip suppliers scrambled for metals. " + BAN
    rows = apply(catalogue, text, [grammar_row(text, BAN, "US", "sales_approval")])
    assert [(r.instrument, r.event_date) for r in rows if r.actor_country == "US"] == [("sales_approval", None)]


def test_a_sentence_telling_two_acts_of_other_instruments_is_not_relabelled(catalogue):
    two = ("Beijing barred gallium sales to the United States and opened an antitrust probe into Nvidia over its "
           "Mellanox deal.")
    text = "Chipmakers were rattled. " + two
    rows = apply(catalogue, text, [grammar_row(text, two, "CN", "sales_approval")])
    assert [(r.instrument, r.event_date) for r in rows] == [("sales_approval", None)]


def test_a_sentence_whose_other_row_already_tells_the_act_keeps_both_rows_as_read(catalogue):
    text = "Chip suppliers scrambled for metals. " + BAN
    rows = apply(catalogue, text, [grammar_row(text, BAN, "CN", "export_control", key="a"),
                                   grammar_row(text, BAN, "CN", "sales_approval", key="b")])
    assert sorted((r.instrument, r.event_date) for r in rows) == \
        [("export_control", date(2024, 12, 3)), ("sales_approval", None)]


def test_a_relabelled_row_of_an_act_already_told_is_folded(catalogue):
    first = "Beijing prohibited exports of gallium and antimony to the United States late last year."
    text = first + " Analysts expect prices to rise. " + BAN
    rows = apply(catalogue, text, [grammar_row(text, first, "CN", "export_control", key="a"),
                                   grammar_row(text, BAN, "CN", "sales_approval", key="b")])
    assert [(r.event_id, r.instrument, r.event_date) for r in rows] == [("a", "export_control", date(2024, 12, 3))]


def test_a_relabelled_row_whose_sentence_states_another_year_is_left_as_read(catalogue):
    other = "In March 2023 Beijing barred sales of gallium and germanium to American buyers, the ministry said."
    text = "Chip suppliers scrambled for metals. " + other
    rows = apply(catalogue, text, [grammar_row(text, other, "CN", "sales_approval", date(2023, 3, 1))])
    assert [(r.instrument, r.event_date) for r in rows] == [("sales_approval", date(2023, 3, 1))]


def test_a_stated_day_of_another_act_keeps_the_row_as_read(catalogue):
    listed = "On 24 February 2026 Beijing barred dual-use exports to Japanese military suppliers it put on a list."
    text = "Chip equipment makers in Tokyo were alarmed. " + listed
    rows = apply(catalogue, text, [grammar_row(text, listed, "CN", "entity_list", date(2026, 2, 24))])
    assert [(r.instrument, r.event_date) for r in rows] == [("entity_list", date(2026, 2, 24))]


def test_in_a_sentence_of_several_rows_only_the_row_whose_target_names_the_act_is_relabelled(catalogue):
    many = ("Beijing put duties on American coal, opened a probe into an American search firm and barred sales of "
            "gallium and germanium to American buyers.")
    text = "Chip suppliers scrambled for metals. " + many
    rows = apply(catalogue, text, [
        grammar_row(text, many, "CN", "tariff", key="a", target="American coal"),
        grammar_row(text, many, "CN", "investigation", key="b", target="an American search firm"),
        grammar_row(text, many, "CN", "sales_approval", key="c", target="gallium and germanium to American buyers")])
    assert sorted((r.event_id, r.instrument, r.event_date) for r in rows) == [
        ("a", "tariff", None), ("b", "investigation", None), ("c", "export_control", date(2024, 12, 3))]


def test_an_act_no_row_of_a_several_row_sentence_names_is_recalled(catalogue):
    many = ("Beijing put duties on American coal, opened a probe into an American search firm and barred sales of "
            "gallium and germanium to American buyers.")
    text = "Chip suppliers scrambled for metals. " + many
    rows = apply(catalogue, text, [
        grammar_row(text, many, "CN", "tariff", key="a", target="American coal"),
        grammar_row(text, many, "CN", "investigation", key="b", target="an American search firm")])
    assert sorted((r.actor_country, r.instrument, r.event_date) for r in rows) == [
        ("CN", "export_control", date(2024, 12, 3)), ("CN", "investigation", None), ("CN", "tariff", None)]


# --- acts added in round 9 ---------------------------------------------------------------------------

def keys(text: str, published: date = PUBLISHED) -> set[tuple]:
    return {(r.actor_country, r.instrument, r.event_date and r.event_date.isoformat())
            for r in article_policy(text, published, "en")}


@pytest.mark.parametrize("text, expected", [
    ("Memory makers were caught off guard when Washington revoked the validated end-user status of TSMC's Nanjing "
     "fab.", ("US", "export_control", "2025-09-02")),
    ("Chipmakers braced as the Commerce Department added Shanghai Fudan Microelectronics to the Entity List.",
     ("US", "entity_list", "2025-09-12")),
    ("Beijing added 28 US defence firms to its export control list, and some chip suppliers are among their vendors.",
     ("CN", "entity_list", "2025-01-02")),
    ("Beijing imposed export controls on tungsten, tellurium, bismuth, molybdenum and indium, metals used in chips.",
     ("CN", "export_control", "2025-02-04")),
    ("Chinese regulators told tech platforms to buy Nvidia's H200 only when necessary, such as for university "
     "research.", ("CN", "procurement_guidance", "2026-01-13")),
    ("Semiconductor toolmakers took note after Britain imposed export controls on semiconductor and quantum items.",
     ("GB", "export_control", "2024-03-11")),
    ("Chipmakers in Europe studied the list after the European Commission updated its dual-use list with quantum and "
     "semiconductor equipment.", ("EU", "export_control", "2025-09-08")),
    ("Samsung and SK Hynix won annual licences from Washington to keep shipping American chipmaking tools to their "
     "China fabs.", ("US", "sales_approval", "2025-12-30")),
    ("China's commerce ministry banned exports of dual-use items to Japanese military users, a move that could hit "
     "chip suppliers.", ("CN", "export_control", "2026-01-06")),
    ("Beijing opened an anti-dumping probe into dichlorosilane imported from Japan, a gas used in chipmaking.",
     ("CN", "investigation", "2026-01-07")),
])
def test_a_round_9_act_told_without_its_day_is_dated_by_the_catalogue(text, expected):
    assert expected in keys(text)


def test_samsung_and_sk_hynix_lose_their_waivers_on_their_own_day_not_tsmcs():
    text = ("Memory makers were caught off guard when Washington revoked the validated end-user status of Samsung's "
            "and SK Hynix's China fabs.")
    found = keys(text)
    assert ("US", "export_control", "2025-08-29") in found
    assert not any(k[2] == "2025-09-02" for k in found)


def test_a_fab_that_operated_under_the_waiver_is_no_revocation():
    text = ('Memory makers are nervous. Until now the two firms, along with TSMC, operated under "validated end-user" '
            'status, chip analysts said.')
    assert not any(k[2] in ("2025-08-29", "2025-09-02") for k in keys(text))


def test_a_price_story_naming_the_five_metals_gives_no_row():
    text = "Tellurium and indium prices rose this week, and bismuth traders said chipmakers were buying ahead."
    assert keys(text) == set()


def test_the_dichlorosilane_probe_in_chinese():
    rows = chinese_policy("商务部对原产于日本的二氯二氢硅发起反倾销调查，该产品用于芯片制造。", PUBLISHED)
    assert any((r.actor_country, r.instrument, r.event_date) == ("CN", "investigation", date(2026, 1, 7))
               for r in rows)
