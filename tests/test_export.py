"""Exporting every table and view of a real warehouse file to Parquet and CSV."""
from __future__ import annotations

import csv

import duckdb
import pytest

from analytics_samples import build_sample_warehouse
from warehouse.export import ExportFormatError, export_all

VIEWS = {"spend_claims", "policy_claims", "v_spend_by_company_year", "v_china_ai_chip_demand",
         "v_policy_timeline", "v_spend_after_policy", "v_source_coverage"}


@pytest.fixture
def warehouse(tmp_path):
    return build_sample_warehouse(tmp_path / "w.duckdb")


def test_parquet_export_writes_every_table_and_view(warehouse, tmp_path):
    paths = export_all(warehouse, tmp_path / "out")
    names = {p.stem for p in paths}
    assert VIEWS | {"articles", "chip_spend", "policy_events", "quarantine", "dim_companies", "dim_chips"} <= names
    assert all(p.suffix == ".parquet" and p.exists() for p in paths)


def test_parquet_files_hold_the_same_rows_as_the_warehouse(warehouse, tmp_path):
    export_all(warehouse, tmp_path / "out")
    con = duckdb.connect(str(warehouse), read_only=True)
    expected = con.execute("SELECT claim_id, n_sources, publishers FROM spend_claims ORDER BY claim_id").fetchall()
    con.close()
    exported = duckdb.sql(f"SELECT claim_id, n_sources, publishers FROM '{tmp_path / 'out' / 'spend_claims.parquet'}' "
                          "ORDER BY claim_id").fetchall()
    assert exported == expected and len(exported) == 6


def test_csv_export_has_a_header_and_one_line_per_row(warehouse, tmp_path):
    paths = export_all(warehouse, tmp_path / "csv", fmt="csv")
    [coverage] = [p for p in paths if p.stem == "v_source_coverage"]
    with coverage.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["publisher"] for r in rows} == {"Harbor Ledger", "Pacific Wire", "(unknown)", "Quiet Gazette"}


def test_unknown_format_is_refused_before_writing(warehouse, tmp_path):
    with pytest.raises(ExportFormatError, match="parquet"):
        export_all(warehouse, tmp_path / "x", fmt="xlsx")
    assert not (tmp_path / "x").exists()


def test_missing_warehouse_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="chipdemand run"):
        export_all(tmp_path / "none.duckdb", tmp_path / "out")
