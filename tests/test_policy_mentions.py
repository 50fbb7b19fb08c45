"""Mentions that are no action: a measure named as what something breaches, respects or abuses, as the cause
of something, as a topic of talks, as a list a company is on; what was never allowed, what is only weighed or
set as a condition. And the state behind an action: not a state written as a company's nationality, not a
vague "some countries", and for "the regulator" or "the president" the body of that kind the article named.
Sentences are written for these tests."""
from __future__ import annotations

from datetime import date

import pytest

from seeds import SEEDS_DIR
from transforms.entities import CompanyGazetteer
from transforms.models import Article, PolicyEvent
from transforms.policy import build_policy_lexicon, extract_policy
from transforms.reference import load_reference
from transforms.sentences import split_sentences

ANCHOR = date(2025, 11, 19)


@pytest.fixture(scope="module")
def lexicon():
    ref = load_reference(SEEDS_DIR)
    return build_policy_lexicon(ref, CompanyGazetteer.from_rows(ref.table("companies")))


def run(text: str, lexicon, anchor: date | None = ANCHOR) -> list[PolicyEvent]:
    article = Article(article_id="m1", source="m.txt", url="file:///m.txt", text=text, content_sha256="0" * 64,
                      published_on=anchor)
    return extract_policy(article, split_sentences(text), anchor, lexicon)


def kinds(text: str, lexicon) -> set[tuple[str, str]]:
    return {(e.actor_country, e.instrument) for e in run(text, lexicon)}


@pytest.mark.parametrize("sentence", [
    "Renting GPU servers abroad does not by itself breach US export rules, lawyers said of the AI chip deals.",
    "Beijing's commerce ministry called the listing an abuse of export controls aimed at Chinese chipmakers.",
    "The ministry expects chip firms to respect other countries' export controls.",
    "The prospectus flags US export controls as a risk to its supply of AI chips.",
    "Shipments of AI servers slowed because of US restrictions on selling advanced chips to China.",
    "The two envoys meet on Monday with tariffs, export controls and chip supply on the agenda.",
    "Malaysia does not side with unilateral sanctions, its trade ministry said of the chip trade.",
    "Chipmakers 50%-owned by sanctioned parties are covered too, the Commerce Department said.",
    "Both Chinese GPU designers are on the US Entity List.",
    "Germanium and gallium remain on China's export control list for chipmakers.",
    "ASML has never been allowed to ship its EUV lithography machines to China, the Dutch government said.",
    "The Commerce Department is still weighing whether to let Nvidia sell the H200 in China.",
    "About US$14 billion is set for Nvidia's H200 chips, but only if Chinese regulators let the purchases go ahead.",
])
def test_a_mention_is_no_action(sentence: str, lexicon) -> None:
    assert run(sentence, lexicon) == []


def test_measures_listed_in_a_reviews_object_are_its_target(lexicon) -> None:
    text = "Beijing opened a review of US measures against its chip sector, from export controls to tariffs."
    assert kinds(text, lexicon) == {("CN", "investigation")}


def test_a_list_a_company_has_been_on_since_a_year_is_told_as_a_fact(lexicon) -> None:
    text = "Huawei has been on the US Entity List since 2019, so chip suppliers need a licence to serve it."
    assert ("US", "entity_list") in kinds(text, lexicon)
