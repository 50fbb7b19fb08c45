"""Companies the seeds do not list, named in English from their Chinese names (transforms/zh/organisations.py),
their spend rows, and the GX checks that let them load (company names in pinyin; Chinese flashes long enough),
on sentences and articles written for these tests."""
import hashlib
from datetime import date
from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expectations.validate import RowValidator, ValidationSettings
from seeds import SEEDS_DIR
from transforms.article import sha256_hex
from transforms.extract import Extractor
from transforms.models import Article, SpendFact
from transforms.reference import load_reference
from transforms.zh.organisations import build_org_names, english_name, find_organisations
from transforms.zh.script import fold


@lru_cache(maxsize=1)
def extractor():
    return Extractor(load_reference(SEEDS_DIR))


@lru_cache(maxsize=1)
def names():
    return build_org_names(load_reference(SEEDS_DIR).table("org_names_zh"), fold)


def spend(text, published=date(2025, 11, 25)):
    article = Article(article_id="o1", source="o.txt", url="file:///o.txt", published_on=published, language="zh",
                      text=text, content_sha256=sha256_hex(text))
    return [(f.company, f.year, f.amount) for f in extractor().extract(article).spend]


@pytest.mark.parametrize("written, english", [
    ("海西天防科技有限公司", "Haixi Tianfang Technology"),
    ("新疆新星市国信文正数据科技有限公司", "Xinxing Guoxin Wenzheng Data Technology"),
    ("昌吉顺惠信息科技服务有限公司", "Changji Shunhui Information Technology"),
    ("國投匯恆（北京）投資控股有限公司", "Guotou Huiheng Investment Holding (Beijing)"),
    ("中贝通信", "Zhongbei Communications"),
])
def test_a_name_is_its_trade_name_in_pinyin_and_its_business_in_english(written, english):
    assert english_name(fold(written), names())[0] == english


def test_a_state_firm_keeps_no_transliterated_name():
    assert english_name("中国民航信息网络股份有限公司", names()) == ("", [])


def test_names_begin_after_the_verb_or_parent_before_them_and_a_stock_code_marks_a_listed_firm():
    text = ("全资子公司新星轨道有限公司于8月12日收到昌吉顺惠信息科技服务有限公司发出的中标通知书，中标昌吉顺惠智算中心项目。"
            "协创数据（300857.SZ）盘中跌停。")
    found = [(text[m.start:m.end], m.name) for m in find_organisations(text, [], names())]
    assert found == [("新星轨道有限公司", "Xinxing Guidao"),
                     ("昌吉顺惠信息科技服务有限公司", "Changji Shunhui Information Technology"),
                     ("昌吉顺惠", "Changji Shunhui Information Technology"),
                     ("协创数据", "Xiechuang Data")]


def test_a_tender_by_an_unlisted_company_is_its_spend():
    text = ("算力周报：本周公开的智算中心项目\n"
            "11月18日，海西天防科技有限公司发布智算中心设计施工总承包招标公告，预算12.42亿元，计划投入5000P算力设备。")
    assert spend(text) == [("Haixi Tianfang Technology", 2025, 1.242e9)]


def test_a_listed_firm_named_once_with_its_code_is_the_company_later_sentences_point_back_to():
    text = ("协创数据（300857.SZ）回应市场传闻，称算力产品均经合规渠道采购。\n"
            "今年2月12日，公司董事会审议通过议案，拟向多家供应商采购AI服务器，合同总金额预计不超过110亿元。")
    assert spend(text, published=date(2026, 3, 20)) == [("Xiechuang Data", 2026, 1.1e10)]


def test_a_company_the_gazetteer_knows_is_never_renamed():
    text = "12月4日，中国移动通信集团终端有限公司发布AI服务器采购项目，预算含税金额共计97632万元。"
    assert [row[0] for row in spend(text, published=date(2025, 12, 15))] == ["China Mobile"]


@lru_cache(maxsize=1)
def validator():
    return RowValidator(load_reference(SEEDS_DIR), ValidationSettings(), today=date(2026, 3, 1))


def article(article_id, text):
    return Article(article_id=article_id, source=f"/{article_id}.txt", url=f"https://news.example.com/{article_id}",
                   title="快讯", published_on=date(2025, 11, 20), text=text,
                   content_sha256=hashlib.sha256(text.encode()).hexdigest())


FLASH = ("商务部今日宣布，对原产于美国的进口模拟芯片发起反倾销调查，调查期限一年，特殊情况下可延长六个月。"
         "被调查产品为采用四十纳米及以上工艺制造的通用接口芯片和栅极驱动芯片。"
         "商务部新闻发言人表示，相关调查将依法公正进行，充分保障各利害关系方的权利。")


@pytest.mark.parametrize("company, loads", [
    ("Haixi Tianfang Technology", True), ("Guotou Huiheng Investment Holding (Beijing)", True),
    ("Kingsoft Cloud", True), ("Globex Semiconductor", False), ("Nobody Inc", False),
])
def test_company_names_in_pinyin_load_and_other_unknown_names_do_not(company, loads):
    row = SpendFact(fact_id="f1", article_id="a1", company=company, year=2025, amount=1e9, currency="CNY",
                    amount_usd=1e9 / 7.2, spend_type="data_center", status="planned", evidence=FLASH[:20],
                    char_start=0, char_end=20)
    outcome = validator().validate([article("a1", FLASH)], [row], [])
    assert bool(outcome.spend) == loads


def test_a_chinese_flash_is_long_enough_where_an_english_stub_of_as_many_characters_is_not():
    stub = ("The ministry said on Monday that it opened an anti-dumping probe into analog chips. " * 2)[:len(FLASH)]
    outcome = validator().validate([article("zh", FLASH), article("en", stub)], [], [])
    assert len(FLASH) < 200
    assert [a.article_id for a in outcome.articles] == ["zh"]
    assert [q.failed_expectations for q in outcome.quarantined] == [["text_long_enough"]]

PIECES = st.sampled_from(["有限公司", "股份有限公司", "（北京）", "（603220）", "(3896.HK)", "科技", "数据", "收到", "中国",
                          "新疆", "市", "海西天防", "，", "。", "2025年", "的", "公司", "a", "1"])


@given(st.lists(PIECES, max_size=30).map("".join))
@settings(max_examples=200, deadline=None)
def test_finding_organisations_never_fails_and_every_mention_slices_the_text(text):
    for m in find_organisations(text, [], names()):
        assert 0 <= m.start < m.end <= len(text)
        assert m.name == "" or m.name[0].isupper()
