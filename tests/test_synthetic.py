"""The synthetic page generator: deterministic, complete, and its gold rows are really on the pages."""
from __future__ import annotations

import json
import math
from datetime import date
from typing import get_args

import pytest

from bench.synthetic import generate, main, usd_rounded
from bench.synthetic_text import MONTHS, amount_forms, scaled
from seeds import SEEDS_DIR
from transforms.models import Instrument, PolicyStatus, SpendStatus, SpendType
from transforms.reference import load_reference

SPEND_KEYS = {"company", "year", "amount", "currency", "amount_usd", "units", "vendor", "chip_model",
              "spend_type", "region", "status", "disputed", "optional"}
POLICY_KEYS = {"actor_country", "actor", "instrument", "target", "date", "magnitude", "magnitude_unit",
               "status", "optional"}


@pytest.fixture(scope="module")
def pages():
    return list(generate(80, seed=11))


def test_same_seed_gives_identical_pages(pages):
    again = list(generate(80, seed=11))
    assert [p.html for p in again] == [p.html for p in pages]
    assert [p.gold() for p in again] == [p.gold() for p in pages]


def test_different_seeds_give_different_pages(pages):
    other = list(generate(80, seed=12))
    assert sum(a.html != b.html for a, b in zip(pages, other)) > 70


def test_a_smaller_run_is_a_prefix_of_a_larger_one(pages):
    assert [p.html for p in generate(5, seed=11)] == [p.html for p in pages[:5]]


def test_generates_n_pages_with_distinct_names(pages):
    assert len(pages) == 80
    assert len({p.name for p in pages}) == 80
    assert all(p.name.endswith(".html") for p in pages)


def test_the_corpus_holds_facts_policy_and_disputes():
    gold = [p.gold() for p in generate(300, seed=4)]
    spend = [r for g in gold for r in g["chip_spend"]]
    policy = [r for g in gold for r in g["policy_events"]]
    assert {r["status"] for r in spend} == {"planned", "actual", "estimate"}
    assert {r["currency"] for r in spend} >= {"CNY", "USD", "HKD", "EUR", None}
    assert any(r["disputed"] for r in spend) and any(r["units"] for r in spend)
    assert len({r["instrument"] for r in policy}) >= 7
    assert any(g["published"] is None for g in gold)


def test_expected_amounts_and_counts_appear_in_the_html(pages):
    for page in pages:
        for row in page.expected_spend:
            if row["units"] is not None:
                assert f"{row['units']:,}" in page.html, page.name
            else:
                assert any(form in page.html for form in amount_forms(row["amount"])), page.name


def test_policy_magnitudes_appear_in_the_html(pages):
    for page in pages:
        for row in page.expected_policy:
            if row["magnitude"] is not None:
                assert str(row["magnitude"]) in page.html, page.name


def test_the_publication_date_is_stated_on_the_page(pages):
    for page in pages:
        if page.published is None:
            continue
        day = date.fromisoformat(page.published)
        spelled = f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
        assert page.published in page.html or spelled in page.html, page.name


def test_gold_rows_use_the_canonical_vocabulary(pages):
    companies = {r["company"] for r in load_reference(SEEDS_DIR).table("companies")}
    for page in pages:
        for row in page.expected_spend:
            assert set(row) == SPEND_KEYS
            assert row["company"] in companies
            assert row["spend_type"] in get_args(SpendType) and row["status"] in get_args(SpendStatus)
            assert row["amount"] is not None or row["units"] is not None
        for row in page.expected_policy:
            assert set(row) == POLICY_KEYS
            assert row["instrument"] in get_args(Instrument) and row["status"] in get_args(PolicyStatus)


def test_a_printed_dollar_figure_is_the_gold_conversion():
    paired = 0
    for page in generate(200, seed=5):
        for row in page.expected_spend:
            if row["currency"] == "CNY" and math.isclose(row["amount_usd"], usd_rounded(row["amount_usd"]), rel_tol=1e-9):
                paired += 1  # the article printed its own conversion, so gold must carry that figure
                assert f"${scaled(row['amount_usd'])})" in page.html, page.name
            elif row["currency"] == "CNY":
                assert f"${scaled(row['amount_usd'])}" not in page.html, page.name
    assert paired > 10


def test_cli_writes_pages_and_gold_that_parse(tmp_path, capsys):
    assert main(["--n", "12", "--seed", "2", "--out", str(tmp_path)]) == 0
    html = sorted((tmp_path / "pages").glob("*.html"))
    gold = sorted((tmp_path / "gold").glob("*.json"))
    assert len(html) == len(gold) == 12
    for page_file, gold_file in zip(html, gold):
        doc = json.loads(gold_file.read_text())
        assert doc["article"] == page_file.name
        assert set(doc) == {"article", "published", "chip_spend", "policy_events"}
    assert "wrote 12 pages" in capsys.readouterr().out
