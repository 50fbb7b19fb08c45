"""Spend facts from the tables of Chinese pages (trafilatura writes a row as " | "-separated cells).

Two shapes are read:
- rows whose cells carry their own amounts ("| 中标总金额（含税） | 约51.387亿元 |", "| CANN生态 | 5285台 |
  约34.517亿元 | ... |"): each amount is read like one in a sentence, with the header row as its context
  (a trigger such as 中标金额 there counts); cells under a seller column (中标厂商, 供应商) are skipped,
  and so are companies named there, and so are amounts a correction took back (under 更正前, 原公告内容);
- bare numbers under year or quarter columns ("| 阿里巴巴 | 318 | 246 | 386 |" under "| 公司 | 2024Q4 |
  2025Q1 | 2025Q2 |", or a broker's "2Q25A | 3Q25A | 2025E") when the caption above the table names a spend and
  its unit ("主要云厂商季度资本开支（单位：亿元人民币）"): the row's company spent that amount in that column's
  year (planned under an estimate column).

The buyer is the company of the row, else one named elsewhere in the table (采购人 | 中国移动通信有限公司),
else the article's subject; the year is the row's, else the column's, else the table's first, else the last
year written before the table.
"""
from __future__ import annotations

import re
from transforms.money import MoneyMention
from transforms.sentences import Sentence
from transforms.spend_fields import Draft
from transforms.spend_lexicon import SpendLexicon
from transforms.zh.lexicon import ZhLexicon
from transforms.zh.money import SUFFIX_CURRENCIES, default_currency, find_money
from transforms.zh.numbers import parse_number
from transforms.zh.spend_buyers import general_servers
from transforms.zh.spend_fields import ZhContext, ZhDraft, confidence, fact_chip, fact_region

CAPTION_UNIT = re.compile(r"(?:单位|單位)\s*[:：]?\s*(?P<scale>万|亿|千|百万|十亿)?\s*(?P<cur>元人民币|人民币|美元|港元|元|新台币)"
                          r"|[（(]\s*(?P<scale2>万|亿|百万)(?P<cur2>元人民币|人民币|美元|港元|元|新台币)\s*[)）]")
# A year or quarter column: 2025, 2025年, 2025Q2, 2025年上半年; a broker's 2Q25 / Q2 25; with A (actual) or E (estimate)
# and a bracketed note ("2025E（我们）")
COLUMN_YEAR = re.compile(r"^(?:FY\s*(?P<fy>\d\d)(?!\d)|(?:FY\s*)?(?P<y>(?:19|20)\d\d)\s*(?:年|财年)?\s*(?:Q[1-4]|[上下]半年|第?[一二三四]季度?|H[12])?"
                         r"|[1-4]Q(?P<yy>\d\d)|Q[1-4]\s*(?P<yy2>\d\d))\s*(?P<ae>[AE])?(?:\s*[（(][^（()）]{0,8}[)）])?$", re.I)
# A bare number of a broker's table: "767.6", "约900*" (a footnote mark), "约596（前三季度）" (a note on the period)
BARE_CELL = re.compile(r"[\s约~]*(?P<n>[\d.,]+)\s*(?:[（(][^（()）]{0,16}[)）])?\s*\*?\s*")
# The column of a correction notice's table that holds what was taken back (更正前, 原公告内容).
BEFORE_CORRECTION = re.compile(r"更正前|更正前内容|原公告|原内容|原文|变更前|變更前|修改前|调整前|調整前")
# A header naming its year with its measure and unit ("2025年资本开支预测（亿元）"); an estimate when it says so.
HEAD_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
ESTIMATE_HEAD = re.compile(r"预测|預測|预计|預計|预期|預期|指引|(?<=\d)E")
SCALES = {"万": 1e4, "亿": 1e8, "千": 1e3, "百万": 1e6, "十亿": 1e9}
LOOK_BACK = 600  # how far before a table its year may be written


def is_table_row(text: str) -> bool:
    return text.count("|") >= 2


def cells_of(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each cell of a row line starting at `start`, trimmed."""
    spans, pos = [], start
    body = text
    for part in body.split("|"):
        s, e = pos, pos + len(part)
        while s < e and body[s - start].isspace():
            s += 1
        while e > s and body[e - 1 - start].isspace():
            e -= 1
        spans.append((s, e))
        pos += len(part) + 1
    return [c for c in spans[1:-1]] if body.strip().startswith("|") else spans


def table_block(index: int, ctx: ZhContext) -> tuple[int, int]:
    """First (the header) and last sentence index of the table holding sentence `index`: a run of row lines,
    a new table starting at the row above each "|---|" rule line."""
    rows = ctx.sentences
    first = index
    while first > 0 and is_table_row(rows[first - 1].text) and not is_rule(rows[first].text):
        first -= 1
    if is_rule(rows[first].text) and first > 0 and is_table_row(rows[first - 1].text):
        first -= 1
    last = index
    while last + 1 < len(rows) and is_table_row(rows[last + 1].text) and not (
            last + 2 < len(rows) and is_rule(rows[last + 2].text)):
        last += 1
    return first, last


def is_rule(text: str) -> bool:
    return bool(re.fullmatch(r"[\s|:\-—]+", text))


def table_facts(index: int, ctx: ZhContext, lexicon: ZhLexicon, fx: SpendLexicon) -> list[ZhDraft]:
    """Facts of one table row (see the module docstring)."""
    sentence = ctx.sentences[index]
    if is_rule(sentence.text):
        return []
    first, last = table_block(index, ctx)
    header = ctx.sentences[first]
    folded = ctx.folded
    head_cells = cells_of(folded[header.start:header.end], header.start)
    row_cells = cells_of(folded[sentence.start:sentence.end], sentence.start)
    sellers = seller_columns(head_cells, row_cells, folded, lexicon)
    keep = [(s, e) for i, (s, e) in enumerate(row_cells) if i not in sellers]
    buyer = table_buyer(keep, first, last, ctx, lexicon, caption_of(first, ctx))
    if buyer is None:
        return []
    year, own = table_year(keep, first, ctx)
    drafts: list[ZhDraft] = []
    caption = caption_of(first, ctx)
    for column, (s, e) in enumerate(row_cells):
        if column in sellers:
            continue
        head = head_cells[column] if column < len(head_cells) and index != first else (0, 0)
        key = row_cells[0] if column > 0 else (0, 0)  # a key-value row: its key names the amount
        context = folded[head[0]:head[1]] + folded[key[0]:key[1]] + folded[s:e]
        mentions = find_money(folded[s:e], ctx.bare_yuan)
        if mentions and index != first:
            if lexicon.cues.find(context, "not_spend") or not lexicon.cues.find(context, "trigger"):
                continue
            if BEFORE_CORRECTION.search(folded, *head):
                continue  # "| 预算金额 | 4800万元 | 3800万元 |" under "| 更正项 | 更正前 | 更正后 |": taken back
            told = context + (folded[caption.start:caption.end] if caption is not None else "")
            if buyer in lexicon.network_operators and (general_servers(context) or general_servers(told) or not (
                    lexicon.cues.find(told, "compute") or lexicon.cues.find(told, "purchase"))):
                continue  # a telecom operator's capex column (network equipment), or its general-purpose servers
            for m in mentions:
                mention = MoneyMention(m.start + s, m.end + s, m.amount, m.currency, m.qualifier)
                written = cell_year(mention.start, (s, e), head, ctx)
                drafts.append(_draft(index, mention, buyer, written or year, own or written is not None, ctx, lexicon,
                                     fx, context, caption=told[len(context):]))
        elif index != first and column > 0:
            above = folded[caption.start:caption.end] if caption is not None else ""
            corner = folded[head_cells[0][0]:head_cells[0][1]] if head_cells else ""
            bare = _bare_amount(folded[s:e], folded[head[0]:head[1]], above, lexicon, corner)
            told = above + folded[head[0]:head[1]]
            if bare is not None and buyer in lexicon.network_operators and not (
                    lexicon.cues.find(told, "compute") or lexicon.cues.find(told, "purchase")):
                continue  # "三大运营商资本开支（亿元）": a telecom operator's capex is network equipment
            if bare is not None:
                amount, currency, column_year, estimate = bare
                mention = MoneyMention(s, e, amount, currency, None)
                drafts.append(_draft(index, mention, buyer, column_year or year, True, ctx, lexicon, fx,
                                     folded[key[0]:key[1]] + folded[head[0]:head[1]], estimate,
                                     caption=above))
    return drafts


def _bare_amount(cell: str, head: str, caption: str, lexicon: ZhLexicon, corner: str = "") -> tuple[float, str, int, bool] | None:
    """A bare number under a year/quarter column of a table whose caption names a spend and a unit: (amount,
    currency, the column's year, whether the column is an estimate: 2025E). The header may name the spend and the
    unit itself ("2025年资本开支预测（亿元）"), and the corner cell the unit ("公司（亿元）")."""
    column = _column_year(head)
    told = caption + head
    unit = CAPTION_UNIT.search(caption) or CAPTION_UNIT.search(head) or CAPTION_UNIT.search(corner)
    if column is None or unit is None or not lexicon.cues.find(told, "trigger") or lexicon.cues.find(told, "not_spend"):
        return None
    bare = BARE_CELL.fullmatch(cell)
    value = parse_number(bare.group("n").strip(".,")) if bare else None
    if value is None or value <= 0:
        return None
    scale = SCALES.get(unit.group("scale") or unit.group("scale2") or "", 1.0)
    currency = SUFFIX_CURRENCIES.get(unit.group("cur") or unit.group("cur2")) or default_currency(caption)
    return (value * scale, currency, *column)


def _column_year(head: str) -> tuple[int, bool] | None:
    """(year, an estimate) of a year or quarter column ("2025E", "3Q25", "FY2026E"), or of a header that names one
    year beside its measure ("2025年资本开支预测（亿元）")."""
    column = COLUMN_YEAR.match(head.strip())
    if column is not None:
        short = column.group("yy") or column.group("yy2") or column.group("fy")
        year = int(column.group("y")) if column.group("y") else 2000 + int(short)
        return year, (column.group("ae") or "").upper() == "E"
    years = set(HEAD_YEAR.findall(head))
    if len(years) == 1 and CAPTION_UNIT.search(head):
        return int(years.pop()), bool(ESTIMATE_HEAD.search(head))
    return None


def caption_of(first: int, ctx: ZhContext) -> Sentence | None:
    """The caption above the table whose header is sentence `first`: the line above it, rule lines skipped; a
    broker's caption is often a row of one filled cell over its own rule line ("| 表1：腾讯资本开支（单位：亿元） |  |
    |" then "|---|---|"), while a row of several filled cells is no caption."""
    back = first - 1
    while back >= 0 and is_rule(ctx.sentences[back].text):
        back -= 1
    if back < 0:
        return None
    above = ctx.sentences[back]
    if is_table_row(above.text) and sum(1 for s, e in cells_of(above.text, 0) if e > s) != 1:
        return None
    return above


def table_buyer(cells: list[tuple[int, int]], first: int, last: int, ctx: ZhContext, lexicon: ZhLexicon,
                caption: Sentence | None = None) -> str | None:
    """The company of the row, else the one company the caption names ("表1：腾讯资本开支"), else a buyer named
    elsewhere in the table (not under a seller column), else the article's subject."""
    in_row = [m for m in ctx.buyers if any(s <= m.start < e for s, e in cells)]
    if in_row:
        return in_row[0].name
    named_vendor = any(lexicon.role(m.name) == "vendor" for s, e in cells[:1] for m in lexicon.companies(ctx.folded[s:e]))
    if _row_of_other_company(cells, ctx):
        return None
    if caption is not None and is_table_row(caption.text):
        named = {m.name for m in ctx.buyers if caption.start <= m.start < caption.end}
        if len(named) == 1:
            return named.pop()
    spans = [span for row in range(first, last + 1) for span in buyer_cells(row, first, ctx, lexicon)]
    table = [m for m in ctx.buyers if any(s <= m.start < e for s, e in spans)]
    if table and not named_vendor:
        return table[0].name
    return ctx.subject


def buyer_cells(row: int, first: int, ctx: ZhContext, lexicon: ZhLexicon) -> list[tuple[int, int]]:
    """The cells of a row that are not under a seller column of the table's header, nor a seller row's value."""
    header, sentence = ctx.sentences[first], ctx.sentences[row]
    head_cells = cells_of(ctx.folded[header.start:header.end], header.start)
    row_cells = cells_of(ctx.folded[sentence.start:sentence.end], sentence.start)
    sellers = seller_columns(head_cells, row_cells, ctx.folded, lexicon)
    return [c for i, c in enumerate(row_cells) if i not in sellers]


def seller_columns(head_cells: list[tuple[int, int]], row_cells: list[tuple[int, int]], folded: str,
                   lexicon: ZhLexicon) -> set[int]:
    """Columns whose header names sellers (中标厂商, 供应商), and the value of a key-value row whose key does."""
    sellers = {i for i, (s, e) in enumerate(head_cells) if lexicon.cues.find(folded, "seller", s, e)}
    if len(row_cells) == 2 and lexicon.cues.find(folded, "seller", *row_cells[0]):
        sellers |= {0, 1}
    return sellers


def _row_of_other_company(cells: list[tuple[int, int]], ctx: ZhContext) -> bool:
    """A first cell that names some firm the gazetteer does not know (a row about someone else)."""
    if not cells:
        return False
    s, e = cells[0]
    return bool(re.search(r"(?:公司|集团|控股)$", ctx.folded[s:e]))


def cell_year(at: int, cell: tuple[int, int], head: tuple[int, int], ctx: ZhContext) -> int | None:
    """The year written for an amount of a cell: right before it in the cell ("（2024年约728亿元）"), else in its
    column's header ("2025E算力投入"), else None (the row's year then)."""
    before = [y for y in ctx.years if cell[0] <= y.start and y.end <= at and at - y.end <= 3 and y.explicit]
    if before:
        return before[-1].year
    header = [y for y in ctx.years if head[0] <= y.start and y.end <= head[1] and y.explicit]
    return header[0].year if len(header) == 1 else None


def table_year(cells: list[tuple[int, int]], first: int, ctx: ZhContext) -> tuple[int | None, bool]:
    """The row's year, else the table's first, else the last explicit year before the table, else the anchor's."""
    row = [y for y in ctx.years if any(s <= y.start < e for s, e in cells) and y.explicit]
    if row:
        return row[0].year, True
    start = ctx.sentences[first].start
    table = [y for y in ctx.years if y.start >= start and y.explicit and y.start < ctx.sentences[first].end + 2000]
    if table and table[0].start < _table_end(first, ctx):
        return table[0].year, True
    before = [y for y in ctx.years if y.end <= start and start - y.end <= LOOK_BACK and y.explicit]
    if before:
        return before[-1].year, False
    return (ctx.anchor.year if ctx.anchor else None), False


def _table_end(first: int, ctx: ZhContext) -> int:
    return ctx.sentences[table_block(first, ctx)[1]].end


def _draft(index: int, mention: MoneyMention, buyer: str, year: int | None, own: bool, ctx: ZhContext,
           lexicon: ZhLexicon, fx: SpendLexicon, context: str, estimate: bool = False, caption: str = "") -> ZhDraft:
    """A fact of a table cell; its type from the cell, its header and key, else from the caption above the table
    ("海西天防绿色智算中心万卡项目EPC——12.42亿元" over "| 合同估算价 | 12.42亿元 |": a data centre)."""
    sentence = ctx.sentences[index]
    vendor, model, origin = fact_chip(index, mention.start, mention.end, ctx, lexicon, buyer)
    type_cue = lexicon.cues.find(context, "spend_type") or lexicon.cues.find(caption, "spend_type")
    spend_type = type_cue[0].value if type_cue else ("chip_purchase" if lexicon.chips(context) else "ai_capex")
    planned = any(c.value == "planned" for c in lexicon.cues.find(context, "status"))  # | 合同估算价 | 6.8亿元 |
    status = "planned" if planned or estimate or (year and ctx.anchor and year > ctx.anchor.year) else "actual"
    draft = Draft(company=buyer, sentence=sentence, anchor_at=mention.start - sentence.start, year=year,
                  year_explicit=own, amount=mention.amount, currency=mention.currency,
                  amount_usd=fx.usd(mention.amount, mention.currency, year), units=None, vendor=vendor,
                  chip_model=model, spend_type=spend_type,
                  region=fact_region(index, mention.start, mention.end, origin, vendor, ctx, lexicon),
                  status=status, attribution=None, qualifier=mention.qualifier)
    return ZhDraft(draft, confidence(False, own, 0, mention.qualifier), own)
