"""A run's staged writes (warehouse/stage.py) load exactly what direct writes load, in one transaction."""
from __future__ import annotations

from datetime import datetime

import pytest

from warehouse.db import connect_writer
from warehouse.load import RunLoader
from warehouse.stage import RunStage

NOW = datetime(2025, 1, 1, 12, 0, 0)
TABLES = ("articles", "chip_spend", "quarantine", "fetch_log", "fetch_state")


def article(i: int, text: str = "Lumen Cloud will buy servers.") -> dict:
    return {"article_id": f"a{i}", "source": f"a{i}.html", "url": f"file:///a{i}.html", "title": None,
            "publisher": None, "published_on": None, "language": "en", "text": f"{text} {i}",
            "content_sha256": f"h-{text}-{i}", "raw_sha256": None}


def spend(i: int) -> dict:
    return {"fact_id": f"f{i}", "article_id": f"a{i}", "company": "Alibaba", "year": 2025, "amount": 1e9 + i,
            "currency": "USD", "amount_usd": 1e9 + i, "units": None if i % 2 else 5, "vendor": None,
            "chip_model": None, "spend_type": "ai_capex", "region": None, "status": "planned", "disputed": False,
            "attribution": None, "qualifier": None, "confidence": 0.5, "evidence": "Lumen", "char_start": 0,
            "char_end": 5, "extractor_version": "t"}


def quarantined(i: int) -> dict:
    return {"row_kind": "chip_spend", "row_key": f"q{i}", "article_id": f"a{i}",
            "failed_expectations": ["amount_usd_within_bounds"], "payload": {"amount": 9e20, "on": NOW}}


def fetch_log(i: int) -> dict:
    return {"url": f"http://x/{i}", "source": "s", "kind": "page", "status": "ok" if i % 3 else "failed",
            "http_status": 200 if i % 3 else None, "reason": None if i % 3 else "timeout: slow", "attempts": 1,
            "bytes": 10 * i, "elapsed_s": 0.1, "article_id": f"a{i}", "logged_at": NOW}


def fetch_state(i: int) -> dict:
    return {"url": f"http://x/{i}", "etag": None, "last_modified": None, "raw_sha256": f"r{i}",
            "article_id": f"a{i}", "last_status": "ok", "last_fetched_at": NOW}


def write(target, n: int) -> None:
    """The same run's writes, through a stage or straight to a loader (same method names)."""
    target.load_versions([article(i) for i in range(n)], [spend(i) for i in range(n)], [], NOW)
    target.quarantine([quarantined(i) for i in range(n)], NOW)
    target.log_fetches([fetch_log(i) for i in range(n)])
    target.save_fetch_state([fetch_state(i) for i in range(n)])


def stored(con) -> list:
    return [con.execute(f"SELECT * EXCLUDE (quarantined_at) FROM {t} ORDER BY ALL" if t == "quarantine"
                        else f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES]


@pytest.mark.parametrize("n", [3, 60])   # kept in memory, spilled to Parquet
def test_staged_rows_load_what_direct_writes_load(tmp_path, n):
    direct = connect_writer(tmp_path / "direct.duckdb")
    loader = RunLoader(direct, "r1")
    loader.begin()
    write(loader, n)
    loader.commit()
    stage = RunStage(tmp_path / "staging" / "r1", "r1")
    write(stage, n)
    assert bool(list(stage.folder.glob("*.parquet"))) == (n == 60)
    staged = connect_writer(tmp_path / "staged.duckdb")
    replay = RunLoader(staged, "r1")
    replay.begin()
    assert replay.apply(stage)["articles"] == n
    replay.commit()
    assert stored(staged) == stored(direct) and len(stored(staged)[0]) == n


def test_many_rows_are_not_held_in_memory(tmp_path):
    stage = RunStage(tmp_path / "s", "r1", spill_rows=20)
    write(stage, 500)
    inserts = [op.rows for op in stage.ops if op.kind == "insert"]
    assert inserts and all(rows.rows is None and rows.path.is_file() for rows in inserts)
    stage.discard()
    assert not stage.folder.exists()


def test_a_second_staged_version_replaces_the_first_ones_facts(tmp_path):
    con = connect_writer(tmp_path / "w.duckdb")
    stage = RunStage(tmp_path / "s", "r1")
    stage.load_versions([article(1, "first")], [spend(1)], [], NOW)
    stage.load_versions([article(1, "second")], [dict(spend(1), fact_id="f1b")], [], NOW)
    loader = RunLoader(con, "r1")
    loader.begin()
    loader.apply(stage)
    loader.commit()
    assert con.execute("SELECT fact_id FROM chip_spend").fetchall() == [("f1b",)]
    assert con.execute("SELECT text FROM articles").fetchall() == [("second 1",)]


def test_a_failure_while_applying_leaves_nothing(tmp_path):
    con = connect_writer(tmp_path / "w.duckdb")

    def explode(point: str) -> None:
        if point == "after_spend":
            raise RuntimeError("injected failure")

    stage = RunStage(tmp_path / "s", "r1")
    write(stage, 60)
    loader = RunLoader(con, "r1", crash_hook=explode)
    loader.begin()
    with pytest.raises(RuntimeError, match="injected"):
        loader.apply(stage)
    loader.rollback()
    assert all(rows == [] for rows in stored(con))
