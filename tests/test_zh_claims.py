"""A fact reported in English and in Chinese is one claim with two sources: canonical company names and
amounts in US dollars make the two reports meet in the views (a real flow run into a DuckDB file)."""
import shutil

import duckdb

from flows.pipeline import run
from seeds import SEEDS_DIR

PAGES = ("bytedance-domestic-chip-budget.html", "bytedance-domestic-chips-zh.html")


def test_an_english_and_a_chinese_report_of_one_budget_make_one_claim_with_two_sources(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in PAGES:
        shutil.copy(SEEDS_DIR / "articles" / name, folder / name)
    db = tmp_path / "w.duckdb"
    run(sources=str(folder), db=str(db))
    con = duckdb.connect(str(db), read_only=True)
    try:
        languages = sorted(r[0] for r in con.execute("SELECT language FROM articles").fetchall())
        claims = con.execute(
            "SELECT n_sources, n_reports, publishers, amount_usd, status FROM spend_claims "
            "WHERE company = 'ByteDance' AND year = 2025 AND spend_type = 'chip_purchase'").fetchall()
    finally:
        con.close()
    assert languages == ["en", "zh"]
    [(n_sources, n_reports, publishers, amount_usd, status)] = claims
    assert (n_sources, n_reports, status) == (2, 2, "planned")
    assert len(publishers) == 2 and "东岸科技观察" in publishers
    assert abs(amount_usd - 4.2e9) < 0.1e9
