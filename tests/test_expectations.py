"""The GX validation step: bad rows go to quarantine with the expectation they failed, good ones load.

Every test runs the real suites through GX (the same RowValidator the flow builds). One batch with a
bad row of each kind beside good neighbours is validated once per module; tests read its outcome.
"""
from __future__ import annotations

import hashlib
import json
from datetime import date
from types import MappingProxyType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expectations.suites import LOCATOR_URL, SHA256_HEX
from expectations.validate import RowValidator, ValidationOutcome, ValidationSettings
from transforms.models import Article, PolicyEvent, SpendFact
from transforms.reference import ReferenceData

TODAY = date(2026, 3, 1)

REF = ReferenceData(tables=MappingProxyType({
    "companies": (
        {"company": "Tencent", "aliases": "", "role": "buyer", "hq_country": "CN"},
        {"company": "Baidu", "aliases": "", "role": "buyer", "hq_country": "CN"},
        {"company": "Nvidia", "aliases": "", "role": "vendor", "hq_country": "US"},
        {"company": "Huawei", "aliases": "", "role": "both", "hq_country": "CN"},
    ),
    "chips": ({"chip_model": "MLU370", "vendor": "Cambricon"},),
    "fx_rates": (
        {"year": "2025", "currency": "CNY", "per_usd": "7.2"},
        {"year": "2026", "currency": "CNY", "per_usd": "7.0"},
    ),
    "policy_actors": ({"actor": "Ministry of Commerce", "aliases": "", "actor_country": "CN", "kind": "body"},),
}))

TEXT = (
    "Shenzhen Desk\n\n"
    "Tencent intends to spend 14 billion yuan on AI accelerators during 2026, two people said. "
    "The company also ordered 30,000 accelerators from Huawei for its cloud unit. "
    "Baidu booked a 900 trillion yuan chip order, according to a post that was later deleted. "
    "Regulators in Beijing opened a review of imported analog chips on Monday. "
    "Analysts expect the review to take several months, and suppliers have declined to comment on it."
)


def sentence(text: str, opening: str) -> tuple[str, int, int]:
    """The sentence of `text` that starts with `opening`, with its offsets."""
    start = text.index(opening)
    end = text.index(". ", start) + 1 if ". " in text[start:] else len(text)
    return text[start:end], start, end


def article(article_id: str, text: str = TEXT, **fields) -> Article:
    """An article row with a valid URL and hash."""
    values = {"source": f"/feeds/{article_id}.html", "url": f"https://news.example.com/{article_id}",
              "title": "Chip budgets", "published_on": date(2025, 11, 20), "text": text,
              "content_sha256": hashlib.sha256(text.encode()).hexdigest()}
    values.update(fields)
    return Article(article_id=article_id, **values)


def spend(fact_id: str, article_id: str = "good", opening: str = "Tencent intends", **fields) -> SpendFact:
    """A consistent spend row over one sentence of TEXT (14 billion yuan in 2026 at 7.0 per USD)."""
    evidence, start, end = sentence(TEXT, opening)
    values = {"company": "Tencent", "year": 2026, "amount": 14e9, "currency": "CNY", "amount_usd": 2e9,
              "spend_type": "chip_purchase", "status": "planned", "evidence": evidence,
              "char_start": start, "char_end": end}
    values.update(fields)
    return SpendFact(fact_id=fact_id, article_id=article_id, **values)


def policy(event_id: str, article_id: str = "good", **fields) -> PolicyEvent:
    """A consistent policy row over the review sentence of TEXT."""
    evidence, start, end = sentence(TEXT, "Regulators in Beijing")
    values = {"actor_country": "CN", "actor": "Regulators", "instrument": "investigation",
              "event_date": date(2025, 11, 17), "date_precision": "day", "status": "announced",
              "evidence": evidence, "char_start": start, "char_end": end}
    values.update(fields)
    return PolicyEvent(event_id=event_id, article_id=article_id, **values)


@pytest.fixture(scope="module")
def validator() -> RowValidator:
    """The flow's validator, built once for the module."""
    return RowValidator(REF, ValidationSettings(), today=TODAY)


@pytest.fixture(scope="module")
def outcome(validator: RowValidator) -> ValidationOutcome:
    """One batch: good rows and one bad row of each kind."""
    articles = [article("good"), article("second"), article("from-2099", published_on=date(2099, 5, 1)),
                article("stub", text="Too short to be an article."), article("no-url", url="not a url")]
    spend_rows = [
        spend("ok-money"),
        spend("ok-units", opening="The company also ordered", amount=None, currency=None, amount_usd=None,
              units=30_000, vendor="Huawei"),
        spend("ok-second", article_id="second"),
        spend("absurd", opening="Baidu booked", company="Baidu", amount=9e20, amount_usd=9e20 / 7.0),
        spend("unknown-company", company="Globex Semiconductor"),
        spend("far-future", year=2099),
        spend("broken-offsets", char_start=60, char_end=40),
        spend("shifted-evidence", char_start=20, char_end=20 + len(sentence(TEXT, "Tencent intends")[0])),
        spend("twice"), spend("twice"),
        spend("bad-fx", amount_usd=9e9),
        spend("nothing-counted", amount=None, currency=None, amount_usd=None, units=None),
        spend("too-many-units", amount=None, currency=None, amount_usd=None, units=50_000_000),
        spend("odd-vendor", vendor="Initech"),
        spend("no-year", year=None),
        spend("follows-article", article_id="from-2099"),
        spend("overconfident", confidence=1.7),
    ]
    policy_rows = [
        policy("ok-event"),
        policy("dated-2099", event_date=date(2099, 1, 1)),
        policy("unknown-state", actor_country="ZZ"),
        policy("negative-size", magnitude=-5.0, magnitude_unit="percent"),
    ]
    return validator.validate(articles, spend_rows, policy_rows)


def reasons(outcome: ValidationOutcome, key: str) -> list[str]:
    """The failed expectations of the quarantine row with `key` (every occurrence)."""
    found = [name for q in outcome.quarantined if q.row_key == key for name in q.failed_expectations]
    assert found, f"{key} was not quarantined"
    return found


def loaded_keys(outcome: ValidationOutcome) -> set[str]:
    """Keys of every row that loads."""
    return ({a.article_id for a in outcome.articles} | {f.fact_id for f in outcome.spend}
            | {e.event_id for e in outcome.policy})


def test_good_rows_load_beside_bad_ones(outcome):
    assert {"good", "second", "ok-money", "ok-units", "ok-second", "ok-event"} <= loaded_keys(outcome)


def test_nine_hundred_trillion_yuan_order_is_quarantined_for_its_amount(outcome):
    assert reasons(outcome, "absurd") == ["amount_usd_within_bounds"]


def test_unknown_company_is_quarantined(outcome):
    assert reasons(outcome, "unknown-company") == ["company_known"]


def test_spend_year_past_the_forecast_horizon_is_quarantined(outcome):
    assert reasons(outcome, "far-future") == ["year_within_forecast_horizon"]


def test_policy_date_in_2099_is_quarantined(outcome):
    assert reasons(outcome, "dated-2099") == ["event_date_within_forecast_horizon"]


def test_end_before_start_is_quarantined(outcome):
    assert "char_end_after_start" in reasons(outcome, "broken-offsets")


def test_offsets_that_do_not_slice_to_the_evidence_are_quarantined(outcome):
    assert reasons(outcome, "shifted-evidence") == ["evidence_matches_text"]


def test_duplicate_fact_ids_are_both_quarantined(outcome):
    assert reasons(outcome, "twice") == ["fact_id_unique", "fact_id_unique"]


def test_amount_usd_off_the_year_rate_is_quarantined(outcome):
    assert reasons(outcome, "bad-fx") == ["amount_usd_matches_fx"]


def test_fact_without_amount_or_units_is_quarantined(outcome):
    assert reasons(outcome, "nothing-counted") == ["amount_or_units_present"]


def test_units_above_the_bound_are_quarantined(outcome):
    assert reasons(outcome, "too-many-units") == ["units_within_bounds"]


def test_vendor_outside_the_vendor_vocabulary_is_quarantined(outcome):
    assert reasons(outcome, "odd-vendor") == ["vendor_known"]


def test_vendor_named_only_in_chips_seed_is_accepted(validator):
    result = validator.validate([article("good")], [spend("cambricon", vendor="Cambricon")], [])
    assert [f.fact_id for f in result.spend] == ["cambricon"]


def test_confidence_outside_zero_to_one_is_quarantined(outcome):
    assert reasons(outcome, "overconfident") == ["confidence_in_unit_interval"]


def test_policy_confidence_below_zero_is_quarantined(validator):
    result = validator.validate([article("good")], [], [policy("sure"), policy("unsure", confidence=-0.1)])
    assert [e.event_id for e in result.policy] == ["sure"]
    assert [(q.row_key, q.failed_expectations) for q in result.quarantined] == [("unsure", ["confidence_in_unit_interval"])]


def test_unknown_actor_country_is_quarantined(outcome):
    assert reasons(outcome, "unknown-state") == ["actor_country_known"]


def test_article_dated_in_2099_is_quarantined_with_its_facts(outcome):
    assert reasons(outcome, "from-2099") == ["published_on_not_in_future"]
    assert reasons(outcome, "follows-article") == ["article_quarantined"]


def test_short_article_and_unparseable_url_are_quarantined(outcome):
    assert reasons(outcome, "stub") == ["text_long_enough"]
    assert reasons(outcome, "no-url") == ["url_parseable"]


def test_warning_failures_load_and_are_recorded(outcome):
    assert {"no-year", "negative-size"} <= loaded_keys(outcome)
    by_name = {(r.suite, r.expectation): r for r in outcome.results}
    assert by_name[("chip_spend", "year_present")].unexpected_count == 1
    assert by_name[("chip_spend", "year_present")].severity == "warning"
    assert by_name[("policy_events", "magnitude_not_negative")].success is False


def test_gx_results_carry_each_expectations_own_severity(validator, outcome):
    """GX's own `severity` (not `meta`) says critical or warning, so GX's results and data docs tell them apart."""
    stored = validator.runtime.context.validation_results_store
    severities = {}
    for key in stored.list_keys():
        for r in stored.get(key).results:
            severities[(key.expectation_suite_identifier.name, r.expectation_config.meta["name"])] = \
                r.expectation_config.severity.value
    assert severities[("chip_spend", "year_present")] == "warning"
    assert severities[("chip_spend", "company_known")] == "critical"
    assert all("severity" not in (c.expectation.meta or {}) for plan in validator.plans.values() for c in plan.checks)


def test_batch_with_only_warnings_loads_every_row_and_counts_the_findings(validator):
    result = validator.validate([article("good", title=None)], [spend("undated", year=None), spend("dated")], [])
    assert result.quarantined == [] and [f.fact_id for f in result.spend] == ["undated", "dated"]
    by_name = {(r.suite, r.expectation): r for r in result.results}
    assert (by_name[("chip_spend", "year_present")].unexpected_count,
            by_name[("articles", "title_present")].unexpected_count) == (1, 1)


def test_results_count_rows_per_expectation(outcome):
    by_name = {(r.suite, r.expectation): r for r in outcome.results}
    assert by_name[("chip_spend", "company_known")].element_count == 17
    assert by_name[("chip_spend", "company_known")].unexpected_count == 1
    assert by_name[("chip_spend", "company_known")].severity == "critical"


def test_quarantine_payload_is_the_whole_row_as_json(outcome):
    row = next(q for q in outcome.quarantined if q.row_key == "dated-2099")
    assert row.row_kind == "policy_event" and row.article_id == "good"
    assert json.loads(json.dumps(row.payload))["event_date"] == "2099-01-01"
    assert row.payload["evidence"].startswith("Regulators in Beijing")


def test_every_row_either_loads_or_is_quarantined(outcome):
    quarantined = len({(q.row_kind, q.row_key, i) for i, q in enumerate(outcome.quarantined)})
    assert len(outcome.articles) + len(outcome.spend) + len(outcome.policy) + quarantined == 5 + 17 + 4


def test_loaded_facts_point_at_loaded_articles(outcome):
    article_ids = {a.article_id for a in outcome.articles}
    assert {f.article_id for f in outcome.spend} | {e.article_id for e in outcome.policy} <= article_ids


def test_failure_rate_is_the_share_of_rows_with_a_critical_failure(outcome):
    rates = outcome.failure_rates()
    assert rates["articles"] == pytest.approx(3 / 5) and rates["policy_events"] == pytest.approx(2 / 4)
    assert outcome.failed_suites(0.5) == ["articles", "chip_spend"]   # policy at exactly 0.5 does not pass it


def test_failure_share_above_the_threshold_fails_the_suite(validator):
    rows = [spend("fine")] + [spend(f"bad-{i}", company="Nobody Inc") for i in range(3)]
    result = validator.validate([article("good")], rows, [policy("ok")])
    assert result.failure_rates()["chip_spend"] == pytest.approx(0.75)
    assert result.failed_suites(0.5) == ["chip_spend"]
    assert result.failed_suites(0.8) == []


def test_empty_batch_validates_to_nothing(validator):
    result = validator.validate([], [], [])
    assert (result.articles, result.spend, result.policy, result.quarantined, result.results) == ([], [], [], [], [])
    assert result.failed_suites(0.0) == []


def test_missing_seed_table_skips_its_check_with_a_warning():
    tables = {k: v for k, v in REF.tables.items() if k != "companies"}
    result = RowValidator(ReferenceData(tables=tables), today=TODAY).validate(
        [article("good")], [spend("anyone", company="Globex Semiconductor")], [])
    assert [f.fact_id for f in result.spend] == ["anyone"]
    skipped = [r for r in result.results if r.expectation.startswith("company_known_skipped")]
    assert [(r.severity, r.success) for r in skipped] == [("warning", False)]


def test_settings_move_the_bounds(validator):
    strict = RowValidator(REF, ValidationSettings(max_amount_usd=1e9), today=TODAY)
    assert reasons(strict.validate([article("good")], [spend("two-billion")], []), "two-billion") == [
        "amount_usd_within_bounds"]


def test_data_docs_are_written_for_each_suite(validator, outcome, tmp_path):
    index = validator.write_data_docs(tmp_path / "data_docs")
    assert index == tmp_path / "data_docs" / "index.html" and index.is_file()
    html = index.read_text(encoding="utf-8")
    assert all(suite in html for suite in ("articles", "chip_spend", "policy_events"))


def test_data_docs_keep_the_latest_batches_and_drop_stale_pages(tmp_path):
    validator = RowValidator(REF, ValidationSettings(data_docs_batches=1), today=TODAY)
    out = tmp_path / "docs"
    validator.validate([article("good")], [spend("one")], [])
    validator.write_data_docs(out)
    validator.validate([article("good")], [spend("two")], [])
    validator.write_data_docs(out)
    pages = sorted(p.relative_to(out).parts[:2] for p in (out / "validations").rglob("*.html"))
    assert pages == [("validations", "articles"), ("validations", "chip_spend")]


def test_data_docs_build_when_no_rows_were_validated(tmp_path):
    validator = RowValidator(REF, today=TODAY)
    validator.validate([], [], [])
    assert validator.write_data_docs(tmp_path / "docs").is_file()


def test_article_dated_tomorrow_loads(validator):
    result = validator.validate([article("early", published_on=date(2026, 3, 2))], [], [])
    assert [a.article_id for a in result.articles] == ["early"]


def test_gx_analytics_are_off_by_default(validator):
    assert validator.runtime.context.config.analytics_enabled is False


def test_flow_runs_these_suites():
    import expectations.validate as validate
    import flows.pipeline as pipeline
    from flows.config import RunConfig
    from seeds import SEEDS_DIR
    from transforms.reference import load_reference

    lazy = pipeline.LazyValidator(load_reference(SEEDS_DIR), RunConfig())
    lazy.validate([], [], [])
    assert type(lazy.validator) is validate.RowValidator


@pytest.mark.parametrize("url", ["https://news.example.com/a/b?c=1", "http://x.cn", "file:///srv/feeds/a.html",
                                 "/srv/feeds/my article.html"])
def test_locator_url_accepts_web_and_file_urls(url):
    assert LOCATOR_URL.match(url)


@pytest.mark.parametrize("url", ["not a url", "https://", "ftp://host/file", "feeds/a.html", "/", ""])
def test_locator_url_rejects_others(url):
    assert not LOCATOR_URL.match(url)


def test_sha256_hex_needs_64_lower_hex_digits():
    assert SHA256_HEX.match("ab" * 32)
    assert not SHA256_HEX.match("AB" * 32) and not SHA256_HEX.match("ab" * 31)


@pytest.fixture(scope="module")
def extractor():
    """The real extractor over the project's seeds."""
    from seeds import SEEDS_DIR
    from transforms.extract import Extractor
    from transforms.reference import load_reference

    ref = load_reference(SEEDS_DIR)
    return ref, Extractor(ref)


def extracted(extractor, article_id: str, text: str, published_on: date):
    """An article and the rows the real extractor finds in it."""
    row = article(article_id, text=text, published_on=published_on)
    rows = extractor[1].extract(row)
    return row, rows.spend, rows.policy


def test_extracted_900_trillion_yuan_order_is_quarantined_and_the_rest_loads(extractor):
    ref, _ = extractor
    text = ("Hangzhou, June 6\n\nA gossip account claimed that Tencent has signed a 900 trillion yuan chip order "
            "with Huawei for next year, a sum larger than the whole economy. Baidu said it would spend 12 billion "
            "yuan on AI chips for its data centres in 2025. The US Commerce Department put three Chinese chip "
            "designers on the Entity List on Tuesday.\n\nNeither company answered questions about the orders.")
    doc, spend_rows, policy_rows = extracted(extractor, "gossip", text, date(2025, 6, 6))
    result = RowValidator(ref, today=TODAY).validate([doc], spend_rows, policy_rows)
    absurd = [q for q in result.quarantined if (q.payload.get("amount_usd") or 0) > 1e12]
    assert [q.failed_expectations for q in absurd] == [["amount_usd_within_bounds"]]
    assert [f.company for f in result.spend] == ["Baidu"]
    assert result.articles == [doc] and len(result.policy) == len(policy_rows) >= 1


def test_article_dated_2099_is_quarantined_with_its_extracted_rows(extractor):
    ref, _ = extractor
    text = ("Shanghai desk\n\nBaidu said it would spend 12 billion yuan on AI chips for its data centres this "
            "year, people close to the plan said, and it expects the first deliveries soon. The company did not "
            "say which suppliers it had picked for the order, and analysts declined to guess at the split.")
    bad, bad_spend, bad_policy = extracted(extractor, "future", text, date(2099, 1, 5))
    good, good_spend, good_policy = extracted(extractor, "present", text, date(2025, 1, 5))
    result = RowValidator(ref, today=TODAY).validate([bad, good], bad_spend + good_spend, bad_policy + good_policy)
    assert reasons(result, "future") == ["published_on_not_in_future"]
    assert bad_spend and all("article_quarantined" in reasons(result, f.fact_id) for f in bad_spend)
    assert [a.article_id for a in result.articles] == ["present"]
    assert [f.fact_id for f in result.spend] == [f.fact_id for f in good_spend] != []


spend_changes = st.fixed_dictionaries({}, optional={
    "company": st.sampled_from(["Tencent", "Baidu", "Globex Semiconductor"]),
    "year": st.one_of(st.none(), st.integers(2000, 2100)),
    "amount_usd": st.one_of(st.none(), st.floats(1.0, 1e16)),
    "units": st.one_of(st.none(), st.integers(1, 10**9)),
    "char_start": st.integers(0, 80),
})


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(spend_changes, min_size=1, max_size=12))
def test_every_fact_loads_or_is_quarantined_and_loaded_facts_pass_the_checks(validator, changes):
    rows = [spend(f"f{i}", **change) for i, change in enumerate(changes)]
    result = validator.validate([article("good")], rows, [])
    quarantined = {q.row_key for q in result.quarantined}
    loaded = {f.fact_id for f in result.spend}
    assert loaded | quarantined == {r.fact_id for r in rows} and not loaded & quarantined
    assert all(q.failed_expectations for q in result.quarantined)
    for fact in result.spend:
        assert fact.company in {"Tencent", "Baidu"} and TEXT[fact.char_start:fact.char_end] == fact.evidence
        assert fact.amount_usd is None or 1e5 <= fact.amount_usd <= 1e12
        assert fact.year is None or 2015 <= fact.year <= 2030

