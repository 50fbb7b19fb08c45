"""The analytics report: one self-contained HTML page of Vega-Lite charts (built with Altair) and tables.

`write_report(db_path, out_dir)` reads the views on a read-only connection and writes
`out_dir/index.html`. The Vega, Vega-Lite and vega-embed scripts are inlined from `vl-convert-python`
(Altair's own bundler), so the page opens offline; without that package the page loads them from a
CDN and says so. `top_claims_markdown(con)` gives the largest claims as markdown for the run's artifact.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Callable

import duckdb
import jinja2
from markupsafe import Markup

from warehouse.db import connect_reader
from warehouse.statements import statement

if TYPE_CHECKING:   # altair is imported where charts are drawn: a pipeline run never draws one
    import altair as alt

REPORT_FILE = "index.html"
BN = "USD bn"
VENDOR_COLORS = MappingProxyType({"domestic": "#c0392b", "foreign": "#2e86c1", "unknown": "#aab7b8"})
# claims below this confidence, not yet reviewed, are listed for checking: on the labelled sets every wrong
# spend row scored under 0.8 (docs/extraction.md, "Confidence")
OPEN_MAX_CONFIDENCE = 0.8
OPEN_LIMIT = 15


def cdn_scripts() -> tuple[str, ...]:
    """Vega script URLs matching the installed Altair, for a report written without the inlined bundle."""
    import altair as alt

    return (f"https://cdn.jsdelivr.net/npm/vega@{alt.VEGA_VERSION}",
            f"https://cdn.jsdelivr.net/npm/vega-lite@{alt.VEGALITE_VERSION}",
            f"https://cdn.jsdelivr.net/npm/vega-embed@{alt.VEGAEMBED_VERSION}")


PAGE = jinja2.Environment(autoescape=True).from_string("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>chipdemand report</title>
<style>
 body { font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 1150px; color: #222; }
 h1 { margin-bottom: .2rem; } .meta { color: #666; margin-top: 0; }
 .counts span { display: inline-block; margin: 0 1.2rem .4rem 0; } .counts b { font-size: 1.2rem; }
 section { margin: 1.6rem 0; } .note { color: #666; font-size: .9rem; }
 table { border-collapse: collapse; font-size: .85rem; width: 100%; }
 th { font-size: .8rem; }
 th, td { border-bottom: 1px solid #ddd; padding: .3rem .4rem; text-align: left; vertical-align: top; }
 td.num { text-align: right; white-space: nowrap; } .offline { color: #a04000; }
</style>
{% if bundle %}<script>{{ bundle }}</script>
{% else %}{% for src in cdn %}<script src="{{ src }}"></script>
{% endfor %}{% endif %}
</head>
<body>
<h1>China AI chip demand</h1>
<p class="meta">From <code>{{ db }}</code>, generated {{ generated_at }}.
{% if not bundle %}<span class="offline">The chart scripts load from a CDN (install vl-convert-python to inline them).</span>{% endif %}</p>
<p class="counts">{% for label, value in counts %}<span>{{ label }}: <b>{{ value }}</b></span>{% endfor %}</p>
{% for chart in charts %}
<section>
<h2>{{ chart.title }}</h2>
<p class="note">{{ chart.note }}</p>
{% if chart.spec %}<div id="{{ chart.div_id }}" class="chart"></div>
<script type="application/json" id="{{ chart.div_id }}-spec">{{ chart.spec }}</script>
{% else %}<p><i>No rows yet.</i></p>{% endif %}
</section>
{% endfor %}
<section>
<h2>Disputed reports</h2>
<p class="note">Spend claims where at least one source reports a denial by the spender or a contradiction.</p>
{% if disputed %}<table>
<tr>{% for name in disputed_columns %}<th>{{ name }}</th>{% endfor %}</tr>
{% for row in disputed %}<tr>{% for value, numeric in row %}<td{% if numeric %} class="num"{% endif %}>{{ value }}</td>{% endfor %}</tr>
{% endfor %}</table>{% else %}<p><i>No disputed claims.</i></p>{% endif %}
</section>
<section>
<h2>Open low-confidence claims</h2>
<p class="note">{{ reviewed }} of {{ claims }} claims reviewed by an analyst. Below: claims nobody has confirmed,
corrected or added yet, with confidence under {{ open_max_confidence }}, lowest first (at most {{ open_limit }}).
Check them with <code>chipdemand review</code>; decide with <code>chipdemand confirm | reject | correct ROW_ID</code>.</p>
{% if open_claims %}<table>
<tr>{% for name in open_columns %}<th>{{ name }}</th>{% endfor %}</tr>
{% for row in open_claims %}<tr>{% for value, numeric in row %}<td{% if numeric %} class="num"{% endif %}>{{ value }}</td>{% endfor %}</tr>
{% endfor %}</table>{% else %}<p><i>No open low-confidence claims.</i></p>{% endif %}
</section>
<script>
for (const node of document.querySelectorAll("div.chart")) {
  const spec = JSON.parse(document.getElementById(node.id + "-spec").textContent);
  vegaEmbed("#" + node.id, spec, {actions: false}).catch(console.error);
}
</script>
</body>
</html>
""")


@dataclass(frozen=True)
class ChartBlock:
    """One chart of the page: its heading, a line saying what it shows, and its Vega-Lite spec (JSON)."""

    div_id: str
    title: str
    note: str
    spec: str | None


@dataclass
class ReportData:
    """Everything the page shows, read from the warehouse in one go."""

    counts: dict[str, int]
    demand: list[dict[str, Any]] = field(default_factory=list)
    vendor_split: list[dict[str, Any]] = field(default_factory=list)
    policy: list[dict[str, Any]] = field(default_factory=list)
    spend: list[dict[str, Any]] = field(default_factory=list)
    disputed: list[dict[str, Any]] = field(default_factory=list)
    open_claims: list[dict[str, Any]] = field(default_factory=list)


def plain(value: Any) -> Any:
    """A JSON-ready form of a DuckDB value (dates as ISO strings)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def fetch_dicts(con: duckdb.DuckDBPyConnection, name: str, params: list | dict | None = None) -> list[dict[str, Any]]:
    """Rows of a named statement as dicts of plain values."""
    cur = con.execute(statement(name), params or [])
    columns = [d[0] for d in cur.description]
    return [{c: plain(v) for c, v in zip(columns, row)} for row in cur.fetchall()]


def read_report_data(con: duckdb.DuckDBPyConnection) -> ReportData:
    """The rows behind every chart and table of the report."""
    return ReportData(
        counts=fetch_dicts(con, "report_counts")[0],
        demand=fetch_dicts(con, "report_demand_by_company_year"),
        vendor_split=fetch_dicts(con, "report_vendor_split"),
        policy=fetch_dicts(con, "report_policy_timeline"),
        spend=fetch_dicts(con, "report_dated_spend_claims"),
        disputed=fetch_dicts(con, "report_disputed_claims"),
        open_claims=fetch_dicts(con, "report_open_claims",
                                {"max_confidence": OPEN_MAX_CONFIDENCE, "limit": OPEN_LIMIT}),
    )


def demand_chart(rows: list[dict[str, Any]]) -> alt.Chart:
    """Stacked bars: spend claims' USD per year, one colour per company."""
    import altair as alt

    return alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        x=alt.X("year:O", title="year", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sum(total_usd_bn):Q", title=BN),
        color=alt.Color("company:N", title="company"),
        tooltip=["company:N", "year:O", alt.Tooltip("total_usd_bn:Q", format=",.2f", title="total, USD bn"),
                 alt.Tooltip("planned_usd_bn:Q", format=",.2f"), alt.Tooltip("actual_usd_bn:Q", format=",.2f"),
                 alt.Tooltip("estimate_usd_bn:Q", format=",.2f"), "chip_units:Q", "n_claims:Q"],
    ).properties(width=900, height=300)


def vendor_split_chart(rows: list[dict[str, Any]]) -> alt.HConcatChart:
    """China's demand per year by vendor origin: USD and chip units side by side."""
    import altair as alt

    colour = alt.Color("vendor_origin:N", title="vendor",
                       scale=alt.Scale(domain=list(VENDOR_COLORS), range=list(VENDOR_COLORS.values())))
    base = alt.Chart(alt.Data(values=rows)).encode(x=alt.X("year:O", title="year", axis=alt.Axis(labelAngle=0)),
                                                    color=colour,
                                                    tooltip=["year:O", "vendor_origin:N",
                                                             alt.Tooltip("usd_bn:Q", format=",.2f"),
                                                             alt.Tooltip("chip_units:Q", format=",")])
    usd = base.mark_bar().encode(y=alt.Y("usd_bn:Q", title=BN)).properties(width=420, height=280, title="USD")
    units = base.mark_bar().encode(y=alt.Y("chip_units:Q", title="chips")).properties(
        width=420, height=280, title="chip units")
    return alt.hconcat(usd, units)


def timeline_chart(policy: list[dict[str, Any]], spend: list[dict[str, Any]]) -> alt.LayerChart:
    """Policy events as vertical rules over the spend claims, placed at the date each was first reported."""
    import altair as alt

    rules = alt.Chart(alt.Data(values=policy)).mark_rule(strokeWidth=2, opacity=0.7).encode(
        x=alt.X("timeline_on:T", title="date", scale=alt.Scale(padding=12)),
        color=alt.Color("instrument:N", title="policy instrument", scale=alt.Scale(scheme="dark2"),
                        legend=alt.Legend(orient="right")),
        tooltip=["timeline_on:T", "actor_country:N", "actor:N", "instrument:N", "target:N", "status:N",
                 "magnitude:Q", "magnitude_unit:N", "n_sources:Q"],
    )
    points = alt.Chart(alt.Data(values=spend)).mark_point(filled=True, size=90).encode(
        x="claim_on:T",
        y=alt.Y("amount_usd_bn:Q", title=f"spend claim, {BN}", scale=alt.Scale(type="symlog")),
        color=alt.Color("company:N", title="company", legend=alt.Legend(orient="left")),
        shape=alt.Shape("any_disputed:N", title="disputed"),
        tooltip=["claim_on:T", "claim_on_basis:N", "company:N", "year:O", "spend_type:N", "status:N",
                 alt.Tooltip("amount_usd_bn:Q", format=",.2f"), "vendor:N", "vendor_origin:N", "n_sources:Q"],
    )
    layers = [layer for layer, rows in ((rules, policy), (points, spend)) if rows]
    return alt.layer(*layers).resolve_scale(color="independent").properties(width=820, height=340)


def spec_json(chart: alt.TopLevelMixin | None) -> str | None:
    """The chart's Vega-Lite spec as JSON that is safe inside a <script> element."""
    if chart is None:
        return None
    return Markup(json.dumps(chart.to_dict(), sort_keys=True).replace("<", "\\u003c"))


def chart_blocks(data: ReportData) -> list[ChartBlock]:
    """The page's charts, in order."""
    timeline = timeline_chart(data.policy, data.spend) if (data.policy or data.spend) else None
    return [
        ChartBlock("demand", "Demand by year and company",
                   "Spend claims (each fact once, however many outlets report it) added up per company and year.",
                   spec_json(demand_chart(data.demand) if data.demand else None)),
        ChartBlock("vendors", "Domestic vs foreign vendors",
                   "Claims of buyers headquartered in China, by the origin of the chip (or its vendor).",
                   spec_json(vendor_split_chart(data.vendor_split) if data.vendor_split else None)),
        ChartBlock("timeline", "Policy timeline with spend claims",
                   "Rules: policy events at their date. Points: spend claims at the day first reported "
                   "(or January 1 of their year); vertical axis is symmetric-log.",
                   spec_json(timeline)),
    ]


def vega_bundle() -> str | None:
    """Vega, Vega-Lite and vega-embed as one inline script, or None when vl-convert is not installed."""
    try:
        import vl_convert
        from altair.utils._importers import vl_version_for_vl_convert
    except ImportError:
        return None
    return Markup(vl_convert.javascript_bundle(vl_version=vl_version_for_vl_convert()))


def table_cell(value: Any, column: str = "") -> tuple[str, bool]:
    """A table cell's text and whether it is a number (right-aligned); years print without separators."""
    if value is None:
        return "", False
    if isinstance(value, bool):
        return ("yes" if value else "no"), False
    if isinstance(value, float):
        return f"{value:,.2f}", True
    if isinstance(value, int):
        return (str(value) if column == "year" else f"{value:,}"), True
    return str(value), False


COUNT_LABELS = MappingProxyType({"articles": "articles", "spend_rows": "spend rows", "spend_claims": "spend claims",
                "corroborated_claims": "claims with 2+ sources", "disputed_claims": "disputed claims",
                "policy_rows": "policy rows", "policy_claims": "policy claims", "reviewed_claims": "reviewed claims",
                "quarantined_rows": "quarantined rows"})


def render_report(data: ReportData, db_label: str, generated_at: datetime) -> str:
    """The report page as HTML text."""
    columns = list(data.disputed[0]) if data.disputed else []
    open_columns = list(data.open_claims[0]) if data.open_claims else []
    return PAGE.render(
        bundle=vega_bundle(), cdn=cdn_scripts(), db=db_label,
        generated_at=generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        counts=[(COUNT_LABELS.get(k, k), v) for k, v in data.counts.items()],
        charts=chart_blocks(data), disputed_columns=[c.replace("_", " ") for c in columns],
        disputed=[[table_cell(row[c], c) for c in columns] for row in data.disputed],
        reviewed=data.counts.get("reviewed_claims", 0),
        claims=data.counts.get("spend_claims", 0) + data.counts.get("policy_claims", 0),
        open_max_confidence=OPEN_MAX_CONFIDENCE, open_limit=OPEN_LIMIT,
        open_columns=[c.replace("_", " ") for c in open_columns],
        open_claims=[[table_cell(row[c], c) for c in open_columns] for row in data.open_claims],
    )


def write_report(db_path: Path, out_dir: Path, lock_wait_s: float = 0.0,
                 on_wait: Callable[[str], None] | None = None) -> Path:
    """Write `out_dir/index.html` from the warehouse at `db_path` (read-only; waits up to `lock_wait_s`
    while a run writes it); returns its path."""
    con = connect_reader(db_path, wait_s=lock_wait_s, on_wait=on_wait)
    try:
        data = read_report_data(con)
    finally:
        con.close()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / REPORT_FILE
    path.write_text(render_report(data, str(db_path), datetime.now(timezone.utc)), encoding="utf-8")
    return path


def markdown_cell(value: Any, column: str = "") -> str:
    """A value as a markdown table cell (pipes escaped)."""
    text, _ = table_cell(value, column)
    return text.replace("|", "\\|").replace("\n", " ")


def top_claims_markdown(con: duckdb.DuckDBPyConnection, n: int = 10) -> str:
    """The `n` largest spend claims as a markdown table (for the run's Prefect artifact)."""
    rows = fetch_dicts(con, "top_claims", [n])
    if not rows:
        return "_No spend claims yet._"
    header = ["company", "year", "spend_type", "status", "amount_usd_bn", "units", "vendor", "n_sources",
              "any_disputed", "publishers"]
    lines = [f"### Top {len(rows)} spend claims", "",
             "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(markdown_cell(row[c], c) for c in header) + " |" for row in rows]
    return "\n".join(lines)
