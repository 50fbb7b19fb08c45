"""Suspensions in Chinese policy text (暂停实施, 暂缓, 上述措施暂停一年): a suspension is a delay of the measure it
suspends, so it takes that measure's instrument, and neither that measure's date nor the measure named in its
clause is an act of its own (transforms/zh/policy.py asks for these)."""
from __future__ import annotations

import re
from dataclasses import replace

from transforms.dates import DateMention
from transforms.policy import Candidate
from transforms.policy_lexicon import TriggerMatch
from transforms.zh.policy_actors import CLAUSE_BREAK
from transforms.zh.policy_dates import ATTRIBUTIVE_AFTER

# The kind of measure a suspension's own words name ("暂停对美国出口镓、锗的禁令", "暂停加征的关税").
SUSPENDED_KIND = re.compile(r"关税|实体清单|禁令|管制|出口|许可")
SUSPENDED_INSTRUMENT = {"关税": "tariff", "实体清单": "entity_list"}
# A sentence that goes on about the measures just suspended ("上述公告涉及……的出口管制").
REFERS_BACK = re.compile(r"\s*(?:上述|该|这些|此|前述|相关)")


def suspended_objects(triggers: list[TriggerMatch], text: str) -> list[TriggerMatch]:
    """A measure named in the clause of its suspension ("暂停实施10月9日公布的出口管制措施", "上述出口管制暂缓
    实施") is what is suspended, no act of its own: the suspension takes its instrument (`suspended`)."""
    pauses = [t for t in triggers if t.instrument == "suspension"]
    if not pauses:
        return triggers
    return [t for t in triggers if t.instrument == "suspension" or not any(
        not CLAUSE_BREAK.search(text, min(t.end, p.end), max(t.start, p.start)) for p in pauses)]


def not_the_measure(inherited: DateMention | None, within: list[DateMention], folded: str,
                    refers: bool) -> DateMention | None:
    """An inherited time, unless the act suspends or lifts a measure (`refers`) and the time is the day the
    sentence gives that measure ("暂停实施10月9日公布的出口管制措施" after the sentence telling of 10月9日)."""
    if inherited is None or not refers:
        return inherited
    labelled = {d.value for d in within if ATTRIBUTIVE_AFTER.match(folded, d.end)}
    return None if inherited.value in labelled else inherited


def suspended(trig: TriggerMatch, siblings: list[TriggerMatch], country: str, within: list[DateMention],
              earlier: list[Candidate], folded: str, text: str, after: str = "") -> TriggerMatch | None:
    """A suspension (暂停实施) as the instrument of the measure it suspends: a measure the sentence (`text`, folded)
    names comes first, then one the suspension's own words name (暂停……的禁令, 暂停……关税), then the one of this
    state dated by a date the sentence gives the measure ("10月9日发布的公告"), then the kind the rest of the
    sentence or a next sentence (`after`, folded) about it names ("暂停实施第55号公告。上述公告涉及……出口管制": a
    numbered announcement names no kind), else the state's last measure."""
    ours = [c for c in earlier if c.country == country]
    named = [t for t in siblings if t.instrument != "suspension"]
    if named:  # "「50%规则」暂停实施一年": the measure the sentence names
        return replace(trig, instrument=min(named, key=lambda t: abs(t.start - trig.start)).instrument)
    own = SUSPENDED_KIND.search(text, trig.start, trig.end)
    if own is not None:  # "暂停对美国出口镓、锗的禁令": the measure its own words name
        return replace(trig, instrument=SUSPENDED_INSTRUMENT.get(own.group(), "export_control"))
    for mention in [d for d in within if ATTRIBUTIVE_AFTER.match(folded, d.end)]:
        match = next((c for c in reversed(ours) if c.date is not None and c.date.value == mention.value), None)
        if match is not None:
            return replace(trig, instrument=match.trigger.instrument)
    told = SUSPENDED_KIND.search(text, trig.end) or (REFERS_BACK.match(after) and SUSPENDED_KIND.search(after))
    if told is not None:  # "暂停实施第46号公告第二款，即……对美出口": what the announcement was about
        return replace(trig, instrument=SUSPENDED_INSTRUMENT.get(told.group(), "export_control"))
    if ours:
        return replace(trig, instrument=ours[-1].trigger.instrument)
    return None
