"""The GX expectation suites, as code: one per table (articles, chip_spend, policy_events).

Each check is one GX expectation with a stable `name` (what quarantine rows list in
`failed_expectations`) and a `severity`: critical failures quarantine the row, warnings load it and are
only recorded. The severity is GX's own (`Expectation.severity`, GX 1.x's FailureSeverity), so GX's
results and data docs tell critical failures from warnings; the name travels in the expectation's `meta`.
Derived columns (`evidence_matches_text`, `fx_ratio`, `latest_year`, ...) are computed in frames.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

import great_expectations.expectations as gxe
import pandas as pd
from great_expectations.expectations.metadata_types import FailureSeverity

from expectations.settings import ValidationSettings
from expectations.vocabularies import Vocabularies, Vocabulary

Severity = Literal["critical", "warning"]
CRITICAL: Severity = "critical"
WARNING: Severity = "warning"

ARTICLES, CHIP_SPEND, POLICY_EVENTS = "articles", "chip_spend", "policy_events"
ROW_KIND = {ARTICLES: "article", CHIP_SPEND: "chip_spend", POLICY_EVENTS: "policy_event"}
ROW_KEY = {ARTICLES: "article_id", CHIP_SPEND: "fact_id", POLICY_EVENTS: "event_id"}

# Where an article can be found again: an http(s) URL with a host, a file: URI, or an absolute path.
LOCATOR_URL = re.compile(r"^(?:https?://[^\s/?#]+[^\s]*|file:/[^\s]*|/[^\n]*[^\s/])$", re.IGNORECASE)
SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")
NON_BLANK = re.compile(r"\S")


@dataclass(frozen=True)
class Check:
    """One named expectation of a suite, with its severity."""

    name: str
    severity: Severity
    expectation: gxe.Expectation


@dataclass(frozen=True)
class SkippedCheck:
    """A vocabulary check left out because its seed table is missing."""

    name: str
    missing_table: str


@dataclass(frozen=True)
class SuitePlan:
    """A table's checks, and the vocabulary checks that could not be built."""

    suite: str
    checks: tuple[Check, ...]
    skipped: tuple[SkippedCheck, ...] = ()

    def check(self, name: str) -> Check:
        """The check called `name` (KeyError if the suite has none)."""
        for c in self.checks:
            if c.name == name:
                return c
        raise KeyError(name)


def check(name: str, severity: Severity, expectation_cls: type[gxe.Expectation], **kwargs) -> Check:
    """A Check whose GX expectation has GX's `severity` and carries its name in `meta`."""
    return Check(name, severity, expectation_cls(**kwargs, meta={"name": name}, severity=FailureSeverity(severity),
                                                 notes=f"{name} ({severity})"))


def known_or_romanised(name: str, column: str, vocab: Vocabulary, romanised: str | None) -> Check | SkippedCheck:
    """`column` in the vocabulary, or a name in the form `romanised` gives (a company the seeds do not list,
    named in pinyin by the Chinese grammar); just the vocabulary when there is no such form."""
    if vocab.values is None or romanised is None:
        return known(name, column, vocab)
    listed = "|".join(re.escape(v) for v in sorted(vocab.values))
    return check(name, CRITICAL, gxe.ExpectColumnValuesToMatchRegex, column=column,
                 regex=f"^(?:{listed}|{romanised})$")


def known(name: str, column: str, vocab: Vocabulary, severity: Severity = CRITICAL) -> Check | SkippedCheck:
    """`column` in the vocabulary (nulls pass), or a skipped check when its seed table is missing."""
    if vocab.values is None:
        return SkippedCheck(name, vocab.missing or vocab.source)
    return check(name, severity, gxe.ExpectColumnValuesToBeInSet, column=column, value_set=sorted(vocab.values))


def plan(suite: str, items: list[Check | SkippedCheck]) -> SuitePlan:
    """Split built checks from skipped ones."""
    return SuitePlan(suite, tuple(i for i in items if isinstance(i, Check)),
                     tuple(i for i in items if isinstance(i, SkippedCheck)))


def offset_checks() -> list[Check]:
    """Evidence and offsets, shared by both fact tables."""
    return [
        check("char_start_not_negative", CRITICAL, gxe.ExpectColumnValuesToBeBetween, column="char_start", min_value=0),
        check("char_end_after_start", CRITICAL, gxe.ExpectColumnPairValuesAToBeGreaterThanB,
              column_A="char_end", column_B="char_start", or_equal=False, ignore_row_if="either_value_is_missing"),
        check("evidence_present", CRITICAL, gxe.ExpectColumnValuesToNotBeNull, column="evidence"),
        check("evidence_not_blank", CRITICAL, gxe.ExpectColumnValuesToMatchRegex, column="evidence",
              regex=NON_BLANK.pattern),
        # evidence == article.text[char_start:char_end]; rows whose article is not in the batch are null (skipped)
        check("evidence_matches_text", CRITICAL, gxe.ExpectColumnValuesToBeInSet,
              column="evidence_matches_text", value_set=[True]),
        check("extractor_version_present", WARNING, gxe.ExpectColumnValuesToNotBeNull, column="extractor_version"),
    ]


def spend_value_checks(settings: ValidationSettings) -> list[Check]:
    """Year, amount, units and FX of a spend row, for extracted rows and analysts' corrections alike:
    a year from `min_year` to the article's forecast horizon (`latest_year`), a positive amount, amount_usd
    and units within bounds, and amount_usd at the year's rate (`fx_ratio`) within `fx_tolerance`."""
    tol = settings.fx_tolerance
    return [
        check("year_not_before_min_year", CRITICAL, gxe.ExpectColumnValuesToBeBetween, column="year",
              min_value=settings.min_year),
        check("year_within_forecast_horizon", CRITICAL, gxe.ExpectColumnPairValuesAToBeGreaterThanB,
              column_A="latest_year", column_B="year", or_equal=True, ignore_row_if="either_value_is_missing"),
        check("amount_positive", CRITICAL, gxe.ExpectColumnValuesToBeBetween, column="amount", min_value=0,
              strict_min=True),
        check("amount_usd_within_bounds", CRITICAL, gxe.ExpectColumnValuesToBeBetween, column="amount_usd",
              min_value=settings.min_amount_usd, max_value=settings.max_amount_usd),
        check("units_within_bounds", CRITICAL, gxe.ExpectColumnValuesToBeBetween, column="units",
              min_value=1, max_value=settings.max_units),
        check("amount_usd_matches_fx", CRITICAL, gxe.ExpectColumnValuesToBeBetween, column="fx_ratio",
              min_value=1 - tol, max_value=1 + tol),
    ]


def event_date_checks(settings: ValidationSettings) -> list[Check]:
    """A policy event's date from `min_year` to the article's forecast horizon (`latest_date`)."""
    return [
        check("event_date_not_before_min_year", CRITICAL, gxe.ExpectColumnValuesToBeBetween, column="event_date",
              min_value=pd.Timestamp(settings.min_year, 1, 1)),
        check("event_date_within_forecast_horizon", CRITICAL, gxe.ExpectColumnPairValuesAToBeGreaterThanB,
              column_A="latest_date", column_B="event_date", or_equal=True, ignore_row_if="either_value_is_missing"),
    ]


def articles_plan(settings: ValidationSettings, today: date) -> SuitePlan:
    """Checks on article rows."""
    return plan(ARTICLES, [
        check("article_id_present", CRITICAL, gxe.ExpectColumnValuesToNotBeNull, column="article_id"),
        check("article_id_unique", CRITICAL, gxe.ExpectColumnValuesToBeUnique, column="article_id"),
        check("source_present", CRITICAL, gxe.ExpectColumnValuesToMatchRegex, column="source",
              regex=NON_BLANK.pattern),
        check("url_parseable", CRITICAL, gxe.ExpectColumnValuesToMatchRegex, column="url",
              regex=LOCATOR_URL.pattern),
        check("text_long_enough", CRITICAL, gxe.ExpectColumnValuesToBeBetween, column="text_chars",
              min_value=settings.min_text_chars),
        check("content_sha256_hex", CRITICAL, gxe.ExpectColumnValuesToMatchRegex, column="content_sha256",
              regex=SHA256_HEX.pattern),
        # a day of slack: a page from a time zone ahead of ours may carry tomorrow's date
        check("published_on_not_in_future", CRITICAL, gxe.ExpectColumnValuesToBeBetween, column="published_on",
              max_value=pd.Timestamp(today + timedelta(days=1))),
        check("published_on_present", WARNING, gxe.ExpectColumnValuesToNotBeNull, column="published_on"),
        check("published_on_not_before_min_year", WARNING, gxe.ExpectColumnValuesToBeBetween,
              column="published_on", min_value=pd.Timestamp(settings.min_year, 1, 1)),
        check("title_present", WARNING, gxe.ExpectColumnValuesToNotBeNull, column="title"),
    ])


def spend_plan(settings: ValidationSettings, vocab: Vocabularies) -> SuitePlan:
    """Checks on chip_spend rows."""
    return plan(CHIP_SPEND, [
        check("fact_id_present", CRITICAL, gxe.ExpectColumnValuesToNotBeNull, column="fact_id"),
        check("fact_id_unique", CRITICAL, gxe.ExpectColumnValuesToBeUnique, column="fact_id"),
        check("article_id_present", CRITICAL, gxe.ExpectColumnValuesToNotBeNull, column="article_id"),
        check("company_present", CRITICAL, gxe.ExpectColumnValuesToNotBeNull, column="company"),
        known_or_romanised("company_known", "company", vocab.companies, vocab.romanised_companies),
        known("vendor_known", "vendor", vocab.vendors),
        known("currency_known", "currency", vocab.currencies),
        known("spend_type_known", "spend_type", vocab.spend_types),
        known("status_known", "status", vocab.spend_statuses),
        known("region_known", "region", vocab.regions),
        check("year_present", WARNING, gxe.ExpectColumnValuesToNotBeNull, column="year"),
        check("amount_or_units_present", CRITICAL, gxe.ExpectColumnValuesToBeInSet, column="amount_or_units",
              value_set=[True]),
        *spend_value_checks(settings),
        check("confidence_in_unit_interval", CRITICAL, gxe.ExpectColumnValuesToBeBetween, column="confidence",
              min_value=0, max_value=1),
        *offset_checks(),
    ])


def policy_plan(settings: ValidationSettings, vocab: Vocabularies) -> SuitePlan:
    """Checks on policy_events rows."""
    return plan(POLICY_EVENTS, [
        check("event_id_present", CRITICAL, gxe.ExpectColumnValuesToNotBeNull, column="event_id"),
        check("event_id_unique", CRITICAL, gxe.ExpectColumnValuesToBeUnique, column="event_id"),
        check("article_id_present", CRITICAL, gxe.ExpectColumnValuesToNotBeNull, column="article_id"),
        known("actor_country_known", "actor_country", vocab.actor_countries),
        check("actor_present", CRITICAL, gxe.ExpectColumnValuesToNotBeNull, column="actor"),
        check("actor_not_blank", CRITICAL, gxe.ExpectColumnValuesToMatchRegex, column="actor",
              regex=NON_BLANK.pattern),
        known("instrument_known", "instrument", vocab.instruments),
        known("status_known", "status", vocab.policy_statuses),
        known("date_precision_known", "date_precision", vocab.date_precisions),
        *event_date_checks(settings),
        check("magnitude_not_negative", WARNING, gxe.ExpectColumnValuesToBeBetween, column="magnitude",
              min_value=0),
        check("confidence_in_unit_interval", CRITICAL, gxe.ExpectColumnValuesToBeBetween, column="confidence",
              min_value=0, max_value=1),
        *offset_checks(),
    ])


def build_plans(settings: ValidationSettings, vocab: Vocabularies, today: date) -> dict[str, SuitePlan]:
    """The three suites the flow runs, keyed by suite (table) name."""
    return {ARTICLES: articles_plan(settings, today),
            CHIP_SPEND: spend_plan(settings, vocab),
            POLICY_EVENTS: policy_plan(settings, vocab)}
