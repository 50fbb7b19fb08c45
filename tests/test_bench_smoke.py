"""The benchmark entry points work end to end on tiny inputs (no timing is asserted; benchmarks live in bench/)."""
from __future__ import annotations

import json

import pytest

from bench import real_pages, run_all, scale
from bench.common import SHARED_CORPUS, SUMMARY_MARK, LoopbackSite, measured_child, rss_feed
from transforms.discover import parse_feed


def test_feed_lists_every_page_for_the_project_feed_parser():
    doc = rss_feed("http://127.0.0.1:8000", ["pages/a.html", "pages/b&c.html"]).encode()
    links = [link.url for link in parse_feed(doc, "http://127.0.0.1:8000/feed.xml")]
    assert links == ["http://127.0.0.1:8000/pages/a.html", "http://127.0.0.1:8000/pages/b&c.html"]


def test_loopback_site_serves_the_folder_and_its_feed(tmp_path):
    import httpx

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "one.html").write_text("<html><body><p>Made up page.</p></body></html>")
    with LoopbackSite(tmp_path) as site:
        feed = site.write_feed(["pages/one.html"])
        assert "pages/one.html" in httpx.get(feed).text
        assert httpx.get(f"{site.base_url}/pages/one.html").text.startswith("<html>")


def test_measured_child_reads_the_summary_and_samples_memory():
    import sys

    # holds 30 MB of touched memory through some seconds of work, so the sampler sees it
    code = (f"import json; x = bytearray(30 * 2**20); n = sum(range(20_000_000)); "
            f"print({SUMMARY_MARK!r} + json.dumps({{'ok': 1}}))")
    run = measured_child([sys.executable, "-c", code], env={})
    assert run.summary == {"ok": 1}
    assert run.peak_rss_mb > 30


def test_token_scores_are_perfect_for_the_same_text_and_zero_for_none():
    truth = {"a": "Tariffs on imported graphics processors rose again this spring, officials said."}
    assert real_pages.token_scores({"a": truth["a"]}, truth)["f1"] == pytest.approx(1.0)
    assert real_pages.token_scores({"a": None}, truth)["f1"] == 0.0


def test_token_scores_punish_boilerplate_in_precision_not_recall():
    truth = {"a": "A cloud group said it would double its spending on accelerator chips over two years."}
    padded = {"a": truth["a"] + " Subscribe to our newsletter for the latest market news every single morning."}
    scores = real_pages.token_scores(padded, truth)
    assert scores["recall"] == pytest.approx(1.0)
    assert scores["precision"] < 0.8


def test_copies_differ_where_the_body_starts():
    html = (b"<html><body><nav><p>Menu</p></nav><article><p>The regulator fined the chip importer on Monday "
            b"for false customs declarations.</p></article></body></html>")
    at = real_pages.insertion_point(html, "The regulator fined the chip importer on Monday")
    first, second = (real_pages.distinct_copy(html, "abcdef0123", k, at) for k in (1, 2))
    assert real_pages.distinct_copy(html, "abcdef0123", 0, at) == html
    assert first != second and b"<p>Benchmark copy 1" in first


def test_fact_check_matches_amounts_within_tolerance_only():
    gold = {"company": "Tencent", "amount_usd": 1e9, "units": None}
    assert scale.spend_matches(gold, {"company": "tencent", "amount_usd": 1.1e9, "units": None})
    assert not scale.spend_matches(gold, {"company": "Tencent", "amount_usd": 1.3e9, "units": None})
    assert scale.match_counts([gold, gold], [{"company": "Tencent", "amount_usd": 1e9}], scale.spend_matches) == (1, 0, 1)


def test_rewrite_results_keeps_hand_written_sections(tmp_path):
    path = tmp_path / "RESULTS.md"
    path.write_text(f"# Results\n\nProfiles by hand.\n\n{run_all.BEGIN}\nold\n{run_all.END}\n\n## Proposed\nkeep me\n")
    run_all.rewrite_results(run_all.render(None, None), path)
    text = path.read_text()
    assert "old" not in text and "Profiles by hand." in text and "keep me" in text
    assert "Skipped: ../shared/corpus is absent." in text


@pytest.mark.timeout(900)
def test_scale_benchmark_runs_on_five_pages():
    result = scale.run_benchmark([5], stage_pages=5, warm=False, isolated=False)
    size = result["sizes"][0]
    assert size["facts"]["articles"] == 5
    assert size["rerun_summary"]["articles_new"] == 0
    assert set(size["stages"]["seconds"]) >= {"discover", "fetch", "parse", "extract", "validate", "load"}
    json.dumps(result, default=str)


@pytest.mark.timeout(900)
@pytest.mark.skipif(not (SHARED_CORPUS / "ground-truth.json").exists(), reason="../shared/corpus is absent")
def test_real_pages_benchmark_runs_on_two_pages_with_two_copies():
    result = real_pages.run_benchmark(limit=2, copies=2, repeats=1, stages=False, warm=False, isolated=False)
    assert result["pages"] == 4
    assert result["summary"]["articles_new"] + result["summary"]["duplicates"] == 4
    assert 0.0 < result["quality"]["pipeline"]["f1"] <= 1.0
    assert len(result["pair_ratios"]) == len(result["load_average"]) == 1 and result["ratio"] > 0


def test_real_pages_benchmark_says_why_it_skips(tmp_path, capsys):
    assert real_pages.main(["--corpus", str(tmp_path / "nowhere")]) == 0
    assert capsys.readouterr().out.startswith("skipped:")


def test_extract_scaling_writes_its_block_and_keeps_the_rest(tmp_path):
    from bench import extract_scaling

    results = tmp_path / "RESULTS.md"
    results.write_text("# Results\n\nkept text\n")
    extract_scaling.main(["--sizes", "20,40", "--passes", "1", "--write", str(results)])
    extract_scaling.main(["--sizes", "20", "--passes", "1", "--write", str(results)])
    text = results.read_text()
    assert "kept text" in text and text.count(extract_scaling.BEGIN) == 1
    assert "| one paragraph | 20 |" in text and "| one paragraph | 40 |" not in text


def test_extract_scaling_pages_hold_the_money_sentences_asked_for():
    from bench.extract_scaling import money_page

    page = money_page(90, one_paragraph=False)
    assert page.count("$") + page.count("RMB") + page.count("yuan") >= 60
    assert money_page(90, one_paragraph=True).count("\n") == 1


def test_confidence_filter_keeps_only_rows_above_the_threshold(tmp_path):
    import duckdb

    from bench.confidence import keep_above

    db = tmp_path / "w.duckdb"
    with duckdb.connect(str(db)) as con:
        for table in ("chip_spend", "policy_events"):
            con.execute(f"CREATE TABLE {table} (id INTEGER, confidence DOUBLE)")
            con.execute(f"INSERT INTO {table} VALUES (1, 0.3), (2, 0.5), (3, 0.51), (4, 0.9), (5, NULL)")
    assert keep_above(db, 0.0) == {"chip_spend": 5, "policy_events": 5}
    assert keep_above(db, 0.5) == {"chip_spend": 2, "policy_events": 2}   # 0.5 itself and NULL go
    with duckdb.connect(str(db)) as con:
        assert sorted(r[0] for r in con.execute("SELECT id FROM policy_events").fetchall()) == [3, 4]
    assert keep_above(db, 0.8) == {"chip_spend": 1, "policy_events": 1}
