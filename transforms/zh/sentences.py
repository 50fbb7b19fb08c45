"""Chinese article text to sentences with exact code-point offsets (the same `Sentence` values as English).

A sentence ends at 。！？； (full-width or ASCII "!?;"), together with the closing quotes and brackets
that follow (。」, ！”, ？）), or at a line break: trafilatura writes one paragraph per line, so a sentence
never crosses one. A list marker at the start of a line ("- ", "• ", "1. ", "（1）") is left out of the
sentence, as in English; a table row (a line of " | "-separated cells) is one sentence. Commas (，、) do not end a sentence: Chinese runs several clauses into one.
"""
from __future__ import annotations

import re

from transforms.sentences import Sentence, paragraph_lines

__all__ = ["Sentence", "split_sentences"]

# Terminal punctuation, then any closing quotes or brackets.
SENTENCE_END = re.compile(r"(?:[。！？；!?;]|……)+[」』”’）)\]】\"']*")
# A bullet or numbered-list marker at the start of a line.
BULLET = re.compile(r"^\s*(?:[-*•·▪●◦–—]\s*|\d{1,2}(?:[.)．](?!\d)|、)\s*|[（(]\d{1,2}[)）]\s*)")
_SPACE = " \t\u3000\u00a0"


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` in order; `text[s.start:s.end] == s.text`, never empty or all whitespace."""
    sentences: list[Sentence] = []
    for paragraph, line_start, line in paragraph_lines(text):
        if line.lstrip().startswith("|"):  # a table row (trafilatura's " | " cells) is one sentence
            span = _trim(line, 0, len(line))
            if span is not None:
                sentences.append(Sentence(line_start + span[0], line_start + span[1],
                                          text[line_start + span[0]:line_start + span[1]], paragraph))
            continue
        bullet = BULLET.match(line)
        start = bullet.end() if bullet and bullet.end() < len(line) else 0
        for end in [m.end() for m in SENTENCE_END.finditer(line, start)] + [len(line)]:
            span = _trim(line, start, end)
            if span is not None:
                s, e = span
                sentences.append(Sentence(line_start + s, line_start + e, text[line_start + s:line_start + e], paragraph))
            start = end
    return sentences


def _trim(line: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without surrounding spaces (ideographic spaces too), or None when nothing is left."""
    while start < end and (line[start] in _SPACE or line[start].isspace()):
        start += 1
    while end > start and (line[end - 1] in _SPACE or line[end - 1].isspace()):
        end -= 1
    return (start, end) if end > start else None
