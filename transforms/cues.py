"""Cue words: cheap substring tests that tell a regex cannot match a text, so it need not run.

A pattern's cues are lower-case literals every match contains, one word of each set. `cue_text` folds a
text once; `holds_cues` tests it. Shared by the policy triggers (`policy_lexicon`) and the date grammar
(`dates`), which derive or declare their own cue sets.
"""
from __future__ import annotations

from typing import Iterable

# Non-ASCII characters that a case-insensitive regex matches to an ASCII letter ("İ" and "ı" to i, "ſ" to s,
# the Kelvin sign to k), where str.lower() does not give that letter: a text holding one skips the cue test.
FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


def cue_text(text: str) -> str | None:
    """`text` lower-cased for the cue test, or None when it holds a character the test would miss."""
    if not text.isascii() and not FOLDS_TO_ASCII.isdisjoint(text):
        return None
    return text.lower()


def holds_cues(folded: str | None, cues: Iterable[Iterable[str]]) -> bool:
    """Whether `folded` (from `cue_text`) holds one word of each cue set; a text that cannot be tested
    (None) may hold anything."""
    return folded is None or all(any(word in folded for word in words) for words in cues)
