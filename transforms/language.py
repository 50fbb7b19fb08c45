"""Which grammar reads an article: Chinese (simplified or traditional), English, or both.

The choice is a light count of the characters themselves, not a language-identification model: a line is
Chinese when Han characters outnumber its Latin words, English when it has eight Latin words or more and
they outnumber its Han characters. An article gets the Chinese grammar when its Chinese lines hold at
least MIN_HAN Han characters, the English one when its English lines hold at least MIN_WORDS words, both
when both hold (a Chinese report quoting an English statement, a bilingual release), and English when
neither does (so every page that was read before keeps being read the same way).

Why not trafilatura's own detection: it needs py3langid (not installed, and a model file to load), it
says nothing about a page mixing two languages, and it does not run on plain-text files at all; the
character count is exact for the one distinction the grammars need (Han script or not), costs one pass
over the text, and gives the same answer for simplified and traditional Chinese. `articles.language`
keeps what the page declares (`<html lang>`), else the count's answer for Chinese text (`guess_language`).
"""
from __future__ import annotations

import re

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
KANA = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]")  # Japanese writes Han characters too, among its kana
KOREAN = re.compile(r"[\uac00-\ud7af]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
MIN_HAN = 40         # Han characters in Chinese lines for the Chinese grammar to run
MIN_WORDS = 40       # Latin words in English lines for the English grammar to run
MIN_LINE_WORDS = 8   # a line needs this many Latin words to count as English


def text_languages(text: str) -> frozenset[str]:
    """{"zh"}, {"en"} or {"zh", "en"}: the grammars the text calls for (English when it calls for none)."""
    if not HAN.search(text) or _other_cjk_language(text):
        return frozenset({"en"})
    han = words = 0
    for line in text.split("\n"):
        line_han = len(HAN.findall(line))
        line_words = len(LATIN_WORD.findall(line))
        if line_han > line_words:
            han += line_han
        elif line_words >= MIN_LINE_WORDS:
            words += line_words
    found = set()
    if han >= MIN_HAN:
        found.add("zh")
    if words >= MIN_WORDS:
        found.add("en")
    return frozenset(found or {"en"})


def _other_cjk_language(text: str) -> bool:
    """Japanese or Korean text (kana or Hangul beside the Han characters): not for the Chinese grammar."""
    han = len(HAN.findall(text))
    return len(KANA.findall(text)) + len(KOREAN.findall(text)) > 0.1 * han


def guess_language(text: str) -> str | None:
    """ "zh" for a mostly Chinese text (the count above), else None (nothing is claimed)."""
    languages = text_languages(text)
    return "zh" if languages == frozenset({"zh"}) else None


def article_languages(language: str | None, text: str) -> frozenset[str]:
    """The grammars for an article: its text's (see the module docstring); a page declared Chinese
    (`zh`, `zh-TW` ...) whose text is too short to count still gets the Chinese grammar."""
    found = text_languages(text)
    if (language or "").lower().startswith("zh") and HAN.search(text) and "zh" not in found \
            and not _other_cjk_language(text):
        found = found | {"zh"}
    return found
