"""The HTML report and the run artifact's top-claims table, on a real warehouse file."""
from __future__ import annotations

import json
import re
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pytest

from analytics_samples import build_sample_warehouse
from flows.report import ReportData, render_report, top_claims_markdown, write_report
from warehouse.db import connect_writer

CHROMIUM = Path("/usr/bin/chromium")
SPEC_BLOCK = re.compile(r'<script type="application/json" id="(?P<id>[\w-]+)-spec">(?P<spec>.*?)</script>', re.S)
CHART_IDS = ["demand", "vendors", "timeline"]


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    """The report of the sample warehouse, written once for this module."""
    base = tmp_path_factory.mktemp("report")
    return write_report(build_sample_warehouse(base / "w.duckdb"), base / "out")


def specs_of(html: str) -> dict[str, dict]:
    """The Vega-Lite specs embedded in the page, by chart id."""
    return {m["id"]: json.loads(m["spec"]) for m in SPEC_BLOCK.finditer(html)}


def data_rows(node) -> list[dict]:
    """Every data row inlined anywhere in a spec (`data.values` or top-level `datasets`)."""
    if isinstance(node, list):
        return [row for item in node for row in data_rows(item)]
    if not isinstance(node, dict):
        return []
    rows = []
    for key, value in node.items():
        if key == "values" and isinstance(value, list) and all(isinstance(v, dict) for v in value):
            rows += value
        elif key == "datasets":
            rows += [row for values in value.values() for row in values]
        else:
            rows += data_rows(value)
    return rows


def test_report_is_written_as_index_html(report):
    assert report.name == "index.html" and report.stat().st_size > 1000


def test_report_embeds_a_vega_lite_spec_per_chart(report):
    specs = specs_of(report.read_text(encoding="utf-8"))
    assert list(specs) == CHART_IDS
    assert all("vega-lite" in spec["$schema"] for spec in specs.values())


def test_demand_chart_carries_the_company_year_totals(report):
    demand = specs_of(report.read_text(encoding="utf-8"))["demand"]
    totals = {(r["company"], r["year"]): r["total_usd_bn"] for r in data_rows(demand)}
    assert totals[("ByteDance", 2025)] == pytest.approx(13.5315)
    assert totals[("Alibaba", 2026)] == pytest.approx(15.0)


def test_vendor_chart_splits_domestic_and_foreign(report):
    vendors = specs_of(report.read_text(encoding="utf-8"))["vendors"]
    split = {(r["year"], r["vendor_origin"]): r["usd_bn"] for r in data_rows(vendors)}
    assert split[(2025, "domestic")] == pytest.approx(5.5315) and split[(2025, "foreign")] == pytest.approx(8.0)


def test_timeline_overlays_policy_events_and_spend_claims(report):
    timeline = specs_of(report.read_text(encoding="utf-8"))["timeline"]
    marks = [layer["mark"]["type"] for layer in timeline["layer"]]
    assert marks == ["rule", "point"]
    instruments = {r["instrument"] for r in data_rows(timeline) if "instrument" in r}
    assert instruments == {"export_control", "tariff", "investigation"}


def test_disputed_table_lists_the_denied_order_with_the_denial(report):
    html = report.read_text(encoding="utf-8")
    table = html[html.index("<h2>Disputed reports</h2>"):]
    assert "Tencent" in table and "99,000" in table and "denied a report" in table


def test_report_scripts_are_inline_when_vl_convert_is_installed(report):
    pytest.importorskip("vl_convert")
    html = report.read_text(encoding="utf-8")
    assert "<script src=" not in html and "window.vegaEmbed" in html


def test_article_text_cannot_break_out_of_the_page():
    hostile = "</script><script>alert(1)</script>"
    data = ReportData(counts={"articles": 1},
                      demand=[{"company": hostile, "year": 2025, "total_usd_bn": 1.0, "planned_usd_bn": 1.0,
                               "actual_usd_bn": 0.0, "estimate_usd_bn": 0.0, "chip_units": 0, "n_claims": 1}],
                      disputed=[{"company": "Tencent", "denial": hostile}])
    html = render_report(data, "w.duckdb", datetime(2025, 1, 1, tzinfo=timezone.utc))
    assert "<script>alert(1)" not in html
    assert data_rows(specs_of(html)["demand"])[0]["company"] == hostile


def test_empty_warehouse_gives_a_page_without_charts(tmp_path):
    db = tmp_path / "empty.duckdb"
    connect_writer(db).close()
    html = write_report(db, tmp_path / "out").read_text(encoding="utf-8")
    assert specs_of(html) == {} and "No rows yet." in html and "No disputed claims." in html


def test_top_claims_markdown_lists_the_largest_claims_first(tmp_path):
    con = duckdb.connect(str(build_sample_warehouse(tmp_path / "w.duckdb")), read_only=True)
    markdown = top_claims_markdown(con, n=2)
    con.close()
    rows = [line for line in markdown.splitlines() if line.startswith("| ") and "company" not in line]
    assert len(rows) == 2
    assert rows[0].startswith("| Alibaba | 2026 | ai_capex | planned | 15.00 |")
    assert rows[1].startswith("| ByteDance | 2025 | chip_purchase | actual | 8.00 |")


def test_top_claims_markdown_on_an_empty_warehouse(tmp_path):
    con = connect_writer(tmp_path / "empty.duckdb")
    assert top_claims_markdown(con) == "_No spend claims yet._"
    con.close()


def chromium(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    """Run headless Chromium with a throwaway profile and no network chatter."""
    return subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="headless Chromium is not installed")
def test_charts_render_in_headless_chromium(report, tmp_path):
    pytest.importorskip("vl_convert")  # offline rendering needs the inlined scripts
    result = chromium(["--virtual-time-budget=10000", "--dump-dom", report.as_uri()], tmp_path)
    for chart_id in CHART_IDS:
        rendered = re.search(rf'<div id="{chart_id}" class="chart vega-embed"[^>]*><svg', result.stdout)
        assert rendered, f"chart {chart_id} did not render"


@pytest.mark.skipif(not CHROMIUM.exists(), reason="headless Chromium is not installed")
def test_report_screenshot_is_taken(report, tmp_path):
    shot = tmp_path / "report.png"
    chromium([f"--screenshot={shot}", "--window-size=1200,2000", report.as_uri()], tmp_path)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_without_vl_convert_the_page_loads_scripts_from_a_cdn_and_says_so(monkeypatch):
    import flows.report

    monkeypatch.setattr(flows.report, "vega_bundle", lambda: None)
    html = render_report(ReportData(counts={"articles": 0}), "w.duckdb", datetime(2025, 1, 1, tzinfo=timezone.utc))
    assert '<script src="https://cdn.jsdelivr.net/npm/vega-embed@' in html
    assert "install vl-convert-python" in html
