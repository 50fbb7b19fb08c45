"""The analytics views on a hand-made warehouse (tests/analytics_samples.py), numbers worked out by hand."""
from __future__ import annotations

from datetime import date

import pytest

from analytics_samples import SPEND, load_sample_run, policy_rows, spend_rows
from seeds import SEEDS_DIR
from warehouse.db import connect_writer
from warehouse.load import RunLoader
from warehouse.seeds import SEED_TABLES, MissingSeedFileError, load_seed_tables
from transforms.reference import load_reference


@pytest.fixture
def con(tmp_path):
    """A writer connection on a warehouse holding the sample run."""
    connection = connect_writer(tmp_path / "w.duckdb")
    load_sample_run(connection)
    yield connection
    connection.close()


def rows_of(con, sql: str, params: list | None = None) -> list[dict]:
    """Query results as dicts."""
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def claim(con, company: str, spend_type: str, measure: str = "usd") -> list[dict]:
    """The spend claims of one company and spend type, largest first."""
    return rows_of(con, "SELECT * FROM spend_claims WHERE company = ? AND spend_type = ? AND measure = ? "
                        "ORDER BY amount_usd DESC NULLS LAST", [company, spend_type, measure])


def test_seed_tables_have_one_row_per_csv_line(con):
    ref = load_reference(SEEDS_DIR)
    for stem, table in SEED_TABLES.items():
        assert con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] == len(ref.table(stem))


def test_seed_keys_are_unique(con):
    for table, key in [("dim_companies", "company"), ("dim_chips", "chip_model"),
                       ("dim_fx_rates", "year, currency"), ("dim_policy_actors", "actor")]:
        dupes = con.execute(f"SELECT {key}, count(*) FROM {table} GROUP BY ALL HAVING count(*) > 1").fetchall()
        assert dupes == [], table


def test_seed_aliases_become_lists(con):
    aliases, origin = con.execute("SELECT aliases, origin FROM dim_chips WHERE chip_model = 'H20'").fetchall()[0]
    assert "H20s" in aliases and origin == "foreign"


def test_seed_loading_replaces_rows_and_rolls_back_with_the_run(con, tmp_path):
    load_seed_tables(con, SEEDS_DIR)  # a second load replaces, never appends
    assert con.execute("SELECT count(*) FROM dim_companies WHERE company = 'Tencent'").fetchall()[0][0] == 1
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for stem in SEED_TABLES:
        (seeds / f"{stem}.csv").write_text((SEEDS_DIR / f"{stem}.csv").read_text(encoding="utf-8"), encoding="utf-8")
    (seeds / "companies.csv").write_text("# one row\ncompany,aliases,role,hq_country\nLumen,,buyer,CN\n")
    con.execute("BEGIN TRANSACTION")
    assert load_seed_tables(con, seeds)["dim_companies"] == 1
    con.execute("ROLLBACK")
    assert con.execute("SELECT count(*) FROM dim_companies").fetchall()[0][0] > 1


def test_missing_seed_file_is_named(con, tmp_path):
    with pytest.raises(MissingSeedFileError, match="companies.csv"):
        load_seed_tables(con, tmp_path)


def test_two_outlets_reporting_one_budget_make_one_claim(con):
    [deal, budget] = claim(con, "ByteDance", "chip_purchase")
    assert budget["n_sources"] == 2 and budget["n_reports"] == 2
    assert budget["publishers"] == ["Harbor Ledger", "Pacific Wire"]
    assert budget["amount_usd"] == pytest.approx((5.563e9 + 5.5e9) / 2)
    assert (budget["amount_usd_low"], budget["amount_usd_high"]) == (5.5e9, 5.563e9)
    assert (budget["first_reported_on"], budget["last_reported_on"]) == (date(2025, 3, 10), date(2025, 3, 12))
    assert budget["amount"] == 4.0e10 and budget["currency"] == "CNY"  # the earliest report's own figure
    assert budget["any_disputed"] is False


def test_amounts_more_than_ten_percent_apart_stay_separate_claims(con):
    [deal, budget] = claim(con, "ByteDance", "chip_purchase")
    assert deal["amount_usd"] == 8.0e9 and deal["n_sources"] == 1 and deal["status"] == "actual"


def test_chip_counts_within_five_percent_are_one_disputed_claim(con):
    [order] = claim(con, "Tencent", "chip_purchase", measure="units")
    assert order["units"] == 99_000 and order["n_sources"] == 2
    assert order["any_disputed"] is True and order["n_disputing_sources"] == 1
    assert order["dispute_evidence"].startswith("Tencent denied")
    assert order["vendor"] == "Nvidia" and order["vendor_origin"] == "foreign"


def test_every_reported_fact_belongs_to_exactly_one_claim(con):
    fact_ids = [f for (ids,) in con.execute("SELECT fact_ids FROM spend_claims").fetchall() for f in ids]
    assert sorted(fact_ids) == sorted(fact_id for fact_id, *_ in SPEND)
    assert con.execute("SELECT count(*) FROM spend_claims").fetchall()[0][0] == 6


def test_vendor_origin_comes_from_the_chip_else_the_vendor_headquarters(con):
    origins = dict(con.execute("SELECT company || ' ' || spend_type || ' ' || measure, vendor_origin "
                               "FROM spend_claims WHERE vendor_origin <> 'foreign'").fetchall())
    assert origins["Baidu data_center usd"] == "domestic"          # vendor Kunlunxin, no chip model
    assert origins["ByteDance chip_purchase usd"] == "domestic"     # Ascend 910C
    assert origins["Tencent ai_capex usd"] == "unknown"


def test_undated_claim_is_placed_at_the_start_of_its_year(con):
    [baidu] = claim(con, "Baidu", "data_center")
    assert baidu["claim_on"] == date(2024, 1, 1) and baidu["claim_on_basis"] == "year_start"
    assert baidu["publishers"] == []


def test_rerun_changes_no_claim(con):
    before_spend = con.execute("SELECT * FROM spend_claims ORDER BY claim_id").fetchall()
    before_policy = con.execute("SELECT * FROM policy_claims ORDER BY claim_id").fetchall()
    loader = RunLoader(con, "r2")
    loader.begin()
    load_seed_tables(con, SEEDS_DIR)
    loader.replace_facts([r["article_id"] for r in spend_rows()], spend_rows(), policy_rows())
    loader.commit()
    assert con.execute("SELECT * FROM spend_claims ORDER BY claim_id").fetchall() == before_spend
    assert con.execute("SELECT * FROM policy_claims ORDER BY claim_id").fetchall() == before_policy


def test_claim_ids_survive_a_new_report_of_the_same_fact(con):
    [before] = claim(con, "Tencent", "chip_purchase", measure="units")
    late = dict(spend_rows()[2], fact_id="s10", article_id="a4")  # a4 repeats the 100,000-chip order
    loader = RunLoader(con, "r3")
    loader.begin()
    loader.insert_rows("chip_spend", [late])
    loader.commit()
    [after] = claim(con, "Tencent", "chip_purchase", measure="units")
    assert after["claim_id"] == before["claim_id"] and after["n_sources"] == 3


def test_policy_reports_with_the_same_date_are_one_claim(con):
    [control] = rows_of(con, "SELECT * FROM policy_claims WHERE instrument = 'export_control'")
    assert control["n_sources"] == 2 and control["actor"] == "Washington"  # from the earliest report
    assert control["actors"] == ["Commerce Department", "Washington"]
    assert control["any_disputed"] is False


def test_policy_sources_giving_different_sizes_are_disputed(con):
    [tariff] = rows_of(con, "SELECT * FROM policy_claims WHERE instrument = 'tariff'")
    assert tariff["any_disputed"] is True and tariff["magnitude"] == 25.0 and tariff["n_sources"] == 2


def test_undated_policy_claims_are_keyed_by_target(con):
    [probe] = rows_of(con, "SELECT * FROM policy_claims WHERE event_date IS NULL")
    assert probe["target"] == "American analog chips" and probe["actor_country"] == "CN"
    assert con.execute("SELECT count(*) FROM policy_claims").fetchall()[0][0] == 3


def test_spend_by_company_year_adds_claims_by_status(con):
    by = {(r["company"], r["year"]): r for r in rows_of(con, "SELECT * FROM v_spend_by_company_year")}
    assert set(by) == {("Baidu", 2024), ("ByteDance", 2025), ("Tencent", 2025), ("Alibaba", 2026)}
    bytedance = by[("ByteDance", 2025)]
    assert bytedance["n_claims"] == 2
    assert bytedance["planned_usd"] == pytest.approx(5.5315e9)
    assert bytedance["actual_usd"] == 8.0e9
    assert bytedance["total_usd"] == pytest.approx(13.5315e9)
    tencent = by[("Tencent", 2025)]
    assert tencent["chip_units"] == 99_000 and tencent["n_disputed_claims"] == 1
    assert tencent["actual_usd"] == 3.825e9


def test_china_demand_splits_domestic_and_foreign_vendors(con):
    years = {r["year"]: r for r in rows_of(con, "SELECT * FROM v_china_ai_chip_demand")}
    assert sorted(years) == [2024, 2025, 2026]
    y2025 = years[2025]
    assert y2025["planned_usd"] == pytest.approx(5.5315e9)
    assert y2025["actual_usd"] == pytest.approx(8.0e9 + 3.825e9)
    assert y2025["domestic_vendor_usd"] == pytest.approx(5.5315e9)
    assert y2025["foreign_vendor_usd"] == 8.0e9
    assert y2025["unknown_vendor_usd"] == 3.825e9
    assert y2025["foreign_chip_units"] == 99_000 and y2025["domestic_chip_units"] == 0
    assert years[2024]["domestic_vendor_usd"] == 1.2e9


def test_china_demand_leaves_out_buyers_outside_china(con):
    row = dict(spend_rows()[6], fact_id="s11", company="Microsoft", year=2026, amount_usd=8.0e10)
    loader = RunLoader(con, "r4")
    loader.begin()
    loader.insert_rows("chip_spend", [row])
    loader.commit()
    [y2026] = rows_of(con, "SELECT * FROM v_china_ai_chip_demand WHERE year = 2026")
    assert y2026["total_usd"] == 1.5e10


def test_policy_timeline_orders_events_and_dates_undated_ones_by_report(con):
    timeline = rows_of(con, "SELECT * FROM v_policy_timeline")
    assert [(r["timeline_on"], r["timeline_on_basis"], r["instrument"]) for r in timeline] == [
        (date(2025, 1, 15), "event_date", "export_control"),
        (date(2025, 4, 2), "event_date", "tariff"),
        (date(2025, 9, 1), "first_reported", "investigation"),
    ]


def test_spend_after_policy_keeps_claims_within_180_days(con):
    pairs = rows_of(con, "SELECT instrument, company, spend_type, days_after FROM v_spend_after_policy")
    assert sorted((r["instrument"], r["company"], r["spend_type"], r["days_after"]) for r in pairs) == [
        ("export_control", "ByteDance", "chip_purchase", 54),
        ("export_control", "Tencent", "chip_purchase", 56),
        ("tariff", "Alibaba", "ai_capex", 152),
        ("tariff", "ByteDance", "chip_purchase", 152),
        ("tariff", "Tencent", "ai_capex", 152),
    ]


def test_source_coverage_counts_articles_rows_and_quarantine(con):
    cov = {r["publisher"]: r for r in rows_of(con, "SELECT * FROM v_source_coverage")}
    assert (cov["Harbor Ledger"]["articles"], cov["Harbor Ledger"]["spend_rows"],
            cov["Harbor Ledger"]["policy_rows"]) == (2, 5, 3)
    assert (cov["Pacific Wire"]["spend_rows"], cov["Pacific Wire"]["quarantined_spend_rows"]) == (2, 1)
    assert cov["(unknown)"]["articles"] == 1
    assert (cov["Quiet Gazette"]["articles"], cov["Quiet Gazette"]["quarantined_articles"]) == (0, 1)
