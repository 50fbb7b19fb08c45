"""Scope: policy events count only when they touch chips, AI compute or the Chinese tech firms we track."""
from __future__ import annotations

from datetime import date

import pytest

from seeds import SEEDS_DIR
from transforms.entities import CompanyGazetteer
from transforms.models import Article, PolicyEvent
from transforms.policy import build_policy_lexicon, extract_policy
from transforms.reference import load_reference
from transforms.scope import ArticleScope, build_scope_vocabulary
from transforms.sentences import split_sentences

ANCHOR = date(2025, 6, 18)


@pytest.fixture(scope="module")
def reference():
    return load_reference(SEEDS_DIR)


@pytest.fixture(scope="module")
def vocabulary(reference):
    return build_scope_vocabulary(reference)


@pytest.fixture(scope="module")
def lexicon(reference):
    return build_policy_lexicon(reference, CompanyGazetteer.from_rows(reference.table("companies")))


def events(text: str, lexicon) -> list[PolicyEvent]:
    article = Article(article_id="s1", source="s.txt", url="file:///s.txt", text=text, content_sha256="0" * 64,
                      published_on=ANCHOR)
    return extract_policy(article, split_sentences(text), ANCHOR, lexicon)


def evidence(text: str, vocabulary, index: int = 0) -> str | None:
    return ArticleScope(text, split_sentences(text), vocabulary).evidence(index)


@pytest.mark.parametrize("sentence", [
    "The ministry widened its curbs on shipments of etching tools for semiconductor plants.",
    "Regulators capped sales of the H20 to local buyers.",  # a chip model of seeds/chips.csv
    "The agency opened a probe into Cambricon.",  # a Chinese chip designer of seeds/companies.csv
    "Officials summoned executives of Xiaomi.",  # a Chinese tech firm of seeds/companies.csv
    "The cabinet backed a plan for national computing power hubs.",
    "The ministry fined Nexperia's parent.",  # a chipmaker named in seeds/scope_cues.csv
    "Lawmakers want AI labs to report their training runs.",
])
def test_a_sentence_with_a_cue_is_in_scope(sentence: str, vocabulary) -> None:
    assert evidence(sentence, vocabulary) == "sentence"


@pytest.mark.parametrize("sentence", [
    "The ministry widened its curbs on shipments of soybeans.",
    "Officials summoned the envoy over the airline dispute.",
    "The budget adds subsidies for farmers who stop burning stubble.",
    "Doctors issued new guidance on heart medication.",
    "He said the ai of the plan was unclear.",  # "AI" counts only in capitals
    "The Treasury imposed tariffs on $120 billion of phones, laptops and shoes.",
])
def test_a_sentence_without_a_cue_is_out_of_scope(sentence: str, vocabulary) -> None:
    assert evidence(sentence, vocabulary) is None


def test_a_neighbour_in_the_paragraph_puts_a_sentence_in_scope(vocabulary) -> None:
    text = "The rules cover advanced memory chips. They were announced by the ministry on Friday."
    assert evidence(text, vocabulary, 1) == "neighbour"


def test_the_sentence_two_places_away_is_no_neighbour(vocabulary) -> None:
    text = "The rules cover advanced memory chips. Exporters were told on Friday. A levy on wheat followed."
    assert evidence(text, vocabulary, 2) is None


def test_the_paragraph_before_counts_when_it_is_prose(vocabulary) -> None:
    text = "The rules cover advanced memory chips.\nThose steps came a day after the ministry added firms to a list."
    assert evidence(text, vocabulary, 1) == "neighbour"


def test_a_heading_is_no_neighbour(vocabulary) -> None:
    text = "4) NOT ABOUT CHIPS: WHEAT\nThe ministry put a 20% levy on wheat from Canada."
    assert evidence(text, vocabulary, 1) is None


def test_out_of_scope_policy_news_gives_no_row(lexicon) -> None:
    text = ("Lawmakers voted to open an impeachment investigation into the governor.\n"
            "The agriculture ministry announced subsidies for farmers who plant less rice.\n"
            "Washington imposed a 15% tariff on imported sneakers and televisions.\n"
            "The health ministry issued guidance on hospital visits.")
    assert events(text, lexicon) == []


def test_in_scope_policy_news_gives_its_rows(lexicon) -> None:
    text = ("Washington imposed a 25% tariff on imported semiconductors on Monday.\n"
            "The same day the Commerce Department added Biren to its Entity List.")
    assert {(e.actor_country, e.instrument) for e in events(text, lexicon)} == {("US", "tariff"), ("US", "entity_list")}


def test_a_chip_article_aside_on_farm_trade_gives_no_row(lexicon) -> None:
    text = ("Nvidia's H20 sales to China resumed after licences were granted by the Commerce Department.\n"
            "4) OFF TOPIC: BARLEY\n"
            "Beijing put a 70% anti-dumping duty on Australian barley in May. Readers asked whether it was linked "
            "to the tech dispute; it is not.")
    assert {e.instrument for e in events(text, lexicon)} == {"sales_approval"}


def test_a_sentence_naming_another_trades_goods_is_not_in_scope_through_its_neighbours() -> None:
    from seeds import SEEDS_DIR
    from transforms.reference import load_reference
    from transforms.scope import ArticleScope, build_scope_vocabulary
    from transforms.sentences import split_sentences
    text = ("China opened an anti-dumping probe into US analog chips on Saturday. Importers of European pork have had "
            "to lodge deposits since the ministry's preliminary finding. Chipmakers expect more cases.")
    sentences = split_sentences(text)
    scope = ArticleScope(text, sentences, build_scope_vocabulary(load_reference(SEEDS_DIR)))
    assert [scope.evidence(i) for i in range(3)] == ["sentence", None, "sentence"]
