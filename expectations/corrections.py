"""The `corrections` suite: every line of the corrections file is validated by GX like any row.

A line that fails a critical expectation is not applied: it goes to `quarantine` (row_kind
`correction`) with the names of what it failed, and to `v_corrections` as `quarantined`. The
checks: a known action and row kind; who (`author`), when (`decided_at` parses) and why (`note`, for
everything but a confirm); field names the row kind has and values that parse; fields that fit the
action (an add gives a company and an amount or chip count ...); the set or added values in the
same vocabularies and bounds as extracted rows (company_known, currency_known, year within the
forecast horizon of the article's publication, amount_usd within bounds and consistent with the
year's FX rate ...). Where a line's row ends up (anchoring) is not a validation matter: a line whose
row is gone is orphaned, reported, and kept.

    validator = CorrectionValidator(ref, settings)
    good, quarantined, results = validator.validate(corrections, published_on_by_article)
"""
from __future__ import annotations

from datetime import date
from typing import Mapping, Sequence

import great_expectations.expectations as gxe
import pandas as pd

from expectations.frames import FrameContext, latest_plausible, rate_for
from expectations.gx_runtime import GXRuntime
from expectations.settings import ValidationSettings
from expectations.suites import (CRITICAL, NON_BLANK, WARNING, SuitePlan, check, event_date_checks, known, plan,
                                 spend_value_checks)
from expectations.validate import ExpectationResult, QuarantineRow, run_results
from expectations.vocabularies import Vocabularies, build_vocabularies, fx_table
from transforms.corrections import ACTIONS, POLICY, ROW_KINDS, SPEND, Correction, fit_problems
from transforms.reference import ReferenceData

CORRECTIONS = "corrections"
ROW_KIND = "correction"
# field columns of the frame: (frame column, row kind, field name)
VALUE_COLUMNS = (
    ("company", SPEND, "company"), ("vendor", SPEND, "vendor"), ("currency", SPEND, "currency"),
    ("spend_type", SPEND, "spend_type"), ("spend_status", SPEND, "status"), ("region", SPEND, "region"),
    ("year", SPEND, "year"), ("amount", SPEND, "amount"), ("amount_usd", SPEND, "amount_usd"),
    ("units", SPEND, "units"), ("actor_country", POLICY, "actor_country"), ("actor", POLICY, "actor"),
    ("instrument", POLICY, "instrument"), ("policy_status", POLICY, "status"),
    ("date_precision", POLICY, "date_precision"), ("event_date", POLICY, "event_date"),
)


def corrections_plan(settings: ValidationSettings, vocab: Vocabularies, today: date) -> SuitePlan:
    """Checks on corrections lines (see the module docstring)."""
    return plan(CORRECTIONS, [
        check("correction_id_unique", CRITICAL, gxe.ExpectColumnValuesToBeUnique, column="correction_id"),
        check("action_known", CRITICAL, gxe.ExpectColumnValuesToBeInSet, column="action", value_set=list(ACTIONS)),
        check("row_kind_known", CRITICAL, gxe.ExpectColumnValuesToBeInSet, column="row_kind",
              value_set=list(ROW_KINDS)),
        check("article_id_present", CRITICAL, gxe.ExpectColumnValuesToMatchRegex, column="article_id",
              regex=NON_BLANK.pattern),
        check("evidence_present", CRITICAL, gxe.ExpectColumnValuesToMatchRegex, column="evidence",
              regex=NON_BLANK.pattern),
        check("author_present", CRITICAL, gxe.ExpectColumnValuesToMatchRegex, column="author",
              regex=NON_BLANK.pattern),
        check("decided_at_parses", CRITICAL, gxe.ExpectColumnValuesToNotBeNull, column="decided_at"),
        check("decided_at_not_in_future", WARNING, gxe.ExpectColumnValuesToBeBetween, column="decided_at",
              max_value=pd.Timestamp(today) + pd.Timedelta(days=1)),
        check("note_present", CRITICAL, gxe.ExpectColumnValuesToBeInSet, column="why_given", value_set=[True]),
        check("field_names_known", CRITICAL, gxe.ExpectColumnValuesToBeInSet, column="field_names_known",
              value_set=[True]),
        check("field_values_parse", CRITICAL, gxe.ExpectColumnValuesToBeInSet, column="field_values_parse",
              value_set=[True]),
        check("fields_fit_action", CRITICAL, gxe.ExpectColumnValuesToBeInSet, column="fields_fit_action",
              value_set=[True]),
        known("company_known", "company", vocab.companies),
        known("vendor_known", "vendor", vocab.vendors),
        known("currency_known", "currency", vocab.currencies),
        known("spend_type_known", "spend_type", vocab.spend_types),
        known("spend_status_known", "spend_status", vocab.spend_statuses),
        known("region_known", "region", vocab.regions),
        known("actor_country_known", "actor_country", vocab.actor_countries),
        known("instrument_known", "instrument", vocab.instruments),
        known("policy_status_known", "policy_status", vocab.policy_statuses),
        known("date_precision_known", "date_precision", vocab.date_precisions),
        *spend_value_checks(settings),
        *event_date_checks(settings),
    ])


def value_of(c: Correction, kind: str, name: str):
    """A set or added value of the line, for the frame column of (kind, name); None when not given."""
    return c.fields.get(name) if c.row_kind == kind else None


def fx_ratio_of(c: Correction, fx) -> float | None:
    """amount_usd over the amount at the year's rate, when the line gives all three (else unchecked)."""
    amount, currency, usd = (value_of(c, SPEND, n) for n in ("amount", "currency", "amount_usd"))
    if fx is None or amount is None or usd is None or not currency or amount <= 0:
        return None
    rate = 1.0 if currency == "USD" else rate_for(fx, value_of(c, SPEND, "year"), currency)
    return usd / (amount / rate) if rate else None


def corrections_frame(corrections: Sequence[Correction], published: Mapping[str, date | None],
                      ctx: FrameContext) -> pd.DataFrame:
    """One row per line: its cells, the derived checks, and the set or added values by column."""
    records = []
    for c in corrections:
        latest = latest_plausible(published.get(c.article_id), ctx)
        record = {
            "correction_id": c.correction_id, "action": c.action, "row_kind": c.row_kind,
            "article_id": c.article_id, "evidence": c.evidence, "author": c.author,
            "decided_at": c.decided_at, "why_given": bool(c.note.strip()) or c.action == "confirm",
            "field_names_known": not c.unknown_fields, "field_values_parse": not c.bad_values,
            "fields_fit_action": not fit_problems(c), "latest_year": latest.year, "latest_date": latest,
            "fx_ratio": fx_ratio_of(c, ctx.fx),
        }
        record.update({column: value_of(c, kind, name) for column, kind, name in VALUE_COLUMNS})
        records.append(record)
    frame = pd.DataFrame.from_records(records, columns=list(records[0]) if records else None).reset_index(drop=True)
    frame["decided_at"] = pd.to_datetime(frame["decided_at"])
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    frame["latest_date"] = pd.to_datetime(frame["latest_date"])
    for column in ("year", "units", "latest_year"):
        frame[column] = frame[column].astype("Int64")
    for column in ("amount", "amount_usd", "fx_ratio"):
        frame[column] = frame[column].astype("float64")
    return frame


def details(c: Correction) -> list[str]:
    """What exactly did not parse or fit, for the quarantine payload."""
    return ([f"unknown field: {name}" for name in c.unknown_fields] + list(c.bad_values) + fit_problems(c))


def payload(c: Correction) -> dict:
    """The quarantined line whole, with its line number and the parse problems."""
    return {"line_no": c.line_no, **dict(c.line), "correction_id": c.correction_id, "problems": details(c)}


class CorrectionValidator:
    """The corrections suite on its own GX context (built once; the GX import is the costly part)."""

    def __init__(self, ref: ReferenceData, settings: ValidationSettings = ValidationSettings(),
                 today: date | None = None):
        self.today = today or date.today()
        self.ctx = FrameContext(self.today, settings.forecast_horizon_years, fx_table(ref))
        self.plan = corrections_plan(settings, build_vocabularies(ref), self.today)
        self.runtime = GXRuntime([self.plan], analytics_enabled=settings.analytics_enabled, keep_results=1)

    def validate(self, corrections: Sequence[Correction], published: Mapping[str, date | None]
                 ) -> tuple[list[Correction], list[QuarantineRow], list[ExpectationResult]]:
        """(lines that apply, quarantined lines with their reasons, per-expectation results)."""
        if not corrections:
            return [], [], []
        run = self.runtime.run(CORRECTIONS, corrections_frame(corrections, published, self.ctx))
        failures = run.critical_failures()
        good, bad = [], []
        for i, c in enumerate(corrections):
            if i in failures:
                bad.append(QuarantineRow(ROW_KIND, c.correction_id, c.article_id or None, failures[i], payload(c)))
            else:
                good.append(c)
        return good, bad, run_results(run, self.plan)
