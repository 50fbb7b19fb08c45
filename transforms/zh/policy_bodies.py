"""State bodies a Chinese sentence names that the vocabularies do not list, found by their shape.

- A city's or a province's government or bureau (廊坊市政府办公室, 扬州市人民政府, 某某省发改委, 某某市数据局): China's,
  a local actor (its acts are kept apart from the state's and from other places'), named in English by the
  place in pinyin ("Langfang municipal government"). The place is the two characters before 市/省, the length
  of most prefecture and province names, or three or four when a clause break, a preposition or a digit comes
  right before those (呼和浩特市政府, 石家庄市); a listed place (北京市, 贵州省) keeps its own name from the seeds. The
  five autonomous regions are named whole (内蒙古自治区人民政府办公厅: "Neimenggu regional government").
- A list of provinces (甘肃、贵州、内蒙古等能源富集省份, 宁夏和青海等地): their governments together, a local actor
  ("Chinese local government"), where the names alone would read as places (or 北京 as the state).
- A foreign state's ministry or minister written right after the state (荷兰经济事务大臣, 韩国产业通商资源部): the
  state's own body, where "荷兰经济" alone would read as a state used as a modifier (中国经济).
"""
from __future__ import annotations

import re

from transforms.policy_lexicon import ActorMention

LOCAL_BODY = re.compile(
    r"(?:(?P<place>[\u4e00-\u9fff]{2})(?P<level>市|省)|(?P<region>内蒙古|广西|西藏|宁夏|新疆)(?:壮族|回族|维吾尔)?(?P<auto>自治区))(?:人民)?"
    r"(?:政府(?:办公室|办公厅)?|发改委|发展和改革委员会|经信局|经信委|经济和信息化局|工信局|工业和信息化局|数据局|"
    r"大数据局|财政局|财政厅|商务局|商务厅|科技局|科技厅|工信厅|工业和信息化厅)")
# Characters that cannot open a place name: prepositions, conjunctions and the end of a date before it.
NOT_PLACE = re.compile(r"[由在对与和及经据将向于是为的了年月日从自把同跟让请]")
MAX_PLACE = 4  # 呼和浩特
PLACE_STOP = "天周今昨近前后该本此省市区县"  # time words, pointers and levels before a place: 昨天廊坊市, 河北省石家庄市
HAN = re.compile(r"[\u4e00-\u9fff]")
LEVEL_NAME = {"市": "municipal government", "省": "provincial government", "自治区": "regional government"}
# A ministry or minister right after a state's name: up to six characters of its field, then the body word
# (部 but not 部分/部署/部件/部门, nor 总部 or a region such as 西部; 省 but not 省份 or 节省).
STATE_BODY_AFTER = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:部长|大臣|(?<![总东南西北中内外全局本干])部(?![分署件门位队落])|"
                              r"(?<!节)省(?![份电钱])|委员会)")


def local_bodies(text: str, taken: list[ActorMention]) -> list[ActorMention]:
    """Unlisted city and province bodies of a folded sentence, leaving out places an actor of `taken` covers."""
    found = []
    for m in LOCAL_BODY.finditer(text):
        if (m["place"] and NOT_PLACE.match(m["place"])) or any(a.start < m.end() and m.start() < a.end for a in taken):
            continue
        start, place = (m.start(), m["region"]) if m["region"] else longer_place(text, m.start())
        if any(a.start < m.end() and start < a.end for a in taken):
            continue
        name = f"{place_name(place)} {LEVEL_NAME[m['level'] or m['auto']]}"
        found.append(ActorMention(start, m.end(), name, "CN", "local", None))
    return found

# Between two listed provinces: 、 or a conjunction; after the list, 等 and the kind of place it is.
LIST_JOIN = "(?:、|和|及|与|以及)"
LIST_TAIL = r"(?:省|市|自治区)?(?:等(?:[\u4e00-\u9fff]{0,6}?(?:省份|省区|省市|地区|地方|地))?)?"


def province_lists(text: str, provinces: tuple[str, ...]) -> list[ActorMention]:
    """Lists of two or more provinces of a folded sentence (`provinces`: names from seeds/org_names_zh.csv), each
    one actor: China's local governments."""
    if not provinces:
        return []
    name = "(?:" + "|".join(map(re.escape, provinces)) + ")(?:省|市|自治区)?"
    pattern = re.compile(f"{name}(?:{LIST_JOIN}{name})+{LIST_TAIL}")
    return [ActorMention(m.start(), m.end(), "Chinese local government", "CN", "local", None)
            for m in pattern.finditer(text)]


def longer_place(text: str, start: int) -> tuple[int, str]:
    """The place whose last two characters open at `start`, taking the one or two Han characters before them
    when a clause break, a preposition or a digit comes right before those (呼和浩特市, 在石家庄市; not 昨天廊坊市)."""
    begin = start
    while begin > max(0, start - (MAX_PLACE - 2)) and HAN.match(text[begin - 1]) and text[begin - 1] not in PLACE_STOP:
        begin -= 1
    while begin < start and NOT_PLACE.match(text[begin]):
        begin += 1  # a place does not open with a preposition or a conjunction
    if begin < start and begin > 0 and HAN.match(text[begin - 1]) and not NOT_PLACE.match(text[begin - 1]) \
            and text[begin - 1] not in "省市区县":
        begin = start  # more Han characters before: no clear edge, keep the two
    return begin, text[begin:start + 2]


def place_name(place: str) -> str:
    """A place in pinyin, one word: 廊坊 -> Langfang."""
    from pypinyin import lazy_pinyin  # loaded on first use (transforms/zh/organisations.py does the same)
    return "".join(lazy_pinyin(place)).capitalize()


def state_body(text: str, end: int) -> str | None:
    """The ministry or minister written right after a state's name ending at `end` ("经济事务大臣"), else None."""
    m = STATE_BODY_AFTER.match(text, end)
    return m.group() if m else None


def is_local(actor: str, listed: frozenset[str]) -> bool:
    """A province's or city's actor: listed as local in the seeds, or found by local_bodies."""
    return actor in listed or actor.endswith(tuple(LEVEL_NAME.values()))
