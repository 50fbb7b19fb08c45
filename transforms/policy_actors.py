"""Who acted: the state behind each policy trigger of a sentence.

`choose_actor` picks the state behind one trigger from the sentence's actor mentions (found and resolved by
`transforms.policy_mentions.sentence_actors`): one attached to it ("US export curbs", "China's commerce
ministry"), else the subject of its clause, the agent after "by", a national adjective before a state noun;
`table_row_actor` reads the "Who" cell of a timeline table. One actor per clause: a state named in another
clause, or inside the object of the trigger ("adds Chinese GPU designers to the Entity List"), is not the actor.
"""
from __future__ import annotations

import re

from transforms.policy_dates import CLAUSE_BOUNDARY, LEADING_SUBCLAUSE
from transforms.policy_fold import Candidate
from transforms.policy_lexicon import PREPOSITION_BEFORE, ActorMention, TriggerMatch
from transforms.policy_mentions import ATTACHED_GAP, possessive_of_other

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
# A relative clause whose subject is the mention before it ("pressure from Washington, which imposed ...").
RELATIVE_SUBJECT = re.compile(r",?\s+(?:which|who)\b", re.I)
# Possessive or adjectival attachment ("Washington's decision", "US export curbs"): holds even after a preposition.
POSSESSIVE_GAP = re.compile(r"^(?:['’]s?)?\s*(?:[\w-]+\s+)?$")
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
# Where a new main clause starts (", and Microsoft said ..."): an adjective before it qualifies another clause's noun.
JOINED_CLAUSE = re.compile(r",\s+(?:and|but|while|whereas)\s")
VAGUE_SUBJECT = re.compile(r"\b(?:some|other|many|several|most|few|various|allied|western|foreign|those)\s+"
                           r"(?:[\w-]+\s+)?(?:countries|governments|nations|states|jurisdictions)\b[^,;:]*$", re.I)
PASSIVE_BY = re.compile(r"\b(?:been|was|were|is|are|be|being)\s+(?:\w+ly\s+)?[a-z]+(?:ed|en|ld|ght|ld)\s+by\s+(?:the\s+)?$")
# Prepositions after which a body or person is no subject: "the truce struck between the two presidents and Donald
# Trump", "talks with the Commerce Department" ("by" names the agent of a passive, read apart).
# Round 8: a state named right after a verb of sending or telling is its addressee, not its subject ("Washington sent
# Kuala Lumpur a letter setting a 25% tariff"); a state that sent the letter a passive names is its agent ("was told in
# a letter from Washington that its goods would face a tariff").
ADDRESSEE_BEFORE = re.compile(r"\b(?:sent|sends|send|sending|told|tells|informed|informs|notified|notifies|handed|hands|"
                              r"gave|gives|wrote|writes|warned|warns)\s+$", re.I)
SENDER_BEFORE = re.compile(r"\b(?:was|were|been|being)\s+(?:told|informed|notified|warned|advised)\s+(?:in|by|via|through)\s+"
                           r"(?:a|an|the)\s+(?:\w+\s+)?(?:letter|notice|note|message|notification|cable|memo)\s+from\s+(?:the\s+)?$",
                           re.I)
UNDER_BEFORE = re.compile(r"\bunder\s+$", re.I)
NEVER_SUBJECT = frozenset({"by", "between", "with", "against", "than", "like", "including", "towards", "toward"})
SAME_KIND_REACH = 6  # paragraphs back that the last actor of an instrument still stands for an unnamed one



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
                and not possessive_of_other(m, text) and not reacts_to(m, trigger, text)
                and not ADDRESSEE_BEFORE.search(text, max(0, m.start - 12), m.start)
                and not (ANSWERED_BEFORE.search(text, max(0, m.start - 40), m.start)
                         and PAST_ANSWERED.search(text, m.end, trigger.start))]
    senders = [m for m in before if m.kind != "adjective" and m.start >= clause_start
               and SENDER_BEFORE.search(text, max(0, m.start - 90), m.start)]
    if senders:  # "was told in a letter from Washington that ...": the sender, not the subject told
        return senders[-1]
    if subjects:
        return subjects[-1]
    for m in reversed(before):  # the agent of a passive before it: "have been told by Chinese officials that ..."
        if m.preposition == "by" and m.start >= clause_start and PASSIVE_BY.search(text, 0, m.start):
            return m
    inside = [m for m in mentions if m.start >= trigger.start and m.end <= trigger.end
              and ((m.preposition in (None, "of")  # "the third phase of the Big Fund was established"
                    or m.preposition == "in" and trigger.instrument == "legislation")  # "introduced in the House"
                   and m.kind in ("body", "person", "generic")  # "adds Chinese GPU designers to ...": the object
                   or m.preposition == "by" and m.kind != "adjective")]  # round 8: "were told by Beijing to stop ..."
    if inside:  # "the package of rules the US Commerce Department published"
        return inside[0]
    regime = [m for m in mentions if trigger.start <= m.start and m.end <= trigger.end and m.kind in ("country", "adjective")
              and UNDER_BEFORE.search(text, max(0, m.start - 8), m.start)]
    if regime:  # round 8: "come under Dutch rather than US licensing": the state whose regime the goods move under
        return regime[0]
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


# A state named as the one answered ("answering US semiconductor restrictions with tools of its own: probes ...",
# "in retaliation for Washington's curbs, China opened ..."): the owner of what is answered, no subject of what follows.
ANSWERED_BEFORE = re.compile(r"\b(?:answer(?:ing|ed|s)?|respond(?:ing|ed|s)?\s+to|in\s+response\s+to|retaliat(?:ion|ing|ed|es)\s+"
                             r"(?:for|against)|counter(?:ing|ed|s)?|hit(?:ting|s)?\s+back\s+at)\s+(?:the\s+|a\s+)?$", re.I)


PAST_ANSWERED = re.compile(r"\bwith\b|[:;,]")  # where the answer begins ("... restrictions with tools of its own: ...")


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
