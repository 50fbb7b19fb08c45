"""What an analyst reviews, and the lookups behind `chipdemand correct | reject | confirm | add`.

Everything here reads the warehouse on a read-only connection; decisions are written to the
corrections file only (flows/cli_corrections.py), never to the warehouse.

    items = review_queue(db, limit=10)            # unreviewed rows, lowest confidence first, in context
    row = extracted_row(db, "04539b1b076f7028")   # one row by id, with its evidence and anchor values
    article = find_article(db, "tencent-budget.html")
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Sequence

from transforms.corrections import ROW_KINDS, Correction
from transforms.sentences import split_sentences
from warehouse.corrections import dicts
from warehouse.db import connect_reader
from warehouse.statements import statement


READ_WAIT_S = 60.0   # a reader waits this long while a run holds the write lock (like `chipdemand sql`)


class ReviewLookupError(LookupError):
    """No row or article answers to what the analyst named; the message says what to try."""


@dataclass(frozen=True)
class ReviewItem:
    """One row to check: its values and confidence, the sentence it came from with its neighbours, and the
    article's title and URL."""

    row_kind: str
    row_id: str
    confidence: float | None
    values: dict[str, Any]
    sentence: str
    before: str = ""
    after: str = ""
    title: str | None = None
    url: str | None = None
    published_on: date | None = None
    article_id: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "published_on": self.published_on.isoformat() if self.published_on else None}


@dataclass(frozen=True)
class ExtractedRow:
    """One extracted row as a correction needs it: where it came from and its key values."""

    row_kind: str
    row_id: str
    article_id: str
    evidence: str
    char_start: int
    char_end: int
    anchor: dict[str, Any] = field(default_factory=dict)


def neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    """The sentences just before and just after the span [start, end) of `text`."""
    sentences = split_sentences(text)
    inside = [i for i, s in enumerate(sentences) if s.start < end and start < s.end]
    if not inside:
        return "", ""
    first, last = inside[0], inside[-1]
    before = sentences[first - 1].text if first > 0 else ""
    after = sentences[last + 1].text if last + 1 < len(sentences) else ""
    return before, after


def pending_row_ids(corrections: Sequence[Correction]) -> list[str]:
    """Row ids that already have a decision in the corrections file (applied or not yet)."""
    return sorted({c.row_id for c in corrections if c.row_id})


def review_queue(db_path: Path, limit: int = 10, kinds: Sequence[str] = ROW_KINDS, max_confidence: float = 1.0,
                 pending: Sequence[str] = (), wait_s: float = READ_WAIT_S) -> list[ReviewItem]:
    """Unreviewed rows (not confirmed, corrected or rejected, and without a pending decision), lowest
    confidence first, each with its sentence's neighbours and its article."""
    con = connect_reader(db_path, wait_s=wait_s)
    try:
        rows = dicts(con.execute(statement("review_queue"), {"kinds": list(kinds), "pending": list(pending),
                                                             "max_confidence": max_confidence, "limit": limit}))
        articles = {a["article_id"]: a for a in dicts(con.execute(statement("review_articles"),
                                                                  [sorted({r["article_id"] for r in rows})]))}
    finally:
        con.close()
    items = []
    for r in rows:
        article = articles.get(r["article_id"], {})
        before, after = neighbours(article.get("text") or "", r["char_start"], r["char_end"])
        items.append(ReviewItem(r["row_kind"], r["row_id"], r["confidence"], json.loads(r["row_values"]),
                                r["evidence"], before, after, article.get("title"), article.get("url"),
                                article.get("published_on"), r["article_id"]))
    return items


def extracted_row(db_path: Path, row_id: str, wait_s: float = READ_WAIT_S) -> ExtractedRow:
    """The chip_spend or policy_events row with this id, as extracted now."""
    con = connect_reader(db_path, wait_s=wait_s)
    try:
        rows = dicts(con.execute(statement("extracted_row_by_id"), {"id": row_id}))
    finally:
        con.close()
    if not rows:
        raise ReviewLookupError(f"no chip_spend or policy_events row has the id {row_id!r} "
                                "(ids change when the rules change: `chipdemand review` lists the current ones)")
    r = rows[0]
    anchor = {k: v for k, v in json.loads(r["anchor"]).items() if v is not None}
    return ExtractedRow(r["row_kind"], r["row_id"], r["article_id"], r["evidence"], r["char_start"], r["char_end"],
                        anchor)


def find_article(db_path: Path, ref: str, wait_s: float = READ_WAIT_S) -> dict[str, Any]:
    """The article named by its id, canonical URL, source (as read), or the source's file name."""
    con = connect_reader(db_path, wait_s=wait_s)
    try:
        rows = dicts(con.execute(statement("article_for_add"), {"ref": ref}))
    finally:
        con.close()
    if not rows:
        raise ReviewLookupError(f"no article answers to {ref!r} (give its article_id, URL, or file name)")
    if len(rows) > 1:
        raise ReviewLookupError(f"{len(rows)} articles answer to {ref!r}: give the article_id "
                                f"({', '.join(r['article_id'] for r in rows[:5])})")
    return rows[0]
