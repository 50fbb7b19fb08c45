"""Language routing (transforms/language.py), the script fold (transforms/zh/script.py) and the Chinese
vocabularies compiled from the seeds (transforms/zh/lexicon.py)."""
from functools import lru_cache

import pytest

from seeds import SEEDS_DIR
from transforms.article import parse_page
from transforms.language import article_languages, guess_language, text_languages
from transforms.models import RawPage
from transforms.reference import ReferenceData, load_reference
from transforms.zh.lexicon import ZhSeedError, build_zh_lexicon, compile_zh_phrase
from transforms.zh.script import fold

CHINESE = "字节跳动今年为国产人工智能芯片编列了三百亿元的采购预算，主要向华为下单。" * 2
ENGLISH = "The company said on Tuesday that it would spend more on chips for its data centres next year. " * 3


def test_chinese_text_gets_the_chinese_grammar():
    assert text_languages(CHINESE) == {"zh"}


def test_english_text_gets_the_english_grammar():
    assert text_languages(ENGLISH) == {"en"}


def test_a_page_mixing_both_gets_both():
    assert text_languages(CHINESE + "\n" + ENGLISH) == {"zh", "en"}


def test_a_few_latin_words_in_chinese_text_do_not_call_for_english():
    assert text_languages("英伟达H200与Blackwell系列芯片，DeepSeek和QuestMobile的数据显示。" * 3) == {"zh"}


def test_japanese_text_is_not_chinese():
    assert text_languages("日本政府は半導体の輸出管理を強化すると発表した。" * 4) == {"en"}


def test_a_page_declared_chinese_keeps_the_chinese_grammar_when_short():
    assert article_languages("zh-TW", "輝達晶片") == {"en", "zh"}


def test_guess_language_names_only_chinese():
    assert (guess_language(CHINESE), guess_language(ENGLISH)) == ("zh", None)


def test_plain_text_chinese_pages_get_their_language_and_dateline_date():
    text = "标题\n\n（本报上海2025年9月18日讯 记者 钱一苇）" + CHINESE
    article = parse_page(RawPage(source="a.txt", url="file:///a.txt", content=text.encode("utf-8")))
    assert (article.language, article.published_on.isoformat()) == ("zh", "2025-09-18")


def test_fold_writes_traditional_characters_simplified_and_keeps_the_length():
    text = "鴻海砸新台幣420億元 首期採購1萬顆輝達GB300；字節跳動、騰訊"
    assert fold(text) == "鸿海砸新台币420亿元 首期采购1万颗辉达GB300；字节跳动、腾讯"
    assert len(fold(text)) == len(text)


@lru_cache(maxsize=1)
def lexicon():
    return build_zh_lexicon(load_reference(SEEDS_DIR))


@pytest.mark.parametrize("text, name", [
    ("字節跳動", "ByteDance"), ("字节跳动", "ByteDance"), ("輝達", "Nvidia"), ("英偉達", "Nvidia"), ("英伟达", "Nvidia"),
    ("華為", "Huawei"), ("鴻海", "Foxconn"), ("阿里雲", "Alibaba"), ("DeepSeek", "DeepSeek"),
])
def test_company_aliases_in_both_scripts(text, name):
    assert [m.name for m in lexicon().companies(fold(text))] == [name]


def test_a_stop_name_keeps_a_short_alias_from_matching_inside_it():
    assert [(m.name, m.start) for m in lexicon().companies("京东方与京东")] == [("JD.com", 4)]


def test_latin_aliases_match_inside_chinese_text():
    found = lexicon().chips(fold("英伟达H20芯片与昇騰910C"))
    assert [m.name for m in found] == ["H20", "Ascend 910C"]


@pytest.mark.parametrize("text, actor, country, kind", [
    ("商務部", "Ministry of Commerce", "CN", "domestic"), ("美國商務部", "Commerce Department", "US", "body"),
    ("國家網信辦", "Cyberspace Administration of China", "CN", "body"), ("海关总署", "General Administration of Customs", "CN", "body"),
    ("荷兰政府", "Dutch government", "NL", "body"), ("川普", "President Trump", "US", "person"), ("BIS", "Commerce Department", "US", "body"),
])
def test_actor_aliases_name_their_state(text, actor, country, kind):
    [(_, _, named)] = [f for f in lexicon().names.find(fold(text)) if f[2].kind == "actor"]
    assert (named.name, named.country, named.actor_kind) == (actor, country, kind)


def test_trigger_phrases_gap_inside_one_clause_only():
    pattern = compile_zh_phrase("允许~出售")
    assert pattern.search("允许英伟达向中国客户出售") and not pattern.search("允许了，但不出售")


def test_an_unknown_alias_kind_is_a_clear_error():
    ref = load_reference(SEEDS_DIR)
    tables = dict(ref.tables)
    tables["aliases_zh"] = ({"alias": "某公司", "canonical": "X", "kind": "firm", "country": "", "actor_kind": ""},)
    with pytest.raises(ZhSeedError, match="unknown kind 'firm'"):
        build_zh_lexicon(ReferenceData(tables=tables))
