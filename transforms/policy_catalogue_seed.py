"""The policy catalogue's seed: known chip-trade acts read from seeds/policy_catalogue.csv into cues and events.

Each row is one act (country, actor, instrument, the day it was announced, the status it carries) with the patterns that
name it in English and in Chinese: its names (" && " joins patterns that must all match), the verb that tells the act
itself (@act and @undo stand for the common verbs of an act taken and of an act undone) and what says the sentence tells
another act. `load_catalogue` reads the rows (a bad date or pattern is a `CatalogueError` naming the row); `agree` says
whether two dates are the same at the coarser of their precisions. transforms/policy_catalogue.py applies the acts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Iterable

# The verbs of an act taken and of an act suspended, lifted or withdrawn (@act and @undo in the seed).
MACROS = {
    "en": {
        "@act": r"\b(?:impos\w*|introduc\w*|announc\w*|unveil\w*|issu(?:e|ed|es|ing)\b|adopt\w*|launch\w*|"
                r"add(?:s|ed|ing)?\b|plac(?:e|ed|es|ing)\b|put(?:s|ting)?\b|restrict\w*|ban(?:s|ned|ning)?\b|"
                r"barr(?:ed|ing)\b|bars?\b|block\w*|tighten\w*|expand\w*|widen\w*|enact\w*|"
                r"sign(?:s|ed|ing)?\b|approv\w*|allow\w*|grant\w*|charg(?:e|ed|es|ing)\b|indict\w*|arrest\w*|"
                r"summon\w*|rolled out|slapp\w*|levi\w*|finali[sz]\w*|took effect|came into force|took over)",
        "@undo": r"\b(?:suspen\w*|paus(?:e|ed|es|ing)\b|delay\w*|postpon\w*|defer\w*|lift\w*|eas(?:e|ed|es|ing)\b|waiv\w*|"
                 r"on hold|scrap\w*|drop(?:s|ped|ping)?\b|rescind\w*|rescission|revok\w*|revers\w*|withdr\w*|exempt\w*|roll(?:ed|s|ing)? back)",
    },
    "zh": {
        "@act": "(?:宣布|发布|实施|出台|公布|启动|立案|加征|列入|纳入|禁止|限制|约谈|要求|批准|允许|管制|施加|推出|印发)",
        "@undo": "(?:暂停|中止|推迟|暂缓|取消|撤销|豁免|解除|停止实施)",
    },
}
UNDOING = ("delayed", "rescinded")
PRECISION_OF = {1: "year", 2: "month", 3: "day"}
RANK = {"year": 0, "month": 1, "day": 2}


class CatalogueError(ValueError):
    """A catalogue row that cannot be read (bad date, bad pattern)."""


@dataclass(frozen=True)
class Cue:
    """Patterns that all must match (the first one's match is the act's name in the sentence), a context pattern
    that must match too, and one that must not."""

    parts: tuple[re.Pattern, ...]
    context: re.Pattern | None
    unless: re.Pattern | None

    def find(self, text: str, recall: bool = False) -> re.Match | None:
        """The act's name in `text` when the cue holds there (for recall the cue needs a context pattern)."""
        if recall and self.context is None:
            return None
        first = self.parts[0].search(text)  # the most selective test first
        if first is None or not all(p.search(text) for p in self.parts[1:]):
            return None
        if self.context is not None and not self.context.search(text):
            return None
        if self.unless is not None and self.unless.search(text):
            return None
        return first


@dataclass(frozen=True)
class CatalogueEvent:
    """One known act."""

    event_id: str
    country: str
    actor: str
    instrument: str
    value: date
    precision: str
    status: str | None
    title: str
    cues: dict  # language -> Cue

    @property
    def undoing(self) -> bool:
        return self.status in UNDOING


def _pattern(cell: str, language: str, event_id: str) -> re.Pattern | None:
    if not cell:
        return None
    for macro, expansion in MACROS[language].items():
        cell = cell.replace(macro, expansion)
    try:
        return re.compile(cell, re.I)
    except re.error as exc:
        raise CatalogueError(f"policy_catalogue.csv row {event_id}: bad pattern {cell!r}: {exc}") from None


def _cue(row: dict, language: str) -> Cue | None:
    names = row.get(f"names_{language}", "")
    if not names:
        return None
    parts = tuple(_pattern(part.strip(), language, row["event_id"]) for part in names.split(" && "))
    return Cue(parts, _pattern(row.get(f"context_{language}", ""), language, row["event_id"]),
               _pattern(row.get(f"unless_{language}", ""), language, row["event_id"]))


def parse_catalogue_date(text: str, event_id: str = "") -> tuple[date, str]:
    """"2025", "2025-11" or "2025-11-09" as (first day, precision)."""
    parts = text.split("-")
    try:
        numbers = [int(p) for p in parts]
        value = date(numbers[0], numbers[1] if len(numbers) > 1 else 1, numbers[2] if len(numbers) > 2 else 1)
    except (ValueError, IndexError):
        raise CatalogueError(f"policy_catalogue.csv row {event_id}: bad date {text!r}") from None
    return value, PRECISION_OF[len(parts)]


def load_catalogue(rows: Iterable[dict]) -> tuple[CatalogueEvent, ...]:
    """The catalogue's acts from the seed rows."""
    events = []
    for row in rows:
        value, precision = parse_catalogue_date(row["date"], row["event_id"])
        cues = {lang: cue for lang in ("en", "zh") if (cue := _cue(row, lang)) is not None}
        events.append(CatalogueEvent(row["event_id"], row["actor_country"], row["actor"], row["instrument"], value,
                                     precision, row.get("status") or None, row.get("title", ""), cues))
    return tuple(events)


def agree(a: date, a_precision: str, b: date, b_precision: str) -> bool:
    """Two dates are the same at the coarser of their precisions."""
    rank = min(RANK[a_precision], RANK[b_precision])
    return a.year == b.year and (rank < 1 or a.month == b.month) and (rank < 2 or a.day == b.day)
