"""Each run's validation report (GX data docs), kept beside the warehouse, with an index of the runs.

    data_docs/
        index.html                          the runs, newest first: when, run id, status, rows checked, quarantined
        runs/<YYYYmmdd-HHMMSS>-<run_id>/
            pages.html                      a plain list of this run's GX pages (works offline)
            index.html                      GX's own index (fills its tables from CDN scripts)
            validations/, expectations/     GX's pages
            run.json                        what the index shows of this run

A run adds its folder and rewrites the index; folders beyond the latest `keep_runs` are removed. Every
value in the index and in the page lists is HTML-escaped, and both pages carry a Content-Security-Policy
that lets nothing run or load (the values GX renders are escaped by expectations/gx_runtime.py).
"""
from __future__ import annotations

import html
import json
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

RUNS_DIR = "runs"
RUN_FILE = "run.json"
OFFLINE_INDEX_POLICY = "default-src 'none'"   # a list of links: no script, style or fetch of any kind
PAGE_HEAD = ("<!doctype html><meta charset='utf-8'>"
             f'<meta http-equiv="Content-Security-Policy" content="{OFFLINE_INDEX_POLICY}">')


def run_folder(docs_dir: Path, run_id: str, started: datetime) -> Path:
    """The folder of one run's data docs (names sort by start time)."""
    return Path(docs_dir) / RUNS_DIR / f"{started:%Y%m%d-%H%M%S}-{run_id}"


def write_offline_index(docs_dir: Path) -> Path:
    """A plain list of GX's pages in `docs_dir`: GX's own index fills its tables from CDN scripts, empty when
    offline. Every name is escaped, and the page's Content-Security-Policy lets nothing run or load."""
    pages = sorted(p.relative_to(docs_dir) for p in docs_dir.rglob("*.html") if p.name not in ("index.html", "pages.html"))
    items = "\n".join(f'<li><a href="{html.escape(str(p))}">{html.escape(str(p.with_suffix("")))}</a></li>'
                      for p in pages)
    target = docs_dir / "pages.html"
    target.write_text(f"{PAGE_HEAD}<title>chipdemand validation pages</title>"
                      "<h1>Validation pages</h1><p><a href='../../index.html'>all runs</a> · "
                      "<a href='index.html'>GX data docs index</a> (needs network for its scripts)</p>"
                      f"<ul>{items}</ul>", encoding="utf-8")
    return target


def write_run_record(folder: Path, record: dict[str, Any]) -> None:
    """What the runs index shows of this run."""
    (folder / RUN_FILE).write_text(json.dumps(record, default=str, sort_keys=True), encoding="utf-8")


def read_run_records(docs_dir: Path) -> list[tuple[Path, dict[str, Any]]]:
    """(folder, record) of every kept run, newest first; a folder without a readable record shows its name."""
    root = Path(docs_dir) / RUNS_DIR
    found = []
    for folder in sorted((p for p in root.iterdir() if p.is_dir()), reverse=True) if root.is_dir() else []:
        try:
            record = json.loads((folder / RUN_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            record = {}
        found.append((folder, record if isinstance(record, dict) else {}))
    return found


def prune_runs(docs_dir: Path, keep_runs: int) -> int:
    """Remove the run folders beyond the newest `keep_runs`; returns how many went."""
    runs = read_run_records(docs_dir)[max(1, keep_runs):]
    for folder, _record in runs:
        shutil.rmtree(folder, ignore_errors=True)
    return len(runs)


def cell(value: Any) -> str:
    return f"<td>{html.escape('' if value is None else str(value))}</td>"


def write_runs_index(docs_dir: Path) -> Path:
    """`docs_dir/index.html`: one row per kept run, newest first, linking its pages."""
    rows = []
    for folder, r in read_run_records(docs_dir):
        link = html.escape(f"{RUNS_DIR}/{folder.name}/pages.html")
        rows.append(f'<tr><td><a href="{link}">{html.escape(folder.name)}</a></td>' + "".join(
            cell(r.get(k)) for k in ("started_at", "status", "sources", "rows_validated", "rows_quarantined",
                                     "quarantine_reasons")) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in ("run", "started (UTC)", "status", "sources", "rows checked",
                                              "quarantined", "quarantined by expectation"))
    target = Path(docs_dir) / "index.html"
    target.write_text(f"{PAGE_HEAD}<title>chipdemand validation runs</title><h1>Validation runs</h1>"
                      "<p>Each run's Great Expectations results; the newest first.</p>"
                      f"<table><tr>{head}</tr>{''.join(rows)}</table>", encoding="utf-8")
    return target


def run_record(summary: dict[str, Any], started: datetime) -> dict[str, Any]:
    """The index's row for a run, from its summary."""
    q = summary.get("quarantined", {})
    return {"run_id": summary["run_id"], "started_at": f"{started:%Y-%m-%d %H:%M:%S}", "status": summary["status"],
            "sources": summary.get("sources"), "db": Path(summary.get("db") or "").name,
            "rows_validated": summary.get("rows_validated", 0),
            "rows_quarantined": sum(q.values()),
            "quarantine_reasons": ", ".join(f"{k} {v}" for k, v in sorted(
                (summary.get("quarantine_reasons") or {}).items(), key=lambda kv: -kv[1]))}


def write_run_docs(validator, docs_dir: Path, summary: dict[str, Any], started: datetime,
                   keep_runs: int) -> Path:
    """This run's GX data docs in a folder of its own, its record, and the refreshed index of runs;
    returns the path of the run's offline page list."""
    folder = run_folder(docs_dir, summary["run_id"], started)
    validator.write_data_docs(folder)
    pages = write_offline_index(folder)
    write_run_record(folder, run_record(summary, started))
    prune_runs(docs_dir, keep_runs)
    write_runs_index(docs_dir)
    return pages
