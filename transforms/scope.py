"""Scope: does an event touch AI chips, semiconductors, the chip trade, AI compute or the Chinese tech
firms we track? The one place that decides it.

An event is in scope when the sentence that tells it holds a scope cue, else when a sentence next to it
does (in its paragraph, or across a paragraph break between two lines of prose), or another sentence of its
list item ("- In November, prosecutors ... They are accused ... About 400 Nvidia A100s ..."), or the topic label its
paragraph opens with ("Rare earths: ..."), or, for a row of a
timeline table, another row of its table; an act that goes on with an in-scope act of the same state and kind a
few sentences back ("The affiliates rule ... covers chip firms. ... BIS has now issued a final rule suspending it") is
in scope too (`transforms.policy` asks, evidence "thread"); a sentence naming another trade's goods ("pork", "canola", kind
`elsewhere` in the seed) and no cue of its own is out of scope whatever its neighbours say. Scope cues are the
topic words and firms of `seeds/scope_cues.csv`, every chip model of `seeds/chips.csv`, and every
company of `seeds/companies.csv` headquartered in China or selling chips. Anything else is out of scope,
however policy-like it reads: impeachment "investigations", farm subsidies, medical "guidance", tariffs
on soybeans or consumer goods.

The neighbours stop at a heading: a heading above ("NOT A CHIP STORY: CANOLA") or the item before a
newsletter's next one is not the event's subject. The article's title and lead are no evidence on
their own either: a chip article's aside about canola is still about canola.

`build_scope_vocabulary(ref)` compiles the cues once; `ArticleScope(text, sentences, vocabulary)` reads
one article, looking for cues only in the sentences it is asked about; `ArticleScope.evidence(index)`
says where the evidence for sentence `index` lies: "sentence", "neighbour", or None (out of scope).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Sequence

from transforms.policy_phrases import compile_phrase
from transforms.reference import ReferenceData
from transforms.sentences import BULLET, Sentence

Evidence = Literal["sentence", "neighbour", "thread"]
IN_SCOPE_ROLES = ("vendor", "both")
IN_SCOPE_COUNTRY = "CN"
ELSEWHERE = "elsewhere"  # the scope_cues kind of another trade's goods
# How a line of prose ends (a heading, a label or a rule line does not).
PROSE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
TABLE_REACH = 12  # rows of one table read for a cue
ITEM_REACH = 6  # sentences of one list item read for a cue
THREAD_SENTENCES = 4  # sentences back an in-scope act of the same state and kind carries its scope
# A paragraph's topic label: a few capitalised words and a colon or a dash ("Rare earths:", "Chip curbs -").
TOPIC_LABEL = re.compile(r"[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,3}\s*(?::|\s[—–-])\s")
WORD_BEFORE, WORD_AFTER = r"(?<![\w-])", r"(?![\w])"  # the boundaries compile_phrase puts around a phrase


@dataclass(frozen=True)
class ScopeVocabulary:
    """Every scope cue compiled into one pattern; the goods of other trades into another."""

    pattern: re.Pattern
    elsewhere: re.Pattern | None = None


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _cue_regex(phrase: str) -> str:
    """One cue as a regex without its word boundaries, case-sensitive when the cue holds a capital letter."""
    body = compile_phrase(phrase).pattern.removeprefix(WORD_BEFORE).removesuffix(WORD_AFTER)
    return f"(?-i:{body})" if phrase != phrase.lower() else body


def _name_regex(name: str) -> str:
    """A company or chip alias, matched as written (case-sensitive when it holds a capital)."""
    body = re.escape(name).replace("'", "['’]").replace("’", "['’]")
    return f"(?-i:{body})" if name != name.lower() else body


def scope_names(ref: ReferenceData) -> list[str]:
    """The names that make an event in scope by themselves: chip models and in-scope companies."""
    names: list[str] = []
    for row in ref.table("chips"):
        names += [row["chip_model"], *_split(row.get("aliases"))]
    for row in ref.table("companies"):
        if row.get("hq_country") == IN_SCOPE_COUNTRY or row.get("role") in IN_SCOPE_ROLES:
            names += [row["company"], *_split(row.get("aliases"))]
    return names


def build_scope_vocabulary(ref: ReferenceData) -> ScopeVocabulary:
    """Compile seeds/scope_cues.csv with the chip models and in-scope companies of the other seeds."""
    names = sorted(set(scope_names(ref)), key=len, reverse=True)
    rows = ref.table("scope_cues")
    words = [_cue_regex(row["cue"]) for row in rows if row.get("kind") != ELSEWHERE] \
        + [_name_regex(n) for n in names if n.isascii()]
    other = [_cue_regex(row["cue"]) for row in rows if row.get("kind") == ELSEWHERE]
    # One word-boundary check around all the ASCII cues (one per cue made the engine try each at every place).
    branches = [f"{WORD_BEFORE}(?:{'|'.join(words)}){WORD_AFTER}"] if words else []
    branches += [_name_regex(n) for n in names if not n.isascii()]  # Chinese names: no word boundaries
    elsewhere = re.compile(f"{WORD_BEFORE}(?:{'|'.join(other)}){WORD_AFTER}", re.I) if other else None
    return ScopeVocabulary(re.compile("|".join(branches) or r"(?!x)x", re.I), elsewhere)


class ArticleScope:
    """The scope cues of one article, found once, asked about sentence by sentence."""

    def __init__(self, text: str, sentences: Sequence[Sentence], vocabulary: ScopeVocabulary):
        self.text = text
        self.sentences = sentences
        self.pattern = vocabulary.pattern
        self.elsewhere = vocabulary.elsewhere
        self._holds: dict[int, bool] = {}  # sentence index -> holds a cue; most sentences are never asked

    def holds_cue(self, index: int) -> bool:
        """Whether sentence `index` holds a scope cue."""
        if not 0 <= index < len(self.sentences):
            return False
        if index not in self._holds:
            sentence = self.sentences[index]
            self._holds[index] = self.pattern.search(self.text, sentence.start, sentence.end) is not None
        return self._holds[index]

    def evidence(self, index: int) -> Evidence | None:
        """Where the evidence that sentence `index` is in scope lies; None when it is out of scope."""
        if self.holds_cue(index):
            return "sentence"
        sentence = self.sentences[index]
        if self.elsewhere is not None and self.elsewhere.search(self.text, sentence.start, sentence.end):
            return None  # it names another trade's goods ("pork", "canola"): its neighbours' chips are not its subject
        for other in (index - 1, index + 1):
            if self._neighbour(index, other) and self.holds_cue(other):
                return "neighbour"
        for other in self._item_mates(index):  # a list item tells one story: "- In May, ... They are ... About 400 A100s ..."
            if self.holds_cue(other):
                return "neighbour"
        if self._label_holds_cue(index):  # "Rare earths: ... The export controls Beijing announced ...": the topic label
            return "neighbour"  # of a live blog's or a newsletter's paragraph names the subject of all its sentences
        if self._table_row(index):  # a timeline table is about what its rows share ("rare earths" two rows up)
            for step in (-1, 1):
                other = index + step
                while abs(other - index) <= TABLE_REACH and self._table_row(other):
                    if self.holds_cue(other):
                        return "neighbour"
                    other += step
        return None

    def thread(self, country: str, instrument: str, index: int, earlier: Sequence) -> Evidence | None:
        """ "thread" when an in-scope act (a `transforms.policy_fold.Candidate` of `earlier`) of the same state and
        instrument was told a few sentences back, in this paragraph or the one before ("The affiliates rule covers chip
        firms. ... BIS has issued a rule suspending it"): the same measure's story, whatever words this sentence
        uses; None otherwise, or when this sentence names another trade's goods."""
        if self.elsewhere_at(index):
            return None
        sentence = self.sentences[index]
        for cand in reversed(earlier):
            if sentence.paragraph - cand.sentence.paragraph > 1:
                break
            if cand.scope is not None and cand.country == country and cand.trigger.instrument == instrument \
                    and self.sentences.index(cand.sentence) >= index - THREAD_SENTENCES:
                return "thread"
        return None

    def elsewhere_at(self, index: int) -> bool:
        """Whether sentence `index` names another trade's goods and holds no cue of its own."""
        sentence = self.sentences[index]
        return not self.holds_cue(index) and self.elsewhere is not None \
            and self.elsewhere.search(self.text, sentence.start, sentence.end) is not None

    def _label_holds_cue(self, index: int) -> bool:
        """Whether the paragraph of sentence `index` opens with a topic label ("Rare earths:", "Chips -") holding a cue."""
        paragraph = self.sentences[index].paragraph
        first = index
        while first > 0 and self.sentences[first - 1].paragraph == paragraph:
            first -= 1
        label = TOPIC_LABEL.match(self.text, self.sentences[first].start, self.sentences[first].end)
        return label is not None and self.pattern.search(self.text, label.start(), label.end()) is not None

    def _item_mates(self, index: int) -> list[int]:
        """The other sentences of the list item that sentence `index` belongs to (none when it is in no item)."""
        paragraph = self.sentences[index].paragraph
        first = index
        while first > 0 and self.sentences[first - 1].paragraph == paragraph and index - first < ITEM_REACH:
            first -= 1
        opening = self.sentences[first]
        line_start = self.text.rfind("\n", 0, opening.start) + 1
        if opening.paragraph != paragraph or not BULLET.match(self.text[line_start:opening.end]):
            return []
        mates = range(first, min(len(self.sentences), first + ITEM_REACH + 1))
        return [i for i in mates if i != index and abs(i - index) > 1 and self.sentences[i].paragraph == paragraph]

    def _table_row(self, index: int) -> bool:
        return 0 <= index < len(self.sentences) and self.sentences[index].text.lstrip().startswith("|")

    def _neighbour(self, index: int, other: int) -> bool:
        """Whether sentence `other` stands next to sentence `index` in the running text: in its paragraph,
        or in the paragraph before or after when that one is prose (a heading has no full stop)."""
        if not 0 <= other < len(self.sentences):
            return False
        here, there = self.sentences[index], self.sentences[other]
        if here.paragraph == there.paragraph:
            return True
        return abs(here.paragraph - there.paragraph) == 1 and bool(PROSE_END.search(there.text)) \
            and bool(PROSE_END.search(here.text))
