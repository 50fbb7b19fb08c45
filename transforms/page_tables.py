"""Tables in an article's text: each on lines of its own, under the caption the page gives it.

trafilatura writes a table as " | "-separated lines, but it may drop the heading right above the table
("Table 1: Capital expenditure (US$bn unless stated)") or glue the table's first row to the end of the
line before it ("... forecasts.| | 1Q25 | 2Q25 |"). The caption often holds what the cells need (the
unit, the spend, the period), so:

- `table_captions(tree)`: for each <table> of the page, its caption (a <caption>, else a short heading or
  paragraph right before it) and the text of its first row;
- `restore_tables(text, captions)`: the table's first row starts a line of its own, and a caption the text
  lost is put back on the line above it.
"""
from __future__ import annotations

import re

MAX_CAPTION_CHARS = 200                 # a caption is a line, not a paragraph
CAPTION_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "strong", "b", "figcaption", "div"}
CAPTION_REACH = 300                     # how far above the table's first row a caption still counts as kept
WHITESPACE = re.compile(r"\s+")
# a line that ends with a table row glued after prose: "... forecasts.|  | 1Q25 | 2Q25 |"
GLUED_ROW = re.compile(r"^(?P<lead>[^|\n]*[^|\s])\s*(?P<row>\|(?:[^|\n]*\|){2,}[ \t]*)$", re.M)


def squash(text: str) -> str:
    return WHITESPACE.sub(" ", text or "").strip()


def table_captions(tree) -> list[tuple[str, list[str]]]:
    """(caption, first-row cell texts) of every table of the parsed page `tree` that has a caption."""
    found = []
    for table in tree.iter("table"):
        caption_el = table.find("caption")
        caption = squash(caption_el.text_content()) if caption_el is not None else ""
        if not caption:
            before = table.getprevious()
            if before is not None and isinstance(before.tag, str) and before.tag.lower() in CAPTION_TAGS \
                    and before.find(".//table") is None:
                caption = squash(before.text_content())
        row = next(iter(table.iter("tr")), None)
        cells = [squash(c.text_content()) for c in row if isinstance(c.tag, str) and c.tag.lower() in ("th", "td")] \
            if row is not None else []
        if caption and len(caption) <= MAX_CAPTION_CHARS and any(cells):
            found.append((caption, cells))
    return found


def restore_tables(text: str, captions: list[tuple[str, list[str]]]) -> str:
    """`text` with glued table rows on their own lines and each lost caption above its table's first row."""
    text = GLUED_ROW.sub(lambda m: m.group("lead") + "\n" + m.group("row"), text)
    for caption, cells in captions:
        row = first_row_at(text, cells)
        if row is None:
            continue
        above = squash(text[max(0, row - CAPTION_REACH):row])
        if caption in above:
            continue
        text = text[:row] + caption + "\n" + text[row:]
    return text


def first_row_at(text: str, cells: list[str]) -> int | None:
    """Offset of the line of `text` that is the table row with these cells, or None."""
    for match in re.finditer(r"^\|[^\n]*$", text, re.M):
        line_cells = [squash(c) for c in match.group().strip().strip("|").split("|")]
        if line_cells == cells:
            return match.start()
    return None
