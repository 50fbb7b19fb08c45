"""The policy catalogue: known chip-trade acts (seeds/policy_catalogue.csv) linked to the policy rows that tell them.

Many articles retell the same few real acts (China's December 2024 ban on gallium exports to the US and its November
2025 suspension, the US affiliates rule, the H20 licence requirement ...), and the grammar, which reads one sentence at
a time, misdates them when the sentence does not state the day (it takes the publication day, a dateline, a year named
for something else) or misses them when the act is told in words it has no trigger for. The catalogue holds each act
once, with its actor, instrument, the day it was announced and the cues that name it in English and in Chinese (the
act's names, plus the verb that tells the act itself, so that "the affiliates rule" named in passing is not its
suspension). `PolicyCatalogue.apply` reads an article's policy rows, both languages, after the grammars:

1. link: a row whose sentence matches an act of the same country and instrument is linked to it (when several
   match, the one whose undoing-ness agrees with the row's status, then whose date agrees, wins; a row told as a
   suspension or a withdrawal links only to such an act); repair: a row that matches no act of its instrument but
   whose sentence tells an act of its country distinctively (the act's names and its act verb) under another
   instrument takes that act's instrument and is linked, unless the sentence names an act of the row's own
   instrument, tells acts of two other instruments, or gave another row of the act's instrument (two acts told);
2. date: a linked row takes the act's date when it has none, or when its date is not stated in its sentence or
   just before it (a publication day, a dateline, a year that modifies a noun) and disagrees with the act's; a date
   stated there wins (at the precision the article gives), a stated year other than the act's says the sentence
   tells another act of that name (no link), as does a date that is another named act's. No act is dated after the
   article's publication;
3. recall: a sentence in scope that matches an act's cues and its act verb, in an article with no row of that act
   yet (none linked, none of its country in that sentence (when the sentence gave several, none of the act's
   instrument or whose target names it), none of its country and instrument with an agreeing date), and whose dates, if it states any, agree with the act's, gives a new row with a lower confidence; its
   status comes from the status grammar, else from the act;
4. fold: one row per act per article: a row the catalogue re-dated or relabelled onto an act an earlier row already
   tells is dropped (rows the grammar kept apart with agreeing dates stay: it had its reasons).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Callable, Sequence

from transforms import policy as en_policy
from transforms.dates import DateMention, find_dates as find_en_dates
from transforms.models import Article, PolicyEvent
from transforms.policy_catalogue_seed import (UNDOING, CatalogueError, CatalogueEvent, Cue,  # noqa: F401 (re-exported)
                                              agree, load_catalogue, parse_catalogue_date)
from transforms.policy_confidence import ACTOR_WEIGHT, CEILING, DATE_WEIGHT, SCOPE_WEIGHT
from transforms.policy_lexicon import PolicyLexicon, TriggerMatch
from transforms.scope import ArticleScope
from transforms.sentences import Sentence
from transforms.zh import policy as zh_policy
from transforms.zh.dates import find_dates as find_zh_dates
from transforms.zh.lexicon import ZhLexicon
from transforms.zh.policy_dates import is_heading as zh_is_heading
from transforms.zh.script import fold

CJK = re.compile(r"[\u4e00-\u9fff]")
# A year that modifies a noun ("its 2020-approved acquisition", "the 2023-era rules") dates that thing, not the act.
MODIFIER_AFTER = re.compile(r"-[a-z]")
DIGIT = re.compile(r"\d")
LOOKBACK = 200  # characters before a row's sentence where the date it points back to ("the notice") may be stated
# A row the catalogue adds: its actor and date come from the catalogue, not from the sentence.
CATALOGUE_CONFIDENCE = CEILING * ACTOR_WEIGHT["context"] * DATE_WEIGHT["inherited"]


@dataclass(frozen=True)
class Reading:
    """One language's reading of the article: its text (folded for Chinese), sentences, anchor date, which sentences
    are in scope ("sentence"/"neighbour"/None), and how the status grammar reads a span of a sentence."""

    language: str
    text: str
    sentences: Sequence[Sentence]
    anchor: date | None
    scope: Callable[[int], str | None]
    heading: Callable[[Sentence], bool]
    status: Callable[[TriggerMatch, str], str]


class PolicyCatalogue:
    """The catalogue's acts and the grammars' status and scope readers, built once per extractor."""

    def __init__(self, events: Sequence[CatalogueEvent], english: PolicyLexicon, chinese: ZhLexicon):
        self.events = tuple(events)
        self.english = english
        self.chinese = chinese

    # --- the readings -----------------------------------------------------------------------------

    def english_reading(self, text: str, sentences: Sequence[Sentence], anchor: date | None) -> Reading:
        scope = ArticleScope(text, sentences, self.english.scope) if self.english.scope is not None else None
        return Reading("en", text, sentences, anchor, (lambda i: scope.evidence(i)) if scope else (lambda i: "sentence"),
                       en_policy.is_heading,
                       lambda trig, sentence: en_policy.find_status(trig, sentence, self.english))

    def chinese_reading(self, text: str, sentences: Sequence[Sentence], anchor: date | None) -> Reading:
        folded = fold(text)
        lexicon = self.chinese
        topical = len(lexicon.policy_topics.findall(folded)) + len(lexicon.chips(folded)) \
            >= len(folded) // zh_policy.CHARS_PER_TOPIC_CUE

        def scope(index: int) -> str | None:
            if not topical:
                return None
            s = sentences[index]
            return "sentence" if lexicon.policy_topics.search(folded, s.start, s.end) else "neighbour"
        return Reading("zh", folded, sentences, anchor, scope, lambda s: zh_is_heading(s, folded),
                       lambda trig, sentence: zh_policy.find_status(trig, sentence, lexicon))

    # --- one article --------------------------------------------------------------------------------

    def apply(self, article: Article, rows: list[PolicyEvent], readings: Sequence[Reading]) -> list[PolicyEvent]:
        """The article's policy rows linked to, dated by and completed from the catalogue (see the module docstring)."""
        if not self.events:
            return rows
        anchor = next((r.anchor for r in readings if r.anchor is not None), None)
        latest = article.published_on or anchor
        events = [e for e in self.events if latest is None or e.value <= latest]
        folded = fold(article.text)
        linked: set[str] = set()  # the acts a row tells
        out: list[PolicyEvent] = []
        for row in rows:
            event, linked_row = self._link(row, events, article.text, folded, anchor, rows)
            if event is not None:
                moved = row.event_date is not None and linked_row.event_date != row.event_date \
                    and not agree(row.event_date, row.date_precision, event.value, event.precision)
                repaired = linked_row.instrument != row.instrument
                if (moved or repaired) and event.event_id in linked:
                    continue  # re-dated or relabelled onto an act already told: one row per act per article
                linked.add(event.event_id)
                row = _with_status(linked_row, event)
            out.append(row)
        for reading in readings:
            out.extend(self._recall(article, reading, events, out, linked))
        return out

    def _matches(self, event: CatalogueEvent, text: str, folded: str, recall: bool = False) -> re.Match | None:
        cue_en, cue_zh = event.cues.get("en"), event.cues.get("zh")
        found = cue_en.find(text, recall) if cue_en is not None else None
        if found is None and cue_zh is not None and CJK.search(folded):
            found = cue_zh.find(folded, recall)
        return found

    def _named(self, event: CatalogueEvent, text: str, folded: str) -> bool:
        """The sentence names the act (its first name pattern), whatever verb it tells it with."""
        cue_en, cue_zh = event.cues.get("en"), event.cues.get("zh")
        return (cue_en is not None and cue_en.parts[0].search(text) is not None) or \
            (cue_zh is not None and CJK.search(folded) is not None and cue_zh.parts[0].search(folded) is not None)

    def _repair(self, row: PolicyEvent, events: list[CatalogueEvent], sentence: str, folded: str,
                rows: Sequence[PolicyEvent]) -> CatalogueEvent | None:
        """The act of the row's country but another instrument that the sentence tells distinctively (its names and
        its act verb), when it is the only such act there, the sentence names no act of the row's own instrument,
        and no other row of that sentence already tells the act's instrument (then the sentence tells two acts)."""
        undoing = row.status in UNDOING
        found = [e for e in events if e.country == row.actor_country and e.instrument != row.instrument
                 and (e.undoing or not undoing) and self._matches(e, sentence, folded, recall=True) is not None]
        if not found or len({e.instrument for e in found}) > 1:
            return None
        if any(e.country == row.actor_country and e.instrument == row.instrument and self._named(e, sentence, folded)
               for e in events):
            return None
        instrument = found[0].instrument
        others = [other for other in rows if other is not row and other.actor_country == row.actor_country
                  and other.char_start < row.char_end and row.char_start < other.char_end]
        if any(other.instrument == instrument for other in others):
            return None
        event = max(found, key=lambda e: (e.undoing == undoing, e.cues.get("en") is not None))
        if others and not self._named(event, row.target, fold(row.target)):
            return None  # the sentence told several acts: only the row whose target names this one is it
        return event

    def _link(self, row: PolicyEvent, events: list[CatalogueEvent], text: str, folded: str,
              anchor: date | None, rows: Sequence[PolicyEvent] = ()) -> tuple[CatalogueEvent | None, PolicyEvent]:
        sentence, sentence_folded = text[row.char_start:row.char_end], folded[row.char_start:row.char_end]
        undoing = row.status in UNDOING  # a suspension told as such is never the act it suspends
        found = [e for e in events if e.country == row.actor_country and e.instrument == row.instrument
                 and (e.undoing or not undoing) and self._matches(e, sentence, sentence_folded) is not None]
        original = row
        if not found:  # the grammar may have read a known act under another instrument: repair it
            repaired = self._repair(row, events, sentence, sentence_folded, rows)
            if repaired is None:
                return None, row
            found = [repaired]
            row = row.model_copy(update={"instrument": repaired.instrument})
        has_date = row.event_date is not None and row.date_precision is not None

        def rank(e: CatalogueEvent) -> tuple:
            dated = has_date and agree(row.event_date, row.date_precision, e.value, e.precision)
            return (e.undoing == undoing, dated, e.cues.get("en") is not None)
        event = max(found, key=rank)
        if not has_date:
            return event, _dated(row, event, text, anchor)
        if agree(row.event_date, row.date_precision, event.value, event.precision):
            return event, row  # at the precision the article supports
        before = max(0, row.char_start - LOOKBACK)  # the row's sentence, or a date written before it that it points to
        if stated_in(row.event_date, row.date_precision, text[before:row.char_end], folded[before:row.char_end],
                     anchor, row.char_start - before):
            if row.event_date.year != event.value.year or row is not original:
                return None, original  # another act of that name (or, read under another instrument, another act)
            return event, row
        if any(other is not event and agree(row.event_date, row.date_precision, other.value, other.precision)
               and self._named(other, sentence, sentence_folded) for other in events
               if other.country == row.actor_country and other.instrument == row.instrument):
            return None, original  # dated as another act the sentence names (the ban a suspension sentence recalls)
        return event, _dated(row, event)

    def _recall(self, article: Article, reading: Reading, events: list[CatalogueEvent], rows: list[PolicyEvent],
                linked: set[str]) -> list[PolicyEvent]:
        # the acts whose first name the text holds at all: one search per act, then only those are read per sentence
        named = [e for e in events if e.event_id not in linked and e.cues.get(reading.language) is not None
                 and e.cues[reading.language].parts[0].search(reading.text)]
        new: list[PolicyEvent] = []
        for index, sentence in enumerate(reading.sentences if named else ()):
            text = reading.text[sentence.start:sentence.end]
            for event in named:
                if event.event_id in linked:
                    continue
                match = event.cues[reading.language].find(text, recall=True)
                if match is None or reading.heading(sentence):
                    continue
                if _told(event, sentence, rows + new, lambda target, e=event: self._named(e, target, fold(target))):
                    continue
                evidence = reading.scope(index)
                if evidence is None or _other_year(event, text, reading):
                    continue
                linked.add(event.event_id)
                new.append(self._new_row(article, reading, sentence, event, match, evidence))
        return new

    def _new_row(self, article: Article, reading: Reading, sentence: Sentence, event: CatalogueEvent,
                 match: re.Match, evidence: str) -> PolicyEvent:
        text = reading.text[sentence.start:sentence.end]
        status = reading.status(TriggerMatch(match.start(), match.end(), event.instrument, None), text)
        if status == en_policy.STATUS_DEFAULT and event.status:
            status = event.status
        when = DateMention(0, 0, event.value, event.precision, False)
        status = en_policy.settled_status(status, event.instrument, when, reading.anchor, text)
        original = article.text[sentence.start:sentence.end]
        target = original[match.start():match.end()].strip() or event.title
        key = "\x1f".join((article.article_id, str(sentence.start), str(sentence.end), "catalogue", event.event_id))
        return PolicyEvent(
            event_id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:16], article_id=article.article_id,
            actor_country=event.country, actor=event.actor, instrument=event.instrument, target=target,
            event_date=event.value, date_precision=event.precision, status=status,
            confidence=round(CATALOGUE_CONFIDENCE * SCOPE_WEIGHT.get(evidence, SCOPE_WEIGHT["neighbour"]), 2),
            evidence=original, char_start=sentence.start, char_end=sentence.end,
        )


def _dated(row: PolicyEvent, event: CatalogueEvent, text: str = "", anchor: date | None = None) -> PolicyEvent:
    """The row dated as the act; an undated standing measure now dated months before the article (`text` given) is
    in effect, as the grammar would have said had it known the date."""
    status = _with_status(row, event).status
    if text:
        when = DateMention(0, 0, event.value, event.precision, False)
        status = en_policy.settled_status(status, row.instrument, when, anchor, text[row.char_start:row.char_end])
    return row.model_copy(update={"event_date": event.value, "date_precision": event.precision, "status": status})


def _with_status(row: PolicyEvent, event: CatalogueEvent) -> PolicyEvent:
    """A linked row told without a status cue takes the status the act carries (a suspension is "delayed")."""
    if row.status == en_policy.STATUS_DEFAULT and event.status:
        return row.model_copy(update={"status": event.status})
    return row


def stated_in(value: date, precision: str, sentence: str, folded: str, anchor: date | None, start: int = 0) -> bool:
    """Whether the text states a date that agrees with the row's (else the grammar took it from outside: the
    publication day, a dateline, a year that modifies a noun); before `start` (the sentence's start) only a date
    written with numbers counts ("announced on 5 November. The notice ..."), not a relative one ("this week")."""
    mentions = find_zh_dates(folded, anchor) if CJK.search(folded) else find_en_dates(sentence, anchor)
    return any(agree(m.value, m.precision, value, precision) for m in mentions
               if not MODIFIER_AFTER.match(sentence, m.end)
               and (m.start >= start or not m.relative or DIGIT.search(folded, m.start, m.end)))


def _told(event: CatalogueEvent, sentence: Sentence, rows: list[PolicyEvent], names: Callable[[str], bool]) -> bool:
    """A row of the act's country in this sentence (the grammar read the act there, maybe as another instrument; when
    the sentence gave several rows of that country, one of the act's instrument or whose target names the act), or one
    of its country and instrument with a date that agrees with the act's."""
    here = []
    for row in rows:
        if row.actor_country != event.country:
            continue
        if row.char_start < sentence.end and sentence.start < row.char_end:
            here.append(row)
        elif row.instrument == event.instrument and row.event_date is not None and row.date_precision is not None \
                and agree(row.event_date, row.date_precision, event.value, event.precision):
            return True
    return len(here) == 1 or any(row.instrument == event.instrument or names(row.target) for row in here)


def _other_year(event: CatalogueEvent, text: str, reading: Reading) -> bool:
    """The sentence states dates and none of them agrees with the act's: it tells another act of that name, or this
    one at a later step ("cleared in mid-January" is not the December announcement)."""
    finder = find_zh_dates if reading.language == "zh" else find_en_dates
    told = finder(text, reading.anchor)
    return bool(told) and not any(agree(m.value, m.precision, event.value, event.precision) for m in told)
