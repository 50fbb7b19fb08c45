"""The validation step's settings: thresholds and windows, passed in from the edge (RunConfig)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ValidationSettings:
    """Bounds the suites check and the run-level failure threshold."""

    max_failure_rate: float = 0.5     # a suite whose critical-failure share of rows passes this fails the run
    forecast_horizon_years: int = 5   # year/event_date may not be later than publication year + this
    min_year: int = 2015
    min_text_chars: int = 200
    fx_tolerance: float = 0.25        # amount_usd vs amount / per_usd(year), as a share of the converted amount
    min_amount_usd: float = 1e5
    max_amount_usd: float = 1e12
    max_units: int = 10_000_000
    analytics_enabled: bool = False   # GX's own usage statistics; off (the pipeline runs without network)
    data_docs_batches: int = 5        # latest validation results per suite kept for a run's data docs
    data_docs_runs: int = 100         # runs whose data docs are kept (data_docs/runs/), the oldest removed first
