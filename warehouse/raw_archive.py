"""The raw page archive: bytes as fetched, gzip-compressed and content-addressed beside the warehouse,
so a later extractor can reprocess pages without fetching them again."""
from __future__ import annotations

import gzip
import os
import tempfile
from pathlib import Path


def archive_path(raw_dir: Path, raw_sha256: str) -> Path:
    """Where the bytes with this hash live: raw/ab/abcdef....gz."""
    return Path(raw_dir) / raw_sha256[:2] / f"{raw_sha256}.gz"


def archive_raw(raw_dir: Path, raw_sha256: str, content: bytes) -> Path:
    """Store the bytes once (atomically: a crash never leaves a half-written file under the final name)."""
    target = archive_path(raw_dir, raw_sha256)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(gzip.compress(content, compresslevel=1))
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def read_raw(raw_dir: Path, raw_sha256: str) -> bytes:
    """The archived bytes with this hash (FileNotFoundError when absent)."""
    return gzip.decompress(archive_path(raw_dir, raw_sha256).read_bytes())
