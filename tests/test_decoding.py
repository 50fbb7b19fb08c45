"""One decoder for fetched pages and local files: BOM, header, meta, then detection, with the WHATWG
label mapping (GB2312 read as GB18030, Latin-1 as windows-1252). Pure cases first, then over loopback
HTTP through the fetcher and the parser, then through a whole run."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows.fetch import FetchSettings, fetch_one
from transforms.article import parse_page
from transforms.decoding import decode_document, detect_charset
from transforms.models import RawPage

FAST = FetchSettings(allow_private_hosts=True, connect_timeout=1.0, read_timeout=1.0, total_timeout=3.0,
                     retries=1, backoff_base=0.01, respect_robots=False)

# Sentences written for these tests. 昇 (in 华为昇腾) is in GBK but not in GB2312.
ZH_HANS = "字节跳动计划明年采购更多人工智能芯片，华为昇腾的订单也在增加。供应商表示，需求仍然强劲。"
ZH_HANT = "字節跳動計劃明年採購更多人工智慧晶片，華為昇騰的訂單也在增加。台灣的供應商表示，需求仍然強勁。"
EN_QUOTES = "ByteDance\u2019s plan is \u201cambitious\u201d, the firm said \u2014 it will buy more chips next year."
FR = "Le fabricant a dépensé près de deux milliards d\u2019euros pour l\u2019achat de puces en été."


def page(body: str, meta: str = "") -> str:
    head = f'<meta charset="{meta}">' if meta else ""
    return (f"<html><head>{head}<title>Test page</title></head><body><article><p>{body}</p>"
            f"<p>{body}</p></article></body></html>")


# ---- the decision, pure ----------------------------------------------------------------------------------

def test_gb2312_label_reads_a_gbk_only_character_as_gb18030():
    content = page(ZH_HANS, meta="gb2312").encode("gbk")
    assert detect_charset(content, "text/html; charset=gb2312") == ("gb18030", "header")
    assert ZH_HANS in decode_document(content, "text/html; charset=gb2312").text


def test_latin1_label_is_read_as_windows_1252_keeping_curly_quotes():
    content = page(EN_QUOTES).encode("cp1252")
    decoded = decode_document(content, "text/html; charset=iso-8859-1")
    assert (decoded.charset, decoded.source) == ("cp1252", "header")
    assert EN_QUOTES in decoded.text


def test_gbk_page_without_any_label_is_detected():
    decoded = decode_document(page(ZH_HANS).encode("gbk"), "text/html")
    assert (decoded.charset, decoded.source) == ("gb18030", "detected")
    assert ZH_HANS in decoded.text


@pytest.mark.parametrize("header", ["text/html; charset=utf-8", "text/html; charset=iso-8859-1", "text/html"])
def test_big5_page_with_a_wrong_or_missing_label_is_detected(header):
    decoded = decode_document(page(ZH_HANT).encode("big5"), header)
    assert decoded.charset.startswith("big5") and decoded.source == "detected"
    assert ZH_HANT in decoded.text


def test_a_meta_label_names_the_charset_when_the_header_has_none():
    decoded = decode_document(page(ZH_HANT, meta="big5").encode("big5"), "text/html")
    assert (decoded.charset, decoded.source) == ("big5hkscs", "meta")


def test_a_western_page_under_a_latin1_label_stays_western():
    decoded = decode_document(page(FR).encode("cp1252"), "text/html; charset=iso-8859-1")
    assert (decoded.charset, decoded.source) == ("cp1252", "header")
    assert FR in decoded.text


def test_utf8_bytes_under_a_latin1_label_are_read_as_utf8():
    decoded = decode_document(page(EN_QUOTES).encode("utf-8"), "text/html; charset=iso-8859-1")
    assert (decoded.charset, decoded.source) == ("utf-8", "detected")
    assert EN_QUOTES in decoded.text


def test_an_undeclared_western_page_falls_back_to_windows_1252():
    decoded = decode_document(page(FR).encode("cp1252"), None)
    assert (decoded.charset, decoded.source) == ("cp1252", "fallback")
    assert FR in decoded.text


def test_the_bom_wins_and_is_not_part_of_the_text():
    decoded = decode_document(b"\xef\xbb\xbf" + "caf\u00e9".encode(), "text/plain; charset=iso-8859-1")
    assert (decoded.text, decoded.charset, decoded.source) == ("caf\u00e9", "utf-8", "bom")


def test_a_declared_gb18030_page_with_one_broken_byte_keeps_its_label():
    content = page(ZH_HANS, meta="gb18030").encode("gb18030")
    content = content.replace("。".encode("gb18030"), b"\xa1", 1)     # a truncated character
    decoded = decode_document(content, "text/html")
    assert decoded.charset == "gb18030"
    assert "华为昇腾" in decoded.text


def test_a_utf7_label_is_not_honoured():
    decoded = decode_document(b"+ADw-script+AD4-", "text/html; charset=utf-7")
    assert decoded.charset != "utf-7" and "<script>" not in decoded.text


# ---- files and pages through the parser -----------------------------------------------------------------

def test_a_gbk_text_file_is_parsed_to_the_right_text(tmp_path):
    raw = RawPage(source="f.txt", url=(tmp_path / "f.txt").as_uri(), content=ZH_HANS.encode("gbk"))
    assert parse_page(raw).text == ZH_HANS


def test_a_cp1252_text_file_keeps_its_accents(tmp_path):
    raw = RawPage(source="f.txt", url=(tmp_path / "f.txt").as_uri(), content=FR.encode("cp1252"))
    assert parse_page(raw).text == FR


# ---- over loopback HTTP ----------------------------------------------------------------------------------

def fetched_text(http_server, path: str, body: bytes, content_type: str) -> str:
    outcome = fetch_one(http_server.route(path, body=body, headers={"Content-Type": content_type}), FAST)
    assert outcome.status == "ok"
    raw = RawPage(source=outcome.url, url=outcome.final_url, content=outcome.content,
                  content_type=outcome.content_type, charset=outcome.charset)
    return parse_page(raw).text


def test_gbk_page_without_a_charset_header_is_fetched_and_parsed_correctly(http_server):
    assert ZH_HANS in fetched_text(http_server, "/gbk.html", page(ZH_HANS).encode("gbk"), "text/html")


def test_gb2312_labelled_page_with_a_gbk_character_is_fetched_correctly(http_server):
    text = fetched_text(http_server, "/gb.html", page(ZH_HANS, meta="gb2312").encode("gbk"),
                        "text/html; charset=gb2312")
    assert ZH_HANS in text


def test_big5_page_under_a_wrong_header_is_fetched_correctly(http_server):
    text = fetched_text(http_server, "/big5.html", page(ZH_HANT).encode("big5"), "text/html; charset=utf-8")
    assert ZH_HANT in text


def test_mislabelled_latin1_page_keeps_its_curly_quotes(http_server):
    text = fetched_text(http_server, "/q.html", page(EN_QUOTES).encode("cp1252"), "text/html; charset=iso-8859-1")
    assert "ByteDance\u2019s" in text


def test_a_run_loads_gbk_and_big5_pages_with_the_right_text(http_server, tmp_path):
    from flows.pipeline import run

    http_server.route("/robots.txt", status=404)
    gbk = http_server.route("/gbk.html", body=page(ZH_HANS * 5).encode("gbk"), headers={"Content-Type": "text/html"})
    big5 = http_server.route("/big5.html", body=page(ZH_HANT * 5).encode("big5"),
                             headers={"Content-Type": "text/html; charset=utf-8"})
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[sources]]\nkind = "urls"\nurls = ["{gbk}", "{big5}"]\n', encoding="utf-8")
    db = tmp_path / "w.duckdb"
    run(sources=str(sources), db=str(db), allow_private_hosts=True, task_runner="threads")
    con = duckdb.connect(str(db), read_only=True)
    texts = dict(con.execute("SELECT url, text FROM articles").fetchall())
    con.close()
    assert ZH_HANS in texts[gbk] and ZH_HANT in texts[big5]
