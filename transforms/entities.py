"""Companies and chips named in text, from the seed gazetteers (seeds/companies.csv, seeds/chips.csv).

Both gazetteers are built once from seed rows and compiled into one alternation each, longest alias
first, matched on word boundaries. An alias written with a capital letter is matched case-sensitively
("Meta" is not "meta"); an all-lower-case alias ("owner of tiktok" style descriptions are written
as they appear, so this only matters for seeds that choose lower case) matches in any case.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence


@dataclass(frozen=True)
class EntityMention:
    """A named thing in text: `name` is the canonical name, `kind` is "company", "chip" or "chip_family"."""

    start: int
    end: int
    name: str
    kind: str


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def alias_body(alias: str) -> str:
    """One alias as a regex: apostrophes match ' and ’; an all-lower-case alias matches any case."""
    body = re.escape(alias).replace("'", "['’]").replace("’", "['’]")
    return body if alias != alias.lower() else f"(?i:{body})"


def alias_pattern(aliases: Iterable[str]) -> re.Pattern[str]:
    """One compiled alternation over all aliases, longest first, on word boundaries.

    The ASCII aliases share one boundary check around their group: a lookbehind per alias made the
    engine try every alias at every position (16x slower on real news).
    """
    ordered = sorted(set(aliases), key=len, reverse=True)
    branches = []
    ascii_parts = [alias_body(a) for a in ordered if a.isascii()]
    if ascii_parts:
        branches.append(r"(?<![\w\-])(?:" + "|".join(ascii_parts) + r")(?![\w])")
    branches += [alias_body(a) for a in ordered if not a.isascii()]
    return re.compile("|".join(branches)) if branches else re.compile(r"(?!x)x")


def tree_alternation(spellings: Iterable[Sequence[str]]) -> str:
    """Alternatives, each a sequence of regex pieces, laid out as a tree of shared beginnings
    ("ban(?:ned|s)?" for ban, banned, bans).

    Where no two pieces under one node can match the same character (plain lower-case or caseless
    characters, say), the alternatives that match at one place are prefixes of one another and the
    tree tries them longest first, as a longest-first list does; the engine scans it far faster."""
    tree: dict = {}
    for spelling in spellings:
        node = tree
        for piece in spelling:
            node = node.setdefault(piece, {})
        node[""] = {}
    return _tree_regex(tree)


def _tree_regex(node: dict) -> str:
    branches = [piece + _tree_regex(child) for piece, child in sorted(node.items()) if piece]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _normal(alias: str) -> str:
    return alias.replace("’", "'").lower()


class CompanyGazetteer:
    """Canonical companies with aliases and a buyer/vendor/both role."""

    def __init__(self, aliases: Mapping[str, str], roles: Mapping[str, str], countries: Mapping[str, str]):
        self._aliases = dict(aliases)  # alias as written -> canonical
        self._lookup = {_normal(a): c for a, c in self._aliases.items()}
        self._roles = dict(roles)
        self._countries = dict(countries)
        self._pattern = alias_pattern(self._aliases)

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str]]) -> "CompanyGazetteer":
        """Build from seeds/companies.csv rows (company, aliases, role, hq_country)."""
        aliases: dict[str, str] = {}
        roles: dict[str, str] = {}
        countries: dict[str, str] = {}
        for row in rows:
            name = row["company"]
            roles[name] = row.get("role") or "buyer"
            countries[name] = row.get("hq_country") or ""
            for alias in [name, *_split(row.get("aliases"))]:
                aliases[alias] = name
        return cls(aliases, roles, countries)

    def find(self, text: str) -> list[EntityMention]:
        """Every company mention in `text`, in order, with its canonical name."""
        return [EntityMention(m.start(), m.end(), self._lookup[_normal(m.group())], "company")
                for m in self._pattern.finditer(text) if _normal(m.group()) in self._lookup]

    def role(self, name: str) -> str:
        """ "buyer", "vendor" or "both" for a canonical name ("buyer" when unknown)."""
        return self._roles.get(name, "buyer")

    def country(self, name: str) -> str | None:
        """ISO country of the company's headquarters, when the seed gives one."""
        return self._countries.get(name) or None

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self._roles)


class ChipGazetteer:
    """Chip models (and families) with their vendor and origin relative to China."""

    def __init__(self, aliases: Mapping[str, str], rows: Mapping[str, Mapping[str, str]]):
        self._aliases = dict(aliases)
        self._lookup = {_normal(a): c for a, c in self._aliases.items()}
        self._rows = {k: dict(v) for k, v in rows.items()}
        self._pattern = alias_pattern(self._aliases)

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, str]]) -> "ChipGazetteer":
        """Build from seeds/chips.csv rows (chip_model, vendor, family, aliases, origin, ...)."""
        aliases: dict[str, str] = {}
        table: dict[str, dict[str, str]] = {}
        for row in rows:
            model = row["chip_model"]
            table[model] = dict(row)
            for alias in [model, *_split(row.get("aliases"))]:
                aliases[alias] = model
        return cls(aliases, table)

    def find(self, text: str) -> list[EntityMention]:
        """Every chip mention in `text`; kind "chip_family" for family names such as "Hopper"."""
        found = []
        for match in self._pattern.finditer(text):
            model = self._lookup.get(_normal(match.group()))
            if model is None:
                continue
            kind = "chip_family" if self._rows[model].get("family") == model else "chip"
            found.append(EntityMention(match.start(), match.end(), model, kind))
        return found

    def vendor_of(self, chip_model: str) -> str | None:
        """The canonical vendor of a chip model, or None when the model is unknown."""
        return (self._rows.get(chip_model) or {}).get("vendor") or None

    def origin_of(self, chip_model: str) -> str | None:
        """ "domestic" or "foreign" relative to China, or None."""
        return (self._rows.get(chip_model) or {}).get("origin") or None
