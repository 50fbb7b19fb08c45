"""Time `Extractor.extract` per group of articles and check that a change leaves every row identical.

Articles are built once (the parse stage is not timed) from four groups: the demo articles in
seeds/articles, the shared dev articles, the real pages of the shared extraction-benchmark corpus
(gzip HTML) and synthetic pages from `bench.synthetic`. The shared pages are read in place, never
copied; when ../shared is absent those groups are skipped with a message.

    python -m bench.extract_speed --save /tmp/rows-before.pkl     # time, and keep every article's rows
    python -m bench.extract_speed --compare /tmp/rows-before.pkl  # time, and list rows that changed

To compare with another checkout of the code, keep to the groups whose article ids do not depend on the
tree's location (`--only real,synthetic`; demo and dev ids come from their file paths).

Timing is the median of `--passes` passes (default 3), in milliseconds per page for each group: wall
time, and this process's CPU time (which other work on a busy machine disturbs less).
"""
from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.common import SHARED_CORPUS
from seeds import SEEDS_DIR
from transforms.article import ParseError, parse_page
from transforms.extract import ExtractedRows, Extractor
from transforms.models import Article, RawPage
from transforms.reference import load_reference

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED = PROJECT_ROOT.parent / "shared"
DEV_ARTICLES = SHARED / "eval" / "dev" / "articles"
CORPUS_HTML = SHARED_CORPUS / "html"
ARTICLE_SUFFIXES = (".html", ".htm", ".txt")
SYNTHETIC_SEED = 7

# One article's rows as plain data: (spend rows, policy rows), each a list of model_dump() dicts.
RowDump = tuple[list[dict], list[dict]]


@dataclass(frozen=True)
class Group:
    """Articles of one kind, keyed by a name unique across groups ("real/<page id>")."""

    name: str
    articles: dict[str, Article]


def file_page(path: Path) -> RawPage:
    """A local file as the flow reads it: the bytes, its path as source, a file:// URI as URL."""
    return RawPage(source=str(path), url=path.resolve().as_uri(), content=path.read_bytes())


def parsed(pages: Iterator[tuple[str, RawPage]]) -> dict[str, Article]:
    """Key -> Article for the pages that parse (pages the parser refuses are left out, as the flow does)."""
    articles = {}
    for key, page in pages:
        try:
            articles[key] = parse_page(page)
        except ParseError:
            continue
    return articles


def folder_pages(prefix: str, folder: Path) -> Iterator[tuple[str, RawPage]]:
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith("."):
            yield f"{prefix}/{path.name}", file_page(path)


def corpus_pages(limit: int | None) -> Iterator[tuple[str, RawPage]]:
    """The real corpus pages (read by bench.real_pages's reader) as RawPages."""
    from bench.real_pages import corpus_pages as corpus_html

    for page_id, html in corpus_html(SHARED_CORPUS, limit):
        yield f"real/{page_id}", RawPage(source=page_id, url=f"https://corpus.invalid/{page_id}.html", content=html)


def synthetic_pages(n: int) -> Iterator[tuple[str, RawPage]]:
    from bench.synthetic import generate

    for page in generate(n, SYNTHETIC_SEED):
        yield f"synthetic/{page.name}", RawPage(source=page.name, url=f"https://synthetic.invalid/{page.name}",
                                                content=page.html.encode("utf-8"))


GROUPS = ("demo", "dev", "real", "synthetic")


def build_groups(synthetic: int = 300, real_limit: int | None = None, shared: bool = True,
                 only: tuple[str, ...] = GROUPS) -> list[Group]:
    """The article groups named in `only`, each parsed once."""
    groups = []
    if "demo" in only:
        groups.append(Group("demo", parsed(folder_pages("demo", SEEDS_DIR / "articles"))))
    if "dev" in only and shared and DEV_ARTICLES.is_dir():
        groups.append(Group("dev", parsed(folder_pages("dev", DEV_ARTICLES))))
    elif "dev" in only and shared:
        print(f"skipping dev articles: {DEV_ARTICLES} is not there", file=sys.stderr)
    if "real" in only and shared and CORPUS_HTML.is_dir():
        groups.append(Group("real", parsed(corpus_pages(real_limit))))
    elif "real" in only and shared:
        print(f"skipping real pages: {CORPUS_HTML} is not there", file=sys.stderr)
    if "synthetic" in only and synthetic:
        groups.append(Group("synthetic", parsed(synthetic_pages(synthetic))))
    return groups


def dump(rows: ExtractedRows) -> RowDump:
    """Rows as plain dicts, the form saved and compared."""
    return [r.model_dump() for r in rows.spend], [r.model_dump() for r in rows.policy]


def extract_all(extract: Callable[[Article], ExtractedRows],
                groups: list[Group]) -> tuple[dict[str, RowDump], dict[str, tuple[float, float]]]:
    """Every article's rows, and the (wall, CPU) seconds each group took."""
    rows: dict[str, RowDump] = {}
    seconds: dict[str, tuple[float, float]] = {}
    for group in groups:
        wall, cpu = time.perf_counter(), time.process_time()
        found = {key: extract(article) for key, article in group.articles.items()}
        seconds[group.name] = (time.perf_counter() - wall, time.process_time() - cpu)
        rows.update((key, dump(value)) for key, value in found.items())
    return rows, seconds


def differences(before: dict[str, RowDump], after: dict[str, RowDump]) -> list[tuple[str, object, object]]:
    """(article, before, after) for each article whose spend or policy rows are not exactly equal.

    Articles present on only one side count as a difference too (rows `None` on the missing side)."""
    out = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old is None or new is None:
            out.append((key, old, new))
            continue
        for kind, old_rows, new_rows in (("spend", old[0], new[0]), ("policy", old[1], new[1])):
            if old_rows != new_rows:
                out.append((f"{key} [{kind}]", old_rows, new_rows))
    return out


def timed_passes(extractor: Extractor, groups: list[Group],
                 passes: int) -> tuple[dict[str, RowDump], dict[str, tuple[float, float]]]:
    """Rows of the first pass, and each group's median (wall, CPU) ms per page over `passes` passes."""
    per_group: dict[str, list[tuple[float, float]]] = {g.name: [] for g in groups}
    rows: dict[str, RowDump] = {}
    for n in range(passes):
        found, seconds = extract_all(extractor.extract, groups)
        if n == 0:
            rows = found
        for group in groups:
            pages = max(len(group.articles), 1)
            per_group[group.name].append(tuple(1000 * s / pages for s in seconds[group.name]))
    return rows, {name: (statistics.median(v[0] for v in values), statistics.median(v[1] for v in values))
                  for name, values in per_group.items()}


def show_difference(key: str, old: object, new: object) -> str:
    return f"--- {key}\n  before: {old!r}\n  after:  {new!r}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", type=Path, help="pickle every article's rows to this file")
    parser.add_argument("--compare", type=Path, help="compare every article's rows with this saved file")
    parser.add_argument("--passes", type=int, default=3, help="timed passes (the median is shown)")
    parser.add_argument("--synthetic", type=int, default=300, help="synthetic pages (0 for none)")
    parser.add_argument("--real-limit", type=int, default=None, help="only the first N real pages")
    parser.add_argument("--only", default=",".join(GROUPS),
                        help="comma-separated groups (demo and dev article ids depend on where the tree is)")
    args = parser.parse_args(argv)

    groups = build_groups(args.synthetic, args.real_limit, only=tuple(args.only.split(",")))
    extractor = Extractor(load_reference(SEEDS_DIR))
    rows, ms = timed_passes(extractor, groups, max(args.passes, 1))
    print(f"{'group':<10} {'pages':>6} {'wall ms/page':>13} {'cpu ms/page':>12}")
    for group in groups:
        wall, cpu = ms[group.name]
        print(f"{group.name:<10} {len(group.articles):>6} {wall:>13.2f} {cpu:>12.2f}")
    total_pages = max(sum(len(g.articles) for g in groups), 1)
    wall, cpu = (sum(ms[g.name][i] * len(g.articles) for g in groups) / total_pages for i in (0, 1))
    print(f"{'all':<10} {total_pages:>6} {wall:>13.2f} {cpu:>12.2f}")
    n_spend = sum(len(s) for s, _ in rows.values())
    n_policy = sum(len(p) for _, p in rows.values())
    print(f"rows: {n_spend} spend, {n_policy} policy")
    if args.save:
        args.save.write_bytes(pickle.dumps(rows))
        print(f"saved rows of {len(rows)} articles to {args.save}")
    if args.compare:
        saved = pickle.loads(args.compare.read_bytes())
        diffs = differences(saved, rows)
        for key, old, new in diffs:
            print(show_difference(key, old, new))
        print(f"{len(diffs)} differences against {args.compare}")
        return 1 if diffs else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
