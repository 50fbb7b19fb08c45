"""Extractions kept on disk between runs (`warehouse/cache/`), as data: JSON with a version and a checksum.

A batch's parse/extract result is stored under its cache key (`flows.tasks.extraction_cache_key`: the
pages' bytes, the extractor version, the parse settings and the seeds), so a retried or repeated run
does not parse and extract the same bytes again. One file per batch:

    {"format": "chipdemand-extractions", "version": 1, "key": "...", "sha256": "...", "bytes": N}\\n
    [ {"article": {...}, "spend": [...], "policy": [...], "parse_error": null, "seconds": {...}}, null, ... ]

The first line says what the file is; the rest is the payload, whose SHA-256 and length the first line
holds. Reading never runs code (this replaced Prefect's result store, whose files name their own
deserializer, pickle by default: a file planted in the folder ran code, and a wrong but valid one
failed every run). A file that does not check out in every respect (format, version, key, checksum,
schema) is a miss: the batch is extracted again and the file rewritten; a link or a device planted
under a key's name is not read.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from flows.extraction import Extraction

FORMAT = "chipdemand-extractions"
VERSION = 1   # bump when the payload's shape changes
PAYLOAD = TypeAdapter(list[Extraction | None])
MAX_BYTES = 1 << 30   # far above a batch's extractions (texts and rows of a few hundred pages)


class ExtractionCache:
    """Cached batch extractions under one folder, keyed by `extraction_cache_key`."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def path_for(self, key: str) -> Path:
        return self.folder / key

    def get(self, key: str) -> list[Extraction | None] | None:
        """The stored extractions for `key`, or None when there are none that check out. Only a regular file
        is read, not through a link and not past MAX_BYTES (a link to /dev/zero would never end)."""
        try:
            fd = os.open(self.path_for(key), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return None
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(f.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
                return None
            data = f.read(MAX_BYTES + 1)
        return decode(data, key)

    def put(self, key: str, extractions: list[Extraction | None]) -> None:
        """Store `extractions` under `key` (written to a temporary file, then renamed into place)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(encode(key, extractions))
            os.replace(tmp, self.path_for(key))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def encode(key: str, extractions: list[Extraction | None]) -> bytes:
    """The file's bytes: the header line, then the payload."""
    payload = PAYLOAD.dump_json(extractions)
    header = {"format": FORMAT, "version": VERSION, "key": key, "sha256": hashlib.sha256(payload).hexdigest(),
              "bytes": len(payload)}
    return json.dumps(header).encode() + b"\n" + payload


def decode(data: bytes, key: str) -> list[Extraction | None] | None:
    """The extractions in a file's bytes, or None unless format, version, key, length, checksum and schema
    all check out."""
    head, sep, payload = data.partition(b"\n")
    if not sep:
        return None
    try:
        header = json.loads(head)
    except ValueError:
        return None
    if not isinstance(header, dict) or (header.get("format"), header.get("version"), header.get("key")) != (
            FORMAT, VERSION, key):
        return None
    if header.get("bytes") != len(payload) or header.get("sha256") != hashlib.sha256(payload).hexdigest():
        return None
    try:
        return PAYLOAD.validate_json(payload)
    except ValidationError:
        return None
