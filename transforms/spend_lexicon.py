"""The spend extractor's vocabulary, compiled once from the seed tables.

`build_spend_lexicon(ref)` turns seeds/companies.csv (with the apps and units of company_units.csv as
aliases of their owners), chips.csv, fx_rates.csv, spend_cues.csv, spend_sources.csv and
spend_programmes.csv and fiscal_years.csv into a SpendLexicon value: gazetteers, one compiled pattern per cue
category, the attribution sources, the FX table, the known multi-year programmes and fiscal year ends. Nothing here reads files; the caller passes ReferenceData in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping

from transforms.entities import ChipGazetteer, CompanyGazetteer, alias_pattern, tree_alternation
from transforms.reference import ReferenceData

CUE_CATEGORIES = ("trigger", "not_spend", "status", "spend_type", "region", "denial", "denial_object",
                  "other_spender", "spokesperson", "officer", "holding", "topic", "foreign_place", "boilerplate", "permission",
                  "network_operator", "operator_compute")


class UnknownCueCategory(ValueError):
    """A row of seeds/spend_cues.csv names a category the extractor does not use (a typo, most likely)."""


@dataclass(frozen=True)
class Cue:
    """One cue phrase found in text; `value` is the category's value (e.g. "planned"), or ""."""

    start: int
    end: int
    category: str
    value: str


@dataclass(frozen=True)
class CuePatterns:
    """Per category, a compiled alternation and the value of each lower-cased cue."""

    patterns: Mapping[str, re.Pattern[str]]
    values: Mapping[str, Mapping[str, str]]

    def find(self, text: str, category: str, lo: int = 0, hi: int | None = None) -> list[Cue]:
        """Cues of one category inside text[lo:hi], with offsets into `text`."""
        pattern = self.patterns.get(category)
        if pattern is None:
            return []
        hi = len(text) if hi is None else hi
        values = self.values[category]
        return [Cue(m.start(), m.end(), category, values.get(_key(m.group()), ""))
                for m in pattern.finditer(text, max(lo, 0), max(hi, 0))]


@dataclass(frozen=True)
class SpendLexicon:
    """Everything the spend extractor needs, built once per process."""

    companies: CompanyGazetteer
    chips: ChipGazetteer
    cues: CuePatterns
    sources: re.Pattern[str]
    source_names: Mapping[str, str]
    source_kinds: Mapping[str, str]
    fx: Mapping[tuple[int, str], float] = field(default_factory=dict)
    # (company, currency) -> [(total, first year)]: programmes named by their total (seeds/spend_programmes.csv)
    programmes: Mapping[tuple[str, str], tuple[tuple[float, int], ...]] = field(default_factory=dict)
    # company -> the month its fiscal year ends in, when not December (seeds/fiscal_years.csv)
    fiscal_year_end: Mapping[str, int] = field(default_factory=dict)

    def programme_start(self, company: str, currency: str | None, amount: float | None) -> int | None:
        """The first year of a known multi-year programme with this total (within 3%), if any."""
        for total, start in self.programmes.get((company, currency or ""), ()):
            if amount and abs(amount - total) <= 0.03 * total:
                return start
        return None

    def usd(self, amount: float, currency: str, year: int | None) -> float | None:
        """`amount` in US dollars at the yearly average rate (nearest year on file when `year` is absent)."""
        if currency == "USD":
            return amount
        years = sorted(y for (y, c) in self.fx if c == currency)
        if not years:
            return None
        if year is None or (year, currency) not in self.fx:
            year = min(years, key=lambda y: (abs(y - (year or years[-1])), -y))
        return amount / self.fx[(year, currency)]

    def find_sources(self, text: str) -> list[tuple[int, str]]:
        """(offset, canonical source) for every attribution source named in `text`."""
        return [(m.start(), self.source_names[_key(m.group())]) for m in self.sources.finditer(text)
                if _key(m.group()) in self.source_names]


def _key(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().split())


def _cue_pattern(cues: list[str]) -> re.Pattern[str]:
    """One pattern for a category's cues: whole words, any case, a space matching any whitespace.

    The cues are laid out as a tree of shared beginnings ("capital\\s+(?:expenditure|spending)"): the
    matches at one place are prefixes of one another, and the tree tries the longer first, so it finds
    what a longest-first list of cues finds, several times faster. That holds while no two branches of
    a node can match one character, so cues with non-ASCII characters ("ſ" matches "s" when case is
    ignored) keep the plain list."""
    if not all(cue.isascii() for cue in cues):
        parts = [r"\s+".join(re.escape(word) for word in cue.split())
                 for cue in sorted(set(cues), key=len, reverse=True)]
        return re.compile(r"(?<![\w\-])(?:" + "|".join(parts) + r")(?![\w\-])", re.IGNORECASE)
    body = tree_alternation(_cue_tokens(cue) for cue in set(cues))
    return re.compile(r"(?<![\w\-])(?:" + body + r")(?![\w\-])", re.IGNORECASE)


def _cue_tokens(cue: str) -> list[str]:
    """An ASCII cue as regex pieces, one per character (lower-cased: the pattern ignores case) with
    "\\s+" between words."""
    tokens: list[str] = []
    for i, word in enumerate(cue.split()):
        tokens += ([r"\s+"] if i else []) + [re.escape(ch.lower()) for ch in word]
    return tokens


def build_cue_patterns(rows) -> CuePatterns:
    """Compile seeds/spend_cues.csv rows (cue, category, value) into one pattern per category."""
    by_category: dict[str, list[str]] = {}
    values: dict[str, dict[str, str]] = {}
    for row in rows:
        category, cue = row["category"], row["cue"]
        if category not in CUE_CATEGORIES:
            raise UnknownCueCategory(f"spend_cues.csv: cue {cue!r} has unknown category {category!r}")
        by_category.setdefault(category, []).append(cue)
        values.setdefault(category, {})[_key(cue)] = row.get("value") or ""
    return CuePatterns({c: _cue_pattern(v) for c, v in by_category.items()}, values)


def with_units(companies: tuple[dict[str, str], ...], units: tuple[dict[str, str], ...]) -> list[dict[str, str]]:
    """Company rows with each owner's apps and units added to its aliases: spend by TikTok is ByteDance's."""
    owned: dict[str, list[str]] = {}
    for row in units:
        owned.setdefault(row["owner"], []).append(row["unit"])
    return [{**row, "aliases": "|".join(a for a in [row.get("aliases") or "", *owned.get(row["company"], [])] if a)}
            for row in companies]


def known_programmes(rows: tuple[dict[str, str], ...]) -> dict[tuple[str, str], tuple[tuple[float, int], ...]]:
    """seeds/spend_programmes.csv by company and currency."""
    found: dict[tuple[str, str], list[tuple[float, int]]] = {}
    for row in rows:
        found.setdefault((row["company"], row["currency"].upper()), []).append((float(row["amount"]), int(row["start_year"])))
    return {key: tuple(value) for key, value in found.items()}


def build_spend_lexicon(ref: ReferenceData) -> SpendLexicon:
    """The compiled vocabulary from the seed tables."""
    names: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for row in ref.table("spend_sources"):
        kinds[row["source"]] = row.get("kind") or "news"
        for alias in [row["source"], *(a for a in (row.get("aliases") or "").split("|") if a.strip())]:
            names[_key(alias.strip())] = row["source"]
    source_aliases = [a for row in ref.table("spend_sources")
                      for a in [row["source"], *(x.strip() for x in (row.get("aliases") or "").split("|") if x.strip())]]
    fx = {(int(r["year"]), r["currency"].upper()): float(r["per_usd"]) for r in ref.table("fx_rates")}
    return SpendLexicon(
        companies=CompanyGazetteer.from_rows(with_units(ref.table("companies"), ref.tables.get("company_units", ()))),
        chips=ChipGazetteer.from_rows(ref.table("chips")),
        cues=build_cue_patterns(ref.table("spend_cues")),
        sources=alias_pattern(source_aliases),
        source_names=names,
        source_kinds=kinds,
        fx=fx,
        programmes=known_programmes(ref.tables.get("spend_programmes", ())),
        fiscal_year_end={row["company"]: int(row["year_end_month"]) for row in ref.tables.get("fiscal_years", ())},
    )
