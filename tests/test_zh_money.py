"""Chinese numerals, money and chip counts (transforms/zh/numbers.py, money.py), on sentences written for
these tests."""
import pytest
from hypothesis import given, strategies as st

from transforms.zh.money import default_currency, find_money, find_quantities
from transforms.zh.numbers import parse_number


@pytest.mark.parametrize("numeral, value", [
    ("1,600亿", 1.6e11), ("三千八百亿", 3.8e11), ("2.5万亿", 2.5e12), ("一百亿", 1e10), ("三百亿", 3e10),
    ("百亿", 1e10), ("8.2萬", 8.2e4), ("一亿二千万", 1.2e8), ("十万", 1e5), ("两千", 2e3), ("一千億", 1e11),
    ("5千万", 5e7), ("二〇二五", 2025), ("４２０億", 4.2e10),
])
def test_numerals_read_with_their_scales(numeral, value):
    assert parse_number(numeral) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "亿", "abc", "1,600 2,000"])
def test_what_is_no_numeral_reads_as_none(text):
    assert parse_number(text) is None


def money(text, **kw):
    return [(text[m.start:m.end], m.amount, m.currency, m.qualifier) for m in find_money(text, **kw)]


def test_amount_with_scale_and_yuan():
    assert money("星河云今年的预算为850亿元。") == [("850亿元", 8.5e10, "CNY", None)]


def test_chinese_numerals_with_the_currency_after():
    assert money("三年投入三千八百亿元。")[0][1:3] == (3.8e11, "CNY")


@pytest.mark.parametrize("text, code", [
    ("约118亿美元", "USD"), ("211億港元", "HKD"), ("新台幣420億元", "TWD"), ("人民币1500亿元", "CNY"),
    ("1,600亿元人民币", "CNY"), ("300亿日元", "JPY"), ("50亿欧元", "EUR"),
])
def test_currencies_before_and_after_the_number(text, code):
    assert [m[2] for m in money(text)] == [code]


@pytest.mark.parametrize("text, qualifier", [
    ("约为500亿元", "about"), ("逾40亿元", "more than"), ("超过3000亿美元", "more than"), ("不超过80亿元", "up to"),
    ("最高可达20亿元", "up to"), ("至少一百六十亿美元", "at least"), ("近400萬美元", "nearly"),
    ("400多亿元", "more than"), ("1500亿元左右", "about"), ("50亿元以上", "more than"),
])
def test_hedges_become_the_english_qualifier(text, qualifier):
    assert money(text)[0][3] == qualifier


def test_a_range_is_its_midpoint():
    assert money("预计投入50亿至70亿元。") == [("50亿至70亿元", 6e9, "CNY", "range")]


def test_a_range_borrows_the_scale_of_its_second_number():
    assert money("约60至90亿元")[0][1] == pytest.approx(7.5e9)


def test_a_bracketed_conversion_is_two_mentions_side_by_side():
    found = money("投入约850亿元（约118亿美元）。")
    assert [(m[1], m[2]) for m in found] == [(8.5e10, "CNY"), (1.18e10, "USD")]


@pytest.mark.parametrize("text", ["数十亿元的订单", "几十亿元", "上百亿元", "成千亿元"])
def test_vague_amounts_are_no_figure(text):
    assert money(text) == []


def test_a_numeral_glued_to_a_model_name_is_no_amount():
    assert money("H200元件") == []


def test_bare_yuan_is_the_articles_currency():
    assert money("股价收于263元。", bare_yuan="TWD")[0][2] == "TWD"


@pytest.mark.parametrize("text, code", [
    ("季内收入1,845亿元（人民币，下同），按年升15%。", "CNY"),
    ("营收520億元（新台幣，下同）。", "TWD"),
    ("鸿海砸新台币300亿元扩建中心，股价收在238元。", "TWD"),
    ("腾讯第二季资本开支191亿元。", "CNY"),
])
def test_default_currency_follows_the_articles_declaration(text, code):
    assert default_currency(text) == code


def counts(text):
    return [(text[q.start:q.end], q.value, q.unit, q.qualifier) for q in find_quantities(text)]


@pytest.mark.parametrize("text, value, unit", [
    ("计划买入约2万颗H200", 2e4, "颗"), ("至少20萬片H200", 2e5, "片"), ("采购了1萬顆輝達GB300", 1e4, "颗"),
    ("8192张昇腾卡", 8192, "张"), ("3000块GPU", 3000, "块"), ("逾40萬顆", 4e5, "颗"),
])
def test_chip_counts_with_their_classifier(text, value, unit):
    assert [(c[1], c[2]) for c in counts(text)] == [(value, unit)]


@pytest.mark.parametrize("text", ["采购7499台AI推理服务器", "已经订购数万颗芯片", "搭建了64柜机架", "三片区的数据中心"])
def test_servers_cabinets_vague_and_other_classifier_words_are_no_chip_count(text):
    assert counts(text) == []


@given(st.text(alphabet="0123456789,.约逾超过至亿万億萬千百十一二三四五元美港币颗片张台 数几", max_size=40))
def test_money_and_counts_never_raise_and_slice_the_text(text):
    for m in find_money(text):
        assert 0 <= m.start < m.end <= len(text) and m.amount > 0
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text) and q.value > 0


def test_a_cluster_of_so_many_cards_counts_its_cards():
    assert [(q.value, q.unit) for q in find_quantities("计划进一步点亮3万卡集群，单机8卡。")] == [(30000, "张")]


def test_numbers_listed_before_a_currency_take_it():
    found = find_money("分别为210.5亿、180亿和150.2亿元，合计约540.7亿元")
    assert [(round(m.amount / 1e8, 1), m.currency) for m in found] == [
        (210.5, "CNY"), (180.0, "CNY"), (150.2, "CNY"), (540.7, "CNY")]
    assert [m.currency for m in find_money("两年分别投入100亿、200亿美元")] == ["USD", "USD"]
    assert [m.amount for m in find_money("营收为300亿、增长5亿元")] == [5e8]
    assert find_money("3亿、5亿") == []
