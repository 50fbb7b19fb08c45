"""The Chinese vocabularies compiled once from the seeds: gazetteers, spend cues, policy triggers.

`build_zh_lexicon(ref)` reads seeds/aliases_zh.csv (Chinese names of companies, chips, state actors and
news sources, mapped to the canonical English names of companies.csv, chips.csv, policy_actors.csv and
spend_sources.csv), spend_cues_zh.csv, policy_triggers_zh.csv, policy_status_cues_zh.csv,
policy_topics_zh.csv and org_names_zh.csv. Every alias,
cue and phrase is folded to simplified characters (transforms.zh.script), and so is the text they are
matched in: one row serves both scripts.

Chinese has no spaces between words, so a Chinese alias matches wherever it is written (the longest
alias wins, and a `stop` row such as 京东方 keeps 京东 from matching inside another name); a Latin alias
("DeepSeek", "H200") must not touch other Latin letters or digits, since Chinese characters count as word
characters to the regex engine ("英伟达H20芯片" names the H20).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from transforms.entities import EntityMention, tree_alternation
from transforms.reference import ReferenceData
from transforms.spend_lexicon import Cue, CuePatterns
from transforms.zh.organisations import OrgNames, build_org_names
from transforms.zh.script import fold

SPEND_CATEGORIES = ("trigger", "holding", "not_spend", "status", "spend_type", "region", "denial", "denial_object",
                    "other_spender", "each", "combined", "anaphor", "follow_up", "comparison", "seller", "topic", "boilerplate",
                    "network_operator", "compute", "other_chip", "purchase")
ACTOR_KINDS = ("body", "person", "country", "generic", "domestic", "local")
KINDS = ("company", "chip", "actor", "source", "stop", "speaker")
# English acronyms of state bodies (BIS, USTR, MOFCOM) are written as such in Chinese text too.
ACRONYM = re.compile(r"[A-Z]{3,6}")
MEMO_SIZE = 4096
# A trigger's gap: up to twenty characters of one clause, a gloss in brackets counting as one ("高带宽存储器（HBM）").
GAP = r"(?:[^，。；：！？,;:!?\n（(]|[（(][^（()）\n]{1,12}[)）]){0,20}?"


class ZhSeedError(ValueError):
    """A row of a Chinese seed file that the extractor cannot use (unknown kind or category, bad pattern)."""


@dataclass(frozen=True)
class Named:
    """What an alias stands for: canonical name, kind (company, chip, actor, source, stop), and for actors
    their country and actor kind."""

    name: str
    kind: str
    country: str = ""
    actor_kind: str = ""


class ZhGazetteer:
    """Aliases (folded) -> Named, found in folded text: Chinese aliases anywhere, Latin ones on Latin
    boundaries, the longest first; `stop` matches are found and dropped."""

    def __init__(self, aliases: Mapping[str, Named]):
        self._lookup = dict(aliases)
        self._folded_lower = {a.lower(): n for a, n in self._lookup.items() if a == a.lower()}
        cjk = [a for a in self._lookup if not a.isascii()]
        latin = [a for a in self._lookup if a.isascii()]
        # Chinese aliases as a tree of shared beginnings: at each place it tries the longest alias first.
        self._cjk = re.compile(tree_alternation([re.escape(ch) for ch in a] for a in cjk)) if cjk else None
        parts = [re.escape(a) if a != a.lower() else f"(?i:{re.escape(a)})" for a in sorted(latin, key=len, reverse=True)]
        self._latin = re.compile(r"(?<![A-Za-z0-9\-])(?:" + "|".join(parts) + r")(?![A-Za-z0-9])") if parts else None
        self._memo: dict[str, list[tuple[int, int, Named]]] = {}

    def find(self, folded: str) -> list[tuple[int, int, Named]]:
        """(start, end, Named) of every alias in `folded`, in order, not overlapping, stop words dropped.

        Answers are remembered for the last few thousand texts: the extractor asks about one sentence
        several times (buyers, chips, vendors, sources), and the answer depends on the text alone."""
        known = self._memo.get(folded)
        if known is None:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            known = self._memo[folded] = self._find(folded)
        return known

    def _find(self, folded: str) -> list[tuple[int, int, Named]]:
        found: list[tuple[int, int, Named]] = []
        for pattern in (self._cjk, self._latin):
            if pattern is None:
                continue
            for m in pattern.finditer(folded):
                named = self._lookup.get(m.group()) or self._folded_lower.get(m.group().lower())
                if named is not None:
                    found.append((m.start(), m.end(), named))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        kept: list[tuple[int, int, Named]] = []
        for item in found:
            if not kept or item[0] >= kept[-1][1]:
                kept.append(item)
        return [k for k in kept if k[2].kind != "stop"]


@dataclass(frozen=True)
class ZhTrigger:
    instrument: str
    pattern: re.Pattern
    status_hint: str | None


@dataclass(frozen=True)
class ZhLexicon:
    """Every Chinese vocabulary, compiled; company roles and countries come from companies.csv."""

    names: ZhGazetteer
    roles: Mapping[str, str]
    countries: Mapping[str, str]
    chip_vendors: Mapping[str, str]
    chip_origins: Mapping[str, str]
    chip_families: frozenset[str]
    source_kinds: Mapping[str, str]
    cues: CuePatterns
    triggers: tuple[ZhTrigger, ...]
    vetoes: tuple[ZhTrigger, ...]
    reactions: tuple[re.Pattern, ...]  # phrases of a sentence that reacts to a measure (policy_triggers_zh.csv)
    status_cues: tuple[tuple[str, re.Pattern], ...]
    policy_topics: re.Pattern = re.compile(r"(?!)")  # words of the chip trade (seeds/policy_topics_zh.csv)
    network_operators: frozenset[str] = frozenset()  # companies whose capex is mostly network equipment
    org_names: OrgNames = OrgNames((), {}, ())  # how unlisted company names are written in English (org_names_zh.csv)
    local_actors: frozenset[str] = field(default_factory=frozenset)  # provinces and cities (actor_kind local)

    def companies(self, folded: str) -> list[EntityMention]:
        return [EntityMention(s, e, n.name, "company") for s, e, n in self.names.find(folded) if n.kind == "company"]

    def chips(self, folded: str) -> list[EntityMention]:
        return [EntityMention(s, e, n.name, "chip_family" if n.name in self.chip_families else "chip")
                for s, e, n in self.names.find(folded) if n.kind == "chip"]

    def role(self, company: str) -> str:
        return self.roles.get(company, "buyer")

    def country(self, company: str) -> str | None:
        return self.countries.get(company) or None


def compile_zh_phrase(phrase: str) -> re.Pattern:
    """A seed phrase as a regex: literal characters (folded), "(a|b)" choices, "(...)?" options, "~" gaps."""
    regex = ""
    for ch in fold(phrase.strip()):
        if ch == "~":
            regex += GAP
        elif ch in "()|?":
            regex += "(?:" if ch == "(" else ch
        else:
            regex += re.escape(ch)
    try:
        return re.compile(regex)
    except re.error as exc:
        raise ZhSeedError(f"bad Chinese seed pattern {phrase!r}: {exc}") from exc


def _cue_patterns(rows: Iterable[Mapping[str, str]]) -> CuePatterns:
    by_category: dict[str, list[str]] = {}
    values: dict[str, dict[str, str]] = {}
    for row in rows:
        category, cue = row["category"], fold(row["cue"])
        if category not in SPEND_CATEGORIES:
            raise ZhSeedError(f"spend_cues_zh.csv: cue {cue!r} has unknown category {category!r}")
        by_category.setdefault(category, []).append(cue)
        values.setdefault(category, {})[cue.lower()] = row.get("value") or ""
    patterns = {c: re.compile("|".join(re.escape(w) for w in sorted(set(v), key=len, reverse=True)), re.I)
                for c, v in by_category.items()}
    return CuePatterns(patterns, values)


def build_zh_lexicon(ref: ReferenceData) -> ZhLexicon:
    """The compiled Chinese vocabulary from the seed tables (English names give roles, vendors, countries)."""
    aliases: dict[str, Named] = {}
    roles: dict[str, str] = {}
    countries: dict[str, str] = {}
    for row in ref.table("companies"):
        roles[row["company"]] = row.get("role") or "buyer"
        countries[row["company"]] = row.get("hq_country") or ""
        for alias in [row["company"], *(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())]:
            aliases.setdefault(fold(alias), Named(row["company"], "company"))
    vendors, origins, families = {}, {}, set()
    for row in ref.table("chips"):
        vendors[row["chip_model"]] = row.get("vendor") or ""
        origins[row["chip_model"]] = row.get("origin") or ""
        family = row.get("family") or ""
        if family:  # a family name (Ascend, Hopper) names its vendor but no model
            families.add(family)
            vendors.setdefault(family, row.get("vendor") or "")
            origins.setdefault(family, row.get("origin") or "")
        for alias in [row["chip_model"], *(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())]:
            aliases.setdefault(fold(alias), Named(row["chip_model"], "chip"))
    kinds = {row["source"]: row.get("kind") or "news" for row in ref.table("spend_sources")}
    for row in ref.table("spend_sources"):
        for alias in [row["source"], *(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())]:
            if alias != "the Post":
                aliases.setdefault(fold(alias), Named(row["source"], "source"))
    for row in ref.table("aliases_zh"):
        kind = row["kind"]
        if kind not in KINDS:
            raise ZhSeedError(f"aliases_zh.csv: alias {row['alias']!r} has unknown kind {kind!r}")
        if kind == "actor" and (row.get("actor_kind") or "") not in ACTOR_KINDS:
            raise ZhSeedError(f"aliases_zh.csv: actor {row['alias']!r} has unknown actor_kind {row.get('actor_kind')!r}")
        aliases[fold(row["alias"])] = Named(row.get("canonical") or "", kind, row.get("country") or "",
                                            row.get("actor_kind") or "")
    for row in ref.table("policy_actors"):
        if (row.get("kind") or "body") in ("body", "person"):
            for alias in [row["actor"], *(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())]:
                if ACRONYM.fullmatch(alias):
                    aliases.setdefault(alias, Named(row["actor"], "actor", row.get("actor_country") or "", "body"))
    triggers, vetoes, reactions = [], [], []
    for row in ref.table("policy_triggers_zh"):
        trigger = ZhTrigger(row["instrument"], compile_zh_phrase(row["trigger"]), row.get("status_hint") or None)
        {"none": vetoes, "reaction": reactions}.get(row["instrument"], triggers).append(trigger)
    status = tuple((row["status"], compile_zh_phrase(row["cue"])) for row in ref.table("policy_status_cues_zh"))
    topics = sorted({fold(row["cue"]) for row in ref.table("policy_topics_zh")}, key=len, reverse=True)
    return ZhLexicon(
        names=ZhGazetteer(aliases), roles=roles, countries=countries, chip_vendors=vendors, chip_origins=origins,
        chip_families=frozenset(families), source_kinds=kinds, cues=_cue_patterns(ref.table("spend_cues_zh")),
        triggers=tuple(triggers), vetoes=tuple(vetoes), reactions=tuple(r.pattern for r in reactions), status_cues=status,
        policy_topics=re.compile("|".join(map(re.escape, topics)) or r"(?!)"),
        org_names=build_org_names(ref.table("org_names_zh"), fold),
        network_operators=frozenset(r["cue"] for r in ref.table("spend_cues_zh") if r["category"] == "network_operator"),
        local_actors=frozenset(n.name for n in aliases.values() if n.kind == "actor" and n.actor_kind == "local"),
    )

