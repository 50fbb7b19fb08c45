"""The policy vocabularies compiled: actor aliases, trigger phrases, status cues and scope cues from the seeds.

The seeds write triggers in a small pattern language (`transforms.policy_phrases`);
`build_policy_lexicon` compiles every seed row once; `find_actors` and `find_triggers` read one sentence.

Most sentences of a news page name no policy action, so each phrase also carries its cue words
(`phrase_cues`: lower-case literals that every match must contain, derived from the phrase itself);
`find_triggers` runs a phrase's regex only on a sentence that contains them, which cannot change
what it finds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable, Mapping, Sequence

import ahocorasick

from transforms.cues import cue_text, holds_cues
from transforms.policy_phrases import PolicyPatternError, compile_phrase, phrase_cues
from transforms.reference import ReferenceData
from transforms.scope import ScopeVocabulary, build_scope_vocabulary

__all__ = ["ActorMention", "PolicyLexicon", "PolicyPatternError", "TriggerMatch", "article_cues", "build_policy_lexicon",
           "compile_phrase", "find_actors", "find_triggers", "phrase_cues"]

# Titles of people: a body's alias naming its head ("President Lee Jae-myung") does not make the body one.
PERSON_TITLES = frozenset({"president", "minister", "premier", "secretary", "chancellor"})
# A preposition (and article) right before a mention: the state is then an object ("exports to China").
PREPOSITION_BEFORE = re.compile(
    r"\b(?P<prep>to|in|into|from|on|against|with|for|of|at|towards?|by|inside|outside|across|than|over|"
    r"about|under|between|like|including)\s+(?:the\s+|some\s+|many\s+|several\s+|other\s+|a\s+few\s+|a\s+group\s+of\s+)?"
    r"(?:mainland\s+)?$", re.I)  # "opposition from some lawmakers in Washington": an object, not a subject
# A preposition before a list of names that a mention closes: "from Russia, Pakistan and mainland China".
PREPOSITION_BEFORE_LIST = re.compile(
    r"\b(?P<prep>to|in|into|from|on|against|with|for|of|at|by|including|like|between)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*(?:\s*,\s*|\s+and\s+|\s+or\s+)(?:the\s+|mainland\s+)?){1,8}$")
NAME_START = re.compile(r"(?:the\s+)?[A-Z]")
# A company noun right after a state's name: "US trading firm", "Chinese AI start-ups", "US chipmakers" (not
# across a verb: "Beijing has discouraged companies" is the state acting on them).
COMPANY_NOUN_AFTER = re.compile(
    r"\s+(?:(?!(?:has|have|had|is|are|was|were|will|would|can|could|may|might|must|should|did|does|do|also|"
    r"then|now|told|tells|urged|asked|ordered)\b)(?![a-z]+ed\s)[\w-]+\s+){0,2}?(?:firm|firms|company|companies|chipmaker|chipmakers|group|groups|start-ups?|startups?|"
    r"maker|makers|manufacturers?|suppliers?|traders?|investors?|customers|buyers|labs?|vendors?|designers?|"
    r"exporters?|importers?|clients|operators?|brokers?|banks?)\b")
# A person right after a national adjective: "a Chinese national", "two Chinese-born engineers", "a Taiwanese
# businessman" (their nationality, never the state that acts on them).
PERSON_NOUN_AFTER = re.compile(r"(?:-born|-American)?\s+(?:[\w-]+\s+)?(?:nationals?|citizens?|man|men|woman|women|"
                               r"businessm[ae]n|businesswom[ae]n|engineers?|students?|researchers?|defendants?|"
                               r"smugglers?|brokers?|residents?|nationality)\b")
# The capitalised word before a one-word alias, and the words that may stand there without making one name.
NAME_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+$")
NAME_OPENERS = frozenset({"The", "A", "An", "On", "In", "At", "By", "And", "But", "For", "After", "Before", "When",
                          "While", "Since", "As", "Then", "Meanwhile", "Also", "Both", "Under", "With", "From", "Until",
                          "Last", "This", "That", "Chinese", "American", "Japanese", "Korean", "Dutch", "Taiwanese",
                          "Malaysian", "European", "Indian", "British", "German", "Federal", "Said", "If", "Why", "How",
                          "What", "Where", "Only", "Even", "So", "Now", "Yet", "Still", "Tokyo", "Beijing", "Washington",
                          "Seoul", "Taipei", "Brussels", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                          "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July",
                          "August", "September", "October", "November", "December", "Some", "Many", "Several", "Most",
                          "Other", "All", "Few", "No", "Two", "Three", "Its", "Their", "These", "Those", "Such", "Senior",
                          "Top", "Local", "Provincial"})  # "Some Chinese provinces": a determiner, not one name
# A verb in -ing right after a mention: "with Washington saying" makes it the subject of that verb.
GERUND_AFTER = re.compile(r"\s+(?:\w+ly\s+)?\w+ing\b")
# A trigger inside the object of another ("a probe into US chip subsidies"): part of that one's target.
INSIDE_TARGET = re.compile(r"^\s+(?:into|on|against|over|of|targeting)\s+(?:(?!(?:and|but|or|while)\b)[\w'’-]+\s+){0,3}$"
                           r"|\b(?:postpon|delay|defer|suspend|paus|extend|enforc)\w*\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
# A relative clause that tells what the measure before it does: "the Entity List, which bars suppliers from ...".
RELATIVE_DESCRIPTION = re.compile(r",\s+which\s+$")
PRESENT_VERB = re.compile(r"[a-z]+[^s\W]s\b")  # "bars", "requires" (a past "tightened controls" is an action told)
# What a trigger row's status_hint may say (empty: the sentence's status cues decide).
STATUS_HINTS = (None, "announced", "in_effect", "proposed", "threatened", "delayed", "rescinded", "reported")
# The seeds' instrument for a second verb of the measure named just before ("issued ... and suspended ...").
SAME_INSTRUMENT = "same"
# The seeds' instrument for a reference back to the action just told ("announced the change on Friday").
REFERENCE = "ref"
LEADING_AND = re.compile(r"and\s+", re.I)
# Instruments whose clause may name what they delay or undo ("an executive order delaying tariffs").
ORDERING_INSTRUMENTS = ("executive_order", "legislation")
# A relative clause telling what a law does, right before the trigger it names: "..., that raises the investment tax
# credit", "which would extend the subsidies".
LAW_CONTENT = re.compile(r"(?:\b(?:that|which)|,\s*it)\s+(?:would\s+|will\s+)?(?:[a-z]+s?\s+(?:the\s+|a\s+|an\s+|its\s+|"
                         r"their\s+)?)?$")  # round 8: "Filed in the Senate on May 4, it would bar ...": the bill's content
# Measures named by a generic noun whose relative clause tells what they hold: that content gives their instrument.
GENERIC_MEASURE = re.compile(r"\b(?:measures|rules|regulations|policies|framework|plan|package)\s*$", re.I)
MEASURE_CONTENT = re.compile(r"\b(?:that|which)\s+(?:would\s+|will\s+)?(?:include|includes|included|including|offer|offers|"
                             r"offered|provide|provides|provided|give|gives|gave)\b[^;.]*$", re.I)
CONTENT_INSTRUMENTS = ("subsidy", "procurement_guidance")
# A sentence that asks (its last mark a question mark, before any closing quote or bracket), opened by the word that
# asks.
QUESTION = re.compile(r"\?[\"'”’)\]]*\s*$")
ASKING = re.compile(r"^\W*(?:Will|Would|Could|Can|Should|Shall|Might|May|Does|Do|Did|Is|Are|Was|Were|Has|Have|Had|"
                    r"Why|How|What|When|Which|Who|Whether)\b")
# The comma inside a date ("September 22, 2023"), which does not end a clause.
DATE_COMMA = re.compile(r"\b\d{1,2},\s+(?:19|20)\d\d\b")
# Two triggers of one instrument side by side ("anti-dumping investigation") are one.
ADJACENT = re.compile(r"^[\s\"“”‘’'-]*(?:(?!(?:and|or|but)\b)[\w'’-]+\s+)?$")  # 'an "anti-discrimination" investigation'


@dataclass(frozen=True)
class ActorAlias:
    """What an actor alias stands for."""

    actor: str
    country: str
    kind: str


@dataclass(frozen=True)
class Trigger:
    """One compiled trigger phrase of an instrument (instrument "none" is a veto).

    `cues`: every match contains, in lower case, one word of each set (see `phrase_cues`)."""

    instrument: str
    pattern: re.Pattern
    status_hint: str | None
    cues: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True)
class CueIndex:
    """Phrases keyed by one of their cue sets (the most telling), to find the few a sentence may hold."""

    words: tuple[str, ...]  # every key word, each tested once per text
    keyed: Mapping[str, tuple[int, ...]]  # key word -> positions of the phrases it keys
    unkeyed: tuple[int, ...]  # phrases without cue words: always tried
    size: int
    automaton: ahocorasick.Automaton | None = None   # every key word, found in one pass over a whole article


@dataclass(frozen=True)
class PolicyLexicon:
    """Every compiled policy vocabulary; built once by `build_policy_lexicon`."""

    actor_pattern: re.Pattern
    actors_exact: Mapping[str, ActorAlias]
    actors_folded: Mapping[str, ActorAlias]
    triggers: tuple[Trigger, ...]
    vetoes: tuple[Trigger, ...]
    status_cues: tuple[tuple[str, re.Pattern], ...]
    companies: object | None = None  # a CompanyGazetteer: company subjects stop "It" meaning a state
    cue_index: CueIndex | None = None  # over triggers then vetoes; built by `build_policy_lexicon`
    scope: ScopeVocabulary | None = None  # events outside it give no row (transforms/scope.py)
    actor_words: Mapping[str, frozenset[str]] | None = None  # actor -> lower-case words of its name and aliases


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    actor: str
    country: str
    kind: str
    preposition: str | None
    basis: str = "named"  # how its state is known: named, resolved, paragraph, context, kind (policy_confidence.py)


@dataclass(frozen=True)
class TriggerMatch:
    start: int
    end: int
    instrument: str
    status_hint: str | None


# --- choosing the phrases a text may hold ----------------------------------------------------------

def build_cue_index(phrases: Sequence[Trigger]) -> CueIndex:
    """Key each phrase by its cue set with the longest shortest word (the one fewest texts hold)."""
    keyed: dict[str, list[int]] = {}
    unkeyed = []
    for position, phrase in enumerate(phrases):
        if not phrase.cues:
            unkeyed.append(position)
            continue
        key = max(phrase.cues, key=lambda words: (min(map(len, words)), -len(words)))
        for word in sorted(key):
            keyed.setdefault(word, []).append(position)
    automaton = ahocorasick.Automaton()
    for word in keyed:
        automaton.add_word(word, word)
    if keyed:
        automaton.make_automaton()
    return CueIndex(tuple(keyed), {w: tuple(p) for w, p in keyed.items()}, tuple(unkeyed), len(phrases),
                    automaton if keyed else None)


def _present_cues(index: CueIndex, folded: str | None, among: Iterable[str] | None = None) -> tuple[str, ...] | None:
    """The key words `folded` (a text lower-cased by `cue_text`) holds, testing only `among` when given
    (the words of the whole article, for one of its sentences); None when the text cannot be tested."""
    if folded is None:
        return None
    if among is None and index.automaton is not None:   # a whole article: one Aho-Corasick pass, not 400 scans
        found = {word for _, word in index.automaton.iter(folded)}
        return tuple(word for word in index.words if word in found)
    return tuple(word for word in (index.words if among is None else among) if word in folded)


def _phrases_to_try(index: CueIndex, phrases: Sequence[Trigger], folded: str | None,
                   among: Iterable[str] | None = None) -> list[int]:
    """Positions, in order, of the phrases whose cue words are all in `folded` (every phrase when None)."""
    words = _present_cues(index, folded, among)
    if words is None:
        return list(range(index.size))
    hits = set(index.unkeyed)
    for word in words:
        hits.update(index.keyed[word])
    return [p for p in sorted(hits) if holds_cues(folded, phrases[p].cues)]



# --- the lexicon -----------------------------------------------------------------------------------

def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).lower()


# Names that start like a state but are a newspaper, a company or a place ("Washington Post", "China Mobile").
NOT_A_STATE = (r"\s+(?:Post|Daily|Times|Journal|Morning\s+Post|News|Mobile|Telecom|Unicom|Electronics|Securities|"
               r"Sea|time|Street|[Cc]ommittee|Stock|Composite|Exchange|Index|Semiconductor\s+Industry|Association|"
               r"Academy|Institute|University|Chamber)\b")  # "China Semiconductor Industry Association": no state


def _actor_regex(aliases: Iterable[str]) -> re.Pattern:
    parts = []
    for alias in sorted(set(aliases), key=len, reverse=True):
        body = re.escape(alias).replace("'", "['’]").replace(r"\ ", r"\s+")
        body = body if alias != alias.lower() else f"(?i:{body})"
        parts.append(body)
    joined = "|".join(parts) or r"(?!x)x"
    # "US-origin", "China-based", "US-China": a state inside a compound modifier is not an actor.
    return re.compile(rf"(?<![\w-])(?:{joined})(?![\w$]|-\w|{NOT_A_STATE})")


def build_policy_lexicon(ref: ReferenceData, companies: object | None = None) -> PolicyLexicon:
    """Compile seeds/policy_actors.csv, policy_triggers.csv and policy_status_cues.csv once."""
    exact: dict[str, ActorAlias] = {}
    folded: dict[str, ActorAlias] = {}
    for row in ref.table("policy_actors"):
        info = ActorAlias(row["actor"], row.get("actor_country", ""), row.get("kind") or "body")
        for alias in [row["actor"], *_split(row.get("aliases"))] if info.kind != "generic" else _split(row.get("aliases")):
            if alias == alias.lower():
                folded[_fold(alias)] = info
            else:
                exact[_fold(alias)] = info
    triggers: list[Trigger] = []
    vetoes: list[Trigger] = []
    for row in ref.table("policy_triggers"):
        if (row.get("status_hint") or None) not in STATUS_HINTS:
            raise PolicyPatternError(f"bad status_hint {row.get('status_hint')!r} for trigger {row['trigger']!r}")
        trigger = Trigger(row["instrument"], compile_phrase(row["trigger"]), row.get("status_hint") or None,
                          phrase_cues(row["trigger"]))
        (vetoes if row["instrument"] == "none" else triggers).append(trigger)
    cues = tuple((row["status"], compile_phrase(row["cue"])) for row in ref.table("policy_status_cues"))
    words: dict[str, set[str]] = {}
    for row in ref.table("policy_actors"):
        if (row.get("kind") or "body") not in ("generic", "adjective"):
            own = set(re.findall(r"[a-z]+", row["actor"].lower()))
            for alias in [row["actor"], *_split(row.get("aliases"))]:  # a government whose alias names its
                found = set(re.findall(r"[a-z]+", alias.lower()))  # president is no president itself
                words.setdefault(row["actor"], set()).update(found - (PERSON_TITLES - own))
    return PolicyLexicon(_actor_regex([*exact, *folded] and _raw_aliases(ref)), exact, folded,
                         tuple(triggers), tuple(vetoes), cues, companies, build_cue_index([*triggers, *vetoes]),
                         build_scope_vocabulary(ref), {actor: frozenset(w) for actor, w in words.items()})


def _raw_aliases(ref: ReferenceData) -> list[str]:
    aliases: list[str] = []
    for row in ref.table("policy_actors"):
        if (row.get("kind") or "body") != "generic":
            aliases.append(row["actor"])
        aliases.extend(_split(row.get("aliases")))
    return aliases


# --- finding things in a sentence ------------------------------------------------------------------

def find_actors(text: str, lexicon: PolicyLexicon) -> list[ActorMention]:
    """Actor mentions in `text` with their country ("" for a generic body) and the preposition before them
    (or before the list they close: "from Russia, Iran and mainland China")."""
    found = []
    for m in lexicon.actor_pattern.finditer(text):
        key = _fold(m.group())
        info = lexicon.actors_exact.get(key) or lexicon.actors_folded.get(key)
        if info is None:
            continue
        prep = PREPOSITION_BEFORE.search(text, 0, m.start()) or (  # a list of names closes with a name, not with
            NAME_START.match(m.group()) and PREPOSITION_BEFORE_LIST.search(text, 0, m.start()))  # "..., congressional aides"
        if prep and prep["prep"].lower() == "with" and GERUND_AFTER.match(text, m.end()):
            prep = None  # "With Washington saying ...": the subject of the clause
        if " " not in m.group().strip() and _inside_a_name(text, m.start()):
            continue  # "Taobao Instant Commerce", "Hang Seng Treasury": one word of another name
        kind = info.kind
        if kind == "country" and COMPANY_NOUN_AFTER.match(text, m.end()):
            kind = "adjective"  # "US trading firm Tower Research": a company's nationality, not the state acting
        if kind == "adjective" and PERSON_NOUN_AFTER.match(text, m.end()):
            continue  # round 8: "two Chinese nationals were arrested": a person's nationality names no state acting
        found.append(ActorMention(m.start(), m.end(), info.actor, info.country, kind,
                                  prep["prep"].lower() if prep else None))
    return found


def _inside_a_name(text: str, start: int) -> bool:
    """A one-word alias right after a capitalised word that is not a determiner, a state or a sentence opener."""
    before = NAME_WORD_BEFORE.search(text, max(0, start - 30), start)
    return before is not None and before.group(1) not in NAME_OPENERS


def article_cues(text: str, lexicon: PolicyLexicon) -> tuple[str, ...] | None:
    """The trigger cue words a whole article holds: its sentences need test no others (None: all)."""
    return _present_cues(lexicon.cue_index, cue_text(text)) if lexicon.cue_index is not None else None


def find_triggers(text: str, lexicon: PolicyLexicon, among: Iterable[str] | None = None) -> list[TriggerMatch]:
    """Trigger matches in `text`: vetoed ones dropped, the longest kept where two overlap.

    Only phrases whose cue words `text` holds are run; `among` narrows the words tested to those of the
    article `text` comes from (`article_cues`)."""
    if QUESTION.search(text) and ASKING.match(text):
        return []  # "Could the US ban sales of the H20 next?": a question tells no act (a premise it states does:
        # "With Washington saying in July that it would license the H20, how are you thinking about capex?")
    phrases = (*lexicon.triggers, *lexicon.vetoes)
    if lexicon.cue_index is None:
        positions = list(range(len(phrases)))
    else:
        positions = _phrases_to_try(lexicon.cue_index, phrases, cue_text(text), among)
    count = len(lexicon.triggers)
    tried = [(p, phrases[p]) for p in positions if p < count]
    if not tried:
        return []
    vetoed = [(m.start(), m.end()) for p in positions if p >= count for m in phrases[p].pattern.finditer(text)]
    found = []
    for order, trig in tried:
        for m in trig.pattern.finditer(text):
            if any(m.start() < e and s < m.end() and not (m.start() < s and e <= m.end() or m.start() <= s and e < m.end())
                   for s, e in vetoed):
                continue  # a veto drops what it overlaps, unless the trigger holds it and more
                # ("the rule on blacklisted firms was published" keeps its trigger)
            found.append((-(m.end() - m.start()), order, TriggerMatch(m.start(), m.end(), trig.instrument, trig.status_hint)))
    found.sort(key=lambda item: (item[0], item[1]))
    kept: list[TriggerMatch] = []
    for _, _, match in found:
        if not any(match.start < k.end and k.start < match.end for k in kept):
            kept.append(match)
    return _join_triggers(sorted(kept, key=lambda t: t.start), text)


def _join_triggers(triggers: list[TriggerMatch], text: str) -> list[TriggerMatch]:
    """Join side-by-side triggers of one instrument; drop triggers that sit in another's target."""
    out: list[TriggerMatch] = []
    for trig in triggers:
        if trig.instrument == SAME_INSTRUMENT:
            if not out:
                continue  # "and suspended" with no measure named before it in the sentence
            lead = LEADING_AND.match(text, trig.start)  # the "and" joins the clauses; the verb starts after it
            trig = replace(trig, instrument=out[-1].instrument, start=lead.end() if lead else trig.start)
            out.append(trig)
            continue
        if out:
            last = out[-1]
            between = text[last.end:trig.start]
            if last.instrument == trig.instrument and ADJACENT.match(between):
                out[-1] = replace(last, end=trig.end, status_hint=last.status_hint or trig.status_hint)
                continue
            if INSIDE_TARGET.search(between):
                continue
            if RELATIVE_DESCRIPTION.search(between) and PRESENT_VERB.match(text, trig.start):
                continue  # "the Entity List, which bars suppliers from selling": what the list does
            if (last.instrument == "export_control" and trig.instrument in CONTENT_INSTRUMENTS
                    and GENERIC_MEASURE.search(text, last.start, last.end) and MEASURE_CONTENT.search(between)):
                out[-1] = trig  # "published measures for its AI industry that include compute vouchers": a subsidy
                continue
            if last.instrument == "legislation" and LAW_CONTENT.search(between) and ";" not in between:
                continue  # "passed a revision to the tax law ... that raises the investment tax credit": the law's content
            if (last.instrument in ORDERING_INSTRUMENTS and trig.status_hint in ("delayed", "rescinded")
                    and not re.search(r"[,;]", DATE_COMMA.sub("", between))):
                continue  # "an executive order delaying higher tariffs": what the order does, not a second act
        out.append(trig)
    return out
