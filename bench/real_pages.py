"""Benchmark 1 and 4: the whole pipeline on real pages against a bare trafilatura loop, and ingest quality.

The 181 real pages of ../shared/corpus/article-extraction-benchmark are copied ten times; copy 0 is
the page as it is, copies 1-9 get a short sentence of their own in the first long paragraph so that
deduplication keeps them (1,810 distinct pages). They are served over loopback HTTP behind an RSS
feed; each repeat runs the whole pipeline into a fresh warehouse, in a fresh interpreter (start-up
included). The same benchmark times `trafilatura.extract` (default settings, one process) over the
same 1,810 files, times a run with nothing new (the fixed start-up cost), times each stage's core
function on the 181 original pages, and scores `articles.text` of the originals against the corpus's
ground-truth bodies (token F1).

    python -m bench.real_pages [--copies 10] [--limit N] [--repeats 3] [--no-stages]   # prints JSON

Skips with a message when ../shared/corpus is absent (a fresh clone has no ../shared).
"""
from __future__ import annotations

import argparse
import gzip
import os
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from html import unescape
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.common import (PROJECT_ROOT, SHARED_CORPUS, LoopbackSite, bench_env, measured_flow_run, median, running_api,
                          stage_seconds, warm_up)

WORD = re.compile(r"\w+")
PARAGRAPH = re.compile(rb"<p(?:\s[^>]*)?>(?P<inner>.*?)</p>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(rb"<[^>]+>")
SPACES = re.compile(r"\s+")
BODY_OPEN = re.compile(rb"<body[^>]*>", re.IGNORECASE)
SHINGLE = 4
MAX_TRIES = 12   # insertion points tried per page before settling for the first


class CorpusMissing(FileNotFoundError):
    """../shared/corpus is not there (a fresh clone)."""


def corpus_pages(corpus: Path, limit: int | None = None) -> Iterator[tuple[str, bytes]]:
    """(page id, HTML bytes) of the corpus pages, in id order."""
    paths = sorted((corpus / "html").glob("*.html.gz"))
    if not paths:
        raise CorpusMissing(f"no pages under {corpus / 'html'}")
    for path in paths[:limit]:
        yield path.name.split(".")[0], gzip.decompress(path.read_bytes())


def ground_truth(corpus: Path) -> dict[str, str]:
    """Page id -> hand-made article body."""
    doc = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    return {page_id: entry["articleBody"] for page_id, entry in doc.items()}


def plain(fragment: bytes) -> str:
    """Markup stripped, entities decoded, whitespace collapsed."""
    return SPACES.sub(" ", unescape(TAG.sub(b" ", fragment).decode("utf-8", "replace"))).strip()


def insertion_candidates(html: bytes, body: str) -> Iterator[int]:
    """Offsets where the article body's text may start, best guess first: the <p> whose text opens the
    ground-truth body, the body's opening words where they start a text node after <body>, then every <p>."""
    opening = SPACES.sub(" ", body).strip()[:40]
    paragraphs = [(m.start("inner"), plain(m.group("inner"))) for m in PARAGRAPH.finditer(html)]
    for at, text in paragraphs:
        if opening and text and (opening.startswith(text[:40]) or text.startswith(opening[:len(text)][:40])):
            yield at
    found = BODY_OPEN.search(html)
    body_at = found.end() if found else 0
    words = opening[:24].encode("utf-8")
    at = html.find(words, body_at) if words else -1
    while at >= 0:
        if html[:at].rstrip().endswith(b">"):
            yield at
        at = html.find(words, at + 1)
    for at, text in sorted(paragraphs, key=lambda p: -len(p[1]))[:MAX_TRIES]:
        yield at


def with_note(html: bytes, at: int, note: bytes) -> bytes:
    return html[:at] + note + html[at:]


def insertion_point(html: bytes, body: str) -> int:
    """The first candidate offset where an added sentence shows up in trafilatura's text (checked)."""
    import trafilatura

    original = trafilatura.extract(html)
    probe = b"Probe sentence for the benchmark copies. "
    first = None
    for tried, at in enumerate(insertion_candidates(html, body)):
        first = at if first is None else first
        if tried >= MAX_TRIES or trafilatura.extract(with_note(html, at, probe)) != original:
            return at
    return first if first is not None else 0


def distinct_copy(html: bytes, page_id: str, copy: int, at: int) -> bytes:
    """Copy `copy` of a page: 0 unchanged; others with a sentence of their own inserted at offset `at`."""
    if copy == 0:
        return html
    return with_note(html, at, f"Benchmark copy {copy} of page {page_id[:10]} carries this sentence to stay "
                               f"distinct. ".encode())


def write_site(corpus: Path, root: Path, copies: int, limit: int | None, truth: dict[str, str]) -> list[str]:
    """Write pages/<id>-c<k>.html for every page and copy; return their paths relative to root."""
    (root / "pages").mkdir(parents=True, exist_ok=True)
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    names = []
    for page_id, html in corpus_pages(corpus, limit):
        at = insertion_point(html, truth.get(page_id, "")) if copies > 1 else 0
        for k in range(copies):
            name = f"pages/{page_id}-c{k}.html"
            (root / name).write_bytes(distinct_copy(html, page_id, k, at))
            names.append(name)
    return names


def shingles(text: str) -> Counter:
    """Multiset of 4-token shingles of `\\w+` tokens (the upstream benchmark's unit)."""
    tokens = WORD.findall(text or "")
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def token_scores(predicted: dict[str, str | None], truth: dict[str, str]) -> dict[str, float]:
    """Precision, recall, F1 over pages, the upstream way: per-page tp/fp/fn of shingles normalised to
    sum to 1, summed over pages, then P = TP/(TP+FP), R = TP/(TP+FN), F1 from P and R.

    Also a plain bag-of-tokens F1 (unigrams, micro-averaged), for a second view.
    """
    tp = fp = fn = 0.0
    uni_tp = uni_pred = uni_gold = 0
    for page_id, gold_text in truth.items():
        pred, gold = shingles(predicted.get(page_id) or ""), shingles(gold_text)
        hit = sum((pred & gold).values())
        p_fp, p_fn = sum(pred.values()) - hit, sum(gold.values()) - hit
        total = hit + p_fp + p_fn
        if total:
            tp, fp, fn = tp + hit / total, fp + p_fp / total, fn + p_fn / total
        pw, gw = Counter(WORD.findall(predicted.get(page_id) or "")), Counter(WORD.findall(gold_text))
        uni_tp += sum((pw & gw).values())
        uni_pred += sum(pw.values())
        uni_gold += sum(gw.values())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    up, ur = uni_tp / max(uni_pred, 1), uni_tp / max(uni_gold, 1)
    return {"precision": precision, "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "unigram_f1": 2 * up * ur / (up + ur) if up + ur else 0.0, "pages": len(truth)}


def bare_trafilatura_seconds(texts: list[str]) -> float:
    """Wall seconds of the loop a user writes first: trafilatura.extract (default settings) over the pages as
    strings (read and decoded beforehand), in this one process."""
    import trafilatura

    start = time.perf_counter()
    for text in texts:
        trafilatura.extract(text)
    return time.perf_counter() - start


def demo_noop_seconds(work: Path, prefect_home: Path) -> list[float]:
    """`chipdemand run` on the bundled demo, nothing new (a second run into the same warehouse), three times:
    the wall seconds of each, start-up included, as a user sees them."""
    db = work / "demo" / "w.duckdb"
    db.parent.mkdir()
    cmd = [sys.executable, "-m", "flows.cli", "run", "--db", str(db)]
    env = bench_env(prefect_home)
    subprocess.run(cmd, env=env, cwd=PROJECT_ROOT, capture_output=True, check=True, timeout=600)
    walls = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, cwd=PROJECT_ROOT, capture_output=True, check=True, timeout=600)
        walls.append(time.perf_counter() - start)
    return walls


def bare_trafilatura_texts(corpus: Path, limit: int | None, **options: Any) -> dict[str, str | None]:
    """Page id -> trafilatura.extract text of the original pages, with the given options."""
    import trafilatura

    return {page_id: trafilatura.extract(html, **options) for page_id, html in corpus_pages(corpus, limit)}


def pipeline_texts(db: Path) -> dict[str, str]:
    """Page id -> articles.text of each page's original copy (c0) in the warehouse."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT url, text FROM articles WHERE url LIKE '%-c0.html'").fetchall()
    finally:
        con.close()
    return {url.rsplit("/", 1)[1][:-len("-c0.html")]: text for url, text in rows}


def progress(message: str) -> None:
    """One line on stderr as each measurement ends (a long run shows where it is)."""
    print(f"[bench.real_pages] {message}", file=sys.stderr, flush=True)


def run_benchmark(corpus: Path = SHARED_CORPUS, copies: int = 10, limit: int | None = None,
                  repeats: int = 3, stages: bool = True, warm: bool = True, isolated: bool = True) -> dict[str, Any]:
    """Every measurement of this benchmark, as one dict (see the module docstring)."""
    if not (corpus / "ground-truth.json").exists():
        raise CorpusMissing(f"{corpus} is absent: the real-pages benchmark needs ../shared/corpus")
    truth = ground_truth(corpus)
    with tempfile.TemporaryDirectory(prefix="chipdemand-bench-real-") as tmp:
        work = Path(tmp)
        names = write_site(corpus, work / "site", copies, limit, truth)
        originals = {n.split("/")[1][:-len("-c0.html")] for n in names if n.endswith("-c0.html")}
        truth = {k: v for k, v in truth.items() if k in originals}
        texts = [(work / "site" / n).read_text(encoding="utf-8", errors="replace") for n in names]
        bare, runs, reruns, api_reruns, loads = [], [], [], [], []
        with LoopbackSite(work / "site") as site:
            feed = site.write_feed(names)
            if warm:
                warm_up(site, work / "warmup.duckdb", work / "prefect")
            for r in range(repeats):   # interleaved, so that changing load on the machine hits both alike
                before = os.getloadavg()[0]
                bare.append(bare_trafilatura_seconds(texts))
                progress(f"bare trafilatura loop {r}: {bare[-1]:.1f} s")
                db = work / f"run{r}" / "w.duckdb"
                db.parent.mkdir()
                runs.append(measured_flow_run(feed, db, work / "prefect", isolated=isolated))
                loads.append((round(before, 2), round(os.getloadavg()[0], 2)))
                progress(f"pipeline run {r}: {runs[-1].wall_s:.1f} s, peak RSS {runs[-1].peak_rss_mb:.0f} MB, "
                         f"pair ratio {bare[-1] / runs[-1].wall_s:.2f}, load average {loads[-1]}")
                reruns.append(measured_flow_run(feed, db, work / "prefect", isolated=isolated))
                progress(f"unchanged rerun {r}: {reruns[-1].wall_s:.1f} s")
                if isolated:
                    with running_api(work / "prefect") as api:
                        api_reruns.append(measured_flow_run(feed, db, work / "prefect", api_url=api))
                    progress(f"unchanged rerun against a running Prefect API {r}: {api_reruns[-1].wall_s:.1f} s")
            demo = demo_noop_seconds(work, work / "prefect") if isolated else []
            stage = None
            if stages:
                (work / "stages").mkdir()
                c0 = [n for n in names if n.endswith("-c0.html")]
                stage = stage_seconds(site.write_feed(c0, "originals.xml"), work / "stages" / "w.duckdb")
        quality = {
            "pipeline": token_scores(pipeline_texts(work / "run0" / "w.duckdb"), truth),
            "trafilatura_default": token_scores(bare_trafilatura_texts(corpus, limit), truth),
            "trafilatura_favor_precision": token_scores(
                bare_trafilatura_texts(corpus, limit, favor_precision=True), truth),
        }
    n = len(names)
    wall = median([r.wall_s for r in runs])
    bare_s = median(bare)
    return {
        "pages": n, "repeats": repeats,
        "pipeline_wall_s": [round(r.wall_s, 2) for r in runs],
        "pipeline_pages_per_s": n / wall,
        "bare_trafilatura_s": [round(b, 2) for b in bare],
        "bare_pages_per_s": n / bare_s,
        "pair_ratios": [round(b / r.wall_s, 3) for b, r in zip(bare, runs)],
        "ratio": median([b / r.wall_s for b, r in zip(bare, runs)]),   # the median of back-to-back pairs
        "load_average": loads,     # 1-minute load average before the bare loop and after the pipeline run, per pair
        "demo_noop_s": [round(d, 2) for d in demo],
        "cold_run_s": wall,
        "startup_wall_s": [round(r.wall_s, 2) for r in reruns],
        "startup_median_s": median([r.wall_s for r in reruns]),
        "startup_with_api_s": [round(r.wall_s, 2) for r in api_reruns],
        "startup_with_api_median_s": median([r.wall_s for r in api_reruns]) if api_reruns else None,
        "runner": runs[0].summary.get("runner"),
        "peak_rss_mb": max(r.peak_rss_mb for r in runs),
        "summary": {k: runs[0].summary.get(k) for k in ("articles_new", "duplicates", "pages_failed",
                                                         "failure_reasons", "spend_loaded", "policy_loaded",
                                                         "bench_import_s", "bench_run_s", "stage_seconds")},
        "rerun_summary": {k: reruns[0].summary.get(k) for k in ("pages_seen", "fresh_skipped", "articles_new")},
        "stages": stage,
        "quality": quality,
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: run the benchmark and print its figures as JSON."""
    parser = argparse.ArgumentParser(description="Real pages: pipeline vs bare trafilatura, and token F1.")
    parser.add_argument("--corpus", type=Path, default=SHARED_CORPUS)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N corpus pages")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-stages", action="store_true", help="skip the per-stage timing")
    args = parser.parse_args(argv)
    try:
        result = run_benchmark(args.corpus, args.copies, args.limit, args.repeats, stages=not args.no_stages)
    except CorpusMissing as exc:
        print(f"skipped: {exc}")
        return 0
    print(json.dumps(result, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
