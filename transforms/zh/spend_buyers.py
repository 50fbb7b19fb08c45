"""Who spends, in a Chinese spend sentence: the buyer of a figure, the company an article is about, and whether
a telecom operator's figure is compute spend (transforms/zh/spend.py asks for these).

The buyer is the nearest buyer company before the figure in its sentence, unless it is the object of a
preposition (向寒武纪采购: Cambricon sells; but 向腾讯出售: Tencent buys) or wins a bid (由浪潮等厂商得标: Inspur sells); every listed company
when the figure is for each of them (各自), none when it is their total (合计), and one each in order when as many
figures are told respectively (阿里巴巴、腾讯和百度……分别为1200亿元、900亿元和200亿元). Chinese drops subjects it can
recover, so a sentence that names none takes the first buyer of the sentences before it in its paragraph, or,
when it or its paragraph points back (该公司, 集团, 这次集采, an executive speaking, 本季度资本开支 ...), the last
buyer named before it, else the article's main subject; so does a field line of a notice (项目规模：……). A record's
heading that names no buyer takes the one of the buyer's field line below it (招标人：……). A vendor subject (英伟达预期 ...) or a spender that is no
company (国家, 市场, 中国科技企业) gives no buyer.
"""
from __future__ import annotations

import re

from transforms.entities import EntityMention
from transforms.models import Article
from transforms.zh.lexicon import ZhLexicon
from transforms.zh.script import fold
from transforms.zh.spend_fields import CLAUSE_BREAK, ZhContext, paragraph_of

TOPIC_REACH = 3  # paragraphs back in which a pro-dropped subject is looked for
RECORD_REACH = 10  # paragraphs back in which a field line of a notice finds the heading of its record
# A company right after a preposition is an object ("向寒武纪采购", "落后于阿里巴巴"), not the subject.
OBJECT_BEFORE = re.compile(r"(?:向|从|對|对|给|給|替|把|跟|较|比|于|於|与其|和其|由)$")
LIST_JOINER = re.compile(r"^\s*(?:、|和|与|及|以及|，|,|跟|同)\s*$")
# The vendor names the product ("英伟达H20", "英伟达芯片", "英伟达的GPU"): then it is no subject.
VENDOR_AS_MODIFIER = re.compile(r"(?:的)?\s*[「“《\"]?(?:[A-Za-z0-9\- ]{2,12}|芯片|晶片|GPU|处理器|加速卡|产品|高端芯片|AI芯片|"
                               r"生态|昇腾|设备|服务器)")
# A company that wins a bid is a seller: "由中兴通讯、新华三、浪潮等三家厂商得标", "中兴通讯以19284万元中标".
WINS_BID = re.compile(r"[^，。；,;]{0,16}?(?:中标|得标)(?!人|候选|通知|公告|结果)")
# ... or after the list it opens, its name's tail included (中兴 of 中兴通讯、新华三、浪潮等三家厂商得标)
WINS_BID_AFTER_LIST = re.compile(r"[^，。；,;、\s]{0,4}?(?:\s*[、和及与]\s*[^，。；,;、\s]{1,12}?){0,8}" + WINS_BID.pattern)
# A company that is sold to ("向腾讯出售", "为字节跳动交付") buys.
RECEIVER_BEFORE = re.compile(r"(?:向|给|为)$")
SOLD_TO_AFTER = re.compile(r"\s*(?:[^，。；,;]{0,6}?)(?:交付|出售|销售|供应|供货|交货|售出|卖出|出货)")
RESPECTIVELY = re.compile(r"分别|依次")
# A money line of a notice's record ("项目规模：……", "採購金額：……", "标包构成：……"): it goes on about the record
# above, whose buyer it keeps (a company as the label, "中兴通讯：约8.85亿元", is no field of the record).
FIELD_LINE = re.compile(r"\s*[\u4e00-\u9fff]{0,4}(?:规模|金额|预算|总额|总投资|投资额|构成|更正事项|更正内容|变更内容)[：:]")
RECORD_FIELD = re.compile(r"\s*[\u4e00-\u9fff]{2,6}[：:]")  # any field of the record (采购人：……), above its heading
# After the company that opens the credit line of a quote: its speaker's title and name, then a saying verb.
QUOTE_CREDIT = re.compile(r"[^，。；,;“”「」]{0,24}?(?:说|說|表示|称|稱|介绍|介紹|指出|透露|坦言)")
# A company's capital spending as a whole: pointing back at a compute project does not make it compute spend
# ("……万卡GPU集群。集团2024年资本开支约1640亿元").
TOTAL_CAPEX = re.compile(r"资本开支|资本支出|资本性支出|资本开销")
# General-purpose servers, which an operator buys for its network cloud and which are no AI compute; a purchase of
# them counts only when AI compute is named beside them (AI服务器, 智算, 推理型).
GENERAL_SERVERS = re.compile(r"通用(?:计算型?)?(?:服务器|伺服器)|计算型(?:服务器|伺服器)|通用计算设备|通用算力服务器")
AI_COMPUTE = re.compile(r"AI|人工智能|智算|智能算力|GPU|推理|训练|加速|昇腾|大模型", re.I)
# A field line naming a record's buyer (the party that tenders or buys), and how far below its heading it may be.
BUYER_FIELD = re.compile(r"\s*(?:招标人|招標人|采购人|採購人|采购单位|採購單位|招标单位|招標單位|建设单位|建設單位|业主单位|業主單位|项目业主)[：:]\s*")
RECORD_BELOW = 3
SPEND_SUBJECT = re.compile(r"^\W{0,3}(?:本季度?|当季|全年|今年|上季度)?(?:的)?(?:资本开支|资本支出)")


def main_subject(article: Article, folded: str, lexicon: ZhLexicon, unlisted: list[EntityMention] = ()) -> str | None:
    """The buyer the article is about: most mentioned, the title and opening counting triple (companies the
    seeds do not list count by their mentions in the text)."""
    scores: dict[str, float] = {}
    opening = fold(article.title or "") + "\n" + folded[:200]
    for text, weight in ((opening, 3.0), (folded, 1.0)):
        for m in lexicon.companies(text):
            if lexicon.role(m.name) != "vendor":
                scores[m.name] = scores.get(m.name, 0.0) + weight
    for m in unlisted:
        if m.name:
            scores[m.name] = scores.get(m.name, 0.0) + (4.0 if m.start < 200 else 1.0)
    return max(scores, key=lambda name: scores[name]) if scores else None


def buyers(index: int, at: int, ctx: ZhContext, lexicon: ZhLexicon, figures: tuple[int, ...] = ()) -> list[tuple[str, bool]]:
    """(buyer, named in the sentence) for a figure at absolute offset `at` (see the module docstring); `figures`:
    where the sentence's figures of the same kind start, for figures told respectively (分别为) of listed companies."""
    sentence = ctx.sentences[index]
    folded = ctx.folded
    before = [m for m in ctx.buyers if sentence.start <= m.start and m.end <= at]
    sellers = lexicon.cues.find(folded, "seller", sentence.start, at)
    before = [m for m in before if not any(0 <= m.start - s.end <= 2 for s in sellers)]
    if before:
        group = listed_group(before, folded)
        between = (group[-1].end, at)
        if len(group) > 1 and lexicon.cues.find(folded, "combined", *between):
            return []
        respectively = RESPECTIVELY.search(folded, *between)
        if len(group) > 1 and respectively:  # "阿里巴巴、腾讯和百度……分别为1200亿元、900亿元和200亿元"
            listed = [f for f in figures if f >= respectively.end()]
            if len(listed) == len(group) and at in listed:
                return [(group[listed.index(at)].name, True)]
        if len(group) > 1 and lexicon.cues.find(folded, "each", *between):
            return [(m.name, True) for m in dict((m.name, m) for m in group).values()]
        receivers = [m for m in before if RECEIVER_BEFORE.search(folded, max(0, m.start - 1), m.start)
                     and SOLD_TO_AFTER.match(folded, m.end)]
        if receivers:  # "英伟达向腾讯出售了……H20芯片": the company sold to buys
            return [(receivers[-1].name, True)]
        subjects = [m for m in before if not OBJECT_BEFORE.search(folded, max(0, m.start - 2), m.start)]
        if subjects:
            return [(subjects[-1].name, True)]
    vendors = [m for m in lexicon.companies(folded[sentence.start:at]) if lexicon.role(m.name) == "vendor"]
    if any(not OBJECT_BEFORE.search(folded, max(0, sentence.start + v.start - 2), sentence.start + v.start)
           and not VENDOR_AS_MODIFIER.match(folded, sentence.start + v.end) for v in vendors):
        return []  # "英伟达原本预期中国订单可逾100万颗": the vendor speaks of its own business
    if lexicon.cues.find(folded, "other_spender", sentence.start, at):
        return []
    for back in range(index - 1, -1, -1):
        previous = ctx.sentences[back]
        if previous.paragraph != sentence.paragraph:
            break
        named = [m for m in ctx.buyers if previous.start <= m.start < previous.end]
        if named:
            return [(named[0].name, False)]
    tenderer = record_buyer(index, ctx)
    if tenderer is not None:  # "2. ……智算中心（八标段） 资金8.5亿元\n招标人：……数据科技有限公司"
        return [(tenderer, False)]
    speaker = quote_speaker(index, ctx)
    if speaker is not None:  # "“今年我们的算力投资是……亿元。”中国移动总经理说": the speaker's company
        return [(speaker, False)]
    head = folded[sentence.start:at]
    opening = paragraph_start(index, ctx)  # "这次集采分为六个标包。标包5、6……约34亿元": the paragraph points back
    points_back = bool(lexicon.cues.find(folded, "anaphor", opening, sentence.end) or SPEND_SUBJECT.match(head)
                       or FIELD_LINE.match(folded, opening))
    if points_back:
        recent = [m for m in ctx.buyers if m.end <= sentence.start
                  and paragraph_of(ctx, m.start) >= sentence.paragraph - TOPIC_REACH]
        if recent:
            return [(recent[-1].name, False)]
        if ctx.subject:
            return [(ctx.subject, False)]
    return []


def record_buyer(index: int, ctx: ZhContext) -> str | None:
    """The buyer a record's heading leaves to the field line below it ("3. ……算力中心EPC项目 预算7.8亿元" over
    "招标人：国投汇恒（北京）投资控股有限公司"): the company named first on a buyer's field line (招标人, 采购人,
    建设单位) within RECORD_BELOW paragraphs under the heading, before any other heading."""
    sentence = ctx.sentences[index]
    if BUYER_FIELD.match(ctx.folded, paragraph_start(index, ctx)):
        return None
    for at in range(index + 1, len(ctx.sentences)):
        below = ctx.sentences[at]
        if below.paragraph > sentence.paragraph + RECORD_BELOW:
            break
        if below.paragraph == ctx.sentences[at - 1].paragraph:
            continue  # only a paragraph's first sentence opens a line
        field = BUYER_FIELD.match(ctx.folded, paragraph_start(at, ctx))
        if field is None:
            if RECORD_FIELD.match(ctx.folded, paragraph_start(at, ctx)):
                continue
            break
        named = [m for m in ctx.buyers if field.end() <= m.start < below.end]
        return named[0].name if named else None
    return None


def quote_speaker(index: int, ctx: ZhContext) -> str | None:
    """The company of the speaker a quote is credited to right after it closes ("“……373亿元。”中国移动总经理何飚说"):
    the buyer named at the start of the text after the closing mark, when a saying verb follows it there."""
    sentence = ctx.sentences[index]
    closing = sentence.end
    while closing < len(ctx.folded) and ctx.folded[closing] in " 」』":
        closing += 1
    if not ctx.folded[sentence.start:closing].rstrip().endswith(("”", "」", "’", "』")):
        return None
    after = next((m for m in ctx.buyers if closing <= m.start <= closing + 2), None)
    if after is None or not QUOTE_CREDIT.match(ctx.folded, after.end):
        return None
    return after.name


def general_servers(text: str) -> bool:
    """The text buys general-purpose servers (通用服务器, 计算型服务器) and names no AI compute beside them."""
    return bool(GENERAL_SERVERS.search(text)) and not AI_COMPUTE.search(GENERAL_SERVERS.sub("", text))


def without_bid_winners(companies: list[EntityMention], folded: str) -> list[EntityMention]:
    """The companies that do not win a bid: a company wins when the bid is won right after it, or after the list
    it opens ("由中兴通讯、新华三、浪潮等三家传统服务器厂商得标": all three sell, listed by the seeds or not)."""
    return [m for m in companies if not WINS_BID_AFTER_LIST.match(folded, m.end)]


def paragraph_start(index: int, ctx: ZhContext) -> int:
    """Where the paragraph of sentence `index` begins."""
    first = index
    while first > 0 and ctx.sentences[first - 1].paragraph == ctx.sentences[index].paragraph:
        first -= 1
    return ctx.sentences[first].start


def listed_group(mentions: list[EntityMention], folded: str) -> list[EntityMention]:
    """The run of companies ending with the last mention, joined by 、/和/与."""
    group = [mentions[-1]]
    for previous in reversed(mentions[:-1]):
        if LIST_JOINER.match(folded[previous.end:group[0].start]):
            group.insert(0, previous)
        else:
            break
    return group


def record_heading(index: int, ctx: ZhContext) -> tuple[int, int]:
    """(start, end) of the heading of the record a notice's field line belongs to: the paragraph above its run of
    field lines, at most RECORD_REACH paragraphs up; empty when there is none."""
    for back in range(index - 1, -1, -1):
        previous = ctx.sentences[back]
        if previous.paragraph < ctx.sentences[index].paragraph - RECORD_REACH:
            break
        start = paragraph_start(back, ctx)
        if not RECORD_FIELD.match(ctx.folded, start):
            end = ctx.folded.find("\n", start)
            return start, end if end >= 0 else previous.end
    return 0, 0


def compute_spend(start: int, end: int, index: int, ctx: ZhContext, lexicon: ZhLexicon) -> bool:
    """A network operator's figure is compute spend, unless its sentence buys general-purpose servers only
    (计算型服务器, 通用服务器), when its clause names compute ("算力网络投资预算为三百七十三
    亿元", "AI方面的投入已超过百亿元"), its sentence tells a purchase ("本次集采总金额超过50亿元"), it compares with
    a compute figure of its sentence, it points back at a compute project ("该项目总投资20亿元"; not the company's capital
    spending as a whole, "集团资本开支1640亿元"), or it is a field line
    of a notice whose record names compute or a purchase (……集中采购\n项目规模：合计金额超过50亿元)."""
    folded = ctx.folded
    sentence = ctx.sentences[index]
    if general_servers(folded[sentence.start:sentence.end]):
        return False  # "本项目合计采购计算型服务器8581台，……金额合计约20亿元": no AI compute
    lo = max([sentence.start] + [m.end() for m in CLAUSE_BREAK.finditer(folded, sentence.start, start)])
    stop = CLAUSE_BREAK.search(folded, end, sentence.end)
    hi = stop.start() if stop else sentence.end
    if lexicon.cues.find(folded, "compute", lo, hi) or lexicon.cues.find(folded, "purchase", sentence.start, sentence.end):
        return True
    if lexicon.cues.find(folded, "comparison", max(lo, start - 12), start):  # "较去年的180亿元": as its sentence's
        return bool(lexicon.cues.find(folded, "compute", sentence.start, sentence.end))
    if FIELD_LINE.match(folded, paragraph_start(index, ctx)):  # "……推理设备集中采购\n项目规模：合计金额超过50亿元"
        heading = record_heading(index, ctx)
        return bool(lexicon.cues.find(folded, "compute", *heading) or lexicon.cues.find(folded, "purchase", *heading))
    previous = ctx.sentences[index - 1] if index > 0 else None  # "中国电信鄱阳湖智算中心。……该项目总投资20亿元"
    return (previous is not None and previous.paragraph == sentence.paragraph
            and bool(lexicon.cues.find(folded, "anaphor", lo, start)) and not TOTAL_CAPEX.search(folded, lo, start)
            and bool(lexicon.cues.find(folded, "compute", previous.start, previous.end)))
