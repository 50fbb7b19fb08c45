"""`chipdemand corrections export-gold`: the reviewed articles as gold files that score.py reads.

    written = export_gold(Path("warehouse/chipdemand.duckdb"), Path("gold"))
    # python ../shared/eval/score.py --db warehouse/chipdemand.duckdb --gold gold --show

One JSON file per article with an applied correction (transforms/gold.py says which rows are
required, optional or left out), read from the warehouse's reviewed views as last applied.
Two articles whose sources share a file name cannot both be scored (score.py ties gold to
articles by that name): the second is skipped and named.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from flows.review import READ_WAIT_S
from transforms.gold import article_name, gold_document, gold_file_name
from warehouse.corrections import dicts
from warehouse.db import connect_reader
from warehouse.statements import statement


@dataclass(frozen=True)
class GoldExport:
    """Files written, and articles left out with the reason."""

    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def export_gold(db_path: Path, out_dir: Path, wait_s: float = READ_WAIT_S) -> GoldExport:
    """Write one gold JSON per reviewed article into `out_dir`."""
    con = connect_reader(db_path, wait_s=wait_s)
    try:
        articles = dicts(con.execute(statement("gold_articles")))
        ids = [a["article_id"] for a in articles]
        spend = dicts(con.execute(statement("gold_spend_rows"), [ids]))
        policy = dicts(con.execute(statement("gold_policy_rows"), [ids]))
    finally:
        con.close()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    result = GoldExport()
    names: dict[str, str] = {}
    for article in articles:
        name = article_name(article["source"])
        if not name or name in names:
            result.skipped.append(f"{article['article_id']}: source file name {name!r} "
                                  + ("is empty" if not name else f"is also {names[name]}'s"))
            continue
        names[name] = article["article_id"]
        doc = gold_document(name, article["published_on"],
                            [r for r in spend if r["article_id"] == article["article_id"]],
                            [r for r in policy if r["article_id"] == article["article_id"]])
        path = out_dir / gold_file_name(name)
        path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        result.written.append(path)
    return result
