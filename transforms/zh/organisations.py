"""Companies the seeds do not list, found by the form of their names and named in English.

Chinese reports name many buyers no gazetteer can know: the project company behind a tender
(海西天防科技有限公司), a small listed firm (协创数据（300857.SZ）). Their names have a form of their own:

- a registered name ends with its legal form (有限公司, 股份有限公司) and begins after a clause break, a number or
  a word that opens an object or a new subject (收到, 向, 由, 旗下的, 子公司 ...);
- a listed company is followed by its stock code in brackets (中贝通信（603220）, 金山云（3896）);
- later mentions repeat the short name (协创数据) or the trade name (海西天防).

The English name is the trade name in pinyin (pypinyin), two syllables a word, then the line of business in
English, the legal form and a leading province left out (seeds/org_names_zh.csv):
"新疆新星市国信文正数据科技有限公司" -> "Xinxing Guoxin Wenzheng Data Technology". A name holding a company the
seeds know (中国移动通信集团终端有限公司) is that company's, found by the gazetteer; one opening with 中国/国家/中央
is a state firm whose English name is no transliteration: it is found without a name, so that its figures are
given to no other company.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping

from transforms.entities import EntityMention

HAN_OR_BRACKET = re.compile(r"[\u4e00-\u9fff（）()]")
STOCK_CODE = re.compile(r"[（(]\s*(?:\d{6}|\d{4,5})(?:\.(?:SZ|SH|HK|BJ|sz|sh|hk|bj))?\s*[）)]")
# Words after which a name begins: an object's verb or preposition, a possessive, a parent company.
# (Characters common inside names, such as 和, 为 and 据 of 数据, are no such words.)
NAME_OPENS_AFTER = re.compile(r"(?:收到|发出|向|由|与|及|是|被|对|给|将|把|从|在|联合|旗下的|旗下|"
                              r"子公司|孙公司|公司|发布|公布|宣布|称|的|即|委托|中标|包括|其中)")
# What ends a province's or a municipality's name ("贵州省", "北京市", "广西壮族自治区").
PROVINCE_SUFFIX = re.compile(r"^(?:省|市|(?:壮族|回族|维吾尔)?自治区|特别行政区)")
CITY = re.compile(r"^([\u4e00-\u9fff]{2,3})(?:市|县|区)")
BRACKETED_PLACE = re.compile(r"[（(]([\u4e00-\u9fff]{2,4})[）)]")
STATE_FIRM = re.compile(r"^(?:中国|中華|中华|国家|中央)")
MAX_NAME = 24        # characters of a registered name before its legal form
MAX_SHORT = 6        # characters of a listed company's short name
MIN_REPEATED = 3     # a trade name repeated alone must be at least this long to count as a mention


@dataclass(frozen=True)
class OrgNames:
    """The parts of seeds/org_names_zh.csv: legal forms, lines of business (with English), provinces."""

    legal: tuple[str, ...]
    business: Mapping[str, str]
    provinces: tuple[str, ...]

    @property
    def legal_pattern(self) -> re.Pattern:
        return re.compile("|".join(map(re.escape, sorted(self.legal, key=len, reverse=True))) or r"(?!)")


def build_org_names(rows: Iterable[Mapping[str, str]], fold) -> OrgNames:
    """OrgNames from the seed rows (`fold`: the traditional -> simplified folding)."""
    legal, business, provinces = [], {}, []
    for row in rows:
        part, kind = fold(row["part"]), row["kind"]
        if kind == "legal":
            legal.append(part)
        elif kind == "business":
            business[part] = row.get("english") or ""
        elif kind == "province":
            provinces.append(part)
        else:
            raise ValueError(f"org_names_zh.csv: part {part!r} has unknown kind {kind!r}")
    return OrgNames(tuple(legal), business, tuple(sorted(provinces, key=len, reverse=True)))


def find_organisations(folded: str, known: list[EntityMention], names: OrgNames) -> list[EntityMention]:
    """Mentions of companies the seeds do not list, with English names, in order, overlapping no `known`
    mention (the gazetteer's) and no other. A state firm (中国民航信息网络股份有限公司) is found with the name ""
    ("a company this grammar cannot name"): it is still the subject of its sentence, but gives no row."""
    written: dict[str, str] = {}  # a name as written -> English ("" for a state firm: a buyer with no name here)
    for start, end in _registered_spans(folded, names) + _listed_spans(folded):
        if any(m.start < end and start < m.end for m in known):
            continue
        raw = folded[start:end]
        english, short_forms = english_name(raw, names)
        written[raw] = english
        for form in short_forms:
            written.setdefault(form, english)
    if not written:
        return []
    pattern = re.compile("|".join(map(re.escape, sorted(written, key=len, reverse=True))))
    found: list[EntityMention] = []
    for m in pattern.finditer(folded):
        if not any(k.start < m.end() and m.start() < k.end for k in known):
            found.append(EntityMention(m.start(), m.end(), written[m.group()], "company"))
    return found


def _registered_spans(folded: str, names: OrgNames) -> list[tuple[int, int]]:
    spans = []
    for legal in names.legal_pattern.finditer(folded):
        start = legal.start()
        while start > 0 and legal.start() - start < MAX_NAME and HAN_OR_BRACKET.match(folded, start - 1):
            start -= 1
        start = _after_opening_word(folded, start, legal.start())
        if legal.start() - start >= 2:
            spans.append((start, legal.end()))
    return spans


def _listed_spans(folded: str) -> list[tuple[int, int]]:
    spans = []
    for code in STOCK_CODE.finditer(folded):
        start = code.start()
        while start > 0 and code.start() - start < MAX_SHORT and "\u4e00" <= folded[start - 1] <= "\u9fff":
            start -= 1
        start = _after_opening_word(folded, start, code.start())
        if code.start() - start >= 2:
            spans.append((start, code.start()))
    return spans


def _after_opening_word(folded: str, start: int, end: int) -> int:
    """Where the name begins: after the last word in [start, end) that opens one."""
    cut = start
    for m in NAME_OPENS_AFTER.finditer(folded, start, end):
        if end - m.end() >= 2:
            cut = m.end()
    return cut


def english_name(raw: str, names: OrgNames) -> tuple[str, list[str]]:
    """("Haixi Tianfang Technology", forms a later mention may take) for a name as written, or ("", [])."""
    body = names.legal_pattern.sub("", raw)
    if STATE_FIRM.match(body):
        return "", []
    place = ""
    bracket = BRACKETED_PLACE.search(body)
    if bracket is not None:  # "国投汇恒（北京）": a place; "上海国盛（集团）": a word of the name, left out
        if bracket.group(1) in names.provinces or bracket.group(1).endswith("市"):
            place = f" ({_words(bracket.group(1).removesuffix('市'))})"
        body = body[:bracket.start()] + body[bracket.end():]
    for province in names.provinces:
        if body.startswith(province) and len(body) - len(province) >= 4:
            body = PROVINCE_SUFFIX.sub("", body[len(province):], count=1)  # "贵州省大数据……": 省 goes with 贵州
            break
    city = CITY.match(body)
    city_word = _words(city.group(1)) if city else ""
    rest = body[city.end():] if city else body
    business = next((b for b in sorted(names.business, key=len, reverse=True) if rest.endswith(b)), "")
    trade = rest[:len(rest) - len(business)] if business else rest
    if not 2 <= len(trade) <= 8 or not all("\u4e00" <= ch <= "\u9fff" for ch in trade):
        return "", []
    parts = [w for w in (city_word, _words(trade), names.business.get(business, "")) if w]
    forms = [body] if body != raw else []
    forms += [city.group(0) + trade] if city else []
    forms += [trade] if len(trade) >= MIN_REPEATED or (len(trade) >= 2 and not business) else []
    return " ".join(parts) + place, forms


def _words(han: str) -> str:
    """Pinyin, two syllables a word, each word capitalised ("国信文正" -> "Guoxin Wenzheng")."""
    from pypinyin import lazy_pinyin  # loaded on first use: its dictionaries take a third of a second

    syllables = lazy_pinyin(han)
    words = ["".join(syllables[i:i + 2]) for i in range(0, len(syllables), 2)]
    if len(words) > 1 and len(syllables) % 2:
        words[-2:] = [words[-2] + words[-1]]
    return " ".join(w.capitalize() for w in words)
