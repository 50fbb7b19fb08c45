"""A page longer than the extraction limits is loaded with what was read, and the run says so (issue 17)."""
from __future__ import annotations

from pathlib import Path

import duckdb

from flows.pipeline import run
from transforms.extract import ExtractLimits

BUYERS = ("Alibaba", "Tencent", "Baidu", "Kuaishou", "Meituan", "Xiaomi")


def long_page(folder: Path) -> Path:
    """A text file of more money sentences than the default sentence cap."""
    lines = [f"{BUYERS[i % len(BUYERS)]} will spend ${i + 1} million on AI chips in 2026."
             for i in range(ExtractLimits().max_sentences + 50)]
    path = folder / "budgets.txt"
    path.write_text("AI chip budgets, one by one\n" + "\n".join(lines), encoding="utf-8")
    return path


def test_a_truncated_page_is_loaded_counted_and_logged(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    long_page(folder)
    db = tmp_path / "w.duckdb"
    summary = run(sources=str(folder), db=str(db))
    assert summary["status"] == "completed" and summary["extract_truncated"] == 1
    con = duckdb.connect(str(db), read_only=True)
    try:
        reasons = con.execute("SELECT status, reason FROM fetch_log").fetchall()
        loaded = con.execute("SELECT count(*), max(amount_usd) FROM chip_spend").fetchone()
    finally:
        con.close()
    assert reasons == [("ok", "extract_truncated: max_sentences")]
    assert loaded[0] > 0 and loaded[1] < ExtractLimits().max_sentences * 1e6
