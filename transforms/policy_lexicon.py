"""The policy vocabularies compiled: actor aliases, trigger phrases and status cues from the seeds.

The seeds write triggers in a small pattern language (see the header of seeds/policy_triggers.csv):
words, "word*" for any ending, "(a|b)" choices, "(...)?" optional words, "~" for a gap of up to eight
words, "-" matching a hyphen, a space or nothing. `compile_phrase` turns one phrase into a regular
expression; `build_policy_lexicon` compiles every seed row once; `find_actors` and `find_triggers`
read one sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable, Mapping

from transforms.reference import ReferenceData

# A preposition (and article) right before a mention: the state is then an object ("exports to China").
PREPOSITION_BEFORE = re.compile(
    r"\b(?P<prep>to|in|into|from|on|against|with|for|of|at|towards?|by|inside|outside|across|than|over|"
    r"about|under|between|like|including)\s+(?:the\s+)?$", re.I)
# A trigger inside the object of another ("a probe into US chip subsidies"): part of that one's target.
INSIDE_TARGET = re.compile(r"^\s+(?:into|on|against|over|of|targeting)\s+(?:(?!(?:and|but|or|while)\b)[\w'’-]+\s+){0,3}$"
                           r"|\b(?:postpon|delay|defer|suspend|paus|extend|enforc)\w*\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.I)
# Instruments whose clause may name what they delay or undo ("an executive order delaying tariffs").
ORDERING_INSTRUMENTS = ("executive_order", "legislation")
# The comma inside a date ("September 22, 2023"), which does not end a clause.
DATE_COMMA = re.compile(r"\b\d{1,2},\s+(?:19|20)\d\d\b")
# Two triggers of one instrument side by side ("anti-dumping investigation") are one.
ADJACENT = re.compile(r"^[\s-]*(?:[\w'’-]+\s+)?$")


@dataclass(frozen=True)
class ActorAlias:
    """What an actor alias stands for."""

    actor: str
    country: str
    kind: str


@dataclass(frozen=True)
class Trigger:
    """One compiled trigger phrase of an instrument (instrument "none" is a veto)."""

    instrument: str
    pattern: re.Pattern
    status_hint: str | None


@dataclass(frozen=True)
class PolicyLexicon:
    """Every compiled policy vocabulary; built once by `build_policy_lexicon`."""

    actor_pattern: re.Pattern
    actors_exact: Mapping[str, ActorAlias]
    actors_folded: Mapping[str, ActorAlias]
    triggers: tuple[Trigger, ...]
    vetoes: tuple[re.Pattern, ...]
    status_cues: tuple[tuple[str, re.Pattern], ...]
    companies: object | None = None  # a CompanyGazetteer: company subjects stop "It" meaning a state


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    actor: str
    country: str
    kind: str
    preposition: str | None


@dataclass(frozen=True)
class TriggerMatch:
    start: int
    end: int
    instrument: str
    status_hint: str | None

class PolicyPatternError(ValueError):
    """A seed pattern that does not compile."""


# --- the pattern language of the seeds ------------------------------------------------------------

GAP = r"(?:[^\s.;!?]+\s+){0,8}?"


def compile_phrase(phrase: str) -> re.Pattern:
    """Compile a seed phrase: words, "word*", "(a|b)", "(...)?", "~" gaps, "-" and "'" variants."""
    regex = ""
    for token in _tokens(phrase):
        if token == "~":
            regex += r"\s+" + GAP if regex else GAP
            continue
        body = "".join(_translate_char(ch) for ch in token)
        if regex.endswith(GAP):
            regex += body
        elif token.endswith(")?") and regex:
            regex += r"(?:\s+" + body[:-1] + ")?"  # an optional last word brings its own space
        else:
            regex += (r"\s+" if regex else "") + body
    try:
        return re.compile(rf"(?<![\w-]){regex}(?![\w])", re.I)
    except re.error as exc:
        raise PolicyPatternError(f"bad seed pattern {phrase!r}: {exc}") from exc


def _tokens(phrase: str) -> list[str]:
    """Split a phrase on the spaces outside parentheses."""
    tokens, depth, current = [], 0, ""
    for ch in phrase.strip():
        depth += (ch == "(") - (ch == ")")
        if ch == " " and depth == 0:
            if current:
                tokens.append(current)
            current = ""
        else:
            current += ch
    return tokens + ([current] if current else [])


def _translate_char(ch: str) -> str:
    if ch == "*":
        return r"[\w-]*"
    if ch == "-":
        return r"[-\s]?"
    if ch in "'’":
        return "['’]"
    if ch in ".+^$":
        return "\\" + ch
    if ch == " ":
        return r"\s+"
    return ch


# --- the lexicon -----------------------------------------------------------------------------------

def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).lower()


# Names that start like a state but are a newspaper, a company or a place ("Washington Post", "China Mobile").
NOT_A_STATE = (r"\s+(?:Post|Daily|Times|Journal|Morning\s+Post|News|Mobile|Telecom|Unicom|Electronics|Securities|"
               r"Sea|time|Street)\b")


def _actor_regex(aliases: Iterable[str]) -> re.Pattern:
    parts = []
    for alias in sorted(set(aliases), key=len, reverse=True):
        body = re.escape(alias).replace("'", "['’]").replace(r"\ ", r"\s+")
        body = body if alias != alias.lower() else f"(?i:{body})"
        parts.append(body)
    joined = "|".join(parts) or r"(?!x)x"
    return re.compile(rf"(?<![\w-])(?:{joined})(?![\w$]|-based|-listed|-headquartered|-made|-designed|{NOT_A_STATE})")


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
    vetoes: list[re.Pattern] = []
    for row in ref.table("policy_triggers"):
        pattern = compile_phrase(row["trigger"])
        if row["instrument"] == "none":
            vetoes.append(pattern)
        else:
            triggers.append(Trigger(row["instrument"], pattern, row.get("status_hint") or None))
    cues = tuple((row["status"], compile_phrase(row["cue"])) for row in ref.table("policy_status_cues"))
    return PolicyLexicon(_actor_regex([*exact, *folded] and _raw_aliases(ref)), exact, folded,
                         tuple(triggers), tuple(vetoes), cues, companies)


def _raw_aliases(ref: ReferenceData) -> list[str]:
    aliases: list[str] = []
    for row in ref.table("policy_actors"):
        if (row.get("kind") or "body") != "generic":
            aliases.append(row["actor"])
        aliases.extend(_split(row.get("aliases")))
    return aliases


# --- finding things in a sentence ------------------------------------------------------------------

def find_actors(text: str, lexicon: PolicyLexicon) -> list[ActorMention]:
    """Actor mentions in `text` with their country ("" for a generic body) and the preposition before them."""
    found = []
    for m in lexicon.actor_pattern.finditer(text):
        key = _fold(m.group())
        info = lexicon.actors_exact.get(key) or lexicon.actors_folded.get(key)
        if info is None:
            continue
        prep = PREPOSITION_BEFORE.search(text, 0, m.start())
        found.append(ActorMention(m.start(), m.end(), info.actor, info.country, info.kind,
                                  prep["prep"].lower() if prep else None))
    return found


def find_triggers(text: str, lexicon: PolicyLexicon) -> list[TriggerMatch]:
    """Trigger matches in `text`: vetoed ones dropped, the longest kept where two overlap."""
    vetoed = [(m.start(), m.end()) for v in lexicon.vetoes for m in v.finditer(text)]
    found = []
    for order, trig in enumerate(lexicon.triggers):
        for m in trig.pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in vetoed):
                continue
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
        if out:
            last = out[-1]
            between = text[last.end:trig.start]
            if last.instrument == trig.instrument and ADJACENT.match(between):
                out[-1] = replace(last, end=trig.end, status_hint=last.status_hint or trig.status_hint)
                continue
            if INSIDE_TARGET.search(between):
                continue
            if (last.instrument in ORDERING_INSTRUMENTS and trig.status_hint in ("delayed", "rescinded")
                    and not re.search(r"[,;]", DATE_COMMA.sub("", between))):
                continue  # "an executive order delaying higher tariffs": what the order does, not a second act
        out.append(trig)
    return out
