"""The accepted values each suite checks against, read from the seed tables (and the row models' Literals).

A seed table that is missing leaves its vocabulary as `None`: the suite then skips that check and the
validation records a warning result instead of crashing (seed files are edited while the pipeline runs).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import get_args

from transforms.models import DatePrecision, Instrument, PolicyStatus, Region, SpendStatus, SpendType
from transforms.reference import MissingSeedError, ReferenceData

# The acting states of GOLD_FORMAT.md (ISO 3166 alpha-2, EU for the Union): the outside contract's
# vocabulary, which policy_actors.csv may extend but never narrow.
CONTRACT_ACTOR_COUNTRIES = ("US", "CN", "NL", "JP", "KR", "TW", "MY", "EU")
VENDOR_ROLES = ("vendor", "both")
# A pinyin syllable (initial, final), for the names the Chinese grammar writes for companies the seeds do not
# list (transforms/zh/organisations.py): "Haixi Tianfang Technology", "Guotou Huiheng (Beijing)".
PINYIN_SYLLABLE = (r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|"
                   r"ai|ei|ao|ou|an|en|er|in|un|ia|ie|iu|ua|uo|ue|ui|a|o|e|i|u|v)")
PINYIN_WORD = rf"(?=[A-Z])(?i:{PINYIN_SYLLABLE}){PINYIN_SYLLABLE}{{0,3}}"


@dataclass(frozen=True)
class Vocabulary:
    """One column's accepted values, or why they are unknown (`values is None`)."""

    values: frozenset[str] | None
    source: str            # where the values come from, for messages and data docs notes
    missing: str | None = None   # name of the missing seed table, when `values is None`


@dataclass(frozen=True)
class Vocabularies:
    """Every vocabulary the suites use."""

    companies: Vocabulary
    vendors: Vocabulary
    currencies: Vocabulary
    actor_countries: Vocabulary
    spend_types: Vocabulary
    spend_statuses: Vocabulary
    regions: Vocabulary
    instruments: Vocabulary
    policy_statuses: Vocabulary
    date_precisions: Vocabulary
    romanised_companies: str | None = None  # regex of names written in pinyin for companies the seeds do not list


def literal_vocabulary(literal: object, name: str) -> Vocabulary:
    """The values of one of transforms.models' Literal types."""
    return Vocabulary(frozenset(get_args(literal)), f"transforms.models.{name}")


def seed_column(ref: ReferenceData, table: str, column: str, *, where: tuple[str, tuple[str, ...]] | None = None,
                extra: tuple[str, ...] = ()) -> Vocabulary:
    """Non-empty values of `table.column` (optionally only rows whose `where` column is in a set), plus `extra`."""
    source = f"seeds/{table}.csv:{column}"
    try:
        rows = ref.table(table)
    except MissingSeedError:
        return Vocabulary(None, source, missing=table)
    if where is not None:
        key, allowed = where
        rows = tuple(r for r in rows if (r.get(key) or "").strip() in allowed)
    values = {(r.get(column) or "").strip() for r in rows} | set(extra)
    return Vocabulary(frozenset(v for v in values if v), source)


def union(first: Vocabulary, second: Vocabulary) -> Vocabulary:
    """Both vocabularies' values; known as soon as either one is."""
    if first.values is None:
        return second if second.values is not None else first
    if second.values is None:
        return first
    return Vocabulary(first.values | second.values, f"{first.source} + {second.source}")


def build_vocabularies(ref: ReferenceData) -> Vocabularies:
    """All vocabularies from the seed tables; missing tables give unknown (None) vocabularies."""
    return Vocabularies(
        companies=seed_column(ref, "companies", "company"),
        # chips.csv names the vendor of every chip it lists, so its vendors are accepted too
        vendors=union(seed_column(ref, "companies", "company", where=("role", VENDOR_ROLES)),
                      seed_column(ref, "chips", "vendor")),
        currencies=seed_column(ref, "fx_rates", "currency", extra=("USD",)),
        actor_countries=seed_column(ref, "policy_actors", "actor_country", extra=CONTRACT_ACTOR_COUNTRIES),
        spend_types=literal_vocabulary(SpendType, "SpendType"),
        spend_statuses=literal_vocabulary(SpendStatus, "SpendStatus"),
        regions=literal_vocabulary(Region, "Region"),
        instruments=literal_vocabulary(Instrument, "Instrument"),
        policy_statuses=literal_vocabulary(PolicyStatus, "PolicyStatus"),
        date_precisions=literal_vocabulary(DatePrecision, "DatePrecision"),
        romanised_companies=romanised_company_pattern(ref),
    )


def romanised_company_pattern(ref: ReferenceData) -> str | None:
    """The form of a company name the Chinese grammar writes in pinyin: pinyin words, then a line of business
    of seeds/org_names_zh.csv in English, then a place in brackets ("Guotou Huiheng Investment Holding (Beijing)");
    None without that seed table (only listed companies are then accepted)."""
    try:
        rows = ref.table("org_names_zh")
    except MissingSeedError:
        return None
    business = sorted({(r.get("english") or "").strip() for r in rows} - {""}, key=len, reverse=True)
    lines = f"(?: (?:{'|'.join(map(re.escape, business))}))?" if business else ""
    return rf"{PINYIN_WORD}(?: {PINYIN_WORD}){{0,5}}{lines}(?: \({PINYIN_WORD}(?: {PINYIN_WORD})?\))?"


def fx_table(ref: ReferenceData) -> dict[tuple[int, str], float] | None:
    """(year, currency) -> units per USD from seeds/fx_rates.csv; None when the table is missing."""
    try:
        rows = ref.table("fx_rates")
    except MissingSeedError:
        return None
    table: dict[tuple[int, str], float] = {}
    for r in rows:
        try:
            table[(int(r["year"]), r["currency"].strip().upper())] = float(r["per_usd"])
        except (KeyError, ValueError):
            continue   # a malformed seed line leaves its rate out; amounts in that currency go unchecked
    return table
