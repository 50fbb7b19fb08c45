"""Benchmarks 2 and 3: synthetic pages at scale (throughput, peak memory, correct facts) and an unchanged rerun.

For each N, `bench.synthetic` writes N pages with known facts; they are served over loopback HTTP
behind an RSS feed; one cold pipeline run loads them into a fresh warehouse (in a fresh interpreter,
start-up included, peak RSS of the whole process tree sampled from outside), then a second run with
nothing changed measures the incremental cost. The loaded rows are matched against the known facts
with the evaluation's rules (same company, amount_usd within 15% or units within 5%; policy: same
actor country and instrument), so a speed-up that loses facts shows. Per-stage seconds come from
timing each stage's core function directly on the first `--stage-pages` pages.

    python -m bench.scale --n 1000 --n 10000 [--seed 0] [--stage-pages 1000] [--no-rerun]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.common import LoopbackSite, measured_flow_run, running_api, stage_seconds, warm_up
from bench.synthetic import generate, write_corpus

SPEND_AMOUNT_TOL = 0.15
SPEND_UNITS_TOL = 0.05


def close(a: float | None, b: float | None, tol: float) -> bool:
    """True when both are given and `a` is within `tol` (relative) of `b`."""
    return a is not None and b is not None and abs(float(a) - float(b)) <= tol * max(abs(float(b)), 1e-9)


def spend_matches(gold: dict, row: dict) -> bool:
    """A loaded chip_spend row stands for a gold fact."""
    return (gold["company"].lower() == (row.get("company") or "").lower()
            and (close(row.get("amount_usd"), gold.get("amount_usd"), SPEND_AMOUNT_TOL)
                 or close(row.get("units"), gold.get("units"), SPEND_UNITS_TOL)))


def policy_matches(gold: dict, row: dict) -> bool:
    """A loaded policy_events row stands for a gold event."""
    return (gold["actor_country"] == row.get("actor_country")) and (gold["instrument"] == row.get("instrument"))


def match_counts(gold_rows: list[dict], rows: list[dict], matches) -> tuple[int, int, int]:
    """(tp, fp, fn) of one page, each prediction used once."""
    unused = list(rows)
    tp = 0
    for g in gold_rows:
        hit = next((r for r in unused if matches(g, r)), None)
        if hit is not None:
            unused.remove(hit)
            tp += 1
    return tp, len(unused), len(gold_rows) - tp


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall, F1 and the counts."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def loaded_rows(db: Path) -> tuple[dict[str, list[dict]], dict[str, list[dict]], int]:
    """chip_spend and policy_events rows by page file name, and the article count."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        names = {aid: url.rsplit("/", 1)[1] for aid, url in con.execute("SELECT article_id, url FROM articles").fetchall()}
        by_page: list[dict[str, list[dict]]] = [defaultdict(list), defaultdict(list)]
        for table, into in (("chip_spend", by_page[0]), ("policy_events", by_page[1])):
            cur = con.execute(f"SELECT * FROM {table}")
            cols = [d[0] for d in cur.description]
            for values in cur.fetchall():
                row = dict(zip(cols, values))
                into[names.get(row["article_id"], "")].append(row)
    finally:
        con.close()
    return by_page[0], by_page[1], len(names)


def fact_check(db: Path, gold_dir: Path) -> dict[str, Any]:
    """Loaded rows against the generator's known facts, page by page."""
    spend, policy, articles = loaded_rows(db)
    totals = {"spend": [0, 0, 0], "policy": [0, 0, 0]}
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        page = gold["article"]
        for key, gold_rows, rows, matches in (("spend", gold["chip_spend"], spend.get(page, []), spend_matches),
                                              ("policy", gold["policy_events"], policy.get(page, []), policy_matches)):
            for i, v in enumerate(match_counts([g for g in gold_rows if not g.get("optional")], rows, matches)):
                totals[key][i] += v
    return {"articles": articles, "spend": prf(*totals["spend"]), "policy": prf(*totals["policy"])}


def run_scale(n: int, work: Path, prefect_home: Path, seed: int = 0, rerun: bool = True,
              stage_pages: int | None = None, batch_size: int | None = None, warm: bool = True,
              isolated: bool = True) -> dict[str, Any]:
    """One N: generate, serve, cold run, optional unchanged rerun, fact check, optional stage timing."""
    site_root = work / f"n{n}"
    write_corpus(generate(n, seed), site_root)
    names = sorted(f"pages/{p.name}" for p in (site_root / "pages").glob("*.html"))
    (site_root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    db = work / f"db{n}" / "w.duckdb"
    db.parent.mkdir(parents=True)
    result: dict[str, Any] = {"n": n}
    with LoopbackSite(site_root) as site:
        feed = site.write_feed(names)
        if warm:
            warm_up(site, work / f"warmup{n}.duckdb", prefect_home)
        cold = measured_flow_run(feed, db, prefect_home, batch_size=batch_size, isolated=isolated)
        print(f"[bench.scale] N={n}: cold run {cold.wall_s:.1f} s, peak RSS {cold.peak_rss_mb:.0f} MB",
              file=sys.stderr, flush=True)
        result.update(cold_wall_s=cold.wall_s, pages_per_s=n / cold.wall_s, peak_rss_mb=cold.peak_rss_mb,
                      summary={k: cold.summary.get(k) for k in (
                          "articles_new", "duplicates", "pages_failed", "spend_loaded", "policy_loaded",
                          "quarantined", "bench_import_s", "bench_run_s", "stage_seconds", "runner")})
        if rerun:
            again = measured_flow_run(feed, db, prefect_home, batch_size=batch_size, isolated=isolated)
            result.update(rerun_wall_s=again.wall_s, rerun_share=again.wall_s / cold.wall_s,
                          rerun_peak_rss_mb=again.peak_rss_mb,
                          rerun_summary={k: again.summary.get(k) for k in (
                              "pages_seen", "fresh_skipped", "articles_new", "articles_unchanged",
                              "bench_import_s", "bench_run_s")})
            if isolated:
                with running_api(prefect_home) as api:
                    again_api = measured_flow_run(feed, db, prefect_home, batch_size=batch_size, api_url=api)
                result.update(rerun_api_wall_s=again_api.wall_s, rerun_api_share=again_api.wall_s / cold.wall_s)
                print(f"[bench.scale] N={n}: unchanged rerun {again.wall_s:.1f} s, against a running API "
                      f"{again_api.wall_s:.1f} s", file=sys.stderr, flush=True)
        if stage_pages:
            stages_db = work / f"stages{n}" / "w.duckdb"
            stages_db.parent.mkdir(parents=True)
            result["stages"] = stage_seconds(site.write_feed(names[:stage_pages], "sample.xml"), stages_db)
    result["facts"] = fact_check(db, site_root / "gold")
    return result


def run_benchmark(sizes: list[int], seed: int = 0, rerun: bool = True, stage_pages: int | None = 1000,
                  batch_size: int | None = None, warm: bool = True, isolated: bool = True) -> dict[str, Any]:
    """Every N in `sizes`, smallest first; the memory ratio of the largest to the smallest."""
    results = []
    with tempfile.TemporaryDirectory(prefix="chipdemand-bench-scale-") as tmp:
        work = Path(tmp)
        for i, n in enumerate(sorted(sizes)):
            results.append(run_scale(n, work, work / "prefect", seed, rerun,
                                     stage_pages if i == 0 else None, batch_size, warm and i == 0, isolated))
    out: dict[str, Any] = {"sizes": results}
    if len(results) > 1:
        out["rss_ratio"] = results[-1]["peak_rss_mb"] / results[0]["peak_rss_mb"]
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: run the scale benchmark and print its figures as JSON."""
    parser = argparse.ArgumentParser(description="Synthetic pages at scale: throughput, memory, reruns, facts.")
    parser.add_argument("--n", type=int, action="append", help="pages (repeatable); default 1000 and 10000")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stage-pages", type=int, default=1000, help="pages for the per-stage timing (0: none)")
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument("--no-rerun", action="store_true")
    args = parser.parse_args(argv)
    result = run_benchmark(args.n or [1000, 10000], args.seed, not args.no_rerun, args.stage_pages or None,
                           args.batch_size)
    print(json.dumps(result, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
