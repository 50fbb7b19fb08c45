"""Cached extractions under warehouse/cache/ are data, never code: a planted pickle runs nothing, and a
file that is not a valid cache record (wrong format, version, key or checksum) is recomputed, not trusted.

Each test plants a file where the run will look for its batch's cached extraction: a first run over a
folder of one file writes it, the test replaces it, and a second run into a fresh warehouse reads it.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import pickle
from pathlib import Path

import duckdb
import prefect
import pytest

from flows.extraction_cache import ExtractionCache
from flows.pipeline import run

DATA = Path(__file__).parent / "data" / "mini"


class Planted:
    """Unpickling this writes `marker`: the proof that a cache read ran code."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "code from the cache ran"))


def spend_rows(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT company, amount FROM chip_spend").fetchall()
    finally:
        con.close()


@pytest.fixture()
def one_article(tmp_path):
    """A folder of one article, a first run that cached its extraction, and the cache file's path: the next run
    into a fresh warehouse (same folder, same cache) reads that file."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "budget.html").write_bytes((DATA / "tencent-budget.html").read_bytes())
    run(sources=str(folder), db=str(tmp_path / "wh" / "first.duckdb"))
    (path,) = [p for p in (tmp_path / "wh" / "cache").iterdir() if not p.name.startswith(".")]
    return folder, tmp_path / "wh" / "w.duckdb", path


def prefect_record(path: Path, value) -> str:
    """A result file as Prefect's result store writes it, holding `value` pickled."""
    return json.dumps({"metadata": {"storage_key": str(path), "expiration": None,
                                    "serializer": {"type": "pickle", "picklelib": "pickle", "picklelib_version": None},
                                    "prefect_version": prefect.__version__, "storage_block_id": None},
                       "result": base64.b64encode(pickle.dumps(value)).decode()})


def test_a_planted_pickle_runs_no_code(one_article, tmp_path):
    folder, db, path = one_article
    marker = tmp_path / "pwned"
    path.write_text(prefect_record(path, Planted(marker)))
    summary = run(sources=str(folder), db=str(db))
    assert not marker.exists()
    assert summary["status"] == "completed" and spend_rows(db) == [("Tencent", 20e9)]


def test_a_valid_pickle_of_the_wrong_thing_does_not_fail_the_run(one_article):
    folder, db, path = one_article
    path.write_text(prefect_record(path, ["not", "an", "extraction"]))
    summary = run(sources=str(folder), db=str(db))
    assert summary["status"] == "completed" and spend_rows(db) == [("Tencent", 20e9)]


@pytest.mark.parametrize("damage", ["wrong_rows", "bad_checksum", "other_version", "truncated"])
def test_a_cache_file_that_does_not_check_out_is_recomputed(one_article, damage):
    folder, db, path = one_article
    good = path.read_bytes()
    header, payload = good.split(b"\n", 1)
    if damage == "wrong_rows":      # well-formed, checksum right, but not extractions
        other = b'[{"article": 42}]'
        path.write_bytes(header.replace(hashlib.sha256(payload).hexdigest().encode(),
                                        hashlib.sha256(other).hexdigest().encode()) + b"\n" + other)
    elif damage == "bad_checksum":
        path.write_bytes(good.replace(b"Tencent", b"Tenxent"))
    elif damage == "other_version":
        path.write_bytes(header.replace(b'"version": ', b'"version": 9', 1) + b"\n" + payload)
    else:
        path.write_bytes(good[: len(good) // 2])
    cache = ExtractionCache(path.parent)
    assert cache.get(path.name) is None
    summary = run(sources=str(folder), db=str(db))
    assert summary["status"] == "completed" and spend_rows(db) == [("Tencent", 20e9)]
    assert cache.get(path.name) is not None     # rewritten whole


@pytest.mark.parametrize("planted", ["link_to_dev_zero", "fifo"])
def test_a_link_or_a_fifo_under_the_key_is_not_read(one_article, planted):
    folder, db, path = one_article
    path.unlink()
    if planted == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    summary = run(sources=str(folder), db=str(db))
    assert summary["status"] == "completed" and spend_rows(db) == [("Tencent", 20e9)]
    assert path.is_file() and not path.is_symlink()      # replaced by a good record
