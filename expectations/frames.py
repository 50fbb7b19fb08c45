"""Rows → pandas DataFrames for GX, with the derived columns the suites check.

Some checks need more than one row or a seed lookup (the evidence slice needs the article's text, the
FX check needs the year's rate, the date window needs the article's publication date). Those are
computed here, once per batch, as plain columns; the suites then hold simple GX expectations on them,
so that every finding still comes out of GX's validation result with its row indices.
The article text itself stays out of the frames (only its length goes in): GX copies unexpected
values into its results and data docs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Mapping, Sequence

import pandas as pd

from transforms.models import Article, PolicyEvent, SpendFact

ARTICLE_COLUMNS = ("article_id", "source", "url", "title", "publisher", "published_on", "language",
                   "content_sha256")
SPEND_COLUMNS = ("fact_id", "article_id", "company", "year", "amount", "currency", "amount_usd", "units",
                 "vendor", "chip_model", "spend_type", "region", "status", "disputed", "confidence",
                 "evidence", "char_start", "char_end", "extractor_version")
# Han characters (CJK unified ideographs and extensions): one carries about what two Latin letters do, so
# the length check counts each twice (a 120-character Chinese flash is as long as a 240-letter English one).
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
POLICY_COLUMNS = ("event_id", "article_id", "actor_country", "actor", "instrument", "target", "event_date",
                  "date_precision", "magnitude", "magnitude_unit", "status", "confidence", "evidence",
                  "char_start", "char_end", "extractor_version")


@dataclass(frozen=True)
class FrameContext:
    """What the derived columns need besides the rows themselves."""

    today: date
    forecast_horizon_years: int
    fx: Mapping[tuple[int, str], float] | None   # (year, currency) -> units per USD; None: seed missing


def plain_frame(rows: Sequence[dict], columns: Sequence[str]) -> pd.DataFrame:
    """A frame with exactly `columns`, nullable values as None/NaN, and a 0..n-1 index (= row position)."""
    frame = pd.DataFrame.from_records([{c: r.get(c) for c in columns} for r in rows], columns=list(columns))
    return frame.reset_index(drop=True)


def add_years(day: date, years: int) -> date:
    """`day` moved by whole years (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def latest_plausible(published_on: date | None, ctx: FrameContext) -> date:
    """The latest date a fact may name: the publication date (today when unknown) plus the horizon."""
    return add_years(published_on or ctx.today, ctx.forecast_horizon_years)


def evidence_matches(text: str | None, evidence: str, start: int, end: int) -> bool | None:
    """True when the article text slices to the evidence; None when the article is not in the batch."""
    if text is None:
        return None
    return 0 <= start < end <= len(text) and text[start:end] == evidence


def rate_for(fx: Mapping[tuple[int, str], float], year: int | None, currency: str) -> float | None:
    """Units of `currency` per USD for `year`, or the nearest year on file (as the extractor converts)."""
    years = sorted(y for (y, c) in fx if c == currency)
    if not years:
        return None
    if year is None or (year, currency) not in fx:
        year = min(years, key=lambda y: (abs(y - (year or years[-1])), -y))
    return fx[(year, currency)]


def fx_ratio(fact: SpendFact, fx: Mapping[tuple[int, str], float] | None) -> float | None:
    """amount_usd divided by the amount converted at the year's rate (1.0 = consistent); None if uncheckable."""
    if fx is None or fact.amount is None or fact.amount_usd is None or not fact.currency or fact.amount <= 0:
        return None
    currency = fact.currency.upper()
    rate = 1.0 if currency == "USD" else rate_for(fx, fact.year, currency)
    if not rate:
        return None
    return fact.amount_usd / (fact.amount / rate)


def text_length(text: str) -> int:
    """The length the articles suite checks: characters, Han characters counting twice."""
    return len(text) + len(HAN.findall(text))


def articles_frame(articles: Sequence[Article], ctx: FrameContext) -> pd.DataFrame:
    """The articles suite's frame: metadata, text length (Han characters counting twice), publication date as a
    timestamp."""
    frame = plain_frame([a.model_dump(include=set(ARTICLE_COLUMNS)) for a in articles], ARTICLE_COLUMNS)
    frame["text_chars"] = [text_length(a.text) for a in articles]
    frame["published_on"] = pd.to_datetime(frame["published_on"])
    return frame


def spend_frame(spend: Sequence[SpendFact], texts: Mapping[str, str], published: Mapping[str, date | None],
                ctx: FrameContext) -> pd.DataFrame:
    """The chip_spend suite's frame plus evidence_matches_text, amount_or_units, fx_ratio and latest_year."""
    frame = plain_frame([f.model_dump(include=set(SPEND_COLUMNS)) for f in spend], SPEND_COLUMNS)
    frame["evidence_matches_text"] = pd.Series(
        [evidence_matches(texts.get(f.article_id), f.evidence, f.char_start, f.char_end) for f in spend],
        dtype="object")
    frame["amount_or_units"] = [f.amount is not None or f.units is not None for f in spend]
    frame["fx_ratio"] = pd.Series([fx_ratio(f, ctx.fx) for f in spend], dtype="float64")
    frame["latest_year"] = pd.Series([latest_plausible(published.get(f.article_id), ctx).year for f in spend],
                                     dtype="Int64")
    frame["year"] = frame["year"].astype("Int64")
    frame["units"] = frame["units"].astype("Int64")
    return frame


def policy_frame(policy: Sequence[PolicyEvent], texts: Mapping[str, str], published: Mapping[str, date | None],
                 ctx: FrameContext) -> pd.DataFrame:
    """The policy_events suite's frame plus evidence_matches_text and latest_date."""
    frame = plain_frame([e.model_dump(include=set(POLICY_COLUMNS)) for e in policy], POLICY_COLUMNS)
    frame["evidence_matches_text"] = pd.Series(
        [evidence_matches(texts.get(e.article_id), e.evidence, e.char_start, e.char_end) for e in policy],
        dtype="object")
    frame["event_date"] = pd.to_datetime(frame["event_date"])
    frame["latest_date"] = pd.to_datetime(pd.Series(
        [latest_plausible(published.get(e.article_id), ctx) for e in policy], dtype="object"))
    return frame
