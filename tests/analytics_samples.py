"""A small hand-made warehouse for the analytics tests: four articles, eight spend rows, four policy rows.

The numbers are chosen so each view's result can be worked out by hand (tests/test_views.py does):

- ByteDance's 2025 chip budget is reported by two outlets (USD 5.563bn and USD 5.5bn: one claim),
  and an USD 8bn Nvidia purchase by a third article (more than 10% away: another claim);
- Tencent's 2025 order of Nvidia H20 chips is reported as 100,000 chips and as 98,000 chips (within 5%:
  one claim), the second article carrying Tencent's denial;
- the US H20 export control is reported by two articles (one claim), a US tariff is reported with two
  different rates (a disputed claim), and a Chinese probe has no date (a claim keyed by its target).
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

import duckdb

from seeds import SEEDS_DIR
from warehouse.db import connect_writer
from warehouse.load import RunLoader
from warehouse.seeds import load_seed_tables

NOW = datetime(2025, 10, 1, 12, 0, 0)

ARTICLES = {
    "a1": ("Harbor Ledger", date(2025, 3, 10), [
        "ByteDance has set aside 40 billion yuan ($5.563 billion) this year for Huawei Ascend 910C processors.",
        "Washington put the Nvidia H20 under licence on January 15.",
    ]),
    "a2": ("Pacific Wire", date(2025, 3, 12), [
        "The TikTok parent will spend roughly $5.5 billion on accelerators in 2025, two people said.",
        "Tencent has ordered 100,000 Nvidia H20 units for its data halls.",
        "The US will levy a 25% tariff on imported chips from April 2.",
        "The H20 licence rule dates from January 15.",
    ]),
    "a3": ("Harbor Ledger", date(2025, 9, 1), [
        "ByteDance also closed an $8 billion deal for Nvidia H20 boards this year.",
        "Tencent denied a report that it bought about 98,000 H20 chips.",
        "Tencent's capital spending on AI reached 27.5 billion yuan ($3.825 billion) in 2025.",
        "Alibaba intends to spend $15 billion on AI infrastructure in 2026.",
        "Beijing opened an anti-dumping probe into American analog chips.",
        "The chip tariff that began on April 2 is 50%, not 25%.",
    ]),
    "a4": (None, None, [
        "Baidu spent $1.2 billion on data centres built around Kunlunxin accelerators in 2024.",
    ]),
}

# (fact_id, article_id, sentence index, fields)
SPEND = [
    ("s1", "a1", 0, dict(company="ByteDance", year=2025, amount=4.0e10, currency="CNY", amount_usd=5.563e9,
                         vendor="Huawei", chip_model="Ascend 910C", spend_type="chip_purchase",
                         region="domestic", status="planned")),
    ("s2", "a2", 0, dict(company="ByteDance", year=2025, amount=5.5e9, currency="USD", amount_usd=5.5e9,
                         spend_type="chip_purchase", status="planned", attribution="two people")),
    ("s3", "a2", 1, dict(company="Tencent", year=2025, units=100_000, vendor="Nvidia", chip_model="H20",
                         spend_type="chip_purchase", status="actual")),
    ("s4", "a3", 0, dict(company="ByteDance", year=2025, amount=8.0e9, currency="USD", amount_usd=8.0e9,
                         vendor="Nvidia", chip_model="H20", spend_type="chip_purchase", status="actual")),
    ("s5", "a3", 1, dict(company="Tencent", year=2025, units=98_000, chip_model="H20",
                         spend_type="chip_purchase", status="actual", disputed=True)),
    ("s6", "a3", 2, dict(company="Tencent", year=2025, amount=2.75e10, currency="CNY", amount_usd=3.825e9,
                         spend_type="ai_capex", status="actual")),
    ("s7", "a3", 3, dict(company="Alibaba", year=2026, amount=1.5e10, currency="USD", amount_usd=1.5e10,
                         spend_type="ai_capex", status="planned")),
    ("s8", "a4", 0, dict(company="Baidu", year=2024, amount=1.2e9, currency="USD", amount_usd=1.2e9,
                         vendor="Kunlunxin", spend_type="data_center", status="actual")),
]

POLICY = [
    ("p1", "a1", 1, dict(actor_country="US", actor="Washington", instrument="export_control", target="Nvidia H20",
                         event_date=date(2025, 1, 15), date_precision="day", status="in_effect")),
    ("p2", "a2", 3, dict(actor_country="US", actor="Commerce Department", instrument="export_control",
                         target="H20 chips", event_date=date(2025, 1, 15), date_precision="day",
                         status="in_effect")),
    ("p3", "a2", 2, dict(actor_country="US", actor="White House", instrument="tariff", target="imported chips",
                         event_date=date(2025, 4, 2), date_precision="day", magnitude=25.0,
                         magnitude_unit="percent", status="announced")),
    ("p4", "a3", 5, dict(actor_country="US", actor="White House", instrument="tariff", target="chip imports",
                         event_date=date(2025, 4, 2), date_precision="day", magnitude=50.0,
                         magnitude_unit="percent", status="in_effect")),
    ("p5", "a3", 4, dict(actor_country="CN", actor="Beijing", instrument="investigation",
                         target="American analog chips", status="announced")),
]

SPEND_FIELDS = ("company", "year", "amount", "currency", "amount_usd", "units", "vendor", "chip_model",
                "spend_type", "region", "status", "disputed", "attribution", "qualifier")
POLICY_FIELDS = ("actor_country", "actor", "instrument", "target", "event_date", "date_precision", "magnitude",
                 "magnitude_unit", "status")


def article_text(article_id: str) -> str:
    """The article's sentences, one paragraph each."""
    return "\n\n".join(ARTICLES[article_id][2])


def article_rows() -> list[dict]:
    """Rows for the articles table."""
    rows = []
    for article_id, (publisher, published_on, _) in ARTICLES.items():
        text = article_text(article_id)
        rows.append(dict(article_id=article_id, source=f"samples/{article_id}.html",
                         url=f"https://news.example/{article_id}", title=f"Sample {article_id}",
                         publisher=publisher, published_on=published_on, language="en", text=text,
                         content_sha256=hashlib.sha256(text.encode()).hexdigest(), raw_sha256=None))
    return rows


def evidence_of(article_id: str, sentence: int) -> dict:
    """evidence, char_start and char_end of one sentence of an article."""
    text = article_text(article_id)
    evidence = ARTICLES[article_id][2][sentence]
    start = text.index(evidence)
    return dict(evidence=evidence, char_start=start, char_end=start + len(evidence))


def spend_rows() -> list[dict]:
    """Rows for chip_spend, every column present."""
    rows = []
    for fact_id, article_id, sentence, fields in SPEND:
        row = {name: fields.get(name) for name in SPEND_FIELDS}
        row["disputed"] = bool(fields.get("disputed", False))
        rows.append(dict(fact_id=fact_id, article_id=article_id, **row, **evidence_of(article_id, sentence),
                         extractor_version="test"))
    return rows


def policy_rows() -> list[dict]:
    """Rows for policy_events, every column present."""
    return [dict(event_id=event_id, article_id=article_id, **{n: fields.get(n) for n in POLICY_FIELDS},
                 **evidence_of(article_id, sentence), extractor_version="test")
            for event_id, article_id, sentence, fields in POLICY]


def quarantine_rows() -> list[dict]:
    """One spend row of a2 that failed validation, and one whole article from an outlet with nothing loaded."""
    return [
        dict(row_kind="chip_spend", row_key="s9", article_id="a2", failed_expectations=["year_in_range"],
             payload={"fact_id": "s9", "company": "Tencent", "year": 1890}),
        dict(row_kind="article", row_key="a5", article_id="a5", failed_expectations=["text_not_empty"],
             payload={"article_id": "a5", "publisher": "Quiet Gazette", "text": ""}),
    ]


def load_sample_run(con: duckdb.DuckDBPyConnection, run_id: str = "r1") -> None:
    """Load the sample articles, rows, quarantine and seed tables as one run would."""
    loader = RunLoader(con, run_id)
    loader.begin()
    load_seed_tables(con, SEEDS_DIR)
    loader.upsert_articles(article_rows(), NOW)
    loader.replace_facts(list(ARTICLES), spend_rows(), policy_rows())
    loader.quarantine(quarantine_rows(), NOW)
    loader.commit()


def build_sample_warehouse(path: Path) -> Path:
    """A warehouse file at `path` holding the sample run; returns the path."""
    con = connect_writer(path)
    try:
        load_sample_run(con)
    finally:
        con.close()
    return path
