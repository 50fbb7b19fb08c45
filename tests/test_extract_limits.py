"""The per-page extraction limits (transforms.extract.ExtractLimits): what a long page keeps and how it says so.

No timing is asserted (bench/extract_scaling.py measures that extraction grows linearly with the page).
"""
from datetime import date
from functools import lru_cache

from seeds import SEEDS_DIR
from transforms.article import sha256_hex
from transforms.extract import NO_LIMITS, ExtractLimits, Extractor, bounded_sentences
from transforms.models import Article
from transforms.reference import load_reference

BUYERS = ("Alibaba", "Tencent", "Baidu", "Kuaishou", "Meituan", "Xiaomi")


@lru_cache(maxsize=1)
def reference():
    return load_reference(SEEDS_DIR)


def article(text):
    return Article(article_id="long", source="long.txt", url="file:///long.txt", title="AI chip budgets",
                   published_on=date(2025, 6, 30), text=text, content_sha256=sha256_hex(text))


def budget_lines(n):
    """n lines, each a spend sentence with its own buyer and amount ("Alibaba will spend $1 billion ...")."""
    return [f"{BUYERS[i % len(BUYERS)]} will spend ${i + 1} billion on AI chips in 2026." for i in range(n)]


def test_a_page_within_the_limits_is_read_whole():
    page = article("\n".join(budget_lines(12)))
    limited = Extractor(reference(), ExtractLimits(max_sentences=100)).extract(page)
    whole = Extractor(reference(), NO_LIMITS).extract(page)
    assert limited.truncated is None
    assert [r.fact_id for r in limited.spend] == [r.fact_id for r in whole.spend]
    assert len(limited.spend) == 12


def test_the_sentence_cap_keeps_what_was_found_and_says_so():
    page = article("\n".join(budget_lines(30)))
    rows = Extractor(reference(), ExtractLimits(max_sentences=10)).extract(page)
    assert rows.truncated == "max_sentences"
    assert sorted(r.amount_usd for r in rows.spend) == [i * 1e9 for i in range(1, 11)]
    for row in rows.spend:  # offsets still point into the whole article
        assert page.text[row.char_start:row.char_end] == row.evidence


def test_the_default_limits_bound_a_page_of_thousands_of_money_sentences():
    page = article("\n".join(budget_lines(6000)))
    rows = Extractor(reference()).extract(page)
    assert rows.truncated == "max_sentences"
    assert max(r.amount_usd for r in rows.spend) <= ExtractLimits().max_sentences * 1e9


def test_the_character_cap_drops_the_sentence_it_cuts_in_two():
    lines = budget_lines(5)
    cut_inside_fourth = sum(len(line) + 1 for line in lines[:3]) + 10
    rows = Extractor(reference(), ExtractLimits(max_chars=cut_inside_fourth)).extract(article("\n".join(lines)))
    assert rows.truncated == "max_chars"
    assert sorted(r.amount_usd for r in rows.spend) == [1e9, 2e9, 3e9]


def test_an_overlong_sentence_is_skipped_and_the_rest_is_read():
    dump = "Tencent will spend " + ", ".join(f"${i} billion" for i in range(1, 400)) + " on AI chips in 2026."
    text = "\n".join([budget_lines(1)[0], dump, "Xiaomi will spend $7 billion on AI chips in 2026."])
    rows = Extractor(reference(), ExtractLimits(max_sentence_chars=500)).extract(article(text))
    assert rows.truncated == "max_sentence_chars"
    assert sorted((r.company, r.amount_usd) for r in rows.spend) == [("Alibaba", 1e9), ("Xiaomi", 7e9)]


def test_bounded_sentences_cuts_the_text_after_the_last_sentence_read():
    text = "One sentence here. Two sentences here.\nThree is on its own line."
    kept, sentences, truncated = bounded_sentences(text, ExtractLimits(max_sentences=2))
    assert truncated == "max_sentences" and kept == "One sentence here. Two sentences here."
    assert [s.text for s in sentences] == ["One sentence here.", "Two sentences here."]
    assert bounded_sentences(text, NO_LIMITS) == (text, sentences + [sentences[-1].__class__(
        39, 64, "Three is on its own line.", 1)], None)
