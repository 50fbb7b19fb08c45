"""The README's analytics SQL examples run as written, through the same read-only path as `chipdemand sql`."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from analytics_samples import build_sample_warehouse
from warehouse.query import run_query

README = Path(__file__).resolve().parents[1] / "README.md"
SECTION = re.compile(r"<!-- analytics:start -->(?P<body>.*?)<!-- analytics:end -->", re.S)
SQL_BLOCK = re.compile(r"```sql\n(?P<sql>.*?)```", re.S)
VIEW_ROW = re.compile(r"^\| `(?P<view>\w+)` \|", re.M)


def readme_section() -> str:
    """The README text between the analytics markers."""
    match = SECTION.search(README.read_text(encoding="utf-8"))
    assert match, "README.md has no analytics section"
    return match["body"]


def readme_queries() -> list[str]:
    """The ```sql blocks of the analytics section, as written."""
    return [m["sql"] for m in SQL_BLOCK.finditer(readme_section())]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return build_sample_warehouse(tmp_path_factory.mktemp("readme") / "w.duckdb")


def test_readme_shows_five_questions():
    assert len(readme_queries()) >= 5


@pytest.mark.parametrize("query", readme_queries(), ids=lambda q: q.split("FROM")[1].split()[0])
def test_readme_query_runs_and_answers(warehouse, query):
    columns, rows = run_query(warehouse, query)
    assert columns and rows, "the example returns no rows on the sample warehouse"


def test_domestic_share_example_gives_the_hand_checked_share(warehouse):
    [query] = [q for q in readme_queries() if "domestic_share_pct" in q]
    columns, rows = run_query(warehouse, query)
    by_year = {r[0]: dict(zip(columns, r)) for r in rows}
    assert by_year[2025]["domestic_share_pct"] == pytest.approx(40.9)  # 5.5315 of 5.5315 + 8.0 bn


def test_readme_table_documents_every_view_and_its_columns(warehouse):
    documented = {m["view"]: line for m in VIEW_ROW.finditer(readme_section())
                  for line in [readme_section()[m.start():].splitlines()[0]]}
    columns, rows = run_query(warehouse, "SELECT table_name, column_name FROM information_schema.columns "
                                         "WHERE table_name IN (SELECT view_name FROM duckdb_views() "
                                         "WHERE NOT internal)")
    assert {t for t, _ in rows} == set(documented)
    missing = [f"{t}.{c}" for t, c in rows if f"`{c}`" not in documented[t]]
    assert missing == []
