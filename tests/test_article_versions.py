"""A stored article and a new version of its page: what a quarantined new version leaves in place.

The texts are written for this test: one article with three spend facts and one policy event, and a
stub short enough to fail `text_long_enough`.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows.pipeline import PipelineError, run

FULL = """Chip buyers raise their budgets

BEIJING, 12 May 2025 - Tencent plans to spend 20 billion yuan on AI chips this year, people briefed on the plan said.

Alibaba will invest $3 billion in Nvidia processors in 2025, the company said in a filing on Monday.

ByteDance plans to spend $2 billion on Huawei Ascend chips this year, according to a person familiar with the matter.

Separately, the US Commerce Department added 12 Chinese companies to its entity list last week, a move that \
analysts said could make it harder for Chinese buyers to obtain advanced processors.
"""
STUB = "Page moved\n\nThis story has moved.\n"
OTHER = """A data centre opens in Guizhou

GUIYANG, 2 June 2025 - A cloud operator opened a new data centre in Guizhou on Monday, with room for \
thousands of servers and a cooling system that draws on the cold air of the surrounding hills, the operator said.
"""
OTHER_V2 = OTHER + "\nThe operator said a second hall would open next spring, doubling the floor space.\n"


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def facts_of(db: Path, name: str) -> tuple[int, int]:
    """(spend rows, policy rows) of the article read from file `name`."""
    ids = query(db, "SELECT article_id FROM articles WHERE url LIKE ?", [f"%/{name}"])
    assert len(ids) == 1
    aid = ids[0][0]
    return (query(db, "SELECT count(*) FROM chip_spend WHERE article_id = ?", [aid])[0][0],
            query(db, "SELECT count(*) FROM policy_events WHERE article_id = ?", [aid])[0][0])


@pytest.fixture()
def loaded(tmp_path):
    """A warehouse holding the full article (3 spend, 1 policy) and another one, from a folder."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "budgets.txt").write_text(FULL)
    (folder / "guizhou.txt").write_text(OTHER)
    db = tmp_path / "w.duckdb"
    assert run(sources=str(folder), db=str(db))["status"] == "completed"
    assert facts_of(db, "budgets.txt") == (3, 1)
    return folder, db


def test_a_quarantined_new_version_keeps_the_stored_one_and_its_facts(loaded):
    folder, db = loaded
    (folder / "budgets.txt").write_text(STUB)
    (folder / "guizhou.txt").write_text(OTHER_V2)    # a second change keeps the failure rate at 50%
    summary = run(sources=str(folder), db=str(db))
    assert summary["status"] == "completed"
    assert facts_of(db, "budgets.txt") == (3, 1)
    text = query(db, "SELECT text FROM articles WHERE url LIKE '%/budgets.txt'")[0][0]
    assert text.startswith("Chip buyers raise their budgets")
    assert summary["kept_previous"] == 1
    quarantined = query(db, "SELECT failed_expectations, payload->>'text' FROM quarantine WHERE row_kind = 'article'")
    assert len(quarantined) == 1 and "text_long_enough" in quarantined[0][0]
    assert quarantined[0][1].startswith("Page moved")
    reasons = query(db, "SELECT reason FROM fetch_log WHERE url LIKE '%/budgets.txt' ORDER BY logged_at DESC LIMIT 1")
    assert reasons[0][0].startswith("kept_previous_version:") and "text_long_enough" in reasons[0][0]


def test_the_facts_are_still_there_on_the_next_run(loaded):
    folder, db = loaded
    (folder / "budgets.txt").write_text(STUB)
    (folder / "guizhou.txt").write_text(OTHER_V2)
    run(sources=str(folder), db=str(db))
    summary = run(sources=str(folder), db=str(db))
    assert summary["status"] == "completed"
    assert facts_of(db, "budgets.txt") == (3, 1)


def test_a_run_failed_by_its_stub_alone_deletes_nothing(loaded):
    folder, db = loaded
    (folder / "budgets.txt").write_text(STUB)
    with pytest.raises(PipelineError, match="validation failure rate"):
        run(sources=str(folder), db=str(db))
    assert facts_of(db, "budgets.txt") == (3, 1)
    assert query(db, "SELECT status FROM pipeline_runs ORDER BY started_at DESC LIMIT 1") == [("failed",)]


def test_a_good_new_version_replaces_the_facts(loaded):
    folder, db = loaded
    (folder / "budgets.txt").write_text(FULL.replace("ByteDance plans to spend $2 billion on Huawei Ascend chips "
                                                     "this year, according to a person familiar with the matter.\n\n",
                                                     ""))
    assert run(sources=str(folder), db=str(db))["status"] == "completed"
    assert facts_of(db, "budgets.txt") == (2, 1)
