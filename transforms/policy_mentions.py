"""Whose mentions: the actor mentions of a policy sentence, generic ones resolved to a state, and the article's
memory of who acted last.

`sentence_actors` finds a sentence's actor mentions (from seeds/policy_actors.csv) and resolves the generic ones
("regulators", "officials", "local governments", "the internet regulator") to a state from the nearest evidence;
`ActorContext` remembers the actor the article named last, for "the ministry", "It" and sentences that name none.
`transforms.policy_actors` then picks, among these mentions, the one behind each trigger.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Mapping

from transforms.policy_lexicon import PREPOSITION_BEFORE, ActorAlias, ActorMention, PolicyLexicon, find_actors
from transforms.sentences import Sentence

# What may stand between an actor and its trigger for the two to be one phrase ("Biden administration's new").
ATTACHED_GAP = re.compile(r"^(?:['’]s?)?(?:\s+(?!(?:and|or|but|that|which|who|to|said|says)\b)[\w-]+){0,2}?\s*$", re.I)
# What joins a generic body to the state after it: "local governments in China's ...", "authorities of Japan".
GENERIC_OF = re.compile(r"\s+(?:in|of|across)\s+(?:the\s+)?")
# A place and the clause about what happens there: "depend on Beijing, where customs officials told ...".
PLACE_WHERE = re.compile(r"^,?\s+(?:where|in\s+which)\s+(?:the\s+|its\s+)?(?:[a-z]+\s+)?$")
# What a state's possessive may own and still be the actor ("Washington's decision to require ...").
POSSESSIVE_FOLLOW = re.compile(
    r"['’]s?\s+(?:(?P<noun>(?:latest\s+|new\s+|own\s+|top\s+|big\s+|biggest\s+|first\s+|second\s+|last\s+|\w+-[\w-]+\s+)?(?:decision|move|step|plan|order|push|attempt|effort|pause|suspension|freeze|reprieve|"
    r"efforts|government|administration|regulators?|authorities|officials|ministry|department|agency|leaders?|"
    r"president|premier|cabinet|lawmakers|parliament|congress|response|retaliation|reply|answer|riposte|countermeasures?)\b"
    r"|(?:[\w-]+\s+){0,3}?(?:rules?|controls|restrictions|curbs|ban|bans|tariffs?|duties|levies|sanctions|"
    r"guidance|probe|investigation|measures|licen[cs]es?|requirements?|blacklist|list)\b)|\w)", re.I)
# A sentence opened by a pronoun that stands for the last actor ("It also opened ...").
PRONOUN_SUBJECT = re.compile(r"^(?:It|They)\s+(?:also\s+|then\s+|later\s+|had\s+|has\s+|have\s+)?"
                             r"(?!(?:is|was|seems|remains|looks)\b)[a-z]+(?:ed|s)\b")  # not "It is the third round"
# A sentence opened by a pronoun that stands for the last person named ("He also confirms that the tariff he
# threatened is off": the president the live blog quoted above, not the state named last).
PERSON_PRONOUN_SUBJECT = re.compile(r"^(?:He|She)\s+(?:also\s+|then\s+|later\s+|had\s+|has\s+)?"
                                    r"(?!(?:is|was|seems|remains|looks)\b)[a-z]+(?:ed|s)\b")
PERSON_REACH = 6  # sentences back a person may have been named for "He" to stand for them
# Goods right after a state's name: the state says where they come from ("advanced US chips"), it does not act.
GOODS_AFTER = re.compile(r"\s+(?:[a-z][\w-]*\s+)?(?:chips|goods|products|semiconductors|processors|equipment|tools|"
                         r"technology|technologies|imports|exports|components|parts|items|hardware)\b")
# Kinds of body a generic name can stand for, resolved by the words of the bodies named ("the regulator").
TYPED_HEADS = frozenset({"regulator", "ministry", "minister", "president", "department", "agency", "commission",
                         "watchdog", "planner", "cabinet", "parliament", "legislature"})
# Generic bodies below the state ("local governments", "provincial authorities", "the municipal government").
LOCAL_HEADS = frozenset({"government", "authority"})
LOCAL_WORDS = frozenset({"local", "provincial", "municipal", "city", "regional"})
TYPED_AHEAD = frozenset({"president", "minister"})  # people a page may name only after "the president" (a live blog)
SUBJECT_WINDOW = 60  # how far into a sentence its subject may start ("On Saturday the commerce ministry ...")


class ActorContext:
    """The actor the article named last, for "the ministry", "the regulator", "It"."""

    def __init__(self, article_bodies: Callable[[], list[tuple[str, str]]] | None = None) -> None:
        self.actor: tuple[str, str] | None = None
        self.company_last = False
        self.sentence_index = -1
        self.paragraph = -1
        self.named_here: tuple[int, str, str] | None = None  # (paragraph, actor, country) of its last state word
        self.bodies: list[tuple[str, str]] = []  # (actor, country) of the bodies and people named so far, in order
        self.person: tuple[int, str, str] | None = None  # (sentence index, actor, country) of the last person named
        self._article_bodies = article_bodies  # the same over the whole article, read only when needed
        self._bodies_read: list[tuple[str, str]] | None = None

    def article_bodies(self) -> list[tuple[str, str]]:
        """(actor, country) of every body and person the article names, in text order."""
        if self._bodies_read is None:
            self._bodies_read = self._article_bodies() if self._article_bodies is not None else []
        return self._bodies_read

    def snapshot(self) -> "ActorContext":
        """A copy of the context as it stands before the next sentence is read."""
        copy = ActorContext(self._article_bodies)
        copy.__dict__.update(self.__dict__)
        copy.bodies = list(self.bodies)
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
        return ActorMention(0, 0, actor, country, "generic", None, "context")


def _body_of_kind(phrase: str, context: ActorContext, words: Mapping[str, frozenset[str]] | None
                  ) -> tuple[str, str] | None:
    """For a generic body of a kind ("the regulator", "the commerce ministry", "the president"): the body of that
    kind the article named last before it, else the first one it names at all (a live blog told newest first)."""
    if not words:
        return None
    said = re.findall(r"[a-z]+", phrase.lower())
    if not said:
        return None
    head = said[-1]
    head = head if head == "customs" else re.sub(r"ies$", "y", head) if head.endswith("ies") else head.rstrip("s")
    if head not in TYPED_HEADS:
        return None
    wanted = {head, *said[:-1]}
    for ahead in (False, True):
        if ahead and head not in TYPED_AHEAD:
            break
        pool = context.article_bodies() if ahead else reversed(context.bodies)
        fits = [body for body in pool if head in words.get(body[0], ())]
        if fits:
            return next((b for b in fits if wanted <= words.get(b[0], frozenset())), fits[0])
    return None


def _only_body_named(phrase: str, words: Mapping[str, frozenset[str]] | None,
                     aliases: tuple[Mapping[str, ActorAlias], ...] = ()) -> tuple[str, str] | None:
    """A generic body qualified by its field ("the internet regulator", "the market regulator", "the state planner")
    that the vocabulary gives to one body only: that body, wherever the article named it or not. A bare head ("the
    ministry") or a field several states' bodies share ("the trade ministry") names none."""
    said = [w for w in re.findall(r"[a-z]+", phrase.lower()) if w != "the"]
    if len(said) < 2 or not words:
        return None
    head = said[-1]
    head = re.sub(r"ies$", "y", head) if head.endswith("ies") else head.rstrip("s")
    if head in LOCAL_HEADS and LOCAL_WORDS & set(said):  # "local governments", "provincial authorities": the level
        wanted = {"local", "government"}  # of government the vocabulary knows for one state only
    elif head in TYPED_HEADS:
        wanted = {head, *said[:-1]}
    else:
        return None
    countries = {info.actor: info.country for table in aliases for info in table.values()
                 if info.kind in ("body", "person") and info.country}
    fits = [actor for actor, own in words.items() if wanted <= own and actor in countries]
    return (fits[0], countries[fits[0]]) if len(fits) == 1 else None


def _resolve_generic(mention: ActorMention, mentions: list[ActorMention], text: str,
                     context: ActorContext, paragraph: int, companies: list = (),
                     words: Mapping[str, frozenset[str]] | None = None,
                     aliases: tuple[Mapping[str, ActorAlias], ...] = (), acts: bool = True) -> ActorMention | None:
    """A generic body ("regulators", "officials", "local governments") with its country, from the nearest
    evidence: a country word just before it ("Chinese regulators") or just after it ("local governments
    in China's interior"), else the state the sentence names before it ("Beijing discouraged purchases:
    regulators told ..."), else the state last named in its paragraph, else the actor the article named
    last."""
    for other in reversed(mentions):
        if other.end <= mention.start and other.country and ATTACHED_GAP.match(text[other.end:mention.start]):
            return replace(mention, country=other.country, actor=f"{text[other.start:mention.end]}", basis="resolved")
        if other.end <= mention.start and other.country and PLACE_WHERE.match(text[other.end:mention.start]):
            return replace(mention, country=other.country, actor=f"{text[mention.start:mention.end]} ({other.actor})",
                           basis="resolved")
    if any(c.end <= mention.start and ATTACHED_GAP.match(text[c.end:mention.start]) for c in companies):
        return None  # "Nvidia officials": a company's people, not a state's
    for other in mentions:
        if other.start >= mention.end and other.country and GENERIC_OF.fullmatch(text, mention.end, other.start):
            return replace(mention, country=other.country, actor=f"{text[mention.start:other.end]}", basis="resolved")
    earlier = [m for m in mentions if m.end <= mention.start and m.country and m.preposition is None
               and not (m.kind == "country" and GOODS_AFTER.match(text, m.end))]  # "imports of advanced US chips"
    if earlier:
        return replace(mention, country=earlier[-1].country, actor=f"{earlier[-1].actor} ({text[mention.start:mention.end]})",
                       basis="resolved")
    typed = _body_of_kind(text[mention.start:mention.end], context, words)
    if typed is not None:  # "the regulator": the regulator the article named, not the state named last
        return replace(mention, actor=typed[0], country=typed[1], basis="paragraph")
    only = _only_body_named(text[mention.start:mention.end], words, aliases)
    if only is not None:  # "the internet regulator": the one body of that field the vocabulary knows
        return replace(mention, actor=only[0], country=only[1], basis="kind")
    if context.named_here is not None and context.named_here[0] == paragraph:
        _, actor, country = context.named_here
        return replace(mention, country=country, actor=actor, basis="paragraph")
    if context.actor is None:
        states = {country for _, country in context.article_bodies()} if acts else set()
        if len(states) == 1:  # "teams of inspectors were sent to major ports", in a page whose bodies are all one state's
            return replace(mention, country=states.pop(), actor=text[mention.start:mention.end], basis="context")
        return None
    actor, country = context.actor
    return replace(mention, country=country, actor=actor, basis="context")


def _owned_by_other_state(mention: ActorMention, before: ActorMention | None, text: str) -> bool:
    """A body written in lower case ("commerce ministry") right after another state's name or adjective."""
    return (before is not None and mention.kind == "body" and text[mention.start:mention.end].islower()
            and bool(before.country) and before.country != mention.country and before.kind in ("country", "adjective")
            and bool(ATTACHED_GAP.match(text[before.end:mention.start])))


def sentence_actors(sentence: Sentence, lexicon: PolicyLexicon, context: ActorContext, index: int,
                     companies: list, acts: bool = True) -> list[ActorMention]:
    """The sentence's actor mentions, generic ones resolved, updating the context as it reads. `acts`: the sentence
    holds a trigger (only then may a generic body with nothing else to go by take the one state the page's bodies
    belong to; a heading's "two governments" names no state)."""
    text = sentence.text
    raw = [m for m in find_actors(text, lexicon)  # "China" in "China Mobile" is a company's name, not the state
           if not any(c.start <= m.start and m.end <= c.end for c in companies)]
    resolved: list[ActorMention] = []
    pronoun = PRONOUN_SUBJECT.match(text)
    if pronoun and context.actor and not context.company_last and context.sentence_index >= index - 1:
        actor, country = context.actor
        resolved.append(ActorMention(0, text.find(" "), actor, country, "generic", None, "context"))
    person = context.person
    if PERSON_PRONOUN_SUBJECT.match(text) and person is not None and index - person[0] <= PERSON_REACH:
        resolved.append(ActorMention(0, text.find(" "), person[1], person[2], "generic", None, "context"))
    for position, mention in enumerate(raw):
        if mention.kind == "generic":
            # the mentions before it as resolved so far: "the internet regulator told ..., and local governments ..."
            mention = _resolve_generic(mention, resolved + raw[position:], text, context, sentence.paragraph,
                                       companies, lexicon.actor_words, (lexicon.actors_exact, lexicon.actors_folded),
                                       acts)
            if mention is None:
                continue
        elif _owned_by_other_state(mention, raw[position - 1] if position else None, text):
            # "Thailand's commerce ministry": a body named in lower case is the state's written before it
            other = raw[position - 1]
            mention = replace(mention, country=other.country, actor=text[other.start:mention.end], basis="resolved")
        elif mention.country and mention.kind in ("body", "person"):
            context.bodies.append((mention.actor, mention.country))
            if mention.kind == "person":
                context.person = (index, mention.actor, mention.country)
        resolved.append(mention)
    stated = [m for m in resolved if m.country and m.kind != "generic" and (m.preposition is None or m.kind == "adjective")]
    if stated:  # the state a later "officials" in this paragraph most likely belongs to
        context.named_here = (sentence.paragraph, stated[-1].actor, stated[-1].country)
    subjects = [(m.start, m) for m in resolved if m.preposition is None and m.kind != "adjective"
                and not (m.kind == "country" and possessive_of_other(m, text))]  # "enhancing Japan's military
    # capabilities" names no subject ("Trump's first year:" over a timeline still names its actor)
    subjects += [(c.start, c) for c in companies if not PREPOSITION_BEFORE.search(text, 0, c.start)]
    if subjects:  # only a sentence's opening subject sets the context; objects ("describing Washington's ...") do not
        start, first = min(subjects, key=lambda item: item[0])
        if start <= SUBJECT_WINDOW:
            if isinstance(first, ActorMention):
                context.note(first.actor, first.country, index, sentence.paragraph)
            else:
                context.company_last = True
    return resolved


def possessive_of_other(mention: ActorMention, text: str) -> bool:
    """ "China's Huawei", "America's chipmakers": a state named as the owner of something that does not act
    for it ("Washington's decision", "Beijing's regulators" do)."""
    follow = POSSESSIVE_FOLLOW.match(text, mention.end)
    return bool(follow) and not follow["noun"]
