"""Prefect tasks: each one stage of the run, working on a batch of pages, thin over the core."""
from __future__ import annotations

import hashlib
import time
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from prefect import task
from prefect.tasks import exponential_backoff
from prefect.cache_policies import NONE as NO_CACHE

from flows.fetch import FetchOutcome, FetchScope, FetchSettings, fetch_many
from flows.local import read_file
from flows.redact import redact_text, redact_url
from flows.extraction import Extraction, extract_batch
from flows.extraction_cache import ExtractionCache
from flows.work import FetchedPage, ParsedPage, WorkItem, log_row
from transforms.article import ParseSettings, sha256_hex
from transforms.models import EXTRACTOR_VERSION, RawPage
from warehouse.raw_archive import archive_raw


def page_from_outcome(item: WorkItem, outcome: FetchOutcome) -> FetchedPage:
    """A fetch outcome as a FetchedPage with its log and state rows."""
    size = len(outcome.content or b"")
    log = log_row(item.url, item.source, "page", outcome.status, reason=outcome.reason,
                  http_status=outcome.http_status, attempts=outcome.attempts, size=size, elapsed_s=outcome.elapsed_s,
                  article_id=item.known_article_id if outcome.status == "not_modified" else None)
    state = {"url": redact_url(item.url), "etag": outcome.etag or item.etag, "last_modified": outcome.last_modified or item.last_modified,
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
    page = RawPage(source=redact_text(item.source), url=redact_url(outcome.final_url or item.url),
                   content=outcome.content, content_type=outcome.content_type, charset=outcome.charset,
                   fetched_at=outcome.fetched_at, listed_title=item.listed_title, listed_on=item.listed_on,
                   listed_by=item.listed_by)
    return FetchedPage(item, page, log, state)


def fetch_batch(items: list[WorkItem], settings: FetchSettings, raw_dir: str,
                scope: FetchScope | None = None) -> list[FetchedPage]:
    """Fetch (http) or read (files) a batch of pages; archive the new raw bytes. With a `scope`, the batch
    shares its run's per-host limits and robots rules with every other batch of the run."""
    started = time.perf_counter()
    results: dict[int, FetchedPage] = {}
    remote = []
    for i, item in enumerate(items):
        if item.prefetched is not None:
            page = item.prefetched
            results[i] = FetchedPage(item, page, log_row(item.url, item.source, "page", "ok", size=len(page.content)),
                                     {"url": redact_url(item.url), "etag": None, "last_modified": None,
                                      "raw_sha256": sha256_hex(page.content), "article_id": None,
                                      "last_status": "ok", "last_fetched_at": page.fetched_at})
        elif item.kind == "file":
            results[i] = read_file(item, settings.max_bytes)
        else:
            remote.append(i)
    outcomes = fetch_many([(items[i].url, items[i].etag, items[i].last_modified) for i in remote], settings,
                          scope=scope)
    for i, outcome in zip(remote, outcomes):
        results[i] = page_from_outcome(items[i], outcome)
    fetched = [results[i] for i in range(len(items))]
    for f in fetched:
        if f.page is not None and f.state is not None:
            archive_raw(Path(raw_dir), f.state["raw_sha256"], f.page.content)
    share = (time.perf_counter() - started) / max(1, len(fetched))  # concurrent fetches: wall time, not sum
    for f in fetched:
        f.fetch_s = share
    return fetched


POOL_SLICE = 25   # pages per job sent to a parse worker process
CACHE_FORMAT = 4  # part of every cache key; 4: our own JSON files (flows/extraction_cache.py), not Prefect's pickles


def seeds_fingerprint(seeds_dir: str) -> bytes:
    """Hash of every seeds/*.csv: a vocabulary change invalidates cached rows like a version bump does."""
    digest = hashlib.sha256()
    for path in sorted(Path(seeds_dir).glob("*.csv")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


def extraction_cache_key(context: Any, parameters: dict[str, Any]) -> str | None:   # Prefect's cache_key_fn shape
    """Same bytes at the same URLs, same parse settings, extractor version and seeds: same rows."""
    raw: list[RawPage | None] = parameters["raw"]
    if not any(raw):
        return None
    digest = hashlib.sha256(f"{EXTRACTOR_VERSION}|{parameters['settings']!r}".encode())
    digest.update(seeds_fingerprint(parameters["seeds_dir"]))
    for page in raw:
        if page is None:
            digest.update(b"-")
            continue
        digest.update(f"|{page.source}|{page.url}|{page.content_type}|{page.charset}|{page.listed_title}|"
                      f"{page.listed_on}|{page.listed_by}|".encode())
        digest.update(hashlib.sha256(page.content).digest())
    return f"extract-{EXTRACTOR_VERSION}-v{CACHE_FORMAT}-{digest.hexdigest()}"


# Not cached by Prefect: its result store reads whatever deserializer a stored file names (pickle), so the
# cache is ours (parse_extract_batch, flows/extraction_cache.py). Nothing kept in memory either: Prefect's
# result LRU would otherwise hold every article of a large run (measured: +160 MB at 10,000 pages).
@task(name="extract_pages", cache_policy=NO_CACHE, persist_result=False, cache_result_in_memory=False)
def extract_pages(raw: list[RawPage | None], settings: ParseSettings, seeds_dir: str,
                  pool: Executor | None = None) -> list[Extraction | None]:
    """Articles and candidate rows from a batch of raw pages, here or on `pool`'s worker processes."""
    if pool is None:
        return extract_batch(raw, settings, seeds_dir)
    # in slices, so that every worker takes part in each batch and the run's last batch ends sooner
    jobs = [pool.submit(extract_batch, raw[i:i + POOL_SLICE], settings, seeds_dir)
            for i in range(0, len(raw), POOL_SLICE)]
    return [extraction for job in jobs for extraction in job.result()]


def parsed_page(fetched: FetchedPage, extraction: Extraction | None) -> ParsedPage:
    """This run's fetch log and state joined to the (possibly cached) extraction."""
    if extraction is None:
        return ParsedPage(fetched.item, fetched.log, fetched.state, unchanged=fetched.unchanged,
                          seconds={"fetch": fetched.fetch_s})
    if extraction.article is None:
        return ParsedPage(fetched.item, {**fetched.log, "status": "parse_failed", "reason": extraction.parse_error},
                          fetched.state, seconds={"fetch": fetched.fetch_s, **extraction.seconds})
    article_id = extraction.article.article_id
    state = {**fetched.state, "article_id": article_id} if fetched.state else None
    log = {**fetched.log, "article_id": article_id}
    truncated = getattr(extraction, "truncated", None)  # extractions cached before the field existed lack it
    if truncated and not log.get("reason"):
        log["reason"] = f"extract_truncated: {truncated}"  # loaded, but only the start of the page was read
    return ParsedPage(fetched.item, log, state, extraction.article, extraction.spend, extraction.policy,
                      seconds={"fetch": fetched.fetch_s, **extraction.seconds}, truncated=truncated)


def parse_extract_batch(pages: list[FetchedPage], settings: ParseSettings, seeds_dir: str,
                        cache_dir: str | None = None, pool: Executor | None = None) -> list[ParsedPage]:
    """HTML/text to articles, and articles to candidate spend and policy rows (reused from cache_dir when the
    same bytes were extracted before by the same extractor version, e.g. by a failed run being retried).
    The CPU work runs on `pool` (worker processes, see flows/parse_pool.py) when given, else here."""
    raw = [p.page for p in pages]
    cache = ExtractionCache(Path(cache_dir)) if cache_dir else None
    key = extraction_cache_key(None, {"raw": raw, "settings": settings, "seeds_dir": seeds_dir}) if cache else None
    extractions = cache.get(key) if key else None
    if extractions is None or not fits(extractions, raw):
        extractions = extract_pages(raw, settings, seeds_dir, pool)
        if key:
            cache.put(key, extractions)
    return [parsed_page(f, e) for f, e in zip(pages, extractions)]


def fits(extractions: list[Extraction | None], raw: list[RawPage | None]) -> bool:
    """Whether cached extractions line up with the batch: one per page, None exactly where no page was read."""
    return len(extractions) == len(raw) and all((e is None) == (r is None) for e, r in zip(extractions, raw))


@task(name="fetch_parse_batch", retries=2, retry_delay_seconds=exponential_backoff(backoff_factor=2),
      retry_jitter_factor=0.5, cache_policy=NO_CACHE)
def fetch_parse_batch(items: list[WorkItem], fetch: FetchSettings, raw_dir: str, parse: ParseSettings,
                      seeds_dir: str, cache_dir: str | None = None, pool: Executor | None = None,
                      scope: FetchScope | None = None) -> list[ParsedPage]:
    """One batch from URLs to rows: fetch (or read) the pages, archive the new bytes, then parse and extract
    them (on `pool` when given). One task per batch: the raw bytes go no further than the parse worker, and
    Prefect tracks one task run per batch (plus the cached extraction), not a fetch and a parse run. Per-URL
    retries happen inside the fetch; a retry of the task re-fetches conditionally and reuses the cached rows.
    `scope` names the run whose per-host limits and robots rules the fetch shares."""
    return parse_extract_batch(fetch_batch(items, fetch, raw_dir, scope), parse, seeds_dir, cache_dir, pool)
