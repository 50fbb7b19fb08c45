"""Spend facts from the tables trafilatura emits as " | "-separated lines.

A table row gives a fact per cell that holds a number (a hedge "~", a currency "US$", a scale "bn", a
"+" floor, footnote stars and a range "175–185", read as its midpoint, allowed) in a column that counts:

- a money column names its unit in its header ("Capex (RMB bn)", "Amount (RMB bn)", "2025 capex (actual,
  US$bn)"), or the caption above the table does ("Quarterly capital expenditure (RMB bn unless stated)"); a
  cell's own currency wins ("US$4.3bn*") and needs no unit above it ("| Alibaba | RMB 120bn | ... |"); a chip-count column says so ("Chips bought", "GPUs"),
  or the caption does, maybe in thousands ("GPU purchases (thousand units)");
- something names the spend: the column header, the caption, or the row's own label cells ("AI and cloud
  capex, four quarters to Sep-25"); a non-spend word in the header or the row's label ("Revenue") rules
  the cell out.

A row that also names a seller of computing capacity ("| Microsoft | Nebius | up to 19.4 |") is cloud
rental. A cell may end in a short note ("31.5 (+85% y/y)", "37.5 (Dec-25 quarter)", "RMB26bn (~3.6)"), and
the unit may stand unbracketed in the caption or header ("Quarterly capex, RMB bn", "US$ bn").

Periods: a column header that names one ("2024", "FY2026", "Quarter to Dec-24", "1Q26", "2025 plan")
dates its cells, a quarter taking the calendar year in which it ends; else the row's label cells do
("Capex, calendar 2024"), else the caption, else the publication year. Status: a planning or estimate cue
in the header or the row's label ("plan", "guidance", "estimate", "2025E"), else planned for a future year,
else an estimate when the caption is one (and does not also name the spend: a mixed table), else actual.

The buyer is the company a column's header names ("| | Zhipu | MiniMax |"), else the company in the row's first cell (none when a vendor opens it: "Nvidia backstop with
CoreWeave"), else a company named in the row, else (when the row
names none at all) the article's subject.
"""
from __future__ import annotations

import re

from transforms.money import parse_number
from transforms.sentences import Sentence
from transforms.spend_fields import Context, Draft, attribution, fact_chip, fact_type, research_source
from transforms.spend_index import TABLE_RULE
from transforms.spend_lexicon import SpendLexicon
from transforms.spend_money import spend_triggers
from transforms.spend_years import find_years, is_boundary_year

TABLE_MONEY_HEADER = re.compile(
    r"\((?P<cur>RMB|CNY|yuan|US\$|USD|\$|HK\$|HKD|€|EUR)\s*(?P<scale>bn|billion|m|mn|million|tn|trillion)?"
    r"(?:[\s,;]+[^()]*)?\)"
    # a unit written without brackets: "Quarterly capex, RMB bn (calendar quarters)", a header cell "US$ bn"
    r"|(?:^|,\s*|\bin\s+)(?P<cur2>RMB|CNY|US\$|USD|HK\$|HKD|€|EUR)\s*(?P<scale2>bn|billion|m|mn|million|tn|trillion)\b"
    # or after a word inside the brackets: "2025 capex (actual, US$bn)"
    r"(?=\s*(?:\(|\)|$|[,;]))"
    # the scale before the currency word: "Computing investment (bn yuan)", "(billion US dollars)"
    r"|\((?:[^()]*[\s,;])?(?P<scale3>bn|billion|m|mn|million|tn|trillion)\s+(?P<cur3>yuan|RMB|CNY|US\$|USD|"
    r"(?:US\s+)?dollars|HKD|euros?)\)", re.I)
COUNT_HEADER = re.compile(r"\b(?:chips|GPUs|processors|accelerators|units|cards)\b", re.I)
# "GPU purchases (thousand units)", "Chips ('000)": counts written in thousands or millions
COUNT_SCALE = re.compile(r"(?:\b(?P<k>thousands?|k)\b|(?P<k2>['’]000s?)|\b(?P<m>millions?|mn)\b)", re.I)
TABLE_SCALES = {"bn": 1e9, "billion": 1e9, "m": 1e6, "mn": 1e6, "million": 1e6, "tn": 1e12, "trillion": 1e12}
TABLE_CURRENCIES = {"rmb": "CNY", "cny": "CNY", "yuan": "CNY", "us$": "USD", "usd": "USD", "$": "USD",
                    "hk$": "HKD", "hkd": "HKD", "€": "EUR", "eur": "EUR", "dollars": "USD", "us dollars": "USD",
                    "euro": "EUR", "euros": "EUR"}
# one number in a cell: "38.6", "~120", "380+", "US$4.3bn*", "13.0**", "1,200", "175–185" (a range)
CELL_NUMBER = re.compile(
    r"\s*(?P<hedge>~|c\.|about|approx\.?|up\s+to|>|<)?\s*(?P<cur>US\$|RMB|HK\$|\$|€)?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s*(?:-|–|—|to)\s*(?:US\$|RMB|HK\$|\$|€)?\s*(?P<num2>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?))?"
    r"\s*(?P<scale>bn|billion|m|mn|million|tn|trillion)?"
    # a currency word after the figure: "17.6bn yuan", "4.2 billion dollars"
    r"(?:\s*(?P<cur_after>yuan|RMB|CNY|USD|(?:US\s+)?dollars|HKD|euros?)\b)?"
    r"\s*(?P<plus>\+)?\s*\**\s*(?:\([a-z]\))?\s*"
    # a short note after the number: a change "(+85% y/y)", a period "(Dec-25 quarter)", a conversion "(~3.6)"
    r"(?:\((?P<note>[^()]{1,30})\)\s*)?", re.I)
CELL_HEDGES = {"~": "about", "c.": "about", "about": "about", "approx": "about", "approx.": "about",
               ">": "more than", "<": "less than", "up to": "up to"}
PERIOD_LABEL = re.compile(r"\s*(?:years?|quarters?|periods?|dates?|months?|fiscal years?|FY|as of)\s*", re.I)
BARE_YEAR_CELL = re.compile(r"\s*(?:19|20)\d\d\s*")
WHITESPACE = re.compile(r"\s+")
ESTIMATE_SUFFIX = re.compile(r"\b(?:19|20)\d\dE\b")     # "2025E": a broker's estimate column


def is_table_row(text: str) -> bool:
    return text.count("|") >= 2


def cells(text: str) -> list[str]:
    return [c.strip() for c in text.strip().strip("|").split("|")]


def is_period_cell(head: str, cell: str) -> bool:
    """A cell of a column of years or dates ("| Year |", or a bare "2024" under a header without a unit):
    a label of its row, not an amount."""
    return bool(PERIOD_LABEL.fullmatch(head) or (BARE_YEAR_CELL.fullmatch(cell) and not TABLE_MONEY_HEADER.search(head)))


def cell_value(cell: str) -> re.Match | None:
    """The cell's number, when the cell holds one number (or one range, "175–185") and nothing else."""
    found = CELL_NUMBER.fullmatch(cell)
    if found is not None and found.group("num2"):
        low, high = parse_number(found.group("num")), parse_number(found.group("num2"))
        if low is None or high is None or high <= low or BARE_YEAR_CELL.fullmatch(found.group("num")):
            return None  # "2024-25" is a period, "30-12" no range
    return found


def cell_number(found: re.Match) -> float | None:
    """The value of a cell matched by CELL_NUMBER: a range's midpoint."""
    low = parse_number(found.group("num"))
    high = parse_number(found.group("num2")) if found.group("num2") else None
    return low if low is None or high is None else (low + high) / 2


def table_row_facts(index: int, ctx: Context, lexicon: SpendLexicon) -> list[Draft]:
    """Facts of one table row (see the module docstring)."""
    header = table_header(index, ctx)
    sentence = ctx.sentences[index]
    if header is None or header is sentence:
        return []
    heads, values = cells(header.text), cells(sentence.text)
    caption = table_caption(index, ctx)
    numeric = [None if is_period_cell(heads[i] if i < len(heads) else "", v) else cell_value(v)
               for i, v in enumerate(values)]
    labels = " ; ".join(v for v, n in zip(values, numeric) if n is None)
    company, via = row_company(values, labels, ctx, lexicon)
    columns = column_companies(heads, lexicon)  # "| | Zhipu | MiniMax |": each column is a company's
    if not (company or columns) or lexicon.cues.find(labels, "not_spend"):
        return []
    row_years = [y for y in find_years(labels, ctx.anchor) if not is_boundary_year(labels, 0, y.start)] or find_years(
        caption, ctx.anchor)  # a term "to 2031" dates no cell
    vendor, model, _ = fact_chip(caption + " ; " + labels, 0, len(caption), lexicon)
    renting = rents_capacity(values, company, lexicon)
    drafts = []
    for column, head in enumerate(heads[:len(values)]):
        number = numeric[column]
        if number is None:
            continue
        kind, unit_text = table_column(head, caption, labels, lexicon, renting,
                                       bool(number.group("cur") or number.group("cur_after")))
        value = cell_number(number)
        if kind is None or value is None or value <= 0:
            continue
        period = column_year(head, ctx)
        year = period if period is not None else (row_years[0].year if row_years else (ctx.anchor.year if ctx.anchor else None))
        amount = currency = usd = units = None
        if kind == "money":
            unit = TABLE_MONEY_HEADER.search(unit_text)
            own = number.group("cur") or number.group("cur_after")
            currency = TABLE_CURRENCIES[WHITESPACE.sub(" ", own or unit.group("cur") or unit.group("cur2") or unit.group("cur3")).lower()]
            scale = number.group("scale") or ("" if own else (unit.group("scale") or unit.group("scale2")
                                                              or unit.group("scale3"))) or ""
            amount = value * TABLE_SCALES.get(scale.lower(), 1.0)
            usd = lexicon.usd(amount, currency, year)
        else:
            units = int(round(value * count_scale(unit_text)))
        hedge = "more than" if number.group("plus") else "range" if number.group("num2") else CELL_HEDGES.get(
            WHITESPACE.sub(" ", (number.group("hedge") or "").lower()))
        buyer = columns.get(column, company)
        if not buyer or not operator_compute_row(buyer, head + " ; " + labels, caption, lexicon):
            continue
        drafts.append(Draft(
            company=buyer, sentence=sentence, anchor_at=column, year=year,
            year_explicit=period is not None or bool(row_years),
            amount=amount, currency=currency, amount_usd=usd, units=units, vendor=vendor, chip_model=model,
            spend_type="chip_purchase" if kind == "count" else "cloud_rental" if renting else fact_type(unit_text + " ; " + labels, 0, 0, lexicon, unit_text + " ; " + labels),
            region=None, status=cell_status(head, labels, caption, year, ctx, lexicon),
            attribution=attribution(index, ctx, lexicon) or (
                lexicon.find_sources(caption)[0][1] if lexicon.find_sources(caption) else None), qualifier=hedge,
            buyer_via="named" if column in columns else via, cue_gap=0 if spend_triggers(head, lexicon) else None, origin="table",
        ))
    return drafts


def operator_compute_row(buyer: str, row: str, caption: str, lexicon: SpendLexicon) -> bool:
    """True unless the buyer is a telecom operator whose cell is its whole capex, mostly network ("| China Unicom |
    Total capex | 61.37 |"): the row or header must name compute, or the caption must, when it is the operator's."""
    if buyer.lower() not in lexicon.cues.values.get("network_operator", {}):
        return True
    texts = [row] + [caption] * any(m.name == buyer for m in lexicon.companies.find(caption))
    return any(lexicon.cues.find(text, "topic") or lexicon.cues.find(text, "operator_compute") for text in texts)


def column_companies(heads: list[str], lexicon: SpendLexicon) -> dict[int, str]:
    """Buyers that header cells name, by column (a table of companies side by side); the first column is the
    rows' label, never one of them."""
    found = {}
    for column, head in enumerate(heads[1:], start=1):
        named = [m.name for m in lexicon.companies.find(head) if lexicon.companies.role(m.name) != "vendor"]
        if named:
            found[column] = named[0]
    return found


def rents_capacity(values: list[str], company: str, lexicon: SpendLexicon) -> bool:
    """The row names a company that sells computing capacity (role "cloud") beside its buyer: a rental deal
    ("| Microsoft | Nebius | 19.4 |")."""
    return any(lexicon.companies.role(m.name) == "cloud" and m.name != company
               for value in values for m in lexicon.companies.find(value))


def row_company(values: list[str], labels: str, ctx: Context, lexicon: SpendLexicon) -> tuple[str | None, str]:
    """The buyer of a row and how it was found: its first cell's company, else one its label cells name
    ("named"), else (when the row names no company at all) the article's subject ("subject")."""
    opening = lexicon.companies.find(values[0])
    if opening and lexicon.companies.role(opening[0].name) == "vendor":
        return None, "named"  # "Nvidia backstop with CoreWeave": the row is about the vendor's own deal
    first = [m.name for m in opening if lexicon.companies.role(m.name) != "vendor"]
    if first:
        return first[0], "named"
    mentioned = lexicon.companies.find(labels)
    named = [m.name for m in mentioned if lexicon.companies.role(m.name) != "vendor"]
    if named:
        return named[0], "named"
    return (ctx.subject if not mentioned and values[0].strip() else None), "subject"


def column_year(head: str, ctx: Context) -> int | None:
    """The year a period column's header names ("2024", "FY2026", "Quarter to Dec-24", "1Q26"), or None."""
    found = find_years(head, ctx.anchor)
    explicit = [y for y in found if y.explicit and y.year is not None]
    return explicit[0].year if explicit else None


def cell_status(head: str, labels: str, caption: str, year: int | None, ctx: Context, lexicon: SpendLexicon) -> str:
    """planned, estimate or actual for one cell: the header's cue, else the row label's, else the caption's,
    else planned for a future year, else actual."""
    if ESTIMATE_SUFFIX.search(head):
        return "estimate"
    # a row's "guide" plans its future columns, not a past year's column; a row whose own label dates it
    # ("| RMB 50bn | Five years from 2024 | Plan |") is the plan it says
    past = year is not None and ctx.anchor is not None and year < ctx.anchor.year and column_year(head, ctx) is not None
    for text in (head, labels):
        cues = [c.value for c in lexicon.cues.find(text, "status")]
        if "estimate" in cues or research_source(text, lexicon):
            return "estimate"
        if "planned" in cues and not (past and text is labels):
            return "planned"  # a row's "guide" plans its future columns, not a year already reported
    if year and ctx.anchor and year > ctx.anchor.year:
        return "planned"
    # a caption of estimates makes its cells estimates; one that names spend and estimates ("commitments
    # and estimates") heads a mixed table, whose rows say which is which
    caption_cues = [c.value for c in lexicon.cues.find(caption, "status")]
    if ("estimate" in caption_cues or research_source(caption, lexicon)) and not spend_triggers(caption, lexicon):
        return "estimate"
    return "actual"


def table_column(head: str, caption: str, labels: str, lexicon: SpendLexicon,
                 renting: bool = False, own_currency: bool = False) -> tuple[str | None, str]:
    """("money" | "count" | None, the text naming the column's unit) for one header cell. `renting`: the row is
    a deal with a seller of computing capacity, whose value is spend without a spending word; `own_currency`:
    the cell writes its currency ("RMB 120bn" under "Latest disclosed figure"), so it needs no unit above it."""
    if lexicon.cues.find(head, "not_spend"):
        return None, head
    named_spend = renting or any(spend_triggers(text, lexicon) or lexicon.cues.find(text, "holding")
                      for text in (head, caption, labels))
    if not named_spend:
        return None, head
    for text in (head, caption):
        if TABLE_MONEY_HEADER.search(text):
            return "money", text
    if COUNT_HEADER.search(head):
        return "count", head
    if COUNT_HEADER.search(caption) and not own_currency:
        return "count", caption  # "Table 2: GPU purchases (thousand units)" over columns of years
    return ("money", head) if own_currency else (None, head)


def count_scale(text: str) -> float:
    """1000 for a count column or caption in thousands ("thousand units", "'000"), a million for millions."""
    found = COUNT_SCALE.search(text)
    if found is None:
        return 1.0
    return 1e6 if found.group("m") else 1e3


def table_caption(index: int, ctx: Context) -> str:
    """The line just above the table (its caption or heading), or its title row ("| Table 1: ... |  |  |"), or ""."""
    header = ctx.index().table_header[index]
    position = (header if header is not None else index) - 1
    while position >= 0 and TABLE_RULE.fullmatch(ctx.sentences[position].text):
        position -= 1  # the rule line under a title row
    return " ".join(c for c in cells(ctx.sentences[position].text) if c) if position >= 0 else ""


def table_header(index: int, ctx: Context) -> Sentence | None:
    """The first row of the table that sentence `index` belongs to."""
    header = ctx.index().table_header[index]
    return ctx.sentences[header] if header is not None else None
