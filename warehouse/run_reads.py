"""What a run reads from the warehouse while it works, each read through a short open of its own.

A run holds no connection between its reads: `chipdemand sql`, `report`, `export` and any other DuckDB
client can open the file at any moment of a run except while it loads (see warehouse.stage). At the
start one short read-write open brings the schema up to date and reads the fetch state (and, for
re-extraction, the stored article ids); later reads (content hashes for deduplication, stored
articles to re-extract) are read-only opens that wait up to `wait_s` seconds for a writer.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import duckdb

from warehouse.db import connect_reader, connect_writer
from warehouse.statements import statement


@dataclass
class RunStart:
    """What a run reads once, before it fetches anything."""

    fetch_state: dict[str, dict[str, Any]] = field(default_factory=dict)   # url -> fetch_state row
    stored_article_ids: list[str] = field(default_factory=list)            # for re-extraction only


def rows_as_dicts(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """The cursor's rows as dicts by column name."""
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


def read_run_start(db_path: Path, wait_s: float, with_article_ids: bool = False) -> RunStart:
    """Migrate the schema (a read-write open of a moment) and read the fetch state, then close."""
    con = connect_writer(db_path, wait_s=wait_s, poll_s=0.05)
    try:
        state = {row["url"]: row for row in rows_as_dicts(con.execute(statement("fetch_state_all")))}
        ids = [r[0] for r in con.execute(statement("stored_article_ids")).fetchall()] if with_article_ids else []
    finally:
        con.close()
    return RunStart(state, ids)


@contextmanager
def brief_reader(db_path: Path, wait_s: float) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for the length of the block (waits up to `wait_s` s for a writer)."""
    con = connect_reader(db_path, wait_s=wait_s)
    try:
        yield con
    finally:
        con.close()


def known_content(db_path: Path, article_ids: Iterable[str], hashes: Iterable[str],
                  wait_s: float) -> tuple[dict[str, str], dict[str, str]]:
    """(article_id -> content_sha256) for the ids given, and (content_sha256 -> article_id) for the hashes,
    as stored before this run."""
    ids, hs = list(set(article_ids)), list(set(hashes))
    if not ids and not hs:
        return {}, {}
    with brief_reader(db_path, wait_s) as con:
        by_id = dict(con.execute(statement("content_by_id"), [ids]).fetchall()) if ids else {}
        by_hash = dict(con.execute(statement("id_by_content"), [hs]).fetchall()) if hs else {}
    return by_id, by_hash


def stored_articles(db_path: Path, article_ids: list[str], wait_s: float) -> list[dict[str, Any]]:
    """The stored articles of `article_ids` as dicts (the columns of `articles` an Article holds)."""
    if not article_ids:
        return []
    with brief_reader(db_path, wait_s) as con:
        return rows_as_dicts(con.execute(statement("stored_articles"), [article_ids]))
