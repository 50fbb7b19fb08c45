"""When a Chinese article was published, and the day its relative dates count from: date lines, bylines
and wire datelines (transforms/zh/dates.py, transforms/article.py), on texts and pages written for these tests."""
from datetime import date
from functools import lru_cache

import pytest

from seeds import SEEDS_DIR
from transforms.article import parse_page, sha256_hex
from transforms.extract import Extractor
from transforms.models import Article, RawPage
from transforms.reference import load_reference
from transforms.zh.date_lines import infer_anchor_date


@lru_cache(maxsize=1)
def extractor():
    return Extractor(load_reference(SEEDS_DIR))


@pytest.mark.parametrize("text, value", [
    ("台积电暂停出货\n2024年11月11日（星期一）　北台湾新报　记者 吴冠廷／新竹报导\n\n正文。", date(2024, 11, 11)),
    ("商务部发起调查\n2025年9月14日　星期日　｜　中经快讯\n\n正文。", date(2025, 9, 14)),
    ("某芯片新闻\n云端财经 记者 郑可为　2026年03月20日 19:42\n正文。", date(2026, 3, 20)),
])
def test_a_date_line_may_carry_a_weekday_an_outlet_and_a_byline(text, value):
    assert infer_anchor_date(text) == value


def test_a_sentence_opening_with_a_date_is_no_date_line():
    assert infer_anchor_date("标题\n2025年9月14日，某部门宣布新规。") is None


def test_the_date_line_goes_before_the_wire_dateline():
    text = "标题\n2025年9月14日　中经快讯\n\n本报北京9月13日电　商务部今天发布公告。"
    assert infer_anchor_date(text) == date(2025, 9, 14)


def test_a_dateline_without_its_year_takes_the_year_the_text_names_most():
    text = "本报北京9月13日电　商务部决定自2025年9月13日起调查，2025年7月收到申请，调查应于2026年9月前结束。"
    assert infer_anchor_date(text) == date(2025, 9, 13)


PAGE = """<html lang="zh-CN"><head><meta charset="utf-8"><title>某公司回应传闻</title></head><body>
<div class="nav">首页 / 辟谣 / 正文</div>
<h1>某公司回应传闻：相关信息不准确</h1>
<div class="meta">晨星科技　记者 何静姝　2025年01月23日 21:16</div>
<div class="text"><p>围绕字节跳动今年在人工智能基础设施上要花多少钱，市场上流传着多个版本，2025年至2028年的规划也众说纷纭。</p>
<p>字节跳动方面随即表示，相关信息并不准确，公司并未公布2025年的预算。</p>
<p>分析人士认为，算力投入仍将持续增长，芯片采购的节奏取决于供货。</p></div>
</body></html>"""


def test_a_byline_above_the_main_text_dates_the_page():
    article = parse_page(RawPage(source="p.html", url="https://example.com/p.html", content=PAGE.encode("utf-8")))
    assert article.published_on == date(2025, 1, 23)


def test_a_page_without_any_full_date_takes_no_year_it_merely_names():
    page = PAGE.replace("2025年01月23日 21:16", "")
    article = parse_page(RawPage(source="p.html", url="https://example.com/p.html", content=page.encode("utf-8")))
    assert article.published_on != date(2025, 1, 1)


def test_today_in_wire_copy_is_the_day_of_its_dateline():
    text = ("商务部对进口模拟芯片发起反倾销调查\n2025年9月14日　中经快讯\n\n"
            "本报北京9月13日电　商务部今天发布公告，决定对原产于美国的进口相关模拟芯片进行反倾销立案调查。")
    article = Article(article_id="w1", source="w.txt", url="file:///w.txt", published_on=date(2025, 9, 14),
                      language="zh", text=text, content_sha256=sha256_hex(text))
    rows = extractor().extract(article).policy
    assert [(r.instrument, r.event_date) for r in rows] == [("investigation", date(2025, 9, 13))]


HEADLINE_IN_STORY = """<html lang="zh-CN"><head><meta charset="utf-8"><title>某厂商回应扩产传闻</title></head><body>
<div class="top"><a href="/">云杉财讯</a> · <a href="/chip">芯片</a></div>
<div class="story">
<h1>某厂商回应扩产传闻：消息不实</h1>
<div class="byline">云杉财讯 记者 林晚舟　2025年03月07日 09:15</div>
<p>有媒体称某厂商计划今年投入逾30亿元扩建封装产线，并在下半年采购一批国产加速卡，消息在券商圈流传了数日。</p>
<p>该厂商发言人表示，公司从未制定上述计划，相关报道与事实不符，请投资者以公告为准。</p>
<p>业内人士认为，封测环节的扩产节奏主要看下游订单，今年的需求仍有不确定性。</p>
</div></body></html>"""


def test_a_byline_under_the_headline_the_text_opens_with_dates_the_page():
    page = RawPage(source="h.html", url="https://example.com/h.html", content=HEADLINE_IN_STORY.encode("utf-8"))
    article = parse_page(page)
    assert article.text.startswith("某厂商回应扩产传闻")  # the headline is the text's first line
    assert article.published_on == date(2025, 3, 7)
