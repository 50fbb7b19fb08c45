"""The values that walk through the pipeline: raw pages, articles and the fact rows extracted from them.

Each stage takes one of these and returns the next (see STYLE.md: "the data walks one way").
Column names follow ../shared/CONTRACT.md.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EXTRACTOR_VERSION = "0.10.2"

SpendType = Literal["chip_purchase", "ai_capex", "data_center", "cloud_rental", "other"]
SpendStatus = Literal["planned", "actual", "estimate"]
Region = Literal["domestic", "overseas"]
Instrument = Literal[
    "export_control", "tariff", "investigation", "entity_list", "sanction", "procurement_guidance",
    "subsidy", "sales_approval", "executive_order", "legislation", "other",
]
PolicyStatus = Literal["announced", "in_effect", "proposed", "threatened", "delayed", "rescinded", "reported"]
DatePrecision = Literal["day", "month", "year"]


class RawPage(BaseModel):
    """Bytes as fetched or read, before any parsing."""

    model_config = ConfigDict(frozen=True)

    source: str = Field(description="the path or URL it was read from, as given")
    url: str = Field(description="final URL after redirects, or a file:// URI")
    content: bytes
    content_type: str | None = None
    charset: str | None = Field(default=None, description="the charset the fetcher decided on (header, meta or sniffed)")
    fetched_at: datetime | None = None
    listed_title: str | None = Field(default=None, description="the title the feed, sitemap or GDELT gave the page")
    listed_on: date | None = Field(default=None, description="the date the feed, sitemap or GDELT gave the page")
    listed_by: str | None = Field(default=None, description="what listed the page: feed, sitemap or gdelt")


class Article(BaseModel):
    """One article: main text plus metadata. All fact offsets point into `text`."""

    article_id: str
    source: str
    url: str
    title: str | None = None
    publisher: str | None = None
    published_on: date | None = None
    date_source: str | None = Field(default=None, description="where published_on came from: page, dateline, "
                                                              "or the listing (feed, sitemap, gdelt)")
    language: str | None = None
    text: str
    content_sha256: str
    raw_sha256: str | None = Field(default=None, description="hash of the raw bytes, the key of the raw archive")


class SpendFact(BaseModel):
    """Money or chip volume that a buyer spends, plans or is reported to spend on AI chips / compute."""

    fact_id: str
    article_id: str
    company: str
    year: int | None = None
    amount: float | None = None
    currency: str | None = None
    amount_usd: float | None = None
    units: int | None = None
    vendor: str | None = None
    chip_model: str | None = None
    spend_type: SpendType = "other"
    region: Region | None = None
    status: SpendStatus = "planned"
    disputed: bool = False
    attribution: str | None = None
    qualifier: str | None = Field(default=None, description="hedge on the number: about, up to, more than ...")
    confidence: float = Field(default=0.5, description="0-1, from the evidence that decided the row (see docs/extraction.md)")
    evidence: str
    char_start: int
    char_end: int
    extractor_version: str = EXTRACTOR_VERSION


class PolicyEvent(BaseModel):
    """An action by a state actor that touches AI chips, chip trade, or Chinese tech firms."""

    event_id: str
    article_id: str
    actor_country: str
    actor: str
    instrument: Instrument
    target: str | None = None
    event_date: date | None = None
    date_precision: DatePrecision | None = None
    magnitude: float | None = None
    magnitude_unit: str | None = None
    status: PolicyStatus = "announced"
    confidence: float = Field(default=0.5, description="0-1, from the evidence that decided the row (see docs/extraction.md)")
    evidence: str
    char_start: int
    char_end: int
    extractor_version: str = EXTRACTOR_VERSION
