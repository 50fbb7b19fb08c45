"""Parse and extract a batch of raw pages: the CPU-bound half of a run, free of Prefect.

Runs wherever the flow puts it: in a task's thread, on a Dask worker, or in a worker process of
`flows.parse_pool` (which preloads this module in its fork server, so it must stay cheap to import
and must not import Prefect).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from transforms.article import ParseError, ParseSettings, parse_page
from transforms.extract import Extractor
from transforms.models import Article, PolicyEvent, RawPage, SpendFact
from transforms.reference import load_reference


@dataclass
class Extraction:
    """What parsing and extracting one page's bytes gave: an article and its rows, or why not."""

    article: Article | None = None
    spend: list[SpendFact] = field(default_factory=list)
    policy: list[PolicyEvent] = field(default_factory=list)
    parse_error: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)   # parse / extract time when it was computed
    truncated: str | None = None   # the extraction limit that cut the reading of the page short, if one did


@lru_cache(maxsize=2)
def extractor_for(seeds_dir: str) -> Extractor:
    """One compiled extractor per process and seeds folder (compiling gazetteers is the costly part)."""
    return Extractor(load_reference(Path(seeds_dir)))


def extract_raw(page: RawPage | None, settings: ParseSettings, extractor: Extractor) -> Extraction | None:
    """Parse and extract one page's bytes; a parse failure is kept with its reason."""
    if page is None:
        return None
    started = time.perf_counter()
    try:
        article = parse_page(page, settings)
    except ParseError as exc:
        return Extraction(parse_error=str(exc), seconds={"parse": time.perf_counter() - started})
    parsed = time.perf_counter()
    rows = extractor.extract(article)
    seconds = {"parse": parsed - started, "extract": time.perf_counter() - parsed}
    return Extraction(article, list(rows.spend), list(rows.policy), seconds=seconds, truncated=rows.truncated)


def extract_batch(raw: list[RawPage | None], settings: ParseSettings, seeds_dir: str) -> list[Extraction | None]:
    """Articles and rows for a batch of raw pages (None stays None: nothing was fetched)."""
    extractor = extractor_for(seeds_dir)
    return [extract_raw(page, settings, extractor) for page in raw]
