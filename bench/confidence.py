"""Does `confidence` sort right rows from wrong ones? Strict precision and recall of the rows kept above
each threshold, scored by the shared `score.py` against gold folders.

    chipdemand run --sources tests/data/blind/en-b11/articles --db /tmp/b.duckdb
    python -m bench.confidence --db /tmp/b.duckdb --gold tests/data/blind/en-b11/gold

For each threshold the warehouse is copied, the spend and policy rows at or below it are deleted from the
copy, and `score.py --json` scores what is left (gold folders are pooled into one). The warehouse given is
never written. Needs ../shared/eval/score.py; says so and exits 2 without it.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

SCORE_PY = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "score.py"
THRESHOLDS = (0.0, 0.5, 0.8)


def keep_above(db: Path, threshold: float) -> dict[str, int]:
    """Delete the rows whose confidence is at or below `threshold` (rows with none are kept when it is 0);
    the rows left per table."""
    with duckdb.connect(str(db)) as con:
        left = {}
        for table in ("chip_spend", "policy_events"):
            if threshold > 0:
                con.execute(f"DELETE FROM {table} WHERE coalesce(confidence, 0) <= ?", [threshold])
            left[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return left


def pooled_gold(folders: list[Path], into: Path) -> Path:
    """Every gold JSON of `folders` in one folder (score.py reads one)."""
    into.mkdir(parents=True, exist_ok=True)
    for folder in folders:
        for path in folder.glob("*.json"):
            shutil.copy(path, into / path.name)
    return into


def calibration(db: Path, gold: list[Path], thresholds=THRESHOLDS) -> list[dict]:
    """One row per threshold: rows kept and strict P/R/F1 for spend and policy."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="confidence-") as work:
        gold_dir = pooled_gold(gold, Path(work) / "gold")
        for threshold in thresholds:
            copy = Path(work) / f"kept-{threshold}.duckdb"
            shutil.copy(db, copy)
            keep_above(copy, threshold)
            done = subprocess.run([sys.executable, str(SCORE_PY), "--db", str(copy), "--gold", str(gold_dir), "--json"],
                                  capture_output=True, text=True, check=True)
            summary, _ = json.JSONDecoder().raw_decode(done.stdout)   # the JSON, then score.py's last line
            rows.append({"threshold": threshold, **{
                f"{table}_{key}": summary[f"{table}_strict"][key]
                for table in ("spend", "policy") for key in ("tp", "fp", "precision", "recall", "f1")}})
    return rows


def markdown(rows: list[dict]) -> str:
    lines = ["| rows kept | spend rows | spend strict P | R | policy rows | policy strict P | R |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        label = "all" if r["threshold"] == 0 else f"confidence > {r['threshold']}"
        lines.append(f"| {label} | {r['spend_tp'] + r['spend_fp']} | {r['spend_precision']:.3f} | {r['spend_recall']:.3f} "
                     f"| {r['policy_tp'] + r['policy_fp']} | {r['policy_precision']:.3f} | {r['policy_recall']:.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     epilog="example: python -m bench.confidence --db /tmp/b.duckdb "
                                            "--gold tests/data/blind/en-b11/gold tests/data/blind/en-b12/gold")
    parser.add_argument("--db", type=Path, required=True, help="a warehouse a run wrote (read, never changed)")
    parser.add_argument("--gold", type=Path, nargs="+", required=True, help="gold folders (GOLD_FORMAT.md)")
    args = parser.parse_args(argv)
    if not SCORE_PY.exists():
        print(f"bench.confidence: {SCORE_PY} not found (it lives in ../shared/eval); nothing measured", file=sys.stderr)
        return 2
    print(markdown(calibration(args.db, args.gold)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
