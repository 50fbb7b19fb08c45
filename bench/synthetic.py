"""Synthetic news pages with known facts, for measuring the extractors at scale.

`generate(n, seed)` yields `SyntheticPage` values. Each page is assembled from this module's sentence
templates, filled with buyers and chips from the seed CSVs (so aliases such as "the TikTok owner" are
exercised) and with amounts, currencies, years, statuses, policy events and distractor sentences drawn
from a random generator seeded per page. Because the facts are put in by construction, the expected
rows (gold format of the shared evaluation) are known exactly. Page `i` depends only on `(seed, i)`,
so a smaller run is a prefix of a larger one.

Command line (writes DIR/pages/*.html and DIR/gold/*.json, which the evaluation scorer reads):

    python -m bench.synthetic --n 1000 --seed 7 --out /tmp/syn
"""
from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from bench.synthetic_text import (ANALYSTS, CURRENCY_WEIGHTS, DENIALS, DISTRACTORS, HEDGES, INTROS, MONEY, MONTHS,
                                  OBJECTS, OUTLETS, PUBLISHERS, REGIONS, SOURCES, SPEND_TEMPLATES, TITLES,
                                  UNIT_COUNTS, date_markup, render_html, scaled, sentence_case, short_scaled,
                                  subject_form)
from seeds import SEEDS_DIR
from transforms.reference import load_reference

@dataclass(frozen=True)
class Buyer:
    """A spender from companies.csv: canonical name and the surface forms the text may use."""

    name: str
    surfaces: tuple[str, ...]


@dataclass(frozen=True)
class Chip:
    """A chip model from chips.csv and its vendor."""

    model: str
    vendor: str


@dataclass(frozen=True)
class Vocabulary:
    """What the templates are filled with: buyers, chips, and FX rates (units per USD by year and currency)."""

    buyers: tuple[Buyer, ...]
    chips: tuple[Chip, ...]
    fx: Mapping[tuple[int, str], float]


@dataclass(frozen=True)
class SyntheticPage:
    """One generated page and the rows a perfect extractor would return for it."""

    name: str
    html: str
    expected_spend: list[dict] = field(default_factory=list)
    expected_policy: list[dict] = field(default_factory=list)
    published: str | None = None

    def gold(self) -> dict:
        """The page's answer in the gold format (`article`, `published`, `chip_spend`, `policy_events`)."""
        return {"article": self.name, "published": self.published,
                "chip_spend": self.expected_spend, "policy_events": self.expected_policy}


def buyer_surfaces(row: Mapping[str, str]) -> tuple[str, ...]:
    """The canonical name plus the ASCII aliases that read as a buyer (descriptions, cloud units, group names)."""
    name = row["company"]
    picked = [name]
    for alias in row.get("aliases", "").split("|"):
        alias = alias.strip()
        if not alias or alias == name or not alias.isascii():
            continue
        if any(w in alias for w in ("owner", "parent", "operator", "Cloud")) or alias.startswith(name + " "):
            picked.append(subject_form(alias))
    return tuple(picked)


def load_vocabulary(seeds_dir: Path = SEEDS_DIR) -> Vocabulary:
    """Chinese buyers, named chip models and yearly FX rates from the seed CSVs."""
    ref = load_reference(seeds_dir)
    buyers = tuple(Buyer(r["company"], buyer_surfaces(r)) for r in ref.table("companies")
                   if r.get("role") in ("buyer", "both") and r.get("hq_country") == "CN")
    chips = tuple(Chip(r["chip_model"], r["vendor"]) for r in ref.table("chips")
                  if r["chip_model"] != r.get("family"))  # family rows ("Hopper") are not models
    fx = {(int(r["year"]), r["currency"]): float(r["per_usd"]) for r in ref.table("fx_rates")}
    return Vocabulary(buyers=buyers, chips=chips, fx=fx)


def rate_for(vocab: Vocabulary, year: int, currency: str) -> float:
    """Units of `currency` per USD in `year`, or in the nearest year the table has."""
    if currency == "USD":
        return 1.0
    years = [y for (y, c) in vocab.fx if c == currency]
    return vocab.fx[(min(years, key=lambda y: abs(y - year)), currency)]


def whole(value: float) -> float | int:
    """An integral float as int, so gold files read 30000000000 rather than 30000000000.0."""
    return int(value) if float(value).is_integer() else value


def usd_rounded(value: float) -> float:
    """A dollar figure as an article would print it: one decimal of billions, or whole millions."""
    return round(value / 1e9, 1) * 1e9 if value >= 1e9 else round(value / 1e6) * 1e6


def money_phrase(rng: random.Random, vocab: Vocabulary, year: int) -> tuple[str, float, str, float]:
    """A money phrase and its (amount, currency, amount_usd); yuan sometimes carries its own dollar figure."""
    currency = rng.choices([c for c, _ in CURRENCY_WEIGHTS], [w for _, w in CURRENCY_WEIGHTS])[0]
    amounts, forms = MONEY[currency]
    amount = rng.choice(amounts)
    text = rng.choice(HEDGES) + rng.choice(forms).format(v=scaled(amount), b=short_scaled(amount))
    amount_usd = amount / rate_for(vocab, year, currency)
    if currency == "CNY" and rng.random() < 0.5:
        amount_usd = usd_rounded(amount_usd)
        text += rng.choice((" (${u})", " (about US${u})")).format(u=scaled(amount_usd))
    return text, amount, currency, round(amount_usd, 2)


def year_phrase(rng: random.Random, year: int, pub: date | None, status: str) -> str:
    """How the text names the fact's year: relative to the publication date when there is one."""
    relative = {0: "this year", 1: "next year", -1: "last year"}
    if pub is not None and (year - pub.year) in relative and rng.random() < 0.6:
        return relative[year - pub.year]
    return rng.choice((f"in {year}", f"for {year}")) if status == "planned" else f"in {year}"


def fact_year(rng: random.Random, status: str, ref_year: int) -> int:
    """A year consistent with the status: plans look ahead, estimates look back."""
    offsets = {"planned": (0, 1), "actual": (-1, 0), "estimate": (-2, -1)}[status]
    return ref_year + rng.choice(offsets)


def spend_object(rng: random.Random, spend_type: str, chip: Chip | None, vendor_only: bool) -> str:
    """The noun phrase of what the money buys."""
    if spend_type != "chip_purchase":
        return rng.choice(OBJECTS[spend_type])
    if chip is None:
        return rng.choice(("AI chips", "AI processors", "graphics processors for AI"))
    if vendor_only:
        return rng.choice((f"{chip.vendor} processors", f"AI chips from {chip.vendor}"))
    return rng.choice((f"{chip.model} chips", f"{chip.vendor}'s {chip.model} processors"))


def spend_fact(rng: random.Random, vocab: Vocabulary, pub: date | None, ref_year: int) -> tuple[str, dict, bool]:
    """One spend sentence, its gold row, and whether a denial may follow it (a report, not a filing)."""
    buyer = rng.choice(vocab.buyers)
    surface = rng.choice(buyer.surfaces)
    status = rng.choice(("planned", "planned", "actual", "actual", "estimate"))
    year = fact_year(rng, status, ref_year)
    kind = "units" if rng.random() < 0.3 else "money"
    chip = rng.choice(vocab.chips) if kind == "units" or rng.random() < 0.4 else None
    row = {"company": buyer.name, "year": year, "amount": None, "currency": None, "amount_usd": None,
           "units": None, "vendor": None, "chip_model": None, "spend_type": "chip_purchase", "region": None,
           "status": status, "disputed": False, "optional": False}
    outlet = rng.choice(OUTLETS)
    src = rng.choice(SOURCES).format(outlet=outlet) if status != "estimate" else ""
    when = year_phrase(rng, year, pub, status)
    slots = {"s": surface, "y": when, "Y": when[0].upper() + when[1:], "src": src, "outlet": outlet,
             "firm": rng.choice(ANALYSTS)}
    if kind == "units":
        units = rng.choice(UNIT_COUNTS)
        slots["q"] = rng.choice(("about ", "", "roughly ")) + f"{units:,}"
        slots["chips"] = rng.choice((f"{chip.model} chips", f"{chip.vendor} {chip.model} processors"))
        row.update(units=units, vendor=chip.vendor, chip_model=chip.model)
    else:
        row["spend_type"] = rng.choice(("chip_purchase", "chip_purchase", "ai_capex", "data_center", "cloud_rental"))
        vendor_only = chip is not None and rng.random() < 0.4
        obj = spend_object(rng, row["spend_type"], chip, vendor_only)
        if row["spend_type"] in ("chip_purchase", "data_center") and rng.random() < 0.35:
            row["region"] = rng.choice(("domestic", "overseas"))
            obj += rng.choice(REGIONS[row["region"]])
        text, amount, currency, amount_usd = money_phrase(rng, vocab, year)
        slots.update(m=text, o=obj)
        row.update(amount=whole(amount), currency=currency, amount_usd=whole(amount_usd))
        if chip is not None and row["spend_type"] == "chip_purchase":
            row.update(vendor=chip.vendor, chip_model=None if vendor_only else chip.model)
    templates = SPEND_TEMPLATES[(status, kind)]
    if row["spend_type"] == "cloud_rental":  # "invested in renting" does not read
        templates = tuple(t for t in templates if "invest" not in t)
    template = rng.choice(templates)
    reported = template.startswith("According") or ("{src}" in template and src.endswith("reported"))
    return sentence_case(template.format(**slots)), row, status != "estimate" and reported


def spend_pair(rng: random.Random, vocab: Vocabulary, pub: date | None, ref_year: int) -> tuple[str, list[dict]]:
    """One sentence with two facts of one buyer: what it spent last year and what it plans next."""
    buyer = rng.choice(vocab.buyers)
    currency = rng.choice(("CNY", "USD"))
    amounts, forms = MONEY[currency]
    low = rng.choice(amounts[:-3])
    high = rng.choice([a for a in amounts if a >= 1.6 * low])
    first, second = (low, high) if rng.random() < 0.7 else (high, low)
    spend_type = rng.choice(("chip_purchase", "ai_capex", "data_center"))
    obj = spend_object(rng, spend_type, None, False)
    form = rng.choice(forms)
    rows, years = [], (ref_year - 1, ref_year + rng.choice((0, 1)))
    for amount, year, status in ((first, years[0], "actual"), (second, years[1], "planned")):
        rows.append({"company": buyer.name, "year": year, "amount": whole(amount), "currency": currency,
                     "amount_usd": whole(round(amount / rate_for(vocab, year, currency), 2)), "units": None,
                     "vendor": None, "chip_model": None, "spend_type": spend_type, "region": None,
                     "status": status, "disputed": False, "optional": False})
    money = [form.format(v=scaled(a), b=short_scaled(a)) for a in (first, second)]
    y1 = year_phrase(rng, years[0], pub, "actual")
    y2 = year_phrase(rng, years[1], pub, "planned")
    sentence = (f"{rng.choice(buyer.surfaces)} spent {money[0]} on {obj} {y1} and "
                f"{rng.choice(('plans to spend', 'expects to spend', 'has budgeted'))} {money[1]} {y2}.")
    return sentence_case(sentence), rows


def too_close(row: dict, others: list[dict]) -> bool:
    """True when a same-company row could be confused with this one by the scorer's tolerances."""
    for other in others:
        if other["company"] != row["company"]:
            continue
        for key, tol in (("amount_usd", 0.35), ("units", 0.1)):
            a, b = row[key], other[key]
            if a is not None and b is not None and abs(a - b) <= tol * max(a, b):
                return True
    return False


def date_phrase(rng: random.Random, when: date, pub: date | None) -> tuple[str, str]:
    """A phrase naming a past date and the gold date it resolves to, at its precision."""
    month = MONTHS[when.month - 1]
    if pub is not None and (pub.year, pub.month) == (when.year, when.month) and pub.day > 7 and rng.random() < 0.3:
        return "earlier this month", f"{when:%Y-%m}"
    last_month = (pub.replace(day=1) - timedelta(days=1)) if pub is not None else None
    if last_month is not None and (last_month.year, last_month.month) == (when.year, when.month) and rng.random() < 0.5:
        return "last month", f"{when:%Y-%m}"
    choice = rng.random()
    if choice < 0.45:
        return f"on {month} {when.day}, {when.year}", when.isoformat()
    if choice < 0.9:
        return f"in {month} {when.year}", f"{when:%Y-%m}"
    return f"in {when.year}", str(when.year)


def policy_event(rng: random.Random, vocab: Vocabulary, pub: date | None, ref_year: int) -> tuple[str, dict]:
    """One policy sentence and its gold row."""
    end = pub or date(ref_year, 12, 31)
    when = end - timedelta(days=rng.randrange(0, 400))
    when_text, when_gold = date_phrase(rng, when, pub)
    foreign = [c for c in vocab.chips if c.vendor in ("Nvidia", "AMD", "Intel")] or list(vocab.chips)
    chip = rng.choice(foreign)
    president = "President Donald Trump" if when >= date(2025, 1, 20) else "President Joe Biden"
    n = {"tariff_us": rng.choice((25, 50, 100, 145)), "tariff_cn": rng.choice((10, 15, 34, 84, 125)),
         "entity": rng.randrange(8, 150), "quota": rng.choice((30, 40, 50, 60, 70)),
         "share": rng.choice((15, 20, 25)), "days": rng.choice((30, 60, 75, 90, 120))}
    options = [
        ("US", "US government", "tariff", "Chinese semiconductors", n["tariff_us"], "percent", "announced",
         f"The US government raised tariffs on Chinese semiconductors to {n['tariff_us']}% {when_text}."),
        ("CN", "Chinese government", "tariff", "American goods", n["tariff_cn"], "percent", "in_effect",
         f"China imposed a {n['tariff_cn']}% tariff on American goods {when_text}."),
        ("US", "Commerce Department", "export_control", f"{chip.vendor} {chip.model} sales to China", None, None,
         "in_effect", f"The Commerce Department barred exports of {chip.vendor}'s {chip.model} to China {when_text}."),
        ("US", "Commerce Department", "entity_list", "Chinese companies", n["entity"], "units", "in_effect",
         f"The Commerce Department added {n['entity']} Chinese companies to its Entity List {when_text}."),
        ("CN", "Ministry of Commerce", "investigation", "analog chips imported from the US", None, None, "announced",
         f"China's Ministry of Commerce opened an anti-dumping investigation into analog chips imported from the US {when_text}."),
        ("CN", "market regulator", "investigation", f"{chip.vendor} (antitrust)", None, None, "announced",
         f"China's market regulator opened an antitrust investigation into {chip.vendor} {when_text}."),
        ("CN", "Chinese regulators", "procurement_guidance", "AI chips in state-funded data centres", n["quota"],
         "percent", "announced",
         f"Chinese regulators told state-funded data centres to source at least {n['quota']}% of their AI chips from domestic suppliers {when_text}."),
        ("US", "US government", "sales_approval", f"{chip.vendor} {chip.model} sales to China", n["share"], "percent",
         "announced", f"The US government approved sales of {chip.vendor}'s {chip.model} to China {when_text}, "
                      f"provided that {n['share']}% of the revenue goes to Washington."),
        ("US", president, "executive_order", "higher tariffs on Chinese imports", n["days"], "days", "delayed",
         f"{president} signed an executive order {when_text} delaying higher tariffs on Chinese imports by {n['days']} days."),
    ]
    country, actor, instrument, target, magnitude, unit, status, sentence = rng.choice(options)
    row = {"actor_country": country, "actor": actor, "instrument": instrument, "target": target,
           "date": when_gold, "magnitude": magnitude, "magnitude_unit": unit, "status": status, "optional": False}
    return sentence_case(sentence), row


def distractor(rng: random.Random, vocab: Vocabulary, template: str) -> str:
    """A sentence with numbers that are not spend: valuations, revenue, prices, users, shares, market sizes."""
    chip = rng.choice(vocab.chips)
    return template.format(
        c=rng.choice(vocab.buyers).name, v=rng.choice((40, 85, 120, 300, 450)), small=rng.choice((1.5, 2, 5, 8, 12)), p=rng.choice((8, 12, 23, 60)),
        price=rng.choice((95, 165, 512)), u=rng.choice((45, 70, 200, 430)), vendor=chip.vendor, chip=chip.model,
        units=f"{rng.choice((300, 500, 700)) * 1000:,}")


def build_page(index: int, seed: int, vocab: Vocabulary) -> SyntheticPage:
    """Page `index` of the run seeded with `seed`."""
    rng = random.Random(f"chipdemand-synthetic:{seed}:{index}")
    style = rng.choice(("meta", "jsonld", "time", "dateline", "none"))
    pub = None if style == "none" else date(2023, 1, 1) + timedelta(days=rng.randrange(0, 3 * 365))
    ref_year = pub.year if pub else rng.choice((2023, 2024, 2025))
    publisher = rng.choice(PUBLISHERS)
    spend: list[dict] = []
    blocks: list[str] = []
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
        sentence, row, deniable = spend_fact(rng, vocab, pub, ref_year)
        if too_close(row, spend):
            continue
        if deniable and rng.random() < 0.5:
            row["disputed"] = True
            sentence += " " + rng.choice(DENIALS).format(c=row["company"])
        spend.append(row)
        blocks.append(sentence)
    if rng.random() < 0.15:
        sentence, rows = spend_pair(rng, vocab, pub, ref_year)
        if not any(too_close(row, spend) for row in rows):
            spend += rows
            blocks.append(sentence)
    policy = []
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        sentence, row = policy_event(rng, vocab, pub, ref_year)
        policy.append(row)
        blocks.append(sentence)
    blocks += [distractor(rng, vocab, t) for t in rng.sample(DISTRACTORS, rng.randint(1, 3))]
    rng.shuffle(blocks)
    intro = rng.choice(INTROS)
    if style == "dateline" and pub is not None:
        intro = f"BEIJING, {MONTHS[pub.month - 1]} {pub.day}, {pub.year} - {intro}"
    head, byline = date_markup(style, pub, publisher)
    company = spend[0]["company"] if spend else rng.choice(vocab.buyers).name
    title = rng.choice(TITLES).format(c=company)
    html = render_html(title, [intro, *blocks], head, byline, publisher)
    return SyntheticPage(name=f"syn{index:05d}.html", html=html, expected_spend=spend, expected_policy=policy,
                         published=pub.isoformat() if pub else None)


def generate(n: int, seed: int, seeds_dir: Path = SEEDS_DIR) -> Iterator[SyntheticPage]:
    """`n` synthetic pages, deterministic from `seed` (page i depends only on seed and i)."""
    vocab = load_vocabulary(seeds_dir)
    for index in range(n):
        yield build_page(index, seed, vocab)


def write_corpus(pages: Iterator[SyntheticPage], out: Path) -> int:
    """Write pages to out/pages/*.html and their answers to out/gold/*.json; return the page count."""
    (out / "pages").mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    count = 0
    for page in pages:
        (out / "pages" / page.name).write_text(page.html, encoding="utf-8")
        gold_name = page.name.rsplit(".", 1)[0] + ".json"
        (out / "gold" / gold_name).write_text(json.dumps(page.gold(), indent=1, ensure_ascii=False, default=str),
                                              encoding="utf-8")
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: write a synthetic corpus and its gold files."""
    parser = argparse.ArgumentParser(description="Generate synthetic chip-news pages with known facts.")
    parser.add_argument("--n", type=int, default=1000, help="number of pages")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same pages)")
    parser.add_argument("--out", type=Path, required=True, help="output folder (pages/ and gold/ are created)")
    parser.add_argument("--seeds-dir", type=Path, default=SEEDS_DIR, help="folder of the seed CSVs")
    args = parser.parse_args(argv)
    count = write_corpus(generate(args.n, args.seed, args.seeds_dir), args.out)
    print(f"wrote {count} pages to {args.out / 'pages'} and gold files to {args.out / 'gold'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
