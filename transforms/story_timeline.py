"""The story's timeline: events an article dates once and names again by a noun ("the summit", "the ban").

News copy dates an event at its first mention ("Leaders met at a summit in Busan on October 30") and then counts
from it by name: "A week after the summit, Beijing suspended ...", "days after the ban". The nearest date written
before such a phrase is often another event's, so a phrase anchored on a named event is resolved against that
event's own date, not against the last date of the text.

`Timeline` is filled while the date grammar (`transforms.dates`) walks the text in order: each resolved date notes
the event nouns of its clause (the first dated mention of a noun fixes its date; later mentions co-refer to it).
`anchored_event` reads the words after "after" / "before" in a span phrase: an event named by a noun phrase
("the summit", "the Busan summit", "the October 30 summit", "the ban on gallium") rather than a clause with a verb
("the ministry barred exports", "the rule took effect"), which the grammar dates as before.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

# Nouns that name a dated event of the story: meetings and deals, and the measures themselves. Plural forms are
# one event with the singular ("the talks", "the curbs"). Not words for bodies or people ("the ministry").
EVENT_NOUNS = (
    "summit", "meeting", "talks", "call", "phone call", "visit", "trip", "truce", "ceasefire", "deal", "agreement",
    "accord", "election", "inauguration", "hearing", "vote", "announcement", "ruling", "verdict", "decision",
    "listing", "listings", "blacklisting", "ban", "rule", "rules", "curbs", "controls", "tariffs", "tariff",
    "probe", "investigation", "order", "executive order", "guidance", "notice", "speech", "conference", "forum",
    "plenum", "negotiations", "crackdown", "raid", "move", "measures", "sanctions", "restrictions", "launch",
    "release", "suspension", "pause", "freeze",
)
_NOUN = r"(?:" + "|".join(sorted((re.escape(n) for n in EVENT_NOUNS), key=len, reverse=True)) + r")"
EVENT_NOUN = re.compile(rf"\b(?P<noun>{_NOUN})\b", re.I)
# After "after" / "before": a determiner, up to four modifiers ("the Trump-Xi", "the October 30", "last week's"),
# the event noun, then no verb: punctuation, a preposition, a conjunction or the end. "the rule took effect" is a
# clause, whose own date the grammar counts as before.
# A modifier is a capitalised word or a number ("Busan", "October", "30,"), a hyphenated word ("Trump-Xi",
# "two-day") or one of a few adjectives and noun modifiers ("export controls", "trade talks"): never a verb,
# so "after the ministry barred the controls" is a clause.
_MODIFIER = (r"(?:(?-i:[A-Z][\w.'’]*|\d[\d,]*)|\w+-[\w-]+|(?:new|latest|first|second|third|last|recent|earlier|"
             r"final|proposed|draft|export|chip|chips|trade|tariff|leaders'?|bilateral|presidential|phone|video|"
             r"sweeping|initial|original|sanctions|investment|security)),?")
_EVENT_PHRASE = (rf"\s+(?:the|that|this|its|their|last\s+\w+'s|(?-i:[A-Z][\w.-]*'s))\s+"
                 rf"(?P<mods>(?:{_MODIFIER}\s+){{0,4}}?)(?P<noun>{_NOUN})\b")
_NO_VERB = (r"(?=\s*(?:$|[,.;:)—–]|(?:in|on|at|of|with|between|by|for|over|to|and|but|when|where|which|that|"
            r"had|has|have|could|would|last|this|earlier|from|against)\b))")
ANCHOR_PHRASE = re.compile(_EVENT_PHRASE + _NO_VERB, re.I)
# The same event as the subject of a short clause: "A day after the talks ended, ...", "Weeks after the ban took
# effect, ...".
CLAUSE_PHRASE = re.compile(_EVENT_PHRASE + r"\s+(?:(?:was|were|had|has)\s+)?[a-z]+(?:ed|ended|began|took|came|wrapped|"
                           r"closed|opened|broke|went)\b", re.I)
# What may stand before a span phrase that opens its sentence and so dates the main clause after it.
OPENS_SENTENCE = re.compile(r"(?:^|[.!?]\s+|\n\s*|(?:^|[.!?]\s+)(?:In|On|Just|Only|Barely|Some|About|Roughly)\s+)$")
# Where a clause ends: a date notes only the event nouns of its own clause.
CLAUSE_END = re.compile(r"[.;!?\n]|,\s+(?:and|but|while|whereas)\s|\s—\s")
NOTE_REACH = 60  # characters on either side of a date in which its clause's event nouns are noted


@dataclass
class Timeline:
    """Event noun -> (date, precision) of its first dated mention in the article, filled in text order."""

    events: dict[str, tuple[date, str]] = field(default_factory=dict)

    def note(self, text: str, start: int, end: int, value: date, precision: str) -> None:
        """Note the event nouns of the clause holding the date `text[start:end]` that no earlier date fixed."""
        lo = max(0, start - NOTE_REACH)
        before = [m.end() for m in CLAUSE_END.finditer(text, lo, start)]
        lo = before[-1] if before else lo
        stop = CLAUSE_END.search(text, end, end + NOTE_REACH)
        hi = stop.start() if stop else min(len(text), end + NOTE_REACH)
        for m in EVENT_NOUN.finditer(text, lo, hi):
            if start <= m.start() < end:
                continue
            self.events.setdefault(_key(m["noun"]), (value, precision))

    def date_of(self, noun: str) -> tuple[date, str] | None:
        return self.events.get(_key(noun))


@dataclass(frozen=True)
class AnchoredEvent:
    """The event a span phrase counts from: its noun, where its phrase ends, and the span of its modifiers
    (which may hold the event's own date: "a week after the October 30 summit")."""

    noun: str
    end: int
    mods_start: int
    mods_end: int


def anchored_event(text: str, pos: int) -> AnchoredEvent | None:
    """The event named by a noun phrase right after `pos` (the end of "a week after"), or None when a clause
    or anything else follows."""
    m = ANCHOR_PHRASE.match(text, pos)
    if m is None:
        return None
    return AnchoredEvent(m["noun"], m.end(), m.start("mods"), m.end("mods"))


def event_phrase() -> str:
    """A lookahead for the date grammar: an event named by a noun phrase follows."""
    return "(?=" + _EVENT_PHRASE + _NO_VERB + ")"


def clause_event(text: str, pos: int) -> str | None:
    """The event noun of a clause right after `pos` ("the talks ended"), or None."""
    m = CLAUSE_PHRASE.match(text, pos)
    return m["noun"] if m else None


def _key(noun: str) -> str:
    """One key per event noun, singular and plural alike ("talks"/"talk", "curbs", "listings"/"listing")."""
    noun = re.sub(r"\s+", " ", noun.lower())
    return noun[:-1] if noun.endswith("s") and noun not in ("talks", "sanctions") else noun
