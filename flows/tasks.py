"""Prefect tasks: each one stage of the run, working on a batch of pages, thin over the core."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from prefect import task
from prefect.cache_policies import NONE as NO_CACHE

from flows.fetch import FetchOutcome, FetchSettings, fetch_many
from flows.local import read_file
from flows.work import FetchedPage, ParsedPage, WorkItem, log_row
from transforms.article import ParseError, ParseSettings, parse_page, sha256_hex
from transforms.extract import Extractor
from transforms.models import RawPage
from transforms.reference import load_reference
from warehouse.raw_archive import archive_raw


@lru_cache(maxsize=2)
def extractor_for(seeds_dir: str) -> Extractor:
    """One compiled extractor per process and seeds folder (compiling gazetteers is the costly part)."""
    return Extractor(load_reference(Path(seeds_dir)))


def page_from_outcome(item: WorkItem, outcome: FetchOutcome) -> FetchedPage:
    """A fetch outcome as a FetchedPage with its log and state rows."""
    size = len(outcome.content or b"")
    log = log_row(item.url, item.source, "page", outcome.status, reason=outcome.reason,
                  http_status=outcome.http_status, attempts=outcome.attempts, size=size, elapsed_s=outcome.elapsed_s,
                  article_id=item.known_article_id if outcome.status == "not_modified" else None)
    state = {"url": item.url, "etag": outcome.etag or item.etag, "last_modified": outcome.last_modified or item.last_modified,
             "raw_sha256": item.known_raw_sha256, "article_id": item.known_article_id,
             "last_status": outcome.status, "last_fetched_at": outcome.fetched_at}
    if outcome.status == "not_modified":
        return FetchedPage(item, None, log, state, unchanged=True)
    if outcome.status != "ok" or outcome.content is None:
        return FetchedPage(item, None, log, state if outcome.status != "refused" else None)
    raw_sha = sha256_hex(outcome.content)
    state["raw_sha256"] = raw_sha
    if raw_sha == item.known_raw_sha256:
        log["status"] = "unchanged"
        return FetchedPage(item, None, log, state, unchanged=True)
    page = RawPage(source=item.source, url=outcome.final_url or item.url, content=outcome.content,
                   content_type=outcome.content_type, fetched_at=outcome.fetched_at)
    return FetchedPage(item, page, log, state)


@task(name="fetch_batch", retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)
def fetch_batch(items: list[WorkItem], settings: FetchSettings, raw_dir: str) -> list[FetchedPage]:
    """Fetch (http) or read (files) a batch of pages; archive the new raw bytes."""
    results: dict[int, FetchedPage] = {}
    remote = []
    for i, item in enumerate(items):
        if item.prefetched is not None:
            page = item.prefetched
            results[i] = FetchedPage(item, page, log_row(item.url, item.source, "page", "ok", size=len(page.content)),
                                     {"url": item.url, "etag": None, "last_modified": None,
                                      "raw_sha256": sha256_hex(page.content), "article_id": None,
                                      "last_status": "ok", "last_fetched_at": page.fetched_at})
        elif item.kind == "file":
            results[i] = read_file(item, settings.max_bytes)
        else:
            remote.append(i)
    outcomes = fetch_many([(items[i].url, items[i].etag, items[i].last_modified) for i in remote], settings)
    for i, outcome in zip(remote, outcomes):
        results[i] = page_from_outcome(items[i], outcome)
    fetched = [results[i] for i in range(len(items))]
    for f in fetched:
        if f.page is not None and f.state is not None:
            archive_raw(Path(raw_dir), f.state["raw_sha256"], f.page.content)
    return fetched


def parse_one(fetched: FetchedPage, settings: ParseSettings, extractor: Extractor) -> ParsedPage:
    """Parse and extract one page; a parse failure becomes a failed log row with its reason."""
    if fetched.page is None:
        return ParsedPage(fetched.item, fetched.log, fetched.state, unchanged=fetched.unchanged)
    try:
        article = parse_page(fetched.page, settings)
    except ParseError as exc:
        log = {**fetched.log, "status": "parse_failed", "reason": str(exc)}
        return ParsedPage(fetched.item, log, fetched.state)
    rows = extractor.extract(article)
    log = {**fetched.log, "article_id": article.article_id}
    state = {**fetched.state, "article_id": article.article_id} if fetched.state else None
    return ParsedPage(fetched.item, log, state, article, list(rows.spend), list(rows.policy))


@task(name="parse_extract_batch", cache_policy=NO_CACHE)
def parse_extract_batch(pages: list[FetchedPage], settings: ParseSettings, seeds_dir: str) -> list[ParsedPage]:
    """HTML/text to articles, and articles to candidate spend and policy rows."""
    extractor = extractor_for(seeds_dir)
    return [parse_one(p, settings, extractor) for p in pages]
