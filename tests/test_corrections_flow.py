"""Analyst corrections end to end (issue 18): real pipeline runs, the GX corrections suite, DuckDB files, and the
analyst's commands through Typer's runner. Both articles are written for this test.

The scenario: after a first run, an analyst rejects a policy row the rules got wrong, corrects a spend row's year,
confirms another, adds a spend row the extractor missed, and writes one bad correction (a company nobody knows).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.pipeline import run
from flows.report import ReportData, fetch_dicts, render_report
from transforms.models import SpendFact
from warehouse.db import connect_writer
from warehouse.load import RunLoader

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
runner = CliRunner()

HARBOUR = """Chip budgets swell at two Chinese platforms

SHANGHAI, 12 March 2025 - ByteDance plans to spend $6 billion on AI chips next year, two people familiar with the plan said, as the company builds out clusters for its chatbot.

Alibaba will take delivery of 12,000 Nvidia H20 processors this year for its cloud unit, a filing shows, in the fiscal year that starts in April.

The global market for AI accelerators could reach $400 billion by 2030, one research firm estimates.

Separately, the US Commerce Department added 30 Chinese firms to its entity list on Monday, tightening the rules on advanced chips.
"""
QUAY = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Baidu widens its server plans</title>
<meta property="og:site_name" content="Quay Courier">
<meta property="article:published_time" content="2025-05-20T08:00:00+08:00"></head>
<body><article><h1>Baidu widens its server plans</h1>
<p>Baidu will spend 10 billion yuan on AI servers in 2025, its finance chief told analysts on a call, most of it on Kunlunxin accelerators.</p>
<p>The search company also leases computing power from two state-backed data centres in Guizhou, and it said the leases run for three more years.</p>
<p>Tencent, a rival, has ordered 5,000 Huawei Ascend 910C chips for delivery this year, a supplier said, though neither company would comment.</p>
</article></body></html>
"""
ALIBABA_SENTENCE = "Alibaba will take delivery of 12,000 Nvidia H20 processors this year for its cloud unit"


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def said(result) -> str:
    """The command's output with rich's line wrapping undone."""
    return " ".join(result.output.split())


def cli(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"CHIPDEMAND_AUTHOR": "test analyst"})
    assert result.exit_code == 0, result.output
    return said(result)


def row_id(db: Path, sql: str) -> str:
    [(found,)] = query(db, sql)
    return found


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    (folder / "harbour-budgets.txt").write_text(HARBOUR, encoding="utf-8")
    (folder / "quay-servers.html").write_text(QUAY, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def scenario(tmp_path_factory, articles) -> dict:
    """A warehouse after a first run, the analyst's decisions through the CLI, and a second run."""
    base = tmp_path_factory.mktemp("corrections")
    db, corrections = base / "w.duckdb", base / "corrections.csv"
    run(sources=str(articles), db=str(db))
    ids = {
        "export_control": row_id(db, "SELECT event_id FROM policy_events WHERE instrument = 'export_control'"),
        "entity_list": row_id(db, "SELECT event_id FROM policy_events WHERE instrument = 'entity_list'"),
        "tencent": row_id(db, "SELECT fact_id FROM chip_spend WHERE company = 'Tencent'"),
        "baidu": row_id(db, "SELECT fact_id FROM chip_spend WHERE company = 'Baidu'"),
    }
    common = ["--db", str(db), "--corrections", str(corrections)]
    cli("reject", ids["export_control"], "--note", "an entity listing, not an export control", *common)
    cli("correct", ids["tencent"], "--set", "year=2026", "--note", "the supplier's delivery is next year", *common)
    cli("confirm", ids["entity_list"], *common)
    cli("add", "--article", "harbour-budgets.txt", "--kind", "spend", "--evidence", ALIBABA_SENTENCE,
        "--set", "company=Alibaba", "--set", "units=12000", "--set", "vendor=Nvidia", "--set", "chip_model=H20",
        "--set", "year=2026", "--set", "spend_type=chip_purchase", "--note", "missed: fiscal 2026 delivery", *common)
    cli("correct", ids["baidu"], "--set", "company=Lumen Systems", "--note", "a typo", *common)
    summary = run(sources=str(articles), db=str(db), corrections=str(corrections))
    return {"db": db, "corrections": corrections, "ids": ids, "summary": summary, "articles": articles}


def copy_of(scenario: dict, tmp_path: Path) -> tuple[Path, Path]:
    """The scenario's warehouse and corrections file, copied for a test that changes them."""
    db, corrections = tmp_path / "w.duckdb", tmp_path / "corrections.csv"
    shutil.copy(scenario["db"], db)
    shutil.copy(scenario["corrections"], corrections)
    return db, corrections


def test_decisions_go_to_the_file_not_the_warehouse(tmp_path, scenario):
    db, corrections = copy_of(scenario, tmp_path)
    warehouse_bytes = db.read_bytes()
    out = cli("confirm", scenario["ids"]["baidu"], "--db", str(db), "--corrections", str(corrections))
    assert "chipdemand corrections apply" in out
    lines = corrections.read_text(encoding="utf-8").splitlines()
    assert lines[-1].split(",")[1:3] == ["confirm", "chip_spend"]
    assert sum(",confirm," in line for line in lines) == 2 and "test analyst" in lines[-1]
    assert db.read_bytes() == warehouse_bytes


def test_the_run_summary_counts_the_corrections(scenario):
    c = scenario["summary"]["corrections"]
    assert (c["lines"], c["applied"], c["orphaned"], c["quarantined"], c["reloaded"]) == (5, 4, 0, 1, True)


def test_a_rejected_row_stays_in_the_table_and_out_of_the_claims(scenario):
    db, event = scenario["db"], scenario["ids"]["export_control"]
    assert query(db, "SELECT count(*) FROM policy_events WHERE event_id = ?", [event]) == [(1,)]
    assert query(db, "SELECT count(*) FROM policy_claims WHERE list_contains(event_ids, ?)", [event]) == [(0,)]
    assert query(db, "SELECT instrument FROM policy_claims") == [("entity_list",)]


def test_a_rejected_row_stays_out_after_reextract(tmp_path, scenario):
    db, corrections = copy_of(scenario, tmp_path)
    summary = run(sources=str(scenario["articles"]), db=str(db), corrections=str(corrections), reextract=True)
    assert summary["articles_updated"] == 2
    assert query(db, "SELECT count(*) FROM policy_events WHERE instrument = 'export_control'") == [(1,)]
    assert query(db, "SELECT instrument, reviewed FROM policy_claims") == [("entity_list", True)]


def test_a_corrected_value_is_used_by_the_claims_and_the_original_kept(scenario):
    db = scenario["db"]
    assert query(db, "SELECT year FROM chip_spend WHERE company = 'Tencent'") == [(2025,)]
    assert query(db, "SELECT year, reviewed, review_note FROM spend_claims WHERE company = 'Tencent'") == [
        (2026, True, "the supplier's delivery is next year")]
    assert query(db, "SELECT year FROM v_spend_by_company_year WHERE company = 'Tencent'") == [(2026,)]


def simulate_rule_change(db: Path, article_id: str, rows: list[SpendFact]) -> None:
    """Replace an article's spend rows as a re-extraction under new rules would (new ids, new version)."""
    con = connect_writer(db)
    try:
        loader = RunLoader(con, "rules-changed")
        loader.begin()
        loader.replace_facts([article_id], [r.model_dump() for r in rows],
                             [dict(zip([d[0] for d in con.execute("SELECT * FROM policy_events").description], r))
                              for r in con.execute("SELECT * FROM policy_events WHERE article_id = ?",
                                                   [article_id]).fetchall()])
        loader.commit()
    finally:
        con.close()


def spend_rows(db: Path, article_id: str) -> list[SpendFact]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute("SELECT * FROM chip_spend WHERE article_id = ? ORDER BY char_start", [article_id])
        names = [d[0] for d in cur.description]
        return [SpendFact(**dict(zip(names, r))) for r in cur.fetchall()]
    finally:
        con.close()


def test_a_set_year_survives_a_rule_change_that_changes_the_row_id(tmp_path, scenario):
    """New rules find Tencent's order again with another id (and a vendor they now read); the analyst's year holds."""
    db, corrections = copy_of(scenario, tmp_path)
    old_id = scenario["ids"]["tencent"]
    [article_id] = [a for (a,) in query(db, "SELECT article_id FROM chip_spend WHERE fact_id = ?", [old_id])]
    rows = [r.model_copy(update={"fact_id": "rules-v2-" + r.fact_id[:7], "extractor_version": "9.9.9"})
            for r in spend_rows(db, article_id)]
    simulate_rule_change(db, article_id, rows)
    summary = run(sources=str(scenario["articles"]), db=str(db), corrections=str(corrections))
    assert summary["corrections"]["reloaded"] and summary["corrections"]["orphaned"] == 0
    new_id = "rules-v2-" + old_id[:7]
    assert query(db, "SELECT fact_id, year FROM chip_spend WHERE company = 'Tencent'") == [(new_id, 2025)]
    assert query(db, "SELECT year, fact_ids FROM spend_claims WHERE company = 'Tencent'") == [(2026, [new_id])]
    assert query(db, "SELECT row_id, recorded_row_id FROM v_corrections WHERE action = 'set' AND status = 'applied'") \
        == [(new_id, old_id)]


def test_a_correction_whose_row_is_gone_is_reported_not_lost(tmp_path, scenario):
    db, corrections = copy_of(scenario, tmp_path)
    [article_id] = [a for (a,) in query(db, "SELECT article_id FROM chip_spend WHERE company = 'Tencent'")]
    simulate_rule_change(db, article_id, [r for r in spend_rows(db, article_id) if r.company != "Tencent"])
    result = runner.invoke(app, ["run", "--sources", str(scenario["articles"]), "--db", str(db),
                                 "--corrections", str(corrections)])
    assert result.exit_code == 0, result.output
    assert "orphaned corrections (1)" in said(result) and "no_row_at_evidence" in said(result)
    [(action, reason, before, after)] = query(db, "SELECT action, reason, before, after FROM v_orphaned_corrections")
    assert (action, reason, json.loads(before), json.loads(after)) == ("set", "no_row_at_evidence", {"year": 2025},
                                                                      {"year": 2026})
    assert query(db, "SELECT count(*) FROM spend_claims WHERE company = 'Tencent'") == [(0,)]


def test_an_added_row_appears_in_the_claims_as_reviewed(scenario):
    db = scenario["db"]
    assert query(db, "SELECT count(*) FROM chip_spend WHERE company = 'Alibaba'") == [(0,)]
    [(units, year, vendor, reviewed, note, evidence)] = query(
        db, "SELECT units, year, vendor, reviewed, review_note, evidence FROM spend_claims WHERE company = 'Alibaba'")
    assert (units, year, vendor, reviewed, note) == (12000, 2026, "Nvidia", True, "missed: fiscal 2026 delivery")
    assert evidence == ALIBABA_SENTENCE
    [(start, end, text)] = query(db, "SELECT r.char_start, r.char_end, a.text FROM chip_spend_reviewed r "
                                     "JOIN articles a USING (article_id) WHERE r.company = 'Alibaba'")
    assert text[start:end] == ALIBABA_SENTENCE


def test_a_correction_naming_an_unknown_company_is_quarantined_with_its_reason(scenario):
    db = scenario["db"]
    [(failed, payload)] = query(db, "SELECT failed_expectations, payload FROM quarantine WHERE row_kind = 'correction'")
    assert failed == ["company_known"]
    assert json.loads(payload)["fields"] == "company=Lumen Systems"
    assert query(db, "SELECT status, reason FROM v_corrections WHERE note = 'a typo'") == [
        ("quarantined", "company_known")]
    assert query(db, "SELECT company FROM spend_claims WHERE company IN ('Baidu', 'Lumen Systems')") == [("Baidu",)]
    assert query(db, "SELECT success FROM validation_results WHERE suite = 'corrections' "
                     "AND expectation = 'company_known'") == [(False,)]


def test_every_correction_is_listed_with_before_and_after(scenario):
    rows = query(scenario["db"], "SELECT action, status, before, after FROM v_corrections ORDER BY line_no")
    assert [(a, s) for a, s, _, _ in rows] == [("reject", "applied"), ("set", "applied"), ("confirm", "applied"),
                                               ("add", "applied"), ("set", "quarantined")]
    assert json.loads(rows[1][2]) == {"year": 2025} and json.loads(rows[1][3]) == {"year": 2026}
    assert rows[0][3] is None and json.loads(rows[0][2])["instrument"] == "export_control"


def test_a_run_with_nothing_new_does_not_load_the_corrections_again(tmp_path, scenario):
    db, corrections = copy_of(scenario, tmp_path)
    summary = run(sources=str(scenario["articles"]), db=str(db), corrections=str(corrections))
    assert not summary["corrections"]["reloaded"] and summary["corrections"]["applied"] == 4
    assert query(db, "SELECT count(*) FROM correction_loads") == [(1,)]


def test_corrections_apply_applies_new_decisions_without_a_run(tmp_path, scenario):
    db, corrections = copy_of(scenario, tmp_path)
    cli("reject", scenario["ids"]["entity_list"], "--note", "changed my mind", "--db", str(db),
        "--corrections", str(corrections))
    out = cli("corrections", "apply", "--db", str(db), "--corrections", str(corrections))
    assert "6 corrections" in out and "5 applied" in out
    assert query(db, "SELECT count(*) FROM policy_claims") == [(0,)]


def test_an_explicit_corrections_file_that_is_missing_stops_the_run(tmp_path, scenario):
    result = runner.invoke(app, ["run", "--sources", str(scenario["articles"]), "--db", str(tmp_path / "w.duckdb"),
                                 "--corrections", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2 and "no corrections file" in said(result)


def test_a_corrections_file_with_a_foreign_header_stops_the_run_before_it_loads(tmp_path, scenario):
    db, corrections = copy_of(scenario, tmp_path)
    corrections.write_text("id,what\n1,reject\n", encoding="utf-8")
    result = runner.invoke(app, ["run", "--sources", str(scenario["articles"]), "--db", str(db),
                                 "--corrections", str(corrections)])
    assert result.exit_code == 2 and "the corrections header lacks" in said(result)
    assert query(db, "SELECT count(*) FROM v_corrections") == [(5,)]


def gold_of(tmp_path: Path, scenario: dict) -> dict[str, dict]:
    out = tmp_path / "gold"
    text = cli("corrections", "export-gold", "--out", str(out), "--db", str(scenario["db"]),
               "--corrections", str(scenario["corrections"]))
    assert "wrote 2 gold files" in text and "warning" not in text
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in out.iterdir()}


def test_exported_gold_holds_the_corrected_values_and_leaves_rejected_rows_out(tmp_path, scenario):
    gold = gold_of(tmp_path, scenario)
    assert set(gold) == {"harbour-budgets.json", "quay-servers.json"}
    harbour, quay = gold["harbour-budgets.json"], gold["quay-servers.json"]
    assert harbour["article"] == "harbour-budgets.txt" and harbour["published"] == "2025-03-12"
    assert [p["instrument"] for p in harbour["policy_events"]] == ["entity_list"]   # the rejected row is out
    assert harbour["policy_events"][0]["optional"] is False and harbour["policy_events"][0]["date"] == "2025-03-10"
    spend = {s["company"]: s for s in harbour["chip_spend"] + quay["chip_spend"]}
    assert (spend["Tencent"]["year"], spend["Tencent"]["optional"]) == (2026, False)
    assert (spend["Alibaba"]["units"], spend["Alibaba"]["optional"]) == (12000, False)
    assert spend["ByteDance"]["optional"] is True and spend["Baidu"]["optional"] is True   # nobody reviewed them


@pytest.mark.skipif(not SCORER.is_file(), reason="../shared/eval/score.py is not beside this checkout")
def test_score_py_scores_the_extractor_against_the_exported_gold(tmp_path, scenario):
    gold = tmp_path / "gold"
    gold_of(tmp_path, scenario)
    out = subprocess.run([sys.executable, str(SCORER), "--db", str(scenario["db"]), "--gold", str(gold), "--json"],
                         capture_output=True, text=True, timeout=120, env={**os.environ})
    assert out.returncode == 0, out.stderr
    scores = json.loads(out.stdout[:out.stdout.rindex("}") + 1])
    # spend: Tencent matches loosely (the extractor's year is 2025, the analyst's 2026); Alibaba was missed
    assert [scores["spend_loose"][k] for k in ("tp", "fp", "fn")] == [1, 0, 1]
    assert [scores["spend_strict"][k] for k in ("tp", "fp", "fn")] == [0, 1, 2]
    # policy: the entity listing is found; the rejected export control is found again, a false positive
    assert [scores["policy_loose"][k] for k in ("tp", "fp", "fn")] == [1, 1, 0]
    assert scores["articles_gold"] == 2


def test_review_lists_unreviewed_rows_with_their_context(scenario):
    out = cli("review", "--db", str(scenario["db"]), "--corrections", str(scenario["corrections"]))
    assert scenario["ids"]["tencent"] not in out and scenario["ids"]["export_control"] not in out
    assert "ByteDance" in out and "confidence 0." in out
    assert "Chip budgets swell at two Chinese platforms" in out   # the title, and the neighbouring sentence
    assert "Alibaba will take delivery" in out


def test_review_puts_the_lowest_confidence_first(tmp_path, scenario):
    """Against an empty corrections file (the scenario's has a decision on Baidu, which review leaves out)."""
    items = json.loads(cli("review", "--format", "json", "--db", str(scenario["db"]),
                           "--corrections", str(tmp_path / "none.csv")).replace("\n", " "))
    assert {i["values"].get("company") or i["values"].get("instrument") for i in items} == {"ByteDance", "Baidu"}
    confidences = [i["confidence"] for i in items]
    assert confidences == sorted(confidences)
    assert all(i["url"].startswith("file://") and i["title"] for i in items)


def test_review_leaves_out_rows_decided_in_the_file_but_not_yet_applied(tmp_path, scenario):
    db, corrections = copy_of(scenario, tmp_path)
    byte = row_id(db, "SELECT fact_id FROM chip_spend WHERE company = 'ByteDance'")
    assert byte in cli("review", "--db", str(db), "--corrections", str(corrections))
    cli("confirm", byte, "--db", str(db), "--corrections", str(corrections))
    assert byte not in cli("review", "--db", str(db), "--corrections", str(corrections))


def test_the_report_counts_reviewed_claims(tmp_path, scenario):
    html = (Path(cli("report", "--db", str(scenario["db"]), "--out", str(tmp_path)).split("report: ")[1].strip())
            .read_text(encoding="utf-8"))
    assert "3 of 5 claims reviewed" in html and "Open low-confidence claims" in html


def test_open_claims_are_the_unreviewed_ones_lowest_confidence_first(scenario):
    con = duckdb.connect(str(scenario["db"]), read_only=True)
    try:
        rows = fetch_dicts(con, "report_open_claims", {"max_confidence": 1.01, "limit": 15})
    finally:
        con.close()
    assert sorted(r["claim"].split()[0] for r in rows) == ["Baidu", "ByteDance"]   # reviewed claims are not open
    assert [r["confidence"] for r in rows] == sorted(r["confidence"] for r in rows)
    baidu = next(r for r in rows if r["claim"].startswith("Baidu"))
    assert baidu["row_id"] == scenario["ids"]["baidu"]   # the id to pass to confirm | reject | correct


def test_review_while_a_run_writes_waits_then_exits_3(tmp_path, scenario):
    db, _ = copy_of(scenario, tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb,sys; c=duckdb.connect({str(db)!r}); "
                               "print('ok', flush=True); sys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        result = runner.invoke(app, ["review", "--db", str(db), "--lock-wait", "0.3"])
    finally:
        holder.communicate("")
    assert result.exit_code == 3 and "being written by a run" in said(result)


def test_corrections_apply_waits_for_a_running_run_then_exits_3_writing_nothing(tmp_path, scenario):
    """A run loads, at its end, the corrections file it read when it started: an apply in between would be
    undone, so `corrections apply` takes the run lock (a run holds it while it fetches, without DuckDB's lock)."""
    db, corrections = copy_of(scenario, tmp_path)
    cli("reject", scenario["ids"]["entity_list"], "--note", "changed my mind", "--db", str(db),
        "--corrections", str(corrections))
    holder = subprocess.Popen([sys.executable, "-c", "import sys; from warehouse.run_lock import hold_run_lock\n"
                               f"with hold_run_lock({str(db)!r}):\n    print('held', flush=True); sys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).resolve().parent.parent)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = runner.invoke(app, ["corrections", "apply", "--db", str(db), "--corrections", str(corrections),
                                     "--lock-wait", "0.3"])
        assert query(db, "SELECT count(*) FROM correction_loads") == [(1,)]   # readers still get in
    finally:
        holder.communicate("")
    assert result.exit_code == 3 and "being written by another run" in said(result), said(result)
    out = cli("corrections", "apply", "--db", str(db), "--corrections", str(corrections))   # the run has ended
    assert "5 applied" in out


def test_a_warehouse_that_is_not_duckdb_is_one_line_and_exit_2(tmp_path):
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("not a database", encoding="utf-8")
    result = runner.invoke(app, ["confirm", "0123456789abcdef", "--db", str(bogus)])
    assert result.exit_code == 2 and "error:" in said(result) and "Traceback" not in result.output


def test_the_report_lists_open_claims_with_the_id_to_decide_on():
    data = ReportData(counts={"spend_claims": 2, "policy_claims": 0, "reviewed_claims": 1},
                      open_claims=[{"kind": "spend", "claim": "Baidu 2025 <b>ai_capex</b>", "confidence": 0.55,
                                    "n_sources": 1, "row_id": "f35783b3adaf3c18", "evidence": "Baidu will spend ..."}])
    html = render_report(data, "w.duckdb", datetime(2026, 1, 1, tzinfo=timezone.utc))
    section = html.split("Open low-confidence claims")[1]
    assert "1 of 2 claims reviewed" in section and "f35783b3adaf3c18" in section
    assert "&lt;b&gt;ai_capex" in section and "<b>ai_capex" not in section


@pytest.mark.parametrize("args, message", [
    (["correct", "{tencent}", "--set", "yeer=2026", "--note", "x"], "has no field yeer"),
    (["correct", "{tencent}", "--set", "year=soon", "--note", "x"], "not a four-digit year"),
    (["reject", "0000000000000000", "--note", "x"], "no chip_spend or policy_events row"),
    (["add", "--article", "harbour-budgets.txt", "--kind", "spend", "--evidence", "Not in the text.",
      "--set", "company=Alibaba", "--set", "units=5", "--note", "x"], "evidence is not in the text"),
])
def test_bad_decisions_exit_2_and_write_nothing(tmp_path, scenario, args, message):
    db, corrections = copy_of(scenario, tmp_path)
    before = corrections.read_text(encoding="utf-8")
    args = [a.format(**scenario["ids"]) for a in args] + ["--db", str(db), "--corrections", str(corrections)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and message in said(result)
    assert corrections.read_text(encoding="utf-8") == before
