"""Who acted: the state behind each policy trigger of a sentence.

`sentence_actors` finds a sentence's actor mentions (from seeds/policy_actors.csv) and resolves the
generic ones ("regulators", "officials", "local governments") to a state; `choose_actor` picks the
state behind one trigger: one attached to it ("US export curbs", "China's commerce ministry"), else the
subject of its clause, the agent after "by", a national adjective before a state noun; `ActorContext`
remembers the actor the article named last, for "the ministry", "It" and sentences that name none.
One actor per clause: a state named in another clause, or inside the object of the trigger ("adds
Chinese GPU designers to the Entity List"), is not the actor.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Mapping

from transforms.policy_dates import CLAUSE_BOUNDARY, LEADING_SUBCLAUSE
from transforms.policy_fold import Candidate
from transforms.policy_lexicon import (PREPOSITION_BEFORE, ActorAlias, ActorMention, PolicyLexicon, TriggerMatch,
                                      find_actors)
from transforms.sentences import Sentence

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
# ... when the trigger tells them something or gives them money ("Chinese groups barred from buying" are barred by
# whoever bars them, not by China).
TOLD_WORD = re.compile(r"\b(?:told|tell|instruct\w*|urg\w*|ask\w*|order\w*|direct\w*|advis\w*|encourag\w*|"
                       r"guidance|guidelines|subsid\w*|support|grants?|vouchers|funding|incentives?)\b", re.I)
# Words before an adjective that make its noun an object or a part: "most of them Chinese", "are Chinese".
OBJECT_BEFORE = re.compile(r"\b(?:of\s+them|are|is|were|was|mostly|largely)\s+$", re.I)
# What joins a generic body to the state after it: "local governments in China's ...", "authorities of Japan".
GENERIC_OF = re.compile(r"\s+(?:in|of|across)\s+(?:the\s+)?")
# A place and the clause about what happens there: "depend on Beijing, where customs officials told ...".
PLACE_WHERE = re.compile(r"^,?\s+(?:where|in\s+which)\s+(?:the\s+|its\s+)?(?:[a-z]+\s+)?$")
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
PRONOUN_SUBJECT = re.compile(r"^(?:It|They)\s+(?:also\s+|then\s+|later\s+|had\s+|has\s+|have\s+)?"
                             r"(?!(?:is|was|seems|remains|looks)\b)[a-z]+(?:ed|s)\b")  # not "It is the third round"
# The verb of a relative clause right after its subject: "Beijing has ever assembled", "Tokyo imposed".
CLAUSE_VERB_AFTER = re.compile(r"\s+(?:(?:has|have|had)\s+)?(?:ever\s+|already\s+|just\s+|first\s+)?[a-z]+ed\b")
# A reporting verb after the actor that closes a sentence ("..., the ministry said.").
SAID_AFTER = re.compile(r"\s+(?:said|says|announced|confirmed|stated)\b")
# How a bill reaches a chamber, right before the chamber is named.
TABLED_BEFORE = re.compile(r"[\s,]*(?:\w+\s+)?(?:introduced|filed|tabled|passed|approved|adopted|advanced)\s+(?:in|by)\s+"
                           r"(?:the\s+)?")
# A clause that tells when a measure began, whose subject took it: "..., when the ministry first ...".
WHEN_BEFORE = re.compile(r"\bwhen\s+(?:the\s+)?$")
# What joins two states in one subject: "Japan and the Netherlands", "the US, Japan and".
COORDINATION = re.compile(r"^(?:,\s*|\s+and\s+(?:the\s+)?|,\s+and\s+(?:the\s+)?)$", re.I)
# Policy verbs whose object is a company: a company after one is the target, not the subject.
OBJECT_VERB_BEFORE = re.compile(r"\b(?:adds|added|adding|puts|put|placed|places|placing|blacklist(?:s|ed)|sanction(?:s|ed)|"
                                r"targets|targeted|hits|hit|bars|barred|bans|banned|summon(?:s|ed)|told|tells|"
                                r"order(?:s|ed)|urg(?:es|ed)|ask(?:s|ed)|fin(?:es|ed)|investigat(?:es|ed|ing)|prob(?:es|ed|ing)|"
                                r"charg(?:es|ed)|accus(?:es|ed)|nam(?:es|ed)|list(?:s|ed)|including)\b[^.;]*$", re.I)
# A verb opening a trigger ("suspends its measures") or standing in the gap before it ("has now opened").
VERB_AT = re.compile(r"(?:[a-z]+(?:es|ed|s)|told|sent|put|set|cut|made|gave|took|held|froze|shut|struck|began|let|"
                     r"kept|laid|sold|bought|brought|withdrew|forbade)\b(?!\s+(?:on|to|of)\b)")  # "officials told ..."
VERB_IN = re.compile(r"\b(?:has|have|had|will|would|is|are|was|were|[a-z]+ed)\b")
# Verbs of comment: their subject speaks about a measure, it does not take it.
COMMENT_VERB = re.compile(r"\b(?:criticis|criticiz|condemn|oppos|protest|slam|denounc|decr|lambast|blast|deplor|"
                          r"complain|object|welcom|prais|hail|applaud|question|challeng|lament|lobb)\w*\b", re.I)
# A verb of its own after the comment: "condemned the move and imposed tariffs", "criticised it, then announced".
OWN_VERB_AFTER = re.compile(r"(?:,|\band\b|\bbut\b|\bthen\b|\bbefore\b|\bwhile\b)\s+(?:\w+\s+)?"
                            r"(?:(?:has|have|had|will|would|also|later|quickly)\s+)?[a-z]+(?:ed|s)\b", re.I)
# Goods right after a state's name: the state says where they come from ("advanced US chips"), it does not act.
GOODS_AFTER = re.compile(r"\s+(?:[a-z][\w-]*\s+)?(?:chips|goods|products|semiconductors|processors|equipment|tools|"
                         r"technology|technologies|imports|exports|components|parts|items|hardware)\b")
# Where a new main clause starts (", and Microsoft said ..."): an adjective before it qualifies another clause's noun.
JOINED_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas)\s")
# Kinds of body a generic name can stand for, resolved by the words of the bodies named ("the regulator").
TYPED_HEADS = frozenset({"regulator", "ministry", "minister", "president", "department", "agency", "commission",
                         "watchdog", "planner", "cabinet", "parliament", "legislature"})
# Generic bodies below the state ("local governments", "provincial authorities", "the municipal government").
LOCAL_HEADS = frozenset({"government", "authority"})
LOCAL_WORDS = frozenset({"local", "provincial", "municipal", "city", "regional"})
TYPED_AHEAD = frozenset({"president", "minister"})  # people a page may name only after "the president" (a live blog)
VAGUE_SUBJECT = re.compile(r"\b(?:some|other|many|several|most|few|various|allied|western|foreign|those)\s+"
                           r"(?:[\w-]+\s+)?(?:countries|governments|nations|states|jurisdictions)\b[^,;:]*$", re.I)
PASSIVE_BY = re.compile(r"\b(?:been|was|were|is|are|be|being)\s+(?:\w+ly\s+)?[a-z]+(?:ed|en|ld|ght|ld)\s+by\s+(?:the\s+)?$")
# Prepositions after which a body or person is no subject: "the truce struck between the two presidents and Donald
# Trump", "talks with the Commerce Department" ("by" names the agent of a passive, read apart).
NEVER_SUBJECT = frozenset({"by", "between", "with", "against", "than", "like", "including", "towards", "toward"})
SAME_KIND_REACH = 6  # paragraphs back that the last actor of an instrument still stands for an unnamed one
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
        resolved.append(mention)
    stated = [m for m in resolved if m.country and m.kind != "generic" and (m.preposition is None or m.kind == "adjective")]
    if stated:  # the state a later "officials" in this paragraph most likely belongs to
        context.named_here = (sentence.paragraph, stated[-1].actor, stated[-1].country)
    subjects = [(m.start, m) for m in resolved if m.preposition is None and m.kind != "adjective"
                and not (m.kind == "country" and _possessive_of_other(m, text))]  # "enhancing Japan's military
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


def choose_actor(trigger: TriggerMatch, mentions: list[ActorMention], text: str) -> ActorMention | None:
    """The state behind a trigger (see the module docstring for the order of preference)."""
    before = [m for m in mentions if m.end <= trigger.start or m.start < trigger.start < m.end]
    for m in reversed(before):  # attached: "US export curbs", "the Biden administration's new export controls"
        gap = text[m.end:trigger.start]
        if "," in gap or not ATTACHED_GAP.match(gap) or reacts_to(m, trigger, text):
            continue
        if m.kind == "adjective" and gap.strip() and VERB_AT.match(text, trigger.start):
            continue  # "Chinese groups barred from buying": the groups are the object of the verb
        if m.preposition is None or gap.strip() == "" or gap.startswith(("'", "’")):
            return m
    for m in reversed(before):  # "pressure from Washington, which in October imposed ..."
        rel = RELATIVE_SUBJECT.match(text, m.end)
        if rel and not any(o.start >= rel.end() and o.end <= trigger.start and o.kind != "adjective" and
                           o.preposition is None for o in before):
            return m
    clause_start = max(text.rfind(";", 0, trigger.start), -1) + 1
    sub = LEADING_SUBCLAUSE.match(text)  # "After the administration scrapped the rule, Chinese groups ...": the
    if sub and trigger.start >= sub.end():  # subordinate clause's subject is not the main clause's
        clause_start = max(clause_start, sub.end())
    opening = [m for m in mentions if m.start == trigger.start and m.kind in ("body", "person", "generic")]
    if opening:  # the trigger opens with its own subject: "..., where customs officials were reported to have told"
        return opening[0]
    subjects = [m for m in before if m.start >= clause_start and m.kind != "adjective"
                and (m.preposition is None or m.kind in ("body", "person", "generic") and m.preposition not in NEVER_SUBJECT)
                and not _possessive_of_other(m, text) and not reacts_to(m, trigger, text)]
    if subjects:
        return subjects[-1]
    for m in reversed(before):  # the agent of a passive before it: "have been told by Chinese officials that ..."
        if m.preposition == "by" and m.start >= clause_start and PASSIVE_BY.search(text, 0, m.start):
            return m
    inside = [m for m in mentions if m.start >= trigger.start and m.end <= trigger.end
              and m.preposition in (None, "of")  # "the third phase of the Big Fund was established"
              and m.kind in ("body", "person", "generic")]  # "adds Chinese GPU designers to ...": the object
    if inside:  # "the package of rules the US Commerce Department published"
        return inside[0]
    after = [m for m in mentions if m.start >= trigger.end]
    for m in after:  # passive agent: "restrictions imposed by Washington"
        if m.preposition == "by" and m.start - trigger.end < 60:
            return m
    for m in after:  # relative clause: "the rules the US Commerce Department published"
        between = text[trigger.end:m.start]
        if m.preposition is None and len(between) < 40 and "," not in between and (
                m.kind in ("body", "person") or m.kind == "country" and CLAUSE_VERB_AFTER.match(text, m.end)):
            return m  # "the biggest support programme Beijing has ever assembled": a state as the clause's subject
    for m in after:  # a reporting clause at the end: "..., the Commerce Department said."
        if m.preposition is None and m.kind in ("body", "person", "country") and SAID_AFTER.match(text, m.end):
            return m
    for m in after:  # a bill and its chamber: "The Chip Security Act, introduced in the Senate by ..."
        if m.kind == "body" and m.preposition in ("in", "by") and TABLED_BEFORE.fullmatch(text, trigger.end, m.start):
            return m
    for m in after:  # "chip restrictions since 2022, when the Biden administration first limited sales"
        if m.preposition is None and m.kind in ("body", "person") and WHEN_BEFORE.search(text, trigger.end, m.start):
            return m
    adjectives = [m for m in before if m.kind == "adjective" and m.preposition is None and m.start >= clause_start
                  and not OBJECT_BEFORE.search(text, 0, m.start) and not JOINED_CLAUSE.search(text, m.end, trigger.start)
                  and (STATE_NOUN_AFTER.match(text, m.end) or trigger.instrument in ADJECTIVE_TOLD
                       and TOLD_WORD.search(text, trigger.start, trigger.end)
                       and ADJECTIVE_OF_SUBJECT.match(text, m.end))]
    return adjectives[0] if adjectives else None  # the subject's adjective comes first ("Chinese groups told ...")


def reacts_to(mention: ActorMention, trigger: TriggerMatch, text: str) -> bool:
    """The mention is the subject of a verb of comment whose object holds the trigger ("lawmakers in Washington
    criticised the new export controls", "Beijing condemned curbs announced on Monday"): it commented on the act,
    someone else took it. Not when a verb of its own follows ("condemned the move and imposed tariffs")."""
    gap = text[mention.end:trigger.start]
    said = COMMENT_VERB.search(gap)
    return said is not None and not OWN_VERB_AFTER.search(gap, said.end())


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


def vague_subject(trigger: TriggerMatch, text: str) -> bool:
    """The clause's subject is states unnamed ("some countries have tightened export restrictions"): no state to
    take from the context."""
    return bool(VAGUE_SUBJECT.search(text, 0, trigger.start))


def company_subject(trigger: TriggerMatch, companies: list, text: str) -> bool:
    """A company named before the trigger as a subject ("Nvidia halted shipments"): the act is not a state's
    (in "adds Biren to the Entity List" the company is the object)."""
    return any(c.end <= trigger.start and not PREPOSITION_BEFORE.search(text, 0, c.start)
               and not OBJECT_VERB_BEFORE.search(text, max(0, c.start - 60), c.start) for c in companies)


def last_actor_of(instrument: str, found: list[Candidate], paragraph: int) -> ActorMention | None:
    """The state that took the article's last action of this kind, for a sentence that names no actor
    ("A third package restricts sales ..." in a timeline of one state's rules), within a few paragraphs."""
    for cand in reversed(found):  # in text order: stop at the first one too far back
        if paragraph - cand.sentence.paragraph > SAME_KIND_REACH:
            return None
        if cand.trigger.instrument == instrument:
            return ActorMention(0, 0, cand.actor, cand.country, "generic", None, "kind")
    return None


def subject_of_own_clause(actor: ActorMention, trigger: TriggerMatch, text: str) -> bool:
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


def attached(actor: ActorMention, trigger: TriggerMatch, text: str) -> bool:
    """The actor names the action itself ("the SAMR investigation", "Beijing's guidance")."""
    if actor.end > trigger.start or actor.end == 0:
        return False
    gap = text[actor.end:trigger.start]
    return "," not in gap and bool(POSSESSIVE_GAP.match(gap))


# A table row: " | "-separated cells on one line.
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
# What may join the bodies of one cell besides their names: "MOFCOM, General Administration of Customs", "BIS / State".
CELL_GLUE = re.compile(r"^[\s,;/&+()]*(?:(?:and|with|the)\b[\s,;/&+()]*)*$", re.I)


def table_row_actor(mentions: list[ActorMention], text: str) -> ActorMention | None:
    """The actor a timeline table's row names in a cell of its own (a "Who" / "Body" column: "| Mar 9, 2025 | 23
    firms added to the Entity List | BIS |"): that cell's first body, which acts for every trigger of the row, whatever
    state its description names ("23 Chinese firms"). None when the line is no table row or no cell is only bodies."""
    if not TABLE_ROW.match(text):
        return None
    bars = [i for i, ch in enumerate(text) if ch == "|"]
    for lo, hi in zip(bars, bars[1:]):
        inside = [m for m in mentions if lo < m.start and m.end <= hi and m.country and m.preposition is None
                  and m.kind in ("body", "person", "country")]
        if not inside:
            continue
        cursor, glue = lo + 1, True
        for m in inside:
            glue = glue and bool(CELL_GLUE.match(text[cursor:m.start]))
            cursor = m.end
        if glue and CELL_GLUE.match(text[cursor:hi]):
            return inside[0]
    return None
