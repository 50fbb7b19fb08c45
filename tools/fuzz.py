"""Long-budget fuzzing of the parsers, outside CI: `python tools/fuzz.py --examples 20000`.

The property tests in tests/ run a few dozen examples each so CI stays fast; this runner drives the
same kinds of properties with a large budget and reports every falsifying example it finds:

    python tools/fuzz.py                              # every target, 2000 examples each
    python tools/fuzz.py --examples 20000 money dates # chosen targets, bigger budget
    python tools/fuzz.py --list

Invariants checked (each target's docstring says which apply):
- nothing raises but the documented error (ParseError for parse_page, DiscoveryError for feeds and sitemaps);
- every mention's offsets lie inside the text (0 <= start < end <= len) and every row's evidence is
  `text[char_start:char_end]`;
- every amount, quantity and converted amount is finite and positive.

Failures are printed with hypothesis' minimal example; the exit code is the number of failing targets.
Examples are kept in .hypothesis/fuzz (git-ignored), so a found failure is replayed first next time.
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import math
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from seeds import SEEDS_DIR  # noqa: E402
from transforms.article import ParseError, parse_page  # noqa: E402
from transforms.datelines import infer_anchor_date  # noqa: E402
from transforms.dates import find_dates  # noqa: E402
from transforms.discover import DiscoveryError, parse_feed, parse_sitemap  # noqa: E402
from transforms.extract import Extractor  # noqa: E402
from transforms.models import Article, RawPage  # noqa: E402
from transforms.money import find_money, find_quantities, parse_number  # noqa: E402
from transforms.reference import load_reference  # noqa: E402

# Sentences written for this fuzzer (not from any corpus); mutations of them reach the grammars' corners.
SEED_SENTENCES = (
    "Harbour Cloud said on Tuesday it would spend 12 billion yuan ($1.7 bn) on AI servers this year.",
    "The start-up ordered about 8,000 accelerators in March 2025, a person familiar with the matter said.",
    "Regulators in Washington tightened export rules on January 15, 2025, effective in 30 days.",
    "BEIJING, Feb 3 (Wire) - Spending on compute could reach up to US$4.5 billion by fiscal 2026.",
    "Analysts put the outlay at roughly HK$20bn, or two dozen data centres, in Q3 2024.",
    "The company denied reports that it plans to buy 100,000 chips next year for ¥1.2 trillion.",
    "Earlier this month the ministry added forty firms to its list; the rule takes effect on Monday (June 2).",
    "Revenue rose 35% to €900 million last quarter, while capital spending doubled to 3.4 billion euros.",
)
TOKENS = (
    "$", "US$", "¥", "€", "£", "HK$", "RMB", "yuan", "dollars", "billion", "bn", "million", "m", "trillion", "k",
    "half a", "a billion", "twenty-five", "dozen", "about", "up to", "more than", "nearly", "at least", "1,000",
    "0", "0.0", "1e308", "9" * 30, "-5", "1.5", "12,000,000", "3.", ".5", "Q1", "Q5", "fiscal", "FY2025", "H1",
    "January", "Jan.", "Feb", "31", "29", "February 29", "Monday", "(January 20)", "2024", "1899", "9999",
    "2025-02-30", "2025-13-01", "this year", "next year", "last week", "earlier this month", "in December",
    "the first quarter", "the previous year", "said", "will spend", "bought", "ordered", "plans to invest",
    "chips", "GPUs", "servers", "A100s", "H20", "Ascend 910B", "Nvidia", "Huawei", "Tencent", "Alibaba",
    "ByteDance", "Commerce Department", "export controls", "ban", "tariff", ".", ",", ";", ":", "(", ")", "\n\n",
    "\u00a0", "\u2009", "–", "—", "“", "”", "’", "字节跳动", "亿元", "\x00", "\ufeff", "\u202e",
    "\U0001f600",
)
TAGS = ("p", "div", "article", "main", "span", "h1", "h2", "table", "tr", "td", "li", "ul", "script", "style",
        "b", "br", "time", "meta", "title", "header", "footer", "nav", "pre", "!--", "![CDATA[")


# ---- strategies ------------------------------------------------------------------------------------------

@st.composite
def token_text(draw) -> str:
    """Text stitched from grammar-relevant tokens, with random separators."""
    words = draw(st.lists(st.sampled_from(TOKENS) | st.text(max_size=8), max_size=40))
    seps = draw(st.lists(st.sampled_from(["", " ", "  ", "\n", "-", "/"]), min_size=len(words), max_size=len(words)))
    return "".join(w + s for w, s in zip(words, seps))


@st.composite
def mutated_text(draw) -> str:
    """One or more seed sentences with characters deleted, replaced, inserted or duplicated."""
    text = " ".join(draw(st.lists(st.sampled_from(SEED_SENTENCES), min_size=1, max_size=4)))
    for _ in range(draw(st.integers(0, 12))):
        if not text:
            break
        i = draw(st.integers(0, len(text) - 1))
        op = draw(st.sampled_from(["delete", "replace", "insert", "token", "duplicate"]))
        if op == "delete":
            j = draw(st.integers(i, min(len(text), i + 10)))
            text = text[:i] + text[j:]
        elif op == "replace":
            text = text[:i] + draw(st.characters()) + text[i + 1:]
        elif op == "insert":
            text = text[:i] + draw(st.text(max_size=5)) + text[i:]
        elif op == "token":
            text = text[:i] + draw(st.sampled_from(TOKENS)) + text[i:]
        else:
            j = draw(st.integers(i, min(len(text), i + 40)))
            text = text[:j] + text[i:j] + text[j:]
    return text


ANY_TEXT = st.one_of(st.text(max_size=400), token_text(), mutated_text())
ANCHORS = st.none() | st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))


@st.composite
def html_documents(draw) -> bytes:
    """Broken, nested, oddly encoded HTML with article-like text runs."""
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(st.sampled_from(TAGS))
        text = draw(ANY_TEXT)
        parts.append(f"<{tag}>{text}" + (f"</{tag}>" if draw(st.booleans()) else ""))
    depth = draw(st.integers(0, 400))
    doc = (draw(st.sampled_from(["", "<!doctype html>", "<?xml version='1.0'?>", "\ufeff"]))
           + "<html><head><meta charset=" + draw(st.sampled_from(["utf-8", "latin-1", "bogus", "utf-16", ""]))
           + "></head><body>" + "<div>" * depth + "".join(parts) + "</div>" * draw(st.integers(0, depth)))
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "latin-1", "cp1252", "gb18030"]))
    raw = doc.encode(encoding, errors="replace")
    cut = draw(st.integers(0, len(raw)))
    return raw[:cut] if draw(st.booleans()) else raw


FEED_SHAPES = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>',
    '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>{items}</feed>',
    '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns="http://purl.org/rss/1.0/">{items}</rdf:RDF>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>',
    '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><rss><channel>{items}</channel></rss>',
    '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><link>&x;</link></item>{items}'
    '</channel></rss>',
)
LINKS = st.sampled_from(["https://news.example/a", "/relative/b", "javascript:alert(1)", "file:///etc/passwd",
                         "mailto:x@y", "http://[::1", "https://xn--n3h.example/☃", "", " https://e.example/ "])
ITEM_SHAPES = ("<item><title>{t}</title><link>{l}</link><pubDate>{t}</pubDate></item>",
               "<entry><link href=\"{l}\"/><updated>{t}</updated></entry>",
               "<url><loc>{l}</loc><lastmod>{t}</lastmod></url>", "<sitemap><loc>{l}</loc></sitemap>",
               "<item rdf:about=\"{l}\"><link>{l}</link></item>", "{t}")


@st.composite
def xml_documents(draw) -> bytes:
    """Feeds and sitemaps, well-formed or mangled, some hostile (entities, external entities)."""
    items = "".join(draw(st.sampled_from(ITEM_SHAPES)).format(l=draw(LINKS), t=draw(st.text(max_size=20)))
                    for _ in range(draw(st.integers(0, 12))))
    doc = draw(st.sampled_from(FEED_SHAPES)).format(items=items).encode("utf-8", errors="replace")
    if draw(st.booleans()):
        for _ in range(draw(st.integers(1, 6))):
            i = draw(st.integers(0, len(doc)))
            doc = doc[:i] + draw(st.binary(max_size=4)) + doc[i + draw(st.integers(0, 4)):]
    return doc


# ---- invariants ------------------------------------------------------------------------------------------

def check_span(text: str, start: int, end: int, what: str) -> None:
    """Offsets that lie inside the text and are not empty."""
    assert 0 <= start < end <= len(text), f"{what}: bad span [{start}, {end}) in text of {len(text)}"


def check_positive(value: float | None, what: str) -> None:
    """A number that is either absent or finite and > 0."""
    if value is not None:
        assert math.isfinite(value) and value > 0, f"{what}: {value!r} is not finite and positive"


def fuzz_money(text: str) -> None:
    """find_money/find_quantities/parse_number: never raise, spans inside the text, amounts finite and > 0."""
    for m in find_money(text):
        check_span(text, m.start, m.end, "money")
        check_positive(m.amount, f"amount of {text[m.start:m.end]!r}")
        assert len(m.currency) == 3 and m.currency.isupper(), f"currency {m.currency!r}"
    for q in find_quantities(text):
        check_span(text, q.start, q.end, "quantity")
        check_positive(q.value, f"quantity {text[q.start:q.end]!r}")
    value = parse_number(text[:40])
    assert value is None or math.isfinite(value), f"parse_number({text[:40]!r}) = {value!r}"


def fuzz_dates(text: str, anchor: dt.date | None) -> None:
    """find_dates/infer_anchor_date: never raise, spans inside the text, values real dates, quarters 1..4."""
    for d in find_dates(text, anchor):
        check_span(text, d.start, d.end, "date")
        assert isinstance(d.value, dt.date) and d.precision in ("day", "month", "year")
        assert d.quarter is None or 1 <= d.quarter <= 4
    found = infer_anchor_date(text)
    assert found is None or isinstance(found, dt.date)


def fuzz_parse_page(content: bytes, content_type: str | None) -> None:
    """parse_page: an Article with non-empty stripped text, or ParseError; nothing else."""
    page = RawPage(source="fuzz.html", url="https://fuzz.example/a.html", content=content, content_type=content_type)
    try:
        article = parse_page(page)
    except ParseError:
        return
    assert article.text and article.text == article.text.strip()
    assert "\x00" not in article.text


# Known bugs (docs/RELIABILITY.md, Known problems): urllib's ValueError escaping transforms.discover.web_url,
# and feedparser's own ValueError from a namespace URI holding a NEL.
KNOWN_BUGS = ("Invalid IPv6 URL", "too many values to unpack (expected 2)")


def expected_error(ignore_known: bool) -> Callable[[Exception], bool]:
    """Which exceptions parse_feed/parse_sitemap may raise: DiscoveryError, and with --ignore-known the
    known bugs' bare ValueErrors (only those, matched by their messages)."""

    def expected(exc: Exception) -> bool:
        return isinstance(exc, DiscoveryError) or (
            ignore_known and type(exc) is ValueError and str(exc) in KNOWN_BUGS)

    return expected


def fuzz_feed(content: bytes, expected: Callable[[Exception], bool]) -> None:
    """parse_feed: absolute http(s) links, at most max_items, no file read; or DiscoveryError."""
    try:
        links = parse_feed(content, "https://feeds.example/feed.xml", max_items=5)
    except Exception as exc:  # noqa: BLE001 - `expected` decides
        if expected(exc):
            return
        raise
    assert len(links) <= 5
    for link in links:
        assert link.url.startswith(("http://", "https://")), link.url
        assert "root:" not in link.url


def fuzz_sitemap(content: bytes, expected: Callable[[Exception], bool]) -> None:
    """parse_sitemap: absolute http(s) page links and child sitemaps, or DiscoveryError."""
    try:
        pages, children = parse_sitemap(content, "https://maps.example/sitemap.xml", max_items=5)
    except Exception as exc:  # noqa: BLE001 - `expected` decides
        if expected(exc):
            return
        raise
    assert len(pages) + len(children) <= 5 + 1
    for url in [p.url for p in pages] + list(children):
        assert url.startswith(("http://", "https://")), url


def extraction_target(extractor: Extractor) -> Callable[[str, dt.date | None], None]:
    """The extractor property, closed over one compiled Extractor."""

    def fuzz_extract(text: str, published: dt.date | None) -> None:
        """Extractor.extract: never raises; evidence slices the text; amounts finite and > 0; years plausible."""
        text = text.strip() or "."
        article = Article(article_id="f" * 16, source="fuzz", url="https://fuzz.example/a", text=text,
                          content_sha256="0" * 64, published_on=published)
        rows = extractor.extract(article)
        for row in [*rows.spend, *rows.policy]:
            check_span(text, row.char_start, row.char_end, type(row).__name__)
            assert text[row.char_start:row.char_end] == row.evidence, "evidence does not slice the text"
        for fact in rows.spend:
            check_positive(fact.amount, "spend amount")
            check_positive(fact.amount_usd, "spend amount_usd")
            assert fact.units is None or fact.units > 0, f"units {fact.units}"

    return fuzz_extract


def with_expected(prop: Callable[..., None], expected: Callable[[Exception], bool]) -> Callable[[bytes], None]:
    """`prop` over one document, with the test of which errors it may raise."""

    def fuzz_document(content: bytes) -> None:
        prop(content, expected)

    fuzz_document.__doc__ = prop.__doc__
    return fuzz_document


EXTRACT_DOC = "Extractor.extract: never raises; evidence slices the text; amounts finite and > 0."


def targets(ignore_known: bool = False) -> dict[str, tuple[Callable | None, tuple]]:
    """name -> (property, strategies); the extract property is built later (it compiles the seeds)."""
    expected = expected_error(ignore_known)
    documents = st.one_of(xml_documents(), st.binary(max_size=500))
    return {
        "money": (fuzz_money, (ANY_TEXT,)),
        "dates": (fuzz_dates, (ANY_TEXT, ANCHORS)),
        "article": (fuzz_parse_page, (st.one_of(html_documents(), st.binary(max_size=3000)),
                                      st.sampled_from(["text/html", "text/plain", "application/xhtml+xml", None]))),
        "feed": (with_expected(fuzz_feed, expected), (documents,)),
        "sitemap": (with_expected(fuzz_sitemap, expected), (documents,)),
        "extract": (None, (st.one_of(mutated_text(), token_text(), st.text(max_size=300)), ANCHORS)),
    }


def counted(prop: Callable[..., None], calls: list[int]) -> Callable[..., None]:
    """`prop`, adding one to calls[0] per example (hypothesis may stop before max_examples)."""

    @functools.wraps(prop)
    def counting(*args, **kwargs) -> None:
        calls[0] += 1
        prop(*args, **kwargs)

    return counting


def run_target(prop: Callable, strategies: tuple, examples: int, db_dir: Path) -> tuple[int, str | None]:
    """Run one property with up to `examples` examples: (examples run, the failure's text or None)."""
    calls = [0]
    test = settings(max_examples=examples, deadline=None, database=DirectoryBasedExampleDatabase(str(db_dir)),
                    suppress_health_check=list(HealthCheck), print_blob=True,
                    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink])(
        given(*strategies)(counted(prop, calls)))
    try:
        test()
    except Exception:  # noqa: BLE001 - the fuzzer reports any failure, whatever its type
        return calls[0], traceback.format_exc(limit=6)
    return calls[0], None


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the chosen targets, print a summary; exit code = failing targets."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", help="targets to run (default: all)")
    parser.add_argument("--examples", type=int, default=2000, help="examples per target")
    parser.add_argument("--db", type=Path, default=ROOT / ".hypothesis" / "fuzz", help="hypothesis example database")
    parser.add_argument("--list", action="store_true", help="list the targets and exit")
    parser.add_argument("--ignore-known", action="store_true",
                        help="accept the known bugs' ValueErrors from feeds and sitemaps, to look past them")
    args = parser.parse_args(argv)
    table = targets(args.ignore_known)
    if args.list:
        for name, (prop, _) in table.items():
            print(f"{name:8} {(prop.__doc__ or EXTRACT_DOC).strip()}")
        return 0
    chosen = args.targets or list(table)
    unknown = [t for t in chosen if t not in table]
    if unknown:
        parser.error(f"unknown targets: {', '.join(unknown)} (see --list)")
    failures = 0
    for name in chosen:
        prop, strategies = table[name]
        if prop is None:
            prop = extraction_target(Extractor(load_reference(SEEDS_DIR)))
        started = time.monotonic()
        ran, problem = run_target(prop, strategies, args.examples, args.db)
        took = time.monotonic() - started
        print(f"{name:8} {ran} examples in {took:7.1f} s: {'FAILED' if problem else 'ok'}", flush=True)
        if problem:
            failures += 1
            print(problem, flush=True)
    return failures


if __name__ == "__main__":
    sys.exit(main())
