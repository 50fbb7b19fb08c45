"""Article text to sentences with character offsets.

trafilatura emits one paragraph per line, bullet items as lines starting with "- " or "• ",
and table rows as lines of " | "-separated cells. Every line is therefore a paragraph of its
own (blank lines are just empty paragraphs), and a sentence never crosses a line break.
Within a line, a sentence ends at ".", "!" or "?" (plus any closing quotes or brackets) followed
by whitespace and something that can open a sentence — unless the full stop belongs to an
abbreviation ("U.S.", "Jan.", "Inc.", "No."), an initial ("J. Smith") or a number ("5.5").
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Sentence:
    """One sentence: `text == article_text[start:end]`; `paragraph` counts non-empty lines from 0."""

    start: int
    end: int
    text: str
    paragraph: int


# Words whose full stop does not end a sentence (lower-cased, without the dot).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st mt ft gen gov sen rep lt col capt sgt
    inc ltd co corp plc llc bros dept est govt univ assn
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    no nos vs etc approx fig figs vol op para pp ca cf al
    e.g i.e u.s u.k u.n u.s.a e.u p.m a.m
    """.split()
)

# Candidate sentence end: terminal punctuation, closing quotes/brackets, then whitespace.
SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+)")
# What may open the next sentence: a capital, a digit, a quote or bracket, a currency sign, or a
# camel-cased name that starts in lower case ("iFlytek", "eBay").
SENTENCE_OPENER = re.compile(r"\s+[\"'“‘(\[]*(?:[A-Z0-9$€£¥]|[a-z]{1,3}[A-Z])")
# The word right before a full stop (letters and inner dots, as in "U.S").
WORD_BEFORE_DOT = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
# A bullet or numbered-list marker at the start of a line.
BULLET = re.compile(r"^\s*(?:[-*•·▪●◦–—]|\d{1,2}[.)])\s+")


def paragraph_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(paragraph number, offset of the line in `text`, line) of every line that is not blank; a paragraph is a
    line. The English and Chinese sentence splitters cut these lines."""
    paragraph = -1
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if line.strip():
            paragraph += 1
            yield paragraph, line_start, line


def split_sentences(text: str) -> list[Sentence]:
    """Split article text into sentences with offsets; never returns empty or whitespace-only ones."""
    sentences: list[Sentence] = []
    for paragraph, line_start, line in paragraph_lines(text):
        bullet = BULLET.match(line)
        offset = bullet.end() if bullet else 0
        for start, end in _line_spans(line, offset):
            sentences.append(Sentence(line_start + start, line_start + end,
                                      text[line_start + start:line_start + end], paragraph))
    return sentences


def _line_spans(line: str, offset: int) -> list[tuple[int, int]]:
    """Sentence spans inside one line, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = offset
    for match in SENTENCE_END.finditer(line, offset):
        end = match.end()
        if not SENTENCE_OPENER.match(line, end) or _is_abbreviation(line, match.start(), match.group()):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(line)))
    return [trimmed for s, e in spans if (trimmed := _trim(line, s, e))]


def _is_abbreviation(line: str, dot_at: int, punct: str) -> bool:
    """True when the full stop at `dot_at` closes an abbreviation or an initial, not a sentence."""
    if not punct.startswith(".") or len(punct.rstrip("\"'”’)]")) > 1:
        return False
    # The word holds no space, so the search may start after the last one (the same match, found
    # without rescanning the whole line for every full stop).
    found = WORD_BEFORE_DOT.search(line, line.rfind(" ", 0, dot_at) + 1, dot_at + 1)
    if not found:
        return False
    word = found.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "J. Smith"
    return word.lower().rstrip(".") in ABBREVIATIONS


def _trim(line: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without leading/trailing whitespace, or None when nothing is left."""
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
