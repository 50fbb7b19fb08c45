"""The `chipdemand` command line, one behaviour per test (in-process through Typer's runner)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app

DATA = Path(__file__).parent / "data" / "mini"
runner = CliRunner()


def said(result) -> str:
    """The command's output with rich's line wrapping undone."""
    return " ".join(result.output.split())


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "w.duckdb"
    result = runner.invoke(app, ["run", "--sources", str(DATA), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_help_lists_commands_with_examples():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("run", "sql", "serve", "report", "export"):
        assert command in result.output
    assert "Examples" in result.output


def test_run_prints_a_summary(warehouse):
    result = runner.invoke(app, ["run", "--sources", str(DATA), "--db", str(warehouse)])
    assert result.exit_code == 0, result.output
    assert "articles new / updated / unchanged" in said(result) and "0 / 0 / 2" in said(result)


def test_run_with_missing_sources_exits_2_and_says_why(tmp_path):
    result = runner.invoke(app, ["run", "--sources", str(tmp_path / "nowhere"), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 2
    assert "no such file or folder" in said(result)


def test_sql_prints_csv_and_json(warehouse):
    csv_out = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM articles", "--db", str(warehouse), "--format", "csv"])
    assert csv_out.exit_code == 0 and csv_out.output.splitlines() == ["n", "2"]
    json_out = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM articles", "--db", str(warehouse), "-f", "json"])
    assert json.loads(json_out.output) == [{"n": 2}]


def test_sql_refuses_to_change_the_warehouse(warehouse):
    result = runner.invoke(app, ["sql", "DELETE FROM articles", "--db", str(warehouse)])
    assert result.exit_code == 2
    assert "read-only" in said(result)
    again = runner.invoke(app, ["sql", "SELECT count(*) FROM articles", "--db", str(warehouse), "-f", "csv"])
    assert again.output.splitlines()[1] == "2"


def test_export_writes_every_table_as_parquet(warehouse, tmp_path):
    result = runner.invoke(app, ["export", "--db", str(warehouse), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    names = {p.stem for p in (tmp_path / "out").glob("*.parquet")}
    assert {"articles", "chip_spend", "policy_events", "spend_claims"} <= names


def test_report_writes_an_html_page(warehouse, tmp_path):
    result = runner.invoke(app, ["report", "--db", str(warehouse), "--out", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r" / "index.html").read_text().startswith("<!")


def test_busy_warehouse_exits_3_with_a_clear_message(tmp_path):
    db = tmp_path / "busy.duckdb"
    runner.invoke(app, ["run", "--sources", str(DATA / "quiet-launch.txt"), "--db", str(db)])
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb,sys; c=duckdb.connect({str(db)!r}); "
                               "print('ok', flush=True); sys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        result = runner.invoke(app, ["run", "--sources", str(DATA), "--db", str(db), "--lock-wait", "0.5"])
    finally:
        holder.communicate("")
    assert result.exit_code == 3
    assert "being written by" in said(result) and "--lock-wait" in said(result)
