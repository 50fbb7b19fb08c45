"""Analysts' decisions as gold annotations (../shared/eval/GOLD_FORMAT.md), so every correction is a test.

For an article an analyst reviewed, the rows as corrected (chip_spend_reviewed, policy_events_reviewed)
are the truth: confirmed, corrected and added rows are required gold rows; rejected rows are left
out (an extractor that finds them again is wrong); rows nobody reviewed are kept as `optional` (not
counted as missed if absent, nor as wrong if present), since no one vouched for them either way.
A gold file is tied to its article by the file name of the article's source, as the scorer does.
"""
from __future__ import annotations

import os
from datetime import date
from typing import Any, Mapping, Sequence
from urllib.parse import urlparse

SPEND_GOLD_FIELDS = ("company", "year", "amount", "currency", "amount_usd", "units", "vendor", "chip_model",
                     "spend_type", "region", "status", "disputed")
PRECISION_CHARS = {"day": 10, "month": 7, "year": 4}


def article_name(source: str) -> str:
    """The file name of an article's source (a path or URL), as score.py ties gold files to articles."""
    path = urlparse(source).path if "://" in source else source
    return os.path.basename(path.rstrip("/"))


def gold_file_name(name: str) -> str:
    """`a07.html` -> `a07.json` (GOLD_FORMAT.md: the article's name with .json for its extension)."""
    stem, _ext = os.path.splitext(name)
    return f"{stem or name}.json"


def gold_date(event_date: date | str | None, precision: str | None) -> str | None:
    """An event date at its precision: "2025-10-01" at month precision is "2025-10"."""
    if event_date is None:
        return None
    text = event_date.isoformat() if isinstance(event_date, date) else str(event_date)
    return text[:PRECISION_CHARS.get(precision or "day", 10)]


def spend_gold(row: Mapping[str, Any]) -> dict[str, Any]:
    """One chip_spend_reviewed row as a gold SpendFact."""
    fact = {name: row.get(name) for name in SPEND_GOLD_FIELDS}
    fact["disputed"] = bool(fact["disputed"])
    fact["optional"] = not row.get("reviewed")
    return fact


def policy_gold(row: Mapping[str, Any]) -> dict[str, Any]:
    """One policy_events_reviewed row as a gold PolicyEvent."""
    return {"actor_country": row.get("actor_country"), "actor": row.get("actor"),
            "instrument": row.get("instrument"), "target": row.get("target"),
            "date": gold_date(row.get("event_date"), row.get("date_precision")),
            "magnitude": row.get("magnitude"), "magnitude_unit": row.get("magnitude_unit"),
            "status": row.get("status"), "optional": not row.get("reviewed")}


def gold_document(name: str, published_on: date | None, spend: Sequence[Mapping[str, Any]],
                  policy: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The gold file of one article from its reviewed rows."""
    return {"article": name, "published": published_on.isoformat() if published_on else None,
            "chip_spend": [spend_gold(r) for r in spend], "policy_events": [policy_gold(r) for r in policy]}
