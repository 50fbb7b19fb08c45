"""Warehouse schema, the one-transaction loader, and read-only queries."""
from datetime import datetime

import duckdb
import pytest

from warehouse.db import WarehouseBusyError, connect_reader, connect_writer, migrate
from warehouse.load import RunLoader
from warehouse.query import QueryError, run_query

NOW = datetime(2025, 1, 1, 12, 0, 0)


def article(article_id: str, text: str = "Lumen Cloud will buy servers.") -> dict:
    return {"article_id": article_id, "source": f"{article_id}.html", "url": f"file:///{article_id}.html",
            "title": None, "publisher": None, "published_on": None, "language": "en", "text": text,
            "content_sha256": f"h-{text}", "raw_sha256": None}


def spend(fact_id: str, article_id: str) -> dict:
    return {"fact_id": fact_id, "article_id": article_id, "company": "Alibaba", "year": 2025, "amount": 1e9,
            "currency": "USD", "amount_usd": 1e9, "units": None, "vendor": None, "chip_model": None,
            "spend_type": "ai_capex", "region": None, "status": "planned", "disputed": False, "attribution": None,
            "qualifier": None, "evidence": "Lumen", "char_start": 0, "char_end": 5, "extractor_version": "t"}


def counts(con) -> tuple:
    return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("articles", "chip_spend", "quarantine", "fetch_log"))


def test_migrations_apply_once(tmp_path):
    con = connect_writer(tmp_path / "w.duckdb")
    assert migrate(con) == []
    versions = [r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()]
    assert versions == sorted(versions) and versions[0] == 1


def test_committed_run_is_visible(tmp_path):
    con = connect_writer(tmp_path / "w.duckdb")
    loader = RunLoader(con, "r1")
    loader.begin()
    loader.upsert_articles([article("a1")], NOW)
    loader.replace_facts(["a1"], [spend("f1", "a1")], [])
    loader.commit()
    assert counts(con) == (1, 1, 0, 0)


def test_failure_mid_load_leaves_the_previous_state(tmp_path):
    con = connect_writer(tmp_path / "w.duckdb")
    first = RunLoader(con, "r1")
    first.begin()
    first.upsert_articles([article("a1")], NOW)
    first.commit()
    before = counts(con)

    def explode(point: str) -> None:
        if point == "after_spend":
            raise RuntimeError("injected failure")

    second = RunLoader(con, "r2", crash_hook=explode)
    second.begin()
    second.upsert_articles([article("a2")], NOW)
    with pytest.raises(RuntimeError, match="injected"):
        second.replace_facts(["a2"], [spend("f2", "a2")], [])
    second.rollback()
    assert counts(con) == before


def test_reloading_an_article_replaces_its_facts(tmp_path):
    con = connect_writer(tmp_path / "w.duckdb")
    for run, fact in (("r1", "f-old"), ("r2", "f-new")):
        loader = RunLoader(con, run)
        loader.begin()
        loader.upsert_articles([article("a1", text=f"text {run}")], NOW)
        loader.replace_facts(["a1"], [spend(fact, "a1")], [])
        loader.commit()
    assert con.execute("SELECT fact_id FROM chip_spend").fetchall() == [("f-new",)]
    assert con.execute("SELECT text FROM articles").fetchall() == [("text r2",)]


def test_loading_versions_touches_only_the_articles_given(tmp_path):
    con = connect_writer(tmp_path / "w.duckdb")
    loader = RunLoader(con, "r1")
    loader.begin()
    loader.load_versions([article("a1"), article("a2", text="other")], [spend("f1", "a1"), spend("f2", "a2")], [], NOW)
    loader.commit()
    second = RunLoader(con, "r2")
    second.begin()
    second.load_versions([article("a2", text="other v2")], [spend("f2b", "a2")], [], NOW)   # a1's new version failed
    second.commit()
    assert con.execute("SELECT fact_id FROM chip_spend ORDER BY 1").fetchall() == [("f1",), ("f2b",)]


def test_quarantined_again_replaces_the_record(tmp_path):
    con = connect_writer(tmp_path / "w.duckdb")
    row = {"row_kind": "chip_spend", "row_key": "f9", "article_id": "a1",
           "failed_expectations": ["amount_usd_in_bounds"], "payload": {"amount_usd": 9e20}}
    for run in ("r1", "r2"):
        loader = RunLoader(con, run)
        loader.begin()
        loader.quarantine([row], NOW)
        loader.commit()
    assert con.execute("SELECT run_id, failed_expectations FROM quarantine").fetchall() == [("r2", ["amount_usd_in_bounds"])]


def test_second_writer_process_is_told_the_warehouse_is_busy(tmp_path):
    import subprocess
    import sys

    db = tmp_path / "w.duckdb"
    connect_writer(db).close()
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb,sys; c=duckdb.connect({str(db)!r}); "
                               "print('ok', flush=True); sys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(WarehouseBusyError, match="another run"):
            connect_writer(db, wait_s=0.2, poll_s=0.05)
    finally:
        holder.communicate("")


def test_sql_is_read_only(tmp_path):
    db = tmp_path / "w.duckdb"
    connect_writer(db).close()
    with pytest.raises(QueryError, match="read-only"):
        run_query(db, "DELETE FROM articles")


def test_sql_cannot_touch_the_file_system(tmp_path):
    db = tmp_path / "w.duckdb"
    connect_writer(db).close()
    secret = tmp_path / "secret.csv"
    secret.write_text("a\n1\n")
    with pytest.raises(QueryError, match="access"):
        run_query(db, f"SELECT * FROM read_csv('{secret}')")
    with pytest.raises(QueryError):
        run_query(db, f"COPY (SELECT 1) TO '{tmp_path / 'out.csv'}'")
    assert not (tmp_path / "out.csv").exists()


def test_sql_on_a_missing_warehouse_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="chipdemand run"):
        run_query(tmp_path / "none.duckdb", "SELECT 1")


def test_select_returns_columns_and_rows(tmp_path):
    db = tmp_path / "w.duckdb"
    connect_writer(db).close()
    assert run_query(db, "SELECT 1 AS one") == (["one"], [(1,)])


def test_reader_is_read_only_connection(tmp_path):
    db = tmp_path / "w.duckdb"
    connect_writer(db).close()
    con = connect_reader(db)
    with pytest.raises(duckdb.Error):
        con.execute("CREATE TABLE x (a INT)")


@pytest.mark.parametrize("n", [3, 60])   # below and above FEW_ROWS: parameters vs Arrow
def test_few_and_many_rows_load_the_same_values(tmp_path, n):
    """Small batches go in as query parameters, large ones through Arrow; the stored rows are the same."""
    from warehouse.load import FEW_ROWS

    assert (n <= FEW_ROWS) == (n == 3)
    arts = [article(f"a{i}", text=f"Lumen Cloud will buy {i} servers.") for i in range(n)]
    facts = [{**spend(f"f{i}", f"a{i}"), "units": None if i % 2 else 5.0, "vendor": "Huawei" if i % 3 else None}
             for i in range(n)]
    quarantined = [{"row_kind": "chip_spend", "row_key": f"q{i}", "article_id": f"a{i}",
                    "failed_expectations": ["amount_usd_within_bounds"], "payload": {"amount": 9e20, "on": NOW}}
                   for i in range(n)]
    stored = []
    for how in ("one", "all"):   # one row per call (always parameters) against all rows in one call
        con = connect_writer(tmp_path / f"{how}.duckdb")
        loader = RunLoader(con, "r1")
        loader.begin()
        for chunk in ([[a] for a in arts] if how == "one" else [arts]):
            loader.upsert_articles(chunk, NOW)
        for chunk in ([[f] for f in facts] if how == "one" else [facts]):
            loader.replace_facts([], chunk, [])
        for chunk in ([[q] for q in quarantined] if how == "one" else [quarantined]):
            loader.quarantine(chunk, NOW)
        loader.commit()
        stored.append([con.execute(f"SELECT * EXCLUDE (quarantined_at) FROM {t} ORDER BY ALL" if t == "quarantine"
                                   else f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                       for t in ("articles", "chip_spend", "quarantine")])
        con.close()
    assert stored[0] == stored[1] and len(stored[0][1]) == n
