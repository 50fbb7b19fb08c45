"""Spend facts from the tables trafilatura emits as " | "-separated lines.

A column counts when its header names a spend and a unit ("Capex (RMB bn)"), a chip count ("Chips
bought"), or a year while the caption above the table names the spend and unit ("AI capex (US$ bn)"
over "| Company | 2023 | 2024 |").
"""
from __future__ import annotations

import re

from transforms.money import parse_number
from transforms.sentences import Sentence
from transforms.spend_fields import Context, Draft, attribution, fact_chip, fact_type, research_source
from transforms.spend_lexicon import SpendLexicon
from transforms.spend_years import find_years

TABLE_MONEY_HEADER = re.compile(
    r"\((?P<cur>RMB|CNY|yuan|US\$|USD|\$|HK\$|HKD|€|EUR)\s*(?P<scale>bn|billion|m|mn|million|tn|trillion)?\)", re.I)
COUNT_HEADER = re.compile(r"\b(?:chips|GPUs|processors|accelerators|units|cards)\b", re.I)
TABLE_SCALES = {"bn": 1e9, "billion": 1e9, "m": 1e6, "mn": 1e6, "million": 1e6, "tn": 1e12, "trillion": 1e12}
TABLE_CURRENCIES = {"rmb": "CNY", "cny": "CNY", "yuan": "CNY", "us$": "USD", "usd": "USD", "$": "USD",
                    "hk$": "HKD", "hkd": "HKD", "€": "EUR", "eur": "EUR"}


def is_table_row(text: str) -> bool:
    return text.count("|") >= 2


def cells(text: str) -> list[str]:
    return [c.strip() for c in text.strip().strip("|").split("|")]


def table_row_facts(index: int, ctx: Context, lexicon: SpendLexicon) -> list[Draft]:
    """Facts of one table row. A column counts when its header names a spend and a unit ("Capex (RMB bn)"),
    a chip count ("Chips bought"), or a year while the caption above names the spend and unit
    ("AI capex (US$ bn)" over "| Company | 2023 | 2024 |"). The buyer is the company named in the row,
    else the article's subject; the year is the column's, else the row's, else the publication year."""
    header = table_header(index, ctx)
    sentence = ctx.sentences[index]
    if header is None or header is sentence:
        return []
    heads, values = cells(header.text), cells(sentence.text)
    mentioned = lexicon.companies.find(sentence.text)
    named = [m.name for m in mentioned if lexicon.companies.role(m.name) != "vendor"]
    company = named[0] if named else (ctx.subject if not mentioned else None)
    if not company:
        return []
    caption = table_caption(index, ctx)
    row_years = find_years(sentence.text, ctx.anchor) or find_years(caption, ctx.anchor)
    vendor, model, _ = fact_chip(caption, 0, len(caption), lexicon)
    estimated = bool(lexicon.cues.find(caption, "status")) and any(
        c.value == "estimate" for c in lexicon.cues.find(caption, "status")) or research_source(caption, lexicon)
    drafts = []
    for column, head in enumerate(heads[:len(values)]):
        kind, unit_text = table_column(head, caption, lexicon)
        value = parse_number(re.sub(r"[^\d.,]", "", values[column]).strip(".,"))
        if kind is None or value is None or value <= 0:
            continue
        head_year = re.fullmatch(r"(?:FY\s?)?((?:19|20)\d\d)", head.strip())
        year = int(head_year.group(1)) if head_year else (
            row_years[0].year if row_years else (ctx.anchor.year if ctx.anchor else None))
        status = "planned" if year and ctx.anchor and year > ctx.anchor.year else (
            "estimate" if estimated else "actual")
        amount = currency = usd = units = None
        if kind == "money":
            unit = TABLE_MONEY_HEADER.search(unit_text)
            currency = TABLE_CURRENCIES[unit.group("cur").lower()]
            amount = value * TABLE_SCALES.get((unit.group("scale") or "").lower(), 1.0)
            usd = lexicon.usd(amount, currency, year)
        else:
            units = int(value)
        drafts.append(Draft(
            company=company, sentence=sentence, anchor_at=column, year=year, year_explicit=bool(head_year or row_years),
            amount=amount, currency=currency, amount_usd=usd, units=units, vendor=vendor, chip_model=model,
            spend_type="chip_purchase" if kind == "count" else fact_type(unit_text, 0, len(unit_text), lexicon, unit_text),
            region=None, status=status, attribution=attribution(index, ctx, lexicon) or (
                lexicon.find_sources(caption)[0][1] if lexicon.find_sources(caption) else None), qualifier=None,
        ))
    return drafts


def table_column(head: str, caption: str, lexicon: SpendLexicon) -> tuple[str | None, str]:
    """("money" | "count" | None, the text naming the column's unit) for one header cell."""
    if re.fullmatch(r"(?:FY\s?)?(?:19|20)\d\d", head.strip()):
        head = caption
    if lexicon.cues.find(head, "not_spend") or not (lexicon.cues.find(head, "trigger") or lexicon.cues.find(head, "holding")):
        return None, head
    if TABLE_MONEY_HEADER.search(head):
        return "money", head
    if COUNT_HEADER.search(head):
        return "count", head
    return None, head


def table_caption(index: int, ctx: Context) -> str:
    """The line just above the table (its caption or heading), or ""."""
    header = ctx.index().table_header[index]
    position = header if header is not None else index
    return ctx.sentences[position - 1].text if position > 0 else ""


def table_header(index: int, ctx: Context) -> Sentence | None:
    """The first row of the table that sentence `index` belongs to."""
    header = ctx.index().table_header[index]
    return ctx.sentences[header] if header is not None else None
