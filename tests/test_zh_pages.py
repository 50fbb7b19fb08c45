"""Chinese pages end to end: the demo articles against their answer keys, a GBK-encoded file, and pages
served over loopback HTTP in GBK and Big5 with a missing or wrong charset."""
from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from pathlib import Path

import duckdb
import pytest

from flows.pipeline import run
from seeds import SEEDS_DIR
from transforms.article import parse_page
from transforms.extract import Extractor
from transforms.language import article_languages
from transforms.models import RawPage
from transforms.reference import load_reference

ANSWERS = SEEDS_DIR / "answers"
CHINESE_KEYS = sorted(p for p in ANSWERS.glob("*.json")
                      if any(ch > "\u4e00" for ch in json.loads(p.read_text(encoding="utf-8"))["note"][:400])
                      or "zh" in p.stem or "gbk" in p.stem)


@lru_cache(maxsize=1)
def extractor():
    return Extractor(load_reference(SEEDS_DIR))


def page(path: Path):
    return parse_page(RawPage(source=str(path), url=path.resolve().as_uri(), content=path.read_bytes()))


def close(a, b, tol):
    return a is not None and b is not None and abs(a - b) <= tol * abs(b)


def spend_matches(gold: dict, row) -> bool:
    """GOLD_FORMAT.md's strict match: company, year, and amount_usd within 15% or units within 5%."""
    return gold["company"] == row.company and gold["year"] == row.year and (
        close(row.amount_usd, gold["amount_usd"], 0.15) or close(row.units, gold["units"], 0.05))


def policy_matches(gold: dict, row) -> bool:
    """GOLD_FORMAT.md's strict match: country, instrument and the date at the gold row's precision."""
    day = row.event_date.isoformat() if row.event_date else None
    return (gold["actor_country"], gold["instrument"]) == (row.actor_country, row.instrument) and (
        gold["date"] is None or (day is not None and day.startswith(gold["date"])))


def unmatched(gold_rows: list[dict], rows: list, matches) -> tuple[list, list]:
    """(required gold rows no row matches, rows that match no gold row), each row matching at most once."""
    left = list(rows)
    missed = []
    for gold in sorted(gold_rows, key=lambda g: bool(g.get("optional"))):
        hit = next((r for r in left if matches(gold, r)), None)
        if hit is None:
            missed.append(gold) if not gold.get("optional") else None
        else:
            left.remove(hit)
    return missed, left


def test_there_are_chinese_demo_pages_in_both_scripts():
    names = [p.stem for p in CHINESE_KEYS]
    assert len(names) >= 4 and any("hant" in n for n in names) and any("gbk" in n for n in names)


@pytest.mark.parametrize("key", CHINESE_KEYS, ids=lambda p: p.stem)
def test_chinese_demo_page_gives_exactly_its_answer_key(key):
    answer = json.loads(key.read_text(encoding="utf-8"))
    article = page(SEEDS_DIR / "articles" / answer["article"])
    assert article.published_on == date.fromisoformat(answer["published"])
    rows = extractor().extract(article)
    assert unmatched(answer["chip_spend"], rows.spend, spend_matches) == ([], [])
    assert unmatched(answer["policy_events"], rows.policy, policy_matches) == ([], [])


def test_a_gbk_file_reads_as_chinese_with_its_byline_date():
    article = page(SEEDS_DIR / "articles" / "telecom-tender-rare-earth-controls-gbk.html")
    assert "商务部10月9日发布公告" in article.text and article.language == "zh"
    assert article.published_on == date(2025, 10, 15)


GBK_PAGE = """<html><head><title>国内云厂商加码算力 | 南岸财经</title></head><body><article>
<h1>国内云厂商加码算力</h1>
<p>快手今年计划投入约120亿元人民币采购国产AI芯片，主要用于推理集群。</p>
<p>商务部10月9日宣布对部分稀土技术实施出口管制。</p>
<p>分析人士认为，算力需求仍在快速增长，相关厂商的订单能见度较高，供应链扩产也在持续推进之中。</p>
<p>业内普遍预计，明年国内推理算力的缺口仍将存在，云厂商会继续调整采购节奏，并在国产与进口芯片之间寻找平衡，
同时加快软件生态的适配工作，以便尽快把新增算力转化为可以对外出租的云服务产品。</p>
</article></body></html>"""

BIG5_PAGE = """<html><head><title>騰訊加碼AI投入 | 港灣財經</title></head><body><article>
<h1>騰訊加碼AI投入</h1>
<p>騰訊第二季資本開支為191億元人民幣，按年增加119%，主要用於採購GPU。</p>
<p>美國商務部8月開始向英偉達發放H20出口許可，條件是上繳15%的相關收入。</p>
<p>分析人士認為，晶片供應仍是影響雲端業務擴張速度的關鍵因素，市場將密切留意下季數字。</p>
<p>業界普遍預期，明年本地推理算力的缺口仍會存在，雲端服務商將繼續調整採購節奏，並在國產與進口晶片之間尋找平衡，
同時加快軟件生態的適配工作，以便盡快把新增算力轉化為可以對外出租的雲端產品。</p>
</article></body></html>"""


def test_gbk_and_big5_pages_with_missing_or_wrong_charset_load_with_their_text_and_rows(http_server, tmp_path):
    """A GBK page served with no charset at all (no header, no meta) and a Big5 page served as UTF-8: both
    must decode to the right characters, or the Chinese rules find nothing (a silent loss)."""
    http_server.route("/gbk.html", body=GBK_PAGE.encode("gbk"), headers={"Content-Type": "text/html"})
    http_server.route("/big5.html", body=BIG5_PAGE.encode("big5"),
                      headers={"Content-Type": "text/html; charset=utf-8"})
    db = tmp_path / "w.duckdb"
    run(sources=str(write_urls(tmp_path, [http_server.url("/gbk.html"), http_server.url("/big5.html")])),
        db=str(db), allow_private_hosts=True)
    con = duckdb.connect(str(db), read_only=True)
    try:
        texts = dict(con.execute("SELECT url, text FROM articles").fetchall())
        spend = con.execute("SELECT company, amount FROM chip_spend ORDER BY company").fetchall()
        policy = con.execute("SELECT actor_country, instrument FROM policy_events ORDER BY actor_country").fetchall()
    finally:
        con.close()
    by_name = {url.rsplit("/", 1)[-1]: text for url, text in texts.items()}
    assert "快手今年计划投入约120亿元人民币" in by_name["gbk.html"]
    assert "騰訊第二季資本開支為191億元人民幣" in by_name["big5.html"]
    assert spend == [("Kuaishou", 1.2e10), ("Tencent", 1.91e10)]
    assert policy == [("CN", "export_control"), ("US", "sales_approval")]


def write_urls(tmp_path: Path, urls: list[str]) -> Path:
    """A sources file listing the URLs."""
    path = tmp_path / "sources.toml"
    path.write_text('[[sources]]\nname = "zh"\nkind = "urls"\nurls = [' + ", ".join(f'"{u}"' for u in urls) + "]\n",
                    encoding="utf-8")
    return path


def test_chinese_demo_pages_route_to_the_chinese_grammar_only():
    for key in CHINESE_KEYS:
        answer = json.loads(key.read_text(encoding="utf-8"))
        article = page(SEEDS_DIR / "articles" / answer["article"])
        assert article_languages(article.language, article.text) == {"zh"}, key.stem
