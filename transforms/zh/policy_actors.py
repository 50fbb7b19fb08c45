"""Who acted, in a Chinese policy sentence: actor mentions, the subject of a trigger's clause, and what earlier
sentences lend a sentence that names no actor.

Chinese puts the subject first and leaves a repeated one out ("美国商务部周二宣布，将27家中国实体列入实体清单"),
so the actor of a trigger is the subject of its clause, else of the nearest clause before it that opens with
one, else the first actor of the sentence. States after a preposition (对中国) or used as modifiers (中国客户,
美国原产) do not act; a generic body (政府, 当局, 司法部) takes its state from a state word right before it or
from the body named earlier in the article; a body Chinese reporting names without a state (有关部门, 海关) is
China's; a passive without agent (被要求) is China's authorities; a sentence naming none borrows the actor of
the last two sentences, unless someone who is no state (业内人士, a company that speaks: 阿斯麦表示) opens it or it
starts a new list item; a list item takes the actor of the sentence ending in a colon that its list hangs from, and
a timeline entry naming none ("- 2023年6月30日：公布新规") the first actor the article told acting. States listed
as one subject (美国、日本和荷兰……, 中美双方) each act (`co_subjects`). Bodies the seeds do not list
(a city's government, a foreign ministry after its state) are found by their shape (transforms/zh/policy_bodies.py).
"""
from __future__ import annotations

import re
from dataclasses import replace

from transforms.policy_lexicon import ActorMention, TriggerMatch
from transforms.sentences import Sentence
from transforms.zh.lexicon import ZhLexicon
from transforms.zh.policy_bodies import local_bodies, province_lists, state_body

CLAUSE_BREAK = re.compile(r"[，,；;：:]")
# A preposition right before a mention makes it an object: 对中国、向美国、从北京、在华盛顿、与美方、就美国(……措施).
OBJECT_BEFORE = re.compile(r"(?:对|向|给|与|和|及|从|自|在|往|至|到|于|把|将|跟|同|为|替|输|赴|访|经|由于|除|就|执行|遵守|违反|违背)$")
AGENT_BEFORE = re.compile(r"(?:被|由|经)$")
# A state used as a modifier, not as an actor: 中国客户, 美国原产, 中国籍男子, 美国AI业内人士.
MODIFIER_AFTER = re.compile(r"(?:的)?(?:实体|商品|产品|企业|公司|客户|买家|买方|市场|大陆|籍|公民|境内|本土|原产|科技|AI|芯片|晶片|"
                            r"半导体|用户|业内|议员|股|团队|用途|军事|国内|本地|厂商|供应链|出口商|进口|出口|同行|巨头|"
                            r"政策|经济|监管态度|态度|方面的|特供|市场|媒体|外媒|智库|籍男子|总体|整体|货物|海关|"
                            r"大学|科学|研究院|研究所|株式会社|银行|电子|电机|重工|都政府|都厅)")
CONTEXT_REACH = 2
# A passive with its agent left out: "被要求", "被禁止", "被叫停".
PASSIVE_BEFORE = re.compile(r"被(?:要求|禁止|勒令|责令|叫停|限制|通知|告知)?$")
DOMESTIC_DEFAULT = ActorMention(0, 0, "Chinese government", "CN", "domestic", None)
# What may open a clause before its subject: dates and times, adverbs, connectives, attributions.
DATE_WORDS = re.compile(r"(?:(?:19|20)\d\d年)?(?:\d{1,2}月)?(?:\d{1,2}[日号])?(?:[（(][^（()）]{1,8}[)）])?|"
                        r"(?:今年|去年|明年|本月|上月|上周|本周|当日|当天|同日|同期|昨日|昨天|今日|日前|近日|此前|其后|随后|此后)"
                        r"(?:[初底中末]|[一二三四五六日]|上旬|中旬|下旬)?")
OPENING_WORDS = re.compile(r"(?:则|也|又|还|亦|再|而|但|且|并|即|就|更|均|都|另外|此外|同时|与此同时|不过|然而|随后|"
                           r"据悉|另据|据报|据了解|报道称|消息称|[《》“”「」]|[\u4e00-\u9fff]{1,6}(?:报道|报导|披露)称?)+")
# States listed as one subject ("美国、日本和荷兰已相继收紧……", "日本与荷兰政府先后出台……"): each acts.
JOINED = re.compile(r"\s*(?:、|和|与|及|以及|同|跟)\s*")
# States written by their initials before 双方/两国 ("中美双方同意……", "美日荷三国"): each acts.
JOINT_STATES = re.compile(r"(?P<states>[中美日荷韩欧英德法台马印]{2,4})(?:双方|两国|三国|四国|各方|三方|四方)")
STATE_INITIALS = {"中": ("China", "CN"), "美": ("United States", "US"), "日": ("Japan", "JP"), "荷": ("Netherlands", "NL"),
                  "韩": ("South Korea", "KR"), "欧": ("European Commission", "EU"), "英": ("United Kingdom", "GB"),
                  "德": ("Germany", "DE"), "法": ("France", "FR"), "台": ("Taiwan", "TW"), "马": ("Malaysia", "MY"),
                  "印": ("India", "IN")}
# A state after 与/和 that owns the measure named after it ("这与川普政府本周稍早的另一项要求……") made it.
WITH_BEFORE = re.compile(r"(?:与|和|跟|同)$")
MEASURE_OWNED = re.compile(r"[^，。；,;]{0,10}?的(?:另一项|另一|一项|新)?(?:要求|规定|措施|政策|决定|禁令|新规|命令)")
# A timeline entry: a list item that opens with its date and a colon ("- 2023年6月30日：公布新规……").
TIMELINE_ITEM = re.compile(r"\s*(?:[-*•·▪●◦–—]|\d{1,2}[.)、．]|[（(]\d{1,2}[)）])?\s*(?:(?:19|20)\d\d年)?(?:\d{1,2}月)?(?:\d{1,2}日)?"
                           r"(?:[初底中末]|上旬|中旬|下旬|起|前后|左右)?\s*[：:]")
# What a company says, right after its name (a bracketed name or code between): "阿斯麦（ASML）表示".
COMPANY_SPEAKS = re.compile(r"(?:[（(][^（()）]{1,16}[)）])?\s*(?:公司|集团)?(?:发言人)?(?:表示|称|指出|认为|回应|声明|强调|说)")
LIST_MARK = re.compile(r"\s*(?:[-*•·▪●◦–—]|\d{1,2}[.)、．]|[（(]\d{1,2}[)）])")


class ActorContext:
    """What earlier sentences tell a later one: the actor named last (for a sentence that names none), and
    the state each body was named with (司法部 after 美国司法部 is the US Department of Justice)."""

    def __init__(self) -> None:
        self.last: tuple[ActorMention, int, int] | None = None  # actor, sentence index, paragraph
        self.speaker = -1  # the index of the last sentence opened by a speaker who is no state
        self.states: dict[str, tuple[str, str]] = {}  # canonical body -> (actor as named, country)
        self.lead: ActorMention | None = None  # the actor of a sentence ending in a colon, for the list below it
        self.first: ActorMention | None = None  # the first actor named acting: whom a timeline's bare items are about

    def follow_list(self, sentence: Sentence, folded: str, actors: list[ActorMention]) -> ActorMention | None:
        """The actor a list item takes from the sentence its list hangs from ("BIS 12月2日发布新规，可以概括为：" over
        "- 新增实体。将140个实体列入实体清单"): kept while list items follow, set by a sentence ending in a colon
        that opens with an actor, dropped by any other sentence. Returns it for a list item, else None."""
        line_start = folded.rfind("\n", 0, sentence.start) + 1
        marker = LIST_MARK.match(folded, line_start)
        if marker is not None and marker.end() > line_start:
            return self.lead
        opening = [a for a in actors if a.preposition is None and a.country and a.kind != "generic"]
        self.lead = opening[0] if sentence.text.rstrip().endswith(("：", ":")) and opening else None
        return None

    def resolve(self, actors: list[ActorMention]) -> list[ActorMention]:
        """Generic bodies whose state an earlier sentence gave (司法部 after 美国司法部) get it."""
        out = []
        for actor in actors:
            if actor.kind == "generic" and not actor.country and actor.actor in self.states:
                name, country = self.states[actor.actor]
                actor = replace(actor, actor=name, country=country, kind="body")
            if actor.country and actor.kind in ("body", "person", "local", "domestic"):
                self.states.setdefault(actor.actor, (actor.actor, actor.country))
            out.append(actor)
        return out

    def note(self, actor: ActorMention, index: int, paragraph: int, named: bool = False) -> None:
        self.last = (actor, index, paragraph)
        if named and self.first is None and actor.kind != "country":
            self.first = actor

    def note_subject(self, actors: list[ActorMention], index: int, sentence: Sentence, text: str,
                     lexicon: ZhLexicon) -> None:
        """A sentence's opening actor (its subject, in its first words or opening a clause) becomes the one later
        sentences may point back to; a sentence opened by someone who is no state (业内人士认为) breaks the thread."""
        speakers = [s for s, _, n in lexicon.names.find(text[:16]) if n.kind == "speaker"]
        opens = {m.end() for m in CLAUSE_BREAK.finditer(text)}  # "国庆长假后的第一个工作日，商务部在官网连发公告"
        subjects = [a for a in actors if a.preposition is None and a.country and (a.start <= 12 or a.start in opens)]
        if subjects and (not speakers or subjects[0].start < speakers[0]):
            self.note(subjects[0], index, sentence.paragraph)
        elif speakers:
            self.speaker = index

    def recent(self, index: int, paragraph: int) -> ActorMention | None:
        """The actor named last, for a sentence naming none: within two sentences and one paragraph, and
        not across a sentence opened by a speaker who is no state."""
        if self.last is None or self.speaker == index:
            return None
        actor, at, at_paragraph = self.last
        if index - at > CONTEXT_REACH or paragraph - at_paragraph > 1 or self.speaker > at:
            return None
        return replace(actor, start=0, end=0, kind="context", preposition=None)


def speaker_opens(text: str, actors: list[ActorMention], lexicon: ZhLexicon) -> bool:
    """The sentence is opened by someone who is no state (业界人士认为, 分析师指出), or by a company that speaks
    ("阿斯麦表示，新规不会……"), before any actor."""
    speakers = [s for s, _, n in lexicon.names.find(text[:16]) if n.kind == "speaker"]
    speakers += [s for s, e, n in lexicon.names.find(text[:24]) if n.kind == "company" and COMPANY_SPEAKS.match(text, e)]
    return bool(speakers) and not any(a.start < min(speakers) for a in actors)


def starts_item(sentence: Sentence, folded: str, context: ActorContext) -> bool:
    """The first sentence of a list item ("4. 口岸查验收紧。"): a new point, which the actor named in an
    earlier paragraph does not reach."""
    line_start = folded.rfind("\n", 0, sentence.start) + 1
    marker = LIST_MARK.match(folded, line_start)
    return (context.last is not None and context.last[2] < sentence.paragraph and marker is not None
            and marker.end() <= sentence.start and folded[line_start:sentence.start].strip() != "")


def sentence_actors(text: str, lexicon: ZhLexicon) -> list[ActorMention]:
    """Actor mentions of a folded sentence; a state used as a modifier is left out, and a preposition
    before a mention is kept ("by" for an agent: 被美国商务部列入)."""
    found = []
    names = [(start, end, named) for start, end, named in lexicon.names.find(text) if named.kind == "actor"]
    for start, end, named in names:
        name, kind = named.name, named.actor_kind
        body = state_body(text, end) if kind == "country" else None
        if body and any(end <= s < end + len(body) for s, _, _ in names):
            body = None  # 中国工信部: the listed body after the state speaks for itself
        if body:
            name, kind, end = f"{named.name} {body}", "body", end + len(body)  # 荷兰经济事务大臣: the state's body
        elif kind == "country" and MODIFIER_AFTER.match(text, end):
            continue
        prep = "by" if AGENT_BEFORE.search(text, 0, start) else ("object" if OBJECT_BEFORE.search(text, 0, start) else None)
        if prep == "object" and WITH_BEFORE.search(text, 0, start) and MEASURE_OWNED.match(text, end):
            prep = None  # "这与川普政府本周稍早的另一项要求环环相扣": whose requirement it is
        found.append(ActorMention(start, end, name, named.country, kind, prep))
    locals_ = local_bodies(text, [a for a in found if a.kind not in ("generic", "domestic")])
    for local in locals_ + province_lists(text, lexicon.org_names.provinces):
        prep = "by" if AGENT_BEFORE.search(text, 0, local.start) else ("object" if OBJECT_BEFORE.search(text, 0, local.start) else None)
        found = [a for a in found if not (a.start < local.end and local.start < a.end)]  # 政府 of 芜湖市政府
        found.append(replace(local, preposition=prep))
    for joint in JOINT_STATES.finditer(text):
        prep = "object" if OBJECT_BEFORE.search(text, 0, joint.start()) else None
        found = [a for a in found if not (a.start < joint.end() and joint.start() < a.end)]
        found.extend(ActorMention(joint.start() + i, joint.start() + i + 1, *STATE_INITIALS[ch], "country", prep, "joint")
                     for i, ch in enumerate(joint["states"]))
    found.sort(key=lambda a: a.start)
    resolved = []
    for i, mention in enumerate(found):
        if mention.kind in ("generic", "domestic"):
            state = next((o for o in reversed(found[:i]) if o.end >= mention.start - 1 and o.country), None)
            if state is not None:
                mention = replace(mention, country=state.country, actor=f"{state.actor} {mention.actor}"
                                  if mention.kind == "generic" else mention.actor)
        resolved.append(mention)
    return resolved


def choose_actor(trig: TriggerMatch, actors: list[ActorMention], text: str, context: ActorContext,
                 index: int, paragraph: int, companies: list, opened_by_speaker: bool = False,
                 lead: ActorMention | None = None, timeline: bool = False) -> tuple[ActorMention | None, bool]:
    """(actor, named in the sentence) for a trigger: the subject of the trigger's clause, else of the nearest
    clause before it that opens with one (Chinese leaves a repeated subject out: "美国商务部周二宣布，将27家
    中国实体列入实体清单"), else the first actor of the sentence before the trigger; then the context; an entry
    of a timeline (`timeline`) naming none is about the first actor the article told acting."""
    before = [a for a in actors if a.end <= trig.start and a.preposition != "object"]
    before = [a for a in before if a.country or a.kind != "generic"]
    starts = [0] + [m.end() for m in CLAUSE_BREAK.finditer(text, 0, trig.start)]
    for clause_start in reversed(starts):
        subjects = [a for a in before if a.start >= clause_start and opens_clause(text, clause_start, a.start)]
        if subjects:
            return subjects[0], True
    if before:
        bodies = [a for a in before if a.kind != "country"]
        return (bodies or before)[0], True
    clause_start = starts[-1]
    if any(c.end <= trig.start and c.start >= clause_start and not OBJECT_BEFORE.search(text, 0, c.start) for c in companies):
        return None, False  # a company is the subject: "英伟达随之停止供货"
    if lead is not None:
        return replace(lead, start=0, end=0, kind="context", preposition=None), False
    recent = context.recent(index, paragraph) if not opened_by_speaker else None
    if recent is not None:
        return recent, False
    if timeline and context.first is not None:  # "- 2023年6月30日：公布新规": the story's actor, on its timeline
        return replace(context.first, start=0, end=0, kind="context", preposition=None), False
    if PASSIVE_BEFORE.search(text, max(0, trig.start - 4), trig.start):
        return DOMESTIC_DEFAULT, False  # "被要求只采用国产芯片": Chinese reporting leaves China's authorities unnamed
    return None, False


def co_subjects(actor: ActorMention, actors: list[ActorMention], text: str, trig: TriggerMatch) -> list[ActorMention]:
    """The states listed with a trigger's subject, before the trigger ("美国、日本和荷兰已相继收紧……": Japan and the
    Netherlands besides the United States; "中美双方同意……"): each is an actor of the act too."""
    out: list[ActorMention] = []
    previous = actor
    for mention in (a for a in actors if a.start >= actor.end and a.end <= trig.start):
        joint = mention.basis == "joint" and previous.basis == "joint" and mention.start == previous.end
        if not (joint or JOINED.fullmatch(text, previous.end, mention.start)):
            break
        if mention.country and mention.country != actor.country and mention.country not in {o.country for o in out}:
            out.append(replace(mention, preposition=None))
        previous = mention
    return out


def opens_clause(text: str, clause_start: int, at: int) -> bool:
    """Whether only time words, adverbs and connectives stand between a clause's start and `at`."""
    gap = DATE_WORDS.sub("", text[clause_start:at]).strip()
    return not gap or bool(OPENING_WORDS.fullmatch(gap))
