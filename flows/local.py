"""Reading local folders and files as pages, refusing what a folder source must not reach; a file's
charset is decided by transforms/decoding.py, as a fetched page's is."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from flows.sources import LOCAL_SUFFIXES
from flows.work import FetchedPage, WorkItem, log_row, utcnow
from transforms.article import sha256_hex
from transforms.decoding import detect_charset
from transforms.models import RawPage


def list_folder(folder: Path, source_prefix: str, max_items: int) -> tuple[list[WorkItem], list[dict]]:
    """Article files under `folder` (recursively, links not followed out of it) and log rows for refusals
    (links out of the folder, unresolvable links, names that are not UTF-8, files past max_items)."""
    root = Path(folder).resolve()
    items: list[WorkItem] = []
    refused: list[dict] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.lower().endswith(LOCAL_SUFFIXES) or name.startswith("."):
                continue
            path = Path(dirpath) / name
            shown = os.path.join(source_prefix, os.path.relpath(path, root))
            if not is_utf8(shown):   # os.walk hands such bytes back as surrogates, which no table can store
                refused.append(log_row(path.as_uri(), printable(shown), "file", "refused",
                                       reason=f"undecodable_name: the path is not valid UTF-8 ({printable(shown)}); "
                                              "rename it to read it"))
                continue
            try:
                real = path.resolve(strict=True)
            except (OSError, RuntimeError) as exc:  # broken link or a symlink loop
                refused.append(log_row(path.as_uri(), shown, "file", "refused", reason=f"unresolvable: {exc}"))
                continue
            if not real.is_relative_to(root):
                refused.append(log_row(path.as_uri(), shown, "file", "refused",
                                       reason=f"outside_folder: links to {real}, outside {root}"))
                continue
            if len(items) >= max_items:
                refused.append(log_row(path.as_uri(), shown, "file", "skipped",
                                       reason=f"max_items: more than {max_items} files in the folder"))
                continue
            items.append(WorkItem(url=path.as_uri(), source=shown, kind="file", path=str(path)))
    return items, refused


def is_utf8(text: str) -> bool:
    """Whether a path from the file system was valid UTF-8 (else it holds surrogate escapes)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(text: str) -> str:
    """A path that is not valid UTF-8, with its odd bytes shown as \\xNN."""
    return os.fsencode(text).decode("utf-8", errors="backslashreplace")


def read_file(item: WorkItem, max_bytes: int) -> FetchedPage:
    """Read one local file as a RawPage, or a failed FetchedPage with the reason."""
    started = utcnow()
    path = Path(item.path or "")
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            return FetchedPage(item, None, log_row(item.url, item.source, "file", "failed",
                                                   reason="unreadable: not a regular file"))
        size = info.st_size
        if size > max_bytes:
            return FetchedPage(item, None, log_row(item.url, item.source, "file", "failed",
                                                   reason=f"too_large: {size} bytes > {max_bytes}", size=size))
        content = path.read_bytes()
    except OSError as exc:
        return FetchedPage(item, None, log_row(item.url, item.source, "file", "failed",
                                               reason=f"unreadable: {exc.strerror or exc}"))
    raw_sha = sha256_hex(content)
    state = {"url": item.url, "etag": None, "last_modified": None, "raw_sha256": raw_sha,
             "article_id": item.known_article_id, "last_status": "ok", "last_fetched_at": started}
    if raw_sha == item.known_raw_sha256:
        return FetchedPage(item, None, log_row(item.url, item.source, "file", "unchanged", size=len(content),
                                               article_id=item.known_article_id), state, unchanged=True)
    charset, _ = detect_charset(content, None)   # the same decision the fetcher makes for a page
    page = RawPage(source=item.source, url=item.url, content=content, content_type=None, charset=charset,
                   fetched_at=started)
    return FetchedPage(item, page, log_row(item.url, item.source, "file", "ok", size=len(content)), state)
