"""Traditional characters folded to simplified ones, one code point for one, so offsets stay exact.

Simplified (mainland) and traditional (Taiwan, Hong Kong) Chinese write most words with different
characters: 亿/億, 颗/顆, 字节跳动/字節跳動. The Chinese grammar reads a folded copy of the text in which
every traditional character is replaced by its simplified form, and the seeds are folded the same way,
so one vocabulary serves both scripts; a match in the folded copy has the same offsets in the original
text (the fold never changes the length), and evidence is always cut from the original.

The table is OpenCC's character dictionary (TSCharacters.txt, shipped with the `opencc-purepy` package),
keeping the entries whose first simplified form is a single character. Regional word choices are not
a matter of script (輝達 and 英偉達 are both Nvidia; 晶片 is Taiwan's 芯片): the vocabularies list
those. OpenCC's phrase tables are not used, because they may change a text's length.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

CHARACTER_TABLE = ("opencc_purepy", "dicts/TSCharacters.txt")


@lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    """str.translate table: traditional code point -> simplified character (same length)."""
    package, name = CHARACTER_TABLE
    table: dict[int, str] = {}
    for line in resources.files(package).joinpath(name).read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        first = targets.split(" ")[0] if targets else ""
        if len(source) == 1 and len(first) == 1 and source != first:
            table[ord(source)] = first
    return table


def fold(text: str) -> str:
    """`text` with traditional characters written in their simplified form; len(fold(t)) == len(t)."""
    return text.translate(fold_table())
