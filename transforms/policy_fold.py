"""One event per action: the candidates of an article folded into the actions they tell.

A `Candidate` is a trigger with its actor, date and attributes. `fold_actions` joins mentions of one
action: same country and instrument with compatible dates ("December 2024" and "December 9, 2024"),
references back ("the probe") and undated repeats, unless the text says the action is a separate one;
a suspension or rescission is never folded into the measure it undoes. `event_id` keys the row.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from transforms.dates import DateMention
from transforms.policy_dates import PRECISION_RANK, compatible
from transforms.policy_lexicon import TriggerMatch
from transforms.sentences import Sentence

UNDOING_STATUSES = ("delayed", "rescinded")
# A second act of the sentence, not the clause about the undone measure ("scraps the framework and warns that ...",
# "撤销……框架，并同步发布……指引").
OWN_CLAUSE_BETWEEN = re.compile(r"\b(?:and|but|while|whereas)\s|[;；，]|并|同时")
MIXED_INSTRUMENT = "other"  # customs blocks, purchase limits, task forces ...: two of them need not be one act
# A sentence that opens by tying its action to one told before: "Alongside the listings, Commerce published a rule".
ALONGSIDE_CUE = re.compile(r"\W*(?:Alongside|Along with|Together with|At the same time as|In parallel with)\b")
ALONGSIDE_REACH = 6
SINCE_BEFORE = re.compile(r"\bsince\s+(?:early\s+|late\s+|mid-?)?$", re.I)  # paragraphs back the action it names may be told
# Kinds of case or measure that tell two actions of one instrument apart.
QUALIFIER = re.compile(r"\b(?:anti-?\s?dumping|anti-?\s?discrimination|anti-?\s?monopoly|antitrust|countervailing|"
                       r"anti-?\s?subsidy|cybersecurity|national[- ]security|Section\s+\d{3})\b", re.I)
QUALIFIER_LOOKBACK = 30
EFFECT_LAG_DAYS = 200  # how long after an action its effective date may fall, for the two to be one action
# Words that tie a sentence without a date to the action just described ("The department also added").
CONTINUATION_CUE = re.compile(r"\b(?:also|too|at the same time|the same (?:day|package|rules|move|announcement))\b", re.I)


@dataclass(frozen=True)
class Candidate:
    """A trigger with its actor, date and attributes, before one-event-per-action folding."""

    sentence: Sentence
    trigger: TriggerMatch
    actor: str
    country: str
    date: DateMention | None
    magnitude: float | None
    magnitude_unit: str | None
    target: str
    status: str
    definite: bool
    distinct: bool
    continues: bool
    responds: bool = False
    acted: bool = True  # the trigger is named as done by someone: attached actor or an action verb before it
    effective: bool = False  # dated by when it takes effect ("From September 1, ... will need"), not when decided
    scope: str | None = "sentence"  # where the evidence that it touches chips lies; None: out of scope, no row
    actor_basis: str = "named"  # how the actor is known (ActorMention.basis)
    actor_gap: int = 0  # characters between the actor mention and the trigger (0: attached or inside)
    date_basis: str | None = None  # own, sentence, label, report, inherited, peg (policy_confidence.py)
    peg: DateMention | None = None  # the publication date of an action told in the present, if nothing dates it
    refers: bool = False  # a reference back ("announced the change on Friday"): it only dates the action it names
    reaction: bool = False  # the trigger is the object of a reaction to it ("condemned the rules on Friday")


def _inherit_dates(found: list[Candidate]) -> list[Candidate]:
    """An undated continuation ("The department also added ...") takes the finest date of its paragraph's
    actions; an undated parallel action ("in a second announcement") the last date of its kind."""
    out = []
    last_dated: dict[tuple[str, str], Candidate] = {}  # (country, instrument) -> its last dated candidate
    for i, cand in enumerate(found):
        original = cand
        if cand.date is None and cand.distinct:
            same = last_dated.get((cand.country, cand.trigger.instrument))
            if same is not None:
                cand = replace(cand, date=same.date, date_basis="inherited")
        alongside = bool(ALONGSIDE_CUE.match(cand.sentence.text))
        if cand.date is None and (cand.continues or cand.responds or alongside) and not cand.definite:
            reach = ALONGSIDE_REACH if alongside else 2 if cand.responds or CONTINUATION_CUE.search(cand.sentence.text) \
                else 0
            first = i
            while first > 0 and cand.sentence.paragraph - found[first - 1].sentence.paragraph <= reach:
                first -= 1  # candidates come in text order: the window is the run just before this one
            donors = [c for c in found[first:i] if c.date is not None and (c.country == cand.country or cand.responds)
                      and 0 <= cand.sentence.paragraph - c.sentence.paragraph
                      and not _since(c)]  # a standing fact ("on the list since 2019") dates no new act
            if donors:  # the finest date, among the same instrument's first
                best = min(donors, key=lambda c: (c.trigger.instrument != cand.trigger.instrument,
                                                  PRECISION_RANK[c.date.precision]))
                cand = replace(cand, date=best.date, date_basis="inherited")
        if original.date is not None:
            last_dated[(original.country, original.trigger.instrument)] = original
        out.append(cand)
    return out


def _since(cand: Candidate) -> bool:
    """The candidate's date tells since when a state of things holds ("has been on the list since 2019")."""
    if cand.date is None:
        return False
    at = cand.date.start - cand.sentence.start
    return bool(SINCE_BEFORE.search(cand.sentence.text, max(0, at - 12), max(0, at)))


def _refine(kept: list[Candidate], at: int, reference: Candidate) -> None:
    """A reference back that dates its action more finely ("issued the guidance earlier this month") dates it;
    so does an earlier date than the report that bounds it ("reported on Sunday ...": "The guidelines, issued on
    December 26, ...")."""
    target, new = kept[at], reference.date
    if new is not None and target.date is not None and target.date_basis == "report" and new.value <= target.date.value:
        kept[at] = replace(target, date=new, date_basis=reference.date_basis)
        return
    if new is None or not compatible(target.date, new):
        return
    if target.date is None or PRECISION_RANK[new.precision] < PRECISION_RANK[target.date.precision]:
        kept[at] = replace(target, date=new)


def _trigger_text(cand: Candidate) -> str:
    return cand.sentence.text[cand.trigger.start:cand.trigger.end]


def _named(cand: Candidate) -> bool:
    """The trigger is a name ("Chip Security Act", "CHIPS Act"): every word of it starts with a capital."""
    words = _trigger_text(cand).split()
    return len(words) > 1 and all(w[:1].isupper() for w in words)


def _in_object_clause(undoing: Candidate, cand: Candidate) -> bool:
    """Whether `cand` is told in a clause about the object of `undoing` ("suspends the rule it issued in September that
    extended ..."), not as a second act of the sentence ("scraps the framework and warns that ...")."""
    between = undoing.sentence.text[undoing.trigger.end:cand.trigger.start]
    return cand.trigger.start >= undoing.trigger.end and not OWN_CLAUSE_BETWEEN.search(between)


def _undoes(cand: Candidate) -> bool:
    """Whether the action suspends, delays or undoes a measure (a separate action from the measure itself)."""
    return cand.status in UNDOING_STATUSES


def qualifier(cand: Candidate) -> str | None:
    """What kind of case or measure the trigger names, when it says ("anti-dumping", "anti-discrimination",
    "Section 232"): two cases of different kinds are two actions, even on one day."""
    text = cand.sentence.text
    m = QUALIFIER.search(text, max(0, cand.trigger.start - QUALIFIER_LOOKBACK), cand.trigger.end)
    return re.sub(r"[\s-]+", "", m.group().lower()) if m else None


def _same_kind(a: Candidate, b: Candidate) -> bool:
    qa, qb = qualifier(a), qualifier(b)
    return qa is None or qb is None or qa == qb


def fold_actions(found: list[Candidate]) -> list[Candidate]:
    """One candidate per action: repeats, references back and undated mentions join the action they name."""
    found = _inherit_dates(found)
    kept: list[Candidate] = []
    kinds: dict[tuple[str, str], list[int]] = {}  # (country, instrument) -> positions in kept
    for cand in found:  # references back ("the probe") join the earlier action of the same kind
        key = (cand.country, cand.trigger.instrument)
        earlier = [k for k in kinds.get(key, []) if _same_kind(kept[k], cand)]
        if _named(cand):  # "the Chip Security Act" refers back only to itself, not to another bill
            earlier = [k for k in earlier if _trigger_text(kept[k]).lower() == _trigger_text(cand).lower()]
        if _undoes(cand) and not cand.refers:  # "Two weeks later, the rule was suspended": a new step of the
            earlier = [k for k in earlier if _undoes(kept[k])]  # measure's story, not a repeat of its first mention
        elif not cand.refers:  # "since the first licensing requirement in August 2023": the measure, not its suspension
            earlier = [k for k in earlier if not _undoes(kept[k]) or kept[k].sentence == cand.sentence]
            # (a measure named inside its suspension, "suspending the clause that had barred exports", adds no row)
        if cand.refers:
            if earlier:
                _refine(kept, earlier[-1], cand)
            continue
        own_day = cand.date is not None and cand.date.precision == "day"
        undoing = kept[earlier[-1]] if earlier else None
        if undoing is not None and _undoes(undoing) and not _undoes(cand) and undoing.sentence == cand.sentence \
                and _in_object_clause(undoing, cand):
            if cand.date is None or cand.date.start < cand.sentence.start + undoing.trigger.end:
                continue  # "suspending the clause that had barred exports": the measure adds no row, lends no date
            # "will suspend the rule it issued at the end of September that extended ...": the measure keeps its own
            # date and row, and never dates its suspension (as with "on September 29")
            own_day = True
        if cand.definite and not cand.distinct and earlier and (
                not own_day or any(kept[k].date is not None and kept[k].date.value == cand.date.value for k in earlier)):
            _refine(kept, earlier[-1], cand)
            continue
        if cand.definite and not earlier and not cand.acted and not _undoes(cand) and (cand.date is None or cand.reaction
                                                                 or cand.actor_basis not in ("named", "resolved")):
            continue  # "opposed the guidance": a reference to an action this article does not report (a dated one
            # is news: "In guidance dated May 31, BIS said the licence requirement applies to ..."; so is an undoing of
            # it: "the compromise NDAA text leaves GAIN AI out")
        kinds.setdefault(key, []).append(len(kept))
        kept.append(cand)
    kept = [cand for cand in kept if cand.scope is not None]  # out of scope: it only lent its date
    rank = {**PRECISION_RANK, None: 3}
    order = sorted(range(len(kept)), key=lambda i: (kept[i].effective,
                                                    rank[kept[i].date.precision if kept[i].date else None]))
    final: dict[int, Candidate] = {}
    groups: dict[tuple[str, str, bool], list[int]] = {}  # kept positions in final, in the order they joined
    for i in order:
        cand = kept[i]
        # "scraps the rule and warns ...": an undoing and a measure of one kind are two actions
        same = groups.setdefault((cand.country, cand.trigger.instrument, _undoes(cand)), [])
        same_kind = [j for j in same if _same_kind(final[j], cand)]
        # "other" holds unlike acts (a customs block, a purchase limit): an undated one told as news stands apart; so
        # does a suspension told as news ("has suspended its ban"), beside a truce's other dated steps
        apart = cand.date is None and (cand.trigger.instrument == MIXED_INSTRUMENT or _undoes(cand)) \
            and not cand.definite and cand.peg is not None
        match = None if apart else next((j for j in same_kind if compatible(final[j].date, cand.date)), None)
        if cand.distinct and cand.date is not None and match is not None and final[match].sentence != cand.sentence:
            match = None
        if match is None and cand.effective and same_kind:  # the date it takes effect belongs to an action already
            match = next((j for j in same_kind if _takes_effect_after(final[j], cand)), None)  # counted shortly before
        if match is None and cand.date is None and same_kind and not apart:
            match = same_kind[0]
        if match is None:
            final[i] = cand
            same.append(i)
            continue
        if final[match].date is None and cand.date is not None:  # an undated mention ("Key points: ... parks its
            final[match] = replace(final[match], date=cand.date, date_basis=cand.date_basis)  # rule") takes the date
        if final[match].magnitude is None and cand.magnitude is not None:
            final[match] = replace(final[match], magnitude=cand.magnitude, magnitude_unit=cand.magnitude_unit)
    return [_pegged(final[i]) for i in sorted(final)]


def _pegged(cand: Candidate) -> Candidate:
    """An action still undated after folding takes its news peg (the publication date), if it has one."""
    if cand.date is None and cand.peg is not None:
        return replace(cand, date=cand.peg, date_basis="peg")
    return cand


def _takes_effect_after(action: Candidate, effective: Candidate) -> bool:
    """Whether an action could be the one that takes effect on `effective`'s date: undated, or dated on or before
    it and at most EFFECT_LAG_DAYS earlier (a rule of October 2022 does not take effect in November 2024)."""
    if action.date is None or effective.date is None:
        return True
    lag = (effective.date.value - action.date.value).days
    return 0 <= lag <= EFFECT_LAG_DAYS


def event_id(article_id: str, cand: Candidate) -> str:
    """First 16 hex digits of a SHA-256 over the article, the evidence span and the event's key fields."""
    day = cand.date.value.isoformat() if cand.date else ""
    parts = (article_id, cand.sentence.start, cand.sentence.end, cand.trigger.start, cand.country,
             cand.trigger.instrument, day)
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]
