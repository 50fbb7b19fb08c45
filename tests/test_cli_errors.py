"""User errors and hostile values at the command line, through the real `chipdemand` console script.

Each mistake a user can make is one line on stderr and a documented exit code, never a traceback;
values from the warehouse print as text, never as terminal markup or escape sequences.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from flows.options import OptionError, check_run_numbers

CHIPDEMAND = Path(sys.executable).with_name("chipdemand")
MINI = Path(__file__).parent / "data" / "mini"
HOURS_OF_WORK = "SELECT count(*) FROM range(1000000000) AS a, range(1000000) AS b"


def chipdemand(*args: str, env: dict[str, str] | None = None, timeout: float = 240) -> subprocess.CompletedProcess:
    """Run the console script; stdout and stderr as text."""
    return subprocess.run([str(CHIPDEMAND), *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """The single stderr line of a refused command (asserting there is exactly one, and no traceback)."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr and len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    """A small warehouse with one planted row whose text is markup, an escape sequence and formulas."""
    db = tmp_path_factory.mktemp("cli-errors") / "w.duckdb"
    result = chipdemand("run", "--sources", str(MINI), "--db", str(db))
    assert result.returncode == 0, result.stderr
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE planted AS SELECT '[/bold] [link=https://evil.example]x[/link] ' || chr(27) || '[31mred' "
                "AS evidence, '=HYPERLINK(\"https://evil.example\")' AS formula, '-2+3' AS minus, -5 AS n")
    con.close()
    return db


def test_unknown_task_runner_is_one_line_and_exit_2(tmp_path):
    result = chipdemand("run", "--task-runner", "thread", "--sources", str(MINI), "--db", str(tmp_path / "w.duckdb"))
    assert result.returncode == 2
    assert "'thread' is not one of 'auto', 'threads', 'processes', 'dask'" in one_line_error(result)
    assert not (tmp_path / "w.duckdb").exists()   # refused before anything started


def test_unknown_sql_format_is_one_line_and_exit_2(warehouse):
    result = chipdemand("sql", "SELECT 1", "--db", str(warehouse), "--format", "xml")
    assert result.returncode == 2
    assert "--format" in one_line_error(result)


@pytest.mark.parametrize("option, value", [("--batch-size", "-3"), ("--workers", "0"), ("--lock-wait", "-1")])
def test_senseless_numbers_are_refused_before_the_run(tmp_path, option, value):
    result = chipdemand("run", option, value, "--sources", str(MINI), "--db", str(tmp_path / "w.duckdb"))
    assert result.returncode == 2
    assert option in one_line_error(result)
    assert not (tmp_path / "w.duckdb").exists()


def test_workers_are_capped_at_the_usable_cores_unless_oversubscribing():
    assert check_run_numbers(10_000, 200, 60, cores=2) == 2
    assert check_run_numbers(10_000, 200, 60, oversubscribe=True, cores=2) == 10_000
    with pytest.raises(OptionError, match="--batch-size"):
        check_run_numbers(2, -3, 60)


def test_malformed_sources_file_is_one_line_and_exit_2(tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text('[[sources]\nkind = "folder"\n')
    result = chipdemand("run", "--sources", str(sources), "--db", str(tmp_path / "w.duckdb"))
    assert result.returncode == 2
    assert "not valid TOML" in one_line_error(result)


def test_db_that_is_a_folder_is_one_line_and_exit_2(tmp_path):
    result = chipdemand("run", "--sources", str(MINI), "--db", str(tmp_path))
    assert result.returncode == 2
    assert "is a folder" in one_line_error(result)


def test_db_that_is_not_a_duckdb_file_is_refused_and_left_alone(tmp_path):
    notes = tmp_path / "notes.duckdb"
    notes.write_bytes(b"my own notes, not a database\n" * 10)
    result = chipdemand("run", "--sources", str(MINI), "--db", str(notes))
    assert result.returncode == 2
    assert "not a DuckDB database file" in one_line_error(result)
    assert notes.read_bytes() == b"my own notes, not a database\n" * 10


def test_table_output_prints_markup_and_escapes_as_plain_text(warehouse):
    result = chipdemand("sql", "SELECT evidence FROM planted", "--db", str(warehouse))
    assert result.returncode == 0, result.stderr
    assert "[/bold] [link=https://evil.example]x[/link]" in result.stdout
    assert "\x1b" not in result.stdout and "\\x1b[31mred" in result.stdout


def test_csv_cells_that_spreadsheets_would_run_are_neutralised(warehouse):
    result = chipdemand("sql", "SELECT formula, minus, n FROM planted", "--db", str(warehouse), "--format", "csv")
    assert result.stdout.splitlines()[1] == "\"'=HYPERLINK(\"\"https://evil.example\"\")\",'-2+3,-5"
    raw = chipdemand("sql", "SELECT minus FROM planted", "--db", str(warehouse), "--format", "csv", "--raw")
    assert raw.stdout.splitlines()[1] == "-2+3"


def test_a_query_past_its_timeout_is_stopped_with_one_line(warehouse):
    result = chipdemand("sql", HOURS_OF_WORK, "--db", str(warehouse), "--timeout", "1")
    assert result.returncode == 1
    assert "ran longer than 1 s and was stopped" in one_line_error(result)


def test_ctrl_c_stops_a_query_without_a_traceback(warehouse):
    # SIGINT restored to its default in the child: a test runner started in the background inherits it ignored
    proc = subprocess.Popen([str(CHIPDEMAND), "sql", HOURS_OF_WORK, "--db", str(warehouse)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(3)   # most likely inside the query by now; Ctrl-C at any earlier point must end the same way
    proc.send_signal(signal.SIGINT)
    _out, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "Traceback" not in stderr and "interrupted" in stderr


def test_table_output_is_capped_and_says_so(warehouse):
    result = chipdemand("sql", "SELECT * FROM range(50)", "--db", str(warehouse), "--max-rows", "10")
    assert "first 10 rows shown" in " ".join(result.stdout.split())
    assert "│ 9 " in result.stdout and "│ 10 " not in result.stdout


def test_json_output_streams_every_row(warehouse):
    result = chipdemand("sql", "SELECT range AS i FROM range(25000)", "--db", str(warehouse), "--format", "json")
    rows = json.loads(result.stdout)
    assert len(rows) == 25000 and rows[-1] == {"i": 24999}


def test_reader_waits_for_a_writer_then_reads(warehouse, tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb,sys; c=duckdb.connect({str(warehouse)!r}); "
                               "print('ok', flush=True); sys.stdin.readline()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "ok"
    reader = subprocess.Popen([str(CHIPDEMAND), "sql", "SELECT count(*) AS n FROM articles", "--db", str(warehouse),
                               "--format", "csv", "--lock-wait", "120"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    notice = reader.stderr.readline()   # printed when the reader first meets the lock
    holder.communicate("\n")   # the writer finishes; the reader gets in
    out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0, err
    assert out.splitlines() == ["n", "2"]
    assert "waiting up to 120 s" in notice


def test_reader_gives_up_after_lock_wait_with_exit_3(warehouse):
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb,sys; c=duckdb.connect({str(warehouse)!r}); "
                               "print('ok', flush=True); sys.stdin.readline()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        result = chipdemand("sql", "SELECT 1", "--db", str(warehouse), "--lock-wait", "0.5")
    finally:
        holder.communicate("\n")
    assert result.returncode == 3
    assert "being written by a run" in result.stderr and "Traceback" not in result.stderr


def test_feed_on_loopback_without_the_flag_fails_the_run_and_says_what_to_do(http_server, tmp_path):
    feed = http_server.route("/feed.xml", body=b"<rss version='2.0'><channel><title>t</title></channel></rss>",
                             headers={"Content-Type": "application/rss+xml"})
    result = chipdemand("run", "--sources", feed, "--db", str(tmp_path / "w.duckdb"))
    said = " ".join(result.stdout.split())
    assert result.returncode == 1
    assert "every source failed" in said and "private_address ×1" in said and "--allow-private-hosts" in said
    assert result.stderr.strip().splitlines() == [
        "run failed: every source failed; nothing was read (the summary lists the reasons)"]


def test_a_run_with_some_failures_completes_and_lists_them(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text((MINI / "quiet-launch.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "scan.html").write_bytes(bytes(range(256)) * 8)   # a binary file named like a page
    result = chipdemand("run", "--sources", str(folder), "--db", str(tmp_path / "w.duckdb"))
    said = " ".join(result.stdout.split())
    assert result.returncode == 0, result.stderr
    assert "1 page or source failed; the rest loaded" in said and "binary ×1" in said


def test_version_is_printed():
    result = chipdemand("--version")
    assert result.returncode == 0 and result.stdout.startswith("chipdemand ")
