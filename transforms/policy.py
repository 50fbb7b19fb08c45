"""Policy events: which state acted, with what instrument, when, on what, how big, how far along.

The vocabularies live in seeds: `policy_actors.csv` (bodies, people, states and national adjectives,
each with its country), `policy_triggers.csv` (trigger phrases per instrument in a small pattern
language, plus vetoes) and `policy_status_cues.csv`. `build_policy_lexicon` compiles them once;
`extract_policy` reads an article sentence by sentence:

1. triggers are matched (longest wins, vetoed and quoted-speech ones dropped);
2. each trigger gets an actor: one attached to it ("US export curbs", "China's commerce ministry"),
   else the subject before it, the agent after "by", a national adjective, or, for "the ministry" /
   "It", the actor the article named last;
3. each gets the date phrase of its own clause, else the sentence's opening date, else the nearest
   (dates come from `transforms.dates`, resolved against the publication date);
4. magnitude, target and status come from the trigger's neighbourhood;
5. mentions of one action are folded into one event: same country and instrument with compatible
   dates ("December 2024" and "December 9, 2024"), and references back ("the probe", undated
   repeats) join the event they refer to, unless the text says the action is a separate one.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date
from typing import Iterable

from transforms.dates import DATELINE, DateMention, find_dates
from transforms.models import EXTRACTOR_VERSION, Article, PolicyEvent
from transforms.policy_lexicon import (PREPOSITION_BEFORE, ActorMention, PolicyLexicon, PolicyPatternError,
                                       TriggerMatch, article_cues, build_policy_lexicon, compile_phrase,
                                       find_actors, find_triggers)
from transforms.scope import ArticleScope
from transforms.sentences import Sentence

__all__ = ["PolicyLexicon", "PolicyPatternError", "build_policy_lexicon", "compile_phrase", "extract_policy",
           "find_actors", "find_triggers"]

STATUS_DEFAULT = "announced"
UNDOING_STATUSES = ("delayed", "rescinded")
STANDING_INSTRUMENTS = ("export_control", "entity_list", "sales_approval", "tariff", "procurement_guidance")
SETTLED_AFTER_DAYS = 60
ANNOUNCED_CUE = re.compile(r"\b(?:announc|unveil|launch|publish|releas)\w*", re.I)

# What may stand between an actor and its trigger for the two to be one phrase ("Biden administration's new").
ATTACHED_GAP = re.compile(r"^(?:['’]s?)?(?:\s+(?!(?:and|or|but|that|which|who|to|said|says)\b)[\w-]+){0,2}?\s*$", re.I)
# A national adjective that can stand for its state: it qualifies a noun ("Chinese regulators", "Dutch
# officials told ..."), not a predicate or an apposition ("140 companies, most of them Chinese,").
ADJECTIVE_OF_SUBJECT = re.compile(r"\s+[a-z][\w-]*")
# A national adjective before a noun of the state ("Chinese regulators", "Dutch trade officials").
STATE_NOUN_AFTER = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}?(?:government|authorities|regulators?|officials|ministry|"
                              r"ministries|customs|lawmakers|state|agencies|agency|watchdog|planners?|prosecutors|police|"
                              r"leaders|leadership|cabinet|parliament|courts?)\b")
# Instruments where the adjective of those told what to do names the state telling them ("Chinese tech companies
# have received guidance to ..."); elsewhere it names the target ("a raid on a Chinese chip designer").
ADJECTIVE_TOLD = ("procurement_guidance", "subsidy")
# Words before an adjective that make its noun an object or a part: "most of them Chinese", "are Chinese".
OBJECT_BEFORE = re.compile(r"\b(?:of\s+them|are|is|were|was|mostly|largely)\s+$", re.I)
# What joins a generic body to the state after it: "local governments in China's ...", "authorities of Japan".
GENERIC_OF = re.compile(r"\s+(?:in|of|across)\s+(?:the\s+)?")
# A relative clause whose subject is the mention before it ("pressure from Washington, which imposed ...").
RELATIVE_SUBJECT = re.compile(r",?\s+(?:which|who)\b", re.I)
# Possessive or adjectival attachment ("Washington's decision", "US export curbs"): holds even after a preposition.
POSSESSIVE_GAP = re.compile(r"^(?:['’]s?)?\s*(?:[\w-]+\s+)?$")
# What a state's possessive may own and still be the actor ("Washington's decision to require ...").
POSSESSIVE_FOLLOW = re.compile(
    r"['’]s?\s+(?:(?P<noun>(?:latest\s+|new\s+|own\s+|top\s+)?(?:decision|move|plan|order|push|attempt|effort|"
    r"efforts|government|administration|regulators?|authorities|officials|ministry|department|agency|leaders?|"
    r"president|premier|cabinet|lawmakers|parliament|congress|response|retaliation)\b"
    r"|(?:[\w-]+\s+){0,3}?(?:rules?|controls|restrictions|curbs|ban|bans|tariffs?|duties|levies|sanctions|"
    r"guidance|probe|investigation|measures|licen[cs]es?|requirements?|blacklist|list)\b)|\w)", re.I)
# A sentence opened by a pronoun that stands for the last actor ("It also opened ...").
PRONOUN_SUBJECT = re.compile(r"^(?:It|They)\s+(?:also\s+|then\s+|later\s+|had\s+|has\s+|have\s+)?[a-z]+(?:ed|s)\b")
# A trigger noun that refers back to an action already named ("the probe", "that investigation").
DEFINITE_BEFORE = re.compile(r"\b(?:the|that|this|these|those|its|their)\s+(?:[A-Za-z]+\s+)?$", re.I)
# Words that say an action is a new one, not a repeat of the last ("a separate investigation").
DISTINCT_CUE = re.compile(r"\b(?:separate|another|second|additional|fresh|new round of)\b[^.;]{0,60}$", re.I)
# Words that tie a sentence without a date to the action just described ("The department also added").
CONTINUATION_CUE = re.compile(r"\b(?:also|too|at the same time|the same (?:day|package|rules|move|announcement))\b", re.I)
# Words that date a sentence by the action it answers ("Beijing hit back within hours").
RESPONSE_CUE = re.compile(r"\b(?:within (?:hours|a day|days)|hours later|a day later|hit back|in response|responded|"
                          r"retaliat\w*|mirrored|answered|the same day)\b", re.I)
# A date that says when an action takes effect, not when it was taken.
EFFECTIVE_BEFORE = re.compile(r"\b(?:from|starting|beginning|effective|as of|with effect from)\s+(?:on\s+)?$", re.I)
# A clause that names a measure as the backdrop of something else ("even as US export controls limit ...").
BACKGROUND_LEAD = re.compile(r"\b(?:even as|amid|amidst|despite|because of|due to|in the face of|given)\s+"
                             r"(?:[\w'’-]+\s+){0,4}$", re.I)
# What joins two states in one subject: "Japan and the Netherlands", "the US, Japan and".
COORDINATION = re.compile(r"^(?:,\s*|\s+and\s+(?:the\s+)?|,\s+and\s+(?:the\s+)?)$", re.I)
# A counterfactual sentence: it tells what did not happen.
HYPOTHETICAL = re.compile(r"^(?:Without|Had|Were)\b|\bwould have (?:been|climbed|risen|jumped|gone|taken|kicked|"
                          r"hit|applied|increased|doubled)\b", re.I)
# A deadline rather than the date of the action.
DEADLINE_BEFORE = re.compile(r"\b(?:by|until|till|through|no later than|before the end of)\s+(?:the\s+end\s+of\s+)?$", re.I)
# An action verb right before a definite trigger noun: "issued the guidance" is an action, "opposed the guidance" is not.
ACTION_BEFORE = re.compile(r"\b(?:issu|publish|open|launch|announc|impos|introduc|start|unveil|adopt|approv|sign|"
                           r"expand|tighten|extend|finali[sz]|releas|enact|pass|widen|broaden|revis|updat|relax|"
                           r"loosen|strengthen|toughen|reinstat|renew|rais|increas|boost|doubl|cut|halv|reduc|lower|"
                           r"suspend|paus|lift|scrap|revok|rescind|withdr|invok|enforc|appl)\w*\s+(?:the|that|this|its|their)\s+"
                           r"(?:[A-Za-z]+\s+)?$", re.I)
ACTION_AFTER = re.compile(r"^\s+(?:[\w-]+\s+)?(?:imposed|introduced|announced|issued|published|adopted|unveiled|"
                          r"opened|launched|placed|put in place)\b", re.I)
# Policy verbs whose object is a company: a company after one is the target, not the subject.
OBJECT_VERB_BEFORE = re.compile(r"\b(?:adds|added|adding|puts|put|placed|places|placing|blacklist(?:s|ed)|sanction(?:s|ed)|"
                                r"targets|targeted|hits|hit|bars|barred|bans|banned|summon(?:s|ed)|told|tells|"
                                r"order(?:s|ed)|urg(?:es|ed)|ask(?:s|ed)|fin(?:es|ed)|investigat(?:es|ed|ing)|prob(?:es|ed|ing)|"
                                r"charg(?:es|ed)|accus(?:es|ed)|nam(?:es|ed)|list(?:s|ed)|including)\b[^.;]*$", re.I)
# A verb opening a trigger ("suspends its measures") or standing in the gap before it ("has now opened").
VERB_AT = re.compile(r"[a-z]+(?:es|ed|s)\b(?!\s+(?:on|to|of)\b)")
VERB_IN = re.compile(r"\b(?:has|have|had|will|would|is|are|was|were|[a-z]+ed)\b")
# Clause boundaries between a trigger and a date phrase.
CLAUSE_BOUNDARY = re.compile(r"[,;:()—–]|\s-\s|\b(?:and|but|while|whereas)\b")
# A leading subordinate clause ("After sales were cleared again over the summer, ...") keeps its dates.
LEADING_SUBCLAUSE = re.compile(
    r"^(?:After|Before|When|While|Although|Though|As|Since|Once|Following|Despite|Until|Because)\b[^,]{3,200},")
# How prose ends; a line of at most HEADING_WORDS words that does not is a heading.
PROSE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
HEADING_WORDS = 14
# Quoted speech (five words or more): rhetoric, not a reported action.
QUOTED = re.compile(r"“[^”\n]{20,}?”|\"[^\"\n]{20,}?\"")
# A year or month written as a noun's modifier: "its 2020 purchase", "the 2022 rules", "its October measures".
ATTRIBUTIVE_DATE = re.compile(r"(?:19|20)\d\d|(?:January|February|March|April|May|June|July|August|September|October|"
                              r"November|December)")
ATTRIBUTIVE_BEFORE = re.compile(r"\b(?:its|their|his|her|our|the|a|an|this|that|[A-Z][\w-]*['’]s)\s+$")
NOUN_AFTER = re.compile(r"\s+[a-z]")
# A report of an action that came before it: "reported that the ministry had told", "said ... that X had".
REPORTED_EARLIER = re.compile(r"\b(?:reported|said|says|wrote|revealed|disclosed|learned)\b[^;:]{0,40}?\bthat\b"
                              r"[^;:]{0,80}?\bhad\b")
_RANK = {"day": 0, "month": 1, "year": 2}
# What stands between a date and a finer one that restates it: "December, on December 8", "May (May 13)".
APPOSITION = re.compile(r"[\s,(]*(?:on\s+)?")
# What follows a date that labels a paragraph ("July 2025: ...", "9 April 2025 — ...").
LABEL_END = re.compile(r"^\s*(?:[.:—–]|-\s)")
# Sizes of an action.
PERCENT = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*(?:%|per\s?cent\b|percent\b)")
DAYS = re.compile(r"(?P<num>\d+)[-\s](?:day|days)\b")
COUNT = re.compile(r"(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?![\d,])\s+(?:[\w-]+\s+){0,3}?"
                   r"(?:entities|companies|firms|types|kinds|items|"
                   r"products|organi[sz]ations|individuals|categories|entries)\b")
MAGNITUDE_WINDOW = 160
NAMED_LIST_INSTRUMENTS = ("entity_list",)  # "its Entity List" names a list, not an action already told
SAME_KIND_REACH = 6  # paragraphs back that the last actor of an instrument still stands for an unnamed one
SUBJECT_WINDOW = 60  # how far into a sentence its subject may start ("On Saturday the commerce ministry ...")
# Where a target phrase ends.
TARGET_STOP = re.compile(r"[,;:.()—–\"“”]|\s(?:which|that|because|after|before|when|while|if|so that|as|but|"
                         r"citing|saying|according)\s")
TARGET_LEAD = re.compile(r"^(?:on|into|of|against|for|to|at|over|targeting|covering|from|in|with|the|a|an)\s+", re.I)
TARGET_WORDS = 10


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
    scope: str = "sentence"  # where the evidence that it touches chips lies (transforms/scope.py)


def is_heading(sentence: Sentence) -> bool:
    """A short line that does not end like prose: a headline, a section heading, a label."""
    return len(sentence.text.split()) <= HEADING_WORDS and not PROSE_END.search(sentence.text)


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech of five words or more."""
    return [(m.start(), m.end()) for m in QUOTED.finditer(text) if len(m.group().split()) >= 5]


def dateline_end(text: str) -> int:
    """Offset where a dateline ("SINGAPORE, 2 January 2025 —") ends, or 0."""
    pos = 0
    for line in text.split("\n")[:6]:
        stripped = line.lstrip()
        match = DATELINE.match(stripped)
        if match:
            return pos + (len(line) - len(stripped)) + match.end()
        pos += len(line) + 1
    return 0


class _Context:
    """The actor the article named last, for "the ministry", "the regulator", "It"."""

    def __init__(self) -> None:
        self.actor: tuple[str, str] | None = None
        self.company_last = False
        self.sentence_index = -1
        self.paragraph = -1
        self.named_here: tuple[int, str, str] | None = None  # (paragraph, actor, country) of its last state word

    def snapshot(self) -> "_Context":
        """A copy of the context as it stands before the next sentence is read."""
        copy = _Context()
        copy.__dict__.update(self.__dict__)
        return copy

    def note(self, actor: str, country: str, index: int, paragraph: int = -1) -> None:
        self.actor = (actor, country)
        self.company_last = False
        self.sentence_index = index
        self.paragraph = paragraph

    def recent(self, index: int, paragraph: int, continues: bool = False) -> ActorMention | None:
        """The last actor, for a sentence that names none, when it was named in the last two sentences
        of this paragraph or the one before; a sentence that says it continues ("The same package put new
        export controls on ...") reaches four sentences and two paragraphs back."""
        reach = 4 if continues else 2
        if self.actor is None or self.company_last or index - self.sentence_index > reach:
            return None
        if paragraph - self.paragraph > reach // 2:
            return None
        actor, country = self.actor
        return ActorMention(0, 0, actor, country, "generic", None)


def _resolve_generic(mention: ActorMention, mentions: list[ActorMention], text: str,
                     context: _Context, paragraph: int, companies: list = ()) -> ActorMention | None:
    """A generic body ("regulators", "officials", "local governments") with its country, from the nearest
    evidence: a country word just before it ("Chinese regulators") or just after it ("local governments
    in China's interior"), else the state the sentence names before it ("Beijing discouraged purchases:
    regulators told ..."), else the state last named in its paragraph, else the actor the article named
    last."""
    for other in reversed(mentions):
        if other.end <= mention.start and other.country and ATTACHED_GAP.match(text[other.end:mention.start]):
            return replace(mention, country=other.country, actor=f"{text[other.start:mention.end]}")
    if any(c.end <= mention.start and ATTACHED_GAP.match(text[c.end:mention.start]) for c in companies):
        return None  # "Nvidia officials": a company's people, not a state's
    for other in mentions:
        if other.start >= mention.end and other.country and GENERIC_OF.fullmatch(text, mention.end, other.start):
            return replace(mention, country=other.country, actor=f"{text[mention.start:other.end]}")
    earlier = [m for m in mentions if m.end <= mention.start and m.country and m.preposition is None]
    if earlier:
        return replace(mention, country=earlier[-1].country, actor=f"{earlier[-1].actor} ({mention.actor})")
    if context.named_here is not None and context.named_here[0] == paragraph:
        _, actor, country = context.named_here
        return replace(mention, country=country, actor=actor)
    if context.actor is None:
        return None
    actor, country = context.actor
    return replace(mention, country=country, actor=actor)


def _sentence_actors(sentence: Sentence, lexicon: PolicyLexicon, context: _Context, index: int,
                     companies: list) -> list[ActorMention]:
    """The sentence's actor mentions, generic ones resolved, updating the context as it reads."""
    text = sentence.text
    raw = [m for m in find_actors(text, lexicon)  # "China" in "China Mobile" is a company's name, not the state
           if not any(c.start <= m.start and m.end <= c.end for c in companies)]
    resolved: list[ActorMention] = []
    pronoun = PRONOUN_SUBJECT.match(text)
    if pronoun and context.actor and not context.company_last and context.sentence_index >= index - 1:
        actor, country = context.actor
        resolved.append(ActorMention(0, text.find(" "), actor, country, "generic", None))
    for mention in raw:
        if mention.kind == "generic":
            mention = _resolve_generic(mention, raw, text, context, sentence.paragraph, companies)
            if mention is None:
                continue
        resolved.append(mention)
    stated = [m for m in resolved if m.country and m.kind != "generic" and (m.preposition is None or m.kind == "adjective")]
    if stated:  # the state a later "officials" in this paragraph most likely belongs to
        context.named_here = (sentence.paragraph, stated[-1].actor, stated[-1].country)
    subjects = [(m.start, m) for m in resolved if m.preposition is None and m.kind != "adjective"]
    subjects += [(c.start, c) for c in companies if not PREPOSITION_BEFORE.search(text, 0, c.start)]
    if subjects:  # only a sentence's opening subject sets the context; objects ("describing Washington's ...") do not
        start, first = min(subjects, key=lambda item: item[0])
        if start <= SUBJECT_WINDOW:
            if isinstance(first, ActorMention):
                context.note(first.actor, first.country, index, sentence.paragraph)
            else:
                context.company_last = True
    return resolved


def choose_actor(trigger: TriggerMatch, mentions: list[ActorMention], text: str) -> ActorMention | None:
    """The state behind a trigger (see the module docstring for the order of preference)."""
    before = [m for m in mentions if m.end <= trigger.start]
    for m in reversed(before):  # attached: "US export curbs", "the Biden administration's new export controls"
        gap = text[m.end:trigger.start]
        if "," in gap or not ATTACHED_GAP.match(gap):
            continue
        if m.preposition is None or gap.strip() == "" or gap.startswith(("'", "’")):
            return m
    for m in reversed(before):  # "pressure from Washington, which in October imposed ..."
        rel = RELATIVE_SUBJECT.match(text, m.end)
        if rel and not any(o.start >= rel.end() and o.end <= trigger.start and o.kind != "adjective" and
                           o.preposition is None for o in before):
            return m
    clause_start = max(text.rfind(";", 0, trigger.start), -1) + 1
    subjects = [m for m in before if m.start >= clause_start and m.kind != "adjective"
                and (m.preposition is None or m.kind in ("body", "person", "generic") and m.preposition != "by")
                and not _possessive_of_other(m, text)]
    if subjects:
        return subjects[-1]
    inside = [m for m in mentions if m.start >= trigger.start and m.end <= trigger.end and m.preposition is None
              and m.kind in ("body", "person", "generic")]  # "adds Chinese GPU designers to ...": the object
    if inside:  # "the package of rules the US Commerce Department published"
        return inside[0]
    after = [m for m in mentions if m.start >= trigger.end]
    for m in after:  # passive agent: "restrictions imposed by Washington"
        if m.preposition == "by" and m.start - trigger.end < 60:
            return m
    for m in after:  # relative clause: "the rules the US Commerce Department published"
        between = text[trigger.end:m.start]
        if m.preposition is None and m.kind in ("body", "person") and len(between) < 40 and "," not in between:
            return m
    adjectives = [m for m in before if m.kind == "adjective" and m.preposition is None and m.start >= clause_start
                  and not OBJECT_BEFORE.search(text, 0, m.start)
                  and (STATE_NOUN_AFTER.match(text, m.end) or trigger.instrument in ADJECTIVE_TOLD
                       and ADJECTIVE_OF_SUBJECT.match(text, m.end))]
    return adjectives[0] if adjectives else None  # the subject's adjective comes first ("Chinese groups told ...")


def coordinated(actor: ActorMention, mentions: list[ActorMention], text: str) -> list[ActorMention]:
    """Other states joined to the subject by "and" or a comma ("Japan and the Netherlands"), each acting too."""
    partners: list[ActorMention] = []
    current = actor
    for m in reversed([m for m in mentions if m.end <= actor.start]):
        if not COORDINATION.match(text[m.end:current.start]):
            break
        if m.kind in ("country", "body") and m.preposition is None and m.country not in (actor.country, ""):
            partners.append(m)
        current = m
    return partners


def _company_subject(trigger: TriggerMatch, companies: list, text: str) -> bool:
    """A company named before the trigger as a subject ("Nvidia halted shipments"): the act is not a state's
    (in "adds Biren to the Entity List" the company is the object)."""
    return any(c.end <= trigger.start and not PREPOSITION_BEFORE.search(text, 0, c.start)
               and not OBJECT_VERB_BEFORE.search(text, max(0, c.start - 60), c.start) for c in companies)


def _last_actor_of(instrument: str, found: list[Candidate], paragraph: int) -> ActorMention | None:
    """The state that took the article's last action of this kind, for a sentence that names no actor
    ("A third package restricts sales ..." in a timeline of one state's rules), within a few paragraphs."""
    for cand in reversed(found):
        if cand.trigger.instrument == instrument and paragraph - cand.sentence.paragraph <= SAME_KIND_REACH:
            return ActorMention(0, 0, cand.actor, cand.country, "generic", None)
    return None


def _subject_of_own_clause(actor: ActorMention, trigger: TriggerMatch, text: str) -> bool:
    """The actor is the subject of the trigger's own clause ("... and Beijing suspends its measures")."""
    if actor.end == 0 or actor.start > trigger.start or actor.preposition is not None or actor.kind == "adjective":
        return False
    gap = text[actor.end:trigger.start]
    if gap.startswith(("'", "’")) or CLAUSE_BOUNDARY.search(gap):
        return False  # "describing Washington's export controls": a possession, not a clause of its own
    return bool(VERB_AT.match(text, trigger.start) or VERB_IN.search(gap))


def _possessive_of_other(mention: ActorMention, text: str) -> bool:
    """ "China's Huawei", "America's chipmakers": a state named as the owner of something that does not act
    for it ("Washington's decision", "Beijing's regulators" do)."""
    follow = POSSESSIVE_FOLLOW.match(text, mention.end)
    return bool(follow) and not follow["noun"]


def _attached(actor: ActorMention, trigger: TriggerMatch, text: str) -> bool:
    """The actor names the action itself ("the SAMR investigation", "Beijing's guidance")."""
    if actor.end > trigger.start or actor.end == 0:
        return False
    gap = text[actor.end:trigger.start]
    return "," not in gap and bool(POSSESSIVE_GAP.match(gap))


def _boundaries(text: str, a: int, b: int) -> int:
    lo, hi = min(a, b), max(a, b)
    return len(CLAUSE_BOUNDARY.findall(text, lo, hi)) if hi > lo else 0


def _crossings(d: DateMention, trigger: TriggerMatch, sentence: Sentence) -> int:
    """Clause boundaries between a date phrase and a trigger of the same sentence."""
    s, e = d.start - sentence.start, d.end - sentence.start
    if s < trigger.end and trigger.start < e:
        return 0
    if e <= trigger.start:
        return _boundaries(sentence.text, e, trigger.start)
    return _boundaries(sentence.text, trigger.end, s)


def _dates_another_noun(d: DateMention, trigger: TriggerMatch, text: str, base: int) -> bool:
    """A year or month that qualifies a noun other than the trigger ("over its 2020 purchase of Mellanox",
    "suspends its October rare-earth measures"): the date of that thing, not of the action ("the 2023
    rules" dates the rules when they are the trigger)."""
    s, e = d.start - base, d.end - base
    if d.precision == "day" or not ATTRIBUTIVE_DATE.fullmatch(text[s:e]):
        return False
    if not (ATTRIBUTIVE_BEFORE.search(text, 0, s) and NOUN_AFTER.match(text, e)):
        return False
    return not (e <= trigger.start <= e + 2)


def _report_bound(d: DateMention | None, trigger: TriggerMatch, sentence: Sentence) -> DateMention | None:
    """The date of a report about an earlier action ("On Wednesday the paper reported that the agency had told
    ..."): the action happened by then, so it is dated to the report's month, not its day."""
    if d is None or d.precision != "day":
        return d
    s = d.start - sentence.start
    if s >= trigger.start or not REPORTED_EARLIER.search(sentence.text, s, trigger.start):
        return d
    return replace(d, value=d.value.replace(day=1), precision="month")


def choose_date(trigger: TriggerMatch, dates: list[DateMention], sentence: Sentence) -> DateMention | None:
    """The date of a trigger's own clause, else the sentence's opening date, else the nearest one.

    A deadline ("phase out foreign chips by 2027") says when something must be done, not when the
    state acted, so it never dates the action."""
    text, base = sentence.text, sentence.start
    dates = [d for d in dates if not DEADLINE_BEFORE.search(text, 0, d.start - base)
             and not _dates_another_noun(d, trigger, text, base)]
    if not dates:
        return None
    sub = LEADING_SUBCLAUSE.match(text)
    if sub:
        inside = trigger.start < sub.end()
        dates = [d for d in dates if (d.start - base < sub.end()) == inside] or ([] if inside else dates)
        if not dates:
            return None

    def gap(d: DateMention) -> int:
        s, e = d.start - base, d.end - base
        return 0 if s < trigger.end and trigger.start < e else (trigger.start - e if e <= trigger.start else s - trigger.end)

    def crossings(d: DateMention) -> int:
        return _crossings(d, trigger, sentence)

    if len(dates) > 1:  # when it takes effect ("from January 15") dates the action only if nothing else does
        dates = [d for d in dates if not EFFECTIVE_BEFORE.search(text, 0, d.start - base)] or dates
    own = [d for d in dates if crossings(d) == 0]
    if own:
        return _apposed_finer(min(own, key=gap), dates, text, base)
    if BACKGROUND_LEAD.search(text, 0, trigger.start):
        return None  # "even as US export controls limit ...": a standing backdrop, not dated by the sentence
    opening = [d for d in dates if d.start - base <= 16 and "," not in text[: d.start - base]]
    if opening and opening[0].end - base <= trigger.start:
        return _apposed_finer(opening[0], dates, text, base)
    return _apposed_finer(min(dates, key=lambda d: (crossings(d), gap(d))), dates, text, base)


def _apposed_finer(d: DateMention, dates: list[DateMention], text: str, base: int) -> DateMention:
    """A finer date set beside this one that agrees with it ("In early December, on December 8")."""
    for other in dates:
        if other.start >= d.end and APPOSITION.fullmatch(text, d.end - base, other.start - base) \
                and _RANK[other.precision] < _RANK[d.precision] and _compatible(other, d):
            return other
    return d


def find_magnitude(trigger: TriggerMatch, text: str) -> tuple[float | None, str | None]:
    """The size of the action near its trigger: a percentage, a number of days or of listed things."""
    best: tuple[int, float, str] | None = None
    for regex, unit in ((PERCENT, "percent"), (DAYS, "days"), (COUNT, "units")):
        for m in regex.finditer(text):
            distance = m.start() - trigger.end if m.start() >= trigger.end else trigger.start - m.end()
            distance = max(distance, 0)
            if distance > MAGNITUDE_WINDOW:
                continue
            value = float(m["num"].replace(",", ""))
            if best is None or distance < best[0]:
                best = (distance, value, unit)
    return (best[1], best[2]) if best else (None, None)


def find_target(trigger: TriggerMatch, text: str, date_starts: Iterable[int] = ()) -> str:
    """A short phrase for what the action is aimed at: the words after the trigger up to the clause's end
    (or up to a date phrase: "a probe into US chip subsidies on Friday" aims at "US chip subsidies")."""
    tail = text[trigger.end:]
    stop = TARGET_STOP.search(tail)
    end = stop.start() if stop else len(tail)
    for start in date_starts:
        if trigger.end <= start < trigger.end + end:
            end = start - trigger.end
            break
    phrase = re.sub(r"\s+(?:on|in|since|from|by|at|during|until|as of|last|this|next|earlier|later)\s*$", "",
                    tail[:end].rstrip(), flags=re.I)
    phrase = TARGET_LEAD.sub("", phrase.strip())
    words = phrase.split()[:TARGET_WORDS]
    if len(" ".join(words)) >= 3:
        return " ".join(words)
    own = text[trigger.start:trigger.end].split()[1:]  # "rescinded the AI diffusion rule": its object
    if len(own) >= 2:
        return TARGET_LEAD.sub("", " ".join(own[:TARGET_WORDS]))
    head = text[: trigger.start]
    cut = max(head.rfind(","), head.rfind(";"))
    before = head[cut + 1:].split()[-TARGET_WORDS:]
    return " ".join(before) or text[trigger.start:trigger.end]


def find_status(trigger: TriggerMatch, text: str, lexicon: PolicyLexicon,
                others: Iterable[TriggerMatch] = ()) -> str:
    """The trigger's own status hint, else the status whose cue sits nearest the trigger (seed order
    breaks ties) among the cues no other trigger of the sentence sits nearer to ("told Nvidia it could
    resume sales, reversing the licence requirement": the reversal is the requirement's), else "announced"."""
    if trigger.status_hint:
        return trigger.status_hint
    others = [o for o in others if o != trigger]

    def distance(t: TriggerMatch, m: re.Match) -> int:
        return max(m.start() - t.end, t.start - m.end(), 0)

    best: tuple[int, int, str] | None = None
    for order, (status, cue) in enumerate(lexicon.status_cues):
        for m in cue.finditer(text):
            near = distance(trigger, m)
            if any(distance(o, m) < near for o in others):
                continue
            if best is None or (near, order) < best[:2]:
                best = (near, order, status)
    return best[2] if best else STATUS_DEFAULT


def settled_status(status: str, instrument: str, when: DateMention | None, anchor: date | None,
                   text: str = "") -> str:
    """A standing measure told without any cue, dated well before the article, is in effect by now
    (unless the sentence tells it as an announcement)."""
    if status != STATUS_DEFAULT or instrument not in STANDING_INSTRUMENTS or when is None or anchor is None:
        return status
    if ANNOUNCED_CUE.search(text):
        return status
    return "in_effect" if (anchor - when.value).days > SETTLED_AFTER_DAYS else status


# --- one article -----------------------------------------------------------------------------------

def _candidates(article: Article, sentences: list[Sentence], anchor: date | None,
                lexicon: PolicyLexicon) -> list[Candidate]:
    # Triggers first: an article without any has no candidates, and sentences after the last one
    # cannot change those before them, so neither needs the dates, quotes, companies and actors.
    cues = article_cues(article.text, lexicon)
    triggers = [find_triggers(sentence.text, lexicon, cues) for sentence in sentences]
    last = max((index for index, found in enumerate(triggers) if found), default=-1)
    if last < 0:
        return []
    text = article.text
    dates = _ArticleDates(text, anchor)
    quotes = quoted_spans(text)
    all_companies = lexicon.companies.find(text) if lexicon.companies is not None else []
    company_starts = [c.start for c in all_companies]
    context = _Context()
    scope = ArticleScope(text, sentences, lexicon.scope) if lexicon.scope is not None else None
    found: list[Candidate] = []
    for index, sentence in enumerate(sentences[:last + 1]):
        prior = context.snapshot() if triggers[index] else context
        companies = _companies_within(all_companies, company_starts, sentence)
        mentions = _sentence_actors(sentence, lexicon, context, index, companies)
        if not triggers[index] or is_heading(sentence):
            continue  # a headline or a section heading sums up what the text below tells (and dates)
        evidence = scope.evidence(index) if scope is not None else "sentence"
        if evidence is None:
            continue  # not about chips: impeachment "investigations", farm subsidies, consumer-goods tariffs
        in_sentence: list[DateMention] | None = None
        in_this: list[Candidate] = []
        for trig in triggers[index]:
            absolute = sentence.start + trig.start
            if any(s <= absolute < e for s, e in quotes):
                continue
            actor = choose_actor(trig, mentions, sentence.text)
            resolved = actor is None or actor.kind == "generic"
            if actor is None and not _company_subject(trig, companies, sentence.text):
                actor = prior.recent(index, sentence.paragraph, bool(CONTINUATION_CUE.search(sentence.text))) \
                    or _last_actor_of(trig.instrument, found + in_this, sentence.paragraph)
            if actor is None or not actor.country:
                continue
            if in_sentence is None:
                in_sentence = dates.within(sentence)
            magnitude, unit = find_magnitude(trig, sentence.text)
            head = sentence.text[: trig.start]
            chosen_date = choose_date(trig, in_sentence, sentence) or dates.label(sentence, sentences)
            chosen_date = _report_bound(chosen_date, trig, sentence)
            own_date = chosen_date is not None and _crossings(chosen_date, trig, sentence) == 0
            effective = chosen_date is not None and bool(EFFECTIVE_BEFORE.search(text, 0, chosen_date.start))
            sub = LEADING_SUBCLAUSE.match(sentence.text)
            main = [c for c in in_this if not (sub and c.trigger.start < sub.end() <= trig.start)]
            if chosen_date is None and HYPOTHETICAL.search(sentence.text):
                continue  # "Without the order, US duties would have climbed ...": what did not happen
            if not own_date and any(c.country != actor.country for c in main) \
                    and not _subject_of_own_clause(actor, trig, sentence.text):
                continue  # another state's measure named in the complaint of this sentence's action
            if actor.kind != "adjective":
                context.note(actor.actor, actor.country, index, sentence.paragraph)
            base = Candidate(
                sentence=sentence, trigger=trig, actor=actor.actor, country=actor.country,
                date=chosen_date, magnitude=magnitude, magnitude_unit=unit,
                target=find_target(trig, sentence.text, sorted(d.start - sentence.start for d in in_sentence)),
                status=settled_status(find_status(trig, sentence.text, lexicon, triggers[index]), trig.instrument, chosen_date, anchor,
                                  sentence.text),
                definite=(bool(DEFINITE_BEFORE.search(head)) and "'s" not in head[-25:]
                          and trig.instrument not in NAMED_LIST_INSTRUMENTS),
                acted=(bool(ACTION_BEFORE.search(head)) or bool(ACTION_AFTER.match(sentence.text[trig.end:]))
                       or _attached(actor, trig, sentence.text)),
                distinct=bool(DISTINCT_CUE.search(head)),
                continues=bool(CONTINUATION_CUE.search(sentence.text)) or actor.kind == "generic",
                responds=bool(RESPONSE_CUE.search(sentence.text)), effective=effective, scope=evidence,
            )
            in_this.append(base)
            for partner in coordinated(actor, mentions, sentence.text):  # "Japan and the Netherlands imposed ..."
                in_this.append(replace(base, actor=partner.actor, country=partner.country))
        found.extend(in_this)
    return found


class _ArticleDates:
    """The article's date mentions after its dateline, found on first use: a trigger without an actor
    needs none, and finding them reads the whole text."""

    def __init__(self, text: str, anchor: date | None) -> None:
        self.text = text
        self.anchor = anchor
        self.found: list[DateMention] | None = None
        self.firsts: dict[int, Sentence] = {}  # paragraph -> its first sentence

    def within(self, sentence: Sentence) -> list[DateMention]:
        """The mentions that lie inside the sentence."""
        if self.found is None:
            skip_to = dateline_end(self.text)
            self.found = [d for d in find_dates(self.text, self.anchor) if d.start >= skip_to]
        return [d for d in self.found if d.start >= sentence.start and d.end <= sentence.end]

    def label(self, sentence: Sentence, sentences: list[Sentence]) -> DateMention | None:
        """The date a paragraph opens with as its label ("- 9 April 2025. The administration tells ...",
        "July 2025: ..."), which dates each of its sentences that gives no date of its own."""
        if sentence.paragraph not in self.firsts:
            self.firsts = {s.paragraph: s for s in reversed(sentences)}
        first = self.firsts.get(sentence.paragraph)
        found = self.within(first) if first is not None else []
        if not found or found[0].start - first.start > 2 or found[0].relative:
            return None
        rest = self.text[found[0].end:first.end]
        return found[0] if not rest.strip(" .") or LABEL_END.match(rest) else None


def _companies_within(mentions: list, starts: list[int], sentence: Sentence) -> list:
    """The company mentions (in text order, not overlapping) that lie inside the sentence, with offsets
    into the sentence text."""
    within = []
    for i in range(bisect_left(starts, sentence.start), len(mentions)):
        mention = mentions[i]
        if mention.end > sentence.end:
            break  # every later mention starts after this one ends, so it ends outside the sentence too
        within.append(replace(mention, start=mention.start - sentence.start, end=mention.end - sentence.start))
    return within


def _inherit_dates(found: list[Candidate]) -> list[Candidate]:
    """An undated continuation ("The department also added ...") takes the finest date of its paragraph's actions."""
    out = []
    for i, cand in enumerate(found):
        if cand.date is None and cand.distinct:  # "in a second announcement": a parallel action, same day
            same = [c for c in found[:i] if c.date is not None and c.country == cand.country
                    and c.trigger.instrument == cand.trigger.instrument]
            if same:
                cand = replace(cand, date=same[-1].date)
        if cand.date is None and (cand.continues or cand.responds) and not cand.definite:
            reach = 2 if cand.responds or CONTINUATION_CUE.search(cand.sentence.text) else 0
            donors = [c for c in found[:i] if c.date is not None and (c.country == cand.country or cand.responds)
                      and 0 <= cand.sentence.paragraph - c.sentence.paragraph <= reach]
            rank = {"day": 0, "month": 1, "year": 2}
            if donors:  # the finest date, among the same instrument's first
                best = min(donors, key=lambda c: (c.trigger.instrument != cand.trigger.instrument, rank[c.date.precision]))
                cand = replace(cand, date=best.date)
        out.append(cand)
    return out


def _compatible(a: DateMention | None, b: DateMention | None) -> bool:
    if a is None or b is None:
        return True
    length = {"day": 10, "month": 7, "year": 4}
    n = min(length[a.precision], length[b.precision])
    return a.value.isoformat()[:n] == b.value.isoformat()[:n]


def _refine(kept: list[Candidate], target: Candidate, reference: Candidate) -> None:
    """A reference back that dates its action more finely ("issued the guidance earlier this month") dates it."""
    rank = {"day": 0, "month": 1, "year": 2}
    new = reference.date
    if new is None or not _compatible(target.date, new):
        return
    if target.date is None or rank[new.precision] < rank[target.date.precision]:
        kept[kept.index(target)] = replace(target, date=new)


def _undoes(cand: Candidate) -> bool:
    """Whether the action suspends, delays or undoes a measure (a separate action from the measure itself)."""
    return cand.status in UNDOING_STATUSES


def fold_actions(found: list[Candidate]) -> list[Candidate]:
    """One candidate per action: repeats, references back and undated mentions join the action they name."""
    found = _inherit_dates(found)
    kept: list[Candidate] = []
    for cand in found:  # references back ("the probe") join the earlier action of the same kind
        earlier = [k for k in kept if k.country == cand.country and k.trigger.instrument == cand.trigger.instrument]
        own_day = cand.date is not None and cand.date.precision == "day"
        if cand.definite and not cand.distinct and earlier and (
                not own_day or any(k.date is not None and k.date.value == cand.date.value for k in earlier)):
            _refine(kept, earlier[-1], cand)
            continue
        if cand.definite and not earlier and not cand.acted:
            continue  # "opposed the guidance": a reference to an action this article does not report
        kept.append(cand)
    rank = {"day": 0, "month": 1, "year": 2, None: 3}
    order = sorted(range(len(kept)), key=lambda i: (kept[i].effective,
                                                    rank[kept[i].date.precision if kept[i].date else None]))
    final: dict[int, Candidate] = {}
    for i in order:
        cand = kept[i]
        same = [j for j in final if final[j].country == cand.country
                and final[j].trigger.instrument == cand.trigger.instrument
                and _undoes(final[j]) == _undoes(cand)]  # "scraps the rule and warns ...": two actions
        match = next((j for j in same if _compatible(final[j].date, cand.date)), None)
        if cand.distinct and cand.date is not None and match is not None and final[match].sentence != cand.sentence:
            match = None
        if match is None and cand.effective and same:
            match = same[0]  # the date it takes effect belongs to an action already counted
        if match is None and cand.date is None and same:
            match = same[0]
        if match is None:
            final[i] = cand
        elif final[match].magnitude is None and cand.magnitude is not None:
            final[match] = replace(final[match], magnitude=cand.magnitude, magnitude_unit=cand.magnitude_unit)
    return [final[i] for i in sorted(final)]


def event_id(article_id: str, cand: Candidate) -> str:
    """First 16 hex digits of a SHA-256 over the article, the evidence span and the event's key fields."""
    day = cand.date.value.isoformat() if cand.date else ""
    parts = (article_id, cand.sentence.start, cand.sentence.end, cand.trigger.start, cand.country,
             cand.trigger.instrument, day)
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def to_event(article: Article, cand: Candidate) -> PolicyEvent:
    """A folded candidate as a `policy_events` row; the evidence is its whole sentence."""
    return PolicyEvent(
        event_id=event_id(article.article_id, cand), article_id=article.article_id,
        actor_country=cand.country, actor=cand.actor, instrument=cand.trigger.instrument, target=cand.target,
        event_date=cand.date.value if cand.date else None,
        date_precision=cand.date.precision if cand.date else None,
        magnitude=cand.magnitude, magnitude_unit=cand.magnitude_unit, status=cand.status,
        evidence=cand.sentence.text, char_start=cand.sentence.start, char_end=cand.sentence.end,
        extractor_version=EXTRACTOR_VERSION,
    )


def extract_policy(article: Article, sentences: list[Sentence], anchor: date | None,
                   lexicon: PolicyLexicon) -> list[PolicyEvent]:
    """Policy events of one article, one per action, each with its evidence sentence and offsets."""
    return [to_event(article, cand) for cand in fold_actions(_candidates(article, sentences, anchor, lexicon))]
