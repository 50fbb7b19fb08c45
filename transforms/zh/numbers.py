"""Chinese and Arabic numerals to numbers: "1,600亿" -> 1.6e11, "三千八百亿" -> 3.8e11, "2.5万亿" -> 2.5e12.

A numeral is read left to right with three registers, the way the language builds it: digits
(一 .. 九, or an Arabic number) times small units (十, 百, 千) make a section; 万 multiplies what is
pending by 1e4 and 亿 by 1e8, so "一亿二千万" is 1e8 + 2000 x 1e4 and "2.5万亿" is 2.5 x 1e4 x 1e8.
A unit without a digit before it counts one of itself ("百亿" is 1e10, "十万" 1e5), and digits in a
row are a written-out number ("二〇二五").
"""
from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)

ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Full-width digits and separators are folded to ASCII before a numeral is parsed.
FULL_WIDTH = str.maketrans("０１２３４５６７８９，．", "0123456789,.")
_TOKEN = re.compile(rf"{ARABIC}|[{NUMERAL_CHARS}]")


def parse_number(text: str) -> float | None:
    """The value of a numeral such as "1,600亿", "三千八百亿", "2.5万亿", "百亿", "8.2萬"; None when it is not one."""
    text = text.strip().translate(FULL_WIDTH)
    if not text:
        return None
    tokens = _TOKEN.findall(text)
    if "".join(tokens) != text or all(t in BIG_UNITS for t in tokens):
        return None  # not a numeral, or a scale word alone ("亿")
    total = section = 0.0
    number: float | None = None
    previous_digit = False
    for token in tokens:
        if token in DIGITS:
            digit = DIGITS[token]
            number = (number or 0) * 10 + digit if previous_digit else digit
            previous_digit = True
            continue
        previous_digit = False
        if token in SMALL_UNITS:
            section += (1 if number is None else number) * SMALL_UNITS[token]
            number = None
        elif token in BIG_UNITS:
            pending = section + (number or 0)
            if token in ("亿", "億"):
                total = (total + (pending or 1)) * BIG_UNITS[token]
                section = 0.0
            else:
                section = (pending or 1) * BIG_UNITS[token]
            number = None
        else:
            if number is not None:
                return None  # two Arabic numbers in a row: not one numeral
            number = float(token.replace(",", ""))
    return total + section + (number or 0)
