"""Policy events from a Chinese article: the same PolicyEvent rows, canonical actors and countries as English.

Triggers come from seeds/policy_triggers_zh.csv (folded, so one phrase serves both scripts), actors from the
`actor` rows of seeds/aliases_zh.csv, dates from transforms.zh.dates. An article is read only when it is about
the chip trade: a word of seeds/policy_topics_zh.csv (芯片, 半导体, 出口管制, 稀土 ...) or a chip's name for every
300 characters (a trade-remedy story on canola or pork that names 华为 once gives no rows; a flash shorter than
that is too short to judge and is read). Each sentence is read like this:

1. triggers are matched (the longest wins where two overlap; vetoed phrases such as 调查结果 drop theirs); in a
   sentence that reacts to a measure (坚决反对, 滥用出口管制, 意欲何为) they name the measure reacted to, told
   elsewhere, and are dropped unless an act is announced after the reaction; an executive order (行政令) is the
   instrument of a head of state (the US president's): a ministry's or another state's order is of kind other;
2. the actor is the state body, person or state named before the trigger: the nearest in the trigger's own
   clause, else the sentence's first, leaving out objects of a preposition (对中国、向美国) and states
   used as modifiers (中国客户, 美国原产); a generic body (政府, 当局, 官员) takes its state from a state
   word right before it, else from the actor named last; a body Chinese reporting names without its state
   (有关部门, 监管部门, 海关) is China's unless a state is written before it. With no actor in the sentence,
   the actor named in the last two sentences carries over, unless a company is the subject (英伟达停止供货);
3. the date is the nearest date phrase of the trigger's clause, else the sentence's opening date, else the
   nearest before it; a deadline (期限至2026年11月10日) never dates the action, and a start date (自11月1日起)
   only when nothing else does; a sentence pointing back to a measure (此次措施, 这是) takes the day of the last
   measure named before it, and an act told as done (已去函) that nothing dates the month of the report;
4. magnitude (25%, 30天, 279个实体), target (the words after the trigger in its clause) and status (the
   phrase's own hint, else the nearest status cue, else "announced"; a standing measure told without a cue,
   dated two months before the article, is in effect);
5. mentions of one action fold into one event with the language-free folding of transforms.policy.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from transforms.dates import DateMention
from transforms.models import EXTRACTOR_VERSION, Article, PolicyEvent
from transforms.policy import STANDING_INSTRUMENTS, SETTLED_AFTER_DAYS, Candidate, event_id, fold_actions
from transforms.policy_lexicon import ActorMention, TriggerMatch
from transforms.sentences import Sentence
from transforms.zh.dates import find_dates
from transforms.zh.lexicon import ZhLexicon
from transforms.zh.policy_bodies import is_local
from transforms.zh.policy_fields import find_magnitude, find_target
from transforms.zh.policy_dates import (STEP_AHEAD, ActorTimes, choose_date, follows, inherited_date, is_heading,
                                       measure_day, news_month, points_back)
from transforms.zh.policy_suspensions import not_the_measure, suspended, suspended_objects
from transforms.zh.policy_actors import (CLAUSE_BREAK, DOMESTIC_DEFAULT, TIMELINE_ITEM, ActorContext, choose_actor, co_subjects, sentence_actors,
                                         speaker_opens, starts_item)

PROBE_KIND = re.compile(r"反垄断|反倾销|反补贴|反歧视|反规避|双反|网络安全|安全审查|301|232")
# What a probe or review may cover ("调查范围可包括：……加征的关税"): measures named as its objects, no acts.
PROBE_SCOPE = re.compile(r"(?:调查|审查|审议)(?:的)?(?:范围|对象)(?:可|将|可能)?(?:包括|涵盖|覆盖)")
# Guidance issued in a line that names controls is the guidance of an export control ("BIS同步发布三份指引文件：
# 其一称……违反美国出口管制").
GUIDANCE_OF_CONTROLS = re.compile(r"出口管制|管制|禁令|实体清单")
# A tariff's legal basis: tariffs of two bases are two acts, even on one day (对等关税 and 232条款关税).
TARIFF_KIND = re.compile(r"232|301|对等|反倾销|反补贴")
# A law of the People's Republic named in a sentence that tells of no actor ("执行……美方措施，将涉嫌违反《中华人民
# 共和国反外国制裁法》……，须承担相应法律责任"): China's authorities enforce it.
CHINESE_LAW = re.compile(r"《中华人民共和国|反外国制裁法")
DEFINITE_BEFORE = re.compile(r"(?:该|此|这项|这一|这些|上述|此项|该项|此类|这类|该类)$")
# A clause whose subject is a measure told before: what it says of the measure is no new act by the speaker
# ("商务部新闻发言人表示，该措施进一步加严对人工智能芯片的出口管制").
MEASURE_SUBJECT = re.compile(r"\s*(?:此举|(?:该|此|这一|这项|上述|此项|该项)(?:措施|举措|规则|新规|决定|做法|政策|公告|禁令))")
# A measure named by its bare noun as a clause's subject refers back to one told before ("调查由……提出申请").
BARE_NOUN = re.compile(r"调查|关税|出口管制|出口管控|出口限制|出口禁令|管制措施|制裁|禁令")
DISTINCT_BEFORE = re.compile(r"(?:另一项|另一|另外|新一轮|再次|再度|又)[^，。；]{0,6}$")
ANNOUNCED_CUE = re.compile(r"宣布|公布|发布|印发|推出|颁布|出台")
ACT_VERB = re.compile(r"宣布|公布|发布|推出|颁布|出台|实施|采取|扩大|收紧|加强|升级|放宽|调整|修订|更新|撤销|取消|暂停")
# A trigger in a clause that tells the time of something else ("VEU资格是美国2022年限制对华出口设备时给予的豁免").
TIME_CLAUSE_AFTER = re.compile(r"[^，。；,;]{0,16}?(?<![同及暂準准按适临当即])(?:时|之时|的时候|之际)(?![间期代刻候])")
POSSESSOR_LEAD = 6  # a state or body's name before the possessed measure ("美国", "美方的")
CHARS_PER_TOPIC_CUE = 300  # an article needs a word of seeds/policy_topics_zh.csv (or a chip) per this many characters
# A clause that describes what a measure requires ("若要出货……，须事先取得许可"; "凡由……的子公司").
CONDITIONAL = re.compile(r"[^，。；,;]{0,8}?(?:若|如果|凡|一旦|倘若|假如)")
HYPOTHETICAL = re.compile(r"[^，。；,;]{0,8}?(?:若|如果|倘若|假如|假若|要是|万一)")  # "若中方迟迟不放行，……": no act


def extract_policy(article: Article, folded: str, sentences: list[Sentence], anchor: date | None,
                   lexicon: ZhLexicon, dates: list[DateMention] | None = None) -> list[PolicyEvent]:
    """Policy events of one Chinese article, one per action, each with its evidence sentence and offsets
    (`dates`: the article's date mentions, found here when not given)."""
    if len(lexicon.policy_topics.findall(folded)) + len(lexicon.chips(folded)) < len(folded) // CHARS_PER_TOPIC_CUE:
        return []  # a trade story that names chips in passing at most (canola, pork, electric cars)
    candidates: list[Candidate] = []
    sure: dict[tuple[int, int], float] = {}
    context = ActorContext()
    listed_before: tuple[int, list[Candidate]] = (-2, [])  # the last sentence that gave candidates, and those
    told: DateMention | None = None  # the day of the last measure named, reported or reacted to
    times = ActorTimes()  # when each actor was told acting, for an act named again without its date
    scope = False  # inside the list of what a probe may cover, its items ending in ；
    for index, sentence in enumerate(sentences):
        text = folded[sentence.start:sentence.end]
        in_scope, scope = scope, (scope or PROBE_SCOPE.search(text) is not None) and text.rstrip().endswith(("；", ";"))
        actors = context.resolve(sentence_actors(text, lexicon))
        if actors:
            dates = find_dates(folded, anchor) if dates is None else dates
            times.note(actors, [d for d in dates if sentence.start <= d.start and d.end <= sentence.end], sentence, folded)
        lead = context.follow_list(sentence, folded, actors)
        line = text_line(folded, sentence) if "指引" in text or "指南" in text else ""
        named = [] if is_heading(sentence, folded) else find_triggers(text, lexicon, line)
        acts = acts_beyond_reaction(named, text, lexicon)
        triggers = suspended_objects(acts, text)
        if named and dates is None:
            dates = find_dates(folded, anchor)
        within = [d for d in dates if sentence.start <= d.start and d.end <= sentence.end] if named else []
        told_before, told = told, next((day for t in named if (day := measure_day(t, within, sentence, folded))), None) or told
        if not triggers:
            context.note_subject(actors, index, sentence, text, lexicon)
            continue
        companies = lexicon.companies(text)
        timeline = bool(TIMELINE_ITEM.match(folded, folded.rfind("\n", 0, sentence.start) + 1))
        found: list[tuple[Candidate, float]] = []
        for trig in triggers:
            if described(trig, triggers, text) or possessor(trig, text) or TIME_CLAUSE_AFTER.match(text, trig.end) \
                    or in_scope or PROBE_SCOPE.search(text, 0, trig.start):
                continue  # "若要出货给名单上的对象，须事先取得许可": what the measure before it requires
            actor, attached = choose_actor(trig, actors, text, context, index, sentence.paragraph, companies,
                                           speaker_opens(text, actors, lexicon) or starts_item(sentence, folded, context),
                                           lead, timeline)
            if not attached and CHINESE_LAW.search(text):
                actor, attached = DOMESTIC_DEFAULT, True  # liability under China's law: China's authorities warn
            if actor is None or not actor.country:
                continue
            if trig.instrument == "executive_order" and actor.country != "US" and actor.kind != "person":
                trig = replace(trig, instrument="other")  # a minister's order (荷兰……行政令) is no presidential one
            if trig.instrument == "suspension":
                after = folded[sentence.end:sentences[index + 1].end] if index + 1 < len(sentences) else ""
                trig = suspended(trig, acts, actor.country, within, candidates, folded, text, after)
                if trig is None:
                    continue
            refers = trig.status_hint in ("delayed", "rescinded")
            # a time the act started from told with its year or as a month ("日本早在2023年7月起限制……", "4月起") is
            # its own, before the time of the sentence before (a bare "1月15日起" continues the story's time); a suspension
            # is not dated by the measure it suspends, told just before
            start = choose_date(trig, within, sentence, folded, refers=refers, starts=True)
            when = choose_date(trig, within, sentence, folded, refers=refers) \
                or (told_before if points_back(trig, sentence, folded) else None) \
                or (start if own_start(start, folded) else None) \
                or not_the_measure(inherited_date(index, sentences, dates, folded), within, folded, refers) \
                or start
            if not attached and when is None:
                continue  # no actor and no time of its own: a comment on measures told elsewhere
            magnitude, unit = find_magnitude(trig, text)
            head = text[:trig.start]
            # "该措施进一步加严……出口管制" says what the measure does; "上述措施暂缓实施一年" suspends it: an act
            refers_back = not refers and bool(MEASURE_SUBJECT.match(text, clause_start(trig, text)))
            definite = bool(DEFINITE_BEFORE.search(head)) or opens_clause_bare(trig, text) or refers_back
            cand = Candidate(
                sentence=sentence, trigger=trig, actor=actor.actor, country=actor.country, date=when,
                magnitude=magnitude, magnitude_unit=unit, target=find_target(trig, text, actor, sentence.text),
                status=settled(find_status(trig, text, lexicon), trig.instrument, when, anchor, text),
                definite=definite, distinct=bool(DISTINCT_BEFORE.search(head)), continues=False, acted=(attached or not definite) and not refers_back,
                reaction=refers_back,  # a comment on a measure told before, dated or not, is no act
                effective=when is not None and follows(when, folded),
                peg=news_month(trig, sentence, folded, anchor, told_done=refers) if when is None else None,
            )
            found.append((cand, confidence(attached, actor.kind, when)))
            for co in co_subjects(actor, actors, text, trig) if attached else []:
                found.append((replace(cand, actor=co.actor, country=co.country), confidence(attached, co.kind, when)))
            if actor.kind != "country" or attached:
                context.note(actor, index, sentence.paragraph, named=attached)
        found = subsume_other(listing_requirements(found, listed_before if listed_before[0] == index - 1 and not within else None))
        listed_before = (index, [c for c, _ in found])
        for cand, score in found:
            candidates.append(cand)
            sure[(sentence.start, cand.trigger.start)] = score
        if not found:
            context.note_subject(actors, index, sentence, text, lexicon)
    candidates = [replace(c, date=times.time_of(c.actor), date_basis="inherited")
                  if c.date is None and c.peg is None and times.time_of(c.actor) is not None else c for c in candidates]
    return [to_event(article, cand, sure.get((cand.sentence.start, cand.trigger.start), 0.5))
            for cand in fold_by_actor(candidates, lexicon, folded)]


def own_start(start: DateMention | None, folded: str) -> bool:
    """A time the act started from that is its own rather than a step of the story told before: told with its
    year or as a month ("早在2023年7月起", "4月起要求"), and not one still ahead ("原定于5月中旬开始适用")."""
    return start is not None and (start.precision != "day" or "年" in folded[start.start:start.end]) \
        and not STEP_AHEAD.search(folded, max(0, start.start - 4), start.start)


def clause_start(trig: TriggerMatch, text: str) -> int:
    return max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, trig.start)), default=0)


def opens_clause_bare(trig: TriggerMatch, text: str) -> bool:
    """The trigger is a bare measure noun opening its clause, as its subject ("据公告，调查由……提出申请")."""
    return text[clause_start(trig, text):trig.start].strip() == "" and bool(BARE_NOUN.fullmatch(text, trig.start, trig.end))


def acts_beyond_reaction(triggers: list[TriggerMatch], text: str, lexicon: ZhLexicon) -> list[TriggerMatch]:
    """In a sentence that reacts to a measure ("美方泛化国家安全、滥用出口管制，对多家中国实体实施制裁，中方
    坚决反对"), the triggers name the measure reacted to, which the article tells elsewhere; only an act
    announced after the last reaction ("中方坚决反对，并宣布对……加征关税") is one of its own."""
    if not triggers:
        return triggers
    ends = [m.end() for pattern in lexicon.reactions for m in pattern.finditer(text)]
    if not ends:
        return triggers
    last = max(ends)
    return [t for t in triggers if t.start >= last and ANNOUNCED_CUE.search(text, last, t.start)]


def possessor(trig: TriggerMatch, text: str) -> bool:
    """A measure's bare noun that opens its clause as the owner of what the clause is about ("美国管制措施的随意性
    已造成……", "出口管制的影响"): the measure is talked of, not done; "宣布扩大出口管制的范围" is an act."""
    lead = text[clause_start(trig, text):trig.start]
    return (text.startswith("的", trig.end) and bool(BARE_NOUN.fullmatch(text, trig.start, trig.end))
            and len(lead.strip()) <= POSSESSOR_LEAD and not ACT_VERB.search(lead))


def described(trig: TriggerMatch, triggers: list[TriggerMatch], text: str) -> bool:
    """A trigger in a conditional clause after another trigger: it tells what the first measure requires
    ("纳入名单，国内厂商若要出货给名单上的对象，须事先取得许可"); or one in a clause that supposes it."""
    own = max([0] + [m.end() for m in CLAUSE_BREAK.finditer(text, 0, trig.start)])
    if (m := HYPOTHETICAL.match(text, own)) and m.end() <= trig.start:
        return True
    earlier = [t for t in triggers if t.end <= trig.start]
    if not earlier:
        return False
    starts = [0] + [m.end() for m in CLAUSE_BREAK.finditer(text, earlier[-1].end, trig.start)]
    return any(CONDITIONAL.match(text, start) for start in starts[1:])


def subsume_other(found: list[tuple[Candidate, float]]) -> list[tuple[Candidate, float]]:
    """In one sentence, a residual "other" act (召集企业开会) by a state that also takes a specific measure
    there (要求不得采购) is the means of that measure, not an action of its own."""
    specific = {c.country for c, _ in found if c.trigger.instrument != "other"}
    return [(c, s) for c, s in found if c.trigger.instrument != "other" or c.country not in specific]


def listing_requirements(found: list[tuple[Candidate, float]],
                         previous: tuple[int, list[Candidate]] | None = None) -> list[tuple[Candidate, float]]:
    """A licence requirement told after an entity listing in the same sentence ("纳入实体管理名单，国内厂商
    出货前须先取得许可"), or in the undated sentence right after it (`previous`: that sentence's candidates), is
    what the listing means, not a second measure."""
    listed = [c for c, _ in found if c.trigger.instrument == "entity_list"]
    before = {c.country for c in (previous[1] if previous else []) if c.trigger.instrument == "entity_list"}
    return [(c, s) for c, s in found if not (c.trigger.instrument == "export_control" and (c.country in before or any(
        l.country == c.country and l.trigger.end <= c.trigger.start for l in listed)))]


def fold_by_actor(candidates: list[Candidate], lexicon: ZhLexicon, folded: str) -> list[Candidate]:
    """One event per action (transforms.policy.fold_actions), a province's or city's actions kept apart from
    the state's and from each other's (北京市 and 上海市 setting targets are two actions), and probes of named
    kinds kept apart from each other (反倾销调查 and 反歧视调查 opened the same day are two); a probe named
    without its kind joins the one named probe of its state, if there is just one, and a probe referred back
    to (此类调查, a bare 调查 opening its clause) when there are more is one of them; tariffs are kept apart by
    their legal basis (232条款关税, 对等关税) the same way."""
    kinds = [probe_kind(c, folded) for c in candidates]
    named = {(c.country, c.trigger.instrument, k) for c, k in zip(candidates, kinds) if k}
    groups: dict[tuple[str, str], list[Candidate]] = {}
    for cand, kind in zip(candidates, kinds):
        if not kind and cand.trigger.instrument in ("investigation", "tariff"):
            own = [k for country, instrument, k in named if country == cand.country and instrument == cand.trigger.instrument]
            if len(own) > 1 and cand.definite and cand.trigger.instrument == "investigation":
                continue  # "调查由……提出申请" after two named probes: one of them, told again
            kind = own[0] if len(own) == 1 else ""
        local = cand.actor if is_local(cand.actor, lexicon.local_actors) else ""
        groups.setdefault((local, kind), []).append(cand)
    folded_ = [c for group in groups.values() for c in fold_actions(group)]
    return sorted(folded_, key=lambda c: (c.sentence.start, c.trigger.start))


def probe_kind(cand: Candidate, folded: str) -> str:
    """The kind a probe is named with ("反倾销", "反歧视", "232"), or a tariff's legal basis ("232条款关税",
    "对等关税"), else ""."""
    pattern, reach = {"investigation": (PROBE_KIND, 4), "tariff": (TARIFF_KIND, 8)}.get(cand.trigger.instrument, (None, 0))
    if pattern is None:
        return ""
    start = cand.sentence.start + cand.trigger.start
    found = pattern.search(folded, max(cand.sentence.start, start - reach), cand.sentence.start + cand.trigger.end)
    return found.group() if found else ""


def text_line(folded: str, sentence: Sentence) -> str:
    """The line (paragraph or list item) a sentence stands in."""
    end = folded.find("\n", sentence.end)
    return folded[folded.rfind("\n", 0, sentence.start) + 1:end if end >= 0 else len(folded)]


def find_triggers(text: str, lexicon: ZhLexicon, line: str = "") -> list[TriggerMatch]:
    """Trigger matches in a folded sentence: vetoed ones dropped, the longest kept where two overlap (a policy
    document issued, 印发《……意见》, only where no other overlaps it: it is then an act of kind other; guidance
    issued, 发布三份指引, only where its `line` names controls: it is then an export control), and two side by
    side of one instrument joined."""
    vetoed = [(m.start(), m.end()) for v in lexicon.vetoes for m in v.pattern.finditer(text)]
    found = []
    for order, trig in enumerate(lexicon.triggers):
        for m in trig.pattern.finditer(text):
            if m.end() > m.start() and not any(m.start() < e and s < m.end() for s, e in vetoed):
                found.append((trig.instrument == "document", -(m.end() - m.start()), order,
                              TriggerMatch(m.start(), m.end(), trig.instrument, trig.status_hint)))
    found.sort(key=lambda item: item[:3])  # a document issued yields to any measure its title names
    kept: list[TriggerMatch] = []
    guides = GUIDANCE_OF_CONTROLS.search(line or text) is not None
    told = any(t.instrument not in ("meeting", "document", "guidance") for *_, t in found)
    for *_, match in found:
        if (match.instrument == "guidance" and not guides) or (match.instrument == "meeting" and told):
            continue  # "工信部发布算力指南": guidance of no control is no act; firms called in to be told an act
        if not any(match.start < k.end and k.start < match.end for k in kept):
            kept.append(replace(match, instrument={"document": "other", "meeting": "other", "guidance": "export_control"}.get(
                match.instrument, match.instrument)))
    kept.sort(key=lambda t: t.start)
    joined: list[TriggerMatch] = []
    for trig in kept:
        if joined and joined[-1].instrument == trig.instrument and trig.start - joined[-1].end <= 2 \
                and not CLAUSE_BREAK.search(text, joined[-1].end, trig.start):
            joined[-1] = replace(joined[-1], end=trig.end, status_hint=joined[-1].status_hint or trig.status_hint)
        else:
            joined.append(trig)
    return joined


def find_status(trig: TriggerMatch, text: str, lexicon: ZhLexicon) -> str:
    """The trigger's own hint, else the nearest status cue in the sentence (seed order breaks ties)."""
    if trig.status_hint:
        return trig.status_hint
    best: tuple[int, int, str] | None = None
    for order, (status, cue) in enumerate(lexicon.status_cues):
        for m in cue.finditer(text):
            distance = max(m.start() - trig.end, trig.start - m.end(), 0)
            if best is None or (distance, order) < best[:2]:
                best = (distance, order, status)
    return best[2] if best else "announced"


def settled(status: str, instrument: str, when: DateMention | None, anchor: date | None, text: str) -> str:
    """A standing measure told without any cue, dated two months or more before the article, is in effect; one
    that takes effect after the article is announced, whatever its cue says."""
    if status == "in_effect" and when is not None and anchor is not None and when.value > anchor:
        return "announced"
    if status != "announced" or instrument not in STANDING_INSTRUMENTS or when is None or anchor is None:
        return status
    if ANNOUNCED_CUE.search(text):
        return status
    return "in_effect" if (anchor - when.value).days > SETTLED_AFTER_DAYS else status


def confidence(attached: bool, kind: str, when: DateMention | None) -> float:
    """How sure the reading is: an actor named in the sentence and a date of day or month precision raise
    it; an actor carried over from an earlier sentence lowers it."""
    score = 0.5 + (0.2 if attached else -0.15)
    if kind in ("body", "person"):
        score += 0.1
    if when is not None:
        score += 0.1 if when.precision in ("day", "month") else 0.05
    return round(min(0.95, max(0.05, score)), 2)


def to_event(article: Article, cand: Candidate, sure: float) -> PolicyEvent:
    """A folded candidate as a `policy_events` row; the evidence is its whole sentence."""
    return PolicyEvent(
        event_id=event_id(article.article_id, cand), article_id=article.article_id,
        actor_country=cand.country, actor=cand.actor, instrument=cand.trigger.instrument, target=cand.target,
        event_date=cand.date.value if cand.date else None, date_precision=cand.date.precision if cand.date else None,
        magnitude=cand.magnitude, magnitude_unit=cand.magnitude_unit, status=cand.status, confidence=sure,
        evidence=cand.sentence.text, char_start=cand.sentence.start, char_end=cand.sentence.end,
        extractor_version=EXTRACTOR_VERSION,
    )
