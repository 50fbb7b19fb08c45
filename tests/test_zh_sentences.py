"""Chinese sentences with exact offsets (transforms/zh/sentences.py), on text written for these tests."""
from hypothesis import given, strategies as st

from transforms.zh.sentences import split_sentences


def texts(sample):
    return [s.text for s in split_sentences(sample)]


def test_sentences_end_at_full_stops_exclamations_questions_and_semicolons():
    assert texts("星河云今年扩容。会再买吗？一定会！预算翻倍；进度加快") == [
        "星河云今年扩容。", "会再买吗？", "一定会！", "预算翻倍；", "进度加快"]


def test_closing_quotes_and_brackets_stay_with_their_sentence():
    assert texts("他说：“明年再买。”随后离场（未置评。）结束") == ["他说：“明年再买。”", "随后离场（未置评。）", "结束"]


def test_commas_do_not_end_a_sentence():
    assert texts("据报道，该公司拟投入300亿元，用于采购芯片。") == ["据报道，该公司拟投入300亿元，用于采购芯片。"]


def test_a_line_break_ends_a_sentence_and_counts_a_paragraph():
    found = split_sentences("标题一行\n\n正文第一句。正文第二句。\n第三段")
    assert [(s.text, s.paragraph) for s in found] == [("标题一行", 0), ("正文第一句。", 1), ("正文第二句。", 1), ("第三段", 2)]


def test_list_markers_are_left_out_of_the_sentence():
    assert texts("- 第一项：资本开支315亿元\n1. 国资项目只用国产芯片。\n（2）第二条\n3.5亿元的投入。") == [
        "第一项：资本开支315亿元", "国资项目只用国产芯片。", "第二条", "3.5亿元的投入。"]


def test_a_table_row_is_one_sentence():
    assert texts("| 公司 | 2025Q1；注 | 2025Q2 |") == ["| 公司 | 2025Q1；注 | 2025Q2 |"]


def test_ideographic_spaces_are_trimmed():
    assert texts("　　全角空格开头。　") == ["全角空格开头。"]


@given(st.text(alphabet="字节跳动。！？；\n 　,.-|1", max_size=60))
def test_offsets_always_slice_the_text(text):
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text and s.text.strip()
