"""Does extraction time grow linearly with the page? `Extractor.extract` on synthetic pages of N money sentences.

Issue 17: spend attribution rescanned the article for every money sentence, so one long page could stall
a run for hours. This times extraction, with the per-page limits lifted (`NO_LIMITS`), on pages of 1k,
2k, 4k and 8k money sentences in two layouts: one sentence per paragraph, and all sentences in one
paragraph (the worst case for rules that look back through a paragraph). The sentences are written for
this benchmark and cycle through the spend rules' paths: a named buyer, "it" and "the company", a
comparison figure, an outlet credited, chip counts and counts without their noun, an order's value, a
denial, a research-firm estimate, a table and a list.

Time per sentence at N should stay within +-30% of the time per sentence at the smallest N (CPU time of
this process, median of `--passes`).

    python -m bench.extract_scaling                       # 1k, 2k, 4k, 8k; prints a table
    python -m bench.extract_scaling --sizes 500,1000 --passes 1
    python -m bench.extract_scaling --write bench/RESULTS.md   # also rewrite the scaling block there
"""
from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from seeds import SEEDS_DIR
from transforms.article import sha256_hex
from transforms.extract import NO_LIMITS, Extractor
from transforms.models import Article
from transforms.reference import load_reference

SIZES = (1000, 2000, 4000, 8000)
TOLERANCE = 0.30
BEGIN, END = "<!-- scaling:begin -->", "<!-- scaling:end -->"
BUYERS = ("Alibaba", "Tencent", "Baidu", "ByteDance", "Kuaishou", "Meituan", "JD.com", "Xiaomi")
# Each line is one money (or chip-count) sentence; {b} a buyer, {n}/{m} small numbers, {y} a year.
SENTENCES = (
    "{b} will spend ${n} billion on AI chips in {y}.",
    "It plans to invest RMB {n}0 billion in data centres next year.",
    "That compares with ${m} billion of capital expenditure a year earlier, Reuters reported.",
    "{b} bought {n},000 Nvidia H20 chips last year, according to people familiar with the matter.",
    "{b} ordered {m},500 Ascend 910C processors. The value of the order was {n}00 million yuan.",
    "The company earmarked US${n}.{m} billion for AI infrastructure in the first quarter.",
    "Omdia estimates {b} spent ${n} billion on AI accelerators in {y}.",
    "{b} denied the report of a ${m} billion chip budget.",
    "{b} holds about {n}0,000 GPUs, and {b} about {m}0,000.",
)
TABLE = ("AI capex (US$ bn)", "| Company | {y} | {z} |", "|---|---|---|", "| {b} | {n} | {m} |")
LIST = ("Chips bought in {y}:", "- {b}: about {n}5,000")


@dataclass(frozen=True)
class Timing:
    layout: str
    sentences: int
    chars: int
    cpu_s: float
    rows: int

    @property
    def us_per_sentence(self) -> float:
        return 1e6 * self.cpu_s / self.sentences


def fill(template: str, rnd: random.Random) -> str:
    year = rnd.randint(2022, 2027)
    return template.format(b=rnd.choice(BUYERS), n=rnd.randint(1, 9), m=rnd.randint(1, 9), y=year, z=year + 1)


def money_page(n: int, one_paragraph: bool, seed: int = 17) -> str:
    """A page of `n` money sentences (tables and lists count one sentence per data line)."""
    rnd = random.Random(seed)
    lines: list[str] = ["China's AI chip spending, company by company"]
    paragraph: list[str] = []
    written = 0
    while written < n:
        if written % 50 == 49 and not one_paragraph:  # now and then a table or a list, as a page has
            block = TABLE if rnd.random() < 0.5 else LIST
            lines += [fill(line, rnd) for line in block]
            written += 1
            continue
        sentence = fill(SENTENCES[written % len(SENTENCES)], rnd)
        written += 1
        if one_paragraph:
            paragraph.append(sentence)
        else:
            lines.append(sentence)
    if paragraph:
        lines.append(" ".join(paragraph))
    return "\n".join(lines)


def article(text: str) -> Article:
    return Article(article_id=sha256_hex(text)[:16], source="synthetic", url="https://synthetic.invalid/p",
                   title="AI chip spending", published_on=date(2025, 6, 30), text=text,
                   content_sha256=sha256_hex(text))


def measure(extractor: Extractor, sizes: tuple[int, ...], passes: int) -> list[Timing]:
    timings = []
    for layout, one_paragraph in (("one per paragraph", False), ("one paragraph", True)):
        for n in sizes:
            page = article(money_page(n, one_paragraph))
            runs, rows = [], 0
            for _ in range(passes):
                started = time.process_time()
                rows = len(extractor.extract(page).spend)
                runs.append(time.process_time() - started)
            timings.append(Timing(layout, n, len(page.text), statistics.median(runs), rows))
    return timings


def verdicts(timings: list[Timing]) -> dict[str, bool]:
    """Per layout: every size's time per sentence within TOLERANCE of the smallest size's."""
    out = {}
    for layout in dict.fromkeys(t.layout for t in timings):
        rows = [t for t in timings if t.layout == layout]
        base = rows[0].us_per_sentence
        out[layout] = all(abs(t.us_per_sentence / base - 1) <= TOLERANCE for t in rows)
    return out


def table(timings: list[Timing], passes: int) -> str:
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"_Measured {when} on {platform.node()} ({platform.python_version()}); written by "
             f"`python -m bench.extract_scaling`, CPU time of `Extractor.extract` with the page limits lifted, "
             f"median of {passes}._", "",
             "| layout | money sentences | chars | CPU s | µs per sentence | vs smallest | spend rows |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for layout in dict.fromkeys(t.layout for t in timings):
        rows = [t for t in timings if t.layout == layout]
        for t in rows:
            ratio = t.us_per_sentence / rows[0].us_per_sentence
            lines.append(f"| {layout} | {t.sentences:,} | {t.chars:,} | {t.cpu_s:.2f} | {t.us_per_sentence:.0f} | "
                         f"{ratio:.2f} | {t.rows:,} |")
    lines.append("")
    for layout, ok in verdicts(timings).items():
        lines.append(f"- {layout}: time per sentence within ±{TOLERANCE:.0%} of the smallest page's: "
                     f"{'met' if ok else '**not met**'}.")
    return "\n".join(lines)


def write_block(path: Path, block: str) -> None:
    """Replace the text between the scaling markers of `path` (appending them when absent)."""
    text = path.read_text(encoding="utf-8")
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + BEGIN + "\n" + block + "\n" + END + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + BEGIN + "\n" + block + "\n" + END + "\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES), help="money sentences per page, comma-separated")
    parser.add_argument("--passes", type=int, default=3, help="timed passes per page (the median is kept)")
    parser.add_argument("--write", type=Path, help="rewrite the scaling block of this markdown file")
    args = parser.parse_args(argv)
    try:
        sizes = tuple(int(s) for s in args.sizes.split(","))
    except ValueError:
        parser.error(f"--sizes: not a comma-separated list of numbers: {args.sizes!r}")
    if not sizes or min(sizes) < 1 or args.passes < 1:
        parser.error("--sizes and --passes must be positive")
    extractor = Extractor(load_reference(SEEDS_DIR), limits=NO_LIMITS)
    timings = measure(extractor, sizes, args.passes)
    block = table(timings, args.passes)
    print(block)
    if args.write:
        write_block(args.write, block)
        print(f"wrote the scaling block of {args.write}")
    return 0 if all(verdicts(timings).values()) else 1


if __name__ == "__main__":
    sys.exit(main())
